"""The workspace's cross-article answers, computed once per version of the stored corpus.

Stories, shared quotes, corroboration, figures (contradictions and revisions) and denials all
come from ``purportedly.corpus`` reading the store's projections; the stories are clustered once
and handed to the others, so every page agrees on which articles tell one story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from purportedly.web.corpus_views import Item, summary
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


def stories_page(items: list[Item], cross: CrossViews | None) -> dict:
    """Stories told by two or more articles, each with its articles (oldest first), copies and
    shared quotes with their first appearance; and how many articles stand alone."""
    if cross is None:
        return {"articles": len(items), "stories": [], "single": len(items)}
    by_id = dict(items)
    out = []
    for story in cross.stories:
        if story.size < 2:
            continue
        rows = [summary(str(i), by_id[str(i)]) for i in story.article_ids if str(i) in by_id]
        rows.sort(key=lambda r: (r["date"] or "", r["id"]))
        document = dict(zip(story.article_ids, story.documents, strict=True))
        members = set(story.article_ids)
        quotes = [
            {
                "text": q.text,
                "articles": len(q.article_ids),
                "first": q.first_appearance,
                "wordings": sorted({ref.text for ref in q.quotes}),
            }
            for q in cross.quotes
            if set(q.article_ids) <= members
        ]
        out.append(
            {
                "id": story.id,
                "title": story.label,
                "size": story.size,
                "first_date": story.first_date,
                "outlets": list(story.outlets),
                "articles": rows,
                "copies": [[document[i] for i in group] for group in story.mirrors],
                "quotes": quotes,
                "figures": sum(f.story_id == story.id for f in cross.figures),
            }
        )
    single = sum(s.size == 1 for s in cross.stories)
    return {"articles": len(items), "stories": out, "single": single}


def figures_page(items: list[Item], cross: CrossViews | None) -> list[dict]:
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
