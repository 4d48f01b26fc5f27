"""One chart, four places: the indicator page, the /embed iframe, the PNG/SVG API and the briefing pack.

`chart_parts` gathers everything a chart must carry on its own (title, subtitle, unit, notes,
the report's own inconsistencies, source line, a text alternative generated from the data);
`briefing_figure` bakes them into a fixed-size figure for static images. Which plot fits the
table, and the plot itself, are `dashboard/figures.py`. `compare_parts` does the same for
series of several indicators on one chart (/compare).
"""

import copy
import textwrap
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from contract import periods
from dashboard import data, figures
from dashboard.components import check_warnings, paragraphs_label
from dashboard.figures import MONEY_UNITS, Series, chart_kind, mixed_units, unit_title, value_label
from dashboard.i18n import QUALIFIER_WORDS, format_period, label, language, note_in, t

THEMES = ("light", "dark")
DARK = {
    "paper": "#16202b",
    "plot": "#16202b",
    "ink": "#e8edf2",
    "muted": "#a9b6c3",
    "grid": "#2d3b4a",
    "warn": "#ff8a80",
}
LIGHT = {"paper": "white", "plot": "white", "ink": "#1d2733", "muted": "#5b6775", "grid": "#ebf0f8", "warn": "#b3261e"}
CACHE_SIZE = 256
COMPARE_ID = "compare"


@dataclass
class ChartParts:
    """A chart and everything printed around it; the same for every place that shows it.

    Parts are cached and shared: copy `figure` before changing it (`briefing_figure` and the embed do).
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
    chosen: dict = field(default_factory=dict)
    kind: str = "lines"
    card: dict | None = None
    warnings: list[str] = field(default_factory=list)
    report_id: str = ""


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


def _colon(lang: str) -> str:
    return " :" if lang == "fr" else ":"


def chart_notes(entry: dict, rows: pd.DataFrame, lang: str, kind: str | None = None) -> list[str]:
    """What a reader must know to read the chart right: qualifiers, partial periods, units, the definition's notes."""
    kind = kind or chart_kind(entry, rows)
    notes = []
    words = [QUALIFIER_WORDS[lang][q] for q in dict.fromkeys(rows.qualifier) if q in QUALIFIER_WORDS[lang]]
    if words:
        notes.append(t(lang, "note_qualifiers", words=" », « ".join(words) if lang == "fr" else "”, “".join(words)))
    partial = _partial_periods(figures.series_of(entry, rows, lang)) if kind == "lines" else []
    if partial:
        shown = ", ".join(format_period(p, lang, entry.get("labels_en")) for p in partial)
        notes.append(f"{t(lang, 'partial').capitalize()}{_colon(lang)} {shown} ({t(lang, 'partial_apart')}).")
    if mixed_units(rows):
        notes.append(f"{t(lang, 'units')}{_colon(lang)} {unit_title(entry, rows, lang).replace(' / ', ', ')}.")
    notes += [n for n in dict.fromkeys(_definition_notes(rows, lang)) if n]
    return notes


def _definition_notes(rows: pd.DataFrame, lang: str) -> list[str]:
    """The definition's notes in `lang` (English where the definition gives it, else the French note)."""
    english = rows.note_en if "note_en" in rows.columns else [None] * len(rows)
    return [note_in(fr, en, lang) for fr, en in zip(rows.note, english) if isinstance(fr, str) and fr]


def _partial_periods(series: list[Series]) -> list[str]:
    """The periods drawn apart as partial, each against its own series' usual length."""
    found = {p for s in series for p in s.rows.period if periods.is_partial(p, periods.usual_span(s.rows.period))}
    return sorted(found, key=periods.sort_key)


def subtitle_text(entry: dict, rows: pd.DataFrame, chosen: dict, lang: str, kind: str | None = None) -> str:
    """'cases · 2022–2024 and first half of 2025'; for bars of several dates, how many (each panel names its own)."""
    kind = kind or chart_kind(entry, rows)
    parts = [unit_title(entry, rows, lang), when_text(entry, rows, lang, kind)]
    parts += [", ".join(label(v, lang, entry.get("labels_en")) for v in values) for values in chosen.values()]
    return " · ".join(p for p in parts if p)


