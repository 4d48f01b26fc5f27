"""A fast first load and cheap repeat views (issue 11), over real HTTP: compression, cache lifetimes, bundles on demand, kept views.

Times are measured in bench/ (docs/PERFORMANCE.md), never asserted here.
"""

import gzip
import http.client
import json
import re

import brotli
import pytest
from app_fixtures import app_reading, plain_copy, routing, serving, shared_fixture
from store_tables import stored_catalog

from dashboard import cache, plotly_basic, transfer

BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app, serving(app.server) as port:
        yield port


def fetch(port: int, path: str, encoding: str = BROWSER_ENCODINGS, body: dict | None = None):
    """(status, headers, raw body as sent on the wire) of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Accept-Encoding": encoding}
    if body is not None:
        headers["Content-Type"] = "application/json"
    connection.request(
        "POST" if body is not None else "GET",
        path,
        body=json.dumps(body) if body is not None else None,
        headers=headers,
    )
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, raw


def decoded(headers: dict, raw: bytes) -> bytes:
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[headers.get("content-encoding")](raw)


def page_scripts(port: int) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', fetch(port, "/", "identity")[2].decode("utf-8"))


def test_scripts_and_styles_are_compressed_and_kept_a_year(port):
    shell = fetch(port, "/", "identity")[2].decode("utf-8")
    style = re.search(r'href="(/assets/style\.css\?m=[^"]+)"', shell).group(1)
    for path in [*page_scripts(port)[:4], style]:
        plain = fetch(port, path, "identity")
        for encoding in ("br", "gzip"):
            status, headers, raw = fetch(port, path, encoding)
            assert status == 200 and headers["content-encoding"] == encoding, path
            assert decoded(headers, raw) == plain[2], f"{path} does not decompress to the file"
            assert headers["cache-control"] == "public, max-age=31536000, immutable", path
            assert "Accept-Encoding" in headers["vary"]
        assert len(fetch(port, path, "br")[2]) < len(plain[2]) * 0.6 or len(plain[2]) < 2000, path


def test_pages_and_answers_are_compressed_but_not_kept(port):
    status, headers, _ = fetch(port, "/indicators/art174_registered_cases")
    assert status == 200 and headers["content-encoding"] == "br" and "immutable" not in headers.get("cache-control", "")
    status, headers, raw = fetch(port, "/api/indicators.json", "gzip")
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["cache-control"] == "no-cache"
    assert json.loads(gzip.decompress(raw))
    # An unversioned file is revalidated, not kept for a year.
    assert "immutable" not in fetch(port, "/assets/style.css")[1].get("cache-control", "")


def test_the_grid_bundle_loads_only_with_a_grid(port):
    assert not [s for s in page_scripts(port) if "dash_ag_grid" in s], "AG Grid's 1.3 MB bundle is in every page shell"
    claims = json.loads(decoded(*fetch(port, "/_dash-update-component", body=routing("/claims"))[1:]))
    bundles = [entry["url"] for entry in claims["dist"]]
    assert len(bundles) == 1 and "/dash_ag_grid/dash_ag_grid.v" in bundles[0]
    status, headers, raw = fetch(port, bundles[0])
    assert status == 200 and headers["cache-control"].endswith("immutable") and len(decoded(headers, raw)) > 1_000_000
    indicator = json.loads(
        decoded(*fetch(port, "/_dash-update-component", body=routing("/indicators/art174_registered_cases"))[1:])
    )
    assert "dist" not in indicator


def test_a_repeated_view_is_the_same_answer_built_once(port, monkeypatch):
    from pages import indicator

    built = []
    layout = indicator.layout
    monkeypatch.setattr(cache, "answers", cache.Answers())
    page = next(p for p in __import__("dash").page_registry.values() if p["module"] == "pages.indicator")
    monkeypatch.setitem(page, "layout", lambda **kw: built.append(kw) or layout(**kw))
    view = routing("/indicators/art174_cases_tried_and_convicted", "?tab=table&lang=en")
    first, second = fetch(port, "/_dash-update-component", body=view), fetch(port, "/_dash-update-component", body=view)
    assert first[0] == second[0] == 200 and first[2] == second[2] and len(built) == 1
    # Another view, language or encoding is another answer.
    french = fetch(
        port, "/_dash-update-component", body=routing("/indicators/art174_cases_tried_and_convicted", "?tab=table")
    )
    plain = fetch(port, "/_dash-update-component", "identity", body=view)
    assert (
        len(built) == 3 and decoded(*french[1:]) != decoded(*first[1:]) and decoded(*plain[1:]) == decoded(*first[1:])
    )
    assert len(cache.answers) == 3


def test_kept_views_are_dropped_when_the_data_is_rebuilt(tmp_path_factory, tmp_path):
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    view = routing("/indicators/art174_registered_cases", "?lang=en")
    with app_reading(folder) as app:
        client = app.server.test_client()
        before = client.post("/_dash-update-component", json=view).get_json()
        catalog = stored_catalog(folder)
        entry = next(e for e in catalog if e["indicator_id"] == "art174_registered_cases")
        entry["title_en"] = "A title after the rebuild"
        (folder / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
        after = client.post("/_dash-update-component", json=view).get_json()
    assert "A title after the rebuild" not in json.dumps(before) and "A title after the rebuild" in json.dumps(after)


def test_nothing_of_the_requester_is_kept(tmp_path_factory, monkeypatch):
    """An answer that sets a cookie is never kept; the key is the callback's inputs, the data version and the encoding only."""
    from flask import Response, g

    monkeypatch.setattr(cache, "answers", cache.Answers())
    with (
        app_reading(shared_fixture(tmp_path_factory)) as app,
        app.server.test_request_context("/_dash-update-component"),
    ):
        g.answer_key, g.answer_version = ("v1", "br", "x"), "v1"
        with_cookie = Response(b"{}")
        with_cookie.set_cookie("session", "someone")
        cache._keep(with_cookie)
        assert len(cache.answers) == 0
        cache._keep(Response(b"{}"))
        assert len(cache.answers) == 1
    answers = cache.Answers(max_entries=2)
    key = cache.answer_key(routing("/"), "v1", "br")
    assert key == cache.answer_key({**routing("/"), "changedPropIds": ["_pages_location.search"]}, "v1", "br")
    assert key != cache.answer_key(routing("/", "?lang=en"), "v1", "br") != cache.answer_key(routing("/"), "v2", "br")
    assert cache.answer_key({**routing("/"), "output": "catalogue-list.children"}, "v1", "br") is None
    for n in range(3):
        answers.put(("v1", n), "v1", (b"x", "application/json", None))
    assert len(answers) == 2 and answers.get(("v1", 0)) is None
    answers.put(("v2", 0), "v2", (b"y", "application/json", None))
    assert len(answers) == 1, "a new data version empties the store"


