"""The learned "does the article name this entity, as given?" decision over the entity clusters.

The finders (NER, the gazetteer, the layout rules) and the merging propose one entity per
cluster of mentions. Whether it is a name the article gives, and not a headline's capitalised
phrase, a menu word, a piece of a cut name or a common noun the small model took for a name, is
decided here: a logistic model over features of the cluster (how it was found, the labels it got,
where its mentions stand, how it is written) gives the chance that it is right; a Platt map
fitted on sets the model did not train on makes that chance calibrated. It is the entity's
``confidence``; below the threshold the entity is dropped. Weights are plain JSON
(``data/models/entities.json``, written by ``scripts/train_entities.py`` from our gold sets).
Why learned: on articles nobody had read, each false entity was a different kind of junk, and
every rule that dropped one kind fixed one article.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from purportedly.names import fold
from purportedly.nlp.calibrated import CalibratedLogistic
from purportedly.nlp.entities.aliases import Cluster
from purportedly.nlp.entities.filters import starts_sentence
from purportedly.nlp.extensions import doc_text, get_list

MODEL_PATH = Path(str(resources.files("purportedly").joinpath("data", "models", "entities.json")))
DISPLAY_SEGMENTS = frozenset({"title", "standfirst", "key_point", "heading", "caption", "kicker"})
FURNITURE_SEGMENTS = frozenset({"byline", "dateline", "credit", "boilerplate", "date", "timestamp"})
FOUND_BY = {3: "gazetteer", 2: "rule", 1: "context", 0: "ner"}
ODD_CHARACTER = re.compile(r"[^\w\s.'’\-]")
CAPITALISED = re.compile(r"^[A-Z]")
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


@dataclass
class DocView:
    """What the features read from the whole article, computed once per Doc."""

    text: str
    segment_starts: list[int]
    segment_kinds: list[tuple[int, int, str]]
    quoted: list[tuple[int, int]]

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        segments = sorted((s.start, s.end, s.kind) for s in (doc._.segments or []))
        quotes = sorted(
            (q.start, q.end) for q in get_list(doc, "quotes") if q.kind == "direct" and q.nested_in is None
        )
        text = doc_text(doc)
        return cls(text, [s[0] for s in segments], segments, quotes)

    def kind_at(self, offset: int) -> str:
        i = bisect_right(self.segment_starts, offset) - 1
        if i >= 0 and offset < self.segment_kinds[i][1]:
            return self.segment_kinds[i][2]
        return "body"

    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    def line_at(self, offset: int) -> str:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start : end if end >= 0 else len(self.text)]


def written_lower(text: str, name: str) -> bool:
    """The name's words occur in lower case in the text ('the army', 'barrel bombs'): a common noun."""
    lowered = name.lower()
    if lowered == name or not name[:1].isupper():
        return False
    # a plain search with the boundaries checked by hand, as (?<![\w-])NAME(?![\w-]) would: a
    # regex per name filled Python's pattern cache with one-off patterns, compiled at each call
    at = text.find(lowered)
    while at >= 0:
        end = at + len(lowered)
        if not (at and _word_char(text[at - 1])) and not (end < len(text) and _word_char(text[end])):
            return True
        at = text.find(lowered, at + 1)
    return False


def _word_char(char: str) -> bool:
    r"""A character of regex ``[\w-]``: \w is a Unicode letter or digit (``str.isalnum``) or '_'."""
    return char.isalnum() or char in "_-"


def headline_case(line: str) -> bool:
    """Most words of the line are capitalised: a headline, a menu or a promo line."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(bool(CAPITALISED.match(w)) for w in words) / len(words) > 0.6


def english_words(nlp) -> frozenset[str]:
    """The common English words the lemmatizer's tables list (nouns, verbs, adjectives, adverbs): a
    one-word 'name' that is one of them ('Army', 'Barrel', 'Debris') is often a capitalised noun."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(word for words in lookups.get_table("lemma_index").values() for word in words)


def in_dictionary(word: str, dictionary: frozenset[str]) -> bool:
    lowered = word.lower().strip(".,'’")
    return lowered in dictionary or lowered.removesuffix("s") in dictionary


def beside_capital(text: str, start: int, end: int) -> bool:
    """Another capitalised word right before or after, on the same line: the name may be cut
    ('Media Organization' of 'Syrian Media Organization') or run into the next one."""
    before = re.search(r"([A-Z][\w’'-]*) $", text[max(0, start - 30) : start])
    after = re.match(r" ([A-Z][\w’'-]*)", text[end : end + 30])
    return before is not None and not _sentence_start(text, start - len(before.group(0))) or after is not None


