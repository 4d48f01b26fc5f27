"""The build store under --out: a lock, whole versions, and one rename that switches them.

    out/.lock                              held (fcntl.flock) by the build that runs
    out/versions/<version>/                one complete build: the combined tables, catalog.json …
    out/versions/<version>/reports/<id>/   … and each report's own tables with build.json (its key)
    out/current -> versions/<version>      the pointer (contract/store.py), replaced by a rename
    out/<name> -> current/<name>           every top-level file of a version, for readers of one file

A commit writes versions/.new-<version>/, renames it to versions/<version>, then renames a new
`current` link over the old one: a build killed at any point leaves the old version current
(killed between two renames, an older build left paragraphs.parquet and claims.parquet disagreeing). The
previous version stays one commit longer for a reader that resolved `current` just before;
older ones, staging folders and temporary links are removed. The only I/O of etl/ with inputs.py.
"""

import errno
import fcntl
import json
import os
import re
import shutil
import stat
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
from contract.store import CURRENT, VERSIONS
from etl.metadata import REPORT_ID_RE
from etl.tables import ReportTables, from_arrow, to_arrow

LOCK = ".lock"
REPORTS = "reports"  # versions/<version>/reports/<report_id>/
KEY_FILE = "build.json"
STAGING = ".new-"  # versions/.new-<version>/ while it is written
VERSION_RE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-\d+$")
_TEMPORARY_RE = re.compile(
    r"^\.[\w.-]+\.(?:tmp|link)-\d+$"
)  # .claims.parquet.tmp-PID (older builds), .current.link-PID
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


@contextmanager
def opened(out: Path, wait: float) -> Iterator["Store"]:
    """The store under `out`, locked for this build; a folder this build created and left empty is removed."""
    created = _make_folder(out)
    lock = _lock(out, wait)
    store = Store(out)
    try:
        if not os.access(
            out, os.W_OK
        ):  # found now, not after the build (the lock file of an older build may be writable)
            raise StoreError(f"{out}: cannot write here (Permission denied); point --out at a folder you can write to")
        store.remove_stale()
        yield store
    finally:
        if created and not store.committed:
            _remove_created(out, created)
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
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"{out}: another build is running (it holds {out / LOCK}); wait for it to end, then run again"
                ) from None
            time.sleep(0.05)
            continue
        if _same_file(fd, out / LOCK):  # else the holder removed the lock file before we got it: lock the new one
            return fd
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _remove_created(out: Path, created: list[Path]) -> None:
    """Undo the folders a build created when it wrote nothing (a failed first build leaves no trace)."""
    try:
        (out / LOCK).unlink()
        for folder in created:
            folder.rmdir()
    except OSError:
        pass  # another build is using it, or something else was put there: leave it


