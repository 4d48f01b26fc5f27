"""The app's only window on data/processed/: the store's queries, answered by DuckDB over the Parquet files.

Nothing here parses the report. A load checks the build (every table's files against the contract) and
reads only the reports' ids; the rest, the catalogue included, is asked of `dashboard/store_sql.py` when a
page needs it. A load is made again only when the build changes
(the folder `current` names, or a file's size or mtime), so a `make data` while the app runs is picked up.
"""

import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from contract import records, schema
from contract.schema import STATISTIC_KINDS
from contract.store import MANIFEST, VERSIONS, current_folder, report_order
from dashboard import staleness, store_sql
from dashboard.build_check import check_catalogue, checked_columns, unreadable
from dashboard.memo import Memo, memoized
from dashboard.query import Query, parse
from dashboard.report_facts import ReportFacts, facts_of_metadata
from dashboard.store_sql import CATALOG_JSON, DataUnavailable

__all__ = ["STATISTIC_KINDS", "ClaimFilters", "DataUnavailable", "Dataset", "ReportFacts", "claim_filters", "load"]

ROOT = Path(__file__).resolve().parent.parent
# The tables the app reads (suggestions and items are optional: builds before them lack them).
PARQUET_TABLES = ("paragraphs", "claims", "reports", "observations", "checks")
OPTIONAL_TABLES = ("suggestions", "items")


@dataclass(frozen=True)
class ClaimFilters:
    """Which claims to keep: the filters of /claims and /api/claims.csv, in the words of their URLs.

    An empty tuple keeps every value; `first` and `last` bound the paragraph numbers; `words` must all be in the
    claim's text, subject or sentence, accents and case aside.
    """

    reports: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    chapter: tuple[str, ...] = ()
    section: tuple[str, ...] = ()  # `VI.A`: section letters repeat across chapters
    first: int | None = None
    last: int | None = None
    words: str = ""


# The list filters of the claims, by their URL parameter; `kind=all` names every kind.
CLAIM_LIST_FILTERS = ("kind", "unit", "qualifier", "chapter", "section")
ALL_KINDS = "all"


def claim_filters(query: "Query | Mapping[str, object]", default_kinds: tuple[str, ...] = ()) -> ClaimFilters:
    """The filters a URL's query names (`kind=count,percent&from=155&to=157&q=…&report=…`), read by `dashboard.query`.

    One reading for the page and the CSV: `kind=all` is every kind; no `kind` at all is `default_kinds`.
    """
    asked = query if isinstance(query, Query) else parse(query)
    kinds = default_kinds if asked.kind is None else () if asked.kind == (ALL_KINDS,) else asked.kind
    return ClaimFilters(
        reports=tuple(part for part in (asked.report or "").split(",") if part),
        kind=kinds,
        unit=asked.unit,
        qualifier=asked.qualifier,
        chapter=asked.chapter,
        section=asked.section,
        first=asked.first,
        last=asked.last,
        words=asked.q,
    )


