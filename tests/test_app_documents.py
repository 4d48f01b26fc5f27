"""/states and /reports: finding a document — the States of the store, a State's documents in date order, and
the searchable list of every document with its facets and pages — read from the store's list of reports."""

import json

import pandas as pd
import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture
from store_tables import stored_table

from contract.schema import BODIES, BODY_NAMES, DOCUMENT_TYPE_NAMES, DOCUMENT_TYPES

FIRST = "CERD_C_KAZ_11-14_fr"


def walk(component):
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
    elif component is not None and not isinstance(component, (str, int, float)):
        yield component
        yield from walk(getattr(component, "children", None))


def text_of(component) -> str:
    if isinstance(component, (list, tuple)):
        return "".join(text_of(c) for c in component)
    if component is None or isinstance(component, (str, int, float)):
        return "" if component is None else str(component)
    return text_of(getattr(component, "children", None))


def ids(layout, prefix: str) -> list[str]:
    return [c.id[len(prefix) :] for c in walk(layout) if str(getattr(c, "id", "")).startswith(prefix)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The first report's build, with three more rows in its reports' list: an earlier document of the same
    State, a document of another State, and one whose State is not known."""
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("states") / "processed")
    reports = stored_table(folder, "reports")
    first = reports[reports.report_id == FIRST].iloc[0]
    more = [
        {"report_id": "kaz_co", "symbol": "CERD/C/KAZ/CO/8-10", "document_type": "concluding_observations"},
        {"report_id": "lux_upr", "symbol": "A/HRC/23/10", "state": "Luxembourg", "state_iso3": "LUX"},
        {"report_id": "nowhere", "symbol": "X/1", "state": None, "state_iso3": None},
    ]
    dates = {"kaz_co": "2022-07-04", "lux_upr": "2013-03-25", "nowhere": None}
    rows = [first.to_dict() | extra | {"date_issued": dates[extra["report_id"]]} for extra in more]
    for row in rows:
        row["metadata_json"] = json.dumps({"symbol": row["symbol"]})
    rows[1] |= {"body": "UPR", "document_type": "upr_working_group_report"}
    pd.concat([reports, pd.DataFrame(rows)], ignore_index=True).to_parquet(folder / "reports.parquet", index=False)
    with app_reading(folder):
        yield folder


def test_every_state_with_a_document_is_listed_with_its_count_and_years(corpus):
    from pages import states

    listed = states.layout(lang="en")
    assert ids(listed, "state-") == ["KAZ", "LUX"]  # by name; the document without a State is not a State
    line = text_of(next(c for c in walk(listed) if getattr(c, "id", None) == "state-KAZ"))
    assert "2 documents, 2022–2025" in line
    assert "Kazakhstan" in line
    assert "1 document, 2013" in text_of(listed)


def test_a_states_documents_are_shown_oldest_first_with_their_kind_and_counts(corpus):
    from pages import states

    page = states.layout(lang="en", state="KAZ")
    assert ids(page, "document-") == ["kaz_co", FIRST]
    text = text_of(page)
    assert "4 July 2022" in text and "27 October 2025" in text
    assert "Committee on the Elimination of Racial Discrimination — concluding observations" in text
    assert "Committee on the Elimination of Racial Discrimination — State party report" in text
    reports = stored_table(corpus, "reports").set_index("report_id")
    assert f"{reports.loc[FIRST, 'paragraphs']} paragraphs, {reports.loc[FIRST, 'claims']:,} numbers" in text
    links = [c.href for c in walk(page) if getattr(c, "href", None)]
    assert f"/report?lang=en&report={FIRST}" in links and f"/claims?lang=en&report={FIRST}" in links


def test_the_page_speaks_french(corpus):
    from pages import states

    page = text_of(states.layout(lang="fr", state="LUX"))
    assert "25 mars 2013" in page
    assert "Conseil des droits de l'homme, Examen périodique universel — rapport du Groupe de travail de l'EPU" in page


@pytest.mark.parametrize("asked", ["ZZZ", "<script>alert(1)</script>", "", None, 3])
def test_an_unknown_or_odd_state_shows_the_list(corpus, asked):
    from pages import states

    page = states.layout(lang="en", state=asked)
    assert ids(page, "state-") == ["KAZ", "LUX"]
    assert not ids(page, "document-")


def test_a_state_asked_twice_counts_once(corpus):
    from pages import states

    assert ids(states.layout(lang="en", state=["LUX", "KAZ"]), "document-") == ["lux_upr"]


def test_every_body_and_document_type_has_names_in_both_languages():
    assert set(BODY_NAMES) == set(BODIES)
    assert set(DOCUMENT_TYPE_NAMES) == set(DOCUMENT_TYPES)
    for fr, en in [*BODY_NAMES.values(), *DOCUMENT_TYPE_NAMES.values()]:
        assert fr and en and fr != en


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The first report's build whose reports' list holds 120 more documents: UPR reports of Ecuador, one a
    year from 1901 (the years make the order checkable), and 20 documents of CEDAW about Luxembourg."""
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("many") / "processed")
    reports = stored_table(folder, "reports")
    first = reports[reports.report_id == FIRST].iloc[0].to_dict()
    rows = [
        first
        | {"report_id": f"ecu{year}", "symbol": f"A/HRC/{year}/10", "state": "Ecuador", "state_iso3": "ECU"}
        | {"body": "UPR", "document_type": "upr_working_group_report", "date_issued": f"{year}-05-13"}
        for year in range(1901, 2001)
    ] + [
        first
        | {"report_id": f"lux{n}", "symbol": f"CEDAW/C/LUX/{n}", "state": "Luxembourg", "state_iso3": "LUX"}
        | {"body": "CEDAW", "document_type": "state_report", "date_issued": f"2020-01-{n + 1:02d}"}
        for n in range(20)
    ]
    for row in rows:
        row["metadata_json"] = json.dumps({"symbol": row["symbol"]})
    pd.concat([reports, pd.DataFrame(rows)], ignore_index=True).to_parquet(folder / "reports.parquet", index=False)
    with app_reading(folder):
        yield folder


