"""Benchmark adding one report to a store of 10, 300 and 10 000 reports (etl/store.py's layout).

`python bench/bench_store.py [--sizes 10,300,10000] [--runs 3] [--work .build/bench_store]`: builds the
template store from data/raw/ (`python -m etl`), makes a synthetic store of each size with
bench/synthetic_store.py (real built reports replicated under new report_ids), then adds one real
report (data/raw/'s, under a new report_id and symbol) R times, each a new report, and writes to
docs/PERFORMANCE.md the median seconds of an add (`python -m etl --input <one file>`, in process and as a
command), the seconds of that report's build alone, and the store's size on disk and number of files.
(The layout before shards, one folder of combined tables per version, took 268 s an add at 300 reports
as a command: see the section's history in git.) Never fails on time: it reports what it measured.
"""

import argparse
import compileall
import contextlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from performance_doc import write_section  # noqa: E402
from synthetic_store import (  # noqa: E402
    synthetic_store as make_store,
)

from etl.cli import main as etl_main  # noqa: E402

SECTION = "## Adding one report to a store of many (bench/bench_store.py)"
RAW = ROOT / "data" / "raw"
REPORT = "CERD_C_KAZ_11-14_fr"
LABEL = "shards, an add one more file a shard"
REUSE = "--reuse" in sys.argv  # keep the synthetic stores of an earlier run (making 10 000 takes half an hour)


def added_report(folder: Path, n: int) -> Path:
    """data/raw/'s report under a report_id and symbol of its own (a new report, not a translation)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"added-{n}.txt"
    shutil.copy2(RAW / f"{REPORT}.txt", path)
    meta = json.loads((RAW / f"{REPORT}.json").read_text(encoding="utf-8"))
    meta.update(report_id=f"added-{n}", symbol=f"ADDED/{n}")
    (folder / f"added-{n}.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def in_process(path: Path, out: Path) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        status = etl_main(["--input", str(path), "--out", str(out)])
    assert status == 0, f"adding {path} failed"
    return time.perf_counter() - started


def command(path: Path, out: Path, code: Path) -> float:
    """`python -m etl --input <file> --out <store>` run from `code` (this tree), its bytecode compiled (`main`)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "--input",
            str(path),
            "--out",
            str(out),
            "--indicators",
            str(ROOT / "indicators"),
        ],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return time.perf_counter() - started


def build_alone(path: Path) -> float:
    """The report's build without the store (etl/report.py's build_one), for the store's share of an add."""
    from etl.cli import code_fingerprint  # noqa: F401  (imported: the same modules as an add)
    from etl.definitions import parse_definitions
    from etl.inputs import load_definition_texts, load_metadata, read_input
    from etl.report import ReportSource, build_one
    from etl.sources import MAX_REPORT_BYTES

    metadata, _ = load_metadata(path)
    source = ReportSource(str(path), read_input(path, MAX_REPORT_BYTES, "report file"), metadata, path.stem)
    definitions = parse_definitions(load_definition_texts(ROOT / "indicators"))
    started = time.perf_counter()
    build_one(source, definitions, "2025-01-01T00:00:00+00:00")
    return time.perf_counter() - started


def disk(out: Path) -> tuple[float, int]:
    """MB on disk (hard links counted once) and the number of files."""
    seen, size, files = set(), 0, 0
    for folder, _, names in os.walk(out):
        for name in names:
            status = os.lstat(os.path.join(folder, name))
            files += 1
            if status.st_ino not in seen:
                seen.add(status.st_ino)
                size += status.st_blocks * 512
    return size / 1e6, files


def measure(out: Path, work: Path, runs: int, start: int, code: Path | None) -> dict[str, float]:
    """Median seconds of `runs` adds in process (this tree) or as a command (`code`), each a new report."""
    paths = [added_report(work / "added", start + k) for k in range(runs)]
    if code is None:
        times = [in_process(p, out) for p in paths]
    else:
        times = [command(p, out, code) for p in paths]
    return {"add": statistics.median(times)}


