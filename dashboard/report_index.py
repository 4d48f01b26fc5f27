"""Finding a document among thousands: the store's reports searched by words and narrowed by State, body, type
and year, a page at a time, with the count of each choice.

One row per report (the store's list of reports), whatever its size: its searchable text is folded once per
data version, so a search is a substring test over one column, and only the page shown is turned into rows.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from contract.schema import BODY_NAMES, DOCUMENT_TYPE_NAMES
from contract.states import state_of
from dashboard import data
from dashboard.memo import memoized
from dashboard.search import folded, query_words

PAGE_SIZE = 50
FACETS = ("state_iso3", "body", "document_type", "year")
_LANGUAGE_INDEX = {"fr": 0, "en": 1}


@dataclass(frozen=True)
class ReportQuery:
    """What a reader asked: words, and a value for any facet (None: any)."""

    words: str = ""
    state_iso3: str | None = None
    body: str | None = None
    document_type: str | None = None
    year: int | None = None
    page: int = 1

    def chosen(self) -> dict[str, object]:
        return {facet: getattr(self, facet) for facet in FACETS if getattr(self, facet) is not None}


@dataclass(frozen=True)
class ReportRow:
    """A document as the list shows it."""

    report_id: str
    symbol: str
    state: str | None
    state_iso3: str | None
    body: str | None
    document_type: str | None
    date_issued: date | None
    language: str
    paragraphs: int
    claims: int


@dataclass(frozen=True)
class ReportPage:
    """One page of the documents found, how many in all, and each facet's values with their counts among them."""

    rows: tuple[ReportRow, ...]
    found: int
    page: int
    pages: int
    facets: dict[str, tuple[tuple[str, int], ...]]


@memoized(max_entries=4)
def indexed(dataset: data.Dataset) -> pd.DataFrame:
    """The reports' list with a folded text to search (symbol, id, State in English and French, body, type, year)
    and the year of issue, sorted newest first; made once per data version."""
    reports = dataset.table("reports").copy()
    for column in ("state", "state_iso3", "body", "document_type", "date_issued"):
        if column not in reports:
            reports[column] = None
    reports["year"] = pd.to_datetime(reports["date_issued"], errors="coerce").dt.year.astype("Int64")
    french = reports["state_iso3"].map(_french_name)
    parts = [reports[c].fillna("").astype(str) for c in ("symbol", "report_id", "state", "body", "document_type")]
    text = parts[0]
    for part in [*parts[1:], french, reports["year"].astype("string").fillna("")]:
        text = text + " " + part
    reports["_text"] = text.map(folded)
    return reports.sort_values(["date_issued", "symbol"], ascending=[False, True], na_position="last")


def _french_name(code: object) -> str:
    state = state_of(code) if isinstance(code, str) else None
    return state.fr if state else ""


def search(dataset: data.Dataset, query: ReportQuery) -> ReportPage:
    """The documents that hold every word and match every chosen facet, one page of them, and the facets' counts."""
    reports = indexed(dataset)
    mask = pd.Series(True, index=reports.index)
    if query_words(query.words):
        mask &= _holds_words(reports["_text"], query.words)
    for facet, value in query.chosen().items():
        mask &= reports[facet] == value
    found = reports[mask.fillna(False).astype(bool)]
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    shown = found.iloc[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    facets = {facet: _counts(found[facet]) for facet in FACETS}
    return ReportPage(tuple(report_row(row) for row in shown.itertuples(index=False)), len(found), page, pages, facets)


def _holds_words(texts: pd.Series, words: str) -> pd.Series:
    """The folded texts holding every word: the texts are folded already, so only the words are folded here."""
    mask = pd.Series(True, index=texts.index)
    for word in query_words(words):
        mask &= texts.str.contains(word, regex=False)
    return mask


def _counts(values: pd.Series) -> tuple[tuple[str, int], ...]:
    counted = values.dropna().astype(str).value_counts()
    return tuple((str(value), int(count)) for value, count in sorted(counted.items(), key=lambda item: item[0]))


def report_row(row: Any) -> ReportRow:
    """A row of the store's reports' list (a named tuple of `itertuples`) as the pages show it."""
    issued = getattr(row, "date_issued", None)
    try:
        day = date.fromisoformat(issued) if isinstance(issued, str) else None
    except ValueError:  # the store writes ISO dates; anything else is shown as undated rather than refused
        day = None
    return ReportRow(
        report_id=str(row.report_id),
        symbol=str(row.symbol),
        state=_text(getattr(row, "state", None)),
        state_iso3=_text(getattr(row, "state_iso3", None)),
        body=_text(getattr(row, "body", None)),
        document_type=_text(getattr(row, "document_type", None)),
        date_issued=day,
        language=str(row.language),
        paragraphs=int(row.paragraphs),
        claims=int(row.claims),
    )


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
