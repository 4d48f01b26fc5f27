"""The whole-table downloads (/api/claims.csv, /api/claims.xlsx, /api/package.zip) are written as they are sent,
a batch of rows at a time, with the bytes the tables written whole had: each is read back here (csv, openpyxl,
zipfile) and compared with the table read whole from its Parquet file."""

import csv
import importlib.util
import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture
from openpyxl import load_workbook

from contract import schema
from contract.store import current_folder, read_table, shard_number, shard_of, table_files
from dashboard import data, exports, store_batches, workbook

# Filters of /api/claims.csv and the page, each narrowing differently (no value of the report: only words).
QUERIES = (
    "",
    "kind=all",
    "kind=count,percent&from=150&to=200",
    "q=affaires+p%C3%A9nales",
    "section=VI.A",
    "chapter=II&qualifier=approx",
    "report=nothing-of-that-name",
)
TABLES = data.PARQUET_TABLES + data.OPTIONAL_TABLES


def synthetic_store():
    """bench/synthetic_store.py, the one maker of large stores (the layout a build writes), loaded by its path:
    bench/ is not a package, and tests/ holds no copy of it."""
    path = Path(__file__).resolve().parent.parent / "bench" / "synthetic_store.py"
    spec = importlib.util.spec_from_file_location("bench_synthetic_store", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return current_folder(shared_fixture(tmp_path_factory))


@pytest.fixture(scope="module")
def client(folder):
    with app_reading(folder) as app:
        yield app.server.test_client()


def inert(value: object) -> object:
    """A cell as the downloads always wrote it: lists joined, a text a spreadsheet would run given a `'`."""
    if isinstance(value, list | tuple | np.ndarray):
        value = ", ".join(str(v) for v in list(value))
    return "'" + value if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def whole_csv(frame: pd.DataFrame) -> bytes:
    """A table written at once, cell by cell, as the downloads were before they were streamed."""
    frame = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(inert)
    return frame.to_csv(index=False, quoting=csv.QUOTE_ALL).encode("utf-8-sig")


def claims_whole(query: str) -> pd.DataFrame:
    """The claims a query keeps, from the dataset's tables held whole."""
    from urllib.parse import parse_qsl

    return data.load().claims_where(data.claim_filters(dict(parse_qsl(query))))


@pytest.mark.parametrize("query", QUERIES)
def test_claims_csv_is_streamed_with_the_bytes_of_the_table_written_whole(client, query):
    response = client.get(f"/api/claims.csv?{query}")
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Disposition"] == 'attachment; filename="claims.csv"'
    assert response.headers["ETag"] == f'"{data.load().version}"'
    body = response.data
    expected = claims_whole(query)
    assert body == whole_csv(expected)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(expected) and list(rows[0] if rows else expected.columns) == list(expected.columns)


@pytest.mark.parametrize("route", ["/api/claims.csv", "/api/claims.xlsx", "/api/package.zip"])
def test_a_whole_table_download_answers_304_to_its_etag_and_a_head_without_a_body(client, route):
    etag = client.get(route).headers["ETag"]
    again = client.get(route, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    head = client.head(route)
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == etag


def test_claims_xlsx_reads_back_cell_for_cell(client):
    query = "kind=all"
    response = client.get(f"/api/claims.xlsx?{query}")
    assert response.status_code == 200 and int(response.headers["Content-Length"]) == len(response.data)
    sheet = load_workbook(io.BytesIO(response.data))["claims"]
    rows = list(sheet.iter_rows())
    expected = claims_whole(query)
    assert [c.value for c in rows[0]] == list(expected.columns) and all(c.font.b for c in rows[0])
    assert len(rows) == len(expected) + 1
    for cells, values in zip(rows[1:], expected.itertuples(index=False, name=None)):
        assert [c.value for c in cells] == [workbook.cell_value(v) for v in values]
        assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))


