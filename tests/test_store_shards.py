"""A shard is one file or a few: an added report's rows are one more small file, merged as they grow, and a reader
finds every row exactly once, whatever the order of adds, replacements and drops.

`merged_from` (etl/shards.py) is checked on its own: an add to a large shard writes a small file, a report
that leaves makes its file be written again, a shard keeps a few files however many reports come one at a
time, and its oldest file is written again only now and then. Then a store of tiny reports, all in one
shard, is added to, replaced in and dropped from through `python -m etl` (in process): after each run every
table read through contract/store.py holds each report's rows once, as many as its own folder holds; and
the store ends with the same rows as a fresh build of the same inputs.
"""

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from store_tables import manifest, report_folder, stored_arrow
from test_etl_attacks import write_report

from contract.schema import BUILT_TABLES
from contract.store import shard_of
from etl.cli import main
from etl.shards import MAX_FILES, MERGE_RATIO, merged_from

EPOCH = "1700000000"


def test_an_add_to_a_large_shard_writes_only_its_own_file():
    assert merged_from([10_000], 100, 1) == 1  # the large file stays, the new rows are a file of their own
    assert merged_from([10_000, 500], 100, 2) == 2  # 500 rows are more than 4 x 100: kept too


def test_small_newer_files_are_merged_with_the_new_rows():
    assert merged_from([10_000, 100], 100, 2) == 1  # the small file and the new rows, one file
    assert merged_from([1_000, 200, 100], 100, 3) == 0  # 100 -> 200 -> 1 000: each at most 4 x what is merged


def test_a_file_holding_a_leaving_report_is_written_again_with_every_newer_one():
    assert merged_from([10_000, 100, 50], 0, 1) == 1
    assert merged_from([10_000, 100, 50], 0, 0) == 0  # the report is in the oldest file: the shard is one file again


def test_a_shard_never_holds_more_than_its_limit_of_files():
    sizes = [(4 * MERGE_RATIO) ** (MAX_FILES - k) for k in range(MAX_FILES)]  # each far above the next
    assert merged_from(sizes, 1, len(sizes)) == MAX_FILES - 1  # the newest is merged with the new rows


def test_many_adds_one_at_a_time_keep_a_few_files_and_rarely_rewrite_the_oldest():
    """1 000 reports of one size added one by one to a shard of 100: never more than a handful of files, the
    oldest written again a few dozen times at most (each time it has grown by a quarter)."""
    files, oldest_rewrites = [100], 0
    for _ in range(1_000):
        start = merged_from(files, 1, len(files))
        oldest_rewrites += start == 0
        files = [*files[:start], sum(files[start:]) + 1]
        assert len(files) <= 6, files
    assert sum(files) == 1_100
    assert oldest_rewrites <= 20, oldest_rewrites  # (1 + 1/4)^k >= 11 needs k >= 11


# --- a store of reports in one shard -----------------------------------------------------------------------


def _text(count: int, figure: int) -> str:
    return "".join(f"{k}.\tEn {2000 + k % 20}, {figure + k} affaires ont été jugées.\n" for k in range(1, count + 1))


def _same_shard(first: str, count: int) -> list[str]:
    """Report ids whose rows go to the shard of `first`."""
    found = [f"r{k:04d}" for k in range(10_000) if shard_of(f"r{k:04d}") == shard_of(first)]
    return found[:count]


def _rows_once(out: Path) -> None:
    """Every table read through contract/store.py holds each report's rows once: as many as its own folder."""
    reports = [entry[0] for entry in manifest(out)["reports"]]
    for table in BUILT_TABLES:
        found = Counter(stored_arrow(out, table).column("report_id").to_pylist())
        own = {i: pq.read_metadata(report_folder(out, i) / f"{table}.parquet").num_rows for i in reports}
        assert found == Counter({i: n for i, n in own.items() if n}), table


def _claims_files(out: Path, report_id: str) -> list[str]:
    return [n for n in manifest(out)["tables"]["claims"] if int(n.split(".")[1]) == shard_of(report_id)]


@pytest.fixture
def adding(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    raw, indicators, out = tmp_path / "raw", tmp_path / "indicators", tmp_path / "out"
    raw.mkdir()
    indicators.mkdir()

    def run(source: Path, into: Path = out) -> None:
        arguments = ["--input", str(source), "--out", str(into), "--indicators", str(indicators), "--jobs", "1"]
        assert main(arguments) == 0

    return raw, out, run


def _write(folder: Path, report_id: str, text: str) -> Path:
    return write_report(folder, report_id, {"symbol": f"CERD/C/{report_id.upper()}/1", "language": "fr"}, text)


def test_adds_replacements_and_drops_in_one_shard_keep_every_row_once(adding, tmp_path):
    raw, out, run = adding
    big, *small = _same_shard("r0000", 4)
    first = tmp_path / "first"
    first.mkdir()
    _write(first, big, _text(300, 10))
    run(first)
    [base] = _claims_files(out, big)

    for report_id in small[:2]:
        run(_write(raw, report_id, _text(2, 5)))
        _rows_once(out)
        files = _claims_files(out, big)
        assert files[0] == base and len(files) == 2, files  # the large file kept, the small ones merged

    run(_write(raw, small[0], _text(2, 7)))  # replaced: its file is written again without its old rows
    _rows_once(out)
    assert _claims_files(out, big)[0] == base
    values = {c["value"] for c in stored_arrow(out, "claims").to_pylist() if c["report_id"] == small[0]}
    assert {8.0, 9.0} <= values and not values & {6.0, 7.0}, values  # "8 affaires", "9 affaires" only

    run(_write(raw, big, _text(300, 11)))  # the large report replaced: the shard is written again, one file
    _rows_once(out)
    assert len(_claims_files(out, big)) == 1

    run(_write(raw, small[2], _text(2, 5)))
    last = tmp_path / "last"  # a folder without small[1]: it is dropped
    last.mkdir()
    for report_id in (big, small[0], small[2]):
        for suffix in (".txt", ".json"):
            (last / f"{report_id}{suffix}").write_bytes((raw / f"{report_id}{suffix}").read_bytes())
    run(last)
    _rows_once(out)
    assert [entry[0] for entry in manifest(out)["reports"]] == [big, small[0], small[2]]

    fresh = tmp_path / "fresh"
    run(last, fresh)
    for table in BUILT_TABLES:
        mine, theirs = stored_arrow(out, table), stored_arrow(fresh, table)
        assert (
            mine.select(sorted(mine.column_names)).to_pylist() == theirs.select(sorted(theirs.column_names)).to_pylist()
        ), table
