"""The app never opens an input file: what it shows is in the store. A named pipe put where a report's file was
(`data/raw/<source_file>`) once held every worker that checked whether the report had changed."""

import builtins
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from app_fixtures import app_reading, plain_copy, routing, shared_fixture
from store_tables import stored_table

from dashboard import data, staleness


def test_a_named_pipe_in_data_raw_holds_nothing_and_no_raw_file_is_opened(tmp_path_factory, tmp_path, monkeypatch):
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path / "processed")
    raw = tmp_path / "root" / "data" / "raw"
    raw.mkdir(parents=True)
    for name in stored_table(folder, "reports").source_file:
        os.mkfifo(raw / Path(name).name)
    monkeypatch.setattr(data, "ROOT", tmp_path / "root")
    opened: list[str] = []
    real_open = io.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and str(raw) in str(file):
            opened.append(str(file))
            raise AssertionError(f"the app opened {file}")  # before a pipe could block the test
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded)
    monkeypatch.setattr(builtins, "open", guarded)
    with app_reading(folder) as app:
        client = app.server.test_client()
        assert client.get("/api/indicators.json").status_code == 200
        assert client.post("/_dash-update-component", json=routing("/")).status_code == 200
    assert opened == []


@pytest.mark.parametrize(("saved_after_build", "stale"), [(True, True), (False, False)])
def test_a_report_file_saved_after_the_build_is_said_changed(tmp_path, saved_after_build, stale, monkeypatch):
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    source = raw / "report.txt"
    source.write_text("text", encoding="utf-8")
    built = pd.Timestamp.now(tz="UTC") - pd.Timedelta(hours=1 if saved_after_build else -1)
    os.utime(source, (built.timestamp() + (3600 if saved_after_build else -3600),) * 2)
    monkeypatch.setattr(staleness, "ROOT", tmp_path)
    catalog = tmp_path / "catalog.json"
    catalog.write_text("[]", encoding="utf-8")
    reports = pd.DataFrame({"source_file": ["report.txt"], "built_at": [built.isoformat(timespec="seconds")]})
    reasons = staleness.stale_reasons(tmp_path, reports)
    assert bool([r for r in reasons if "report.txt changed" in r]) is stale


def test_the_stale_banner_names_each_changed_file_once_and_a_few_of_many(tmp_path, monkeypatch):
    """Thousands of reports whose files changed: every page carried the banner, hundreds of KB of names."""
    raw = staleness.ROOT / "data" / "raw"
    files = sorted(p.name for p in raw.iterdir() if p.is_file())
    assert len(files) >= 2, "data/raw/ holds a report and its metadata"
    long_ago = "2000-01-01T00:00:00+00:00"  # every file of data/raw/ was saved after it
    many = [files[0]] * 1000 + [f"absent-{i}.txt" for i in range(3)]  # an absent file has not changed
    reports = pd.DataFrame({"source_file": many, "built_at": [long_ago] * len(many)})
    assert staleness.stale_reasons(tmp_path, reports) == [f"{files[0]} changed since data/processed/ was built"]
    monkeypatch.setattr(staleness, "FILES_NAMED", 1)
    names = [name for name in files for _ in range(50)]
    found = staleness.stale_reasons(tmp_path, pd.DataFrame({"source_file": names, "built_at": [long_ago] * len(names)}))
    assert found == [
        f"{files[0]} changed since data/processed/ was built",
        f"{len(files) - 1} more report files changed since data/processed/ was built",
    ]
