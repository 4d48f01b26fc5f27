"""Issue 10: charts that tell the truth at a glance — every defect found on the built report, pinned as fixed (no browser).

Expected values are read from the built data (observations and checks of the real report), never typed in.
"""

import dataclasses
import html
import itertools
import re

import pandas as pd
import pytest
from app_fixtures import app_reading, catalogue_ids, shared_fixture
from test_app_pages import walk

from contract import periods
from dashboard import chart_text, charts, comparison, data, shapes
from dashboard.charts import indicator_figure
from dashboard.i18n import format_period

LANGS = ("fr", "en")
# A trend clause of a generated sentence and the two periods it joins (templates alt_rose, alt_fell, alt_same of i18n.py).
TRENDS = {
    "fr": re.compile(
        r"(?:hausse|baisse) de .+? \((?P<start>[^()]+)\) à .+? \((?P<end>[^()]+)\)|"
        r": .+? en (?P<start2>.+?) comme en (?P<end2>.+?)(?:, et |\.$|\. )"
    ),
    "en": re.compile(
        r"(?:rose|fell) from .+? in (?P<start>.+?) to .+? in (?P<end>.+?)(?:, and |\.$|\. )|"
        r" was .+? in (?P<start2>.+?) and .+? in (?P<end2>.+?)(?:, and |\.$|\. )"
    ),
}


