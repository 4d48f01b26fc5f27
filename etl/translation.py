"""Reports that share a UN symbol are versions of one document: their statistics must agree.

UN documents keep their paragraph numbers in every language, so each paragraph of a version
is compared with the same paragraph of the reference version (the one with the most
paragraphs, then the first by report_id): the statistics read in each must pair up one to one
with the same kind, unit and period and values that round to each other ("20,3 millions"
stands for [20.25, 20.35] million and agrees with "20,300,000"). Qualifiers are not compared:
translators word them differently ("quelque", "about"). Each paragraph that disagrees is a row
of checks.parquet with kind `translation`, held by the version (not the reference).
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from contract import records
from contract.schema import CHECK_STATUSES, STATISTIC_KINDS
from etl.rounding import rounding_half

INCONSISTENT = CHECK_STATUSES[1]
# report_id -> paragraph number -> the statistics read in it
_Statistics = dict[str, dict[int, list[records.Claim]]]


@dataclass
class Comparison:
    """One version of a document compared with its reference, paragraph by paragraph."""

    symbol: str
    reference: str  # report_id
    version: str
    languages: tuple[str, str]  # (reference's, version's)
    paragraphs: int = 0  # compared: present in both
    checks: list[records.Check] = field(default_factory=list)  # one row per paragraph that disagrees


def compare_translations(
    reports: Sequence[records.Report], paragraphs: Iterable[records.Paragraph], claims: Iterable[records.Claim]
) -> list[Comparison]:
    """Every version of every symbol held by two reports or more, compared with its reference."""
    present: dict[str, set[int]] = defaultdict(set)
    for p in paragraphs:
        present[p.report_id].add(p.paragraph)
    statistics: _Statistics = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c.kind in STATISTIC_KINDS:
            statistics[c.report_id][c.paragraph].append(c)
    by_symbol: dict[str, list[records.Report]] = defaultdict(list)
    for r in reports:
        if r.symbol:
            by_symbol[r.symbol].append(r)
    comparisons = []
    for symbol, versions in sorted(by_symbol.items()):
        if len(versions) < 2:
            continue
        reference, *others = sorted(versions, key=lambda r: (-len(present[r.report_id]), r.report_id))
        comparisons += [_compare(symbol, reference, version, present, statistics) for version in others]
    return comparisons


def _compare(
    symbol: str,
    reference: records.Report,
    version: records.Report,
    present: dict[str, set[int]],
    statistics: _Statistics,
) -> Comparison:
    a, b = reference.report_id, version.report_id
    comparison = Comparison(symbol, a, b, (reference.language, version.language))
    shared = sorted(present[a] & present[b])
    comparison.paragraphs = len(shared)
    for n in shared:
        left, right = unmatched(statistics[a][n], statistics[b][n], *comparison.languages)
        if left or right:
            comparison.checks.append(disagreement(comparison, n, left, right))
    return comparison


def unmatched(
    left: Sequence[records.Claim], right: Sequence[records.Claim], lang_left: str, lang_right: str
) -> tuple[list[records.Claim], list[records.Claim]]:
    """The statistics of each side that find no partner on the other: same kind, unit, period, value."""
    rest = list(right)
    alone = []
    for claim in left:
        partner = next((other for other in rest if agree(claim, other, lang_left, lang_right)), None)
        if partner is None:
            alone.append(claim)
        else:
            rest.remove(partner)
    return alone, rest


def agree(a: records.Claim, b: records.Claim, lang_a: str, lang_b: str) -> bool:
    """Same kind, unit and period, and values whose rounding intervals meet."""
    if (a.kind, a.unit, a.period) != (b.kind, b.unit, b.period):
        return False
    return abs(a.value - b.value) <= rounding(a, lang_a) + rounding(b, lang_b) + 1e-9 * max(abs(a.value), 1)


def rounding(claim: records.Claim, lang: str) -> float:
    """Half the unit of the last digit written: "20,3 millions" -> 50 000; a count written in full -> 0.

    Qualifiers are not compared (translators word them differently), so neither widens the interval.
    """
    return rounding_half(claim.value, claim.text, claim.unit, lang)


def disagreement(
    comparison: Comparison, paragraph: int, left: Sequence[records.Claim], right: Sequence[records.Claim]
) -> records.Check:
    """The checks.parquet row of a paragraph whose statistics differ between two versions."""
    lang_a, lang_b = comparison.languages
    detail_en = "; ".join(
        [f"{lang_a} {_said(c)} has no match in {lang_b}" for c in left]
        + [f"{lang_b} {_said(c)} has no match in {lang_a}" for c in right]
    )
    detail_fr = " ; ".join(
        [f"{lang_a} {_said(c)} sans équivalent en {lang_b}" for c in left]
        + [f"{lang_b} {_said(c)} sans équivalent en {lang_a}" for c in right]
    )
    return records.Check(
        check_id=f"translation_{comparison.version}_p{paragraph}",
        report_id=comparison.version,
        kind="translation",
        paragraphs=(paragraph,),
        indicator_ids=(),
        description=(
            f"Paragraph {paragraph} states the same statistics in {comparison.version} ({lang_b}) "
            f"as in {comparison.reference} ({lang_a})"
        ),
        description_fr=(
            f"Le paragraphe {paragraph} donne les mêmes statistiques dans {comparison.version} "
            f"({lang_b}) que dans {comparison.reference} ({lang_a})"
        ),
        expected=_value(left[0] if left else None),
        computed=_value(right[0] if right else None),
        tolerance=None,
        status=INCONSISTENT,
        detail=detail_en,
        detail_fr=detail_fr,
    )


def _said(claim: records.Claim) -> str:
    """'“46” (count, 2022)': the number as written, its kind and period."""
    period = claim.period or "no period"
    return f"“{claim.text}” ({claim.kind}, {period})"


def _value(claim: records.Claim | None) -> float | None:
    return None if claim is None or math.isnan(claim.value) else float(claim.value)