def test_the_writer_keeps_texts_that_look_like_formulas_or_error_codes_as_texts():
    texts = ["=1+2", "#N/A", "#DIV/0!", "+193 %", "=", "'quoted"]
    body = workbook.workbook_bytes([workbook.Sheet("s", ["text"], [[t] for t in texts], widths={"A": 30})])
    sheet = load_workbook(io.BytesIO(body))["s"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == texts and {c.data_type for c in cells} == {"s"}
    assert sheet.column_dimensions["A"].width == 30


def test_the_package_holds_every_table_as_the_store_has_it(client, folder):
    response = client.get("/api/package.zip")
    assert response.status_code == 200 and response.is_streamed
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    dataset = data.load()
    for name in TABLES:
        (path,) = table_files(folder, name)
        assert archive.read(f"parquet/{name}.parquet") == path.read_bytes(), name
        assert archive.read(f"csv/{name}.csv") == whole_csv(pd.read_parquet(path)), name
    assert archive.read("catalog.json").decode("utf-8") == stored_catalog_json(folder, indent=1)
    readme = archive.read("README.md").decode("utf-8")
    assert all(f"`{report}`" in readme for report in dataset.report_ids()) and "## claims" in readme


def stored_catalog_json(folder: Path, indent: int | None) -> str:
    """The catalogue as the app wrote it when it held it whole: the store's table read whole (its files one after
    the other), one JSON text."""
    entries = schema.from_table("catalog", read_table(folder, "catalog"))
    return json.dumps([schema.as_dict(entry) for entry in entries], ensure_ascii=False, indent=indent)


def test_the_catalogue_written_a_batch_at_a_time_is_the_catalogue(client, folder, monkeypatch):
    assert client.get("/api/indicators.json").get_data(as_text=True) == stored_catalog_json(folder, None)
    monkeypatch.setattr(exports, "CATALOG_PIECE_CHARS", 1)  # a piece an entry
    pieces = list(exports.catalog_json_pieces(data.load()))
    assert len(pieces) > 40 and "".join(pieces) == stored_catalog_json(folder, 1)
    monkeypatch.setattr(data.Dataset, "catalogue_entries", lambda dataset: iter(()))
    assert exports.catalog_json(data.load(), indent=1) == exports.catalog_json(data.load()) == "[]"
    assert client.get("/api/indicators.json").get_data(as_text=True) == "[]"


def split_claims(folder: Path, into: Path, parts: int) -> tuple[Path, ...]:
    """The claims table of `folder` as `parts` files (rows in order), as a store of many reports may lay it out."""
    table = pq.read_table(table_files(folder, "claims")[0])
    into.mkdir()
    size = -(-len(table) // parts)
    paths = []
    for part in range(parts):
        path = into / f"claims-{part}.parquet"
        pq.write_table(table.slice(part * size, size), path)
        paths.append(path)
    return tuple(paths)


def test_a_table_kept_in_several_files_downloads_as_one(client, folder, tmp_path, monkeypatch):
    whole = client.get("/api/claims.csv?kind=all").data
    parts = split_claims(folder, tmp_path / "parts", 3)
    store_files = store_batches.table_files
    monkeypatch.setattr(
        store_batches,
        "table_files",
        lambda f, name, reports=(): parts if name == "claims" else store_files(f, name, reports),
    )
    assert client.get("/api/claims.csv?kind=all").data == whole
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/package.zip").data))
    merged = pd.read_parquet(io.BytesIO(archive.read("parquet/claims.parquet")))
    assert merged.equals(pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True))
    assert archive.read("csv/claims.csv") == whole_csv(pd.read_parquet(table_files(folder, "claims")[0]))


def test_a_damaged_file_is_a_503_before_any_byte(client, folder, tmp_path, monkeypatch):
    damaged = tmp_path / "claims.parquet"
    damaged.write_bytes(table_files(folder, "claims")[0].read_bytes()[:400])
    store_files = store_batches.table_files
    monkeypatch.setattr(
        store_batches,
        "table_files",
        lambda f, name, reports=(): (damaged,) if name == "claims" else store_files(f, name, reports),
    )
    for route in ("/api/claims.csv", "/api/claims.xlsx", "/api/package.zip"):
        response = client.get(route)
        assert response.status_code == 503 and "make data" in response.get_json()["error"], route


def test_an_integer_column_with_a_null_is_written_as_the_whole_table_writes_it(tmp_path_factory, tmp_path):
    # pandas reads an integer column holding a null as floats: a null in the last batch only must still make
    # every batch's integers floats, as reading the table whole does.
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path / "processed")
    claims = pq.read_table(folder / "claims.parquet")
    ends = claims.column("end").to_pylist()
    ends[-1] = None
    claims = claims.set_column(claims.column_names.index("end"), "end", pa.array(ends, pa.int64()))
    pq.write_table(claims, folder / "claims.parquet", row_group_size=store_batches.BATCH_ROWS // 4)
    with app_reading(folder) as app:
        body = app.server.test_client().get("/api/claims.csv").data
        assert body == whole_csv(claims_whole(""))
    first_end = next(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))["end"]
    assert first_end.endswith(".0")


