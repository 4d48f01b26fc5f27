"""A build run: each report of --input built on its own, then combined and committed as one version of the store.

Each report is kept with the key it was built from (its file, its metadata, the definitions, the
code): an unchanged report is not rebuilt, and a report that fails keeps its previous tables
while the others are built (etl/report.py builds one, purely). The reports' tables and the
combined tables are then committed together through etl/store.py, under its lock. Nothing
here prints: the command line (etl/cli.py) says what became of each report.
"""

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from contract.schema import to_json
from etl import store
from etl.build import Published
from etl.definitions import DefinitionError, Definitions
from etl.inputs import InputError, load_metadata, read_input, report_id_of, report_key
from etl.metadata import MetadataError
from etl.report import ReportError, ReportSource, build_one
from etl.sources import MAX_REPORT_BYTES
from etl.tables import ReportTables, combined, with_checks
from etl.translation import Comparison, compare_translations

BUILT, UNCHANGED, FAILED, KEPT = "built", "unchanged", "failed", "kept"


@dataclass
class ReportBuild:
    """What became of one report in this run: built, unchanged, failed (with why), or kept from the store."""

    path: Path | None
    report_id: str
    status: str  # BUILT | UNCHANGED | FAILED | KEPT (a single-file run keeps the store's other reports)
    tables: ReportTables | None = None
    key: str = ""
    message: str = ""
    warnings: tuple[str, ...] = ()
    published: Published | None = None  # the suggestions it publishes, when built in this run


@dataclass(frozen=True)
class Outcome:
    """A run that built something: every report's fate, the combined tables, what was dropped, the translations."""

    builds: list[ReportBuild]
    tables: ReportTables
    dropped: list[str] = field(default_factory=list)
    translations: list[Comparison] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(b.status == FAILED for b in self.builds)


def build_reports(
    box: store.Store, sources: Sequence[Path], definitions: Definitions, context: str, built_at: str
) -> list[ReportBuild]:
    """Each report on its own, so one bad report does not stop the others; two claiming one report_id both fail."""
    builds = [_build_or_keep(path, definitions, context, box, built_at) for path in sources]
    counts = Counter(b.report_id for b in builds if b.report_id)
    return [_refused(b) if b.report_id and counts[b.report_id] > 1 else b for b in builds]


def _refused(build: ReportBuild) -> ReportBuild:
    """Two files claiming one report_id would overwrite each other: both fail."""
    return replace(
        build,
        status=FAILED,
        tables=None,
        message=(
            f"{build.path}: another report has the report_id {build.report_id!r}; "
            "give each its own (file name or `report_id` in the metadata)"
        ),
    )


def _build_or_keep(path: Path, definitions: Definitions, context: str, box: store.Store, built_at: str) -> ReportBuild:
    """One report's tables: rebuilt if its file, metadata, definitions or code changed, else reused."""
    report_id = None
    try:
        # Load inputs.
        data = read_input(path, MAX_REPORT_BYTES, "report file")
        metadata, sidecar = load_metadata(path)
        report_id = report_id_of(path, metadata)
        key = report_key(data, sidecar, context)
        if box.key(report_id) == key and (stored := box.tables(report_id)):
            return ReportBuild(path, report_id, UNCHANGED, stored, key)
        # Process data.
        built = build_one(ReportSource(str(path), data, metadata, report_id), definitions, built_at)
        return ReportBuild(
            path, report_id, BUILT, built.tables, key, warnings=built.warnings, published=built.published
        )
    except (InputError, MetadataError, ReportError) as error:  # their lines name their own file: report or sidecar
        message = str(error)
    except (DefinitionError, OSError) as error:
        message = f"{path}: {error}"
    except Exception as error:  # noqa: BLE001 an input no rule foresaw: this report fails with one line, the others are built
        first = (str(error).splitlines() or [""])[0][:200]
        message = f"{path}: could not be built ({type(error).__name__}{': ' + first if first else ''}); please report this file"
    previous = report_id or box.built_from(source_name(path))
    return ReportBuild(path, previous or "", FAILED, box.tables(previous) if previous else None, message=message)


def source_name(path: Path) -> str:
    """How the store remembers the file a report was built from."""
    return os.path.abspath(path)


def commit_builds(
    box: store.Store, builds: Sequence[ReportBuild], definitions: Definitions, single_file: bool
) -> Outcome | None:
    """Combine the reports' tables, commit a new version if anything changed; None when nothing could be built."""
    stored = box.report_ids()
    every = list(builds)
    if single_file:  # one file given: the store's other reports stay
        every += _kept_reports(box, stored, builds)
    kept = _in_store_order([b for b in every if b.tables is not None], stored, single_file)
    if not kept:
        return None
    tables = combined([b.tables for b in kept if b.tables is not None])
    # Reports sharing a symbol are versions of one document: their statistics must agree.
    translations = compare_translations(tables.reports, tables.paragraphs, tables.claims)
    tables = with_checks(tables, [row for c in translations for row in c.checks])
    # Save outputs: only when something changed, so a failed run leaves --out as it was.
    ids = [b.report_id for b in kept]
    dropped = [] if single_file else [i for i in stored if i not in ids]
    if any(b.status == BUILT for b in every) or stored != ids:
        _commit(box, kept, tables)
    else:
        box.relink()
    return Outcome(every, tables, dropped, translations)


def _commit(box: store.Store, kept: Sequence[ReportBuild], tables: ReportTables) -> None:
    built = {
        b.report_id: store.StoredReport(b.tables, b.key, source_name(b.path))
        for b in kept
        if b.status == BUILT and b.tables is not None and b.path is not None
    }
    try:
        box.commit(
            built=built,
            kept=[b.report_id for b in kept if b.status != BUILT],
            combined=tables,
            files={"catalog.json": to_json(tables.catalog)},
        )
    except OSError as error:  # the disk filled up or went read-only while the version was written
        raise store.StoreError(
            f"{box.out}: cannot write the build ({error.strerror or error}); the previous build is kept"
        ) from None


def _kept_reports(box: store.Store, stored: Sequence[str], builds: Sequence[ReportBuild]) -> list[ReportBuild]:
    """The store's reports that this run does not touch, with their tables; one that cannot be read stops the run."""
    mine = {b.report_id for b in builds}
    kept = [ReportBuild(None, i, KEPT, box.tables(i)) for i in stored if i not in mine]
    unreadable = [b.report_id for b in kept if b.tables is None]
    if unreadable:  # never a version that silently lacks them: nothing is written
        raise store.StoreError(
            f"{box.out}: the stored tables of {', '.join(unreadable)} cannot be read; "
            "rebuild the whole folder (--input <folder of reports>); the previous build is kept"
        )
    return kept


def _in_store_order(builds: list[ReportBuild], stored: Sequence[str], single_file: bool) -> list[ReportBuild]:
    """A folder's reports in file order; a single file's report takes its place among the stored ones, or comes last."""
    if not single_file:
        return builds
    place = {report_id: i for i, report_id in enumerate(stored)}
    return sorted(builds, key=lambda b: place.get(b.report_id, len(stored)))
