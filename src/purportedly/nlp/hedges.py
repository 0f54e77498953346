"""Component that finds hedge cues (evidential, reportative, denial, failed check...) outside quotes."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Hedge
from purportedly.nlp.doc_index import doc_index
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
        story = SpanIndex([(s.start, s.end) for s in story_segments(doc)])
        for cue in doc_index(doc).cue_matches(self.lexicon):
            if (
                cue.type.hedge
                and story.covers(cue.start, cue.end)
                and not inside_quotes.overlaps(cue.start, cue.end)
            ):
                found.append(cue)
        return found

    def set_annotations(self, doc: Doc, cues: list[CueMatch]) -> Doc:
        hedges = []
        index = doc_index(doc)
        for cue in cues:
            sentence = index.sentence_at(cue.start)
            if sentence is None:
                continue
            start, end = trimmed_bounds(index.text, sentence.start_char, sentence.end_char)
            hedges.append(
                Hedge(
                    cue=cue.text,
                    category=cue.type.category,
                    sentence=index.text[start:end],
                    start=cue.start,
                    end=cue.end,
                    sentence_start=start,
                    sentence_end=end,
                )
            )
        doc._.hedges = hedges
        return doc


def trimmed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@Language.factory("purportedly_hedges", default_config={"cues_file": ""})
def make_hedges(nlp: Language, name: str, cues_file: str) -> HedgeFinder:
    return HedgeFinder(nlp, name, cues_file=cues_file)
