"""Follow-up (/follow-up): each recommendation of the previous concluding observations and the report's answer to it."""

import itertools
from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, clientside_callback, dcc, html

from dashboard import data, follow_up
from dashboard.citations import document_url
from dashboard.components import href, one, page_data, report_href, report_selector
from dashboard.follow_up import Recommendation, Section, word
from dashboard.i18n import format_period, labelled, language, t, title

dash.register_page(__name__, path="/follow-up", title="Suite donnée / Follow-up")


def layout(lang: object = None, report: object = None, **_: object) -> html.Div:
    """The follow-up of one report (`?report=<id>`, else the first), in `lang`."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="follow-up")
    report = dataset.report_or_default(one(report))
    symbol = follow_up.previous_symbol(dataset, report) or word(lang, "previous")
    found = follow_up.recommendations(dataset, report)
    source = follow_up.co_document(dataset, report)
    return html.Div(
        [
            problem,
            dcc.Location(id="follow-up-location"),
            dcc.Store(id="follow-up-scrolled"),
            html.H1([word(lang, "title"), " ", html.Span(dataset.symbol(report), className="symbol")]),
            report_selector(dataset, "/follow-up", lang, report),
            html.P(word(lang, "intro", symbol=symbol), className="lead"),
            _summary(found, lang),
            html.P(
                [
                    html.Span(labelled(word(lang, "download"), lang) + " "),
                    *[
                        html.A(
                            ext.upper() if ext == "csv" else "Excel",
                            href=href(f"/api/follow-up.{ext}", "fr", report=report),
                            download=f"follow-up-{report}.{ext}",
                            id=f"follow-up-download-{ext}",
                            className="button",
                        )
                        for ext in follow_up.FORMATS
                    ],
                ],
                className="downloads",
            ),
            None if source or not found else _where_the_text_is(dataset, report, lang),
            html.Div(
                [_item(dataset, report, rec, source, lang) for rec in found]
                or [html.P(word(lang, "none"), className="empty")],
                id="follow-up-list",
            ),
        ],
        className="follow-up",
    )


def _where_the_text_is(dataset: data.Dataset, report: str, lang: str) -> html.P | None:
    """Where a reader finds the recommendations the data does not hold: the concluding observations on undocs.org."""
    symbol = follow_up.previous_symbol(dataset, report)
    if not symbol:
        return None
    return html.P(
        [
            word(lang, "no_text", symbol=symbol),
            " ",
            html.A(
                word(lang, "read_co", symbol=symbol),
                href=document_url(symbol),
                target="_blank",
                rel="noopener",
                id="follow-up-co-link",
            ),
        ],
        className="hint",
        id="follow-up-no-text",
    )


def _co_link(dataset: data.Dataset, report: str, co_paragraph: int, lang: str) -> html.P | None:
    """The concluding observations' paragraph a recommendation stands in, linked, when the data lacks its text."""
    symbol = follow_up.previous_symbol(dataset, report)
    if not symbol:
        return None
    return html.P(
        html.A(
            word(lang, "co_where", symbol=symbol, n=co_paragraph),
            href=document_url(symbol),
            target="_blank",
            rel="noopener",
        ),
        className="follow-up-co-where",
    )


def _summary(found: list[Recommendation], lang: str) -> html.P | None:
    if not found:
        return None
    paragraphs = {p for rec in found for p in rec.paragraphs}
    sections = {s.key for rec in found for s in rec.sections}
    return html.P(word(lang, "summary", n=len(found), p=len(paragraphs), s=len(sections)), id="follow-up-summary")


