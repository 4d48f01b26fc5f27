"""The period of a claim: which time expression of its sentence governs it, or which the sentence before hands on.

"46 en 2022, à 84 en 2023" pairs 46 with 2022 and 84 with 2023; "(2020 : 6 957, 2021 : 6 941)"
dates each number inside its bracket; "de 2 300 en 2021 à 6 748 en 2024 (+193 %)" dates the growth
rate 2021-2024. Periods are written in the format of contract/periods.py.
"""

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from contract.periods import from_bounds, parse as parse_period
from etl.claims.brackets import Parens
from etl.claims.grammar import Grammar
from etl.claims.model import Claim, is_statistic, statistics
from etl.numbers import MINUS_SIGNS
from etl.periods import TimeExpression

_LABEL_GAP_RE = re.compile(r"\s*:\s*")
# a comma between digits groups them ("1,930") and bounds nothing
_BOUNDING_COMMA_RE = re.compile(r",(?!\d{3})|(?<!\d),")
_CLAUSE_COST = 100  # each comma or colon crossed costs as much as this many characters
_RANGE_OPENER_REACH = 20  # "De 2022 à 2024, … (de 46 à 91)": "de" stands right before the range
_GROWTH_CUE_REACH = 30  # "une hausse de 193 %"


@dataclass
class Times:
    """A sentence's time expressions (sorted, disjoint), with the clause each one is in."""

    expressions: list[TimeExpression]
    starts: list[int]
    clauses: list[int]
    timed_clauses: list[int]  # sorted clauses holding an expression with a period

    @classmethod
    def of(cls, sentence: str, expressions: list[TimeExpression]) -> "Times":
        clause_of = clause_index(sentence)
        clauses = [clause_of(t.start) for t in expressions]
        timed = sorted({c for c, t in zip(clauses, expressions) if t.period})
        return cls(expressions, [t.start for t in expressions], clauses, timed)


@lru_cache(maxsize=64)
def clause_index(sentence: str) -> Callable[[int], int]:
    """A function from an offset to the number of semicolons before it."""
    semicolons = [i for i, ch in enumerate(sentence) if ch == ";"]
    return lambda pos: bisect_left(semicolons, pos)


def date_inside_time_expression(claim: Claim, times: Times) -> None:
    """'six' in 'les six premiers mois de 2025' dates the sentence; it counts nothing."""
    i = bisect_right(times.starts, claim.start) - 1  # time expressions never overlap: one candidate
    if i < 0:
        return
    t = times.expressions[i]
    inside = t.start <= claim.start and claim.end <= t.end
    # "the first half of 2025": "half" is no share; "en 2025 2 000 …" keeps a count written in digits
    counts_nothing = is_statistic(claim) and (claim.unit is None or not any(ch.isdigit() for ch in claim.text))
    if inside and (counts_nothing or claim.kind == "date"):
        claim.kind = "date"
        claim.period = t.period


def period_for(claim: Claim, sentence: str, times: Times, chains: Parens, g: Grammar) -> str | None:
    """The period of the nearest time expression that may govern the claim.

    A time expression inside parentheses governs only what is inside them
    (par. 249: "(2020 : 6 957, 2021 : 6 941)"). It governs its own clause between
    semicolons, and later clauses that have none of their own (par. 155 vs par. 267).
    One after a colon or after ", et" does not reach back before it (par. 240:
    "87,2 %, et il est prévu de porter ce chiffre à 90 % d'ici à la fin de 2025").
    Each comma crossed costs as much as 100 characters, so "46 en 2022, à 84 en 2023"
    pairs 84 with 2023. The cost grows with distance, so on each side only the nearest
    expression that may govern the claim competes: a long sentence stays linear.
    """
    own = clause_index(sentence)(claim.start)
    i = bisect_right(times.timed_clauses, own) - 1
    if i < 0:
        return None
    search = _Search(claim, sentence, times, chains, g, governing=times.timed_clauses[i])
    k = bisect_left(times.starts, claim.start)
    before = search.nearest(range(k - 1, -1, -1), after=False)
    after = search.nearest(range(k, len(times.starts)), after=True)
    if after and (before is None or after[0] < before[0]):
        return after[1]  # on a tie, the time before the number wins
    return before[1] if before else None


