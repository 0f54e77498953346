"""Every span an Analysis returns must point at the text it claims: list the ones that do not."""

from __future__ import annotations

from collections.abc import Iterator

from purportedly.model import Analysis


def spans(result: Analysis) -> Iterator[tuple[str, str, int, int]]:
    """(what, claimed text, start, end) for every offset-carrying object in ``result``."""
    for segment in result.article.segments:
        yield "segment", segment.text, segment.start, segment.end
    for quote in [*result.quotes, *result.indirect_quotes]:
        yield f"{quote.kind} quote", quote.text, quote.start, quote.end
        for what, span in (("speaker_mention", quote.speaker_mention), ("cue_span", quote.cue_span)):
            if span is not None:
                yield what, span.text, span.start, span.end
    for hedge in result.hedges:
        yield "hedge", hedge.cue, hedge.start, hedge.end
        yield "hedge sentence", hedge.sentence, hedge.sentence_start, hedge.sentence_end
    for source in result.sources:
        for mention in source.mentions:
            yield "source mention", mention.text, mention.start, mention.end
    for entity in result.entities:
        for mention in entity.mentions:
            yield "entity mention", mention.text, mention.start, mention.end
    for claim in result.claims:
        yield "claim", claim.text, claim.start, claim.end
    for count in result.counts:
        yield "count", count.text, count.start, count.end
    for time in result.times:
        yield "time", time.text, time.start, time.end
    for place in result.places:
        yield "place", place.text, place.start, place.end
    for hit in result.glossary:
        yield "glossary", hit.term, hit.start, hit.end


def offset_problems(result: Analysis) -> list[str]:
    """Spans whose offsets are out of range or do not slice out their own text."""
    text = result.article.text
    problems = []
    for what, claimed, start, end in spans(result):
        if not 0 <= start <= end <= len(text):
            problems.append(f"{what} {claimed!r}: offsets {start}:{end} outside 0:{len(text)}")
        elif text[start:end] != claimed:
            problems.append(f"{what} {claimed!r}: text[{start}:{end}] is {text[start:end]!r}")
    return problems
