"""Indicator page (/indicators/<indicator_id>): chart, table, sources, checks; its state is the URL."""

from typing import Any

import dash
import pandas as pd
from babel.dates import format_date
from dash import ALL, ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from contract.locales import locale_of
from contract.records import CatalogEntry
from dashboard import charts, citations, comparison, data, embed, printing, security, selected_point, series
from dashboard.attributes import attributes
from dashboard.charts import selected_rows, selection
from dashboard.check_list import checks_list
from dashboard.components import (
    View,
    chart_warnings,
    download_links,
    embed_box,
    highlighted,
    href,
    image_menu,
    number_card,
    observation_panel,
    observation_table,
    one,
    page_data,
    quote_spans,
    sources_list,
)
from dashboard.figures import GRAPH_CONFIG, page_height
from dashboard.i18n import (
    description,
    dimension_name,
    format_period,
    format_value,
    label,
    language,
    t,
    title,
    topic_title,
)

TABS = ("chart", "table", "sources", "checks")


# The tab title, in the page's language, is dashboard/meta.py's (it replaces every page's).
dash.register_page(__name__, path_template="/indicators/<indicator_id>", title="Indicateur / Indicator")


def layout(
    indicator_id: str | None = None,
    lang: object = None,
    tab: object = "chart",
    sort: object = None,
    desc: object = None,
    **query: Any,
) -> html.Div:
    """The page of one indicator, in the state its URL names."""
    lang = language(one(lang))
    shown = tab_name(one(tab))
    column = asked if isinstance(asked := one(sort), str) else None
    descending = one(desc) == "1"
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem)
    entry = dataset.indicator(indicator_id or "")
    if entry is None:
        return html.Div(
            [
                problem,
                html.H1(t(lang, "not_found", id=indicator_id)),
                dcc.Link(t(lang, "back_to_catalogue"), href=href("/", lang)),
            ],
            id="indicator-missing",
        )
    chosen = selection(dataset, entry.indicator_id, query)
    rows = selected_rows(dataset, entry.indicator_id, chosen)
    params = {"tab": shown if shown != "chart" else None, "sort": column, "desc": one(desc), **chosen}
    view = View(f"/indicators/{entry.indicator_id}", params)
    return html.Div(
        [
            problem,
            dcc.Location(id="indicator-location", refresh="callback-nav"),
            dcc.Store(
                id="indicator-state",
                data={"indicator_id": entry.indicator_id, "lang": lang, "base": {"path": view.path, "params": params}},
            ),
            html.P(dcc.Link(f"← {topic_title(entry, lang)}", href=href("/", lang)), className="crumb"),
            html.H1(title(entry, lang), id="indicator-title"),
            html.P(description(entry, lang), className="lead"),
            _series_documents(dataset, entry, lang),
            html.Div(
                [
                    _downloads(entry.indicator_id, lang, chosen),
                    _image_menu(entry.indicator_id, lang, chosen),
                    _embed_box(entry, lang, chosen),
                    _compare_link(dataset, entry, lang),
                    None  # a series is cited point by point, each in its own document (above)
                    if entry.series
                    else citations.cite_box(
                        citations.cite(dataset, entry.report_id, set(rows.paragraph) or entry.paragraphs, lang),
                        "indicator-cite",
                    ),
                ],
                className="share-bar",
            ),
            _dimension_choice(dataset, entry, chosen, lang),
            _tab_links(
                view, shown, lang, int((dataset.checks_of(entry.indicator_id).status == data.INCONSISTENT).sum())
            ),
            html.Div(
                _tab_body(dataset, entry, rows, shown, lang, column, descending, view),
                id="indicator-body",
                className=f"tab-body tab-{shown}",
            ),
            *(
                (printing.indicator_print(dataset, entry, rows, lang), selected_point.location())
                if shown == "chart"
                else ()
            ),
        ],
        className="indicator",
    )


def tab_name(value: object) -> str:
    """The tab a query names, else the chart."""
    return value if isinstance(value, str) and value in TABS else "chart"


def _downloads(indicator_id: str, lang: str, chosen: charts.Choice) -> html.P:
    # The files of the view shown: its language and dimension choice.
    return download_links(
        {ext: href(f"/api/indicators/{indicator_id}.{ext}", lang, **chosen) for ext in ("csv", "xlsx", "json")},
        indicator_id,
        lang,
        "indicator",
    )


