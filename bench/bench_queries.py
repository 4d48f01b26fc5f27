"""The app as the corpus grows: claims word search, /report, the catalogue pages' size, a worker's memory and
every route kind, at 10, 300 and 10 000 reports; writes docs/PERFORMANCE.md's section.

The stores are synthetic, in the layout a build writes (bench/synthetic_store.py: the built reports of
data/processed/ replicated under new report ids, sharded, committed through etl/store.py), one folder a size
named `store<N>` under --store-dir (.build/bench_queries/ by default). A store already there is read as it is
(making 10 000 reports takes about half an hour); with --reuse a missing one is an error instead of being made.
Each store is measured in a fresh process, as a gunicorn worker would hold it: Flask's test client posts the
claims page's filter callback (a word typed in the search box, on a report drawn at random) and the page
callback of /report (a report drawn at random), every kept answer forgotten before each (the figures are of a
report's first request, DuckDB's Parquet footers aside); then the page callbacks of `/` and /reports (their
bodies' bytes: what a reader's browser receives), the process's resident memory (VmRSS) and its peak (VmHWM).
At the largest size gunicorn is then asked every route kind once (each page, each /api route, the embeds; the
indicators are the drawn report's own, read from the store's catalogue; /api/indicators.json read to its end),
the 5xx counted and the largest worker's memory read. Never fails on time; medians are the figures to quote.

    .venv/bin/python bench/bench_queries.py [--sizes 10,300,10000] [--requests 40] [--store-dir DIR] [--reuse]
"""

import argparse
import http.client
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path
from statistics import median, quantiles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_fixtures.routing: the body Dash's page callback is posted

import pyarrow.parquet as pq  # noqa: E402
from app_fixtures import routing  # noqa: E402
from bench_app import free_port  # noqa: E402
from bench_downloads import rss_kib, start, timeouts, workers  # noqa: E402
from performance_doc import write_section  # noqa: E402
from synthetic_store import synthetic_store  # noqa: E402

from contract.schema import STATISTIC_KINDS  # noqa: E402
from contract.store import current_folder, report_order, table_files  # noqa: E402

SECTION = "## Queries as the corpus grows (bench/bench_queries.py)"
STORES = ROOT / ".build" / "bench_queries"
# Words a reader types in the claims search (unaccented, as typed on a keyboard without accents).
WORDS = ("refugies", "ecoles", "femmes", "apatrides", "population", "enfants", "etat", "langue")
PAGE_TARGET_KB, RSS_TARGET_MB = 300, 400  # the catalogue pages' bodies and a worker's resident memory
FIRST_BYTES = 64 * 1024  # what the sweep reads of a download before it hangs up: the status is its answer
# Read to their end all the same: the whole catalogue, written as it is sent (its time to the last byte is quoted).
READ_WHOLE = ("/api/indicators.json",)
SWEEP_TIMEOUT = 120  # seconds the sweep waits for an answer (gunicorn kills a worker silent for 30)


def claims_search(report: str, words: str) -> dict:
    """The body of the claims page's filter callback: the statistics of a report, `words` typed in the search box."""
    inputs = [
        ("kind", list(STATISTIC_KINDS)),
        ("unit", []),
        ("qualifier", []),
        ("chapter", []),
        ("section", []),
        ("from", None),
        ("to", None),
        ("text", words),
    ]
    outputs = [("claims-grid", "rowData"), ("claims-count", "children"), ("claims-download", "href")]
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": f"claims-{name}", "property": "value", "value": value} for name, value in inputs],
        "changedPropIds": ["claims-text.value"],
        "state": [
            {"id": "claims-lang", "property": "data", "value": "fr"},
            {"id": "claims-report", "property": "data", "value": report},
        ],
    }


def _memory() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    status = Path("/proc/self/status").read_text().splitlines()
    found = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in status if line.startswith(("VmRSS", "VmHWM"))}
    return {"rss": found.get("VmRSS", 0.0), "peak": found.get("VmHWM", 0.0)}


def _cold() -> None:
    """Forget every kept answer but the loaded build: each request is timed as the first of its report and words."""
    from dashboard import cache, memo

    for kept in memo._ALL:
        if kept.name != "dashboard.data.load":
            kept.clear()
    cache.answers.clear()


