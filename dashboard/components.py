"""Reusable pieces of the pages: links that keep the language, cards, the chart, tables, paragraphs."""
import textwrap
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from contract import periods
from contract.periods import is_partial
from dashboard import data, suggested
from dashboard.i18n import (
    DEFAULT_LANGUAGE, KIND_LABELS, QUALIFIER_WORDS, citation, unit_word, dimension_name, format_number, format_period,
    format_value, label, t,
)

# Okabe-Ito: told apart with every common colour-vision deficiency (their yellow is too light on white).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MONEY_UNITS = ("KZT", "USD", "EUR")
CHARTS_WITH_BARS = ("composition", "breakdown")
# A few keys of plotly_white: naming the full template deep-copies it, about 14 ms per figure.
CHART_TEMPLATE = go.layout.Template(layout={
    "plot_bgcolor": "white", "paper_bgcolor": "white", "font": {"color": "#2a3f5f"}, "colorway": list(COLORS),
    "xaxis": {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "ticks": ""},
    "yaxis": {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "zerolinecolor": "#ebf0f8", "zerolinewidth": 2, "ticks": ""},
})


def href(path: str, lang: str, **params) -> str:
    """A URL that keeps the language; empty params are left out, so URLs stay short."""
    query = {"lang": lang} if lang != DEFAULT_LANGUAGE else {}
    query.update({key: value for key, value in params.items() if value not in (None, "", [])})
    return f"{path}?{urlencode(query, doseq=True)}" if query else path


def report_href(dataset, report_id: str, lang: str, paragraph: int | None = None) -> str:
    """The reader of a report ('/report', '?report=<id>' for any but the default one), at a paragraph."""
    chosen = report_id if report_id != dataset.report_or_default(None) else None
    return href("/report", lang, report=chosen) + (f"#p{int(paragraph)}" if paragraph is not None else "")


def report_selector(dataset, path: str, lang: str, current: str, **params) -> html.Nav | None:
    """Links to the same page for each report of the data (the report goes in the URL); None for a single report."""
    ids = dataset.report_ids()
    if len(ids) < 2:
        return None
    default = ids[0]
    return html.Nav([
        dcc.Link(dataset.symbol(rid), href=href(path, lang, report=rid if rid != default else None, **params),
                 id=f"report-choice-{rid}", className="report-choice active" if rid == current else "report-choice")
        for rid in ids
    ], className="report-selector", id="report-selector", **{"aria-label": t(lang, "report_title")})


def one(value):
    """A query value meant once (`?tab=a&tab=b` arrives as a list: the first one counts)."""
    return value[0] if isinstance(value, list) and value else value


def page_data(lang: str) -> tuple[data.Dataset | None, html.Div | None]:
    """The data a page shows (None when not built) and a banner saying it is missing or stale and how to build it."""
    try:
        dataset = data.load()
    except data.DataUnavailable as error:
        return None, html.Div([html.Strong(t(lang, "data_missing")), " ", str(error)], className="data-banner", id="data-banner")
    if dataset.stale:
        banner = html.Div([html.Strong(t(lang, "data_stale")), " ", "; ".join(dataset.stale), ". ", t(lang, "how_to_build")],
                          className="data-banner", id="data-banner")
        return dataset, banner
    return dataset, None


def paragraphs_label(paragraphs: list[int], lang: str) -> str:
    """'par. 155, 156' for a list of paragraph numbers."""
    return f"{t(lang, 'para')} {', '.join(str(p) for p in paragraphs)}"


def indicator_card(entry: dict, lang: str) -> html.Div:
    """One indicator of the catalogue: title, unit, period covered, data points, paragraphs."""
    facts = [
        html.Span(entry["unit_label"][lang], className="fact"),
        html.Span(format_period(entry["period_covered"], lang), className="fact") if entry.get("period_covered") else None,
        html.Span(f"{entry['observations']} {t(lang, 'data_points' if entry['observations'] != 1 else 'data_point')}", className="fact"),
        html.Span(paragraphs_label(entry["paragraphs"], lang), className="fact"),
        suggested.badge(entry, lang),
    ]
    return html.Div([
        dcc.Link(entry["title"][lang], href=href(f"/indicators/{entry['indicator_id']}", lang), className="card-title"),
        html.P(entry["description"][lang], className="card-description"),
        html.Div([fact for fact in facts if fact is not None], className="card-facts"),
    ], className="indicator-card", id=f"card-{entry['indicator_id']}")


