"""A report may state a 30-digit count (the build accepts 30 digits): every view of it answers, none a 5xx.

Number formatting once raised `decimal.InvalidOperation` from about 1e25: the indicator page, its embed,
its SVG and /checks answered 500.
"""

import pytest
from app_fixtures import app_reading, build_home, plain_copy, require_browser, routing, shared_fixture
from store_tables import stored_table

from dashboard import images

INDICATOR = "art174_registered_cases"
HUGE = 123456789012345678901234567890.0  # 30 digits
PAGES = (f"/indicators/{INDICATOR}", f"/indicators/{INDICATOR}?tab=table", "/checks", "/claims", "/report", "/")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("huge") / "processed")
    observations = stored_table(folder, "observations")
    observations.loc[observations.indicator_id == INDICATOR, "value"] = [HUGE, -HUGE, 1e-30][
        : int((observations.indicator_id == INDICATOR).sum())
    ]
    observations.to_parquet(folder / "observations.parquet", index=False)
    claims = stored_table(folder, "claims")
    claims.loc[claims.paragraph == 156, "value"] = HUGE
    claims.to_parquet(folder / "claims.parquet", index=False)
    checks = stored_table(folder, "checks")
    checks["expected"], checks["computed"] = HUGE, -HUGE
    checks.to_parquet(folder / "checks.parquet", index=False)
    with app_reading(folder) as app:
        yield app


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_a_30_digit_count_answer(app, page):
    client = app.server.test_client()
    path, _, search = page.partition("?")
    assert client.get(page).status_code == 200
    view = client.post("/_dash-update-component", json=routing(path, f"?{search}" if search else ""))
    assert view.status_code == 200, view.data[:300]


@pytest.mark.parametrize(
    "route",
    [f"/api/indicators/{INDICATOR}.{ext}" for ext in ("csv", "xlsx", "json")]
    + [f"/embed/{INDICATOR}", "/api/claims.csv", "/api/claims.xlsx"],
)
def test_downloads_and_embed_with_a_30_digit_count_answer(app, route):
    assert app.server.test_client().get(route).status_code == 200


def test_the_embed_writes_the_number_with_its_own_digits(app):
    body = app.server.test_client().get(f"/embed/{INDICATOR}?lang=en").get_data(as_text=True)
    assert "123,456,789,012,345,680,000,000,000,000" in body


def test_the_svg_with_a_30_digit_count_answers(app):
    require_browser()
    with build_home():
        try:
            response = app.server.test_client().get(f"/api/indicators/{INDICATOR}.svg")
        finally:
            images.stop()
    assert response.status_code == 200
