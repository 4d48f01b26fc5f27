"""The build store under --out: a lock, immutable report folders and shards, and one rename that switches versions.

    out/.etl-store                         the mark: this folder is a store (a build refuses any other folder)
    out/.lock                              held (fcntl.flock) by the build that runs
    out/builds/<id>@<digest>/              one report's own tables with build.json (its key), named by their bytes
    out/shards/<table>.<NN>.<digest>.parquet   the combined tables, each cut into shards by report_id, a shard one
                                           file or a few (etl/shards.py)
    out/versions/<version>/manifest.json   one complete build: its reports (folder, symbol) and each table's shards
    out/current -> versions/<version>      the pointer (contract/store.py), replaced by a rename

A commit costs the reports it changes: their folders, and in each table the shard files holding their rows
(an added report's rows are one more small file of its shard, merged with the shard's newer files as they
grow; a changed or dropped report's file is written again without them), are written in versions/.new-<version>/, moved to builds/ and shards/ (a name already there has those bytes),
then the manifest makes the staging folder the version, renamed to versions/<version>, then a new
`current` link is renamed over the old one: a build killed at any point leaves the old version
current, and one interrupted at any instruction leaves `current` naming a complete version, the
old or the new (whether the switch happened is read from the link, never assumed). The previous
version stays one commit longer for a reader that resolved `current` just before; older versions,
the folders and shards neither of the two names, staging folders and temporary links are removed —
only names of the shapes this module writes, so a file someone else put under --out is never
touched. The only I/O of etl/ with inputs.py (its file-system steps in etl/store_files.py, opening --out in
etl/store_folder.py).
"""

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from contract.schema import BUILT_TABLES, to_table
from contract.store import CURRENT, MANIFEST, SHARDS, VERSIONS, shard_of
from etl.manifest import BUILD_RE, SHARD_RE, Manifest, by_shard, manifest_text, read_version
from etl.metadata import REPORT_ID_RE
from etl.shards import parquet_bytes
from etl.store_files import (
    link_target,
    move_new,
    read_files,
    remove,
    remove_unnamed,
    replace_link,
    rmdir_quietly,
    shard_files,
    sync_folder,
    sync_tree,
    write_folder,
    write_mark,
    write_text,
)
from etl.store_folder import (
    LOCK as LOCK,
    MARK as MARK,
    VERSION_RE as VERSION_RE,
    StoreError as StoreError,
    make_folder,
    refuse_foreign,
    remove_created,
    take_lock,
)
from etl.tables import ReportTables, from_arrow, to_arrow

