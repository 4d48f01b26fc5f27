"""The States of the store and each State's documents in date order, with what the build found in each.

Read from the store's list of reports (one row per report: its State, body, type, date, counts) and, for
one State's documents only, their statistics and tables: the list of States costs one pass over the
reports whatever the corpus, and a State's page asks about its own documents alone.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from contract.schema import BODY_NAMES, DOCUMENT_TYPE_NAMES
from contract.states import state_of
from dashboard import data

_LANGUAGE_INDEX = {"fr": 0, "en": 1}


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

    report_id: str
    symbol: str
    date_issued: date | None
    body: str | None
    document_type: str | None
    language: str
    paragraphs: int
    claims: int
    statistics: int
    tables: int
    suggested_tables: int


def state_counts(reports: pd.DataFrame) -> list[StateCount]:
    """Every State that has a document in the store, by its name in English; documents without a State left out."""
    known = reports[reports["state_iso3"].notna()] if "state_iso3" in reports else reports.iloc[0:0]
    counts = []
    for iso3, documents in known.groupby("state_iso3", sort=False):
        state = state_of(str(iso3))
        years = [day.year for day in map(_day, documents["date_issued"]) if day]
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
    mine = reports[reports["state_iso3"] == iso3]
    documents = [_document(dataset, row) for row in mine.itertuples(index=False)]
    return sorted(documents, key=lambda d: (d.date_issued is None, d.date_issued or date.min, d.symbol))


def _document(dataset: data.Dataset, row: pd.Series) -> StateDocument:
    entries = dataset.entries_of(row.report_id)
    suggested = sum(1 for entry in entries if entry.suggested)
    return StateDocument(
        report_id=row.report_id,
        symbol=row.symbol,
        date_issued=_day(row.date_issued),
        body=_text(row.body),
        document_type=_text(row.document_type),
        language=row.language,
        paragraphs=int(row.paragraphs),
        claims=int(row.claims),
        statistics=len(dataset.statistics_of(row.report_id)),
        tables=len(entries) - suggested,
        suggested_tables=suggested,
    )


def _day(value: object) -> date | None:
    """The date of the reports' list's `date_issued` (an ISO date, as the store writes it), None when absent."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def body_name(body: str | None, lang: str) -> str:
    """The name of a body for a reader ('Human Rights Council, Universal Periodic Review'); '' when unknown."""
    names = BODY_NAMES.get(body or "")
    return names[_LANGUAGE_INDEX.get(lang, 1)] if names else (body or "")


def document_type_name(document_type: str | None, lang: str) -> str:
    """The name of a document type for a reader ('UPR Working Group report'); '' when unknown."""
    names = DOCUMENT_TYPE_NAMES.get(document_type or "")
    return names[_LANGUAGE_INDEX.get(lang, 1)] if names else (document_type or "")
