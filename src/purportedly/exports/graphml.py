"""The provenance graph of a corpus: speakers, recordings, sources, outlets, articles; edges along chains."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from purportedly.corpus.clusters import stories, story_of
from purportedly.corpus.common import Corpus, StoredArticle
from purportedly.model import ChainLink
from purportedly.names import name_key

if TYPE_CHECKING:
    from purportedly.store.core import Store

_INDEFINITE = {"a", "an", "his", "her", "their", "its", "one", "another", "some"}

# chain roles -> node families; agencies that release, relay or translate are all "source" nodes
NODE_FAMILY = {
    "speaker": "speaker",
    "recording": "recording",
    "document": "document",
    "releaser": "source",
    "relay": "source",
    "translator": "source",
}


def _is_proper(name: str) -> bool:
    """A proper name ("the Security Service of Ukraine") rather than a description ("a soldier")."""
    tokens = name.split()
    if tokens and tokens[0].lower() == "the":
        tokens = tokens[1:]
    if not tokens or tokens[0].lower() in _INDEFINITE:
        return False
    return tokens[0][:1].isupper()


def link_node(link: ChainLink, story_id: int | None) -> str:
    """Node id of a chain link. Descriptions ("the soldier", "a recording") are told apart per
    story, so the soldiers of two different stories never become one node."""
    family = NODE_FAMILY.get(link.role, "source")
    key = name_key(link.name) or link.role
    if family in ("speaker", "recording", "document") and not _is_proper(link.name):
        return f"{family}:{key}|story{story_id}"
    return f"{family}:{key}"


def _add_node(graph: nx.DiGraph, node: str, **attributes: object) -> None:
    clean = {k: v for k, v in attributes.items() if v is not None}
    if node in graph:
        graph.nodes[node]["mentions"] += 1
    else:
        graph.add_node(node, mentions=1, **clean)


def _add_edge(graph: nx.DiGraph, a: str, b: str, relation: str) -> None:
    if graph.has_edge(a, b):
        graph.edges[a, b]["weight"] += 1
    else:
        graph.add_edge(a, b, relation=relation, weight=1)


def _add_article(graph: nx.DiGraph, article: StoredArticle) -> str:
    a = article.analysis
    node = f"article:{article.id}"
    date = a.date.isoformat() if a.date else None
    _add_node(
        graph, node, kind="article", label=a.title or a.document, document=a.document, date=date, url=a.url
    )
    if a.outlet:
        outlet = f"outlet:{name_key(a.outlet)}"
        _add_node(graph, outlet, kind="outlet", label=a.outlet)
        _add_edge(graph, outlet, node, "published")
    for source in a.sources:
        source_node = f"source:{name_key(source.name) or source.id}"
        _add_node(graph, source_node, kind=source.kind, label=source.name)
        _add_edge(graph, source_node, node, "cited_in")
    return node


def provenance_graph(source: Store | Corpus) -> nx.DiGraph:
    """A directed graph: original speaker -> recording -> releasing agency -> relays -> article <- outlet."""
    corpus = Corpus.of(source)
    story_ids = story_of(stories(corpus))
    graph = nx.DiGraph(name="purportedly provenance")
    for article in corpus.articles:
        article_node = _add_article(graph, article)
        for claim in article.analysis.claims:
            previous = None
            for link in claim.chain:
                if link.role == "article":
                    node = article_node
                else:
                    node = link_node(link, story_ids.get(article.id))
                    _add_node(graph, node, kind=link.kind, role=link.role, label=link.name)
                if previous is not None and previous != node:
                    _add_edge(graph, previous, node, link.role)
                previous = node
            if previous is not None and previous != article_node:
                _add_edge(graph, previous, article_node, "article")
    return graph


def write_graphml(source: Store | Corpus, out: Path) -> int:
    """Write the provenance graph as GraphML (opens in networkx, Gephi, yEd); returns the node count."""
    graph = provenance_graph(source)
    nx.write_graphml(graph, out)
    return graph.number_of_nodes()
