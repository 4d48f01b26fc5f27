"""The same figures stated for different periods: a slip no sum or share reveals.

Two paragraphs that give three or more of the same statistics (value and unit, as many times), each pair dated
differently ("au cours du premier semestre de 2025" in one, "en 2024-2025" in the other), state one set of
figures as the result of two periods: at most one of them can be right. The same figures for the same period
are a restatement (par. 91 repeated in par. 210), not a slip, and are left alone.
"""

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from contract import records
from contract.periods import label as period_label
from contract.schema import CHECK_STATUSES, STATISTIC_KINDS

INCONSISTENT = CHECK_STATUSES[1]
KIND = "repeat"
# Fewer shared figures than this happen by chance (two paragraphs that both count 12 cases).
MIN_SHARED = 3


def repeated_figures(claims: Sequence[records.Claim], report_id: str) -> list[records.Check]:
    """One `repeat` check per pair of paragraphs giving the same figures for different periods."""
    by_paragraph: dict[int, list[records.Claim]] = {}
    for claim in claims:
        if claim.kind in STATISTIC_KINDS and claim.value is not None and not claim.planned:
            by_paragraph.setdefault(claim.paragraph, []).append(claim)
    checks = []
    for first, second in combinations(sorted(by_paragraph), 2):
        shared = _shared(by_paragraph[first], by_paragraph[second])
        if len(shared) >= MIN_SHARED and any(a.period and b.period and a.period != b.period for a, b in shared):
            checks.append(_check(report_id, first, second, shared))
    return checks


def _shared(one: list[records.Claim], other: list[records.Claim]) -> list[tuple[records.Claim, records.Claim]]:
    """The figures both paragraphs give (value and unit), paired in reading order, each claim used once."""
    waiting: dict[tuple[float, str | None], list[records.Claim]] = {}
    for claim in other:
        waiting.setdefault(_figure(claim), []).append(claim)
    pairs = []
    for claim in one:
        match = waiting.get(_figure(claim))
        if match:
            pairs.append((claim, match.pop(0)))
    return pairs


def _figure(claim: records.Claim) -> tuple[float, str | None]:
    return float(claim.value or 0), claim.unit


def _check(report_id: str, first: int, second: int, shared: list[tuple[records.Claim, records.Claim]]) -> records.Check:
    figures = ", ".join(a.text for a, _ in shared)
    # each paragraph's period: the one most of its shared figures carry
    periods = [Counter(p for p in (pair[i].period for pair in shared) if p).most_common(1)[0][0] for i in (0, 1)]
    when = {code: [period_label(p, code) for p in periods] for code in ("en", "fr")}
    return records.Check(
        check_id=f"{KIND}_p{first}_p{second}",
        report_id=report_id,
        kind=KIND,
        paragraphs=(first, second),
        indicator_ids=(),
        description=f"The figures of para. {first} and para. {second} against the periods they are given for",
        description_fr=f"Les chiffres des par. {first} et {second} rapportés aux périodes pour lesquelles ils sont donnés",
        expected=None,
        computed=None,
        tolerance=None,
        status=INCONSISTENT,
        explanation=(
            f"Paragraphs {first} and {second} give the same {len(shared)} figures ({figures}) for different "
            f"periods: {when['en'][0]} and {when['en'][1]}."
        ),
        explanation_fr=(
            f"Les paragraphes {first} et {second} donnent les mêmes {len(shared)} chiffres ({figures}) pour des "
            f"périodes différentes : {when['fr'][0]} et {when['fr'][1]}."
        ),
        detail=f"para. {first}: {figures} ({when['en'][0]}); para. {second}: the same ({when['en'][1]})",
        detail_fr=f"par. {first} : {figures} ({when['fr'][0]}) ; par. {second} : les mêmes ({when['fr'][1]})",
        claim_id=shared[0][1].claim_id,
        claim_ids=tuple(c.claim_id for pair in shared for c in pair),
    )
