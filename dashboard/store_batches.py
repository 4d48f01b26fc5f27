"""The store's tables a batch of rows at a time: what the downloads write, without ever holding a whole table.

A table's files come only from `contract.store.table_files` (one file or several, the store's business; names
are never guessed), read in record batches of `BATCH_ROWS`. Each batch becomes a DataFrame with the dtypes the
whole table would have had read at once, so a download written a batch at a time has the bytes of one written
whole: pandas reads an integer column holding a null as floats (`3.0`), so a column with a null anywhere in the
table is read as floats in every batch, not `3` in one batch and `3.0` in the next.

Every file is opened (and its columns checked against the contract) before the first byte is sent, so a
missing or damaged file is a 503 saying how to rebuild, never a download cut in the middle.
"""

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from contract import schema
from contract.store import shard_number, table_files
from dashboard import search
from dashboard.data import ClaimFilters, DataUnavailable, listed_filters_mask

# Rows per batch: a few MB of CSV for the widest table (claims, with their sentence), whatever the table's size.
BATCH_ROWS = 2048
# The columns of a paragraph that say where a claim stands (the claims' download carries them).
PLACE_COLUMNS = ["chapter", "chapter_title", "section", "section_title"]
PLACE_KEYS = ["report_id", "paragraph"]


@dataclass(frozen=True)
class StoredTable:
    """A table of one build: its Parquet files (opened, in the store's order) and the columns read as floats."""

    name: str
    paths: tuple[Path, ...]
    files: tuple[pq.ParquetFile, ...]
    as_floats: frozenset[str]  # integer columns holding a null somewhere

    @property
    def built(self) -> bool:
        """Whether the build wrote this table (an optional table of an older build may be missing)."""
        return bool(self.files)

    def shards(self) -> list[int | None]:
        """The shards its files belong to, in the files' order (None for a plain `<table>.parquet`)."""
        return list(dict.fromkeys(shard_number(path) for path in self.paths))

    def part(self, shard: int | None) -> "StoredTable":
        """The files of one shard (of a plain table, the table)."""
        if shard is None:
            return self
        kept = [i for i, path in enumerate(self.paths) if shard_number(path) == shard]
        return replace(self, paths=tuple(self.paths[i] for i in kept), files=tuple(self.files[i] for i in kept))

    def uncompressed_bytes(self) -> int:
        """The size of the table's data uncompressed, from the files' footers (no row read)."""
        return sum(f.metadata.row_group(i).total_byte_size for f in self.files for i in range(f.num_row_groups))


def open_table(folder: Path, name: str, reports: Collection[str] = ()) -> StoredTable:
    """The table's files in `folder` (those that may hold `reports`' rows, when some are named), opened and checked
    against the data contract (DataUnavailable when not)."""
    # No file may hold these reports (none is stored): one file of the table still gives its columns, and no row.
    paths, opened = table_files(folder, name, reports) or table_files(folder, name)[:1], []
    for path in paths:
        try:
            # Not pre-buffered: Arrow would keep every column chunk read so far (20 MB past 300 reports' claims).
            found = pq.ParquetFile(path, pre_buffer=False)
        except (OSError, pa.ArrowException) as error:
            raise DataUnavailable(_unreadable(path, error)) from None
        problems = schema.problems(name, found.schema_arrow)
        if problems:
            raise DataUnavailable(_unreadable(path, "; ".join(problems)))
        opened.append(found)
    return StoredTable(name, paths, tuple(opened), _integers_with_nulls(tuple(opened)))


def _unreadable(path: Path, why: object) -> str:
    first_line = (str(why).splitlines() or [type(why).__name__])[0]
    return (
        f"the data file {path.name} cannot be read ({first_line[:200]}): "
        "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
    )


def _integers_with_nulls(files: Sequence[pq.ParquetFile]) -> frozenset[str]:
    """The integer columns that hold a null in any file: pandas reads the whole table's such columns as floats."""
    if not files:
        return frozenset()
    integers = [f.name for f in files[0].schema_arrow if pa.types.is_integer(f.type)]
    return frozenset(c for c in integers if any(_has_null(f, c) for f in files))


def _has_null(file: pq.ParquetFile, column: str) -> bool:
    """Whether a column holds a null: from the footer's statistics, else by reading that one column."""
    index = file.schema_arrow.get_field_index(column)
    if index < 0:
        return False
    counts = []
    for group in range(file.num_row_groups):
        statistics = file.metadata.row_group(group).column(index).statistics
        if statistics is None or not statistics.has_null_count:
            return bool(file.read(columns=[column]).column(0).null_count)
        counts.append(statistics.null_count)
    return any(counts)


