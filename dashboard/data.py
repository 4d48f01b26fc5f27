"""The app's only window on data/processed/: read the built tables once, hand out lookups.

Nothing here parses the report. Tables are reloaded only when a file in the data folder
changes (its size or mtime), so a `make data` while the app runs is picked up.
"""

import hashlib
import json
import os
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from contract import records, schema
from contract.schema import STATISTIC_KINDS
from contract.store import MANIFEST, current_folder, table_files
from dashboard import search
from dashboard.memo import Memo, memoized
from dashboard.query import Query, parse

__all__ = ["STATISTIC_KINDS", "ClaimFilters", "DataUnavailable", "Dataset", "ReportFacts", "claim_filters", "load"]

ROOT = Path(__file__).resolve().parent.parent
# The tables the app reads (suggestions.parquet and items.parquet are optional: builds before them lack them).
PARQUET_TABLES = ("paragraphs", "claims", "reports", "observations", "checks")
OPTIONAL_TABLES = ("suggestions", "items")
CATALOG_JSON = "catalog.json"  # the catalogue of a folder of plain files; a store's is its `catalog` table


class DataUnavailable(Exception):
    """data/processed/ is missing or incomplete; the message says what and how to build it."""


@dataclass(frozen=True)
class ReportFacts:
    """What the metadata of a report says about it (reports.parquet's metadata_json), for citations and headings."""

    symbol: str | None = None
    state: str = ""
    document_type: str = ""
    treaty_body: str = ""
    language: str | None = None
    title_fr: str | None = None
    title_en: str | None = None
    date_issued: str | None = None
    date_received: str | None = None
    previous_symbol: str = ""  # the concluding observations the report follows up

    def title(self, lang: str) -> str | None:
        """The document's title in `lang`, else in the other language."""
        own, other = (self.title_en, self.title_fr) if lang == "en" else (self.title_fr, self.title_en)
        return own or other


def _facts(metadata_json: str | None) -> ReportFacts:
    raw = json.loads(metadata_json or "{}")
    raw.setdefault("treaty_body", raw.get("body"))  # the metadata's issuing body, `treaty_body` before it was renamed
    text = {key: str(raw[key]) for key in _FACT_FIELDS if raw.get(key) not in (None, "")}
    previous = raw.get("previous_concluding_observations") or {}
    previous_symbol = previous.get("symbol", "") if isinstance(previous, dict) else str(previous)
    return ReportFacts(previous_symbol=previous_symbol, **text)