def run(sizes: list[int], runs: int, work: Path, first: bool = True) -> list[str]:
    template = work / "template"
    if not (template / "current").exists():
        with contextlib.redirect_stdout(io.StringIO()):
            assert etl_main(["--input", str(RAW), "--out", str(template)]) == 0
    rows = []
    alone = statistics.median(build_alone(added_report(work / "added", 0)) for _ in range(runs if first else 1))
    for size in sizes:
        out = work / f"store{size}"
        made = float("nan")  # --reuse: a store an earlier run made (with that run's adds in it)
        if not (REUSE and (out / "current").exists()):
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            make_store(out, template, size)
            made = time.perf_counter() - started
        mb, files = disk(out)
        add = measure(out, work, runs, 100 * size, None)["add"]
        cmd = measure(out, work, runs, 100 * size + 50, ROOT)["add"]
        _, after_files = disk(out)
        rows.append(
            f"| {LABEL} | {size} | {add:.2f} | {cmd:.2f} | {mb:,.0f} | {files:,} | "
            f"{after_files - files:+,} | {'earlier run' if made != made else f'{made:.0f}'} |"
        )
        print(rows[-1], flush=True)
    return [f"report's build alone (build_one, no store): {alone:.2f} s (median of {runs})", *rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,300,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / ".build" / "bench_store"))
    parser.add_argument("--reuse", action="store_true", help="keep the stores an earlier run made")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    # The commands run on compiled bytecode, as after Python's first run of the code; where PYTHONDONTWRITEBYTECODE
    # is set (this machine) and nothing compiled it, each command would compile etl/ and contract/ again.
    for package in ("etl", "contract"):
        compileall.compile_dir(ROOT / package, quiet=1)
    sizes = [int(s) for s in args.sizes.split(",")]
    for done in range(1, len(sizes) + 1):  # the section is written after each size: a long run leaves what it has
        lines = run(sizes[done - 1 : done], args.runs, work, first=done == 1)
        rows = lines[1:] if done > 1 else lines
        _written.extend(rows)
        write_section(_section(_written, args.runs))
    print(_section(_written, args.runs))


_written: list[str] = []


def _section(lines: list[str], runs: int) -> str:
    load = os.getloadavg()[0]
    measured = (
        f"Measured {date.today().isoformat()} on {os.cpu_count()} cores ({platform.machine()}), Python "
        f"{platform.python_version()}; the machine was shared (load average {load:.0f} when written): "
        "compare the rows, not the seconds."
    )
    how = (
        "Adding one report = `python -m etl --input <one .txt> --out <store>`: the report built, then committed "
        "(as a command: Python started, the code imported from its compiled bytecode). "
        f"Median of {runs} adds, each a new report (data/raw/'s, under a new report_id); the store is "
        "made by bench/synthetic_store.py (copies of data/raw/'s built report)."
    )
    header = (
        "| layout | reports | add, in process (s) | add, as a command (s) | disk (MB) | files | files after the adds "
        "| store made in (s) |"
    )
    return "\n".join(
        [SECTION, "", measured, how, "", lines[0], "", header, "| --- |" + " ---: |" * 7, *lines[1:], "", WHAT, ""]
    )


# What an add writes, beside the figures (they are the same for every run).
WHAT = (
    "An add writes the report's folder, its rows as one more small file of its shard in each table, and the "
    "manifest: a shard's newest files are merged as they grow (`etl/shards.py` `merged_from`), so a shard keeps a "
    "few files and its oldest, largest one is written again only once the newer ones hold a quarter of its rows; "
    "replacing a stored report writes its file again. Earlier layouts (every add rewriting one 64th shard of each "
    "table; before shards, one folder of combined tables a version) and their figures are in this file's git history."
)


if __name__ == "__main__":
    main()
