"""Workspace security: token and login cookie, refusal to bind openly without a token, headers, assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from purportedly.cli import app as cli_app
from purportedly.web import create_app
from purportedly.web.security import COOKIE_NAME, TokenRequired, check_bind

STATIC = Path(__file__).resolve().parents[1] / "src" / "purportedly" / "web" / "static"
TOKEN = "correct-horse-battery"


@pytest.fixture
def locked(tmp_path):
    return TestClient(create_app(tmp_path / "c.db", token=TOKEN), follow_redirects=False)


def test_every_response_carries_the_security_headers(tmp_path):
    client = TestClient(create_app(tmp_path / "c.db"))
    for path in ("/", "/api/search", "/static/js/main.js", "/static/app.css", "/openapi.json", "/api/nope"):
        headers = client.get(path).headers
        csp = {d.split()[0]: d.split()[1:] for d in headers["content-security-policy"].split("; ")}
        assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_needs_the_token(locked):
    assert locked.get("/api/search").status_code == 401
    assert locked.get("/openapi.json").status_code == 401
    assert locked.post("/api/analyze", json={"text": "x"}).status_code == 401
    assert locked.get("/api/search", headers={"X-Purportedly-Token": "wrong"}).status_code == 401
    assert locked.get("/api/search", headers={"X-Purportedly-Token": TOKEN}).status_code == 200
    assert locked.get("/api/search", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # refusals still carry the headers
    assert "content-security-policy" in locked.get("/api/search").headers


def test_pages_send_a_stranger_to_the_login_form(locked):
    response = locked.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/login"
    login = locked.get("/login")
    assert login.status_code == 200 and 'name="token"' in login.text
    assert locked.get("/static/js/main.js").status_code == 303


def test_login_sets_an_httponly_cookie_that_opens_the_workspace(locked):
    wrong = locked.post("/login", data={"token": "guess"})
    assert wrong.headers["location"] == "/login?failed=1" and COOKIE_NAME not in wrong.cookies
    right = locked.post(
        "/login", content=f"token={TOKEN}", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert right.status_code == 303 and right.headers["location"] == "/"
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert TOKEN not in cookie, "the cookie holds a derived value, not the token"
    assert locked.get("/api/search").status_code == 200  # the client kept the cookie
    assert locked.get("/").status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_open_binding_without_a_token_is_refused(host):
    with pytest.raises(TokenRequired):
        check_bind(host, None)
    check_bind(host, TOKEN)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_needs_no_token(host):
    check_bind(host, None)


def test_serve_refuses_to_start_open_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("PURPORTEDLY_TOKEN", raising=False)
    (tmp_path / "c.db").touch()
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "c.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "token" in result.output


def test_serve_refuses_a_missing_db(tmp_path):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no corpus" in result.output


def test_pages_have_no_inline_script_or_handlers():
    pages = list(STATIC.glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script in {page.name}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {page.name}"
        assert "style=" not in html


def test_scripts_never_parse_data_as_html():
    scripts = list((STATIC / "js").glob("*.js"))
    assert scripts
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert sink not in code, f"{script.name} uses {sink}"


def test_assets_are_all_local():
    assets = [asset for asset in STATIC.rglob("*") if asset.is_file()]
    assert assets
    for asset in assets:
        text = asset.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"https?://|//cdn|@import", text), f"{asset.name} refers elsewhere"
