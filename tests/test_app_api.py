"""The /api routes and the downloads, through Flask's test client (no browser)."""
import csv
import io
import json
import shutil
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from app_fixtures import app_reading, shared_fixture
from dashboard import exports


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app.server.test_client()


def read_csv(body: bytes) -> list[dict]:
    assert body.startswith("\ufeff".encode("utf-8")), "CSV must start with a UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_catalogue_json_lists_the_indicators(client):
    response = client.get("/api/indicators.json")
    assert response.status_code == 200
    ids = {entry["indicator_id"] for entry in response.get_json()}
    assert {"art174_registered_cases", "art174_cases_tried_and_convicted", "ethnic_composition_population"} <= ids


def test_indicator_csv_has_tidy_rows_with_paragraph_quote_and_citation(client):
    response = client.get("/api/indicators/art174_registered_cases.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="art174_registered_cases.csv"' in response.headers["Content-Disposition"]
    rows = read_csv(response.data)
    assert [(r["period"], float(r["value"]), r["paragraph"]) for r in rows] == [
        ("2022", 46.0, "156"), ("2023", 84.0, "156"), ("2024", 91.0, "156")]
    assert all(r["citation"] == "CERD/C/KAZ/11-14, para. 156" for r in rows)
    assert all(r["as_written"] in r["quote"] for r in rows)


def test_indicator_xlsx_has_data_and_metadata_sheets_with_numbers_kept_numeric(client):
    response = client.get("/api/indicators/art174_registered_cases.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["data", "metadata"]
    data = list(book["data"].values)
    header = list(data[0])
    assert [row[header.index("value")] for row in data[1:]] == [46, 84, 91]
    assert all(isinstance(row[header.index("paragraph")], int) for row in data[1:])
    meta = dict(book["metadata"].values)
    assert meta["symbol"] == "CERD/C/KAZ/11-14"
    assert meta["paragraphs"] == "156"
    assert meta["date built"] and meta["title"] and meta["description"]


def test_indicator_json_holds_entry_rows_and_checks(client):
    body = client.get("/api/indicators/art174_cases_tried_and_convicted.json").get_json()
    assert body["indicator"]["indicator_id"] == "art174_cases_tried_and_convicted"
    assert "2025-H1" in {row["period"] for row in body["observations"]}
    assert all("art174_cases_tried_and_convicted" in check["indicator_ids"] for check in body["checks"])


@pytest.mark.parametrize("path", [
    "/api/indicators/no_such_indicator.csv",
    "/api/indicators/art174_registered_cases.exe",
    "/api/indicators/art174_registered_cases",
    # a file path smuggled in the id is looked up in the catalogue, never opened
    "/api/indicators/..%2F..%2Fetc%2Fpasswd.csv",
    "/api/indicators/../catalog.json",
    "/api/indicators/catalog.json",
])
def test_unknown_indicator_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_claims_csv_filters_by_kind_and_paragraph_range(client):
    rows = read_csv(client.get("/api/claims.csv?kind=count&from=155&to=156").data)
    assert rows and {r["kind"] for r in rows} == {"count"}
    assert {int(r["paragraph"]) for r in rows} <= {155, 156}
    assert "46" in {r["text"] for r in rows}


def test_claims_csv_without_filters_has_every_claim(client, tmp_path_factory):
    claims = pd.read_parquet(shared_fixture(tmp_path_factory) / "claims.parquet")
    assert len(read_csv(client.get("/api/claims.csv").data)) == len(claims)


def test_claims_csv_free_text_search(client):
    rows = read_csv(client.get("/api/claims.csv?q=affaires+p%C3%A9nales+enregistr%C3%A9es").data)
    assert rows and all("affaires pénales enregistrées" in (r["sentence"] + r["subject"]).lower() for r in rows)


def test_package_zip_holds_parquet_csv_catalogue_and_readme(client):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/package.zip").data))
    names = set(archive.namelist())
    for table in ("observations", "claims", "paragraphs", "checks", "reports"):
        assert f"parquet/{table}.parquet" in names and f"csv/{table}.csv" in names
    assert {"catalog.json", "README.md"} <= names
    assert "quote" in archive.read("README.md").decode("utf-8")
    assert json.loads(archive.read("catalog.json"))


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+33 1", "'+33 1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("71,2 %", "71,2 %"),
    (46.0, 46.0),
    (None, None),
])
def test_safe_cell_neutralises_formula_starts(cell, expected):
    assert exports.safe_cell(cell) == expected


