"""Corpus tallies for the charts: sources cited and how hedged, entities, dated events, counts."""

from __future__ import annotations

from collections import defaultdict

from purportedly.model import Analysis
from purportedly.web.corpus_views import Item, normalise


def _titles(items: list[Item]) -> dict[str, str]:
    return {article_id: analysis.title or analysis.document for article_id, analysis in items}


def _article_refs(ids: set[str], titles: dict[str, str]) -> list[dict]:
    """Articles as the pages link them: id and title, in ingest order."""
    return [{"id": i, "title": titles[i]} for i in titles if i in ids]


def _hedged_offsets(analysis: Analysis) -> list[tuple[int, int]]:
    return [(h.sentence_start, h.sentence_end) for h in analysis.hedges]


def _is_hedged(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def sources(items: list[Item]) -> list[dict]:
    """Each source (by canonical name) with how many articles cite it and how often hedged."""
    rows: dict[str, dict] = {}
    for article_id, analysis in items:
        hedged_spans = _hedged_offsets(analysis)
        for source in analysis.sources:
            row = rows.setdefault(
                normalise(source.name),
                {"name": source.name, "kind": source.kind, "aliases": set(), "articles": set(),
                 "mentions": 0, "hedged_mentions": 0},
            )
            row["aliases"].update(a for a in (source.name, *source.aliases) if a != row["name"])
            row["articles"].add(article_id)
            row["mentions"] += max(1, len(source.mentions))
            row["hedged_mentions"] += sum(_is_hedged(m.start, hedged_spans) for m in source.mentions)
    out = []
    titles = _titles(items)
    for row in rows.values():
        out.append({
            **row,
            "aliases": sorted(row["aliases"]),
            "articles": _article_refs(row["articles"], titles),
            "cited_in": len(row["articles"]),
            "hedged_share": round(row["hedged_mentions"] / row["mentions"], 3) if row["mentions"] else 0.0,
        })
    return sorted(out, key=lambda r: (-r["cited_in"], -r["mentions"], r["name"]))


def entities(items: list[Item]) -> list[dict]:
    """Entities merged across articles by canonical name, with every alias seen."""
    rows: dict[tuple[str, str], dict] = {}
    for article_id, analysis in items:
        for entity in analysis.entities:
            row = rows.setdefault(
                (normalise(entity.name), entity.type),
                {"name": entity.name, "type": entity.type, "aliases": set(), "descriptors": set(),
                 "articles": set(), "mentions": 0},
            )
            row["aliases"].update(a for a in entity.aliases if a != row["name"])
            row["descriptors"].update(entity.descriptors)
            row["articles"].add(article_id)
            row["mentions"] += len(entity.mentions)
    titles = _titles(items)
    out = [
        {**r, "aliases": sorted(r["aliases"]), "descriptors": sorted(r["descriptors"]),
         "articles": _article_refs(r["articles"], titles), "cited_in": len(r["articles"])}
        for r in rows.values()
    ]
    return sorted(out, key=lambda r: (-r["cited_in"], -r["mentions"], r["name"]))


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    """The words around a span, within its paragraph, cut at word boundaries."""
    left = max(text.rfind("\n", 0, start) + 1, start - width)
    right = text.find("\n", end)
    right = min(len(text) if right < 0 else right, end + width)
    if left > 0 and not text[left - 1].isspace():
        left = text.find(" ", left, start) + 1 or left
    if right < len(text) and not text[right].isspace():
        right = text.rfind(" ", end, right) if text.rfind(" ", end, right) > 0 else right
    return " ".join(text[left:right].split())


def timeline(items: list[Item]) -> list[dict]:
    """Every time expression the analyser could fix to a day, oldest first."""
    events = []
    for article_id, analysis in items:
        for t in analysis.times:
            if not t.value:
                continue
            events.append({
                "date": t.value, "text": t.text, "article": article_id,
                "title": analysis.title or analysis.document,
                "context": _context(analysis.article.text, t.start, t.end),
            })
    return sorted(events, key=lambda e: (e["date"], e["article"]))


def counts(items: list[Item]) -> dict:
    """Counted events per article, and per counted thing the figures different reports give.

    Figures are not summed across articles: several outlets retelling one event would be
    counted several times.
    """
    rows = []
    by_what: dict[str, dict] = defaultdict(lambda: {"reports": 0, "figures": set(), "articles": set()})
    for article_id, analysis in items:
        for c in analysis.counts:
            what = c.what or c.event or "(unspecified)"
            title = analysis.title or analysis.document
            rows.append({"article": article_id, "title": title, "number": c.number, "qualifier": c.qualifier,
                         "what": what, "text": c.text, "place": c.place, "time": c.time})
            group = by_what[normalise(what) or what]
            group.setdefault("what", what)
            group["reports"] += 1
            group["figures"].add(c.number)
            group["articles"].add(article_id)
    groups = [
        {"what": g["what"], "reports": g["reports"], "min": min(g["figures"]), "max": max(g["figures"]),
         "figures": sorted(g["figures"]), "articles": len(g["articles"])}
        for g in by_what.values()
    ]
    groups.sort(key=lambda g: (-g["reports"], -g["max"]))
    return {"counts": rows, "by_what": groups}
