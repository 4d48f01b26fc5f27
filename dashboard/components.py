"""Reusable pieces of the pages: links that keep the language, cards, the chart, tables, paragraphs."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from contract.periods import is_partial
from contract.records import CatalogEntry
from dashboard import citations, data, search, shapes
from dashboard.attributes import attributes
from dashboard.chart_text import Card, point_data
from dashboard.figures import SIZES, ChartWarning
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    QUALIFIER_WORDS,
    description,
    dimension_name,
    format_number,
    format_period,
    format_value,
    label,
    labelled,
    note_in,
    paragraphs_label,
    reasons,
    t,
    title,
    topic_title,
    unit_label,
)


def href(path: str, lang: str, **params: Any) -> str:
    """A URL that keeps the language; empty params are left out, so URLs stay short."""
    query = {"lang": lang} if lang != DEFAULT_LANGUAGE else {}
    query.update({key: value for key, value in params.items() if value not in (None, "", [])})
    return f"{path}?{urlencode(query, doseq=True)}" if query else path


@dataclass(frozen=True)
class View:
    """A page's address: its path and the query parameters that say what it shows (tab, sort, dimension choice)."""

    path: str
    params: dict[str, Any]

    def href(self, lang: str, **changes: Any) -> str:
        """The address of this view with some parameters changed (None removes one)."""
        return href(self.path, lang, **{**self.params, **changes})


def report_href(dataset: data.Dataset, report_id: str, lang: str, paragraph: int | None = None) -> str:
    """The reader of a report ('/report', '?report=<id>' for any but the default one), at a paragraph."""
    chosen = None if dataset.is_default_report(report_id) else report_id
    return href("/report", lang, report=chosen) + (f"#p{int(paragraph)}" if paragraph is not None else "")


# Past this many documents the report menu is a link to the documents' search rather than a link per document.
MAX_REPORT_CHOICES = 12


def report_selector(dataset: data.Dataset, path: str, lang: str, current: str, **params: Any) -> html.Nav | None:
    """Links to the same page for each report of the data (the report goes in the URL); None for a single report."""
    ids = dataset.report_ids()
    if len(ids) < 2:
        return None
    if len(ids) > MAX_REPORT_CHOICES:  # a corpus: one link per document would be thousands; the search finds one
        return html.Nav(
            [
                html.Span(dataset.symbol(current), className="report-choice active"),
                dcc.Link(
                    t(lang, "reports_choose", n=format_number(len(ids), lang)),
                    href=href("/reports", lang),
                    id="report-choice-search",
                ),
            ],
            className="report-selector",
            id="report-selector",
            **attributes({"aria-label": t(lang, "report_title")}),
        )
    default = ids[0]
    return html.Nav(
        [
            dcc.Link(
                dataset.symbol(rid),
                href=href(path, lang, report=rid if rid != default else None, **params),
                id=f"report-choice-{rid}",
                className="report-choice active" if rid == current else "report-choice",
            )
            for rid in ids
        ],
        className="report-selector",
        id="report-selector",
        **attributes({"aria-label": t(lang, "report_title")}),
    )


def one(value: object) -> object:
    """A query value meant once (`?tab=a&tab=b` arrives as a list: the first one counts)."""
    return value[0] if isinstance(value, list) and value else value


def page_data(lang: str) -> tuple[data.Dataset | None, html.Div | None]:
    """The data a page shows (None when not built) and a banner saying it is missing or stale and how to build it."""
    try:
        dataset = data.load()
    except data.DataUnavailable as error:
        return None, html.Div(
            [html.Strong(t(lang, "data_missing")), " ", str(error)], className="data-banner", id="data-banner"
        )
    if dataset.stale:
        banner = html.Div(
            [html.Strong(t(lang, "data_stale")), " ", "; ".join(dataset.stale), ". ", t(lang, "how_to_build")],
            className="data-banner",
            id="data-banner",
        )
        return dataset, banner
    return dataset, None


def suggested_badge(entry: CatalogEntry, lang: str) -> html.Span | None:
    """'suggested · confidence 0.85' on a suggested indicator's card; None on a curated one."""
    if not entry.suggested:
        return None
    return html.Span(
        t(lang, "suggested_badge", confidence=format_number(entry.confidence or 0, lang)),
        className="fact suggested-badge",
        title=reasons(entry, lang),
    )


