"""Wall time of `make test`, run N times (default 3): writes the "Test suite" section of docs/PERFORMANCE.md.

Usage: `.venv/bin/python bench/bench_suite.py [--runs N] [--target test]`. Each run is the whole target as a user
types it (lint, then the tests on the xdist workers); the load average before and after each run is written
beside its time, since a shared machine slows the suite. A failing run stops the bench: a time is only worth
keeping for a suite that passes. Never fails on time.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from performance_doc import write_section

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / ".build" / "bench_suite.log"  # the last run's output
HEADING = "## Test suite (`make test`)"
# What the suite took before it ran on xdist workers (2 cores, shared): CI's whole .ci/run, and runs by hand.
BEFORE = "342 s for CI's whole `.ci/run`; 357–480 s for `make test` by hand (one process, every test)"


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def cpu_seconds() -> float:
    """CPU time (user + system) of the finished child processes so far, theirs included (workers, Chromium)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def one_run(target: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one `make target`: the CPU time hardly depends on how busy the machine is."""
    started, cpu = time.perf_counter(), cpu_seconds()
    done = subprocess.run(["make", target], check=False, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    LOG.parent.mkdir(exist_ok=True)
    LOG.write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        sys.exit(f"`make {target}` failed (exit {done.returncode}): its output is in {LOG}; fix the suite first")
    return seconds, cpu_seconds() - cpu


def section(target: str, runs: list[tuple[float, float, str, str]]) -> str:
    times = [seconds for seconds, _, _, _ in runs]
    rows = "\n".join(
        f"| {n} | {seconds:.0f} s | {cpu:.0f} s | {before} | {after} |"
        for n, (seconds, cpu, before, after) in enumerate(runs, 1)
    )
    return f"""{HEADING}

`make {target}` end to end (ruff, mypy, then pytest on {os.cpu_count()} cores with xdist: one app server and one
Chromium per worker; the `slow` tests run in `make test-slow`), {len(runs)} runs one after the other on
{platform.machine()} Python {platform.python_version()}. The machine was shared with other work: the load
average (1 / 5 / 15 min) before and after each run says how busy it was; the CPU time (all processes of the
run, user + system) hardly depends on it. Niceness of the runs: {os.nice(0)}. Written by `bench/bench_suite.py`.

| run | wall time | CPU time | load before | load after |
| --- | --- | --- | --- | --- |
{rows}

**Median: {statistics.median(times):.0f} s** (target ≤ 150 s). Before: {BEFORE}.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", default="test")
    args = parser.parse_args()
    runs = []
    for n in range(args.runs):
        before = load_average()
        seconds, cpu = one_run(args.target)
        runs.append((seconds, cpu, before, load_average()))
        print(f"run {n + 1}: {seconds:.0f} s, CPU {cpu:.0f} s (load {before} before, {runs[-1][3]} after)", flush=True)
    text = section(args.target, runs)
    write_section(text)
    print(text)


if __name__ == "__main__":
    main()
