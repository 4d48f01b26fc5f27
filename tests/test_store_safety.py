"""The store touches only what is its own, and an interrupt at any instruction of etl/store.py (and etl/store_files.py, etl/store_folder.py) leaves it whole.

--out pointed by mistake at a folder that is neither empty nor a store is refused before anything is
written; inside a store, clean-up removes only the versions and temporary files the store makes,
never a file someone else put there; and a KeyboardInterrupt injected before every bytecode
instruction of etl/store.py (and etl/store_files.py, etl/store_folder.py) during a build (sys.settrace with opcode events) leaves `current`
naming a complete version, old or new, with every foreign file as it was, and the next build
succeeding.
"""

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from test_etl_attacks import GOOD_TEXT, write_report

import etl.run
from contract.store import current_folder, table_files
from etl import store, store_files, store_folder
from etl.cli import main

pytestmark = pytest.mark.slow
STORE_CODE = {os.path.realpath(m.__file__) for m in (store, store_files, store_folder)}
NEW_TEXT = GOOD_TEXT.replace("12 affaires", "13 affaires")
# What a mistaken --out may hold (a site's release folder, a cache), and what a store may have beside it.
FOREIGN = {
    "versions/v1.0/index.html": b"<html>release 1.0</html>",
    "versions/CHANGELOG.md": b"# Changes\n",
    ".cache.tmp-42": b"a cache",
    ".notes.link-7": b"not a link of the store",
    "versions/.new-year/plan.txt": b"a plan",
    "notes.txt": b"mine",
}


def plant(out: Path) -> None:
    for name, content in FOREIGN.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)


def foreign_intact(out: Path) -> bool:
    return all((out / name).is_file() and (out / name).read_bytes() == content for name, content in FOREIGN.items())


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder (links followed), by relative path, with its content's hash."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def current_tree(out: Path) -> dict[str, str] | None:
    """The version `current` names and every file its manifest names, if it is one of the store's versions;
    None if `current` dangles or is odd (a file the manifest names that is missing is an error)."""
    target = os.readlink(out / "current") if (out / "current").is_symlink() else None
    if target is None or not store.VERSION_RE.match(Path(target).name) or not (out / target).is_dir():
        return None
    found = tree(out / target)
    manifest = json.loads((out / target / "manifest.json").read_text(encoding="utf-8"))
    for _, folder, _ in manifest["reports"]:
        found |= {f"builds/{folder}/{name}": digest for name, digest in tree(out / "builds" / folder).items()}
    for names in manifest["tables"].values():
        found |= {f"shards/{name}": hashlib.sha256((out / "shards" / name).read_bytes()).hexdigest() for name in names}
    return found


def top_files(out: Path) -> dict[str, str | None]:
    """What a reader finds of each table through `current` (contract/store.py), one file after the other."""
    found = {}
    folder = current_folder(out)
    for name in ("paragraphs", "claims", "reports", "catalog"):
        paths = table_files(folder, name)
        found[name] = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest() if paths else None
    return found


def build(raw: Path, out: Path, indicators: Path) -> int:
    return main(["--input", str(raw), "--out", str(out), "--indicators", str(indicators)])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two inputs (report `a` changed between them), no definitions, and build_one memoized so that a trial
    costs a commit, not a report's build, and two builds of one input write byte-identical versions."""
    root = tmp_path_factory.mktemp("safety")
    old_raw, new_raw, indicators = root / "old_raw", root / "new_raw", root / "indicators"
    for raw, text in ((old_raw, GOOD_TEXT), (new_raw, NEW_TEXT)):
        raw.mkdir()
        write_report(raw, "a", {"symbol": "CERD/C/A/1"}, text)
        write_report(raw, "b", {"symbol": "CERD/C/B/1"})
    indicators.mkdir()
    return root, old_raw, new_raw, indicators


