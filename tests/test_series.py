"""Series across documents: the same statistic stated in successive documents of one State, one point a document.

Two real UPR Working Group reports on Luxembourg, four years apart (tests/data/luxembourg2009.pdf, A/HRC/10/72
dated 8 January 2009; luxembourg2013.pdf, A/HRC/23/10 dated 25 March 2013), built by the real ETL with the
definitions of indicators/ (indicators/luxembourg_upr.toml: a file of `documents`, for every UPR Working Group
report on Luxembourg). Gold values are read in the PDFs:

- A/HRC/10/72 par. 11: "some 43 per cent of those living in the country are foreigners. Approximately 140,000
  foreign workers cross the border every day"; par. 12: "statements were made by 30 delegations".
- A/HRC/23/10 par. 27: "Some 44 per cent of the country's total population of approximately 525,000 were
  foreigners, and some 160,000 frontier workers crossed the border every day"; par. 32: "During the interactive
  dialogue, 61 delegations made statements."
"""

import json
import shutil

import pytest
from app_fixtures import ROOT, app_reading, routing
from store_tables import stored_catalog, stored_table
from test_app_any_build import hrefs
from test_app_documents import walk

from contract.store import current_folder
from etl.cli import main as build_data
from etl.definitions import DefinitionError, parse_definitions
from etl.indicators import build_observations

OLD, NEW = "luxembourg2009", "luxembourg2013"
# indicator -> {report: (value, paragraph, the number as written)}, read in each PDF
GOLD = {
    "lux_upr_foreign_population_share": {OLD: (43, 11, "some 43 per cent"), NEW: (44, 27, "Some 44 per cent")},
    "lux_upr_cross_border_workers": {OLD: (140_000, 11, "Approximately 140,000"), NEW: (160_000, 27, "some 160,000")},
    "lux_upr_dialogue_delegations": {OLD: (30, 12, "30"), NEW: (61, 32, "61")},
}
SYMBOLS = {OLD: "A/HRC/10/72", NEW: "A/HRC/23/10"}
YEARS = {OLD: "2009", NEW: "2013"}  # the year of each document's date, printed on its first page


def _build(tmp_path_factory, name: str, indicators=None):
    raw = tmp_path_factory.mktemp(f"{name}_raw")
    for report in (OLD, NEW):
        shutil.copy2(ROOT / "tests" / "data" / f"{report}.pdf", raw / f"{report}.pdf")
    out = tmp_path_factory.mktemp(name) / "processed"
    extra = ["--indicators", str(indicators)] if indicators else []
    assert build_data(["--input", str(raw), "--out", str(out), "--jobs", "1", *extra]) == 0
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return _build(tmp_path_factory, "series")


@pytest.fixture(scope="module")
def observations(store):
    return stored_table(store, "observations")


@pytest.mark.parametrize("indicator_id", sorted(GOLD))
def test_a_series_has_one_point_a_document_each_read_in_its_own_paragraph(observations, indicator_id):
    rows = observations[observations.indicator_id == indicator_id]
    assert sorted(rows.report_id) == [OLD, NEW]
    for row in rows.itertuples():
        value, paragraph, written = GOLD[indicator_id][row.report_id]
        assert (row.value, row.paragraph, row.text) == (value, paragraph, written)
        assert row.period == YEARS[row.report_id]  # the text dates none: its document's year, said in the note
        assert SYMBOLS[row.report_id] in row.note_en and "no date" in row.note_en
        assert row.claim_id.startswith(f"{row.report_id}.p{paragraph}.")
    assert len(set(rows.position)) == 2  # the app finds a point by its position: no two documents share one


def test_the_catalogue_marks_each_documents_entry_as_a_series(store):
    catalog = stored_table(store, "catalog")
    mine = catalog[catalog.indicator_id.isin(list(GOLD))]
    assert len(mine) == 6 and mine.series.all()
    assert set(zip(mine.indicator_id, mine.report_id)) == {(i, r) for i in GOLD for r in (OLD, NEW)}


@pytest.fixture(scope="module")
def client(store):
    with app_reading(store) as app:
        yield app.server.test_client()


def _page(client, path: str, search: str = "") -> tuple[int, dict]:
    assert client.get(path + search).status_code == 200
    view = client.post("/_dash-update-component", json=routing(path, search))
    return view.status_code, view.get_json()


def _point_link(report: str, paragraph: int) -> str:
    return f"/report?lang=en&report={report}#p{paragraph}"


