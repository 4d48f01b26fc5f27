"""The plots: which chart fits a table, and the plotly figure of each kind.

Chosen from the rows and the definition together (issue 10):
- `card`: a single value is a number, not a one-point line;
- `lines`: counts over time; a line joins only comparable periods (`periods.comparable`), and a
  partial period (`periods.is_partial` against the series' usual length) is a hollow point of its own;
- `stacked`: shares of a whole over time, stacked to 100 % only when each period's shares add up
  to 100 within rounding (the sum check that proves the parts make the whole);
- `bars`: everything else, as horizontal bars, one panel per date, so that values of different
  dates (two campaigns, a census and a later estimate) are never stacked nor read as one.
Value labels are placed so that they never overlap; the rest is on hover.
"""

import math
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from contract import periods
from dashboard.i18n import (
    QUALIFIER_WORDS,
    axis_number,
    format_compact,
    format_period,
    format_value,
    label,
    short_value,
    t,
    unit_word,
    with_unit_sign,
)

# Okabe-Ito: told apart with every common colour-vision deficiency (their yellow is too light on white).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MONEY_UNITS = ("KZT", "USD", "EUR")
BAR_CHARTS = ("composition", "breakdown")
KINDS = ("card", "lines", "stacked", "bars")
# A few keys of plotly_white: naming the full template deep-copies it, about 14 ms per figure.
CHART_TEMPLATE = go.layout.Template(
    layout={
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "colorway": list(COLORS),
        "xaxis": {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "ticks": ""},
        "yaxis": {
            "gridcolor": "#ebf0f8",
            "linecolor": "#ebf0f8",
            "zerolinecolor": "#ebf0f8",
            "zerolinewidth": 2,
            "ticks": "",
        },
    }
)
# No mode bar: no cloud "Share", no camera saving an image without title or source (the page's Image
# menu does that), no zoom on charts of a few points (a drag would only get in the way of scrolling on a phone).
GRAPH_CONFIG = {
    "displayModeBar": False,
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "scrollZoom": False,
    "doubleClick": False,
    "responsive": True,
}
HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}<extra>%{fullData.name}</extra>"
)
SEPARATORS = {"fr": ",\u202f", "en": ".,"}  # plotly's decimal and thousands marks, for anything it formats itself
# Label placement works in pixels of a plot about this size (a phone's page); larger images place them again.
PLOT_W, PLOT_PX, MARKER_PX = 320, 300, 6
BAR_PX, BAR_LINE_PX, FACET_TITLE_PX, FACET_GAP_PX = 30, 12, 30, 14
PAGE_HEIGHT = 440
# Image sizes in layout pixels: a 16:9 slide, half an A4 page at 150 dpi, a social-media square.
SIZES = {"slide": (1280, 720), "a4": (1240, 877), "square": (1080, 1080)}
DEFAULT_SIZE = "slide"
PARTIAL_FILL = "rgba(91, 103, 117, 0.09)"


@dataclass(frozen=True)
class Series:
    """One line of a chart: its name, its rows and the catalogue entry that says how to label them."""

    name: str
    rows: pd.DataFrame
    entry: dict


# Words on the chart.


def units_of(rows: pd.DataFrame) -> list[str]:
    """The distinct units of the rows, in their order (an indicator may mix 'cases' and 'persons')."""
    return [u for u in dict.fromkeys(rows.unit) if isinstance(u, str) and u]


def mixed_units(rows: pd.DataFrame) -> bool:
    """Whether the rows hold values in more than one unit."""
    return len(units_of(rows)) > 1


def unit_title(entry: dict, rows: pd.DataFrame, lang: str) -> str:
    """The value axis title: the indicator's unit label, or every unit when the rows mix them."""
    units = units_of(rows)
    own = entry["unit_label"][lang]
    # A definition that mixes units says so in its label ('affaires / personnes'): keep it.
    if (len(units) <= 1 and (not units or units[0] == entry.get("unit"))) or (len(units) > 1 and "/" in own):
        return own
    return " / ".join(own if u == entry.get("unit") else unit_word(u, lang) for u in units)


def value_label(value: float, qualifier, unit, lang: str, with_unit: bool = False) -> str:
    """A value in words ('plus de 14 900'); with `with_unit`, a count unit ('persons') follows the number."""
    return _with_count_unit(format_value(value, qualifier, unit, lang), unit, lang, with_unit)


