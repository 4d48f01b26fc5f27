"""The /api routes and the downloads, through Flask's test client (no browser)."""

import csv
import io
import json
import os
import re
import zipfile

import pandas as pd
import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture
from openpyxl import load_workbook
from store_tables import stored_table

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
        ("2022", 46.0, "156"),
        ("2023", 84.0, "156"),
        ("2024", 91.0, "156"),
    ]
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


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators/no_such_indicator.csv",
        "/api/indicators/art174_registered_cases.exe",
        "/api/indicators/art174_registered_cases",
        # a file path smuggled in the id is looked up in the catalogue, never opened
        "/api/indicators/..%2F..%2Fetc%2Fpasswd.csv",
        "/api/indicators/../catalog.json",
        "/api/indicators/catalog.json",
    ],
)
def test_unknown_indicator_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_claims_csv_filters_by_kind_and_paragraph_range(client):
    rows = read_csv(client.get("/api/claims.csv?kind=count&from=155&to=156").data)
    assert rows and {r["kind"] for r in rows} == {"count"}
    assert {int(r["paragraph"]) for r in rows} <= {155, 156}
    assert "46" in {r["text"] for r in rows}


def test_claims_csv_without_filters_has_every_claim(client, tmp_path_factory):
    claims = stored_table(shared_fixture(tmp_path_factory), "claims")
    assert len(read_csv(client.get("/api/claims.csv").data)) == len(claims)


def test_claims_csv_free_text_search(client):
    rows = read_csv(client.get("/api/claims.csv?q=affaires+p%C3%A9nales+enregistr%C3%A9es").data)
    assert rows and all("affaires pénales enregistrées" in (r["sentence"] + r["subject"]).lower() for r in rows)


def test_package_zip_holds_parquet_csv_catalogue_and_readme(client):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/package.zip").data))
    names = set(archive.namelist())
    for table in ("observations", "claims", "paragraphs", "checks", "reports", "suggestions"):
        assert f"parquet/{table}.parquet" in names and f"csv/{table}.csv" in names
    assert {"catalog.json", "README.md"} <= names
    readme = archive.read("README.md").decode("utf-8")
    assert "quote" in readme and "## suggestions" in readme
    suggestions = pd.read_parquet(io.BytesIO(archive.read("parquet/suggestions.parquet")))
    assert len(suggestions) > 0 and "confidence" in suggestions.columns
    assert json.loads(archive.read("catalog.json"))


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1", "'+33 1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("71,2 %", "71,2 %"),
        (46.0, 46.0),
        (None, None),
    ],
)
def test_safe_cell_neutralises_formula_starts(cell, expected):
    assert exports.safe_cell(cell) == expected


def test_downloads_neutralise_formulas_but_keep_numbers_numeric(tmp_path_factory, tmp_path):
    # a quote that a spreadsheet would run, planted in a copy of the built data
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    observations = stored_table(folder, "observations")
    observations.loc[observations.indicator_id == "art174_registered_cases", "quote"] = "=1+1"
    observations.to_parquet(folder / "observations.parquet", index=False)
    with app_reading(folder) as app:
        client = app.server.test_client()
        rows = read_csv(client.get("/api/indicators/art174_registered_cases.csv").data)
        sheet = load_workbook(io.BytesIO(client.get("/api/indicators/art174_registered_cases.xlsx").data))["data"]
    assert {r["quote"] for r in rows} == {"'=1+1"}
    header = [c.value for c in sheet[1]]
    quotes = [row[header.index("quote")].value for row in sheet.iter_rows(min_row=2)]
    # XLSX keeps the text verbatim: a text cell, no apostrophe, no quote-prefix style, never a formula.
    cells = [row[header.index("quote")] for row in sheet.iter_rows(min_row=2)]
    assert quotes == ["=1+1"] * 3 and all(c.data_type == "s" and not c.quotePrefix for c in cells)
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
def test_a_corrupt_data_file_is_answered_like_a_missing_one_and_recovers_when_rebuilt(
    tmp_path, tmp_path_factory, damage
):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = shared_fixture(tmp_path_factory)
    copy = tmp_path / "processed"
    plain_copy(folder, copy)
    claims = copy / "claims.parquet"
    good = claims.read_bytes()
    if damage == "truncated":
        claims.write_bytes(claims.read_bytes()[:500])
    else:
        pq.write_table(pa.table({"claim_id": ["x"]}), claims)
    with app_reading(copy) as app:
        client = app.server.test_client()
        response = client.get("/api/indicators.json")
        assert response.status_code == 503 and "claims.parquet" in response.get_json()["error"]
        assert "make data" in response.get_json()["error"] and "Traceback" not in response.get_data(as_text=True)
        claims.write_bytes(good)  # `make data` puts a good file back
        assert client.get("/api/indicators.json").status_code == 200