def _sentence_start(text: str, at: int) -> bool:
    stripped = text[max(0, at - 3) : at].rstrip(" \t")
    return not stripped or stripped[-1] in ".!?\n\"“‘:("


def cluster_features(
    doc: Doc,
    view: DocView,
    cluster: Cluster,
    name: str,
    known: bool,
    dictionary: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Features of one proposed entity: how it was found, where its mentions stand, how it is written."""
    mentions = cluster.mentions
    n = len(mentions)
    features: dict[str, float] = {f"label={cluster.label}": 1.0, "known": float(known)}
    features[f"found={FOUND_BY.get(max(m.priority for m in mentions), 'ner')}"] = 1.0
    for priority in {m.priority for m in mentions}:
        features[f"any={FOUND_BY.get(priority, 'ner')}"] = 1.0
    features["canonical"] = float(cluster.canonical is not None)
    features["mentions"] = math.log1p(n)
    features["one_mention"] = float(n == 1)
    features["descriptors"] = float(any(m.descriptors for m in mentions))
    kinds = [view.kind_at(m.start) for m in mentions]
    features["display_only"] = float(all(k in DISPLAY_SEGMENTS for k in kinds))
    features["furniture_any"] = float(any(k in FURNITURE_SEGMENTS for k in kinds))
    features["furniture_only"] = float(all(k in FURNITURE_SEGMENTS for k in kinds))
    features["quoted_share"] = sum(view.in_quote(m.start, m.end) for m in mentions) / n
    features["headline_case_only"] = float(all(headline_case(view.line_at(m.start)) for m in mentions))
    features["short_line_only"] = float(all(len(view.line_at(m.start).split()) <= 4 for m in mentions))
    features["early"] = float(min(m.start for m in mentions) < 0.05 * max(1, len(view.text)))
    ner_labels, initial, propn, common, tokens = [], 0, 0, 0, 0
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        ner_labels += [t.ent_type_ for t in span if t.ent_type_]
        initial += starts_sentence(span[0])
        propn += sum(t.pos_ == "PROPN" for t in span)
        common += sum(t.tag_ in ("NN", "NNS") for t in span)
        tokens += len(span)
    features[f"ner={max(set(ner_labels), key=ner_labels.count) if ner_labels else 'none'}"] = 1.0
    features["initial_only"] = float(initial == n)
    features["propn_share"] = propn / tokens if tokens else 0.0
    features["common_noun_share"] = common / tokens if tokens else 0.0
    words = name.split()
    features[f"words={min(len(words), 4)}"] = 1.0
    features["lower_word"] = float(any(w[:1].islower() for w in words[1:]))
    features["all_caps"] = float(name.isupper() and len(name) > 1)
    features["digit"] = float(any(c.isdigit() for c in name))
    features["odd_character"] = float(ODD_CHARACTER.search(name) is not None)
    features["not_ascii"] = float(not name.isascii())
    features["written_lower"] = float(written_lower(view.text, name))
    features["aliases"] = float(len({fold(m.text) for m in mentions}) > 1)
    place = cluster.label in PLACE_LABELS
    if dictionary:
        share = sum(in_dictionary(w, dictionary) for w in words) / max(1, len(words))
        features["dictionary_share"] = share
        # one common English word that is not a place or people ('Army', 'Debris', 'Fierce')
        features["dictionary_word"] = float(len(words) == 1 and share == 1.0 and not place and not known)
        features["dictionary_word_once"] = features["dictionary_word"] * float(n == 1)
    beside = sum(beside_capital(view.text, m.start, m.end) for m in mentions) / n
    features["beside_capital"] = beside
    features["beside_capital_not_person"] = beside * float(cluster.label != "PERSON" and not known)
    return features


class EntityDecision(CalibratedLogistic):
    """Is this proposed entity right? The shared calibrated logistic form (``nlp/calibrated.py``)."""


@lru_cache(maxsize=4)
def load_decision(path: str = str(MODEL_PATH)) -> EntityDecision | None:
    """The shipped model, or None when there is none (every proposed entity is then kept)."""
    file = Path(path)
    if not path or not file.exists():
        return None
    return EntityDecision(json.loads(file.read_text(encoding="utf-8")))
