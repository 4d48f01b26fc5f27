"""Find the time expressions of a sentence and the period each one names, in the report's language.

Periods are written in the one format of `contract/periods.py` ('2022', '2022-2024',
'2025-H1', '2022/23', '2025-07-01', '2025-01/2025-04', '2014/..'). The phrases come from the
language's tables in `etl/lang/` ("les six premiers mois de 2025", "the first six months of
2025", "los seis primeros meses de 2025").
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import cache

from text_to_num import text2num

from contract.periods import from_bounds as format_period, school_year, valid_bounds as valid_span
from etl.lang import tables
from etl.numbers import alternation

# a year, not the tail of a grouped number ("1 2024") nor part of a symbol ("CERD/C/2007/1")
YEAR = r"(?<![\d/])(?<!\d[\u00a0\u202f ])(?:1[89]\d\d|20\d\d)(?![\d/])"


@dataclass
class TimeExpression:
    start: int
    end: int
    period: str | None  # None: a date that does not time the sentence's numbers
    first: tuple[int, int] | None = None  # (year, month) the period starts
    last: tuple[int, int] | None = None  # (year, month) it ends; None for "since"


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


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _count(word: str, lang: str) -> int:
    return int(word) if word.isdigit() else text2num(word.lower(), tables(lang).TEXT2NUM)


def _month(word: str, lang: str) -> int:
    return {name.lower(): n for name, n in tables(lang).MONTHS.items()}[word.lower()]


def _day(word: str) -> int:
    """'1er' (fr), '1st' (en), '1.º' (es) -> 1."""
    return int(re.match(r"\d+", word)[0])


def _first_months(m, lang):
    year, n = int(m["y"]), _count(m["n"], lang)
    return (year, 1), (year, n)


def _first_half(m, lang):
    year = int(m["y"])
    return (year, 1), (year, 6)


def _second_half(m, lang):
    year = int(m["y"])
    return (year, 7), (year, 12)


def _until_month_end(m, lang):
    month = 6 if m["sem"] else _month(m["m"], lang)
    return (int(m["y1"]), 1), (int(m["y2"]), month)


def _month_range(m, lang):
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    return (y1, _month(m["m1"], lang)), (y2, _month(m["m2"], lang))


def _year_range(m, lang):
    return (int(m["y1"]), 1), (int(m["y2"]), 12)


def _since(m, lang):
    return (int(m["y"]), 1), None


def _month_year(m, lang):
    year, month = int(m["y"]), _month(m["m"], lang)
    return (year, month), (year, month)


@dataclass(frozen=True)
class _Grammar:
    spans: list  # (pattern, reader) in priority order: a longer expression wins over the years inside it
    school_year: re.Pattern
    day_dates: list
    start_of_year: list
    end_of_year: list
    month_years: list
    year: re.Pattern
    naming_before: re.Pattern
    naming_after: re.Pattern | None
    document_date_before: re.Pattern
    join: re.Pattern


@cache
def _grammar(lang: str) -> _Grammar:
    t = tables(lang)

    def compiled(templates):
        return [re.compile(fill(p, lang)) for p in templates]

    spans = [(p, _first_months) for p in compiled(t.FIRST_MONTHS)]
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
    candidates: list[TimeExpression] = []
    for pattern, read in g.spans:
        for m in pattern.finditer(sentence):
            first, last = read(m, lang)
            if not valid_span(first, last):
                continue
            candidates.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    for m in g.school_year.finditer(sentence):
        year = int(m["y"])
        candidates.append(TimeExpression(m.start(), m.end(), school_year(year), (year, 9), (year + 1, 6)))
    for pattern in g.day_dates:
        for m in pattern.finditer(sentence):
            year, month, day = int(m["y"]), _month(m["m"], lang), _day(m["d"])
            if not _real_day(year, month, day):
                continue
            # a date after "du" / "of" dates a document ("loi no 322-I du 26 août 1998"), not a statistic
            document = g.document_date_before.search(sentence[max(0, m.start() - 40) : m.start()])
            period = None if document else f"{year}-{month:02d}-{day:02d}"
            candidates.append(TimeExpression(m.start(), m.end(), period, (year, month), (year, month)))
    for patterns, day in ((g.start_of_year, "01-01"), (g.end_of_year, "12-31")):
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                year, month = int(m["y"]), int(day[:2])
                candidates.append(TimeExpression(m.start(), m.end(), f"{year}-{day}", (year, month), (year, month)))
    for pattern in g.month_years:
        for m in pattern.finditer(sentence):
            first, last = _month_year(m, lang)
            candidates.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    for m in g.year.finditer(sentence):
        first, last = (int(m["y"]), 1), (int(m["y"]), 12)
        naming = g.naming_before.search(sentence[max(0, m.start() - 40) : m.start()]) or (
            g.naming_after and g.naming_after.match(sentence, m.end())
        )
        candidates.append(
            TimeExpression(m.start(), m.end(), None if naming else format_period(first, last), first, last)
        )
    return _merge_joined(sentence, _longest_disjoint(candidates), g.join)


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


def _merge_joined(sentence: str, found: list[TimeExpression], join: re.Pattern) -> list[TimeExpression]:
    """'2022-2024 et les six premiers mois de 2025' -> one period '2022-01/2025-06'."""
    merged: list[TimeExpression] = []
    for t in found:
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.period
            and t.period
            and prev.first
            and t.last
            and join.match(sentence[prev.end : t.start])
            and prev.first <= t.first
        ):
            merged[-1] = TimeExpression(prev.start, t.end, format_period(prev.first, t.last), prev.first, t.last)
        else:
            merged.append(t)
    return merged
