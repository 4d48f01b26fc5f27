"""Find the time expressions of a French sentence and the period each one names.

Periods are written in the one format of `contract/periods.py` ('2022', '2022-2024',
'2025-H1', '2022/23', '2025-07-01', '2025-01/2025-04', '2014/..').
"""
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from text_to_num import text2num

from contract.periods import from_bounds as format_period, school_year, valid_bounds as valid_span
from etl.vocab import MONTHS, NUMBER_WORDS

# a year, not the tail of a grouped number ("1 2024") nor part of a symbol ("CERD/C/2007/1")
_Y = r"(?<![\d/])(?<!\d[\u00a0\u202f ])(?:1[89]\d\d|20\d\d)(?![\d/])"
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_WORD = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_OF = r"(?:de\s+|d['’])(?:l['’]année\s+)?"
# Years that name a thing rather than a time ("Convention de 1951", "à l'horizon 2029"),
# or a baseline ("par rapport à 2020", par. 203).
_NAMING_BEFORE = re.compile(
    r"(?i)(?:horizon|Convention\s+de|Protocole\s+de|amendement\s+de|Plan\s+national|Déclaration\s+d\S+"
    r"|par\s+rapport\s+à)\s*$"
)
# A date after "du" dates a document ("loi no 322-I du 26 août 1998"), not a statistic.
_DOCUMENT_DATE_BEFORE = re.compile(r"\bdu\s*$")
# Two time expressions joined by "et": "la période 2022-2024 et les six premiers mois de 2025".
_JOIN = re.compile(r"^\s+et\s+(?:les\s+|des\s+|en\s+|au\s+cours\s+des\s+|la\s+période\s+)?$")


@dataclass
class TimeExpression:
    start: int
    end: int
    period: str | None  # None: a date that does not time the sentence's numbers
    first: tuple[int, int] | None = None  # (year, month) the period starts
    last: tuple[int, int] | None = None  # (year, month) it ends; None for "since"


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _count(word: str) -> int:
    return int(word) if word.isdigit() else text2num(word.lower(), "fr")


def _month(word: str) -> int:
    return MONTHS[word.lower()]


def _first_months(m):
    year, n = int(m["y"]), _count(m["n"])
    return (year, 1), (year, n)


def _semester(m):
    year = int(m["y"])
    return ((year, 1), (year, 6)) if m["half"] == "premier" else ((year, 7), (year, 12))


def _until_month_end(m):
    month = 6 if m["sem"] else _month(m["m"])
    return (int(m["y1"]), 1), (int(m["y2"]), month)


def _month_range(m):
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    return (y1, _month(m["m1"])), (y2, _month(m["m2"]))


def _year_range(m):
    return (int(m["y1"]), 1), (int(m["y2"]), 12)


def _since(m):
    return (int(m["y"]), 1), None


def _month_year(m):
    year, month = int(m["y"]), _month(m["m"])
    return (year, month), (year, month)


def _year(m):
    year = int(m["y"])
    return (year, 1), (year, 12)


