"""The one XLSX writer of the app: every download's workbook (indicator, comparison, follow-up, claims) comes from here.

Cells are verbatim. A text is written as a text cell whatever it starts with: `=1+2` or `+193 %` is
the text the report holds, shown without an apostrophe and never run (openpyxl would take a text
starting with `=` for a formula: its data type is set to text explicitly, no quote-prefix style);
numbers stay numbers, missing values are empty cells, lists are joined with ", ". The only change a
text may undergo: characters that XML 1.0 cannot hold (C0 controls other than tab and line breaks) become
U+FFFD, since a workbook with them cannot be written at all.

A workbook is written a row at a time (openpyxl's write-only mode: rows go to a temporary file per sheet as they
come), so the claims of thousands of reports never sit in memory as cells; `workbook_file` hands the finished
file to be sent from the disk.
"""

import contextlib
import io
import itertools
import math
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, its header (bold) and rows, and any column widths ({'A': 18})."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: dict[str, float] = field(default_factory=dict)


def frame_sheet(name: str, frame: pd.DataFrame) -> Sheet:
    """A table as a sheet: its columns as the header, one row per line."""
    return Sheet(name, [str(c) for c in frame.columns], frame.itertuples(index=False, name=None))


def cell_value(value: object) -> object:
    """What a cell holds: None for missing values, Python numbers for numpy ones, lists joined, texts as they are."""
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in list(value))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def frames_sheet(name: str, frames: Iterator[pd.DataFrame]) -> Sheet:
    """A table given a batch at a time as a sheet: the first frame's columns as the header (it may have no rows)."""
    first = next(frames)
    rows = (row for frame in itertools.chain([first], frames) for row in frame.itertuples(index=False, name=None))
    return Sheet(name, [str(c) for c in first.columns], rows)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an .xlsx file, every text cell a text (never a formula), every number a number."""
    out = io.BytesIO()
    write_workbook(sheets, out)
    return out.getvalue()


def workbook_file(sheets: Sequence[Sheet]) -> IO[bytes]:
    """The sheets as an .xlsx file in a temporary file (gone when closed), read from its start: a workbook of
    any size is written a row at a time, and sent from the disk."""
    with contextlib.ExitStack() as on_error:
        out = on_error.enter_context(tempfile.TemporaryFile(prefix="workbook-", suffix=".xlsx"))
        write_workbook(sheets, out)
        out.seek(0)
        on_error.pop_all()  # written: the file is the caller's to close
    return out


def write_workbook(sheets: Sequence[Sheet], out: IO[bytes]) -> None:
    """Write the sheets as an .xlsx file to `out`, a row at a time (openpyxl's write-only mode: each sheet's rows
    go to a temporary file as they come, never all held); texts stay texts, numbers numbers."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        for column, width in sheet.widths.items():  # column widths come before the first row
            page.column_dimensions[column].width = width
        page.append([_text_cell(page, str(name), bold=True) for name in sheet.header])
        for row in sheet.rows:
            page.append([_cell(page, cell_value(v)) for v in row])
    book.save(out)


def _cell(page: WriteOnlyWorksheet, value: object) -> object:
    """A value as the write-only sheet takes it; a text that openpyxl would read as a formula or an error code
    (`=1+2`, `#N/A`) goes as a cell typed text, so that it is written as the text it is."""
    if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
        return _text_cell(page, value)
    return value


def _text_cell(page: WriteOnlyWorksheet, text: str, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(page, text)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell
