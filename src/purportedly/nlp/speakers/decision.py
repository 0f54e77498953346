"""Component ``purportedly_speaker_model``: rules propose who may have said a quote, a learned model decides.

The rules of ``purportedly_quotes`` and ``purportedly_speakers`` give each quote one answer. Here
that answer becomes one candidate among others the text offers (named people and organisations
near the quote, the previous quote's speaker); a small boosted-tree model (``data/models/speakers.json``,
trained by ``scripts/train_speakers.py``) scores each candidate from features of its position
and grammar, and a calibration map turns the best score into the chance that it is right. Below
the threshold the speaker is left null and the candidates are listed with their chances: a named
speaker is one a fact-checker can trust. Why learned: each rule fixed a case someone had seen,
and on articles nobody had read the rules' first answer was wrong one time in five.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import IS_ALPHA, LEMMA, POS
from spacy.language import Language
from spacy.symbols import PROPN, VERB
from spacy.tokens import Doc, Span, Token

from purportedly.lexicons import data_path
from purportedly.model import Quote, SpeakerCandidate
from purportedly.names import near_spelling
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list, register_extensions
from purportedly.nlp.mentions import mention_bounds
from purportedly.nlp.quotes.filters import QuoteDecision, decided, quote_shape
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set, load_table
from purportedly.nlp.speakers.call_turns import alternate_turns, is_bare

register_extensions()

MODEL_NAME = "models/speakers.json"  # under purportedly/data, like every lexicon (or an absolute path)
MODEL_PATH = data_path(MODEL_NAME)
# the quote decision (nlp/quotes/filters.py), on by default; config {"quote_model_path": ""} turns it
# off (every marked span the rules found stands)
QUOTE_MODEL_NAME = "models/quotes.json"
NAMED_LABELS = {"PERSON", "ORG"}
# names in these segments (a byline, a photo credit) are the page's furniture, never a speaker
FURNITURE_SEGMENTS = {"byline", "date", "dateline", "timestamp", "boilerplate", "credit", "kicker", "caption"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "you", "who", "us", "me"}
DISPLAY_SEGMENTS = {"title", "standfirst", "key_point", "heading", "caption"}
MAX_NAMED = 6  # named mentions near a quote offered as candidates
WINDOW_CHARS = 600  # how far before/after a quote a named mention may stand
MAX_LISTED = 3  # candidates listed per quote
MIN_LISTED = 0.05  # a candidate below this chance is not worth listing
SHORT_QUOTE_WORDS = 5
SPLIT_CUE_WORDS = 8  # at most this many words between the pieces of a quote split by its cue
# words a description may open with ("the senator", "his mother", "two officials")
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "one", "two", "three", "another"}


@dataclass
class Candidate:
    """A possible speaker: the name to show, where it is nearest the quote, and its features."""

    text: str
    start: int
    end: int
    head: Token | None
    origins: set[str] = field(default_factory=set)
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0


class SpeakerScorer:
    """A candidate's score from plain JSON (no pickle): boosted trees or logistic weights, by
    feature name, and a calibration map that turns the score into a chance of being right.

    ``genres`` (optional) holds a calibration and a threshold per genre of article ("call": an
    article retelling a recorded call); an article of no listed genre takes the default ones."""

    def __init__(self, data: dict) -> None:
        self.features: list[str] = data.get("features", [])
        self.trees: list[list[list[float]]] = data.get("trees", [])
        self.init: float = data.get("init", 0.0)
        self.learning_rate: float = data.get("learning_rate", 0.1)
        self.weights: dict[str, float] = data.get("weights", {})
        self.bias: float = data.get("bias", 0.0)
        self.calibration: dict = data.get("calibration", {"a": 1.0, "b": 0.0})
        self.threshold: float = data.get("threshold", 0.5)
        self.genres: dict[str, dict] = data.get("genres", {})
        self._forest = _Forest(self.trees) if self.trees else None
        self._columns = {name: j for j, name in enumerate(self.features)}

    @classmethod
    def load(cls, path: str | Path = MODEL_NAME) -> SpeakerScorer:
        return cls(json.loads(data_path(path).read_text(encoding="utf-8")))

    def raw(self, features: dict[str, float]) -> float:
        """The model's log-odds before calibration (a missing feature is 0)."""
        if self._forest is not None:
            x = np.array([features.get(name, 0.0) for name in self.features], dtype=np.float64)
            return self.init + self.learning_rate * self._forest.total(x)
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def calibration_for(self, genre: str | None = None) -> dict:
        return self.genres.get(genre, {}).get("calibration", self.calibration)

    def threshold_for(self, genre: str | None = None) -> float:
        return self.genres.get(genre, {}).get("threshold", self.threshold)

    def probability(self, features: dict[str, float], genre: str | None = None) -> float:
        """The calibrated chance that this candidate said the quote (Platt scaling of the score)."""
        calibration = self.calibration_for(genre)
        z = calibration["a"] * self.raw(features) + calibration["b"]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def raw_many(self, rows: list[dict[str, float]]) -> np.ndarray:
        """``raw`` for many candidates at once: one matrix, one walk of the trees for all of them."""
        if self._forest is None:
            return np.array([self.raw(row) for row in rows], dtype=np.float64)
        column, width = self._columns, len(self.features)
        table = []
        for row in rows:  # plain lists first: setting numpy items one by one costs more
            values = [0.0] * width
            for name, value in row.items():
                j = column.get(name)
                if j is not None:
                    values[j] = value
            table.append(values)
        x = np.array(table, dtype=np.float64)
        return self.init + self.learning_rate * self._forest.totals(x)

    def probabilities(self, rows: list[dict[str, float]], genre: str | None = None) -> list[float]:
        """``probability`` for many candidates at once (a Doc's quotes are scored in one batch)."""
        if not rows:
            return []
        calibration = self.calibration_for(genre)
        z = calibration["a"] * self.raw_many(rows) + calibration["b"]
        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))]


