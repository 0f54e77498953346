"""The workspace's JSON API over a store holding hand-annotated analyses (FastAPI TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from purportedly.engines.ingest import ingest_analyses
from purportedly.model import Analysis
from purportedly.store import Store
from purportedly.web import create_app
from tests.browser.web_corpus import build_corpus, tabloid_retell, wire_report
from tests.pg_schema import fresh_schema_url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request, tmp_path_factory):
    """The same hand-annotated corpus in a SQLite file and in a PostgreSQL database: every
    page must read both through the Store API."""
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("web-api") / "corpus.db"
        yield db, build_corpus(db, analyse_files=False)
        return
    with fresh_schema_url() as url:
        yield url, build_corpus(url, analyse_files=False)


@pytest.fixture(scope="module")
def client(corpus):
    app = create_app(corpus[0])
    yield TestClient(app)
    app.state.corpus.close()  # a Postgres connection would otherwise keep the schema from being dropped


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_openapi_schema_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/api/search",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/claims/{claim_id}",
        "/api/stories",
        "/api/sources",
        "/api/entities",
        "/api/timeline",
        "/api/counts",
        "/api/analyze",
    ):
        assert route in paths
    assert "post" in paths["/api/analyze"]


@pytest.mark.parametrize(
    "params,expected",
    [
        (
            {"q": "minefield"},
            {
                "Soldier says his unit was sent forward without armour",
                "Conscript's call: 'nine of us came back'",
            },
        ),
        ({"q": "minefield", "outlet": "mirror"}, {"Conscript's call: 'nine of us came back'"}),
        ({"speaker": "the soldier"}, {"Soldier says his unit was sent forward without armour"}),
        ({"source": "eastwire"}, {"Conscript's call: 'nine of us came back'"}),
        ({"source": "SBU"}, {"Conscript's call: 'nine of us came back'"}),  # an alias finds the source
        ({"date_from": "2024-03-15", "date_to": "2024-03-31"}, {"Conscript's call: 'nine of us came back'"}),
        ({"factuality": "CT-"}, {"Conscript's call: 'nine of us came back'"}),
        (
            {"factuality": "probable"},
            {
                "Soldier says his unit was sent forward without armour",
                "Conscript's call: 'nine of us came back'",
            },
        ),
        ({"q": "no such words anywhere"}, set()),
        (
            {"q": "helmet"},
            {
                "Soldier says his unit was sent forward without armour",  # stemmed: helmets
                "Conscript's call: 'nine of us came back'",
            },
        ),
    ],
)
def test_search_filters(client, params, expected):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert response.json()["total"] == len(expected)


def test_search_survives_odd_input(client):
    for q in ['"unbalanced', "💥🔥", "Київ", "%_*", "<script>"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/api/search", params={"date_from": "yesterday"}).status_code == 422


def test_article_round_trips_with_valid_offsets(client, corpus):
    analysis = Analysis.model_validate(client.get(f"/api/articles/{corpus[1]['hand_tabloid.txt']}").json())
    text = analysis.article.text
    for span in [*analysis.quotes, *analysis.claims, *analysis.article.segments]:
        assert text[span.start : span.end] == span.text
    assert analysis.key_points == ["Ukraine's SBU released the intercepted call"]
    assert client.get("/api/articles/999999").status_code == 404


def test_claim_view_links_reports_of_one_release(client, corpus):
    ids = corpus[1]
    view = client.get(f"/api/articles/{ids['hand_tabloid.txt']}/claims/c1").json()
    assert [r["article"] for r in view["other_reports"]] == [ids["hand_wire.txt"]]
    assert view["independent_origins"] == 1
    roles = [node["role"] for node in view["graph"]["nodes"]]
    assert roles == sorted(
        roles, key=["speaker", "recording", "document", "releaser", "translator", "relay", "article"].index
    )
    assert {"from": "speaker:artyom", "to": "recording:intercepted call"} in view["graph"]["edges"]
    assert sum(node["role"] == "article" for node in view["graph"]["nodes"]) == 2
    assert client.get(f"/api/articles/{ids['hand_tabloid.txt']}/claims/nope").status_code == 404


def test_a_denial_never_contradicts_itself(client, corpus):
    view = client.get(f"/api/articles/{corpus[1]['hand_tabloid.txt']}/claims/c2").json()
    assert view["claim"]["factuality"]["value"] == "CT-"
    assert view["denials"] == []  # its own denial cue is what it is, not a denial of it


def test_corpus_views(client, corpus):
    ids = corpus[1]
    stories = client.get("/api/stories").json()["stories"]
    together = next(s for s in stories if ids["hand_wire.txt"] in {a["id"] for a in s["articles"]})
    assert ids["hand_tabloid.txt"] in {a["id"] for a in together["articles"]}

    sources = {s["name"]: s for s in client.get("/api/sources").json()}
    sbu = sources["Security Service of Ukraine"]
    assert sbu["cited_in"] == 2 and "SBU" in sbu["aliases"]
    assert sbu["hedged_share"] == 0.5  # hedged in the wire report's sentence, not in the tabloid's

    entities = {e["name"]: e for e in client.get("/api/entities").json()}
    assert "SBU" in entities["Security Service of Ukraine"]["aliases"]

    timeline = client.get("/api/timeline").json()
    assert [(e["date"], e["text"]) for e in timeline] == [("2024-03-11", "March 11")]
    assert "allegedly made on March 11" in timeline[0]["context"]

    counts = client.get("/api/counts").json()
    men = counts["by_what"][0]  # reported twice, with different figures: never summed
    assert (men["what"], men["reports"], men["figures"]) == ("men", 2, [9, 12])


def test_claim_view_shows_figures_other_reports_contradict(client, corpus):
    view = client.get(f"/api/articles/{corpus[1]['hand_tabloid.txt']}/claims/c1").json()
    assert [sorted(c["numbers"]) for c in view["count_conflicts"]] == [[9, 12]]


def test_facets_offer_the_filter_values(client):
    facets = client.get("/api/facets").json()
    assert facets["articles"] == 3
    assert "Mirror Post" in facets["outlets"] and "CT-" in facets["factuality"]
    assert (facets["date_min"], facets["date_max"]) == ("2024-03-14", "2024-04-05")


def test_views_follow_new_ingests(tmp_path):
    db = tmp_path / "growing.db"
    with Store.open(db) as store:
        ingest_analyses(store, [wire_report()])
    client = TestClient(create_app(db))
    assert client.get("/api/facets").json()["articles"] == 1
    with Store.open(db) as store:
        ingest_analyses(store, [tabloid_retell()])
    assert client.get("/api/facets").json()["articles"] == 2


def test_empty_or_missing_db_is_an_empty_corpus(tmp_path):
    client = TestClient(create_app(tmp_path / "absent.db"))
    assert client.get("/api/search").json() == {"total": 0, "results": []}
    assert client.get("/api/stories").json() == {"articles": 0, "stories": [], "single": 0, "told": 0}
    assert client.get("/api/contradictions").json() == []


ODD_TEXTS = ["", "   \n\n", '💥🔥 «Київ» "unbalanced', "\u201cAn open quote never closed"]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_analyze_never_fails_on_odd_text(client, text):
    response = client.post("/api/analyze", json={"text": text})
    assert response.status_code == 200
    assert response.json()["article"]["text"] == text


def test_analyze_a_pasted_article_without_storing_it(client):
    text = 'Kyiv, 3 May 2024 - "We held the bridge all night," the platoon commander said.'
    response = client.post("/api/analyze", json={"text": text})
    assert response.status_code == 200
    analysis = Analysis.model_validate(response.json())
    assert analysis.article.text == text
    assert client.get("/api/facets").json()["articles"] == 3
    assert client.post("/api/analyze", json={"text": "x" * 300_001}).status_code == 422
    # a cross-site form post cannot send JSON, so it cannot trigger work
    assert client.post("/api/analyze", data={"text": text}).status_code == 422


def test_serve_opens_a_postgres_store(monkeypatch):
    """`purportedly serve --db postgresql://...` serves the pages from the database."""
    from typer.testing import CliRunner

    from purportedly.cli.app import app as cli_app

    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.setdefault("app", app))
    monkeypatch.setattr("purportedly.nlp.pipeline.load_pipeline", lambda *a, **k: None)
    with fresh_schema_url() as url:
        build_corpus(url, analyse_files=False)
        result = CliRunner().invoke(cli_app, ["serve", "--db", url])
        assert result.exit_code == 0, result.output
        reader = served["app"].state.corpus
        try:
            client = TestClient(served["app"], base_url="http://127.0.0.1:8000")  # the bound host
            assert client.get("/api/facets").json()["articles"] == 3
            assert {s["name"] for s in client.get("/api/sources").json()} >= {"Security Service of Ukraine"}
        finally:
            reader.close()


def test_serve_refuses_an_unreachable_database_without_showing_its_password():
    from typer.testing import CliRunner

    from purportedly.cli.app import app as cli_app

    pytest.importorskip("psycopg")
    result = CliRunner().invoke(cli_app, ["serve", "--db", "postgresql://team:hunter2@127.0.0.1:9/corpus"])
    assert result.exit_code == 2
    assert "cannot connect" in result.output and "hunter2" not in result.output