def indicator_card(entry: CatalogEntry, lang: str, inconsistent: bool = False) -> html.Div:
    """One indicator of the catalogue: title, unit, period covered, data points, paragraphs; a marker when the report's figures do not add up."""
    facts = [
        html.Span(
            t(lang, "card_warning"),
            className="fact fact-warning",
            title=t(lang, "card_warning_title"),
            id=f"card-warning-{entry.indicator_id}",
        )
        if inconsistent
        else None,
        html.Span(unit_label(entry, lang), className="fact"),
        html.Span(format_period(entry.period_covered, lang), className="fact") if entry.period_covered else None,
        html.Span(
            f"{entry.observations} {t(lang, 'data_points' if entry.observations != 1 else 'data_point')}",
            className="fact",
        ),
        html.Span(paragraphs_label(list(entry.paragraphs), lang), className="fact"),
        suggested_badge(entry, lang),
    ]
    return html.Div(
        [
            dcc.Link(title(entry, lang), href=href(f"/indicators/{entry.indicator_id}", lang), className="card-title"),
            html.P(description(entry, lang), className="card-description"),
            html.Div([fact for fact in facts if fact is not None], className="card-facts"),
        ],
        className="indicator-card" + (" card-inconsistent" if inconsistent else ""),
        id=f"card-{entry.indicator_id}",
    )


def _flagged() -> set[str]:
    try:
        return data.load().inconsistent_indicators()
    except data.DataUnavailable:
        return set()


def catalogue_sections(
    catalog: list[CatalogEntry], lang: str, query: str = "", flagged: set[str] | None = None
) -> list[html.Section | html.P]:
    """Cards grouped by topic, in catalogue order, keeping only those that match the query; inconsistent ones marked."""
    flagged = _flagged() if flagged is None else flagged
    shown = [entry for entry in catalog if search.entry_matches(entry, query or "")]
    if not shown:
        return [html.P(t(lang, "no_match", q=query), className="empty")]
    topics: dict[str, list[CatalogEntry]] = {}
    for entry in shown:
        topics.setdefault(entry.topic, []).append(entry)
    return [
        html.Section(
            [
                html.H2(topic_title(entries[0], lang)),
                html.Div(
                    [indicator_card(entry, lang, entry.indicator_id in flagged) for entry in entries],
                    className="card-grid",
                ),
            ],
            className="topic",
            id=f"topic-{topic}",
        )
        for topic, entries in topics.items()
    ]


def number_card(card: Card, id_prefix: str = "indicator") -> html.Div:
    """A single value as a card: the value large, what it counts, its period (the source line follows the card)."""
    return html.Div(
        [
            html.P(card.qualifier, className="number-card-qualifier") if card.qualifier else None,
            html.P(
                [html.Span(card.number, className="card-number"), f" {card.unit}" if card.unit else None],
                className="number-card-value",
                id=f"{id_prefix}-card-value",
            ),
            html.P(card.what, className="number-card-what") if card.what else None,
            html.P(card.period, className="number-card-period", id=f"{id_prefix}-card-period"),
        ],
        className="number-card",
        id=f"{id_prefix}-card",
    )


def chart_warnings(warnings: list[ChartWarning], id_prefix: str = "indicator") -> html.Div | None:
    """The report's own inconsistencies, printed where the reader looks at the chart: red where its figures disagree
    (`warning-inconsistent`), amber where they agree only on a condition (`warning-qualified`)."""
    if not warnings:
        return None
    return html.Div(
        [html.P(f"⚠ {w.text}", className=f"warning warning-{w.verdict}") for w in warnings],
        className="chart-warnings",
        role="note",
        id=f"{id_prefix}-warnings",
    )


def download_links(files: dict[str, str], name: str, lang: str, id_prefix: str) -> html.P:
    """'Download: CSV Excel JSON', each link saving `<name>.<ext>`."""
    links = [
        html.A(
            t(lang, f"download_{ext}"),
            href=link,
            download=f"{name}.{ext}",
            id=f"{id_prefix}-download-{ext}",
            className="button",
        )
        for ext, link in files.items()
    ]
    return html.P([html.Span(labelled(t(lang, "downloads"), lang) + " "), *links], className="downloads")


