"""The States of the store and each State's documents in date order, with what the build found in each.

Read from the store's list of reports (one row per report: its State, body, type, date, counts) and, for
one State's documents only, their statistics, tables and the series across them (dashboard/series.py): the list of States costs one pass over the
reports whatever the corpus, and a State's page asks about its own documents alone.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from contract.records import CatalogEntry
from contract.states import state_of
from dashboard import data
from dashboard.report_index import ReportRow, report_row
from dashboard.series import SeriesPoint, series_of_documents, series_points


@dataclass(frozen=True)
class StateCount:
    """A State of the store: its code, its names and how many of its documents the store holds, over which years."""

    iso3: str
    name_fr: str
    name_en: str
    documents: int
    first_year: int | None
    last_year: int | None

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True)
class StateDocument:
    """One document of a State, with what the build read in it."""

    report: ReportRow
    statistics: int
    tables: int
    suggested_tables: int
    # its points of the State's series across documents: (indicator, its point in this document)
    figures: tuple[tuple[CatalogEntry, SeriesPoint], ...] = ()


@dataclass(frozen=True)
class StateSeries:
    """A series across the State's documents: its catalogue entry and its points, oldest document first."""

    entry: CatalogEntry
    points: tuple[SeriesPoint, ...]


def state_counts(reports: pd.DataFrame) -> list[StateCount]:
    """Every State that has a document in the store, by its name in English; documents without a State left out."""
    known = reports[reports["state_iso3"].notna()] if "state_iso3" in reports else reports.iloc[0:0]
    counts = []
    for iso3, documents in known.groupby("state_iso3", sort=False):
        state = state_of(str(iso3))
        years = [row.date_issued.year for row in map(report_row, documents.itertuples(index=False)) if row.date_issued]
        counts.append(
            StateCount(
                iso3=str(iso3),
                name_fr=state.fr if state else str(documents["state"].iloc[0]),
                name_en=state.en if state else str(documents["state"].iloc[0]),
                documents=len(documents),
                first_year=min(years, default=None),
                last_year=max(years, default=None),
            )
        )
    return sorted(counts, key=lambda count: count.name_en)


def documents_of(dataset: data.Dataset, iso3: str) -> list[StateDocument]:
    """A State's documents, oldest first (undated ones last), each with its counts."""
    reports = dataset.table("reports")
    if "state_iso3" not in reports:
        return []
    mine = [report_row(row) for row in reports[reports["state_iso3"] == iso3].itertuples(index=False)]
    mine.sort(key=lambda row: (row.date_issued is None, row.date_issued or date.min, row.symbol))
    figures: dict[str, list[tuple[CatalogEntry, SeriesPoint]]] = {}
    for found in series_of_state(dataset, [row.report_id for row in mine]):
        for point in found.points:
            figures.setdefault(point.report_id, []).append((found.entry, point))
    return [_document(dataset, row, tuple(figures.get(row.report_id, ()))) for row in mine]


def series_of_state(dataset: data.Dataset, report_ids: list[str]) -> list[StateSeries]:
    """The series across these documents (a State's), each with its points among them."""
    found = []
    for indicator_id in series_of_documents(dataset, report_ids):
        entry = dataset.indicator(indicator_id)
        points = tuple(p for p in series_points(dataset, indicator_id) if p.report_id in report_ids)
        if entry is not None and points:
            found.append(StateSeries(entry, points))
    return found


def _document(
    dataset: data.Dataset, row: ReportRow, figures: tuple[tuple[CatalogEntry, SeriesPoint], ...] = ()
) -> StateDocument:
    entries = dataset.entries_of(row.report_id)
    suggested = sum(1 for entry in entries if entry.suggested)
    return StateDocument(
        report=row,
        statistics=len(dataset.statistics_of(row.report_id)),
        tables=len(entries) - suggested,
        suggested_tables=suggested,
        figures=figures,
    )
