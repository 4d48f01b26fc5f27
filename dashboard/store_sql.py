"""The one home of the app's SQL: DuckDB, embedded, reading one build's Parquet files where they lie.

Nothing grows in a worker as the corpus grows: every question about the reports' paragraphs, claims,
items, checks, suggestions or observations is a query over the files, answered with only the rows asked
for. A table's files come from `contract.store.table_files` alone (one file or many shards: the store's
business). One DuckDB database per process, bounded in memory and threads, and one cursor per thread (a
DuckDB connection is not shared between threads; gunicorn's gthread workers answer on several). The
database holds nothing: it reads the Parquet files, never writes, and its settings are locked once made.

Every value a reader types (a report id, the words of a search) is a bound parameter, never SQL text.
"""

import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from contract import schema
from contract.store import shard_number, shard_of, table_files
from dashboard.search import LIGATURES, PUNCTUATION, query_words

__all__ = ["CATALOG_JSON", "DataUnavailable", "Store", "fold_sql"]

CATALOG_JSON = "catalog.json"  # the catalogue of a folder of plain files; a store's is its `catalog` table

# A worker's DuckDB: at most this much memory (past it a query spills or fails, it never swells the worker)
# and this many threads (a worker already answers on several threads of its own).
MEMORY_LIMIT = os.environ.get("INDICATORS_QUERY_MEMORY", "256MB")
THREADS = int(os.environ.get("INDICATORS_QUERY_THREADS", "2"))
SETTINGS: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": MEMORY_LIMIT,
    "threads": THREADS,
    # No extension is fetched or loaded behind the app's back (the workers have no network to fetch from).
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    # Nothing spilled to disk (DuckDB would write under the working folder): a query past the memory fails.
    "temp_directory": "",
}
# Parquet footers kept between queries, keyed by file and modification time: a page's queries do not read
# the same footers again (a setting of the Parquet reader, set once the database is open).
AFTER_OPENING = ("SET parquet_metadata_cache = true", "SET lock_configuration = true")


class DataUnavailable(Exception):
    """data/processed/ is missing, incomplete or unreadable; the message says what and how to build it."""


_process: dict[str, Any] = {"pid": None, "database": None}
_process_lock = threading.Lock()
_thread = threading.local()


def _cursor() -> duckdb.DuckDBPyConnection:
    """This thread's cursor on this process's database (a forked worker makes its own: a parent's is not its)."""
    pid = os.getpid()
    if getattr(_thread, "pid", None) == pid:
        return _thread.cursor  # type: ignore[no-any-return]
    _thread.cursor, _thread.pid = _database().cursor(), pid
    return _thread.cursor  # type: ignore[no-any-return]


def _database() -> duckdb.DuckDBPyConnection:
    """This process's database, opened on first use."""
    pid = os.getpid()
    with _process_lock:
        if _process["pid"] != pid:
            database = duckdb.connect(":memory:", config=SETTINGS)
            for statement in AFTER_OPENING:
                database.execute(statement)
            _process.update(pid=pid, database=database)
        return _process["database"]  # type: ignore[no-any-return]


def _sql_chars(table: dict[int, str]) -> list[tuple[str, str]]:
    return [(chr(code), plain) for code, plain in table.items()]


# What `dashboard.search.folded` does to a text, in SQL: ligatures and typographic punctuation made plain,
# lower case, accents stripped. The query's words are folded by `search.folded` itself, so both sides
# read the same letters; only Unicode's compatibility forms (a superscript ², the ligature ﬁ), which
# `folded` also decomposes and DuckDB has no function for, stay as written in the claims.
_PLAIN = _sql_chars(LIGATURES) + _sql_chars(PUNCTUATION)


def fold_sql(expression: str) -> str:
    """A SQL expression: `expression` folded for search (see `dashboard.search.folded`)."""
    folded = f"lower({expression})"
    for char, plain in _PLAIN:
        quoted = plain.replace("'", "''")
        folded = f"replace({folded}, '{char}', '{quoted}')"
    return f"strip_accents({folded})"


