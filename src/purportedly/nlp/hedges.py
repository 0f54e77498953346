"""Component that finds hedge cues (evidential, reportative, denial, failed check...) outside quotes."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from purportedly.model import Hedge
from purportedly.nlp.extensions import register_extensions
from purportedly.nlp.hedge_cues import CUES_FILE, CueMatch, load_cue_lexicon
from purportedly.nlp.quoted import SpanIndex, quoted_spans
from purportedly.nlp.story import story_segments

register_extensions()


class HedgeFinder:
    """Set ``doc._.hedges``: every hedge cue in the article's own voice, with its sentence.

    Cues come from a lexicon file (``data/factuality/cues.toml``). Cues inside quotation
    marks belong to the speaker and are skipped; so are non-hedge cues such as an
    affirmative "confirmed" (the claims stage still uses those for factuality).
    """

    def __init__(self, nlp: Language, name: str, cues_file: str = "") -> None:
        self.name = name
        self.lexicon = load_cue_lexicon(Path(cues_file) if cues_file else CUES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[CueMatch]:
        inside_quotes = SpanIndex(quoted_spans(doc))
        found = []
        for segment in story_segments(doc):
            for cue in self.lexicon.find(doc.text, segment.start, segment.end):
                if cue.type.hedge and not inside_quotes.overlaps(cue.start, cue.end):
                    found.append(cue)
        return found

    def set_annotations(self, doc: Doc, cues: list[CueMatch]) -> Doc:
        hedges = []
        for cue in cues:
            sentence = sentence_around(doc, cue.start, cue.end)
            if sentence is None:
                continue
            start, end = trimmed_bounds(doc.text, sentence.start_char, sentence.end_char)
            hedges.append(
                Hedge(
                    cue=cue.text,
                    category=cue.type.category,
                    sentence=doc.text[start:end],
                    start=cue.start,
                    end=cue.end,
                    sentence_start=start,
                    sentence_end=end,
                )
            )
        doc._.hedges = hedges
        return doc


def sentence_around(doc: Doc, start: int, end: int) -> Span | None:
    """The sentence holding the character span (the first one, if it crosses a boundary)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    try:
        return span[0].sent
    except ValueError:  # no sentence boundaries set (a bare tokenizer Doc)
        return doc[:]


def trimmed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@Language.factory("purportedly_hedges", default_config={"cues_file": ""})
def make_hedges(nlp: Language, name: str, cues_file: str) -> HedgeFinder:
    return HedgeFinder(nlp, name, cues_file=cues_file)
