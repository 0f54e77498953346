"""The registry of released recordings across a corpus: one entry per recording, however many
outlets retold it, with how each carried it.

Every article's recordings (``claims/recordings.py``) are compared with those of other articles
naming the same releaser around the same time. Two retellings are one recording only on evidence
beyond releaser and date (an agency often releases several calls at once): a quote they share
(trimmed or translated: ``quotes_match.same_quote``), a named participant whose name is the same
under transliteration (``names.spelling_key``: Kashevarova, Kashevarowa, Кашеварова), or the same
unit heard at the same place. Two recordings of one article are never one entry.

Given a Store, the per-article recordings are streamed from ``article_recordings`` (written at
ingest) page by page; given Analyses, they are taken from them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from purportedly.claims.recordings import build_recordings
from purportedly.claims.releasers import NATIONALITIES as DESCRIPTION_NATIONALITIES
from purportedly.claims.releasers import is_outlet
from purportedly.corpus.common import Corpus, UnionFind, figures_in
from purportedly.corpus.features import FEATURES_VERSION
from purportedly.corpus.quotes_match import same_quote
from purportedly.lexicons import load_data, load_lines
from purportedly.model import Analysis, Recording, RecordingQuote
from purportedly.names import content_words, spelling_key
from purportedly.nlp.entities.aliases import similar
from purportedly.nlp.times.rules import WEEKDAY_NAMES

if TYPE_CHECKING:
    from purportedly.store.core import Store

PAGE = 500  # articles per query
DATE_SLACK = 1  # days two release dates may differ by (time zones, 'late on Monday' vs 'Tuesday')
RETELLING_DAYS = 60  # how long after a release an article without a release date can retell it
LATE_RETELLING_DAYS = 366  # a later retelling (a round-up, a feature) still joins, on stronger evidence
LATE_EVIDENCE = 3  # the score a retelling outside RETELLING_DAYS needs
MIN_PHRASE_WORDS = 2  # content words of a quoted phrase two outlets give word for word
NAME_SIMILARITY = 85  # rapidfuzz ratio of two name keys that are one name misspelt
MAX_POSTING = 500  # rows sharing one piece of evidence beyond which it is too common to compare on
MIN_QUOTE_WORDS = 3  # content words a quote needs to count as shared evidence
MIN_SHARED_WORDS = 2  # content words two wordings of one quote share at least
MIN_JOINED_WORDS = 4  # ... and a quote shares with another report's quotes read together
UNIT_NAME_ZIPF = 3.0  # a unit's word rarer than this is the name it bears (a place, a byname), not 'brigade'
RARE_ZIPF = 4.5  # words rarer than this in English (wordfreq's Zipf scale) weigh as evidence
KEYWORD_EVIDENCE = 3.0  # summed weight of shared rare words that says two reports tell one recording
COMMON_SHARE = 0.2  # a word in more than this share of the articles is the genre's, not a recording's
COMMON_MIN = 4  # ... but always allowed in this many (small corpora: one recording's own retellings)
WHOLE_BODY_KINDS = frozenset({"military", "government"})  # 'the Israeli army', 'Ukrainian authorities'
CONFLICT_KINDS = frozenset({"intelligence_service", "military", "ministry", "government"})


@dataclass(frozen=True)
class RecordingRow:
    """One recording as one article tells it, with what the registry shows of the article."""

    article_id: int
    document: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    recording: Recording

    @property
    def key(self) -> tuple[int, str]:
        return (self.article_id, self.recording.id)


class RegistryParticipant(BaseModel):
    role: str
    name: str | None = None
    spellings: list[str] = Field(default_factory=list, description="every spelling of the name carried")
    unit: str | None = None
    place: str | None = None


class Carriage(BaseModel):
    """How one article carried the recording."""

    article_id: int
    document: str
    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    article_recording_id: str = Field(description="the recording's id within its article: rec1, rec2 ...")
    description: str
    releaser: str | None = None
    names_releaser: bool = False
    release_date: str | None = None
    hedges: list[str] = Field(default_factory=list)
    unverified: bool = False
    verified_by: str | None = None
    carried: str = Field(
        description="verbatim (direct quotes), paraphrase (reported speech only), both, or none"
    )
    quotes: list[RecordingQuote] = Field(default_factory=list)


class QuoteVariant(BaseModel):
    outlet: str | None
    document: str
    date: str | None
    text: str
    verbatim: bool


class RecordingEntry(BaseModel):
    """One released recording and every article that carried it, first appearance first."""

    id: str
    kind: str
    releaser: str | None = None
    releaser_kind: str | None = None
    platform: str | None = None
    release_date: str | None = None
    participants: list[RegistryParticipant] = Field(default_factory=list)
    place: str | None = None
    unit: str | None = None
    call_time: str | None = None
    verification: str
    verified_by: str | None = None
    first_appearance: dict[str, Any] = Field(default_factory=dict)
    carriages: list[Carriage] = Field(default_factory=list, description="in date order")
    quote_variants: list[list[QuoteVariant]] = Field(
        default_factory=list, description="one quote worded differently by different outlets, side by side"
    )

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(c.outlet or c.document for c in self.carriages))


# ------------------------------------------------------------------------ reading


def recording_rows(source: Store | Corpus | Iterable[Analysis]) -> Iterator[RecordingRow]:
    """Every recording of every article, in article order."""
    if hasattr(source, "session") and hasattr(source, "analyses"):
        yield from _store_rows(source)  # type: ignore[arg-type]
        return
    for article in Corpus.of(source).articles:  # type: ignore[arg-type]
        yield from _rows_of(article.id, article.analysis, article.analysis.recordings or None)


def _rows_of(article_id: int, analysis: Analysis, recordings: list[Recording] | None) -> list[RecordingRow]:
    found = recordings if recordings is not None else build_recordings(analysis)
    date = analysis.date.isoformat() if analysis.date else None
    return [
        RecordingRow(article_id, analysis.document, analysis.outlet, analysis.title, date, analysis.url, r)
        for r in found
    ]


def _store_rows(store: Store) -> Iterator[RecordingRow]:
    """Page by page from ``article_recordings``; an article whose row is missing or stale (a store
    opened read-only before a writable open brought it up to date) from its stored Analysis."""
    if not store.has_schema():
        return
    if not store.dialect.has_table(store.session, "article_recordings"):
        for article_id, analysis in store.analyses():
            yield from _rows_of(article_id, analysis, None)
        return
    sql = (
        "SELECT a.id, a.document, a.outlet, a.title, a.date, a.url, r.version, r.recordings FROM articles a"
        " LEFT JOIN article_recordings r ON r.article_id = a.id WHERE a.id > ? ORDER BY a.id LIMIT ?"
    )
    last = 0
    while True:
        page = store.session.execute(sql, (last, PAGE)).fetchall()
        for row in page:
            if row["version"] == FEATURES_VERSION:
                for found in json.loads(row["recordings"]):
                    yield RecordingRow(
                        row["id"],
                        row["document"],
                        row["outlet"],
                        row["title"],
                        _iso(row["date"]),
                        row["url"],
                        Recording.model_validate(found),
                    )
            else:
                analysis = store.analysis(row["id"])
                if analysis is not None:
                    yield from _rows_of(row["id"], analysis, None)
        if len(page) < PAGE:
            return
        last = page[-1]["id"]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, Date) else value


# ------------------------------------------------------------------------ matching


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


FIT, LATE, APART = 2, 1, 0


def _date_fit(a: RecordingRow, b: RecordingRow) -> int:
    """FIT: the dates say nothing against one recording; LATE: one report came out long after the
    release (or the other report) but not before it, as a round-up months later does, so only strong
    evidence joins them; APART: two release dates, or a retelling before the release."""
    release_a, release_b = _day(a.recording.release_date), _day(b.recording.release_date)
    if release_a and release_b:
        return FIT if abs((release_a - release_b).days) <= DATE_SLACK else APART
    if release_a is None and release_b is None:  # neither says when: their reports came out close together
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a is None or day_b is None:
            return FIT
        return _lag_fit(abs((day_a - day_b).days))
    known, other = (release_a, b) if release_a else (release_b, a)
    published = _day(other.date)
    if known is None or published is None:
        return FIT
    lag = (published - known).days + DATE_SLACK
    return APART if lag < 0 else _lag_fit(lag - DATE_SLACK)


def _lag_fit(days: int) -> int:
    return FIT if days <= RETELLING_DAYS else LATE if days <= LATE_RETELLING_DAYS else APART


def _names(row: RecordingRow) -> dict[str, set[str]]:
    """Name keys of the named participants, by role."""
    found: dict[str, set[str]] = {}
    for p in row.recording.participants:
        if p.name:
            found.setdefault(p.role, set()).add(spelling_key(p.name))
    return found


def _same_name(a: str, b: str) -> bool:
    last_a, last_b = a.split()[-1], b.split()[-1]
    return similar(last_a, last_b, NAME_SIMILARITY) or similar(a, b, NAME_SIMILARITY)


def _unit_key(unit: str | None) -> str | None:
    """A unit as compared: its number when it has one ('27th Brigade' and a translation's '27th
    regiment' are one unit misnamed, not two), else the name it bears ('West Jabaliya Brigade' and a
    translation's 'Western Jabaliya Battalion': a place or a byname, rare in English, under
    transliteration), else its words."""
    if not unit:
        return None
    number = re.search(r"\d+", unit)
    if number:
        return number.group()
    rarest = min(content_words(unit), key=lambda w: zipf_frequency(w, "en"), default=None)
    if rarest and zipf_frequency(rarest, "en") < UNIT_NAME_ZIPF:
        return f"~{spelling_key(rarest)}"
    return " ".join(unit.lower().split())


def _place_key(place: str | None) -> str | None:
    return spelling_key(place) if place else None


def _releaser_key(rec: Recording) -> str:
    """A named releaser's key; '' for one only described ('Ukrainian intelligence'), a country
    standing for any of its bodies ('Israel released the audio'), an outlet (the only party an
    article puts in a release relation is often the outlet retelling it) or unknown: such a report
    may retell any party's release."""
    if not rec.releaser or not rec.releaser_named or is_outlet(rec.releaser, rec.releaser_kind):
        return ""
    return releaser_key(rec.releaser)