@pytest.fixture
def memoized(monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is not under test here: trials go faster
    built: dict = {}
    original = etl.run.build_one

    def build_one(source, definitions, built_at):
        key = (source.path, source.data)
        if key not in built:
            built[key] = original(source, definitions, built_at)
        return built[key]

    monkeypatch.setattr(etl.run, "build_one", build_one)


def test_a_folder_neither_empty_nor_a_store_is_refused_untouched(corpus, tmp_path, capsys):
    _, old_raw, _, indicators = corpus
    out = tmp_path / "site"
    plant(out)
    before = tree(out)
    assert build(old_raw, out, indicators) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {out}: neither empty nor a store of this build") and "--out" in line
    assert tree(out) == before and sorted(p.name for p in out.iterdir()) == [
        ".cache.tmp-42",
        ".notes.link-7",
        "notes.txt",
        "versions",
    ]


def test_an_empty_folder_or_one_with_a_placeholder_is_built_and_marked(corpus, tmp_path, memoized):
    _, old_raw, _, indicators = corpus
    for name, placeholder in (("empty", None), ("kept", ".gitkeep")):
        out = tmp_path / name
        out.mkdir()
        if placeholder:
            (out / placeholder).write_bytes(b"")
        assert build(old_raw, out, indicators) == 0
        assert (out / store.MARK).is_file() and current_tree(out)


def test_clean_up_in_a_store_removes_only_its_own_names(corpus, tmp_path, memoized):
    """Foreign files inside a store (beside its versions, hidden, shaped like a temporary) survive three builds,
    while the store's own older versions, staging folders and temporary links go."""
    _, old_raw, new_raw, indicators = corpus
    out = tmp_path / "out"
    assert build(old_raw, out, indicators) == 0
    plant(out)
    stale = [
        out / "versions" / ".new-20260101T000000.000000Z-5",
        out / ".current.link-5",
        out / ".claims.parquet.tmp-5",
    ]
    stale[0].mkdir()
    os.symlink("versions/nowhere", stale[1])
    stale[2].write_bytes(b"half")
    for raw in (new_raw, old_raw, new_raw):
        assert build(raw, out, indicators) == 0
    assert foreign_intact(out)
    assert not any(os.path.lexists(path) for path in stale)
    ours = [p.name for p in (out / "versions").iterdir() if store.VERSION_RE.match(p.name)]
    assert len(ours) == 2


def test_a_store_of_an_older_build_without_the_mark_is_taken_over(corpus, tmp_path, memoized):
    _, old_raw, new_raw, indicators = corpus
    out = tmp_path / "out"
    assert build(old_raw, out, indicators) == 0
    (out / store.MARK).unlink()
    assert build(new_raw, out, indicators) == 0 and (out / store.MARK).is_file()


# Where the switch happens and is undone: every bytecode instruction of these; every line elsewhere (a line
# elsewhere makes at most one call that changes the folder, so its lines are the points that differ).
SWITCH = {
    "opened",
    "take_lock",
    "commit",
    "committed",
    "_undo",
    "_restore_displaced",
    "_displace_copied_current",
    "_replace_link",
}


def interrupted_at(step: int, out: Path, run: Callable[[], int]) -> tuple[int, bool]:
    """Run with a KeyboardInterrupt raised at the step-th point of etl/store.py (an instruction of SWITCH, a line
    elsewhere); its exit status and whether the interrupt landed (the run had that many points)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == ("opcode" if frame.f_trace_opcodes else "line"):
            count += 1
            if count == step:
                raise KeyboardInterrupt
        return local

    def calls(frame, event, arg):
        if frame.f_code.co_filename not in STORE_CODE:
            return None
        frame.f_trace_opcodes = frame.f_code.co_name in SWITCH
        return local

    sys.settrace(calls)
    try:
        status = run()
    finally:
        sys.settrace(None)
    for fd in os.listdir("/proc/self/fd"):  # the lock, if the interrupt landed as it was taken: the exit closes it
        with suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}") == str(out / store.LOCK):
                os.close(int(fd))
    return status, count >= step


def test_an_interrupt_at_any_instruction_of_the_store_leaves_a_complete_current_and_foreign_files(
    corpus, tmp_path, memoized, capsys
):
    """A store with two versions and foreign files; the new input built with an interrupt before each
    instruction of etl/store.py (and etl/store_files.py, etl/store_folder.py) in turn, until a run passes the last one. After each: `current` names a
    complete version, the old or the new, byte for byte; top-level files read from it; the message says
    which; every foreign file is intact; the next build succeeds and leaves the store with the new version."""
    _, old_raw, new_raw, indicators = corpus
    base = tmp_path / "base"
    assert build(new_raw, base, indicators) == 0  # two versions, so the commit under test removes one
    assert build(old_raw, base, indicators) == 0
    plant(base)
    old = current_tree(base)
    old_copy = tmp_path / "old"
    shutil.copytree(base, old_copy, symlinks=True)
    whole = tmp_path / "whole"
    shutil.copytree(base, whole, symlinks=True)
    assert build(new_raw, whole, indicators) == 0
    new = current_tree(whole)
    assert old and new and old != new
    capsys.readouterr()
    states = {"old": 0, "new": 0}
    step = 0
    while True:
        step += 1
        out = tmp_path / f"at{step}"
        shutil.copytree(base, out, symlinks=True)
        status, landed = interrupted_at(step, out, lambda out=out: build(new_raw, out, indicators))
        if not landed:
            assert status == 0 and current_tree(out) == new
            break
        err = capsys.readouterr().err
        assert status == 130 and "Traceback" not in err, (step, status, err)
        now = current_tree(out)
        state = "old" if now == old else "new" if now == new else None
        assert state, (step, sorted(os.listdir(out)))
        states[state] += 1
        assert top_files(out) == top_files(old_copy if state == "old" else whole), step  # through `current`
        assert ("the new build is in place" in err) == (state == "new"), (step, err)
        assert foreign_intact(out), step
        assert build(new_raw, out, indicators) == 0 and current_tree(out) == new, (step, capsys.readouterr())
        assert foreign_intact(out), step
        capsys.readouterr()
        shutil.rmtree(out)
    print(f"{step} steps: {states}")
    assert states["old"] and states["new"], states  # the interrupts landed on both sides of the switch