class _Forest:
    """The regression trees as flat arrays, walked all at once: one numpy step per level instead of
    a Python loop per tree and node (that walk was half the component's time). A node is
    [feature, threshold, left, right, value]; a leaf has left -1; x[feature] <= threshold goes left.

    Nodes are numbered across the forest (tree * width + node) so each step gathers from 1-D
    arrays, and a leaf points to itself with an infinite threshold: the walk is then a fixed
    number of steps (the deepest tree's depth) with no test for having arrived."""

    def __init__(self, trees: list[list[list[float]]]) -> None:
        width = max(len(tree) for tree in trees)
        shape = (len(trees), width)
        feature = np.zeros(shape, dtype=np.intp)
        threshold = np.full(shape, np.inf)  # padding and leaves: every value goes "left", to itself
        left = np.full(shape, -1, dtype=np.intp)
        right = np.full(shape, -1, dtype=np.intp)
        value = np.zeros(shape)
        for i, tree in enumerate(trees):
            for j, (feat, limit, low, high, leaf_value) in enumerate(tree):
                value[i, j] = leaf_value
                if low >= 0:
                    feature[i, j], threshold[i, j] = int(feat), limit
                    left[i, j], right[i, j] = int(low), int(high)
        first = (np.arange(len(trees)) * width)[:, None]
        own = first + np.arange(width)[None, :]
        leaf = left < 0
        self.feature = feature.ravel()
        self.threshold = threshold.ravel()
        self.left = np.where(leaf, own, left + first).ravel()
        self.right = np.where(leaf, own, right + first).ravel()
        self.value = value.ravel()
        self.roots = first.ravel()
        self.depth = max(_depth(tree) for tree in trees)

    def total(self, x: np.ndarray) -> float:
        """The sum of every tree's leaf value for the features ``x``."""
        node = self.roots
        for _ in range(self.depth):
            node = np.where(x[self.feature[node]] <= self.threshold[node], self.left[node], self.right[node])
        return float(self.value[node].sum())

    def totals(self, x: np.ndarray) -> np.ndarray:
        """``total`` for every row of ``x`` (candidates x features) in one walk."""
        n, width = x.shape
        flat = x.ravel()
        rows = (np.arange(n) * width)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots)))
        for _ in range(self.depth):
            go_left = flat[rows + self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].sum(axis=1)


def _depth(tree: list[list[float]]) -> int:
    """Steps from the root to the deepest leaf."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, depth = stack.pop()
        _feature, _threshold, left, right, _value = tree[node]
        if left < 0:
            deepest = max(deepest, depth)
        else:
            stack += [(int(left), depth + 1), (int(right), depth + 1)]
    return deepest


class GenreFinder:
    """The article's genre for calibration: "call" when it retells a recorded call or
    conversation (``recorded_call_words.txt``), else None (news: the default calibration)."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        words = sorted(load_set("recorded_call_words.txt", data_dir), key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        self.pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE) if words else None

    def genre(self, text: str) -> str | None:
        return "call" if self.pattern is not None and self.pattern.search(text) else None


@lru_cache(maxsize=2)
def _scorer(path: str) -> SpeakerScorer:
    """Loaded once per process: the file is read when the first pipeline is built."""
    return SpeakerScorer.load(path)


@dataclass(frozen=True)
class SpeakerLexicon:
    """Word lists the features read: cue verbs, person nouns, organisation and media nouns."""

    cues: frozenset[str]
    person_nouns: frozenset[str]
    body_nouns: frozenset[str]
    mute_nouns: frozenset[str] = frozenset()  # texts and voices: their author or owner speaks

    @classmethod
    def load(cls, data_dir: str = str(DATA_DIR)) -> SpeakerLexicon:
        return cls(
            frozenset(load_set("cue_verbs.txt", data_dir)),
            frozenset(load_table("person_nouns.txt", data_dir)),
            frozenset(load_set("organisation_nouns.txt", data_dir) | load_set("media_nouns.txt", data_dir)),
            frozenset(load_set("text_nouns.txt", data_dir) | load_set("voice_nouns.txt", data_dir)),
        )


