"""The app's only window on data/processed/: read the built tables once, hand out lookups.

Nothing here parses the report. Tables are reloaded only when a file in the data folder
changes (its size or mtime), so a `make data` while the app runs is picked up.
"""

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from contract import records, schema
from contract.schema import STATISTIC_KINDS  # noqa: F401 (the pages filter statistics by it)
from contract.store import current_folder

ROOT = Path(__file__).resolve().parent.parent
# The tables the app reads (suggestions.parquet is optional: builds before it existed lack it).
PARQUET_TABLES = ("paragraphs", "claims", "reports", "observations", "checks")
OPTIONAL_TABLES = ("suggestions",)
REQUIRED_FILES = (*tuple(f"{name}.parquet" for name in PARQUET_TABLES), "catalog.json")


class DataUnavailable(Exception):
    """data/processed/ is missing or incomplete; the message says what and how to build it."""


@dataclass
class Dataset:
    """Everything the app shows, as read from data/processed/, with lookups built once."""

    folder: Path
    paragraphs: pd.DataFrame
    claims: pd.DataFrame
    reports: pd.DataFrame
    observations: pd.DataFrame
    checks: pd.DataFrame
    catalog: list[dict]
    stale: list[str] = field(default_factory=list)
    version: str = ""  # hash of the built files: the ETag of every /api response, a key of cached images
    suggestions: pd.DataFrame = field(default_factory=pd.DataFrame)  # optional: builds before issue 14 lack it

    def __post_init__(self):
        self.indicators = {entry["indicator_id"]: entry for entry in self.catalog}
        self.metadata = {row.report_id: json.loads(row.metadata_json or "{}") for row in self.reports.itertuples()}
        languages = self.reports.language if "language" in self.reports.columns else [None] * len(self.reports)
        self._text_languages = {
            r: code for r, code in zip(self.reports.report_id, languages) if isinstance(code, str) and code
        }
        self.text_by_paragraph = dict(
            zip(zip(self.paragraphs.report_id, self.paragraphs.paragraph), self.paragraphs.text)
        )
        # claim_id -> the indicators that use it: the report reader links each number to them.
        self.indicators_by_claim = (
            self.observations.groupby("claim_id")["indicator_id"].agg(lambda s: sorted(set(s))).to_dict()
        )
        # not dict(groupby): dict() would call GroupBy.keys, which is a column name
        self._observations_by_indicator = {  # noqa: C416
            key: frame for key, frame in self.observations.groupby("indicator_id", sort=False)
        }

    def report_ids(self) -> list[str]:
        """The reports of the data folder, in the order of reports.parquet (the first is the default)."""
        return list(self.reports.report_id)

    def report_or_default(self, value) -> str:
        """`value` when it names a report of the data, else the first report ('' when there is none)."""
        ids = self.report_ids()
        return value if value in ids else (ids[0] if ids else "")

    def indicator(self, indicator_id: str) -> dict | None:
        """The catalogue entry of an indicator, or None for an unknown id."""
        return self.indicators.get(indicator_id)

    def observations_of(self, indicator_id: str) -> pd.DataFrame:
        """The indicator's rows in their defined order."""
        frame = self._observations_by_indicator.get(indicator_id)
        if frame is None:
            return self.observations.iloc[0:0]
        return frame.sort_values("position", kind="stable")

    def checks_of(self, indicator_id: str) -> pd.DataFrame:
        """The checks that involve the indicator, inconsistencies first."""
        mask = self.checks["indicator_ids"].apply(lambda ids: indicator_id in list(ids))
        found = self.checks[mask].copy()
        found["_order"] = (found["status"] != "inconsistent").astype(int)
        return found.sort_values(["_order", "check_id"]).drop(columns="_order")

    def paragraph_text(self, report_id: str, paragraph: int) -> str:
        """The whole text of one paragraph ('' when the paragraph is unknown)."""
        return self.text_by_paragraph.get((report_id, int(paragraph)), "")

    def text_language(self, report_id: str) -> str:
        """The language the report's text is in (as the build read it), for the lang attribute of its quotes."""
        return self._text_languages.get(report_id, "fr")

    def symbol(self, report_id: str) -> str:
        """The UN document symbol of a report, else its id."""
        return self.metadata.get(report_id, {}).get("symbol") or report_id

    def built_at(self, report_id: str) -> str:
        """When data/processed/ was built for this report."""
        row = self.reports[self.reports.report_id == report_id]
        return str(row.built_at.iloc[0]) if len(row) else ""

    def dimensions_of(self, indicator_id: str) -> list[str]:
        """The dimension columns this indicator uses, in the catalogue's order."""
        entry = self.indicators.get(indicator_id) or {}
        return [d for d in entry.get("dimensions", []) if d in self.observations.columns]


