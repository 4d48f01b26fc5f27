"""The build store under --out: a lock, immutable report folders and shards, and one rename that switches versions.

    out/.etl-store                         the mark: this folder is a store (a build refuses any other folder)
    out/.lock                              held (fcntl.flock) by the build that runs
    out/builds/<id>@<digest>/              one report's own tables with build.json (its key), named by their bytes
    out/shards/<table>.<NN>.<digest>.parquet   the combined tables, each cut into shards by report_id (etl/shards.py)
    out/versions/<version>/manifest.json   one complete build: its reports (folder, symbol) and each table's shards
    out/current -> versions/<version>      the pointer (contract/store.py), replaced by a rename

A commit costs the reports it changes: their folders and the shards that hold them are written in
versions/.new-<version>/, moved to builds/ and shards/ (a name already there has those bytes),
then the manifest makes the staging folder the version, renamed to versions/<version>, then a new
`current` link is renamed over the old one: a build killed at any point leaves the old version
current, and one interrupted at any instruction leaves `current` naming a complete version, the
old or the new (whether the switch happened is read from the link, never assumed). The previous
version stays one commit longer for a reader that resolved `current` just before; older versions,
the folders and shards neither of the two names, staging folders and temporary links are removed —
only names of the shapes this module writes, so a file someone else put under --out is never
touched. The only I/O of etl/ with inputs.py (its file-system steps in etl/store_files.py).
"""

import errno
import fcntl
import json
import os
import re
import time
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from contract.schema import BUILT_TABLES
from contract.store import CURRENT, MANIFEST, SHARDS, VERSIONS
from etl.manifest import BUILD_RE, SHARD_RE, by_shard, manifest_text, read_version
from etl.metadata import REPORT_ID_RE
from etl.shards import SHARD_COUNT, compose, parquet_bytes, shard_name, shard_of
from etl.store_files import (
    link_target,
    move_new,
    read_files,
    remove,
    remove_unnamed,
    replace_link,
    rmdir_quietly,
    same_file,
    sync_folder,
    sync_tree,
    write_bytes,
    write_folder,
    write_mark,
    write_text,
)
from etl.tables import ReportTables, from_arrow, to_arrow

LOCK = ".lock"
MARK = ".etl-store"  # written with the first version; a folder without it is a store only if an older build made it
_MARK_TEXT = 'A store of `python -m etl` (README, "The store"): the build replaces what it wrote here, nothing else.\n'
_PLACEHOLDERS = frozenset({LOCK, ".gitkeep", ".keep"})  # a folder holding only these counts as empty
BUILDS = "builds"  # out/builds/<report_id>@<digest>/
REPORTS = "reports"  # versions/<version>/reports/<report_id>/ of builds before shards (out/reports/ before versions)
KEY_FILE = "build.json"
STAGING = ".new-"  # versions/.new-<version>/ while it is written
DISPLACED = f"{STAGING}displaced-"  # versions/.new-displaced-<pid>/: a copied `current` folder, moved aside
VERSION_RE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-\d+$")
_STAGING_RE = re.compile(rf"^{re.escape(STAGING)}(?:\d{{8}}T\d{{6}}\.\d{{6}}Z|displaced)-\d+$")
# Files at the top of --out that builds before shards wrote or linked (their links and temporary names go).
_TOP_FILES = frozenset({f"{name}.parquet" for name in BUILT_TABLES} | {"catalog.json"})
_TEMPORARY_RE = re.compile(r"^\.(?P<name>.+)\.(?:tmp|link)-\d+$")  # .claims.parquet.tmp-PID, .current.link-PID
_LEGACY_FILES = {KEY_FILE} | {f"{name}.parquet" for name in BUILT_TABLES}
OPTIONAL_TABLES = ("suggestions",)  # a report stored before the table existed lacks it: read as empty


class StoreError(Exception):
    """--out cannot hold a build (a file, read-only, locked by another build); one line saying what to do."""


@dataclass(frozen=True)
class StoredReport:
    """A report built in this run: its tables, the key they were built from, and its file."""

    tables: ReportTables
    key: str
    source: str
    definitions: str = ""  # the fingerprint of the definitions its observations were derived with


