"""--out as a store's folder: created if missing, refused when it is someone else's, locked for one build.

etl/store.py opens a store through these steps; like etl/store_files.py they are its I/O (a build interrupted
at any of them leaves --out as it was).
"""

import errno
import fcntl
import os
import re
import time
from pathlib import Path

from contract.store import CURRENT, VERSIONS
from etl.store_files import rmdir_quietly, same_file

LOCK = ".lock"
MARK = ".etl-store"  # written with the first version; a folder without it is a store only if an older build made it
_PLACEHOLDERS = frozenset({LOCK, ".gitkeep", ".keep"})  # a folder holding only these counts as empty
VERSION_RE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-\d+$")


class StoreError(Exception):
    """--out cannot hold a build (a file, read-only, locked by another build); one line saying what to do."""


def make_folder(out: Path) -> list[Path]:
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


def refuse_foreign(out: Path) -> None:
    """--out must be empty (a placeholder or a lock aside), marked as a store, or a store an older build made."""
    try:
        names = {entry.name for entry in out.iterdir()}
    except OSError as error:
        raise StoreError(
            f"{out}: cannot read the folder ({error.strerror}); point --out at a folder you can use"
        ) from None
    if names <= _PLACEHOLDERS or MARK in names or older_store(out):
        return
    raise StoreError(
        f"{out}: neither empty nor a store of this build (it has no {MARK}); nothing was written there: "
        "point --out at a new or empty folder, or at one a build made"
    )


def older_store(out: Path) -> bool:
    """A store from before the mark: `current` names one of its versions, is a copied version, or (before
    versions) the tables lie at the top."""
    current = out / CURRENT
    if current.is_symlink():
        parts = Path(os.readlink(current)).parts
        return len(parts) == 2 and parts[0] == VERSIONS and bool(VERSION_RE.match(parts[1]))
    if current.is_dir():
        return (current / "reports.parquet").is_file()
    return all((out / f"{name}.parquet").is_file() for name in ("paragraphs", "claims"))


def take_lock(out: Path, wait: float) -> int:
    """An exclusive lock on out/.lock, waiting up to `wait` seconds for another build to finish."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if error.errno == errno.ENOENT and not out.exists():  # the build that made --out removed it
                make_folder(out)
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


def remove_created(out: Path, created: list[Path]) -> None:
    """Undo the folders a build created when it wrote nothing (a failed first build leaves no trace)."""
    try:
        (out / MARK).unlink(missing_ok=True)
        (out / LOCK).unlink()
        rmdir_quietly(out / VERSIONS)
        for folder in created:
            folder.rmdir()
    except OSError:
        pass  # another build is using it, or something else was put there: leave it
