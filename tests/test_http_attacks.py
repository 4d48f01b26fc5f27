"""Hostile HTTP against a live gunicorn (gunicorn.conf.py, 1 worker): each attack of issue 12 gets a 4xx, one line, no traceback.

Every answer of the app, errors included, carries the security headers; gunicorn's own refusals
(414, 431, 400) carry none, which is why docs/SECURITY.md puts a reverse proxy in front. Bounds
in the docstrings are generous limits, not benchmarks. The last test kills kaleido's Chromium
under the worker and checks the 503 + Retry-After and the recovery.
"""

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from app_fixtures import BUILD, ROOT, require_browser, routing, shared_fixture
from store_tables import stored_table

from dashboard import images, refusals

pytestmark = pytest.mark.slow
PUBLIC = "https://stats.example.org"
INDICATOR = "art174_registered_cases"
HEADERS = ("X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Frame-Options")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """gunicorn serving app:server with gunicorn.conf.py on a free port; yields (port, master process)."""
    for name in ("home", "tmp"):
        (BUILD / name).mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "INDICATORS_DATA_DIR": str(shared_fixture(tmp_path_factory)),
        "PUBLIC_URL": PUBLIC,
        "HOME": str(BUILD / "home"),
        "TMPDIR": str(BUILD / "tmp"),
    }
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with open(log, "wb") as out:
        master = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/indicators.json", timeout=5).read()
                break
            except OSError:
                assert master.poll() is None and time.monotonic() < deadline, (
                    f"gunicorn did not start: {log.read_text()[-2000:]}"
                )
                time.sleep(0.2)
        yield port, master
    finally:
        workers = children(master.pid)
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)
        # Chromium closes with its worker; anything left of the process groups it led is ours to end.
        for pid in workers:
            for group in chromium_groups(pid):
                _kill_group(group)


def send(port: int, raw: bytes, timeout: float = 30) -> tuple[int, dict, bytes, float]:
    """Send raw bytes, read the whole answer: (status, headers, body, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # As a browser does: stop sending a body the server has already answered (a 413 before the end).
        for start in range(0, len(raw), 65536):
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(raw[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                break
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    elapsed = time.monotonic() - started
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, body, elapsed


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes, float]:
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    host = "" if "Host" in (headers or {}) else "Host: 127.0.0.1\r\n"
    return send(port, f"GET {path} HTTP/1.1\r\n{host}{extra}Connection: close\r\n\r\n".encode("latin-1"))


def post(port: int, body, raw: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes, float]:
    data = raw if raw is not None else json.dumps(body).encode()
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    host = "" if "Host" in (headers or {}) else "Host: 127.0.0.1\r\n"
    head = (
        f"POST /_dash-update-component HTTP/1.1\r\n{host}Content-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\n{extra}Connection: close\r\n\r\n"
    )
    return send(port, head.encode() + data)


def assert_clean_refusal(status, headers, body, expected: int):
    """The status, the security headers, one short line and no traceback."""
    assert status == expected, (status, body[:300])
    assert all(name in headers for name in HEADERS), headers
    assert b"Traceback" not in body and b'File "' not in body
    if headers.get("Content-Type", "").startswith("application/json"):
        assert body.count(b"\n") <= 1 and len(json.loads(body)["error"]) < 300


# --- paths ---


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/..",
        "/_dash-component-suites/dash/../",
        "/%00",
        "/....//",
        "/....//etc/passwd",
        "/_dash-component-suites/nope/x.js",
        "/api",
        "/api/",
        "/api/nope",
        "/api/indicators/nope.csv",
        "/api/indicators/art174_registered_cases.csv/x",
    ],
)
def test_strange_paths_are_404_not_500(live, path):
    """A path that names nothing is a 404 with the headers, never a 500; answered within 5 s."""
    status, headers, body, elapsed = get(live[0], path)
    assert_clean_refusal(status, headers, body, 404)
    assert elapsed < 5


@pytest.mark.parametrize("path", ["/indicators/nope", "/nope", "/report/x", "/indicators/%2e%2e%2fcatalog.json"])
def test_unknown_pages_are_a_real_404_with_the_normal_page(live, path):
    """The app's own page shell (its scripts, its not-found page with a link home) with status 404."""
    status, headers, body, _ = get(live[0], path)
    assert_clean_refusal(status, headers, body, 404)
    assert b'id="react-entry-point"' in body and b"_dash-config" in body


