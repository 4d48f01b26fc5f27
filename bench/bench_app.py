"""Dashboard benchmark: callback latency in process, routes under gunicorn, page render in Chromium.

Reads the built data/processed/ (run `make data` first). Writes the `## Dashboard` section of
docs/PERFORMANCE.md and prints it. Never fails on time: targets are reported, not enforced.
Run: `.venv/bin/python bench/bench_app.py` (or `make bench`).
"""

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from app_fixtures import routing  # noqa: E402  (the Dash request body the tests send too)
from performance_doc import write_section  # noqa: E402  (bench/ is on the path when run as a script)

BUILD = ROOT / ".build"
RUNS = 60  # in-process repetitions per callback
HTTP_REQUESTS, HTTP_THREADS, HTTP_SECONDS = 200, 4, 15  # per route under gunicorn: a bounded loop
BROWSER_RUNS = 5
COLD_RUNS = 7  # cold loads of each code path, alternated
# Targets for a cold indicator page on this 2-core machine.
COLD_BYTES_TARGET, COLD_SECONDS_TARGET = 2.5e6, 1.5


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of durations in seconds, as milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def click(indicator_id: str, position: int) -> dict:
    """The body of the indicator page's click callback for one point."""
    return {
        "output": "indicator-panel.children",
        "outputs": {"id": "indicator-panel", "property": "children"},
        "inputs": [
            {"id": "indicator-graph", "property": "clickData", "value": {"points": [{"customdata": [position]}]}}
        ],
        "changedPropIds": ["indicator-graph.clickData"],
        "state": [{"id": "indicator-state", "property": "data", "value": {"indicator_id": indicator_id, "lang": "fr"}}],
    }


def search(query: str) -> dict:
    """The body of the catalogue's search callback."""
    return {
        "output": "catalogue-list.children",
        "outputs": {"id": "catalogue-list", "property": "children"},
        "inputs": [{"id": "catalogue-search", "property": "value", "value": query}],
        "changedPropIds": ["catalogue-search.value"],
        "state": [
            {"id": "catalogue-lang", "property": "data", "value": "fr"},
            {"id": "catalogue-report", "property": "data", "value": None},
        ],
    }


def cases(catalog: list[dict], observations) -> list[tuple[str, str, object]]:
    """(label, method+path, body) for each measured request, with indicators picked from the catalogue."""
    series = max(
        (e for e in catalog if e["chart"] == "time_series"), key=lambda e: (len(e["dimensions"]), e["observations"])
    )
    bars = max((e for e in catalog if e["chart"] != "time_series"), key=lambda e: e["observations"])
    position = int(observations[observations.indicator_id == series["indicator_id"]].position.iloc[0])
    page = f"/indicators/{series['indicator_id']}"
    return [
        (f"indicator page, chart ({series['indicator_id']})", "POST /_dash-update-component", routing(page)),
        ("indicator page, table tab", "POST /_dash-update-component", routing(page, "?tab=table&sort=value&desc=1")),
        ("indicator page, sources tab", "POST /_dash-update-component", routing(page, "?tab=sources")),
        ("indicator page, checks tab", "POST /_dash-update-component", routing(page, "?tab=checks")),
        (
            f"indicator page, bar chart ({bars['indicator_id']})",
            "POST /_dash-update-component",
            routing(f"/indicators/{bars['indicator_id']}", "?lang=en"),
        ),
        ("indicator point click (side panel)", "POST /_dash-update-component", click(series["indicator_id"], position)),
        ("catalogue page", "POST /_dash-update-component", routing("/")),
        ("catalogue search", "POST /_dash-update-component", search("174")),
        ("report page", "POST /_dash-update-component", routing("/report")),
        ("claims page", "POST /_dash-update-component", routing("/claims")),
        ("page shell (GET /)", "GET /", None),
        ("catalogue JSON", "GET /api/indicators.json", None),
        ("indicator CSV", f"GET /api/indicators/{series['indicator_id']}.csv", None),
        ("indicator XLSX", f"GET /api/indicators/{series['indicator_id']}.xlsx", None),
    ]


def in_process(server, measured) -> list[tuple[str, float, float]]:
    """p50/p95 of each request through Flask's test client, after one warm-up call."""
    client = server.test_client()
    results = []
    for label, route, body in measured:
        method, path = route.split(" ", 1)
        call = (
            (lambda path=path, body=body: client.post(path, json=body))
            if method == "POST"
            else (lambda path=path: client.get(path))
        )
        assert call().status_code == 200, f"{label}: {route} did not answer 200"
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        results.append((label, *percentiles(samples)))
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, speedups: bool = True) -> subprocess.Popen:
    """gunicorn serving app:server on 127.0.0.1 with 2 workers (one per core); speedups=False is the previous code path."""
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "app:server",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "APP_SPEEDUPS": "on" if speedups else "off"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/indicators.json", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start within 30 s")


