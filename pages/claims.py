"""Claims explorer (/claims): every number of the report in a filterable table, downloadable."""
from urllib.parse import urlencode

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, callback, dcc, html

from dashboard import data, exports
from dashboard.components import page_data, kind_label, one, report_href, report_selector
from dashboard.i18n import QUALIFIER_WORDS, language, t

dash.register_page(__name__, path="/claims", title="Chiffres / Numbers")

GRID_COLUMNS = ("paragraph", "kind", "value", "unit", "qualifier", "period", "text", "subject", "chapter", "section_title", "sentence")


def layout(lang=None, report=None, **_):
    """Filters over the claims of one report (`?report=<id>`, else the first) and the table of those kept."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem)
    report = dataset.report_or_default(one(report))
    frame = exports.claims_frame(dataset)
    frame = frame[frame.report_id == report]
    return html.Div([
        problem,
        dcc.Store(id="claims-lang", data=lang),
        dcc.Store(id="claims-report", data=report),
        html.H1([t(lang, "claims_title"), " ", html.Span(dataset.symbol(report), className="symbol")]),
        report_selector(dataset, "/claims", lang, report),
        html.Div([
            _dropdown("kind", [{"label": kind_label(k, lang), "value": k} for k in sorted(frame.kind.dropna().unique())],
                      list(data.STATISTIC_KINDS), lang),
            _dropdown("unit", sorted(frame.unit.dropna().unique()), [], lang),
            _dropdown("qualifier", [{"label": QUALIFIER_WORDS[lang].get(q, q), "value": q} for q in sorted(frame.qualifier.dropna().unique())], [], lang),
            _dropdown("chapter", [{"label": f"{c}. {title}", "value": c} for c, title in dict(zip(frame.chapter, frame.chapter_title)).items()], [], lang),
            _dropdown("section", [{"label": f"{s} {title}", "value": s} for s, title in dict(zip(frame.section, frame.section_title)).items()
                                  if isinstance(s, str)], [], lang),
            html.Label([t(lang, "filter_from"), dcc.Input(id="claims-from", type="number", min=0, step=1, debounce=True)]),
            html.Label([t(lang, "filter_to"), dcc.Input(id="claims-to", type="number", min=0, step=1, debounce=True)]),
            html.Label([t(lang, "filter_text"), dcc.Input(id="claims-text", type="search", debounce=True)]),
        ], className="filters"),
        html.P([html.Span(id="claims-count"), " · ", html.A(t(lang, "download_filtered"), id="claims-download", href="/api/claims.csv")],
               className="downloads"),
        dag.AgGrid(
            id="claims-grid", columnDefs=_columns(lang), rowData=[],
            defaultColDef={"sortable": True, "resizable": True, "filter": False},
            dashGridOptions={"pagination": True, "paginationPageSize": 50, "enableCellTextSelection": True},
            style={"height": "70vh"}, className="ag-theme-alpine",
        ),
    ], className="claims")


def _dropdown(name: str, options: list, value: list, lang: str) -> html.Label:
    return html.Label([t(lang, f"filter_{name}"), dcc.Dropdown(id=f"claims-{name}", options=options, value=value, multi=True)],
                      className="filter")


def _columns(lang: str) -> list[dict]:
    names = {"paragraph": t(lang, "paragraph"), "kind": t(lang, "kind"), "value": t(lang, "value"), "unit": t(lang, "unit"),
             "qualifier": t(lang, "qualifier"), "period": t(lang, "period"), "text": t(lang, "as_written"),
             "subject": t(lang, "subject"), "chapter": t(lang, "chapter"), "section_title": "section", "sentence": "phrase" if lang == "fr" else "sentence"}
    columns = [{"field": c, "headerName": names[c]} for c in GRID_COLUMNS]
    # The paragraph cell is a link to the report; markdown cells render text, never raw HTML.
    columns[0].update({"field": "link", "cellRenderer": "markdown", "width": 110, "comparator": {"function": "Number(valueA.match(/\\d+/)) - Number(valueB.match(/\\d+/))"}})
    columns[2].update({"type": "numericColumn", "width": 120})
    columns[-1].update({"flex": 1, "minWidth": 300})
    return columns


@callback(
    Output("claims-grid", "rowData"), Output("claims-count", "children"), Output("claims-download", "href"),
    Input("claims-kind", "value"), Input("claims-unit", "value"), Input("claims-qualifier", "value"), Input("claims-chapter", "value"),
    Input("claims-section", "value"), Input("claims-from", "value"), Input("claims-to", "value"), Input("claims-text", "value"),
    State("claims-lang", "data"), State("claims-report", "data"),
)
def filter_claims(kind, unit, qualifier, chapter, section, start, end, text, lang, report=None):
    """The claims of the report kept by the filters, their count, and the CSV link for exactly those rows."""
    dataset = data.load()
    report = dataset.report_or_default(report)
    filters = {"kind": kind, "unit": unit, "qualifier": qualifier, "chapter": chapter, "section": section, "from": start, "to": end,
               "q": text, "report": [report]}
    frame = exports.filter_claims(exports.claims_frame(dataset), filters)
    lang = language(lang)
    rows = frame[[c for c in GRID_COLUMNS]].assign(
        link=[f"[{p}]({report_href(dataset, report, lang, p)})" for p in frame.paragraph],
        kind=[kind_label(k, lang) for k in frame.kind],
        qualifier=[QUALIFIER_WORDS[lang].get(q, "") for q in frame.qualifier],
    )
    # The report is named in the link only when it is not the default, so single-report links stay short.
    query = {"report": [report] if report != dataset.report_or_default(None) else [], "kind": kind or [], "unit": unit or [], "qualifier": qualifier or [], "chapter": chapter or [], "section": section or [],
             "from": start, "to": end, "q": text}
    query = {k: ",".join(v) if isinstance(v, list) else v for k, v in query.items() if v not in (None, "", [])}
    link = "/api/claims.csv" + (f"?{urlencode(query)}" if query else "")
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    return records, f"{len(frame)} {t(lang, 'rows')}", link