def test_known_pages_stay_200(live):
    for path in ("/", "/report", "/report/", "/claims", f"/indicators/{INDICATOR}?lang=en"):
        assert get(live[0], path)[0] == 200, path


# --- forged callbacks ---


def click(customdata=True, state=True) -> dict:
    point = {"customdata": [0]} if customdata else {"x": "2022"}
    return {
        "output": "indicator-panel.children",
        "outputs": {"id": "indicator-panel", "property": "children"},
        "inputs": [{"id": "indicator-graph", "property": "clickData", "value": {"points": [point]}}],
        "changedPropIds": ["indicator-graph.clickData"],
        "state": [
            {
                "id": "indicator-state",
                "property": "data",
                "value": {"indicator_id": INDICATOR, "lang": "fr"} if state else None,
            }
        ],
    }


def search(value) -> dict:
    return {
        "output": "catalogue-list.children",
        "outputs": {"id": "catalogue-list", "property": "children"},
        "inputs": [{"id": "catalogue-search", "property": "value", "value": value}],
        "changedPropIds": ["catalogue-search.value"],
        "state": [
            {"id": "catalogue-lang", "property": "data", "value": "fr"},
            {"id": "catalogue-report", "property": "data", "value": None},
        ],
    }


FORGED = {
    "empty object": {},
    "list": [],
    "null": None,
    "number where text is expected": search(5),
    "null state": click(state=False),
    "click without customdata": click(customdata=False),
    "output that does not exist": {**routing("/"), "output": "nope.children"},
    "clientside callback": {**routing("/"), "output": "report-scrolled.data"},
    "input of another callback": {**search("x"), "inputs": [{"id": "claims-text", "property": "value", "value": "x"}]},
    "missing state": {**click(), "state": []},
    "deep nesting": search(json.loads("[" * 40 + '"x"' + "]" * 40)),
    "long text": search("x" * (refusals.MAX_TEXT + 1)),
}


@pytest.mark.parametrize("name", FORGED)
def test_forged_callbacks_are_400(live, name):
    """A forged callback body is a 400 with one JSON line and the headers; within 5 s."""
    status, headers, body, elapsed = post(live[0], FORGED[name])
    assert_clean_refusal(status, headers, body, 400)
    assert elapsed < 5


@pytest.mark.parametrize("raw", [b"not json", b"[" * 50_000, b'{"output": '])
def test_callback_bodies_that_are_not_json_are_400(live, raw):
    assert_clean_refusal(*post(live[0], None, raw=raw)[:3], 400)


def test_a_real_click_still_works(live, tmp_path_factory):

    rows = stored_table(shared_fixture(tmp_path_factory), "observations")
    body = click()
    body["inputs"][0]["value"]["points"][0]["customdata"] = [int(rows[rows.indicator_id == INDICATOR].position.iloc[0])]
    status, _, answer, _ = post(live[0], body)
    assert status == 200 and b"indicator-panel" in answer and b"156" in answer


# --- sizes ---


def test_a_100_mb_body_is_refused_before_it_is_sent(live):
    """413 from the declared length alone: only 100 bytes of the 100 MB are sent, the answer comes within 5 s."""
    head = (
        b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000000\r\n\r\n"
    )
    status, headers, body, elapsed = send(live[0], head + b'{"output": "' + b"x" * 88, timeout=10)
    assert_clean_refusal(status, headers, body, 413)
    assert elapsed < 5


