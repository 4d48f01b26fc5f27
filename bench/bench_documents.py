"""Read the identity of every PDF of the UPR corpus from its first page; write docs/PERFORMANCE.md's section.

How many of the corpus's PDFs get every field (symbol, date, body, type, State, its code, language)
from their first page, as PDFium (the build's reader) and pdfplumber read that page, and at what
cost. The corpus's file names (`<state><year>.pdf`, given by the collection the reports come from)
are a check made apart from the detection: a PDF whose detected State or year disagrees with its
name is listed for a reader to look at. Never fails on what it finds.

    .venv/bin/python bench/bench_documents.py [folder of PDFs]   # default: ../shared/corpus/upr/
"""

import hashlib
import io
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from performance_doc import write_section  # noqa: E402

from contract.states import fold, state_of  # noqa: E402
from etl.document import Detected, detect  # noqa: E402
from etl.sources import pdf_first_page  # noqa: E402

SECTION = "## Document identity from the first page (etl/document.py)"
# Where the corpus sits beside the project: ../shared from the main checkout, ../../shared from a worktree.
CORPUS_PLACES = (ROOT.parent / "shared" / "corpus" / "upr", ROOT.parent.parent / "shared" / "corpus" / "upr")
FIELDS = ("symbol", "date_issued", "body", "document_type", "state", "state_iso3", "language")
HEADINGS = ("symbol", "date", "body", "type", "State", "ISO code", "language")


def plumber_first_page(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[0].extract_text() or ""


READERS: dict[str, Callable[[bytes], str]] = {
    "PDFium (`etl.sources.pdf_first_page`, the build's)": pdf_first_page,
    "pdfplumber (`pages[0].extract_text()`)": plumber_first_page,
}


def read_all(pdfs: list[Path], reader: Callable[[bytes], str]) -> tuple[dict[str, Detected], float, float]:
    """Each PDF's detected fields, and the CPU seconds of reading its first page and of detecting, per PDF."""
    found, reading, detecting = {}, 0.0, 0.0
    for pdf in pdfs:
        data = pdf.read_bytes()
        started = time.process_time()
        page = reader(data)
        read = time.process_time()
        found[pdf.stem] = detect(page)
        reading, detecting = reading + read - started, detecting + time.process_time() - read
    return found, reading / len(pdfs), detecting / len(pdfs)


def name_disagreements(pdfs: list[Path], found: dict[str, Detected]) -> list[str]:
    """PDFs whose detected State or year is not the one their file name gives, each with what was read."""
    digests = {pdf.stem: hashlib.sha256(pdf.read_bytes()).hexdigest() for pdf in pdfs}
    lines = []
    for stem, detected in sorted(found.items()):
        state = state_of(detected.state_iso3 or "")
        names = [re.sub(r"[^a-z]", "", fold(n)) for n in ((state.en, state.fr, *state.other) if state else ())]
        name, year = re.fullmatch(r"(.+?)(\d{4})", stem.lower()).groups()  # type: ignore[union-attr]
        same_name = any(name.replace("-", "") in n for n in names)
        same_year = detected.date_issued is not None and abs(detected.date_issued.year - int(year)) <= 1
        if not (same_name and same_year):
            twins = [other for other, digest in digests.items() if digest == digests[stem] and other != stem]
            twin = f"; the same bytes as {', '.join(t + '.pdf' for t in twins)}" if twins else ""
            lines.append(
                f"- `{stem}.pdf`: printed {detected.symbol}, {detected.date_issued}, "
                f"{detected.state} ({detected.state_iso3}){twin}"
            )
    return lines


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else next((p for p in CORPUS_PLACES if p.is_dir()), None)
    if folder is None or not folder.is_dir():
        sys.exit(f"no corpus folder ({', '.join(map(str, CORPUS_PLACES))}); give one as the first argument")
    pdfs = sorted(folder.glob("*.pdf"))
    rows, results = [], {}
    for label, reader in READERS.items():
        found, reading, detecting = read_all(pdfs, reader)
        results[label] = found
        every = sum(all(getattr(d, f) is not None for f in FIELDS) for d in found.values())
        counts = [sum(getattr(d, f) is not None for d in found.values()) for f in FIELDS]
        cells = " | ".join(map(str, counts))
        rows.append(
            f"| {label} | {len(pdfs)} | **{every}** | {cells} | {reading * 1000:.1f} ms | {detecting * 1000:.2f} ms |"
        )
    first, second = results.values()
    differ = sorted(stem for stem in first if first[stem] != second[stem])
    build = next(iter(results.values()))
    kinds = Counter(f"{d.body} {d.document_type}" for d in build.values())
    dates = sorted(d.date_issued for d in build.values() if d.date_issued)
    symbols, states = {d.symbol for d in build.values()}, {d.state_iso3 for d in build.values()}
    disagreements = name_disagreements(pdfs, build) or ["- none"]
    section = f"""{SECTION}

Measured {date.today()} on {platform.machine()} ({platform.python_implementation()} {platform.python_version()}),
over the {len(pdfs)} PDFs of `{folder.name}/` (UPR Working Group reports, {dates[0].year}–{dates[-1].year}), with no
json beside them. Regenerate with `.venv/bin/python bench/bench_documents.py [folder]`. CPU time per PDF.

| first page read by | PDFs | every field | {" | ".join(HEADINGS)} | reading the page | detecting |
| --- | ---: | ---: | {" | ".join("---:" for _ in HEADINGS)} | ---: | ---: |
{chr(10).join(rows)}

The two readers order the cover's lines differently (pdfplumber puts the large series letter `A` apart from
`/HRC/14/10`); the fields detected differ for {len(differ)} PDFs{": " + ", ".join(differ) if differ else ""}.
Kinds found: {", ".join(f"{kind} ({n})" for kind, n in kinds.most_common())}; {len(symbols)} distinct
symbols, {len(states)} States. The State is filed under the
UN's name of today (a 2009 cover's "Cape Verde" is `Cabo Verde`, CPV); the symbol as printed, `A/` included.

PDFs whose detected State or year differs from their file name (the collection's name, checked apart from
the detection), for a reader to look at:

{chr(10).join(disagreements)}
"""
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