_FACT_FIELDS = (
    "symbol",
    "state",
    "document_type",
    "treaty_body",
    "language",
    "title_fr",
    "title_en",
    "date_issued",
    "date_received",
)


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
    """Everything the app shows, as read from data/processed/, with lookups built once.

    The pages and components reach the tables only through its methods (the store's queries).
    """

    folder: Path
    paragraphs: pd.DataFrame
    claims: pd.DataFrame
    reports: pd.DataFrame
    observations: pd.DataFrame
    checks: pd.DataFrame
    catalog: list[records.CatalogEntry]
    stale: list[str] = field(default_factory=list)
    version: str = ""  # hash of the built files: the ETag of every /api response, a key of kept answers
    suggestions: pd.DataFrame = field(default_factory=pd.DataFrame)  # optional: older builds lack it
    items: pd.DataFrame = field(default_factory=pd.DataFrame)  # optional: older builds lack it

    def __post_init__(self) -> None:
        self.indicators = {entry.indicator_id: entry for entry in self.catalog}
        self._facts = {row.report_id: _facts(row.metadata_json) for row in self.reports.itertuples()}
        languages = self.reports.language if "language" in self.reports.columns else [None] * len(self.reports)
        self._text_languages = {
            r: code for r, code in zip(self.reports.report_id, languages) if isinstance(code, str) and code
        }
        self.text_by_paragraph = dict(
            zip(zip(self.paragraphs.report_id, self.paragraphs.paragraph), self.paragraphs.text)
        )
        # claim_id -> the indicators that use it: the report reader links each number to them.
        self.indicators_by_claim: dict[str, list[str]] = (
            self.observations.groupby("claim_id")["indicator_id"].agg(lambda s: sorted(set(s))).to_dict()
        )
        # not dict(groupby): dict() would call GroupBy.keys, which is a column name
        self._observations_by_indicator = {  # noqa: C416
            key: frame for key, frame in self.observations.groupby("indicator_id", sort=False)
        }

    def items_of(self, report_id: str) -> dict[int, list[tuple[int, str]]]:
        """A report's numbered, lettered and bulleted items by paragraph: (offset of the item's text, its label)."""
        mine = self.items[self.items.report_id == report_id] if "report_id" in self.items else self.items.iloc[0:0]
        found: dict[int, list[tuple[int, str]]] = {}
        for row in mine.itertuples():
            found.setdefault(int(row.paragraph), []).append((int(row.start), str(row.item)))
        return found

    def report_ids(self) -> list[str]:
        """The reports of the data folder, in the order of reports.parquet (the first is the default)."""
        return list(self.reports.report_id)

    def report_or_default(self, value: object) -> str:
        """`value` when it names a report of the data, else the first report ('' when there is none)."""
        ids = self.report_ids()
        return value if isinstance(value, str) and value in ids else (ids[0] if ids else "")

    def is_default_report(self, report_id: str) -> bool:
        """Whether a report is the one shown when none is named (links leave it out)."""
        return report_id == self.report_or_default(None)

    def facts(self, report_id: str | None) -> ReportFacts:
        """What a report's metadata says (empty facts for an unknown report)."""
        return self._facts.get(report_id or "", ReportFacts())

    def entries_of(self, report_id: str) -> list[records.CatalogEntry]:
        """The catalogue entries of one report, in catalogue order."""
        return [entry for entry in self.catalog if entry.report_id == report_id]

    def indicator(self, indicator_id: str) -> records.CatalogEntry | None:
        """The catalogue entry of an indicator, or None for an unknown id."""
        return self.indicators.get(indicator_id)

    def observations_of(self, indicator_id: str) -> pd.DataFrame:
        """The indicator's rows in their defined order."""
        frame = self._observations_by_indicator.get(indicator_id)
        if frame is None:
            return self.observations.iloc[0:0]
        return frame.sort_values("position", kind="stable")

    def observation_at(self, indicator_id: str, position: object) -> Any:
        """The indicator's row at a position (a named tuple of its columns), or None."""
        rows = self.observations_of(indicator_id)
        return next(rows[rows.position == position].itertuples(), None)

    def dimension_values(self, indicator_id: str, dimension: str) -> list[str]:
        """The values of one dimension of an indicator, in their order."""
        return list(dict.fromkeys(self.observations_of(indicator_id)[dimension].dropna()))

    def checks_of(self, indicator_id: str) -> pd.DataFrame:
        """The checks that involve the indicator, inconsistencies first."""
        # A boolean mask even over no checks: an empty object-typed one would select columns, not rows.
        mask = self.checks["indicator_ids"].apply(lambda ids: indicator_id in list(ids)).astype(bool)
        return _inconsistent_first(self.checks[mask])

    def checks_of_report(self, report_id: str) -> pd.DataFrame:
        """The checks of one report, inconsistencies first, then by id."""
        return _inconsistent_first(self.checks[self.checks.report_id == report_id])

    def checks_about(self, claim_ids: Collection[str]) -> pd.DataFrame:
        """The checks about these figures (whose `claim_id`, the stated share, total or rate, is one of them)."""
        if "claim_id" not in self.checks:
            return self.checks.iloc[0:0]
        return self.checks[self.checks.claim_id.isin(list(claim_ids))]

    def inconsistent_indicators(self) -> set[str]:
        """The indicators that draw the figure an inconsistent check is about (all those it involves, for a build
        whose checks name no figure): a table whose number is merely another's base is not flagged."""
        bad = self.checks[self.checks.status == INCONSISTENT]
        about = set(bad.claim_id.dropna()) if "claim_id" in bad else set()
        drawing = self.observations[self.observations.claim_id.isin(about)] if about else self.observations.iloc[0:0]
        flagged = set(drawing.indicator_id)
        unnamed = bad[bad.claim_id.isna()] if "claim_id" in bad else bad
        return flagged | {i for ids in unnamed.indicator_ids for i in list(ids)}

    def paragraphs_of(self, report_id: str) -> pd.DataFrame:
        """One report's paragraphs in reading order."""
        return self.paragraphs[self.paragraphs.report_id == report_id]

    def claims_count(self, report_id: str) -> int:
        """How many numbers a report states."""
        return int((self.claims.report_id == report_id).sum())

    def statistics_of(self, report_id: str) -> pd.DataFrame:
        """One report's claims that are statistics (not years, dates or references)."""
        claims = self.claims
        return claims[(claims.report_id == report_id) & claims.kind.isin(schema.STATISTIC_KINDS)]

    def indicators_of_claim(self, claim_id: str) -> list[str]:
        """The indicators that chart a claim."""
        return self.indicators_by_claim.get(claim_id, [])

    def claims_where(self, filters: ClaimFilters) -> pd.DataFrame:
        """The claims kept by the filters, each with the chapter and section of its paragraph."""
        return _filtered_claims(_claims_with_places(self), filters)

    def uncharted_suggestions(self, report_id: str) -> pd.DataFrame:
        """The report's suggested tables that no curated indicator covers and that have no page, with their paragraphs."""
        rows = self.suggestions
        if rows.empty:
            return rows.assign(paragraph=pd.Series(dtype="int64"))
        mine = rows[
            (rows.report_id == report_id)
            & (rows.covered_by.apply(len) == 0)
            & ~rows.suggestion_id.isin(list(self.indicators))
        ]
        paragraph_of = dict(zip(self.claims.claim_id, self.claims.paragraph))
        return mine.assign(paragraph=[paragraph_of.get(c) for c in mine.claim_id])

    def paragraph_text(self, report_id: str, paragraph: int) -> str:
        """The whole text of one paragraph ('' when the paragraph is unknown)."""
        return self.text_by_paragraph.get((report_id, int(paragraph)), "")

    def text_language(self, report_id: str) -> str:
        """The language the report's text is in (as the build read it), for the lang attribute of its quotes."""
        return self._text_languages.get(report_id, "fr")

    def symbol(self, report_id: str) -> str:
        """The UN document symbol of a report, else its id."""
        return self.facts(report_id).symbol or report_id

    def built_at(self, report_id: str) -> str:
        """When data/processed/ was built for this report."""
        row = self.reports[self.reports.report_id == report_id]
        return str(row.built_at.iloc[0]) if len(row) else ""

    def dimensions_of(self, indicator_id: str) -> list[str]:
        """The dimension columns this indicator uses, in the catalogue's order."""
        entry = self.indicators.get(indicator_id)
        return [d for d in (entry.dimensions if entry else ()) if d in self.observations.columns]

    def table(self, name: str) -> pd.DataFrame:
        """One of the store's tables, whole (the data package writes them)."""
        return getattr(self, name)