def image_menu(path: str, query: dict[str, Any], name: str, lang: str, id_prefix: str) -> html.Details:
    """The chart as PNG at the briefing sizes and as SVG (`path` + '.png' / '.svg'), titled and sourced like the page."""
    items = [
        (f"image-{size}", t(lang, f"image_{size}"), href(f"{path}.png", lang, size=size, **query), "png")
        for size in SIZES
    ]
    items.append(("image-svg", t(lang, "image_svg"), href(f"{path}.svg", lang, **query), "svg"))
    return html.Details(
        [
            html.Summary(t(lang, "download_image"), className="button", id=f"{id_prefix}-image-summary"),
            html.Ul(
                [
                    html.Li(html.A(text, href=link, download=f"{name}.{ext}", id=f"{id_prefix}-{key}"))
                    for key, text, link, ext in items
                ],
                className="menu",
            ),
        ],
        className="share-menu",
        id=f"{id_prefix}-image-menu",
    )


def embed_box(code: str, lang: str, id_prefix: str) -> html.Details:
    """The iframe code of the current view, with a copy button (the page adds the clientside copy callback)."""
    return html.Details(
        [
            html.Summary(t(lang, "embed"), className="button", id=f"{id_prefix}-embed-summary"),
            html.Div(
                [
                    html.P(t(lang, "embed_hint"), className="hint"),
                    html.Label(t(lang, "embed"), htmlFor=f"{id_prefix}-embed-code", className="visually-hidden"),
                    dcc.Textarea(
                        id=f"{id_prefix}-embed-code", value=code, readOnly=True, rows=3, className="embed-code"
                    ),
                    # A real <button> (dcc.Clipboard's icon cannot take the keyboard focus).
                    html.Button(
                        t(lang, "copy"), id=f"{id_prefix}-embed-copy", className="button copy-button", type="button"
                    ),
                    html.Span(
                        id=f"{id_prefix}-embed-copied",
                        className="hint",
                        role="status",
                        **attributes({"data-done": t(lang, "copied")}),
                    ),
                ],
                className="menu",
            ),
        ],
        className="share-menu",
        id=f"{id_prefix}-embed",
    )


def highlighted(text: str, spans: list[tuple[Any, ...]], extra: dict[int, Any] | None = None) -> list[Any]:
    """Text cut into plain strings and <mark> spans (start, end, class[, title]); `extra[start]` follows a span."""
    pieces: list[Any] = []
    cursor = 0
    for start, end, class_name, *hint in sorted(spans):
        if start < cursor or end > len(text):
            continue  # overlapping or out-of-range spans are shown as plain text
        pieces.append(text[cursor:start])
        pieces.append(html.Mark(text[start:end], className=class_name, **({"title": hint[0]} if hint else {})))
        if extra and start in extra:
            pieces.append(extra[start])
        cursor = end
    pieces.append(text[cursor:])
    return [piece for piece in pieces if piece != ""]