@contextmanager
def opened(out: Path, wait: float) -> Iterator["Store"]:
    """The store under `out`, locked for this build; a folder this build created and left empty is removed."""
    created = _make_folder(out)
    _refuse_foreign(out)  # before the lock file: a folder that is not ours gets nothing written into it
    lock = _lock(out, wait)
    store: Store | None = None
    try:
        store = Store(out)
        if not os.access(
            out, os.W_OK
        ):  # found now, not after the build (the lock file of an older build may be writable)
            raise StoreError(f"{out}: cannot write here (Permission denied); point --out at a folder you can write to")
        store.remove_stale()
        yield store
    finally:
        try:
            if created and not (store and store.committed):
                _remove_created(out, created)
        finally:
            os.close(lock)


def _make_folder(out: Path) -> list[Path]:
    """Create --out (and its missing parents); the folders created, outermost last."""
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out}: not a folder; point --out at a folder (created if missing)")
    created = [p for p in (out, *out.parents) if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"{out}: cannot create the output folder ({error.strerror}); point --out at a folder you can write to"
        ) from None
    return created


def _refuse_foreign(out: Path) -> None:
    """--out must be empty (a placeholder or a lock aside), marked as a store, or a store an older build made."""
    try:
        names = {entry.name for entry in out.iterdir()}
    except OSError as error:
        raise StoreError(
            f"{out}: cannot read the folder ({error.strerror}); point --out at a folder you can use"
        ) from None
    if names <= _PLACEHOLDERS or MARK in names or _older_store(out):
        return
    raise StoreError(
        f"{out}: neither empty nor a store of this build (it has no {MARK}); nothing was written there: "
        "point --out at a new or empty folder, or at one a build made"
    )


def _older_store(out: Path) -> bool:
    """A store from before the mark: `current` names one of its versions, is a copied version, or (before
    versions) the tables lie at the top."""
    current = out / CURRENT
    if current.is_symlink():
        parts = Path(os.readlink(current)).parts
        return len(parts) == 2 and parts[0] == VERSIONS and bool(VERSION_RE.match(parts[1]))
    if current.is_dir():
        return (current / "reports.parquet").is_file()
    return all((out / f"{name}.parquet").is_file() for name in ("paragraphs", "claims"))


