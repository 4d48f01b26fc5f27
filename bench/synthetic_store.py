"""A store of many reports for benchmarks: real built reports replicated under new report_ids.

    from synthetic_store import synthetic_store
    synthetic_store(Path(".build/store10k"), template=Path("data/processed"), count=10_000)

`template` is a store built by `python -m etl` (any number of reports); report `i` of the new store is
a copy of template report `i % n` whose report_id is `syn-<i>` (`syn-00042`): every id made from it
(claim_id, suggestion and indicator ids, check ids) names the copy, and its symbol is its own, so no
two copies are compared as translations. A curated indicator's id (`art174_registered_cases`, which names
no report) gets the copy's name too (`art174_registered_cases_syn_00042`): each copy is a curated report
like its template, with tables of its own. Were the copies to share the template's ids, one indicator
would hold 10 000 documents' observations, which no definition makes (a definition names its reports, or
one State's documents of one type). Each copy's folder and the shards are written as a build
writes them (etl/shards.py, etl/store_files.py) and the version is committed through etl/store.py,
so the app and the next build read it as any store (without fsync: a bench's fixture). 300 copies of
the Kazakh report: 126 MB, 3 207 files, about a minute on a shared 2-core machine; size and time grow
with the count (10 000 copies: about 4 GB, 100 000 files). Run
`python bench/synthetic_store.py OUT COUNT [TEMPLATE]` to make one (TEMPLATE: data/processed/ by default).
"""

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contract.schema import BUILT_TABLES, columns, schema  # noqa: E402
from contract.store import SHARDS, current_folder, shard_of  # noqa: E402
from etl import store  # noqa: E402
from etl.shards import compose, parquet_bytes, shard_name  # noqa: E402
from etl.store_files import write_bytes, write_folder  # noqa: E402

PREFIX = "syn"


@dataclass(frozen=True)
class Template:
    """One built report of the template store: its own tables and its build.json."""

    report_id: str
    tables: dict[str, pa.Table]
    info: dict


def templates(template: Path) -> list[Template]:
    """The reports of a built store, each with its tables as Arrow."""
    listed = json.loads((current_folder(template) / "manifest.json").read_text(encoding="utf-8"))
    found = []
    for report_id, folder, _ in listed["reports"]:
        path = template / store.BUILDS / folder
        tables = {name: pq.read_table(path / f"{name}.parquet") for name in BUILT_TABLES}
        found.append(Template(report_id, tables, json.loads((path / store.KEY_FILE).read_text(encoding="utf-8"))))
    return found


# The columns that name indicators (a curated one's id names no report).
INDICATOR_COLUMNS = ("indicator_id", "indicator_ids", "covered_by")


def replicated(template: Template, report_id: str) -> dict[str, pa.Table]:
    """A template report's tables under a new report_id (and a symbol of its own)."""
    out = {}
    for name, original in template.tables.items():
        table = original
        for i, field in enumerate(table.schema):
            if field.name in INDICATOR_COLUMNS:
                table = table.set_column(i, field, _indicators_renamed(table.column(i), template.report_id, report_id))
            elif field.name == "report_id" or field.name.endswith(("_id", "_ids")):
                table = table.set_column(i, field, _renamed(table.column(i), template.report_id, report_id))
        if name == "reports":
            i = table.schema.get_field_index("symbol")
            table = table.set_column(i, "symbol", pa.array([f"SYN/{report_id}"] * table.num_rows, pa.string()))
        out[name] = table
    return out


def _renamed(column: pa.ChunkedArray, old: str, new: str) -> pa.ChunkedArray:
    if pa.types.is_string(column.type):
        return pc.replace_substring(column, old, new)
    if pa.types.is_list(column.type) and pa.types.is_string(column.type.value_type):
        chunks = [
            pa.ListArray.from_arrays(c.offsets, pc.replace_substring(c.flatten(), old, new)) for c in column.chunks
        ]
        return pa.chunked_array(chunks, column.type)
    return column


