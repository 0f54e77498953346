"""Exports of a store: JSONL round-trips, CSV/Parquet tables load in pandas, GraphML in networkx,
ClaimReview skeletons carry the schema.org fields fact-checkers use."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pandas as pd
import pytest

from purportedly.engines.ingest import ingest_analyses
from purportedly.exports import FORMATS, export
from purportedly.model import Analysis
from purportedly.store import Store
from tests.corpus.factory import chain, make_analysis

WORDS = "The officers sell our diesel to the villagers by the barrel and the tanks stand still"


def report(document, outlet, day, releaser, url):
    text = f'"{WORDS}," the soldier said in a call released by {releaser}. 11 conscripts were killed.'
    links = chain(
        ("the soldier", "speaker"),
        ("intercepted call", "recording"),
        (releaser, "releaser"),
        (outlet, "article"),
    )
    return make_analysis(
        document,
        text,
        outlet=outlet,
        day=day,
        url=url,
        title=f"{outlet} on the fuel call",
        quotes=[(WORDS, "the soldier")],
        claims=[(WORDS, links)],
        counts=[("11 conscripts were killed", 11, None, "conscripts", "killed")],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "corpus.db"
    with Store.open(path) as opened:
        ingest_analyses(
            opened,
            [
                report(
                    "b.txt",
                    "Valley Times",
                    "2024-03-07",
                    "Security Service of Ukraine",
                    "https://valley.example/b",
                ),
                report("a.txt", "Harbour Post", "2024-03-05", "the SSU", "https://harbour.example/a"),
            ],
        )
        yield opened


def test_jsonl_is_one_analysis_per_line(store, tmp_path):
    out = tmp_path / "corpus.jsonl"
    assert export(store, "jsonl", out) == 2
    loaded = [Analysis.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a.document for a in loaded] == ["b.txt", "a.txt"]
    assert loaded[0].claims[0].chain[2].name == "Security Service of Ukraine"


def test_csv_claims_and_quotes_tables(store, tmp_path):
    export(store, "csv", tmp_path / "claims.csv")
    export(store, "csv", tmp_path / "quotes.csv", table="quotes")
    with (tmp_path / "claims.csv").open(encoding="utf-8") as handle:
        claims = list(csv.DictReader(handle))
    assert [c["outlet"] for c in claims] == ["Valley Times", "Harbour Post"]
    assert claims[1]["chain"].startswith("the soldier (speaker) -> intercepted call (recording) -> the SSU")
    assert claims[1]["factuality"] == "CT+"
    quotes = pd.read_csv(tmp_path / "quotes.csv")
    assert list(quotes["speaker"]) == ["the soldier", "the soldier"]


def test_parquet_reads_back_in_pandas(store, tmp_path):
    for table, rows in [("claims", 2), ("quotes", 2), ("articles", 2), ("counts", 2)]:
        out = tmp_path / f"{table}.parquet"
        assert export(store, "parquet", out, table=table) == rows
        frame = pd.read_parquet(out)
        assert len(frame) == rows
    counts = pd.read_parquet(tmp_path / "counts.parquet")
    assert counts["number"].tolist() == [11, 11]
    assert set(pd.read_parquet(tmp_path / "articles.parquet")["date"]) == {"2024-03-05", "2024-03-07"}


def test_graphml_provenance_graph_opens_in_networkx(store, tmp_path):
    out = tmp_path / "provenance.graphml"
    export(store, "graphml", out)
    graph = nx.read_graphml(out)
    kinds = nx.get_node_attributes(graph, "kind")
    articles = [n for n, k in kinds.items() if k == "article"]
    assert len(articles) == 2
    outlets = {graph.nodes[n]["label"] for n in graph if n.startswith("outlet:")}
    assert outlets == {"Harbour Post", "Valley Times"}
    # "the SSU" and "Security Service of Ukraine" are two spellings; the chain edges lead to articles
    speaker = next(n for n in graph if n.startswith("speaker:"))
    for article in articles:
        assert nx.has_path(graph, speaker, article)
    assert all(graph.edges[e]["weight"] >= 1 for e in graph.edges)


def test_claimreview_skeletons(store, tmp_path):
    out = tmp_path / "reviews.json"
    assert export(store, "claimreview", out) == 1
    [review] = json.loads(out.read_text(encoding="utf-8"))
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == WORDS
    assert review["url"] == "" and review["datePublished"] == ""  # for the fact-checker to fill
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "the soldier"  # one origin: the two agency spellings merge
    assert "released by" in item["author"]["description"]
    assert item["datePublished"] == "2024-03-05"
    assert item["firstAppearance"]["url"] == "https://harbour.example/a"
    assert {a["url"] for a in item["appearance"]} == {"https://harbour.example/a", "https://valley.example/b"}
    assert all(a["@type"] == "CreativeWork" for a in item["appearance"])
    assert review["reviewRating"]["@type"] == "Rating" and review["reviewRating"]["ratingValue"] == ""


def test_unknown_format_or_table_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")
    with pytest.raises(ValueError, match="unknown table"):
        export(store, "csv", tmp_path / "x.csv", table="people")
    assert set(FORMATS) == {
        "jsonl",
        "csv",
        "parquet",
        "graphml",
        "claimreview",
        "recordings-jsonl",
        "recordings-csv",
    }


def test_empty_store_exports_valid_empty_files(tmp_path):
    with Store.open(tmp_path / "empty.db") as empty:
        for fmt in FORMATS:
            export(empty, fmt, tmp_path / f"out.{fmt}")
    assert pd.read_parquet(tmp_path / "out.parquet").empty
    assert json.loads((tmp_path / "out.claimreview").read_text()) == []
    assert nx.read_graphml(tmp_path / "out.graphml").number_of_nodes() == 0
