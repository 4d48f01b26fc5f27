"""Whole-table downloads under gunicorn: /api/claims.csv, /api/claims.xlsx and /api/package.zip, two at once.

Stores of 10 and 300 reports (more with --reports) are made from the built report (bench/synthetic_store.py:
its reports replicated under new ids, in the sharded layout a build writes), each served by gunicorn as `make serve` runs it (gunicorn.conf.py: 2
threaded workers, 30 s timeout). For each download, two clients ask for it at the same moment; measured: time
to the first byte and to the last, bytes, the workers' peak resident memory while they answer (sampled from
/proc every 0.2 s), and whether gunicorn killed or replaced a worker. With --previous REV the same is measured
on the code of a git revision (the downloads built whole in memory), exported to a temporary folder.

Writes the `## Whole-table downloads` section of docs/PERFORMANCE.md and prints it; never fails on a time.

    .venv/bin/python bench/bench_downloads.py [--reports 10,300] [--rounds 3] [--previous main]
"""

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_app import free_port  # noqa: E402
from performance_doc import write_section  # noqa: E402
from synthetic_store import synthetic_store  # noqa: E402

SECTION = "## Whole-table downloads (bench/bench_downloads.py, gunicorn)"
ROUTES = {"CSV": "/api/claims.csv", "zip": "/api/package.zip", "XLSX": "/api/claims.xlsx"}
CLIENTS = 2  # downloads of one route at the same moment
CLIENT_TIMEOUT = 900  # seconds a client waits for a byte before giving up (a bench, not a browser)


@dataclass
class Download:
    """One client's download: seconds to the first byte and to the last, bytes, and any error."""

    first_byte: float = 0.0
    total: float = 0.0
    size: int = 0
    error: str = ""


@dataclass
class Measure:
    """The downloads of one route on one store and code path, over rounds."""

    downloads: list[Download] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)  # KiB, the largest worker's, per round
    killed: int = 0  # workers killed or replaced during the route's rounds