@pytest.mark.slow
def test_a_store_of_300_reports_downloads_without_being_held_in_memory(tmp_path_factory, tmp_path):
    """The claims of 300 copies of the report: over a hundred MB of CSV, made in pieces of about a MB while the
    memory traced (Python's, and Arrow's between pieces) stays a small fraction of the file. What /api/claims.csv
    sends (its response is these pieces: test_claims_csv_is_streamed…), without the app's own tables loaded."""
    source = shared_fixture(tmp_path_factory)
    maker = synthetic_store()
    maker.synthetic_store(tmp_path / "big", source, 300)
    big = current_folder(tmp_path / "big")
    size, largest, arrow_peak = 0, 0, 0
    arrow_before = pa.total_allocated_bytes()
    tracemalloc.start()
    try:
        for piece in exports.csv_chunks(store_batches.claims_with_places(big, data.ClaimFilters())):
            size, largest = size + len(piece), max(largest, len(piece))
            arrow_peak = max(arrow_peak, pa.total_allocated_bytes() - arrow_before)
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    rows = sum(pq.ParquetFile(path).metadata.num_rows for path in table_files(big, "claims"))
    per_report = [template.tables["claims"].num_rows for template in maker.templates(source)]
    assert rows == sum(per_report[i % len(per_report)] for i in range(300))
    assert size > 100_000_000, "the file is over a hundred MB"
    assert largest < 4_000_000 and traced_peak + arrow_peak < 32_000_000, (largest, traced_peak, arrow_peak, size)


def test_one_reports_download_reads_only_its_shard_and_gives_its_rows(tmp_path_factory, tmp_path):
    """A report's rows of every table are in the shard its id hashes to: its download opens that shard's files
    only (not the corpus's), and holds the rows a download of every report holds for it, in the same order."""
    maker = synthetic_store()
    ids = maker.synthetic_store(tmp_path / "big", shared_fixture(tmp_path_factory), 40)
    big, asked = current_folder(tmp_path / "big"), ids[7]
    files = table_files(big, "claims", [asked])
    assert files and len(files) < len(table_files(big, "claims"))
    assert {shard_number(path) for path in files} == {shard_of(asked)}
    one = pd.concat(list(store_batches.claims_with_places(big, data.ClaimFilters(reports=(asked,)))))
    every = pd.concat(list(store_batches.claims_with_places(big, data.ClaimFilters())))
    mine = every[every.report_id == asked].reset_index(drop=True)
    assert len(one) == len(mine) > 0
    pd.testing.assert_frame_equal(one.reset_index(drop=True), mine, check_dtype=False, check_categorical=False)
