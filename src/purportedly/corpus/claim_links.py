"""Corroboration kept at ingest: each new claim finds the claims it retells through an index.

``corroboration`` groups the claims of the whole corpus at once (fuzzy wording inside one story,
shared quotes, copies), which at archive scale is minutes of work on every new version of the
corpus. Here a claim's wording is linked when its article is stored, and the claim page reads the
claim's reports with indexed SQL:

* a *wording* is a claim's content words, as a sorted set (``claim_wordings``; copies of one text
  share theirs). Its claims are listed in ``claim_wording``.
* two wordings are one claim when they share ``MIN_SHARED_WORDS`` content words, one of them rare
  (``RARE_ZIPF``), their token-set ratio passes ``CLAIM_CUTOFF`` and, when both give figures, one
  figure is the same: the rule of ``corroboration`` for two wordings of one story, plus the rare word.
  Matching wordings are linked both ways (``wording_links``).
* candidates come from an index of words (``wording_words``) by prefix filtering: words ordered by a
  fixed reference frequency (wordfreq's English list, rarest first, ties by the word), two sets
  sharing k words share a word among the first ``len - k + 1`` of each, so only those are indexed
  and probed. The order never depends on the corpus, so the links found are the pairs that pass,
  whatever order the articles came in (``tests/test_claim_links.py``: two batches, one batch).
* a claim's reports are the claims of its wording and of the wordings linked to it: direct
  matches, never followed further. Without stories to bound them, chains of matches join the stock
  phrases of a genre across unrelated events (2,000 generated articles: one component of 7,685
  claims when they were followed).

What this does not do, unlike ``corroboration``: wordings are not limited to one story, claims
resting on one matched quote are not joined unless their wordings match, and copies of one text
are not folded into one report (``mirrors`` stays empty). ``meta.claim_links_through`` records the
last article linked: ``link_claims`` links every article after it, so a store made before these
tables catches up on its next ingest, and a reader knows whether the links are current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from purportedly.corpus.common import figures_in
from purportedly.corpus.corroboration import (
    CLAIM_CUTOFF,
    MIN_SHARED_WORDS,
    CorroboratedClaim,
    _collect,
    _origin_bearing,
    distinct_origins,
    representative_wording,
)
from purportedly.corpus.features import ArticleMeta, ClaimRow
from purportedly.model import ChainLink
from purportedly.names import content_words

if TYPE_CHECKING:
    from collections.abc import Iterator

    from purportedly.store.core import Store
    from purportedly.store.dialect import Session

THROUGH_KEY = "claim_links_through"  # meta: the highest article id whose claims are linked
LINK_PAGE = 200  # articles linked per transaction
# ``corroboration`` compares wordings inside one story only; here no story is known at ingest, and
# the token-set ratio (a short wording inside a longer one scores 100) chains the stock phrases of
# a genre ("the strike killed ... soldiers near ...") across unrelated events. Two
# wordings must also share a word rarer than this in English (wordfreq's Zipf scale: a place, a
# person, an agency; "killed" is 5.2, "shelling" 3.2, "SBU" 2.4, a village below 2): what a story's
# retellings share and two stories of one genre do not.
RARE_ZIPF = 3.0


@lru_cache(maxsize=65536)
def _rarity(word: str) -> tuple[float, str]:
    return (zipf_frequency(word, "en"), word)


def wording_of(text: str) -> list[str]:
    """A claim's content words, distinct, rarest first by the fixed reference order."""
    return sorted(set(content_words(text)), key=_rarity)


def prefix_of(words: list[str]) -> list[str]:
    """The words indexed and probed: any set sharing MIN_SHARED_WORDS words shares one of them."""
    return words[: len(words) - MIN_SHARED_WORDS + 1]


def _figures(text: str) -> str:
    return " ".join(str(n) for n in sorted(figures_in(text)))


def _match(words: list[str], bag: str, figures: str, other: Any) -> bool:
    """The ``corroboration`` rule for two wordings (shared words, token-set ratio, figures), and one
    shared rare word standing for its story (see RARE_ZIPF)."""
    other_words = other["bag"].split()
    shared = set(words) & set(other_words)
    if len(shared) < MIN_SHARED_WORDS or not any(_rarity(w)[0] < RARE_ZIPF for w in shared):
        return False
    if fuzz.token_set_ratio(bag, " ".join(sorted(other_words))) < CLAIM_CUTOFF:
        return False
    # "Twelve people were killed" does not corroborate "At least 14 people were killed"
    return not (figures and other["figures"] and not set(figures.split()) & set(other["figures"].split()))


