"""Checks (/checks): every arithmetic check of the report, its status, its paragraphs; filtered through the URL."""

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from contract.schema import CHECK_KINDS
from dashboard import data, exports
from dashboard.attributes import attributes
from dashboard.chart_text import check_detail
from dashboard.check_list import VERDICT_GROUPS, checks_lead, checks_list, verdict_group
from dashboard.components import href, one, page_data, report_selector
from dashboard.i18n import kind_label, labelled, language, t

dash.register_page(__name__, path="/checks", title="Vérifications / Checks")


def report_checks(dataset: data.Dataset, report_id: str) -> pd.DataFrame:
    """The checks of one report, inconsistencies first, then by id."""
    return dataset.checks_of_report(report_id)


def filtered(checks: pd.DataFrame, status: str | None, kind: str | None) -> pd.DataFrame:
    """The checks of a verdict group and a kind (None: any)."""
    if status in VERDICT_GROUPS:
        checks = checks[checks.status.map(verdict_group) == status]
    if kind in CHECK_KINDS:
        checks = checks[checks.kind == kind]
    return checks


def layout(
    lang: object = None, status: object = None, kind: object = None, report: object = None, **_: object
) -> html.Div:
    """Every check of one report (`?report=<id>`, else the first), narrowed by `?status=` and `?kind=`."""
    lang = language(one(lang))
    status = asked if isinstance(asked := one(status), str) and asked in VERDICT_GROUPS else None
    kind = asked if isinstance(asked := one(kind), str) and asked in CHECK_KINDS else None
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem, className="checks-page")
    report = dataset.report_or_default(one(report))
    chosen_report = None if dataset.is_default_report(report) else report
    every = report_checks(dataset, report)
    shown = filtered(every, status, kind)
    counts = every.status.map(verdict_group).value_counts()
    params = {"status": status, "kind": kind, "report": chosen_report}
    return html.Div(
        [
            problem,
            html.H1([t(lang, "checks_title"), " ", html.Span(dataset.symbol(report), className="symbol")]),
            report_selector(dataset, "/checks", lang, report, status=status, kind=kind),
            html.P(checks_lead(every, lang), className="lead", id="checks-lead"),
            _filter_links(
                "status",
                t(lang, "checks_status"),
                [(s, f"{t(lang, f'checks_{s}')} ({int(counts.get(s, 0))})") for s in VERDICT_GROUPS],
                status,
                params,
                lang,
            ),
            _filter_links(
                "kind",
                t(lang, "checks_kind"),
                [(k, kind_label(k, lang, checks=True)) for k in CHECK_KINDS if k in set(every.kind)],
                kind,
                params,
                lang,
            ),
            html.P(
                [
                    html.Button(
                        t(lang, "checks_download"), id="checks-download-button", className="button", type="button"
                    ),
                    dcc.Download(id="checks-download"),
                ],
                className="downloads",
            ),
            dcc.Store(id="checks-state", data={"lang": lang, "status": status, "kind": kind, "report": report}),
            checks_list(shown, lang, id_prefix="checks", dataset=dataset)
            if len(shown)
            else html.P(t(lang, "checks_none"), className="empty", id="checks-none"),
        ],
        className="checks-page",
    )


def _filter_links(
    name: str, legend: str, choices: list[tuple[str, str]], current: object, params: dict[str, Any], lang: str
) -> html.Nav:
    """'Status: all · inconsistent (7) · consistent (41)', each a link to the same page with that filter."""
    links: list[tuple[str | None, str]] = [(None, t(lang, "checks_all")), *choices]
    return html.Nav(
        [
            html.Span(f"{labelled(legend, lang)} ", className="filter-legend"),
            *[
                dcc.Link(
                    text,
                    href=href("/checks", lang, **{**params, name: value}),
                    id=f"checks-{name}-{value or 'all'}",
                    className="filter-choice active" if value == current else "filter-choice",
                )
                for value, text in links
            ],
        ],
        className="filter-links",
        id=f"checks-filter-{name}",
        **attributes({"aria-label": legend}),
    )


def checks_frame(checks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The checks as a table to download, their words in the page's language."""
    french = lang == "fr"
    return pd.DataFrame(
        {
            "check_id": checks.check_id,
            "report_id": checks.report_id,
            "kind": checks.kind,
            "status": checks.status,
            "paragraphs": [", ".join(str(int(p)) for p in ps) for ps in checks.paragraphs],
            "indicator_ids": [", ".join(ids) for ids in checks.indicator_ids],
            "description": checks.description_fr if french else checks.description,
            "detail": [check_detail(c, lang) for c in checks.itertuples()],
            "expected": checks.expected,
            "computed": checks.computed,
            "tolerance": checks.tolerance,
        }
    )


@callback(
    Output("checks-download", "data"),
    Input("checks-download-button", "n_clicks"),
    State("checks-state", "data"),
    prevent_initial_call=True,
)
def download(clicks: int | None, state: dict[str, Any]) -> dict[str, Any]:
    """The checks shown, as CSV (UTF-8 with BOM, text cells made safe for spreadsheets)."""
    dataset = data.load()
    checks = filtered(
        report_checks(dataset, dataset.report_or_default(state["report"])), state["status"], state["kind"]
    )
    body = exports.csv_bytes(checks_frame(checks, state["lang"]))
    return dcc.send_bytes(body, "checks.csv", type="text/csv")
