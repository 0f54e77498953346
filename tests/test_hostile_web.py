"""The workspace against the second audit: DNS rebinding, huge bodies, echoed input, weak tokens,
a token nobody can see, and deep links lost at login (issue 16)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from purportedly.cli import app as cli_app
from purportedly.store import Store
from purportedly.web import create_app
from purportedly.web.api import MAX_PASTED_CHARS
from purportedly.web.security import MAX_BODY_BYTES, MIN_TOKEN_CHARS, TokenRequired, check_bind
from tests.hostile.runs import SOURCE

TOKEN = "a-token-long-enough-for-tests"


@pytest.fixture
def loopback(tmp_path):
    """The app as `purportedly serve` builds it on 127.0.0.1 without a token."""
    return TestClient(create_app(tmp_path / "c.db", host="127.0.0.1"), base_url="http://127.0.0.1:8000")


def test_a_rebinding_page_cannot_read_the_loopback_server(loopback):
    assert loopback.get("/api/health").status_code == 200
    assert loopback.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
    refused = loopback.get("/api/articles/1", headers={"Host": "attacker.example"})
    assert refused.status_code == 421 and "--allowed-host" in refused.json()["detail"]
    assert loopback.get("/", headers={"Host": "attacker.example:8000"}).status_code == 421
    assert "content-security-policy" in refused.headers


def test_allowed_host_names_are_answered(tmp_path):
    web = create_app(tmp_path / "c.db", host="127.0.0.1", allowed_hosts=["corpus.internal"])
    client = TestClient(web, base_url="http://corpus.internal")
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"Host": "other.example"}).status_code == 421


def test_a_wildcard_bind_with_names_given_answers_only_to_them(tmp_path):
    web = create_app(tmp_path / "c.db", token=TOKEN, host="0.0.0.0", allowed_hosts=["corpus.example.org"])
    client = TestClient(web, base_url="http://corpus.example.org")
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"Host": "evil.example"}).status_code == 421


def test_request_bodies_are_limited_announced_or_streamed(loopback):
    big = b'{"text": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
    announced = loopback.post("/api/analyze", content=big, headers={"Content-Type": "application/json"})
    assert announced.status_code == 413 and "the limit is 2 MB" in announced.json()["detail"]

    def chunks():
        for start in range(0, len(big), 65536):
            yield big[start : start + 65536]

    streamed = loopback.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_a_too_long_paste_names_the_limit_and_never_echoes_the_text(loopback):
    paste = "Unique-marker-text. " * (MAX_PASTED_CHARS // 20) + "x"
    response = loopback.post("/api/analyze", json={"text": paste})
    assert response.status_code == 422
    assert "Unique-marker-text" not in response.text and len(response.text) < 1000
    assert f"{MAX_PASTED_CHARS}" in response.text.replace(",", "")


def test_a_pathological_paste_is_refused_before_analysis(loopback):
    response = loopback.post("/api/analyze", json={"text": '"' * 5000})
    assert response.status_code == 422 and "punctuation marks" in response.json()["detail"]
    assert '""""' not in response.text


@pytest.mark.parametrize("token", ["x", "short-token", "a" * (MIN_TOKEN_CHARS - 1)])
def test_short_tokens_are_refused(token):
    with pytest.raises(TokenRequired, match="too short"):
        check_bind("127.0.0.1", token)
    check_bind("0.0.0.0", "k" * MIN_TOKEN_CHARS)


def test_serve_refuses_a_short_token_in_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("PURPORTEDLY_TOKEN", raising=False)
    Store.open(tmp_path / "c.db").close()
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "c.db"), "--token", "x"])
    assert result.exit_code == 2 and "too short" in result.output


def test_serve_refuses_what_is_not_a_store(tmp_path):
    (tmp_path / "notes.db").write_text("shopping list", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "notes.db")])
    assert result.exit_code == 2 and "not a SQLite database" in result.output


def test_login_leads_to_the_page_asked_for(tmp_path):
    client = TestClient(create_app(tmp_path / "c.db", token=TOKEN), follow_redirects=False)
    sent = client.get("/static/js/main.js?v=2")
    assert (
        sent.status_code == 303 and sent.headers["location"] == "/login?next=%2Fstatic%2Fjs%2Fmain.js%3Fv%3D2"
    )
    form = {"token": TOKEN, "next": "/#/article/3"}
    assert client.post("/login", data=form).headers["location"] == "/#/article/3"
    wrong = client.post("/login", data={"token": "nope", "next": "/#/article/3"})
    assert wrong.headers["location"] == "/login?failed=1&next=%2F%23%2Farticle%2F3"  # kept for the retry


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_login_never_redirects_elsewhere(tmp_path, target):
    client = TestClient(create_app(tmp_path / "c.db", token=TOKEN), follow_redirects=False)
    assert client.post("/login", data={"token": TOKEN, "next": target}).headers["location"] == "/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:  # not listening yet
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("how", ["auto", "environment"])
def test_a_real_server_with_a_generated_or_environment_token(tmp_path, how):
    """`serve --token auto` prints a token once (and it works); $PURPORTEDLY_TOKEN is read."""
    db = tmp_path / "c.db"
    Store.open(db).close()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": SOURCE, "PURPORTEDLY_TOKEN": TOKEN if how == "environment" else ""}
    args = ["serve", "--db", str(db), "--port", str(port)] + (["--token", "auto"] if how == "auto" else [])
    server = subprocess.Popen(
        [sys.executable, "-m", "purportedly.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        token = TOKEN
        if how == "auto":
            line = server.stdout.readline().decode()
            match = re.search(r"access token \(shown once; keep it\): (\S+)", line)
            assert match, line
            token = match.group(1)
            assert len(token) >= MIN_TOKEN_CHARS
        url = f"http://127.0.0.1:{port}/api/search"
        deadline = time.monotonic() + 60
        while _get(f"http://127.0.0.1:{port}/api/health") != 200:
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert _get(url) == 401
        assert _get(url, **{"X-Purportedly-Token": token}) == 200
        assert _get(url, Host="attacker.example", **{"X-Purportedly-Token": token}) == 421
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    if how == "auto":
        assert output.count(token) == 0, "the token is printed once, at start only"