def links_current(store: Store) -> bool:
    """Whether every stored article's claims are linked (the claim page may read them)."""
    if not store.dialect.has_table(store.session, "claim_wordings"):
        return False
    row = store.session.one("SELECT value FROM meta WHERE key = ?", (THROUGH_KEY,))
    last = store.session.one("SELECT max(id) AS last FROM articles")
    through = int(row["value"]) if row else 0
    return through >= int((last and last["last"]) or 0)


def link_claims(store: Store) -> int:
    """Link the claims of every article stored after the last one linked, in id order, a page of
    articles per transaction; returns how many articles were linked."""
    linked = 0
    while True:
        with store.transaction() as db:
            row = db.one("SELECT value FROM meta WHERE key = ?", (THROUGH_KEY,))
            through = int(row["value"]) if row else 0
            page = [
                r["id"]
                for r in db.execute(
                    "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (through, LINK_PAGE)
                ).fetchall()
            ]
            if not page:
                return linked
            for article_id in page:
                link_article(db, article_id)
            db.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (THROUGH_KEY, str(page[-1])),
            )
            linked += len(page)


def link_article(db: Session, article_id: int) -> None:
    """Give each claim of one stored article its wording (a new wording is linked to its matches)."""
    claims = db.execute(
        "SELECT id, text FROM claims WHERE article_id = ? ORDER BY id", (article_id,)
    ).fetchall()
    for claim in claims:
        words = wording_of(claim["text"])
        if len(words) < MIN_SHARED_WORDS:
            continue  # too few words to be compared with anything
        wording = _wording_id(db, words, claim["text"])
        db.execute(
            "INSERT INTO claim_wording(claim_row, wording_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (claim["id"], wording),
        )


def _wording_id(db: Session, words: list[str], text: str) -> int:
    """The wording's id; a new wording is indexed and linked both ways to the wordings it matches."""
    bag = " ".join(sorted(words))
    found = db.one("SELECT id FROM claim_wordings WHERE bag = ?", (bag,))
    if found is not None:
        return int(found["id"])
    figures = _figures(text)
    wording = db.inserted_id(
        "INSERT INTO claim_wordings(bag, figures) VALUES (?, ?)"
        " ON CONFLICT (bag) DO NOTHING RETURNING id",
        (bag, figures),
    )
    if wording is None:  # a concurrent ingest stored it meanwhile
        return int(db.one("SELECT id FROM claim_wordings WHERE bag = ?", (bag,))["id"])
    prefix = prefix_of(words)
    marks = ", ".join("?" for _ in prefix)
    candidates = db.execute(
        "SELECT DISTINCT w.id, w.bag, w.figures FROM wording_words k"
        f" JOIN claim_wordings w ON w.id = k.wording_id WHERE k.word IN ({marks})",
        tuple(prefix),
    ).fetchall()
    matches = [int(c["id"]) for c in candidates if _match(words, bag, figures, c)]
    db.executemany(
        "INSERT INTO wording_links(wording_id, other_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [pair for other in matches for pair in ((wording, other), (other, wording))],
    )
    db.executemany(
        "INSERT INTO wording_words(word, wording_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(word, wording) for word in prefix],
    )
    return wording


# ----------------------------------------------------------------------------- reading


_MEMBERS = """
SELECT c.id AS claim_row, c.article_id, c.claim_id, c.text, c.quote_id, c.factuality, c.cues,
       l.name, l.role, l.kind, l.source_id
FROM claims c LEFT JOIN chain_links l ON l.claim_row = c.id
WHERE c.id IN (
    SELECT cw.claim_row FROM claim_wording cw WHERE cw.wording_id = ? OR cw.wording_id IN (
        SELECT other_id FROM wording_links WHERE wording_id = ?))
ORDER BY c.article_id, c.id, l.position
"""
_ALONE = _MEMBERS.split("WHERE c.id IN")[0] + "WHERE c.id = ? ORDER BY l.position"