# The verdicts the pages count apart (contract.schema.CHECK_STATUSES): the figures agree, or they do not.
CONSISTENT, INCONSISTENT = schema.CHECK_STATUSES[:2]


def _inconsistent_first(checks: pd.DataFrame) -> pd.DataFrame:
    found = checks.copy()
    found["_order"] = (found["status"] != INCONSISTENT).astype(int)
    return found.sort_values(["_order", "check_id"]).drop(columns="_order")


@memoized(max_entries=4)
def _claims_with_places(dataset: Dataset) -> pd.DataFrame:
    """Every claim with the chapter and section of its paragraph (section as `VI.A`)."""
    where = dataset.paragraphs[
        ["report_id", "paragraph", "chapter", "chapter_title", "section", "section_title"]
    ].copy()
    where["section"] = (where.chapter + "." + where.section).where(where.section.notna())
    return dataset.claims.merge(where, on=["report_id", "paragraph"], how="left")


def _filtered_claims(frame: pd.DataFrame, filters: ClaimFilters) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if filters.reports:
        mask &= frame.report_id.isin(filters.reports)
    for column in CLAIM_LIST_FILTERS:
        wanted = getattr(filters, column)
        if wanted:
            mask &= frame[column].isin(wanted)
    if filters.first is not None:
        mask &= frame.paragraph >= filters.first
    if filters.last is not None:
        mask &= frame.paragraph <= filters.last
    if filters.words.strip():
        # Accents and case aside: "refugies" finds "réfugiés", as the catalogue's search does.
        searchable = frame.text.fillna("") + " " + frame.subject.fillna("") + " " + frame.sentence.fillna("")
        mask &= search.column_matches(searchable, filters.words)
    return frame[mask]


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
    return _loaded.get_or_make(key, lambda: _read(built))


def _built_files(folder: Path) -> tuple[Path, ...]:
    """The files of a build that the app reads: contract/store.py's `table_files`, a manifest or catalog.json."""
    names = (*PARQUET_TABLES, *OPTIONAL_TABLES, "catalog")
    try:
        files = tuple(path for name in names for path in table_files(folder, name))
    except (OSError, ValueError):
        files = ()
    return (*files, *(folder / name for name in (MANIFEST, CATALOG_JSON) if (folder / name).exists()))


def _signature(folder: Path) -> tuple[tuple[str, int | None, int | None], ...]:
    stats: list[tuple[str, int | None, int | None]] = []
    for path in _built_files(folder):
        try:
            stat = path.stat()
            stats.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stats.append((path.name, None, None))
    return tuple(stats)


