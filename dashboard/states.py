"""The States of the store and each State's documents in date order, with what the build found in each.

Read from the store's list of reports (one row per report: its State, body, type, date, counts) and, for
one State's documents only, their statistics and tables: the list of States costs one pass over the
reports whatever the corpus, and a State's page asks about its own documents alone.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from contract.states import state_of
from dashboard import data
from dashboard.report_index import ReportRow, report_row


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
    return [_document(dataset, row) for row in mine]


def _document(dataset: data.Dataset, row: ReportRow) -> StateDocument:
    entries = dataset.entries_of(row.report_id)
    suggested = sum(1 for entry in entries if entry.suggested)
    return StateDocument(
        report=row,
        statistics=len(dataset.statistics_of(row.report_id)),
        tables=len(entries) - suggested,
        suggested_tables=suggested,
    )
