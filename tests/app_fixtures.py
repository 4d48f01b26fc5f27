"""A data/processed/ folder for the app's tests, built by the real ETL from data/raw/ (once per session)."""
from pathlib import Path

from etl.cli import main as build_data

_shared: dict = {}


def build_fixture(folder: Path) -> Path:
    """Build data/processed/ into `folder` with `python -m etl`, as `make data` does."""
    assert build_data(["--out", str(folder)]) == 0, "python -m etl failed on data/raw/"
    for name in ("paragraphs.parquet", "claims.parquet", "reports.parquet", "observations.parquet", "checks.parquet", "catalog.json"):
        assert (folder / name).exists(), f"python -m etl did not write {name}"
    return folder


def shared_fixture(tmp_path_factory) -> Path:
    """One built folder for every app test module of the session (the build takes about a second)."""
    if "folder" not in _shared:
        _shared["folder"] = build_fixture(tmp_path_factory.mktemp("processed"))
    return _shared["folder"]