# The text a claims search reads: the claim's text, its subject and its sentence.
_CLAIM_HAYSTACK = fold_sql("concat_ws(' ', text, subject, sentence)")

# The claims of /claims and /api/claims.csv, each with its paragraph's chapter and section (`VI.A`). Both sides
# are narrowed to the reports asked for before the join: the join never sees the rest of the corpus.
_CLAIMS_WITH_PLACES = """
WITH c AS (SELECT * FROM {claims_numbered} WHERE [claims kept]),
     p AS (SELECT report_id, paragraph, chapter, chapter_title, section, section_title FROM {paragraphs}
           WHERE [reports kept])
SELECT c.* EXCLUDE (filename, file_row_number), p.chapter, p.chapter_title,
       CASE WHEN p.section IS NULL THEN NULL ELSE p.chapter || '.' || p.section END AS section,
       p.section_title
FROM c LEFT JOIN p USING (report_id, paragraph)
ORDER BY list_position({claims_files}, c.filename), c.file_row_number
"""
# A join does not keep the files' order: the claims are put back in it (the files in the store's order, above).
# One report (the page's case) is an equality, which DuckDB checks against each row group's bounds.
_ONE_REPORT, _SOME_REPORTS, _EVERY_REPORT = "report_id = $report", "list_contains($reports, report_id)", "true"