def releaser_key(name: str) -> str:
    """One key for the names one body goes by: a known source's aliases (data/sources/aliases.toml,
    'SBU' = 'Security Service of Ukraine'), a nationality's adjective or possessive ('Ukraine
    Defence Intelligence' = "Ukraine's Defence Intelligence"), and a body's acronym for its
    capitalised name ('IDF' = 'Israel Defense Forces' = 'Israeli Defense Force'); '' for a bare
    country. A person's name keeps its transliteration key (two people may share initials)."""
    name = _without_description(name)
    folded = _fold_name(name)
    if folded in _countries():
        return ""
    name = _known_sources().get(folded, name)
    words = re.findall(r"[^\W\d_]+", name)
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return words[0].lower()  # an acronym
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) > 1 and words[-1].lower() in _body_words():
        return "".join(w[0] for w in capitalised).lower()
    return spelling_key(name)


def _parent_key(name: str) -> str | None:
    """The key of the body a branch is named after: its leading acronym ('IDF Military Intelligence
    Directorate': 'idf'); None for a name that does not start with one."""
    words = name.split()
    if len(words) > 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) > 1:
        return releaser_key(words[0])
    return None


def _without_description(name: str) -> str:
    """A name with the lower-case words an outlet writes after it to say what it is: 'Hamas
    militant group' and 'Hamas' are one releaser. A nationality or country left alone is kept
    whole ('Ukrainian military intelligence' is a description, not the country)."""
    words = name.split()
    start = 1 if words and words[0].lower() == "the" else 0
    end = len(words)
    while end > start + 1 and words[end - 1].islower():
        end -= 1
    head = words[start:end]
    if end == len(words) or not head[0][:1].isupper() or _fold_name(" ".join(head)) in _countries():
        return name
    if any(word.lower() in DESCRIPTION_NATIONALITIES for word in head):
        return name
    return " ".join(head)


