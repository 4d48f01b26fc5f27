"""One chart, four places: the indicator page, the /embed iframe, the PNG/SVG API and the briefing pack.

`chart_parts` decides everything a chart must carry on its own (title, subtitle, unit, notes, the
report's own inconsistencies, source line, a text alternative generated from the data, and the plot
itself), here and only here: it reads the rows from the data, asks `dashboard/shapes.py` what shape
they have and `dashboard/chart_text.py` for the words, and hands `dashboard/figures.py` a plot whose
every text is written. `briefing_figure` bakes the parts into a fixed-size figure for static images.
"""

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from contract import periods
from contract.records import CatalogEntry
from dashboard import data, framing, series, shapes
from dashboard.chart_text import (
    Card,
    Series,
    bar_labels,
    card_of,
    chart_notes,
    check_warnings,
    description_text,
    inert,
    inert_point,
    period_said,
    point_data,
    series_of,
    source_text,
    subtitle_text,
    tick_text,
    unit_title,
)
from dashboard.figures import (
    BarPlot,
    CardPlot,
    ChartWarning,
    Frame,
    LinePlot,
    LineTrace,
    Plot,
    Points,
    StackedPlot,
    draw,
)
from dashboard.i18n import axis_number, chart_label, language, short_value, t, title
from dashboard.memo import memoized

# The dimension values chosen in a query: {dimension: [values]}; a dimension not named keeps all.
Choice = dict[str, list[str]]


@dataclass
class ChartParts:
    """A chart and everything printed around it; the same for every place that shows it.

    Parts are kept and shared: copy `figure` before changing it (`briefing_figure` and the embed do).
    """

    indicator_id: str
    title: str
    subtitle: str
    unit: str
    notes: list[str]
    source: str
    symbol: str
    paragraphs: list[int]
    description: str
    figure: go.Figure
    rows: pd.DataFrame = field(repr=False)
    chosen: Choice = field(default_factory=dict)
    kind: str = "lines"
    card: Card | None = None
    warnings: list[ChartWarning] = field(default_factory=list)
    report_id: str = ""


def selection(dataset: data.Dataset, indicator_id: str, query: dict[str, object]) -> Choice:
    """The dimension values chosen in a query ({dimension: [values]}); a dimension not named keeps all."""
    chosen = {}
    for dimension in dataset.dimensions_of(indicator_id):
        if dimension in query:
            asked = query[dimension]
            values = asked if isinstance(asked, list) else [asked]
            chosen[dimension] = [v for v in values if isinstance(v, str) and v]
    return chosen


def selected_rows(dataset: data.Dataset, indicator_id: str, chosen: Choice) -> pd.DataFrame:
    """The indicator's rows kept by the dimension choice."""
    rows = dataset.observations_of(indicator_id)
    for dimension, values in chosen.items():
        rows = rows[rows[dimension].isin(values)]
    return rows


def chart_parts(
    dataset: data.Dataset, indicator_id: str, query: dict[str, object] | None = None, lang: str = "fr"
) -> ChartParts | None:
    """Everything about one indicator's chart for the dimension choice in `query`; None for an unknown id.

    Kept per data version, indicator, choice and language: the page, the embed and the images ask for the same parts.
    """
    if dataset.indicator(indicator_id) is None:
        return None
    chosen = selection(dataset, indicator_id, query or {})
    return _chart_parts(dataset, indicator_id, tuple((k, tuple(v)) for k, v in sorted(chosen.items())), language(lang))


@memoized(max_entries=256)
def _chart_parts(
    dataset: data.Dataset, indicator_id: str, choice: tuple[tuple[str, tuple[str, ...]], ...], lang: str
) -> ChartParts:
    entry = dataset.known_indicator(indicator_id)
    chosen = {dimension: list(values) for dimension, values in choice}
    rows = selected_rows(dataset, indicator_id, chosen)
    if series.is_series(dataset, indicator_id):  # each point names its own document
        rows = series.with_documents(dataset, rows)
    kind = shapes.drawn_kind(entry, rows)
    paragraphs = sorted(int(p) for p in rows.paragraph.unique()) or list(entry.paragraphs)
    symbol = dataset.symbol(entry.report_id)
    return ChartParts(
        indicator_id=indicator_id,
        title=title(entry, lang),
        subtitle=subtitle_text(entry, rows, chosen, lang, kind),
        unit=unit_title(entry, rows, lang),
        notes=chart_notes(entry, rows, lang, kind),
        source=series.source_of_series(dataset, rows, lang)
        if "symbol" in rows
        else source_text(symbol, paragraphs, lang),
        symbol=symbol,
        paragraphs=paragraphs,
        description=description_text(entry, rows, lang, kind),
        figure=draw(plot_of(kind, entry, rows, lang)),
        rows=rows,
        chosen=chosen,
        kind=kind,
        card=card_of(entry, rows, lang) if kind == "card" else None,
        warnings=check_warnings(
            dataset.checks_of(indicator_id), lang, set(dataset.observations_of(indicator_id).claim_id.dropna())
        ),
        report_id=entry.report_id,
    )


