"""Benchmark the PDF reader over the UPR corpus: CPU seconds per PDF, PDFium and layout against the
pdfplumber reader it replaced, and what the layout took out; write docs/PERFORMANCE.md.

    .venv/bin/python bench/bench_pdf.py [folder] [--old-every N]

The new reader runs over every PDF of the folder (default ../shared/corpus/upr). The old one
(pdfplumber's text lines, its own layout being negligible beside them) costs about 2.5 s a PDF, so
it runs over every Nth PDF only (default 25: 11 of the 274). CPU time is the parent's and the
reading child's together. Never fails on time: it reports what it measured.
"""

import argparse
import io
import platform
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402

from etl.pdf_layout import layout  # noqa: E402
from etl.pdf_read import PdfReadError, read_pdf  # noqa: E402
from etl.sources import MAX_PDF_PAGES  # noqa: E402

SECTION = "## PDF reader (etl/pdf_read.py, etl/pdf_layout.py)"
# Where the corpus sits beside the project: ../shared from the main checkout, ../../shared from a worktree.
WHY = (
    "Why PDFium (pypdfium2): it gives every line's box and font size, which the layout needs, for a "
    "fraction of pdfplumber's (pdfminer's) cost, under Apache/BSD licences; PyMuPDF is as fast but under "
    "the AGPL. The reading child costs a fork a PDF (included above); it bounds what PDFium does with a "
    "hostile file (docs/SECURITY.md)."
)
DEFAULT_FOLDER = next(
    (
        p
        for p in (ROOT.parent / "shared" / "corpus" / "upr", ROOT.parent.parent / "shared" / "corpus" / "upr")
        if p.exists()
    ),
    ROOT.parent / "shared" / "corpus" / "upr",
)


def cpu_seconds() -> float:
    """This process's CPU time and that of its children that have ended (the reading child)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def new_reader(data: bytes) -> tuple[float, float, int, int, int, int]:
    """(CPU seconds reading, CPU seconds of layout, pages, furniture lines, contents lines, notes)."""
    start = cpu_seconds()
    pages = read_pdf(data, MAX_PDF_PAGES)
    read = cpu_seconds()
    body = layout(pages.lines)
    done = cpu_seconds()
    return read - start, done - read, len(pages.lines), len(body.furniture), len(body.contents), len(body.notes)


def old_reader(data: bytes) -> float:
    """CPU seconds of the replaced reader's text lines (pdfplumber), every page."""
    import pdfplumber

    start = cpu_seconds()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text_lines(layout=False, strip=True, return_chars=False)
    return cpu_seconds() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--old-every", type=int, default=25)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDF in {args.folder}")
    rows, failed = [], []
    started = time.perf_counter()
    for path in files:
        try:
            rows.append((path.name, *new_reader(path.read_bytes())))
        except PdfReadError as error:
            failed.append(f"{path.name}: {error}")
    wall = time.perf_counter() - started
    sample = files[:: args.old_every]
    old = {path.name: old_reader(path.read_bytes()) for path in sample}
    new_total = {name: read + lay for name, read, lay, *_ in rows}
    write_section(_section(args.folder, rows, failed, old, new_total, wall, args.old_every))
    print(f"{len(rows)} PDFs read, {len(failed)} failed; median {statistics.median(new_total.values()):.3f} s CPU")


def _section(folder, rows, failed, old, new_total, wall, every) -> str:
    reads = [r[1] for r in rows]
    lays = [r[2] for r in rows]
    totals = list(new_total.values())
    pages = sum(r[3] for r in rows)
    furniture, contents, notes = (sum(r[i] for r in rows) for i in (4, 5, 6))
    on_sample = [new_total[name] for name in old if name in new_total]
    lines = [
        SECTION,
        "",
        (
            f"Measured {date.today().isoformat()} on {platform.machine()} (CPython {platform.python_version()}), "
            "on a machine shared with other jobs (2 cores, several builds at once): CPU time, not wall time, "
            f"over the {len(rows) + len(failed)} PDFs of `{folder.name}/` ({pages:,} pages). "
            "Regenerate with `.venv/bin/python bench/bench_pdf.py [folder]`."
        ),
        "",
        "| reader | PDFs | median CPU s / PDF | mean | slowest |",
        "| --- | ---: | ---: | ---: | ---: |",
        (
            f"| PDFium lines (child process included) | {len(rows)} | {statistics.median(reads):.3f} | "
            f"{statistics.mean(reads):.3f} | {max(reads):.3f} |"
        ),
        (
            f"| layout (furniture, contents, notes, joins) | {len(rows)} | {statistics.median(lays):.3f} | "
            f"{statistics.mean(lays):.3f} | {max(lays):.3f} |"
        ),
        (
            f"| **new reader, all** | {len(rows)} | **{statistics.median(totals):.3f}** | "
            f"**{statistics.mean(totals):.3f}** | {max(totals):.3f} |"
        ),
        (
            f"| new reader, on the sample below | {len(on_sample)} | {statistics.median(on_sample):.3f} | "
            f"{statistics.mean(on_sample):.3f} | {max(on_sample):.3f} |"
        ),
        (
            f"| old reader (pdfplumber text lines), every {every}th PDF | {len(old)} | "
            f"{statistics.median(old.values()):.3f} | {statistics.mean(old.values()):.3f} | {max(old.values()):.3f} |"
        ),
        "",
        (
            f"Taken out of the body: {furniture:,} running heads and feet ({furniture / max(pages, 1):.1f} a page), "
            f"{contents:,} table-of-contents lines, {notes:,} footnotes. "
            f"Wall time of the new reader over the folder: {wall:.0f} s. Failed: {len(failed)}."
        ),
    ]
    lines += [f"- {line}" for line in failed]
    lines += ["", WHY]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