def chart_label(value: float, qualifier, unit, lang: str, with_unit: bool = False) -> str:
    """A value as printed on a chart, short: '< 0,03 %', '> 14 900', '14,4 M'."""
    return _with_count_unit(short_value(value, qualifier, unit, lang), unit, lang, with_unit)


def _with_count_unit(text: str, unit, lang: str, with_unit: bool) -> str:
    if with_unit and isinstance(unit, str) and unit and unit != "%" and unit not in MONEY_UNITS:
        return f"{text} {unit_word(unit, lang)}"
    return text


def period_said(period, entry: dict, lang: str) -> str:
    """A period as a label says it; a missing one says so ('date non précisée')."""
    return format_period(period, lang, entry.get("labels_en")) if periods.parse(period) else t(lang, "undated")


def point_data(row, entry: dict, lang: str, usual: int | None = None) -> list:
    """What a chart point carries for hover and click: position, value, period, qualifier, paragraph.

    `usual`: the series' usual period length, against which a period is said partial; None where there is no time axis.
    """
    qualifier = QUALIFIER_WORDS[lang].get(row.qualifier, "")
    period = period_said(row.period, entry, lang)
    if usual is not None and periods.is_partial(row.period, usual):
        period = f"{period} ({t(lang, 'partial')})"
    return [
        int(row.position),
        format_value(row.value, row.qualifier, row.unit, lang),
        period,
        qualifier,
        f"{t(lang, 'para')} {int(row.paragraph)}",
    ]


# Which chart.


def series_of(entry: dict, rows: pd.DataFrame, lang: str) -> list[Series]:
    """The rows split by the first dimension (one series per value), else one series named by the title."""
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    if not dimensions:
        return [Series(entry["title"][lang], rows, entry)]
    return [
        Series(label(value, lang, entry.get("labels_en")) or entry["title"][lang], group, entry)
        for value, group in rows.groupby(dimensions[0], sort=False, dropna=False)
    ]


def chart_kind(entry: dict, rows: pd.DataFrame) -> str:
    """card, lines, stacked or bars: from the number of values, their periods and the definition's chart."""
    rows = rows[rows.value.notna()]
    if len(rows) == 1:
        return "card"
    if entry["chart"] in BAR_CHARTS or not _over_time(entry, rows):
        return "bars"
    return "stacked" if shares_of_a_whole(entry, rows) else "lines"


def _over_time(entry: dict, rows: pd.DataFrame) -> bool:
    """Whether some series has values at two or more dates (a time series of one date is a breakdown)."""
    return any(len(set(s.rows.period.dropna())) >= 2 for s in series_of(entry, rows, "fr"))


def shares_of_a_whole(entry: dict, rows: pd.DataFrame) -> bool:
    """Percentages by a dimension whose values add up to 100 at every date, within the rounding of each."""
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    if not dimensions or set(rows.unit) != {"%"} or rows.period.isna().any() or set(rows.qualifier) != {"exact"}:
        return False
    for _, group in rows.groupby("period"):
        slack = sum(_rounding(v) for v in group.value)
        if len(group) < 2 or abs(group.value.sum() - 100) > slack + 1e-9:
            return False
    return True


def _rounding(value: float) -> float:
    """Half a unit of the last decimal a value is written with (66 -> 0.5, 66.2 -> 0.05, 0.07 -> 0.005)."""
    decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
    return 0.5 * 10**-decimals


def figure_for(kind: str, entry: dict, rows: pd.DataFrame, lang: str) -> go.Figure:
    """The figure of one indicator's rows drawn as `kind`."""
    if kind == "card":
        return card_figure(entry, rows, lang)
    if kind == "bars":
        return bar_figure(entry, rows, lang)
    if kind == "stacked":
        return stacked_figure(entry, rows, lang)
    return line_figure(series_of(entry, rows, lang), unit_title(entry, rows, lang), lang)


def time_span(entry: dict, rows: pd.DataFrame) -> int | None:
    """The usual period length of a chart with a time axis (what 'partial' is measured against); None for bars and cards."""
    return periods.usual_span(rows.period) if chart_kind(entry, rows) in ("lines", "stacked") else None


