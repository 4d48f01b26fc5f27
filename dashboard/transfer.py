"""What a browser downloads: compressed answers, long cache lifetimes for fingerprinted files, heavy bundles only where used.

A cold indicator page fetched 7.4 MB of uncompressed JavaScript, AG Grid's 1.3 MB bundle included
though only /claims uses it. Here:
- answers are compressed with brotli or gzip (flask-compress), whatever the client accepts;
  compressed bytes of fingerprinted files are kept, so plotly.js (4.8 MB, 0.3 s to compress) is
  compressed once per worker;
- fingerprinted files (Dash's `…v4_4_1m….js` component suites, `/assets/…?m=…`, the favicon's
  `?v=`) are `Cache-Control: public, max-age=31536000, immutable`: a new version has a new name;
- AG Grid's bundle is left out of the page shell and sent with the first callback answer whose
  layout holds a grid (Dash's renderer loads a callback answer's `dist` before drawing it);
- the pages' graphs get plotly.js's basic bundle (scatter, bar and pie: every trace the charts draw,
  tests/test_speed.py checks it), 1.2 MB instead of 4.8 MB to parse, at the address Dash's graphs
  load plotly.js from; embeds load it from there too, and the images' Chromium from its file;
- a page's shell asks at once (Link: rel=preload) for what the page draws with on load (PRELOADS):
  plotly.js and dcc.Graph's chunk on chart pages, AG Grid's bundle and chunks on /claims, instead
  of one after another once Dash has drawn the page;
- Babel's polyfill (core-js 2, 99 KB) is left out of the shell: it tested and patched every built-in
  as each page started (0.1-0.2 s of the main thread in Chromium's profile), and Dash's scripts use
  only its `regeneratorRuntime` (their lazy components are compiled async functions), which
  assets/vendor/regenerator-runtime.js gives: regenerator-runtime 0.14.1 from npm, unchanged (MIT),
  the library the polyfill bundles for it.

`APP_SPEEDUPS=off` turns these off (and the response cache of dashboard/cache.py): the previous
code path, which bench/ measures against (the runtime's asset stays, beside the polyfill).
"""

import importlib
import json
import os

from dash.fingerprint import build_fingerprint, check_fingerprint
from flask import Flask, Response, request
from flask_compress import Compress

from dashboard.memo import Memo
from dashboard.plotly_basic import PATH as PLOTLY_BASIC

CALLBACK_ENDPOINT = "/_dash-update-component"
PAGE_ENDPOINTS = ("/", "/<path:path>")  # Dash's index and catch-all routes
# Where Dash's renderer fetches plotly.js from (window._dashPlotlyJSURL).
PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"
# Lazy parts of the component libraries, fetched by a component only once it is drawn (webpack chunks).
GRAPH_CHUNK = "/_dash-component-suites/dash/dcc/async-graph.js"
DROPDOWN_CHUNK = "/_dash-component-suites/dash/dcc/async-dropdown.js"
GRID_CHUNK = "/_dash-component-suites/dash_ag_grid/async-community.js"
# What a page draws on load beyond its shell, by path (a path ending in / is a prefix): asked for as the shell
# arrives (Link: rel=preload), not one after another once Dash has the page's layout (plotly.js 0.4-1 s after the
# start; on /claims the grid's bundle, then its chunk, then the rows: 0.3 s of downloads in a row). The bundles of
# ON_DEMAND libraries a page uses are named by their library.
PRELOADS: dict[str, tuple[str, ...]] = {
    "/indicators/": (PLOTLY_URL, GRAPH_CHUNK),
    "/compare": (PLOTLY_URL, GRAPH_CHUNK),
    "/claims": ("dash_ag_grid", GRID_CHUNK, DROPDOWN_CHUNK),
}
ONE_YEAR = 31_536_000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
# Component libraries whose scripts load only with a layout that uses them (the claims page's grid).
ON_DEMAND = ("dash_ag_grid",)
COMPRESSED_FILES_BYTES = 32 * 1024 * 1024  # per worker: every fingerprinted file, br and gzip, is about 8 MB


def enabled() -> bool:
    """False when APP_SPEEDUPS=off: no compression, no long cache lifetimes, no bundles on demand, no response cache."""
    return os.environ.get("APP_SPEEDUPS", "on").strip().lower() not in ("off", "0", "false", "no")


def register(app) -> None:
    """Compression, cache lifetimes and bundles on demand for the Dash app (nothing when switched off)."""
    if not enabled():
        return
    server: Flask = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],  # files sent from disk (assets, plotly.js of the embeds)
        COMPRESS_BR_LEVEL=4,  # brotli 4 is as small as gzip 6 and 3 times faster (measured on plotly.js)
        COMPRESS_CACHE_KEY=_compressed_file_key,
        COMPRESS_CACHE_BACKEND=CompressedFiles,
    )
    server.after_request(_cache_lifetime)
    without_polyfill()
    # A rule more specific than Dash's component-suite route, so it wins for this one URL.
    server.add_url_rule(PLOTLY_URL, "plotly_basic", plotly_basic)
    Compress(server)
    bundles = on_demand_bundles(app)
    preloads = {
        page: [url for name in files for url in ([e["url"] for e in bundles[name]] if name in bundles else [name])]
        for page, files in PRELOADS.items()
    }
    server.after_request(lambda response: _preload(response, preloads))
    # Registered after Compress, so it runs before it (Flask runs after_request functions last-in first-out).
    server.after_request(lambda response: _with_bundles(response, bundles))


