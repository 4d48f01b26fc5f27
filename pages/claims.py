"""Claims explorer (/claims): every number of the report in a filterable table, downloadable.

The filters live in the URL, in the same words as /api/claims.csv (`kind=count,percent&from=155&to=157&q=…`),
and are restored on load; the free text ignores accents and case and filters as you type.
"""

from typing import Any
from urllib.parse import urlencode

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import citations, data, printing
from dashboard.components import one, page_data, report_href, report_selector
from dashboard.data import ALL_KINDS, STATISTIC_KINDS, ClaimFilters
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    QUALIFIER_WORDS,
    dropdown_labels,
    format_number,
    format_period,
    kind_label,
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
LIST_FILTERS = data.CLAIM_LIST_FILTERS
# Seconds of quiet typing before the table is filtered and the URL updated.
TYPING_DEBOUNCE = 0.3


def url_filters(query: dict[str, Any]) -> ClaimFilters:
    """The filters a URL names, read as /api/claims.csv reads them; no `kind` at all means the statistics."""
    return data.claim_filters(query, default_kinds=STATISTIC_KINDS)


def layout(lang: object = None, report: object = None, **query: Any) -> html.Div:
    """Filters over the claims of one report (`?report=<id>`, else the first), as the URL sets them, and the table of those kept."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem)
    report = dataset.report_or_default(one(report))
    frame = dataset.claims_where(ClaimFilters(reports=(report,)))
    chosen = url_filters(query)
    options = _options(frame, lang)
    # Each list keeps the URL's values it offers; the table shows at once the rows those filters keep, as the
    # callback would (it then runs only when a filter changes): the rows need no second request after the page.
    values = {
        name: [v for v in getattr(chosen, name) if v in {o["value"] for o in offered}]
        for name, offered in options.items()
    }
    rows, count, csv_href = shown_claims(
        dataset, _filters(**values, start=chosen.first, end=chosen.last, text=chosen.words, report=report), lang
    )
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
                    *(_dropdown(name, options[name], values[name], lang) for name in options),
                    html.Label(
                        [
                            t(lang, "filter_from"),
                            dcc.Input(
                                id="claims-from",
                                type="number",
                                min=0,
                                step=1,
                                value=chosen.first,
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
                                value=chosen.last,
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
                                value=chosen.words,
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
                    html.Span(count, id="claims-count"),
                    " · ",
                    html.A(t(lang, "download_filtered"), id="claims-download", href=csv_href),
                ],
                className="downloads",
            ),
            html.Div(
                dag.AgGrid(
                    id="claims-grid",
                    columnDefs=_columns(lang),
                    rowData=rows,
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


def _options(frame: pd.DataFrame, lang: str) -> dict[str, list[dict[str, str]]]:
    """The choices of each list filter, in words, from the report's claims."""
    return {
        "kind": [{"label": kind_label(k, lang), "value": k} for k in sorted(frame.kind.dropna().unique())],
        "unit": [{"label": unit_word(u, lang), "value": u} for u in sorted(frame.unit.dropna().unique())],
        "qualifier": [
            {"label": QUALIFIER_WORDS[lang].get(q, q) or t(lang, "as_written"), "value": q}
            for q in sorted(frame.qualifier.dropna().unique())
        ],
        "chapter": [
            {"label": f"{c}. {title}", "value": c} for c, title in dict(zip(frame.chapter, frame.chapter_title)).items()
        ],
        "section": [
            {"label": f"{s} {title}", "value": s}
            for s, title in dict(zip(frame.section, frame.section_title)).items()
            if isinstance(s, str)
        ],
    }


def _dropdown(name: str, options: list[dict[str, str]], value: list[str], lang: str) -> html.Label:
    return html.Label(
        [
            t(lang, f"filter_{name}"),
            dcc.Dropdown(
                id=f"claims-{name}",
                options=options,
                value=value,
                multi=True,
                placeholder=t(lang, "any"),
                labels=dropdown_labels(lang),
            ),
        ],
        className="filter",
    )


def _grid_words(lang: str) -> dict[str, str]:
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


def _columns(lang: str) -> list[dict[str, Any]]:
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
    columns: list[dict[str, Any]] = [{"field": c, "headerName": names[c]} for c in GRID_COLUMNS]
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


def _filters(
    kind: list[str] | None,
    unit: list[str] | None,
    qualifier: list[str] | None,
    chapter: list[str] | None,
    section: list[str] | None,
    start: int | None,
    end: int | None,
    text: str | None,
    report: str,
) -> ClaimFilters:
    """The page's filters as chosen in its inputs (an empty choice keeps every value)."""
    return ClaimFilters(
        reports=(report,),
        kind=tuple(kind or ()),
        unit=tuple(unit or ()),
        qualifier=tuple(qualifier or ()),
        chapter=tuple(chapter or ()),
        section=tuple(section or ()),
        first=_paragraph_number(start),
        last=_paragraph_number(end),
        words=text or "",
    )


