"""Briefing benchmark: PNG/SVG exports through kaleido + Chromium (first and later), the CSV API, embeds, the pack.

Reads the built data/processed/ (run `make data` first). Writes the `## Briefing exports` section
of docs/PERFORMANCE.md and prints it. Never fails on time. Run with HOME and TMPDIR inside .build/
(as `make bench` does): `.venv/bin/python bench/bench_briefing.py`.
"""

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from performance_doc import write_section  # noqa: E402  (bench/ is on the path when run as a script)

INDICATOR = "art174_cases_tried_and_convicted"
PACK = ["art174_registered_cases", "art174_cases_tried_and_convicted", "ethnic_composition_population"]
RUNS = 10  # uncached image renders
FAST_RUNS = 60  # cached images, CSV, 304s, embeds


def timed(call) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - started
    assert getattr(response, "status_code", 200) in (200, 304), f"unexpected status {response.status_code}"
    return elapsed


def summary(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def measure(client) -> list[tuple[str, int, float, float]]:
    """(label, runs, p50 ms, p95 ms) of each export path, through Flask's test client."""
    from dashboard import data

    version = data.load().version
    png = f"/api/indicators/{INDICATOR}.png"
    rows = [
        (
            "PNG, first export of the process (Chromium starts)",
            1,
            *[timed(lambda: client.get(f"{png}?size=slide")) * 1000] * 2,
        )
    ]
    # A new width each time: nothing comes from the image cache.
    rows.append(
        (
            "PNG 1280×720, later exports (not cached)",
            RUNS,
            *summary([timed(lambda i=i: client.get(f"{png}?width={1280 + i}&height=720")) for i in range(RUNS)]),
        )
    )
    rows.append(
        (
            "PNG half A4 at scale 2 (2480×1754), not cached",
            RUNS,
            *summary([timed(lambda i=i: client.get(f"{png}?size=a4&scale={2 + i / 1000}")) for i in range(RUNS)]),
        )
    )
    rows.append(
        (
            "SVG 1280×720, not cached",
            RUNS,
            *summary(
                [
                    timed(lambda i=i: client.get(f"/api/indicators/{INDICATOR}.svg?width={1280 + i}&height=720"))
                    for i in range(RUNS)
                ]
            ),
        )
    )
    rows.append(
        (
            "PNG, cached (same indicator, options and data version)",
            FAST_RUNS,
            *summary([timed(lambda: client.get(f"{png}?size=slide")) for _ in range(FAST_RUNS)]),
        )
    )
    csv = f"/api/indicators/{INDICATOR}.csv"
    rows.append(("API CSV", FAST_RUNS, *summary([timed(lambda: client.get(csv)) for _ in range(FAST_RUNS)])))
    rows.append(
        (
            "API CSV with If-None-Match (304)",
            FAST_RUNS,
            *summary(
                [timed(lambda: client.get(csv, headers={"If-None-Match": f'"{version}"'})) for _ in range(FAST_RUNS)]
            ),
        )
    )
    rows.append(
        (
            "API JSON (metadata, observations, citations)",
            FAST_RUNS,
            *summary([timed(lambda: client.get(f"/api/indicators/{INDICATOR}.json")) for _ in range(FAST_RUNS)]),
        )
    )
    rows.append(
        (
            "embed page (/embed/<id>)",
            FAST_RUNS,
            *summary([timed(lambda: client.get(f"/embed/{INDICATOR}?lang=en")) for _ in range(FAST_RUNS)]),
        )
    )
    return rows


def pack_time() -> float:
    """Seconds for `python -m dashboard.briefing` on three indicators, PNG and SVG, in process (Chromium already up)."""
    from dashboard import briefing

    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as folder:
        started = time.perf_counter()
        assert briefing.main([*PACK, "--formats", "png,svg", "--out", folder]) == 0
        return time.perf_counter() - started


def section(rows, pack_seconds: float) -> str:
    lines = [
        "## Briefing exports",
        "",
        (
            f"Measured {date.today()} on {platform.machine()} ({os.cpu_count()} cores, CPython {platform.python_version()}) by "
            f"`bench/bench_briefing.py` through Flask's test client (one process, one Chromium kept open by "
            f"`dashboard/images.py`), chart `{INDICATOR}`. Regenerate with `make bench`."
        ),
        "",
        "| request | runs | p50 | p95 |",
        "| --- | ---: | ---: | ---: |",
        *[
            f"| {label} | {runs} | {p50:.0f} ms | {p95:.0f} ms |"
            if p50 >= 10
            else f"| {label} | {runs} | {p50:.1f} ms | {p95:.1f} ms |"
            for label, runs, p50, p95 in rows
        ],
        "",
        (
            f"Briefing pack (`python -m dashboard.briefing`, 3 charts × PNG and SVG, sources.md, Chromium started anew): "
            f"{pack_seconds:.1f} s."
        ),
        "",
        (
            "The first image of a process pays Chromium's start; later images cost a render in the open browser, and a "
            "repeated image (same indicator, options and data version) comes from the in-memory cache. Each gunicorn "
            "worker starts its own Chromium on its first image."
        ),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    # Load inputs.
    import app
    from dashboard import images

    client = app.server.test_client()
    # Process data.
    try:
        rows = measure(client)
        images.stop()
        pack_seconds = pack_time()
    finally:
        images.stop()
    # Save outputs.
    text = section(rows, pack_seconds)
    write_section(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
