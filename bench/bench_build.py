"""Benchmark the in-process build (segment + claims, then indicators + checks) and write docs/PERFORMANCE.md.

Measures the report once and repeated 20 times (to show how cost grows with text size),
quoting medians of repeated runs. Never fails on time: it reports what it measured.
"""

import platform
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402
from timing import median_seconds  # noqa: E402

from etl.build import build_indicators, build_report  # noqa: E402
from etl.indicators import parse_definitions  # noqa: E402

REPORT = ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt"
SECTION = "## ETL build (python -m etl, in process)"


def main() -> None:
    text = REPORT.read_text(encoding="utf-8")
    big = "\n".join([text] * 20)
    build_report(text, "warm-up")
    one = median_seconds(lambda: build_report(text, "r"), runs=9)
    twenty = median_seconds(lambda: build_report(big, "r"), runs=3)
    records = build_report(text, "r")
    report_id = "CERD_C_KAZ_11-14_fr"
    definitions = parse_definitions(
        {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "indicators").glob("*.toml")}
    )
    own = build_report(text, report_id)
    tables = build_indicators(definitions, own, report_id)
    indicators = median_seconds(lambda: build_indicators(definitions, own, report_id), runs=9)
    rows = [
        ("report (190 KB, 437 paragraphs)", len(text), one, len(records.claims)),
        ("report x20 (3.8 MB, 8 740 paragraphs)", len(big), twenty, len(records.claims) * 20),
    ]
    table = "\n".join(
        f"| {name} | {chars:,} | {seconds * 1000:.0f} ms | {claims:,} | {chars / seconds / 1e6:.2f} M chars/s |"
        for name, chars, seconds, claims in rows
    )
    section = f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()}),
median of 9 runs (x1) and 3 runs (x20), segmentation and claim extraction, no file I/O.
Regenerate with `make bench`.

| input | characters | median time | claims | throughput |
| --- | ---: | ---: | ---: | ---: |
{table}

Cost ratio x20 / x1: **{twenty / one:.1f}** for 20 times the text (linear would be 20).

Indicators and checks from the claims ({len(definitions.indicators)} definitions, {len(tables.observations)} observations,
{len(tables.checks)} checks): median **{indicators * 1000:.0f} ms** of 9 runs, {indicators / one:.2f}× the segment + claims step.
Target: the whole report in under 0.5 s on this 2-core machine.
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
