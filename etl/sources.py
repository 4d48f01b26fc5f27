"""A report file's bytes (.txt, .docx, .pdf) -> its text in the tab layout the segmenter reads.

Pure functions of bytes; reading the file is the command line's job. The tab layout is the
one of data/raw/: `155.<TAB>text`, `<TAB>I.<TAB>Title`, `<TAB>A.<TAB>Title`, `<TAB>a)<TAB>text`.
Every reader is bounded (a 575 KB .docx of 5 million empty paragraphs once ran past 600 s at
3.6 GB; random bytes read as latin-1 once published junk claims): the limits below are
checked before the work they bound, and docs/SECURITY.md lists them.
"""

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from etl.docx_count import DocxRefused, count_parts
from etl.pdf_layout import layout
from etl.pdf_read import PdfReadError, read_pdf

SUFFIXES = (".txt", ".docx", ".pdf")

# The limits of a report file. The report of data/raw/ is 0.2 MB of text in 437 paragraphs, its
# longest line 1 182 characters; bench/bench_sources.py builds 50 MB of text, so that passes.
MAX_REPORT_BYTES = 64 * 1024 * 1024  # the file as stored, any format
MAX_DOCX_UNZIPPED_BYTES = 128 * 1024 * 1024  # every part of a .docx, decompressed
MAX_DOCX_PARTS = 10_000  # files inside a .docx
MAX_DOCX_PARAGRAPHS = 100_000  # WordprocessingML <p> elements in any part, whatever their prefix
MAX_DOCX_ELEMENTS = 2_000_000  # every XML element, whatever its namespace prefix (Word writes about 50 a paragraph)
MAX_PDF_PAGES = 1_000
MAX_LINE_CHARS = 20_000  # one paragraph (a line of the tab layout); longer is not a report's text
MAX_CONTROL_SHARE = 0.01  # control characters (not tab, line or page breaks) among all characters
MIN_LETTER_SHARE = 0.5  # letters among the characters that are not white space …
MIN_CHARS_FOR_SHARE = 2_000  # … in a text long enough to judge (short tests are dense in digits)


class SourceError(Exception):
    """A file that cannot be read as a report; the message says what to do (the caller adds the file)."""


@dataclass
class SourceText:
    text: str
    warnings: list[str] = field(default_factory=list)
    # The first page's text as read, cover included (etl/document.py reads the document's identity there);
    # empty for a text without pages.
    first_page: str = ""
    # A PDF's footnotes by their marker, each note's text starting with it (empty for other formats).
    notes: dict[str, str] = field(default_factory=dict)


def report_text(data: bytes, suffix: str) -> SourceText:
    """The report's text from a file's bytes, by its suffix; text that is not a report's is refused."""
    if len(data) > MAX_REPORT_BYTES:
        raise SourceError(
            f"{_mb(len(data))}, more than the {_mb(MAX_REPORT_BYTES)} a report file may be; is this one report?"
        )
    if not data.strip():
        raise SourceError("the file is empty; export the report's text into it")
    readers = {".txt": decode_text, ".docx": docx_text, ".pdf": pdf_text}
    if suffix.lower() not in readers:
        raise SourceError(f"cannot read {suffix or 'files without a suffix'}; give a {', '.join(SUFFIXES)} file")
    source = readers[suffix.lower()](data)
    check_report_like(source.text)
    return source


def check_report_like(text: str) -> None:
    """Refuse text that is not a report's: a line too long to be a paragraph, control characters, few letters."""
    long_line = _first_long_line(text)
    if long_line:
        number, length = long_line
        raise SourceError(
            f"line {number} is {length:,} characters long, more than the {MAX_LINE_CHARS:,} of a "
            "paragraph; is the text exported one paragraph per line?"
        )
    without_letters = _LETTERS_RE.sub("", text)
    without_space = _SPACE_RE.sub("", without_letters)
    controls = len(without_space) - len(_CONTROL_RE.sub("", without_space))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SourceError(
            f"{controls:,} control characters ({controls / len(text):.0%} of the text): this is not "
            "text (a binary file read as latin-1?); export the report as UTF-8 text"
        )
    letters = len(text) - len(without_letters)
    visible = letters + len(without_space)
    if visible >= MIN_CHARS_FOR_SHARE and letters < MIN_LETTER_SHARE * visible:
        raise SourceError(
            f"only {letters / visible:.0%} of its characters are letters (a report's text has most): "
            "this is not a report's text; export the report's text"
        )


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_SPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # tab, line ends, \v and \f are layout


def _first_long_line(text: str) -> tuple[int, int] | None:
    """(line number, length) of the first line longer than MAX_LINE_CHARS, if any."""
    start, number = 0, 1
    while True:  # str.find, not a regex: `[^\n]{20001}` would rescan every line from each offset
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > MAX_LINE_CHARS:
            return number, stop - start
        if end < 0:
            return None
        start, number = end + 1, number + 1


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:,.0f} KB"


# --- plain text --------------------------------------------------------------------------

# Bytes 0x80-0x9f are control characters in latin-1 but letters and quotes in cp1252 (’ « é …),
# which is what Windows editors write: try cp1252 first, latin-1 decodes anything.
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def decode_text(data: bytes) -> SourceText:
    """UTF-8 (with or without BOM); cp1252 or latin-1 read with a warning."""
    if b"\x00" in data[:8192]:
        raise SourceError("this is a binary file, not text; export the report as UTF-8 text")
    try:
        return SourceText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        for encoding in _FALLBACK_ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return SourceText(
                text,
                [
                    (
                        f"not UTF-8 (byte 0x{data[error.start]:02x}, line {line}); read as {encoding}: "
                        "check the accents, or re-save the file as UTF-8"
                    )
                ],
            )
    raise AssertionError("latin-1 decodes every byte")


