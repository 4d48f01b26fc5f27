"""Response headers that keep the report's untrusted text inert and the app unframeable (issue #6).

Every response gets `X-Content-Type-Options: nosniff` and a Content-Security-Policy: scripts only
from this server plus the hashes of Dash's own inline scripts (its renderer start and the
clientside callbacks), styles inline too (plotly.js and AG Grid set styles at run time). Only
`/embed/` may be framed, by any site; every other page says `X-Frame-Options: DENY` and
`frame-ancestors 'none'`.
"""
from flask import Flask, request

FRAMEABLE = ("/embed/",)
# Dash's inline scripts are hashed once, after every page (and its clientside callbacks) is registered.
_hashes: list[str] = []


def policy(script_hashes: list[str], frameable: bool) -> str:
    """The Content-Security-Policy header value."""
    scripts = " ".join(["'self'", *script_hashes])  # Dash's hashes come quoted: 'sha256-…'
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
        "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        f"frame-ancestors {'*' if frameable else chr(39) + 'none' + chr(39)}",
    ])


def register(app) -> None:
    """Add the security headers to every response of the Dash app's Flask server."""
    server: Flask = app.server

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
