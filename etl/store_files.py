"""The store's file-system steps: durable writes, a link replaced in one rename, quiet removals.

Each step is one system call or a short sequence whose every prefix is harmless (etl/store.py
relies on that when it is interrupted between any two instructions).
"""

import os
import shutil
import stat
from contextlib import suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def write_mark(out: Path, mark: str, text: str) -> None:
    """The mark that makes --out a store for later builds (kept if there: an older build's store gets it now)."""
    try:
        fd = os.open(out / mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def write_table(path: Path, table: pa.Table) -> None:
    with open(path, "xb") as file:
        pq.write_table(table, file)
        file.flush()
        os.fsync(file.fileno())


def write_text(path: Path, text: str) -> None:
    with open(path, "x", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def link_folder(source: Path, target: Path) -> None:
    """A kept report's files in the new version: hard links to the current version's (a copy where links fail)."""
    target.mkdir(parents=True)
    for file in source.iterdir():
        if not stat.S_ISREG(file.stat(follow_symlinks=False).st_mode):
            continue
        try:
            os.link(file, target / file.name)
        except OSError:
            shutil.copy2(file, target / file.name)


def replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one rename: readers see the old target or the new one."""
    temporary = link.with_name(f".{link.name}.link-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def sync_tree(root: Path) -> None:
    for folder, _, _ in os.walk(root):
        sync_folder(Path(folder))


def sync_folder(folder: Path) -> None:
    """Make the renames and new names inside a folder durable (a power cut, not only a kill)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def rmdir_quietly(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()