@dataclass(frozen=True)
class _Search:
    """The search, on one side of a claim, for the time expression that governs it."""

    claim: Claim
    sentence: str
    times: Times
    chains: Parens
    g: Grammar
    governing: int  # the clause whose time governs the claim: its own, or the last timed one before

    def nearest(self, side: range, after: bool) -> tuple[float, str] | None:
        """(cost, period) of the nearest expression on this side that may govern the claim."""
        for j in side:
            clause = self.times.clauses[j]
            if clause != self.governing:
                if (clause < self.governing) != after:
                    return None  # past the governing clause
                continue
            t = self.times.expressions[j]
            if not self._may_govern(t, after):
                continue
            gap = self.sentence[self.claim.end : t.start] if after else self.sentence[t.end : self.claim.start]
            if "\n" in gap or (after and (":" in gap or self.g.clause_join.search(gap))):
                return None  # farther ones on this side are cut off the same way
            return self._cost(gap, after), t.period or ""
        return None

    def _may_govern(self, t: TimeExpression, after: bool) -> bool:
        """A time with a period, not the claim's own span, on this side, and not in a bracket that leaves it out."""
        claim = self.claim
        if t.period is None or (t.start < claim.end and claim.start < t.end):
            return False  # "au moins 2020 personnes": no claim times itself
        group = self.chains.innermost[t.start]
        if group >= 0 and not self.chains.encloses(group, claim.start):
            return False
        return after == (t.start >= claim.end)

    def _cost(self, gap: str, after: bool) -> float:
        """How far the time stands: its distance, each comma or colon crossed counting for 100 characters."""
        if (not after and _LABEL_GAP_RE.fullmatch(gap)) or (after and self.g.in_gap.fullmatch(gap)):
            return 0  # "2020 : 6 957", "46 en 2022", "396 au cours des huit premiers mois de 2025"
        return len(gap) + _CLAUSE_COST * (len(_BOUNDING_COMMA_RE.findall(gap)) + gap.count(":"))


def own_period(times: Times, chains: Parens) -> str | None:
    """The one period a sentence states outside parentheses ("En 2022, … (2020 : 1 %)" -> "2022")."""
    periods = {t.period for t in times.expressions if t.period and chains.depth[t.start] == 0}
    return periods.pop() if len(periods) == 1 else None


def carried_frame(claims: list[Claim], times: Times, frame: str | None) -> str | None:
    """A sentence with no time of its own whose statistics took the previous frame hands it on (par. 350)."""
    if times.expressions:
        return None
    return frame if any(c.period == frame for c in statistics(claims)) else None


def neighbour_period(
    claim: Claim, sentence: str, claims: list[Claim], times: Times, frame: str | None, frame_dated: bool, g: Grammar
) -> str | None:
    """The period the previous sentence of the paragraph (its `frame`) gives a claim whose own part
    of its sentence (between colons) states none.

    Par. 107 "75,5 % des personnes interrogées" is the survey of the first half of 2025 named in
    the sentence before; par. 410 "Plus de 10 000 documents" follows the trainings of
    2024-2025; par. 216 "Trente représentants … y ont participé" attended the 2025 seminar;
    par. 155 "Quatre-vingt-huit personnes ont été condamnées … :" opens a list dated year by
    year, and is itself the total of the period of the sentence before. The previous sentence
    must state one period and date a statistic with it (`frame_dated`), or this part must tell of
    taking part. A standing fact or a habit ("Le Kazakhstan compte 737 400 …", par. 89; "chaque
    année", par. 255) is not dated by its neighbour.
    """
    if not frame:
        return None
    lo = sentence.rfind(":", 0, claim.start) + 1
    hi = sentence.find(":", claim.end) % (len(sentence) + 1) or len(sentence)
    timed = any(lo <= t.start < hi for t in times.expressions)
    if timed or any(lo <= c.start < hi and c.kind == "date" for c in claims):
        return None
    part = sentence[lo:hi]
    if g.undated_cue.search(part):
        return None
    return frame if frame_dated or g.participation.search(part) else None


def range_endpoints(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """'De 2022 à 2024, … (de 46 à 91)': each end of a range takes its own year (par. 158)."""
    for low, high in itertools.pairwise(statistics(claims)):
        span = parse_period(low.period)
        if (
            span is None
            or span.last is None
            or span.grain != "years"
            or low.period != high.period
            or not g.range_gap.match(sentence[low.end : high.start])
            or not g.range_opener.search(sentence, max(0, low.start - _RANGE_OPENER_REACH), low.start)
        ):
            continue
        low.period, high.period = str(span.first[0]), str(span.last[0])


def growth_spans(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """'de 2 300 en 2021 à 6 748 en 2024 (+193 %)': a growth rate covers the span between
    the two numbers it compares (par. 380: 2021-2024, not 2024)."""
    for i, claim in enumerate(claims):
        if not _is_growth_rate(claim, sentence, g):
            continue
        compared = [
            (c.period, period)
            for c in statistics(claims[:i])
            if c.kind != "percent" and (period := parse_period(c.period))
        ]
        if len(compared) < 2 or compared[-2][0] == compared[-1][0]:
            continue
        first, last = compared[-2][1], compared[-1][1]
        if last.last and first.first <= last.first:
            claim.period = from_bounds(first.first, last.last)


def _is_growth_rate(claim: Claim, sentence: str, g: Grammar) -> bool:
    """'+193 %', 'une hausse de 12 %': a signed share, or one after a word of growth."""
    if claim.kind != "percent":
        return False
    signed = claim.text[:1] in "+" + MINUS_SIGNS
    return signed or bool(g.growth_cue.search(sentence, max(0, claim.start - _GROWTH_CUE_REACH), claim.start))