def page_height(figure: go.Figure) -> int:
    """The height the page gives a figure (bars grow with their number)."""
    return int(figure.layout.height or PAGE_HEIGHT)


def _layout(lang: str, **extra) -> dict:
    """The layout every chart starts from; built as one dict (plotly's update calls cost ~10 ms each)."""
    return {
        "template": CHART_TEMPLATE,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
        "height": PAGE_HEIGHT,
        "clickmode": "event",
        "separators": SEPARATORS.get(lang, SEPARATORS["en"]),
        "dragmode": False,
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        **extra,
    }


# Lines: counts over time.


def tick_text(text: str) -> str:
    """A period under the time axis, on two lines when long ('1er semestre<br>2025'), so it never has to tilt."""
    return "<br>".join(textwrap.wrap(text, 12, break_long_words=False)) if len(text) > 12 else text


def line_categories(series: list[Series]) -> list:
    """The periods along the time axis in order, missing years and school years filled in, undated last."""
    found = [p for s in series for p in s.rows.period if periods.parse(p)]
    categories = set(found) | _missing_years(found)
    undated = [None] if any(not periods.parse(p) for s in series for p in s.rows.period) else []
    return sorted(categories, key=periods.sort_key) + undated


def _missing_years(found: list[str]) -> set[str]:
    """Years (or school years) between the first and last one found, so that a gap shows as a gap."""
    filled = set()
    for grain, make in (("year", str), ("school_year", periods.school_year)):
        years = [periods.parse(p).first[0] for p in found if periods.parse(p).grain == grain]
        if len(years) >= 2:
            filled |= {make(y) for y in range(min(years), max(years) + 1)}
    return filled


def line_runs(rows: pd.DataFrame) -> tuple[list[pd.DataFrame], pd.DataFrame, int | None]:
    """The runs a line may join (consecutive comparable whole periods), the points drawn apart, and the usual span."""
    rows = rows[rows.value.notna()]
    usual = periods.usual_span(rows.period)
    whole = rows[[periods.parse(p) is not None and not periods.is_partial(p, usual) for p in rows.period]]
    whole = whole.iloc[sorted(range(len(whole)), key=lambda i: periods.sort_key(whole.period.iloc[i]))]
    runs, current, previous = [], [], None
    for index, period in zip(whole.index, whole.period):
        if current and not periods.comparable(previous, period):
            runs.append(current)
            current = []
        current.append(index)
        previous = period
    if current:
        runs.append(current)
    apart = rows.drop(index=[i for run in runs for i in run])
    return [whole.loc[run] for run in runs], apart, usual


def line_figure(series: list[Series], axis_title: str, lang: str) -> go.Figure:
    """Lines joining comparable periods only; partial or odd periods as hollow points apart; labels that never overlap."""
    categories = line_categories(series)
    x_of = {p: tick_text(period_said(p, series[0].entry, lang) if p else t(lang, "undated")) for p in categories}
    top = max([v for s in series for v in s.rows.value.dropna()] + [0])
    ticks = nice_ticks(top)
    y_max = max(ticks[-1], top * 1.15)
    units = {u for s in series for u in units_of(s.rows)}
    traces, shapes, partial = [], [], set()
    for index, one in enumerate(series):
        color = COLORS[index % len(COLORS)]
        runs, apart, usual = line_runs(one.rows)
        drawn = [(run, True) for run in runs] + ([(apart, False)] if len(apart) else [])
        for number, (run, solid) in enumerate(drawn):
            traces.append(_line_trace(one, run, usual, x_of, color, solid, number == 0, lang, mixed_units(one.rows)))
        partial |= {p for p in apart.period if periods.is_partial(p, usual)}
    for period in partial:
        position = categories.index(period)
        # A light band behind a partial period: it is not a whole year and is not joined to the others.
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": position - 0.5,
                "x1": position + 0.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": PARTIAL_FILL,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    unit = next(iter(units)) if len(units) == 1 else None
    layout = _layout(lang, showlegend=len(series) > 1, shapes=shapes)
    layout["xaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": [x_of[p] for p in categories],
        "range": [-0.5, len(categories) - 0.5],
        "automargin": True,
        "fixedrange": True,
    }
    layout["yaxis"] = {
        "title": {"text": axis_title},
        "range": [0, y_max],
        "tickvals": ticks,
        "automargin": True,
        "ticktext": [axis_number(v, unit, lang) for v in ticks],
        "fixedrange": True,
    }
    return go.Figure(place_line_labels({"data": traces, "layout": layout}))