def _item(dataset: data.Dataset, report: str, rec: Recommendation, source: str | None, lang: str) -> html.Section:
    """One recommendation: its text (when the concluding observations are in the data) beside the State's answer."""
    answer = html.Div(
        [
            html.H3(word(lang, "answer")),
            html.Ul(
                [_section(dataset, report, section, lang) for section in rec.sections], className="follow-up-sections"
            ),
            _statistics(dataset, report, rec, lang),
            _indicators(dataset, rec, lang),
        ],
        className="follow-up-answer",
    )
    recommendation = (
        html.Div(
            [
                html.H3(word(lang, "recommendation")),
                html.Blockquote(rec.text, className="paragraph-text", lang=dataset.facts(source).language or "en"),
            ],
            className="follow-up-recommendation",
        )
        if rec.text
        else _co_link(dataset, report, rec.co_paragraph, lang)
    )
    return html.Section(
        [
            html.H2(html.A(word(lang, "co_paragraph", n=rec.co_paragraph), href=f"#follow-up-co{rec.co_paragraph}")),
            html.Div([recommendation, answer], className="follow-up-pair" + (" with-text" if rec.text else "")),
        ],
        id=f"follow-up-co{rec.co_paragraph}",
        className="follow-up-item",
    )


def _section(dataset: data.Dataset, report: str, section: Section, lang: str) -> html.Li:
    """A section and its paragraphs, as runs ('par. 153–170'), each linked to the reader at its first paragraph."""
    links: list[Any] = []
    for first, last in _runs(section.paragraphs):
        text = f"{first}–{last}" if last != first else str(first)
        links += [
            ", " if links else "",
            dcc.Link(text, href=report_href(dataset, report, lang, first), className="follow-up-paragraphs"),
        ]
    return html.Li(
        [
            html.Strong(f"{section.key}. {section.title}", lang=dataset.text_language(report)),
            " — ",
            t(lang, "para"),
            " ",
            *links,
        ]
    )


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [(a, b) for a, b in runs]


def _statistics(dataset: data.Dataset, report: str, rec: Recommendation, lang: str) -> html.P | html.Details:
    """The numbers of the answer, one line per paragraph: 'par. 156 : 46 (2022) · 84 (2023) · 91 (2024)'."""
    count = len(rec.statistics)
    if not count:
        return html.P(word(lang, "no_statistics"), className="hint")
    # Plain lists, not pandas rows: reading a frame row by row cost 1.5 s of a 3 s page.
    rows = zip(rec.statistics.paragraph.tolist(), rec.statistics.text.tolist(), rec.statistics.period.tolist())
    items = []
    for paragraph, claims in itertools.groupby(rows, key=lambda row: row[0]):  # sorted by paragraph
        numbers = " · ".join(
            f"{text} ({format_period(period, lang)})" if isinstance(period, str) else text for _, text, period in claims
        )
        items.append(
            html.Li(
                [
                    dcc.Link(f"{t(lang, 'para')} {int(paragraph)}", href=report_href(dataset, report, lang, paragraph)),
                    labelled("", lang) + " ",
                    html.Span(numbers, lang=dataset.text_language(report)),
                ]
            )
        )
    label = word(lang, "statistic") if count == 1 else word(lang, "statistics", n=count)
    return html.Details(
        [html.Summary(label), html.Ul(items, className="follow-up-numbers")],
        id=f"follow-up-statistics-{rec.co_paragraph}",
    )


def _indicators(dataset: data.Dataset, rec: Recommendation, lang: str) -> html.Div | None:
    if not rec.indicator_ids:
        return None
    items = []
    for indicator_id in rec.indicator_ids:
        entry = dataset.indicator(indicator_id)
        if entry is None:
            continue
        badge = html.Span(word(lang, "suggested"), className="suggested-badge") if entry.suggested else None
        items.append(
            html.Li([dcc.Link(title(entry, lang), href=href(f"/indicators/{indicator_id}", lang)), " ", badge])
        )
    return html.Div([html.H4(word(lang, "indicators")), html.Ul(items, className="follow-up-indicators")])


# The page is drawn after the browser has handled '#follow-up-co15': scroll to it once it exists (assets/anchors.js).
clientside_callback(
    ClientsideFunction(namespace="pages", function_name="scroll_to_anchor"),
    Output("follow-up-scrolled", "data"),
    Input("follow-up-location", "hash"),
)
