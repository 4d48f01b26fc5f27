"""The plotly figures of charts, drawn from what `dashboard/charts.py` decided: no data is read and no word chosen here.

Each kind of chart has its plot (`LinePlot`, `StackedPlot`, `BarPlot`, `CardPlot`), every text on it already
written; `draw` makes its figure. Value labels are placed so that they never overlap; the rest is on hover.
`framing.framed` bakes a chart's title, notes and source into a fixed-size figure for images, in a theme.
"""

import textwrap
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

# Okabe-Ito: told apart with every common colour-vision deficiency (their yellow is too light on white).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
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
GRAPH_CONFIG: Any = {  # dcc.Graph's `config` (Dash's TypedDict)
    "displayModeBar": False,
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "scrollZoom": False,
    "doubleClick": False,
    "responsive": True,
}
# A tooltip in the reader's words, never plotly's "x=…<br>y=…": the value with its unit (its qualifier in words),
# what it counts (the series, or the bar's name), the period, the paragraph. Every piece is text made inert and
# formatted in the page's language by `chart_text.point_data`; plotly formats no number of it.
HOVER = "<b>%{customdata[5]}</b><br>%{fullData.name}<br>%{customdata[2]}<br>%{customdata[4]}<extra></extra>"
BAR_HOVER = "<b>%{customdata[5]}</b><br>%{y}<br>%{customdata[2]}<br>%{customdata[4]}<extra></extra>"  # %{y}: the bar
SEPARATORS = {"fr": ",\u202f", "en": ".,"}  # plotly's decimal and thousands marks, for anything it formats itself
# Label placement works in pixels of a plot about this size (a phone's page); larger images place them again.
PLOT_W, PLOT_PX, MARKER_PX = 320, 300, 6
BAR_PX, BAR_LINE_PX, FACET_TITLE_PX, FACET_GAP_PX = 30, 12, 30, 14
PAGE_HEIGHT = 440
# Image sizes in layout pixels: a 16:9 slide, half an A4 page at 150 dpi, a social-media square.
SIZES = {"slide": (1280, 720), "a4": (1240, 877), "square": (1080, 1080)}
DEFAULT_SIZE = "slide"
PARTIAL_FILL = "rgba(91, 103, 117, 0.09)"
THEMES = ("light", "dark")


@dataclass(frozen=True)
class Points:
    """Values drawn together (a run of a line, a part of stacked columns, a panel of bars), each with its texts."""

    name: str
    x: list[object]
    y: list[object]
    text: list[str]
    customdata: list[list[object]]  # position, value, period, qualifier, paragraph, value with unit: hover and click


@dataclass(frozen=True)
class LineTrace:
    """One run of a line (`solid`: joined) or its points apart (hollow), in the colour of series number `series`."""

    points: Points
    series: int
    solid: bool
    legend: bool


@dataclass(frozen=True)
class LinePlot:
    """Lines over a category time axis: the periods said in order, the bands of partial periods, the value axis."""

    traces: list[LineTrace]
    categories: list[str]
    partial: list[int]  # positions on the time axis of partial periods, drawn on a light band
    axis_title: str
    ticks: list[float]
    ticktext: list[str]
    y_max: float
    lang: str
    legend: bool


@dataclass(frozen=True)
class StackedPlot:
    """100 % stacked columns, one per period (in `categories`), one part per series (largest first)."""

    parts: list[Points]
    categories: list[str]
    axis_title: str
    ticktext: list[str]
    lang: str


@dataclass(frozen=True)
class BarPlot:
    """Horizontal bars, one panel per date (`titles` above each when there are several), on one value scale."""

    panels: list[Points]  # horizontal: x holds the values, y the bars' names
    titles: list[str]
    top: float
    lang: str


@dataclass(frozen=True)
class CardPlot:
    """A single value as a figure (for images): its lines, each with its size relative to the text."""

    lines: list[tuple[str, float]]
    lang: str


@dataclass(frozen=True)
class ChartWarning:
    """A check about a figure of the chart that is not plainly consistent, said in a sentence, with its verdict group:
    `inconsistent` (the report's figures disagree: red) or `qualified` (they agree only on a condition: amber)."""

    text: str
    verdict: str


