"""The claim page from the corroboration groups kept at ingest: indexed SQL, never the whole corpus.

When every stored article's claims are linked (``corpus.claim_links.links_current``) the page reads
its claim's group from the links, and the analyses of the articles it shows (the claim's own and
its group's first ``OTHER_REPORTS`` other reports). The figures other reports contradict and the
denials of the claim are found among those same articles: the reports of one claim are where its
contradicting figures and denials are told, and the page never waits for the whole corpus's
stories, contradictions and denials (``cross_views.compute``), which the stories page still uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from purportedly.web.claim_view import OTHER_REPORTS, claim_view, conflict_list, group_index
from purportedly.web.cross_views import CrossViews, denial_index

if TYPE_CHECKING:
    from purportedly.model import Analysis
    from purportedly.store import Store
    from purportedly.web.queries import CorpusReader


def links_ready(store: Store | None) -> bool:
    """Whether the claim page can read the stored groups (purportedly.corpus present, links current)."""
    try:
        from purportedly.corpus.claim_links import links_current
    except ImportError:
        return False
    return store is not None and links_current(store)


def stored_claim(reader: CorpusReader, article_id: str, claim_id: str) -> dict | None:
    """Everything the claim page shows, from the stored groups; None when there is no such claim."""
    from purportedly.corpus.claim_links import stored_group

    store = reader.readable()
    if store is None or not article_id.isdigit():
        return None
    with reader.lock:
        group = stored_group(store, int(article_id), claim_id)
    if group is None:
        return None
    shown = [article_id, *(str(r.article_id) for r in group.reports)][: OTHER_REPORTS + 1]
    analyses: dict[str, Analysis] = {}
    for number in dict.fromkeys(shown):
        found = reader.get(number)
        if found is not None:
            analyses[number] = found
    from purportedly.corpus import contradictions, stories
    from purportedly.corpus.common import Corpus, StoredArticle
    from purportedly.corpus.denials import denials

    corpus = Corpus(tuple(StoredArticle(int(i), a) for i, a in analyses.items()))
    story_list = stories(corpus)
    local = CrossViews(
        stories=story_list, quotes=[], claims=[group],
        figures=contradictions(corpus, story_list=story_list),
        denials=denials(corpus, story_list=story_list),
    )
    groups, conflicts = group_index([group]), conflict_list(local.figures)
    return claim_view(analyses, article_id, claim_id, groups, conflicts, denial_index(local))