def test_documents_are_listed_newest_first_a_page_at_a_time(many):
    from pages import reports

    first_page = reports.layout(lang="en")
    shown = ids(first_page, "reports-row-")
    assert len(shown) == 50 and shown[0] == FIRST  # 2025, then Luxembourg's of 2020, then Ecuador's from 2000 down
    assert shown[1:21] == [f"lux{n}" for n in range(19, -1, -1)] and shown[21] == "ecu2000"
    assert "Documents 1 to 50 of 121" in text_of(first_page)
    last = reports.layout(lang="en", page="3")
    assert ids(last, "reports-row-") == [f"ecu{year}" for year in range(1921, 1900, -1)]
    assert "page 3 of 3" in text_of(last)


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ({"q": "équateur 1950"}, ["ecu1950"]),  # the State's French name, accents aside, and the year
        ({"q": "CEDAW/C/LUX/7"}, ["lux7"]),
        ({"q": "cedaw", "year": "2020", "page": "1"}, [f"lux{n}" for n in range(19, -1, -1)]),
        ({"state_iso3": "ECU", "year": "1999"}, ["ecu1999"]),
        ({"body": "CERD"}, [FIRST]),
        (
            {"document_type": "state_report", "state_iso3": "LUX", "q": "/1"},
            ["lux19", "lux18", "lux17"] + [f"lux{n}" for n in range(16, 9, -1)] + ["lux1"],
        ),
        ({"q": "nothing-like-this"}, []),
    ],
)
def test_words_and_facets_narrow_the_list(many, asked, expected):
    from pages import reports

    assert ids(reports.layout(lang="fr", **asked), "reports-row-") == expected


def test_each_facet_counts_the_documents_found(many):
    from pages import reports

    page = reports.layout(lang="en", q="luxembourg")
    states = text_of(next(c for c in walk(page) if getattr(c, "id", None) == "reports-facet-state_iso3"))
    assert states == "StateLuxembourg 20"
    bodies = text_of(next(c for c in walk(page) if getattr(c, "id", None) == "reports-facet-body"))
    assert "Committee on the Elimination of Discrimination against Women 20" in bodies


@pytest.mark.parametrize(
    "asked",
    [{"page": "99999999"}, {"page": "²"}, {"year": "-1"}, {"q": "x" * 100_000}, {"state_iso3": ["ECU", "LUX"]}],
)
def test_odd_queries_show_a_page_not_an_error(many, asked):
    from pages import reports

    assert "Documents" in text_of(reports.layout(lang="en", **asked))


def test_past_a_dozen_documents_the_report_menu_is_a_link_to_the_search(many):
    from pages import report

    menu = next(
        c for c in walk(report.layout(lang="en", report="ecu1950")) if getattr(c, "id", None) == "report-selector"
    )
    assert ids(menu, "report-choice-") == ["search"]
    assert "A/HRC/1950/10" in text_of(menu) and "Choose another document (121)" in text_of(menu)


@pytest.fixture(scope="module")
def upr(tmp_path_factory):
    """A real UPR Working Group report (Luxembourg, 2013) built without metadata by the real ETL."""
    import shutil

    from app_fixtures import ROOT

    from etl.cli import main as build_data

    raw = tmp_path_factory.mktemp("upr_raw")
    shutil.copy2(ROOT / "tests" / "data" / "luxembourg2013.pdf", raw / "luxembourg2013.pdf")
    out = tmp_path_factory.mktemp("upr") / "processed"
    assert build_data(["--input", str(raw), "--out", str(out)]) == 0
    with app_reading(out):
        yield out


def test_each_item_of_a_report_has_its_anchor_on_the_reader(upr):
    """Read in the PDF: recommendation 118.7 begins "Heed the recommendation of its Consultative Commission", 116.3
    "Take steps to ensure that reports to treaty bodies"; paragraph 3 lists (a) "A national report"."""
    from pages import report

    page = report.layout(lang="en", report="luxembourg2013")
    for anchor, start in (
        ("p118-118-7", "Heed the recommendation of its Consultative Commission"),
        ("p116-116-3", "Take steps to ensure that reports to treaty bodies"),
        ("p3-a", "A national report"),
    ):
        found = [c for c in walk(page) if getattr(c, "id", None) == anchor]
        assert len(found) == 1, anchor
        assert start in text_of(found[0]), anchor
    anchors = [c.id for c in walk(page) if isinstance(getattr(c, "id", None), str)]
    assert len(anchors) == len(set(anchors))  # no id twice on the page
