"""The period format: how every table writes the period a number refers to, and what it means.

The ETL writes periods (`from_bounds`, `school_year`, `day`, `since`); the app and the
exports read them (`parse`, `label`, `phrase`, `sort_key`, `comparable`, `is_partial`).
Nothing else in the project parses a period string.

    '2022'              a calendar year
    '2022-2024'         whole calendar years, first to last
    '2025-H1'           a half year ('2025-H2' the second)
    '2025-Q3'           a quarter
    '2022/23'           a school year, September to June
    '2019-01'           a month
    '2025-07-01'        a day: a count taken on that date ("au 1er juillet 2025")
    '2020-09/2022-05'   months, first to last (an ISO 8601 interval)
    '2014/..'           open-ended: since 2014
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date, get_month_names

from contract.locales import locale_of

YearMonth = tuple[int, int]

# grain -> length in months that a period of this grain is compared by; None: its own length
_GRAIN_MONTHS = {"year": 12, "school_year": 12, "half": 6, "quarter": 3, "month": 1, "day": 0}
_FORMS = [  # (grain, pattern) in the order they are tried
    ("year", re.compile(r"(?P<y>\d{4})")),
    ("years", re.compile(r"(?P<y>\d{4})-(?P<y2>\d{4})")),
    ("half", re.compile(r"(?P<y>\d{4})-H(?P<n>[12])")),
    ("quarter", re.compile(r"(?P<y>\d{4})-Q(?P<n>[1-4])")),
    ("school_year", re.compile(r"(?P<y>\d{4})/(?P<yy>\d{2})")),
    ("month", re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")),
    ("day", re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")),
    ("months", re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})/(?P<y2>\d{4})-(?P<m2>\d{2})")),
    ("since", re.compile(r"(?P<y>\d{4})/\.\.")),
]
# Spelled month counts for "the first eight months of 2025" (2 to 11: a whole year or a month reads otherwise).
COUNT_WORDS = {
    "fr": dict(enumerate(["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze"], 2)),
    "en": dict(enumerate(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"], 2)),
}
HALVES = {"fr": ("1er semestre {y}", "2e semestre {y}"), "en": ("first half of {y}", "second half of {y}")}
QUARTER = {"fr": "{n}e trimestre {y}", "en": "Q{n} {y}"}
# How a sentence says "in <period>", per grain.
PHRASES = {
    "fr": {
        "year": "en {label}",
        "years": "de {y} à {y2}",
        "half": "au {label}",
        "quarter": "au {label}",
        "school_year": "pendant l’année scolaire {label}",
        "month": "en {label}",
        "day": "au {label}",
        "months": "de {m1} à {m2}",
        "first_months": "au cours des {n} premiers mois de {y}",
        "since": "depuis {y}",
    },
    "en": {
        "year": "in {label}",
        "years": "from {y} to {y2}",
        "half": "in the {label}",
        "quarter": "in {label}",
        "school_year": "in the {label} school year",
        "month": "in {label}",
        "day": "on {label}",
        "months": "from {m1} to {m2}",
        "first_months": "in the first {n} months of {y}",
        "since": "since {y}",
    },
}
_FAR = (9999, 12)  # where an open period ends, for ordering and bounds


@dataclass(frozen=True)
class Period:
    """A parsed period: its text, its grain, and the first and last month it covers."""

    text: str
    grain: str  # year, years, half, quarter, school_year, month, day, months, since
    first: YearMonth
    last: YearMonth | None  # None: open-ended ("since")
    day: int | None = None

    @property
    def months(self) -> int | None:
        """How many months it covers (0 for a day, None when open-ended)."""
        if self.grain == "day":
            return 0
        if self.last is None:
            return None
        return (self.last[0] - self.first[0]) * 12 + self.last[1] - self.first[1] + 1

    @property
    def span(self) -> int | None:
        """The length two periods are compared by: a school year counts as a year, a day as 0."""
        return _GRAIN_MONTHS.get(self.grain, self.months)


def parse(text: object) -> Period | None:
    """The period a string names; None for a null, NaN or unreadable value."""
    if not isinstance(text, str):
        return None
    for grain, pattern in _FORMS:
        if m := pattern.fullmatch(text):
            return _read(grain, m, text)
    return None


def _read(grain: str, m: re.Match[str], text: str) -> Period | None:
    y = int(m["y"])
    if grain == "year":
        first, last = (y, 1), (y, 12)
    elif grain == "years":
        first, last = (y, 1), (int(m["y2"]), 12)
    elif grain == "half":
        first, last = ((y, 1), (y, 6)) if m["n"] == "1" else ((y, 7), (y, 12))
    elif grain == "quarter":
        n = int(m["n"])
        first, last = (y, 3 * n - 2), (y, 3 * n)
    elif grain == "school_year":
        if int(m["yy"]) != (y + 1) % 100:
            return None
        first, last = (y, 9), (y + 1, 6)
    elif grain in ("month", "day"):
        first = last = (y, int(m["m"]))
        if grain == "day" and not real_day(y, int(m["m"]), int(m["d"])):
            return None
    elif grain == "months":
        first, last = (y, int(m["m"])), (int(m["y2"]), int(m["m2"]))
    else:  # since
        first, last = (y, 1), None
    if not valid_bounds(first, last):
        return None
    return Period(text, grain, first, last, int(m["d"]) if grain == "day" else None)


def real_day(year: int, month: int, day: int) -> bool:
    """Whether the calendar has this day (no 31 June, a 29 February only in a leap year)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# Writing periods (the ETL).


