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
import re
from collections import defaultdict
from dataclasses import dataclass, field

from contract.schema import STATISTIC_KINDS, columns
from etl.lang import LANGUAGES
from etl.numbers import digits_pattern

CHECK_COLUMNS = columns("checks")


@dataclass
class Comparison:
    """One version of a document compared with its reference, paragraph by paragraph."""

    symbol: str
    reference: str  # report_id
    version: str
    languages: tuple[str, str]  # (reference's, version's)
    paragraphs: int = 0  # compared: present in both
    checks: list[dict] = field(default_factory=list)  # one row per paragraph that disagrees


def compare_translations(reports: list[dict], paragraphs: list[dict], claims: list[dict]) -> list[Comparison]:
    """Every version of every symbol held by two reports or more, compared with its reference."""
    present = defaultdict(set)
    for p in paragraphs:
        present[p["report_id"]].add(p["paragraph"])
    statistics = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c["kind"] in STATISTIC_KINDS:
            statistics[c["report_id"]][c["paragraph"]].append(c)
    by_symbol = defaultdict(list)
    for r in reports:
        if r.get("symbol"):
            by_symbol[r["symbol"]].append(r)
    comparisons = []
    for symbol, versions in sorted(by_symbol.items()):
        if len(versions) < 2:
            continue
        reference, *others = sorted(versions, key=lambda r: (-len(present[r["report_id"]]), r["report_id"]))
        comparisons += [_compare(symbol, reference, version, present, statistics) for version in others]
    return comparisons


def _compare(symbol, reference, version, present, statistics) -> Comparison:
    a, b = reference["report_id"], version["report_id"]
    comparison = Comparison(symbol, a, b, (_language(reference), _language(version)))
    shared = sorted(present[a] & present[b])
    comparison.paragraphs = len(shared)
    for n in shared:
        left, right = unmatched(statistics[a][n], statistics[b][n], *comparison.languages)
        if left or right:
            comparison.checks.append(disagreement(comparison, n, left, right))
    return comparison


def _language(report: dict) -> str:
    return report.get("language") or "fr"


def unmatched(left: list[dict], right: list[dict], lang_left: str, lang_right: str) -> tuple[list[dict], list[dict]]:
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


def agree(a: dict, b: dict, lang_a: str, lang_b: str) -> bool:
    """Same kind, unit and period, and values whose rounding intervals meet."""
    if (a["kind"], a["unit"], a["period"]) != (b["kind"], b["unit"], b["period"]):
        return False
    return abs(a["value"] - b["value"]) <= rounding(a, lang_a) + rounding(b, lang_b) + 1e-9 * max(abs(a["value"]), 1)


def rounding(claim: dict, lang: str) -> float:
    """Half the unit of the last digit written: "20,3 millions" -> 50 000; a count written in full -> 0."""
    lang = lang if lang in LANGUAGES else "fr"
    digits = re.search(digits_pattern(lang), claim["text"])
    if not digits:
        return 0.5 if claim["unit"] == "%" else 0.0  # "Quatre-vingt-dix pour cent" is a rounded share
    decimals = re.split(f"[{re.escape(LANGUAGES[lang].DECIMAL_MARKS)}]", digits.group())
    places = len(decimals[1]) if len(decimals) > 1 else 0
    shown = float(re.sub(r"\D", "", decimals[0]) or 0) + (float(f"0.{decimals[1]}") if places else 0.0)
    scale = abs(claim["value"]) / shown if shown else 1.0
    if places:
        return 0.5 * 10.0**-places * scale
    if claim["unit"] == "%" or scale > 1.5:
        return 0.5 * scale  # "39 %" and "30 milliards" are rounded to their last digit
    return 0.0  # a count written in full ("3 484 139") is exact


def disagreement(comparison: Comparison, paragraph: int, left: list[dict], right: list[dict]) -> dict:
    """The checks.parquet row of a paragraph whose statistics differ between two versions."""
    lang_a, lang_b = comparison.languages
    first_a, first_b = (left or [None])[0], (right or [None])[0]
    detail_en = "; ".join(
        [f"{lang_a} {_said(c)} has no match in {lang_b}" for c in left]
        + [f"{lang_b} {_said(c)} has no match in {lang_a}" for c in right]
    )
    detail_fr = " ; ".join(
        [f"{lang_a} {_said(c)} sans équivalent en {lang_b}" for c in left]
        + [f"{lang_b} {_said(c)} sans équivalent en {lang_a}" for c in right]
    )
    row = {
        "check_id": f"translation_{comparison.version}_p{paragraph}",
        "report_id": comparison.version,
        "kind": "translation",
        "paragraphs": [paragraph],
        "indicator_ids": [],
        "description": (
            f"Paragraph {paragraph} states the same statistics in {comparison.version} ({lang_b}) "
            f"as in {comparison.reference} ({lang_a})"
        ),
        "description_fr": (
            f"Le paragraphe {paragraph} donne les mêmes statistiques dans {comparison.version} "
            f"({lang_b}) que dans {comparison.reference} ({lang_a})"
        ),
        "expected": _value(first_a),
        "computed": _value(first_b),
        "tolerance": None,
        "status": "inconsistent",
        "detail": detail_en,
        "detail_fr": detail_fr,
    }
    return {column: row.get(column) for column in CHECK_COLUMNS}


def _said(claim: dict) -> str:
    """'“46” (count, 2022)': the number as written, its kind and period."""
    period = claim["period"] or "no period"
    return f"“{claim['text']}” ({claim['kind']}, {period})"


def _value(claim: dict | None) -> float | None:
    return None if claim is None or math.isnan(claim["value"]) else float(claim["value"])