def _line_trace(
    one: Series,
    rows: pd.DataFrame,
    usual,
    x_of: dict,
    color: str,
    solid: bool,
    legend: bool,
    lang: str,
    with_unit: bool,
) -> dict:
    joined = solid and len(rows) > 1
    labels = [chart_label(v, q, u, lang, with_unit) for v, q, u in zip(rows.value, rows.qualifier, rows.unit)]
    return {
        "type": "scatter",
        "x": [x_of[p if periods.parse(p) else None] for p in rows.period],
        "y": list(rows.value),
        "name": "<br>".join(textwrap.wrap(one.name, 44)),
        "legendgroup": one.name,
        "showlegend": legend,
        "mode": ("lines+" if joined else "") + "markers+text",
        "text": labels,
        "meta": {"labels": labels},
        "textfont": {"color": color},
        "cliponaxis": False,
        "customdata": [point_data(r, one.entry, lang, usual) for r in rows.itertuples()],
        "hovertemplate": HOVER,
        "line": {"color": color, "width": 2.5},
        "marker": {
            "size": 10,
            "color": color,
            "symbol": "circle" if solid else "circle-open",
            "line": {"width": 2, "color": color},
        },
    }


def place_line_labels(spec: dict, plot_w: float = PLOT_W, plot_h: float = PLOT_PX, font_px: float = 12) -> dict:
    """Each point's label above or below it where it clears every marker and label around; else it is on hover only.

    Works on the figure's dict alone (labels kept in each trace's meta), so an image places them again for its size.
    """
    categories = list(spec["layout"]["xaxis"].get("categoryarray") or [])
    y_max = spec["layout"]["yaxis"].get("range", [0, 1])[1] or 1
    step = plot_w / max(1, len(categories))
    label_h = font_px * 1.25
    points = []  # (value, trace index, point index, x px, y px, label)
    for index, trace in enumerate(spec["data"]):
        labels = (trace.get("meta") or {}).get("labels", [])
        for k, (x, y) in enumerate(zip(trace["x"], trace["y"])):
            if x in categories and y is not None and k < len(labels):
                points.append((y, index, k, (categories.index(x) + 0.5) * step, y / y_max * plot_h, labels[k]))
    taken = [(x - MARKER_PX, x + MARKER_PX, y - MARKER_PX, y + MARKER_PX) for _, _, _, x, y, _ in points]
    chosen = {}
    for _, index, k, x, y, text in sorted(points, key=lambda p: -p[0]):
        half = len(text) * font_px * 0.3 + 2
        own = (x - MARKER_PX, x + MARKER_PX, y - MARKER_PX, y + MARKER_PX)
        for where, low in (("top center", y + MARKER_PX), ("bottom center", y - MARKER_PX - label_h)):
            box = (x - half, x + half, low, low + label_h)
            if low >= 0 and not any(_overlap(box, other) for other in taken if other != own):
                chosen[(index, k)] = where
                taken.append(box)
                break
    for index, trace in enumerate(spec["data"]):
        labels = (trace.get("meta") or {}).get("labels")
        if labels is not None:
            where = [chosen.get((index, k), "") for k in range(len(labels))]
            trace["textposition"] = [w or "top center" for w in where]
            trace["text"] = [text if w else "" for text, w in zip(labels, where)]
    return spec


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 past `top`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not top or top <= 0 or math.isnan(top):
        return [0, 1]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [round(i * step, 10) for i in range(math.ceil(top / step - 1e-9) + 1)]


# Stacked: shares of a whole over time.


