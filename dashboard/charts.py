"""One chart, four places: the indicator page, the /embed iframe, the PNG/SVG API and the briefing pack.

`chart_parts` gathers everything a chart must carry on its own (title, subtitle, unit, notes,
source line, a text alternative generated from the data); `briefing_figure` bakes them into a
fixed-size figure for static images. The plot itself is `components.indicator_figure`.
"""
import copy
import textwrap
from dataclasses import dataclass, field

import plotly.graph_objects as go
import pandas as pd

from contract import periods
from contract.periods import is_partial
from dashboard import data
from dashboard.components import (
    CHARTS_WITH_BARS, indicator_figure, label, paragraphs_label, period_order, unit_title,
    value_label, mixed_units,
)
from dashboard.i18n import QUALIFIER_WORDS, format_period, language, t

THEMES = ("light", "dark")
# Briefing sizes in layout pixels: a 16:9 slide, half an A4 page at 150 dpi, a social-media square.
SIZES = {"slide": (1280, 720), "a4": (1240, 877), "square": (1080, 1080)}
DEFAULT_SIZE = "slide"
DARK = {"paper": "#16202b", "plot": "#16202b", "ink": "#e8edf2", "muted": "#a9b6c3", "grid": "#2d3b4a"}
LIGHT = {"paper": "white", "plot": "white", "ink": "#1d2733", "muted": "#5b6775", "grid": "#ebf0f8"}


@dataclass
class ChartParts:
    """A chart and everything printed around it; the same for every place that shows it."""
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
    chosen: dict = field(default_factory=dict)


def selection(dataset: data.Dataset, indicator_id: str, query: dict) -> dict:
    """The dimension values chosen in a query ({dimension: [values]}); a dimension not named keeps all."""
    chosen = {}
    for dimension in dataset.dimensions_of(indicator_id):
        if dimension in query:
            values = query[dimension] if isinstance(query[dimension], list) else [query[dimension]]
            chosen[dimension] = [v for v in values if v]
    return chosen


def selected_rows(dataset: data.Dataset, indicator_id: str, chosen: dict) -> pd.DataFrame:
    """The indicator's rows kept by the dimension choice."""
    rows = dataset.observations_of(indicator_id)
    for dimension, values in chosen.items():
        rows = rows[rows[dimension].isin(values)]
    return rows


def source_text(symbol: str, paragraphs: list[int], lang: str) -> str:
    """'Source: CERD/C/KAZ/11-14, para. 156' (French: 'Source : …, par. 156')."""
    colon = " :" if language(lang) == "fr" else ":"
    return f"{t(lang, 'source')}{colon} {symbol}, {paragraphs_label(paragraphs, lang)}"


def chart_notes(entry: dict, rows: pd.DataFrame, lang: str) -> list[str]:
    """What a reader must know to read the chart right: qualifiers, partial periods, units, the definition's notes."""
    notes = []
    words = [QUALIFIER_WORDS[lang][q] for q in dict.fromkeys(rows.qualifier) if q in QUALIFIER_WORDS[lang]]
    if words:
        notes.append(t(lang, "note_qualifiers", words=" », « ".join(words) if lang == "fr" else "”, “".join(words)))
    partial = [format_period(p, lang, entry.get("labels_en")) for p in period_order(rows.period) if is_partial(p)]
    if partial:
        colon = " :" if lang == "fr" else ":"
        drawn = t(lang, "partial_bars" if entry["chart"] in CHARTS_WITH_BARS else "partial_lines")
        notes.append(f"{t(lang, 'partial').capitalize()}{colon} {', '.join(partial)} ({drawn}).")
    if mixed_units(rows):
        colon = " :" if lang == "fr" else ":"
        notes.append(f"{t(lang, 'units')}{colon} {unit_title(entry, rows, lang).replace(' / ', ', ')}.")
    notes += [n for n in dict.fromkeys(rows.note.dropna()) if isinstance(n, str) and n]
    return notes


def subtitle_text(entry: dict, rows: pd.DataFrame, chosen: dict, lang: str) -> str:
    """'cases · 2022–2024', with the chosen dimension values when part of the indicator is shown."""
    parts = [unit_title(entry, rows, lang)]
    covered = periods.covered(rows.period)
    if covered:
        parts.append(format_period(covered, lang))
    for values in chosen.values():
        parts.append(", ".join(label(v, lang, entry.get("labels_en")) for v in values))
    return " · ".join(p for p in parts if p)


def description_text(entry: dict, rows: pd.DataFrame, lang: str) -> str:
    """A text alternative made from the data: 'Registered cases rose from 46 in 2022 to 91 in 2024.'"""
    title = entry["title"][lang]
    rows = rows[rows.value.notna()]
    if rows.empty:
        return t(lang, "alt_empty", name=title)
    with_unit = mixed_units(rows)
    if entry["chart"] in CHARTS_WITH_BARS:
        return _bars_description(entry, rows, title, lang, with_unit)
    order = {p: i for i, p in enumerate(period_order(rows.period))}
    sentences = []
    for name, group in _series_groups(entry, rows, lang, title):
        group = group.assign(_order=group.period.map(order)).sort_values("_order", na_position="first")
        first, last = group.iloc[0], group.iloc[-1]
        values = {"name": name, "first": value_label(first.value, first.qualifier, first.unit, lang, with_unit),
                  "start": _period_said(first.period, entry, lang), "last": value_label(last.value, last.qualifier, last.unit, lang, with_unit),
                  "end": _period_said(last.period, entry, lang)}
        if len(group) == 1:
            sentences.append(t(lang, "alt_single", **values))
        else:
            trend = "alt_rose" if last.value > first.value else "alt_fell" if last.value < first.value else "alt_same"
            sentences.append(t(lang, trend, **values))
    return " ".join(sentences)


