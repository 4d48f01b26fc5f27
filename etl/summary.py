"""The summary a build prints: each report, its claims by kind, the indicators, suggestions and checks."""

from collections import Counter
from collections.abc import Sequence

from contract import records
from contract.schema import CHECK_STATUSES, CLAIM_KINDS, QUALIFIED_STATUSES
from etl.build import is_suggestion_id
from etl.run import FAILED, UNCHANGED, Outcome
from etl.suggest import HIGH_CONFIDENCE
from etl.tables import ReportTables
from etl.translation import Comparison

INCONSISTENT = CHECK_STATUSES[1]
# What a report's line adds, by what became of it in this run.
NOTES = {
    UNCHANGED: " (unchanged, not rebuilt)",
    FAILED: " (previous build kept)",
}


def summary_lines(outcome: Outcome) -> list[str]:
    """The lines of the summary, in the README's order: the reports of --input (a single file's run leaves the
    store's others unread, and says how many)."""
    tables = outcome.tables
    status = {b.report_id: b.status for b in outcome.builds}
    lines = [line for row in tables.reports for line in _report_lines(row, status.get(row.report_id), tables)]
    if outcome.kept:
        lines.append(f"{outcome.kept} other reports of the store kept as they are (not in --input)")
    lines += [_claims_line(tables.claims), *_indicator_lines(tables)]
    lines += _check_lines(tables.checks, outcome.translations)
    return lines + [f"{report_id}: dropped (its file is no longer in --input)" for report_id in outcome.dropped]


def _report_lines(row: records.Report, status: str | None, tables: ReportTables) -> list[str]:
    lines = [f"{row.report_id}: {row.paragraphs} paragraphs, {row.claims} claims{NOTES.get(status or '', '')}"]
    if row.flagged_paragraphs:
        flags = Counter(p.flag for p in tables.paragraphs if p.flag and p.report_id == row.report_id)
        detail = ", ".join(f"{n} {flag.replace('_', ' ')}" for flag, n in sorted(flags.items()))
        lines.append(
            f"  {row.flagged_paragraphs} paragraphs flagged ({detail}): see the `flag` column of paragraphs.parquet"
        )
    printed = [field for field in row.detected if field != "language"]
    if printed:
        lines.append(f"  detected {', '.join(_detected_parts(row))}")
    if not printed or "language" not in row.detected:
        stated = "language" not in row.detected
        lines.append(f"  language {row.language} ({'from the metadata' if stated else 'detected from the text'})")
    return lines


def _detected_parts(row: records.Report) -> list[str]:
    """What the first page gave, as a reader says it: `symbol A/HRC/23/10`, `State Luxembourg (LUX)`, `UPR …`."""
    found = set(row.detected)

    def shown(*pairs: tuple[str, str]) -> str:
        return " ".join(text for field, text in pairs if field in found)

    state = shown(("state", row.state or ""), ("state_iso3", f"({row.state_iso3})"))
    parts = [
        shown(("symbol", f"symbol {row.symbol}")),
        shown(("date_issued", f"date {row.date_issued}")),
        f"State {state}" if state else "",
        shown(("body", row.body or ""), ("document_type", row.document_type or "")),
        shown(("cycle", f"cycle {row.cycle}")),
        shown(("language", f"language {row.language}")),
    ]
    return [part for part in parts if part]


def _claims_line(claims: Sequence[records.Claim]) -> str:
    kinds = Counter(c.kind for c in claims)
    return f"claims by kind: {', '.join(f'{kind} {kinds[kind]}' for kind in CLAIM_KINDS if kinds[kind])}"


def _indicator_lines(tables: ReportTables) -> list[str]:
    suggested = [o for o in tables.observations if is_suggestion_id(o.indicator_id, o.report_id)]
    curated = [o.indicator_id for o in tables.observations if not is_suggestion_id(o.indicator_id, o.report_id)]
    confidence = {s.suggestion_id: s.confidence for s in tables.suggestions}
    high = sum(c >= HIGH_CONFIDENCE for c in confidence.values())
    return [
        f"indicators: {len(set(curated))} tables, {len(curated)} observations",
        (
            f"suggestions: {len(confidence)} tables found in the claims ({high} high confidence), "
            f"{len({o.indicator_id for o in suggested})} uncharted ones shown as suggested indicators"
        ),
    ]


def _check_lines(checks: Sequence[records.Check], translations: Sequence[Comparison]) -> list[str]:
    inconsistent = [c for c in checks if c.status == INCONSISTENT]
    qualified = [c for c in checks if c.status in QUALIFIED_STATUSES]
    plain = len(checks) - len(inconsistent) - len(qualified)
    counts = f"{plain} consistent, {len(qualified)} consistent once something the text does not say is allowed"
    lines = [f"checks: {len(checks)} run, {counts}, {len(inconsistent)} inconsistent"]
    lines += [
        f"  translation {c.symbol}: {c.version} ({c.languages[1]}) against {c.reference} ({c.languages[0]}), "
        f"{c.paragraphs} paragraphs compared, {len(c.checks)} disagree"
        for c in translations
    ]
    lines += [
        f"  {c.status} {c.check_id} (par. {', '.join(map(str, c.paragraphs))}): {c.explanation}" for c in qualified
    ]
    for c in inconsistent:
        where = f"{c.check_id} (par. {', '.join(map(str, c.paragraphs))})"
        if c.kind == "translation":
            lines.append(f"  disagrees {where}: {c.detail}")
        elif c.expected is None and c.explanation and c.kind != "trend":
            lines.append(f"  inconsistent {where}: {c.explanation}")
        else:
            lines.append(
                f"  inconsistent {where}: expected {_number(c.expected)}, computed {_number(c.computed)} — {c.detail}"
            )
    return lines


def _number(value: float | None) -> str:
    if value is None:
        return "a change in the stated direction"
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")
