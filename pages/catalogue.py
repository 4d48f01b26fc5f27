"""Catalogue (/): the indicators grouped by topic, with a search box that filters as you type.

The search ignores accents and case (dashboard/search.py) and is kept in the URL (`/?q=refugies`)
without reloading the page, so a reload or a shared link shows the same cards.
"""

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from contract.records import CatalogEntry
from dashboard import citations, data, printing, suggested
from dashboard.components import href, one, page_data, report_selector
from dashboard.i18n import language, t

dash.register_page(__name__, path="/", title="Indicateurs / Indicators")

# Seconds of quiet typing before the cards are filtered and the URL updated.
SEARCH_DEBOUNCE = 0.3


def report_catalog(dataset: data.Dataset, report_id: str) -> list[CatalogEntry]:
    """The catalogue entries of one report."""
    return dataset.entries_of(report_id)


def layout(lang: object = None, q: object = "", report: object = None, **_: object) -> html.Div:
    """The catalogue of one report (`?report=<id>`, else the first) in `lang`, filtered by the search words `q`."""
    lang = language(one(lang))
    words = asked if isinstance(asked := one(q), str) else ""
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="catalogue")
    report = dataset.report_or_default(one(report))
    catalog = report_catalog(dataset, report)
    return html.Div(
        [
            problem,
            dcc.Location(id="catalogue-location", refresh=False),
            html.H1([t(lang, "nav_catalogue"), " ", html.Span(dataset.symbol(report), className="symbol")]),
            citations.document_line(dataset, report, lang, "catalogue"),
            report_selector(dataset, "/", lang, report),
            html.Label(t(lang, "search_placeholder"), htmlFor="catalogue-search", className="visually-hidden"),
            dcc.Input(
                id="catalogue-search",
                type="search",
                value=words,
                placeholder=t(lang, "search_placeholder"),
                className="search",
                autoComplete="off",
                debounce=SEARCH_DEBOUNCE,
            ),
            dcc.Store(id="catalogue-lang", data=lang),
            dcc.Store(id="catalogue-report", data=report),
            html.Div(
                suggested.catalogue(catalog, lang, words, suggested.unpublished(dataset, report)), id="catalogue-list"
            ),
            html.P(
                [
                    html.A(t(lang, "catalogue_json"), href="/api/indicators.json"),
                    " · ",
                    html.A(t(lang, "package"), href="/api/package.zip", id="catalogue-package"),
                    " · ",
                    dcc.Link(t(lang, "nav_claims"), href=href("/claims", lang)),
                ],
                className="downloads",
            ),
            printing.page_footer(dataset, report, lang),
        ],
        className="catalogue",
    )


@callback(
    Output("catalogue-list", "children"),
    Input("catalogue-search", "value"),
    State("catalogue-lang", "data"),
    State("catalogue-report", "data"),
    prevent_initial_call=True,
)
def filter_catalogue(query: str | None, lang: str, report: str | None = None) -> list[Any]:
    """The cards of the report whose titles, descriptions or topic hold every word typed, accents and case aside."""
    dataset = data.load()
    report = dataset.report_or_default(report)
    return suggested.catalogue(
        report_catalog(dataset, report), language(lang), query or "", suggested.unpublished(dataset, report)
    )


@callback(
    Output("catalogue-location", "search"),
    Input("catalogue-search", "value"),
    State("catalogue-lang", "data"),
    State("catalogue-report", "data"),
    prevent_initial_call=True,
)
def search_in_url(query: str | None, lang: str, report: str | None = None) -> str:
    """The query string of the search typed: `?q=…`, with the language and a report other than the default."""
    dataset = data.load()
    chosen = None if dataset.is_default_report(dataset.report_or_default(report)) else report
    url = href("/", language(lang), report=chosen, q=(query or "").strip())
    return url[1:]