def test_downloads_neutralise_formulas_but_keep_numbers_numeric(tmp_path_factory, tmp_path):
    # a quote that a spreadsheet would run, planted in a copy of the built data
    folder = tmp_path / "processed"
    shutil.copytree(shared_fixture(tmp_path_factory), folder)
    observations = pd.read_parquet(folder / "observations.parquet")
    observations.loc[observations.indicator_id == "art174_registered_cases", "quote"] = "=1+1"
    observations.to_parquet(folder / "observations.parquet", index=False)
    with app_reading(folder) as app:
        client = app.server.test_client()
        rows = read_csv(client.get("/api/indicators/art174_registered_cases.csv").data)
        sheet = load_workbook(io.BytesIO(client.get("/api/indicators/art174_registered_cases.xlsx").data))["data"]
    assert {r["quote"] for r in rows} == {"'=1+1"}
    header = [c.value for c in sheet[1]]
    quotes = [row[header.index("quote")].value for row in sheet.iter_rows(min_row=2)]
    # XLSX keeps the text verbatim: a string cell with the quote-prefix style, no visible apostrophe.
    cells = [row[header.index("quote")] for row in sheet.iter_rows(min_row=2)]
    assert quotes == ["=1+1"] * 3 and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert [row[header.index("value")].data_type for row in sheet.iter_rows(min_row=2)] == ["n"] * 3


def test_api_says_how_to_build_when_data_is_missing(tmp_path):
    with app_reading(tmp_path / "nothing") as app:
        response = app.server.test_client().get("/api/indicators.json")
    assert response.status_code == 503
    assert "make data" in response.get_json()["error"]


def test_csv_content_type_names_its_charset_once(client):
    response = client.get("/api/indicators/art174_registered_cases.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_an_image_too_large_to_render_is_refused_before_rendering(client):
    response = client.get("/api/indicators/art174_registered_cases.png?width=4000&height=4000&scale=4")
    assert response.status_code == 400 and b"pixels" in response.data


def test_list_and_array_cells_are_joined_and_numpy_scalars_kept(client):
    import numpy as np
    import pandas as pd

    from dashboard import exports
    frame = pd.DataFrame({"paragraphs": [np.array([156, 191]), [58]], "mixed": [np.int64(3), "=1+1"]})
    out = exports.safe_frame(frame)
    assert out["paragraphs"].tolist() == ["156, 191", "58"]
    assert out["mixed"].tolist() == [3, "'=1+1"]


@pytest.mark.parametrize("damage", ["truncated", "foreign columns"])
def test_a_corrupt_data_file_is_answered_like_a_missing_one_and_recovers_when_rebuilt(tmp_path, tmp_path_factory, damage):
    import pyarrow as pa
    import pyarrow.parquet as pq
    folder = shared_fixture(tmp_path_factory)
    copy = tmp_path / "processed"
    shutil.copytree(folder, copy)
    claims = copy / "claims.parquet"
    if damage == "truncated":
        claims.write_bytes(claims.read_bytes()[:500])
    else:
        pq.write_table(pa.table({"claim_id": ["x"]}), claims)
    with app_reading(copy) as app:
        client = app.server.test_client()
        response = client.get("/api/indicators.json")
        assert response.status_code == 503 and "claims.parquet" in response.get_json()["error"]
        assert "make data" in response.get_json()["error"] and "Traceback" not in response.get_data(as_text=True)
        shutil.copy(folder / "claims.parquet", claims)  # `make data` puts a good file back
        assert client.get("/api/indicators.json").status_code == 200