def _indicators_renamed(column: pa.ChunkedArray, old: str, new: str) -> pa.ChunkedArray:
    """Indicator ids of the copy: a suggestion's (which names the report) renamed, a curated one's suffixed."""
    suffix = "_" + new.replace("-", "_")

    def one(value: str | None) -> str | None:
        if value is None:
            return None
        return value.replace(old, new) if old in value else value + suffix

    values = [
        [one(v) for v in row] if isinstance(row, list) else one(row) if row is not None else None
        for row in column.to_pylist()
    ]
    return pa.chunked_array([pa.array(values, column.type)], column.type)


def synthetic_store(out: Path, template: Path, count: int) -> list[str]:
    """Write a store of `count` replicated reports at `out` (a new or empty folder); their report_ids."""
    models = templates(template)
    ids = [f"{PREFIX}-{i:05d}" for i in range(count)]
    members: dict[int, list[int]] = {}
    for i, report_id in enumerate(ids):
        members.setdefault(shard_of(report_id), []).append(i)
    entries: list[tuple[str, str, str | None]] = [("", "", None)] * count
    shards: dict[str, list[str]] = {name: [] for name in BUILT_TABLES}
    with _without_fsync(), store.opened(out, wait=0) as box:
        (out / store.BUILDS).mkdir(exist_ok=True)
        (out / SHARDS).mkdir(exist_ok=True)
        for shard in sorted(members):
            copies = list(_copies(models, ids, members[shard], out, entries))
            for name in BUILT_TABLES:
                content = parquet_bytes(compose(name, None, set(), [c[name] for c in copies]))
                shards[name].append(shard_name(name, shard, content))
                write_bytes(out / SHARDS / shards[name][-1], content)
        box.commit(store.Commit(reports=ids, built={}, rows={}, prepared=(entries, shards)))
    return ids


@contextmanager
def _without_fsync() -> Iterator[None]:
    """A bench's fixture needs no durability against a power cut: 90 000 fsyncs would take half an hour."""
    saved = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = saved


def _copies(
    models: list[Template], ids: list[str], numbers: list[int], out: Path, entries: list
) -> Iterator[dict[str, pa.Table]]:
    """The copies of one shard's reports, each written to its folder under builds/ as it goes."""
    for i in numbers:
        model, report_id = models[i % len(models)], ids[i]
        tables = replicated(model, report_id)
        info = {**model.info, "source": f"/synthetic/{report_id}.txt"}
        files = {f"{name}.parquet": parquet_bytes(table) for name, table in tables.items()}
        files[store.KEY_FILE] = json.dumps(info).encode()
        entries[i] = (report_id, write_folder(out / store.BUILDS, report_id, files), f"SYN/{report_id}")
        yield tables


def add_missing_columns(out: Path) -> list[str]:
    """Give the current version's shards the columns the contract gained since the store was made, all null.

    A store of 10 000 reports takes half an hour to make, the contract changes faster. Each shard is rewritten
    to a new file renamed over its name (a store copied with hard links, `cp -al`, leaves the original
    untouched); the shards' names keep their old content hash, which no reader checks. Returns what it added.
    """
    listed = json.loads((current_folder(out) / "manifest.json").read_text(encoding="utf-8"))
    added = []
    for name, shards in listed["tables"].items():
        for shard in shards:
            path = out / SHARDS / shard
            table = pq.read_table(path)
            wanted = schema(name, [f for f in table.column_names if f not in columns(name)])
            missing = [f for f in wanted if f.name not in table.column_names]
            if missing:
                for field in missing:
                    table = table.append_column(field, pa.nulls(table.num_rows, field.type))
                pq.write_table(table.select([f.name for f in wanted]), path.with_suffix(".new"))
                os.replace(path.with_suffix(".new"), path)
                added += [f"{name}.{f.name}" for f in missing]
    return sorted(set(added))


if __name__ == "__main__":
    target, number = Path(sys.argv[1]), int(sys.argv[2])
    source = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "data" / "processed"
    print(f"{len(synthetic_store(target, source, number))} reports written to {target}")