def matches(entry: dict, query: str) -> bool:
    """Whether every word of the query is in the indicator's titles, descriptions, topic or id."""
    haystack = " ".join([
        entry["indicator_id"], entry["topic"], *entry["topic_title"].values(), *entry["title"].values(),
        *entry["description"].values(),
    ]).lower()
    return all(word in haystack for word in query.lower().split())


def catalogue_sections(catalog: list[dict], lang: str, query: str = "") -> list:
    """Cards grouped by topic, in catalogue order, keeping only those that match the query."""
    shown = [entry for entry in catalog if matches(entry, query or "")]
    if not shown:
        return [html.P(t(lang, "no_match", q=query), className="empty")]
    topics: dict[str, list] = {}
    for entry in shown:
        topics.setdefault(entry["topic"], []).append(entry)
    return [
        html.Section([
            html.H2(entries[0]["topic_title"][lang]),
            html.Div([indicator_card(entry, lang) for entry in entries], className="card-grid"),
        ], className="topic", id=f"topic-{topic}")
        for topic, entries in topics.items()
    ]


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
    """A value as shown on a chart; with `with_unit`, a count unit ('persons') follows the number."""
    text = format_value(value, qualifier, unit, lang)
    if with_unit and isinstance(unit, str) and unit and unit != "%" and unit not in MONEY_UNITS:
        text = f"{text} {unit_word(unit, lang)}"
    return text


def period_order(values) -> list[str]:
    """Periods in time order; a partial period after the whole year it starts."""
    return periods.ordered(values)


def point_data(row, entry: dict, lang: str) -> list:
    """What a chart point carries for hover and click: position, value, period, qualifier, paragraph."""
    qualifier = QUALIFIER_WORDS[lang].get(row.qualifier, "")
    period = format_period(row.period, lang, entry.get("labels_en"))
    if is_partial(row.period):
        period = f"{period} ({t(lang, 'partial')})"
    return [int(row.position), format_value(row.value, row.qualifier, row.unit, lang), period, qualifier,
            f"{t(lang, 'para')} {int(row.paragraph)}"]


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}<extra>%{fullData.name}</extra>"


def indicator_figure(entry: dict, rows: pd.DataFrame, lang: str) -> go.Figure:
    """The indicator's chart: lines over periods for a time series, bars otherwise."""
    figure = go.Figure()
    if entry["chart"] in CHARTS_WITH_BARS:
        _add_bars(figure, entry, rows, lang)
    else:
        _add_lines(figure, entry, rows, lang)
    figure.update_layout(
        template=CHART_TEMPLATE, margin={"l": 60, "r": 20, "t": 40, "b": 40}, height=440, clickmode="event",
        yaxis={"title": {"text": unit_title(entry, rows, lang)}, "rangemode": "tozero"}, xaxis={"automargin": True},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}, hoverlabel={"align": "left"},
    )
    return figure


def _series(entry: dict, rows: pd.DataFrame, lang: str, skip: int = 0) -> list[tuple[str, pd.DataFrame]]:
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns][skip:]
    if not dimensions:
        return [(entry["title"][lang], rows)]
    key = dimensions[0]
    return [(label(value, lang, entry.get("labels_en")), group) for value, group in rows.groupby(key, sort=False, dropna=False)]


def _add_lines(figure: go.Figure, entry: dict, rows: pd.DataFrame, lang: str) -> None:
    labels = {p: format_period(p, lang, entry.get("labels_en")) for p in rows.period.dropna().unique()}
    order = period_order(rows.period)
    for index, (name, group) in enumerate(_series(entry, rows, lang)):
        group = group.assign(_order=group.period.map({p: i for i, p in enumerate(order)})).sort_values("_order")
        color = COLORS[index % len(COLORS)]
        full = group[~group.period.map(is_partial)]
        partial = group[group.period.map(is_partial)]
        if len(full):
            figure.add_trace(_line_trace(full, entry, lang, labels, name, color, dash="solid", symbol="circle"))
        if len(partial):
            # A partial period is drawn apart (dotted, hollow) so it is never read as a whole year.
            bridge = pd.concat([full.tail(1), partial])
            trace = _line_trace(bridge, entry, lang, labels, f"{name} ({t(lang, 'partial')})", color, dash="dot", symbol="circle-open")
            figure.add_trace(trace)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=[labels[p] for p in order])


def _line_trace(rows, entry, lang, labels, name, color, dash, symbol) -> go.Scatter:
    return go.Scatter(
        x=[labels.get(p, "") for p in rows.period], y=list(rows.value), name=name, mode="lines+markers+text",
        text=[value_label(v, q, u, lang, mixed_units(rows)) for v, q, u in zip(rows.value, rows.qualifier, rows.unit)],
        textposition="top center", customdata=[point_data(r, entry, lang) for r in rows.itertuples()],
        hovertemplate=HOVER, line={"color": color, "dash": dash, "width": 2.5},
        marker={"size": 10, "color": color, "symbol": symbol, "line": {"width": 2, "color": color}},
    )


