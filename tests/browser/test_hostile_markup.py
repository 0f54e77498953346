"""Article text is untrusted: markup in text, quotes, speakers, sources and titles must render inert."""

from __future__ import annotations

import pytest

from tests.browser.web_corpus import ARTICLES, PAYLOAD_IMG, PAYLOAD_SCRIPT

pytestmark = pytest.mark.browser

PWNED = "typeof window.__pwned"


def rendered(watch, server: str, hash_path: str) -> None:
    watch.page.goto(f"{server}/#/{hash_path}")
    watch.page.wait_for_selector("main#view[data-rendered]:not([aria-busy])")


def assert_inert(watch) -> None:
    page = watch.page
    assert watch.dialogs == [], f"a payload opened a dialog: {watch.dialogs}"
    assert page.evaluate(PWNED) == "undefined", "a payload ran and set window.__pwned"
    # the only scripts are our own module; no element came from the article's markup
    assert page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))") == ["/static/js/main.js"]
    assert page.locator("main img, main iframe, main b[onmouseover]").count() == 0


def test_hand_annotated_payloads_show_as_text(watched, server, corpus_db):
    ids = corpus_db[1]
    rendered(watched, server, f"article/{ids['hand_hostile.txt']}")
    page = watched.page
    assert PAYLOAD_SCRIPT in page.inner_text(".article-view h1")
    assert PAYLOAD_SCRIPT in watched.text(".story")
    assert PAYLOAD_IMG in page.inner_text(".side")  # quote text, speaker name, source name
    assert f"Ivan {PAYLOAD_IMG} Petrenko" in page.inner_text(".side .quotes")
    watched.screenshot("06_hostile_article")
    assert_inert(watched)
    # the claim page puts chain names into SVG text and titles
    page.locator(".claim-link").first.click()
    page.wait_for_selector(".claim-view svg.graph")
    assert any(PAYLOAD_IMG in t for t in page.locator("svg.graph title").all_text_contents())
    assert_inert(watched)


def test_payloads_in_corpus_views_and_search(watched, server):
    for view in ("search?q=script", "sources", "entities", "stories", "search?speaker=onerror"):
        rendered(watched, server, view)
        assert_inert(watched)
    assert "<script>window.__pwned" in watched.page.inner_text(".results")


def test_real_analysis_of_hostile_article_is_inert(watched, server, corpus_db):
    ids = corpus_db[1]
    rendered(watched, server, f"article/{ids['04_hostile_markup.txt']}")
    assert "<script>window.__pwned = 3; alert(3)</script>" in watched.text(".story")
    assert_inert(watched)


def test_pasted_hostile_article_is_inert(watched, server):
    rendered(watched, server, "analyze")
    page = watched.page
    page.fill("textarea[name=text]", (ARTICLES / "04_hostile_markup.txt").read_text(encoding="utf-8"))
    page.click(".analyze-form button[type=submit]")
    page.wait_for_selector("text=Nothing was stored", timeout=60_000)
    assert '<iframe src="javascript:alert(5)"></iframe>' in watched.text(".story")
    watched.screenshot("07_hostile_pasted")
    assert_inert(watched)