def _image_menu(indicator_id: str, lang: str, chosen: charts.Choice) -> html.Details:
    """Links to the chart as PNG at briefing sizes and as SVG, for the current view."""
    return image_menu(f"/api/indicators/{indicator_id}", chosen, indicator_id, lang, "indicator")


def _embed_box(entry: CatalogEntry, lang: str, chosen: charts.Choice) -> html.Details:
    """The iframe code of the current view, with a copy button."""
    height = embed.iframe_height(charts.chart_parts(data.load(), entry.indicator_id, dict(chosen), lang))
    return embed_box(
        embed.iframe_code(security.public_url(), entry.indicator_id, title(entry, lang), lang, chosen, height),
        lang,
        "indicator",
    )


def _compare_link(dataset: data.Dataset, entry: CatalogEntry, lang: str) -> dcc.Link | None:
    """A link to /compare with this indicator chosen, for series over time."""
    if not comparison.comparable(dataset, entry.indicator_id):
        return None
    return dcc.Link(
        t(lang, "compare_of"),
        href=href("/compare", lang, ids=entry.indicator_id),
        className="button",
        id="indicator-compare",
    )


# --- a series across documents: one point a document, each in its own document --------------------


def _series_documents(dataset: data.Dataset, entry: CatalogEntry, lang: str) -> html.Section | None:
    """The documents of a series in date order, each with its point and a link to the paragraph stating it."""
    if not entry.series:
        return None
    items = []
    for point in series.series_points(dataset, entry.indicator_id):
        day = format_date(point.date_issued, format="long", locale=locale_of(lang)) if point.date_issued else None
        items.append(
            html.Li(
                [
                    html.Span(format_period(point.period, lang), className="when"),
                    " ",
                    html.Strong(format_value(point.value, point.qualifier, point.unit, lang), className="number"),
                    " — ",
                    html.Span(point.symbol, className="symbol"),
                    f" ({day})" if day else None,
                    ", ",
                    dcc.Link(
                        f"{t(lang, 'para')} {point.paragraph} →",
                        href=series.paragraph_href(point.report_id, point.paragraph, lang),
                        id=f"series-link-{point.report_id}",
                    ),
                ],
                id=f"series-point-{point.report_id}",
            )
        )
    return html.Section(
        [html.H2(t(lang, "series_documents")), html.P(t(lang, "series_intro"), className="hint"), html.Ol(items)],
        id="series-points",
        className="series-points",
    )