def stacked_figure(entry: dict, rows: pd.DataFrame, lang: str) -> go.Figure:
    """100 % stacked columns, one per period, the largest part at the bottom; labels only where they fit."""
    order = periods.ordered(rows.period)
    x_of = {p: tick_text(period_said(p, entry, lang)) for p in order}
    parts = sorted(series_of(entry, rows, lang), key=lambda s: -s.rows.value.mean())
    usual = periods.usual_span(rows.period)
    traces = []
    for index, one in enumerate(parts):
        group = one.rows[one.rows.value.notna()]
        group = group.iloc[sorted(range(len(group)), key=lambda i: order.index(group.period.iloc[i]))]
        traces.append(
            {
                "type": "bar",
                "x": [x_of[p] for p in group.period],
                "y": list(group.value),
                "name": one.name,
                "marker": {"color": COLORS[index % len(COLORS)]},
                "text": [short_value(v, q, u, lang) for v, q, u in zip(group.value, group.qualifier, group.unit)],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textangle": 0,
                "customdata": [point_data(r, entry, lang, usual) for r in group.itertuples()],
                "hovertemplate": HOVER,
            }
        )
    ticks = [0, 25, 50, 75, 100]
    layout = _layout(lang, barmode="stack", showlegend=True, uniformtext={"minsize": 10, "mode": "hide"})
    layout["legend"]["traceorder"] = "normal"
    layout["xaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": [x_of[p] for p in order],
        "fixedrange": True,
    }
    layout["yaxis"] = {
        "title": {"text": unit_title(entry, rows, lang)},
        "range": [0, 101],
        "tickvals": ticks,
        "ticktext": [axis_number(v, "%", lang) for v in ticks],
        "fixedrange": True,
    }
    return go.Figure({"data": traces, "layout": layout})


# Bars: a breakdown, one panel per date.