def data_dir() -> Path:
    """The folder the app reads: $INDICATORS_DATA_DIR, else data/processed/."""
    return Path(os.environ.get("INDICATORS_DATA_DIR") or ROOT / "data" / "processed")


_lock = threading.Lock()
_cache: dict = {"key": None, "dataset": None}


def load() -> Dataset:
    """The dataset, read again only when the build changed: a new version, or a file of the folder changed."""
    folder = data_dir()
    # `current` resolved once: every table of one load comes from one build, even while a new one is switched in.
    built = current_folder(folder)
    key = (str(built), _signature(built))
    with _lock:
        if _cache["key"] != key:
            _cache["dataset"] = _read(built)
            _cache["key"] = key
        return _cache["dataset"]


def _built_files(folder: Path) -> tuple[str, ...]:
    """The files of a build that the app reads: the required ones and the optional ones it has."""
    return REQUIRED_FILES + tuple(
        f"{name}.parquet" for name in OPTIONAL_TABLES if (folder / f"{name}.parquet").exists()
    )


def _signature(folder: Path) -> tuple:
    stats = []
    for name in _built_files(folder):
        try:
            stat = (folder / name).stat()
            stats.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stats.append((name, None, None))
    return tuple(stats)


def _read(folder: Path) -> Dataset:
    """The tables of one build folder (data/processed/, or the version its `current` link names)."""
    missing = [name for name in REQUIRED_FILES if not (folder / name).exists()]
    if missing:
        raise DataUnavailable(
            f"the data folder {folder.name}/ is not built or incomplete (missing {', '.join(missing)}): "
            "run `make data` (or `.venv/bin/python -m etl`) and reload this page."
        )
    tables = {name: _read_table(folder, name) for name in PARQUET_TABLES}
    try:
        entries = schema.from_json("catalog", (folder / "catalog.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as error:
        raise DataUnavailable(_unreadable(folder, "catalog.json", error)) from None
    catalog = [_nested(entry) for entry in entries]
    return Dataset(
        folder=folder,
        catalog=catalog,
        stale=_stale_reasons(folder, tables["reports"]),
        version=data_version(folder),
        suggestions=_optional_table(folder, "suggestions"),
        **tables,
    )


def _nested(entry: records.CatalogEntry) -> dict:
    """A catalogue entry in the shape the pages read today: {fr, en} pairs. Goes with the typed pages."""
    flat = schema.as_dict(entry)
    nested = {
        key: {"fr": flat.pop(f"{key}_fr"), "en": flat.pop(f"{key}_en")}
        for key in ("topic_title", "title", "description", "reasons")
    }
    nested["unit_label"] = {"fr": flat.pop("unit_fr"), "en": flat.pop("unit_en")}
    if not flat["suggested"]:
        del nested["reasons"]
        for key in ("suggested", "confidence"):
            del flat[key]
    return flat | nested


def _optional_table(folder: Path, name: str) -> pd.DataFrame:
    """A table the app can do without: empty (with its columns) when it was not built."""
    if not (folder / f"{name}.parquet").exists():
        return pd.DataFrame(columns=schema.columns(name))
    return _read_table(folder, name)


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    """One built table, checked against its contract; a truncated or foreign file is 'not built', not a crash."""
    try:
        table = pq.read_table(folder / f"{name}.parquet")
    except (OSError, pa.ArrowException) as error:
        raise DataUnavailable(_unreadable(folder, f"{name}.parquet", error)) from None
    problems = schema.problems(name, table.schema)
    if problems:
        raise DataUnavailable(_unreadable(folder, f"{name}.parquet", "; ".join(problems)))
    return table.to_pandas()


def _unreadable(folder: Path, name: str, why) -> str:
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


def data_version(folder: Path) -> str:
    """A short hash of the built files' bytes: changes exactly when data/processed/ changes."""
    digest = hashlib.sha256()
    for name in _built_files(folder):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.hexdigest()[:16]


def _stale_reasons(folder: Path, reports: pd.DataFrame) -> list[str]:
    """Why the built data no longer matches its inputs (a changed report or indicator file)."""
    reasons = []
    raw = ROOT / "data" / "raw"
    for row in reports.itertuples():
        source = raw / str(row.source_file)
        # Only the hash is compared: the app never re-reads the report's content otherwise.
        if source.exists() and hashlib.sha256(source.read_bytes()).hexdigest() != row.sha256:
            reasons.append(f"{source.name} changed since data/processed/ was built")
    catalog_time = (folder / "catalog.json").stat().st_mtime
    definitions = ROOT / "indicators"
    changed = (
        [p.name for p in definitions.glob("*.toml") if p.stat().st_mtime > catalog_time] if definitions.is_dir() else []
    )
    if changed:
        reasons.append(f"indicator definitions changed since the build ({', '.join(sorted(changed))})")
    return reasons
