"""What only paper shows: the page's address and build date under every page, and on an
indicator's chart tab a compact data table, so that one printout holds title, chart, table and
source. Hidden on screen by the `print-only` class (assets/style.css).
"""

import datetime
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from babel.dates import format_date
from dash import html

from contract.locales import locale_of
from contract.periods import is_partial
from contract.records import CatalogEntry
from dashboard import data, meta, security
from dashboard.i18n import dimension_name, format_period, format_value, label, labelled, language, t
from dashboard.shapes import time_span


def page_url() -> str:
    """The address of the page being drawn (PUBLIC_URL, then the router's path and query); '' outside a request."""
    try:
        path, query = meta.current_route()
    except RuntimeError:  # drawn outside a web request (tests, scripts)
        return ""
    search = urlencode(query, doseq=True)
    # Never the request's Host: the address readers use, as the embed code and og:url.
    return f"{security.public_url()}{path}{'?' + search if search else ''}"


def built_date(dataset: data.Dataset, report_id: str, lang: str) -> str:
    """'26 novembre 2026' / '26 November 2026': when the data of the report was built."""
    try:
        built = datetime.datetime.fromisoformat(dataset.built_at(report_id))
    except ValueError:
        return ""
    return format_date(built.date(), format="long", locale=locale_of(language(lang)))


def page_footer(dataset: data.Dataset, report_id: str, lang: str) -> html.Footer:
    """'Page: <url> · Data built on <date>' (assets/readers.js sets the address again just before printing)."""
    url = page_url()
    date = built_date(dataset, report_id, lang)
    return html.Footer(
        [
            html.Span([f"{labelled(t(lang, 'page_url'), lang)} ", html.Span(url, className="print-url")]),
            html.Span(f" · {t(lang, 'built_on', date=date)}") if date else None,
        ],
        className="print-only print-footer",
    )


def indicator_print(dataset: data.Dataset, entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> html.Div:
    """The printed companion of an indicator's chart: its values in a compact table, then the page footer."""
    return html.Div(
        [data_table(dataset, entry, rows, lang), page_footer(dataset, entry.report_id, lang)],
        className="print-only indicator-print",
        id="indicator-print",
    )


def data_table(dataset: data.Dataset, entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> html.Table:
    """The indicator's rows as printed: dimensions, period, value as the report words it, paragraph."""
    dimensions = [d for d in dataset.dimensions_of(entry.indicator_id) if rows[d].notna().any()]
    header = [*(dimension_name(d, lang) for d in dimensions), t(lang, "period"), t(lang, "value"), t(lang, "paragraph")]
    body: list[Any] = []
    # As the page's table: partial only along a time axis (a campaign's half year is not).
    usual = time_span(entry, rows)
    for row in rows.itertuples():
        period = format_period(row.period, lang, entry.labels_en)
        if usual is not None and is_partial(row.period, usual):
            period = f"{period} ({t(lang, 'partial')})"
        body.append(
            html.Tr(
                [
                    *(html.Td(label(getattr(row, d), lang, entry.labels_en)) for d in dimensions),
                    html.Td(period),
                    html.Td(format_value(row.value, row.qualifier, row.unit, lang), className="number"),
                    html.Td(str(int(row.paragraph)), className="number"),
                ]
            )
        )
    return html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(body)],
        className="data-table print-table",
        id="indicator-print-table",
    )
