"""End to end in headless chromium over our own same-story articles, analysed for real: the
contradictions page (a toll revised over days on a time axis), a denial shown on the claim it
denies, and a story told by several outlets with its copies and shared quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly.engines.ingest import ingest_paths
from purportedly.store import Store
from tests.browser.conftest import serving
from tests.browser.test_workspace import after_render, assert_clean, open_view

pytestmark = pytest.mark.browser

ARTICLES = Path(__file__).resolve().parents[1] / "articles" / "stories"


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cross-web") / "stories.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(ARTICLES)])
    return db


@pytest.fixture(scope="module")
def server(stories_db):
    """A live workspace over the same-story articles (overrides the hand-built corpus's server)."""
    from purportedly.web import create_app

    with serving(create_app(stories_db)) as url:
        yield url


def test_the_contradictions_page_shows_a_revised_toll_on_a_time_axis(watched, server):
    page = watched.page
    open_view(watched, server, "contradictions")
    assert page.locator("#nav a.active").get_attribute("data-view") == "contradictions"
    revision = page.locator(".figure-item.figure-revision").filter(has_text="people killed")
    assert revision.count() == 1
    text = revision.inner_text()
    assert "went down" in text and "same-day disagreement" in text
    dates = revision.locator("table.figure-reports tbody tr td:first-child").all_inner_texts()
    assert dates == sorted(dates) and dates[0] == "2025-05-12" and dates[-1] == "2025-05-15"
    figures = revision.locator("table.figure-reports tbody tr td.num").all_inner_texts()
    assert figures[-2:] == ["21", "19"]  # the toll went up to 21, then down to 19
    assert revision.locator("svg.figure-chart circle.dot").count() == len(dates)
    assert revision.locator("svg.figure-chart polyline.figure-line").count() == 1
    assert "Velykyi Brid" in page.locator(".figure-story h2").first.inner_text()
    watched.screenshot("20_contradictions")
    assert_clean(watched)


def test_a_denial_is_shown_on_the_claim_it_denies(watched, server):
    page = watched.page
    denials = page.request.get(f"{server}/api/contradictions")  # warm the cross-article views
    assert denials.ok
    # find the denied claim through the article page: the sentence the ministry denies
    open_view(watched, server, "search?q=covered market")
    after_render(watched, lambda: page.click("text=Missile strike on Velykyi Brid market kills at least 14"))
    article_id = page.url.rsplit("/", 1)[-1]
    analysis = page.request.get(f"{server}/api/articles/{article_id}").json()
    denied = next(c for c in analysis["claims"] if c["text"].startswith("At least 14 people were killed"))
    open_view(watched, server, f"claim/{article_id}/{denied['id']}")
    listed = page.locator(".card.denial").all_inner_texts()
    assert listed and any("forces struck the market" in d for d in listed)
    assert page.locator(".corroboration").count() == 1
    watched.screenshot("21_denied_claim")
    # and the denial itself says what it denies, not that it contradicts itself
    denial = next(c for c in analysis["claims"] if c["text"].startswith("its forces struck the market"))
    open_view(watched, server, f"claim/{article_id}/{denial['id']}")
    assert "This is a denial" in page.locator(".denial-of").inner_text()
    assert page.locator(".card.denial").count() == 0
    assert_clean(watched)


def test_a_story_of_several_outlets(watched, server):
    page = watched.page
    open_view(watched, server, "stories")
    clusters = page.locator(".cluster")
    assert clusters.count() == 2  # single articles are not listed as stories
    market = clusters.filter(has_text="Velykyi Brid")
    assert market.locator(".cards > li").count() == 6
    assert "6 outlets" in market.locator("h2").inner_text()
    assert "m1_eastwire_market.txt = m2_herald_reprint.txt" in market.locator(".copies").inner_text()
    market.locator(".shared-quotes summary").click()
    quotes = market.locator(".shared-quotes").inner_text()
    assert "sky fell on them" in quotes and "first in Eastwire on 2025-05-12" in quotes
    assert "2 articles tell stories of their own" in page.inner_text("main")
    watched.screenshot("22_story_of_several_outlets")
    assert_clean(watched)
