-- purportedly corpus store (SQLite). One row per stored article plus one table per part of its Analysis.
-- Every child table cascades from articles, so deleting an article removes all of it.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    identity     TEXT NOT NULL UNIQUE,      -- 'url:<url>' or 'sha256:<normalised text hash>'
    document     TEXT NOT NULL,
    title        TEXT,
    date         TEXT,                      -- ISO YYYY-MM-DD
    outlet       TEXT,
    authors      TEXT NOT NULL DEFAULT '[]', -- JSON list
    url          TEXT,
    language     TEXT,
    input_format TEXT,
    text         TEXT NOT NULL,
    analysis     TEXT NOT NULL,             -- the whole Analysis as JSON (the source of truth)
    ingested_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_outlet_folded ON articles(lower(outlet));  -- the outlet filter
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);

CREATE TABLE IF NOT EXISTS segments (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE IF NOT EXISTS quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id   TEXT NOT NULL,               -- the id inside the article's Analysis
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    speaker    TEXT,
    cue        TEXT,
    segment    TEXT,
    nested_in  TEXT,
    paragraph  INTEGER,
    UNIQUE (article_id, quote_id)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_speaker_folded ON quotes(lower(speaker));  -- the speaker filter

CREATE TABLE IF NOT EXISTS sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (name, kind)
);

CREATE TABLE IF NOT EXISTS article_sources (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    local_id   TEXT NOT NULL,               -- the Source id inside the article's Analysis
    aliases    TEXT NOT NULL DEFAULT '[]',  -- JSON list, as written in this article
    mentions   INTEGER NOT NULL DEFAULT 0,
    hedged     INTEGER NOT NULL DEFAULT 0,  -- of those mentions, how many sit in a hedged sentence
    PRIMARY KEY (article_id, local_id)
);
-- the source filter: a source's citing articles from the index alone (schema 6; it replaces
-- article_sources_source, which had to read each row for its article id)
CREATE INDEX IF NOT EXISTS article_sources_cited ON article_sources(source_id, article_id);
DROP INDEX IF EXISTS article_sources_source;

CREATE TABLE IF NOT EXISTS claims (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id   TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    quote_id   TEXT,
    certainty  TEXT NOT NULL,
    polarity   TEXT NOT NULL,
    factuality TEXT NOT NULL,               -- FactBank code
    cues       TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, claim_id)
);
CREATE INDEX IF NOT EXISTS claims_certainty ON claims(certainty);
CREATE INDEX IF NOT EXISTS claims_factuality ON claims(factuality);  -- facets probe each code

CREATE TABLE IF NOT EXISTS chain_links (
    claim_row  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,            -- 0 = original speaker ... last = article
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    source_id  TEXT,                        -- local Source id inside the article
    PRIMARY KEY (claim_row, position)
);
CREATE INDEX IF NOT EXISTS chain_links_speaker ON chain_links(lower(name)) WHERE role = 'speaker';

CREATE TABLE IF NOT EXISTS entities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (name, type)
);

CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);

CREATE TABLE IF NOT EXISTS entity_mentions (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_mentions_article ON entity_mentions(article_id);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity_id);

-- One row per entity per article: what the entities page tallies (articles naming it, mentions,
-- aliases and descriptors as this article gives them, JSON lists), without reading any Analysis.
CREATE TABLE IF NOT EXISTS article_entities (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    mentions    INTEGER NOT NULL DEFAULT 0,
    aliases     TEXT NOT NULL DEFAULT '[]',
    descriptors TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, entity_id)
);
-- the entities page: an entity's articles and spellings, without reading the whole table
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id, article_id);

CREATE TABLE IF NOT EXISTS counts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    qualifier  TEXT,
    what       TEXT,
    event      TEXT,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    place      TEXT,
    time       TEXT
);
CREATE INDEX IF NOT EXISTS counts_article ON counts(article_id);

CREATE TABLE IF NOT EXISTS times (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    value        TEXT,
    granularity  TEXT,
    period_start TEXT,
    period_end   TEXT,
    anchor       TEXT
);
CREATE INDEX IF NOT EXISTS times_value ON times(value);

CREATE TABLE IF NOT EXISTS places (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    resolved     INTEGER NOT NULL,
    geonameid    INTEGER,
    latitude     REAL,
    longitude    REAL,
    country_code TEXT,
    feature      TEXT
);

CREATE TABLE IF NOT EXISTS glossary (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    term       TEXT NOT NULL,
    meaning    TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    category   TEXT
);

CREATE TABLE IF NOT EXISTS hedges (
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    cue            TEXT NOT NULL,
    category       TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL
);
-- the search result list counts each article's hedges
CREATE INDEX IF NOT EXISTS hedges_article ON hedges(article_id);

