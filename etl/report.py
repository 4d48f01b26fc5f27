"""Building one report: a pure function of its file's bytes, its metadata, the definitions and the code.

`derive` is its second half, the only one the definitions touch: it re-applies changed definitions
to a stored report's paragraphs and claims.

`build_one` reads the text out of the bytes, picks the language, reads paragraphs and claims, applies
the definitions, finds the suggestions, checks every span before anything is written, and returns
the report's typed tables. It holds no state, prints nothing and touches no file, so reports can be
built side by side (a process pool, a cluster) and their tables combined after.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from contract import records
from contract.schema import CHECK_STATUSES, CLAIM_KINDS
from etl.build import Published, ReportRecords, build_indicators, build_report, build_suggestions
from etl.catalog import catalog_entries, suggested_entries
from etl.claims import ClaimLimitError
from etl.definitions import Definitions
from etl.document import Identity, detect, first_page_of, identity
from etl.drafts import DIMENSION as SUGGESTED_DIMENSION
from etl.lang import UnsupportedLanguageError
from etl.lang.detect import ReportLanguage, report_language
from etl.metadata import Metadata, as_json
from etl.pdf_layout import notes_called
from etl.repeats import repeated_figures
from etl.segment import SegmentationError
from etl.sources import SourceError, report_text
from etl.tables import ReportTables


class ReportError(Exception):
    """A report that cannot be built from its file; the message names the file and what to do."""


@dataclass(frozen=True)
class ReportSource:
    """One report as read from --input: its file (as named on the command line), bytes and metadata."""

    path: str
    data: bytes
    metadata: Metadata
    report_id: str


@dataclass(frozen=True)
class BuiltReport:
    """A report's tables, the suggestions it publishes (for the catalogue), and what the build warns about."""

    tables: ReportTables
    published: Published
    warnings: tuple[str, ...] = ()


def build_one(source: ReportSource, definitions: Definitions, built_at: str) -> BuiltReport:
    """A report's paragraphs, claims, observations, checks, suggestions and its row in the reports' list.

    Raises ReportError for a file that is not a report's text (one line naming it), DefinitionError
    for a definition that no longer finds its number.
    """
    # Load inputs.
    path = source.path
    try:
        read = report_text(source.data, PurePath(path).suffix)
        language = report_language(source.metadata.language, read.text)
    except (SourceError, UnsupportedLanguageError) as error:
        raise ReportError(f"{path}: {error}") from None
    document = identity(as_json(source.metadata), detect(read.first_page or first_page_of(read.text)))
    # Process data.
    try:
        report = build_report(read.text, source.report_id, language.code)
    except SegmentationError as error:
        raise ReportError(f"{path}: {error}; check that this is the text of a report") from None
    except ClaimLimitError as error:
        raise ReportError(f"{path}: {error}") from None
    _check_spans(report, read.text)
    if read.notes:  # a PDF's footnotes, out of the text, go with the paragraphs that call them
        paragraphs = tuple(replace(p, notes=notes_called(p.text, read.notes)) for p in report.paragraphs)
        report = replace(report, paragraphs=paragraphs)
    built = derive(report, _report_row(source, report, language, built_at, document), definitions)
    return replace(built, warnings=(*read.warnings, *language.warnings, *document.warnings))


def derive(report: ReportRecords, row: records.Report, definitions: Definitions) -> BuiltReport:
    """What the definitions make of a report's paragraphs and claims: observations, checks, suggestions, catalogue.

    The part of a build that depends on the definitions: a definition change runs only this, on the
    paragraphs and claims of the store, without reading the report's file again.
    """
    indicators = build_indicators(definitions, report, row.report_id, row.symbol, row)
    suggested = build_suggestions(report, indicators.observations, row.report_id)
    observations = (*indicators.observations, *suggested.observations)
    checks = (*indicators.checks, *suggested.checks, *repeated_figures(report.claims, row.report_id))
    _check_quotes(observations, report)
    _check_statuses(checks)
    catalog = (
        *catalog_entries(definitions, observations, checks),
        *suggested_entries(suggested.published, observations, checks),
    )
    tables = ReportTables(
        paragraphs=report.paragraphs,
        items=report.items,
        claims=report.claims,
        observations=observations,
        checks=checks,
        reports=(row,),
        suggestions=tuple(suggested.rows),
        catalog=catalog,
        dimensions=tuple(dict.fromkeys([*definitions.dimensions(), SUGGESTED_DIMENSION])),
    )
    return BuiltReport(tables, suggested.published)


def _report_row(
    source: ReportSource, report: ReportRecords, language: ReportLanguage, built_at: str, document: Identity
) -> records.Report:
    """The report's row: its file, counts and identity; `detected` names what its first page (or text) gave."""
    flagged = Counter(p.flag for p in report.paragraphs if p.flag)
    given = as_json(source.metadata)
    printed = {name: document.values[name] for name in document.detected}
    values = document.values
    return records.Report(
        report_id=source.report_id,
        source_file=PurePath(source.path).name,
        sha256=hashlib.sha256(source.data).hexdigest(),
        metadata_json=json.dumps({**given, **printed}, ensure_ascii=False),
        symbol=values.get("symbol"),
        language=language.code,
        paragraphs=len(report.paragraphs),
        claims=len(report.claims),
        flagged_paragraphs=sum(flagged.values()),
        built_at=built_at,
        body=values.get("body"),
        document_type=values.get("document_type"),
        state=values.get("state"),
        state_iso3=values.get("state_iso3"),
        date_issued=values.get("date_issued"),
        cycle=values.get("cycle"),
        period_covered=values.get("period_covered"),
        detected=(*document.detected, *(("language",) if language.detected else ())),
    )


# Save outputs: provenance holds before anything is written.


def _check_spans(report: ReportRecords, text: str) -> None:
    """Every span is where it says it is."""
    texts: dict[int, list[str]] = {}
    for p in report.paragraphs:
        assert text[p.char_start : p.char_end] == p.text, f"paragraph {p.paragraph} offsets"
        texts.setdefault(p.paragraph, []).append(p.text)
    for i in report.items:
        assert any(0 <= i.start <= i.end <= len(t) for t in texts[i.paragraph]), f"item {i.paragraph} {i.item} offsets"
    for c in report.claims:
        assert any(t[c.start : c.end] == c.text for t in texts[c.paragraph]), f"claim {c.claim_id} offsets"
        assert c.kind in CLAIM_KINDS, f"claim {c.claim_id} kind {c.kind}"


def _check_quotes(observations: Sequence[records.Observation], report: ReportRecords) -> None:
    """Every quote is a verbatim piece of its paragraph and holds the number as written."""
    texts: dict[int, list[str]] = {}
    for p in report.paragraphs:
        texts.setdefault(p.paragraph, []).append(p.text)
    for o in observations:
        assert o.text in o.quote, f"{o.indicator_id}: quote of {o.claim_id} misses the number"
        assert any(o.quote in t for t in texts[o.paragraph]), f"{o.indicator_id}: quote of {o.claim_id}"


def _check_statuses(checks: Sequence[records.Check]) -> None:
    """Every verdict is one the contract names."""
    for c in checks:
        assert c.status in CHECK_STATUSES, f"check {c.check_id} status {c.status}"
