"""Several reports in one data folder: a report selector with the report in the URL, citations per report."""

import io
import zipfile

import pytest
from app_fixtures import SECOND_REPORT, SECOND_SYMBOL, app_reading, two_reports_fixture
from test_app_pages import by_id, card_ids, text_of, walk

FIRST_REPORT, FIRST_SYMBOL = "CERD_C_KAZ_11-14_fr", "CERD/C/KAZ/11-14"


@pytest.fixture(scope="module", autouse=True)
def app(tmp_path_factory):
    with app_reading(two_reports_fixture(tmp_path_factory)) as app:
        yield app


def test_catalogue_defaults_to_the_first_report_and_offers_the_others():
    from pages import catalogue

    layout = catalogue.layout(lang="en")
    assert "art174_registered_cases" in card_ids(layout)
    selector = by_id(layout, "report-selector")
    links = {c.id: c.href for c in walk(selector) if hasattr(c, "href")}
    assert links == {
        f"report-choice-{FIRST_REPORT}": "/?lang=en",
        f"report-choice-{SECOND_REPORT}": f"/?lang=en&report={SECOND_REPORT}",
    }
    assert by_id(layout, f"report-choice-{FIRST_REPORT}").className.endswith("active")


def test_catalogue_of_a_report_without_definitions_shows_only_its_suggested_tables():
    from pages import catalogue

    layout = catalogue.layout(report=SECOND_REPORT)
    shown = card_ids(layout)
    # issue 14: no curated indicator names it, so its cards are the tables suggested from its own numbers
    assert shown and all(i.startswith(f"{SECOND_REPORT}-p") for i in shown) and SECOND_SYMBOL in text_of(layout)
    assert "art174_registered_cases" not in card_ids(catalogue.filter_catalogue("174", "fr", SECOND_REPORT))
    assert "art174_registered_cases" in card_ids(catalogue.filter_catalogue("174", "fr", FIRST_REPORT))


@pytest.mark.parametrize(
    "report, symbol", [(None, FIRST_SYMBOL), (SECOND_REPORT, SECOND_SYMBOL), ("nope", FIRST_SYMBOL)]
)
def test_reader_shows_one_report_with_unique_paragraph_ids(report, symbol):
    from pages import report as reader

    layout = reader.layout(report=report)
    assert symbol in text_of(layout.children[3])
    ids = [c.id for c in walk(by_id(layout, "report-body")) if str(getattr(c, "id", "")).startswith("p")]
    assert len(ids) == len(set(ids)) and "p156" in ids


def test_claims_page_and_its_download_follow_the_report():
    from dashboard import data
    from pages import claims

    rows, _, link = claims.filter_claims(["count"], [], [], [], [], 156, 156, "", "fr", SECOND_REPORT)
    second = data.load().table("claims")
    expected = second[(second.report_id == SECOND_REPORT) & (second.paragraph == 156) & (second.kind == "count")]
    assert len(rows) == len(expected) > 0
    assert link == f"/api/claims.csv?report={SECOND_REPORT}&kind=count&from=156&to=156"
    assert rows[0]["link"] == f"[156](/report?report={SECOND_REPORT}#p156)"
    _, _, default_link = claims.filter_claims(["count"], [], [], [], [], None, None, "", "fr", None)
    assert default_link == "/api/claims.csv?kind=count"


def test_claims_csv_filters_by_report(app):
    client = app.server.test_client()
    both = client.get("/api/claims.csv?from=156&to=156").data.decode("utf-8-sig")
    second = client.get(f"/api/claims.csv?report={SECOND_REPORT}&from=156&to=156").data.decode("utf-8-sig")
    assert FIRST_REPORT in both and SECOND_REPORT in both
    assert FIRST_REPORT not in second and SECOND_REPORT in second


def test_citations_use_the_report_symbol():
    from dashboard import data
    from dashboard.i18n import citation

    dataset = data.load()
    assert citation(dataset.symbol(SECOND_REPORT), 156, "en") == f"{SECOND_SYMBOL}, para. 156"
    assert dataset.symbol(FIRST_REPORT) == FIRST_SYMBOL


def test_package_readme_names_every_report(app):
    archive = zipfile.ZipFile(io.BytesIO(app.server.test_client().get("/api/package.zip").data))
    readme = archive.read("README.md").decode("utf-8")
    assert FIRST_SYMBOL in readme and SECOND_SYMBOL in readme and f"`{SECOND_REPORT}`" in readme


def test_navbar_keeps_the_report(app):
    outputs = app.navbar("/claims", f"?report={SECOND_REPORT}", "")
    assert outputs[1] == f"/?report={SECOND_REPORT}"
    assert f"/report?report={SECOND_REPORT}" in outputs


def test_indicator_page_links_paragraphs_to_its_own_report():
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab="sources")
    hrefs = {c.href for c in walk(layout) if hasattr(c, "href") and "/report" in str(c.href)}
    assert hrefs == {"/report#p156"}
