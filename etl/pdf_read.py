"""A PDF's positioned text lines, read by PDFium in a child process with CPU, memory and time limits.

The I/O edge of the PDF reader: etl/pdf_layout.py turns the lines into the report's text. PDFium
(pypdfium2, Apache/BSD licences) reads a UPR report in about 0.1 s of CPU, the child's fork included,
where pdfplumber took 2.2 s (bench/bench_pdf.py); PyMuPDF is as fast but under the AGPL. PDFium does
not bound the work of a page's content: a 3 KB PDF whose forms each draw the next four times costs
it 1.3 s ten deep and four times more for each level below. So the pages are read in a forked child whose CPU time, address space and wall time are
limited; a file over a limit fails alone, and the parent reads on.
"""

import multiprocessing
import os
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdfium2 import PdfTextPage

from etl.pdf_layout import TextLine

# The child's limits: a 300-page report reads in well under a second of CPU; 2 GB above what the
# parent already maps is far more than PDFium needs for one report's text.
CHILD_CPU_SECONDS = 4
CHILD_WALL_SECONDS = 8.0
CHILD_EXTRA_BYTES = 2 * 1024**3

_HYPHEN_MARKS = ("\ufffe", "\x02")  # PDFium's mark for a hyphen it found at a line end


class PdfReadError(Exception):
    """A PDF that cannot be read; the message says what was wrong and what to do."""


@dataclass(frozen=True)
class PdfPages:
    lines: list[list[TextLine]]  # each page's text lines, in PDFium's order
    first_page: str  # the first page's text as PDFium reads it, cover included


def read_pdf(data: bytes, max_pages: int, first_only: bool = False) -> PdfPages:
    """The PDF's lines (the first page's only, if asked), read in a child process killed past its limits.

    Raises PdfReadError.
    """
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system: read in this process, unbounded
        return _read(data, max_pages, first_only)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(data, max_pages, first_only, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(CHILD_WALL_SECONDS):
            raise PdfReadError(_too_costly(f"not read in {CHILD_WALL_SECONDS:.0f} s"))
        try:
            _, value = receiver.recv()
        except EOFError:  # the child died: its CPU or memory limit
            raise PdfReadError(_too_costly("its reading passed the CPU or memory limit")) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if isinstance(value, PdfPages):
        return value
    raise PdfReadError(str(value))


def _too_costly(what: str) -> str:
    return f"{what}: a report's PDF reads in well under a second (forms drawn inside forms?); export the report again"


def _child(data: bytes, max_pages: int, first_only: bool, sender: Connection) -> None:
    _lower_limit(resource.RLIMIT_CPU, CHILD_CPU_SECONDS)  # a child's CPU time starts at 0
    mapped = _mapped_bytes()
    if mapped:
        _lower_limit(resource.RLIMIT_AS, mapped + CHILD_EXTRA_BYTES)
    try:
        result: tuple[str, object] = ("pages", _read(data, max_pages, first_only))
    except PdfReadError as error:
        result = ("error", str(error))
    except MemoryError:
        result = ("error", _too_costly("its reading passed the memory limit"))
    except Exception as error:  # noqa: BLE001 a damaged file may raise anything in the wrapper; one line, no traceback
        result = ("error", f"not a readable PDF ({type(error).__name__}); export the report again")
    sender.send(result)
    sender.close()
    os._exit(0)  # skip the parent's exit handlers, inherited by the fork


def _lower_limit(which: int, value: int) -> None:
    """Set a soft limit, never above the hard limit the parent already runs under."""
    _, hard = resource.getrlimit(which)
    soft = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(which, (soft, hard))


def _mapped_bytes() -> int:
    """The address space this process maps now (0 where /proc cannot say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _read(data: bytes, max_pages: int, first_only: bool) -> PdfPages:
    import pypdfium2  # imported here: only .pdf reports need it

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise PdfReadError("the PDF is protected by a password; export the report without one") from None
        raise PdfReadError(f"not a readable PDF ({error}); export the report again") from None
    try:
        count = len(document)  # the page tree's count: no page is built yet
        if count > max_pages:
            raise PdfReadError(f"{count:,} pages, more than the {max_pages:,} a report may have; is this one report?")
        pages, first = [], ""
        for number in range(min(count, 1) if first_only else count):
            page = document[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            if number == 0:
                first = text
            pages.append(_page_lines(number, textpage, text, page.get_height()))
            textpage.close()
            page.close()
        return PdfPages(pages, first)
    except pypdfium2.PdfiumError as error:
        raise PdfReadError(f"not a readable PDF ({error}); export the report again") from None
    finally:
        document.close()


def _page_lines(number: int, textpage: "PdfTextPage", text: str, height: float) -> list[TextLine]:
    """The page's lines as PDFium splits them; a line it joined over a hyphen is split again."""
    import pypdfium2.raw as pdfium

    count = textpage.count_chars()
    lines = []
    start = 0
    for row in text.split("\r\n"):
        begin = start
        for piece in _split_hyphens(row):
            end = begin + len(piece)
            stripped = piece.strip()
            if stripped and end <= count:
                first = begin + len(piece) - len(piece.lstrip())
                last = end - (len(piece) - len(piece.rstrip()))
                text = stripped.replace("\ufffe", "-").replace("\x02", "-")
                lines.append(_line(number, textpage, first, last, text, height, pdfium))
            begin = end
        start += len(row) + 2
    return lines


def _split_hyphens(row: str) -> list[str]:
    """'well\ufffebeing of' -> ['well\ufffe', 'being of']: one piece per printed line."""
    pieces, begin = [], 0
    for index, char in enumerate(row):
        if char in _HYPHEN_MARKS:
            pieces.append(row[begin : index + 1])
            begin = index + 1
    pieces.append(row[begin:])
    return pieces


def _line(
    number: int, textpage: "PdfTextPage", begin: int, end: int, text: str, height: float, pdfium: ModuleType
) -> TextLine:
    """The line's box (from its first, middle and last characters) and font size (its middle one's)."""
    middle = (begin + end - 1) // 2
    boxes = [textpage.get_charbox(i, loose=True) for i in (begin, middle, end - 1)]
    matrix = pdfium.FS_MATRIX()
    pdfium.FPDFText_GetMatrix(textpage, middle, matrix)
    size = pdfium.FPDFText_GetFontSize(textpage, middle) * (matrix.b**2 + matrix.d**2) ** 0.5
    tops = sorted(height - box[3] for box in boxes)
    bottoms = sorted(height - box[1] for box in boxes)
    return TextLine(number, boxes[0][0], tops[1], max(box[2] for box in boxes), bottoms[1], round(size, 1), text)