def valid_bounds(first: YearMonth, last: YearMonth | None) -> bool:
    """Months 1-12 and a span that does not run backwards ("De 2024 à 2022" is no period)."""
    months_ok = all(1 <= ym[1] <= 12 for ym in (first, last) if ym)
    return months_ok and (last is None or first <= last)


def from_bounds(first: YearMonth, last: YearMonth | None) -> str:
    """(2022, 1)-(2024, 12) -> '2022-2024'; (2025, 1)-(2025, 6) -> '2025-H1'; otherwise months, ISO."""
    (y1, m1) = first
    if last is None:
        return since(y1)
    (y2, m2) = last
    if m1 == 1 and m2 == 12:
        return f"{y1}" if y1 == y2 else f"{y1}-{y2}"
    if y1 == y2 and (m1, m2) in ((1, 6), (7, 12)):
        return f"{y1}-H{1 if m1 == 1 else 2}"
    if y1 == y2 and m2 == m1 + 2 and m1 % 3 == 1:
        return f"{y1}-Q{(m1 + 2) // 3}"
    if (y1, m1) == (y2, m2):
        return f"{y1}-{m1:02d}"
    return f"{y1}-{m1:02d}/{y2}-{m2:02d}"


def school_year(first_year: int) -> str:
    """2022 -> '2022/23'."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def day(year: int, month: int, day_: int) -> str:
    """(2025, 7, 1) -> '2025-07-01'."""
    return f"{year}-{month:02d}-{day_:02d}"


def since(year: int) -> str:
    """2014 -> '2014/..'."""
    return f"{year}/.."


# Reading periods (the app, the exports, the catalogue).


def bounds(text: object) -> tuple[YearMonth, YearMonth] | None:
    """First and last (year, month) of a period; an open one ends far in the future."""
    period = parse(text)
    return (period.first, period.last or _FAR) if period else None


def sort_key(text: object) -> tuple[int, YearMonth, int, int, str]:
    """Time order: by start, a longer period before a shorter one that starts with it; nulls last."""
    period = parse(text)
    if period is None:
        return (1, _FAR, 0, 0, str(text))
    span = period.span if period.span is not None else 10**6
    return (0, period.first, period.day or 0, -span, period.text)


def ordered(periods: Iterable[object]) -> list[str]:
    """The distinct readable periods of a column, in time order."""
    return sorted({p for p in periods if isinstance(p, str) and parse(p)}, key=sort_key)


def usual_span(periods: Iterable[object]) -> int | None:
    """The most common length of the periods of a series (ties: the longest); None when none is known."""
    spans = Counter(p.span for p in map(parse, periods) if p and p.span)
    if not spans:
        return None
    top = max(spans.values())
    return max(span for span, n in spans.items() if n == top)


def is_partial(text: object, usual: int | None = None) -> bool:
    """Whether a period is shorter than the series' usual length (a year when not given): 2025-H1 among years."""
    period = parse(text)
    if period is None or not period.span:  # days (stocks) and open periods are never a part of something
        return False
    return period.span < (usual or 12)


