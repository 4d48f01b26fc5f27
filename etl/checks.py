"""The report's own arithmetic, recomputed: sums, shares, growth rates and trend statements.

A number written "20,3 millions" stands for anything that rounds to it, [20.25, 20.35)
million, and "plus de 7 000" for anything above 7 000. Each stated number becomes such an
interval; a check is `inconsistent` only when no values inside the intervals of its operands
satisfy it. The status is always computed, never declared.
"""

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from contract import records
from contract.schema import CHECK_STATUSES
from etl.check_words import DETAILS, EXPLANATIONS
from etl.definition_models import CheckDefinition, IndicatorOperand, Selector, applies_to
from etl.indicators import DefinitionError, pick_claim
from etl.rounding import rounding_half

CONSISTENT, INCONSISTENT, IF_TRUNCATED, IF_BASE_ROUNDED, BASE_ASSUMED = CHECK_STATUSES


@dataclass(frozen=True)
class Stated:
    """A number as the report states it, with the interval of values it stands for."""

    value: float
    low: float
    high: float
    paragraph: int
    label: str  # dimension values, to pair shares with counts and to name the pair
    indicator_id: str | None
    text: str = ""  # as written in the report
    claim_id: str | None = None

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def stated_interval(value: float, text: str, qualifier: str, unit: str | None, lang: str) -> tuple[float, float]:
    """The values a written number stands for, given how precisely and with what qualifier it is written."""
    half = rounding_half(value, text, unit, lang, approx=qualifier == "approx")
    if qualifier in ("more_than", "at_least"):
        return value - half, math.inf
    if qualifier in ("less_than", "at_most"):
        return min(0.0, value - half), value + half
    return value - half, value + half


@dataclass(frozen=True)
class _Report:
    """What a check reads of the report: its claims, paragraphs, language, and the observations built."""

    report_id: str
    lang: str
    observations: Sequence[records.Observation]
    claims: Sequence[records.Claim]
    paragraph_texts: Mapping[int, str]


def run_checks(
    checks: Sequence[CheckDefinition],
    observations: Sequence[records.Observation],
    claims: Sequence[records.Claim],
    paragraph_texts: Mapping[int, str],
    report_id: str,
    symbol: str | None = None,
    labels_en: Mapping[str, Mapping[str, str]] | None = None,
    *,
    lang: str,
) -> list[records.Check]:
    """One row per check (or per pair, for paired shares) defined for this report (or its document symbol).

    `labels_en` ({indicator_id: {French label: English}}) names a pair in the English description;
    `lang` is the report's language, in whose marks its numbers are written.
    """
    report = _Report(report_id, lang, observations, claims, paragraph_texts)
    rows = []
    for check in checks:
        if not applies_to(check, report_id, symbol):
            continue
        where = f"{check.source}, check {check.check_id}"
        operands = {
            name: _resolve(operand, check.pair_by, report, f"{where}, `{name}`")
            for name, operand in check.operands().items()
        }
        rows += [
            _in_english(row, check, labels_en or {}) for row in _CHECKERS[check.kind](check, operands, report_id, where)
        ]
    ids = [r.check_id for r in rows]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise DefinitionError(f"check ids computed twice: {', '.join(twice)}; give the paired labels distinct values")
    return rows


def _resolve(operand: IndicatorOperand | Selector, pair_by: str | None, report: _Report, where: str) -> list[Stated]:
    """The stated numbers an operand names: observations of an indicator, or one claim of a paragraph."""
    if isinstance(operand, IndicatorOperand):
        filters = operand.filters
        found = [
            o
            for o in report.observations
            if o.indicator_id == operand.indicator
            and all(str(_label(o, key)) in wanted for key, wanted in filters.items())
        ]
        if not found:
            shown = dict(operand.model_extra or {})
            raise DefinitionError(f"{where}: no observation of indicator {operand.indicator!r} matches {shown}")
        found.sort(key=lambda o: o.position)
        return [
            _stated(o, (o.dimensions.get(pair_by) or "") if pair_by else "", o.indicator_id, report.lang) for o in found
        ]
    paragraph_claims = [c for c in report.claims if c.paragraph == operand.paragraph]
    claim = pick_claim(operand, paragraph_claims, report.paragraph_texts.get(operand.paragraph), where)
    return [_stated(claim, "", None, report.lang)]


def _label(observation: records.Observation, key: str) -> str | None:
    """An observation's period, or its label in a dimension."""
    return observation.period if key == "period" else observation.dimensions.get(key)


