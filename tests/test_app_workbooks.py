"""Every XLSX download keeps its cells verbatim: `=1+2` and `+193 %` read back as written, never a formula,
never an apostrophe in front; numbers stay numbers. One writer (`dashboard/workbook.py`) for every route."""

import io

import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture
from openpyxl import load_workbook
from store_tables import stored_table

from dashboard import workbook

FORMULA, SIGNED = "=1+2", "+193 %"
ROUTES = (
    "/api/indicators/art174_registered_cases.xlsx",
    "/api/compare.xlsx?ids=art174_registered_cases,stateless_naturalisations",
    "/api/follow-up.xlsx",
    "/api/claims.xlsx?from=156&to=156",
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The built data with texts a spreadsheet would run planted where each workbook shows them."""
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("workbooks") / "processed")
    observations = stored_table(folder, "observations")
    observations["quote"] = FORMULA
    observations["note"] = SIGNED
    observations.to_parquet(folder / "observations.parquet", index=False)
    claims = stored_table(folder, "claims")
    claims.loc[claims.paragraph == 156, "subject"] = SIGNED
    claims.loc[claims.paragraph == 156, "sentence"] = FORMULA
    claims.loc[claims.paragraph == 156, "text"] = FORMULA
    claims.to_parquet(folder / "claims.parquet", index=False)
    paragraphs = stored_table(folder, "paragraphs")
    paragraphs["section_title"] = SIGNED
    paragraphs["chapter_title"] = SIGNED
    paragraphs.to_parquet(folder / "paragraphs.parquet", index=False)
    with app_reading(folder) as app:
        yield app.server.test_client()


def cells(body: bytes) -> list:
    book = load_workbook(io.BytesIO(body))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("route", ROUTES)
def test_every_workbook_keeps_cells_verbatim(client, route):
    response = client.get(route)
    assert response.status_code == 200, response.data[:200]
    found = cells(response.data)
    values = [c.value for c in found]
    assert FORMULA in values or any(isinstance(v, str) and v.startswith(FORMULA) for v in values)
    assert SIGNED in values
    for cell in found:
        assert cell.data_type != "f", (route, cell.coordinate, cell.value)
        assert not cell.quotePrefix, (route, cell.coordinate)
        if isinstance(cell.value, str):
            assert not cell.value.startswith("'"), (route, cell.coordinate, cell.value)
    assert any(c.data_type == "n" and isinstance(c.value, int | float) for c in found)  # numbers stay numbers


def test_the_writer_keeps_texts_numbers_and_blanks():
    body = workbook.workbook_bytes(
        [
            workbook.Sheet(
                "s", ["a", "b", "c", "d"], [[FORMULA, 3, None, float("nan")], ["@SUM(A1)", 1.5, ["x", "y"], "a\x01b"]]
            )
        ]
    )
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(body))["s"].iter_rows(min_row=2)]
    assert rows == [[FORMULA, 3, None, None], ["@SUM(A1)", 1.5, "x, y", "a\ufffdb"]]
