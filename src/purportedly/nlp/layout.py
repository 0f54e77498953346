"""Component that carries the reader's layout onto the Doc and makes layout breaks sentence breaks."""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Segment
from purportedly.nlp.extensions import register_extensions

register_extensions()


class LayoutSentencizer:
    """Set ``doc._.segments`` and force sentence starts at segment and paragraph boundaries.

    Why: captions, key points and headings have no final full stop, and the parser would
    otherwise run them into the next sentence, which breaks quote and hedge sentences.
    Runs before the parser, which respects preset boundaries.
    """

    def __init__(self, nlp: Language, name: str, break_on_newline: bool = True) -> None:
        self.name = name
        self.break_on_newline = break_on_newline

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Segment]:
        article = doc._.article
        if article is not None and article.segments:
            return list(article.segments)
        return [Segment(kind="body", start=0, end=len(doc.text), text=doc.text)]

    def set_annotations(self, doc: Doc, segments: list[Segment]) -> Doc:
        doc._.segments = segments
        if len(doc) < 2:
            return doc
        token_starts = [token.idx for token in doc]
        starts = {bisect_left(token_starts, segment.start) for segment in segments}
        # a reader's segments start at every hard line already; a newline inside one is soft wrapping
        if self.break_on_newline and doc._.article is None:
            text = doc.text  # once: Doc.text rebuilds the whole string on every access
            starts.update(
                token.i
                for token in doc[1:]
                if not token.is_space and "\n" in text[token_starts[token.i - 1] : token.idx]
            )
        # one from_array call: setting Token.is_sent_start scans the whole Doc each time (quadratic)
        flags = doc.to_array([SENT_START])
        for i in starts:
            if 0 < i < len(doc):
                flags[i] = 1
        doc.from_array([SENT_START], flags)
        return doc


@Language.factory(
    "purportedly_layout", default_config={"break_on_newline": True},
    requires=[],
    assigns=["doc._.segments", "token.is_sent_start"],
)
def make_layout(nlp: Language, name: str, break_on_newline: bool) -> LayoutSentencizer:
    return LayoutSentencizer(nlp, name, break_on_newline=break_on_newline)