def _stated(row: records.Observation | records.Claim, label: str, indicator_id: str | None, lang: str) -> Stated:
    low, high = stated_interval(row.value, row.text, row.qualifier, row.unit, lang)
    return Stated(row.value, low, high, row.paragraph, label, indicator_id, row.text, row.claim_id)


Operands = Mapping[str, list[Stated]]


def _check_sum(check: CheckDefinition, operands: Operands, report_id: str, where: str) -> list[records.Check]:
    parts, total = operands["parts"], _one(operands["total"], where, "total")
    computed = sum(p.value for p in parts)
    low, high = sum(p.low for p in parts), sum(p.high for p in parts)
    if check.complete:
        holds = _overlap(low, high, total.low, total.high)
    else:  # a breakdown "dont … et autres": the parts may not exceed the total
        holds = low <= total.high
    template = "sum" if check.complete else "sum_partial"
    detail = {
        lang: DETAILS[lang][template].format(
            parts=" + ".join(_fmt(p.value, lang) for p in parts)
            + (f" = {_fmt(computed, lang)}" if len(parts) > 1 else ""),
            total=_stated_text(total, lang),
        )
        for lang in DETAILS
    }
    verdict = _plain(
        holds, template, lambda lang: {"computed": _fmt(computed, lang), "total": _stated_text(total, lang)}
    )
    tolerance = _tolerance([*parts, total])
    return [_row(check, report_id, [*parts, total], total.value, computed, tolerance, verdict, detail, about=total)]


def _check_share(check: CheckDefinition, operands: Operands, report_id: str, where: str) -> list[records.Check]:
    whole = _one(operands["whole"], where, "whole")
    rows = []
    _nonzero(whole, where, "whole")
    for share, part in _pairs(operands["share"], operands["part"], where):
        computed = part.value / whole.value * 100
        low, high = part.low / whole.high * 100, (part.high / whole.low * 100 if whole.low > 0 else math.inf)
        detail = {
            lang: DETAILS[lang]["share"].format(
                part=_fmt(part.value, lang),
                whole=_fmt(whole.value, lang),
                computed=_fmt(computed, lang),
                share=_stated_text(share, lang),
            )
            for lang in DETAILS
        }
        suffix = f"[{share.label}]" if share.label else ""
        tolerance = _share_tolerance(share, low, high)
        verdict = _share_verdict(share, part, whole, computed, (low, high))
        rows.append(
            _row(
                check,
                report_id,
                [share, part, whole],
                share.value,
                computed,
                tolerance,
                verdict,
                detail,
                suffix,
                about=share,
            )
        )
    return rows


def _share_verdict(
    share: Stated, part: Stated, whole: Stated, computed: float, interval: tuple[float, float]
) -> "_Verdict":
    """Consistent as written; or once the base's own rounding, or a truncation, is allowed; or not at all.

    A base the share's paragraph does not state (taken from another paragraph) is said, whatever the verdict.
    """
    as_written = (part.low / whole.value * 100, part.high / whole.value * 100)
    step = 2 * share.half_width
    truncated = (share.value, share.value + step) if 0 < step < math.inf else None

    def values(lang: str) -> dict[str, str]:
        rounded = _fmt(round(computed, _decimals(step)), lang, _decimals(step)) + " %" if truncated else ""
        return {
            "share": _stated_text(share, lang),
            "part": _stated_text(part, lang),
            "whole": _stated_text(whole, lang),
            "computed": _fmt(computed, lang),
            "rounded": rounded,
            "paragraph": str(whole.paragraph),
        }

    elsewhere = whole.paragraph != share.paragraph
    if _overlap(*as_written, share.low, share.high) or _overlap(*interval, share.low, share.high):
        if elsewhere:
            return _explained(BASE_ASSUMED, [BASE_ASSUMED], values)
        if not _overlap(*as_written, share.low, share.high):
            return _explained(IF_BASE_ROUNDED, [IF_BASE_ROUNDED], values)
        return _Verdict(CONSISTENT)
    base = [BASE_ASSUMED] if elsewhere else []
    if truncated and _overlap(*interval, truncated[0], truncated[1] - 1e-12 * max(1.0, abs(truncated[1]))):
        return _explained(IF_TRUNCATED, [IF_TRUNCATED, *base], values)
    return _explained(INCONSISTENT, ["share", *base], values)


def _decimals(step: float) -> int:
    """How many decimals a rounding step keeps: 1 -> 0, 0.1 -> 1, 0.01 -> 2."""
    return max(0, round(-math.log10(step))) if step > 0 else 0


