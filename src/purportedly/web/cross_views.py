"""The workspace's cross-article answers, computed once per version of the stored corpus.

Stories, shared quotes, corroboration, figures (contradictions and revisions) and denials all
come from ``purportedly.corpus`` reading the store's projections; the stories are clustered once
and handed to the others, so every page agrees on which articles tell one story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from purportedly.store.tallies import article_dates, summary_rows
from purportedly.web.corpus_views import Item, _result
from purportedly.web.queries import colleague_corpus


@dataclass(frozen=True)
class CrossViews:
    """Every cross-article result, keyed the way the pages look them up."""

    stories: list[Any]
    quotes: list[Any]
    claims: list[Any]
    figures: list[Any]
    denials: list[Any]


def compute(items: list[Item], store: Any = None) -> CrossViews | None:
    """All cross-article results, or None when ``purportedly.corpus`` is absent."""
    corpus = colleague_corpus(items, store)
    if corpus is None:
        return None
    from purportedly.corpus import contradictions, corroboration, quote_groups, stories
    from purportedly.corpus.denials import denials

    quotes = quote_groups(corpus)
    story_list = stories(corpus, quotes=quotes)
    return CrossViews(
        stories=story_list,
        quotes=quotes,
        claims=corroboration(corpus, quotes=quotes, story_list=story_list),
        figures=contradictions(corpus, story_list=story_list),
        denials=denials(corpus, story_list=story_list),
    )


STORY_ARTICLES = 50  # article cards per story on the stories page (its size says how many in all)


def compute_store(store: Any) -> CrossViews | None:
    """All cross-article results of a store (``compute`` reading its projections, no analysis)."""
    return compute([], store) if store is not None else None


def stories_page(store: Any, cross: CrossViews | None, limit: int = 100, offset: int = 0) -> dict:
    """One page of the stories told by two or more articles (largest first), each with its first
    articles (oldest first), copies and shared quotes with their first appearance; and how many
    articles stand alone. Article rows come from the store's summary query, never an Analysis."""
    articles = store.article_count() if store is not None else 0
    if cross is None or store is None:
        return {"articles": articles, "stories": [], "single": articles, "told": 0}
    told = [story for story in cross.stories if story.size >= 2]
    page = told[offset : offset + limit]
    story_of = {i: story.id for story in page for i in story.article_ids}
    quotes_of: dict[int, list] = {}
    for q in cross.quotes:  # a quote is shown on the story all its articles belong to
        ids = q.article_ids
        story = story_of.get(ids[0])
        if story is not None and all(story_of.get(i) == story for i in ids):
            quotes_of.setdefault(story, []).append(q)
    figures = Counter(f.story_id for f in cross.figures)
    out = []
    for story in page:
        shown = _oldest(store, story.article_ids, STORY_ARTICLES)
        document = dict(zip(story.article_ids, story.documents, strict=True))
        quotes = [
            {
                "text": q.text,
                "articles": len(q.article_ids),
                "first": q.first_appearance,
                "wordings": sorted({ref.text for ref in q.quotes}),
            }
            for q in quotes_of.get(story.id, [])
        ]
        out.append(
            {
                "id": story.id,
                "title": story.label,
                "size": story.size,
                "first_date": story.first_date,
                "outlets": list(story.outlets),
                "articles": shown,
                "copies": [[document[i] for i in group] for group in story.mirrors],
                "quotes": quotes,
                "figures": figures.get(story.id, 0),
            }
        )
    single = sum(s.size == 1 for s in cross.stories)
    return {"articles": articles, "stories": out, "single": single, "told": len(told)}


def _oldest(store: Any, ids: tuple[int, ...], limit: int) -> list[dict]:
    """The summary rows of a story's articles, oldest first (undated first, as the page sorts), at
    most ``limit`` of them."""
    dated = sorted((row["date"] or "", str(row["id"])) for row in article_dates(store, list(ids)))
    first = [int(i) for _, i in dated[:limit]]
    rows = {row["id"]: _result(row, "") for row in summary_rows(store, first)}
    return [rows[i] for i in first if i in rows]


def figures_page(cross: CrossViews | None) -> list[dict]:
    """Contradictions and revisions, each with its reports in date order (a time axis per story)."""
    if cross is None:
        return []
    label = {s.id: s.label for s in cross.stories}
    found = []
    for item in cross.figures:
        entry = item.as_json()
        entry["story_title"] = label.get(item.story_id)
        for report, row in zip(entry["reports"], item.reports, strict=True):
            report["article"] = str(row.article_id)
        found.append(entry)
    return found


def denial_index(cross: CrossViews | None) -> tuple[dict, dict]:
    """(article id, claim id) -> the denials shown on that claim; and -> what a denial denies."""
    shown: dict[tuple[str, str], list[dict]] = {}
    denies: dict[tuple[str, str], list[dict]] = {}
    if cross is None:
        return shown, denies
    group_of = {
        (str(r.article_id), r.claim_id): claim for claim in cross.claims for r in claim.reports
    }
    for denial in cross.denials:
        key = (str(denial.denial.article_id), denial.denial.claim_id)
        entry = _claim_ref(denial.denial)
        denies[key] = [_claim_ref(r) for r in denial.denied]
        targets = set()
        for report in denial.denied:
            target = (str(report.article_id), report.claim_id)
            group = group_of.get(target)
            # a denial of one wording denies every report of that claim
            members = [(str(r.article_id), r.claim_id) for r in group.reports] if group else [target]
            targets.update(members)
        for target in targets - {key}:
            shown.setdefault(target, []).append(entry)
    return shown, denies


def _claim_ref(report: Any) -> dict:
    return {
        "article": str(report.article_id),
        "claim": report.claim_id,
        "sentence": report.text,
        "outlet": report.outlet or report.document,
        "date": report.date,
        "origin": report.origin.label,
    }