def _add_bars(figure: go.Figure, entry: dict, rows: pd.DataFrame, lang: str) -> None:
    dimensions = [d for d in entry.get("dimensions", []) if d in rows.columns]
    x_key = dimensions[0] if dimensions else "period"
    for index, (name, group) in enumerate(_series(entry, rows, lang, skip=1)):
        if x_key == "period":
            x = [format_period(v, lang, entry.get("labels_en")) + (f" ({t(lang, 'partial')})" if is_partial(v) else "")
                 for v in group.period]
        else:
            # Long category names wrap on several lines rather than tilt and push the plot aside.
            x = ["<br>".join(textwrap.wrap(label(v, lang, entry.get("labels_en")), 18)) or "—" for v in group[x_key]]
        # A bar for a partial period is hatched so it is not compared as a whole year.
        hatch = ["/" if is_partial(v) else "" for v in group.period]
        figure.add_trace(go.Bar(
            x=x, y=list(group.value), name=name, marker={"color": COLORS[index % len(COLORS)], "pattern": {"shape": hatch}},
            text=[value_label(v, q, u, lang, mixed_units(rows)) for v, q, u in zip(group.value, group.qualifier, group.unit)],
            textposition="outside", constraintext="none", cliponaxis=False, customdata=[point_data(r, entry, lang) for r in group.itertuples()],
            hovertemplate=HOVER,
        ))
    figure.update_layout(barmode="group", showlegend=len(figure.data) > 1)


def highlighted(text: str, spans: list[tuple], extra: dict | None = None) -> list:
    """Text cut into plain strings and <mark> spans (start, end, class[, title]); `extra[start]` follows a span."""
    pieces, cursor = [], 0
    for start, end, class_name, *title in sorted(spans):
        if start < cursor or end > len(text):
            continue  # overlapping or out-of-range spans are shown as plain text
        pieces.append(text[cursor:start])
        pieces.append(html.Mark(text[start:end], className=class_name, **({"title": title[0]} if title else {})))
        if extra and start in extra:
            pieces.append(extra[start])
        cursor = end
    pieces.append(text[cursor:])
    return [piece for piece in pieces if piece != ""]


def quote_spans(paragraph_text: str, quote: str, number: str) -> list[tuple[int, int, str]]:
    """Where the quote and, inside it, the number as written sit in the paragraph."""
    start = paragraph_text.find(quote) if quote else -1
    if start < 0:
        found = paragraph_text.find(number) if number else -1
        return [(found, found + len(number), "number")] if found >= 0 else []
    inner = quote.find(number) if number else -1
    if inner < 0:
        return [(start, start + len(quote), "quote")]
    return [(start, start + inner, "quote"), (start + inner, start + inner + len(number), "number"),
            (start + inner + len(number), start + len(quote), "quote")]


def observation_panel(dataset, entry: dict, row, lang: str) -> list:
    """The side panel of one data point: its value, its paragraph with the quote marked, a link."""
    text = dataset.paragraph_text(row.report_id, row.paragraph)
    spans = [s for s in quote_spans(text, row.quote, row.text) if s[0] < s[1]]
    point = point_data(row, entry, lang)
    return [
        html.H3(point[1], className="panel-value"),
        html.P([point[2], " · ", citation(dataset.symbol(row.report_id), row.paragraph, lang)], className="panel-meta"),
        html.Blockquote(highlighted(text, spans), className="paragraph-text", lang="fr"),
        html.P(row.note, className="panel-note") if isinstance(row.note, str) and row.note else None,
        dcc.Link(f"{t(lang, 'open_in_report')} ({t(lang, 'para')} {int(row.paragraph)}) →",
                 href=report_href(dataset, row.report_id, lang, row.paragraph), id="indicator-panel-link"),
    ]


def sort_rows(rows: pd.DataFrame, column: str | None, descending: bool) -> pd.DataFrame:
    """Rows sorted by a table column (numbers as numbers), else in their defined order."""
    if column not in rows.columns:
        return rows
    return rows.sort_values(column, ascending=not descending, kind="stable", na_position="last")


