"""Downloads: an indicator as CSV, XLSX or JSON; claims as CSV; the whole data package as a zip.

Exact and inert: every CSV field is quoted, so a carriage return inside a quote cannot
split a row; a text cell that a spreadsheet would run as a formula gets a `'` in CSV (which has no
other way) and stays verbatim in XLSX, a text cell written as text (`dashboard/workbook.py`). An
indicator's files follow the page's language (dimension labels and notes with `lang=en`) and its
dimension choice (`?measure=…`), as images and embeds do.
"""

import csv
import io
import json
import zipfile
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from contract import schema
from contract.store import read_table
from dashboard import charts, data, workbook
from dashboard.chart_text import check_explanation
from dashboard.i18n import citation, label, language, note_in

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: safe_cell(_plain(v)))
    return frame


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in list(value))
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV with a BOM (so spreadsheet programs read the accents right), every field quoted."""
    # pandas quotes a field with "\n" but not one with a bare "\r", which spreadsheets take as a row end.
    return safe_frame(frame).to_csv(index=False, quoting=csv.QUOTE_ALL).encode("utf-8-sig")


def indicator_frame(
    dataset: data.Dataset, indicator_id: str, lang: str = "fr", query: dict[str, Any] | None = None
) -> pd.DataFrame:
    """An indicator's tidy rows kept by the dimension choice of `query`: dimensions, period, value, unit, where it is written.

    The column names are the data contract's in both languages; with lang=en the dimension labels are
    the catalogue's English ones and `note` is the definition's English note.
    """
    lang = language(lang)
    entry = dataset.indicators[indicator_id]
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
    entry = dataset.indicators[indicator_id]
    facts = dataset.facts(entry.report_id)
    notes = [n for n in indicator_frame(dataset, indicator_id, lang).note.dropna().unique() if n]
    symbol = dataset.symbol(entry.report_id)
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
        ("report_id", entry.report_id),
        ("paragraphs", ", ".join(str(p) for p in entry.paragraphs)),
        ("citation", "; ".join(citation(symbol, p, "en") for p in entry.paragraphs)),
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
    entry = dataset.indicators[indicator_id]
    symbol = dataset.symbol(entry.report_id)
    paragraphs = sorted({int(p) for p in frame.paragraph} | {int(p) for p in entry.paragraphs})
    return {
        "indicator": schema.as_dict(entry),
        "data_version": dataset.version,
        "citations": [
            {
                "symbol": symbol,
                "report_id": entry.report_id,
                "paragraph": p,
                "citation": citation(symbol, p, "en"),
                "text": dataset.paragraph_text(entry.report_id, p),
            }
            for p in paragraphs
        ],
        "observations": json.loads(frame.to_json(orient="records", force_ascii=False)),
        "checks": json.loads(checks.to_json(orient="records", force_ascii=False)),
    }


def catalog_json(dataset: data.Dataset, indent: int | None = None) -> str:
    """The catalogue as JSON: one flat object per indicator, the fields of `contract.records.CatalogEntry`."""
    return json.dumps([schema.as_dict(entry) for entry in dataset.catalog], ensure_ascii=False, indent=indent)


def package_zip(dataset: data.Dataset) -> bytes:
    """The whole data package: Parquet and CSV of each table, the catalogue and a README of the columns."""
    # One line per report: the package may hold several (every table has report_id).
    sources = "\n".join(
        f"- `{r.report_id}`: {r.symbol}, built {r.built_at} from `{r.source_file}` (sha256 {r.sha256})"
        for r in dataset.reports.itertuples()
    )
    names = data.PARQUET_TABLES + data.OPTIONAL_TABLES
    tables = "\n\n".join(f"## {name}\n\n{schema.markdown(name)}" for name in names)
    readme = PACKAGE_README.format(
        symbol=", ".join(dataset.symbol(r) for r in dataset.report_ids()),
        sources=sources,
        tables=tables,
        catalog=schema.markdown("catalog"),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme)
        archive.writestr("catalog.json", catalog_json(dataset, indent=1))
        for name in names:
            found = read_table(dataset.folder, name)  # its shards as one table; an optional one may not be built
            if found is not None:
                buffer = io.BytesIO()
                pq.write_table(found, buffer)
                archive.writestr(f"parquet/{name}.parquet", buffer.getvalue())
            archive.writestr(f"csv/{name}.csv", csv_bytes(dataset.table(name)))
    return out.getvalue()