_MARK_TEXT = 'A store of `python -m etl` (README, "The store"): the build replaces what it wrote here, nothing else.\n'
BUILDS = "builds"  # out/builds/<report_id>@<digest>/
REPORTS = "reports"  # versions/<version>/reports/<report_id>/ of builds before shards (out/reports/ before versions)
KEY_FILE = "build.json"
STAGING = ".new-"  # versions/.new-<version>/ while it is written
DISPLACED = f"{STAGING}displaced-"  # versions/.new-displaced-<pid>/: a copied `current` folder, moved aside
_STAGING_RE = re.compile(rf"^{re.escape(STAGING)}(?:\d{{8}}T\d{{6}}\.\d{{6}}Z|displaced)-\d+$")
# Files at the top of --out that builds before shards wrote or linked (their links and temporary names go).
_TOP_FILES = frozenset({f"{name}.parquet" for name in BUILT_TABLES} | {"catalog.json"})
_TEMPORARY_RE = re.compile(r"^\.(?P<name>.+)\.(?:tmp|link)-\d+$")  # .claims.parquet.tmp-PID, .current.link-PID
_LEGACY_FILES = {KEY_FILE} | {f"{name}.parquet" for name in BUILT_TABLES}
OPTIONAL_TABLES = ("suggestions",)  # a report stored before the table existed lacks it: read as empty


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
    created = make_folder(out)
    refuse_foreign(out)  # before the lock file: a folder that is not ours gets nothing written into it
    lock = take_lock(out, wait)
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
                remove_created(out, created)
        finally:
            os.close(lock)


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
            written = self._write_version(staging, plan)
            os.rename(staging, final)
            sync_folder(self.versions)
            self._displace_copied_current(displaced)
            replace_link(self.out / CURRENT, f"{VERSIONS}/{version}")
        except BaseException:
            if not self.committed:  # the switch did not happen: the current version is put back, the new one goes
                self._undo(staging, final, displaced)
            raise
        self.current, named = final, [written, self.manifest]  # the manifests of the two versions kept
        self.manifest = written
        try:
            sync_folder(self.out)
            self._remove_old({final, previous}, named)
        except OSError:
            pass  # what is left over goes at the next build
        return version

    def _write_version(self, staging: Path, plan: Commit) -> Manifest:
        """The new files in staging/, moved to builds/ and shards/ (a name already there has those very bytes),
        then the manifest: what is left in staging/ is the version. Returns the manifest written."""
        staging.mkdir(parents=True)
        if plan.prepared is not None:
            entries, shards = (
                [list(entry) for entry in plan.prepared[0]],
                {t: list(n) for t, n in plan.prepared[1].items()},
            )
        else:
            arrow = {report_id: to_arrow(tables) for report_id, tables in plan.rows.items()}  # converted once
            folders = self._report_folders(staging / BUILDS, plan, arrow)
            shards = self._shards(staging / SHARDS, plan, arrow)
            symbols = {**(self.manifest.symbols if self.manifest else {}), **_symbols(plan.rows)}
            sync_tree(staging)
            for kind in (BUILDS, SHARDS):
                move_new(staging / kind, self.out / kind)
            entries = [[report_id, folders[report_id], symbols.get(report_id)] for report_id in plan.reports]
        write_text(staging / MANIFEST, manifest_text(entries, shards))
        sync_folder(staging)
        return Manifest([(str(i), str(f), s) for i, f, s in entries], shards)

    def _report_folders(
        self, staging: Path, plan: Commit, arrow: Mapping[str, Mapping[str, pa.Table]]
    ) -> dict[str, str]:
        """Each report's folder name under builds/: written for a built report, the stored one's otherwise."""
        folders = dict(self.manifest.folders) if self.manifest else {}
        for report_id, report in plan.built.items():
            info = {"key": report.key, "source": report.source, "definitions": report.definitions}
            own = _own_arrow(report.tables, plan.rows.get(report_id), arrow.get(report_id, {}))
            files = {f"{name}.parquet": parquet_bytes(t) for name, t in own.items()}
            files[KEY_FILE] = json.dumps(info).encode()
            folders[report_id] = write_folder(staging, _checked(report_id), files)
        for report_id in plan.reports:
            if report_id not in folders:  # a report of a build from before shards: its files, once
                source = self._report_folder(report_id)
                assert source is not None, f"kept report {report_id} is in the current version"
                folders[report_id] = write_folder(staging, report_id, read_files(source))
        return folders

    def _shards(self, staging: Path, plan: Commit, arrow: Mapping[str, Mapping[str, pa.Table]]) -> dict[str, list[str]]:
        """Each table's shard files, shard by shard: those of a shard where a report is added, changed or dropped
        as etl/store_files.py's `shard_files` leaves them, the others kept."""
        before = set(self.report_ids()) if self.manifest else set()
        leaving = (set(plan.rows) | (before - set(plan.reports))) & before  # reports whose stored rows go
        changed = {shard_of(i) for i in leaving | set(plan.rows)}
        assert self.manifest or set(plan.rows) >= set(plan.reports), "a first sharded version has every report's rows"
        members: dict[int, list[str]] = {}
        for report_id in plan.reports:
            members.setdefault(shard_of(report_id), []).append(report_id)
        staging.mkdir()
        names: dict[str, list[str]] = {}
        for table in BUILT_TABLES:
            old = by_shard(self.manifest.tables.get(table, []) if self.manifest else [])
            names[table] = []
            for shard in sorted(members):
                files = old.get(shard, [])
                if shard in changed or not files:
                    added = [arrow[i][table] for i in members[shard] if i in arrow]
                    gone = {i for i in leaving if shard_of(i) == shard}
                    files = shard_files(self.out / SHARDS, staging, (table, shard, files), gone, added)
                names[table] += files
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
            self.manifest = read_version(self.current)

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

    def _remove_old(self, keep: Set[Path | None], named: Sequence[Manifest | None]) -> None:
        """Versions other than these two, the report folders and shards neither names (`named`: their manifests,
        known already), top-level links of builds before shards, an older build's reports/."""
        for entry in self.versions.iterdir():
            if entry not in keep and (VERSION_RE.match(entry.name) or _STAGING_RE.match(entry.name)):
                remove(entry)
        self._remove_unnamed([m for m in named if m is not None])
        for entry in self.out.iterdir():  # an older build's tables at the top, or its links into `current`
            if entry.name in _TOP_FILES and (link_target(entry) == f"{CURRENT}/{entry.name}" or _is_file(entry)):
                entry.unlink()
        self._remove_legacy_reports()

    def _remove_unnamed(self, named: Sequence[Manifest]) -> None:
        """Report folders and shards that neither kept version names."""
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


def _own_arrow(
    tables: ReportTables, rows: ReportTables | None, converted: Mapping[str, pa.Table]
) -> dict[str, pa.Table]:
    """A built report's own tables as Arrow: those that are its rows in the shards as converted for them (its
    translation checks aside, they are), the others converted."""
    return {
        name: converted[name]
        if name in converted
        and rows is not None
        and rows.dimensions == tables.dimensions
        and rows.rows(name) == tables.rows(name)
        else to_table(name, tables.rows(name), tables.dimensions)
        for name in BUILT_TABLES
    }


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
