"""How far a written number may be from what it stands for, given how it is written: the one rounding rule.

"20,3 millions" stands for anything that rounds to it, [20.25, 20.35) million: half the unit of the
last digit written. A count written in full ("3 484 139") is exact; a share ("39 %") and a scaled
number ("30 milliards") are rounded to their last digit; "environ 7 000" to its last significant
digit. The digits are read with the marks of the report's language (`etl/lang/`): "20.3 million"
in English, "20,3 millions" in French and "20,3 millones" in Spanish are the same number.
The checks (etl/checks.py) and the translation check (etl/translation.py) both ask here.
"""

import re
from functools import cache

from etl.lang import tables
from etl.numbers import digits_pattern

PERCENT = "%"


@cache
def _digits(lang: str) -> re.Pattern[str]:
    return re.compile(digits_pattern(lang))


@cache
def _decimal_mark(lang: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(tables(lang).DECIMAL_MARKS)}]")


def rounding_half(value: float, text: str, unit: str | None, lang: str, approx: bool = False) -> float:
    """Half the unit of the last digit written, when that digit is a rounding; 0 for an exact number."""
    digits = _digits(lang).search(text)
    if not digits:
        return _words_half(value, unit, approx)
    integer, *fraction = _decimal_mark(lang).split(digits.group(), maxsplit=1)
    integer, decimals = re.sub(r"\D", "", integer), "".join(fraction)  # group marks dropped: "3 484 139", "3,484,139"
    shown = float(f"{integer}.{decimals}" if decimals else integer)
    scale = abs(value) / shown if shown else 1.0  # "2,9 millions" -> 1e6; a sign is not a scale
    if decimals:
        step = 10.0 ** -len(decimals)
    elif unit == PERCENT or scale > 1:
        step = 1.0  # "39 %", "30 milliards": rounded to the last digit shown
    else:
        step = 0.0  # a count written in full ("3 484 139") is exact
    if approx and not decimals:  # "environ 7 000": rounded to its last significant digit
        significant = integer.rstrip("0") or "0"
        step = max(step, 10.0 ** (len(integer) - len(significant)))
    return step * scale / 2


def _words_half(value: float, unit: str | None, approx: bool) -> float:
    """A number in words: "Trente-huit" is exact, "une centaine" and "quatre-vingt-dix pour cent" are not."""
    magnitude = abs(value)
    if approx and magnitude:
        shown = f"{magnitude:.0f}"
        return 10.0 ** (len(shown) - len(shown.rstrip("0") or "0")) / 2
    return 0.5 if unit == PERCENT else 0.0  # a share in words is a rounded share
