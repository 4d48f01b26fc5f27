"""Where the current build lives inside data/processed/, and which files hold each table: the ETL writes it,
the app reads it.

    <out>/current -> versions/<version>      the one complete build readers see, switched by a rename
    <out>/versions/<version>/manifest.json   the files of that build: each table's shards, each report's folder
    <out>/shards/<table>.<NN>.<digest>.parquet   a file of a table's shard NN (a shard is one file or a few): the
                                             rows of some reports whose id hashes to NN, sorted by report_id,
                                             each report's in one file (immutable, named by its content)

A reader that resolves `current` once and reads every file that version's manifest names sees one
build, never half of two. A reader finds a table's rows through `table_files`, never by guessing
file names: how a build lays a table out on disk is the store's business. A folder without a
manifest (a plain copy of the tables, a build from before shards) holds each table as
`<table>.parquet`, which `table_files` finds the same way.
"""

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

CURRENT = "current"
VERSIONS = "versions"
MANIFEST = "manifest.json"  # versions/<version>/manifest.json
SHARDS = "shards"  # <out>/shards/: the tables' shard files, shared by the versions that list them
SHARD_COUNT = 64  # ~160 reports a shard at 10 000 reports; 8 tables x 64 shards, a few files each


def shard_of(report_id: str) -> int:
    """The shard of a report: a hash of its id that every process and machine agrees on (not Python's hash)."""
    return int.from_bytes(hashlib.sha256(report_id.encode()).digest()[:4], "big") % SHARD_COUNT


def shard_number(path: Path) -> int | None:
    """The shard a table's file belongs to (`claims.07.<digest>.parquet` -> 7); None for a plain `<table>.parquet`."""
    parts = Path(path).name.split(".")
    return int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else None


def current_folder(out: Path) -> Path:
    """The folder of the current build, resolved now; a folder without versions (a copy, an older build) is its own."""
    link = Path(out) / CURRENT
    return link.resolve() if link.is_dir() else Path(out)


def store_root(folder: Path) -> Path:
    """The store a version folder belongs to (versions/<version>/, or `current` copied as a folder)."""
    folder = Path(folder)
    return folder.parent.parent if folder.parent.name == VERSIONS else folder.parent


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """A version's manifest, or None for a folder that has none (its tables are <table>.parquet)."""
    try:
        text = (Path(folder) / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    found = json.loads(text)
    if not isinstance(found, dict):
        raise ValueError(f"{MANIFEST} is not an object")
    return found


def report_order(folder: Path) -> list[str] | None:
    """A version's reports in store order (the first is the one shown when none is named), from its manifest;
    None for a folder without one, whose reports table is in store order. A table's shards hold their rows by
    report_id, so this is the only place a store's order is kept."""
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    reports = manifest.get("reports")
    return (
        [str(entry[0]) for entry in reports if isinstance(entry, list) and entry] if isinstance(reports, list) else []
    )


def table_files(folder: Path, table: str, reports: Collection[str] = ()) -> tuple[Path, ...]:
    """The Parquet files that hold a table's rows in one build folder, each row in exactly one; none if not built.
    Given `reports`, only the files that may hold theirs (their shards' files: a report's rows of every table are in
    the shard its id hashes to), so that one report's rows are read out of a few files, not the corpus's.

    Raises OSError or ValueError for a manifest that cannot be read.
    """
    manifest = read_manifest(folder)
    if manifest is None:
        plain = Path(folder) / f"{table}.parquet"
        return (plain,) if plain.is_file() else ()
    tables = manifest.get("tables")
    names = tables.get(table, []) if isinstance(tables, dict) else []
    shards = store_root(folder) / SHARDS
    found = tuple(shards / str(name) for name in names if "/" not in str(name))
    if reports:
        wanted = {shard_of(report_id) for report_id in reports}
        found = tuple(path for path in found if shard_number(path) in wanted)
    return found


def read_table(folder: Path, table: str) -> pa.Table | None:
    """A table's rows in one build folder as one Arrow table (its shards one after the other); None if not built."""
    parts = [pq.read_table(path) for path in table_files(folder, table)]
    if not parts:
        return None
    return pa.concat_tables(parts, promote_options="default") if len(parts) > 1 else parts[0]