def _fold_name(name: str) -> str:
    """A body's name with case, a leading 'the', possessives and a nationality's form set aside:
    'the Israeli army' and "Israel's army" fold alike (a nationality and its country share their
    first four letters, a stem short enough for Ukrainian/Ukraine's and Israeli/Israel's)."""
    words = re.findall(r"[\w'’.-]+", name.lower().replace("’", "'"))
    if words and words[0] == "the":
        words = words[1:]
    out = []
    for word in words:
        bare = re.sub(r"'s$", "", word)
        out.append(bare[:4] if word in DESCRIPTION_NATIONALITIES or bare in _countries_raw() else bare)
    return " ".join(out)


@lru_cache(maxsize=1)
def _countries_raw() -> frozenset[str]:
    """Countries by their possessive in the nationality list ("Israel's": israel)."""
    return frozenset(re.sub(r"['’]s$", "", n) for n in DESCRIPTION_NATIONALITIES if re.search(r"['’]s$", n))


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Bare countries as folded ('israel' folds to 'isra')."""
    return frozenset(c[:4] for c in _countries_raw())


@lru_cache(maxsize=1)
def _known_sources() -> dict[str, str]:
    """Every name and alias of a known source, folded, to the source's name."""
    table: dict[str, str] = {}
    for source in load_data("sources/aliases.toml").get("source", []):
        for alias in [source.get("name", ""), *source.get("aliases", [])]:
            if alias:
                table.setdefault(_fold_name(alias), source["name"])
    return table


@lru_cache(maxsize=1)
def _body_words() -> frozenset[str]:
    """Head words of a body's name whose initials make its acronym (forces, service, directorate)."""
    return frozenset(w.lower() for w in load_lines("recordings/body_words.txt"))


def _substantial(text: str) -> bool:
    """A quote long enough to tell two recordings apart ('No?' or 'F' matches anything)."""
    return len(content_words(text)) >= MIN_QUOTE_WORDS


def _quoted_alike(a: str, b: str) -> bool:
    """One quote, trimmed or re-translated: long enough to tell recordings apart, and sharing
    content words, not only a run of small ones ('I see. What's new?')."""
    if not (_substantial(a) and _substantial(b)):
        return False
    words_a, words_b = content_words(a), content_words(b)
    shared = set(words_a) & set(words_b)
    if len(shared) < MIN_SHARED_WORDS or not same_quote(a, b):
        return False
    short, long = sorted((words_a, words_b), key=len)
    few = len(shared) <= MIN_SHARED_WORDS
    if few and (len(short) * 2 < len(long) or not any(_weight(w) > 0 for w in shared)):
        # a few words of a paraphrase found scattered in a long quote ('orders soldiers received')
        # are no trimmed copy of it, nor are two everyday words two calls of one war share
        # ('coming back from leave' in two soldiers' calls): a trimmed quote keeps its words together
        return " ".join(short) in " ".join(long)
    return True


def _split_alike(a: Recording, b: Recording) -> bool:
    """A quote of one report alike with the other's quotes read together: two translations cut
    the call into quotes at different places ('The fourth battalion, they took their commander
    prisoner. They forced him to stay' against two quotes of the other). Many shared content words
    are needed: the joined quotes are long, and a few words are in any long text."""
    joined = " ".join(q.text for q in b.quotes if q.verbatim)
    if len(b.quotes) < 2 or not joined:
        return False
    words_b = set(content_words(joined))
    return any(
        q.verbatim
        and _substantial(q.text)
        and len(set(content_words(q.text)) & words_b) >= MIN_JOINED_WORDS
        and same_quote(q.text, joined)
        for q in a.quotes
    )


def _same_phrase(a: str, b: str) -> bool:
    """One quoted phrase, the same words in the same order in both (a shared translation): too short
    to count as a quote ('reclaiming territories'), but not words any two reports use: at least one is
    rare in English."""
    words_a, words_b = content_words(a), content_words(b)
    return len(words_a) >= MIN_PHRASE_WORDS and words_a == words_b and any(_weight(w) > 0 for w in words_a)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