class DocContext:
    """What every quote of one Doc shares: paragraphs, quote ranges, named mentions, fullest names."""

    def __init__(self, doc: Doc, quotes: list[Quote], lexicon: SpeakerLexicon) -> None:
        self.doc = doc
        self.index = doc_index(doc)
        self.genre_feature: str | None = None  # "genre_call" when the model knows the genre
        self.text = self.index.text
        self.lexicon = lexicon
        self.cues = lexicon.cues
        segments = [s for s in (doc._.segments or []) if s.end > s.start]
        if segments:
            self.paragraph_starts = sorted(s.start for s in segments)
        else:  # a bare Doc: its lines are paragraphs
            self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]
        self.quote_ranges = sorted((q.start, q.end) for q in quotes if q.nested_in is None)
        self.furniture = sorted((s.start, s.end) for s in segments if s.kind in FURNITURE_SEGMENTS)
        self.named = [
            e
            for e in doc.ents
            if e.label_ in NAMED_LABELS
            and not self.inside_quote(e.start_char)
            and not self.in_furniture(e.start_char)
        ]
        # their character bounds read once: every quote measures its distance to each of them
        self.named_bounds = [(e.start_char, e.end_char, e) for e in self.named]
        self.counts: dict[str, int] = {}
        forms: dict[str, list[str]] = {}
        for ent in self.named:
            key = _last_word(ent.text)
            self.counts[key] = self.counts.get(key, 0) + 1
            if ent.label_ == "PERSON":
                forms.setdefault(key, []).append(_clean(ent.text))
        self.fullest = {key: full for key, names in forms.items() if (full := fullest_name(names))}
        # where the small NER model misses a full name ("Ilse Varga" untagged, "Varga" as ORG), a
        # run of proper nouns outside quotes still shows the fullest form the article gives
        for key, names in _proper_runs(doc, self).items():
            if key not in forms and (full := fullest_name(names)):
                self.fullest[key] = full
        # lookups many quotes repeat (the same name is a candidate for every quote near it)
        self.labels: dict[tuple[int, int], str] = {}
        self.grammar: dict[int, dict[str, float]] = {}
        self.kinds: dict[str, dict[str, float]] = {}
        self.cue_subjects: dict[tuple[int, int], list[Token]] = {}
        self.cue_sentences: dict[int, bool] = {}  # sentence start token -> holds a cue verb
        self._cue_verbs: list[int] | None = None
        self.rule_speakers: dict[str, int] = {}
        for quote in quotes:
            if quote.speaker:
                key = _last_word(quote.speaker)
                self.rule_speakers[key] = self.rule_speakers.get(key, 0) + 1

    def cue_verbs(self, start: int, end: int) -> list[int]:
        """Indices of the cue verbs (a VERB whose lower-cased lemma is a cue) among tokens
        ``start``..``end``, in order. Found once per Doc from the token columns, each distinct
        lemma looked up once: quotes' windows overlap, and a Token per word of each was most of
        the cost of finding their cue subjects."""
        if self._cue_verbs is None:
            strings, cues = self.doc.vocab.strings, self.cues
            is_cue: dict[int, bool] = {}
            self._cue_verbs = []
            for i, (pos, lemma) in enumerate(self.doc.to_array([POS, LEMMA]).tolist()):
                if pos != VERB:
                    continue
                hit = is_cue.get(lemma)
                if hit is None:
                    hit = is_cue[lemma] = strings[lemma].lower() in cues
                if hit:
                    self._cue_verbs.append(i)
        verbs = self._cue_verbs
        return verbs[bisect_left(verbs, start) : bisect_left(verbs, end)]

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def in_furniture(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.furniture)

    def inside_quote(self, offset: int) -> bool:
        i = bisect_right(self.quote_ranges, (offset, len(self.text) + 1)) - 1
        return i >= 0 and self.quote_ranges[i][0] <= offset < self.quote_ranges[i][1]

    def ent_label(self, start: int, end: int) -> str:
        key = (start, end)
        if key not in self.labels:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            self.labels[key] = (
                "" if span is None else next((t.ent_type_ for t in reversed(span) if t.ent_type_), "")
            )
        return self.labels[key]

    def sentence_number(self, offset: int) -> int | None:
        """Which sentence holds ``offset`` (as ``DocIndex.sentence_at`` finds it), without a Span."""
        index = self.index
        return max(0, bisect_right(index.starts, offset) - 1) if index.bounds else None

    def head_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None