def _period_said(period, entry: dict, lang: str) -> str:
    said = format_period(period, lang, entry.get("labels_en"))
    return f"{said}, {t(lang, 'partial')}" if is_partial(period) else said or "—"


def _series_groups(entry: dict, rows: pd.DataFrame, lang: str, title: str):
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    if not dimensions:
        return [(title, rows)]
    return [(label(value, lang, entry.get("labels_en")) or title, group)
            for value, group in rows.groupby(dimensions[0], sort=False, dropna=False)]


def _bars_description(entry: dict, rows: pd.DataFrame, title: str, lang: str, with_unit: bool) -> str:
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]

    def name(row) -> str:
        parts = [label(getattr(row, d), lang, entry.get("labels_en")) for d in dimensions] or [_period_said(row.period, entry, lang)]
        return " – ".join(p for p in parts if p) or title

    ordered = rows.sort_values("value", kind="stable")
    top, low = ordered.iloc[-1], ordered.iloc[0]
    return t(lang, "alt_bars", name=title, n=len(rows), top_label=name(top), low_label=name(low),
             top=value_label(top.value, top.qualifier, top.unit, lang, with_unit),
             low=value_label(low.value, low.qualifier, low.unit, lang, with_unit))


def chart_parts(dataset: data.Dataset, indicator_id: str, query: dict | None = None, lang: str = "fr") -> ChartParts | None:
    """Everything about one indicator's chart for the dimension choice in `query`; None for an unknown id."""
    entry = dataset.indicator(indicator_id)
    if entry is None:
        return None
    lang = language(lang)
    chosen = selection(dataset, indicator_id, query or {})
    rows = selected_rows(dataset, indicator_id, chosen)
    paragraphs = sorted(int(p) for p in rows.paragraph.unique()) or list(entry.get("paragraphs", []))
    symbol = dataset.symbol(entry["report_id"])
    return ChartParts(
        indicator_id=indicator_id, title=entry["title"][lang], subtitle=subtitle_text(entry, rows, chosen, lang),
        unit=unit_title(entry, rows, lang), notes=chart_notes(entry, rows, lang), source=source_text(symbol, paragraphs, lang),
        symbol=symbol, paragraphs=paragraphs, description=description_text(entry, rows, lang),
        figure=indicator_figure(entry, rows, lang), rows=rows, chosen=chosen,
    )


def themed(figure: go.Figure, theme: str) -> go.Figure:
    """The figure in the light or dark theme (colours of paper, text and grid)."""
    colors = DARK if theme == "dark" else LIGHT
    figure.update_layout(paper_bgcolor=colors["paper"], plot_bgcolor=colors["plot"], font={"color": colors["ink"]})
    figure.update_xaxes(gridcolor=colors["grid"], linecolor=colors["grid"])
    figure.update_yaxes(gridcolor=colors["grid"], linecolor=colors["grid"], zerolinecolor=colors["grid"])
    return figure


def _wrapped(text: str, width_px: int, font_px: float) -> str:
    """Text broken into lines that fit `width_px` at `font_px` (plotly does not wrap titles or annotations)."""
    per_line = max(20, int(width_px / (font_px * 0.52)))
    return "<br>".join(textwrap.wrap(text, per_line)) or text


def briefing_figure(parts: ChartParts, width: int, height: int, theme: str = "light") -> go.Figure:
    """The chart with its title, subtitle, notes and source line inside, for a fixed-size image."""
    figure = go.Figure(copy.deepcopy(parts.figure))
    colors = DARK if theme == "dark" else LIGHT
    base = max(11.0, min(width, height * 1.6) / 80)  # text grows with the image, within reason
    title = _wrapped(parts.title, width - 60, base * 1.55)
    footer_lines = [_wrapped(note, width - 60, base * 0.85) for note in parts.notes] + [_wrapped(parts.source, width - 60, base)]
    footer = "<br>".join(footer_lines)
    title_lines, footer_count = title.count("<br>") + 1, footer.count("<br>") + 1
    top = int(base * 1.55 * 1.35 * title_lines + base * 1.1 * 1.4 + 24 + base * 2.2)
    # Category names wrapped on several lines sit under the axis: leave room for them above the footer.
    tick_lines = max((str(x).count("<br>") + 1 for trace in figure.data for x in (trace.x or [])), default=1)
    bottom = int(base * 1.3 * footer_count + base * 1.3 * tick_lines + base * 2.2 + 30)
    figure.update_layout(
        width=width, height=height, margin={"l": int(base * 5), "r": 30, "t": top, "b": bottom},
        title={"text": f"<b>{title}</b>", "x": 0, "xref": "paper", "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": 16, "l": 0}, "font": {"size": base * 1.55},
               "subtitle": {"text": parts.subtitle, "font": {"size": base * 1.1, "color": colors["muted"]}}},
        font={"size": base}, clickmode="none",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": base * 0.95}},
        annotations=[{"text": footer, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -(bottom - 12),
                      "xanchor": "left", "yanchor": "bottom", "align": "left", "showarrow": False,
                      "font": {"size": base * 0.9, "color": colors["muted"]}}],
    )
    figure.update_traces(textfont={"size": base * 0.95})
    return themed(figure, theme)
