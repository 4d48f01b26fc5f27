"""States (/states): every State of the store; with `?state=<ISO code>`, that State's documents on a timeline.

Each document of the State is shown in date order with its body and type, what the build read in it
(paragraphs, numbers, statistics, tables), its figures of the State's series across documents (each linking
to its paragraph), and links to read it, to its numbers and to its tables; above, the series themselves.
"""

from typing import Any

import dash
from babel.dates import format_date
from dash import dcc, html

from contract.locales import format_number, locale_of
from dashboard import data, series
from dashboard.components import href, one, page_data
from dashboard.i18n import colon, format_period, format_value, language, t, title
from dashboard.report_index import body_name, document_type_name
from dashboard.states import StateCount, StateDocument, StateSeries, documents_of, series_of_state, state_counts

dash.register_page(__name__, path="/states", title="États / States")


def layout(lang: object = None, state: object = None, **_: object) -> html.Div:
    """The list of States, or one State's documents (`?state=KAZ`), in `lang`."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="states")
    counts = state_counts(dataset.table("reports"))
    chosen = one(state)
    found = next((count for count in counts if count.iso3 == chosen), None) if isinstance(chosen, str) else None
    if found is None:
        unknown = html.P(t(lang, "states_unknown", code=chosen), className="hint") if chosen else None
        return html.Div(
            [problem, html.H1(t(lang, "states_title")), unknown, _state_list(counts, lang)], className="states"
        )
    return html.Div([problem, *_state_page(dataset, found, lang)], className="states")


def _state_list(counts: list[StateCount], lang: str) -> html.Div:
    if not counts:
        return html.Div(html.P(t(lang, "states_none"), className="empty"))
    return html.Div(
        [
            html.P(
                t(lang, "states_intro_one" if len(counts) == 1 else "states_intro", n=len(counts)), className="lead"
            ),
            html.Ul(
                [
                    html.Li(
                        [
                            dcc.Link(count.name(lang), href=href("/states", lang, state=count.iso3)),
                            " ",
                            html.Span(_documents_line(count, lang), className="hint"),
                        ],
                        id=f"state-{count.iso3}",
                    )
                    for count in sorted(counts, key=lambda count: count.name(lang))
                ],
                className="states-list",
                id="states-list",
            ),
        ]
    )


def _documents_line(count: StateCount, lang: str) -> str:
    years = (
        ""
        if count.first_year is None
        else f", {count.first_year}" + (f"–{count.last_year}" if count.last_year != count.first_year else "")
    )
    documents = t(lang, "states_document") if count.documents == 1 else t(lang, "states_documents", n=count.documents)
    return documents + years


def _state_page(dataset: data.Dataset, state: StateCount, lang: str) -> list[Any]:
    documents = documents_of(dataset, state.iso3)
    return [
        html.P(dcc.Link(t(lang, "states_all"), href=href("/states", lang)), className="back"),
        html.H1(state.name(lang)),
        html.P(_documents_line(state, lang), className="lead"),
        _series_list(series_of_state(dataset, [d.report.report_id for d in documents]), lang),
        html.Ol(
            [_document(dataset, document, lang) for document in documents], className="timeline", id="state-timeline"
        ),
    ]


def _series_list(found: list[StateSeries], lang: str) -> html.Section | None:
    """The series across the State's documents, each linking to its chart, with its values in date order."""
    if not found:
        return None
    return html.Section(
        [
            html.H2(t(lang, "states_series")),
            html.P(t(lang, "states_series_intro"), className="hint"),
            html.Ul(
                [
                    html.Li(
                        [
                            dcc.Link(title(s.entry, lang), href=href(f"/indicators/{s.entry.indicator_id}", lang)),
                            " ",
                            html.Span(
                                " → ".join(
                                    f"{format_value(p.value, p.qualifier, p.unit, lang)} ({format_period(p.period, lang)})"
                                    for p in s.points
                                ),
                                className="hint",
                            ),
                        ],
                        id=f"state-series-{s.entry.indicator_id}",
                    )
                    for s in found
                ]
            ),
        ],
        id="state-series",
    )


def _figures(dataset: data.Dataset, document: StateDocument, lang: str) -> html.Ul | None:
    """The document's points of the State's series: each figure, linking to its paragraph and to its series."""
    if not document.figures:
        return None
    return html.Ul(
        [
            html.Li(
                [
                    dcc.Link(title(entry, lang), href=href(f"/indicators/{entry.indicator_id}", lang)),
                    f"{colon(lang)} ",
                    html.Strong(format_value(point.value, point.qualifier, point.unit, lang)),
                    " — ",
                    dcc.Link(
                        f"{t(lang, 'para')} {point.paragraph}",
                        href=series.paragraph_href(point.report_id, point.paragraph, lang),
                        id=f"figure-{point.report_id}-{entry.indicator_id}",
                    ),
                ]
            )
            for entry, point in document.figures
        ],
        className="figures",
    )


def _document(dataset: data.Dataset, document: StateDocument, lang: str) -> html.Li:
    """One document on the timeline: its date, symbol, body and type, its counts and where to go from it."""
    report = document.report
    day = format_date(report.date_issued, format="long", locale=locale_of(lang)) if report.date_issued else None
    kind = " — ".join(
        part for part in (body_name(report.body, lang), document_type_name(report.document_type, lang)) if part
    )
    numbers = t(
        lang,
        "states_counts",
        paragraphs=format_number(report.paragraphs, lang),
        claims=format_number(report.claims, lang),
        statistics=format_number(document.statistics, lang),
    )
    tables = document.tables + document.suggested_tables
    links = [
        dcc.Link(t(lang, "states_read"), href=href("/report", lang, report=report.report_id)),
        dcc.Link(t(lang, "states_numbers"), href=href("/claims", lang, report=report.report_id)),
    ]
    if tables:
        which = {0: "states_tables", tables: "states_tables_suggested"}.get(
            document.suggested_tables, "states_tables_some_suggested"
        )
        label = t(lang, which, n=tables, suggested=document.suggested_tables)
        links.append(dcc.Link(label, href=href("/", lang, report=report.report_id)))
    return html.Li(
        [
            html.Time(day or t(lang, "states_undated"), dateTime=str(report.date_issued or ""), className="when"),
            html.H2(html.Span(report.symbol, className="symbol")),
            html.P(kind, className="kind") if kind else None,
            html.P(numbers, className="counts"),
            _figures(dataset, document, lang),
            html.P([item for link in links for item in (link, " · ")][:-1], className="links"),
        ],
        id=f"document-{report.report_id}",
        lang=report.language,
    )