class SpeakerModel:
    """Score each quote's candidate speakers; name the best when it is likely enough, else abstain."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        model_path: str = MODEL_NAME,
        data_dir: str = str(DATA_DIR),
        threshold: float | None = None,
        quote_model_path: str = QUOTE_MODEL_NAME,
    ) -> None:
        self.name = name
        self.scorer = _scorer(model_path)
        quote_scorer = _scorer(quote_model_path) if quote_model_path else None
        self.quotes = QuoteDecision(quote_scorer, quote_scorer.threshold) if quote_scorer else None
        # an explicit threshold holds for every genre; else each genre's own (see SpeakerScorer)
        self.fixed_threshold = threshold
        self.threshold = self.scorer.threshold if threshold is None else threshold
        self.lexicon = SpeakerLexicon.load(data_dir)
        self.genres = GenreFinder(data_dir)

    def threshold_for(self, genre: str | None) -> float:
        return self.fixed_threshold if self.fixed_threshold is not None else self.scorer.threshold_for(genre)

    def __call__(self, doc: Doc) -> Doc:
        self.drop_non_quotes(doc)
        return self.set_annotations(doc, self.match(doc))

    def drop_non_quotes(self, doc: Doc) -> None:
        """In a news article, drop the marked spans the quote decision says are nobody's words
        (scare quotes, titles: PolNeAR's conventions). It runs here, before the speakers are
        decided, because it needs the rules' answer and the article's genre; in an article
        retelling a call the rules stand (our gold counts what PolNeAR leaves out)."""
        quotes = get_list(doc, "quotes")
        if self.quotes is None or not quotes:
            return
        text = doc_index(doc).text
        if self.genres.genre(text) is not None:
            return
        judged = [q for q, judge in zip(quotes, decided(quotes), strict=True) if judge]
        keep = self.quotes.keep([_shape(text, q) for q in judged])
        dropped = {q.id for q, kept in zip(judged, keep, strict=True) if not kept}
        if not dropped:
            return
        for quote in sorted(quotes, key=lambda q: q.start):  # a parent comes before what it holds
            if quote.nested_in in dropped:
                dropped.add(quote.id)
        doc._.quotes = [q for q in quotes if q.id not in dropped]

    def match(self, doc: Doc) -> dict[str, list[Candidate]]:
        """Scored candidates by quote id, best first."""
        quotes = get_list(doc, "quotes")
        reported = get_list(doc, "indirect_quotes")
        if not quotes and not reported:
            return {}
        context = DocContext(doc, quotes, self.lexicon)
        genre = self.genres.genre(context.text)
        if genre is not None and f"genre_{genre}" in self.scorer.features:
            context.genre_feature = f"genre_{genre}"
        # in a two-party exchange the rules' answer for a bare line is the other party
        alternated = alternate_turns(context.text, quotes)
        ordered = sorted(quotes + reported, key=lambda q: q.start)
        proposed: list[list[Candidate]] = []
        previous: str | None = None
        for quote in ordered:  # the previous speaker is the rules' answer, so no score is needed yet
            proposed.append(propose(context, quote, previous, alternated.get(quote.id)))
            if quote.kind != "indirect" and quote.nested_in is None and quote.speaker:
                previous = quote.speaker
        # every model-scored candidate of the Doc in one batch (one walk of the trees)
        scored = [c for q, cs in zip(ordered, proposed, strict=True) if q.id not in alternated for c in cs]
        for candidate, chance in zip(
            scored, self.scorer.probabilities([c.features for c in scored], genre), strict=True
        ):
            candidate.probability = chance
        by_id = {q.id: cs for q, cs in zip(ordered, proposed, strict=True)}
        for first, second in _split_pieces(context.text, ordered):
            _share(by_id[first.id], by_id[second.id])
        found: dict[str, list[Candidate]] = {}
        for quote, candidates in zip(ordered, proposed, strict=True):
            if quote.id in alternated:  # rests on the earlier turns' decisions, so in text order
                candidates = self._exchange_turn(candidates, found, quotes, quote)
            found[quote.id] = sorted(candidates, key=lambda c: -c.probability)
        return found

    @staticmethod
    def _exchange_turn(
        candidates: list[Candidate], found: dict[str, list[Candidate]], quotes: list[Quote], quote: Quote
    ) -> list[Candidate]:
        """A bare line of a two-party exchange goes to the other party (the text's structure says
        so, not the model). Its confidence is the lower of the two decisions the exchange rests
        on: the previous two quotes' (not separately calibrated)."""
        party = [c for c in candidates if "rule" in c.origins]
        earlier = [q for q in quotes if q.start < quote.start and q.nested_in is None and q.kind == "direct"]
        scores = [found[q.id][0].probability if found.get(q.id) else 0.0 for q in earlier[-2:]]
        for candidate in party:
            candidate.probability = min(scores) if len(scores) == 2 else 0.0
        return party

    def set_annotations(self, doc: Doc, matches: dict[str, list[Candidate]]) -> Doc:
        quotes, reported = get_list(doc, "quotes"), get_list(doc, "indirect_quotes")
        genre = self.genres.genre(doc_index(doc).text) if matches else None
        threshold = self.threshold_for(genre) if matches else self.threshold
        for quote in quotes + reported:
            self.decide(quote, matches.get(quote.id, []), threshold, alone=genre is None)
        # assigned back: that writes the decisions into the Doc's plain data
        doc._.quotes, doc._.indirect_quotes = quotes, reported
        return doc

    def decide(
        self, quote: Quote, candidates: list[Candidate], threshold: float | None = None, alone: bool = True
    ) -> None:
        """Name the best candidate when it is likely enough. ``alone``: the model may name a quote
        the rules found no attribution for (news articles; in an article retelling a call the
        unattributed marked spans are mostly scare quotes and words no one in the story said)."""
        threshold = self.threshold if threshold is None else threshold
        listed = [c for c in candidates if c.probability >= MIN_LISTED][:MAX_LISTED]
        own = next((c for c in candidates if "rule" in c.origins), None)
        if own is not None and own not in listed:
            listed.append(own)  # the rules' answer is always listed, however unlikely
        quote.speaker_candidates = [
            SpeakerCandidate(speaker=c.text, confidence=round(c.probability, 3), rules="rule" in c.origins)
            for c in listed
        ]
        if quote.kind == "indirect":
            # reported speech keeps its clause's subject (the model learnt on direct quotes); it gets
            # the chance the model gives that subject
            own = next((c for c in candidates if "rule" in c.origins), None)
            quote.speaker_confidence = round(own.probability, 3) if own is not None else 0.0
            return
        label = next((c for c in candidates if "rule" in c.origins), None) if quote.kind == "turn" else None
        if label is not None:  # a label names its lines ("Soldier B:", "WIFE:", "Q:" the interviewer)
            quote.speaker, quote.speaker_confidence = label.text, round(label.probability, 3)
            return
        best = candidates[0] if candidates else None
        quote.speaker_confidence = round(best.probability, 3) if best is not None else 0.0
        # where the rules found that the words are no one's (a text with no author, a reply
        # received, a caption) the model may list who is near, never name them; where they found
        # no attribution at all (no cue, no mention: 'Merkel heralded the deal as a "breakthrough"')
        # the model decides alone in a news article (PolNeAR train: 22 of 24 such names right)
        silent = quote.speaker is None and not alone
        if best is None or best.probability < threshold or _names_no_one(quote) or silent:
            quote.speaker = None  # unsure: the candidates say who it may be
            return
        quote.speaker = best.text


def _split_pieces(text: str, ordered: list[Quote]) -> list[tuple[Quote, Quote]]:
    """Pairs of direct quotes that are one utterance split by its own cue ('"…," he said, "and …"'):
    the second piece's cue stands between the two, and nothing but the cue clause (no sentence end,
    no line break) separates them. Its speaker is one decision, not two."""
    direct = [q for q in ordered if q.kind == "direct" and q.nested_in is None]
    pairs = []
    for first, second in zip(direct, direct[1:], strict=False):
        cue = second.cue_span
        if cue is None or not first.end <= cue.start < cue.end <= second.start:
            continue
        between = text[first.end : second.start]
        if len(between.split()) <= SPLIT_CUE_WORDS and not re.search(r"[.!?;\n]", between.strip(" ,\"'“”‘’")):
            pairs.append((first, second))
    return pairs


def _share(first: list[Candidate], second: list[Candidate]) -> None:
    """Where both pieces of a split quote put the same referent first, it takes the higher of its
    two chances in both: the piece that tells its speaker better (the one the cue follows, or
    precedes) decides. Where they disagree each keeps its own (one of them may hold a quote of
    someone else's words)."""
    if not first or not second:
        return
    a, b = max(first, key=lambda c: c.probability), max(second, key=lambda c: c.probability)
    if _same(a.text, b.text):
        a.probability = b.probability = max(a.probability, b.probability)


def _names_no_one(quote: Quote) -> bool:
    """The rules found an attribution (a cue, a mention) or a display line and gave it no speaker."""
    if quote.speaker is not None:
        return False
    found = quote.cue is not None or quote.speaker_mention is not None
    return found or quote.segment in DISPLAY_SEGMENTS or quote.nested_in is not None


def _shape(text: str, quote: Quote) -> dict[str, float]:
    return quote_shape(
        text,
        quote.text,
        quote.start,
        quote.end,
        kind=quote.kind,
        segment=quote.segment,
        cue=quote.cue,
        cue_start=quote.cue_span.start if quote.cue_span is not None else None,
        speaker=quote.speaker,
        mention=quote.speaker_mention.text if quote.speaker_mention is not None else None,
        nested=quote.nested_in is not None,
    )


# ---------------------------------------------------------------------- candidates and features
def propose(
    context: DocContext, quote: Quote, previous: str | None, rule_speaker: str | None = None
) -> list[Candidate]:
    """The rules' answer, named mentions near the quote, and the previous speaker, merged by name.

    ``rule_speaker`` replaces the rules' answer where a later rule knows better (an exchange's turn).
    """
    candidates: list[Candidate] = []
    mention = quote.speaker_mention
    speaker = rule_speaker or quote.speaker
    if speaker:
        if mention is not None and rule_speaker is None:
            start, end = mention.start, mention.end
        else:
            start, end = quote.start, quote.start
        candidates.append(Candidate(speaker, start, end, context.head_at(start, end), {"rule"}))
    gaps = [(abs(_gap(quote, start, end)), ent) for start, end, ent in context.named_bounds]
    near = [pair for pair in gaps if pair[0] <= WINDOW_CHARS]
    near.sort(key=lambda pair: pair[0])  # stable: equal distances keep text order
    for rank, (_distance, ent) in enumerate(near[:MAX_NAMED]):
        # a one-word name (a surname the NER may call an ORG) takes the article's fullest form
        single = len(_words(ent.text)) == 1
        full = context.fullest.get(_last_word(ent.text)) if ent.label_ == "PERSON" or single else None
        text = full or _clean(ent.text)
        origin = {"named", f"near{min(rank, 2)}"} | ({"fullest"} if full else set())
        _merge(candidates, Candidate(text, ent.start_char, ent.end_char, ent.root, origin))
    for head in _cue_subjects(context, quote):
        start, end = mention_bounds(head)
        span = context.doc[start:end]
        full = context.fullest.get(_last_word(span.text)) if head.ent_type_ == "PERSON" else None
        text = full or _clean(span.text)
        if text:
            origin = {"cue_subject"} | ({"fullest"} if full else set())
            _merge(candidates, Candidate(text, span.start_char, span.end_char, head, origin))
    if previous:
        _merge(candidates, Candidate(previous, quote.start, quote.start, None, {"previous"}))
    shared = quote_features(context, quote)
    if context.genre_feature:
        shared[context.genre_feature] = 1.0
    for candidate in candidates:
        candidate.features = features(context, quote, candidate, previous, shared)
    _relative_features(candidates)
    return candidates


def _cue_subjects(context: DocContext, quote: Quote) -> list[Token]:
    """Subjects (not pronouns) of cue verbs in the quote's sentences and the one either side."""
    index = doc_index(context.doc)
    first, last = index.sentence_at(quote.start), index.sentence_at(max(quote.start, quote.end - 1))
    if first is None or last is None:
        return []
    before = index.sentence_at(first.start_char - 1) if first.start_char > 0 else None
    after = index.next_sentence(last)
    start = (before or first).start
    end = (after or last).end
    if (start, end) in context.cue_subjects:
        return context.cue_subjects[(start, end)]
    found = context.cue_subjects[(start, end)] = []
    for i in context.cue_verbs(start, end):
        token = context.doc[i]
        if context.inside_quote(token.idx):
            continue
        for child in token.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass")
                and child.pos_ != "PRON"
                and not context.inside_quote(child.idx)
                and child.lemma_.lower() not in context.lexicon.mute_nouns  # 'a letter said': its author
            ):
                found.append(child)
    return found


