"""The recordings pages in headless chromium: the list linked from the nav, and one recording with
its carriages in date order, its quotes and the hedges each outlet put on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly.engines.ingest import ingest_paths
from purportedly.store import Store
from tests.browser.conftest import PageWatch, serving

pytestmark = pytest.mark.browser

ARTICLES = Path(__file__).resolve().parents[1] / "articles" / "recordings" / "recordings.jsonl"


@pytest.fixture(scope="module")
def recordings_server(tmp_path_factory):
    from purportedly.web import create_app

    db = tmp_path_factory.mktemp("recordings-web") / "corpus.db"
    with Store.open(db) as store:
        summary = ingest_paths(store, [str(ARTICLES)])
    assert summary.stored == 7
    with serving(create_app(db)) as url:
        yield url


@pytest.fixture
def watch(browser, recordings_server):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watched = PageWatch(page)
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(recordings_server) else r.abort(),
    )
    yield watched
    context.close()


def rendered(watch) -> None:
    watch.page.wait_for_selector("main#view[data-rendered]:not([aria-busy])")


def test_a_recording_page_shows_its_carriages_and_quotes(watch, recordings_server):
    page = watch.page
    page.goto(f"{recordings_server}/#/search")
    rendered(watch)
    page.click("#nav a[data-view=recordings]")
    page.wait_for_selector("#recordings-table")
    rendered(watch)
    rows = page.locator("#recordings-table tbody tr")
    assert rows.count() == 4
    first = rows.nth(0)
    assert "4 articles" in first.inner_text()
    before = page.get_attribute("main#view", "data-rendered")
    first.locator("a").click()
    page.wait_for_function(
        "b => { const m = document.getElementById('view'); return m.dataset.view === 'recording'"
        " && m.dataset.rendered !== b && !m.hasAttribute('aria-busy'); }",
        arg=before,
    )
    outlets = page.locator(".carriages .carriage").evaluate_all("els => els.map(e => e.dataset.outlet)")
    assert outlets == ["Dnipro Ledger", "Northern Courier", "Meridian Daily", "Baltic Wire"]
    quotes = page.locator(".carriages .carriage-quotes li").all_inner_texts()
    assert any("They sent us across the river in the dark" in q for q in quotes)
    assert any("We were sent over the river at night" in q for q in quotes)  # the translated report
    assert "not independently verified" in page.inner_text(".verification")
    facts = page.inner_text(".facts")
    assert "Telegram" in facts and "2024-05-14" in facts and "47th Motor Rifle Regiment" in facts
    assert "[object" not in page.inner_text("main#view")
    participants = page.inner_text(".participants")
    assert "Lyudmila Kashevarova" in participants and "Кашеварова" in participants
    hedges = page.locator("#hedges-by-outlet tbody tr").all_inner_texts()
    assert len(hedges) == 4 and "purportedly" in hedges[0] and "allegedly" in hedges[1]
    assert page.locator(".quote-variants table").count() >= 1
    watch.screenshot("recording_page")
    assert watch.errors == [] and watch.dialogs == []
