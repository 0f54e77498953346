"""A workspace started with a token: the browser is sent to the login form, and the cookie lets it in."""

from __future__ import annotations

import pytest

from purportedly.web import create_app
from tests.browser.conftest import PageWatch, serving

pytestmark = pytest.mark.browser
TOKEN = "long-random-token-for-tests"


@pytest.fixture
def locked_server(corpus_db):
    with serving(create_app(corpus_db[0], token=TOKEN)) as url:
        yield url


def test_login_form_then_workspace(browser, locked_server):
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    watch = PageWatch(context.new_page())
    page = watch.page
    page.goto(f"{locked_server}/#/search")
    page.wait_for_selector("form.login-box")
    assert page.url.startswith(f"{locked_server}/login")
    page.fill("input[name=token]", "not-the-token")
    page.click("button[type=submit]")
    page.wait_for_selector("#login-hint.failed")
    assert "not accepted" in page.inner_text("#login-hint")
    watch.screenshot("08_login_failed")
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_selector("main#view[data-rendered]:not([aria-busy])")
    assert "articles in this corpus" in page.inner_text(".intro")
    cookie = next(c for c in context.cookies() if c["name"] == "purportedly_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == "", "scripts cannot read the session cookie"
    assert watch.dialogs == [] and watch.errors == []
    context.close()


def test_a_deep_link_survives_the_login(browser, locked_server):
    """A colleague's link to one view leads there once the token is given (issue 16)."""
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    watch = PageWatch(context.new_page())
    page = watch.page
    page.goto(f"{locked_server}/#/stories")
    page.wait_for_selector("form.login-box")
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_selector("main#view[data-rendered]:not([aria-busy])")
    assert page.url == f"{locked_server}/#/stories"
    assert page.get_attribute("main#view", "data-view") == "stories"
    assert watch.dialogs == [] and watch.errors == []
    context.close()