def _relative_features(candidates: list[Candidate]) -> None:
    """How a candidate stands among the quote's others: nearest first, how many there are."""
    placed = sorted(
        (c for c in candidates if c.features.get("positioned")), key=lambda c: c.features["distance"]
    )
    for rank, candidate in enumerate(placed):
        candidate.features["distance_rank"] = min(rank, 4) / 4
        candidate.features["nearest"] = float(rank == 0)
    for candidate in candidates:
        candidate.features["candidates"] = min(len(candidates), 8) / 8


def _merge(candidates: list[Candidate], new: Candidate) -> None:
    """One candidate per referent: 'Clinton' joins 'Hillary Clinton', keeping the fuller name."""
    key = _words(new.text)
    for old in candidates:
        old_key = _words(old.text)
        same_words = key and old_key and (_contains(old_key, key) or _contains(key, old_key))
        # one mention is one referent: 'the older prisoner' the rules resolved to 'Viktor Sazonov'
        same_mention = (
            new.end > new.start and old.end > old.start and new.start < old.end and old.start < new.end
        )
        if same_mention and not same_words:
            old.origins |= new.origins - {"fullest"}
            return
        if same_words:
            old.origins |= new.origins
            # the fullest form the article gives the name, also for the rules' answer ('Varga')
            if len(key) > len(old_key) and (
                "rule" not in old.origins or ("fullest" in new.origins and _is_name(old.text))
            ):
                old.text = new.text
            if old.head is None or (
                new.head is not None and "previous" in old.origins and old.start == old.end
            ):
                old.start, old.end, old.head = new.start, new.end, new.head
            return
    candidates.append(new)


