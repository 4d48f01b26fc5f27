"""Find the time expressions of a sentence and the period each one names, in the report's language.

Periods are written in the one format of `contract/periods.py` ('2022', '2022-2024',
'2025-H1', '2022/23', '2025-07-01', '2025-01/2025-04', '2014/..'). The phrases come from the
language's tables in `etl/lang/` ("les six premiers mois de 2025", "the first six months of
2025", "los seis primeros meses de 2025").
"""

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from contract.periods import day, from_bounds as format_period, real_day, school_year, valid_bounds as valid_span
from etl.lang import tables
from etl.numbers import GROUP_SPACES, alternation

# a year, not the tail of a grouped number ("1 2024") nor part of a symbol ("CERD/C/2007/1")
YEAR = rf"(?<![\d/])(?<!\d[{GROUP_SPACES} ])(?:1[89]\d\d|20\d\d)(?![\d/])"
_DIGITS_RE = re.compile(r"\d+")
_NAMING_REACH = 40  # "Convention de", "loi no 322-I du": the words that make a date name something stand close

YearMonth = tuple[int, int]
Bounds = tuple[YearMonth, YearMonth | None]  # the first and last month; None for "since"
# Reads the bounds of the period a time expression's match names.
Reader = Callable[[re.Match[str], str], Bounds]


@dataclass
class TimeExpression:
    start: int
    end: int
    period: str | None  # None: a date that does not time the sentence's numbers
    first: YearMonth | None = None  # (year, month) the period starts
    last: YearMonth | None = None  # (year, month) it ends; None for "since"


def month_pattern(lang: str) -> str:
    """The month names of a language, as written and capitalised ("juillet", "Juillet", "July")."""
    names = tables(lang).MONTHS
    return f"(?:{alternation(set(names) | {n[:1].upper() + n[1:] for n in names})})"