class Store:
    """Reading the current version and committing a new one; only used under the lock."""

    def __init__(self, out: Path):
        self.out = out
        self.versions = out / VERSIONS
        self.committed = False
        self.current = self._current_version()

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
        """The reports of the current version, in the order of its reports.parquet."""
        if self.current is None:
            return []
        try:
            ids = pq.read_table(self.current / "reports.parquet", columns=["report_id"]).column(0).to_pylist()
        except (OSError, pa.ArrowException):
            return []
        return [i for i in ids if isinstance(i, str) and REPORT_ID_RE.match(i)]

    def key(self, report_id: str) -> str | None:
        """The key a stored report was built from (None when it is not stored)."""
        return self._build_info(report_id).get("key")

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
        return self.current / REPORTS / report_id

    def _build_info(self, report_id: str) -> dict[str, Any]:
        folder = self._report_folder(report_id)
        try:
            info = json.loads((folder / KEY_FILE).read_bytes()[:65536]) if folder else {}
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    # --- committing a new version ----------------------------------------------------------

    def commit(
        self,
        built: Mapping[str, StoredReport],
        kept: Sequence[str],
        combined: ReportTables,
        files: Mapping[str, str | pa.Table],
    ) -> str:
        """Write a new version (built reports, kept ones linked from the current one, combined tables, files), switch to it.

        A file is text, or a table written as Parquet.
        """
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + f"-{os.getpid()}"
        staging, final = self.versions / f"{STAGING}{version}", self.versions / version
        names = [*(f"{name}.parquet" for name in BUILT_TABLES), *files]
        try:
            self._write_version(staging, built, kept, combined, files)
            os.rename(staging, final)
            _sync_folder(self.versions)
            self._link_top_level(
                names
            )  # before the switch: links to current/<name> that do not resolve yet are harmless
            self._displace_copied_current()
            _replace_link(self.out / CURRENT, f"{VERSIONS}/{version}")
        except BaseException:
            _remove(staging)  # the switch did not happen: the current version is untouched, the new one goes
            _remove(final)
            raise
        previous, self.current, self.committed = self.current, final, True
        try:
            _sync_folder(self.out)
            self._remove_old(keep={final, previous}, names=names)
        except OSError:
            pass  # what is left over goes at the next build
        return version

    def _write_version(
        self,
        staging: Path,
        built: Mapping[str, StoredReport],
        kept: Sequence[str],
        combined: ReportTables,
        files: Mapping[str, str | pa.Table],
    ) -> None:
        staging.mkdir(parents=True)
        for report_id, report in built.items():
            folder = staging / REPORTS / _checked(report_id)
            folder.mkdir(parents=True)
            for name, table in to_arrow(report.tables).items():
                _write_table(folder / f"{name}.parquet", table)
            _write_text(folder / KEY_FILE, json.dumps({"key": report.key, "source": report.source}))
        for report_id in kept:
            source = self._report_folder(_checked(report_id))
            assert source is not None, f"kept report {report_id} is in the current version"
            _link_folder(source, staging / REPORTS / report_id)
        for name, table in to_arrow(combined).items():
            _write_table(staging / f"{name}.parquet", table)
        for name, content in files.items():
            if isinstance(content, str):
                _write_text(staging / name, content)
            else:
                _write_table(staging / name, content)
        _sync_tree(staging)

    def _displace_copied_current(self) -> None:
        """A `current` that is a folder (the store copied with links followed) moves aside, to be removed with the stale."""
        current = self.out / CURRENT
        if current.is_dir() and not current.is_symlink():
            os.rename(current, self.versions / f"{STAGING}displaced-{os.getpid()}")

    def relink(self) -> None:
        """Put back top-level links to the current version's files that something removed (`make clean` did)."""
        if self.current is not None:
            self._link_top_level(sorted(p.name for p in self.current.iterdir() if p.is_file() and not p.is_symlink()))

    def _link_top_level(self, names: list[str]) -> None:
        """out/<name> -> current/<name> for every file of a version (a regular file from an older build is replaced)."""
        for name in names:
            link, target = self.out / name, f"{CURRENT}/{name}"
            try:
                if os.readlink(link) == target:
                    continue
            except OSError:
                pass
            if link.is_dir() and not link.is_symlink():
                raise StoreError(f"{link}: a folder where the build writes a file; move it out of {self.out}")
            _replace_link(link, target)

    # --- removing what is stale -------------------------------------------------------------

    def remove_stale(self) -> None:
        """What a killed build leaves: staging folders and temporary files or links (we hold the lock: none is live)."""
        if self.versions.is_dir():
            for entry in self.versions.iterdir():
                if entry.name.startswith(STAGING):
                    _remove(entry)
        for entry in self.out.iterdir():
            if _TEMPORARY_RE.match(entry.name):
                _remove(entry)

    def _remove_old(self, keep: Set[Path | None], names: list[str]) -> None:
        """Versions other than these two, links to files the current version lacks, an older build's reports/."""
        for entry in self.versions.iterdir():
            if entry not in keep:
                _remove(entry)
        for entry in self.out.iterdir():
            if entry.is_symlink() and os.readlink(entry).startswith(f"{CURRENT}/") and entry.name not in names:
                entry.unlink()
        self._remove_legacy_reports()

    def _remove_legacy_reports(self) -> None:
        """out/reports/<id>/ of builds before versions: their own file names only, then the empty folders."""
        legacy = self.out / REPORTS
        if not legacy.is_dir() or legacy.is_symlink():
            return
        for folder in legacy.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                for file in folder.iterdir():
                    if file.name in _LEGACY_FILES or _TEMPORARY_RE.match(file.name):
                        file.unlink()
                _rmdir_quietly(folder)
        _rmdir_quietly(legacy)


def _checked(report_id: str) -> str:
    """A report_id that names one folder inside the version (metadata.py checks it first; this is the last guard)."""
    assert REPORT_ID_RE.match(report_id), f"report_id {report_id!r}"
    return report_id


def _write_table(path: Path, table: pa.Table) -> None:
    with open(path, "xb") as file:
        pq.write_table(table, file)
        file.flush()
        os.fsync(file.fileno())


def _write_text(path: Path, text: str) -> None:
    with open(path, "x", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _link_folder(source: Path, target: Path) -> None:
    """A kept report's files in the new version: hard links to the current version's (a copy where links fail)."""
    target.mkdir(parents=True)
    for file in source.iterdir():
        if not stat.S_ISREG(file.stat(follow_symlinks=False).st_mode):
            continue
        try:
            os.link(file, target / file.name)
        except OSError:
            shutil.copy2(file, target / file.name)


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one rename: readers see the old target or the new one."""
    temporary = link.with_name(f".{link.name}.link-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _sync_tree(root: Path) -> None:
    for folder, _, _ in os.walk(root):
        _sync_folder(Path(folder))


def _sync_folder(folder: Path) -> None:
    """Make the renames and new names inside a folder durable (a power cut, not only a kill)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _rmdir_quietly(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()