def quote_features(context: DocContext, quote: Quote) -> dict[str, float]:
    """The quote's own shape, shared by all its candidates."""
    short = len(quote.text.split()) <= SHORT_QUOTE_WORDS
    return {
        "quote_short": float(short),
        "quote_display": float(quote.segment in DISPLAY_SEGMENTS),
        "quote_turn": float(quote.kind == "turn"),
        "quote_nested": float(quote.nested_in is not None),
        "quote_has_cue": float(quote.cue is not None),
        "cue_after": float(quote.cue_span is not None and quote.cue_span.start >= quote.end),
        "quote_bare": float(is_bare(context.text, quote)),
        "rule_null": float(quote.speaker is None),
        "cue_governs_quote": _cue_governs_quote(context, quote),
        "opens_paragraph": _opens_paragraph(context, quote),
        "names_in_sentence": min(_names_in_sentence(context, quote), 4) / 4,
        "names_since_previous": min(_names_since_previous(context, quote), 4) / 4,
    }


def _rule_features(quote: Quote, short: float) -> dict[str, float]:
    mention = (quote.speaker_mention.text if quote.speaker_mention else "").lower()
    return {
        "rule": 1.0,
        "rule_cue": float(quote.cue is not None),
        "rule_short": short,
        "rule_turn": float(quote.kind == "turn"),
        "rule_pronoun": float(mention in PRONOUNS),
        "rule_renamed": _rule_renamed(quote),
    }


def _text_features(context: DocContext, text: str) -> dict[str, float]:
    """What the candidate's name alone says (its kind, how often the article gives it), per name."""
    if text in context.kinds:
        return context.kinds[text]
    first_word = text.split()[0].lower() if text.split() else ""
    words = _words(text)
    head_word = words[-1] if words else ""
    f = context.kinds[text] = {
        "lowercase": float(text[:1].islower()),
        "odd_start": float(text[:1].islower() and first_word not in DETERMINERS),
        "has_digit": float(any(ch.isdigit() for ch in text)),
        "person_noun": float(head_word in context.lexicon.person_nouns),
        "body_noun": float(head_word in context.lexicon.body_nouns),
        "all_caps": float(text.isupper() and len(text) > 3),
        "words": min(len(text.split()), 6) / 6,
        "pronoun_text": float(text.lower() in PRONOUNS),
        "salience": math.log1p(context.counts.get(_last_word(text), 0)) / 3,
        "speaks_elsewhere": math.log1p(context.rule_speakers.get(_last_word(text), 0)) / 3,
    }
    return f


def features(
    context: DocContext,
    quote: Quote,
    candidate: Candidate,
    previous: str | None,
    shared: dict[str, float] | None = None,
) -> dict[str, float]:
    """Named features of one candidate for one quote (weights are looked up by these names).
    ``shared`` is ``quote_features`` of the quote, computed once for all its candidates."""
    f = dict(shared if shared is not None else quote_features(context, quote))
    rule = "rule" in candidate.origins
    if rule:
        f.update(_rule_features(quote, f["quote_short"]))
    for origin in ("named", "near0", "near1", "near2", "previous"):
        f[origin] = float(origin in candidate.origins)
    f["previous_is_rule"] = float(rule and bool(previous) and _same(previous, candidate.text))
    text = candidate.text
    label = context.ent_label(candidate.start, candidate.end) if candidate.end > candidate.start else ""
    f["ent_person"] = float(label == "PERSON")
    f["ent_org"] = float(label == "ORG")
    f["ent_place"] = float(label in ("GPE", "LOC", "FAC"))
    f["ent_other"] = float(label not in ("", "PERSON", "ORG", "GPE", "LOC", "FAC"))
    f["ent_none"] = float(label == "")
    f.update(_text_features(context, text))
    f["cue_subject"] = float("cue_subject" in candidate.origins)
    positioned = candidate.end > candidate.start
    f["positioned"] = float(positioned)
    if positioned:
        gap = _gap(quote, candidate.start, candidate.end)
        f["distance"] = math.log1p(abs(gap)) / 7
        f["before"] = float(gap < 0)
        f["touching"] = float(abs(gap) <= 3)
        same_paragraph = context.paragraph(candidate.start) == context.paragraph(quote.start)
        f["same_paragraph"] = float(same_paragraph)
        f["previous_paragraph"] = float(
            context.paragraph(candidate.start) == context.paragraph(quote.start) - 1
        )
        f["same_sentence"] = float(_same_sentence(context, quote, candidate))
        _grammar(context, candidate.head, f)
        _links_to_quote(context, quote, candidate.head, f)
        f["said_next_sentence"] = _said_next_sentence(context, quote, candidate.head)
    f["previous_in_run"] = float("previous" in candidate.origins and _continues_run(context, quote))
    return f


