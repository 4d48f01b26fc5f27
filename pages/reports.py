"""Documents (/reports): every document of the data, searched by words and narrowed by State, body, type and year.

The query is the URL's (`/reports?q=torture&state_iso3=KAZ&year=2010&page=2`), so a search can be linked and
kept; the form is a plain GET form and the facets plain links, so the page works the same without scripts.
"""

from typing import Any

import dash
from babel.dates import format_date
from dash import dcc, html

from contract.locales import format_number, locale_of
from contract.states import state_of
from dashboard.components import href, one, page_data
from dashboard.i18n import language, t
from dashboard.report_index import (
    FACETS,
    PAGE_SIZE,
    ReportPage,
    ReportQuery,
    ReportRow,
    body_name,
    document_type_name,
    search,
)

dash.register_page(__name__, path="/reports", title="Documents / Documents")

# The longest search a reader types; past it the words are cut, not refused.
MAX_WORDS = 200


def query_of(values: dict[str, object]) -> ReportQuery:
    """The reader's query from the URL's values; a value that does not fit a facet is left out, never an error."""
    text = one(values.get("q"))
    year, page = (_whole(one(values.get(name))) for name in ("year", "page"))
    chosen = {facet: one(values.get(facet)) for facet in ("state_iso3", "body", "document_type")}
    return ReportQuery(
        words=text[:MAX_WORDS] if isinstance(text, str) else "",
        year=year,
        page=page or 1,
        **{facet: value if isinstance(value, str) and value else None for facet, value in chosen.items()},
    )


def _whole(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 7 else None


def layout(lang: object = None, **values: object) -> html.Div:
    """The documents found for the URL's query, a page of them, with the facets' counts, in `lang`."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="reports")
    query = query_of(values)
    found = search(dataset, query)
    return html.Div(
        [
            problem,
            html.H1(t(lang, "reports_title")),
            html.P(dcc.Link(t(lang, "reports_by_state"), href=href("/states", lang)), className="back"),
            _form(query, lang),
            html.Div(
                [_facets(found, query, lang), _results(found, query, lang)],
                className="reports-layout",
            ),
        ],
        className="reports",
    )


def _form(query: ReportQuery, lang: str) -> html.Form:
    kept = [dcc.Input(type="hidden", name=facet, value=str(value)) for facet, value in query.chosen().items()]
    if lang != "fr":
        kept.append(dcc.Input(type="hidden", name="lang", value=lang))
    return html.Form(
        [
            html.Label(t(lang, "reports_search_label"), htmlFor="reports-q", className="visually-hidden"),
            dcc.Input(
                id="reports-q",
                name="q",
                type="search",
                value=query.words,
                placeholder=t(lang, "reports_search_placeholder"),
                className="search",
                debounce=True,
            ),
            *kept,
            html.Button(t(lang, "reports_search"), type="submit", className="button"),
        ],
        method="get",
        action="/reports",
        className="reports-form",
    )


def _link(query: ReportQuery, lang: str, **changes: Any) -> str:
    """The address of the query with some values changed (None removes one); a new choice goes back to page 1."""
    params: dict[str, Any] = {"q": query.words or None, **query.chosen(), "page": None}
    params.update(changes)
    return href("/reports", lang, **params)


def _facets(found: ReportPage, query: ReportQuery, lang: str) -> html.Aside:
    groups = []
    for facet in FACETS:
        values = found.facets.get(facet, ())
        if not values:
            continue
        chosen = query.chosen().get(facet)
        items: list[Any] = []
        if chosen is not None:
            items.append(html.Li(dcc.Link(t(lang, "reports_any"), href=_link(query, lang, **{facet: None}))))
        shown = sorted(values, key=lambda item: item[0], reverse=facet == "year")
        for value, count in shown:
            name = _facet_value(facet, value, lang)
            label: list[Any] = [name, " ", html.Span(format_number(count, lang), className="count")]
            items.append(
                html.Li(
                    html.Strong(label)
                    if str(chosen) == value
                    else dcc.Link(label, href=_link(query, lang, **{facet: value}))
                )
            )
        groups.append(
            html.Details(
                [html.Summary(t(lang, f"reports_facet_{facet}")), html.Ul(items)],
                open=True,
                id=f"reports-facet-{facet}",
            )
        )
    return html.Aside(groups, className="reports-facets")


def _facet_value(facet: str, value: str, lang: str) -> str:
    if facet == "state_iso3":
        state = state_of(value)
        return (state.fr if lang == "fr" else state.en) if state else value
    if facet == "body":
        return body_name(value, lang)
    if facet == "document_type":
        return document_type_name(value, lang)
    return value


def _results(found: ReportPage, query: ReportQuery, lang: str) -> html.Section:
    if not found.found:
        return html.Section(html.P(t(lang, "reports_none"), className="empty", id="reports-count"))
    first = (found.page - 1) * PAGE_SIZE + 1
    count = t(
        lang,
        "reports_count",
        first=format_number(first, lang),
        last=format_number(first + len(found.rows) - 1, lang),
        n=format_number(found.found, lang),
    )
    return html.Section(
        [
            html.P(count, id="reports-count", className="lead"),
            html.Ol(
                [_row(row, lang) for row in found.rows], className="reports-list", id="reports-list", start=str(first)
            ),
            _pager(found, query, lang),
        ]
    )


def _row(row: ReportRow, lang: str) -> html.Li:
    day = format_date(row.date_issued, format="long", locale=locale_of(lang)) if row.date_issued else None
    state = state_of(row.state_iso3) if row.state_iso3 else None
    state_name = (state.fr if lang == "fr" else state.en) if state else row.state
    kind = " — ".join(p for p in (body_name(row.body, lang), document_type_name(row.document_type, lang)) if p)
    counts = t(
        lang, "reports_counts", paragraphs=format_number(row.paragraphs, lang), claims=format_number(row.claims, lang)
    )
    return html.Li(
        [
            dcc.Link(row.symbol, href=href("/report", lang, report=row.report_id), className="symbol"),
            " ",
            dcc.Link(state_name, href=href("/states", lang, state=row.state_iso3))
            if state and state_name
            else state_name,
            html.Span(f" · {day}" if day else "", className="when"),
            html.Br(),
            html.Span(" · ".join(p for p in (kind, counts) if p), className="hint"),
        ],
        id=f"reports-row-{row.report_id}",
    )


def _pager(found: ReportPage, query: ReportQuery, lang: str) -> html.Nav | None:
    if found.pages < 2:
        return None
    where = t(lang, "reports_page", page=found.page, pages=found.pages)
    before = (
        dcc.Link(t(lang, "reports_previous"), href=_link(query, lang, page=found.page - 1)) if found.page > 1 else None
    )
    after = (
        dcc.Link(t(lang, "reports_next"), href=_link(query, lang, page=found.page + 1))
        if found.page < found.pages
        else None
    )
    return html.Nav([before, " ", html.Span(where), " ", after], className="pager", id="reports-pager")
