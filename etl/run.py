"""A build run: each report of --input built on its own, then combined and committed as one version of the store.

Each report is kept with the key it was built from (its file, its metadata, the definitions, the
code): an unchanged report is not rebuilt, and a report that fails keeps its previous tables
while the others are built (etl/report.py builds one, purely; etl/pool.py maps the builds over
this process, a pool of processes or a Dask cluster, with the same result). The reports' tables and the
combined tables are then committed together through etl/store.py, under its lock. Nothing
here prints: the command line (etl/cli.py) says what became of each report.
"""

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from contract import records
from etl import store
from etl.build import Published, ReportRecords
from etl.definitions import DefinitionError, Definitions
from etl.inputs import InputError, load_metadata, read_input, report_id_of, report_key
from etl.metadata import MetadataError
from etl.pool import Mapper
from etl.report import BuiltReport, ReportError, ReportSource, build_one, derive
from etl.sources import MAX_REPORT_BYTES
from etl.tables import ReportTables, combined, with_checks
from etl.translation import Comparison, compare_translations

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"


@dataclass
class ReportBuild:
    """What became of one report in this run: built, unchanged, failed (with why), or kept from the store."""

    path: Path | None
    report_id: str
    status: str  # BUILT | UNCHANGED | FAILED
    tables: ReportTables | None = None
    key: str = ""
    message: str = ""
    warnings: tuple[str, ...] = ()
    published: Published | None = None  # the suggestions it publishes, when built in this run
    derived_with: str = ""  # the definitions' fingerprint, when built or derived again in this run


@dataclass(frozen=True)
class Outcome:
    """A run that built something: every report's fate, their tables combined, what was dropped, the translations."""

    builds: list[ReportBuild]
    tables: ReportTables
    dropped: list[str] = field(default_factory=list)
    translations: list[Comparison] = field(default_factory=list)  # those made again in this run
    kept: int = 0  # the store's reports not in --input, kept as they are (a single file's run)

    @property
    def failed(self) -> bool:
        return any(b.status == FAILED for b in self.builds)


def build_reports(
    box: store.Store,
    sources: Sequence[Path],
    definitions: Definitions,
    context: str,
    built_at: str,
    pool: Mapper | None = None,
    definitions_key: str = "",
) -> list[ReportBuild]:
    """Each report on its own, so one bad report does not stop the others; two claiming one report_id both fail.

    Inputs are read and keys compared here (`context`: the code's fingerprint; `definitions_key`: the
    definitions'); the reports to build are mapped over `pool` (this process when none), each a pure
    function of its source, the definitions and `built_at`. A report whose file and code are unchanged
    but whose definitions changed is derived again from its stored claims: its file is not read again.
    """
    prepared = [_prepare(path, context, definitions_key, box) for path in sources]
    pending = [p for p in prepared if isinstance(p, _Pending)]
    tasks = [_Task(p.source, definitions, built_at, p.stored) for p in pending]
    results = (pool or Mapper()).map(_build_task, tasks, _lost)
    done = dict(zip((id(p) for p in pending), results, strict=True))
    builds = [p if isinstance(p, ReportBuild) else _finished(p, done[id(p)], box, definitions_key) for p in prepared]
    counts = Counter(b.report_id for b in builds if b.report_id)
    return [_refused(b) if b.report_id and counts[b.report_id] > 1 else b for b in builds]


@dataclass(frozen=True)
class _Pending:
    """A report whose inputs were read and whose key changed: to be built."""

    path: Path
    source: ReportSource
    key: str
    stored: ReportTables | None = None  # its stored tables, when only the definitions changed


@dataclass(frozen=True)
class _Task:
    """What a worker needs to build one report (sent to another process or machine, so picklable)."""

    source: ReportSource
    definitions: Definitions
    built_at: str
    stored: ReportTables | None = None  # derive these again rather than build the source


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


def _prepare(path: Path, context: str, definitions_key: str, box: store.Store) -> ReportBuild | _Pending:
    """A report's inputs read and its key compared with the store's: unchanged, failed, or to be built."""
    report_id = None
    try:
        data = read_input(path, MAX_REPORT_BYTES, "report file")
        metadata, sidecar = load_metadata(path)
        report_id = report_id_of(path, metadata)
        key = report_key(data, sidecar, context)
        if box.key(report_id) == key and (stored := box.tables(report_id)):
            if box.derived_with(report_id) == definitions_key:
                return ReportBuild(path, report_id, UNCHANGED, stored, key)
            return _Pending(path, ReportSource(str(path), b"", metadata, report_id), key, stored)
        return _Pending(path, ReportSource(str(path), data, metadata, report_id), key)
    except Exception as error:  # noqa: BLE001 each failure is one line naming the file (see _failure_line)
        return _failed(path, report_id, _failure_line(path, error), box)


def _build_task(task: _Task) -> BuiltReport | str:
    """One report's build, in whatever process runs it; a failure comes back as its one line."""
    try:
        if task.stored is not None:
            [row] = task.stored.reports
            report = ReportRecords(task.stored.paragraphs, task.stored.claims, row.language, task.stored.items)
            return derive(report, row, task.definitions)
        return build_one(task.source, task.definitions, task.built_at)
    except Exception as error:  # noqa: BLE001 an input no rule foresaw: this report fails with one line, the others are built
        return _failure_line(Path(task.source.path), error)


def _lost(task: _Task, error: BaseException) -> str:
    """The process or machine building a report died (killed, out of memory) before it answered."""
    reason = (str(error).splitlines() or [""])[0][:200]
    return (
        f"{task.source.path}: could not be built: its worker died ({type(error).__name__}"
        f"{': ' + reason if reason else ''}); build it alone (--input {task.source.path} --jobs 1) to see why"
    )