def test_a_10_mb_routing_search_does_not_hold_the_worker(live):
    """A 10 MB search in a routing body is a 413 within 5 s; the worker answers the next request at once."""
    status, headers, body, elapsed = post(live[0], routing("/", "?q=" + "a" * 10_000_000))
    assert_clean_refusal(status, headers, body, 413)
    assert elapsed < 5
    assert get(live[0], "/api/indicators.json")[0] == 200


def test_a_routing_search_longer_than_a_url_is_400(live):
    status, headers, body, _ = post(live[0], routing("/", "?q=" + "a" * 9000))
    assert_clean_refusal(status, headers, body, 400)
    assert b"characters" in body


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"GET /?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(60)) + b"\r\n", 431),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
        (b"GARBAGE\r\n\r\n", 400),
    ],
)
def test_gunicorn_refuses_oversized_request_lines_and_headers(live, raw, expected):
    """gunicorn's limits of gunicorn.conf.py; these answers are gunicorn's own, without the app's headers (the proxy adds them)."""
    status, headers, body, elapsed = send(live[0], raw)
    assert status == expected and b"Traceback" not in body and elapsed < 5
    assert "Content-Security-Policy" not in headers  # documented in docs/SECURITY.md: the reverse proxy adds them


# --- Host ---


def test_a_forged_host_never_reaches_links_or_the_embed_code(live):
    """Host: evil.example is ignored: the embed code, the page's meta tags and the embed's links use PUBLIC_URL or are relative."""
    evil = {"Host": "evil.example"}
    status, _, shell, _ = get(live[0], f"/indicators/{INDICATOR}", evil)
    assert status == 200 and b"evil.example" not in shell and PUBLIC.encode() in shell
    status, _, view, _ = post(
        live[0], routing(f"/indicators/{INDICATOR}"), headers={**evil, "X-Forwarded-Host": "evil.example"}
    )
    assert status == 200 and b"evil.example" not in view
    assert any(text.startswith(f'<iframe src="{PUBLIC}/embed/{INDICATOR}') for text in strings(json.loads(view)))
    status, _, embed_page, _ = get(live[0], f"/embed/{INDICATOR}", evil)
    assert status == 200 and b"evil.example" not in embed_page and b'href="/report' in embed_page


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- the image renderer ---


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is `pid` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def chromium_groups(worker: int) -> list[int]:
    """The process groups kaleido started under a worker (each led by its wrapper of Chromium)."""
    return [pid for pid in children(worker) if "chromium" in command(pid)]


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


def png(port: int, width: int) -> tuple[int, dict, bytes, float]:
    return get(port, f"/api/indicators/{INDICATOR}.png?width={width}&height=400")


@pytest.mark.browser
def test_killing_chromium_gives_a_quick_503_then_recovers(live):
    """Chromium killed under the worker: the next image is a 503 with Retry-After within 1 s, images work again within 30 s
    of it, and the worker is never killed by gunicorn's timeout."""
    require_browser()
    port, master = live
    assert png(port, 601)[0] == 200  # starts the worker's Chromium (about 3 s)
    (worker,) = children(master.pid)
    (wrapper,) = chromium_groups(worker)
    browser = [pid for pid in children(wrapper) if "chromium" in command(pid)]
    assert browser, "kaleido's Chromium runs under its wrapper"
    os.kill(browser[0], signal.SIGKILL)
    time.sleep(0.3)  # the wrapper notices its Chromium is gone and exits
    status, headers, body, elapsed = png(port, 602)
    assert_clean_refusal(status, headers, body, 503)
    assert elapsed < 1 and int(headers["Retry-After"]) == images.RETRY_AFTER
    deadline = time.monotonic() + 30
    while (status := png(port, 603)[0]) != 200 and time.monotonic() < deadline:
        assert status == 503
        time.sleep(0.5)
    assert status == 200, "images did not come back within 30 s"
    assert children(master.pid) == [worker], "the worker was replaced: a request hung until gunicorn's timeout"