def _timed(client, body: dict) -> tuple[float, float, int]:
    """One callback: milliseconds on the clock and of CPU (every thread, DuckDB's included), and its body's bytes."""
    _cold()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/_dash-update-component", json=body)
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    if response.status_code != 200:
        raise SystemExit(f"{body['inputs'][0]}: HTTP {response.status_code}")
    return elapsed * 1000, used * 1000, len(response.data)


def sweep_paths(report: str, indicators: list[str]) -> list[tuple[str, str]]:
    """Every route kind once: ("page", path) posted as the page callback, ("get", path) asked as a URL."""
    one, two = indicators[0], ",".join(indicators[:2])
    pages = ["/", "/reports", f"/report?report={report}", f"/claims?report={report}", f"/checks?report={report}"]
    pages += [f"/follow-up?report={report}", "/states", f"/compare?ids={two}", f"/indicators/{one}"]
    gets = ["/", "/api/indicators.json", f"/api/indicators/{one}.json", f"/api/indicators/{one}.csv"]
    gets += [f"/api/indicators/{one}.xlsx", f"/api/indicators/{one}.png", f"/api/compare.csv?ids={two}"]
    gets += [f"/api/compare.json?ids={two}", f"/api/follow-up.csv?report={report}", "/api/claims.csv"]
    gets += [f"/api/claims.xlsx?report={report}", "/api/package.zip", f"/embed/{one}", f"/embed/compare?ids={two}"]
    gets += ["/api/nothing", "/embed/nothing-of-that-name"]
    return [("page", p) for p in pages] + [("get", g) for g in gets]


def _asked(port: int, kind: str, path: str) -> dict:
    """One request of the sweep over HTTP: status (or the error of a connection cut, a worker killed), seconds to
    the status, bytes read (a download's first FIRST_BYTES only: its status is the answer; a whole store's CSV is
    gigabytes)."""
    started = time.perf_counter()
    found = {"path": f"page {path}" if kind == "page" else path, "status": 0, "bytes": 0, "error": ""}
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=SWEEP_TIMEOUT)
        if kind == "page":
            address, _, search = path.partition("?")
            body = json.dumps(routing(address, f"?{search}" if search else ""))
            connection.request("POST", "/_dash-update-component", body, {"Content-Type": "application/json"})
        else:
            connection.request("GET", path)
        response = connection.getresponse()
        found["status"] = response.status
        found["first_ms"] = (time.perf_counter() - started) * 1000
        wanted = float("inf") if path in READ_WHOLE else FIRST_BYTES
        while found["bytes"] < wanted and (block := response.read(int(min(wanted - found["bytes"], 1 << 20)))):
            found["bytes"] += len(block)
        connection.close()
    except (OSError, http.client.HTTPException) as error:
        found["error"] = type(error).__name__
    found["ms"] = (time.perf_counter() - started) * 1000
    return found


def sweep(folder: Path) -> dict:
    """Every route kind asked once, one after the other, of gunicorn as `make serve` runs it (gunicorn.conf.py:
    2 threaded workers, 30 s timeout) over `folder`; then the largest worker's resident memory."""
    report = random.Random(7).choice(report_order(current_folder(folder)) or [""])
    indicators = indicators_of(folder, report)
    port, log = free_port(), folder.parent / f"gunicorn-{folder.name}.log"
    log.unlink(missing_ok=True)
    server = start(ROOT, folder, port, log)
    try:
        found = [_asked(port, kind, path) for kind, path in sweep_paths(report, indicators)]
        rss = max((rss_kib(pid) for pid in workers(server.pid)), default=0) / 1024
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"requests": found, "rss": rss, "timeouts": timeouts(log)}


def indicators_of(folder: Path, report: str) -> list[str]:
    """The report's curated tables over time first (they can be compared), then its others: ids the store holds (a
    synthetic copy's are its own), read from the catalogue's files."""
    files = [str(path) for path in table_files(current_folder(folder), "catalog")]
    found = pq.read_table(files, columns=["indicator_id", "chart", "suggested"], filters=[("report_id", "=", report)])
    rows = found.to_pylist()
    ranked = sorted(rows, key=lambda row: (row["suggested"], row["chart"] != "time_series"))
    return list(dict.fromkeys(row["indicator_id"] for row in ranked))