@pytest.fixture(scope="module", autouse=True)
def built(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app


@pytest.fixture(scope="module")
def dataset():
    return data.load()


def every_view(dataset):
    """Every indicator with all its rows, and with each single value of each of its dimensions."""
    for indicator_id in catalogue_ids(dataset):
        yield indicator_id, {}
        rows = dataset.observations_of(indicator_id)
        for dimension in dataset.dimensions_of(indicator_id):
            for value in rows[dimension].dropna().unique():
                yield indicator_id, {dimension: [value]}


# 3. Distinct events stay distinct: par. 289 and 290 are two campaigns, never one bar.


def test_campaigns_chart_has_two_series_and_no_bar_taller_than_its_own_value(dataset):
    rows = dataset.observations_of("statelessness_identification_campaigns")
    parts = charts.chart_parts(dataset, "statelessness_identification_campaigns", {}, "en")
    figure = parts.figure
    assert len(figure.data) == rows.period.nunique() == 2, "one series per campaign"
    assert figure.layout.barmode not in ("stack", "relative")
    for trace in figure.data:
        assert len(set(trace.y)) == len(trace.y), "a category drawn twice in one series would pile up"
        shown = rows[rows.position.isin([point[0] for point in trace.customdata])]
        assert shown.period.nunique() == 1, "a series holds one campaign"
        assert sorted(trace.x) == sorted(shown.value), "each bar is exactly its own value"
    assert "partial" not in " ".join(parts.notes).lower(), "a campaign's half year is not a 'partial period'"
    assert format_period(periods.covered(rows.period), "en") not in parts.subtitle


# 2. Comparable periods only.


def trend_periods(sentence: str, lang: str) -> list[tuple[str, str]]:
    found = []
    for match in TRENDS[lang].finditer(sentence):
        start, end = match["start"] or match["start2"], match["end"] or match["end2"]
        found.append((start.strip(), end.strip()))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_no_sentence_joins_a_full_period_to_a_partial_one(dataset, lang):
    checked = 0
    for indicator_id, query in every_view(dataset):
        entry = dataset.indicator(indicator_id)
        parts = charts.chart_parts(dataset, indicator_id, query, lang)
        said = {chart_text.period_said(p, entry, lang): p for p in parts.rows.period}
        for series in chart_text.series_of(entry, parts.rows, lang):
            usual = periods.usual_span(series.rows.period)
            for start, end in trend_periods(parts.description, lang):
                if start in said and end in said and said[start] in set(series.rows.period):
                    a, b = said[start], said[end]
                    assert periods.comparable(a, b), (indicator_id, lang, parts.description)
                    assert not periods.is_partial(a, usual) and not periods.is_partial(b, usual), (
                        indicator_id,
                        parts.description,
                    )
                    checked += 1
    assert checked > 20, "the check above must have looked at the report's trend sentences"


@pytest.mark.parametrize(
    "indicator_id, lang, apart",
    [
        # par. 303: 396 in January-August 2025 is described on its own, never as the end of a fall from 2020
        ("stateless_naturalisations", "fr", ", et 396 au cours des huit premiers mois de 2025."),
        ("stateless_naturalisations", "en", ", and 396 in the first eight months of 2025."),
        # par. 155: cases tried in the first half of 2025
        ("art174_cases_tried_and_convicted", "en", ", and 24 cases in the first half of 2025."),
    ],
)
def test_a_partial_period_is_described_on_its_own(dataset, indicator_id, lang, apart):
    description = charts.chart_parts(dataset, indicator_id, {}, lang).description
    assert apart in description
    assert "janvier–août 2025)" not in description and "to 24" not in description


def test_every_line_joins_only_comparable_whole_periods(dataset):
    for indicator_id, query in every_view(dataset):
        parts = charts.chart_parts(dataset, indicator_id, query, "en")
        by_position = parts.rows.set_index("position")
        for series in chart_text.series_of(dataset.indicator(indicator_id), parts.rows, "en"):
            usual = periods.usual_span(series.rows.period)
            for trace in parts.figure.data:
                if trace.type != "scatter" or "lines" not in (trace.mode or ""):
                    continue
                joined = [by_position.period[point[0]] for point in trace.customdata]
                if not set(joined) <= set(series.rows.period) or trace.legendgroup != series.name:
                    continue
                assert all(periods.comparable(a, b) for a, b in itertools.pairwise(joined)), (indicator_id, joined)
                assert not any(periods.is_partial(p, usual) for p in joined), (indicator_id, joined)


def test_no_label_is_drawn_twice_where_periods_meet(dataset):
    for indicator_id, query in every_view(dataset):
        figure = charts.chart_parts(dataset, indicator_id, query, "fr").figure
        seen = set()
        for trace in figure.data:
            if trace.type != "scatter":
                continue
            for x, text in zip(trace.x, trace.text):
                if text:
                    assert (trace.legendgroup, x) not in seen, (indicator_id, trace.legendgroup, x)
                    seen.add((trace.legendgroup, x))


# 3/4. Breakdowns: one panel per date; the ethnic shares (par. 58, 259, 418) never mix dates.


def test_ethnic_share_chart_never_mixes_dates_under_one_subtitle(dataset):
    rows = dataset.observations_of("ethnic_composition_share")
    for lang in LANGS:
        parts = charts.chart_parts(dataset, "ethnic_composition_share", {}, lang)
        entry = dataset.indicator("ethnic_composition_share")
        dates = rows.period.unique()
        assert len(parts.figure.data) == len(dates) > 1
        titles = [a.text for a in parts.figure.layout.annotations if a.name == "facet"]
        for trace, title in zip(parts.figure.data, titles):
            shown = rows[rows.position.isin([point[0] for point in trace.customdata])]
            assert shown.period.nunique(dropna=False) == 1, "one date per panel"
            period = shown.period.iloc[0]
            if periods.parse(period):
                assert format_period(period, lang, entry.labels_en) in title
        assert not any(format_period(p, lang) in parts.subtitle for p in dates if periods.parse(p)), parts.subtitle
        assert format_period(periods.covered(rows.period), lang) not in parts.subtitle


def test_breakdowns_are_horizontal_bars_sorted_within_each_date(dataset):
    for indicator_id in catalogue_ids(dataset):
        parts = charts.chart_parts(dataset, indicator_id, {}, "fr")
        if parts.kind != "bars":
            continue
        for trace in parts.figure.data:
            assert trace.orientation == "h", indicator_id
            units = {point[1].split()[-1] for point in trace.customdata}
            if len(parts.rows.unit.unique()) == 1 and len(units) <= 2:
                assert list(trace.x) == sorted(trace.x, reverse=True), indicator_id


def test_tiny_shares_keep_a_readable_label(dataset):
    parts = charts.chart_parts(dataset, "ethnic_composition_share", {}, "fr")
    # as the chart shows them: plotly is given "<" as an entity (`chart_text.inert`)
    labels = [html.unescape(text) for trace in parts.figure.data for text in trace.text]
    rows = dataset.observations_of("ethnic_composition_share")
    tiny = rows[rows.qualifier == "less_than"]
    assert len(tiny) >= 2  # par. 259 and 418: "moins de 0,03 %", "moins de 0,01 %"
    for row in tiny.itertuples():
        assert "<\u202f" + f"{row.value:g}".replace(".", ",") + "\u202f%" in labels


# 4. The right chart for each table.


def test_single_values_are_number_cards_everywhere(dataset, built):
    from test_app_pages import by_id, text_of

    from pages import indicator

    singles = [i for i in catalogue_ids(dataset) if dataset.observations_of(i).value.notna().sum() == 1]
    assert len(singles) >= 5
    client = built.server.test_client()
    for indicator_id in singles:
        row = dataset.observations_of(indicator_id).iloc[0]
        for lang in LANGS:
            parts = charts.chart_parts(dataset, indicator_id, {}, lang)
            assert parts.kind == "card" and parts.card.value
            layout = indicator.layout(indicator_id=indicator_id, lang=lang)
            assert not [c for c in _walk(layout) if getattr(c, "id", None) == "indicator-graph"], "no one-point chart"
            assert text_of(by_id(layout, "indicator-card-value")).startswith(parts.card.number)
            embed = client.get(f"/embed/{indicator_id}?lang={lang}").data.decode()
            assert 'id="embed-card"' in embed and 'id="embed-figure"' not in embed
        assert charts.chart_parts(dataset, indicator_id, {}, "en").card.paragraph == row.paragraph


def _walk(component):
    from test_app_pages import walk

    return walk(component)


def test_shares_of_a_whole_over_time_are_stacked_to_100(dataset):
    parts = charts.chart_parts(dataset, "pupils_share_by_language", {}, "fr")
    assert parts.kind == "stacked" and parts.figure.layout.barmode == "stack"
    rows = dataset.observations_of("pupils_share_by_language")
    for _period, group in rows.groupby("period"):
        assert abs(group.value.sum() - 100) < 0.5, "the report's shares make the whole: the data proves it"


def test_stacking_needs_the_parts_to_make_the_whole(dataset):
    entry = dataset.indicator("pupils_share_by_language")
    rows = dataset.observations_of("pupils_share_by_language").copy()
    assert shapes.shares_of_a_whole(entry, rows)
    rows.loc[rows.index[0], "value"] -= 5  # a share that no longer adds up: its parts are not a whole
    assert shapes.chart_kind(entry, rows) == "lines"
    # the ethnic shares add up to less than 100 (par. 58 lists eleven groups "and others"): never stacked
    assert not shapes.shares_of_a_whole(
        dataset.indicator("ethnic_composition_share"), dataset.observations_of("ethnic_composition_share")
    )


def test_counts_over_time_are_lines(dataset):
    for indicator_id in ("art174_registered_cases", "stateless_naturalisations", "immigrants_by_year"):
        assert charts.chart_parts(dataset, indicator_id, {}, "fr").kind == "lines"


# 5. The report's slips in plain sight.


def test_a_check_warns_on_the_figure_it_is_about_with_its_reason_in_both_languages(dataset, built):
    from test_app_pages import by_id, text_of

    from pages import catalogue, indicator

    observations = dataset.table("observations")
    checks = dataset.table("checks")
    not_plain = checks[checks.status != "consistent"]
    assert set(not_plain.status) >= {"inconsistent", "consistent_if_truncated", "base_assumed"}
    client = built.server.test_client()
    warned = set()
    for check in not_plain.itertuples():
        drawing = set(observations[observations.claim_id == check.claim_id].indicator_id)
        # a defined check is about a figure of its indicators; a repeat found by the build may be about figures no
        # table draws (it shows on /checks)
        assert drawing or check.kind == "repeat", f"{check.check_id}: no indicator draws the figure it is about"
        warned |= drawing
        for indicator_id in drawing:
            for lang, why in (("fr", check.explanation_fr), ("en", check.explanation)):
                layout = indicator.layout(indicator_id=indicator_id, lang=lang)  # the Chart tab, the default
                warning = text_of(by_id(layout, "indicator-warnings"))
                assert why[1:] in warning and str(check.paragraphs[0]) in warning
                if check.status == "inconsistent":
                    assert ("ne concordent pas" if lang == "fr" else "do not add up") in warning
                else:
                    assert ("qu’à une condition" if lang == "fr" else "only on a condition") in warning
                embed = client.get(f"/embed/{indicator_id}?lang={lang}").data.decode()
                assert 'id="embed-warnings"' in embed and why.split(" ")[-1].rstrip(".") in embed
                if check.status == "inconsistent":
                    card = by_id(catalogue.layout(lang=lang), f"card-{indicator_id}")
                    assert by_id(card, f"card-warning-{indicator_id}") is not None
    # 36 of 91 is stated 39 % (par. 157): the 91 registered cases of 2024 are only its base, and carry no warning
    assert "art174_registered_cases" not in warned and "art174_dismissed_share" in warned
    for indicator_id in set(catalogue_ids(dataset)) - warned:
        assert not charts.chart_parts(dataset, indicator_id, {}, "fr").warnings, indicator_id


def test_campaign_warning_reads_as_the_report_writes_it(dataset):
    parts = charts.chart_parts(dataset, "statelessness_identification_campaigns", {}, "fr")
    assert [(w.text, w.verdict) for w in parts.warnings] == [
        (
            "Les chiffres du rapport ne concordent pas : les parties font 840, et non le total indiqué « 835 ». — par. 290",
            "inconsistent",
        )
    ]


# 7. A clean mode bar.


def test_graphs_have_no_cloud_share_no_bare_camera(dataset):
    from pages import indicator

    graph = next(
        c
        for c in _walk(indicator.layout(indicator_id="art174_registered_cases"))
        if getattr(c, "id", None) == "indicator-graph"
    )
    assert graph.config["displayModeBar"] is False and graph.config["showSendToCloud"] is False
    assert graph.config["showEditInChartStudio"] is False and graph.config["displaylogo"] is False


# 8. French formatting everywhere in French.


def test_axes_and_tooltips_follow_the_language(dataset):
    rows = dataset.observations_of("pupils_total")
    top = rows.value.max()
    for lang, mark, million in (("fr", "\u202f", "\xa0M"), ("en", ",", "M")):
        figure = charts.chart_parts(dataset, "pupils_total", {}, lang).figure
        ticks = list(figure.layout.yaxis.ticktext)
        assert any(text.endswith(million) and not text.endswith(" " + million) for text in ticks), ticks
        assert figure.layout.separators.startswith("," if lang == "fr" else ".")
        hover = [point[1] for trace in figure.data for point in trace.customdata]
        assert f"{int(top):,}".replace(",", mark) in hover
    assert "3.5M" not in str(charts.chart_parts(dataset, "pupils_total", {}, "fr").figure.layout.yaxis.ticktext)


def test_check_details_follow_the_page_language(dataset):
    from test_app_pages import text_of

    from pages import checks

    every = dataset.table("checks")
    check = every[every.status == "inconsistent"].iloc[0]
    assert check.detail_fr in text_of(checks.layout(lang="fr"))
    assert check.detail in text_of(checks.layout(lang="en"))
    assert check.detail not in text_of(checks.layout(lang="fr")) or check.detail == check.detail_fr


# Memoised parts: the page, the embed and the images share them.


def test_chart_parts_are_kept_per_data_version_choice_and_language(dataset):
    first = charts.chart_parts(dataset, "art174_cases_tried_and_convicted", {}, "fr")
    assert charts.chart_parts(dataset, "art174_cases_tried_and_convicted", {}, "fr") is first
    assert charts.chart_parts(dataset, "art174_cases_tried_and_convicted", {}, "en") is not first
    measure = dataset.observations_of("art174_cases_tried_and_convicted").measure.iloc[0]
    assert charts.chart_parts(dataset, "art174_cases_tried_and_convicted", {"measure": [measure]}, "fr") is not first


def test_briefing_figure_leaves_the_shared_figure_alone(dataset):
    parts = charts.chart_parts(dataset, "ethnic_composition_share", {}, "fr")
    before = parts.figure.to_json()
    charts.briefing_figure(parts, 1280, 720, "dark")
    assert parts.figure.to_json() == before


# 6. Compare.


def test_compare_puts_series_of_one_unit_on_one_chart(dataset):
    ids = [
        "art174_registered_cases",
        "art174_cases_tried_and_convicted",
        "kazakh_mother_tongue_other_groups",
        "nope",
        "ethnic_composition_share",
    ]
    parts, messages = comparison.compare_parts(dataset, ids, "en")
    assert parts.chosen["ids"] == ids[:2]
    assert any("not a series over time" in m and "shares" in m for m in messages)
    legend = {trace.name for trace in parts.figure.data if trace.showlegend}
    tried = dataset.observations_of("art174_cases_tried_and_convicted").measure.unique()
    assert len(legend) == 1 + len(tried)
    assert any("nope" in m for m in messages) and any("percentages" in m for m in messages)
    assert set(parts.paragraphs) == set(dataset.observations_of(ids[0]).paragraph) | set(
        dataset.observations_of(ids[1]).paragraph
    )


def test_compare_api_downloads_hold_every_indicator(built, dataset):
    import io

    from openpyxl import load_workbook

    client = built.server.test_client()
    ids = "art174_registered_cases,stateless_naturalisations"
    response = client.get(f"/api/compare.csv?ids={ids}")
    assert (
        response.status_code == 200
        and 'filename="compare-art174_registered_cases-stateless_naturalisations.csv"'
        in response.headers["Content-Disposition"]
    )
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    expected = sum(len(dataset.observations_of(i)) for i in ids.split(","))
    assert len(frame) == expected and set(frame.indicator_id) == set(ids.split(","))
    body = client.get(f"/api/compare.json?ids={ids}").get_json()
    assert [i["indicator"]["indicator_id"] for i in body["indicators"]] == ids.split(",")
    book = load_workbook(io.BytesIO(client.get(f"/api/compare.xlsx?ids={ids}").data))
    assert book.sheetnames == ["data", "metadata"] and book["data"].max_row == expected + 1
    assert client.get("/api/compare.csv?ids=nope").status_code == 404
    assert client.get(f"/api/compare.exe?ids={ids}").status_code == 404
    assert (
        client.get(f"/api/compare.csv?ids={ids}", headers={"If-None-Match": f'"{dataset.version}"'}).status_code == 304
    )


def test_compare_downloads_speak_the_page_language(built, dataset):
    import io

    client = built.server.test_client()
    ids = "art174_cases_tried_and_convicted,art174_registered_cases"
    english = pd.read_csv(io.BytesIO(client.get(f"/api/compare.csv?ids={ids}&lang=en").data), encoding="utf-8-sig")
    french = pd.read_csv(io.BytesIO(client.get(f"/api/compare.csv?ids={ids}").data), encoding="utf-8-sig")
    assert {"Cases tried", "Persons convicted"} <= set(english.measure.dropna())
    assert {"Affaires jugées", "Personnes condamnées"} <= set(french.measure.dropna())
    from pages import compare

    links = [a.href for a in walk(compare._chart(dataset, ids.split(","), "en")) if getattr(a, "href", None)]
    assert any(link.startswith("/api/compare.csv?lang=en&ids=") for link in links)


def test_compare_embed_draws_the_same_chart(built):
    client = built.server.test_client()
    body = client.get("/embed/compare?ids=art174_registered_cases,stateless_naturalisations&lang=en").data.decode()
    assert "Compared:" in body and ">156</a>" in body and ">303</a>" in body
    assert client.get("/embed/compare?ids=nope").status_code == 404
    assert client.get("/embed/compare").headers.get("X-Frame-Options") is None


# /checks


def test_checks_page_lists_every_check_filtered_through_the_url(dataset):
    from test_app_pages import by_id, text_of

    from pages import checks

    built = dataset.table("checks")
    every = checks.layout(lang="en")
    items = [c for c in _walk(every) if str(getattr(c, "id", "")).startswith("checks-check-")]
    assert len(items) == len(built)
    bad = checks.layout(lang="en", status="inconsistent")
    shown = {c.id[len("checks-check-") :] for c in _walk(bad) if str(getattr(c, "id", "")).startswith("checks-check-")}
    assert shown == set(built[built.status == "inconsistent"].check_id)
    sums = checks.layout(lang="fr", kind="sum", status="consistent")
    shown = {c.id[len("checks-check-") :] for c in _walk(sums) if str(getattr(c, "id", "")).startswith("checks-check-")}
    expected = built[(built.kind == "sum") & (built.status == "consistent")]
    assert shown == set(expected.check_id)
    assert by_id(bad, "checks-status-inconsistent").className == "filter-choice active"
    assert by_id(bad, "checks-kind-sum").href == "/checks?lang=en&status=inconsistent&kind=sum"
    links = {
        c.href for c in _walk(by_id(bad, "checks-check-statelessness_campaign_2024_outcomes")) if hasattr(c, "href")
    }
    assert "/report?lang=en#p290" in links and "/indicators/statelessness_identification_campaigns?lang=en" in links
    assert str(len(built)) in text_of(by_id(every, "checks-lead"))


def test_checks_download_is_the_filtered_checks_in_the_page_language(dataset):
    import base64
    import io

    from pages import checks

    sent = checks.download(1, {"lang": "fr", "status": "inconsistent", "kind": None, "report": None})
    frame = pd.read_csv(io.BytesIO(base64.b64decode(sent["content"])), encoding="utf-8-sig")
    built = dataset.table("checks")
    bad = built[built.status == "inconsistent"]
    assert sent["filename"] == "checks.csv" and set(frame.check_id) == set(bad.check_id)
    assert set(frame.detail) == set(bad.detail_fr)


def test_a_campaign_half_year_is_never_called_partial(dataset):
    from test_app_pages import by_id, text_of

    from pages import indicator

    parts = charts.chart_parts(dataset, "statelessness_identification_campaigns", {}, "en")
    hovers = [point[2] for trace in parts.figure.data for point in trace.customdata]
    assert "second half of 2024" in hovers and not any("partial" in h for h in hovers)
    table = text_of(
        by_id(
            indicator.layout(indicator_id="statelessness_identification_campaigns", tab="table", lang="en"),
            "indicator-table",
        )
    )
    assert "second half of 2024" in table and "partial" not in table
    # along a time axis it still is: par. 155's first half of 2025 among whole years
    table = text_of(
        by_id(
            indicator.layout(indicator_id="art174_cases_tried_and_convicted", tab="table", lang="en"), "indicator-table"
        )
    )
    assert "first half of 2025 (partial period)" in table


def test_campaigns_stay_apart_however_the_definition_names_them(dataset):
    # Issue 10 item 9 may give par. 289/290 a `campaign` dimension: the chart must not depend on it either way.
    entry = dataset.indicator("statelessness_identification_campaigns")
    rows = dataset.observations_of("statelessness_identification_campaigns").copy()
    rows["campaign"] = rows.period.map(lambda p: f"Campagne {p}")
    entry = dataclasses.replace(entry, dimensions=("campaign", *entry.dimensions))
    figure = indicator_figure(entry, rows, "fr")
    assert len(figure.data) == 2
    assert all(not any(name.startswith("Campagne") for name in trace.y) for trace in figure.data), (
        "the panel's title says it"
    )
    # and were both dated alike, the dimension still tells the bars apart: one bar per campaign and outcome, none stacked
    rows["period"] = rows.period.iloc[0]
    figure = indicator_figure(entry, rows, "fr")
    (trace,) = figure.data
    assert len(set(trace.y)) == len(rows) and figure.layout.barmode != "stack"


def test_a_card_words_its_unit_as_the_definition_does(dataset):
    # par. 191: "221 procédures pénales": the card must not turn proceedings into cases
    entry = dataset.indicator("art174_registered_total")
    rows = dataset.observations_of("art174_registered_total")
    assert [chart_text.card_of(entry, rows, lang).unit for lang in ("fr", "en")] == ["procédures", "proceedings"]
    assert ": 221 proceedings from 2022 to 2024." in chart_text.description_text(
        entry, rows, "en"
    )  # its text alternative too
