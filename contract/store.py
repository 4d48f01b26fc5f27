"""Where the current build lives inside data/processed/: the ETL writes it, the app reads it.

    <out>/current -> versions/<version>      the one complete build readers see, switched by a rename
    <out>/<table>.parquet -> current/<table>.parquet, <out>/catalog.json -> current/catalog.json

A reader that resolves `current` once and reads every file from that folder sees one build,
never half of two (the top-level links are for readers that open one file at a time).
"""

from pathlib import Path

CURRENT = "current"
VERSIONS = "versions"


def current_folder(out: Path) -> Path:
    """The folder of the current build, resolved now; a folder without versions (a copy, an older build) is its own."""
    link = Path(out) / CURRENT
    return link.resolve() if link.is_dir() else Path(out)
