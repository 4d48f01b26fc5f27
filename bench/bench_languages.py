"""Benchmark the reader of each language on the same text and write its section of docs/PERFORMANCE.md.

The English and Spanish versions of 42 paragraphs of the report (tests/data/) and the French
original of the same paragraphs are each repeated, with their paragraphs renumbered, to the size of
the whole report (about 190 KB), then segmented and read (build_report) with their language's
tables. Medians of repeated runs, ratios within one run. Also: sentence splitting on one long line
and its double (linear time). Never fails on time: it reports what it measured.
"""

import platform
import re
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402
from timing import median_seconds  # noqa: E402

from etl.build import build_report  # noqa: E402
from etl.segment import segment  # noqa: E402
from etl.sentences import split_sentences  # noqa: E402

REPORT = ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt"
VERSIONS = {lang: ROOT / "tests" / "data" / f"CERD_C_KAZ_11-14_{lang}.txt" for lang in ("en", "es")}
SECTION = "## Readers by language (build_report, in process)"
RUNS = 9


def french_excerpt(report: str, numbers: list[int]) -> str:
    """The French original of the paragraphs the versions translate, in the report's layout."""
    wanted = set(numbers)
    return "".join(f"{p.paragraph}.\t{p.text}\n" for p in segment(report) if p.paragraph in wanted)


def repeated(text: str, times: int) -> str:
    """The text `times` over, its paragraphs numbered 1, 2, 3 … throughout."""
    copies = "\n".join([text] * times)
    counter = iter(range(1, 10**6))
    return re.sub(r"^\d+\.(?=\t)", lambda m: f"{next(counter)}.", copies, flags=re.MULTILINE)


def main() -> None:
    report = REPORT.read_text(encoding="utf-8")
    versions = {lang: path.read_text(encoding="utf-8") for lang, path in VERSIONS.items()}
    numbers = [p.paragraph for p in segment(versions["en"])]
    copies = round(len(report) / len(versions["en"]))  # the same copies in every language: report-sized
    texts = {"fr": repeated(french_excerpt(report, numbers), copies)}
    texts |= {lang: repeated(text, copies) for lang, text in versions.items()}
    for lang, text in texts.items():
        build_report(text, "warm-up", lang)
    # languages take turns, run after run, so a busy moment of the machine hits them alike
    times: dict[str, list[float]] = {lang: [] for lang in texts}
    for _ in range(RUNS):
        for lang, text in texts.items():
            times[lang].append(median_seconds(lambda text=text, lang=lang: build_report(text, "r", lang), runs=1))
    rows = {}
    for lang, text in texts.items():
        records = build_report(text, "r", lang)
        rows[lang] = (len(text), len(records.paragraphs), len(records.claims), statistics.median(times[lang]))
    whole = median_seconds(lambda: build_report(report, "r", "fr"), runs=RUNS)
    table = "\n".join(
        f"| {lang} | {chars:,} | {paragraphs:,} | {claims:,} | {seconds * 1000:.0f} ms | {seconds / rows['fr'][3]:.2f} |"
        for lang, (chars, paragraphs, claims, seconds) in rows.items()
    )
    line = "Le rapport (art. 174) a été adopté. " * 3_800  # one 136 KB line of sentences
    one = median_seconds(lambda: split_sentences(line, "fr"), runs=9)
    double = median_seconds(lambda: split_sentences(line * 2, "fr"), runs=9)
    section = f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()}),
median of {RUNS} runs, segmentation and claim extraction, no file I/O. The same 42 paragraphs in
each language (tests/data/ and their French original), {copies} times over: about the report's size;
the languages take turns run after run.
Regenerate with `make bench` (or `.venv/bin/python bench/bench_languages.py`).

| language | characters | paragraphs | claims | median time | ratio to French |
| --- | ---: | ---: | ---: | ---: | ---: |
{table}

The whole French report ({len(report):,} characters): {whole * 1000:.0f} ms. Target: English and Spanish
within 1.5× the French reader.

Sentence splitting on one line of {len(line) // 1000} KB: {one * 1000:.0f} ms; on twice that line:
{double * 1000:.0f} ms (ratio {double / one:.1f}; linear is 2, a quadratic look-back once took 24 s).
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