def test_the_state_page_shows_each_documents_figures_linked_to_their_paragraphs_and_its_series(client):
    status, body = _page(client, "/states", "?state=LUX&lang=en")
    assert status == 200
    links = hrefs(body)
    text = str(body)
    for indicator_id, points in GOLD.items():
        assert f"/indicators/{indicator_id}?lang=en" in links
        for report, (_, paragraph, _) in points.items():
            assert _point_link(report, paragraph) in links
    assert "about 140,000 (2009) → about 160,000 (2013)" in text
    assert "30 (2009) → 61 (2013)" in text


def test_the_series_page_shows_both_points_each_naming_its_document_and_paragraph(client):
    status, body = _page(client, "/indicators/lux_upr_dialogue_delegations", "?lang=en")
    assert status == 200
    links, text = hrefs(body), str(body)
    assert _point_link(OLD, 12) in links and _point_link(NEW, 32) in links
    assert "A/HRC/10/72" in text and "A/HRC/23/10" in text
    assert "Source: A/HRC/10/72, para. 12; A/HRC/23/10, para. 32" in text


def test_the_series_chart_draws_one_point_a_document_its_tooltip_naming_the_document(client):
    # read through the chart's parts, which the page, the embed and the images share (the client's store)
    from dashboard import charts, data

    parts = charts.chart_parts(data.load(), "lux_upr_foreign_population_share", {}, "en")
    (trace,) = parts.figure.data
    assert list(trace.x) == ["2009", "2013"] and list(trace.y) == [43, 44]
    assert [point[4] for point in trace.customdata] == ["A/HRC/10/72, para. 11", "A/HRC/23/10, para. 27"]
    # a click on each point opens its own document's paragraph beside the chart
    from pages import indicator

    state = {"indicator_id": "lux_upr_foreign_population_share", "lang": "en"}
    for point, (symbol, paragraph) in zip(trace.customdata, (("A/HRC/10/72", 11), ("A/HRC/23/10", 27))):
        panel = indicator.show_point({"points": [{"customdata": list(point)}]}, state)
        links = [c.href for c in walk(panel) if isinstance(getattr(c, "href", None), str)]
        assert f"https://undocs.org/{symbol}" in links and links[-1].endswith(f"#p{paragraph}")


def test_a_series_of_named_reports_joins_the_lines_each_report_names(tmp_path_factory):
    """The other way to define a series: a file of `reports`, each line naming its report and paragraph."""
    folder = tmp_path_factory.mktemp("named")
    (folder / "named.toml").write_text(
        """topic = "named"
topic_title_fr = "Examens"
topic_title_en = "Reviews"
reports = ["luxembourg2009", "A/HRC/23/10"]

[[indicator]]
indicator_id = "delegations"
title_fr = "Délégations"
title_en = "Delegations"
description_fr = "Délégations du dialogue."
description_en = "Delegations of the dialogue."
unit = "delegations"
unit_fr = "délégations"
unit_en = "delegations"
chart = "time_series"
paragraphs = [12, 32]
observations = [
  { report = "luxembourg2009", paragraph = 12, subject = "^delegations", period_from = "document" },
  { report = "A/HRC/23/10", paragraph = 32, subject = "^delegations", period_from = "document" },
]
""",
        encoding="utf-8",
    )
    built = current_folder(_build(tmp_path_factory, "named_out", folder))
    rows = stored_table(built, "observations")
    assert sorted(zip(rows.report_id, rows.paragraph, rows.value, rows.period)) == [
        (OLD, 12, 30, "2009"),
        (NEW, 32, 61, "2013"),
    ]
    assert stored_table(built, "catalog").series.all()


_SERIES = """topic = "t"
topic_title_fr = "T"
topic_title_en = "T"
{files}

[[indicator]]
indicator_id = "x"
title_fr = "X"
title_en = "X"
description_fr = "X"
description_en = "X"
unit = "persons"
unit_fr = "personnes"
unit_en = "persons"
chart = "time_series"
{paragraphs}observations = [ {{ {line} }} ]
"""
_DOCUMENTS = 'documents = { state = "LUX", document_type = "upr_working_group_report" }'


