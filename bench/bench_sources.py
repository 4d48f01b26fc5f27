"""Benchmark reading the report as .docx and .pdf, and building a 50 MB text; write docs/PERFORMANCE.md.

Never fails on time: it reports what it measured (medians; the 50 MB build once, in a child
process of its own so its peak memory is its alone).
"""

import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_build import REPORT, median_seconds  # noqa: E402
from performance_doc import write_section  # noqa: E402
from report_files import report_docx, report_pdf  # noqa: E402

from etl.sources import docx_text, pdf_text  # noqa: E402

SECTION = "## Report formats and large inputs (python -m etl)"
_CHILD = (
    "import resource, sys, time; from etl.cli import main; t = time.perf_counter(); status = main(sys.argv[1:]); "
    "print('seconds', time.perf_counter() - t, 'maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def main() -> None:
    text = REPORT.read_text(encoding="utf-8")
    docx, pdf = report_docx(text), report_pdf(text)
    docx_seconds = median_seconds(lambda: docx_text(docx), runs=5)
    pdf_seconds = median_seconds(lambda: pdf_text(pdf), runs=3)
    with tempfile.TemporaryDirectory(dir=ROOT / ".build") as folder:
        big = Path(folder) / "big.txt"
        copies = 50_000_000 // len(text.encode("utf-8")) + 1
        big.write_text(text * copies, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, "--input", str(big), "--out", str(Path(folder) / "out")],
            cwd=ROOT,
            check=False,
            capture_output=True,
            text=True,
        )
        words = result.stdout.split()
        big_seconds = float(words[words.index("seconds") + 1])
        peak_mb = int(words[words.index("maxrss_kb") + 1]) / 1024
        size_mb = big.stat().st_size / 1e6
    section = f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()}).
Regenerate with `make bench`.

| input | what is timed | time |
| --- | --- | ---: |
| the report as .docx ({len(docx) / 1e3:.0f} KB, Word list numbering) | `etl.sources.docx_text` | {docx_seconds * 1000:.0f} ms (median of 5) |
| the report as .pdf ({len(pdf) / 1e3:.0f} KB, running heads and feet) | `etl.sources.pdf_text` (pdfplumber) | {pdf_seconds:.1f} s (median of 3) |
| the report repeated to {size_mb:.0f} MB ({copies} copies) | whole `python -m etl` build | {big_seconds:.0f} s, peak memory {peak_mb:,.0f} MB (limit 2 GB) |

Reading a PDF costs about {pdf_seconds / docx_seconds:.0f}× reading the same report as .docx: pdfplumber lays out
every character. The 50 MB build is linear in the text (see the x20 ratio above).
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
