"""The build's files checked against the data contract when the app loads a build: from their footers alone (a
plain folder's catalog.json, small, read through), so that a truncated or foreign file is said, with how to
rebuild, before any page asks for its rows."""

from pathlib import Path

import pyarrow as pa

from contract import schema
from dashboard import store_sql
from dashboard.store_sql import CATALOG_JSON, DataUnavailable

BATCH_ROWS = 2048  # the catalogue's entries read at a time


def check_catalogue(store: store_sql.Store) -> None:
    """The catalogue's files checked as the other tables' are, from their footers; a plain folder's catalog.json
    (small: a copy of a build) read through once, so a damaged one is said now rather than on a page."""
    if not store.has("catalog"):
        return
    if (store.folder / CATALOG_JSON).is_file():
        for _ in store.catalogue(BATCH_ROWS):  # DuckDB's error names the file and what is wrong
            pass
        return
    checked_columns(store, "catalog")


def checked_columns(store: store_sql.Store, name: str) -> list[str]:
    """A table's columns, each of its files checked against the contract from its footer alone; a truncated or
    foreign file is 'not built', not a crash."""
    columns: list[str] = []
    for path, found in _schemas(store, name):
        problems = schema.problems(name, found)
        if problems:
            raise DataUnavailable(unreadable(store.folder, _shown_name(store.folder, path), "; ".join(problems)))
        columns = columns or list(found.names)
    return columns


def _schemas(store: store_sql.Store, name: str) -> list[tuple[str, pa.Schema]]:
    try:
        return store.schemas(name)
    except (OSError, pa.ArrowException) as error:
        raise DataUnavailable(unreadable(store.folder, f"{name}.parquet", error)) from None


def _shown_name(folder: Path, path: str) -> str:
    """A file's name inside the build folder (a shard's path under it), for a message."""
    try:
        return str(Path(path).relative_to(folder))
    except ValueError:
        return Path(path).name


def unreadable(folder: Path, name: str, why: object) -> str:
    first_line = str(why).splitlines()[0] if str(why) else type(why).__name__
    shown = (
        f"{folder.parent.parent.name}/{folder.parent.name}/{folder.name}"
        if folder.parent.name == "versions"
        else folder.name
    )
    return (
        f"the data file {shown}/{name} cannot be read ({first_line[:200]}): "
        "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
    )