class Store:
    """The SQL over one build folder: each table's files as the store lists them, read by DuckDB."""

    def __init__(self, folder: Path, tables: Iterable[str]) -> None:
        self.folder = folder
        self.files = {name: tuple(str(path) for path in _files_of(folder, name)) for name in tables}

    def has(self, table: str) -> bool:
        """Whether the build has the table (an optional one may not have been built)."""
        return bool(self.files.get(table))

    def schemas(self, table: str) -> list[tuple[str, pa.Schema]]:
        """The Arrow schema of each of a table's files, read from its footer (raises on a damaged file)."""
        return [(path, pq.read_schema(path)) for path in self.files[table]]

    def query(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        empty: str | None = None,
        *,
        within: Sequence[str] = (),
        **names: str,
    ) -> pd.DataFrame:
        """The rows of one statement; `{table}` in it reads that table (`{table_numbered}` with each row's file
        and its number in it, to keep the files' order through a join). `names` fill the statement's other
        fields: a table (`table=`) or column names of the contract, quoted here. An unbuilt table gives no rows,
        with `empty`'s columns. `within`: the statement reads only these reports' rows, so only the files of
        their shards are opened (one report's rows out of a file or a few, however large the corpus)."""
        frame: pd.DataFrame = self.arrow(sql, params, empty, within=within, **names).to_pandas()
        return frame

    def arrow(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        empty: str | None = None,
        *,
        within: Sequence[str] = (),
        **names: str,
    ) -> pa.Table:
        """`query`'s rows as Arrow (lists stay lists and maps maps, as the records want them)."""
        statement = self._statement(sql, params, empty, names, within)
        if isinstance(statement, pa.Table):
            return statement
        with self._told():
            return _cursor().sql(statement[0], params=statement[1]).to_arrow_table()

    def batches(
        self, sql: str, params: dict[str, Any] | None = None, rows: int = 2048, **names: str
    ) -> Iterator[pa.Table]:
        """`query`'s rows a batch of `rows` at a time, never held whole: on a cursor of their own, so the thread's
        other queries may run between two batches."""
        statement = self._statement(sql, params, None, names)
        if isinstance(statement, pa.Table):
            yield statement
            return
        cursor = _database().cursor()
        try:
            with self._told():
                reader = iter(cursor.sql(statement[0], params=statement[1]).to_arrow_reader(rows))
            while True:
                with self._told():
                    batch = next(reader, None)
                if batch is None:
                    return
                yield pa.Table.from_batches([batch])
        finally:
            cursor.close()

    def _statement(
        self,
        sql: str,
        params: dict[str, Any] | None,
        empty: str | None,
        names: dict[str, str],
        within: Sequence[str] = (),
    ) -> tuple[str, dict[str, Any]] | pa.Table:
        """The statement with its fields filled and its parameters bound, or no rows when a table is not built."""
        names = dict(names)
        tables = {name: name for name in self.files}
        if "table" in names:
            tables["table"] = names.pop("table")
        needed = {
            field: table for field, table in tables.items() if re.search(r"\{" + field + r"(_numbered|_files)?\}", sql)
        }
        files = {table: self._files_within(table, within) for table in needed.values()}
        if any(not found for found in files.values()):
            return _empty(empty or next(iter(needed.values())))
        bound = dict(params or {})
        fields = {name: _quoted(column) for name, column in names.items()}
        for field, table in needed.items():
            bound[f"files_{table}"] = files[table]
            fields[field] = _reader(table, files[table])
            fields[f"{field}_numbered"] = f"read_parquet($files_{table}, filename = true, file_row_number = true)"
            fields[f"{field}_files"] = f"$files_{table}"  # the list of its files, to order rows by their file
        return sql.format(**fields), bound

    def _files_within(self, table: str, reports: Sequence[str]) -> list[str]:
        """A table's files, or those that may hold `reports`' rows: a report's rows of every table are in the shard
        its id hashes to (a plain `<table>.parquet` holds every report's)."""
        if not reports:
            return list(self.files[table])
        shards = {shard_of(report_id) for report_id in reports}
        found = [f for f in self.files[table] if (number := shard_number(Path(f))) is None or number in shards]
        # No file may hold them (no such report): one file still gives the statement its columns, and no row.
        return found or list(self.files[table][:1])

    @contextmanager
    def _told(self) -> Iterator[None]:
        """A file gone or damaged after the load checked it: the reader is told, as for a file never built (a
        mistake in a statement is not the data's: it stays an error of the app)."""
        try:
            yield
        except (duckdb.IOException, duckdb.InvalidInputException) as error:
            first_line = (str(error).splitlines() or [type(error).__name__])[0][:200]
            raise DataUnavailable(
                f"the data of {self.folder.name}/ cannot be read ({first_line}): "
                "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
            ) from None

    def rows_of(self, table: str, column: str, value: object, order: str | None = None) -> pd.DataFrame:
        """A table's rows whose `column` equals `value`, by `order` if given, then in the files' order."""
        sql = _ROWS_ORDERED if order else _ROWS
        names = {"order": order} if order else {}
        within = [str(value)] if column == "report_id" else []
        return self.query(sql, {"value": value}, table=table, column=column, within=within, **names)

    def whole(self, table: str) -> pd.DataFrame:
        """A table, every row, in the files' order (downloads, and the small tables read once)."""
        return self.query("SELECT * FROM {table}", empty=table, table=table)

    def count_of(self, table: str, column: str, value: object) -> int:
        """How many rows of a table have `column` equal to `value`."""
        within = [str(value)] if column == "report_id" else []
        found = self.query(_COUNT, {"value": value}, table=table, column=column, within=within)
        return int(found.n.iloc[0]) if len(found) else 0

    def claims(self, reports: Sequence[str], words: str) -> pd.DataFrame:
        """Claims with their places, of `reports` (every report when empty), holding every word of `words`."""
        kept = _EVERY_REPORT if not reports else _ONE_REPORT if len(reports) == 1 else _SOME_REPORTS
        params: dict[str, object] = {}
        if reports:
            params.update({"report": reports[0]} if len(reports) == 1 else {"reports": list(reports)})
        conditions = [kept]
        for number, word in enumerate(query_words(words)):
            conditions.append(f"contains({_CLAIM_HAYSTACK}, $word{number})")
            params[f"word{number}"] = word
        # The statement's two conditions are made of the constants above and bound `$` values only.
        sql = _CLAIMS_WITH_PLACES.replace("[claims kept]", " AND ".join(conditions)).replace("[reports kept]", kept)
        return self.query(sql, params, empty="claims", within=reports)

    def checks_naming(self, column: str, values: Sequence[str]) -> pd.DataFrame:
        """The checks whose `column` (a list column when `indicator_ids`) holds one of `values`."""
        sql = _CHECKS_LISTING if column == "indicator_ids" else _CHECKS_NAMING
        return self.query(sql, {"values": list(values)}, column=column)

    def indicators_by_claim(self, column: str, value: str) -> dict[str, list[str]]:
        """claim_id -> the indicators that chart it, for the observations whose `column` is `value`."""
        within = [value] if column == "report_id" else []
        found = self.query(_INDICATORS_BY_CLAIM, {"value": value}, column=column, within=within)
        return {str(row.claim_id): [str(i) for i in row.ids] for row in found.itertuples()}

    def inconsistent_indicators(self, status: str) -> set[str]:
        """The indicators drawing the figure a check of `status` is about, or all a check naming no figure involves."""
        named = self.query(_DRAWING_CHECKED_FIGURES, {"status": status})
        unnamed = self.query(_INVOLVED_IN_UNNAMED_CHECKS, {"status": status})
        return {str(i) for i in named.id} | {str(i) for i in unnamed.id}

    def uncharted_suggestions(self, report_id: str) -> pd.DataFrame:
        """The report's suggestions no curated indicator covers and with no page of their own (no catalogue entry
        of their id), with their paragraphs."""
        return self.query(_UNCHARTED_SUGGESTIONS, {"report": report_id})

    def catalogue_of(self, report_id: str) -> pa.Table:
        """One report's catalogue entries, in their order."""
        return self.arrow(_CATALOGUE_OF_REPORT, {"report": report_id}, empty="catalog", within=[report_id])

    def catalogue_named(self, indicator_ids: Sequence[str]) -> pa.Table:
        """Every catalogue entry of these indicators (a series has one a document), in no set order."""
        if len(indicator_ids) == 1:
            return self.arrow(_CATALOGUE_OF_ID, {"id": indicator_ids[0]}, empty="catalog")
        return self.arrow(_CATALOGUE_NAMED, {"ids": list(indicator_ids)}, empty="catalog")

    def shared_indicator_ids(self) -> list[str]:
        """The indicator ids with more than one catalogue entry (a series across documents, an entry a document)."""
        return [str(i) for i in self.query(_SHARED_IDS, empty="catalog").indicator_id]

    def series_in(self, report_ids: Sequence[str]) -> pd.DataFrame:
        """The series across documents these reports give a point to: (report_id, indicator_id), in the files' order."""
        found = self.query(_SERIES_IN, {"reports": list(report_ids)}, empty="catalog", within=report_ids)
        return found[["report_id", "indicator_id"]]

    def catalogue(self, rows: int) -> Iterator[pa.Table]:
        """The whole catalogue in the files' order, `rows` entries at a time."""
        return self.batches(_WHOLE_CATALOGUE, rows=rows)

    def column_values(self, table: str, columns: Sequence[str]) -> pd.DataFrame:
        """Some columns of a table, every row (the reports' ids and languages, read once a build)."""
        found = self.query(_SOME_COLUMNS, {"columns": list(columns)}, empty=table, table=table)
        return found[list(columns)]


