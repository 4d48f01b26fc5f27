"""Reading a built store's tables in tests and benches, as a reader of the app does: through
contract/store.py (`current_folder`, `table_files`), never by guessing file names.

`out` is a store (its `current` version is read) or a folder of plain files (`<table>.parquet`).
Rows come sorted by report_id, each report's rows in the order it built them.
"""

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from contract import schema
from contract.store import current_folder, read_table


def stored_arrow(out: Path, name: str) -> pa.Table:
    """A table of the current build as one Arrow table; a table that was not built is an error."""
    found = read_table(current_folder(out), name)
    assert found is not None, f"{out}: no {name} table"
    order = pc.sort_indices(
        pa.table({"report_id": found.column("report_id"), "row": pa.array(range(found.num_rows))}),
        sort_keys=[("report_id", "ascending"), ("row", "ascending")],
    )
    return found.take(order)


def stored_table(out: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """A table of the current build as a DataFrame."""
    found = stored_arrow(out, name).to_pandas()
    return found[columns] if columns else found


def stored_catalog(out: Path) -> list[dict]:
    """The catalogue as catalog.json objects: a plain folder's catalog.json, else the catalogue table."""
    folder = current_folder(out)
    if (folder / "catalog.json").is_file():
        return json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    return json.loads(schema.to_json(schema.from_table("catalog", stored_arrow(out, "catalog"))))


def stored_catalog_text(out: Path) -> str:
    return json.dumps(stored_catalog(out), ensure_ascii=False)


def plain_files(out: Path, folder: Path) -> Path:
    """The current build of a store as a folder of plain files, one `<table>.parquet` each and catalog.json,
    for a test to edit: the app reads such a folder as it is."""
    folder.mkdir(parents=True, exist_ok=True)
    built = current_folder(out)
    for name in schema.BUILT_TABLES:
        found = read_table(built, name)
        if found is not None:
            pq.write_table(found, folder / f"{name}.parquet")
    if (built / "catalog.json").is_file():
        shutil.copy2(built / "catalog.json", folder / "catalog.json")
    else:
        (folder / "catalog.json").write_text(schema.to_json(schema.from_table("catalog", stored_arrow(out, "catalog"))))
    return folder


def manifest(out: Path) -> dict:
    """The manifest of the current version of a store (its reports' folders, its tables' shards)."""
    return json.loads((current_folder(out) / "manifest.json").read_text(encoding="utf-8"))


def report_folder(out: Path, report_id: str) -> Path:
    """The folder of a stored report's own tables and build.json (builds/<report_id>@<digest>/)."""
    [folder] = [f for i, f, _ in manifest(out)["reports"] if i == report_id]
    return Path(out) / "builds" / folder


def version_files(out: Path) -> dict[str, str]:
    """Every file of the current version, by its path in the store, with its content's hash: the manifest, every
    shard it lists and every file of its reports' folders."""
    import hashlib

    found = {"manifest.json": hashlib.sha256((current_folder(out) / "manifest.json").read_bytes()).hexdigest()}
    listed = manifest(out)
    paths = [Path("shards") / name for names in listed["tables"].values() for name in names]
    for _, folder, _ in listed["reports"]:
        paths += [p.relative_to(out) for p in sorted((Path(out) / "builds" / folder).iterdir())]
    return found | {str(p): hashlib.sha256((Path(out) / p).read_bytes()).hexdigest() for p in paths}
