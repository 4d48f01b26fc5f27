"""Catalogue (/): the indicators grouped by topic, with a search box."""
import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.components import catalogue_sections, data_problem, href, one
from dashboard.i18n import language, t

dash.register_page(__name__, path="/", title="Indicateurs / Indicators")


def layout(lang=None, q="", **_):
    """The catalogue in `lang`, filtered by the search words `q` of the URL."""
    lang, q = language(one(lang)), one(q) or ""
    problem = data_problem(lang)
    try:
        catalog = data.load().catalog
    except data.DataUnavailable:
        return html.Div(problem, className="catalogue")
    return html.Div([
        problem,
        html.H1(t(lang, "nav_catalogue")),
        dcc.Input(id="catalogue-search", type="search", value=q, placeholder=t(lang, "search_placeholder"),
                  className="search", autoComplete="off"),
        dcc.Store(id="catalogue-lang", data=lang),
        html.Div(catalogue_sections(catalog, lang, q), id="catalogue-list"),
        html.P([
            html.A(t(lang, "catalogue_json"), href="/api/indicators.json"), " · ",
            html.A(t(lang, "package"), href="/api/package.zip", id="catalogue-package"), " · ",
            dcc.Link(t(lang, "nav_claims"), href=href("/claims", lang)),
        ], className="downloads"),
    ], className="catalogue")


@callback(Output("catalogue-list", "children"), Input("catalogue-search", "value"), State("catalogue-lang", "data"),
          prevent_initial_call=True)
def filter_catalogue(query, lang):
    """The cards whose titles, descriptions or topic hold every word typed."""
    return catalogue_sections(data.load().catalog, language(lang), query or "")