@lru_cache(maxsize=65536)
def _weight(word: str) -> float:
    """How much a shared word says two reports tell one recording: the rarer in English, the more
    ('Taurus', 'puddles', 'Lyman'; not 'said' or 'soldier')."""
    return max(0.0, RARE_ZIPF - zipf_frequency(word, "en"))


# a quote's word commoner than this ('said', 'time', 'people') carries no meaning of its own
MEANING_ZIPF = 5.5
# one word, however rare, says little alone: two calls released together name one town
MEANING_WORD_CAP = 2.5
MEANING_SHARE = 0.3  # the share of the shorter retelling's meaning from which it is all said alike
MEANING_CAP = 8.0  # shared meaning weight beyond which more says nothing new
MEANING_TIED = 0.5  # ... and the share of it from which two reports quoting the call are tied by it
FIGURE_WEIGHT = 2.0  # a figure both retellings give ('1,000 litres', 'ten of them')
# a word censored by its outlet ('f*cking', 'f—ing'): its pieces are no rare words
CENSORED = re.compile(r"(?<!\*)\b\w+\*+[\w'’*]*|\b\w[—–][\w'’]+")  # not '*wounded*' (emphasis)
SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")  # inflections a translation changes freely
MISSPELT_LENGTH = 6  # a rare word this long, within NAME_SIMILARITY of another, is that word misspelt
MISSPELT_ZIPF = 3.5  # ... and rarer than this in English (a name, a misspelling: "sharpnel")


def _stem(word: str) -> str:
    """A word without its inflection or a final e ('belonged', 'belongs': belong; 'fired', 'fire':
    fir), so two translations choosing other tenses or numbers still share it."""
    word = word.removesuffix("'s").removesuffix("'")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _meaning_bag(rec: Recording) -> dict[str, float]:
    """What a recording's quotes say, by meaning-bearing word: every quote (word for word or
    reported) as stems of its content words weighed by rarity in English, names under
    transliteration ('Kashevarova', 'Кашеварова'), and the figures it gives. Word order, tense and
    the small words a translation or a paraphrase changes are left out."""
    bag: dict[str, float] = {}
    for quote in rec.quotes:
        for word in content_words(CENSORED.sub(" ", quote.text)):
            if word.isdigit():
                continue
            weight = min(MEANING_WORD_CAP, MEANING_ZIPF - _zipf(word))
            if weight > 0:
                key = spelling_key(word) if not word.isascii() else _stem(word)
                bag[key] = max(bag.get(key, 0.0), weight)
        for figure in figures_in(quote.text):
            bag[f"#{figure}"] = FIGURE_WEIGHT
    return bag


def _meanings(rows: list[RecordingRow]) -> list[dict[str, float]]:
    """Each row's meaning bag, less the words in a large share of the corpus's articles' quotes:
    the genre's ('losses', 'commander', 'shells') tell no recording apart."""
    bags = [_meaning_bag(r.recording) for r in rows]
    by_article: dict[int, set[str]] = {}
    for row, bag in zip(rows, bags, strict=True):
        by_article.setdefault(row.article_id, set()).update(bag)
    counts = Counter(w for found in by_article.values() for w in found)
    limit = max(COMMON_MIN, COMMON_SHARE * len(by_article))
    return [{w: v for w, v in bag.items() if counts[w] <= limit} for bag in bags]


def _shared_meaning(a: dict[str, float], b: dict[str, float]) -> float:
    """How much two retellings' quotes say alike, in [0, 1]: the weight of what both say (words
    shared as stems, a rare word one of them misspells: 'sharpnel', 'shrapnel') and its share of
    the shorter retelling (two long quotes share a few rare words by chance): the weight, less when
    it is a small share."""
    total = _shared_weight(a, b)
    shorter = min(sum(a.values()), sum(b.values()))
    if not total or not shorter:
        return 0.0
    amount = min(total, MEANING_CAP) / MEANING_CAP
    share = min(1.0, total / shorter / MEANING_SHARE)
    return amount * share


def _shared_weight(a: dict[str, float], b: dict[str, float]) -> float:
    shared = a.keys() & b.keys()
    total = sum(min(a[w], b[w]) for w in shared)
    # only words rare enough to be names or misspellings are matched fuzzily
    rest_b = [w for w in b.keys() - shared if _misspellable(w, b[w])]
    for word in a.keys() - shared:
        if not rest_b or not _misspellable(word, a[word]):
            continue
        match = process.extractOne(word, rest_b, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY)
        if match is not None:
            total += min(a[word], b[match[0]])
            rest_b.remove(match[0])
    return total


def _misspellable(word: str, weight: float) -> bool:
    return (
        len(word) >= MISSPELT_LENGTH and weight >= MEANING_ZIPF - MISSPELT_ZIPF and not word.startswith("#")
    )


# the other party on a call: a soldier's mother and a soldier's wife are two calls
KIN_ROLES = frozenset(
    {"mother", "wife", "father", "friend", "brother", "sister", "girlfriend", "son", "daughter"}
)
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "recording_pairs.json"
KEYWORD_CAP = 6.0  # shared rare-word weight beyond which more says nothing new


def _weekday(rec: Recording) -> int | None:
    """The weekday of the release: from its date, else from a weekday the text gives alone
    ('posted Tuesday' in an article without a date)."""
    day = _day(rec.release_date)
    if day is not None:
        return day.weekday()
    text = (rec.release_date_text or "").lower()
    return WEEKDAY_NAMES.index(text) if text in WEEKDAY_NAMES else None