def _failure_line(path: Path, error: Exception) -> str:
    if isinstance(
        error, InputError | MetadataError | ReportError
    ):  # their lines name their own file: report or sidecar
        return str(error)
    if isinstance(error, DefinitionError | OSError):
        return f"{path}: {error}"
    first = (str(error).splitlines() or [""])[0][:200]
    return (
        f"{path}: could not be built ({type(error).__name__}{': ' + first if first else ''}); please report this file"
    )


def _finished(pending: _Pending, result: BuiltReport | str, box: store.Store, definitions_key: str) -> ReportBuild:
    if isinstance(result, str):
        return _failed(pending.path, pending.source.report_id, result, box)
    return ReportBuild(
        pending.path,
        pending.source.report_id,
        BUILT,
        result.tables,
        pending.key,
        warnings=result.warnings,
        published=result.published,
        derived_with=definitions_key,
    )


def _failed(path: Path, report_id: str | None, message: str, box: store.Store) -> ReportBuild:
    """A report that failed keeps its previous tables, found by its report_id or, failing that, its file."""
    previous = report_id or box.built_from(source_name(path))
    return ReportBuild(path, previous or "", FAILED, box.tables(previous) if previous else None, message=message)


def source_name(path: Path) -> str:
    """How the store remembers the file a report was built from."""
    return os.path.abspath(path)


def commit_builds(
    box: store.Store, builds: Sequence[ReportBuild], definitions: Definitions, single_file: bool
) -> Outcome | None:
    """Commit a new version if anything changed, writing only what the changed reports touch; None when nothing
    could be built. A single file's run leaves the store's other reports as they are, unread."""
    stored = box.report_ids()
    present = [b for b in builds if b.tables is not None]
    ids = [b.report_id for b in present]
    if single_file:  # one file given: the store's other reports stay, in their place; a new one comes last
        ids = [*stored, *(i for i in ids if i not in stored)]
    if not ids:
        return None
    dropped = [] if single_file else [i for i in stored if i not in ids]
    changed = {b.report_id for b in present if b.status == BUILT}
    translations: list[Comparison] = []
    if changed or stored != ids:
        rows, translations = _changed_rows(box, present, ids, changed, dropped)
        _commit(box, present, ids, rows)
    return _outcome(builds, present, ids, dropped, translations)


def _outcome(
    builds: Sequence[ReportBuild],
    present: Sequence[ReportBuild],
    ids: Sequence[str],
    dropped: list[str],
    translations: list[Comparison],
) -> Outcome:
    """What the summary says: this run's reports, their tables with their translation checks made again."""
    mine = {b.report_id for b in present}
    run = combined([b.tables for b in present if b.tables is not None])
    run = with_checks(run, [c for t in translations for c in t.checks if c.report_id in mine])
    return Outcome(list(builds), run, dropped, translations, kept=len(set(ids) - {b.report_id for b in builds}))


def _changed_rows(
    box: store.Store, present: Sequence[ReportBuild], ids: Sequence[str], changed: set[str], dropped: Sequence[str]
) -> tuple[dict[str, ReportTables], list[Comparison]]:
    """The combined rows of every report they change: the changed reports, and the reports sharing a symbol with
    one changed or dropped (their translation checks are made again; every report's when the store has no shards)."""
    in_run = {b.report_id: b.tables for b in present if b.tables is not None}
    touched = _touched(box, in_run, ids, changed, dropped) if box.sharded else list(ids)
    tables = {i: in_run[i] if i in in_run else box.tables(i) for i in touched}
    unreadable = [i for i, t in tables.items() if t is None]
    if unreadable:  # never a version that silently lacks them: nothing is written
        raise store.StoreError(
            f"{box.out}: the stored tables of {', '.join(unreadable)} cannot be read; "
            "rebuild the whole folder (--input <folder of reports>); the previous build is kept"
        )
    together = combined([t for t in tables.values() if t is not None])
    # Reports sharing a symbol are versions of one document: their statistics must agree.
    translations = compare_translations(together.reports, together.paragraphs, together.claims)
    checks: dict[str, list[records.Check]] = {}
    for c in (row for t in translations for row in t.checks):
        checks.setdefault(c.report_id, []).append(c)
    rows = {i: with_checks(t, checks.get(i, [])) for i, t in tables.items() if t is not None}
    return rows, translations


def _touched(
    box: store.Store, in_run: dict[str, ReportTables], ids: Sequence[str], changed: set[str], dropped: Sequence[str]
) -> list[str]:
    """The changed reports, and those sharing a symbol (old or new) with a changed or dropped one."""
    symbol = {i: _symbol_of(in_run[i]) if i in in_run else box.symbol(i) for i in ids}
    stored = set(box.report_ids())
    groups = {symbol[i] for i in changed} | {box.symbol(i) for i in (*changed, *dropped) if i in stored}
    return [i for i in ids if i in changed or (symbol[i] is not None and symbol[i] in groups)]


def _symbol_of(tables: ReportTables) -> str | None:
    return tables.reports[0].symbol if tables.reports else None


def _commit(
    box: store.Store, present: Sequence[ReportBuild], ids: Sequence[str], rows: dict[str, ReportTables]
) -> None:
    built = {
        b.report_id: store.StoredReport(b.tables, b.key, source_name(b.path), b.derived_with)
        for b in present
        if b.status == BUILT and b.tables is not None and b.path is not None
    }
    try:
        box.commit(store.Commit(reports=ids, built=built, rows=rows))
    except OSError as error:  # the disk filled up or went read-only while the version was written
        raise store.StoreError(
            f"{box.out}: cannot write the build ({error.strerror or error}); the previous build is kept"
        ) from None
