"""The one XLSX writer of the app: every download's workbook (indicator, comparison, follow-up, claims) comes from here.

Cells are verbatim. A text is written as a text cell whatever it starts with: `=1+2` or `+193 %` is
the text the report holds, shown without an apostrophe and never run (openpyxl would take a text
starting with `=` for a formula: its data type is set to text explicitly, no quote-prefix style);
numbers stay numbers, missing values are empty cells, lists are joined with ", ". The only change a
text may undergo: characters that XML 1.0 cannot hold (C0 controls other than tab and line breaks) become
U+FFFD, since a workbook with them cannot be written at all.
"""

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font


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


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an .xlsx file, every text cell a text (never a formula), every number a number."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        page.append(list(sheet.header))
        for cell in page[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            page.append([cell_value(v) for v in row])
        for row in page.iter_rows():
            for cell in row:
                # openpyxl reads a text starting with "=" as a formula: it is written back as the text it is.
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for column, width in sheet.widths.items():
            page.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