# --- Word ----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# How each Word list format is written in the tab layout (par. numbers, headings, items).
_LIST_LAYOUT = {
    "decimal": "{label}\t",
    "upperRoman": "\t{label}\t",
    "upperLetter": "\t{label}\t",
    "lowerLetter": "\t{label}\t",
    "lowerRoman": "\t{label}\t",
    "bullet": "\t",
}


def docx_text(data: bytes) -> SourceText:
    """The body's paragraphs, one per line; Word's automatic list numbers are written out."""
    import docx  # imported here: only .docx reports need it

    check_docx_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 python-docx raises zipfile, KeyError or lxml errors on a bad file
        raise SourceError(f"not a readable Word document ({type(error).__name__}); re-save it as .docx") from None
    formats = _list_formats(document)
    counters: dict[tuple[str, int], int] = {}
    lines = []
    for paragraph in document.paragraphs:
        level = _list_level(paragraph)
        if level is None or level[0] not in formats:
            lines.append(paragraph.text)
            continue
        num_id, ilvl = level
        fmt, pattern, start = formats[num_id].get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        for key in [k for k in counters if k[0] == num_id and k[1] > ilvl]:
            del counters[key]  # a higher level restarts the levels below it
        counters[(num_id, ilvl)] = counters.get((num_id, ilvl), start - 1) + 1
        label = _list_label(pattern, fmt, num_id, ilvl, counters)
        lines.append(_LIST_LAYOUT.get(fmt, "{label}\t").format(label=label) + paragraph.text)
    return SourceText("\n".join(lines) + "\n")


def check_docx_size(data: bytes) -> None:
    """Refuse a .docx that unzips too large or holds too many paragraphs or elements, before python-docx parses it.

    The sizes are the ones the zip declares; zipfile never inflates a part past its declared size.
    Paragraphs and elements are counted on every part read as XML, whatever its name or prefixes
    (etl/docx_count.py), and counting stops at the limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_DOCX_PARTS:
                raise SourceError(
                    f"{len(parts):,} files inside the Word document, more than {MAX_DOCX_PARTS:,}; re-save it as .docx"
                )
            unzipped = sum(part.file_size for part in parts)
            if unzipped > MAX_DOCX_UNZIPPED_BYTES:
                raise SourceError(
                    f"the Word document unzips to {_mb(unzipped)}, more than {_mb(MAX_DOCX_UNZIPPED_BYTES)}; "
                    "is this one report?"
                )
            count_parts(archive, MAX_DOCX_PARAGRAPHS, MAX_DOCX_ELEMENTS)
    except DocxRefused as error:
        raise SourceError(str(error)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, zlib.error) as error:
        raise SourceError(f"not a readable Word document ({type(error).__name__}); re-save it as .docx") from None


def _list_formats(document: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> level -> (number format, label pattern like "%1.", start value)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {}
    for node in numbering.findall(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            start = lvl.find(f"{_W}start")
            levels[int(lvl.get(f"{_W}ilvl"))] = (
                fmt.get(f"{_W}val") if fmt is not None else "decimal",
                text.get(f"{_W}val") if text is not None else "",
                int(start.get(f"{_W}val")) if start is not None else 1,
            )
        abstract[node.get(f"{_W}abstractNumId")] = levels
    formats = {}
    for num in numbering.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is not None and ref.get(f"{_W}val") in abstract:
            formats[num.get(f"{_W}numId")] = abstract[ref.get(f"{_W}val")]
    return formats


def _list_level(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph, set on the paragraph or by its style."""
    for element in (paragraph._p, *_style_chain(paragraph.style)):
        ppr = element.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            if num_id is not None and num_id.get(f"{_W}val") != "0":  # numId 0: numbering switched off
                return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
            return None
    return None


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style.element
        style = style.base_style


def _list_label(pattern: str, fmt: str, num_id: str, ilvl: int, counters: dict[tuple[str, int], int]) -> str:
    """Word's lvlText ("%1.", "%2)") with each %n replaced by that level's number."""

    def number(match: re.Match[str]) -> str:
        level = int(match.group(1)) - 1
        value = counters.get((num_id, level), 1)
        return _format_number(value, fmt if level == ilvl else "decimal")

    return re.sub(r"%(\d)", number, pattern) if fmt != "bullet" else ""


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


# --- PDF ---------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> SourceText:
    """The report's body: running heads and feet, contents and footnotes out, wrapped lines joined.

    PDFium reads the positioned lines in a child process with limits (etl/pdf_read.py);
    etl/pdf_layout.py finds what is page furniture from the document itself.
    """
    try:
        pages = read_pdf(data, MAX_PDF_PAGES)
    except PdfReadError as error:
        raise SourceError(str(error)) from None
    body = layout(pages.lines)
    if not body.text.strip():
        raise SourceError("the PDF has no text layer (a scan?); export the report's text instead")
    return SourceText(body.text, first_page=pages.first_page, notes=body.notes)


def pdf_first_page(data: bytes) -> str:
    """The first page's text, cover included, as PDFium reads it; "" if it cannot."""
    try:
        return read_pdf(data, MAX_PDF_PAGES, first_only=True).first_page
    except PdfReadError:  # the page is only the document's identity: the build reads on without it
        return ""