def test_the_switch_turns_the_speedups_off(monkeypatch):
    monkeypatch.setenv("APP_SPEEDUPS", "off")
    assert not transfer.enabled()
    monkeypatch.setenv("APP_SPEEDUPS", "on")
    assert transfer.enabled()


def test_chart_pages_get_plotly_basic_bundle_preloaded(port):
    status, headers, raw = fetch(port, transfer.PLOTLY_URL, "identity")
    assert status == 200 and raw.startswith(b"/**\n* plotly.js (basic - minified) v" + plotly_basic.VERSION.encode())
    assert (
        headers["cache-control"] == "no-cache" and fetch(port, transfer.PLOTLY_URL, "br")[1]["content-encoding"] == "br"
    )
    assert preloads(port, "/indicators/art174_registered_cases") == [transfer.PLOTLY_URL, transfer.GRAPH_CHUNK]
    assert "link" not in fetch(port, "/")[1] and "link" not in fetch(port, "/indicators/nope")[1]


def preloads(port: int, path: str) -> list[str]:
    """The files a page's shell asks the browser to fetch at once (its Link: rel=preload headers)."""
    link = fetch(port, path)[1].get("link", "")
    found = re.findall(r"<([^>]+)>; rel=preload; as=script", link)
    assert len(found) == link.count("rel=preload"), link
    return found


def test_the_claims_shell_preloads_the_grid_and_its_chunks(port):
    """/claims asks for AG Grid's bundle and the lazy chunks its grid and lists fetch when drawn, each served as it is
    asked for later (the grid's bundle from the address the first callback answer names)."""
    claims = json.loads(decoded(*fetch(port, "/_dash-update-component", body=routing("/claims"))[1:]))
    wanted = preloads(port, "/claims")
    assert wanted == [claims["dist"][0]["url"], transfer.GRID_CHUNK, transfer.DROPDOWN_CHUNK]
    for url in wanted:
        status, _, raw = fetch(port, url, "identity")
        assert status == 200 and len(raw) > 10_000, url
    assert "link" not in fetch(port, "/checks")[1]


def test_the_shell_leaves_babels_polyfill_out_but_gives_what_dash_needs_of_it(port):
    """Dash's scripts need only `regeneratorRuntime` of Babel's polyfill (its lazy components are async functions)."""
    scripts = page_scripts(port)
    assert not [s for s in scripts if "polyfill" in s]
    runtime = [s for s in scripts if "regenerator-runtime" in s]
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    assert len(runtime) == 1 and scripts.index(runtime[0]) < renderer
    assert b"regeneratorRuntime = runtime" in fetch(port, runtime[0], "identity")[2]


def test_the_basic_bundle_is_the_version_plotly_ships_and_draws_every_chart(tmp_path_factory):
    """A chart whose traces the basic bundle lacks would be drawn blank: every indicator's figure, in both languages."""
    from plotly.offline import get_plotlyjs_version

    from dashboard import charts, data

    assert get_plotlyjs_version() == plotly_basic.VERSION, "update dashboard/static/plotly-basic.min.js with plotly"
    with app_reading(shared_fixture(tmp_path_factory)):
        dataset = data.load()
        kinds = {
            trace.type
            for entry in dataset.catalogue_entries()
            for lang in ("fr", "en")
            for trace in charts.chart_parts(dataset, entry.indicator_id, {}, lang).figure.data
        }
    assert kinds and kinds <= set(plotly_basic.TRACES), kinds