@dataclass
class _GroupView:
    """The corpus view ``corroboration._collect`` reads, over one claim's reports only."""

    claims: list[ClaimRow]
    articles: list[ArticleMeta]

    def metas(self) -> Iterator[ArticleMeta]:
        return iter(self.articles)

    def claim_rows(self) -> Iterator[ClaimRow]:
        return iter(self.claims)


def stored_group(store: Store, article_id: int, claim_id: str) -> CorroboratedClaim | None:
    """The reports of one claim: the claims worded as it is or as a wording linked to its own (the
    links are direct matches, never followed further: None when there is no such claim)."""
    session = store.session
    row = session.one(
        "SELECT c.id, cw.wording_id FROM claims c LEFT JOIN claim_wording cw ON cw.claim_row = c.id"
        " WHERE c.article_id = ? AND c.claim_id = ?",
        (article_id, claim_id),
    )
    if row is None:
        return None
    if row["wording_id"] is None:  # a claim too short to be compared is a group of its own
        found = session.execute(_ALONE, (row["id"],)).fetchall()
    else:
        found = session.execute(_MEMBERS, (row["wording_id"], row["wording_id"])).fetchall()
    claims = _claim_rows(found)
    ids = sorted({c.article_id for c in claims})
    marks = ", ".join("?" for _ in ids)
    metas = [
        ArticleMeta(r["id"], r["document"], r["outlet"], r["title"], r["date"], r["url"])
        for r in session.execute(
            f"SELECT id, document, outlet, title, date, url FROM articles WHERE id IN ({marks})", tuple(ids)
        ).fetchall()
    ]
    reports, _ = _collect(_GroupView(claims, metas))
    reports.sort(key=lambda r: (r.date or "9999", r.article_id))
    return CorroboratedClaim(
        int(row["wording_id"] or 0), representative_wording(reports), tuple(reports),
        distinct_origins(_origin_bearing(reports)),
    )


def _claim_rows(found: list[Any]) -> list[ClaimRow]:
    """One ClaimRow per claim of the rows (a claim's chain links are consecutive rows); a chain,
    text or cue list repeated across the group (copies of one wire story) is made once."""
    out: list[ClaimRow] = []
    shared: dict[Any, Any] = {}
    for _, rows in groupby(found, key=lambda r: r["claim_row"]):
        rows = list(rows)
        row = rows[0]
        key = tuple((r["name"], r["role"], r["kind"], r["source_id"]) for r in rows if r["role"] is not None)
        if key not in shared:
            shared[key] = tuple(ChainLink(name=n, role=r, kind=k, source_id=s) for n, r, k, s in key)
        cues = row["cues"] or "[]"
        if cues not in shared:
            shared[cues] = tuple(json.loads(cues))
        text = shared.setdefault(("text", row["text"]), row["text"])
        out.append(ClaimRow(row["article_id"], row["claim_id"], text, row["quote_id"], shared[key],
                            row["factuality"], shared[cues]))
    return out

SPECIFIC_POSTING = 200  # a name in more articles than this is not specific to a story (clusters.MAX_POSTING)
SHARED_NAMES = 2  # specific names two articles share to be taken for neighbours (most shared first)


def named_neighbours(store: Store, article_id: int, limit: int) -> list[int]:
    """Up to ``limit`` articles sharing SHARED_NAMES or more specific names with this one, most
    shared first: each name's articles read from the entity index, at most SPECIFIC_POSTING of them
    (a name in more is left out, as the story clusters leave it out)."""
    shared: dict[int, int] = {}
    names = store.session.execute(
        "SELECT entity_id FROM article_entities WHERE article_id = ?", (article_id,)
    ).fetchall()
    for name in names:
        found = store.session.execute(
            "SELECT article_id FROM article_entities WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?",
            (name["entity_id"], SPECIFIC_POSTING + 1),
        ).fetchall()
        if len(found) > SPECIFIC_POSTING:
            continue
        for row in found:
            if row["article_id"] != article_id:
                shared[row["article_id"]] = shared.get(row["article_id"], 0) + 1
    ranked = sorted((i for i, n in shared.items() if n >= SHARED_NAMES), key=lambda i: (-shared[i], -i))
    return ranked[:limit]