def test_english_downloads_have_english_labels_and_notes(tmp_path_factory, tmp_path):
    # note_en planted in a copy: the English file must take it, the French one keep the French note
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    observations = stored_table(folder, "observations")
    mine = observations.indicator_id == "art174_cases_tried_and_convicted"
    observations.loc[mine, "note"], observations.loc[mine, "note_en"] = "Note en français.", "Note in English."
    observations.to_parquet(folder / "observations.parquet", index=False)
    with app_reading(folder) as app:
        client = app.server.test_client()
        english = read_csv(client.get("/api/indicators/art174_cases_tried_and_convicted.csv?lang=en").data)
        french = read_csv(client.get("/api/indicators/art174_cases_tried_and_convicted.csv").data)
        book = load_workbook(
            io.BytesIO(client.get("/api/indicators/art174_cases_tried_and_convicted.xlsx?lang=en").data)
        )
        body = client.get("/api/indicators/art174_cases_tried_and_convicted.json?lang=en").get_json()
    assert {r["measure"] for r in english} == {"Cases tried", "Persons convicted"}
    assert {r["measure"] for r in french} == {"Affaires jugées", "Personnes condamnées"}
    assert {r["note"] for r in english} == {"Note in English."} and {r["note"] for r in french} == {"Note en français."}
    assert list(english[0]) == list(french[0]), "column names are the data contract's in both languages"
    rows = list(book["data"].values)
    assert {row[rows[0].index("measure")] for row in rows[1:]} == {"Cases tried", "Persons convicted"}
    assert dict(book["metadata"].values)["notes"] == "Note in English."
    assert {row["measure"] for row in body["observations"]} == {"Cases tried", "Persons convicted"}


def test_downloads_follow_the_dimension_choice_of_the_page(client):
    query = "measure=Affaires+jug%C3%A9es"
    rows = read_csv(client.get(f"/api/indicators/art174_cases_tried_and_convicted.csv?{query}").data)
    assert [(r["measure"], r["period"], float(r["value"])) for r in rows] == [
        ("Affaires jugées", "2022", 12.0),
        ("Affaires jugées", "2023", 18.0),
        ("Affaires jugées", "2024", 32.0),
        ("Affaires jugées", "2025-H1", 24.0),
    ]
    book = load_workbook(
        io.BytesIO(client.get(f"/api/indicators/art174_cases_tried_and_convicted.xlsx?{query}&lang=en").data)
    )
    values = list(book["data"].values)
    assert [row[values[0].index("measure")] for row in values[1:]] == ["Cases tried"] * 4
    body = client.get(f"/api/indicators/art174_cases_tried_and_convicted.json?{query}").get_json()
    assert len(body["observations"]) == 4
    assert len(read_csv(client.get("/api/indicators/art174_cases_tried_and_convicted.csv").data)) == 8
    # an unknown parameter is not a dimension: it changes nothing
    assert len(read_csv(client.get("/api/indicators/art174_cases_tried_and_convicted.csv?nope=1").data)) == 8


def test_a_carriage_return_cannot_split_a_csv_row(tmp_path_factory, tmp_path):
    # issue 12: a bare CR in a quote started a new row whose first cell was an un-neutralised formula
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    quote = "Texte du rapport\r=2+5 suite\nligne"
    observations = stored_table(folder, "observations")
    observations.loc[observations.indicator_id == "art174_registered_cases", "quote"] = quote
    observations.to_parquet(folder / "observations.parquet", index=False)
    with app_reading(folder) as app:
        body = app.server.test_client().get("/api/indicators/art174_registered_cases.csv").data
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 4 and all(len(row) == len(rows[0]) for row in rows)
    assert {row[rows[0].index("quote")] for row in rows[1:]} == {quote}
    # every field is quoted: the CR and LF stay inside the quote's field for any spreadsheet
    assert f'"{quote}"' in text and text.split("\n")[0] == ",".join(f'"{name}"' for name in rows[0])


