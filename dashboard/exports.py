"""Downloads: an indicator as CSV, XLSX or JSON; claims as CSV; the whole data package as a zip.

Exact and inert: every CSV field is quoted, so a carriage return inside a quote cannot
split a row; a text cell that a spreadsheet would run as a formula gets a `'` in CSV (which has no
other way) and stays verbatim in XLSX, a text cell written as text (`dashboard/workbook.py`). An
indicator's files follow the page's language (dimension labels and notes with `lang=en`) and its
dimension choice (`?measure=…`), as images and embeds do.
"""

import csv
import json
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from contract import schema
from dashboard import charts, data, store_batches, workbook
from dashboard.chart_text import check_explanation
from dashboard.i18n import citation, label, language, note_in
from dashboard.report_facts import facts_of_metadata

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()
PACKAGE_README = """# Data package: {symbol}

{sources}

Every value leads back to the paragraph of the report that states it: `paragraph` is the
report's paragraph number and `quote` a verbatim substring of that paragraph's text that
contains the number.

Each table is given as Parquet and as CSV (UTF-8 with BOM). The columns, from the project's
data contract:

{tables}

## catalog.json — one flat object per indicator

{catalog}
"""


def runnable(value: object) -> bool:
    """A text that a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet cannot run as a formula; numbers and nulls unchanged."""
    return "'" + value if isinstance(value, str) and runnable(value) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column neutralised with safe_cell; numeric columns stay numeric."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.StringDtype):  # texts only: the same as safe_cell, a column at once
            frame[column] = values.mask(values.str.startswith(FORMULA_STARTS).fillna(False).astype(bool), "'" + values)
        elif not pd.api.types.is_numeric_dtype(values):
            frame[column] = values.map(lambda v: safe_cell(_plain(v)))
    return frame


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in list(value))
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV with a BOM (so spreadsheet programs read the accents right), every field quoted."""
    return b"".join(csv_chunks([frame]))


def csv_chunks(frames: Iterable[pd.DataFrame]) -> Iterator[bytes]:
    """Frames of one table (same columns) as one CSV, a piece per frame: the BOM and header with the first frame.

    The bytes of `csv_bytes` of the frames put together; the header is the first frame's, so the first may have
    no rows.
    """
    header = True
    for frame in frames:
        # pandas quotes a field with "\n" but not one with a bare "\r", which spreadsheets take as a row end.
        text = safe_frame(frame).to_csv(index=False, header=header, quoting=csv.QUOTE_ALL)
        piece = (BOM if header else b"") + text.encode("utf-8")
        header = False
        if piece:
            yield piece


def indicator_frame(
    dataset: data.Dataset, indicator_id: str, lang: str = "fr", query: dict[str, Any] | None = None
) -> pd.DataFrame:
    """An indicator's tidy rows kept by the dimension choice of `query`: dimensions, period, value, unit, where it is written.

    The column names are the data contract's in both languages; with lang=en the dimension labels are
    the catalogue's English ones and `note` is the definition's English note.
    """
    lang = language(lang)
    entry = dataset.known_indicator(indicator_id)
    rows = charts.selected_rows(dataset, indicator_id, charts.selection(dataset, indicator_id, query or {}))
    dimensions = dataset.dimensions_of(indicator_id)
    frame = rows[
        [
            "indicator_id",
            *dimensions,
            "period",
            "value",
            "unit",
            "qualifier",
            "text",
            "paragraph",
            "quote",
            "note",
            "claim_id",
            "report_id",
        ]
    ].copy()
    if lang == "en":
        for dimension in dimensions:
            frame[dimension] = [label(v, "en", entry.labels_en) if isinstance(v, str) else v for v in frame[dimension]]
        if "note_en" in rows.columns:
            frame["note"] = [
                note_in(french, english, lang) or None for english, french in zip(rows["note_en"], rows["note"])
            ]
    frame["check_status"], frame["check_explanation"] = _verdicts(dataset, frame.claim_id, lang)
    frame["citation"] = [citation(dataset.symbol(r), p, "en") for r, p in zip(frame.report_id, frame.paragraph)]
    frame = frame.rename(columns={"text": "as_written"})
    frame = frame[
        [c for c in frame.columns if c not in ("citation", "note", "claim_id", "report_id")]
        + ["citation", "note", "claim_id", "report_id"]
    ]
    frame["paragraph"] = frame["paragraph"].astype("int64")
    return frame.reset_index(drop=True)


def _verdicts(dataset: data.Dataset, claim_ids: pd.Series, lang: str) -> tuple[list[str | None], list[str | None]]:
    """For each figure, the verdicts of the report's own arithmetic about it (contract.schema.CHECK_STATUSES, several
    joined by '; ') and why, in `lang`; None where no check is about it."""
    about = dataset.checks_about(set(claim_ids.dropna()))
    statuses: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for check in about.itertuples():
        statuses.setdefault(check.claim_id, []).append(check.status)
        why = check_explanation(check, lang)
        if why:
            reasons.setdefault(check.claim_id, []).append(why)
    return (
        ["; ".join(statuses[c]) if c in statuses else None for c in claim_ids],
        [" ".join(reasons[c]) if c in reasons else None for c in claim_ids],
    )


def indicator_metadata(dataset: data.Dataset, indicator_id: str, lang: str = "fr") -> list[tuple[str, object]]:
    """The metadata sheet: what the indicator is and which document and paragraphs it comes from."""
    entry = dataset.known_indicator(indicator_id)
    facts = dataset.facts(entry.report_id)
    notes = [n for n in indicator_frame(dataset, indicator_id, lang).note.dropna().unique() if n]
    symbol = dataset.symbol(entry.report_id)
    places = [(entry.report_id, int(p)) for p in entry.paragraphs]
    if entry.series:  # one point a document: every document's symbol and paragraphs
        frame = indicator_frame(dataset, indicator_id, lang)
        places = list(dict.fromkeys((str(r), int(p)) for r, p in zip(frame.report_id, frame.paragraph)))
        symbol = ", ".join(dict.fromkeys(dataset.symbol(r) for r, _ in places))
    return [
        ("indicator_id", indicator_id),
        ("title", entry.title_en),
        ("titre", entry.title_fr),
        ("description", entry.description_en),
        ("description (fr)", entry.description_fr),
        ("unit", entry.unit),
        ("unit label", entry.unit_en),
        ("topic", entry.topic_title_en),
        ("period covered", entry.period_covered or ""),
        ("source document", facts.document_type),
        ("state", facts.state),
        ("symbol", symbol),
        ("report_id", ", ".join(dict.fromkeys(r for r, _ in places)) or entry.report_id),
        ("paragraphs", ", ".join(str(p) for _, p in places)),
        ("citation", "; ".join(citation(dataset.symbol(r), p, "en") for r, p in places)),
        ("date built", dataset.built_at(entry.report_id)),
        ("checks", ", ".join(entry.checks)),
        ("notes", " | ".join(notes)),
    ]


def indicator_xlsx(
    dataset: data.Dataset, indicator_id: str, lang: str = "fr", query: dict[str, Any] | None = None
) -> bytes:
    """The indicator as a workbook: a 'data' sheet and a 'metadata' sheet, cells verbatim (`dashboard/workbook.py`)."""
    return workbook.workbook_bytes(
        [
            workbook.frame_sheet("data", indicator_frame(dataset, indicator_id, lang, query)),
            metadata_sheet(indicator_metadata(dataset, indicator_id, lang)),
        ]
    )


def metadata_sheet(fields: list[tuple[str, object]]) -> workbook.Sheet:
    """The 'metadata' sheet: one field and its value per row."""
    return workbook.Sheet("metadata", ["field", "value"], fields, widths={"A": 18, "B": 90})


def indicator_json(
    dataset: data.Dataset, indicator_id: str, lang: str = "fr", query: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The indicator's catalogue entry, the data version, the full citation of each paragraph, rows and checks."""
    frame = indicator_frame(dataset, indicator_id, lang, query)
    checks = dataset.checks_of(indicator_id)
    entry = dataset.known_indicator(indicator_id)
    # each paragraph in its own document: a series across documents draws on several
    places = sorted(
        {(r, int(p)) for r, p in zip(frame.report_id, frame.paragraph)}
        | {(entry.report_id, int(p)) for p in entry.paragraphs}
    )
    return {
        "indicator": schema.as_dict(entry),
        "data_version": dataset.version,
        "citations": [
            {
                "symbol": dataset.symbol(r),
                "report_id": r,
                "paragraph": p,
                "citation": citation(dataset.symbol(r), p, "en"),
                "text": dataset.paragraph_text(r, p),
            }
            for r, p in places
        ],
        "observations": json.loads(frame.to_json(orient="records", force_ascii=False)),
        "checks": json.loads(checks.to_json(orient="records", force_ascii=False)),
    }


