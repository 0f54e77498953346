"""The learned "is this a cited source?" decision over the source groups the rules propose.

The rules (``patterns``, ``candidates``, ``merge``) find every phrase that may name a source and
merge them into one group per source. Whether a group is a source the article cites, and not a
name that only stands near a citing verb (a voice heard on a recording, the outlet itself, a
country, a unit), is decided here: a logistic model over features of the group (how it was
found, its kind, where it stands, whether quoted speakers or the article name it) gives the
chance that it is cited; a Platt map fitted on articles the model did not train on makes that
chance calibrated. Weights are plain JSON (``data/models/sources.json``, written by
``scripts/train_sources.py`` from our gold and PolNeAR's attribution sources). Why learned: each
rule that dropped a wrong source fixed one article, and on articles nobody had read a third of
the sources listed were not cited sources.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from purportedly.nlp.calibrated import CalibratedLogistic
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list
from purportedly.nlp.quoted import SpanIndex, merge_spans
from purportedly.nlp.sources.aliases import SOURCES_DIR
from purportedly.nlp.sources.citing_lexicon import load_citing_lexicon
from purportedly.nlp.sources.merge import SourceGroup, rule_cited

MODEL_PATH = Path(str(resources.files("purportedly").joinpath("data", "models", "sources.json")))
# segments a reader sees before the story: a name there alone is a headline's, not a citation
DISPLAY_SEGMENTS = frozenset({"title", "standfirst", "key_point", "heading", "caption", "kicker"})
# page furniture: an outlet named only here (a byline, a credit, a footer) is the publisher
FURNITURE_SEGMENTS = frozenset({"byline", "dateline", "credit", "boilerplate", "date"})
FLAGS = ("proper", "person", "strong", "present", "heard", "identified", "participant", "member", "loose")
# a party to a call: 'a call between X and Y', 'X's conversation with Y', 'he phoned X'
CALL_PARTY_BEFORE = re.compile(
    r"\b(?:between|with|phoned|called|to)\s+(?:(?:the|a|an|his|her|their|and|[\w'’.-]+)\s+){0,3}$", re.I
)


@dataclass
class DocView:
    """What the features read from the whole article, computed once per Doc."""

    text: str
    quoted: SpanIndex  # outer direct quotations
    display: SpanIndex  # title, standfirst, headings, captions
    speakers: frozenset[str]  # lower-case names the quotes are given to
    furniture: str  # lower-case text of the bylines, datelines, credits and boilerplate
    call_sentences: SpanIndex  # sentences that speak of a recording ('in the intercepted call')
    segment_text: dict[str, str]  # lower-case text of the byline, dateline and credit/caption lines

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        quotes = [q for q in get_list(doc, "quotes") if q.kind == "direct" and q.nested_in is None]
        article = doc._.article
        display = (
            sorted((s.start, s.end) for s in article.segments if s.kind in DISPLAY_SEGMENTS)
            if article is not None
            else []
        )
        speakers = frozenset(q.speaker.lower() for q in get_list(doc, "quotes") if q.speaker)
        furniture = (
            " ".join(s.text.lower() for s in article.segments if s.kind in FURNITURE_SEGMENTS)
            if article is not None
            else ""
        )
        segment_text = {
            label: " ".join(s.text.lower() for s in article.segments_of(*kinds))
            if article is not None
            else ""
            for label, kinds in (
                ("byline", ("byline",)),
                ("dateline", ("dateline",)),
                ("credit", ("credit", "caption")),
            )
        }
        recording = load_citing_lexicon(f"{SOURCES_DIR}/citing.toml").recording_context
        calls = [
            (s.start_char, s.end_char)
            for s in doc_index(doc).sentences
            if any(t.lower_ in recording and t.pos_ in ("NOUN", "VERB") for t in s)
        ]
        return cls(
            doc_index(doc).text,
            SpanIndex(merge_spans([(q.start, q.end) for q in quotes])),
            SpanIndex(merge_spans(display)),
            speakers,
            furniture,
            SpanIndex(merge_spans(calls)),
            segment_text,
        )


def group_features(group: SourceGroup, doc: Doc, view: DocView) -> dict[str, float]:
    """Features of one proposed source: how the rules found it and where it stands."""
    candidates = group.candidates
    n = len(candidates)
    features: dict[str, float] = {f"kind={group.kind}": 1.0, "rule_keep": float(rule_cited(group))}
    for flag in FLAGS:
        share = sum(bool(getattr(c, flag)) for c in candidates) / n
        features[flag] = float(share > 0)
        features[f"{flag}_share"] = share
    known = group.known
    features["known"] = float(known is not None)
    features["known_cited"] = float(known is not None and known.cited)
    features["descriptor"] = float(any(c.descriptor_kind is not None for c in candidates))
    features["owner"] = float(group.owner is not None)
    for how in {c.how for c in candidates}:
        features[f"how={how}"] = 1.0
    for verb in {c.verb for c in candidates if c.verb}:
        features[f"verb={verb}"] = 1.0
    features["mentions"] = math.log1p(n)
    features["quoted_share"] = sum(view.quoted.covers(c.start, c.end) for c in candidates) / n
    features["display_only"] = float(all(view.display.overlaps(c.start, c.end) for c in candidates))
    features["position"] = group.start / max(1, len(view.text))
    name = group.name
    words = name.split()
    features["name_words"] = min(len(words), 8) / 8
    features["indefinite"] = float(words[0].lower() in ("a", "an") if words else 0)
    features["plural"] = float(bool(words) and words[-1].lower().endswith("s") and not name[:1].isupper())
    features["odd_name"] = float(any(ch in name for ch in "@#/0123456789"))
    features["all_caps"] = float(name.isupper() and len(name) > 4)
    features["gives_quotes"] = float(any(a.lower() in view.speakers for a in (name, *group.aliases)))
    features[f"ent={entity_label(doc, group)}"] = 1.0
    features["in_furniture"] = float(len(name) > 2 and name.lower().removeprefix("the ") in view.furniture)
    features.update(genre_features(group, view))
    if words and not any(c.proper for c in candidates):
        # the noun a description ends on ('officials', 'soldier', 'circles'): learned, not listed
        features[f"head={words[-1].lower().strip(',.')}"] = 1.0
    return features


def genre_features(group: SourceGroup, view: DocView) -> dict[str, float]:
    """Facts of our genre the rules see only in part: mentions in sentences about a recording
    (the words spoken on a call), a party to the call ('a call between X and Y'), and the page
    furniture the name stands in (a photo credit, the byline, the dateline: the publisher's)."""
    candidates = group.candidates
    on_call = [c for c in candidates if view.call_sentences.covers(c.start)]
    features = {
        "on_call_share": len(on_call) / len(candidates),
        "on_call_all": float(len(on_call) == len(candidates)),
    }
    # the name anywhere in the article, not only where it is cited: 'a call between X and Y'
    # comes first, 'X said in the call' after
    places = {c.start for c in candidates} | {
        m.start() for m in re.finditer(rf"\b{re.escape(group.name)}\b", view.text) if len(group.name) > 2
    }
    features["call_party"] = float(
        any(
            view.call_sentences.covers(p) and CALL_PARTY_BEFORE.search(view.text, max(0, p - 40), p)
            for p in places
        )
    )
    key = group.name.lower().removeprefix("the ")
    for label, text in view.segment_text.items():
        features[f"in_{label}"] = float(len(key) > 2 and key in text)
    return features


def entity_label(doc: Doc, group: SourceGroup) -> str:
    """The named-entity label the tagger gives the group's first proper mention (or 'none')."""
    for candidate in group.candidates:
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            continue
        labels = [t.ent_type_ for t in span if t.ent_type_]
        if labels:
            # first label among the most frequent: a set's order varies with the hash seed
            return max(dict.fromkeys(labels), key=labels.count)
    return "none"


class SourceDecision(CalibratedLogistic):
    """Is this proposed source cited? The shared calibrated logistic form (``nlp/calibrated.py``)."""


@lru_cache(maxsize=4)
def load_decision(path: str = str(MODEL_PATH)) -> SourceDecision | None:
    """The shipped model, or None when there is none (the rules then decide alone)."""
    file = Path(path)
    if not file.exists():
        return None
    return SourceDecision(json.loads(file.read_text(encoding="utf-8")))
