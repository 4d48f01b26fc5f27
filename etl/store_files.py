"""The store's file-system steps: durable writes, a link replaced in one rename, quiet removals.

Each step is one system call or a short sequence whose every prefix is harmless (etl/store.py
relies on that when it is interrupted between any two instructions).
"""

import os
import re
import shutil
import stat
from collections.abc import Mapping, Set
from contextlib import suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.shards import digest


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


def write_bytes(path: Path, content: bytes) -> None:
    with open(path, "xb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())


def write_folder(parent: Path, prefix: str, files: Mapping[str, bytes]) -> str:
    """A folder of files named `<prefix>@<digest of its files>` under `parent`; its name."""
    named = digest(*(n.encode() + b"\0" + files[n] for n in sorted(files)))
    name = f"{prefix}@{named}"
    (parent / name).mkdir(parents=True)
    for file, content in files.items():
        write_bytes(parent / name / file, content)
    return name


def read_files(folder: Path) -> dict[str, bytes]:
    """The regular files of a folder, by name (a stored report's tables, to move to a new layout)."""
    return {
        file.name: file.read_bytes()
        for file in sorted(folder.iterdir())
        if stat.S_ISREG(file.stat(follow_symlinks=False).st_mode)
    }


def move_new(staged: Path, shared: Path) -> None:
    """Each entry of `staged` renamed into `shared` unless the name is there (named by its bytes, it holds
    them already); then `staged` is removed. Every prefix leaves entries no version names yet."""
    shared.mkdir(exist_ok=True)
    if not staged.is_dir():
        return
    for entry in sorted(staged.iterdir()):
        if not os.path.lexists(shared / entry.name):
            os.rename(entry, shared / entry.name)
    sync_folder(shared)
    remove(staged)


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


def same_file(fd: int, path: Path) -> bool:
    """Whether a descriptor is the file at `path` now (a lock file removed and made again is another)."""
    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


GONE = ".gone-"  # builds/.gone-<name>/: a folder being removed, renamed first


def remove_unnamed(folder: Path, shape: re.Pattern[str], used: Set[str]) -> None:
    """The entries of `folder` of this shape that no kept version names. A folder is renamed away before it is
    removed: an interrupted removal never leaves part of it under a name a later version could reuse."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in sorted(folder.iterdir()):
        name = entry.name.removeprefix(GONE)
        if not shape.match(name) or (name == entry.name and name in used):
            continue
        target = entry
        if name == entry.name and entry.is_dir() and not entry.is_symlink():
            target = folder / f"{GONE}{name}"
            os.rename(entry, target)
        remove(target)
