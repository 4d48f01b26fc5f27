"""/claims and /api/claims.csv read one query alike: the same rows, the same count, for every filter combination.

A reader who filters the page and downloads, or who pastes the page's query into the CSV's address, gets the
numbers the page shows. Hypothesis draws the filters from the values the built data holds (kinds, units,
qualifiers, chapters, sections, paragraph ranges, words with and without accents).
"""

import csv
import io
from urllib.parse import urlencode

import pytest
from app_fixtures import app_reading, shared_fixture
from hypothesis import HealthCheck, given, settings, strategies as st

from contract.schema import CLAIM_KINDS
from dashboard import data
from dashboard.data import ALL_KINDS

# Words a reader types: accented and not, a year, a word no claim holds, nothing at all.
WORDS = ("", "réfugiés", "refugies", "enfants", "2022", "affaires pénales", "Kazakhstan", "xyzzy")
RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app


@pytest.fixture(scope="module")
def values(app):
    """The values each filter can take in the built data, by URL parameter."""
    dataset = data.load()
    claims = dataset.claims_where(data.ClaimFilters())
    return {
        "report": dataset.report_ids(),
        "kind": list(CLAIM_KINDS),
        "unit": sorted(claims.unit.dropna().unique()),
        "qualifier": sorted(claims.qualifier.dropna().unique()),
        "chapter": sorted(claims.chapter.dropna().unique()),
        "section": sorted(claims.section.dropna().unique()),
        "last_paragraph": int(claims.paragraph.max()),
    }


def some(choices: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(choices), max_size=3, unique=True)


@st.composite
def queries(draw, values, named_kind: bool) -> dict[str, str]:
    """A query string's parameters as a reader's URL holds them (lists joined by commas, empty ones left out)."""
    kinds = draw(st.one_of(st.just([ALL_KINDS]), some(values["kind"]).filter(bool)))
    query = {
        "report": draw(st.sampled_from(values["report"])),
        "kind": ",".join(kinds) if named_kind else draw(st.sampled_from(["", ",".join(kinds)])),
        "q": draw(st.sampled_from(WORDS)),
    }
    for name in ("unit", "qualifier", "chapter", "section"):
        query[name] = ",".join(draw(some(values[name])))
    bound = st.one_of(st.none(), st.integers(0, values["last_paragraph"] + 5))
    query["from"], query["to"] = (str(b) if b is not None else "" for b in (draw(bound), draw(bound)))
    return {k: v for k, v in query.items() if v}


def page_rows(query: dict[str, str]) -> tuple[list[tuple[int, str]], str, str]:
    """What /claims?<query> shows: its rows (paragraph, number as written), its count line and its CSV link."""
    from pages import claims

    layout = claims.layout(lang="en", **query)
    chosen = {c.id: getattr(c, "value", None) for c in _walk(layout) if str(getattr(c, "id", "")).startswith("claims-")}
    rows, count, link = claims.filter_claims(
        *(chosen[f"claims-{name}"] for name in ("kind", "unit", "qualifier", "chapter", "section", "from", "to")),
        chosen["claims-text"],
        "en",
        query.get("report"),
    )
    return [(int(r["paragraph"]), r["text"]) for r in rows], count, link


def csv_rows(app, address: str) -> list[tuple[int, str]]:
    body = app.server.test_client().get(address).data.decode("utf-8-sig")
    return [(int(r["paragraph"]), r["text"].lstrip("'")) for r in csv.DictReader(io.StringIO(body))]


def _walk(component):
    from test_app_pages import walk

    return walk(component)


@pytest.mark.parametrize("query", [{"kind": "all"}, {"kind": "all", "q": "refugies"}, {"kind": "count,percent"}])
def test_named_cases_agree(app, query):
    query = {"report": data.load().report_ids()[0], **query}
    shown, _, _ = page_rows(query)
    assert shown, "the page shows claims"
    assert csv_rows(app, f"/api/claims.csv?{urlencode(query)}") == shown


def test_every_kind_is_the_whole_report_on_both(app):
    report = data.load().report_ids()[0]
    every = data.load().claims_count(report)
    shown, count, _ = page_rows({"report": report, "kind": "all"})
    assert len(shown) == every and count.startswith(f"{every:,} ")
    assert len(csv_rows(app, f"/api/claims.csv?report={report}&kind=all")) == every


@RUNS
@given(drawn=st.data())
def test_the_page_and_the_csv_of_one_query_keep_the_same_rows(app, values, drawn):
    query = drawn.draw(queries(values, named_kind=True))
    shown, count, _ = page_rows(query)
    assert csv_rows(app, f"/api/claims.csv?{urlencode(query)}") == shown, query
    assert count.startswith(f"{len(shown):,} "), (query, count)


@RUNS
@given(drawn=st.data())
def test_the_page_download_link_keeps_the_rows_the_page_shows(app, values, drawn):
    query = drawn.draw(queries(values, named_kind=False))  # `kind` left out too: the page shows the statistics
    shown, _, link = page_rows(query)
    assert csv_rows(app, link) == shown, (query, link)
