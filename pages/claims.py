"""Claims explorer (/claims): every number of the report in a filterable table, downloadable.

The filters live in the URL, in the same words as /api/claims.csv (`kind=count,percent&from=155&to=157&q=…`),
and are restored on load; the free text ignores accents and case and filters as you type.
"""

from urllib.parse import urlencode

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, callback, dcc, html

from dashboard import citations, data, exports, printing
from dashboard.components import kind_label, one, page_data, report_href, report_selector
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    QUALIFIER_WORDS,
    dropdown_labels,
    format_number,
    format_period,
    language,
    t,
    unit_word,
)

dash.register_page(__name__, path="/claims", title="Chiffres / Numbers")

GRID_COLUMNS = (
    "paragraph",
    "kind",
    "value",
    "unit",
    "qualifier",
    "period",
    "text",
    "subject",
    "chapter",
    "section_title",
    "sentence",
)
LIST_FILTERS = ("kind", "unit", "qualifier", "chapter", "section")
# `kind=all` in the URL: every kind (no `kind` at all means the statistics, the page's default).
ALL = "all"
# Seconds of quiet typing before the table is filtered and the URL updated.
TYPING_DEBOUNCE = 0.3


def url_filters(query: dict) -> dict:
    """The filters a URL names ({'kind': [...], ..., 'from': int, 'to': int, 'q': str}); odd values are dropped."""
    filters = {}
    for name in LIST_FILTERS:
        raw = query.get(name)
        values = [
            v
            for item in (raw if isinstance(raw, list) else [raw])
            if isinstance(item, str)
            for v in item.split(",")
            if v
        ]
        filters[name] = values
    if filters["kind"] == [ALL]:
        filters["kind"] = []
    elif "kind" not in query:
        filters["kind"] = list(data.STATISTIC_KINDS)
    for name in ("from", "to"):
        try:
            filters[name] = int(one(query.get(name)))
        except (TypeError, ValueError):
            filters[name] = None
    filters["q"] = one(query.get("q")) or ""
    return filters


