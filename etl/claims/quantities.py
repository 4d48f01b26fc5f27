"""A number in its context: the scale word and unit after it, a currency or qualifier before it.

"plus de 230 millions de tenge" is one claim: 230 000 000, KZT, `money`, `more_than`, its span
covering all of it. A range's first number takes the unit of the second ("2 à 4 %").
"""

import itertools
import math
import re
from dataclasses import dataclass

from contract.units import PERCENT
from etl.claims.grammar import LOOKBACK, Grammar
from etl.claims.model import Claim, new_claim
from etl.numbers import parse_number

_ACRONYM_AFTER_RE = re.compile(r"^\s+[A-Z]{2,}\b")
_SPACES_RE = re.compile(r"\s+")
_BARE_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
_DATING_REACH = 20  # "over the past three years": the dating word stands right before the number
_MONEY_PREFIX_REACH = 4  # "$880 million", "US$ 5 million"


@dataclass
class _Span:
    """A number's span widened over what follows it: its scale word, then its unit."""

    start: int
    end: int
    value_end: int  # where the words of the value end, before the unit
    unit: str | None = None
    kind: str = "count"
    has_scale: bool = False


def statistic(sentence: str, group: str, start: int, end: int, g: Grammar) -> list[Claim]:
    """A count, percent, money or measure claim, its span widened to scale, unit and qualifier;
    none for an article ("un", "one") or a noun with no value ("des milliers")."""
    raw = sentence[start:end]
    if (
        group == "words"
        and raw.lower() in g.tables.ARTICLE_NUMBERS
        and not _unit_follows(sentence, end, g)
        and not g.article_counted.match(sentence, end)  # "un accusé et en a condamné 50": one, against fifty
    ):
        return []  # the article "un"/"une", the pronoun "one", not the number one
    if group == "fraction" and raw.lower() in g.tables.FRACTIONS_WITH_OF and not g.subject_of.match(sentence, end):
        return [new_claim(sentence, start, end, math.nan, None, "ordinal")]  # "a third country": an ordinal
    span = _widened(sentence, group, start, end, g)
    try:
        value = parse_number(sentence[start : span.value_end], g.tables.CODE)
    except ValueError:
        return []  # "des milliers": a noun with no value of its own
    if group == "fraction":
        value *= 100
    if _is_bare_year(raw, group, span):
        return [new_claim(sentence, start, span.end, value, None, "year", period=raw)]  # "jusqu'à 2025"
    if not math.isfinite(value):
        return []
    _currency_before(sentence, span, g)
    qualifier = _qualifier_before(sentence, span, "approx" if group == "approx" else "exact", g)
    if _names_something(sentence, span, qualifier, g):
        return [new_claim(sentence, span.start, span.end, value, None, "reference")]  # "24 KZ" names a channel
    return [new_claim(sentence, span.start, span.end, value, span.unit, span.kind, qualifier=qualifier)]


def _widened(sentence: str, group: str, start: int, end: int, g: Grammar) -> _Span:
    """The span over the scale word ("20,3 millions") and the unit after the number."""
    span = _Span(start, end, end)
    if group in ("number", "words") and (s := g.scale.match(sentence, end)):
        span.end = span.value_end = s.end()
        span.has_scale = True
    if group == "fraction":  # "la moitié": a share
        span.unit, span.kind = PERCENT, "percent"
    else:
        _unit_after(sentence, span, g)
    return span


def _unit_after(sentence: str, span: _Span, g: Grammar) -> None:
    """A percent sign or word, a currency, or a unit of measure right after the number."""
    t = g.tables
    if p := g.percent.match(sentence, span.end):
        span.end, span.unit, span.kind = p.end(), PERCENT, "percent"
    elif money := g.money.match(sentence, span.end):
        span.end, span.unit, span.kind = money.end(), _code(g.money_units, money["unit"]), "money"
    elif measure := g.measure.match(sentence, span.end):
        span.end, span.unit, span.kind = measure.end(), _code(t.MEASURE_UNITS, measure["unit"]), "measure"
        # "au cours des trois dernières années", "over the past three years", "three years ago" place, they do not measure
        if measure["adjective"] or _dated_before(sentence, span.start, g) or _dated_after(sentence, span.end, g):
            span.kind = "date"
    elif compound := g.time_compound.match(sentence, span.end):
        # "a 10-year plan", "a 24-hour service": how long the thing named runs, a span of time, not a quantity of it
        span.end, span.unit, span.kind = compound.end(), _code(t.MEASURE_UNITS, compound["unit"]), "date"


def _dated_before(sentence: str, start: int, g: Grammar) -> bool:
    return bool(g.dating_before and g.dating_before.search(sentence, max(0, start - _DATING_REACH), start))


def _dated_after(sentence: str, end: int, g: Grammar) -> bool:
    return bool(g.dating_after and g.dating_after.match(sentence, end))


def _code(table: dict[str, str], written: str) -> str:
    """The code a unit written case-sensitively or spaced stands for ("pour\u00a0cent" -> "pour cent" -> "%")."""
    key = written if written in table else next(k for k in table if _SPACES_RE.sub(" ", written) == k)
    return table[key]


def _is_bare_year(raw: str, group: str, span: _Span) -> bool:
    """A four-digit number from 1800 to 2099 with nothing after it is a year ("jusqu'à 2025")."""
    plain = span.kind == "count" and span.unit is None and not span.has_scale
    return plain and group == "number" and bool(_BARE_YEAR_RE.fullmatch(raw))


def _currency_before(sentence: str, span: _Span, g: Grammar) -> None:
    """'$880 million': a count with a currency sign before it is a sum of money."""
    if span.kind != "count" or not g.money_prefix:
        return
    if pre := g.money_prefix.search(sentence, max(0, span.start - _MONEY_PREFIX_REACH), span.start):
        span.start, span.unit, span.kind = pre.start(), g.tables.MONEY_PREFIXES[pre["unit"]], "money"


def _qualifier_before(sentence: str, span: _Span, qualifier: str, g: Grammar) -> str:
    """The bound a cue before the number sets ("plus de" -> more_than); the span then starts at the cue."""
    if q := g.qualifier.search(sentence, max(0, span.start - LOOKBACK), span.start):
        span.start = q.start("cue")
        # the table writes its cues with one plain space: "plus\u00a0de" is "plus de"
        return g.qualifier_of.get(_SPACES_RE.sub(" ", q["cue"].lower()), "exact")
    return qualifier


def _names_something(sentence: str, span: _Span, qualifier: str, g: Grammar) -> bool:
    """'24 KZ' names a channel: a plain number before an acronym that is no counted noun ("15 ONG")."""
    if span.kind != "count" or span.has_scale or qualifier != "exact":
        return False
    acronym = _ACRONYM_AFTER_RE.match(sentence[span.end :])
    return bool(acronym and acronym[0].strip() not in g.tables.COUNTED_ACRONYMS)


def _unit_follows(sentence: str, end: int, g: Grammar) -> bool:
    return bool(g.scale.match(sentence, end) or g.measure.match(sentence, end))


def share_range_units(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """'2 à 4 %', 'trois à sept ans': the first number takes the unit of the second; the end of a
    range takes no unit from the number after it ("aged 7 to 15 and 98 per cent of them")."""
    ends_range = False
    for low, high in itertools.pairwise(claims):
        joined = g.range_gap.match(sentence[low.end : high.start]) is not None
        if low.kind == "count" and low.unit is None and high.unit and joined and not ends_range:
            low.unit, low.kind = high.unit, high.kind
        ends_range = joined
