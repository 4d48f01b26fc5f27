"""Compare (/compare?ids=a,b): series of one unit from several indicators on one chart; the selection is the URL."""

from typing import Any
from urllib.parse import urlencode

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import comparison, data, embed, security
from dashboard.attributes import attributes
from dashboard.components import chart_warnings, download_links, embed_box, image_menu, one, page_data
from dashboard.figures import GRAPH_CONFIG, page_height
from dashboard.i18n import DEFAULT_LANGUAGE, dropdown_labels, language, t, title, unit_label
from dashboard.memo import memoized

dash.register_page(__name__, path="/compare", title="Comparer / Compare")


def compare_search(ids: list[str], lang: str) -> str:
    """'?lang=en&ids=a,b' (commas kept: ids are catalogue ids, letters, digits and underscores)."""
    query = ({"lang": lang} if lang != DEFAULT_LANGUAGE else {}) | ({"ids": ",".join(ids)} if ids else {})
    return f"?{urlencode(query, safe=',')}" if query else ""


@memoized(max_entries=16)
def comparable_indicators(
    dataset: data.Dataset, report_id: str, chosen: tuple[str, ...], lang: str
) -> list[dict[str, str]]:
    """The dropdown's options: the series over time (lines or shares over time) of one document, those it gives a
    point to included, then the others already chosen. The whole catalogue's would be hundreds of thousands of
    options in a corpus: a reader compares a document's figures with one another, and any other by its id."""
    own = comparison.comparable_of_report(dataset, report_id)
    others = [i for i in chosen if i not in own and comparison.comparable(dataset, i)]
    entries = dataset.indicators_named([*own, *others], report_id)
    return [
        {"label": f"{title(entry, lang)} ({unit_label(entry, lang)})", "value": indicator_id}
        for indicator_id in [*own, *others]
        if (entry := entries.get(indicator_id)) is not None
    ]


def compared_report(dataset: data.Dataset, chosen: list[str], report: object = None) -> str:
    """The document whose indicators the dropdown offers: `?report=` when it names one, else the first chosen
    indicator's, else the default report."""
    if isinstance(report, str) and dataset.report_or_default(report) == report:
        return report
    first = next((entry for i in chosen if (entry := dataset.indicator(i)) is not None), None)
    return first.report_id if first is not None else dataset.report_or_default(None)


def layout(lang: object = None, ids: object = None, report: object = None, **_: object) -> html.Div:
    """The comparison of the indicators named in `?ids=a,b`, in `lang`; the choices offered are of `?report=`, else
    of the first indicator's document."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="compare")
    chosen = comparison.compare_ids(ids)
    offered = compared_report(dataset, chosen, one(report))
    return html.Div(
        [
            problem,
            dcc.Location(id="compare-location", refresh="callback-nav"),
            dcc.Store(id="compare-state", data={"lang": lang}),
            html.H1(t(lang, "compare_title")),
            html.P(t(lang, "compare_lead"), className="lead"),
            html.Label(t(lang, "compare_choose"), htmlFor="compare-choice", className="compare-label"),
            dcc.Dropdown(
                id="compare-choice",
                options=comparable_indicators(dataset, offered, tuple(chosen), lang),
                value=chosen,
                multi=True,
                placeholder=t(lang, "compare_of"),
                className="compare-choice",
                labels=dropdown_labels(lang),
            ),
            html.Div(_chart(dataset, chosen, lang), id="compare-body"),
        ],
        className="compare",
    )


def _chart(dataset: data.Dataset, ids: list[str], lang: str) -> list[Any]:
    """The shared chart with its downloads, image menu and embed code; what was left out and why."""
    if not ids:
        return [html.P(t(lang, "compare_empty"), className="empty", id="compare-empty")]
    parts, messages = comparison.compare_parts(dataset, ids, lang)
    left_out = (
        html.Ul([html.Li(m) for m in messages], className="compare-messages", id="compare-messages", role="status")
        if messages
        else None
    )
    if parts is None:
        return [left_out]
    kept = parts.chosen["ids"]
    query = {"ids": ",".join(kept)}
    name = "compare-" + "-".join(kept)
    code = embed.compare_iframe_code(security.public_url(), kept, parts.title, lang, embed.iframe_height(parts))
    return [
        left_out,
        html.Div(
            [
                download_links(
                    {ext: f"/api/compare.{ext}{compare_search(kept, lang)}" for ext in ("csv", "xlsx", "json")},
                    name,
                    lang,
                    "compare",
                ),
                image_menu("/api/compare", query, name, lang, "compare"),
                embed_box(code, lang, "compare"),
            ],
            className="share-bar",
        ),
        html.Figure(
            [
                html.H2(parts.title, className="compare-chart-title", id="compare-chart-title"),
                html.P(parts.subtitle, className="chart-subtitle"),
                chart_warnings(parts.warnings, "compare"),
                dcc.Graph(
                    id="compare-graph",
                    figure=parts.figure,
                    config=GRAPH_CONFIG,
                    style={"height": f"{page_height(parts.figure)}px"},
                ),
                html.Figcaption(
                    [
                        html.P(parts.description, id="compare-chart-description", className="chart-description"),
                        html.Ul([html.Li(note) for note in parts.notes], className="chart-notes")
                        if parts.notes
                        else None,
                        html.P(parts.source, className="chart-source", id="compare-chart-source"),
                    ]
                ),
            ],
            className="chart",
            **attributes({"aria-describedby": "compare-chart-description"}),
        ),
    ]


@callback(
    Output("compare-location", "search"),
    Input("compare-choice", "value"),
    State("compare-state", "data"),
    prevent_initial_call=True,
)
def choose(ids: list[str] | None, state: dict[str, str]) -> str:
    """The URL of the new selection: /compare?ids=a,b (the page is drawn again from it)."""
    return compare_search(ids or [], state["lang"])


# Copy the iframe code in the reader's browser: assets/anchors.js.
clientside_callback(
    ClientsideFunction(namespace="pages", function_name="copy_compare_embed"),
    Output("compare-embed-copied", "children"),
    Input("compare-embed-copy", "n_clicks"),
    prevent_initial_call=True,
)
