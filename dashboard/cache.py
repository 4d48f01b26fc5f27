"""Remembered answers of pure callbacks: a page view built once per (what was asked, data version, encoding).

Every view of an indicator page re-built the same figure, table and text: 22-59 views a second
under load. The page-routing callback (`_pages_location` -> `_pages_content`) is pure:
its answer depends only on the URL it is sent (path and query: indicator, tab, sort, dimension
choice, language) and on the data. So its answers are kept, keyed by the callback's inputs and
state, the data version, the public address and the client's Accept-Encoding, and replayed byte
for byte (already compressed). Nothing of the requester is in the key or the answer: no cookie or header reaches the
pages' layouts (links come from PUBLIC_URL, not Host), and an answer that sets a cookie is never
kept. Bounded in entries and bytes; a new data version empties it (`dashboard/memo.py`, as every kept answer).
"""

import hashlib
import json
from typing import Any

from flask import Flask, Response, g, request

from dashboard import data, security, transfer
from dashboard.memo import Memo

CALLBACK_ENDPOINT = "/_dash-update-component"
# The outputs of callbacks whose answer depends only on their inputs, their state and the data.
PURE_OUTPUTS = (".._pages_content.children..._pages_store.data..",)
MAX_ENTRIES, MAX_BYTES = 512, 64 * 1024 * 1024  # per worker; an indicator view is 5-60 KB compressed
# What is kept of an answer: its body, content type and content encoding.
Answer = tuple[bytes, str | None, str | None]


class Answers:
    """The kept answers: key -> (body, content type, content encoding), bounded in entries and bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._memo = Memo("dashboard.cache.answers", max_entries, max_bytes, weigh=lambda answer: len(answer[0]))

    def get(self, key: tuple[str, ...]) -> Answer | None:
        found: Answer | None = self._memo.get(key)
        return found

    def put(self, key: tuple[str, ...], version: str, value: Answer) -> None:
        """Keep an answer; a new data version first empties the store (every kept answer is stale)."""
        self._memo.put(key, value, version)

    def clear(self) -> None:
        self._memo.clear()

    def __len__(self) -> int:
        return len(self._memo)


answers = Answers()


def register(app: Any) -> None:
    """Replay kept answers of pure callbacks, and keep new ones (nothing when APP_SPEEDUPS=off)."""
    if not transfer.enabled():
        return
    server: Flask = app.server
    server.before_request(_replay)
    # Registered before flask-compress (transfer.register), so it runs after it and keeps compressed bytes.
    server.after_request(_keep)


def answer_key(body: Any, version: str, encoding: str) -> tuple[str, ...] | None:
    """The key of a callback request's answer, or None when its callback is not pure."""
    if not isinstance(body, dict) or body.get("output") not in PURE_OUTPUTS:
        return None
    asked = json.dumps([body["output"], body.get("inputs"), body.get("state")], sort_keys=True, separators=(",", ":"))
    # The public address is in the embed code: constant in a deployment, not across the test suite's servers.
    return version, encoding, security.public_url(), hashlib.sha256(asked.encode("utf-8")).hexdigest()


def _replay() -> Response | None:
    if request.endpoint != CALLBACK_ENDPOINT:
        return None
    try:
        version = data.load().version
    except data.DataUnavailable:
        return None  # the pages say how to build the data; nothing to keep meanwhile
    # The body was checked by dashboard/refusals.py, which runs first.
    key = answer_key(request.get_json(silent=True), version, request.headers.get("Accept-Encoding", ""))
    if key is None:
        return None
    g.answer_key, g.answer_version = key, version
    found = answers.get(key)
    if found is None:
        return None
    body, content_type, encoding = found
    response = Response(body, content_type=content_type)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    g.answer_replayed = True
    return response


def _keep(response: Response) -> Response:
    key = g.get("answer_key")
    if key is None or g.get("answer_replayed") or response.status_code != 200 or response.direct_passthrough:
        return response
    if "Set-Cookie" in response.headers:
        return response
    answers.put(
        key, g.answer_version, (response.get_data(), response.content_type, response.headers.get("Content-Encoding"))
    )
    return response
