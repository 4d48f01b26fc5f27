"""A version's manifest (versions/<version>/manifest.json): the reports it holds, in order, with their folders
and symbols, and each table's shard files (a shard's files together, oldest first). Only names this store writes are
read from one."""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from contract.schema import BUILT_TABLES
from contract.store import MANIFEST, read_manifest
from etl.metadata import REPORT_ID_PATTERN, REPORT_ID_RE
from etl.shards import DIGEST_CHARS

FORMAT = 3  # of manifest.json (2: one file a shard; 1: the tables in the version's own folder, no manifest)
BUILD_RE = re.compile(rf"^{REPORT_ID_PATTERN[1:-1]}@[0-9a-f]{{{DIGEST_CHARS}}}$")  # builds/<report_id>@<digest>
SHARD_RE = re.compile(rf"^(?:{'|'.join(BUILT_TABLES)})\.\d{{2}}\.[0-9a-f]{{{DIGEST_CHARS}}}\.parquet$")


def manifest_text(entries: Sequence[Sequence[str | None]], tables: Mapping[str, Sequence[str]]) -> str:
    """The manifest of a version: [report_id, folder, symbol] per report, in store order; shard names per table."""
    manifest = {
        "format": FORMAT,
        "reports": [list(e) for e in entries],
        "tables": {t: list(n) for t, n in tables.items()},
    }
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Manifest:
    """A version's manifest read back: its reports in order with their folders and symbols, its tables' shards."""

    reports: list[tuple[str, str, str | None]]
    tables: dict[str, list[str]]

    @cached_property  # asked once per report: built once, not once per question
    def folders(self) -> dict[str, str]:
        return {report_id: folder for report_id, folder, _ in self.reports}

    @cached_property
    def symbols(self) -> dict[str, str | None]:
        return {report_id: symbol for report_id, _, symbol in self.reports}


def read_version(version: Path | None) -> Manifest | None:
    """The manifest of a version of this store; None for a version without one (a build from before shards)."""
    if version is None:
        return None
    try:
        found = read_manifest(version)
        if found is None:
            return None
        reports = [
            (str(i), str(f), s if isinstance(s, str) else None)
            for i, f, s in found.get("reports", [])
            if REPORT_ID_RE.match(str(i)) and BUILD_RE.match(str(f))
        ]
        tables = {str(t): [str(n) for n in names if SHARD_RE.match(str(n))] for t, names in found["tables"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # not a manifest this store wrote
        return None
    return Manifest(reports, tables)


def by_shard(names: Sequence[str]) -> dict[int, list[str]]:
    """A table's files by shard number, each shard's in the manifest's order (oldest first)."""
    found: dict[int, list[str]] = {}
    for name in names:
        found.setdefault(int(name.split(".")[1]), []).append(name)
    return found


def unreadable_listing(version: Path) -> Path | None:
    """The file listing a version's reports when it is there but cannot be read (None when it reads, or when
    there is none): the manifest, or a version from before shards' reports table. `read_version` gives None
    for both a missing and a damaged manifest; this tells them apart."""
    if (version / MANIFEST).exists():
        return version / MANIFEST if read_version(version) is None else None
    listing = version / "reports.parquet"
    try:
        pq.read_table(listing, columns=["report_id"])
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException):
        return listing
    return None
