"""Benchmark the build of real UPR PDFs on one process, two processes and a Dask LocalCluster of two workers.

`python bench/bench_build_parallel.py [--sample N] [--runs R]`: builds N PDFs of ../shared/corpus/upr/
(every k-th of the sorted names, the whole folder with --sample 0) into a fresh --out with
`--jobs 1`, `--jobs 2` and `--scheduler` on a LocalCluster of two single-threaded worker
processes, the three taking turns R times; writes the medians of wall time, CPU time (every process
of the build: the command, its pool's workers, the cluster's workers) and peak memory (the sum of
their resident sets) to docs/PERFORMANCE.md, and checks that the three stores are the same byte
for byte. Never fails on time: it reports what it measured.
"""

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402

# ../shared/ beside the project's clone (a worktree sits one level deeper)
CORPUS = next(
    (p / "shared" / "corpus" / "upr" for p in ROOT.parents if (p / "shared" / "corpus" / "upr").is_dir()), None
)
SECTION = "## Parallel build (python -m etl --jobs / --scheduler, real UPR PDFs)"
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: the three stores can be compared byte for byte


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_mb: float
    status: int
    files: dict[str, str]
    errors: list[str]


class Sampler:
    """CPU seconds and summed resident memory of a set of processes and their descendants, sampled every 0.1 s."""

    def __init__(self, roots: list[psutil.Process]):
        self.roots, self.cpu, self.peak, self._stop = roots, dict[int, float](), 0.0, threading.Event()
        self._start = {p.pid: _cpu(p) for p in self._tree()}  # the cluster's workers have run before
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[psutil.Process]:
        found = []
        for root in self.roots:
            with suppress(psutil.Error):
                found += [root, *root.children(recursive=True)]
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.sample()

    def sample(self) -> None:
        rss = 0
        for process in self._tree():
            try:
                self.cpu[process.pid] = _cpu(process) - self._start.get(process.pid, 0.0)
                rss += process.memory_info().rss
            except psutil.Error:
                pass
        self.peak = max(self.peak, rss / 1e6)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return sum(self.cpu.values()), self.peak


def _cpu(process: psutil.Process) -> float:
    """Its own CPU seconds (its children are sampled themselves: their reaped time would count twice)."""
    times = process.cpu_times()
    return times.user + times.system


def build(raw: Path, out: Path, options: list[str], workers: list[psutil.Process]) -> Measure:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "etl", "--input", str(raw), "--out", str(out), *options],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = Sampler([psutil.Process(child.pid), *workers])
    while True:
        try:
            stderr = child.communicate(timeout=0.05)[1] or ""
            break
        except subprocess.TimeoutExpired:
            sampler.sample()  # the last samples before the workers exit
    wall = time.perf_counter() - started
    cpu, peak = sampler.stop()
    folder = (out / "current").resolve()
    files = {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    errors = [line.replace(str(raw) + "/", "") for line in stderr.splitlines() if line.startswith("error:")]
    return Measure(wall, cpu, peak, child.returncode, files, errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sample", type=int, default=30, help="how many PDFs (0: all 274; default 30)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each way, taking turns (default 1)")
    args = parser.parse_args()
    from distributed import LocalCluster

    pdfs = sorted(CORPUS.glob("*.pdf")) if CORPUS else []
    if not pdfs:
        sys.exit("error: no ../shared/corpus/upr/*.pdf beside the project; this benchmark needs the shared corpus")
    chosen = pdfs if args.sample <= 0 else pdfs[:: max(1, len(pdfs) // args.sample)][: args.sample]
    work = Path(tempfile.mkdtemp(prefix="bench_parallel_"))
    raw = work / "raw"
    raw.mkdir()
    for pdf in chosen:
        os.symlink(pdf, raw / pdf.name)
    results: dict[str, list[Measure]] = {"--jobs 1": [], "--jobs 2": [], "LocalCluster, 2 workers": []}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        workers = list(psutil.Process().children(recursive=True))
        ways = {
            "--jobs 1": (["--jobs", "1"], []),
            "--jobs 2": (["--jobs", "2"], []),
            "LocalCluster, 2 workers": (["--scheduler", cluster.scheduler_address], workers),
        }
        for run in range(args.runs):
            for name, (options, watched) in ways.items():
                measure = build(raw, work / f"out{len(results[name])}-{name[:7]}", options, watched)
                results[name].append(measure)
                print(
                    f"run {run + 1} {name}: {measure.wall:.1f} s wall, {measure.cpu:.1f} s CPU, {measure.peak_mb:.0f} MB"
                )
    shutil.rmtree(work, ignore_errors=True)
    write_section(_section(results, len(chosen), args.runs))


def _section(results: dict[str, list[Measure]], count: int, runs: int) -> str:
    one = statistics.median(m.wall for m in results["--jobs 1"])
    stores = {name: [m.files for m in measures] for name, measures in results.items()}
    every = [files for measures in stores.values() for files in measures]
    same = all(files == every[0] for files in every)
    statuses = sorted({m.status for measures in results.values() for m in measures})
    lines = [m.errors for measures in results.values() for m in measures]
    same_errors = all(found == lines[0] for found in lines)
    failures = "\n".join(f"- `{line}`" for line in lines[0]) or "- none"
    rows = "\n".join(
        f"| {name} | {statistics.median(m.wall for m in ms):.1f} s | {statistics.median(m.cpu for m in ms):.1f} s "
        f"| {statistics.median(m.cpu for m in ms) / statistics.median(m.wall for m in ms):.2f} "
        f"| {one / statistics.median(m.wall for m in ms):.2f}× | {statistics.median(m.peak_mb for m in ms):.0f} MB |"
        for name, ms in results.items()
    )
    reports = sum(1 for name in every[0] if name.startswith("reports/") and name.endswith("/build.json"))
    return f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()},
{os.cpu_count()} cores), **a machine shared with other sessions' builds and tests**: the figures
are noisy and the speed-up is a lower bound. `python bench/bench_build_parallel.py --sample {count} --runs {runs}`:
{count} PDFs of `../shared/corpus/upr/` (every k-th name), {reports} built (the others fail alone with
one line, exit statuses {statuses}), into a fresh `--out` each time; median of {runs} run(s), the three
ways taking turns. CPU time and peak memory cover every process of the build (the command, its
pool's workers, the cluster's workers; memory is the peak of their summed resident sets, the
cluster's idle workers included).

| way | wall time | CPU time | CPU / wall | speed-up | peak memory |
| --- | ---: | ---: | ---: | ---: | ---: |
{rows}

CPU / wall well below 1 for `--jobs 1` means the build got a fraction of a core: other work had the
machine. Then the CPU times are the figures to compare (the work per PDF, whichever way), and the
wall times and speed-ups say more about the load of the moment than about the build.

Reports that failed (the same lines whichever way: {"yes" if same_errors else "**no**"}):
{failures}

The three stores are {"the same byte for byte" if same else "**not** the same"} (every file of the
current version compared by SHA-256; `tests/test_parallel_build.py` holds the same check on the
test corpus).
"""


if __name__ == "__main__":
    main()