def catalog_json(dataset: data.Dataset, indent: int | None = None) -> str:
    """The catalogue as JSON: one flat object per indicator, the fields of `contract.records.CatalogEntry`."""
    return "".join(catalog_json_pieces(dataset, indent))


# The catalogue's JSON is sent in pieces of about this many characters (an entry is never cut).
CATALOG_PIECE_CHARS = 64 * 1024


def catalog_json_pieces(dataset: data.Dataset, indent: int | None = 1) -> Iterator[str]:
    """The text of `json.dumps(entries, ensure_ascii=False, indent=indent)` a few entries at a time, the catalogue
    read a batch at a time (`Dataset.catalogue_entries`): never held whole, whatever the corpus."""
    pending: list[str] = []
    size, count = 0, 0
    for entry in dataset.catalogue_entries():
        text = json.dumps(schema.as_dict(entry), ensure_ascii=False, indent=indent)
        if indent is None:
            piece = ("[" if count == 0 else ", ") + text
        else:  # inside the list an entry is indented once more, line by line (a JSON text holds no raw newline)
            piece = ("[\n" if count == 0 else ",\n") + "\n".join(" " * indent + line for line in text.split("\n"))
        count += 1
        pending.append(piece)
        size += len(piece)
        if size >= CATALOG_PIECE_CHARS:
            yield "".join(pending)
            pending, size = [], 0
    pending.append("[]" if count == 0 else "]" if indent is None else "\n]")
    yield "".join(pending)