def _check_growth(check: CheckDefinition, operands: Operands, report_id: str, where: str) -> list[records.Check]:
    start, end = _one(operands["from"], where, "from"), _one(operands["to"], where, "to")
    rate = _one(operands["rate"], where, "rate")
    _nonzero(start, where, "from")
    computed = (end.value / start.value - 1) * 100
    low = (end.low / start.high - 1) * 100
    high = (end.high / start.low - 1) * 100 if start.low > 0 else math.inf
    holds = _overlap(low, high, rate.low, rate.high)
    detail = {
        lang: DETAILS[lang]["growth"].format(
            end=_fmt(end.value, lang),
            start=_fmt(start.value, lang),
            computed=_fmt(computed, lang),
            rate=_stated_text(rate, lang),
        )
        for lang in DETAILS
    }
    tolerance = _share_tolerance(rate, low, high)
    verdict = _plain(
        holds,
        "growth",
        lambda lang: {
            "start": _stated_text(start, lang),
            "end": _stated_text(end, lang),
            "computed": _fmt(computed, lang),
            "rate": _stated_text(rate, lang),
        },
    )
    return [_row(check, report_id, [start, end, rate], rate.value, computed, tolerance, verdict, detail, about=rate)]


def _check_trend(check: CheckDefinition, operands: Operands, report_id: str, where: str) -> list[records.Check]:
    series = operands["series"]
    if len(series) < 2:
        raise DefinitionError(f"{where}: `series` names {len(series)} number, a trend needs two or more")
    first, last = series[0], series[-1]
    direction = check.direction
    assert direction is not None, f"{where}: a trend check names its direction (etl/definition_problems.py)"
    # some values within the stated precision move the stated way: "environ 4 400" twice may rise
    holds = last.high > first.low if direction == "increase" else last.low < first.high
    stated = [first, last]
    expected = None  # a direction only: nothing to compare the change with
    detail = {lang: DETAILS[lang][direction] for lang in DETAILS}
    if "stated_from" in operands or "stated_to" in operands:
        stated_from = _one(operands.get("stated_from", []), where, "stated_from")
        stated_to = _one(operands.get("stated_to", []), where, "stated_to")
        holds = (
            holds
            and _overlap(stated_from.low, stated_from.high, first.low, first.high)
            and _overlap(stated_to.low, stated_to.high, last.low, last.high)
        )
        stated += [stated_from, stated_to]
        expected = stated_to.value - stated_from.value
        for lang in DETAILS:
            detail[lang] += DETAILS[lang]["from_to"].format(
                a=_stated_text(stated_from, lang), b=_stated_text(stated_to, lang)
            )
    for lang in DETAILS:
        detail[lang] += DETAILS[lang]["series"].format(series=" → ".join(_fmt(s.value, lang) for s in series))
    change = last.value - first.value
    verdict = _plain(
        holds,
        "trend",
        lambda lang: {
            "direction": EXPLANATIONS[lang][direction],
            "first": _stated_text(first, lang),
            "last": _stated_text(last, lang),
        },
    )
    tolerance = _tolerance(stated)
    return [_row(check, report_id, stated + series[1:-1], expected, change, tolerance, verdict, detail, about=last)]


_CHECKERS: dict[str, Callable[[CheckDefinition, Operands, str, str], list[records.Check]]] = {
    "sum": _check_sum,
    "share": _check_share,
    "growth": _check_growth,
    "trend": _check_trend,
}


@dataclass(frozen=True)
class _Verdict:
    """A check's status and, unless it is a plain `consistent`, why, in each language of the interface."""

    status: str
    explanation: Mapping[str, str] | None = None


def _explained(status: str, keys: Sequence[str], values: Callable[[str], Mapping[str, str]]) -> _Verdict:
    """The status with the sentences of `keys`, one after the other, in each language."""
    return _Verdict(
        status,
        {lang: " ".join(EXPLANATIONS[lang][key].format(**values(lang)) for key in keys) for lang in EXPLANATIONS},
    )


def _plain(holds: bool, key: str, values: Callable[[str], Mapping[str, str]]) -> _Verdict:
    """Consistent, or inconsistent with the sentence of `key`."""
    return _Verdict(CONSISTENT) if holds else _explained(INCONSISTENT, [key], values)


def _nonzero(stated: Stated, where: str, name: str) -> None:
    if stated.value == 0:
        raise DefinitionError(f"{where}: `{name}` is 0 in the report (“{stated.text}”): nothing to divide by")


