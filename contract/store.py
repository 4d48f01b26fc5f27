"""Where the current build lives inside data/processed/, and which files hold each table: the ETL writes it,
the app reads it.

    <out>/current -> versions/<version>      the one complete build readers see, switched by a rename
    <out>/<table>.parquet -> current/<table>.parquet, <out>/catalog.json -> current/catalog.json

A reader that resolves `current` once and reads every file from that folder sees one build,
never half of two (the top-level links are for readers that open one file at a time). A reader
finds a table's rows through `table_files`, never by guessing file names: how a build lays a
table out on disk (one file, or several for a corpus of thousands of reports) is the store's
business.
"""

from pathlib import Path

CURRENT = "current"
VERSIONS = "versions"


def current_folder(out: Path) -> Path:
    """The folder of the current build, resolved now; a folder without versions (a copy, an older build) is its own."""
    link = Path(out) / CURRENT
    return link.resolve() if link.is_dir() else Path(out)


def table_files(folder: Path, table: str) -> tuple[Path, ...]:
    """The Parquet files that hold a table's rows in one build folder, each row in exactly one; none if not built."""
    found = Path(folder) / f"{table}.parquet"
    return (found,) if found.is_file() else ()