PACKAGE_TABLES = data.PARQUET_TABLES + data.OPTIONAL_TABLES
# Deflated CSV members past this many uncompressed Parquet bytes are written as ZIP64: a CSV member may pass
# 4 GiB, and a member whose size is not known beforehand must say so before its first byte.
ZIP64_FROM_PARQUET_BYTES = 128 * 1024 * 1024


def package_chunks(dataset: data.Dataset) -> Iterator[bytes]:
    """The whole data package, a zip written as it is sent: Parquet and CSV of each table, the catalogue and a
    README of the columns. Every table's files are opened before the first byte (DataUnavailable when one is
    missing or damaged); no table is ever held whole."""
    tables = [store_batches.open_table(dataset.folder, name) for name in PACKAGE_TABLES]
    readme = package_readme(dataset, tables[PACKAGE_TABLES.index("reports")])
    return _zip_pieces(dataset, tables, readme)


def package_readme(dataset: data.Dataset, reports: store_batches.StoredTable) -> str:
    """The package's README: its reports (one line each) and the columns of every table, from the data contract."""
    # One line per report: the package may hold several (every table has report_id). Each symbol is read from the
    # report's row here, in the same pass: asked report by report, 10 000 reports kept the first byte for minutes.
    wanted = ["report_id", "built_at", "source_file", "sha256", "metadata_json"]
    symbols: dict[str, str] = {}
    lines = []
    for frame in store_batches.frames(reports, wanted):
        for r in frame.itertuples():
            symbol = symbols[r.report_id] = facts_of_metadata(r.metadata_json).symbol or r.report_id
            lines.append(f"- `{r.report_id}`: {symbol}, built {r.built_at} from `{r.source_file}` (sha256 {r.sha256})")
    return PACKAGE_README.format(
        symbol=", ".join(symbols.get(r, r) for r in dataset.report_ids()),
        sources="\n".join(lines),
        tables="\n\n".join(f"## {name}\n\n{schema.markdown(name)}" for name in PACKAGE_TABLES),
        catalog=schema.markdown("catalog"),
    )