def _one(stated: list[Stated], where: str, name: str) -> Stated:
    if len(stated) != 1:
        raise DefinitionError(f"{where}: `{name}` names {len(stated)} numbers, expected one; narrow it")
    return stated[0]


def _pairs(shares: list[Stated], parts: list[Stated], where: str) -> list[tuple[Stated, Stated]]:
    """Shares and counts paired by their labels ("Russes" with "Russes"), or one with one."""
    if len(shares) == 1 and len(parts) == 1:
        return [(shares[0], parts[0])]
    if not all(s.label for s in shares):
        raise DefinitionError(f'{where}: several shares need `pair_by = "<dimension>"` to pair them with their parts')
    by_label = {p.label: p for p in parts}
    if len(by_label) != len(parts) or len({s.label for s in shares}) != len(shares):
        raise DefinitionError(
            f"{where}: two numbers share a `pair_by` label; pair by a dimension that tells them apart"
        )
    missing = [s.label for s in shares if s.label not in by_label]
    if missing:
        raise DefinitionError(f"{where}: no `part` labelled {missing} to pair with the shares")
    return [(s, by_label[s.label]) for s in shares]


def _overlap(low_a: float, high_a: float, low_b: float, high_b: float) -> bool:
    slack = 1e-9 * max(1.0, abs(low_a), abs(low_b))  # float noise, not a tolerance
    return low_a <= high_b + slack and low_b <= high_a + slack


def _tolerance(stated: list[Stated]) -> float | None:
    """How far apart the stated numbers may be from rounding alone (None when one is open-ended)."""
    halves = [s.half_width for s in stated]
    return None if any(math.isinf(h) for h in halves) else sum(halves)


def _share_tolerance(stated: Stated, low: float, high: float) -> float | None:
    if math.isinf(stated.half_width) or math.isinf(high):
        return None
    return stated.half_width + (high - low) / 2


def _in_english(
    row: records.Check, check: CheckDefinition, labels_en: Mapping[str, Mapping[str, str]]
) -> records.Check:
    """The row with the pair's label in English in `description` ("… — Germans", not "… — Allemands")."""
    label = row.check_id[len(check.check_id) + 1 : -1]  # the "[label]" a paired check's id ends with
    english = next((labels[label] for i in row.indicator_ids if label in (labels := labels_en.get(i, {}))), None)
    if label and english:
        return dataclasses.replace(row, description=f"{check.description_en} — {english}")
    return row


def _row(
    check: CheckDefinition,
    report_id: str,
    stated: list[Stated],
    expected: float | None,
    computed: float,
    tolerance: float | None,
    verdict: _Verdict,
    detail: Mapping[str, str],
    suffix: str = "",
    *,
    about: Stated,
) -> records.Check:
    """The check's row; `about` is the figure the check is about (the total, the share, the rate, a trend's end),
    the one a reader's warning is shown on."""
    return records.Check(
        check_id=check.check_id + suffix,
        report_id=report_id,
        kind=check.kind,
        paragraphs=tuple(sorted({s.paragraph for s in stated})),
        indicator_ids=tuple(sorted({s.indicator_id for s in stated if s.indicator_id})),
        description=check.description_en + (f" — {suffix[1:-1]}" if suffix else ""),
        description_fr=check.description_fr + (f" — {suffix[1:-1]}" if suffix else ""),
        expected=None if expected is None else float(expected),
        computed=float(computed),
        tolerance=None if tolerance is None else round(tolerance, 10),
        status=verdict.status,
        explanation=verdict.explanation["en"] if verdict.explanation else None,
        explanation_fr=verdict.explanation["fr"] if verdict.explanation else None,
        detail=detail["en"],
        detail_fr=detail["fr"],
        claim_id=about.claim_id,
        claim_ids=tuple(dict.fromkeys(s.claim_id for s in stated if s.claim_id)),
    )


def _stated_text(stated: Stated, lang: str = "en") -> str:
    """The number as the report writes it, quoted: “plus de 7 000” (« plus de 7 000 » in French)."""
    return f"« {stated.text} »" if lang == "fr" else f"“{stated.text}”"


def _fmt(value: float, lang: str = "en", decimals: int | None = None) -> str:
    """1077915 -> '1 077 915'; 30.94 -> '30.94' in English, '30,94' in French; `decimals` fixes how many."""
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    text = text.replace(",", " ")
    return text.replace(".", ",") if lang == "fr" else text