def build_source(folder: Path) -> Path:
    """The report built by `python -m etl` (as `make data` does) into `folder`."""
    subprocess.run([sys.executable, "-m", "etl", "--out", str(folder)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return folder


def start(code: Path, store: Path, port: int, log: Path) -> subprocess.Popen:
    """gunicorn on 127.0.0.1 serving the app of `code` over `store`, with the settings of its gunicorn.conf.py."""
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server", "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "info", "--error-logfile", str(log)]
    env = {**os.environ, "INDICATORS_DATA_DIR": str(store), "WEB_CONCURRENCY": "2"}
    process = subprocess.Popen(command, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if _status(port, "/api") is not None:
            return process
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start within 120 s (see {log})")


def _status(port: int, path: str) -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status
    except OSError:
        return None


def workers(master: int) -> set[int]:
    """The worker processes of a gunicorn master."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def download(port: int, path: str, ready: threading.Barrier) -> Download:
    """One client's download, read a block at a time and dropped (the client keeps nothing)."""
    found = Download()
    ready.wait()
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
        connection.request("GET", path)
        response = connection.getresponse()
        block = response.read(1)
        found.first_byte = time.perf_counter() - started
        while block:
            found.size += len(block)
            block = response.read(256 * 1024)
        if response.status != 200:
            found.error = f"HTTP {response.status}"
        connection.close()
    except (OSError, http.client.HTTPException) as error:  # a body cut short (a worker killed) is an error too
        found.error = f"{type(error).__name__}: {error}"
    found.total = time.perf_counter() - started
    return found


def one_round(master: int, port: int, path: str) -> tuple[list[Download], int, int]:
    """CLIENTS downloads of `path` at once: their results, the largest worker's peak RSS (KiB), workers replaced."""
    before = workers(master)
    results: list[Download] = []
    ready = threading.Barrier(CLIENTS)
    threads = [threading.Thread(target=lambda: results.append(download(port, path, ready))) for _ in range(CLIENTS)]
    peak = 0
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        peak = max([peak, *(rss_kib(pid) for pid in workers(master))])
        time.sleep(0.2)
    return results, peak, len(before - workers(master))


def warm(port: int) -> None:
    """Every worker reads the store once (the first answer of a worker loads the data)."""
    threads = [threading.Thread(target=_status, args=(port, "/api/indicators.json")) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure(code: Path, store: Path, rounds: int, log: Path, routes: tuple[str, ...]) -> Iterator[tuple[str, Measure]]:
    """The downloads of `routes` (names of ROUTES) on one store, under one gunicorn started for it, route by route."""
    port = free_port()
    server = start(code, store, port, log)
    try:
        warm(port)
        for name in routes:
            path, measured = ROUTES[name], Measure()
            for _ in range(rounds):
                results, peak, replaced = one_round(server.pid, port, path)
                measured.downloads += results
                measured.peak_rss.append(peak)
                measured.killed += replaced
            yield name, measured
    finally:
        server.terminate()
        server.wait(timeout=60)


def timeouts(log: Path) -> int:
    """How many times gunicorn's log says it killed a silent worker."""
    return log.read_text(errors="replace").count("WORKER TIMEOUT") if log.exists() else 0


def previous_code(revision: str, into: Path) -> Path:
    """The app's code at a git revision, exported (not checked out) into a temporary folder."""
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def row(label: str, reports: int, route: str, measured: Measure, log_timeouts: int) -> str:
    good = [d for d in measured.downloads if not d.error]
    errors = "; ".join(sorted({d.error for d in measured.downloads if d.error}))[:80] or "0"
    size = median([d.size for d in good]) / 1e6 if good else 0.0
    return (
        f"| {label} | {reports} | {route} | {size:.1f} MB | {median([d.first_byte for d in good]):.2f} s "
        f"| {median([d.total for d in good]):.1f} s | {max(measured.peak_rss, default=0) / 1024:.0f} MB "
        f"| {measured.killed} | {log_timeouts} | {errors} |"
    )


HEADER = (
    "| code | reports | download | size | first byte | total | peak worker RSS | workers replaced "
    "| WORKER TIMEOUT in log | errors |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)
NOTES = (
    "CSV and zip are written as they are sent (`dashboard/store_batches.py`: the store's files a batch of rows at "
    "a time); the XLSX is written a row at a time to a temporary file, then sent with its length (a workbook is a "
    "zip whose parts come whole: its first byte waits for its last row). Peak RSS is the largest worker's while "
    "the two downloads ran, the store's tables the app holds (dashboard/data.py) included."
)


def report(lines: list[str], rounds: int, load: str) -> str:
    """The section: how it was measured, one row per code path, store and download, and what the columns mean."""
    how = (
        f"Measured {date.today()} on {platform.machine()} ({os.cpu_count()} cores, CPython "
        f"{platform.python_version()}) by `bench/bench_downloads.py`: gunicorn as `make serve` runs it "
        "(gunicorn.conf.py: 2 threaded workers, 30 s timeout) over stores made of the built report repeated with "
        f"new ids; each download asked by {CLIENTS} clients at the same moment, {rounds} round(s), medians over "
        f"every client's download. The machine was shared with other work (load average {load} at the end): "
        "times are what this run saw, not what the code costs alone."
    )
    return "\n".join([SECTION, "", how, "", HEADER, *lines, "", NOTES, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="10,300", help="sizes of the stores, in reports (comma-separated)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--previous", default="", help="also measure the code of this git revision")
    # The previous code holds a whole workbook in openpyxl's cells: gigabytes per worker past a few hundred reports.
    parser.add_argument("--previous-routes", default=",".join(ROUTES), help="downloads measured on the previous code")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-downloads-") as scratch:
        work = Path(scratch)
        source = build_source(work / "source")
        codes = {"streamed": (ROOT, tuple(ROUTES))}
        if args.previous:
            previous = previous_code(args.previous, Path(tempfile.mkdtemp(dir=work)))
            codes[f"whole ({args.previous})"] = (previous, tuple(args.previous_routes.split(",")))
        lines = []
        for reports in (int(n) for n in args.reports.split(",")):
            store = work / f"store-{reports}"
            synthetic_store(store, source, reports)
            for label, (code, routes) in codes.items():
                log = work / f"gunicorn-{reports}-{len(lines)}.log"
                for route, measured in measure(code, store, args.rounds, log, routes):
                    lines.append(row(label, reports, route, measured, timeouts(log)))
                    print(lines[-1], flush=True)
                    # Written after every row: a run cut short (hours on a busy machine) still leaves its figures.
                    write_section(report(lines, args.rounds, f"{os.getloadavg()[0]:.1f}"))
    print(report(lines, args.rounds, f"{os.getloadavg()[0]:.1f}"))


if __name__ == "__main__":
    main()