def observation_table(dataset, entry: dict, rows: pd.DataFrame, lang: str, sort: str | None, descending: bool, base: dict) -> html.Table:
    """The indicator's rows as an HTML table whose headers sort it through the query string."""
    dimensions = dataset.dimensions_of(entry["indicator_id"])
    columns = [*dimensions, "period", "value", "qualifier", "paragraph", "quote", "note"]
    names = {"period": t(lang, "period"), "value": t(lang, "value"), "qualifier": t(lang, "qualifier"),
             "paragraph": t(lang, "paragraph"), "quote": t(lang, "quote"), "note": t(lang, "note")}
    header = []
    for column in columns:
        flip = "1" if column == sort and not descending else None
        arrow = (" ▼" if descending else " ▲") if column == sort else ""
        link = dcc.Link(names.get(column, dimension_name(column, lang)) + arrow, href=href(base["path"], lang, **{**base["params"], "sort": column, "desc": flip}),
                        id=f"indicator-sort-{column}")
        header.append(html.Th(link, **({"aria-sort": "descending" if descending else "ascending"} if column == sort else {})))
    body = [html.Tr([_cell(dataset, entry, row, column, lang) for column in columns]) for row in sort_rows(rows, sort, descending).itertuples()]
    return html.Table([html.Thead(html.Tr(header)), html.Tbody(body)], className="data-table", id="indicator-table")


def _cell(dataset, entry: dict, row, column: str, lang: str) -> html.Td:
    value = getattr(row, column)
    if column == "value":
        return html.Td(format_value(value, "exact", row.unit, lang), className="number", **{"data-value": repr(float(value))})
    if column == "qualifier":
        return html.Td(QUALIFIER_WORDS[lang].get(value, ""))
    if column == "period":
        return html.Td(format_period(value, lang, entry.get("labels_en")) + (f" ({t(lang, 'partial')})" if is_partial(value) else ""))
    if column == "paragraph":
        return html.Td(dcc.Link(str(int(value)), href=report_href(dataset, row.report_id, lang, value)), className="number")
    if column == "quote":
        return html.Td(value, lang="fr", className="quote")
    if column == "note":
        return html.Td(value if isinstance(value, str) else "")
    return html.Td(label(value if isinstance(value, str) else None, lang, entry.get("labels_en")))


def sources_list(dataset, entry: dict, rows: pd.DataFrame, lang: str) -> html.Div:
    """Every paragraph the indicator uses, cited in full, its quotes marked."""
    paragraphs = sorted({int(p) for p in rows.paragraph} | {int(p) for p in entry.get("paragraphs", [])})
    items = []
    for number in paragraphs:
        text = dataset.paragraph_text(entry["report_id"], number)
        spans = []
        for row in rows[rows.paragraph == number].itertuples():
            spans += [s for s in quote_spans(text, row.quote, row.text) if s[2] == "number"]
        items.append(html.Li([
            html.P(citation(dataset.symbol(entry["report_id"]), number, lang), className="citation"),
            html.Blockquote(highlighted(text, sorted(set(spans))), className="paragraph-text", lang="fr"),
            dcc.Link(t(lang, "open_in_report") + " →", href=report_href(dataset, entry["report_id"], lang, number)),
        ], id=f"indicator-source-{number}"))
    return html.Ol(items, className="sources")


def checks_list(checks: pd.DataFrame, lang: str) -> html.Div:
    """The consistency checks of an indicator, inconsistencies first (the order of `checks`)."""
    if checks.empty:
        return html.P(t(lang, "no_checks"), className="empty")
    items = []
    for check in checks.itertuples():
        description = check.description_fr if lang == "fr" and isinstance(getattr(check, "description_fr", None), str) else check.description
        items.append(html.Li([
            html.Span(t(lang, check.status), className=f"status status-{check.status}"),
            html.Span(description, className="check-description"),
            html.Span(f"{t(lang, 'check_expected')} {format_number(check.expected, lang)} · "
                      f"{t(lang, 'check_computed')} {format_number(check.computed, lang)} · "
                      f"{t(lang, 'check_tolerance')} {format_number(check.tolerance, lang)} · "
                      f"{paragraphs_label(list(check.paragraphs), lang)}", className="check-figures"),
            html.Span(detail, className="check-detail") if isinstance(detail := _check_detail(check, lang), str) else None,
        ], className=f"check check-{check.status}", id=f"indicator-check-{check.check_id}"))
    return html.Ul(items, className="checks")


def _check_detail(check, lang: str) -> str | None:
    """The check's arithmetic in the page's language (builds before detail_fr existed have only English)."""
    french = getattr(check, "detail_fr", None)
    return french if lang == "fr" and isinstance(french, str) else getattr(check, "detail", None)


def kind_label(kind: str, lang: str) -> str:
    """A claim kind in the interface language."""
    return KIND_LABELS[lang].get(kind, kind)
