"""Page layouts, callbacks and components, called in process (no browser)."""

import re

import pytest
from app_fixtures import catalogue_ids, plain_copy, shared_fixture
from dash import html
from store_tables import stored_table

from dashboard import data
from dashboard.charts import indicator_figure
from dashboard.i18n import format_value


@pytest.fixture(scope="module", autouse=True)
def built(tmp_path_factory):
    folder = shared_fixture(tmp_path_factory)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(folder))
        import app  # noqa: F401  (registers the pages)

        yield folder


def walk(component):
    """Every component of a layout tree, depth first."""
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
        return
    if component is None or isinstance(component, (str, int, float)):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def by_id(layout, id_):
    return next(c for c in walk(layout) if getattr(c, "id", None) == id_)


def text_of(component) -> str:
    if isinstance(component, (list, tuple)):
        return "".join(text_of(c) for c in component)
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    return text_of(getattr(component, "children", None))


def card_ids(sections) -> set[str]:
    """The indicator ids of the catalogue's cards (`card-<id>`; not their parts, like `card-warning-<id>`)."""
    cards = [c for c in walk(sections) if "indicator-card" in str(getattr(c, "className", "")).split()]
    return {c.id[len("card-") :] for c in cards}


def test_catalogue_search_keeps_matching_indicators():
    from pages import catalogue

    shown = card_ids(catalogue.filter_catalogue("174", "fr"))
    assert {"art174_registered_cases", "art174_cases_tried_and_convicted"} <= shown
    assert "ethnic_composition_population" not in shown


def test_catalogue_search_reads_english_titles_and_says_when_nothing_matches():
    from pages import catalogue

    assert "ethnic_composition_population" in card_ids(catalogue.filter_catalogue("ethnic composition", "en"))
    assert "zzzz" in text_of(catalogue.filter_catalogue("zzzz", "en"))


def test_catalogue_cards_show_unit_period_points_and_paragraphs():
    from pages import catalogue

    card = by_id(catalogue.layout(lang="en"), "card-art174_registered_cases")
    text = text_of(card)
    assert "3 data points" in text and "para. 156" in text and "2022–2024" in text


def test_indicator_figure_is_a_line_over_the_years_with_para_in_hover():
    dataset = data.load()
    entry = dataset.indicator("art174_registered_cases")
    figure = indicator_figure(entry, dataset.observations_of("art174_registered_cases"), "en")
    (trace,) = figure.data
    assert trace.type == "scatter" and "lines" in trace.mode
    assert list(trace.x) == ["2022", "2023", "2024"] and list(trace.y) == [46, 84, 91]
    assert [point[4] for point in trace.customdata] == ["para. 156"] * 3


def test_indicator_figure_draws_a_partial_period_apart():
    dataset = data.load()
    entry = dataset.indicator("art174_cases_tried_and_convicted")
    figure = indicator_figure(entry, dataset.observations_of("art174_cases_tried_and_convicted"), "en")

    def periods_of(trace):
        return [point[2] for point in trace.customdata]

    partial = [trace for trace in figure.data if any("first half of 2025" in p for p in periods_of(trace))]
    # par. 155: the first half of 2025 is a hollow point of its own, never the end of a line from 2024
    assert len(partial) == 2 and all(periods_of(trace) == ["first half of 2025 (partial period)"] for trace in partial)
    assert all("lines" not in trace.mode and trace.marker.symbol == "circle-open" for trace in partial)
    full = [trace for trace in figure.data if trace not in partial]
    assert all(list(trace.x) == ["2022", "2023", "2024"] and "lines" in trace.mode for trace in full)


def test_composition_is_horizontal_bars_one_panel_per_date():
    dataset = data.load()
    entry = dataset.indicator("ethnic_composition_population")
    rows = dataset.observations_of("ethnic_composition_population")
    figure = indicator_figure(entry, rows, "fr")
    assert {trace.type for trace in figure.data} == {"bar"} and {trace.orientation for trace in figure.data} == {"h"}
    assert sum(len(trace.x) for trace in figure.data) == len(rows)
    assert len(figure.data) == rows.period.nunique(dropna=False)


def test_clicking_a_point_shows_its_paragraph_with_the_number_marked_and_a_report_link():
    from pages import indicator

    rows = data.load().observations_of("art174_registered_cases")
    position = int(rows[rows.period == "2023"].position.iloc[0])
    panel = indicator.show_point(
        {"points": [{"customdata": [position]}]}, {"indicator_id": "art174_registered_cases", "lang": "fr"}
    )
    marks = [c for c in walk(panel) if isinstance(c, html.Mark) and c.className == "number"]
    assert [m.children for m in marks] == ["84"]
    link = by_id(panel, "indicator-panel-link")
    assert link.href == "/report#p156"
    assert "CERD/C/KAZ/11-14, par. 156" in text_of(panel)


@pytest.mark.parametrize(
    "tab, element",
    [
        ("chart", "indicator-graph"),
        ("table", "indicator-table"),
        ("sources", "indicator-source-156"),
    ],
)
def test_indicator_tab_comes_from_the_url(tab, element):
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab=tab)
    assert by_id(layout, element) is not None
    assert by_id(layout, f"indicator-tab-{tab}").className == "tab active"


