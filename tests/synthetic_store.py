"""A large store made from a small one: every built table of its reports repeated `copies` times, each copy with
new ids (its report, claims, checks, indicators and suggestions), so that a corpus of hundreds or thousands of
reports can be served without building them. For the download tests and bench/bench_downloads.py."""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from contract.store import current_folder, table_files

# The columns that hold an id of a row (or a list of them): each copy gets its own.
ID_COLUMNS = ("report_id", "claim_id", "claim_ids", "check_id", "indicator_id", "indicator_ids", "suggestion_id")
TABLES = ("paragraphs", "claims", "reports", "observations", "checks", "suggestions", "items")


def copy_id(value: str, copy: int) -> str:
    """The id of a row's `copy`-th copy (the first copy keeps the ids of the store it was made from)."""
    return value if copy == 0 else f"{value}~{copy}"


def _renamed(column: pa.ChunkedArray, copy: int) -> pa.ChunkedArray:
    if copy == 0:
        return column
    suffix = f"~{copy}"
    if pa.types.is_list(column.type):
        combined = column.combine_chunks()
        values = pc.binary_join_element_wise(combined.values, suffix, "")
        return pa.chunked_array([pa.ListArray.from_arrays(combined.offsets, values, mask=combined.is_null())])
    return pc.binary_join_element_wise(column, suffix, "")


def copied_table(table: pa.Table, copy: int) -> pa.Table:
    """The table with every id column renamed for the `copy`-th copy."""
    for name in ID_COLUMNS:
        if name in table.column_names:
            index = table.column_names.index(name)
            table = table.set_column(index, table.field(index), _renamed(table.column(index), copy))
    return table


def make_store(source: Path, folder: Path, copies: int) -> Path:
    """A plain data folder in `folder` holding `copies` copies of the current build of `source`; returns it.

    Each table is one Parquet file written a copy at a time (row groups of one copy's rows, as a build
    appending report after report would), the catalogue repeated with the same new ids.
    """
    built = current_folder(source)
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        files = table_files(built, name)
        if not files:
            continue
        table = pa.concat_tables([pq.read_table(path) for path in files])
        with pq.ParquetWriter(folder / f"{name}.parquet", table.schema) as writer:
            for copy in range(copies):
                writer.write_table(copied_table(table, copy))
    entries = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    catalog = [
        {**entry, "indicator_id": copy_id(entry["indicator_id"], copy), "report_id": copy_id(entry["report_id"], copy)}
        for copy in range(copies)
        for entry in entries
    ]
    (folder / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
    return folder