# The statements; `{…}` fields are tables and column names filled by `Store.query`, `$…` bound values.
_ROWS = "SELECT * EXCLUDE (filename, file_row_number) FROM {table_numbered} WHERE {column} = $value"
_ROWS_ORDERED = _ROWS + " ORDER BY {order}, list_position({table_files}, filename), file_row_number"
_SOME_COLUMNS = "SELECT COLUMNS(lambda name: list_contains($columns, name)) FROM {table}"
_COUNT = "SELECT count(*) AS n FROM {table} WHERE {column} = $value"
_CHECKS_LISTING = "SELECT * FROM {checks} WHERE list_has_any({column}, $values)"
_CHECKS_NAMING = "SELECT * FROM {checks} WHERE list_contains($values, {column})"
_INDICATORS_BY_CLAIM = """
SELECT claim_id, list_sort(list_distinct(list(indicator_id))) AS ids FROM {observations}
WHERE {column} = $value AND claim_id IS NOT NULL GROUP BY claim_id
"""
_DRAWING_CHECKED_FIGURES = """
SELECT DISTINCT o.indicator_id AS id FROM {observations} AS o
JOIN (SELECT claim_id FROM {checks} WHERE status = $status AND claim_id IS NOT NULL) AS k USING (claim_id)
"""
_INVOLVED_IN_UNNAMED_CHECKS = (
    "SELECT DISTINCT unnest(indicator_ids) AS id FROM {checks} WHERE status = $status AND claim_id IS NULL"
)
_UNCHARTED_SUGGESTIONS = """
WITH c AS (SELECT claim_id, paragraph FROM {claims} WHERE report_id = $report),
     s AS (SELECT * FROM {suggestions_numbered} WHERE report_id = $report AND len(covered_by) = 0)
SELECT s.* EXCLUDE (filename, file_row_number), c.paragraph
FROM s LEFT JOIN c USING (claim_id)
WHERE s.suggestion_id NOT IN (SELECT indicator_id FROM {catalog} WHERE indicator_id IS NOT NULL)
ORDER BY list_position({suggestions_files}, s.filename), s.file_row_number
"""
# The catalogue: a report's entries (a report's rows are in one file, in their order); the entries of some ids
# (one pass over the ids' column, however many ids: a semi-join, whose rows come in no set order); the ids that
# name several entries; every entry, in the files' order.
_CATALOGUE_OF_REPORT = "SELECT * FROM {catalog} WHERE report_id = $report"
_CATALOGUE_OF_ID = "SELECT * FROM {catalog} WHERE indicator_id = $id"
_CATALOGUE_NAMED = "SELECT * FROM {catalog} WHERE indicator_id IN (SELECT unnest($ids))"
_SHARED_IDS = "SELECT indicator_id FROM {catalog} GROUP BY indicator_id HAVING count(*) > 1"
_SERIES_IN = "SELECT report_id, indicator_id FROM {catalog} WHERE series AND list_contains($reports, report_id)"
_WHOLE_CATALOGUE = "SELECT * FROM {catalog}"