# --- features added for the misses where the right speaker was listed but not chosen (issue 11) ---
def _cue_governs_quote(context: DocContext, quote: Quote) -> float:
    """Whether the quote's cue verb is the verb the quote hangs from (or one above it). A cue found in
    another clause ('X accuses Y of an "artful smear" while Y suggests ...') names the wrong person
    more often than one whose clause holds the quote ('"...," X added')."""
    cue = quote.cue_span
    if cue is None:
        return 0.0
    # the piece after a mid-quote cue ('"…," he said, "and …"'): the cue's own words go on
    if cue.end <= quote.start and not context.text[cue.end : quote.start].strip(" ,:\"'“‘\u00a0"):
        return 1.0
    words = context.doc.char_span(quote.start, quote.end, alignment_mode="contract")
    verb = context.doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if words is None or not len(words) or verb is None or not len(verb):
        return 0.0
    inside = range(words.start, words.end)
    attachment = next((t.head for t in words if t.head.i not in inside), None)
    if attachment is None:  # the quote is a whole sentence: the cue may hang from its root
        return float(any(t.head.i in inside for t in verb))
    return float(any(a.i in range(verb.start, verb.end) for a in [attachment, *attachment.ancestors][:8]))


def _opens_paragraph(context: DocContext, quote: Quote) -> float:
    """Whether the quote opens its paragraph: its speaker is then usually named after it ('"…," X said.'
    in the same or the next sentence), not in the paragraph before."""
    start = context.paragraph_starts[context.paragraph(quote.start)] if context.paragraph_starts else 0
    return float(not context.text[start : quote.start].strip(" \t\n\"'“”‘’«»"))


def _quote_sentences(context: DocContext, quote: Quote) -> tuple[int, int] | None:
    first = context.sentence_number(quote.start)
    last = context.sentence_number(max(quote.start, quote.end - 1))
    return None if first is None or last is None else (first, last)


def _names_in_sentence(context: DocContext, quote: Quote) -> int:
    """How many named people and organisations stand in the quote's sentences outside it: with one,
    a quote without a cue is usually theirs ('Merkel heralded the deal as a "breakthrough"')."""
    span = _quote_sentences(context, quote)
    if span is None:
        return 0
    starts = context.index.starts
    low = starts[span[0]]
    high = starts[span[1] + 1] if span[1] + 1 < len(starts) else len(context.text)
    return len({_last_word(e.text) for s, _e, e in context.named_bounds if low <= s < high})


def _names_since_previous(context: DocContext, quote: Quote) -> int:
    """Named mentions between the sentence of the quote before this one (its attribution stays out)
    and this one: with none, a run of quotes goes on and the previous speaker most likely still
    speaks."""
    i = bisect_right(context.quote_ranges, (quote.start, -1)) - 1
    if i < 0:
        return 4
    end = context.quote_ranges[i][1]
    if end > quote.start:  # this quote lies inside the one before (nested)
        return 0
    own = context.sentence_number(max(0, end - 1))
    return sum(
        1 for s, _e, _ in context.named_bounds if end <= s < quote.start and context.sentence_number(s) != own
    )


def _continues_run(context: DocContext, quote: Quote) -> bool:
    """The quote before this one ends in this quote's paragraph or the one before it."""
    i = bisect_right(context.quote_ranges, (quote.start, -1)) - 1
    if i < 0:
        return False
    return context.paragraph(quote.start) - context.paragraph(context.quote_ranges[i][1] - 1) <= 1


def _rule_renamed(quote: Quote) -> float:
    """The rules' answer is not the name at the attribution: resolution replaced a name (not a
    pronoun, not a description) by another, a step that goes wrong more often than a plain name."""
    mention = quote.speaker_mention.text if quote.speaker_mention is not None else ""
    if not mention or not quote.speaker or not mention[:1].isupper() or mention.lower() in PRONOUNS:
        return 0.0
    surname = _last_word(mention)
    # a near spelling of one of the answer's words is the same name misspelt or transliterated
    # ('Prokorenko' for 'Prokhorenko'), which resolution rightly merged: no rename
    return float(not any(near_spelling(surname, word) for word in _words(quote.speaker)))


def _said_next_sentence(context: DocContext, quote: Quote, head: Token | None) -> float:
    """The candidate is the subject of a cue verb in the sentence right after the quote's
    ('"…" / X said so in a statement'): the speaker of a paragraph-opening quote named next."""
    span = _quote_sentences(context, quote)
    if head is None or span is None or head.dep_ not in ("nsubj", "nsubjpass"):
        return 0.0
    if context.sentence_number(head.idx) != span[1] + 1:
        return 0.0
    return float(head.head.lemma_.lower() in context.cues)