def _weekday_gap(a: Recording, b: Recording) -> int | None:
    wa, wb = _weekday(a), _weekday(b)
    if wa is None or wb is None:
        return None
    gap = abs(wa - wb)
    return min(gap, 7 - gap)


def _kin(rec: Recording) -> set[str]:
    return {p.role for p in rec.participants if p.role in KIN_ROLES}


def _head_words(name: str) -> set[str]:
    """A releaser's words past its nationality ('Ukrainian intelligence directorate': intelligence,
    directorate), to see whether a description fits a named releaser."""
    return {w for w in content_words(name) if w.lower() not in DESCRIPTION_NATIONALITIES}


def _releaser_fits(described: Recording, named: str) -> bool:
    """Whether a releaser only described may be the named one: a bare country stands for any of
    its bodies ('Israel released'); an acronym shows no head word to compare; else they share a
    head word ('Ukrainian intelligence', 'Main Intelligence Directorate'), or the description is
    a country's whole military or government ('the Israeli military') and the name is of that
    country ('Israel Defense Forces')."""
    text = described.releaser or ""
    if _fold_name(text) in _countries() or re.fullmatch(r"[A-Z]{2,6}", named.strip()):
        return True
    if _head_words(text) & _head_words(named):
        return True
    return described.releaser_kind in WHOLE_BODY_KINDS and bool(_country_stems(text) & _country_stems(named))


def _country_stems(name: str) -> set[str]:
    return set(_fold_name(name).split()) & _countries()


