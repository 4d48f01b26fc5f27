"""A build mapped over a process pool or a Dask cluster writes the same store, byte for byte, as one process.

The corpus: the first report in French (with its metadata) and English, a real PDF, and a file
that is not a PDF. Built with --jobs 1, --jobs 2 and on a dask.distributed LocalCluster of two
worker processes (--scheduler), with SOURCE_DATE_EPOCH fixing the build's date: every file of the
current version has the same bytes; the bad file fails alone with the same one line; a second
build finds every report unchanged (the per-report cache) without starting a pool.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_tables import stored_catalog_text, version_files
from test_etl_attacks import ROOT

from etl.pool import Mapper

pytestmark = pytest.mark.slow
EPOCH = "1700000000"
RAW = ROOT / "data" / "raw"
DATA = ROOT / "tests" / "data"


def etl(raw: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "--input", str(raw), "--out", str(out), *options],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("parallel") / "raw"
    raw.mkdir()
    for name in ("CERD_C_KAZ_11-14_fr.txt", "CERD_C_KAZ_11-14_fr.json"):
        shutil.copy(RAW / name, raw / name)
    shutil.copy(DATA / "CERD_C_KAZ_11-14_en.txt", raw / "CERD_C_KAZ_11-14_en.txt")
    shutil.copy(DATA / "ecuador2008.pdf", raw / "ecuador2008.pdf")
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)  # a PDF header, then nothing readable
    return raw


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def test_one_process_two_processes_and_a_dask_cluster_write_the_same_store(corpus, cluster, tmp_path):
    runs = {
        "jobs1": etl(corpus, tmp_path / "jobs1", "--jobs", "1"),
        "jobs2": etl(corpus, tmp_path / "jobs2", "--jobs", "2"),
        "dask": etl(corpus, tmp_path / "dask", "--scheduler", cluster),
    }
    errors = {name: run.stderr.strip().splitlines() for name, run in runs.items()}
    for name, run in runs.items():
        assert run.returncode == 2 and "Traceback" not in run.stderr, (name, run.stderr)
        [line] = [e for e in errors[name] if e.startswith("error:")]
        assert line.startswith(f"error: {corpus / 'broken.pdf'}: ") and "ecuador" not in line
    assert errors["jobs1"] == errors["jobs2"] == errors["dask"]
    files = {name: version_files(tmp_path / name) for name in runs}
    assert len(files["jobs1"]) > 20 and any(name.endswith(".parquet") for name in files["jobs1"])
    assert any(name.startswith("builds/ecuador2008@") and name.endswith("/claims.parquet") for name in files["jobs1"])
    assert files["jobs1"] == files["jobs2"] == files["dask"]


def test_a_second_parallel_build_finds_every_report_unchanged(corpus, tmp_path):
    out = tmp_path / "out"
    first = etl(corpus, out, "--jobs", "2")
    before = version_files(out)
    again = etl(corpus, out, "--jobs", "2")
    assert again.returncode == 2 and again.stdout.count("(unchanged, not rebuilt)") == 3, again.stdout
    assert first.stderr == again.stderr  # the bad file fails again, alone, with the same line
    assert version_files(out) == before


def _dies_on_two(n: int) -> int:
    if n == 2:
        os._exit(3)  # as a worker killed by the kernel for memory would
    return n * 10


def test_a_worker_that_dies_fails_its_item_alone():
    """A pool worker that exits mid-task (as one killed for memory would) takes the pool down: its item gets the
    `lost` answer, and the items it took down with it are built again, each alone."""
    pool = Mapper(jobs=2)
    try:
        results = pool.map(_dies_on_two, [1, 2, 3, 4], lambda n, error: f"lost {n}: {type(error).__name__}")
    finally:
        pool.close()
    assert results == [10, "lost 2: BrokenProcessPool", 30, 40]


def test_an_unreachable_scheduler_is_one_line(corpus, tmp_path):
    run = etl(corpus, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("error: tcp://127.0.0.1:9: cannot reach the Dask scheduler") and "--scheduler" in line
    assert not (tmp_path / "out" / "current").exists()


def test_a_definition_edit_derives_again_from_stored_claims_without_building_any_report(tmp_path, monkeypatch, capsys):
    """The title of one definition edited: no report is built again (build_one is never called), and the
    store is the same, byte for byte, as a fresh build with the edited definitions."""
    import etl.run
    from etl.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    raw, indicators = tmp_path / "raw", tmp_path / "indicators"
    raw.mkdir()
    for name in ("CERD_C_KAZ_11-14_fr.txt", "CERD_C_KAZ_11-14_fr.json"):
        shutil.copy(RAW / name, raw / name)
    shutil.copytree(ROOT / "indicators", indicators, ignore=shutil.ignore_patterns("drafts"))
    old_title = "Criminal cases registered under Article 174 of the Criminal Code"
    new_title = "Criminal cases opened under Article 174"

    def build(out: Path) -> int:
        return main(["--input", str(raw), "--out", str(out), "--indicators", str(indicators), "--jobs", "1"])

    out = tmp_path / "out"
    assert build(out) == 0
    assert old_title in stored_catalog_text(out)
    definition = indicators / "article_174.toml"
    definition.write_text(definition.read_text(encoding="utf-8").replace(old_title, new_title), encoding="utf-8")

    def no_build(*args):
        raise AssertionError("a report was built again")

    with monkeypatch.context() as patched:
        patched.setattr(etl.run, "build_one", no_build)
        assert build(out) == 0, capsys.readouterr().err
    catalog = stored_catalog_text(out)
    assert new_title in catalog and old_title not in catalog
    fresh = tmp_path / "fresh"
    assert build(fresh) == 0
    assert version_files(out) == version_files(fresh)