def _links_to_quote(context: DocContext, quote: Quote, head: Token | None, f: dict[str, float]) -> None:
    """Whether the candidate is the subject of the quote's own cue verb, or of a verb governing it."""
    if head is None or head.dep_ not in ("nsubj", "nsubjpass", "pobj"):
        return
    verb = head.head if head.dep_ != "pobj" else head.head.head
    cue = quote.cue_span
    if cue is not None:
        f["cue_owner"] = float(cue.start <= verb.idx < cue.end)
    first = context.doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if first is None or not len(first):
        return
    inside = range(first.start, first.end)
    attachment = next((t.head for t in first if t.head.i not in inside), None)
    ancestors = [attachment, *attachment.ancestors][:8] if attachment is not None else []
    f["governs_quote"] = float(any(a.i == verb.i for a in ancestors))


def _grammar(context: DocContext, head: Token | None, f: dict[str, float]) -> None:
    """The candidate's role in its clause: subject of a cue verb, 'according to' object, possessor."""
    if head is None:
        return
    if head.i not in context.grammar:
        context.grammar[head.i] = _role(context, head)
    f.update(context.grammar[head.i])


def _role(context: DocContext, head: Token) -> dict[str, float]:
    f: dict[str, float] = {}
    verb = head.head
    subject = head.dep_ in ("nsubj", "nsubjpass")
    f["subject"] = float(subject)
    f["subject_of_cue"] = float(subject and verb.lemma_.lower() in context.cues)
    f["according_to"] = float(
        head.dep_ == "pobj"
        and verb.lower_ == "to"
        and verb.i > 0
        and verb.doc[verb.i - 1].lower_ == "according"
    )
    f["object"] = float(head.dep_ in ("dobj", "pobj", "dative") and not f["according_to"])
    f["possessor"] = float(head.dep_ == "poss")
    f["appositive"] = float(head.dep_ in ("appos", "compound"))
    sentence = doc_index(context.doc).sentence_at(head.idx)
    f["verb_is_root"] = float(sentence is not None and verb.i == sentence.root.i)
    f["cue_in_sentence"] = float(sentence is not None and _has_cue_verb(context, sentence))
    return f


def _has_cue_verb(context: DocContext, sentence: Span) -> bool:
    """Whether a cue verb is in ``sentence``; read once per sentence (many candidates share one)."""
    found = context.cue_sentences.get(sentence.start)
    if found is None:
        found = context.cue_sentences[sentence.start] = bool(context.cue_verbs(sentence.start, sentence.end))
    return found


def _same_sentence(context: DocContext, quote: Quote, candidate: Candidate) -> bool:
    mine = context.sentence_number(candidate.start)
    return mine is not None and mine in (
        context.sentence_number(quote.start),
        context.sentence_number(max(quote.start, quote.end - 1)),
    )


def _gap(quote: Quote, start: int, end: int) -> int:
    """Characters from the quote to a mention: negative before it, positive after, 0 inside."""
    if end <= quote.start:
        return end - quote.start
    if start >= quote.end:
        return start - quote.end
    return 0


def _proper_runs(doc: Doc, context: DocContext) -> dict[str, list[str]]:
    """Runs of two to four capitalised proper nouns outside quotes and furniture, by last word."""
    runs: dict[str, list[str]] = {}
    if not len(doc):
        return runs
    run: list[Token] = []
    # the tags as one array: a Token is made only for a proper noun, not for every word
    for i, (pos, alpha) in enumerate([*doc.to_array([POS, IS_ALPHA]).tolist(), (None, 0)]):
        token = doc[i] if pos == PROPN and alpha else None
        if token is not None and token.text[:1].isupper():
            run.append(token)
            continue
        if (
            2 <= len(run) <= 4
            and not context.inside_quote(run[0].idx)
            and not context.in_furniture(run[0].idx)
        ):
            text = " ".join(t.text for t in run)
            runs.setdefault(_last_word(text), []).append(text)
        run = []
    return runs


def fullest_name(names: list[str]) -> str | None:
    """The fullest form the article gives a surname ('Ilse Varga' for 'Varga'); None when two
    people share it ('Bill Clinton', 'Hillary Clinton'): then no short mention is lengthened."""
    # a run of several tokens with no word in it (stray punctuation the tagger called a name) is none
    full = [n for n in names if len(n.split()) > 1 and _words(n)]
    if not full:
        return None
    given = {_words(n)[0] for n in full}
    if len(given) > 1:
        return None
    return max(full, key=lambda n: (len(n.split()), len(n)))


def _clean(text: str) -> str:
    text = re.sub(r"['\u2019]s$", "", text.strip())
    return re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", re.sub(r"['\u2019]s\b", "", text.lower())))


def _is_name(text: str) -> bool:
    """Capitalised words only ('Varga', 'Ilse Varga'), not a description ('the mayor')."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() for w in words)


def _last_word(text: str) -> str:
    words = _words(text)
    return words[-1] if words else ""


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    return any(outer[k : k + len(inner)] == inner for k in range(len(outer) - len(inner) + 1))


def _same(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (_contains(wa, wb) or _contains(wb, wa))


@Language.factory(
    "purportedly_speaker_model",
    default_config={
        "model_path": MODEL_NAME,
        "data_dir": str(DATA_DIR),
        "threshold": None,
        "quote_model_path": QUOTE_MODEL_NAME,
    },
    requires=["doc._.quotes", "doc._.indirect_quotes", "token.dep", "token.ent_type"],
    assigns=["doc._.quotes", "doc._.indirect_quotes"],
)
def make_speaker_model(
    nlp: Language, name: str, model_path: str, data_dir: str, threshold: float | None, quote_model_path: str
) -> SpeakerModel:
    return SpeakerModel(
        nlp,
        name,
        model_path=model_path,
        data_dir=data_dir,
        threshold=threshold,
        quote_model_path=quote_model_path,
    )