class PairModel:
    """The learned merge decision: a logistic regression over the evidence two retellings share
    (``scripts/train_recording_pairs.py``, shipped as JSON); two compatible reports are one
    recording when its probability reaches the threshold."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.features: list[str] = data["features"]
        self.coef: list[float] = data["coef"]
        self.intercept: float = data["intercept"]
        self.threshold: float = data.get("threshold", 0.5)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: Path = MODEL_PATH) -> PairModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(c * features[f] for f, c in zip(self.features, self.coef, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


class Matcher:
    """Whether two article recordings can be one released item, and how likely they are."""

    def __init__(self, rows: list[RecordingRow], model: PairModel | None = None) -> None:
        self.rows = rows
        self.names = [_names(r) for r in rows]
        self.releasers = [_releaser_key(r.recording) for r in rows]
        self.parents = [_parent_key(r.recording.releaser or "") for r in rows]
        self.keywords = _keywords(rows)
        self.meanings = _meanings(rows)
        self.model = model or PairModel.load()

    def compatible(self, i: int, j: int) -> bool:
        """Nothing says they are two: other articles, release dates that fit, the same releaser
        when both name one, no two differently named participants of one role, no two units."""
        a, b = self.rows[i], self.rows[j]
        if a.article_id == b.article_id or _date_fit(a, b) == APART:
            return False
        ka, kb = self.releasers[i], self.releasers[j]
        if ka and kb and ka != kb and not similar(ka, kb, NAME_SIMILARITY) and not self._part_of_one(i, j):
            return False
        if self._names_agree(i, j) is False:
            return False  # two soldiers with different names: two calls
        gap = _weekday_gap(a.recording, b.recording)
        if gap is not None and gap > DATE_SLACK:
            return False  # released on a Monday and on a Thursday
        unit_a, unit_b = _unit_key(a.recording.unit), _unit_key(b.recording.unit)
        # two units conflict when both are numbered, or both unnumbered, and differ: a unit named
        # without its number ('the territorial regiment') may be the numbered one of another report
        return not (unit_a and unit_b and unit_a != unit_b and unit_a.isdigit() == unit_b.isdigit())

    def _part_of_one(self, i: int, j: int) -> bool:
        """One releaser is a part of the other, named after it ('IDF Military Intelligence
        Directorate' of the 'IDF'): one body's release, told by its branch or by the whole."""
        return self.parents[i] == self.releasers[j] or self.parents[j] == self.releasers[i]

    def features(self, i: int, j: int) -> dict[str, float]:
        """The evidence for and against one recording, each in [0, 1] (``PairModel.features``)."""
        row_a, row_b = self.rows[i], self.rows[j]
        a, b = row_a.recording, row_b.recording
        names = self._names_agree(i, j)
        full = False
        if names:
            # a given name alone ('Andrey') is borne by many soldiers: weak evidence; a full name strong
            names_i = {k for keys in self.names[i].values() for k in keys if len(k.split()) > 1}
            names_j = {k for keys in self.names[j].values() for k in keys if len(k.split()) > 1}
            full = any(_same_name(x, y) for x, y in product(names_i, names_j))
        verbatim = any(
            _quoted_alike(x.text, y.text) for x, y in product(a.quotes, b.quotes) if x.verbatim and y.verbatim
        )
        reworded = not verbatim and (
            any(_quoted_alike(x.text, y.text) for x, y in product(a.quotes, b.quotes))
            or _split_alike(a, b)
            or _split_alike(b, a)
        )
        phrase = any(_same_phrase(x.text, y.text) for x, y in product(a.quotes, b.quotes))
        quoted_a = [q for q in a.quotes if q.verbatim and _substantial(q.text)]
        quoted_b = [q for q in b.quotes if q.verbatim and _substantial(q.text)]
        shared = sum(_weight(w) for w in self.keywords[i] & self.keywords[j])
        meaning = _shared_meaning(self.meanings[i], self.meanings[j])
        unit_a, unit_b = _unit_key(a.unit), _unit_key(b.unit)
        place_a, place_b = _place_key(a.place), _place_key(b.place)
        kin_a, kin_b = _kin(a), _kin(b)
        ka, kb = self.releasers[i], self.releasers[j]
        described = [
            r
            for r in (a, b)
            if r.releaser and not r.releaser_named and not is_outlet(r.releaser, r.releaser_kind)
        ]
        named = [r for r in (a, b) if _releaser_key(r)]
        odd_releaser = bool(
            len(described) == 1
            and len(named) == 1
            and not _releaser_fits(described[0], named[0].releaser or "")
        )
        return {
            "quote": float(verbatim),
            "quote_reworded": float(reworded),
            "phrase": float(phrase and not verbatim),
            "quotes_differ": float(
                bool(quoted_a and quoted_b)
                and not (verbatim or reworded or phrase)
                and meaning < MEANING_TIED
            ),
            "keywords": min(shared, KEYWORD_CAP) / KEYWORD_CAP,
            "full_name": float(bool(names) and full),
            "given_name": float(bool(names) and not full),
            "same_day": float(bool(a.release_date and b.release_date)),
            "weekday_differs": float(bool(_weekday_gap(a, b))),
            "same_releaser": float(bool(ka and kb)),
            "releaser_unlike": float(odd_releaser),
            "same_unit": float(bool(unit_a and unit_a == unit_b)),
            "same_place": float(bool(place_a and place_a == place_b)),
            "kin_differ": float(bool(kin_a and kin_b and not kin_a & kin_b)),
            "late": float(_date_fit(row_a, row_b) == LATE),
            "quote_meaning": meaning,
            "same_kin": float(bool(kin_a & kin_b)),
        }

    def score(self, i: int, j: int) -> float:
        """The probability that the two are one recording; 0 when something says they are two or
        the evidence does not reach the model's threshold (an agency often releases several calls
        at once: releaser and date alone never do)."""
        if not self.compatible(i, j):
            return 0.0
        features = self.features(i, j)
        p = self.model.probability(features)
        rules = self.rule_score(i, j, features)
        if features["late"]:
            # a retelling months later: the gold sets hold too few to learn from, so the rule's
            # stronger evidence (score 3: never a shared quote alone) decides
            return max(p, 0.01) if rules else 0.0
        if features["quotes_differ"]:
            # both quote the call at length and nothing alike: two calls (two soldiers of one unit,
            # released together, say different things) unless the rules' stronger evidence says one,
            # whatever the releaser, unit, day and a rare word or two, which the model weighs high
            return max(p, 0.01) if rules else 0.0
        a, b = self.rows[i].recording, self.rows[j].recording
        tied = ("quote", "quote_reworded", "phrase", "full_name", "given_name", "same_unit")
        if (
            a.quotes
            and b.quotes
            and not any(features[k] for k in tied)
            and features.get("quote_meaning", 0) < MEANING_TIED
        ):
            # both quote the call and share nothing of it, no name, no unit: rare words of the
            # telling, the releaser and the day alone (the model weighs them high since set 3's
            # retellings share little else) are the rules' to judge
            return max(p, 0.01) if rules else 0.0
        # the model, or the hand rules where it is unsure (together they find more than either)
        return max(p, 0.01) if p >= self.model.threshold or rules else 0.0

    def rule_score(self, i: int, j: int, f: dict[str, float]) -> bool:
        """The session-4 hand rules, kept beside the model: a shared quote, a full name or enough
        rare words (two of them; one when a report quotes nothing)."""
        a, b = self.rows[i].recording, self.rows[j].recording
        shared = f["keywords"] * KEYWORD_CAP
        score = 2 if f["full_name"] else 1 if f["given_name"] else 0
        score += 2 if f["quote"] or f["quote_reworded"] else 1 if f["phrase"] else 0
        score += 2 if shared >= KEYWORD_EVIDENCE else 1 if shared >= KEYWORD_EVIDENCE / 2 else 0
        if f["same_unit"] and (f["same_place"] or score):
            score += 1
        if f["late"]:
            return score >= LATE_EVIDENCE
        return score >= 2 or bool(score and not (a.quotes and b.quotes))

    def _names_agree(self, i: int, j: int) -> bool | None:
        """True when a role's names match, False when both name someone of one role differently,
        None when nothing is named on both."""
        a, b = self.names[i], self.names[j]
        verdict = None
        for role in a.keys() & b.keys():
            if any(_same_name(x, y) for x in a[role] for y in b[role]):
                return True
            if role != "speaker":  # people quoted without a role may be any two on the call
                verdict = False
        flat_a = {k for keys in a.values() for k in keys}
        flat_b = {k for keys in b.values() for k in keys}
        if any(_same_name(x, y) for x in flat_a for y in flat_b):
            return True  # one outlet calls her his mother, another only names her
        return verdict


def _keywords(rows: list[RecordingRow]) -> list[set[str]]:
    """Each row's content words, less those in a large share of the corpus's articles: the genre's
    own words ('intercepted', the usual releaser, the usual platform) tell no recording apart."""
    words = [set(content_words(" ".join(r.recording.keywords))) for r in rows]
    by_article: dict[int, set[str]] = {}
    for row, found in zip(rows, words, strict=True):
        by_article.setdefault(row.article_id, set()).update(found)
    counts = Counter(w for found in by_article.values() for w in found)
    limit = max(COMMON_MIN, COMMON_SHARE * len(by_article))
    common = {w for w, n in counts.items() if n > limit}
    return [found - common for found in words]


def _blocks(rows: list[RecordingRow]) -> Iterator[list[int]]:
    """Indices of the rows that may be one recording: the same named releaser (under
    transliteration); one only described or unknown may be anyone's."""
    by_releaser: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        key = _releaser_key(row.recording)
        # a branch named after its body ('IDF Military Intelligence Directorate') is in the body's block
        key = (_parent_key(row.recording.releaser or "") or key) if key else key
        by_releaser.setdefault(key, []).append(i)
    unknown = by_releaser.pop("", [])
    for members in by_releaser.values():
        yield members + unknown
    if unknown:
        yield unknown


