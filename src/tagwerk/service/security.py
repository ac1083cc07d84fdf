"""The service's guards: the bearer token, security headers on every response, and a last
catch for unexpected exceptions that keeps the connection alive.

* :func:`token_matches` compares the token in constant time (HMAC-SHA256 digests compared with
  ``hmac.compare_digest``: neither the content nor the length of the token leaks by timing).
* :class:`SecurityHeadersMiddleware`: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  no-referrer``, ``X-Frame-Options: DENY`` and a Content-Security-Policy on every response: the
  page's (scripts and styles from the server's own ``/static`` only, no inline script) on HTML
  and ``default-src 'none'`` on everything else. ``/docs`` sets its own (Swagger UI draws with
  style attributes; its scripts come from this server too, see :mod:`tagwerk.service.docs`).
* CORS is off: no ``Access-Control-*`` header, so a page on another origin cannot read the API
  with a visitor's browser. :func:`cors_origins` turns it on for the origins a newsroom names in
  ``TAGWERK_CORS_ORIGINS`` (comma-separated), without credentials (the token is a header).
* :class:`CatchAllMiddleware`: an unexpected exception becomes the JSON 500 here, and is not
  raised on: Starlette's outermost error middleware re-raises every exception after its 500, and
  uvicorn then closes the keep-alive connection, so the client's next request failed (D7).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("tagwerk.service")

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""The editor's page: its script and style sheet come from ``/static``; no inline script, no
inline style attribute (the page sets widths through the CSSOM), nothing from elsewhere."""

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
"""JSON and every other non-page response: nothing in it may load or run anything."""

_KEY = os.urandom(32)


def cors_origins() -> list[str]:
    """The origins of ``TAGWERK_CORS_ORIGINS`` (none: CORS stays off)."""
    return [o.strip().rstrip("/") for o in os.environ.get("TAGWERK_CORS_ORIGINS", "").split(",") if o.strip()]


def token_matches(given: str, expected: str) -> bool:
    """Whether ``given`` is the token, in time that depends on neither (HMAC digests of both,
    compared with ``hmac.compare_digest``)."""
    a = hmac.new(_KEY, given.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    b = hmac.new(_KEY, expected.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    return hmac.compare_digest(a, b)


def bearer_token(header: str) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None for another scheme or none."""
    scheme, _, given = header.partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        return None
    return given


def _csp_for(path: str, headers: list[tuple[bytes, bytes]]) -> bytes | None:
    if any(name == b"content-security-policy" for name, _ in headers):
        return None  # the response set its own (the page)
    content_type = next((v for n, v in headers if n == b"content-type"), b"")
    return (PAGE_CSP if content_type.startswith(b"text/html") else API_CSP).encode()


class SecurityHeadersMiddleware:
    """Adds the security headers (see the module doc) to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(n, v) for n, v in message.get("headers", []) if n.lower() != b"server"]
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"x-frame-options", b"DENY"))
                csp = _csp_for(path, headers)
                if csp is not None:
                    headers.append((b"content-security-policy", csp))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class CatchAllMiddleware:
    """Answers an unexpected exception with the JSON 500 (logged with its traceback, never sent)
    and does not raise it on, so that the server keeps the connection (see the module doc)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:  # the response is half sent: only closing the connection ends it
                raise
            body = json.dumps({"error": "internal error; the server log has the details", "status": 500}).encode()
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
