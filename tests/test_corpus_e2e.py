"""The whole corpus path with the real analyser: our own 31 articles (plain text, wire, tabloid,
HTML, JSONL and CSV rows) ingested once; stories, shared quotes, origins, the contradiction,
search, exports and the CLI verbs checked against what the corpus was written to contain."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from purportedly import corpus
from purportedly.cli import app
from purportedly.engines.ingest import ingest_paths
from purportedly.exports import FORMATS, export
from purportedly.store import Store

CORPUS = Path(__file__).resolve().parent / "corpus"
INPUTS = [str(CORPUS / "text"), str(CORPUS / "html"), str(CORPUS / "feeds")]
# every re-told story names one invented place; articles naming none of them are single stories
STORY_MARKERS = {"fuel": "Dubrivne", "depot": "Lysohirsk", "barracks": "Krasnoselsk", "desertion": "Yasenove"}


def expected_article_count() -> int:
    files = len(list((CORPUS / "text").glob("*.txt"))) + len(list((CORPUS / "html").glob("*.html")))
    jsonl_rows = sum(1 for line in (CORPUS / "feeds" / "feed.jsonl").read_text().splitlines() if line.strip())
    with (CORPUS / "feeds" / "feed.csv").open(encoding="utf-8") as handle:
        csv_rows = sum(1 for _ in csv.DictReader(handle))
    return files + jsonl_rows + csv_rows


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    store = Store.open(path)
    first = ingest_paths(store, INPUTS)
    second = ingest_paths(store, INPUTS)
    yield store, first, second
    store.close()


@pytest.fixture(scope="module")
def store(ingested):
    return ingested[0]


@pytest.fixture(scope="module")
def story_of_article(store) -> dict[int, str | None]:
    """Article id -> the story its text names (by the invented place), or None."""
    found = {}
    for article_id, analysis in store.analyses():
        names = [story for story, place in STORY_MARKERS.items() if place in analysis.article.text]
        assert len(names) <= 1, analysis.document
        found[article_id] = names[0] if names else None
    return found


def test_corpus_is_big_and_varied_enough():
    assert expected_article_count() >= 30
    suffixes = {p.suffix for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".py"}
    assert suffixes == {".txt", ".html", ".jsonl", ".csv"}


def test_every_article_is_stored_once_and_a_second_ingest_adds_nothing(ingested):
    store, first, second = ingested
    total = expected_article_count()
    assert (first.stored, first.skipped, first.failed) == (total, 0, 0)
    assert (second.stored, second.skipped, second.failed) == (0, total, 0)
    assert store.article_count() == total
    assert store.errors() == []


def test_same_story_clusters(store, story_of_article):
    clusters = {frozenset(s.article_ids) for s in corpus.stories(store)}
    assert STORY_MARKERS and clusters
    for story in STORY_MARKERS:
        members = frozenset(i for i, s in story_of_article.items() if s == story)
        assert len(members) >= 4
        assert members in clusters, story
    for article_id, story in story_of_article.items():
        if story is None:
            assert frozenset([article_id]) in clusters


def test_the_same_quote_is_found_across_outlets_even_reworded(store, story_of_article):
    groups = corpus.quote_groups(store)
    widest = groups[0]
    assert {story_of_article[i] for i in widest.article_ids} == {"fuel"}
    assert len(widest.article_ids) >= 5
    wordings = {q.text for q in widest.quotes}
    assert any("selling the diesel" in w for w in wordings)  # the re-translated wording
    assert any("sell our diesel" in w for w in wordings)


def claim_group(store, *words: str):
    matches = [
        c
        for c in corpus.corroboration(store)
        if any(all(w in r.text.lower() for w in words) for r in c.reports)
    ]
    assert matches, f"no claim mentioning {words}"
    return max(matches, key=lambda c: len(c.article_ids))


def test_relays_of_one_agency_recording_are_one_origin(store, story_of_article):
    claim = claim_group(store, "diesel", "barrel")
    assert len(claim.article_ids) >= 4
    assert {story_of_article[i] for i in claim.article_ids} == {"fuel"}
    assert claim.independent_origins == 1, claim.summary
    assert "single origin" in claim.summary


def test_a_story_with_two_independent_origins(store, story_of_article):
    claim = claim_group(store, "oil depot", "lysohirsk")
    assert {story_of_article[i] for i in claim.article_ids} == {"depot"}
    assert len(claim.article_ids) >= 3
    assert claim.independent_origins == 2, claim.summary


def test_the_number_contradiction(store, story_of_article):
    [found] = corpus.contradictions(store)
    assert found.numbers == (14, 16)
    assert {story_of_article[r.article_id] for r in found.reports} == {"barracks"}
    assert len({r.article_id for r in found.reports}) >= 3
    assert any("Ostrog" in (r.attributed_to or "") for r in found.reports if r.number == 16)


def test_search_with_filters(store, story_of_article):
    hits = store.search("diesel barrel")
    assert hits and {story_of_article[h.article_id] for h in hits} == {"fuel"}
    assert {h.outlet for h in store.search("diesel", outlet="Eastwire")} == {"Eastwire"}
    assert store.search("diesel", since="2024-04-01") == []
    assert {story_of_article[h.article_id] for h in store.search("conscripts", source="Ostrog")} == {
        "barracks"
    }


def test_entities_and_timeline_span_articles(store, story_of_article):
    by_name = {e.name: e for e in corpus.entities(store)}
    village = by_name["Dubrivne"]
    assert len(village.article_ids) >= 4
    assert {story_of_article[i] for i in village.article_ids} == {"fuel"}
    governor = by_name["Arkady Velmin"]
    assert "Velmin" in governor.aliases and len(governor.article_ids) >= 2
    events = corpus.timeline(store)
    assert events and [e.date for e in events] == sorted(e.date for e in events)


def test_exports_of_the_real_corpus(store, tmp_path):
    for fmt in FORMATS:
        export(store, fmt, tmp_path / f"out.{fmt}")
    claims = sum(len(a.claims) for _, a in store.analyses())
    assert len(pd.read_parquet(tmp_path / "out.parquet")) == claims
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == store.article_count()
    graph = nx.read_graphml(tmp_path / "out.graphml")
    assert sum(1 for _, kind in graph.nodes(data="kind") if kind == "article") == store.article_count()
    reviews = json.loads((tmp_path / "out.claimreview").read_text())
    assert all(r["@type"] == "ClaimReview" and r["itemReviewed"]["@type"] == "Claim" for r in reviews)
    widely_carried = tmp_path / "wide.json"
    export(store, "claimreview", widely_carried, min_reports=3)
    wide = json.loads(widely_carried.read_text())
    assert 0 < len(wide) < len(reviews)
    assert all(len(r["itemReviewed"]["appearance"]) >= 3 for r in wide)


def test_cli_verbs(store, tmp_path):
    runner = CliRunner()
    db = store.path
    result = runner.invoke(app, ["search", "diesel", "--db", db, "--outlet", "Eastwire"])
    assert result.exit_code == 0 and "Eastwire" in result.output
    result = runner.invoke(app, ["stories", "--db", db])
    assert result.exit_code == 0 and "Dubrivne" not in result.output  # headlines, not places
    assert runner.invoke(app, ["contradictions", "--db", db]).output.count("16") >= 1
    about = runner.invoke(app, ["claims", "--about", "Lysohirsk", "--db", db, "--min-reports", "3"])
    assert about.exit_code == 0 and "2 independent origins" in about.output
    out = tmp_path / "claims.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--db", db, "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("article_id,document,outlet")
    missing = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2


def test_cli_ingest_reports_failures_and_keeps_going(tmp_path):
    bad = tmp_path / "feed.jsonl"
    good_row = {
        "id": "r1",
        "title": "Ferry resumes",
        "text": "The river ferry resumed service on Monday, the operator said.",
    }
    bad.write_text(json.dumps(good_row) + "\n{not json\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(app, ["ingest", str(bad), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert result.exit_code == 1
    with Store.open(db) as check:
        assert check.article_count() == 1
        errors = check.errors()
    assert {(Path(e["input"]).name, e["line"]) for e in errors} >= {("feed.jsonl", 2)}
    assert any("missing.txt" in e["input"] for e in errors)