def measure(folder: Path, requests: int) -> dict:
    """In this process (a fresh one): the app over `folder`, its searches and pages timed, its memory read."""
    os.environ["INDICATORS_DATA_DIR"] = str(folder)
    import app
    from dashboard import data

    started = time.perf_counter()
    ids = data.load().report_ids()
    loaded = (time.perf_counter() - started) * 1000
    client = app.server.test_client()
    draw = random.Random(7)
    _timed(client, claims_search(ids[0], "x"))  # the first request builds the app's routes: not timed
    search = [_timed(client, claims_search(draw.choice(ids), WORDS[n % len(WORDS)])) for n in range(requests)]
    report = [_timed(client, routing("/report", f"?report={draw.choice(ids)}")) for _ in range(requests)]
    pages = {path: _timed(client, routing(path)) for path in ("/", "/reports")}
    return {
        "reports": len(ids),
        "load_ms": loaded,
        "search": [wall for wall, _, _ in search],
        "search_cpu": [cpu for _, cpu, _ in search],
        "report": [wall for wall, _, _ in report],
        "report_cpu": [cpu for _, cpu, _ in report],
        "page_ms": {path: wall for path, (wall, _, _) in pages.items()},
        "page_bytes": {path: size for path, (_, _, size) in pages.items()},
        "after": _memory(),
    }


def _p95(values: list[float]) -> float:
    return quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def _line(found: dict) -> str:
    s, r, kb = found["search"], found["report"], {p: b / 1024 for p, b in found["page_bytes"].items()}
    rss = found["after"]["rss"]
    return (
        f"| {found['reports']:,} | {found['load_ms']:.0f} | {median(s):.0f} | {_p95(s):.0f} | {median(found['search_cpu']):.0f}"
        f" | {_p95(found['search_cpu']):.0f} | {median(r):.0f} | {_p95(r):.0f} | {median(found['report_cpu']):.0f}"
        f" | {kb['/']:.0f}{_mark(kb['/'] <= PAGE_TARGET_KB)} | {kb['/reports']:.0f}"
        f"{_mark(kb['/reports'] <= PAGE_TARGET_KB)} | {rss:.0f}{_mark(rss <= RSS_TARGET_MB)}"
        f" | {found['after']['peak']:.0f} | {found['load_avg']:.1f} |"
    )


def _growth(small: dict, large: dict) -> str:
    """How each figure grew from the smaller store to the larger one (the reports grew by their ratio)."""
    figures = {
        "reports": (small["reports"], large["reports"]),
        "load": (small["load_ms"], large["load_ms"]),
        "search p50": (median(small["search"]), median(large["search"])),
        "search CPU p50": (median(small["search_cpu"]), median(large["search_cpu"])),
        "/report p50": (median(small["report"]), median(large["report"])),
        "/report CPU p50": (median(small["report_cpu"]), median(large["report_cpu"])),
        "`/` body": (small["page_bytes"]["/"], large["page_bytes"]["/"]),
        "/reports body": (small["page_bytes"]["/reports"], large["page_bytes"]["/reports"]),
        "RSS": (small["after"]["rss"], large["after"]["rss"]),
    }
    parts = [f"{name} ×{b / a:.2f}" for name, (a, b) in figures.items() if a]
    return f"Growth from {small['reports']:,} to {large['reports']:,} reports: " + ", ".join(parts) + "."


def _sweep_table(found: dict) -> list[str]:
    rows, swept = found["sweep"]["requests"], found["sweep"]
    failed = [row for row in rows if row["status"] >= 500 or row["error"]]
    named = f" ({', '.join(r['path'] for r in failed)})" if failed else ""
    summary = (
        f"Every route kind asked once at {found['reports']:,} reports, cold, one after the other, of gunicorn as"
        f" `make serve` runs it (2 threaded workers, 30 s timeout): {len(rows)} requests, {len(failed)} answered 5xx"
        f" or cut{named}; WORKER TIMEOUT in gunicorn's log: {swept['timeouts']}; the largest worker's RSS after"
        f" them {swept['rss']:.0f} MB (target ≤ {RSS_TARGET_MB}). Downloads are read to their first"
        f" {FIRST_BYTES // 1024} KB (the status is the answer asked for); the claims workbook is asked for one"
        f" report (the whole store's would take hours); {', '.join(READ_WHOLE)} is read to its end. The"
        " indicators asked for are the drawn report's own (a synthetic copy's curated tables are its own, their"
        " ids suffixed with the copy's), its tables over time first, read from the store's catalogue."
    )
    lines = [
        summary,
        "",
        "| route | status | ms to the status | ms to the last byte read | bytes read |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    return lines + [
        f"| `{r['path']}` | {r['status'] or r['error']} | {r.get('first_ms', r['ms']):.0f} | {r['ms']:.0f}"
        f" | {r['bytes']:,} |"
        for r in rows
    ]