@dataclass
class Dataset:
    """Everything the app shows, read from data/processed/: the reports' ids in memory, the rest queried.

    The pages and components reach the tables only through its methods. What grows with the corpus
    (the catalogue, paragraphs, claims, items, checks, suggestions, observations, the reports' metadata)
    is never held whole: each method asks DuckDB (`dashboard/store_sql.py`) for the rows it needs, and the
    answers of the last few reports and indicators are kept (`dashboard/memo.py`), so a worker's memory
    stays flat. The whole catalogue is only ever read a batch at a time (`catalogue_entries`).
    """

    folder: Path
    store: store_sql.Store
    stale: list[str] = field(default_factory=list)
    version: str = ""  # the build's name and files' status: the ETag of every /api response, a key of kept answers
    columns: dict[str, list[str]] = field(default_factory=dict)  # each table's columns, as its files hold them
    order: list[str] | None = None  # the reports in store order (a version's manifest); None: the table's order
    # The indicator ids with several catalogue entries (a series across documents has one a document): a few ids
    # a series definition, read once a load; every other id is one report's, found among that report's entries.
    shared_ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # One row a report, three short strings: the menus, links and `lang` attributes ask for these constantly.
        reports = self.store.column_values("reports", ["report_id", "language", "built_at"])
        self._report_ids = _in_store_order([str(r) for r in reports.report_id.tolist()], self.order)
        languages = reports.language.tolist()
        self._text_languages = {
            r: code for r, code in zip(self._report_ids, languages) if isinstance(code, str) and code
        }
        self._built_at = dict(zip(self._report_ids, (str(b) for b in reports.built_at.tolist())))

    def items_of(self, report_id: str) -> dict[int, list[tuple[int, str]]]:
        """A report's numbered, lettered and bulleted items by paragraph: (offset of the item's text, its label)."""
        found: dict[int, list[tuple[int, str]]] = {}
        for row in _rows_of(self, "items", "report_id", report_id).itertuples():
            found.setdefault(int(row.paragraph), []).append((int(row.start), str(row.item)))
        return found

    def report_ids(self) -> list[str]:
        """The reports of the data folder, in the order of reports.parquet (the first is the default)."""
        return list(self._report_ids)

    def report_or_default(self, value: object) -> str:
        """`value` when it names a report of the data, else the first report ('' when there is none)."""
        if isinstance(value, str) and value in self._built_at:
            return value
        return self._report_ids[0] if self._report_ids else ""

    def is_default_report(self, report_id: str) -> bool:
        """Whether a report is the one shown when none is named (links leave it out)."""
        return report_id == self.report_or_default(None)

    def facts(self, report_id: str | None) -> ReportFacts:
        """What a report's metadata says (empty facts for an unknown report)."""
        return _facts_of(self, report_id or "") if report_id in self._built_at else ReportFacts()

    def entries_of(self, report_id: str) -> list[records.CatalogEntry]:
        """The catalogue entries of one report, in its catalogue's order."""
        return list(_entries_of(self, report_id))

    def indicator(self, indicator_id: str) -> records.CatalogEntry | None:
        """The catalogue entry of an indicator, or None for an unknown id.

        A series across documents has an entry a document under one id (as has, rarely, one definition applied
        to several reports): its entry is that of the last of those reports in store order (the manifest's order;
        a plain folder's, its reports table's), as when the app held the catalogue in a dict filled in that order."""
        return self.indicators_named([indicator_id]).get(indicator_id)

    def known_indicator(self, indicator_id: str) -> records.CatalogEntry:
        """The catalogue entry of an indicator the caller knows is there (KeyError if it is not)."""
        entry = self.indicator(indicator_id)
        if entry is None:
            raise KeyError(indicator_id)
        return entry

    def indicators_named(
        self, indicator_ids: Iterable[str], report_id: str | None = None
    ) -> dict[str, records.CatalogEntry]:
        """The entries of these indicators (`indicator`'s), by id; an unknown id is left out. The ids not kept yet
        are asked in one query, however many: a page naming a report's indicators asks once. Given the report
        whose page names them, the ids of its own entries that no other report shares are read with its entries
        (one report's rows) rather than looked for in the whole catalogue."""
        return _indicators_named(self, list(dict.fromkeys(indicator_ids)), report_id)

    def catalogue_entries(self) -> Iterator[records.CatalogEntry]:
        """The whole catalogue, an entry at a time, never held whole: in the store's files' order (each report's
        entries together, in their order), the order of the data package's tables."""
        for batch in self.store.catalogue(CATALOGUE_BATCH_ROWS):
            yield from schema.from_table("catalog", batch)

    def series_of_documents(self, report_ids: Collection[str]) -> list[str]:
        """The series across documents these reports give a point to, in store order of the reports."""
        found = self.store.series_in(sorted(set(report_ids)))
        pairs = _in_store_order(list(zip(found.report_id, found.indicator_id)), self.order, lambda pair: pair[0])
        return list(dict.fromkeys(str(indicator_id) for _, indicator_id in pairs))

    def observations_of(self, indicator_id: str) -> pd.DataFrame:
        """The indicator's rows in their defined order."""
        return _rows_of(self, "observations", "indicator_id", indicator_id)

    def observations_of_report(self, report_id: str) -> pd.DataFrame:
        """A report's figures of every indicator, in the files' order (one query for a page about the report)."""
        return _rows_of(self, "observations", "report_id", report_id)

    def observation_at(self, indicator_id: str, position: object) -> Any:
        """The indicator's row at a position (a named tuple of its columns), or None."""
        rows = self.observations_of(indicator_id)
        return next(rows[rows.position == position].itertuples(), None)

    def dimension_values(self, indicator_id: str, dimension: str) -> list[str]:
        """The values of one dimension of an indicator, in their order."""
        return list(dict.fromkeys(self.observations_of(indicator_id)[dimension].dropna()))

    def checks_of(self, indicator_id: str) -> pd.DataFrame:
        """The checks that involve the indicator, inconsistencies first."""
        return _inconsistent_first(_checks_naming(self, "indicator_ids", (indicator_id,)))

    def checks_of_report(self, report_id: str) -> pd.DataFrame:
        """The checks of one report, inconsistencies first, then by id (the entries of the indicators they involve
        are read with them, in one query: a page of checks names them)."""
        checks = _inconsistent_first(_rows_of(self, "checks", "report_id", report_id))
        self.indicators_named((str(i) for ids in checks.indicator_ids for i in ids), report_id)
        return checks

    def checks_about(self, claim_ids: Collection[str]) -> pd.DataFrame:
        """The checks about these figures (whose `claim_id`, the stated share, total or rate, is one of them)."""
        return _checks_naming(self, "claim_id", tuple(sorted(claim_ids)))

    def inconsistent_indicators(self) -> set[str]:
        """The indicators that draw the figure an inconsistent check is about (all those it involves, for a build
        whose checks name no figure): a table whose number is merely another's base is not flagged."""
        return set(_inconsistent_indicators(self))

    def paragraphs_of(self, report_id: str) -> pd.DataFrame:
        """One report's paragraphs in reading order."""
        return _rows_of(self, "paragraphs", "report_id", report_id)

    def claims_count(self, report_id: str) -> int:
        """How many numbers a report states."""
        return int(_count_of(self, "claims", "report_id", report_id))

    def statistics_of(self, report_id: str) -> pd.DataFrame:
        """One report's claims that are statistics (not years, dates or references)."""
        claims = _rows_of(self, "claims", "report_id", report_id)
        return claims[claims.kind.isin(schema.STATISTIC_KINDS)]

    def indicators_of_claim(self, claim_id: str) -> list[str]:
        """The indicators that chart a claim."""
        return list(_indicators_by_claim(self, "claim_id", claim_id).get(claim_id, []))

    def indicators_by_claim(self, report_id: str) -> dict[str, list[str]]:
        """claim_id -> the indicators that chart it, for one report's claims (one query for a whole page; the
        entries of those indicators, which the page names, are read with them in one more)."""
        found = dict(_indicators_by_claim(self, "report_id", report_id))
        self.indicators_named((i for ids in found.values() for i in ids), report_id)
        return found

    def claims_where(self, filters: ClaimFilters) -> pd.DataFrame:
        """The claims kept by the filters, each with the chapter and section of its paragraph."""
        # The reports and words are asked of DuckDB (a report's rows out of the corpus); the rest of the filters
        # then narrow what are at most one report's claims, or the whole download it was asked for.
        words = filters.words.strip()
        # One report's claims are kept for the next keystroke; a download of every report's is not kept.
        frame = _claims_of(self, filters.reports, words) if filters.reports else self.store.claims((), words)
        return frame[listed_filters_mask(frame, filters)]

    def uncharted_suggestions(self, report_id: str) -> pd.DataFrame:
        """The report's suggested tables that no curated indicator covers and that have no page, with their paragraphs."""
        found = self.store.uncharted_suggestions(report_id)
        if "paragraph" not in found:  # no suggestions built: none, with the column the callers read
            return found.assign(paragraph=pd.Series(dtype="int64"))
        return found

    def paragraph_text(self, report_id: str, paragraph: int) -> str:
        """The whole text of one paragraph ('' when the paragraph is unknown)."""
        return _texts_of(self, report_id).get(int(paragraph), "")

    def text_language(self, report_id: str) -> str:
        """The language the report's text is in (as the build read it), for the lang attribute of its quotes."""
        return self._text_languages.get(report_id, "fr")

    def symbol(self, report_id: str) -> str:
        """The UN document symbol of a report, else its id."""
        return self.facts(report_id).symbol or report_id

    def built_at(self, report_id: str) -> str:
        """When data/processed/ was built for this report."""
        return self._built_at.get(report_id, "")

    def dimensions_of(self, indicator_id: str) -> list[str]:
        """The dimension columns this indicator uses, in the catalogue's order."""
        entry = self.indicator(indicator_id)
        present = self.columns.get("observations", [])
        return [d for d in (entry.dimensions if entry else ()) if d in present]

    def table(self, name: str) -> pd.DataFrame:
        """One of the store's tables, whole (the downloads and the documents' list read it)."""
        if name not in (*PARQUET_TABLES, *OPTIONAL_TABLES):
            raise KeyError(name)
        return self.store.whole(name)


