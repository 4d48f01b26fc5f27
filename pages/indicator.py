"""Indicator page (/indicators/<indicator_id>): chart, table, sources, checks; its state is the URL."""
import dash
from dash import ALL, Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.components import (
    checks_list, data_problem, href, indicator_figure, one, observation_panel, observation_table, source_line, sources_list,
)
from dashboard.i18n import dimension_name, label, language, t

TABS = ("chart", "table", "sources", "checks")


def page_title(indicator_id=None, **_) -> str:
    """The browser tab's title: the indicator's French title (the title gets no query string)."""
    try:
        entry = data.load().indicator(indicator_id or "")
    except data.DataUnavailable:
        entry = None
    return entry["title"]["fr"] if entry else "Indicateur / Indicator"


dash.register_page(__name__, path_template="/indicators/<indicator_id>", title=page_title)


def selection(dataset, indicator_id: str, query: dict) -> dict:
    """The dimension values chosen in the URL ({dimension: [values]}); a dimension not named keeps all."""
    chosen = {}
    for dimension in dataset.dimensions_of(indicator_id):
        if dimension in query:
            values = query[dimension] if isinstance(query[dimension], list) else [query[dimension]]
            chosen[dimension] = [v for v in values if v]
    return chosen


def selected_rows(dataset, indicator_id: str, chosen: dict):
    """The indicator's rows kept by the dimension choice."""
    rows = dataset.observations_of(indicator_id)
    for dimension, values in chosen.items():
        rows = rows[rows[dimension].isin(values)]
    return rows


def layout(indicator_id=None, lang=None, tab="chart", sort=None, desc=None, **query):
    """The page of one indicator, in the state its URL names."""
    lang, tab, sort, desc = language(one(lang)), one(tab), one(sort), one(desc)
    tab = tab if tab in TABS else "chart"
    problem = data_problem(lang)
    try:
        dataset = data.load()
    except data.DataUnavailable:
        return html.Div(problem)
    entry = dataset.indicator(indicator_id or "")
    if entry is None:
        return html.Div([problem, html.H1(t(lang, "not_found", id=indicator_id)),
                         dcc.Link(t(lang, "back_to_catalogue"), href=href("/", lang))], id="indicator-missing")
    chosen = selection(dataset, indicator_id, query)
    rows = selected_rows(dataset, indicator_id, chosen)
    params = {"tab": tab if tab != "chart" else None, "sort": sort, "desc": desc, **chosen}
    base = {"path": f"/indicators/{indicator_id}", "params": params}
    return html.Div([
        problem,
        dcc.Location(id="indicator-location", refresh="callback-nav"),
        dcc.Store(id="indicator-state", data={"indicator_id": indicator_id, "lang": lang, "base": base}),
        html.P(dcc.Link(f"← {entry['topic_title'][lang]}", href=href("/", lang)), className="crumb"),
        html.H1(entry["title"][lang], id="indicator-title"),
        html.P(entry["description"][lang], className="lead"),
        _downloads(indicator_id, lang),
        _dimension_choice(dataset, entry, chosen, lang),
        _tab_links(base, tab, lang),
        html.Div(_tab_body(dataset, entry, rows, tab, lang, sort, desc == "1", base), id="indicator-body",
                 className=f"tab-body tab-{tab}"),
    ], className="indicator")


def _downloads(indicator_id: str, lang: str) -> html.P:
    links = [html.A(t(lang, f"download_{ext}"), href=f"/api/indicators/{indicator_id}.{ext}", download=f"{indicator_id}.{ext}",
                    id=f"indicator-download-{ext}", className="button") for ext in ("csv", "xlsx", "json")]
    return html.P([html.Span(t(lang, "downloads") + " : " if lang == "fr" else t(lang, "downloads") + ": "), *links],
                  className="downloads")


def _dimension_choice(dataset, entry: dict, chosen: dict, lang: str):
    choices = []
    for dimension in dataset.dimensions_of(entry["indicator_id"]):
        values = list(dict.fromkeys(dataset.observations_of(entry["indicator_id"])[dimension].dropna()))
        if len(values) < 2:
            continue
        options = [{"label": label(v, lang, entry.get("labels_en")), "value": v} for v in values]
        choices.append(html.Fieldset([
            html.Legend(dimension_name(dimension, lang)),
            dcc.Checklist(id={"type": "indicator-dimension", "name": dimension}, options=options,
                          value=chosen.get(dimension, values), inline=True, className="checklist"),
        ], className="dimension"))
    return html.Div(choices, className="dimensions") if choices else None


def _tab_links(base: dict, tab: str, lang: str) -> html.Nav:
    return html.Nav([
        dcc.Link(t(lang, f"tab_{name}"), href=href(base["path"], lang, **{**base["params"], "tab": name if name != "chart" else None}),
                 id=f"indicator-tab-{name}", className="tab active" if name == tab else "tab")
        for name in TABS
    ], className="tabs", role="tablist")


def _tab_body(dataset, entry, rows, tab, lang, sort, descending, base):
    if tab == "table":
        return observation_table(dataset, entry, rows, lang, sort, descending, base)
    if tab == "sources":
        return sources_list(dataset, entry, rows, lang)
    if tab == "checks":
        return checks_list(dataset.checks_of(entry["indicator_id"]), lang)
    figure = indicator_figure(entry, rows, lang)
    return html.Div([
        html.Figure([
            dcc.Graph(id="indicator-graph", figure=figure, config={"displaylogo": False, "responsive": True},
                      style={"height": "440px"}),
            html.Figcaption(source_line(dataset.symbol(entry["report_id"]), entry, rows, lang), className="chart-source"),
        ], className="chart"),
        html.Aside(html.P(t(lang, "click_hint"), className="hint"), id="indicator-panel", className="side-panel"),
    ], className="chart-with-panel")


@callback(Output("indicator-panel", "children"), Input("indicator-graph", "clickData"), State("indicator-state", "data"),
          prevent_initial_call=True)
def show_point(click, state):
    """The paragraph behind the clicked point, its quote marked, with a link to the report."""
    if not click or not click.get("points"):
        return dash.no_update
    dataset = data.load()
    entry = dataset.indicator(state["indicator_id"])
    position = click["points"][0]["customdata"][0]
    rows = dataset.observations_of(state["indicator_id"])
    row = next(rows[rows.position == position].itertuples(), None)
    if entry is None or row is None:
        return dash.no_update
    return observation_panel(dataset, entry, row, state["lang"])


@callback(Output("indicator-location", "search"), Input({"type": "indicator-dimension", "name": ALL}, "value"),
          State({"type": "indicator-dimension", "name": ALL}, "id"), State("indicator-state", "data"),
          prevent_initial_call=True)
def choose_dimensions(values, ids, state):
    """The URL of the new dimension choice (all values chosen = the dimension left out)."""
    dataset = data.load()
    params = {k: v for k, v in state["base"]["params"].items() if k not in {i["name"] for i in ids}}
    for id_, chosen in zip(ids, values):
        every = set(dataset.observations_of(state["indicator_id"])[id_["name"]].dropna())
        if set(chosen) != every:
            params[id_["name"]] = chosen or [""]
    url = href(state["base"]["path"], state["lang"], **params)
    return url[len(state["base"]["path"]):] or ""