class _Outbox:
    """A write-only stream that keeps what is written until it is taken: what a zip writes, handed on in pieces.

    It tells its position but cannot seek, so `zipfile` writes each member's sizes after its data."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self._counted = _Counted(self._pieces.append)

    def write(self, data: bytes) -> int:
        return self._counted.write(bytes(data))

    def tell(self) -> int:
        return self._counted.tell()

    def flush(self) -> None:
        """Nothing to flush: pieces wait for `take`."""

    def close(self) -> None:
        """Nothing to close: what is left is taken after the zip's end."""

    def take(self) -> bytes:
        """What was written since the last take."""
        piece = b"".join(self._pieces)
        self._pieces.clear()
        return piece


def _zip_pieces(dataset: data.Dataset, tables: list[store_batches.StoredTable], readme: str) -> Iterator[bytes]:
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, "w", zipfile.ZIP_DEFLATED) as archive:
        for _ in _members(archive, dataset, tables, readme):
            piece = outbox.take()
            if piece:
                yield piece
    yield outbox.take()


def _member(name: str) -> zipfile.ZipInfo:
    """A member written now, readable by its owner and everyone (as `ZipFile.writestr` would date it)."""
    info = zipfile.ZipInfo(name, time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _members(
    archive: zipfile.ZipFile, dataset: data.Dataset, tables: list[store_batches.StoredTable], readme: str
) -> Iterator[None]:
    """Write the package's members one after the other, pausing (yielding) after each piece written."""
    archive.writestr(_member("README.md"), readme)
    yield
    with archive.open(_member("catalog.json"), "w") as member:
        for text in catalog_json_pieces(dataset):
            member.write(text.encode("utf-8"))
            yield
    for table in tables:
        if table.built:  # an optional table may not have been built
            yield from _parquet_member(archive, table)
        yield from _csv_member(archive, table)


def _csv_member(archive: zipfile.ZipFile, table: store_batches.StoredTable) -> Iterator[None]:
    """The table as CSV (`csv_chunks`), a batch of rows at a time."""
    large = table.uncompressed_bytes() > ZIP64_FROM_PARQUET_BYTES
    with archive.open(_member(f"csv/{table.name}.csv"), "w", force_zip64=large) as member:
        for piece in csv_chunks(store_batches.frames(table)):
            member.write(piece)
            yield


def _parquet_member(archive: zipfile.ZipFile, table: store_batches.StoredTable) -> Iterator[None]:
    """The table as one Parquet file: the store's own file when it has one, else its files' batches in one file."""
    name = f"parquet/{table.name}.parquet"
    large = sum(path.stat().st_size for path in table.paths) > ZIP64_FROM_PARQUET_BYTES
    if len(table.paths) == 1:
        with table.paths[0].open("rb") as source, archive.open(_member(name), "w", force_zip64=large) as member:
            while block := source.read(1024 * 1024):
                member.write(block)
                yield
        return
    with archive.open(_member(name), "w", force_zip64=large) as member:
        writer = pq.ParquetWriter(_Counted(member.write), table.files[0].schema_arrow)
        for file in table.files:
            for batch in file.iter_batches(batch_size=store_batches.BATCH_ROWS):
                writer.write_batch(batch)
                yield
        writer.close()


class _Counted:
    """A write-only stream that counts what it hands on to `write` (a zip member, or the outbox's pieces): a file
    as Arrow's writer and `zipfile` want one, which tells its position and cannot seek."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self._written = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._write(data)
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        """Whoever holds the bytes flushes them (the zip, when it closes a member)."""

    def close(self) -> None:
        self.closed = True  # the zip closes the member itself
