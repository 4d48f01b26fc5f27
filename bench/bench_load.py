"""Load test: Debian's `wrk` against gunicorn on 127.0.0.1, 16 connections, a bounded time per route.

Routes: the catalogue (page shell and its render callback), an indicator page's callback
(POST /_dash-update-component), the CSV API, and PNG exports (cached, and a new size on every
request so each one is rendered by Chromium). Then a repeated indicator view against the
previous code path (`APP_SPEEDUPS=off`, a second gunicorn), medians of alternated rounds. Writes the `## Load (wrk, gunicorn)` section of
docs/PERFORMANCE.md and prints it; exits 1 if any request failed (an error is a bug, a slow
figure is not). Run: `make load` (installs wrk with apt when missing).
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from performance_doc import write_section  # noqa: E402  (bench/ is on the path when run as a script)

sys.path.insert(0, str(ROOT / "bench"))
from bench_app import free_port, routing, start_gunicorn  # noqa: E402

CONNECTIONS, THREADS, SECONDS = 16, 2, 10
INDICATOR = "art174_cases_tried_and_convicted"
WORKERS = 2
REPEAT_ROUNDS = 3  # rounds of the repeated-view comparison, each code path once per round
# Targets for a repeated indicator view on this 2-core machine.
REPEAT_RPS_TARGET, REPEAT_P99_TARGET = 300, 150
PATHS = {"previous code path (APP_SPEEDUPS=off)": False, "speedups on": True}

POST_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = {body}
"""
# The same view asked again and again, with the Accept-Encoding a browser sends.
BROWSER_POST_SCRIPT = POST_SCRIPT + 'wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"\n'

# Each wrk thread asks for other widths than the others: every PNG is rendered, none comes from the cache.
FRESH_PNG_SCRIPT = """local counter = 0
local offset = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 1000)
  threads = threads + 1
end
function request()
  counter = counter + 1
  return wrk.format("GET", "{path}?height=600&width=" .. (600 + offset + counter % 1000))
end
"""


def cases() -> list[tuple[str, str, str | None]]:
    """(label, path, wrk Lua script or None) of each measured route."""
    png = f"/api/indicators/{INDICATOR}.png"
    return [
        ("catalogue page shell (GET /)", "/", None),
        (
            "catalogue render callback (POST /_dash-update-component)",
            "/_dash-update-component",
            POST_SCRIPT.format(body=json.dumps(json.dumps(routing("/")))),
        ),
        (
            f"indicator page callback ({INDICATOR}, POST /_dash-update-component)",
            "/_dash-update-component",
            POST_SCRIPT.format(body=json.dumps(json.dumps(routing(f"/indicators/{INDICATOR}")))),
        ),
        ("indicator CSV (GET /api/indicators/<id>.csv)", f"/api/indicators/{INDICATOR}.csv", None),
        ("PNG export, cached (same size)", f"{png}?size=slide", None),
        ("PNG export, a new size each request (rendered)", png, FRESH_PNG_SCRIPT.replace("{path}", png)),
    ]


def to_ms(text: str) -> float:
    """'12.34ms', '850.00us', '1.20s' -> milliseconds."""
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def parse(output: str) -> dict:
    """Requests per second, p50/p99 latency and errors from wrk's --latency output."""
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # Anchored: the thread summary's "+/- Stdev" column ("95.50%") also holds "50%".
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def run_wrk(url: str, script: str | None, folder: Path) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "30s", "--latency"]
    if script:
        path = folder / f"script{abs(hash(script))}.lua"
        path.write_text(script, encoding="utf-8")
        command += ["-s", str(path)]
    output = subprocess.run([*command, url], capture_output=True, text=True, timeout=SECONDS + 60, check=True).stdout
    return parse(output)


def repeated_view(ports: dict[str, int], folder: Path) -> dict[str, dict]:
    """Medians over REPEAT_ROUNDS of wrk on one indicator view, each code path in turn within a round."""
    script = BROWSER_POST_SCRIPT.format(body=json.dumps(json.dumps(routing(f"/indicators/{INDICATOR}"))))
    runs = {name: [] for name in ports}
    body = json.dumps(routing(f"/indicators/{INDICATOR}")).encode()
    for port in ports.values():
        for _ in range(WORKERS * 4):  # every worker has built (or kept) the view before the clock starts
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/_dash-update-component",
                data=body,
                headers={"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br, zstd"},
            )
            urllib.request.urlopen(request, timeout=60).read()
    for _ in range(REPEAT_ROUNDS):
        for name, port in ports.items():
            runs[name].append(run_wrk(f"http://127.0.0.1:{port}/_dash-update-component", script, folder))
    return {
        name: {key: statistics.median(r[key] for r in results) for key in ("rps", "p50", "p99")}
        | {"errors": sum(r["errors"] for r in results)}
        for name, results in runs.items()
    }


