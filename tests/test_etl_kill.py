"""Builds killed at every step of a commit, and builds racing for one --out (issue 12).

Killed anywhere — while a table is written, between two renames, while old versions are
removed — a build leaves --out fully old or fully new for a reader, and the next build
succeeds and cleans up. Concurrent builds end with every report of every build that said
"built" present, or one build refused with "another build is running".
"""

import hashlib
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_tables import manifest, stored_arrow, stored_catalog
from test_etl_attacks import GOOD_TEXT, ROOT, run_etl_bounded, write_report

from contract.store import current_folder, table_files

pytestmark = pytest.mark.slow
TABLES = ("paragraphs", "claims", "observations", "checks", "reports", "catalog")
NEW_TEXT = GOOD_TEXT.replace("12 affaires", "13 affaires")


def reader_view(out: Path) -> dict[str, bytes | None]:
    """What a reader of --out sees, table by table, through `current` and its manifest (None: it cannot read it)."""
    view: dict[str, bytes | None] = {}
    folder = current_folder(out)
    for name in TABLES:
        try:
            view[name] = b"".join(path.read_bytes() for path in table_files(folder, name)) or None
        except (OSError, ValueError):
            view[name] = None
    return view


def is_new(out: Path, raw: Path) -> bool:
    """Every table is there, and it is the build of the new text of `a`, with `b` kept."""
    if any(v is None for v in reader_view(out).values()):
        return False
    reports = {r["report_id"]: r for r in stored_arrow(out, "reports").to_pylist()}
    claims = stored_arrow(out, "claims").to_pylist()
    paragraphs = stored_arrow(out, "paragraphs").to_pylist()
    stored_catalog(out)
    return (
        sorted(reports) == ["a", "b"]
        and reports["a"]["sha256"] == hashlib.sha256((raw / "a.txt").read_bytes()).hexdigest()
        and [c["value"] for c in claims if c["report_id"] == "a" and c["kind"] == "count"] == [13, 7]
        and [c["value"] for c in claims if c["report_id"] == "b" and c["kind"] == "count"] == [12, 7]
        and any("13 affaires" in p["text"] for p in paragraphs if p["report_id"] == "a")
    )


def assert_clean(out: Path) -> None:
    """No staging folder, temporary link or file, and at most the current and the previous version."""
    versions = sorted(p.name for p in (out / "versions").iterdir())
    assert len(versions) <= 2 and not any(v.startswith(".") for v in versions), versions
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name or ".link-" in p.name]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """An old store (reports a and b), the new input (a changed), and a place for the trials."""
    root = tmp_path_factory.mktemp("kill")
    old_raw, new_raw = root / "old_raw", root / "new_raw"
    for raw, text in ((old_raw, GOOD_TEXT), (new_raw, NEW_TEXT)):
        raw.mkdir()
        write_report(raw, "a", {"symbol": "CERD/C/A/1"}, text)
        write_report(raw, "b", {"symbol": "CERD/C/B/1"})
    (root / "indicators").mkdir()
    base = root / "base"
    assert run_etl_bounded("--input", old_raw, "--out", base, "--indicators", root / "indicators", cwd=root).code == 0
    return root, base, new_raw


def killer(root: Path, argv: list, trials: list[dict]) -> list[dict]:
    """Run the trials in tests/etl_killer.py (one process, a fork per trial); their exit statuses and calls."""
    plan, result = root / "plan.json", root / "result.json"
    plan.write_text(json.dumps({"argv": [str(a) for a in argv], "trials": trials, "result": str(result)}))
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "etl_killer.py"), str(plan)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,  # a trial costs a build (a second on an idle machine; ten on a shared one)
    )
    assert done.returncode == 0, done.stderr
    return json.loads(result.read_text())


def copy_of(base: Path, folder: Path) -> Path:
    shutil.copytree(base, folder, symlinks=True)
    return folder