# (pattern, reader) in priority order: a longer expression wins over the years inside it.
_PATTERNS = [
    (rf"(?:(?:au\s+cours|pendant|durant|lors)\s+)?(?:les|des)\s+(?P<n>\d+|{_WORD})\s+premiers\s+mois\s+{_OF}(?P<y>{_Y})", _first_months),
    (rf"(?:(?:au\s+cours\s+du|au|pendant\s+le|durant\s+le)\s+)?(?P<half>premier|second)\s+semestre\s+(?:{_OF})?(?P<y>{_Y})", _semester),
    (rf"[Dd]e\s+(?P<y1>{_Y})\s+à\s+la\s+fin\s+(?:d['’]|de\s+|du\s+)"
     rf"(?:(?P<sem>premier\s+semestre)|(?P<m>{_MONTH}))\s+(?:de\s+)?(?P<y2>{_Y})", _until_month_end),
    (rf"(?:[Dd]e|[Ee]ntre)\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_Y}))?\s+(?:à|et)\s+(?P<m2>{_MONTH})\s+(?P<y2>{_Y})",
     _month_range),
    (rf"(?:[Dd]e|[Ee]ntre)\s+(?P<y1>{_Y})\s+(?:à|et)\s+(?P<y2>{_Y})", _year_range),
    (rf"(?P<y1>{_Y})\s*[-‑–]\s*(?P<y2>{_Y})", _year_range),
    (rf"[Dd]epuis\s+(?:le\s+début\s+{_OF})?(?P<y>{_Y})", _since),
]
_PATTERNS = [(re.compile(p), read) for p, read in _PATTERNS]
_SCHOOL_YEAR = re.compile(rf"(?P<y>(?:1[89]|20)\d\d)/(?P<yy>\d\d)(?!\d)")
_DAY_DATE = re.compile(rf"(?P<d>1er|\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>{_Y})")
_START_OF_YEAR = re.compile(rf"début\s+{_OF}(?P<y>{_Y})")
_END_OF_YEAR = re.compile(rf"fin\s+{_OF}(?P<y>{_Y})")
_MONTH_YEAR = re.compile(rf"(?P<m>{_MONTH})\s+(?P<y>{_Y})")
_YEAR = re.compile(rf"(?P<y>{_Y})")


def find_time_expressions(sentence: str) -> list[TimeExpression]:
    """Time expressions of a sentence, left to right; the longest wins where two overlap."""
    candidates: list[TimeExpression] = []
    for pattern, read in _PATTERNS:
        for m in pattern.finditer(sentence):
            first, last = read(m)
            if not valid_span(first, last):
                continue
            candidates.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    for m in _SCHOOL_YEAR.finditer(sentence):
        year = int(m["y"])
        candidates.append(TimeExpression(m.start(), m.end(), school_year(year), (year, 9), (year + 1, 6)))
    for m in _DAY_DATE.finditer(sentence):
        year, month, day = int(m["y"]), _month(m["m"]), 1 if m["d"] == "1er" else int(m["d"])
        if not _real_day(year, month, day):
            continue
        period = None if _DOCUMENT_DATE_BEFORE.search(sentence[max(0, m.start() - 40): m.start()]) else f"{year}-{month:02d}-{day:02d}"
        candidates.append(TimeExpression(m.start(), m.end(), period, (year, month), (year, month)))
    for pattern, day in ((_START_OF_YEAR, "01-01"), (_END_OF_YEAR, "12-31")):
        for m in pattern.finditer(sentence):
            year, month = int(m["y"]), int(day[:2])
            candidates.append(TimeExpression(m.start(), m.end(), f"{year}-{day}", (year, month), (year, month)))
    for m in _MONTH_YEAR.finditer(sentence):
        first, last = _month_year(m)
        candidates.append(TimeExpression(m.start(), m.end(), format_period(first, last), first, last))
    for m in _YEAR.finditer(sentence):
        first, last = _year(m)
        period = None if _NAMING_BEFORE.search(sentence[max(0, m.start() - 40): m.start()]) else format_period(first, last)
        candidates.append(TimeExpression(m.start(), m.end(), period, first, last))
    chosen: list[TimeExpression] = []  # kept sorted by start; none overlaps another
    starts: list[int] = []
    for t in sorted(candidates, key=lambda t: t.start - t.end):  # stable: longest, then pattern order
        i = bisect_left(starts, t.start)
        # sorted and disjoint: only the neighbours on each side can overlap t
        if (i == 0 or chosen[i - 1].end <= t.start) and (i == len(chosen) or t.end <= chosen[i].start):
            chosen.insert(i, t)
            starts.insert(i, t.start)
    return _merge_joined(sentence, chosen)


def _merge_joined(sentence: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """'2022-2024 et les six premiers mois de 2025' -> one period '2022-01/2025-06'."""
    merged: list[TimeExpression] = []
    for t in found:
        prev = merged[-1] if merged else None
        if (prev and prev.period and t.period and prev.first and t.last
                and _JOIN.match(sentence[prev.end:t.start]) and prev.first <= t.first):
            merged[-1] = TimeExpression(prev.start, t.end, format_period(prev.first, t.last), prev.first, t.last)
        else:
            merged.append(t)
    return merged