def when_text(entry: dict, rows: pd.DataFrame, lang: str, kind: str) -> str:
    """The dates of a chart said truly: one date, a span of comparable periods and what stands apart, or a count of panels."""
    rows = rows[rows.value.notna()]
    if kind in ("bars", "card"):
        facets = figures.date_facets(rows)
        if len(facets) > 1:
            return t(lang, "dates_apart", n=len(facets))
        return format_period(facets[0][0], lang, entry.get("labels_en")) if facets and facets[0][0] else ""
    return series_when(figures.series_of(entry, rows, lang), lang, kind == "lines")


def series_when(series: list[Series], lang: str, apart_partial: bool = True) -> str:
    """'2022–2024 et 1er semestre 2025': the span of the comparable periods, then each partial one on its own."""
    entry = series[0].entry if series else {}
    apart = _partial_periods(series) if apart_partial else []
    whole = [p for p in periods.ordered(p for s in series for p in s.rows.period) if p not in apart]
    said = [_span_label(whole, entry, lang)] + [format_period(p, lang, entry.get("labels_en")) for p in apart]
    said = [s for s in said if s]
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + (" et " if lang == "fr" else " and ") + said[-1]


def _span_label(ordered: list[str], entry: dict, lang: str) -> str:
    if not ordered:
        return ""
    if len(ordered) == 1:
        return format_period(ordered[0], lang, entry.get("labels_en"))
    if all(periods.parse(p).grain in ("year", "years") for p in ordered):
        return format_period(periods.covered(ordered), lang)
    return f"{format_period(ordered[0], lang, entry.get('labels_en'))} – {format_period(ordered[-1], lang, entry.get('labels_en'))}"


def description_text(entry: dict, rows: pd.DataFrame, lang: str, kind: str | None = None) -> str:
    """A text alternative made from the data: 'Registered cases rose from 46 in 2022 to 91 in 2024.'"""
    title = entry["title"][lang]
    rows = rows[rows.value.notna()]
    if rows.empty:
        return t(lang, "alt_empty", name=title)
    kind = kind or chart_kind(entry, rows)
    if kind == "card":  # says what the card shows, in its words ('221 procédures')
        card = figures.card_text(entry, rows, lang)
        return t(
            lang,
            "alt_one",
            name=title,
            first=f"{card['value']} {card['unit']}".strip(),
            when=_when(rows.iloc[0].period, lang),
        )
    if kind == "bars":
        return _bars_description(entry, rows, title, lang, mixed_units(rows))
    with_unit = mixed_units(rows)
    return " ".join(
        series_sentence(s, lang, with_unit) for s in figures.series_of(entry, rows, lang) if s.rows.value.notna().any()
    )


def series_sentence(one: Series, lang: str, with_unit: bool) -> str:
    """One series in words: the trend over its comparable periods, then each period apart on its own.

    'Naturalisations fell from 1,655 in 2020 to 676 in 2024, and 396 in the first eight months of 2025.'
    A trend never joins a full period to a partial one (issue 10).
    """
    runs, _apart, _ = figures.line_runs(one.rows)
    main = max(runs, key=len) if runs else one.rows.iloc[0:0]
    others = one.rows[one.rows.value.notna()].drop(index=main.index)
    others = others.iloc[sorted(range(len(others)), key=lambda i: periods.sort_key(others.period.iloc[i]))]
    said = lambda row: value_label(row.value, row.qualifier, row.unit, lang, with_unit)  # noqa: E731
    if len(main) >= 2:
        first, last = main.iloc[0], main.iloc[-1]
        trend = "alt_rose" if last.value > first.value else "alt_fell" if last.value < first.value else "alt_same"
        sentence = t(
            lang,
            trend,
            name=one.name,
            first=said(first),
            start=figures.period_said(first.period, one.entry, lang),
            last=said(last),
            end=figures.period_said(last.period, one.entry, lang),
        )
    else:
        base = main.iloc[0] if len(main) else others.iloc[0]
        others = others.drop(index=base.name) if not len(main) else others
        sentence = t(lang, "alt_one", name=one.name, first=said(base), when=_when(base.period, lang))
    extra = "".join(t(lang, "alt_and", value=said(row), when=_when(row.period, lang)) for _, row in others.iterrows())
    return sentence[:-1] + extra + "."


def _when(period, lang: str) -> str:
    return periods.phrase(period, lang) or f"({t(lang, 'undated')})"