-- What cross-article analysis reads of each article (purportedly/corpus/features.py), written at
-- ingest so the corpus functions never load whole analyses: story shingles and their MinHash
-- signature, anchor names, entities, counts with their attribution, dated sentences (JSON text).
-- A row older than the code's features version is recomputed from the analysis.
CREATE TABLE IF NOT EXISTS article_features (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    signature  BLOB,                      -- MinHash hash values (uint64 x 128); NULL: no story words
    shingles   TEXT NOT NULL DEFAULT '[]',
    anchors    TEXT NOT NULL DEFAULT '[]',
    entities   TEXT NOT NULL DEFAULT '[]',
    counts     TEXT NOT NULL DEFAULT '[]',
    events     TEXT NOT NULL DEFAULT '[]'
);

-- The recordings each article retells (purportedly/claims/recordings.py; JSON list of Recording),
-- written with the features and at the same version, read by purportedly/corpus/recordings.py.
CREATE TABLE IF NOT EXISTS article_recordings (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    recordings TEXT NOT NULL DEFAULT '[]'
);

-- Corroboration kept at ingest (purportedly/corpus/claim_links.py): a claim's wording (its content
-- words, sorted; copies share it), the wordings it matches (both ways), its claims, and the index
-- of its rarest words by which new wordings find it.
CREATE TABLE IF NOT EXISTS claim_wordings (
    id      INTEGER PRIMARY KEY,
    bag     TEXT NOT NULL UNIQUE,
    figures TEXT NOT NULL DEFAULT ''        -- the figures it gives, space separated
);
CREATE TABLE IF NOT EXISTS wording_links (
    wording_id INTEGER NOT NULL,
    other_id   INTEGER NOT NULL,
    PRIMARY KEY (wording_id, other_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claim_wording (
    claim_row  INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    wording_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_wording_wording ON claim_wording(wording_id, claim_row);
CREATE TABLE IF NOT EXISTS wording_words (
    word       TEXT NOT NULL,
    wording_id INTEGER NOT NULL,
    PRIMARY KEY (word, wording_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS errors (
    id      INTEGER PRIMARY KEY,
    input   TEXT NOT NULL,
    line    INTEGER,
    message TEXT NOT NULL,
    time    TEXT NOT NULL,
    UNIQUE (input, line, message)
);

-- Full-text search over article text, quotes and claims (schema 8: external content). The text
-- is read from articles, quotes and claims through search_content, never stored a second time;
-- the rowid says the kind: articles.id, quotes.id + 2^40, claims.id + 2^41 (see sqlite.SEARCH_ROWID),
-- and the two expression indexes let the full-text index find a quote's or claim's text by it.
CREATE INDEX IF NOT EXISTS quotes_search_rowid ON quotes(id + 1099511627776);
CREATE INDEX IF NOT EXISTS claims_search_rowid ON claims(id + 2199023255552);
CREATE VIEW IF NOT EXISTS search_content AS
SELECT id AS rid,
       CASE WHEN coalesce(title, '') = '' THEN text WHEN text = '' THEN title
            ELSE title || char(10) || text END AS body,  -- as rows.insert_article joins them
       'article' AS kind, id AS row_id, id AS article_id
FROM articles
UNION ALL SELECT id + 1099511627776, text, 'quote', id, article_id FROM quotes
UNION ALL SELECT id + 2199023255552, text, 'claim', id, article_id FROM claims;
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    body,
    kind UNINDEXED,
    row_id UNINDEXED,
    article_id UNINDEXED,
    content = 'search_content', content_rowid = 'rid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- The same text indexed per kind, for the workspace's paging at archive scale: an article search
-- must not read past every quote and claim row of search_index to find the article rows. External
-- content (the text stays in articles/claims only); rowid = articles.id / claims.id.
CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5(
    title, text, content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS claim_text USING fts5(
    text, content = 'claims', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Views for browsing with `datasette corpus.db`.
CREATE VIEW IF NOT EXISTS quotes_with_speakers AS
SELECT q.id, a.document, a.outlet, a.date, q.kind, q.speaker, q.cue, q.text AS quote, a.title
FROM quotes q JOIN articles a ON a.id = q.article_id;

CREATE VIEW IF NOT EXISTS claims_with_chains AS
SELECT c.id, a.document, a.outlet, a.date, c.text AS claim, c.factuality, c.certainty, c.polarity,
       (SELECT group_concat(l.name || ' (' || l.role || ')', ' -> ')
          FROM (SELECT name, role FROM chain_links WHERE claim_row = c.id ORDER BY position) l) AS chain
FROM claims c JOIN articles a ON a.id = c.article_id;

CREATE VIEW IF NOT EXISTS sources_by_articles AS
SELECT s.name, s.kind, count(DISTINCT x.article_id) AS articles, group_concat(DISTINCT a.outlet) AS outlets
FROM sources s JOIN article_sources x ON x.source_id = s.id JOIN articles a ON a.id = x.article_id
GROUP BY s.id ORDER BY articles DESC;

CREATE VIEW IF NOT EXISTS counts_with_articles AS
SELECT a.document, a.outlet, a.date, c.number, c.qualifier, c.what, c.event, c.place, c.time, c.text
FROM counts c JOIN articles a ON a.id = c.article_id;