def date_facets(rows: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """The rows grouped by their period, in time order; rows without a date last, together."""
    dated = [(p, rows[rows.period == p]) for p in periods.ordered(rows.period)]
    undated = rows[[periods.parse(p) is None for p in rows.period]]
    return dated + ([(None, undated)] if len(undated) else [])


def bar_labels(entry: dict, rows: pd.DataFrame, lang: str, wrap: int | None = 28) -> list[str]:
    """Each bar's name: the dimension values that differ within its panel, wrapped to stay readable."""
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    varying = [d for d in dimensions if rows[d].nunique(dropna=False) > 1] or dimensions
    names = []
    for row in rows.itertuples():
        parts = [label(getattr(row, d), lang, entry.get("labels_en")) for d in varying]
        name = " · ".join(p for p in parts if p) or period_said(row.period, entry, lang)
        names.append(("<br>".join(textwrap.wrap(name, wrap, break_long_words=False)) if wrap else name) or "—")
    return names


def bar_figure(entry: dict, rows: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars, largest first (in the definition's order when units differ), one panel per date."""
    rows = rows[rows.value.notna()]
    facets = date_facets(rows)
    top = max([*list(rows.value), 0]) or 1
    traces, layout = [], {}
    for index, (period, facet) in enumerate(facets):
        axis = "" if index == 0 else str(index + 1)
        with_unit = mixed_units(facet)
        group = facet if with_unit else facet.sort_values("value", ascending=False, kind="stable")
        traces.append(
            {
                "type": "bar",
                "x": list(group.value),
                "y": bar_labels(entry, group, lang),
                "orientation": "h",
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "name": period_said(period, entry, lang),
                "marker": {"color": COLORS[index % len(COLORS)]},
                "text": [
                    chart_label(v, q, u, lang, with_unit) for v, q, u in zip(group.value, group.qualifier, group.unit)
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "constraintext": "none",
                "customdata": [point_data(r, entry, lang) for r in group.itertuples()],
                "hovertemplate": HOVER,
            }
        )
        layout[f"yaxis{axis}"] = {
            "type": "category",
            "autorange": "reversed",
            "automargin": True,
            "fixedrange": True,
            "anchor": f"x{axis}",
            "ticks": "",
            "showgrid": False,
        }
        layout[f"xaxis{axis}"] = {
            "anchor": f"y{axis}",
            "range": [0, top * 1.3],
            "visible": False,
            "fixedrange": True,
            **({"matches": "x"} if index else {}),
        }
    titles = (
        [period_said(p, entry, lang) if p else t(lang, "undated_title") for p, _ in facets] if len(facets) > 1 else []
    )
    label_lines = sum(
        name.count("<br>") for trace in traces for name in trace["y"]
    )  # a wrapped name needs a taller row
    plot_px = (
        sum(len(g) for _, g in facets) * BAR_PX
        + label_lines * BAR_LINE_PX
        + len(titles) * FACET_TITLE_PX
        + (len(facets) - 1) * FACET_GAP_PX
    )
    height = max(200, min(900, plot_px + 40))
    layout = _layout(
        lang,
        showlegend=False,
        bargap=0.3,
        height=height,
        margin={"l": 10, "r": 20, "t": 20, "b": 20},
        meta={"facets": [len(group) for _, group in facets], "facet_titles": titles},
        **layout,
    )
    return go.Figure(fit_facets({"data": traces, "layout": layout}, height - 40))


def fit_facets(spec: dict, plot_px: float, font_px: float = 13) -> dict:
    """Each date's panel placed from the top, its title above it, as high as its bars, for a plot `plot_px` high."""
    layout = spec["layout"]
    meta = layout.get("meta") or {}
    counts, titles = meta.get("facets", []), meta.get("facet_titles", [])
    if not counts:
        return spec
    title_px = FACET_TITLE_PX * font_px / 13 if titles else 0
    fixed = len(counts) * title_px + (len(counts) - 1) * FACET_GAP_PX
    bar_px = max(8.0, (plot_px - fixed) / sum(counts))
    total = fixed + bar_px * sum(counts)
    cursor = 1.0
    annotations = [a for a in layout.get("annotations", []) if a.get("name") != "facet"]
    for index, count in enumerate(counts):
        axis = "" if index == 0 else str(index + 1)
        top = cursor - title_px / total
        bottom = max(0.0, top - bar_px * count / total)
        layout[f"yaxis{axis}"]["domain"] = [bottom, top]
        if titles:
            annotations.append(
                {
                    "name": "facet",
                    "text": f"<b>{titles[index]}</b>",
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": top,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": font_px},
                    "yshift": 2,
                }
            )
        cursor = bottom - FACET_GAP_PX / total
    layout["annotations"] = annotations
    return spec


# Card: a single value.


def card_text(entry: dict, rows: pd.DataFrame, lang: str) -> dict:
    """A single value as a card says it: value (qualifier included), what it counts, period."""
    row = rows[rows.value.notna()].iloc[0]
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    what = " · ".join(
        label(getattr(row, d), lang, entry.get("labels_en")) for d in dimensions if isinstance(getattr(row, d), str)
    )
    counted = isinstance(row.unit, str) and row.unit not in ("%", *MONEY_UNITS)  # % and money are in `number`
    # Worded as the value axis would be: the definition's own word ('221 procédures', as the report says).
    unit_text = unit_title(entry, rows[rows.value.notna()].iloc[:1], lang) if counted else ""
    # Large numbers as the report writes them ('20,3 millions'); the qualifier small, before the number.
    number = with_unit_sign(format_compact(row.value, lang, long=True), row.unit, lang)
    return {
        "value": format_value(row.value, row.qualifier, row.unit, lang),
        "qualifier": QUALIFIER_WORDS[lang].get(row.qualifier, ""),
        "number": number,
        "unit": unit_text,
        "what": what,
        "period": period_said(row.period, entry, lang),
        "paragraph": int(row.paragraph),
        "position": int(row.position),
    }


def card_figure(entry: dict, rows: pd.DataFrame, lang: str) -> go.Figure:
    """The number card as a figure (for images): the value large, what it counts and its period beneath."""
    card = card_text(entry, rows, lang)
    number = f"<b>{card['number']}</b>" + (
        f" <span style='font-size:70%'>{card['unit']}</span>" if card["unit"] else ""
    )
    lines = [
        (text, size)
        for text, size in ((card["qualifier"], 1.5), (number, 3.2), (card["what"], 1.3), (card["period"], 1.3))
        if text
    ]
    heights = [size * 0.075 for _, size in lines]  # in paper fractions, for a plot about 300 px high
    y = 0.5 + sum(heights) / 2
    annotations = []
    for (text, size), height in zip(lines, heights):
        annotations.append(
            {
                "name": "card",
                "text": text,
                "x": 0.5,
                "y": y - height / 2,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 14 * size},
                "xanchor": "center",
                "yanchor": "middle",
            }
        )
        y -= height
    layout = _layout(
        lang,
        showlegend=False,
        meta={"card": True},
        annotations=annotations,
        xaxis={"visible": False, "range": [0, 1], "fixedrange": True},
        yaxis={"visible": False, "range": [0, 1], "fixedrange": True},
    )
    return go.Figure({"data": [], "layout": layout})