@pytest.mark.parametrize(
    ("files", "paragraphs", "line", "problem"),
    [
        (_DOCUMENTS, "", 'paragraph = 11, kind = "count"', "`paragraph` has no meaning in a file of `documents`"),
        (_DOCUMENTS, "paragraphs = [11]\n", 'kind = "count"', "`paragraphs` has no meaning in a file of `documents`"),
        (_DOCUMENTS + '\nreports = ["R"]', "", 'kind = "count"', "give `reports`"),
        ('reports = ["R"]', "paragraphs = [11]\n", 'kind = "count"', "missing `paragraph`"),
        ('reports = ["R"]', "paragraphs = [11]\n", 'report = "S", paragraph = 11', "`report` 'S' is not one of"),
        ('reports = ["R"]', "paragraphs = [11]\n", 'paragraph = 11, period_from = "x"', "`period_from` must be"),
        (
            'documents = { state = "LUX", document_type = "memo" }',
            "",
            'kind = "count"',
            "`documents.document_type` must be one of",
        ),
    ],
)
def test_a_series_definition_that_cannot_apply_is_refused_with_one_line(files, paragraphs, line, problem):
    text = _SERIES.format(files=files, paragraphs=paragraphs, line=line)
    with pytest.raises(DefinitionError) as error:
        parse_definitions({"t.toml": text})
    assert problem in str(error.value)


class _Document:
    state, state_iso3, document_type = "Luxembourg", "LUX", "upr_working_group_report"
    date_issued, symbol = "2013-03-25", "A/HRC/23/10"


def _claims(text: str):
    from etl.build import build_report

    report = build_report(text, "r", "en")
    return report.claims, report.texts()


def test_a_document_that_does_not_state_the_number_has_no_point_and_two_matches_are_refused():
    definitions = parse_definitions({"t.toml": _SERIES.format(files=_DOCUMENTS, paragraphs="", line='kind = "count"')})
    silent = _claims("Report\n\n1.\tNothing is counted here.\n")
    assert build_observations(definitions.indicators, *silent, "r", None, _Document()) == []
    other = type("Other", (_Document,), {"state_iso3": "BEL", "state": "Belgium"})()
    twice = _claims("Report\n\n1.\tSome 12 persons came.\n\n2.\tThen 14 persons left.\n")
    assert build_observations(definitions.indicators, *twice, "r", None, other) == []  # another State's
    with pytest.raises(DefinitionError, match=r"2 claims of r match .*paragraphs 1, 2"):
        build_observations(definitions.indicators, *twice, "r", None, _Document())


def test_the_embed_and_the_downloads_cite_each_point_in_its_own_document(client):
    embed = client.get("/embed/lux_upr_dialogue_delegations?lang=en").get_data(as_text=True)
    source = embed[embed.index('id="embed-source"') :].split("</p>")[0]
    assert "A/HRC/10/72, para. " in source and "A/HRC/23/10, para. " in source
    assert "report=luxembourg2009#p12" in source and "report=luxembourg2013#p32" in source
    cited = client.get("/api/indicators/lux_upr_dialogue_delegations.json").get_json()["citations"]
    assert [(c["report_id"], c["symbol"], c["paragraph"]) for c in cited] == [
        (OLD, "A/HRC/10/72", 12),
        (NEW, "A/HRC/23/10", 32),
    ]
    assert "30 delegations" in cited[0]["text"] and "61 delegations" in cited[1]["text"]


def test_a_series_is_named_by_its_last_documents_entry_and_found_from_any_of_its_documents(client, store):
    """A series has an entry a document under one id: `indicator(id)` is the last in store order (the documented
    choice), and the catalogue is sent as the store holds it, each document's entries with their own report."""
    from dashboard import data, memo

    dataset = data.load()
    last = dataset.report_ids()[-1]  # the reports in store order
    for indicator_id in GOLD:
        assert dataset.indicator(indicator_id).report_id == last
    memo.clear_all()  # asked from either document's page (its entries read with it), the same entry
    for documents_page in (OLD, NEW):
        named = data.load().indicators_named(GOLD, documents_page)
        assert {entry.report_id for entry in named.values()} == {last} and set(named) == set(GOLD)
    for documents in ([OLD], [NEW], [OLD, NEW]):
        assert set(GOLD) <= set(dataset.series_of_documents(documents))
    sent = client.get("/api/indicators.json").get_json()
    assert {(e["indicator_id"], e["report_id"]) for e in sent if e["indicator_id"] in GOLD} == {
        (i, r) for i in GOLD for r in (OLD, NEW)
    }
    assert json.dumps(sent, ensure_ascii=False) == json.dumps(stored_catalog(store), ensure_ascii=False)