def _evidence(row: RecordingRow, keywords: set[str], meaning: dict[str, float]) -> set[str]:
    """What two retellings of one recording must share some of before they are compared: a unit,
    the start of a participant's surname key (a misspelling rarely touches it), a quote's content
    word (a trimmed or re-translated quote keeps several), a rare word of the sentences telling it."""
    rec = row.recording
    found = {f"u:{_unit_key(rec.unit)}"} if rec.unit else set()
    keys = (spelling_key(p.name) for p in rec.participants if p.name)
    found |= {f"n:{key.split()[-1][:3]}" for key in keys if key}
    found |= {f"q:{w}" for q in rec.quotes if _substantial(q.text) for w in content_words(q.text)}
    found |= {f"k:{w}" for w in keywords if _weight(w) > 0}
    found |= {f"m:{w}" for w, weight in meaning.items() if weight >= MEANING_CAP / 4}
    return found


def _candidates(rows: list[RecordingRow], matcher: Matcher) -> set[tuple[int, int]]:
    """Pairs worth comparing: rows of one block sharing some evidence, their reference days within
    the retelling window."""
    evidence = [_evidence(r, k, m) for r, k, m in zip(rows, matcher.keywords, matcher.meanings, strict=True)]
    days = [_reference_day(r) for r in rows]
    found: set[tuple[int, int]] = set()
    for block in _blocks(rows):
        postings: dict[str, list[int]] = {}
        for i in block:
            for token in evidence[i]:
                postings.setdefault(token, []).append(i)
        for members in postings.values():
            if len(members) > MAX_POSTING:
                continue  # a word in hundreds of quotes is no evidence of one recording
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if _near(days[i], days[j]):
                        found.add((min(i, j), max(i, j)))
    return found


def _pairs(rows: list[RecordingRow], matcher: Matcher) -> dict[tuple[int, int], float]:
    """Candidate pairs the model says are one recording, with its probability."""
    scored = {key: matcher.score(*key) for key in sorted(_candidates(rows, matcher))}
    return {key: score for key, score in scored.items() if score > 0}


def _near(a: Date, b: Date) -> bool:
    """Within the retelling window; an undated row (Date.min) may be near anything."""
    return Date.min in (a, b) or abs((a - b).days) <= LATE_RETELLING_DAYS + DATE_SLACK


def _reference_day(row: RecordingRow) -> Date:
    return _day(row.recording.release_date) or _day(row.date) or Date.min


def _cluster(rows: list[RecordingRow], model: PairModel | None = None) -> list[list[int]]:
    """Agglomerative, strongest pairs first, and an entry takes in a report only when it fits the
    entry as a whole: compatible with every member (releaser, dates, participants, article) and
    backed by evidence against at least half of them. Evidence against one member is not enough:
    that is how a chain of pairwise matches (A like B, B like C) joins recordings that share nothing."""
    matcher = Matcher(rows, model)
    scores = _pairs(rows, matcher)
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(rows))}
    home = list(range(len(rows)))
    for (i, j), _ in sorted(scores.items(), key=lambda t: (-t[1], t[0])):
        a, b = home[i], home[j]
        if a == b:
            continue
        members_a, members_b = clusters[a], clusters[b]
        cross = [(min(x, y), max(x, y)) for x in members_a for y in members_b]
        if not all(matcher.compatible(*pair) for pair in cross):
            continue
        if sum(pair in scores for pair in cross) * 2 < len(cross):
            continue
        clusters[a] = members_a + members_b
        for y in members_b:
            home[y] = a
        del clusters[b]
    return sorted((sorted(m) for m in clusters.values()), key=lambda m: m[0])


# ------------------------------------------------------------------------ entries


def recordings(
    source: Store | Corpus | Iterable[Analysis], *, min_carriages: int = 1, model: PairModel | None = None
) -> list[RecordingEntry]:
    """The registry: every released recording of the corpus, with its carriages in date order;
    most carried first, then by release date. The Python twin of ``purportedly recordings``.
    ``model``: another merge decision than the shipped one (training measures with it)."""
    rows = list(recording_rows(source))
    entries = [_entry([rows[i] for i in members]) for members in _cluster(rows, model)]
    entries = [e for e in entries if len(e.carriages) >= min_carriages]
    entries.sort(key=lambda e: (-len(e.carriages), e.release_date or "9999", e.id))
    return entries


def recording(source: Store | Corpus | Iterable[Analysis], entry_id: str) -> RecordingEntry | None:
    """One registry entry by id, or None."""
    return next((e for e in recordings(source) if e.id == entry_id), None)


