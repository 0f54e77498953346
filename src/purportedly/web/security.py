"""Access token, login cookie and the security headers every response carries."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

COOKIE_NAME = "purportedly_session"
TOKEN_HEADER = "x-purportedly-token"
MAX_LOGIN_BODY = 4096

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
    """Refuse to expose the workspace beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise TokenRequired(
            f"refusing to serve on {host} without an access token: pass --token (or bind 127.0.0.1)"
        )


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
    return RedirectResponse("/login", status_code=303)


def install_security(app: FastAPI, token: str | None) -> None:
    """Add the headers middleware and, when a token is set, the token check and login routes."""

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        if token and request.url.path not in PUBLIC_PATHS and not is_authorised(request, token):
            response = _refusal(request)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        body = (await request.body())[:MAX_LOGIN_BODY].decode("utf-8", "replace")
        offered = parse_qs(body).get("token", [""])[0]
        if not token or not hmac.compare_digest(offered.encode(), token.encode()):
            return RedirectResponse("/login?failed=1", status_code=303)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE_NAME, session_value(token), httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/",
        )
        return response