def quote_spans(paragraph_text: str, quote: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The number at its claim's offsets in the paragraph and, around it, the quote that holds it.

    The offsets say which of several equal numbers is meant ("12 affaires … et 12 personnes"): the number is
    never looked for by its digits. Offsets outside the paragraph (a build of another text) mark nothing.
    """
    if not 0 <= start < end <= len(paragraph_text):
        return []
    around = _quote_around(paragraph_text, quote, start, end)
    if around is None:
        return [(start, end, "number")]
    return [(around[0], start, "quote"), (start, end, "number"), (end, around[1], "quote")]


def _quote_around(text: str, quote: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the quote stands in the text around the span [start, end), if it does."""
    at = text.find(quote, max(0, end - len(quote))) if quote else -1
    while 0 <= at <= start:
        if end <= at + len(quote):
            return at, at + len(quote)
        at = text.find(quote, at + 1)
    return None


def observation_panel(dataset: data.Dataset, entry: CatalogEntry, row: Any, lang: str) -> list[Any]:
    """The side panel of one data point: its value, its paragraph with the quote marked, a link."""
    text = dataset.paragraph_text(row.report_id, row.paragraph)
    spans = [s for s in quote_spans(text, row.quote, int(row.start), int(row.end)) if s[0] < s[1]]
    point = point_data(row, entry, lang, shapes.time_span(entry, dataset.observations_of(entry.indicator_id)))
    return [
        html.H3(point[1], className="panel-value"),
        html.P(point[2], className="panel-meta"),
        html.P(
            [
                citations.reference(cited := citations.cite(dataset, row.report_id, [row.paragraph], lang)),
                " ",
                citations.cite_box(cited, "indicator-panel-cite"),
            ],
            className="panel-meta panel-citation",
        ),
        html.Blockquote(
            highlighted(text, spans), className="paragraph-text", lang=dataset.text_language(row.report_id)
        ),
        html.P(note, className="panel-note")
        if (note := note_in(row.note, getattr(row, "note_en", None), lang))
        else None,
        dcc.Link(
            f"{t(lang, 'open_in_report')} ({t(lang, 'para')} {int(row.paragraph)}) →",
            href=report_href(dataset, row.report_id, lang, row.paragraph),
            id="indicator-panel-link",
        ),
    ]


def sort_rows(rows: pd.DataFrame, column: str | None, descending: bool) -> pd.DataFrame:
    """Rows sorted by a table column (numbers as numbers), else in their defined order."""
    if column not in rows.columns:
        return rows
    return rows.sort_values(column, ascending=not descending, kind="stable", na_position="last")


def observation_table(
    dataset: data.Dataset,
    entry: CatalogEntry,
    rows: pd.DataFrame,
    lang: str,
    sort: str | None,
    descending: bool,
    view: View,
) -> html.Table:
    """The indicator's rows as an HTML table whose headers sort it through the query string."""
    dimensions = dataset.dimensions_of(entry.indicator_id)
    columns = [*dimensions, "period", "value", "qualifier", "paragraph", "quote", "note"]
    names = {
        "period": t(lang, "period"),
        "value": t(lang, "value"),
        "qualifier": t(lang, "qualifier"),
        "paragraph": t(lang, "paragraph"),
        "quote": t(lang, "quote"),
        "note": t(lang, "note"),
    }
    header = []
    for column in columns:
        flip = "1" if column == sort and not descending else None
        arrow = (" ▼" if descending else " ▲") if column == sort else ""
        link = dcc.Link(
            names.get(column, dimension_name(column, lang)) + arrow,
            href=view.href(lang, sort=column, desc=flip),
            id=f"indicator-sort-{column}",
        )
        header.append(
            html.Th(
                link, **attributes({"aria-sort": "descending" if descending else "ascending"} if column == sort else {})
            )
        )
    # "partial" only means something along a time axis, against the series' usual length (a campaign's half year is not).
    usual = shapes.time_span(entry, rows)
    body = [
        html.Tr([_cell(dataset, entry, row, column, lang, usual) for column in columns])
        for row in sort_rows(rows, sort, descending).itertuples()
    ]
    return html.Table([html.Thead(html.Tr(header)), html.Tbody(body)], className="data-table", id="indicator-table")


def _cell(dataset: data.Dataset, entry: CatalogEntry, row: Any, column: str, lang: str, usual: int | None) -> html.Td:
    value = getattr(row, column)
    if column == "value":
        return html.Td(
            format_value(value, "exact", row.unit, lang),
            className="number",
            **attributes({"data-value": repr(float(value))}),
        )
    if column == "qualifier":
        return html.Td(QUALIFIER_WORDS[lang].get(value, ""))
    if column == "period":
        partial = usual is not None and is_partial(value, usual)
        return html.Td(format_period(value, lang, entry.labels_en) + (f" ({t(lang, 'partial')})" if partial else ""))
    if column == "paragraph":
        return html.Td(
            dcc.Link(str(int(value)), href=report_href(dataset, row.report_id, lang, value)), className="number"
        )
    if column == "quote":
        return html.Td(value, lang=dataset.text_language(row.report_id), className="quote")
    if column == "note":
        return html.Td(note_in(value, getattr(row, "note_en", None), lang))
    return html.Td(label(value if isinstance(value, str) else None, lang, entry.labels_en))


def sources_list(dataset: data.Dataset, entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> html.Ol:
    """Every paragraph the indicator uses, cited in full, its quotes marked."""
    paragraphs = sorted({int(p) for p in rows.paragraph} | {int(p) for p in entry.paragraphs})
    report_id = entry.report_id
    items = []
    for number in paragraphs:
        text = dataset.paragraph_text(report_id, number)
        spans = []
        for row in rows[rows.paragraph == number].itertuples():
            spans += [s for s in quote_spans(text, row.quote, int(row.start), int(row.end)) if s[2] == "number"]
        items.append(
            html.Li(
                [
                    html.P(
                        [
                            citations.reference(cited := citations.cite(dataset, report_id, [number], lang)),
                            " ",
                            citations.cite_box(cited, f"indicator-source-{number}-cite"),
                        ],
                        className="citation",
                    ),
                    html.Blockquote(
                        highlighted(text, sorted(set(spans))),
                        className="paragraph-text",
                        lang=dataset.text_language(report_id),
                    ),
                    dcc.Link(t(lang, "open_in_report") + " →", href=report_href(dataset, report_id, lang, number)),
                ],
                id=f"indicator-source-{number}",
            )
        )
    return html.Ol(items, className="sources")
