"""The store's file-system steps: durable writes, a shard's files, a link replaced in one rename, quiet removals.

Each step is one system call or a short sequence whose every prefix is harmless (etl/store.py
relies on that when it is interrupted between any two instructions).
"""

import os
import re
import shutil
import stat
from collections.abc import Mapping, Sequence, Set
from contextlib import suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from etl.shards import compose, digest, merged_from, parquet_bytes, shard_name


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


def shard_files(
    shards: Path, staging: Path, place: tuple[str, int, Sequence[str]], leaving: Set[str], added: Sequence[pa.Table]
) -> list[str]:
    """One shard's files (`place`: its table, number and files in shards/, oldest first) once the `added` rows
    are in and the `leaving` reports' out: the added rows written to staging/ as one more file, merged with
    the newest files and any holding a leaving report's row as etl/shards.py's `merged_from` says. A shard
    with reports keeps one file at least, if empty (a table with no file would read as not built)."""
    table, shard, files = place
    paths = [shards / name for name in files]
    hits = [k for k, path in enumerate(paths) if holds_any(path, leaving)]
    new = compose(table, None, set(), added)
    if not hits and not new.num_rows and files:
        return list(files)  # nothing of this table changes in this shard
    content = parquet_bytes(new)
    rows = [pq.read_metadata(path).num_rows for path in paths]  # from each file's footer
    start = merged_from(rows, new.num_rows, hits[0] if hits else len(files))
    if start < len(files):
        merged = compose(table, read_tables(paths[start:]), leaving, added)
        if not merged.num_rows and start:
            return list(files[:start])
        content = parquet_bytes(merged)
    name = shard_name(table, shard, content)
    write_bytes(staging / name, content)
    return [*files[:start], name]


def read_tables(paths: Sequence[Path]) -> pa.Table:
    """Parquet files' rows one after the other (a shard's files: their columns may differ, missing ones null)."""
    parts = [pq.read_table(path) for path in paths]
    return pa.concat_tables(parts, promote_options="default") if len(parts) > 1 else parts[0]


def holds_any(path: Path, report_ids: Set[str]) -> bool:
    """Whether a shard file holds a row of one of these reports (its report_id column alone is read)."""
    if not report_ids:
        return False
    column = pq.read_table(path, columns=["report_id"]).column(0)
    return bool(pc.any(pc.is_in(column, value_set=pa.array(sorted(report_ids), pa.string()))).as_py())


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
    for found in sorted(os.listdir(folder)):  # names, not paths: 10 000 folders are sorted as plain strings
        name, entry = found.removeprefix(GONE), folder / found
        if not shape.match(name) or (name == found and name in used):
            continue
        target = entry
        if name == found and entry.is_dir() and not entry.is_symlink():
            target = folder / f"{GONE}{name}"
            os.rename(entry, target)
        remove(target)