def indicator_figure(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> go.Figure:
    """The figure of an indicator's rows, of the kind they and the definition call for."""
    return draw(plot_of(shapes.chart_kind(entry, rows), entry, rows, lang))


def plot_of(kind: str, entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> Plot:
    """The plot of one indicator's rows drawn as `kind`, every text on it written."""
    if kind == "card":
        return card_plot(card_of(entry, rows, lang), lang)
    if kind == "bars":
        return bar_plot(entry, rows, lang)
    if kind == "stacked":
        return stacked_plot(entry, rows, lang)
    return line_plot(series_of(entry, rows, lang), unit_title(entry, rows, lang), lang)


def line_plot(series: list[Series], axis_title: str, lang: str) -> LinePlot:
    """Lines of comparable periods; partial or odd periods as points apart, on a band; round ticks."""
    categories = shapes.line_categories([p for s in series for p in s.rows.period])
    x_of = {p: tick_text(period_said(p, series[0].entry, lang)) for p in categories}
    top = max([v for s in series for v in s.rows.value.dropna()] + [0])
    ticks = shapes.nice_ticks(top)
    units = {u for s in series for u in shapes.units_of(s.rows)}
    unit = next(iter(units)) if len(units) == 1 else None
    traces, partial = [], set()
    for index, one in enumerate(series):
        runs, apart, usual = shapes.line_runs(one.rows)
        drawn = [(run, True) for run in runs] + ([(apart, False)] if len(apart) else [])
        with_unit = shapes.mixed_units(one.rows)
        for number, (run, solid) in enumerate(drawn):
            points = _line_points(one, run, usual, x_of, lang, with_unit)
            traces.append(LineTrace(points, series=index, solid=solid, legend=number == 0))
        partial |= {p for p in apart.period if periods.is_partial(p, usual)}
    return LinePlot(
        traces=traces,
        categories=[x_of[p] for p in categories],
        partial=sorted(categories.index(p) for p in partial),
        axis_title=inert(axis_title),
        ticks=ticks,
        ticktext=[inert(axis_number(v, unit, lang)) for v in ticks],
        y_max=max(ticks[-1], top * 1.15),
        lang=lang,
        legend=len(series) > 1,
    )


def _line_points(
    one: Series, rows: pd.DataFrame, usual: int | None, x_of: dict[str | None, str], lang: str, with_unit: bool
) -> Points:
    return Points(
        name=inert(one.name),
        x=[x_of[p if periods.parse(p) else None] for p in rows.period],
        y=list(rows.value),
        text=[inert(chart_label(v, q, u, lang, with_unit)) for v, q, u in zip(rows.value, rows.qualifier, rows.unit)],
        customdata=[inert_point(point_data(r, one.entry, lang, usual)) for r in rows.itertuples()],
    )


def stacked_plot(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> StackedPlot:
    """100 % stacked columns, one per period, the largest part at the bottom."""
    order = periods.ordered(rows.period)
    x_of = {p: tick_text(period_said(p, entry, lang)) for p in order}
    usual = periods.usual_span(rows.period)
    parts = []
    for one in sorted(series_of(entry, rows, lang), key=lambda s: -s.rows.value.mean()):
        group = one.rows[one.rows.value.notna()]
        group = group.iloc[sorted(range(len(group)), key=lambda i: order.index(group.period.iloc[i]))]
        parts.append(
            Points(
                name=inert(one.name),
                x=[x_of[p] for p in group.period],
                y=list(group.value),
                text=[inert(short_value(v, q, u, lang)) for v, q, u in zip(group.value, group.qualifier, group.unit)],
                customdata=[inert_point(point_data(r, entry, lang, usual)) for r in group.itertuples()],
            )
        )
    return StackedPlot(
        parts=parts,
        categories=[x_of[p] for p in order],
        axis_title=inert(unit_title(entry, rows, lang)),
        ticktext=[inert(axis_number(v, "%", lang)) for v in (0, 25, 50, 75, 100)],
        lang=lang,
    )


def bar_plot(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> BarPlot:
    """Horizontal bars, largest first (in the definition's order when units differ), one panel per date."""
    rows = rows[rows.value.notna()]
    facets = shapes.date_facets(rows)
    panels = []
    for period, facet in facets:
        with_unit = shapes.mixed_units(facet)
        group = facet if with_unit else facet.sort_values("value", ascending=False, kind="stable")
        panels.append(
            Points(
                name=inert(period_said(period, entry, lang)),
                x=list(group.value),
                y=list(bar_labels(entry, group, lang)),
                text=[
                    inert(chart_label(v, q, u, lang, with_unit))
                    for v, q, u in zip(group.value, group.qualifier, group.unit)
                ],
                customdata=[inert_point(point_data(r, entry, lang)) for r in group.itertuples()],
            )
        )
    titles = (
        [inert(period_said(p, entry, lang) if p else t(lang, "undated_title")) for p, _ in facets]
        if len(facets) > 1
        else []
    )
    return BarPlot(panels=panels, titles=titles, top=max([*list(rows.value), 0]) or 1, lang=lang)


def card_plot(card: Card, lang: str) -> CardPlot:
    """The number card's lines: the qualifier, the value large with its unit small, what it counts, its period."""
    number = f"<b>{inert(card.number)}</b>" + (
        f" <span style='font-size:70%'>{inert(card.unit)}</span>" if card.unit else ""
    )
    lines = ((inert(card.qualifier), 1.5), (number, 3.2), (inert(card.what), 1.3), (inert(card.period), 1.3))
    return CardPlot(lines=[(text, size) for text, size in lines if text], lang=lang)


def briefing_figure(parts: ChartParts, width: int, height: int, theme: str = "light") -> go.Figure:
    """The chart with its title, subtitle, the report's inconsistencies, notes and source line inside, for a fixed-size image."""
    frame = Frame(parts.title, parts.subtitle, parts.kind, parts.warnings, parts.notes, parts.source)
    return framing.framed(parts.figure, frame, width, height, theme)