def _entry(rows: list[RecordingRow]) -> RecordingEntry:
    rows = sorted(rows, key=lambda r: (r.date or "9999-99-99", r.article_id, r.recording.start))
    carriages = [_carriage(r) for r in rows]
    first = rows[0]
    recs = [r.recording for r in rows]
    # one naming the releaser (the SBU) says more than one describing it (Ukrainian intelligence), and
    # either more than an outlet retelling it
    origins = [r for r in recs if r.releaser and not is_outlet(r.releaser, r.releaser_kind)]
    named = _most_common(r.releaser for r in origins if r.releaser_named)
    releaser = named or _most_common(r.releaser for r in origins) or _most_common(r.releaser for r in recs)
    releaser_kind = _most_common(r.releaser_kind for r in recs if r.releaser == releaser)
    verified = next(((c.verified_by, c.outlet or c.document) for c in carriages if c.verified_by), None)
    return RecordingEntry(
        id=_entry_id(min(rows, key=lambda r: (r.article_id, r.recording.start))),
        kind=_most_common(r.kind for r in recs) or "call",
        releaser=releaser,
        releaser_kind=releaser_kind,
        platform=_most_common(r.platform for r in recs),
        release_date=_most_common(r.release_date for r in recs),
        participants=_participants(recs),
        place=_most_common(r.place for r in recs),
        unit=_most_common(r.unit for r in recs),
        call_time=_most_common(r.call_time for r in recs),
        verification=verification_text(releaser, releaser_kind, verified, carriages),
        verified_by=verified[0] if verified else None,
        first_appearance={
            "date": first.date,
            "outlet": first.outlet,
            "document": first.document,
            "article_id": first.article_id,
        },
        carriages=carriages,
        quote_variants=_quote_variants(carriages),
    )


def _entry_id(row: RecordingRow) -> str:
    """An entry is named after its first stored carriage (the lowest article id), not its earliest
    dated one: a report of an earlier date ingested later joins the entry without renaming it, so
    links to a recording page keep working as a corpus grows. (Two entries that a new report joins
    keep the older one's id; a store built again in another order may give other ids.)"""
    digest = hashlib.sha1(f"{row.document}\x00{row.recording.id}".encode()).hexdigest()
    return f"rec-{digest[:10]}"


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _carriage(row: RecordingRow) -> Carriage:
    rec = row.recording
    direct = any(q.verbatim for q in rec.quotes)
    reported = any(not q.verbatim for q in rec.quotes)
    carried = (
        "both" if direct and reported else "verbatim" if direct else "paraphrase" if reported else "none"
    )
    return Carriage(
        article_id=row.article_id,
        document=row.document,
        outlet=row.outlet,
        title=row.title,
        date=row.date,
        url=row.url,
        article_recording_id=rec.id,
        description=rec.description,
        releaser=rec.releaser,
        names_releaser=rec.releaser_named,
        release_date=rec.release_date,
        hedges=rec.hedges,
        unverified=rec.unverified,
        verified_by=rec.verified_by,
        carried=carried,
        quotes=rec.quotes,
    )


def _participants(recs: list[Recording]) -> list[RegistryParticipant]:
    """Participants across the carriages: one per role and name (under transliteration)."""
    merged: list[RegistryParticipant] = []
    for rec in recs:
        for p in rec.participants:
            known = next((m for m in merged if _same_participant(m, p.role, p.name)), None)
            if known is None:
                known = RegistryParticipant(role=p.role)
                merged.append(known)
            if p.role != "speaker" and known.role == "speaker":
                known.role = p.role
            if p.name and p.name not in known.spellings:
                known.spellings.append(p.name)
            known.unit = known.unit or p.unit
            known.place = known.place or p.place
    for p in merged:
        p.name = Counter(p.spellings).most_common(1)[0][0] if p.spellings else None
    return merged


def _same_participant(known: RegistryParticipant, role: str, name: str | None) -> bool:
    if name and known.spellings:
        return any(_same_name(spelling_key(name), spelling_key(s)) for s in known.spellings)
    return known.role == role and role != "speaker"


def _quote_variants(carriages: list[Carriage]) -> list[list[QuoteVariant]]:
    """Quotes of the recording worded differently by different carriages (trimmed, reworded,
    translated differently), each group in carriage order."""
    items = [(c, q) for c in carriages for q in c.quotes]
    union = UnionFind(range(len(items)))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0].article_id != items[j][0].article_id and same_quote(
                items[i][1].text, items[j][1].text
            ):
                union.union(i, j)
    groups = []
    for members in union.groups():
        texts = {" ".join(items[i][1].text.split()).strip(" ,.").lower() for i in members}
        if len({items[i][0].article_id for i in members}) >= 2 and len(texts) >= 2:
            groups.append(
                [
                    QuoteVariant(
                        outlet=c.outlet, document=c.document, date=c.date, text=q.text, verbatim=q.verbatim
                    )
                    for c, q in (items[i] for i in members)
                ]
            )
    return groups


def verification_text(
    releaser: str | None,
    releaser_kind: str | None,
    verified: tuple[str, str] | None,
    carriages: list[Carriage],
) -> str:
    """The verification state in words: who released it, and whether anyone independent verified it."""
    if releaser is None:
        released = "released by an unnamed party"
    elif releaser_kind in CONFLICT_KINDS:
        released = f"released by one party to the conflict ({releaser})"
    else:
        released = f"released by {releaser}"
    if verified is not None:
        return f"{released}; verified by {verified[0]} (according to {verified[1]})"
    failed = sum(c.unverified for c in carriages)
    said = f" ({failed} of {len(carriages)} reports say they could not verify it)" if failed else ""
    return f"{released}; not independently verified{said}"
