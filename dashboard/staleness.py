"""Whether the built data still matches its inputs: a report file or an indicator definition saved after the build.

Read from the files' status alone (their modification times): the app never opens an input file.
"""

import stat
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from contract.store import MANIFEST

ROOT = Path(__file__).resolve().parent.parent


def _modified_after(source: Path, built_at: str) -> bool:
    """Whether a report's file was saved after its build, from the file's status alone.

    The app never opens an input file: a named pipe or a device in data/raw/ would hold every worker that
    read it. What the report said is in the store; only the file's modification time is compared here.
    """
    try:
        status = source.stat()
        built = datetime.fromisoformat(built_at)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    built = built if built.tzinfo else built.replace(tzinfo=UTC)
    return status.st_mtime > built.timestamp() + 1  # a second of grace: the build stamps its time after reading


# The changed report files the banner names; past them it counts the rest.
FILES_NAMED = 5


def stale_reasons(folder: Path, reports: pd.DataFrame) -> list[str]:
    """Why the built data no longer matches its inputs (a changed report or indicator file)."""
    raw = ROOT / "data" / "raw"
    files: dict[str, None] = {}  # each file once, in the reports' order: a corpus can name one file many times
    for row in reports.itertuples():
        source = raw / Path(str(row.source_file)).name
        if source.name not in files and _modified_after(source, str(row.built_at)):
            files[source.name] = None
    named = list(files)[:FILES_NAMED]
    reasons = [f"{name} changed since data/processed/ was built" for name in named]
    if len(files) > len(named):  # every page shows the banner: thousands of names made it hundreds of KB
        reasons.append(f"{len(files) - len(named)} more report files changed since data/processed/ was built")
    # when the build was written: its catalogue file, or the version's manifest (a store keeps the catalogue as a table)
    written = next((folder / name for name in ("catalog.json", MANIFEST) if (folder / name).exists()), folder)
    catalog_time = written.stat().st_mtime
    definitions = ROOT / "indicators"
    changed = (
        [p.name for p in definitions.glob("*.toml") if p.stat().st_mtime > catalog_time] if definitions.is_dir() else []
    )
    if changed:
        reasons.append(f"indicator definitions changed since the build ({', '.join(sorted(changed))})")
    return reasons
