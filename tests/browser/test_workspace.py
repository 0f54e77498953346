"""End to end in headless chromium: search, read an article, follow a claim, analyse a paste, corpus views."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.web_corpus import ARTICLES

pytestmark = pytest.mark.browser


def open_view(watch, server: str, hash_path: str) -> None:
    watch.page.goto(f"{server}/#/{hash_path}")
    watch.page.wait_for_selector("main#view[data-rendered]:not([aria-busy])")


def after_render(watch, action) -> None:
    """Do something that changes the view, then wait until the new view has rendered."""
    before = watch.page.get_attribute("main#view", "data-rendered")
    action()
    watch.page.wait_for_function(
        "b => { const m = document.getElementById('view');"
        " return m.dataset.rendered !== b && !m.hasAttribute('aria-busy'); }",
        arg=before,
    )


MARKED_TEXT = """sel => [...document.querySelectorAll(sel)].map(el => [...el.childNodes]
    .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join("")).join("")"""


def marked_text(page, selector: str) -> str:
    """The article text under the marks matched by selector (label badges left out)."""
    return page.evaluate(MARKED_TEXT, selector)


def assert_clean(watch) -> None:
    assert watch.dialogs == []
    assert watch.errors == []
    assert watch.external == [], "the workspace must load nothing from other origins"


def test_search_then_open_an_article(watched, server):
    page = watched.page
    open_view(watched, server, "search")
    assert "articles in this corpus" in page.inner_text(".intro")
    page.fill("input[name=q]", "minefield")
    after_render(watched, lambda: page.click(".search-form button[type=submit]"))
    titles = page.locator(".results .result h3").all_inner_texts()
    assert "Soldier says his unit was sent forward without armour" in titles
    watched.screenshot("01_search")
    after_render(watched, lambda: page.click("text=Soldier says his unit was sent forward without armour"))
    assert (
        marked_text(page, ".story [data-quote=q1]")
        == "Our commander sent the whole company across the minefield without helmets,"
    )
    assert marked_text(page, ".story .m-speaker") == "the soldier"
    assert page.locator(".story .m-hedge", has_text="could not independently verify").count() == 1
    assert page.locator(".story .m-source", has_text="Ukraine's Security Service").count() >= 1
    assert page.locator(".story .tag-time", has_text="2024-03-11").count() == 1
    assert page.locator(".side .claim-card .fact").first.inner_text() == "PR+"
    chain = page.locator(".side .claim-card .chain").first.inner_text()
    assert (
        chain.index("Artyom") < chain.index("intercepted call") < chain.index("Security Service of Ukraine")
    )
    watched.screenshot("02_article")
    assert_clean(watched)


def test_key_points_and_captions_are_shown_apart_from_the_story(watched, server, corpus_db):
    ids = corpus_db[1]
    open_view(watched, server, f"article/{ids['hand_tabloid.txt']}")
    page = watched.page
    assert page.locator(".apart .key-points li").all_inner_texts() == [
        "Ukraine's SBU released the intercepted call"
    ]
    assert "A position near Verbivka." in page.inner_text(".apart .captions")
    story = page.inner_text(".story")
    assert (
        "A position near Verbivka" not in story and "Ukraine's SBU released the intercepted call" not in story
    )
    # the legend hides a layer without touching the text
    page.uncheck("input[aria-label='show Hedge']")
    assert "hide-hedge" in page.get_attribute(".text-column", "class")
    assert "apparently" in page.inner_text(".story")
    assert_clean(watched)


def test_claim_provenance(watched, server, corpus_db):
    ids = corpus_db[1]
    open_view(watched, server, f"article/{ids['hand_tabloid.txt']}")
    page = watched.page
    after_render(
        watched, lambda: page.locator(".claim-card", has_text="minefield").locator(".claim-link").click()
    )
    labels = page.locator("svg.graph .node-label").all_text_contents()
    assert "Artyom" in labels and "intercepted call" in labels
    assert any("Mirror Post" in t or "Conscript" in t for t in labels)
    other = page.locator(".claim-view .cards a").all_inner_texts()
    assert "Soldier says his unit was sent forward without armour" in other
    origins = page.locator(".stat", has_text="independent origins").locator(".stat-value").inner_text()
    assert origins == "1", "two outlets retelling one released call are one origin"
    # 9 men killed in the wire report, 12 the next day in the retelling: a revised figure
    assert page.locator(".claim-view .badge", has_text="figure revised").count() == 1
    watched.screenshot("03_claim")
    # an article node in the graph leads back to that article
    after_render(watched, lambda: page.locator("svg.graph a").first.click())
    assert page.locator(".article-view").count() == 1
    assert_clean(watched)


def test_paste_and_analyse_without_storing(watched, server):
    page = watched.page
    before = json.loads(page.request.get(f"{server}/api/facets").text())["articles"]
    open_view(watched, server, "analyze")
    text = (ARTICLES / "01_wire_intercept.txt").read_text(encoding="utf-8")
    page.fill("textarea[name=text]", text)
    page.click(".analyze-form button[type=submit]")
    page.wait_for_selector("text=Nothing was stored", timeout=60_000)
    assert "Intercepted call: soldier says unit was sent forward without armour" in page.inner_text(
        ".article-view h1"
    )
    assert "Eastwire could not independently verify" in watched.text(".story")
    after = json.loads(page.request.get(f"{server}/api/facets").text())["articles"]
    assert after == before
    watched.screenshot("04_analyze")
    assert_clean(watched)


@pytest.mark.parametrize(
    "view,selector",
    [
        ("stories", ".cluster"),
        ("sources", "table.data tbody tr"),
        ("entities", "table.data tbody tr"),
        ("timeline", "svg.timeline-chart circle"),
        ("counts", "svg.counts-chart rect.bar-max"),
    ],
)
def test_corpus_views(watched, server, view, selector):
    open_view(watched, server, view)
    assert watched.page.locator(selector).count() >= 1
    assert watched.page.locator("#nav a.active").get_attribute("data-view") == view
    watched.screenshot(f"05_{view}")
    assert_clean(watched)


def test_entity_table_filter(watched, server):
    page = watched.page
    open_view(watched, server, "entities")
    page.fill("input.table-filter", "SBU")
    visible = page.locator("table.data tbody tr:not([hidden]) th").all_inner_texts()
    assert visible and "Security Service of Ukraine" in visible  # found by its alias
    assert len(visible) < page.locator("table.data tbody tr").count()
    assert_clean(watched)


def test_search_filters(watched, server):
    page = watched.page
    open_view(watched, server, "search?factuality=CT-")
    titles = page.locator(".results .result h3").all_inner_texts()
    # the hand-annotated retelling carries a denial (CT-); the wire report only a probable claim
    assert "Conscript's call: 'nine of us came back'" in titles
    assert "Soldier says his unit was sent forward without armour" not in titles
    assert page.input_value("select[name=factuality]") == "CT-"
    page.select_option("select[name=factuality]", "")
    page.fill("input[name=date_from]", "2024-03-15")
    page.fill("input[name=date_to]", "2024-03-31")
    after_render(watched, lambda: page.click(".search-form button[type=submit]"))
    dates = page.locator(".results .result .meta").all_inner_texts()
    assert dates and all("2024-03-1" in d or "2024-03-2" in d or "2024-03-3" in d for d in dates)
    assert_clean(watched)


def test_real_analysis_renders_every_segment_where_it_belongs(watched, server, corpus_db):
    """Whatever the reader and analyser found in one of our articles, the page places it right."""
    article_id = corpus_db[1]["02_tabloid_retell.txt"]
    analysis = json.loads(watched.page.request.get(f"{server}/api/articles/{article_id}").text())
    open_view(watched, server, f"article/{article_id}")
    apart = watched.text(".apart") if watched.page.locator(".apart").count() else ""
    story = watched.text(".story")
    segments = analysis["article"]["segments"]
    assert any(s["kind"] == "key_point" for s in segments), "the reader finds the KEY POINTS bullets"
    for segment in segments:
        if segment["kind"] in ("key_point", "caption", "credit"):
            assert segment["text"] in apart and segment["text"] not in story
        elif segment["kind"] in ("body", "title", "heading", "standfirst"):
            assert segment["text"] in story
    paragraphs = watched.page.locator(".story .seg").all_inner_texts()
    assert all(re.search(r"\w", p) for p in paragraphs), "no paragraph of bare bullet markers"
    quotes = {q["id"] for q in analysis["quotes"] + analysis["indirect_quotes"]}
    marked = set(watched.page.eval_on_selector_all("[data-quote]", "els => els.map(e => e.dataset.quote)"))
    assert quotes and marked == quotes, "every quote, nested ones too, is marked in the text"
    watched.screenshot("02b_article_real_analysis")
    assert_clean(watched)
