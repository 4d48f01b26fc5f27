"""Benchmark suggesting tables against the whole build, and write its section of docs/PERFORMANCE.md.

The build is `python -m etl` run in process on the report, from scratch each time (no stored
tables to reuse), with the curated definitions and with none. Suggesting is what the build
does for suggestions: find them, publish the uncharted ones (their observations and sums),
and their catalogue entries. Medians of repeated runs; never fails on time. The section also
says how many curated tables the suggestions recover (docs/SUGGESTIONS.md), so that a change
made for speed shows what it costs in tables found.
"""

import platform
import shutil
import sys
import tempfile
from contextlib import redirect_stdout
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402
from timing import median_seconds, medians  # noqa: E402

from etl.build import build_indicators, build_report, build_suggestions  # noqa: E402
from etl.catalog import suggested_entries  # noqa: E402
from etl.cli import main as build  # noqa: E402
from etl.indicators import parse_definitions  # noqa: E402
from etl.suggest import recovery, suggest  # noqa: E402

REPORT_ID = "CERD_C_KAZ_11-14_fr"
REPORT = ROOT / "data" / "raw" / f"{REPORT_ID}.txt"
SECTION = "## Suggested tables"
RUNS = 7
TABLE_CHARTS = ("time_series", "breakdown", "composition")  # the curated indicators drawn as tables


def fresh_build(indicators: Path) -> None:
    """The whole `python -m etl` on the report into an empty folder: every table rebuilt and written."""
    out = Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    try:
        with redirect_stdout(StringIO()):
            assert build(["--input", str(REPORT), "--out", str(out), "--indicators", str(indicators)]) == 0
    finally:
        shutil.rmtree(out, ignore_errors=True)


def suggesting(records, curated: list) -> None:
    """What the build does for suggestions: find, publish the uncharted ones, and their catalogue entries."""
    suggested = build_suggestions(records, curated, REPORT_ID)
    suggested_entries(suggested.published, curated + suggested.observations, suggested.checks)


def recovered(definitions, curated: list, found) -> tuple[int, int]:
    """How many of the curated tables (two numbers or more) the suggestions recover, of how many."""
    charts = {i.indicator_id: i.chart for i in definitions.indicators}
    tables: dict[str, list[str]] = {}
    for o in curated:
        tables.setdefault(o.indicator_id, []).append(o.claim_id)
    tables = {i: ids for i, ids in tables.items() if len(ids) >= 2 and charts[i] in TABLE_CHARTS}
    result = recovery(tables, {s.suggestion_id: s.claim_ids for s in found})
    return sum(r.recovered for r in result.values()), len(tables)


def main() -> None:
    empty = Path(tempfile.mkdtemp(prefix="bench-no-definitions-"))
    records = build_report(REPORT.read_text(encoding="utf-8"), REPORT_ID)
    definitions = parse_definitions(
        {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "indicators").glob("*.toml")}
    )
    curated = build_indicators(definitions, records, REPORT_ID).observations
    fresh_build(ROOT / "indicators")  # warm-up: imports, regex caches
    rows = []
    for name, folder, charted in (("curated definitions", ROOT / "indicators", curated), ("no definitions", empty, [])):
        whole, part = medians(
            [lambda folder=folder: fresh_build(folder), lambda charted=charted: suggesting(records, charted)]
        )
        rows.append((name, whole, part))
    claims, paragraphs = records.claims, records.paragraphs
    alone = median_seconds(lambda: suggest(claims, paragraphs, REPORT_ID), runs=21)
    found = suggest(claims, paragraphs, REPORT_ID)
    held, tables = recovered(definitions, curated, found)
    shutil.rmtree(empty, ignore_errors=True)
    table = "\n".join(
        f"| {name} | {whole * 1000:.0f} ms | {part * 1000:.0f} ms | **{part / whole:.0%}** |"
        for name, whole, part in rows
    )
    section = f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()}),
medians of {RUNS} interleaved runs, `python bench/bench_suggest.py` (also `make bench`). The build is `python -m etl` on the
report in process, from scratch (no stored tables reused), reading the text and writing every table; suggesting
is its share for suggestions: finding them in the claims, publishing the uncharted ones (definitions, observations,
sums) and their catalogue entries. Target: at most 20 % of the build.

| definitions | whole build | suggesting | share |
| --- | ---: | ---: | ---: |
{table}

Finding the {len(found)} suggestions alone (`etl.suggest.suggest` over {len(records.claims)} claims of
{len(records.paragraphs)} paragraphs): median **{alone * 1000:.1f} ms** of 21 runs. They recover {held} of the
{tables} curated tables ({held / tables:.0%}; the measure of docs/SUGGESTIONS.md).
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