def _missing(folder: Path) -> list[str]:
    """The tables a build folder lacks (catalog.json stands for the catalogue table)."""
    try:
        missing = [f"{name}.parquet" for name in PARQUET_TABLES if not table_files(folder, name)]
        has_catalog = (folder / CATALOG_JSON).exists() or bool(table_files(folder, "catalog"))
    except (OSError, ValueError) as error:
        raise DataUnavailable(_unreadable(folder, MANIFEST, error)) from None
    return missing + ([] if has_catalog else [CATALOG_JSON])


def _read(folder: Path) -> Dataset:
    """The tables of one build folder (data/processed/, or the version its `current` link names)."""
    missing = _missing(folder)
    if missing:
        raise DataUnavailable(
            f"the data folder {folder.name}/ is not built or incomplete (missing {', '.join(missing)}): "
            "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
        )
    tables = {name: _read_table(folder, name) for name in PARQUET_TABLES}
    try:
        entries = (
            schema.from_json("catalog", (folder / CATALOG_JSON).read_text(encoding="utf-8"))
            if (folder / CATALOG_JSON).exists()
            else schema.from_table("catalog", _arrow_table(folder, "catalog"))
        )
    except (OSError, ValueError, TypeError) as error:
        raise DataUnavailable(_unreadable(folder, CATALOG_JSON, error)) from None
    return Dataset(
        folder=folder,
        catalog=entries,
        stale=_stale_reasons(folder, tables["reports"]),
        version=data_version(folder),
        suggestions=_optional_table(folder, "suggestions"),
        items=_optional_table(folder, "items"),
        **tables,
    )


def _optional_table(folder: Path, name: str) -> pd.DataFrame:
    """A table the app can do without: empty (with its columns) when it was not built."""
    if not table_files(folder, name):
        return pd.DataFrame(columns=schema.columns(name))
    return _read_table(folder, name)


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    """One built table, checked against its contract; a truncated or foreign file is 'not built', not a crash."""
    return _arrow_table(folder, name).to_pandas()


def _arrow_table(folder: Path, name: str) -> pa.Table:
    """A table's files (contract/store.py's `table_files`: one, or a store's shards) read as one Arrow table."""
    parts = []
    for path in table_files(folder, name):
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as error:
            raise DataUnavailable(_unreadable(folder, f"{name}.parquet", error)) from None
        problems = schema.problems(name, table.schema)
        if problems:
            raise DataUnavailable(_unreadable(folder, f"{name}.parquet", "; ".join(problems)))
        parts.append(table)
    return pa.concat_tables(parts, promote_options="default") if parts else schema.schema(name).empty_table()


def _unreadable(folder: Path, name: str, why: object) -> str:
    first_line = str(why).splitlines()[0] if str(why) else type(why).__name__
    shown = (
        f"{folder.parent.parent.name}/{folder.parent.name}/{folder.name}"
        if folder.parent.name == "versions"
        else folder.name
    )
    return (
        f"the data file {shown}/{name} cannot be read ({first_line[:200]}): "
        "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
    )


def _modified_after(source: Path, built_at: str) -> bool:
    """Whether a report's file was saved after its build, from the file's status alone.

    The app never opens an input file: a named pipe or a device in data/raw/ would hold every worker that
    read it. What the report said is in the store; only the file's modification time is compared here.
    """
    try:
        status = source.stat()
        built = datetime.fromisoformat(built_at)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    built = built if built.tzinfo else built.replace(tzinfo=UTC)
    return status.st_mtime > built.timestamp() + 1  # a second of grace: the build stamps its time after reading


def data_version(folder: Path) -> str:
    """A short hash of the built files' bytes: changes exactly when data/processed/ changes."""
    digest = hashlib.sha256()
    if (folder / MANIFEST).exists():  # a store's version: the manifest names each file by its bytes' hash
        return hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest()[:16]
    for path in _built_files(folder):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _stale_reasons(folder: Path, reports: pd.DataFrame) -> list[str]:
    """Why the built data no longer matches its inputs (a changed report or indicator file)."""
    reasons = []
    raw = ROOT / "data" / "raw"
    for row in reports.itertuples():
        source = raw / Path(str(row.source_file)).name
        if _modified_after(source, str(row.built_at)):
            reasons.append(f"{source.name} changed since data/processed/ was built")
    catalog_time = max((p.stat().st_mtime for p in _built_files(folder)), default=0.0)  # when it was built
    definitions = ROOT / "indicators"
    changed = (
        [p.name for p in definitions.glob("*.toml") if p.stat().st_mtime > catalog_time] if definitions.is_dir() else []
    )
    if changed:
        reasons.append(f"indicator definitions changed since the build ({', '.join(sorted(changed))})")
    return reasons
