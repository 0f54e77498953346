"""Component that finds hedge cues (evidential, reportative, denial, failed check...) outside quotes."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from purportedly.model import Hedge
from purportedly.nlp.doc_index import DocIndex, doc_index
from purportedly.nlp.extensions import register_extensions
from purportedly.nlp.hedges.cues import CUES_FILE, CueMatch, load_cue_lexicon
from purportedly.nlp.quoted import SpanIndex, quoted_spans
from purportedly.nlp.quotes.lexicon import load_set
from purportedly.nlp.story import story_segments

register_extensions()

# "Sgt." or "Col." before a name is no sentence end, though the parser often splits there
TITLE_ABBREVIATIONS = load_set("titles.txt")
TITLE_BEFORE_BREAK = re.compile(r"\b([A-Za-z]{1,5})\.\s*$")
MAX_MERGED = 3  # sentences joined across title abbreviations, at most


class HedgeFinder:
    """Set ``doc._.hedges``: every hedge cue in the article's own voice, with its sentence.

    Cues come from a lexicon file (``data/factuality/cues.toml``). Cues inside quotation
    marks belong to the speaker and are skipped; so are non-hedge cues such as an
    affirmative "confirmed" (the claims stage still uses those for factuality).
    """

    def __init__(self, nlp: Language, name: str, cues_file: str = CUES_FILE) -> None:
        self.name = name
        self.lexicon = load_cue_lexicon(cues_file)

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
            bounds = sentence_bounds(index, cue.start)
            if bounds is None:
                continue
            start, end = trimmed_bounds(index.text, *bounds)
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


def sentence_bounds(index: DocIndex, offset: int) -> tuple[int, int] | None:
    """The sentence around ``offset``, joined with its neighbours where the parser broke it
    after a title abbreviation ("identified him as Sgt. | Roman Petrov, 33")."""
    sentence = index.sentence_at(offset)
    if sentence is None:
        return None
    first = last = sentence
    for _ in range(MAX_MERGED):
        previous = index.sentence_at(first.start_char - 1) if first.start_char > 0 else None
        if (
            previous is None
            or previous.start_char == first.start_char
            or not breaks_at_title(index, previous)
        ):
            break
        first = previous
    for _ in range(MAX_MERGED):
        following = index.next_sentence(last)
        if following is None or not breaks_at_title(index, last):
            break
        last = following
    return first.start_char, last.end_char


def breaks_at_title(index: DocIndex, sentence: Span) -> bool:
    """Whether ``sentence`` ends in a title abbreviation with a capitalised word after it."""
    match = TITLE_BEFORE_BREAK.search(
        index.text, max(sentence.start_char, sentence.end_char - 8), sentence.end_char
    )
    if match is None or match.group(1).lower() not in TITLE_ABBREVIATIONS:
        return False
    after = index.text[sentence.end_char : sentence.end_char + 2].lstrip()
    return after[:1].isupper()


def trimmed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@Language.factory(
    "purportedly_hedges", default_config={"cues_file": CUES_FILE},
    requires=["doc._.segments", "doc._.quotes"],
    assigns=["doc._.hedges"],
)
def make_hedges(nlp: Language, name: str, cues_file: str) -> HedgeFinder:
    return HedgeFinder(nlp, name, cues_file=cues_file)