def repeat_section(repeat: dict[str, dict]) -> list[str]:
    before, after = repeat["previous code path (APP_SPEEDUPS=off)"], repeat["speedups on"]
    return [
        f"### Repeated indicator view, previous code path against speedups (median of {REPEAT_ROUNDS} rounds)",
        "",
        (
            f"The page-routing callback of `/indicators/{INDICATOR}` asked again and again, `Accept-Encoding` as a browser "
            f"sends it; both code paths under gunicorn ({WORKERS} workers) in the same run, each round running one "
            f"then the other for {SECONDS} s with {CONNECTIONS} connections."
        ),
        "",
        "| code path | requests/s | p50 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {name} | {r['rps']:.0f} | {r['p50']:.0f} ms | {r['p99']:.0f} ms | {r['errors']} |"
            for name, r in repeat.items()
        ],
        "",
        (
            f"Speedups on: {after['rps']:.0f} requests/s (target {REPEAT_RPS_TARGET}, {after['rps'] / before['rps']:.1f}× the "
            f"previous path) with p99 {after['p99']:.0f} ms (target {REPEAT_P99_TARGET} ms). A repeated view is replayed from "
            "the worker's store of page answers (dashboard/cache.py), already compressed."
        ),
        "",
    ]


def section(rows: list[tuple[str, dict]], repeat: dict[str, dict] | None = None) -> str:
    lines = [
        "## Load (wrk, gunicorn)",
        "",
        (
            f"Measured {date.today()} on {platform.machine()} ({os.cpu_count()} cores, CPython {platform.python_version()}) by "
            f"`bench/bench_load.py`: Debian's `wrk` with {CONNECTIONS} connections ({THREADS} threads) for {SECONDS} s per route "
            f"against gunicorn ({WORKERS} sync workers, 127.0.0.1, `--no-control-socket`), after one warm-up request per route; "
            f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine). Regenerate with `make load`."
        ),
        "",
        "| route | requests | requests/s | p50 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {label} | {r['requests']} | {r['rps']:.0f} | {r['p50']:.0f} ms | {r['p99']:.0f} ms | {r['errors']} |"
            for label, r in rows
        ],
        "",
        (
            f"Errors (socket errors, timeouts and non-2xx/3xx answers) in all: {sum(r['errors'] for _, r in rows)}. "
            "A sync worker serves one request at a time, so 16 connections queue behind 2 workers: latency is mostly "
            "waiting; each worker keeps its own Chromium for images."
        ),
        "",
    ]
    return "\n".join(lines + (repeat_section(repeat) if repeat else []))


def main() -> int:
    # Load inputs.
    if shutil.which("wrk") is None:
        print("wrk is missing: `make load` installs it (apt-get install wrk)", file=sys.stderr)
        return 2
    profiles = Path(os.environ.get("TMPDIR") or tempfile.gettempdir())
    before = set(profiles.glob("org.chromium.*"))
    ports = {name: free_port() for name in PATHS}
    servers = [start_gunicorn(ports[name], speedups=on) for name, on in PATHS.items()]
    port = ports["speedups on"]
    rows = []
    # Process data.
    try:
        with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as folder:
            repeat = repeated_view(ports, Path(folder))
            for label, path, script in cases():
                url = f"http://127.0.0.1:{port}{path}"
                for _ in range(WORKERS * 2):  # warm both workers (their Chromium starts on the first image)
                    body = (
                        json.loads(re.search(r"wrk.body = (.*)", script).group(1)).encode()
                        if script and "POST" in script
                        else None
                    )
                    request = urllib.request.Request(
                        url if "setup" not in (script or "") else f"{url}?size=square",
                        data=body,
                        headers={"Content-Type": "application/json"} if body else {},
                    )
                    urllib.request.urlopen(request, timeout=60).read()
                rows.append((label, run_wrk(url, script, Path(folder))))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        # Chromium profiles the workers' browsers may leave behind.
        for profile in set(profiles.glob("org.chromium.*")) - before:
            shutil.rmtree(profile, ignore_errors=True)
    # Save outputs.
    text = section(rows, repeat)
    write_section(text)
    print(text)
    return 1 if any(r["errors"] for _, r in rows) or any(r["errors"] for r in repeat.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
