"""/states: the States of the store and one State's documents in date order, read from the reports' list."""

import pandas as pd
import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture

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
    reports = pd.read_parquet(folder / "reports.parquet")
    first = reports[reports.report_id == FIRST].iloc[0]
    more = [
        {"report_id": "kaz_co", "symbol": "CERD/C/KAZ/CO/8-10", "document_type": "concluding_observations"},
        {"report_id": "lux_upr", "symbol": "A/HRC/23/10", "state": "Luxembourg", "state_iso3": "LUX"},
        {"report_id": "nowhere", "symbol": "X/1", "state": None, "state_iso3": None},
    ]
    dates = {"kaz_co": "2022-07-04", "lux_upr": "2013-03-25", "nowhere": None}
    rows = [first.to_dict() | extra | {"date_issued": dates[extra["report_id"]]} for extra in more]
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
    reports = pd.read_parquet(corpus / "reports.parquet").set_index("report_id")
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
