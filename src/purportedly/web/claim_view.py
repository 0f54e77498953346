"""One claim's provenance across the corpus: its chain graph, other reports, origins, contradictions."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from purportedly.model import Analysis, ChainLink, Claim
from purportedly.web.corpus_views import Item, normalise
from purportedly.web.queries import colleague_corpus

SAME_CLAIM_MIN = 80  # token_set_ratio above which two claims are the same proposition retold
ORIGIN_ROLES = ("releaser", "recording", "document")  # the first of these fixes where a report came from
ROLE_ORDER = ("speaker", "recording", "document", "releaser", "translator", "relay", "article")


def chain_of(claim: Claim, analysis: Analysis) -> list[ChainLink]:
    """The claim's chain, ending at the article; built from its quote when the chain is empty."""
    chain = list(claim.chain)
    if not chain:
        quotes = {q.id: q for q in [*analysis.quotes, *analysis.indirect_quotes]}
        quote = quotes.get(claim.quote_id or "")
        if quote and quote.speaker:
            chain.append(ChainLink(name=quote.speaker, role="speaker", kind="person"))
    if not chain or chain[-1].role != "article":
        label = analysis.outlet or analysis.title or analysis.document
        chain.append(ChainLink(name=label, role="article", kind="outlet"))
    return chain


def origin_of(chain: list[ChainLink]) -> str:
    """Where a report first entered circulation: its releaser/recording, else its speaker, else itself."""
    for role in (*ORIGIN_ROLES, "speaker"):
        for link in chain:
            if link.role == role:
                return normalise(link.name)
    return normalise(chain[-1].name) if chain else ""


def _same_claim(a: Claim, b: Claim) -> bool:
    return fuzz.token_set_ratio(normalise(a.text), normalise(b.text)) >= SAME_CLAIM_MIN


def find_claim(analysis: Analysis, claim_id: str) -> Claim | None:
    return next((c for c in analysis.claims if c.id == claim_id), None)


def _report(article_id: str, analysis: Analysis, claim: Claim) -> dict:
    return {
        "article": article_id,
        "title": analysis.title or analysis.document,
        "outlet": analysis.outlet,
        "date": analysis.date.isoformat() if analysis.date else None,
        "claim": claim.model_dump(mode="json"),
        "chain": [link.model_dump(mode="json") for link in chain_of(claim, analysis)],
    }


def _graph(reports: list[dict]) -> dict:
    """Nodes (one per distinct name and role) and edges along every report's chain."""
    nodes: dict[str, dict] = {}
    edges: set[tuple[str, str]] = set()
    for report in reports:
        previous = None
        for link in report["chain"]:
            is_article = link["role"] == "article"
            key = (
                f"article:{report['article']}" if is_article else f"{link['role']}:{normalise(link['name'])}"
            )
            label = report["title"] if is_article else link["name"]
            nodes.setdefault(key, {"id": key, "label": label, "role": link["role"], "kind": link["kind"],
                                   "article": report["article"] if is_article else None,
                                   "sublabel": link["name"] if is_article else link["kind"]})
            if previous:
                edges.add((previous, key))
            previous = key
    ordered = sorted(nodes.values(), key=lambda n: (ROLE_ORDER.index(n["role"]), n["label"]))
    return {"nodes": ordered, "edges": [{"from": a, "to": b} for a, b in sorted(edges)]}


def claim_groups(items: list[Item], store: Any = None) -> dict[tuple[str, str], dict] | None:
    """(article id, claim id) -> its corroboration group from purportedly.corpus; None if absent."""
    corpus = colleague_corpus(items, store)
    if corpus is None:
        return None
    from purportedly.corpus.corroboration import corroboration

    return group_index(corroboration(corpus))


def group_index(claims: list[Any]) -> dict[tuple[str, str], dict]:
    """(article id, claim id) -> what the claim page says of its group: the reports (articles),
    copies, origins and the corroboration in words."""
    index: dict[tuple[str, str], dict] = {}
    for group in claims:
        entry = {
            "reports": [(str(r.article_id), r.claim_id) for r in group.reports],
            "origins": [o.label for o in group.origins],
            "summary": group.summary,
            "articles": len(group.article_ids),
            "independent_reports": group.independent_reports,
            "single_recording": group.single_recording is not None,
            "mirrors": [[str(i) for i in mirror] for mirror in group.mirrors],
        }
        for report in group.reports:
            index[(str(report.article_id), report.claim_id)] = entry
    return index


def count_conflicts(items: list[Item], store: Any = None) -> list[dict]:
    """Figures whose reports differ irreconcilably (purportedly.corpus), else none."""
    corpus = colleague_corpus(items, store)
    if corpus is None:
        return []
    from purportedly.corpus.contradictions import contradictions

    return conflict_list(contradictions(corpus))


