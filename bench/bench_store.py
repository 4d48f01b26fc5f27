"""Benchmark adding one report to a store of 10, 300 and 10 000 reports (etl/store.py's layout), and main's layout at 300.

`python bench/bench_store.py [--sizes 10,300,10000] [--runs 3] [--work .build/bench_store]`: builds the
template store from data/raw/ (`python -m etl`), makes a synthetic store of each size with
bench/synthetic_store.py (real built reports replicated under new report_ids), then adds one real
report (data/raw/'s, under a new report_id and symbol) R times, each a new report, and writes to
docs/PERFORMANCE.md the median seconds of an add (`python -m etl --input <one file>`, in process and as a
command), the seconds of that report's build alone, and the store's size on disk and number of files.
At 300 reports it does the same with the store layout of the `main` branch (one folder of combined
tables per version, every report's folder hard-linked into it), its code taken from `git archive main`.
Never fails on time: it reports what it measured.
"""

import argparse
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
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from performance_doc import write_section  # noqa: E402
from synthetic_store import (  # noqa: E402
    synthetic_store as make_store,
    templates,
)

from contract.schema import BUILT_TABLES, to_json  # noqa: E402
from etl.cli import main as etl_main  # noqa: E402

SECTION = "## Adding one report to a store of many (bench/bench_store.py)"
RAW = ROOT / "data" / "raw"
REPORT = "CERD_C_KAZ_11-14_fr"
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
    """`python -m etl --input <file> --out <store>` run from `code` (this tree, or main's)."""
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


def main_layout_store(out: Path, template: Path, count: int) -> None:
    """A store as the `main` branch writes it: versions/<v>/ with the combined tables, catalog.json and
    reports/<id>/ (each report's tables), `current`, and links at the top; its reports replicated as above."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from synthetic_store import replicated

    from contract.schema import from_table

    models = templates(template)
    version = out / "versions" / (datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-1")
    combined: dict[str, list[pa.Table]] = {name: [] for name in BUILT_TABLES}
    for i in range(count):
        report_id = f"syn-{i:05d}"
        model = models[i % len(models)]
        tables = replicated(model, report_id)
        folder = version / "reports" / report_id
        folder.mkdir(parents=True)
        for name, table in tables.items():
            pq.write_table(table, folder / f"{name}.parquet")
            combined[name].append(table)
        info = {**model.info, "source": f"/synthetic/{report_id}.txt"}
        (folder / "build.json").write_text(json.dumps(info))
    for name, parts in combined.items():
        pq.write_table(pa.concat_tables(parts, promote_options="default"), version / f"{name}.parquet")
    catalog = pa.concat_tables(combined["catalog"], promote_options="default")
    (version / "catalog.json").write_text(to_json(from_table("catalog", catalog)), encoding="utf-8")
    (out / ".etl-store").write_text("A store of `python -m etl`.\n", encoding="utf-8")
    os.symlink(f"versions/{version.name}", out / "current")
    for name in [*(f"{t}.parquet" for t in BUILT_TABLES), "catalog.json"]:
        os.symlink(f"current/{name}", out / name)


def main_code(work: Path) -> Path:
    """The `main` branch's code, from `git archive` (no worktree, no checkout)."""
    code = work / "main-src"
    if not code.is_dir():
        code.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "main"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    return code


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
            f"| shards (this branch) | {size} | {add:.2f} | {cmd:.2f} | {mb:,.0f} | {files:,} | "
            f"{after_files - files:+,} | {'earlier run' if made != made else f'{made:.0f}'} |"
        )
        print(rows[-1], flush=True)
        if size == 300:
            rows.append(main_row(work, template, runs))
            print(rows[-1], flush=True)
    return [f"report's build alone (build_one, no store): {alone:.2f} s (median of {runs})", *rows]


def main_row(work: Path, template: Path, runs: int) -> str:
    code = main_code(work)
    out = work / "main300"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    main_layout_store(out, template, 300)
    made = time.perf_counter() - started
    mb, files = disk(out)
    cmd = measure(out, work, runs, 99_000, code)["add"]
    _, after_files = disk(out)
    return f"| one folder per version (main) | 300 | – | {cmd:.2f} | {mb:,.0f} | {files:,} | {after_files - files:+,} | {made:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,300,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / ".build" / "bench_store"))
    parser.add_argument("--reuse", action="store_true", help="keep the stores an earlier run made")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
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
        "Adding one report = `python -m etl --input <one .txt> --out <store>`: the report built, then committed. "
        f"Median of {runs} adds, each a new report (data/raw/'s, under a new report_id); the store is "
        "made by bench/synthetic_store.py (copies of data/raw/'s built report)."
    )
    header = (
        "| layout | reports | add, in process (s) | add, as a command (s) | disk (MB) | files | files after the adds "
        "| store made in (s) |"
    )
    return "\n".join([SECTION, "", measured, how, "", lines[0], "", header, "| --- |" + " ---: |" * 7, *lines[1:], ""])


if __name__ == "__main__":
    main()