def without_polyfill() -> None:
    """Take Babel's polyfill out of the page shell (assets/vendor/regenerator-runtime.js gives what Dash needs of it).

    Dash lists it first among the renderer's dependencies (React and the rest), in both modes and both sources."""
    from dash import _dash_renderer

    for dependency in _dash_renderer._js_dist_dependencies:
        for paths in (dependency.get("relative_package_path", {}), dependency.get("external_url", {})):
            for mode, files in paths.items():
                paths[mode] = [f for f in files if "polyfill" not in f]


def immutable(path: str, args) -> bool:
    """A URL whose content never changes: a fingerprinted component suite, an asset with ?m=, the favicon with ?v=."""
    if path.startswith("/_dash-component-suites/"):
        return check_fingerprint(path)[1]
    return (path.startswith("/assets/") and "m" in args) or (path == "/_favicon.ico" and "v" in args)


def _cache_lifetime(response):
    if request.method in ("GET", "HEAD") and response.status_code == 200 and immutable(request.path, request.args):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


def plotly_basic():
    """plotly.js's basic bundle for the pages' graphs, revalidated by its ETag like Dash's own unversioned files."""
    response = Response(_basic_bundle(), mimetype="text/javascript")
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


# The bundle's bytes, read once per worker (it changes only with a reinstall and a restart).
_bundle = Memo("dashboard.transfer.bundle", max_entries=1)


def _basic_bundle() -> bytes:
    return _bundle.get_or_make(str(PLOTLY_BASIC), PLOTLY_BASIC.read_bytes)


def preloaded(path: str, preloads: dict[str, list[str]]) -> list[str]:
    """The files the page at `path` draws with on load, to ask for with its shell."""
    return next(
        (files for page, files in preloads.items() if path == page or (page.endswith("/") and path.startswith(page))),
        [],
    )


def _preload(response, preloads: dict[str, list[str]]):
    """A page's shell asks at once for what the page draws with (Link: rel=preload), not after Dash has drawn it."""
    if request.endpoint in PAGE_ENDPOINTS and request.method == "GET" and response.status_code == 200:
        links = [f"<{url}>; rel=preload; as=script" for url in preloaded(request.path, preloads)]
        if links:
            response.headers["Link"] = ", ".join(links)
    return response


def _compressed_file_key(req) -> str:
    """The key of a response's compressed bytes: the URL of a file, '' (not kept) for anything else.

    Component suites come from installed packages, which change only with a reinstall and a restart:
    plotly.js, which Dash loads from an unversioned URL, is compressed once per worker too.
    """
    kept = immutable(req.path, req.args) or req.path.startswith("/_dash-component-suites/")
    return req.full_path if req.method == "GET" and kept else ""


class CompressedFiles:
    """flask-compress's cache: compressed fingerprinted files, bounded in bytes (a `dashboard.memo.Memo`); other
    keys are never kept."""

    def __init__(self) -> None:
        self._memo = Memo("dashboard.transfer.compressed", 10_000, COMPRESSED_FILES_BYTES, weigh=len)

    def get(self, key: str) -> bytes | None:
        found: bytes | None = self._memo.get(key)
        return found

    def set(self, key: str, value: bytes) -> None:
        # flask-compress keys are "<algorithm>;<our key>": an empty key of ours ends with ";".
        if not key.endswith(";"):
            self._memo.put(key, value)


def on_demand_bundles(app) -> dict[str, list[dict]]:
    """Take the main scripts of ON_DEMAND libraries out of the page shell; {library: [their dist entries]}."""
    bundles = {}
    for library in ON_DEMAND:
        module = importlib.import_module(library)
        entries = []
        for resource in getattr(module, "_js_dist", []):
            path = resource.get("relative_package_path", "")
            if path.endswith(".js") and not resource.get("async") and not resource.get("dynamic"):
                resource["dynamic"] = True  # still served, no longer in the page shell
                entries.append({"type": "_js_dist", "url": _suite_url(app, library, module, path)})
        bundles[library] = entries
    return bundles


def _suite_url(app, library: str, module, path: str) -> str:
    """The fingerprinted URL Dash serves a component library's file at."""
    modified = int(os.stat(os.path.join(os.path.dirname(module.__file__), path)).st_mtime)
    fingerprint = build_fingerprint(path, module.__version__, modified)
    return f"{app.config.requests_pathname_prefix}_dash-component-suites/{library}/{fingerprint}"


def _with_bundles(response, bundles: dict[str, list[dict]]):
    """A callback answer whose components come from an on-demand library names its scripts in `dist`."""
    if (
        request.endpoint != CALLBACK_ENDPOINT
        or response.status_code != 200
        or response.direct_passthrough
        or "Content-Encoding" in response.headers
    ):  # compressed: an answer replayed by dashboard/cache.py
        return response
    body = response.get_data()
    wanted = [library for library in bundles if library.encode() in body]
    if not wanted:
        return response
    answer = json.loads(body)
    used = _namespaces(answer.get("response"))
    dist = [
        entry
        for library in wanted
        if library in used
        for entry in bundles[library]
        if entry not in answer.get("dist", [])
    ]
    if dist:
        answer["dist"] = answer.get("dist", []) + dist
        response.set_data(json.dumps(answer, separators=(",", ":")))
    return response


def _namespaces(value) -> set[str]:
    """The component namespaces named anywhere in a callback answer."""
    found, stack = set(), [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("namespace"), str) and "props" in item:
                found.add(item["namespace"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