def comparable(a: object, b: object) -> bool:
    """Whether two periods may be joined by a line or a growth figure: the same length (year with year)."""
    pa_, pb = parse(a), parse(b)
    return bool(pa_ and pb and pa_.span is not None and pa_.span == pb.span)


def covered(periods: Iterable[object]) -> str | None:
    """The period from the start of the earliest to the end of the latest; the one period when all agree."""
    parsed = [p for p in map(parse, set(periods)) if p]
    if not parsed:
        return None
    if len(parsed) == 1:
        return parsed[0].text
    first = min(p.first for p in parsed)
    ends = [p.last for p in parsed if p.last is not None]
    last = max(ends) if len(ends) == len(parsed) else None
    return from_bounds(first, last)


def label(text: object, lang: str) -> str:
    """A period as a reader writes it: '2022–2024', '1er semestre 2025', 'January–August 2025'."""
    period = parse(text)
    if period is None:
        return text if isinstance(text, str) else ""
    lang = lang if lang in HALVES else "en"
    last = period.last or period.first  # only an open period ("since") has no last month
    y = period.first[0]
    if period.grain == "years":
        return f"{y}–{last[0]}"
    if period.grain == "half":
        return HALVES[lang][0 if period.first[1] == 1 else 1].format(y=y)
    if period.grain == "quarter":
        return QUARTER[lang].format(n=(period.first[1] + 2) // 3, y=y)
    if period.grain == "month":
        return _month_year(period.first, lang)
    if period.grain == "day":
        return _day(period, lang)
    if period.grain == "months":
        if period.first[0] == last[0]:
            return f"{_month(period.first[1], lang)}–{_month_year(last, lang)}"
        return f"{_month_year(period.first, lang)} – {_month_year(last, lang)}"
    if period.grain == "since":
        return PHRASES[lang]["since"].format(y=y)
    return period.text  # year, school year


def phrase(text: object, lang: str) -> str:
    """The period as a sentence says it: 'en 2022', 'in the first eight months of 2025', 'on 1 January 2025'."""
    period = parse(text)
    if period is None:
        return ""
    lang = lang if lang in HALVES else "en"
    last = period.last or period.first  # only an open period ("since") has no last month
    forms = PHRASES[lang]
    if period.grain == "years":
        return forms["years"].format(y=period.first[0], y2=last[0])
    if period.grain == "since":
        return forms["since"].format(y=period.first[0])
    if period.grain == "months":
        n = period.months
        if period.first[1] == 1 and n in COUNT_WORDS[lang]:
            return forms["first_months"].format(n=COUNT_WORDS[lang][n], y=period.first[0])
        if period.first[0] == last[0]:
            return forms["months"].format(m1=_month(period.first[1], lang), m2=_month_year(last, lang))
        return forms["months"].format(m1=_month_year(period.first, lang), m2=_month_year(last, lang))
    return forms[period.grain].format(label=label(text, lang))


def _month(month: int, lang: str) -> str:
    return str(get_month_names("wide", locale=locale_of(lang))[month])


def _month_year(ym: YearMonth, lang: str) -> str:
    return format_date(date(ym[0], ym[1], 1), format="MMMM y", locale=locale_of(lang))


def _day(period: Period, lang: str) -> str:
    shown = format_date(date(*period.first, period.day or 1), format="long", locale=locale_of(lang))
    # French writes the first of the month "1er" ("au 1er janvier 2025"); babel writes "1".
    return re.sub(r"^1 ", "1er ", shown) if lang == "fr" else shown
