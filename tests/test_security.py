"""Untrusted report text stays text, downloads cannot run formulas, URLs cannot reach files, headers (issue #6)."""

import csv
import http.client
import io
import zipfile

import pytest
from app_fixtures import HOSTILE, app_reading, hostile_fixture, serving, shared_fixture
from dash import dcc, html
from test_app_pages import by_id, text_of, walk


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    with app_reading(hostile_fixture(tmp_path_factory)) as app:
        yield app


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app behind a real HTTP server on 127.0.0.1 (paths reach it exactly as sent)."""
    with app_reading(shared_fixture(tmp_path_factory)) as app, serving(app.server) as port:
        yield port


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET `path` byte for byte (no client-side normalisation of '..' or %2F)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def no_markup_components(layout) -> bool:
    """No component that could render a string as HTML (Markdown, raw-HTML props, iframes)."""
    components = list(walk(layout))
    return not any(
        isinstance(c, (dcc.Markdown, html.Iframe)) or "dangerously_allow_html" in c.to_plotly_json()["props"]
        for c in components
    )


def test_reader_shows_script_in_a_paragraph_as_text(hostile):
    from pages import report

    report._report_body.memo.clear()
    layout = report.layout(lang="fr")
    assert HOSTILE in text_of(by_id(layout, "p156"))
    assert no_markup_components(layout)


@pytest.mark.parametrize("tab", ["chart", "table", "sources"])
def test_indicator_tabs_show_hostile_quotes_and_notes_as_text(hostile, tab):
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab=tab, lang="en")
    assert HOSTILE in text_of(layout)
    assert no_markup_components(layout)


def test_side_panel_shows_the_hostile_paragraph_as_text(hostile):
    from dashboard import data
    from pages import indicator

    rows = data.load().observations_of("art174_registered_cases")
    panel = indicator.show_point(
        {"points": [{"customdata": [int(rows.position.iloc[0])]}]},
        {"indicator_id": "art174_registered_cases", "lang": "fr"},
    )
    assert HOSTILE in text_of(panel) and no_markup_components(panel)


def test_claims_grid_renders_text_columns_as_text(hostile):
    from pages import claims

    columns = claims._columns("en")
    assert [c["field"] for c in columns if c.get("cellRenderer")] == ["link"], (
        "only the generated paragraph link is markdown"
    )
    rows, _, _ = claims.filter_claims([], [], [], [], [], 156, 156, "", "en")
    assert all(r["link"] == "[156](/report?lang=en#p156)" for r in rows)


def test_embed_escapes_hostile_notes(hostile):
    body = hostile.server.test_client().get("/embed/art174_registered_cases").data.decode("utf-8")
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;" in body


def test_claims_csv_neutralises_formulas_and_keeps_numbers(hostile):
    body = hostile.server.test_client().get("/api/claims.csv?from=156&to=156").data
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows and {r["subject"] for r in rows} == {'\'=HYPERLINK("http://x")'}
    assert all(r["sentence"] == HOSTILE for r in rows)
    assert all(float(r["value"]) == float(r["value"]) for r in rows if r["value"])  # numeric, not quoted


def test_package_csv_neutralises_formulas(hostile):
    archive = zipfile.ZipFile(io.BytesIO(hostile.server.test_client().get("/api/package.zip").data))
    text = archive.read("csv/claims.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators/..%2F..%2Fetc%2Fpasswd.csv",
        "/api/indicators/../../etc/passwd",
        "/api/indicators/%2e%2e%2f%2e%2e%2fcatalog.json",
        "/api/indicators/catalog.json",
        "/api/indicators/no_such_indicator.png",
        "/api/..%2Fdata%2Fprocessed%2Fcatalog.json",
        "/embed/..%2F..%2Fetc%2Fpasswd",
        "/embed/../../etc/passwd",
        "/embed-static/..%2F..%2Fapp.py",
        "/assets/..%2F..%2Fapp.py",
        "/assets/../app.py",
    ],
)
def test_paths_out_of_the_data_are_404_over_real_http(live_server, path):
    status, body = raw_get(live_server, path)
    assert status == 404, (path, status)
    assert (
        b"root:" not in body and b"Traceback" not in body and b"import dash" not in body and b"indicator_id" not in body
    )


def test_unknown_ids_are_404_with_the_flask_client(hostile):
    client = hostile.server.test_client()
    for path in ("/api/indicators/..%2F..%2Fetc%2Fpasswd.csv", "/api/indicators/nope.json", "/embed/nope"):
        response = client.get(path)
        assert response.status_code == 404 and b"Traceback" not in response.data


def test_headers_forbid_sniffing_and_framing_except_for_embeds(hostile):
    client = hostile.server.test_client()
    for path in ("/", "/api/indicators.json", "/indicators/art174_registered_cases", "/_dash-layout"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
    embed = client.get("/embed/art174_registered_cases")
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert embed.headers["X-Content-Type-Options"] == "nosniff"


def test_csp_allows_only_own_scripts_and_dash_inline_hashes(hostile):
    policy = hostile.server.test_client().get("/").headers["Content-Security-Policy"]
    scripts = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert all(h.startswith("'sha256-") and h in scripts for h in hostile.app.csp_hashes())


def test_debug_off_and_localhost_by_default(hostile, monkeypatch):
    calls = []
    monkeypatch.delenv("APP_HOST", raising=False)
    monkeypatch.delenv("APP_PORT", raising=False)
    monkeypatch.setattr(hostile.app, "run", lambda **kwargs: calls.append(kwargs))
    hostile.main()
    assert calls == [{"host": "127.0.0.1", "port": 8050, "debug": False}]


SECURITY_HEADERS = ("X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Frame-Options")


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("GET", "/indicators/nope", 404),
        ("GET", "/api/nope", 404),
        ("DELETE", "/", 405),
        ("POST", "/_dash-update-component", 400),
        ("GET", "/_dash-component-suites/dash/..", 404),
    ],
)
def test_error_answers_carry_the_security_headers(hostile, method, path, status):
    response = hostile.server.test_client().open(path, method=method, json={} if method == "POST" else None)
    assert response.status_code == status
    assert all(name in response.headers for name in SECURITY_HEADERS), (path, dict(response.headers))


def test_an_unexpected_error_is_one_line_without_traceback(hostile, monkeypatch):
    from dashboard import exports, suggested

    def broken(*args, **kwargs):
        raise RuntimeError("a bug with a secret path /srv/app/x.py")

    monkeypatch.setattr(exports, "indicator_json", broken)
    response = hostile.server.test_client().get("/api/indicators/art174_registered_cases.json")
    assert response.status_code == 500 and all(name in response.headers for name in SECURITY_HEADERS)
    assert b"Traceback" not in response.data and b"/srv/app" not in response.data and response.data.count(b"\n") <= 1
    # a callback's own bug (not an error on the values it was sent) stays a 500, not a 400
    monkeypatch.setattr(suggested, "catalogue", broken)
    body = {
        "output": "catalogue-list.children",
        "outputs": {"id": "catalogue-list", "property": "children"},
        "inputs": [{"id": "catalogue-search", "property": "value", "value": "174"}],
        "changedPropIds": ["catalogue-search.value"],
        "state": [
            {"id": "catalogue-lang", "property": "data", "value": "fr"},
            {"id": "catalogue-report", "property": "data", "value": None},
        ],
    }
    response = hostile.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 500 and b"Traceback" not in response.data and b"/srv/app" not in response.data


@pytest.mark.parametrize(
    "configured, host, expected",
    [
        ("https://stats.example.org/", None, "https://stats.example.org"),
        ("", "0.0.0.0", "http://127.0.0.1:8050"),
        ("", None, "http://127.0.0.1:8050"),
    ],
)
def test_the_public_url_comes_from_configuration_never_the_request(monkeypatch, configured, host, expected):
    from dashboard import security

    monkeypatch.setenv("PUBLIC_URL", configured)
    monkeypatch.delenv("APP_PORT", raising=False)
    if host:
        monkeypatch.setenv("APP_HOST", host)
    else:
        monkeypatch.delenv("APP_HOST", raising=False)
    assert security.public_url() == expected