def _lock(out: Path, wait: float) -> int:
    """An exclusive lock on out/.lock, waiting up to `wait` seconds for another build to finish."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if error.errno == errno.ENOENT and not out.exists():  # the build that made --out removed it
                _make_folder(out)
                continue
            raise StoreError(
                f"{out}: cannot write here ({error.strerror}); point --out at a folder you can write to"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if same_file(fd, out / LOCK):  # else the holder removed the lock file before we got it: lock the new one
                return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreError(
                    f"{out}: another build is running (it holds {out / LOCK}); wait for it to end, then run again"
                ) from None
            time.sleep(0.05)
        except BaseException:  # interrupted while waiting: the descriptor is not left open
            os.close(fd)
            raise
        os.close(fd)


def _remove_created(out: Path, created: list[Path]) -> None:
    """Undo the folders a build created when it wrote nothing (a failed first build leaves no trace)."""
    try:
        (out / MARK).unlink(missing_ok=True)
        (out / LOCK).unlink()
        rmdir_quietly(out / VERSIONS)
        for folder in created:
            folder.rmdir()
    except OSError:
        pass  # another build is using it, or something else was put there: leave it


@dataclass(frozen=True)
class Commit:
    """What a commit writes: the reports of the new version in order, the reports built in this run (their
    folders), and the rows in the combined tables of every report whose rows change (built, or whose
    translation checks changed; every report when the current version has no shards)."""

    reports: Sequence[str]
    built: Mapping[str, StoredReport]
    rows: Mapping[str, ReportTables]
    # A version whose files someone put in builds/ and shards/ already (bench/synthetic_store.py): each report's
    # (report_id, folder, symbol) and each table's shard names; `built` and `rows` are then empty.
    prepared: tuple[Sequence[tuple[str, str, str | None]], Mapping[str, Sequence[str]]] | None = None


class Store:
    """Reading the current version and committing a new one; only used under the lock."""

    def __init__(self, out: Path):
        self.out = out
        self.versions = out / VERSIONS
        self.current = self._current_version()
        self.manifest = read_version(self.current)
        self.written: str | None = None  # the version this build wrote, once it starts writing one

    @property
    def committed(self) -> bool:
        """Whether `current` names the version this build wrote: read from the link, so an interrupt anywhere
        (even between the switch and the next instruction) cannot make it wrong."""
        return self.written is not None and link_target(self.out / CURRENT) == f"{VERSIONS}/{self.written}"

    @property
    def sharded(self) -> bool:
        """Whether the current version has shards to keep (else a commit writes every report's rows)."""
        return self.manifest is not None

    def _current_version(self) -> Path | None:
        """versions/<version> that `current` points at, if it is one of ours (or `current` itself, copied as a folder)."""
        link = self.out / CURRENT
        if link.is_dir() and not link.is_symlink():
            return link
        try:
            target = os.readlink(link)
        except OSError:
            return None
        parts = Path(target).parts
        if len(parts) != 2 or parts[0] != VERSIONS or not VERSION_RE.match(parts[1]):
            return None
        folder = self.versions / parts[1]
        return folder if folder.is_dir() and not folder.is_symlink() else None

    # --- reading the current version -----------------------------------------------------

    def report_ids(self) -> list[str]:
        """The reports of the current version, in store order (a build from before shards: its reports.parquet's)."""
        if self.manifest is not None:
            return [entry[0] for entry in self.manifest.reports]
        if self.current is None:
            return []
        try:
            ids = pq.read_table(self.current / "reports.parquet", columns=["report_id"]).column(0).to_pylist()
        except (OSError, pa.ArrowException):
            return []
        return [i for i in ids if isinstance(i, str) and REPORT_ID_RE.match(i)]

    def symbol(self, report_id: str) -> str | None:
        """The document symbol a stored report was built with (reports sharing one are compared)."""
        if self.manifest is None:
            tables = self.tables(report_id)
            return tables.reports[0].symbol if tables and tables.reports else None
        return self.manifest.symbols.get(report_id)

    def key(self, report_id: str) -> str | None:
        """The key a stored report was built from (None when it is not stored)."""
        return self._build_info(report_id).get("key")

    def derived_with(self, report_id: str) -> str | None:
        """The fingerprint of the definitions a stored report's observations were derived with."""
        return self._build_info(report_id).get("definitions")

    def built_from(self, source: str) -> str | None:
        """The stored report built from this file, if any (a report whose metadata cannot be read keeps it)."""
        return next((i for i in self.report_ids() if self._build_info(i).get("source") == source), None)

    def tables(self, report_id: str) -> ReportTables | None:
        """A stored report's tables as records, if every one is there and readable (an optional one may be missing)."""
        folder = self._report_folder(report_id)
        if folder is None:
            return None
        try:
            arrow = {
                name: pq.read_table(folder / f"{name}.parquet") for name in BUILT_TABLES if name not in OPTIONAL_TABLES
            }
            for name in OPTIONAL_TABLES:
                with suppress(OSError, pa.ArrowException):
                    arrow[name] = pq.read_table(folder / f"{name}.parquet")
            return from_arrow(arrow)
        except (OSError, pa.ArrowException, TypeError, ValueError):  # missing, unreadable, or of another contract
            return None

    def _report_folder(self, report_id: str) -> Path | None:
        if self.current is None or not REPORT_ID_RE.match(report_id):
            return None
        if self.manifest is None:
            return self.current / REPORTS / report_id
        folder = self.manifest.folders.get(report_id)
        return self.out / BUILDS / folder if folder else None

    def _build_info(self, report_id: str) -> dict[str, Any]:
        folder = self._report_folder(report_id)
        try:
            info = json.loads((folder / KEY_FILE).read_bytes()[:65536]) if folder else {}
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    # --- committing a new version ----------------------------------------------------------

    def commit(self, plan: Commit) -> str:
        """Write the changed reports' folders and shards, then a new version naming them, and switch to it."""
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + f"-{os.getpid()}"
        staging, final = self.versions / f"{STAGING}{version}", self.versions / version
        displaced = self.versions / f"{DISPLACED}{os.getpid()}"
        previous = self.current
        try:
            self.written = version
            write_mark(self.out, MARK, _MARK_TEXT)
            self._write_version(staging, plan)
            os.rename(staging, final)
            sync_folder(self.versions)
            self._displace_copied_current(displaced)
            replace_link(self.out / CURRENT, f"{VERSIONS}/{version}")
        except BaseException:
            if not self.committed:  # the switch did not happen: the current version is put back, the new one goes
                self._undo(staging, final, displaced)
            raise
        self.current = final
        try:
            sync_folder(self.out)
            self._remove_old(keep={final, previous})
        except OSError:
            pass  # what is left over goes at the next build
        return version

    def _write_version(self, staging: Path, plan: Commit) -> None:
        """The new files in staging/, moved to builds/ and shards/ (a name already there has those very bytes),
        then the manifest: what is left in staging/ is the version."""
        staging.mkdir(parents=True)
        if plan.prepared is not None:
            entries, shards = (
                [list(entry) for entry in plan.prepared[0]],
                {t: list(n) for t, n in plan.prepared[1].items()},
            )
        else:
            folders = self._report_folders(staging / BUILDS, plan)
            shards = self._shards(staging / SHARDS, plan)
            symbols = {**(self.manifest.symbols if self.manifest else {}), **_symbols(plan.rows)}
            sync_tree(staging)
            for kind in (BUILDS, SHARDS):
                move_new(staging / kind, self.out / kind)
            entries = [[report_id, folders[report_id], symbols.get(report_id)] for report_id in plan.reports]
        write_text(staging / MANIFEST, manifest_text(entries, shards))
        sync_folder(staging)

    def _report_folders(self, staging: Path, plan: Commit) -> dict[str, str]:
        """Each report's folder name under builds/: written for a built report, the stored one's otherwise."""
        folders = dict(self.manifest.folders) if self.manifest else {}
        for report_id, report in plan.built.items():
            info = {"key": report.key, "source": report.source, "definitions": report.definitions}
            files = {f"{name}.parquet": parquet_bytes(t) for name, t in to_arrow(report.tables).items()}
            files[KEY_FILE] = json.dumps(info).encode()
            folders[report_id] = write_folder(staging, _checked(report_id), files)
        for report_id in plan.reports:
            if report_id not in folders:  # a report of a build from before shards: its files, once
                source = self._report_folder(report_id)
                assert source is not None, f"kept report {report_id} is in the current version"
                folders[report_id] = write_folder(staging, report_id, read_files(source))
        return folders

    def _shards(self, staging: Path, plan: Commit) -> dict[str, list[str]]:
        """Each table's shard files: those holding a changed or dropped report written again, the others kept."""
        before = set(self.report_ids()) if self.manifest else set()
        leaving = set(plan.rows) | (before - set(plan.reports))
        changed = {shard_of(i) for i in leaving} if self.manifest else set(range(SHARD_COUNT))
        assert self.manifest or set(plan.rows) >= set(plan.reports), "a first sharded version has every report's rows"
        members: dict[int, list[str]] = {}
        for report_id in plan.reports:
            members.setdefault(shard_of(report_id), []).append(report_id)
        arrow = {i: to_arrow(plan.rows[i]) for i in plan.rows}
        staging.mkdir()
        names: dict[str, list[str]] = {}
        for table in BUILT_TABLES:
            old = by_shard(self.manifest.tables.get(table, []) if self.manifest else [])
            names[table] = []
            for shard in sorted(members):
                if shard not in changed and shard in old:
                    names[table].append(old[shard])
                    continue
                kept = pq.read_table(self.out / SHARDS / old[shard]) if shard in old else None
                added = [arrow[i][table] for i in members[shard] if i in arrow]
                content = parquet_bytes(compose(table, kept, leaving, added))
                names[table].append(shard_name(table, shard, content))
                write_bytes(staging / names[table][-1], content)
        return names

    def _displace_copied_current(self, displaced: Path) -> None:
        """A `current` that is a folder (the store copied with links followed) moves aside, to be removed with the stale."""
        current = self.out / CURRENT
        if current.is_dir() and not current.is_symlink():
            os.rename(current, displaced)

    def _undo(self, staging: Path, final: Path, displaced: Path) -> None:
        """A commit stopped before its switch: a displaced `current` goes back, the new version and its link go
        (files it moved to builds/ and shards/ are named by no version: the next commit removes them)."""
        self._restore_displaced(displaced)
        remove(self.out / f".{CURRENT}.link-{os.getpid()}")
        remove(staging)
        remove(final)

    def _restore_displaced(self, displaced: Path) -> None:
        """A copied `current` moved aside by a build stopped before its switch is `current` again."""
        if displaced.is_dir() and not displaced.is_symlink() and not os.path.lexists(self.out / CURRENT):
            os.rename(displaced, self.out / CURRENT)
            self.current = self._current_version()

    # --- removing what is stale -------------------------------------------------------------

    def remove_stale(self) -> None:
        """What a killed build leaves: staging folders and temporary files or links (we hold the lock: none is live).

        A copied `current` that a killed build had moved aside, with no `current` since, is put back first.
        """
        if self.versions.is_dir():
            for entry in sorted(self.versions.iterdir()):
                if entry.name.startswith(DISPLACED):
                    self._restore_displaced(entry)
                if _STAGING_RE.match(entry.name):
                    remove(entry)
        for entry in self.out.iterdir():
            if _own_temporary(entry.name):
                remove(entry)

    def _remove_old(self, keep: Set[Path | None]) -> None:
        """Versions other than these two, the report folders and shards neither names, top-level links of builds
        before shards, an older build's reports/."""
        for entry in self.versions.iterdir():
            if entry not in keep and (VERSION_RE.match(entry.name) or _STAGING_RE.match(entry.name)):
                remove(entry)
        self._remove_unnamed(keep)
        for entry in self.out.iterdir():  # an older build's tables at the top, or its links into `current`
            if entry.name in _TOP_FILES and (link_target(entry) == f"{CURRENT}/{entry.name}" or _is_file(entry)):
                entry.unlink()
        self._remove_legacy_reports()

    def _remove_unnamed(self, keep: Set[Path | None]) -> None:
        """Report folders and shards that neither kept version names (none if the current one's manifest is
        unreadable: nothing is removed on a guess)."""
        if self.current is None or read_version(self.current) is None:
            return
        named = [m for m in (read_version(v) for v in keep if v is not None) if m is not None]
        for kind, shape, used in (
            (BUILDS, BUILD_RE, {f for m in named for f in m.folders.values()}),
            (SHARDS, SHARD_RE, {f for m in named for names in m.tables.values() for f in names}),
        ):
            remove_unnamed(self.out / kind, shape, used)

    def _remove_legacy_reports(self) -> None:
        """out/reports/<id>/ of builds before versions: their own file names only, then the empty folders."""
        legacy = self.out / REPORTS
        if not legacy.is_dir() or legacy.is_symlink():
            return
        for folder in legacy.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                for file in folder.iterdir():
                    if file.name in _LEGACY_FILES or _own_temporary(file.name, _LEGACY_FILES):
                        file.unlink()
                rmdir_quietly(folder)
        rmdir_quietly(legacy)


def _symbols(rows: Mapping[str, ReportTables]) -> dict[str, str | None]:
    return {report_id: tables.reports[0].symbol for report_id, tables in rows.items() if tables.reports}


def _is_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _checked(report_id: str) -> str:
    """A report_id that names one folder inside the version (metadata.py checks it first; this is the last guard)."""
    assert REPORT_ID_RE.match(report_id), f"report_id {report_id!r}"
    return report_id


def _own_temporary(name: str, own: Set[str] = _TOP_FILES | {CURRENT}) -> bool:
    """.current.link-PID, .claims.parquet.link-PID, .claims.parquet.tmp-PID (older builds): a temporary name this
    store makes for one of its own files (`.cache.tmp-42` is not one)."""
    found = _TEMPORARY_RE.match(name)
    return found is not None and found["name"] in own