def _series_sources(dataset: data.Dataset, entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> html.Ol:
    """Each point's paragraph, cited in its own document, the number marked."""
    order = {p.position: n for n, p in enumerate(series.series_points(dataset, entry.indicator_id))}
    items = []
    for row in sorted(rows.itertuples(), key=lambda r: order.get(int(r.position), len(order))):
        text = dataset.paragraph_text(row.report_id, row.paragraph)
        number = [s for s in quote_spans(text, row.quote, int(row.start), int(row.end)) if s[2] == "number"]
        items.append(
            html.Li(
                [
                    html.P(
                        citations.reference(citations.cite(dataset, row.report_id, [row.paragraph], lang)),
                        className="citation",
                    ),
                    html.Blockquote(
                        highlighted(text, number), className="paragraph-text", lang=dataset.text_language(row.report_id)
                    ),
                    dcc.Link(
                        t(lang, "open_in_report") + " →", href=series.paragraph_href(row.report_id, row.paragraph, lang)
                    ),
                ],
                id=f"indicator-source-{row.report_id}-{int(row.paragraph)}",
            )
        )
    return html.Ol(items, className="sources")


def _dimension_choice(dataset: data.Dataset, entry: CatalogEntry, chosen: charts.Choice, lang: str) -> html.Div | None:
    choices = []
    for dimension in dataset.dimensions_of(entry.indicator_id):
        values = dataset.dimension_values(entry.indicator_id, dimension)
        if len(values) < 2:
            continue
        options = [{"label": label(v, lang, entry.labels_en), "value": v} for v in values]
        choices.append(
            html.Fieldset(
                [
                    html.Legend(dimension_name(dimension, lang)),
                    dcc.Checklist(
                        id={"type": "indicator-dimension", "name": dimension},
                        options=options,
                        value=chosen.get(dimension, values),
                        inline=True,
                        className="checklist",
                    ),
                ],
                className="dimension",
            )
        )
    return html.Div(choices, className="dimensions") if choices else None


def _tab_links(view: View, tab: str, lang: str, inconsistent: int = 0) -> html.Nav:
    # The Checks tab says from afar that the report's figures do not add up.
    badge = (
        {"checks": html.Span(f"⚠ {inconsistent}", className="tab-badge", title=t(lang, "card_warning_title"))}
        if inconsistent
        else {}
    )
    return html.Nav(
        [
            dcc.Link(
                [t(lang, f"tab_{name}"), " " if name in badge else None, badge.get(name)],
                href=view.href(lang, tab=name if name != "chart" else None),
                id=f"indicator-tab-{name}",
                className="tab active" if name == tab else "tab",
            )
            for name in TABS
        ],
        className="tabs",
        role="tablist",
    )


def _tab_body(
    dataset: data.Dataset,
    entry: CatalogEntry,
    rows: pd.DataFrame,
    tab: str,
    lang: str,
    sort: str | None,
    descending: bool,
    view: View,
) -> Any:
    if tab == "table":
        return observation_table(dataset, entry, rows, lang, sort, descending, view)
    if tab == "sources":
        return _series_sources(dataset, entry, rows, lang) if entry.series else sources_list(dataset, entry, rows, lang)
    if tab == "checks":
        return checks_list(dataset.checks_of(entry.indicator_id), lang, dataset=dataset)
    parts = charts.chart_parts(dataset, entry.indicator_id, view.params, lang)
    assert parts is not None  # the entry is in the catalogue
    if parts.card:
        # A single value: the number itself, and beside it the paragraph that states it.
        shown: Any = number_card(parts.card)
        row = next(rows[rows.position == parts.card.position].itertuples(), None)
        panel = (
            observation_panel(dataset, entry, row, lang)
            if row is not None
            else html.P(t(lang, "click_hint"), className="hint")
        )
    else:
        shown = dcc.Graph(
            id="indicator-graph",
            figure=parts.figure,
            config=GRAPH_CONFIG,
            style={"height": f"{page_height(parts.figure)}px"},
        )
        panel = html.P(t(lang, "click_hint"), className="hint")
    return html.Div(
        [
            html.Figure(
                [
                    chart_warnings(parts.warnings),
                    shown,
                    html.Figcaption(
                        [
                            html.P(parts.description, id="indicator-chart-description", className="chart-description"),
                            html.Ul([html.Li(note) for note in parts.notes], className="chart-notes")
                            if parts.notes
                            else None,
                            html.P(parts.source, className="chart-source", id="indicator-chart-source"),
                        ]
                    ),
                ],
                className="chart",
                **attributes({"aria-describedby": "indicator-chart-description"}),
            ),
            html.Aside(panel, id="indicator-panel", className="side-panel"),
        ],
        className="chart-with-panel",
    )


@callback(
    Output("indicator-panel", "children"),
    Input("indicator-graph", "clickData"),
    State("indicator-state", "data"),
    prevent_initial_call=True,
)
def show_point(click: Any, state: dict[str, Any]) -> Any:
    """The paragraph behind the clicked point, its quote marked, with a link to the report."""
    if not click or not click.get("points"):
        return dash.no_update
    dataset = data.load()
    entry = dataset.indicator(state["indicator_id"])
    row = dataset.observation_at(state["indicator_id"], click["points"][0]["customdata"][0])
    if entry is None or row is None:
        return dash.no_update
    return observation_panel(dataset, entry, row, state["lang"])


@callback(
    Output("indicator-location", "search"),
    Input({"type": "indicator-dimension", "name": ALL}, "value"),
    State({"type": "indicator-dimension", "name": ALL}, "id"),
    State("indicator-state", "data"),
    prevent_initial_call=True,
)
def choose_dimensions(values: list[list[str]], ids: list[dict[str, str]], state: dict[str, Any]) -> str:
    """The URL of the new dimension choice (all values chosen = the dimension left out)."""
    dataset = data.load()
    params = {k: v for k, v in state["base"]["params"].items() if k not in {i["name"] for i in ids}}
    for id_, chosen in zip(ids, values):
        every = set(dataset.dimension_values(state["indicator_id"], id_["name"]))
        if set(chosen) != every:
            params[id_["name"]] = chosen or [""]
    url = href(state["base"]["path"], state["lang"], **params)
    return url[len(state["base"]["path"]) :] or ""


# Copy the iframe code in the reader's browser: assets/anchors.js.
clientside_callback(
    ClientsideFunction(namespace="pages", function_name="copy_indicator_embed"),
    Output("indicator-embed-copied", "children"),
    Input("indicator-embed-copy", "n_clicks"),
    prevent_initial_call=True,
)
