"""Which parts of a Doc are story text (not photo credits, bylines or navigation)."""

from __future__ import annotations

from spacy.tokens import Doc

from purportedly.model import Segment
from purportedly.nlp.extensions import get_list

# Layout blocks whose words are never cited information: credits name photographers'
# agencies, bylines and date lines name the publisher, boilerplate is navigation.
NON_STORY = frozenset(
    {"credit", "byline", "date", "dateline", "timestamp", "boilerplate", "key_points_header", "kicker"}
)


def story_segments(doc: Doc) -> list[Segment]:
    """Segments that carry the story; the whole text when the Doc has no layout."""
    segments = get_list(doc, "segments")
    if not segments:
        article = doc._.article
        segments = list(article.segments) if article is not None and article.segments else []
    if not segments:
        return [Segment(kind="body", start=0, end=len(doc.text), text=doc.text)]
    return [s for s in segments if s.kind not in NON_STORY]
