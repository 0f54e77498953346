"""Access token, login cookie and the security headers every response carries."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "purportedly_session"
TOKEN_HEADER = "x-purportedly-token"
MAX_LOGIN_BODY = 4096
MIN_TOKEN_CHARS = 16  # guessable below this, even with a compare in constant time
# the largest request: a 300,000-character paste, every character \uXXXX-escaped, and room to spare
MAX_BODY_BYTES = 2 * 1024 * 1024
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", "[::]", ""})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

# Article text is untrusted: the pages never run inline code and load nothing from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Reachable without a token: the login page and what it needs to render.
PUBLIC_PATHS = frozenset({
    "/login", "/api/health",
    "/static/app.css", "/static/login.css", "/static/login.js", "/static/favicon.svg",
})


class TokenRequired(ValueError):
    """Serving on a non-loopback address without an access token."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to expose the workspace beyond this machine without a token, or with a short one."""
    if not is_loopback(host) and not token:
        raise TokenRequired(
            f"refusing to serve on {host} without an access token: pass --token (or bind 127.0.0.1)"
        )
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise TokenRequired(
            f"the access token is too short ({len(token)} characters; at least {MIN_TOKEN_CHARS}):"
            " pass --token auto to have one made"
        )


def allowed_hosts(bind: str | None, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """Host header values the server answers to, or None for any.

    Why: a page on attacker.example can make its own name resolve to 127.0.0.1 (DNS rebinding)
    and then read a token-less loopback server as same-origin; its requests still say
    ``Host: attacker.example``. So a server bound to one address answers only to that address
    (and, on loopback, to localhost), plus names given with ``--allowed-host``. A wildcard bind
    (0.0.0.0, ::) needs a token anyway; it checks names only when some are given.
    """
    names = {_bare_host(name) for name in extra if name.strip()}
    if bind is None or (bind.strip() in WILDCARD_BINDS and not names):
        return None
    if bind.strip() not in WILDCARD_BINDS:
        names.add(_bare_host(bind))
    if bind.strip() in WILDCARD_BINDS or is_loopback(bind):
        names.update(LOOPBACK_NAMES)
    return frozenset(names)


def _bare_host(value: str) -> str:
    """'Example.org:8000' → 'example.org', '[::1]:8000' → '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether announced (Content-Length)
    or streamed (chunked): nothing past the limit is ever buffered."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen, refused = 0, False

        async def bounded() -> Message:
            # past the limit: answer 413 ourselves and tell the app the client has gone
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                refused = True
                await self._refuse(scope, receive, send)
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refused:  # the app's own answer to a refused body is dropped
                await send(message)

        await self.app(scope, bounded, guarded)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"request body too large (the limit is {self.limit // (1024 * 1024)} MB)"
        response = JSONResponse({"detail": detail}, status_code=413, headers=SECURITY_HEADERS)
        await response(scope, receive, send)



def session_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the token itself never sits in a cookie."""
    return hmac.new(token.encode(), b"purportedly-session", hashlib.sha256).hexdigest()


def is_authorised(request: Request, token: str) -> bool:
    bearer = request.headers.get("authorization", "")
    from_bearer = bearer[7:] if bearer.lower().startswith("bearer ") else ""
    offered = request.headers.get(TOKEN_HEADER) or from_bearer
    if offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE_NAME, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def _refusal(request: Request) -> Response:
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json" or request.method != "GET":
        return JSONResponse({"detail": "access token required"}, status_code=401)
    wanted = path + (f"?{request.url.query}" if request.url.query else "")
    # the page asked for comes back after login (a deep link shared by a colleague)
    target = "/login" if path == "/" else f"/login?next={quote(wanted, safe='')}"
    return RedirectResponse(target, status_code=303)


def safe_next(value: str) -> str:
    """Where to go after login: a path on this server only (never //elsewhere or a scheme)."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value or any(c < " " for c in value):
        return "/"
    return value


def install_security(
    app: FastAPI, token: str | None, host: str | None = None, extra_hosts: Iterable[str] = ()
) -> None:
    """Add the headers middleware, the Host check (``host``: the bound address), the body limit,
    validation errors that never echo input, and, when a token is set, the token check and login."""
    hosts = allowed_hosts(host, extra_hosts)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # what was wrong and the limit, never the input itself (a 300,000-character paste)
        errors = [
            {"loc": list(error.get("loc", ())), "msg": error.get("msg", "invalid"), "type": error.get("type")}
            for error in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        if hosts is not None and _bare_host(request.headers.get("host", "")) not in hosts:
            response: Response = JSONResponse(
                {"detail": "unexpected Host header; serve with --allowed-host NAME to answer to that name"},
                status_code=421,
            )
        elif token and request.url.path not in PUBLIC_PATHS and not is_authorised(request, token):
            response = _refusal(request)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        body = (await request.body())[:MAX_LOGIN_BODY].decode("utf-8", "replace")
        form = parse_qs(body)
        offered = form.get("token", [""])[0]
        after = safe_next(form.get("next", ["/"])[0])
        if not token or not hmac.compare_digest(offered.encode(), token.encode()):
            again = "" if after == "/" else f"&next={quote(after, safe='')}"
            return RedirectResponse(f"/login?failed=1{again}", status_code=303)
        response = RedirectResponse(after, status_code=303)
        response.set_cookie(
            COOKIE_NAME, session_value(token), httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/",
        )
        return response
