"""Build Analysis objects by hand (offsets computed from the text) for unit tests of corpus logic."""

from __future__ import annotations

from datetime import date

from purportedly.model import (
    Analysis,
    Article,
    ChainLink,
    Claim,
    Count,
    Entity,
    Quote,
    Segment,
    Span,
    TimeExpression,
)


def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def chain(*links: tuple[str, str]) -> list[ChainLink]:
    """chain(("the soldier", "speaker"), ("SSU", "releaser"), ("Outlet", "article"))"""
    return [ChainLink(name=name, role=role) for name, role in links]


def make_analysis(
    document: str,
    text: str,
    *,
    outlet: str | None = None,
    day: str | None = None,
    url: str | None = None,
    title: str | None = None,
    quotes: list[tuple[str, str | None]] = (),
    claims: list[tuple[str, list[ChainLink]]] = (),
    counts: list[tuple[str, int, str | None, str | None, str | None]] = (),
    entities: list[tuple[str, str, list[str]]] = (),
    times: list[tuple[str, str | None]] = (),
) -> Analysis:
    """counts: (text, number, qualifier, what, event); entities: (name, type, aliases);
    times: (text, value)."""
    article = Article(
        document=document,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        date=date.fromisoformat(day) if day else None,
        segments=[Segment(kind="body", start=0, end=len(text), text=text)],
    )
    quote_models = []
    for number, (words, speaker) in enumerate(quotes, start=1):
        start, end = span_of(text, words)
        quote_models.append(Quote(id=f"q{number}", text=words, start=start, end=end, speaker=speaker))
    claim_models = []
    for number, (words, links) in enumerate(claims, start=1):
        start, end = span_of(text, words)
        quote_id = next(
            (q.id for q in quote_models if q.start <= start < q.end or start <= q.start < end), None
        )
        claim_models.append(
            Claim(id=f"c{number}", text=words, start=start, end=end, quote_id=quote_id, chain=links)
        )
    count_models = []
    for words, number, qualifier, what, event in counts:
        start, end = span_of(text, words)
        count_models.append(
            Count(
                number=number, qualifier=qualifier, what=what, event=event, text=words, start=start, end=end
            )
        )
    entity_models = []
    for number, (name, kind, aliases) in enumerate(entities, start=1):
        mentions = [
            Span(text=a, start=s, end=e) for a in [name, *aliases] if a in text for s, e in [span_of(text, a)]
        ]
        entity_models.append(
            Entity(id=f"e{number}", name=name, type=kind, aliases=aliases, mentions=mentions)
        )
    time_models = []
    for words, value in times:
        start, end = span_of(text, words)
        time_models.append(TimeExpression(text=words, start=start, end=end, value=value))
    return Analysis(
        document=document,
        title=title,
        date=article.date,
        outlet=outlet,
        url=url,
        quotes=quote_models,
        claims=claim_models,
        counts=count_models,
        entities=entity_models,
        times=time_models,
        article=article,
    )
