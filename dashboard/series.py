"""Series across documents: the same figure read in each document of a State, one point a document.

A series is an indicator whose catalogue entries are marked `series` (etl/catalog.py): each document of the
State gives it its own entry and its own observations, linked to that document's paragraph. Here its points
are joined in the order of their documents' dates, each with the document's symbol and date, so that every
view of a point (tooltip, table, list, State page) names the document it comes from.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard import data
from dashboard.components import href
from dashboard.i18n import labelled, paragraphs_label, t
from dashboard.memo import memoized
from dashboard.report_index import report_row


@dataclass(frozen=True)
class SeriesPoint:
    """One document's point of a series: the document, and where in it the number is written."""

    report_id: str
    symbol: str
    date_issued: date | None
    period: str | None
    value: float
    qualifier: str
    unit: str | None
    paragraph: int
    text: str
    position: int


def paragraph_href(report_id: str, paragraph: int, lang: str) -> str:
    """Where a point is stated: its document's reader at its paragraph, the document always named (a series
    spans documents, so none is left implicit)."""
    return href("/report", lang, report=report_id) + f"#p{int(paragraph)}"


def is_series(dataset: data.Dataset, indicator_id: str) -> bool:
    """Whether an indicator is a series across documents."""
    entry = dataset.indicator(indicator_id)
    return bool(entry is not None and getattr(entry, "series", False))


@memoized(max_entries=1)
def _dates(dataset: data.Dataset) -> dict[str, date | None]:
    """Each report's date (one short value a report): read once a build, not once a series."""
    reports = dataset.table("reports")
    return {row.report_id: report_row(row).date_issued for row in reports.itertuples(index=False)}


def series_points(dataset: data.Dataset, indicator_id: str) -> list[SeriesPoint]:
    """The series' points, oldest document first (undated documents last)."""
    dates = _dates(dataset)
    points = [
        SeriesPoint(
            report_id=str(row.report_id),
            symbol=dataset.symbol(str(row.report_id)),
            date_issued=dates.get(str(row.report_id)),
            period=row.period if isinstance(row.period, str) else None,
            value=float(row.value),
            qualifier=str(row.qualifier),
            unit=row.unit if isinstance(row.unit, str) else None,
            paragraph=int(row.paragraph),
            text=str(row.text),
            position=int(row.position),
        )
        for row in dataset.observations_of(indicator_id).itertuples()
    ]
    return sorted(points, key=lambda p: (p.date_issued is None, p.date_issued or date.min, p.position))


def with_documents(dataset: data.Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """A series' rows with each one's document symbol (`symbol`), which a point's tooltip names."""
    return rows.assign(symbol=[dataset.symbol(str(r)) for r in rows.report_id])


def source_of_series(dataset: data.Dataset, rows: pd.DataFrame, lang: str) -> str:
    """The source line of a series: every document with the paragraphs its points come from."""
    dates = _dates(dataset)
    places: dict[str, list[int]] = {}
    for report_id, paragraph in zip(rows.report_id, rows.paragraph):
        places.setdefault(str(report_id), []).append(int(paragraph))
    ordered = sorted(places, key=lambda r: (dates.get(r) is None, dates.get(r) or date.min, r))
    said = [f"{dataset.symbol(r)}, {paragraphs_label(sorted(set(places[r])), lang)}" for r in ordered]
    return f"{labelled(t(lang, 'source'), lang)} {'; '.join(said)}"


def series_of_documents(dataset: data.Dataset, report_ids: list[str]) -> list[str]:
    """The series these documents give points to, in store order of the documents (asked of the catalogue)."""
    return dataset.series_of_documents(report_ids)
