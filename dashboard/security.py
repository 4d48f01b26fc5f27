"""What every answer carries and what every request may be: security headers, size limits, the public address.

Every response — pages, /api, assets, errors included — gets `X-Content-Type-Options: nosniff`,
`Referrer-Policy: same-origin` and a Content-Security-Policy: scripts only from this server plus
the hashes of Dash's own inline scripts (its renderer start and the clientside callbacks), styles
inline too (plotly.js and AG Grid set styles at run time). Only `/embed/` may be framed, by any
site; every other answer says `X-Frame-Options: DENY` and `frame-ancestors 'none'`.

A request body over MAX_REQUEST_BYTES is refused with 413 before it is read. The address the app
is reached at comes from PUBLIC_URL (docs/SECURITY.md), never from the request's Host header:
a forged `Host: evil.example` once ended up in the embed code.
"""

import logging
import os
from urllib.parse import urlsplit

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

FRAMEABLE = ("/embed/",)
# The largest callback body the pages send is about 3 KB (the claims filters); 128 KiB leaves room.
MAX_REQUEST_BYTES = 128 * 1024
# Dash's inline scripts are hashed once, after every page (and its clientside callbacks) is registered.
_hashes: list[str] = []
_log = logging.getLogger(__name__)


def public_url() -> str:
    """The address readers reach the app at, without a trailing slash: $PUBLIC_URL, else what `make run` serves."""
    configured = os.environ.get("PUBLIC_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    host = os.environ.get("APP_HOST", "127.0.0.1")
    host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host  # noqa: S104 an address to listen on, not one to link to
    return f"http://{host}:{os.environ.get('APP_PORT', '8050')}"


class FixedHost:
    """WSGI middleware: the request's host and scheme are the public URL's, whatever Host the client sent.

    Flask, Dash (its page meta tags) and every link built from the request then name the configured
    address; a reverse proxy needs no X-Forwarded-* headers to be trusted.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        address = urlsplit(public_url())
        environ["HTTP_HOST"] = address.netloc
        environ["wsgi.url_scheme"] = address.scheme or "http"
        environ["SERVER_NAME"] = address.hostname or "127.0.0.1"
        environ["SERVER_PORT"] = str(address.port or (443 if address.scheme == "https" else 80))
        return self.wsgi_app(environ, start_response)


def policy(script_hashes: list[str], frameable: bool) -> str:
    """The Content-Security-Policy header value."""
    scripts = " ".join(["'self'", *script_hashes])  # Dash's hashes come quoted: 'sha256-…'
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {'*' if frameable else chr(39) + 'none' + chr(39)}",
        ]
    )


def register(app) -> None:
    """Headers on every response, the body size limit, the fixed host and error answers without tracebacks."""
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.wsgi_app = FixedHost(server.wsgi_app)  # type: ignore[method-assign]
    server.before_request(_refuse_large_bodies)
    server.register_error_handler(RequestEntityTooLarge, _too_large)
    server.register_error_handler(Exception, server_error)

    @server.after_request
    def secure_headers(response):
        if not _hashes:
            _hashes.extend(app.csp_hashes())
        frameable = request.path.startswith(FRAMEABLE)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = policy(_hashes, frameable)
        response.headers["Referrer-Policy"] = "same-origin"
        if not frameable:
            response.headers["X-Frame-Options"] = "DENY"
        return response


def _refuse_large_bodies():
    """413 from the declared length alone: the body is never read, so a 100 MB POST holds no worker."""
    if request.content_length is not None and request.content_length > MAX_REQUEST_BYTES:
        raise RequestEntityTooLarge()
    return


def _too_large(error):
    return jsonify({"error": f"request body over {MAX_REQUEST_BYTES // 1024} KiB: refused"}), 413


def unreadable_body(error: Exception) -> bool:
    """An error the server raised while reading the request's body (a malformed chunked encoding, a body cut short)."""
    return type(error).__module__.startswith("gunicorn.http") or isinstance(error, EOFError)


def server_error(error):
    """An unexpected error: one line for the client, the traceback only in the server's log."""
    if isinstance(error, HTTPException):
        return error
    if unreadable_body(error):
        _log.warning("malformed request body on %s %s: %s", request.method, request.path, type(error).__name__)
        return jsonify({"error": "malformed request body (its chunked encoding or length is wrong): refused"}), 400
    _log.exception("unexpected error on %s %s", request.method, request.path)
    return jsonify({"error": "internal error: the server could not answer this request (see the server log)"}), 500