def _bars_description(entry: dict, rows: pd.DataFrame, title: str, lang: str, with_unit: bool) -> str:
    """One sentence per date: its highest and lowest value (values of different dates are never compared)."""
    sentences = []
    facets = figures.date_facets(rows)
    for period, group in facets:
        names = figures.bar_labels(entry, group, lang, wrap=None)
        when = periods.phrase(period, lang) if period else t(lang, "undated")
        # One date already in the title ('…, 2025') need not be said twice.
        if len(facets) == 1 and (not period or format_period(period, lang, entry.get("labels_en")) in title):
            when = None
        if len(group) == 1:
            row = group.iloc[0]
            sentences.append(
                t(
                    lang,
                    "alt_bar_one",
                    name=title if when is None else f"{title}, {when}",
                    label=names[0],
                    value=value_label(row.value, row.qualifier, row.unit, lang, with_unit),
                )
            )
            continue
        order = sorted(range(len(group)), key=lambda i: group.value.iloc[i])
        top, low = group.iloc[order[-1]], group.iloc[order[0]]
        sentences.append(
            t(
                lang,
                "alt_bars",
                name=title if when is None else f"{title}, {when}",
                n=len(group),
                top_label=names[order[-1]],
                low_label=names[order[0]],
                top=value_label(top.value, top.qualifier, top.unit, lang, with_unit),
                low=value_label(low.value, low.qualifier, low.unit, lang, with_unit),
            )
        )
    return " ".join(sentences)


_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


def chart_parts(
    dataset: data.Dataset, indicator_id: str, query: dict | None = None, lang: str = "fr"
) -> ChartParts | None:
    """Everything about one indicator's chart for the dimension choice in `query`; None for an unknown id.

    Kept per data version, indicator, choice and language: the page, the embed and the images ask for the same parts.
    """
    entry = dataset.indicator(indicator_id)
    if entry is None:
        return None
    lang = language(lang)
    chosen = selection(dataset, indicator_id, query or {})
    key = (
        dataset.version,
        str(dataset.folder),
        indicator_id,
        lang,
        tuple(sorted((k, tuple(v)) for k, v in chosen.items())),
    )
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    parts = _chart_parts(dataset, entry, chosen, lang)
    with _cache_lock:
        _cache[key] = parts
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return parts


def _chart_parts(dataset: data.Dataset, entry: dict, chosen: dict, lang: str) -> ChartParts:
    indicator_id = entry["indicator_id"]
    rows = selected_rows(dataset, indicator_id, chosen)
    kind = chart_kind(entry, rows) if rows.value.notna().any() else "bars"
    paragraphs = sorted(int(p) for p in rows.paragraph.unique()) or list(entry.get("paragraphs", []))
    symbol = dataset.symbol(entry["report_id"])
    return ChartParts(
        indicator_id=indicator_id,
        title=entry["title"][lang],
        subtitle=subtitle_text(entry, rows, chosen, lang, kind),
        unit=unit_title(entry, rows, lang),
        notes=chart_notes(entry, rows, lang, kind),
        source=source_text(symbol, paragraphs, lang),
        symbol=symbol,
        paragraphs=paragraphs,
        description=description_text(entry, rows, lang, kind),
        figure=figures.figure_for(kind, entry, rows, lang),
        rows=rows,
        chosen=chosen,
        kind=kind,
        card=figures.card_text(entry, rows, lang) if kind == "card" else None,
        warnings=check_warnings(dataset.checks_of(indicator_id), lang),
        report_id=entry["report_id"],
    )


# Compare: series of one unit from several indicators on one chart.


def unit_family(unit) -> str:
    """What may share a value axis: percentages, one currency, or counts of anything."""
    if unit == "%":
        return "percent"
    return unit if unit in MONEY_UNITS else "count"


def family_name(family: str, lang: str) -> str:
    """'pourcentages', 'effectifs', or the currency."""
    return t(lang, f"unit_family_{family}") if family in ("count", "percent") else family


def compare_ids(value) -> list[str]:
    """Indicator ids from `?ids=a,b` (or repeated `ids`), in order, without repeats."""
    values = value if isinstance(value, list) else [value or ""]
    return list(dict.fromkeys(i.strip() for v in values for i in str(v).split(",") if i.strip()))