def _paragraph_number(value: object) -> int | None:
    """A bound typed in a number field, kept only when the URL could carry it (`dashboard/query.py`: 0 to 9 digits)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 10**9:
        return None
    return int(value) if float(value).is_integer() else None


def csv_link(dataset: data.Dataset, filters: ClaimFilters) -> str:
    """/api/claims.csv for exactly the rows the filters keep (no `kind` there is every kind)."""
    report = filters.reports[0] if filters.reports else dataset.report_or_default(None)
    query = {
        # The report is named only when it is not the default, so single-report links stay short.
        "report": [] if dataset.is_default_report(report) else [report],
        "kind": list(filters.kind),
        "unit": list(filters.unit),
        "qualifier": list(filters.qualifier),
        "chapter": list(filters.chapter),
        "section": list(filters.section),
        "from": filters.first,
        "to": filters.last,
        "q": filters.words,
    }
    kept = {k: ",".join(v) if isinstance(v, list) else v for k, v in query.items() if v not in (None, "", [])}
    return "/api/claims.csv" + (f"?{urlencode(kept)}" if kept else "")


def grid_rows(dataset: data.Dataset, frame: pd.DataFrame, report: str, lang: str) -> list[dict[str, Any]]:
    """The claims as AG Grid rows: the paragraph a link, kinds, units and qualifiers in words, values and periods written."""
    rows = frame[list(GRID_COLUMNS)].assign(
        link=[f"[{p}]({report_href(dataset, report, lang, p)})" for p in frame.paragraph],
        kind=[kind_label(k, lang) for k in frame.kind],
        qualifier=[QUALIFIER_WORDS[lang].get(q, "") for q in frame.qualifier],
        unit=[unit_word(u, lang) if isinstance(u, str) else None for u in frame.unit],
        value_label=[format_number(v, lang) for v in frame.value],
        period_label=[format_period(p, lang) for p in frame.period],
    )
    records: list[dict[str, Any]] = rows.astype(object).where(rows.notna(), None).to_dict("records")
    return records


# The filters both callbacks read, in the order of their arguments: the controls, then the page's language and report.
FILTERS = (
    *(
        Input(f"claims-{name}", "value")
        for name in ("kind", "unit", "qualifier", "chapter", "section", "from", "to", "text")
    ),
    State("claims-lang", "data"),
    State("claims-report", "data"),
)


@callback(
    Output("claims-grid", "rowData"),
    Output("claims-count", "children"),
    Output("claims-download", "href"),
    *FILTERS,
    prevent_initial_call=True,  # the page's layout holds the rows its URL's filters keep
)
def filter_claims(
    kind: list[str] | None,
    unit: list[str] | None,
    qualifier: list[str] | None,
    chapter: list[str] | None,
    section: list[str] | None,
    start: int | None,
    end: int | None,
    text: str | None,
    lang: str,
    report: str | None = None,
) -> tuple[list[dict[str, Any]], str, str]:
    """The claims of the report kept by the filters, their count, and the CSV link for exactly those rows."""
    dataset = data.load()
    filters = _filters(kind, unit, qualifier, chapter, section, start, end, text, dataset.report_or_default(report))
    return shown_claims(dataset, filters, language(lang))


def shown_claims(dataset: data.Dataset, filters: ClaimFilters, lang: str) -> tuple[list[dict[str, Any]], str, str]:
    """The table's rows for `filters`, their count in words, and the CSV link for exactly those rows."""
    frame = dataset.claims_where(filters)
    count = f"{format_number(len(frame), lang)} {t(lang, 'rows')}"
    return grid_rows(dataset, frame, filters.reports[0], lang), count, csv_link(dataset, filters)


@callback(
    Output("claims-location", "search"),
    *FILTERS,
    prevent_initial_call=True,
)
def filters_in_url(
    kind: list[str] | None,
    unit: list[str] | None,
    qualifier: list[str] | None,
    chapter: list[str] | None,
    section: list[str] | None,
    start: int | None,
    end: int | None,
    text: str | None,
    lang: str,
    report: str | None = None,
) -> str:
    """The page's query string for the filters: the CSV's words, the language and a report other than the default."""
    dataset = data.load()
    query: dict[str, Any] = {
        "lang": lang if language(lang) != DEFAULT_LANGUAGE else None,
        "report": report if report and not dataset.is_default_report(report) else None,
    }
    kinds = list(kind or [])
    query["kind"] = None if sorted(kinds) == sorted(STATISTIC_KINDS) else ",".join(kinds) or ALL_KINDS
    for name, values in (("unit", unit), ("qualifier", qualifier), ("chapter", chapter), ("section", section)):
        query[name] = ",".join(values or []) or None
    query.update({"from": _paragraph_number(start), "to": _paragraph_number(end), "q": (text or "").strip() or None})
    kept = {k: v for k, v in query.items() if v not in (None, "")}
    return f"?{urlencode(kept)}" if kept else ""