@dataclass(frozen=True)
class Frame:
    """What an image prints around its plot: title, subtitle, the report's inconsistencies, notes, source."""

    title: str
    subtitle: str
    kind: str
    warnings: list[ChartWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""


Plot = LinePlot | StackedPlot | BarPlot | CardPlot


def draw(plot: Plot) -> go.Figure:
    """The figure of a plot."""
    if isinstance(plot, CardPlot):
        return card_figure(plot)
    if isinstance(plot, BarPlot):
        return bar_figure(plot)
    if isinstance(plot, StackedPlot):
        return stacked_figure(plot)
    return line_figure(plot)


def page_height(figure: go.Figure) -> int:
    """The height the page gives a figure (bars grow with their number)."""
    return int(figure.layout.height or PAGE_HEIGHT)


def _layout(lang: str, **extra: object) -> dict:
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


def line_figure(plot: LinePlot) -> go.Figure:
    """Lines joining comparable periods only; partial or odd periods as hollow points apart; labels that never overlap."""
    traces = [_line_trace(trace) for trace in plot.traces]
    # A light band behind a partial period: it is not a whole year and is not joined to the others.
    shapes = [
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
        for position in plot.partial
    ]
    layout = _layout(plot.lang, showlegend=plot.legend, shapes=shapes)
    layout["xaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": plot.categories,
        "range": [-0.5, len(plot.categories) - 0.5],
        "automargin": True,
        "fixedrange": True,
    }
    layout["yaxis"] = {
        "title": {"text": plot.axis_title},
        "range": [0, plot.y_max],
        "tickvals": plot.ticks,
        "automargin": True,
        "ticktext": plot.ticktext,
        "fixedrange": True,
    }
    return go.Figure(place_line_labels({"data": traces, "layout": layout}))


def _line_trace(trace: LineTrace) -> dict:
    points, color = trace.points, COLORS[trace.series % len(COLORS)]
    joined = trace.solid and len(points.y) > 1
    return {
        "type": "scatter",
        "x": points.x,
        "y": points.y,
        "name": "<br>".join(textwrap.wrap(points.name, 44, break_long_words=False)),
        "legendgroup": points.name,
        "showlegend": trace.legend,
        "mode": ("lines+" if joined else "") + "markers+text",
        "text": points.text,
        "meta": {"labels": points.text},
        "textfont": {"color": color},
        "cliponaxis": False,
        "customdata": points.customdata,
        "hovertemplate": HOVER,
        "line": {"color": color, "width": 2.5},
        "marker": {
            "size": 10,
            "color": color,
            "symbol": "circle" if trace.solid else "circle-open",
            "line": {"width": 2, "color": color},
        },
    }


def place_line_labels(spec: dict, plot_w: float = PLOT_W, plot_h: float = PLOT_PX, font_px: float = 12) -> dict:
    """Each point's label above or below it where it clears every marker and label around; else it is on hover only.

    Works on the figure's dict alone (labels kept in each trace's meta), so an image places them again for its size.
    """
    chosen = _label_places(_labelled_points(spec, plot_w, plot_h), font_px)
    for index, trace in enumerate(spec["data"]):
        labels = (trace.get("meta") or {}).get("labels")
        if labels is not None:
            placed = [chosen.get((index, k), "") for k in range(len(labels))]
            trace["textposition"] = [w or "top center" for w in placed]
            trace["text"] = [text if w else "" for text, w in zip(labels, placed)]
    return spec


# A labelled point in pixels: (value, trace index, point index, x px, y px, label).
Labelled = tuple[float, int, int, float, float, str]


def _labelled_points(spec: dict, plot_w: float, plot_h: float) -> list[Labelled]:
    """Every point with a label, where it sits in a plot `plot_w` × `plot_h` pixels."""
    categories = list(spec["layout"]["xaxis"].get("categoryarray") or [])
    y_max = spec["layout"]["yaxis"].get("range", [0, 1])[1] or 1
    step = plot_w / max(1, len(categories))
    points = []
    for index, trace in enumerate(spec["data"]):
        labels = (trace.get("meta") or {}).get("labels", [])
        for k, (x, y) in enumerate(zip(trace["x"], trace["y"])):
            if x in categories and y is not None and k < len(labels):
                points.append((y, index, k, (categories.index(x) + 0.5) * step, y / y_max * plot_h, labels[k]))
    return points


def _label_places(points: list[Labelled], font_px: float) -> dict[tuple[int, int], str]:
    """Above or below each point, highest values first, where its label overlaps no marker nor placed label."""
    label_h = font_px * 1.25
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
    return chosen


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


# Stacked: shares of a whole over time.


def stacked_figure(plot: StackedPlot) -> go.Figure:
    """100 % stacked columns, one per period, the largest part at the bottom; labels only where they fit."""
    traces = [
        {
            "type": "bar",
            "x": part.x,
            "y": part.y,
            "name": part.name,
            "marker": {"color": COLORS[index % len(COLORS)]},
            "text": part.text,
            "textposition": "inside",
            "insidetextanchor": "middle",
            "textangle": 0,
            "customdata": part.customdata,
            "hovertemplate": HOVER,
        }
        for index, part in enumerate(plot.parts)
    ]
    layout = _layout(plot.lang, barmode="stack", showlegend=True, uniformtext={"minsize": 10, "mode": "hide"})
    layout["legend"]["traceorder"] = "normal"
    layout["xaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": plot.categories,
        "fixedrange": True,
    }
    layout["yaxis"] = {
        "title": {"text": plot.axis_title},
        "range": [0, 101],
        "tickvals": [0, 25, 50, 75, 100],
        "ticktext": plot.ticktext,
        "fixedrange": True,
    }
    return go.Figure({"data": traces, "layout": layout})


# Bars: a breakdown, one panel per date.


def bar_figure(plot: BarPlot) -> go.Figure:
    """Horizontal bars, one panel per date, on one value scale."""
    traces, layout = [], {}
    for index, panel in enumerate(plot.panels):
        axis = "" if index == 0 else str(index + 1)
        traces.append(
            {
                "type": "bar",
                "x": panel.x,
                "y": panel.y,
                "orientation": "h",
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "name": panel.name,
                "marker": {"color": COLORS[index % len(COLORS)]},
                "text": panel.text,
                "textposition": "outside",
                "cliponaxis": False,
                "constraintext": "none",
                "customdata": panel.customdata,
                "hovertemplate": BAR_HOVER,
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
            "range": [0, plot.top * 1.3],
            "visible": False,
            "fixedrange": True,
            **({"matches": "x"} if index else {}),
        }
    # A wrapped name needs a taller row.
    label_lines = sum(str(name).count("<br>") for panel in plot.panels for name in panel.y)
    plot_px = (
        sum(len(panel.y) for panel in plot.panels) * BAR_PX
        + label_lines * BAR_LINE_PX
        + len(plot.titles) * FACET_TITLE_PX
        + (len(plot.panels) - 1) * FACET_GAP_PX
    )
    height = max(200, min(900, plot_px + 40))
    figure = _layout(
        plot.lang,
        showlegend=False,
        bargap=0.3,
        height=height,
        margin={"l": 10, "r": 20, "t": 20, "b": 20},
        meta={"facets": [len(panel.y) for panel in plot.panels], "facet_titles": plot.titles},
        **layout,
    )
    return go.Figure(fit_facets({"data": traces, "layout": figure}, height - 40))


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


def card_figure(plot: CardPlot) -> go.Figure:
    """The number card as a figure (for images): the value large, what it counts and its period beneath."""
    heights = [size * 0.075 for _, size in plot.lines]  # in paper fractions, for a plot about 300 px high
    y = 0.5 + sum(heights) / 2
    annotations = []
    for (text, size), height in zip(plot.lines, heights):
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
        plot.lang,
        showlegend=False,
        meta={"card": True},
        annotations=annotations,
        xaxis={"visible": False, "range": [0, 1], "fixedrange": True},
        yaxis={"visible": False, "range": [0, 1], "fixedrange": True},
    )
    return go.Figure({"data": [], "layout": layout})