def test_table_sorts_through_the_url_and_links_paragraphs():
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab="table", sort="value", desc="1", lang="en")
    table = by_id(layout, "indicator-table")
    values = [
        float(c.to_plotly_json()["props"]["data-value"])
        for c in walk(table)
        if getattr(c, "className", "") == "number" and "data-value" in c.to_plotly_json()["props"]
    ]
    assert values == [91, 84, 46]
    assert (
        by_id(layout, "indicator-sort-value").href == "/indicators/art174_registered_cases?lang=en&tab=table&sort=value"
    )
    assert "/report?lang=en#p156" in {c.href for c in walk(table) if hasattr(c, "href")}


def test_sources_cite_every_paragraph_in_full():
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab="sources", lang="en")
    assert "CERD/C/KAZ/11-14, para. 156" in text_of(by_id(layout, "indicator-source-156"))


def test_checks_put_inconsistencies_first():
    dataset = data.load()
    for indicator_id in catalogue_ids(dataset):
        statuses = list(dataset.checks_of(indicator_id).status)
        assert statuses == sorted(statuses, key=lambda s: s != "inconsistent"), indicator_id


def test_checks_tab_lists_the_indicator_checks():
    from pages import indicator

    dataset = data.load()
    with_checks = next(i for i in catalogue_ids(dataset) if len(dataset.checks_of(i)))
    layout = indicator.layout(indicator_id=with_checks, tab="checks")
    ids = {c.id for c in walk(layout) if str(getattr(c, "id", "")).startswith("indicator-check-")}
    assert ids == {f"indicator-check-{c}" for c in dataset.checks_of(with_checks).check_id}


def test_dimension_choice_goes_to_the_url_and_back():
    from pages import indicator

    state = {
        "indicator_id": "art174_cases_tried_and_convicted",
        "lang": "en",
        "base": {"path": "/indicators/art174_cases_tried_and_convicted", "params": {"tab": "table"}},
    }
    measures = list(dict.fromkeys(data.load().observations_of("art174_cases_tried_and_convicted").measure))
    ids = [{"type": "indicator-dimension", "name": "measure"}]
    search = indicator.choose_dimensions([measures[:1]], ids, state)
    assert search.startswith("?lang=en&tab=table&measure=")
    assert indicator.choose_dimensions([measures], ids, state) == "?lang=en&tab=table"
    layout = indicator.layout(indicator_id="art174_cases_tried_and_convicted", tab="table", measure=measures[0])
    rows = [c for c in walk(by_id(layout, "indicator-table")) if isinstance(c, html.Tr)][1:]
    assert len(rows) == (data.load().observations_of("art174_cases_tried_and_convicted").measure == measures[0]).sum()


def test_odd_query_strings_fall_back_to_defaults():
    from pages import indicator

    layout = indicator.layout(
        indicator_id="art174_registered_cases", tab=["table", "chart"], sort=["value", "x"], lang=["xx"], desc="yes"
    )
    assert by_id(layout, "indicator-table") is not None
    layout = indicator.layout(indicator_id="art174_registered_cases", tab="<script>", sort="nope", measure="x")
    assert by_id(layout, "indicator-graph") is not None
    from pages import catalogue

    assert by_id(catalogue.layout(q=["174", "x"], lang=["en", "fr"]), "catalogue-search").value == "174"


def test_unknown_indicator_page_says_so():
    from pages import indicator

    assert "nope" in text_of(by_id(indicator.layout(indicator_id="nope"), "indicator-missing"))


def test_report_has_an_element_per_paragraph_and_links_numbers_to_indicators():
    from pages import report

    layout = report.layout(lang="fr")
    paragraph = by_id(layout, "p156")
    marks = [c.children for c in walk(paragraph) if isinstance(c, html.Mark)]
    assert {"46", "84", "91"} <= set(marks)
    hrefs = {c.href for c in walk(paragraph) if hasattr(c, "href")}
    assert "/indicators/art174_registered_cases" in hrefs
    paragraph_ids = {c.id for c in walk(layout) if re.fullmatch(r"p\d+", str(getattr(c, "id", "")))}
    assert len(paragraph_ids) == len(data.load().table("paragraphs"))
    # par. 191's a), b), c) are items of the build, each with its own anchor
    assert {"p191-a", "p191-b", "p191-c"} <= {c.id for c in walk(layout) if isinstance(getattr(c, "id", None), str)}
    assert "Répond aux paragraphes" in text_of(layout)


def test_report_text_is_text_never_html():
    from pages import report

    components = list(walk(report.layout(lang="fr")))
    assert not any(type(c).__name__ in ("Markdown", "Iframe") for c in components)
    assert not any("dangerously_allow_html" in c.to_plotly_json()["props"] for c in components)


def test_claims_filter_callback_narrows_rows_and_the_download_link():
    from pages import claims

    rows, count, link = claims.filter_claims(["percent"], [], [], [], [], 50, 60, "", "en")
    assert rows and all(r["kind"] == "percent" for r in rows)
    assert all(50 <= int(r["paragraph"]) <= 60 for r in rows)
    assert count.startswith(f"{len(rows)} ")
    assert link == "/api/claims.csv?kind=percent&from=50&to=60"
    assert rows[0]["link"].startswith(f"[{rows[0]['paragraph']}](/report?lang=en#p")