def http_load(port: int, measured) -> list[tuple[str, float, float, float]]:
    """p50/p95 and requests per second of each route, HTTP_THREADS clients, bounded in count and time."""
    results = []
    for label, route, body in measured:
        _method, path = route.split(" ", 1)
        data = json.dumps(body).encode() if body else None
        url = f"http://127.0.0.1:{port}{path}"

        def one(_, url=url, data=data):
            request = urllib.request.Request(
                url, data=data, headers={"Content-Type": "application/json"} if data else {}
            )
            started = time.perf_counter()
            urllib.request.urlopen(request, timeout=30).read()
            return time.perf_counter() - started

        for _ in range(2):
            one(0)  # warm both workers
        stop = time.monotonic() + HTTP_SECONDS
        started = time.perf_counter()
        samples = []
        with ThreadPoolExecutor(HTTP_THREADS) as pool:
            while len(samples) < HTTP_REQUESTS and time.monotonic() < stop:
                samples += list(pool.map(one, range(HTTP_THREADS * 5)))
        elapsed = time.perf_counter() - started
        results.append((label, *percentiles(samples), len(samples) / elapsed))
    return results


def chromium():
    """A headless Debian Chromium driven by selenium, its profile in .build/tmp (removed by `quit_chromium`)."""
    from selenium import webdriver

    for name in ("home", "tmp"):
        (BUILD / name).mkdir(parents=True, exist_ok=True)
    os.environ.update(HOME=str(BUILD / "home"), TMPDIR=str(BUILD / "tmp"))
    before = set((BUILD / "tmp").glob("org.chromium.*"))
    options = webdriver.ChromeOptions()
    for argument in ("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options)
    driver.profiles_before = before
    return driver


def quit_chromium(driver) -> None:
    driver.quit()
    # Chromium leaves its profile folder behind on quit: remove the one this run made.
    for profile in set((BUILD / "tmp").glob("org.chromium.*")) - driver.profiles_before:
        shutil.rmtree(profile, ignore_errors=True)


# Bytes the page fetched: the document and every resource, as sent on the wire (0 for a cache hit).
TRANSFERRED = """return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => [sum[0] + e.transferSize, sum[1] + e.decodedBodySize], [0, 0]);"""


def cold_loads(ports: dict[str, int], indicator_id: str) -> dict[str, dict]:
    """Medians of an indicator page loaded with an empty browser cache: seconds to the chart drawn, bytes transferred.

    The servers of `ports` (previous code path, speedups on) are loaded in turn in one run, COLD_RUNS times each.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium()
    samples = {name: [] for name in ports}
    try:
        for run in range(COLD_RUNS + 1):
            for name, port in ports.items():
                driver.get("about:blank")
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                started = time.perf_counter()
                driver.get(f"http://127.0.0.1:{port}/indicators/{indicator_id}")
                WebDriverWait(driver, 30, poll_frequency=0.02).until(
                    expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#indicator-graph .main-svg"))
                )
                elapsed = time.perf_counter() - started
                time.sleep(0.3)  # anything the first view still fetches
                sent, decoded = driver.execute_script(TRANSFERRED)
                if run:  # the first round warms the servers (their workers' first page)
                    samples[name].append((elapsed, sent, decoded))
    finally:
        quit_chromium(driver)
    return {
        name: {
            "seconds": statistics.median(s[0] for s in rows),
            "bytes": statistics.median(s[1] for s in rows),
            "decoded": statistics.median(s[2] for s in rows),
        }
        for name, rows in samples.items()
    }


def browser_render(port: int, indicator_id: str) -> list[tuple[str, float, float]]:
    """Time from navigation to the page's content in headless Chromium (fresh load each run)."""
    if not shutil.which("chromedriver"):
        return []
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium()
    pages = [
        ("catalogue (/)", "/", ".indicator-card"),
        ("indicator page (chart drawn)", f"/indicators/{indicator_id}", "#indicator-graph .main-svg"),
        ("report (/report#p155)", "/report#p155", "#p155.target"),
    ]
    results = []
    try:
        for label, path, selector in pages:
            samples = []
            for _ in range(BROWSER_RUNS + 1):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(f"http://127.0.0.1:{port}{path}")
                WebDriverWait(driver, 30).until(
                    expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
                )
                samples.append(time.perf_counter() - started)
            results.append((label, *percentiles(samples[1:])))  # the first load fills the browser cache
    finally:
        quit_chromium(driver)
    return results


def cold_section(cold: dict[str, dict], indicator_id: str) -> list[str]:
    """The cold first load: previous code path against speedups on, medians of one run."""
    if not cold:
        return []
    before, after = cold["previous code path (APP_SPEEDUPS=off)"], cold["speedups on"]
    return [
        f"### Cold first load (`/indicators/{indicator_id}`, headless Chromium, empty cache, median of {COLD_RUNS} loads each)",
        "",
        (
            "Both code paths served by gunicorn (2 workers) in the same run, loaded in turn; the browser cache is cleared "
            "before every load (`Network.clearBrowserCache`). Bytes are the document and every resource as sent "
            "(`transferSize` of the Resource Timing entries); time is from navigation to the chart drawn."
        ),
        "",
        "| code path | transferred | uncompressed | chart drawn |",
        "| --- | ---: | ---: | ---: |",
        *[
            f"| {name} | {row['bytes'] / 1e6:.2f} MB | {row['decoded'] / 1e6:.2f} MB | {row['seconds']:.2f} s |"
            for name, row in cold.items()
        ],
        "",
        (
            f"Speedups on: {after['bytes'] / 1e6:.2f} MB (target {COLD_BYTES_TARGET / 1e6:.1f} MB, "
            f"{after['bytes'] / before['bytes']:.2f}× the previous path) and {after['seconds']:.2f} s to the chart "
            f"(target {COLD_SECONDS_TARGET} s, {after['seconds'] / before['seconds']:.2f}× the previous path)."
        ),
        "",
    ]


def section(process_rows, http_rows, browser_rows, cold_rows=()) -> str:
    """The `## Dashboard` section of docs/PERFORMANCE.md."""
    lines = [
        "## Dashboard",
        "",
        (
            f"Measured {date.today()} on {platform.machine()} ({os.cpu_count()} cores, CPython {platform.python_version()}) "
            f"by `bench/bench_app.py` against the built `data/processed/`; load average {os.getloadavg()[0]:.2f} at the end "
            "(other work on the machine slows the gunicorn figures most). Regenerate with `make bench`."
        ),
        (
            "Targets on this 2-core machine: indicator-page callbacks p95 under 100 ms in process; "
            "the catalogue rendered in headless Chromium in under 1.5 s."
        ),
        "",
        (
            f"### Callbacks and routes in process (Flask test client, {RUNS} runs each, JSON serialisation included, "
            "`APP_SPEEDUPS=off`: every view built, none replayed)"
        ),
        "",
        "| request | p50 | p95 |",
        "| --- | ---: | ---: |",
        *[f"| {label} | {p50:.1f} ms | {p95:.1f} ms |" for label, p50, p95 in process_rows],
        "",
        (
            f"### Under gunicorn (2 workers, 127.0.0.1, {HTTP_THREADS} concurrent clients, up to {HTTP_REQUESTS} requests per route, "
            "speedups on: a repeated page view is replayed, not built)"
        ),
        "",
        "| request | p50 | p95 | requests/s |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {label} | {p50:.1f} ms | {p95:.1f} ms | {rps:.0f} |" for label, p50, p95, rps in http_rows],
        "",
    ]
    if browser_rows:
        lines += [
            f"### Page render in headless Chromium (navigation to content shown, median of {BROWSER_RUNS} warm loads)",
            "",
            "| page | p50 | p95 |",
            "| --- | ---: | ---: |",
            *[f"| {label} | {p50 * 1:.0f} ms | {p95:.0f} ms |" for label, p50, p95 in browser_rows],
            "",
        ]
    lines += list(cold_rows)
    indicator = [p95 for label, _, p95 in process_rows if label.startswith("indicator")]
    catalogue = [p50 for label, p50, _ in browser_rows if label.startswith("catalogue")]
    verdict = f"Indicator-page callbacks: worst p95 {max(indicator):.0f} ms (target 100 ms)"
    verdict += f"; catalogue in Chromium: {catalogue[0] / 1000:.2f} s (target 1.5 s)." if catalogue else "."
    return "\n".join([*lines, verdict, ""])


def main() -> int:
    # Load inputs.
    from contract.schema import as_dict
    from dashboard import data

    dataset = data.load()
    # In process every view is built (no kept answers): what a view costs the first time.
    os.environ["APP_SPEEDUPS"] = "off"
    import app

    measured = cases([as_dict(e) for e in dataset.catalogue_entries()], dataset.table("observations"))
    # Process data.
    process_rows = in_process(app.server, measured)
    indicator_id = measured[0][0].split("(")[1].rstrip(")")
    ports = {"previous code path (APP_SPEEDUPS=off)": free_port(), "speedups on": free_port()}
    servers = [
        start_gunicorn(ports["previous code path (APP_SPEEDUPS=off)"], speedups=False),
        start_gunicorn(ports["speedups on"]),
    ]
    try:
        http_rows = http_load(ports["speedups on"], measured)
        browser_rows = browser_render(ports["speedups on"], indicator_id)
        cold = cold_loads(ports, indicator_id) if shutil.which("chromedriver") else {}
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    # Save outputs.
    text = section(process_rows, http_rows, browser_rows, cold_section(cold, indicator_id))
    write_section(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