def conflict_list(figures: list[Any]) -> list[dict]:
    return [
        {"summary": c.summary, "kind": c.kind, "flags": list(c.flags), "event": c.event, "what": c.label,
         "numbers": list(c.numbers),
         "articles": sorted({str(r.article_id) for r in c.reports}),
         "reports": [{"article": str(r.article_id), "outlet": r.outlet or r.document, "number": r.number,
                      "qualifier": r.qualifier, "text": r.sentence or r.text, "date": r.date,
                      "source": r.attributed_to} for r in c.reports]}
        for c in figures
    ]


def _fuzzy_others(items: list[Item], article_id: str, claim: Claim) -> list[tuple[str, Analysis, Claim]]:
    return [
        (other_id, other, other_claim)
        for other_id, other in items
        if other_id != article_id
        for other_claim in other.claims
        if _same_claim(claim, other_claim)
    ]


def _grouped_others(corpus: dict[str, Analysis], group: dict, article_id: str, claim_id: str) -> list:
    found = []
    for other_id, other_claim_id in group["reports"]:
        other = corpus.get(other_id)
        other_claim = find_claim(other, other_claim_id) if other else None
        if other_claim and (other_id, other_claim_id) != (article_id, claim_id):
            found.append((other_id, other, other_claim))
    return found


def claim_view(
    items: list[Item], article_id: str, claim_id: str,
    groups: dict[tuple[str, str], dict] | None = None, conflicts: list[dict] | None = None,
    denials: tuple[dict, dict] | None = None,
) -> dict | None:
    """Everything the claim page shows, or None when the claim does not exist."""
    corpus = dict(items)
    analysis = corpus.get(article_id)
    claim = find_claim(analysis, claim_id) if analysis else None
    if claim is None:
        return None
    this = _report(article_id, analysis, claim)
    group = groups.get((article_id, claim_id)) if groups is not None else None
    if group is not None:
        matched = _grouped_others(corpus, group, article_id, claim_id)
    else:
        matched = _fuzzy_others(items, article_id, claim)
    # another report is another article: this article's other sentences with the same words are
    # listed apart, never counted as corroboration
    others = [_report(i, a, c) for i, a, c in matched if i != article_id]
    same_article = [_report(i, a, c) for i, a, c in matched if i == article_id]
    reports = [this, *others]
    origins = group["origins"] if group else sorted({origin_of(chain_of_link(r)) for r in reports} - {""})
    polarity = claim.factuality.polarity
    contradictions = [
        r for r in others if {polarity, r["claim"]["factuality"]["polarity"]} == {"positive", "negative"}
    ]
    articles = len({r["article"] for r in reports})
    return {
        **this,
        "quote": _quote_of(analysis, claim),
        "other_reports": others,
        "same_article": same_article,
        "articles": articles,
        "independent_reports": group["independent_reports"] if group else articles,
        "mirrors": group["mirrors"] if group else [],
        "corroboration": group["summary"] if group else _plain_summary(articles, origins),
        "independent_origins": len(origins),
        "origins": origins,
        "single_recording": bool(group and group["single_recording"]),
        "contradictions": contradictions,
        **_denials(analysis, claim, article_id, claim_id, denials),
        "count_conflicts": [c for c in conflicts or [] if article_id in c["articles"]],
        "graph": _graph(reports),
    }


def _plain_summary(articles: int, origins: list[str]) -> str:
    reports = f"{articles} article{'s' if articles != 1 else ''}"
    if len(origins) == 1:
        return f"{reports}, all from a single origin: {origins[0]}"
    return f"{reports}, {len(origins)} independent origins"


def _denials(
    analysis: Analysis, claim: Claim, article_id: str, claim_id: str, denials: tuple[dict, dict] | None
) -> dict:
    """The denials shown on this claim (never itself), and, for a denial, what it denies."""
    key = (article_id, claim_id)
    if denials is not None:
        shown, denies = denials
        return {"denials": shown.get(key, []), "denial_of": denies.get(key, [])}
    # without the corpus layer: denials in the claim's sentence, unless the claim is the denial
    if claim.factuality.polarity == "negative":
        return {"denials": [], "denial_of": []}
    found = [
        {"sentence": h.sentence, "cue": h.cue, "article": article_id, "claim": None,
         "outlet": analysis.outlet or analysis.document, "date": None, "origin": None}
        for h in analysis.hedges
        if h.category == "denial" and h.sentence_start <= claim.end and claim.start <= h.sentence_end
    ]
    return {"denials": found, "denial_of": []}


def chain_of_link(report: dict) -> list[ChainLink]:
    return [ChainLink.model_validate(link) for link in report["chain"]]


def _quote_of(analysis: Analysis, claim: Claim) -> dict | None:
    for quote in [*analysis.quotes, *analysis.indirect_quotes]:
        if quote.id == claim.quote_id:
            return quote.model_dump(mode="json")
    return None