def _files_of(folder: Path, table: str) -> tuple[Path, ...]:
    """A table's files: the store's (`contract.store.table_files`), or a plain folder's catalog.json."""
    if table == "catalog" and (Path(folder) / CATALOG_JSON).is_file():
        return (Path(folder) / CATALOG_JSON,)
    return table_files(folder, table)


def _reader(table: str, files: Sequence[str]) -> str:
    """How DuckDB reads a table's files: Parquet, or a catalog.json (an array of objects) with the contract's types."""
    if files and files[0].endswith(".json"):
        kinds = ", ".join(f"'{field.name}': '{_sql_type(field.type)}'" for field in schema.schema(table))
        return f"read_json($files_{table}, format = 'array', columns = {{{kinds}}})"
    return f"read_parquet($files_{table})"


_SQL_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN"}


def _sql_type(kind: pa.DataType) -> str:
    """DuckDB's name of a contract column's Arrow type."""
    if pa.types.is_list(kind):
        return _sql_type(kind.value_type) + "[]"
    if pa.types.is_map(kind):
        return f"MAP({_sql_type(kind.key_type)}, {_sql_type(kind.item_type)})"
    return _SQL_TYPES[str(kind)]


def _quoted(column: str) -> str:
    """A column name as SQL (the names come from the contract, never from a reader)."""
    return '"' + column.replace('"', '""') + '"'


def _empty(table: str) -> pa.Table:
    """No rows, with the table's columns and types (a table this build did not write)."""
    return schema.schema(table).empty_table()
