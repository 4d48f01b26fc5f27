"""A chart made an image: its title, subtitle, the report's inconsistencies, notes and source baked into a
figure of a fixed size, its labels placed again for that size, in a theme. Plotly only: the texts are given."""

import copy
import textwrap
from collections.abc import Callable

import plotly.graph_objects as go

from dashboard.chart_text import inert
from dashboard.figures import Frame, fit_facets, place_line_labels
from dashboard.shapes import has_time_axis

# The themes' colours: paper, text, grid, and the warnings' red (figures that disagree) and amber (that agree only
# on a condition), each dark or light enough for text on its paper.
DARK = {
    "paper": "#16202b",
    "plot": "#16202b",
    "ink": "#e8edf2",
    "muted": "#a9b6c3",
    "grid": "#2d3b4a",
    "warn": "#ff8a80",
    "caution": "#ffb74d",
}
LIGHT = {
    "paper": "white",
    "plot": "white",
    "ink": "#1d2733",
    "muted": "#5b6775",
    "grid": "#ebf0f8",
    "warn": "#b3261e",
    "caution": "#8a5300",  # amber dark enough for text on white: 6.3:1 (WCAG AA asks 4.5:1)
}


def framed(figure: go.Figure, parts: Frame, width: int, height: int, theme: str = "light") -> go.Figure:
    """The chart with its title, subtitle, the report's inconsistencies, notes and source line inside, for a fixed-size image."""
    spec = copy.deepcopy(figure.to_plotly_json())
    layout = spec["layout"]
    colors = DARK if theme == "dark" else LIGHT
    base = max(11.0, min(width, height * 1.6) / 80)  # text grows with the image, within reason
    # Every text here comes from the report or its definition: made inert before the figure's own markup is added.
    title = wrapped(parts.title, width - 60, base * 1.55, inert)
    # Red where the report's figures disagree, amber where they agree only on a condition (as on the page).
    warnings = [
        f'<span style="color:{colors["warn" if w.verdict == "inconsistent" else "caution"]}"><b>⚠</b> '
        f"{wrapped(w.text, width - 80, base * 0.9, inert)}</span>"
        for w in parts.warnings
    ]
    footer = "<br>".join(
        warnings
        + [wrapped(note, width - 60, base * 0.85, inert) for note in parts.notes]
        + [wrapped(parts.source, width - 60, base, inert)]
    )
    title_lines, footer_count = title.count("<br>") + 1, footer.count("<br>") + 1
    legend = has_time_axis(parts.kind) and bool(layout.get("showlegend"))
    top = int(base * 1.55 * 1.35 * title_lines + base * 1.1 * 1.4 + 24 + base * (2.2 if legend else 0.8))
    # Category names wrapped on several lines sit under the axis: leave room for them above the footer.
    ticks_below = has_time_axis(parts.kind)
    tick_lines = (
        max((str(x).count("<br>") + 1 for trace in spec["data"] for x in trace.get("x", [])), default=1)
        if ticks_below
        else 0
    )
    bottom = int(base * 1.3 * footer_count + base * 1.3 * tick_lines + base * (2.2 if ticks_below else 0.8) + 24)
    left = int(base * 5) if ticks_below else 30
    layout.update(
        width=width,
        height=height,
        margin={"l": left, "r": 30, "t": top, "b": bottom},
        font={"size": base},
        clickmode="none",
        title={
            "text": f"<b>{title}</b>",
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 16, "l": 0},
            "font": {"size": base * 1.55},
            "subtitle": {"text": inert(parts.subtitle), "font": {"size": base * 1.1, "color": colors["muted"]}},
        },
        legend={
            **layout.get("legend", {}),
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": base * 0.95},
        },
    )
    for annotation in layout.get("annotations", []):  # the card's lines and the panels' titles grow with the text
        annotation.setdefault("font", {})["size"] = annotation["font"].get("size", 13) * base / 13
    layout.setdefault("annotations", []).append(
        {
            "name": "footer",
            "text": footer,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "yshift": -(bottom - 12),
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"size": base * 0.9, "color": colors["muted"]},
        }
    )
    for trace in spec["data"]:
        trace.setdefault("textfont", {})["size"] = base * 0.95
    plot_w, plot_h = width - left - 30, height - top - bottom
    if parts.kind == "lines":
        place_line_labels(spec, plot_w, plot_h, base * 0.95)
    if parts.kind == "bars":
        fit_facets(spec, plot_h, base)
    return themed(go.Figure(spec), theme)


def themed(figure: go.Figure, theme: str) -> go.Figure:
    """The figure in the light or dark theme (colours of paper, text and grid)."""
    colors = DARK if theme == "dark" else LIGHT
    figure.update_layout(paper_bgcolor=colors["paper"], plot_bgcolor=colors["plot"], font={"color": colors["ink"]})
    figure.update_xaxes(gridcolor=colors["grid"], linecolor=colors["grid"])
    figure.update_yaxes(gridcolor=colors["grid"], linecolor=colors["grid"], zerolinecolor=colors["grid"])
    return figure


def wrapped(text: str, width_px: int, font_px: float, line: Callable[[str], str] = str) -> str:
    """Text broken into lines that fit `width_px` at `font_px` (plotly does not wrap titles or annotations).

    `line` makes each line safe for plotly (`chart_text.inert`): applied after the breaks, so none falls inside an entity.
    """
    per_line = max(20, int(width_px / (font_px * 0.52)))
    return "<br>".join(line(part) for part in textwrap.wrap(text, per_line)) or line(text)