def compare_parts(dataset: data.Dataset, ids: list[str], lang: str = "fr") -> tuple[ChartParts | None, list[str]]:
    """The chart of several indicators' series sharing one unit, and what was left out and why."""
    lang = language(lang)
    messages = [t(lang, "compare_unknown", id=i) for i in ids if dataset.indicator(i) is None]
    kept, family = [], None
    for indicator_id in [i for i in ids if dataset.indicator(i) is not None]:
        entry, rows = dataset.indicator(indicator_id), dataset.observations_of(indicator_id)
        if chart_kind(entry, rows) not in ("lines", "stacked"):
            messages.append(t(lang, "compare_not_series", title=entry["title"][lang]))
            continue
        own = unit_family(rows.unit.iloc[0]) if len(rows) else "count"
        family = family or own
        if own != family:
            messages.append(
                t(
                    lang,
                    "compare_other_unit",
                    title=entry["title"][lang],
                    unit=family_name(own, lang),
                    first=family_name(family, lang),
                )
            )
            continue
        kept.append((entry, rows))
    if not kept:
        return None, messages
    series = []
    for entry, rows in kept:
        split = figures.series_of(entry, rows, lang)
        series += [
            Series(entry["title"][lang] if len(split) == 1 else f"{entry['title'][lang]} — {s.name}", s.rows, entry)
            for s in split
        ]
    rows = pd.concat([r for _, r in kept])
    axis = " / ".join(dict.fromkeys(u for e, r in kept for u in unit_title(e, r, lang).split(" / ")))
    notes = list(dict.fromkeys(n for e, r in kept for n in chart_notes(e, r, lang, "lines")))
    checks = pd.concat([dataset.checks_of(e["indicator_id"]) for e, _ in kept]).drop_duplicates("check_id")
    paragraphs = sorted({int(p) for p in rows.paragraph})
    first = kept[0][0]
    symbols = list(dict.fromkeys(dataset.symbol(e["report_id"]) for e, _ in kept))
    source = "; ".join(
        source_text(
            symbol,
            sorted({int(p) for e, r in kept if dataset.symbol(e["report_id"]) == symbol for p in r.paragraph}),
            lang,
        )
        for symbol in symbols
    )
    parts = ChartParts(
        indicator_id=COMPARE_ID,
        title=t(
            lang,
            "compare_chart_title",
            titles=" ; ".join(e["title"][lang] for e, _ in kept)
            if lang == "fr"
            else "; ".join(e["title"][lang] for e, _ in kept),
        ),
        subtitle=" · ".join(p for p in [axis, series_when(series, lang)] if p),
        unit=axis,
        notes=notes,
        source=source,
        symbol=symbols[0],
        paragraphs=paragraphs,
        description=" ".join(
            series_sentence(s, lang, mixed_units(s.rows)) for s in series if s.rows.value.notna().any()
        ),
        figure=figures.line_figure(series, axis, lang),
        rows=rows,
        chosen={"ids": [e["indicator_id"] for e, _ in kept]},
        kind="lines",
        warnings=check_warnings(checks, lang),
        report_id=first["report_id"],
    )
    return parts, messages


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
    """The chart with its title, subtitle, the report's inconsistencies, notes and source line inside, for a fixed-size image."""
    spec = copy.deepcopy(parts.figure.to_plotly_json())
    layout = spec["layout"]
    colors = DARK if theme == "dark" else LIGHT
    base = max(11.0, min(width, height * 1.6) / 80)  # text grows with the image, within reason
    title = _wrapped(parts.title, width - 60, base * 1.55)
    warnings = [
        f'<span style="color:{colors["warn"]}"><b>⚠</b> {_wrapped(w, width - 80, base * 0.9)}</span>'
        for w in parts.warnings
    ]
    footer = "<br>".join(
        warnings
        + [_wrapped(note, width - 60, base * 0.85) for note in parts.notes]
        + [_wrapped(parts.source, width - 60, base)]
    )
    title_lines, footer_count = title.count("<br>") + 1, footer.count("<br>") + 1
    legend = parts.kind in ("lines", "stacked") and bool(layout.get("showlegend"))
    top = int(base * 1.55 * 1.35 * title_lines + base * 1.1 * 1.4 + 24 + base * (2.2 if legend else 0.8))
    # Category names wrapped on several lines sit under the axis: leave room for them above the footer.
    ticks_below = parts.kind in ("lines", "stacked")
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
            "subtitle": {"text": parts.subtitle, "font": {"size": base * 1.1, "color": colors["muted"]}},
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
        figures.place_line_labels(spec, plot_w, plot_h, base * 0.95)
    if parts.kind == "bars":
        figures.fit_facets(spec, plot_h, base)
    return themed(go.Figure(spec), theme)
