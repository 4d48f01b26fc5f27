"""A combined table as a fixed number of shards: pure functions over Arrow tables (the store reads and writes them).

A report's rows live in the shard its report_id hashes to, so adding or replacing one report
rewrites one shard of each table, whatever the number of reports. Within a shard rows are sorted
by report_id, a report's own rows in the order it built them: the same reports give the same shard
whichever order they were added in.
"""

import hashlib
import io
from collections.abc import Iterable, Set

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from contract.schema import dimension_columns, schema

SHARD_COUNT = 64  # ~160 reports a shard at 10 000 reports; 8 tables x 64 files at most
DIGEST_CHARS = 16  # of a file's or folder's sha256: its name in the store


def shard_of(report_id: str) -> int:
    """The shard of a report: a hash of its id that every process and machine agrees on (not Python's hash)."""
    return int.from_bytes(hashlib.sha256(report_id.encode()).digest()[:4], "big") % SHARD_COUNT


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
    """A shard's new rows: the kept shard's rows but those of `leaving` reports, with the added reports' rows,
    sorted by report_id (stable: a report's rows keep their order)."""
    parts = [t for t in added if t.num_rows or kept is None]
    if kept is not None:
        rest = kept.filter(pc.invert(pc.is_in(kept.column("report_id"), value_set=pa.array(sorted(leaving)))))
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
