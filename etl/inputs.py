"""The build's inputs, found and read within their limits: report files, their metadata, the definitions.

The only module of etl/ that reads input files (etl/store.py reads and writes --out). Every input
is a regular file (a link to one is fine; a device, pipe or folder is refused unread), read up to
its limit (docs/SECURITY.md, "The build").
"""

import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from etl.metadata import MAX_SIDECAR_BYTES, Metadata, parse_metadata, report_id_problem
from etl.sources import SUFFIXES as REPORT_SUFFIXES

MAX_DEFINITION_BYTES = 1024 * 1024  # one indicators/*.toml file; the largest is 30 KB
_CODE = Path(__file__).resolve().parent  # etl/, beside contract/: the code a report's tables depend on


class InputError(Exception):
    """An input that cannot be read; the message says which file and what to do."""


def find_reports(path: Path) -> list[Path]:
    """The report files named by --input: the file itself, or the reports in the folder."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            return [path]
        if not stat.S_ISDIR(mode):
            raise InputError(
                f"{path}: not a report file or folder ({_file_kind(mode)}); give --input a "
                f"{', '.join(REPORT_SUFFIXES)} file or a folder of them"
            )
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder; give --input a report file or a folder of reports") from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); give --input a report file or a folder of reports"
        ) from None
    if not found:
        raise InputError(
            f"{path}: no report found (expected {', '.join(REPORT_SUFFIXES)} files); add one or point --input elsewhere"
        )
    return found


def read_input(path: Path, limit: int, what: str) -> bytes:
    """A regular file's bytes (a link to one is fine), at most `limit`; a device, FIFO or folder is refused unread."""
    try:
        mode_and_size = os.stat(path)
        if not stat.S_ISREG(mode_and_size.st_mode):
            raise InputError(
                f"{path}: not a regular file ({_file_kind(mode_and_size.st_mode)}); give the {what} as a file"
            )
        if mode_and_size.st_size > limit:
            raise InputError(_too_large(path, mode_and_size.st_size, limit, what))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check the file") from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the stat above
            raise InputError(f"{path}: not a regular file; give the {what} as a file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise InputError(_too_large(path, len(data), limit, what))
    return data


def _too_large(path: Path, size: int, limit: int, what: str) -> str:
    return f"{path}: {size:,} bytes, more than the limit of {limit:,} bytes for a {what}; is this the right file?"


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def load_metadata(path: Path) -> tuple[Metadata, bytes]:
    """The metadata sidecar (<name>.json beside the report), checked, and its bytes (empty when there is none)."""
    sidecar = path.with_suffix(".json")
    if not os.path.lexists(sidecar):
        return Metadata(), b""
    data = read_input(sidecar, MAX_SIDECAR_BYTES, "metadata file")
    return parse_metadata(data, str(sidecar)), data


def report_id_of(path: Path, metadata: Metadata) -> str:
    """The metadata's report_id, else the file name without its extension, if it can name a folder."""
    if metadata.report_id:
        return metadata.report_id
    problem = report_id_problem(path.stem)
    if problem:
        raise InputError(f"{path}: the file name {problem}; rename the file or set `report_id` in its metadata")
    return path.stem


def load_definition_texts(folder: Path) -> dict[str, str]:
    """The indicator definition files ({file name: text}); none is a valid, empty catalogue."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of indicator definitions; point --indicators at one")
    texts = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            texts[path.name] = read_input(path, MAX_DEFINITION_BYTES, "definition file").decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8; re-save the definition file as UTF-8") from None
    return texts


def code_fingerprint() -> str:
    """What else a report's paragraphs and claims depend on: the code of etl/ and contract/."""
    code = sorted([*_CODE.rglob("*.py"), *(_CODE.parent / "contract").glob("*.py")])
    return hashlib.sha256("\0".join(p.read_text(encoding="utf-8") for p in code).encode()).hexdigest()


def definitions_fingerprint(definition_texts: Mapping[str, str]) -> str:
    """What a report's observations, checks and suggestions depend on besides its claims: the definitions."""
    parts = [f"{name}\0{text}" for name, text in sorted(definition_texts.items())]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def report_key(data: bytes, sidecar: bytes, context: str) -> str:
    """The key a report's tables are kept with: its file, its metadata and what else they depend on."""
    return hashlib.sha256(b"\0".join([data, sidecar, context.encode()])).hexdigest()