def frames(table: StoredTable, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
    """The table's rows a batch at a time as DataFrames, the first one empty (a header is known even for no rows).

    A table the build did not write is its contract's columns and no row, as the app reads it.
    """
    if not table.built:
        yield pd.DataFrame(columns=list(columns or schema.columns(table.name)))
        return
    picked = list(columns) if columns else None
    empty = table.files[0].schema_arrow.empty_table()
    yield _frame(table, empty.select(picked) if picked else empty)
    for file in table.files:
        for batch in file.iter_batches(batch_size=BATCH_ROWS, columns=picked):
            yield _frame(table, pa.Table.from_batches([batch]))


def _frame(table: StoredTable, arrow: pa.Table) -> pd.DataFrame:
    for name in table.as_floats & set(arrow.column_names):
        index = arrow.column_names.index(name)
        arrow = arrow.set_column(index, name, arrow.column(index).cast(pa.float64()))
    return arrow.to_pandas()


def claims_with_places(folder: Path, filters: ClaimFilters) -> Iterator[pd.DataFrame]:
    """The claims kept by the filters, each with the chapter and section of its paragraph (`VI.A`), a batch at a time.

    The rows, columns and order of `Dataset.claims_where` (dashboard/data.py), read from the files here so that
    no table is held whole: the places of the paragraphs (a few short columns) are the only thing kept. The
    files are opened now, before the first batch is asked for.
    """
    claims = open_table(folder, "claims", filters.reports)
    paragraphs = open_table(folder, "paragraphs", filters.reports)
    return (placed[claim_mask(placed, filters)] for placed in _placed(claims, paragraphs, filters.reports))


def _placed(claims: StoredTable, paragraphs: StoredTable, reports: Collection[str]) -> Iterator[pd.DataFrame]:
    """The claims a batch at a time with their paragraphs' places, a shard after another: a report's claims and
    paragraphs are in the same shard, so the places held are one shard's (of the reports asked), never the
    corpus's (at 10 000 reports, millions of paragraphs)."""
    for number, shard in enumerate(claims.shards() or [None]):
        places = Places.of(paragraphs.part(shard), reports)
        batches = frames(claims.part(shard))
        if number:  # the header (columns, no row) comes once, before the first shard's rows
            next(batches)
        yield from map(places.add_to, batches)


@dataclass(frozen=True)
class Places:
    """Where each paragraph stands: its chapter and section (`VI.A`) with their titles, by report and paragraph."""

    frame: pd.DataFrame
    keyed: pd.DataFrame | None  # indexed by report and paragraph; None when a pair repeats (then merged)

    @classmethod
    def of(cls, paragraphs: StoredTable, reports: Collection[str] = ()) -> "Places":
        """The places of the table's paragraphs (of `reports`' when some are named): a few short columns, not the
        paragraphs' text."""
        wanted = set(reports)
        read = frames(paragraphs, [*PLACE_KEYS, *PLACE_COLUMNS])
        where = pd.concat([f[f.report_id.isin(wanted)] if wanted else f for f in read], ignore_index=True)
        where["section"] = (where.chapter + "." + where.section).where(where.section.notna())
        for column in PLACE_COLUMNS:  # a few distinct values repeated over thousands of paragraphs
            where[column] = where[column].astype("category")
        keyed = where.set_index(PLACE_KEYS)[PLACE_COLUMNS]
        return cls(where, keyed if keyed.index.is_unique else None)

    def add_to(self, claims: pd.DataFrame) -> pd.DataFrame:
        """A batch of claims with its paragraphs' places, as a left merge on report and paragraph gives it."""
        if self.keyed is None or claims.empty:
            return claims.merge(self.frame, on=PLACE_KEYS, how="left")
        looked = self.keyed.reindex(pd.MultiIndex.from_arrays([claims.report_id, claims.paragraph]))
        return pd.concat([claims.reset_index(drop=True), looked.reset_index(drop=True)], axis=1)


def claim_mask(frame: pd.DataFrame, filters: ClaimFilters) -> pd.Series:
    """Which claims of a batch the filters keep: those `Dataset.claims_where` keeps (tests/test_downloads.py holds
    the two to the same rows for every filter). The reports and the words are read here, batch by batch, where
    the pages ask them of DuckDB; the other filters are data.py's one reading of them."""
    mask = frame.report_id.isin(filters.reports) if filters.reports else pd.Series(True, index=frame.index)
    mask &= listed_filters_mask(frame, filters)
    if filters.words.strip():  # every word in the claim's text, subject or sentence; accents and case aside
        texts = [frame[column].fillna("") for column in ("text", "subject", "sentence")]
        joined = texts[0] + " " + texts[1] + " " + texts[2]
        mask &= joined.map(lambda text: search.matches(text, filters.words)).astype(bool)
    return mask