def layout(lang=None, report=None, **query):
    """Filters over the claims of one report (`?report=<id>`, else the first), as the URL sets them, and the table of those kept."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem)
    report = dataset.report_or_default(one(report))
    frame = exports.claims_frame(dataset)
    frame = frame[frame.report_id == report]
    chosen = url_filters(query)
    return html.Div(
        [
            problem,
            dcc.Location(id="claims-location", refresh=False),
            dcc.Store(id="claims-lang", data=lang),
            dcc.Store(id="claims-report", data=report),
            html.H1([t(lang, "claims_title"), " ", html.Span(dataset.symbol(report), className="symbol")]),
            citations.document_line(dataset, report, lang, "claims"),
            report_selector(dataset, "/claims", lang, report),
            html.Div(
                [
                    _dropdown(
                        "kind",
                        [{"label": kind_label(k, lang), "value": k} for k in sorted(frame.kind.dropna().unique())],
                        chosen,
                        lang,
                    ),
                    _dropdown(
                        "unit",
                        [{"label": unit_word(u, lang), "value": u} for u in sorted(frame.unit.dropna().unique())],
                        chosen,
                        lang,
                    ),
                    _dropdown(
                        "qualifier",
                        [
                            {"label": QUALIFIER_WORDS[lang].get(q, q) or t(lang, "as_written"), "value": q}
                            for q in sorted(frame.qualifier.dropna().unique())
                        ],
                        chosen,
                        lang,
                    ),
                    _dropdown(
                        "chapter",
                        [
                            {"label": f"{c}. {title}", "value": c}
                            for c, title in dict(zip(frame.chapter, frame.chapter_title)).items()
                        ],
                        chosen,
                        lang,
                    ),
                    _dropdown(
                        "section",
                        [
                            {"label": f"{s} {title}", "value": s}
                            for s, title in dict(zip(frame.section, frame.section_title)).items()
                            if isinstance(s, str)
                        ],
                        chosen,
                        lang,
                    ),
                    html.Label(
                        [
                            t(lang, "filter_from"),
                            dcc.Input(
                                id="claims-from",
                                type="number",
                                min=0,
                                step=1,
                                value=chosen["from"],
                                debounce=TYPING_DEBOUNCE,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t(lang, "filter_to"),
                            dcc.Input(
                                id="claims-to",
                                type="number",
                                min=0,
                                step=1,
                                value=chosen["to"],
                                debounce=TYPING_DEBOUNCE,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t(lang, "filter_text"),
                            dcc.Input(
                                id="claims-text",
                                type="search",
                                value=chosen["q"],
                                debounce=TYPING_DEBOUNCE,
                                placeholder=t(lang, "claims_text_placeholder"),
                                autoComplete="off",
                            ),
                        ]
                    ),
                ],
                className="filters",
            ),
            html.P(
                [
                    html.Span(id="claims-count"),
                    " · ",
                    html.A(t(lang, "download_filtered"), id="claims-download", href="/api/claims.csv"),
                ],
                className="downloads",
            ),
            html.Div(
                dag.AgGrid(
                    id="claims-grid",
                    columnDefs=_columns(lang),
                    rowData=[],
                    defaultColDef={"sortable": True, "resizable": True, "filter": False},
                    dashGridOptions={
                        "pagination": True,
                        "paginationPageSize": 50,
                        "enableCellTextSelection": True,
                        "localeText": _grid_words(lang),
                    },
                    style={"height": "70vh"},
                    className="ag-theme-alpine",
                ),
                className="grid-box",
            ),
            printing.page_footer(dataset, report, lang),
        ],
        className="claims",
    )


def _dropdown(name: str, options: list, chosen: dict, lang: str) -> html.Label:
    known = {option["value"] for option in options}
    return html.Label(
        [
            t(lang, f"filter_{name}"),
            dcc.Dropdown(
                id=f"claims-{name}",
                options=options,
                value=[v for v in chosen[name] if v in known],
                multi=True,
                placeholder=t(lang, "any"),
                labels=dropdown_labels(lang),
            ),
        ],
        className="filter",
    )


def _grid_words(lang: str) -> dict:
    """AG Grid's own words (pagination) in the page's language; its defaults are English."""
    if lang == "en":
        return {}
    return {
        "page": "Page",
        "of": "sur",
        "to": "à",
        "more": "plus",
        "next": "Suivante",
        "previous": "Précédente",
        "first": "Première",
        "last": "Dernière",
        "pageSizeSelectorLabel": "Lignes par page :",
        "noRowsToShow": "Aucune ligne",
        "loadingOoo": "Chargement…",
    }


def _columns(lang: str) -> list[dict]:
    names = {
        "paragraph": t(lang, "paragraph"),
        "kind": t(lang, "kind"),
        "value": t(lang, "value"),
        "unit": t(lang, "unit"),
        "qualifier": t(lang, "qualifier"),
        "period": t(lang, "period"),
        "text": t(lang, "as_written"),
        "subject": t(lang, "subject"),
        "chapter": t(lang, "chapter"),
        "section_title": t(lang, "filter_section").lower(),
        "sentence": t(lang, "sentence"),
    }
    columns = [{"field": c, "headerName": names[c]} for c in GRID_COLUMNS]
    # The paragraph cell is a link to the report; markdown cells render text, never raw HTML.
    columns[0].update(
        {
            "field": "link",
            "cellRenderer": "markdown",
            "width": 110,
            "comparator": {"function": "Number(valueA.match(/\\d+/)) - Number(valueB.match(/\\d+/))"},
        }
    )
    # Values and periods sort as numbers and periods, and show as the page's language writes them (babel, server side).
    columns[1].update({"width": 130})
    columns[2].update(
        {"type": "numericColumn", "width": 130, "valueFormatter": {"function": "params.data.value_label"}}
    )
    columns[3].update({"width": 100})
    columns[4].update({"width": 130})
    columns[5].update({"width": 170, "valueFormatter": {"function": "params.data.period_label"}})
    columns[-1].update({"flex": 1, "minWidth": 300})
    return columns


def _filters(kind, unit, qualifier, chapter, section, start, end, text, report) -> dict:
    return {
        "kind": kind,
        "unit": unit,
        "qualifier": qualifier,
        "chapter": chapter,
        "section": section,
        "from": start,
        "to": end,
        "q": text,
        "report": [report],
    }


@callback(
    Output("claims-grid", "rowData"),
    Output("claims-count", "children"),
    Output("claims-download", "href"),
    Input("claims-kind", "value"),
    Input("claims-unit", "value"),
    Input("claims-qualifier", "value"),
    Input("claims-chapter", "value"),
    Input("claims-section", "value"),
    Input("claims-from", "value"),
    Input("claims-to", "value"),
    Input("claims-text", "value"),
    State("claims-lang", "data"),
    State("claims-report", "data"),
)
def filter_claims(kind, unit, qualifier, chapter, section, start, end, text, lang, report=None):
    """The claims of the report kept by the filters, their count, and the CSV link for exactly those rows."""
    dataset = data.load()
    report = dataset.report_or_default(report)
    frame = exports.filter_claims(
        exports.claims_frame(dataset), _filters(kind, unit, qualifier, chapter, section, start, end, text, report)
    )
    lang = language(lang)
    rows = frame[list(GRID_COLUMNS)].assign(
        link=[f"[{p}]({report_href(dataset, report, lang, p)})" for p in frame.paragraph],
        kind=[kind_label(k, lang) for k in frame.kind],
        qualifier=[QUALIFIER_WORDS[lang].get(q, "") for q in frame.qualifier],
        unit=[unit_word(u, lang) if isinstance(u, str) else None for u in frame.unit],
        value_label=[format_number(v, lang) for v in frame.value],
        period_label=[format_period(p, lang) for p in frame.period],
    )
    # The report is named in the link only when it is not the default, so single-report links stay short.
    query = {
        "report": [report] if report != dataset.report_or_default(None) else [],
        "kind": kind or [],
        "unit": unit or [],
        "qualifier": qualifier or [],
        "chapter": chapter or [],
        "section": section or [],
        "from": start,
        "to": end,
        "q": text,
    }
    query = {k: ",".join(v) if isinstance(v, list) else v for k, v in query.items() if v not in (None, "", [])}
    link = "/api/claims.csv" + (f"?{urlencode(query)}" if query else "")
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    return records, f"{format_number(len(frame), lang)} {t(lang, 'rows')}", link


@callback(
    Output("claims-location", "search"),
    Input("claims-kind", "value"),
    Input("claims-unit", "value"),
    Input("claims-qualifier", "value"),
    Input("claims-chapter", "value"),
    Input("claims-section", "value"),
    Input("claims-from", "value"),
    Input("claims-to", "value"),
    Input("claims-text", "value"),
    State("claims-lang", "data"),
    State("claims-report", "data"),
    prevent_initial_call=True,
)
def filters_in_url(kind, unit, qualifier, chapter, section, start, end, text, lang, report=None):
    """The page's query string for the filters: the CSV's words, the language and a report other than the default."""
    dataset = data.load()
    query = {
        "lang": lang if language(lang) != DEFAULT_LANGUAGE else None,
        "report": report if report and report != dataset.report_or_default(None) else None,
    }
    kinds = list(kind or [])
    query["kind"] = None if sorted(kinds) == sorted(data.STATISTIC_KINDS) else ",".join(kinds) or ALL
    for name, values in (("unit", unit), ("qualifier", qualifier), ("chapter", chapter), ("section", section)):
        query[name] = ",".join(values or []) or None
    query.update({"from": start, "to": end, "q": (text or "").strip() or None})
    kept = {k: v for k, v in query.items() if v not in (None, "")}
    return f"?{urlencode(kept)}" if kept else ""