def fill(template: str, lang: str, named: bool = True) -> str:
    """A table's template with its placeholders as groups, named or not: '{d} {m} {y}' -> a regex."""
    t = tables(lang)
    month, count = month_pattern(lang), rf"\d+|(?i:{alternation(t.NUMBER_WORDS)})"

    def group(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if named else f"(?:{pattern})"

    return template.format(
        y=group("y", YEAR),
        y1=group("y1", YEAR),
        y2=group("y2", YEAR),
        m=group("m", month),
        m1=group("m1", month),
        m2=group("m2", month),
        n=group("n", count),
        d=group("d", t.DAY) + r"(?!\d)",
        of=t.OF,
        half1=group("sem", t.HALF1),
    )


def _count(word: str, lang: str) -> int:
    return int(word) if word.isdigit() else int(text2num(word.lower(), tables(lang).TEXT2NUM))


def _month(word: str, lang: str) -> int:
    return int(_months(lang)[word.lower()])


@cache
def _months(lang: str) -> dict[str, int]:
    return {name.lower(): n for name, n in tables(lang).MONTHS.items()}


def _day(word: str) -> int:
    """'1er' (fr), '1st' (en), '1.º' (es) -> 1."""
    digits = _DIGITS_RE.match(word)
    return int(digits[0]) if digits else 0


def _first_months(m: re.Match[str], lang: str) -> Bounds:
    year, n = int(m["y"]), _count(m["n"], lang)
    return (year, 1), (year, n)


def _first_half(m: re.Match[str], lang: str) -> Bounds:
    year = int(m["y"])
    return (year, 1), (year, 6)


def _second_half(m: re.Match[str], lang: str) -> Bounds:
    year = int(m["y"])
    return (year, 7), (year, 12)


def _until_month_end(m: re.Match[str], lang: str) -> Bounds:
    month = 6 if m["sem"] else _month(m["m"], lang)
    return (int(m["y1"]), 1), (int(m["y2"]), month)


def _month_range(m: re.Match[str], lang: str) -> Bounds:
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    return (y1, _month(m["m1"], lang)), (y2, _month(m["m2"], lang))


def _year_range(m: re.Match[str], lang: str) -> Bounds:
    return (int(m["y1"]), 1), (int(m["y2"]), 12)


def _since(m: re.Match[str], lang: str) -> Bounds:
    return (int(m["y"]), 1), None


def _month_year(m: re.Match[str], lang: str) -> tuple[YearMonth, YearMonth]:
    year, month = int(m["y"]), _month(m["m"], lang)
    return (year, month), (year, month)


@dataclass(frozen=True)
class _Grammar:
    spans: list[tuple[re.Pattern[str], Reader]]  # in priority order: a longer expression wins over the years inside it
    school_year: re.Pattern[str]
    day_dates: list[re.Pattern[str]]
    start_of_year: list[re.Pattern[str]]
    end_of_year: list[re.Pattern[str]]
    month_years: list[re.Pattern[str]]
    year: re.Pattern[str]
    naming_before: re.Pattern[str]
    naming_after: re.Pattern[str] | None
    document_date_before: re.Pattern[str]
    join: re.Pattern[str]


@cache
def _grammar(lang: str) -> _Grammar:
    t = tables(lang)

    def compiled(templates: Iterable[str]) -> list[re.Pattern[str]]:
        return [re.compile(fill(p, lang)) for p in templates]

    spans: list[tuple[re.Pattern[str], Reader]] = [(p, _first_months) for p in compiled(t.FIRST_MONTHS)]
    spans += [(p, _first_half) for p in compiled(t.HALF_YEARS[1])]
    spans += [(p, _second_half) for p in compiled(t.HALF_YEARS[2])]
    spans += [(p, _until_month_end) for p in compiled(t.UNTIL_MONTH_END)]
    spans += [(p, _month_range) for p in compiled(t.MONTH_RANGES)]
    spans += [(p, _year_range) for p in compiled(t.YEAR_RANGES)]
    spans += [(re.compile(rf"(?P<y1>{YEAR})\s*[-‑–]\s*(?P<y2>{YEAR})"), _year_range)]  # "2022-2024"
    spans += [(p, _since) for p in compiled(t.SINCE)]
    return _Grammar(
        spans=spans,
        school_year=re.compile(r"(?P<y>(?:1[89]|20)\d\d)/(?P<yy>\d\d)(?!\d)"),
        day_dates=compiled(t.DAY_DATES),
        start_of_year=compiled(t.START_OF_YEAR),
        end_of_year=compiled(t.END_OF_YEAR),
        month_years=compiled(t.MONTH_YEARS),
        year=re.compile(rf"(?P<y>{YEAR})"),
        naming_before=re.compile(rf"(?i)(?:{t.NAMING_BEFORE})\s*$"),
        naming_after=re.compile(rf"^\s+(?:{t.NAMING_AFTER})") if t.NAMING_AFTER else None,
        document_date_before=re.compile(rf"(?:{t.DOCUMENT_DATE_BEFORE})\s*$"),
        join=re.compile(rf"^(?:{t.TIME_JOIN})$"),
    )


def find_time_expressions(sentence: str, lang: str = "fr") -> list[TimeExpression]:
    """Time expressions of a sentence, left to right; the longest wins where two overlap."""
    g = _grammar(lang)
    candidates = [
        *_spans(sentence, g, lang),
        *_school_years(sentence, g),
        *_days(sentence, g, lang),
        *_year_ends(sentence, g),
        *_month_years(sentence, g, lang),
        *_years(sentence, g),
    ]  # in this order: of two as long, the first listed wins
    return _merge_joined(sentence, _longest_disjoint(candidates), g.join)


def _spans(sentence: str, g: _Grammar, lang: str) -> list[TimeExpression]:
    """'les six premiers mois de 2025', 'de 2022 à 2024', 'depuis 2014': periods of several months or years."""
    found = []
    for pattern, read in g.spans:
        for m in pattern.finditer(sentence):
            first, last = read(m, lang)
            if valid_span(first, last):
                found.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    return found


def _school_years(sentence: str, g: _Grammar) -> list[TimeExpression]:
    """'2022/23': September 2022 to June 2023."""
    found = []
    for m in g.school_year.finditer(sentence):
        year = int(m["y"])
        found.append(TimeExpression(m.start(), m.end(), school_year(year), (year, 9), (year + 1, 6)))
    return found


def _days(sentence: str, g: _Grammar, lang: str) -> list[TimeExpression]:
    """'1er juillet 2025': a count taken on that day; a date after "du" / "of" dates a document
    ("loi no 322-I du 26 août 1998"), not a statistic, and gives no period."""
    found = []
    for pattern in g.day_dates:
        for m in pattern.finditer(sentence):
            year, month, day_ = int(m["y"]), _month(m["m"], lang), _day(m["d"])
            if not real_day(year, month, day_):
                continue
            document = g.document_date_before.search(sentence[max(0, m.start() - _NAMING_REACH) : m.start()])
            period = None if document else day(year, month, day_)
            found.append(TimeExpression(m.start(), m.end(), period, (year, month), (year, month)))
    return found


def _year_ends(sentence: str, g: _Grammar) -> list[TimeExpression]:
    """'début 2025' is 1 January 2025, 'fin 2024' 31 December 2024."""
    found = []
    for patterns, (month, day_) in ((g.start_of_year, (1, 1)), (g.end_of_year, (12, 31))):
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                year = int(m["y"])
                found.append(TimeExpression(m.start(), m.end(), day(year, month, day_), (year, month), (year, month)))
    return found


def _month_years(sentence: str, g: _Grammar, lang: str) -> list[TimeExpression]:
    """'juillet 2025'."""
    found = []
    for pattern in g.month_years:
        for m in pattern.finditer(sentence):
            first, last = _month_year(m, lang)
            found.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    return found


def _years(sentence: str, g: _Grammar) -> list[TimeExpression]:
    """'2022'; a year that names a thing ("Convention de 1951", "the 2050 Strategy") gives no period."""
    found = []
    for m in g.year.finditer(sentence):
        first, last = (int(m["y"]), 1), (int(m["y"]), 12)
        naming = g.naming_before.search(sentence[max(0, m.start() - _NAMING_REACH) : m.start()]) or (
            g.naming_after and g.naming_after.match(sentence, m.end())
        )
        found.append(TimeExpression(m.start(), m.end(), None if naming else format_period(first, last), first, last))
    return found


def _longest_disjoint(candidates: list[TimeExpression]) -> list[TimeExpression]:
    """The candidates that no longer (or earlier-listed) one overlaps, sorted by start."""
    chosen: list[TimeExpression] = []  # kept sorted by start; none overlaps another
    starts: list[int] = []
    for t in sorted(candidates, key=lambda t: t.start - t.end):  # stable: longest, then pattern order
        i = bisect_left(starts, t.start)
        # sorted and disjoint: only the neighbours on each side can overlap t
        if (i == 0 or chosen[i - 1].end <= t.start) and (i == len(chosen) or t.end <= chosen[i].start):
            chosen.insert(i, t)
            starts.insert(i, t.start)
    return chosen


def _merge_joined(sentence: str, found: list[TimeExpression], join: re.Pattern[str]) -> list[TimeExpression]:
    """'2022-2024 et les six premiers mois de 2025' -> one period '2022-01/2025-06'."""
    merged: list[TimeExpression] = []
    for t in found:
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.period
            and t.period
            and prev.first
            and t.first
            and t.last
            and join.match(sentence[prev.end : t.start])
            and prev.first <= t.first
        ):
            merged[-1] = TimeExpression(prev.start, t.end, format_period(prev.first, t.last), prev.first, t.last)
        else:
            merged.append(t)
    return merged
