"""Catalogue (/): the indicators grouped by topic, with a search box."""
import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard import suggested
from dashboard.components import page_data, href, one, report_selector
from dashboard.i18n import language, t

dash.register_page(__name__, path="/", title="Indicateurs / Indicators")


def report_catalog(dataset, report_id: str) -> list[dict]:
    """The catalogue entries of one report."""
    return [entry for entry in dataset.catalog if entry.get("report_id", report_id) == report_id]


def layout(lang=None, q="", report=None, **_):
    """The catalogue of one report (`?report=<id>`, else the first) in `lang`, filtered by the search words `q`."""
    lang, q = language(one(lang)), one(q) or ""
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="catalogue")
    report = dataset.report_or_default(one(report))
    catalog = report_catalog(dataset, report)
    return html.Div([
        problem,
        html.H1([t(lang, "nav_catalogue"), " ", html.Span(dataset.symbol(report), className="symbol")]),
        report_selector(dataset, "/", lang, report),
        dcc.Input(id="catalogue-search", type="search", value=q, placeholder=t(lang, "search_placeholder"),
                  className="search", autoComplete="off"),
        dcc.Store(id="catalogue-lang", data=lang),
        dcc.Store(id="catalogue-report", data=report),
        html.Div(suggested.catalogue(catalog, lang, q, suggested.unpublished(dataset, report)), id="catalogue-list"),
        html.P([
            html.A(t(lang, "catalogue_json"), href="/api/indicators.json"), " · ",
            html.A(t(lang, "package"), href="/api/package.zip", id="catalogue-package"), " · ",
            dcc.Link(t(lang, "nav_claims"), href=href("/claims", lang)),
        ], className="downloads"),
    ], className="catalogue")


@callback(Output("catalogue-list", "children"), Input("catalogue-search", "value"), State("catalogue-lang", "data"),
          State("catalogue-report", "data"), prevent_initial_call=True)
def filter_catalogue(query, lang, report=None):
    """The cards of the report whose titles, descriptions or topic hold every word typed."""
    dataset = data.load()
    report = dataset.report_or_default(report)
    return suggested.catalogue(report_catalog(dataset, report), language(lang), query or "", suggested.unpublished(dataset, report))