# The verdicts the pages count apart (contract.schema.CHECK_STATUSES): the figures agree, or they do not.
CONSISTENT, INCONSISTENT = schema.CHECK_STATUSES[:2]


T = TypeVar("T")


def _in_store_order(found: list[T], order: list[str] | None, report_of: Callable[[T], str] = str) -> list[T]:
    """Reports, or rows by their report, in store order (the manifest's: shards hold rows by report_id), then any
    it does not name; each report's rows in their own order."""
    if order is None:
        return found
    place = {report_id: i for i, report_id in enumerate(order)}
    return sorted(found, key=lambda item: place.get(report_of(item), len(place)))


def _inconsistent_first(checks: pd.DataFrame) -> pd.DataFrame:
    found = checks.copy()
    found["_order"] = (found["status"] != INCONSISTENT).astype(int)
    return found.sort_values(["_order", "check_id"]).drop(columns="_order")


# The answers of the last reports and indicators asked for, kept by data version (a page asks for the same
# report's paragraphs and claims several times); bounded, so memory does not follow the corpus.
REPORTS_KEPT = 16
INDICATORS_KEPT = 256


@memoized(max_entries=4 * REPORTS_KEPT)
def _report_rows(dataset: Dataset, table: str, report_id: str) -> pd.DataFrame:
    return dataset.store.rows_of(table, "report_id", report_id)