@pytest.mark.parametrize(
    "route, expected",
    [
        ("/", 503),
        ("/report", 503),
        ("/claims", 503),
        ("/indicators/art174_registered_cases", 503),
        ("/api/indicators.json", 503),
        ("/api/indicators/art174_registered_cases.csv", 503),
        ("/api/indicators/art174_registered_cases.png", 503),
        ("/api/claims.csv", 503),
        ("/api/package.zip", 503),
        ("/embed/art174_registered_cases", 503),
    ],
)
def test_every_route_answers_a_corrupt_data_file_like_a_missing_one(tmp_path_factory, tmp_path, route, expected):
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    (folder / "observations.parquet").write_bytes((folder / "observations.parquet").read_bytes()[:300])
    with app_reading(folder) as app:
        response = app.server.test_client().get(route)
        assert response.status_code == expected and b"Traceback" not in response.data
        if route.startswith(("/api", "/embed")):
            assert "make data" in response.get_json()["error"]
        else:
            # the page shell; the page itself shows the banner saying how to build the data
            assert b"react-entry-point" in response.data
            from app_fixtures import routing

            view = app.server.test_client().post("/_dash-update-component", json=routing(route))
            assert view.status_code == 200 and b"data-banner" in view.data and b"make data" in view.data


def test_the_app_reads_one_build_through_current_even_when_the_top_level_files_are_another(tmp_path_factory, tmp_path):
    """data.load resolves `current` once: a top-level file that is not the current build's (a half-switched
    store, a copy left behind) is never mixed in, and a switch of `current` is picked up."""
    from dashboard import data

    built = shared_fixture(tmp_path_factory)
    out = tmp_path / "out"
    plain_copy(built, out / "versions" / "a")  # two versions of plain files (no manifest)
    plain_copy(built, out / "versions" / "b")
    pd.DataFrame({"nothing": [1]}).to_parquet(out / "claims.parquet")  # a stray top-level file, not a build's
    os.symlink("versions/a", out / "current")
    with app_reading(out):
        assert data.load().folder == (out / "versions" / "a").resolve()
        assert len(data.load().table("claims")) == len(stored_table(built, "claims"))
        os.replace(out / "current", out / "previous")  # a switch, as etl/store.py does it (a rename of a link)
        os.symlink("versions/b", out / "current")
        assert data.load().folder == (out / "versions" / "b").resolve()


def test_quotes_carry_the_language_the_report_was_read_in(tmp_path_factory, tmp_path):
    """An English report's paragraphs are marked lang="en" for screen readers and hyphenation, not "fr"."""
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path / "processed")
    reports = stored_table(folder, "reports")
    reports["language"] = "en"  # as the build writes it for a report read as English
    reports.to_parquet(folder / "reports.parquet", index=False)
    with app_reading(folder) as app:
        from app_fixtures import routing

        view = app.server.test_client().post(
            "/_dash-update-component", json=routing("/indicators/art174_registered_cases", "?tab=sources")
        )
        body = view.get_data(as_text=True)
    assert re.search(r'"className":\s*"paragraph-text",\s*"lang":\s*"en"', body)
    assert not re.search(r'"className":\s*"paragraph-text",\s*"lang":\s*"fr"', body)


def test_indicator_downloads_carry_each_figures_verdict_and_its_reason(client):
    """Par. 58: 223 200 Germans of about 20,3 million are 1.10 %, stated 1,2 % (inconsistent); 155 300 Azerbaijanis
    are 0.765 %, stated 0,7 % (a truncation, not a rounding)."""
    rows = {r["as_written"]: r for r in read_csv(client.get("/api/indicators/ethnic_composition_share.csv").data)}
    assert rows["1,2\xa0%"]["check_status"] == "inconsistent"
    assert rows["0,7\xa0%"]["check_status"] == "consistent_if_truncated"
    assert "tronqué" in rows["0,7\xa0%"]["check_explanation"]
    english = read_csv(client.get("/api/indicators/ethnic_composition_share.csv?lang=en").data)
    assert any("cut after its last digit" in r["check_explanation"] for r in english)
    sheet = load_workbook(io.BytesIO(client.get("/api/indicators/ethnic_composition_share.xlsx").data)).worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "check_status" in header
    statuses = {row[header.index("check_status")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"inconsistent", "consistent_if_truncated", "consistent"} <= statuses
