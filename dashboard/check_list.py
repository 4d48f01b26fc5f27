"""The report's arithmetic checks as a list: status, kind, what is checked, the figures, the paragraphs and
the indicators involved, in the page's language (the indicator's Checks tab and /checks)."""

from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import data
from dashboard.chart_text import VERDICT_GROUPS, check_detail, check_explanation, verdict_group
from dashboard.components import href, report_href
from dashboard.i18n import format_number, kind_label, labelled, paragraphs_label, t, title

# The verdict groups (inconsistent, qualified, consistent) live in chart_text, a layer below, beside the warnings
# they colour; /checks takes them from here with the list.
__all__ = ["VERDICT_GROUPS", "checks_lead", "checks_list", "verdict_group"]


def checks_lead(checks: pd.DataFrame, lang: str) -> str:
    """'50 checks recomputed from the report's own numbers: 40 consistent, 5 consistent on a condition…'."""
    counts = checks.status.map(verdict_group).value_counts()
    return t(
        lang,
        "checks_lead",
        n=len(checks),
        **{group: int(counts.get(group, 0)) for group in VERDICT_GROUPS},
    )


def checks_list(
    checks: pd.DataFrame, lang: str, id_prefix: str = "indicator", dataset: data.Dataset | None = None
) -> html.Ul | html.P:
    """Checks, inconsistencies first (the order of `checks`), in the page's language; with `dataset`, linked to paragraphs and indicators."""
    if checks.empty:
        return html.P(t(lang, "no_checks"), className="empty")
    return html.Ul([_check_item(check, lang, id_prefix, dataset) for check in checks.itertuples()], className="checks")


def _check_item(check: Any, lang: str, id_prefix: str, dataset: data.Dataset | None) -> html.Li:
    french = lang == "fr" and isinstance(getattr(check, "description_fr", None), str)
    # NaN: nothing stated (a trend), or an open bound ("plus de"): nothing to show
    figures = [
        f"{t(lang, key)} {format_number(value, lang)}"
        for key, value in (
            ("check_expected", check.expected),
            ("check_computed", check.computed),
            ("check_tolerance", check.tolerance),
        )
        if value == value
    ]
    paragraphs = [int(p) for p in check.paragraphs]
    where: str | html.Span
    if dataset is None:
        where = paragraphs_label(paragraphs, lang)
    else:
        links = [dcc.Link(str(p), href=report_href(dataset, check.report_id, lang, p)) for p in paragraphs]
        where = html.Span(
            [f"{t(lang, 'para')} ", *[piece for link in links for piece in (link, ", ")][:-1]],
            className="check-paragraphs",
        )
    detail = check_detail(check, lang)
    why = check_explanation(check, lang)
    return html.Li(
        [
            html.Span(
                [t(lang, check.status), " · ", kind_label(check.kind, lang, checks=True)],
                className=f"status status-{check.status}",
            ),
            html.Span(check.description_fr if french else check.description, className="check-description"),
            html.Span(why, className="check-explanation") if why else None,
            html.Span([" · ".join(figures), " · ", where], className="check-figures"),
            html.Span(detail, className="check-detail") if detail else None,
            _check_indicators(check, lang, dataset) if dataset is not None else None,
        ],
        className=f"check check-{check.status}",
        id=f"{id_prefix}-check-{check.check_id}",
    )


def _check_indicators(check: Any, lang: str, dataset: data.Dataset) -> html.Span:
    links: list[Any] = []
    for indicator_id in check.indicator_ids:
        entry = dataset.indicator(indicator_id)
        if entry is not None:
            links += [dcc.Link(title(entry, lang), href=href(f"/indicators/{indicator_id}", lang)), " · "]
    return html.Span([labelled(t(lang, "checks_indicators"), lang) + " ", *links[:-1]], className="check-indicators")