@memoized(max_entries=INDICATORS_KEPT)
def _indicator_rows(dataset: Dataset, table: str, indicator_id: str) -> pd.DataFrame:
    return dataset.store.rows_of(table, "indicator_id", indicator_id, "position")


def _rows_of(dataset: Dataset, table: str, column: str, value: str) -> pd.DataFrame:
    """A table's rows of one report or indicator (a copy: the caller may change it, the kept answer stays)."""
    kept = _report_rows if column == "report_id" else _indicator_rows
    return kept(dataset, table, value).copy()


# The catalogue entries kept: a report's, and an indicator's by id (None: no such id), at most this many.
CATALOGUE_BATCH_ROWS = 2048
ENTRIES_KEPT = 4096
_entries_by_id = Memo("dashboard.data.indicator_entries", max_entries=ENTRIES_KEPT)
_UNASKED = object()


@memoized(max_entries=REPORTS_KEPT)
def _entries_of(dataset: Dataset, report_id: str) -> tuple[records.CatalogEntry, ...]:
    return tuple(schema.from_table("catalog", dataset.store.catalogue_of(report_id)))


def _indicators_named(dataset: Dataset, ids: list[str], report_id: str | None) -> dict[str, records.CatalogEntry]:
    """The entries of `ids`: those kept, the report's own unshared ones from its entries, the others asked in one
    query (each id's last entry in store order: a plain folder's is its reports table's order)."""
    key = (dataset.version, str(dataset.folder))
    kept = {i: _entries_by_id.get((*key, i), _UNASKED) for i in ids}
    asked = [i for i, entry in kept.items() if entry is _UNASKED]
    found: dict[str, records.CatalogEntry] = {}
    if asked and report_id:
        found = {e.indicator_id: e for e in _entries_of(dataset, report_id) if e.indicator_id not in dataset.shared_ids}
    if [i for i in asked if i not in found]:
        rows = schema.from_table("catalog", dataset.store.catalogue_named([i for i in asked if i not in found]))
        order = dataset.order if dataset.order is not None else dataset.report_ids()
        found |= {entry.indicator_id: entry for entry in _in_store_order(rows, order, _report_of)}
    for i in asked:
        kept[i] = found.get(i)
        _entries_by_id.put((*key, i), kept[i], dataset.version)
    return {i: entry for i, entry in kept.items() if isinstance(entry, records.CatalogEntry)}


def _report_of(entry: records.CatalogEntry) -> str:
    return entry.report_id


@memoized(max_entries=REPORTS_KEPT)
def _count_of(dataset: Dataset, table: str, column: str, value: str) -> int:
    return dataset.store.count_of(table, column, value)


@memoized(max_entries=REPORTS_KEPT)
def _texts_of(dataset: Dataset, report_id: str) -> dict[int, str]:
    """paragraph number -> its text, for one report."""
    rows = _report_rows(dataset, "paragraphs", report_id)
    return {int(p): str(t) for p, t in zip(rows.paragraph, rows.text)}


@memoized(max_entries=INDICATORS_KEPT)
def _checks_naming(dataset: Dataset, column: str, values: tuple[str, ...]) -> pd.DataFrame:
    return dataset.store.checks_naming(column, values)


@memoized(max_entries=1)
def _inconsistent_indicators(dataset: Dataset) -> frozenset[str]:
    return frozenset(dataset.store.inconsistent_indicators(INCONSISTENT))