def test_claims_page_holds_the_rows_its_url_keeps_without_a_second_request():
    """The grid arrives with its rows, the count and the download link for the URL's filters, as the filter callback
    gives them (which then runs only when a filter changes); a value no list offers is left out of both."""
    from pages import claims

    page = claims.layout(lang="en", kind="percent,nope", **{"from": "50", "to": "60"})
    found = {
        c.id: c for c in walk(page) if getattr(c, "id", None) in ("claims-grid", "claims-count", "claims-download")
    }
    assert (found["claims-grid"].rowData, found["claims-count"].children, found["claims-download"].href) == (
        claims.filter_claims(["percent"], [], [], [], [], 50, 60, "", "en")
    )
    assert (
        found["claims-grid"].rowData and found["claims-download"].href == "/api/claims.csv?kind=percent&from=50&to=60"
    )
    assert next(c for c in walk(page) if getattr(c, "id", None) == "claims-kind").value == ["percent"]
    everything = claims.layout(lang="fr")
    rows = next(c for c in walk(everything) if getattr(c, "id", None) == "claims-grid").rowData
    assert {r["kind"] for r in rows} and rows == claims.filter_claims(
        list(data.STATISTIC_KINDS), [], [], [], [], None, None, "", "fr"
    )[0]


def test_claims_filter_by_section_of_a_chapter():
    from pages import claims

    rows, _, link = claims.filter_claims([], [], [], [], ["VI.A"], None, None, "", "fr")
    assert rows and {r["chapter"] for r in rows} == {"VI"} and 156 in {r["paragraph"] for r in rows}
    assert link == "/api/claims.csv?section=VI.A"


def test_navbar_keeps_the_page_when_switching_language():
    import app

    outputs = app.navbar("/indicators/art174_registered_cases", "?tab=table", "")
    assert outputs[-4] == "/indicators/art174_registered_cases?tab=table"
    assert outputs[-2] == "/indicators/art174_registered_cases?lang=en&tab=table"
    assert app.navbar("/report", "?lang=en", "#p156")[0] == "Report statistics"


def test_pages_say_how_to_build_missing_data(tmp_path):
    from pages import catalogue, indicator

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(tmp_path))
        for layout in (catalogue.layout(), indicator.layout(indicator_id="art174_registered_cases")):
            assert "make data" in text_of(by_id(layout, "data-banner"))


def test_pages_say_when_the_data_is_stale(built, tmp_path):
    from pages import catalogue

    folder = tmp_path / "processed"
    plain_copy(built, folder)
    reports = stored_table(folder, "reports")
    reports["built_at"] = "2001-01-01T00:00:00+00:00"  # as if the report's file was saved after the build
    reports.to_parquet(folder / "reports.parquet", index=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(folder))
        banner = text_of(by_id(catalogue.layout(lang="en"), "data-banner"))
    assert "changed since" in banner and "make data" in banner


@pytest.mark.parametrize(
    "value, qualifier, unit, lang, expected",
    [
        (14_900, "more_than", None, "en", "more than 14,900"),
        (14_900, "more_than", None, "fr", "plus de 14\u202f900"),
        (71.2, "exact", "%", "fr", "71,2\u202f%"),
        (500, "approx", None, "en", "about 500"),
    ],
)
def test_format_value_shows_the_qualifier(value, qualifier, unit, lang, expected):
    assert format_value(value, qualifier, unit, lang) == expected


def test_every_indicator_renders_in_every_tab_and_language():
    from pages import indicator

    for indicator_id in catalogue_ids(data.load()):
        for tab in ("chart", "table", "sources", "checks"):
            for lang in ("fr", "en"):
                layout = indicator.layout(indicator_id=indicator_id, tab=tab, lang=lang)
                assert by_id(layout, "indicator-title") is not None, (indicator_id, tab, lang)


@pytest.mark.parametrize("status", [None, "qualified", "inconsistent", "consistent"])
def test_the_checks_page_and_its_head_count_every_verdict(status):
    """The page and its <meta> description say how many verdicts needed an allowance (truncation, a base's rounding,
    a base from elsewhere); the `qualified` filter shows exactly those."""
    import app
    from pages import checks

    client = app.server.test_client()
    query = f"?lang=en&status={status}" if status else "?lang=en"
    answer = client.get(f"/checks{query}")
    assert answer.status_code == 200 and b"consistent on a condition the text does not state" in answer.data
    layout = checks.layout(lang="en", status=status)
    assert "consistent on a condition the text does not state" in text_of(by_id(layout, "checks-lead"))
    shown = [
        c
        for c in walk(layout)
        if str(getattr(c, "id", "")).startswith("indicator-check-")
        or str(getattr(c, "id", "")).startswith("checks-check-")
    ]
    if status == "qualified":
        assert shown and all("check-consistent_if" in c.className or "check-base_assumed" in c.className for c in shown)
