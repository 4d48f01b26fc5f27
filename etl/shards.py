"""A combined table as a fixed number of shards: pure functions over Arrow tables (the store reads and writes them).

A report's rows live in the shard its report_id hashes to. A shard is one file or a few, oldest
first, each report's rows in exactly one of them: a commit writes the rows it adds as one more
small file rather than rewriting the shard, and merges a shard's newest files together once they
grow (`merged_from`), so a shard keeps a few files, however many reports were added one at a time.
Within a file rows are sorted by report_id, a report's own rows in the order it built them.
"""

import hashlib
import io
from collections.abc import Iterable, Sequence, Set

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from contract.schema import dimension_columns, schema

DIGEST_CHARS = 16  # of a file's or folder's sha256: its name in the store
# A shard's file is merged with the newer ones being written once it holds at most this many times their rows: its
# files then grow fourfold from the newest to the oldest, a few of them (log4 of the shard over one report's rows).
MERGE_RATIO = 4
MAX_FILES = 8  # a shard's files at most, whatever their sizes (past it, the newest are merged)


def shard_name(table: str, shard: int, content: bytes) -> str:
    """claims.07.<digest>.parquet: a shard file named by its table, its number and its bytes."""
    return f"{table}.{shard:02d}.{digest(content)}.parquet"


def digest(*parts: bytes) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(hashlib.sha256(part).digest())
    return found.hexdigest()[:DIGEST_CHARS]


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def compose(table: str, kept: pa.Table | None, leaving: Set[str], added: Iterable[pa.Table]) -> pa.Table:
    """A shard file's rows: the rows of the files it replaces (`kept`) but those of `leaving` reports, with the added
    reports' rows, sorted by report_id (stable: a report's rows keep their order)."""
    parts = [t for t in added if t.num_rows or kept is None]
    if kept is not None:
        gone = pa.array(sorted(leaving), pa.string())
        rest = kept.filter(pc.invert(pc.is_in(kept.column("report_id"), value_set=gone))) if leaving else kept
        if rest.num_rows or not parts:
            parts.insert(0, rest)
    if not parts:
        parts = [schema(table).empty_table()]
    merged = pa.concat_tables(parts, promote_options="default") if len(parts) > 1 else parts[0]
    names = schema(table, dimension_columns(merged.column_names) if table == "observations" else ()).names
    merged = merged.select(names)
    order = pc.sort_indices(
        pa.table({"report_id": merged.column("report_id"), "row": pa.array(range(merged.num_rows))}),
        sort_keys=[("report_id", "ascending"), ("row", "ascending")],
    )
    return merged.take(order).combine_chunks()


def merged_from(rows: Sequence[int], added: int, first_hit: int) -> int:
    """Which of a shard's files a commit writes again, with `added` new rows: the files from the returned index on
    (oldest first, `rows` in each) are merged into one with the new rows, the older ones kept as they are. It
    starts at `first_hit`, the first file holding a row of a report that leaves (len(rows) if none), and goes
    back over each older file holding at most MERGE_RATIO times the rows merged so far, or while the shard would
    hold more than MAX_FILES files. Adding a report to a large shard thus writes a small file, and the shard's
    oldest, largest file is written again only once the newer ones hold a quarter of its rows."""
    start = first_hit
    merged = added + sum(rows[start:])
    while start > 0 and (rows[start - 1] <= MERGE_RATIO * merged or start >= MAX_FILES):
        start -= 1
        merged += rows[start]
    return start