@memoized(max_entries=4096)
def _indicators_by_claim(dataset: Dataset, column: str, value: str) -> dict[str, list[str]]:
    return dataset.store.indicators_by_claim(column, value)


@memoized(max_entries=1024)
def _facts_of(dataset: Dataset, report_id: str) -> ReportFacts:
    rows = dataset.store.rows_of("reports", "report_id", report_id)
    return facts_of_metadata(rows.metadata_json.iloc[0] if len(rows) else None)


@memoized(max_entries=REPORTS_KEPT)
def _claims_of(dataset: Dataset, reports: tuple[str, ...], words: str) -> pd.DataFrame:
    """The claims of these reports (all when none) holding the words, with their places; kept for the next keystroke."""
    return dataset.store.claims(reports, words)


def listed_filters_mask(frame: pd.DataFrame, filters: ClaimFilters) -> pd.Series:
    """Which claims the list filters and the paragraph range keep, of claims narrowed to their reports and words."""
    mask = pd.Series(True, index=frame.index)
    for column in CLAIM_LIST_FILTERS:
        wanted = getattr(filters, column)
        if wanted:
            mask &= frame[column].isin(wanted)
    if filters.first is not None:
        mask &= frame.paragraph >= filters.first
    if filters.last is not None:
        mask &= frame.paragraph <= filters.last
    return mask


def data_dir() -> Path:
    """The folder the app reads: $INDICATORS_DATA_DIR, else data/processed/."""
    return Path(os.environ.get("INDICATORS_DATA_DIR") or ROOT / "data" / "processed")


# The dataset of the build last read: one entry, replaced when the build changes.
_loaded = Memo("dashboard.data.load", max_entries=1)


def load() -> Dataset:
    """The dataset, read again only when the build changed: a new version, or a file of the folder changed."""
    folder = data_dir()
    # `current` resolved once: every table of one load comes from one build, even while a new one is switched in.
    built = current_folder(folder)
    key = (str(built), _signature(built))
    return _loaded.get_or_make(key, lambda: _read(built, key))


def _signature(folder: Path) -> tuple[tuple[str, int | None, int | None], ...]:
    """The status (modification time, size) of the folder and of each file the app reads: what says it changed.

    Read on every request, so it reads no byte of any file. A version of the store (versions/<v>/) is written
    whole before `current` names it and never changed after: its folder and manifest say enough, however
    many files its tables have. A plain folder (a copy, an older build) has each of its files looked at.
    """
    paths = [folder, folder / MANIFEST, folder / CATALOG_JSON]
    if folder.parent.name != VERSIONS:
        store = store_sql.Store(folder, (*PARQUET_TABLES, *OPTIONAL_TABLES, "catalog"))
        paths += [Path(p) for files in store.files.values() for p in files]
    stats: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            status = path.stat()
            stats.append((path.name, status.st_mtime_ns, status.st_size))
        except OSError:
            stats.append((path.name, None, None))
    return tuple(stats)


def data_version(folder: Path) -> str:
    """A short name of the build's state: its folder and its files' status (changes when data/processed/ does)."""
    return _version_of((str(folder), _signature(folder)))


def _version_of(key: object) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def _read(folder: Path, key: object) -> Dataset:
    """One build folder (data/processed/, or the version its `current` link names), its tables checked, not read."""
    try:
        store = store_sql.Store(folder, (*PARQUET_TABLES, *OPTIONAL_TABLES, "catalog"))
    except (OSError, ValueError) as error:  # a manifest that cannot be read
        raise DataUnavailable(unreadable(folder, MANIFEST, error)) from None
    missing = [f"{name}.parquet" for name in PARQUET_TABLES if not store.has(name)]
    missing += [] if (folder / CATALOG_JSON).exists() or store.has("catalog") else [CATALOG_JSON]
    if missing:
        raise DataUnavailable(
            f"the data folder {folder.name}/ is not built or incomplete (missing {', '.join(missing)}): "
            "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
        )
    columns = {name: checked_columns(store, name) for name in (*PARQUET_TABLES, *OPTIONAL_TABLES) if store.has(name)}
    check_catalogue(store)
    return Dataset(
        folder=folder,
        store=store,
        stale=staleness.stale_reasons(folder, store.column_values("reports", ["source_file", "built_at"])),
        version=_version_of(key),
        columns=columns,
        order=report_order(folder),
        shared_ids=frozenset(store.shared_indicator_ids()),
    )
