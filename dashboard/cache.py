"""Remembered answers of pure callbacks: a page view built once per (what was asked, data version, encoding).

Every view of an indicator page re-built the same figure, table and text: 22-59 views a second
under load (issue 11). The page-routing callback (`_pages_location` -> `_pages_content`) is pure:
its answer depends only on the URL it is sent (path and query: indicator, tab, sort, dimension
choice, language) and on the data. So its answers are kept, keyed by the callback's inputs and
state, the data version, the public address and the client's Accept-Encoding, and replayed byte
for byte (already compressed). Nothing of the requester is in the key or the answer: no cookie or header reaches the
pages' layouts (links come from PUBLIC_URL, not Host), and an answer that sets a cookie is never
kept. Bounded in entries and bytes; a new data version empties it.
"""

import hashlib
import json
import threading
from collections import OrderedDict

from flask import Flask, Response, g, request

from dashboard import data, security, transfer

CALLBACK_ENDPOINT = "/_dash-update-component"
# The outputs of callbacks whose answer depends only on their inputs, their state and the data.
PURE_OUTPUTS = (".._pages_content.children..._pages_store.data..",)
MAX_ENTRIES, MAX_BYTES = 512, 64 * 1024 * 1024  # per worker; an indicator view is 5-60 KB compressed


class Answers:
    """A bounded least-recently-used store of answers: key -> (body, content type, content encoding)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict = OrderedDict()
        self._size = 0
        self._version = None
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, version: str, value: tuple) -> None:
        with self._lock:
            if version != self._version:  # the data was rebuilt: every kept answer is stale
                self._items.clear()
                self._size, self._version = 0, version
            if key in self._items:
                return
            self._items[key] = value
            self._size += len(value[0])
            while self._items and (len(self._items) > self.max_entries or self._size > self.max_bytes):
                self._size -= len(self._items.popitem(last=False)[1][0])

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size, self._version = 0, None

    def __len__(self) -> int:
        return len(self._items)


answers = Answers()


def register(app) -> None:
    """Replay kept answers of pure callbacks, and keep new ones (nothing when APP_SPEEDUPS=off)."""
    if not transfer.enabled():
        return
    server: Flask = app.server
    server.before_request(_replay)
    # Registered before flask-compress (transfer.register), so it runs after it and keeps compressed bytes.
    server.after_request(_keep)


def answer_key(body: dict, version: str, encoding: str) -> tuple | None:
    """The key of a callback request's answer, or None when its callback is not pure."""
    if not isinstance(body, dict) or body.get("output") not in PURE_OUTPUTS:
        return None
    asked = json.dumps([body["output"], body.get("inputs"), body.get("state")], sort_keys=True, separators=(",", ":"))
    # The public address is in the embed code: constant in a deployment, not across the test suite's servers.
    return version, encoding, security.public_url(), hashlib.sha256(asked.encode("utf-8")).hexdigest()


def _replay():
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


def _keep(response):
    key = g.get("answer_key")
    if key is None or g.get("answer_replayed") or response.status_code != 200 or response.direct_passthrough:
        return response
    if "Set-Cookie" in response.headers:
        return response
    answers.put(
        key, g.answer_version, (response.get_data(), response.content_type, response.headers.get("Content-Encoding"))
    )
    return response