def test_a_build_killed_at_any_step_leaves_old_or_new_and_the_next_one_succeeds(stores):
    """Killed before each of the commit's file-system calls (every fsync, mkdir, rename, link, removal),
    then at 8 random times: each --out reads fully old or fully new; the next build exits 0, reads new
    and leaves no staging or temporary file. Bounds: the whole test under 300 s (measured about 10 s)."""
    root, base, new_raw = stores
    argv = ["--input", new_raw, "--indicators", root / "indicators"]
    [whole] = killer(root, argv, [{"out": str(copy_of(base, root / "count"))}])
    assert whole["status"] == 0 and is_new(root / "count", new_raw)
    calls = whole["calls"]
    assert {"fsync", "mkdir", "rename", "replace", "symlink"} <= set(calls), calls
    old = reader_view(base)
    random.seed(12)
    trials = [{"out": str(copy_of(base, root / f"at{k}")), "kill_at": k} for k in range(1, len(calls) + 1)]
    trials += [
        {"out": str(copy_of(base, root / f"after{i}")), "kill_after": random.uniform(0, whole["seconds"])}
        for i in range(8)
    ]
    results = killer(root, argv, trials)
    states = []
    for spec, result in zip(trials, results):
        out = Path(spec["out"])
        assert result["status"] in (-9, 0), (spec, result)
        view = reader_view(out)
        state = "old" if view == old else "new" if is_new(out, new_raw) else "mixed"
        assert state != "mixed", (spec, calls[spec.get("kill_at", 1) - 1], {k: v is not None for k, v in view.items()})
        states.append(state)
    assert "old" in states and "new" in states  # the kills did land on both sides of the switch
    again = killer(root, argv, [{"out": spec["out"]} for spec in trials])
    for spec, result in zip(trials, again):
        out = Path(spec["out"])
        assert result["status"] == 0 and is_new(out, new_raw), spec
        assert_clean(out)


def test_a_first_build_killed_between_renames_leaves_nothing_or_everything(stores):
    """A fresh --out, the build killed before each rename, replace and symlink of its commit: readers find
    no table or every table of the build; the next build succeeds (under 300 s; measured 2 s)."""
    root, _, new_raw = stores
    argv = ["--input", new_raw, "--indicators", root / "indicators"]
    [whole] = killer(root, argv, [{"out": str(root / "fresh_count")}])
    points = [k for k, call in enumerate(whole["calls"], 1) if call in ("rename", "replace", "symlink")]
    trials = [{"out": str(root / f"fresh{k}"), "kill_at": k} for k in points]
    for spec, result in zip(trials, killer(root, argv, trials)):
        out = Path(spec["out"])
        assert result["status"] in (-9, 0), (spec, result)
        view = reader_view(out)
        assert all(v is None for v in view.values()) or is_new(out, new_raw), spec
    for spec, result in zip(trials, killer(root, argv, [{"out": spec["out"]} for spec in trials])):
        assert result["status"] == 0 and is_new(Path(spec["out"]), new_raw)
        assert_clean(Path(spec["out"]))


def _start(root: Path, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *map(str, args), "--indicators", root / "indicators"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("wait", ["30", "0"])
def test_concurrent_builds_of_two_reports_keep_both_or_refuse_one(stores, tmp_path, wait):
    """Three builds of three single reports started together on one fresh --out: each that exits 0 has
    its report in the store (waiting for the lock, 30 s), or exits 2 saying another build is running
    (no waiting); the store is clean and consistent. Under 120 s (measured 4 s)."""
    root, _, _new_raw = stores
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("x", "y", "z"):
        write_report(raw, name, {"symbol": f"CERD/C/{name.upper()}/1"})
    out = tmp_path / "out"
    builds = {name: _start(root, "--input", raw / f"{name}.txt", "--out", out, "--wait", wait) for name in "xyz"}
    finished = {name: (build.wait(timeout=120), *build.communicate()) for name, build in builds.items()}
    reports = {r["report_id"] for r in stored_arrow(out, "reports").to_pylist()}
    for name, (status, _stdout, stderr) in finished.items():
        assert "Traceback" not in stderr
        if status == 0:
            assert name in reports, (name, reports)
        else:
            assert status == 2 and stderr.strip() == (
                f"error: {out}: another build is running (it holds {out / '.lock'}); wait for it to end, then run again"
            )
            assert name not in reports
    assert any(status == 0 for status, _, _ in finished.values())
    if wait == "30":
        assert reports == {"x", "y", "z"}
    assert_clean(out)
    assert sorted(entry[0] for entry in manifest(out)["reports"]) == sorted(reports)


def test_two_builds_of_one_folder_at_once_both_end_with_both_reports(stores, tmp_path):
    """The same folder built twice at once (two `make data`): both exit 0, both reports there (under 120 s)."""
    root, _, new_raw = stores
    out = tmp_path / "out"
    builds = [_start(root, "--input", new_raw, "--out", out, "--wait", "120") for _ in range(2)]
    results = [(b.wait(timeout=120), *b.communicate()) for b in builds]
    assert [status for status, _, _ in results] == [0, 0], [stderr for _, _, stderr in results]
    assert is_new(out, new_raw)
    assert_clean(out)
    assert (
        sum("(unchanged, not rebuilt)" in stdout for _, stdout, _ in results) >= 1
    )  # the second found the first's work
