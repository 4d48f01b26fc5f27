"""Tooltips written for readers: every chart's hover says the value with its unit, what it counts, the period and the
paragraph, in the page's language and number format, never plotly's default "x=…<br>y=…" (figure JSON, no browser).

Gold values are read from the report: par. 156 ("46 en 2022"), par. 249 ("2 307 960 (66,2 %) … en kazakh" in 2022/23),
par. 58 ("2,9 millions de Russes").
"""

import re

import pytest
from app_fixtures import app_reading, catalogue_ids, shared_fixture

from dashboard import charts, comparison, data, figures

LANGS = ("fr", "en")
PARA = {"fr": "par.", "en": "para."}
NNBSP = "\u202f"  # the French thousands mark and the space before %


@pytest.fixture(scope="module", autouse=True)
def built(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)):
        yield


@pytest.fixture(scope="module")
def dataset():
    return data.load()


def every_figure(dataset):
    """Every indicator's chart in both languages, and a /compare chart: (name, lang, figure)."""
    for indicator_id in catalogue_ids(dataset):
        for lang in LANGS:
            yield indicator_id, lang, charts.chart_parts(dataset, indicator_id, {}, lang).figure
    ids = [i for i in catalogue_ids(dataset) if comparison.comparable(dataset, i)][:3]
    for lang in LANGS:
        parts, _ = comparison.compare_parts(dataset, ids, lang)
        assert parts is not None
        yield "compare", lang, parts.figure


def filled(template: str, values: dict[str, object]) -> str:
    """A hover template with its `%{…}` replaced by `values` (keyed `customdata[1]`, `fullData.name`, `y`)."""
    return re.sub(r"%\{([^}]+)\}", lambda m: str(values[m.group(1)]), template)


def hovers(figure) -> list[str]:
    """Each point's tooltip as plotly fills its template (the `%{…}` it uses: customdata, the trace's name, y)."""
    said = []
    for trace in figure.data:
        for k, point in enumerate(trace.customdata):
            values = {f"customdata[{i}]": piece for i, piece in enumerate(point)}
            values |= {"fullData.name": trace.name, "y": trace.y[k]}
            said.append(filled(trace.hovertemplate, values))
    return said


def test_every_trace_has_a_reader_tooltip_and_no_default_one(dataset):
    drawn = 0
    for name, lang, figure in every_figure(dataset):
        for trace in figure.data:
            assert trace.hovertemplate in (figures.HOVER, figures.BAR_HOVER), (name, lang)
            assert trace.hovertemplate.endswith("<extra></extra>")  # no second box repeating the trace's name
            for point in trace.customdata:
                value, period, paragraph, with_unit = point[1], point[2], point[4], point[5]
                assert re.fullmatch(rf"{re.escape(PARA[lang])} \d+", paragraph), (name, point)
                assert with_unit.startswith(value) and period, (name, point)
                drawn += 1
        for said in hovers(figure):
            assert "x=" not in said and "y=" not in said and "undefined" not in said
    assert drawn >= len(dataset.observations_of(catalogue_ids(dataset)[0]))


def test_hover_text_is_inert(dataset):
    """Report text reaches plotly as text: no `<` of its own in a tooltip's pieces (the template adds <b> and <br>)."""
    for name, _, figure in every_figure(dataset):
        for trace in figure.data:
            for point in trace.customdata:
                assert not any("<" in str(piece) or ">" in str(piece) for piece in point[1:]), (name, point)


def _point(figure, period: str, series: str | None = None) -> tuple[object, list]:
    for trace in figure.data:
        for k, point in enumerate(trace.customdata):
            names = (str(trace.name), str(trace.y[k]) if trace.y is not None else "")
            if point[2] == period and (series is None or series in names):
                return trace, point
    raise AssertionError(f"no point of {period} {series}")


@pytest.mark.parametrize(
    ("lang", "value", "period", "paragraph"),
    [("fr", "46 affaires", "2022", "par. 156"), ("en", "46 cases", "2022", "para. 156")],
)
def test_a_count_says_its_unit_period_and_paragraph(dataset, lang, value, period, paragraph):
    figure = charts.chart_parts(dataset, "art174_registered_cases", {}, lang).figure
    _, point = _point(figure, period)
    assert point[5] == value and point[4] == paragraph
    said = [s for s in hovers(figure) if s.startswith(f"<b>{value}</b><br>")]
    assert len(said) == 1 and f"<br>{period}<br>{paragraph}<extra>" in said[0]


@pytest.mark.parametrize(
    ("lang", "value", "series"),
    [("fr", f"66,2{NNBSP}%", "Kazakh"), ("en", "66.2%", "Kazakh")],
)
def test_a_share_says_its_percent_in_the_language(dataset, lang, value, series):
    figure = charts.chart_parts(dataset, "pupils_share_by_language", {}, lang).figure
    trace, point = _point(figure, "2022/23", series)
    assert point[5] == value and point[4] == f"{PARA[lang]} 249"
    assert trace.hovertemplate == figures.HOVER and series in trace.name


@pytest.mark.parametrize(
    ("lang", "value", "bar"),
    [("fr", f"2{NNBSP}900{NNBSP}000 personnes", "Russes"), ("en", "2,900,000 persons", "Russians")],
)
def test_a_bar_names_itself_in_its_tooltip(dataset, lang, value, bar):
    figure = charts.chart_parts(dataset, "ethnic_composition_population", {}, lang).figure
    said = [s for s in hovers(figure) if f"<b>{value}</b>" in s]
    assert len(said) == 1, hovers(figure)
    assert figure.data[0].hovertemplate == figures.BAR_HOVER
    assert f"<br>{bar}<br>" in said[0] and said[0].endswith(f"{PARA[lang]} 58<extra></extra>")


def test_markup_in_a_bar_name_stays_text_in_its_tooltip(tmp_path):
    """A bar's name that holds markup (a value of the store, here edited) reaches the tooltip as entities, not tags."""
    import pandas as pd
    from app_fixtures import HOSTILE, plain_copy

    folder = plain_copy(data.data_dir(), tmp_path / "processed")
    observations = pd.read_parquet(folder / "observations.parquet")
    russes = (observations.indicator_id == "ethnic_composition_population") & (observations.group == "Russes")
    assert russes.sum() == 1
    observations.loc[russes, "group"] = HOSTILE
    observations.to_parquet(folder / "observations.parquet", index=False)
    with app_reading(folder):
        figure = charts.chart_parts(data.load(), "ethnic_composition_population", {}, "fr").figure
    said = next(s for s in hovers(figure) if s.startswith(f"<b>2{NNBSP}900{NNBSP}000 personnes</b>"))
    assert "&lt;script&gt;" in said and "<script" not in said and "<img" not in said
