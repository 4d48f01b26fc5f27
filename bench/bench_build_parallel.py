"""Benchmark the build of real UPR PDFs on one process, two processes and a Dask LocalCluster of two workers.

`python bench/bench_build_parallel.py [--sample N] [--runs R]`: builds N PDFs of ../shared/corpus/upr/
(every k-th of the sorted names, the whole folder with --sample 0) into a fresh --out with
`--jobs 1`, `--jobs 2` and `--scheduler` on a LocalCluster of two single-threaded worker
processes (started before its build, not timed), the three taking turns R times; writes the medians
of wall time, CPU time (every process of the build: the command and every process it waited for,
from the kernel's accounting of children; the cluster's workers from their own counters) and peak
memory (the sum of their resident sets, sampled every 0.25 s) to docs/PERFORMANCE.md, and checks
that the three stores are the same byte for byte. The bench itself stays out of the way: on two
cores, a sampler that woke every 50 ms took CPU from the build it measured. Never fails on time:
it reports what it measured.
"""

import argparse
import hashlib
import json
import os
import platform
import resource
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
CLUSTER = "LocalCluster, 2 workers"
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
    """The summed resident memory of a set of processes and their descendants, sampled every 0.25 s."""

    def __init__(self, roots: list[psutil.Process]):
        self.roots, self.peak, self._stop = roots, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[psutil.Process]:
        found = []
        for root in self.roots:
            with suppress(psutil.Error):
                found += [root, *root.children(recursive=True)]
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.sample()

    def sample(self) -> None:
        rss = 0
        for process in self._tree():
            with suppress(psutil.Error):
                rss += process.memory_info().rss
        self.peak = max(self.peak, rss / 1e6)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def _children_cpu() -> float:
    """CPU seconds of every process this one has waited for, and those they waited for (the kernel's count)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _cpu(processes: list[psutil.Process]) -> float:
    """CPU seconds the cluster's workers (alive through the build, not waited for) have used so far."""
    total = 0.0
    for process in processes:
        with suppress(psutil.Error):
            times = process.cpu_times()  # with the processes it waited for (each PDF's reading child)
            total += times.user + times.system + times.children_user + times.children_system
    return total


def build(raw: Path, out: Path, options: list[str], workers: list[psutil.Process]) -> Measure:
    shutil.rmtree(out, ignore_errors=True)
    cpu_before = _children_cpu() + _cpu(workers)
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
    stderr = child.communicate()[1] or ""
    wall = time.perf_counter() - started
    cpu = _children_cpu() + _cpu(workers) - cpu_before
    peak = sampler.stop()
    errors = [line.replace(str(raw) + "/", "") for line in stderr.splitlines() if line.startswith("error:")]
    return Measure(wall, cpu, peak, child.returncode, stored_files(out), errors)


def stored_files(out: Path) -> dict[str, str]:
    """Every file the current version names (its manifest, each report's folder, each shard), by its SHA-256."""
    version = (out / "current").resolve()
    listed = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    paths = [p for _, folder, _ in listed["reports"] for p in sorted((out / "builds" / folder).iterdir())]
    paths += [out / "shards" / name for names in listed["tables"].values() for name in names]
    files = {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    # The version's own folder is named by when it was committed: its manifest is compared, not its name.
    return {"manifest.json": hashlib.sha256((version / "manifest.json").read_bytes()).hexdigest(), **files}


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
    load_before = os.getloadavg()[0]
    results: dict[str, list[Measure]] = {"--jobs 1": [], "--jobs 2": [], CLUSTER: []}
    for run in range(args.runs):
        for name in results:
            out = work / f"out{len(results[name])}-{name[:7]}"
            if name == CLUSTER:  # started for its build only: idle, its heartbeats would take from the others
                with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
                    workers = list(psutil.Process().children(recursive=True))
                    measure = build(raw, out, ["--scheduler", cluster.scheduler_address], workers)
            else:
                measure = build(raw, out, ["--jobs", name.split()[-1]], [])
            results[name].append(measure)
            print(f"run {run + 1} {name}: {measure.wall:.1f} s wall, {measure.cpu:.1f} s CPU, {measure.peak_mb:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)
    write_section(_section(results, len(chosen), args.runs, (load_before, os.getloadavg()[0])))


def _section(results: dict[str, list[Measure]], count: int, runs: int, load: tuple[float, float]) -> str:
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
    reports = sum(1 for name in every[0] if name.startswith("builds/") and name.endswith("/build.json"))
    # Each run's ways ran one after the other: their ratio is the least disturbed by the machine's other work.
    by_run = "; ".join(
        f"{name}: " + ", ".join(f"{a.wall / b.wall:.2f}×" for a, b in zip(results["--jobs 1"], ms, strict=True))
        for name, ms in results.items()
        if name != "--jobs 1"
    )
    return f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()},
{os.cpu_count()} cores), a machine shared with other work (load average {load[0]:.1f} before the first build,
{load[1]:.1f} after the last; another job's load makes the speed-up a lower bound).
`python bench/bench_build_parallel.py --sample {count} --runs {runs}`:
{count} PDFs of `../shared/corpus/upr/` (every k-th name), {reports} built (the others fail alone with
one line, exit statuses {statuses}), into a fresh `--out` each time; median of {runs} run(s), the three
ways taking turns. CPU time and peak memory cover every process of the build (the command, its
pool's workers, the cluster's workers; memory is the peak of their summed resident sets, sampled every
0.25 s, the cluster's idle workers included).

| way | wall time | CPU time | CPU / wall | speed-up | peak memory |
| --- | ---: | ---: | ---: | ---: | ---: |
{rows}

The speed-up run by run (each run's `--jobs 1` against the same run's other way): {by_run}.

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