def _store(folder: Path, size: int, reuse: bool) -> tuple[Path, str]:
    """The store of `size` reports at `folder`: read as it is if it is there, else made (unless `reuse`)."""
    order = report_order(current_folder(folder)) if (folder / "current").exists() else None
    if order is not None:
        if len(order) < size:  # a few more is fine (bench/bench_store.py adds real reports to its stores)
            raise SystemExit(f"{folder} holds {len(order)} reports, fewer than {size}: give another --store-dir.")
        return folder, "read as it was"
    if reuse:
        raise SystemExit(f"no store of {size} reports at {folder} (--reuse): make it with bench/synthetic_store.py.")
    template = ROOT / "data" / "processed"
    if not (template / "current").exists():
        raise SystemExit("data/processed/ is not built: run `make data` first.")
    started = time.perf_counter()
    synthetic_store(folder, template, size)
    return folder, f"made in {time.perf_counter() - started:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,300,10000")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--store-dir", type=Path, default=STORES, help="where the stores are (store<N>)")
    parser.add_argument("--reuse", action="store_true", help="only read stores already in --store-dir")
    parser.add_argument("--note", default="", help="a sentence for the section (where the stores came from)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child process: one store
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.requests)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    results = {}
    for size in sizes:
        folder, how = _store(args.store_dir / f"store{size}", size, args.reuse)
        child = [sys.executable, __file__, "--measure", str(folder), "--requests", str(args.requests)]
        found = json.loads(subprocess.run(child, check=True, stdout=subprocess.PIPE, text=True).stdout)
        found["load_avg"], found["store"] = os.getloadavg()[0], how
        if size == sizes[-1]:
            found["sweep"] = sweep(folder)
        results[size] = found
        print(f"{size} reports (store {how}): {_line(found)}", flush=True)
    # Kept beside the stores: the section can be written again from them (the run takes many minutes).
    (args.store_dir / "bench_queries.json").write_text(json.dumps(results), encoding="utf-8")
    write_section(_section(results, args.requests, args.note))
    return 0


def _section(results: dict[int, dict], requests: int, note: str) -> str:
    sizes = sorted(results)
    stores = "Stores: " + "; ".join(f"{results[n]['reports']:,} reports, {results[n]['store']}" for n in sizes) + "."
    growth = [_growth(results[sizes[-2]], results[sizes[-1]]), ""] if len(sizes) > 1 else []
    return "\n".join(
        [
            SECTION,
            "",
            (
                f"{platform.machine()}, {os.cpu_count()} cores, shared with other jobs while measured (the load"
                " average after each store is in its row; figures vary by tens of percent between runs; quote"
                " medians). Synthetic stores in the layout a build writes (bench/synthetic_store.py: the built"
                " reports replicated under new ids, sharded by report id, committed through etl/store.py). Each"
                " store in a fresh process: the app reading it through DuckDB (dashboard/store_sql.py),"
                f" {requests} claims searches (the claims page's filter callback, a word typed, on a random report)"
                f" and {requests} /report pages (the page callback, a random report), through Flask's test client,"
                " every answer the app keeps forgotten before each; then the page callbacks of `/` (the catalogue)"
                " and /reports, whose response bodies are what a browser receives. Load: the first `data.load()`."
                " CPU: the process's CPU time for the request (all its threads, DuckDB's included), which the"
                " machine's other jobs disturb far less than the clock. RSS: the process's resident memory after"
                f" all those requests, and its peak (MB). Targets: a page body ≤ {PAGE_TARGET_KB} KB, a worker"
                f" ≤ {RSS_TARGET_MB} MB (✗: missed)."
            ),
            "",
            (
                "| reports | load (ms) | search p50 (ms) | search p95 | search CPU p50 | search CPU p95"
                f" | /report p50 (ms) | /report p95 | /report CPU p50 | `/` body (KB, ≤ {PAGE_TARGET_KB})"
                f" | /reports body (KB, ≤ {PAGE_TARGET_KB}) | RSS (MB, ≤ {RSS_TARGET_MB}) | peak | load avg |"
            ),
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *(_line(results[size]) for size in sizes),
            "",
            f"{stores} {note}".strip(),
            "",
            *growth,
            *_sweep_table(results[sizes[-1]]),
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
