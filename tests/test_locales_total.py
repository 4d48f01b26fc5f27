"""Number formatting is total over every value the build accepts: huge, tiny, negative, infinite and NaN values.

A 30-digit count (the build accepts 30 digits) once raised `decimal.InvalidOperation` and gave a 500 on its
indicator page, embed, SVG and /checks. Written back without its group marks, every whole number reads as
the value it was; past babel's range the digits are the float's own, not its binary noise.
"""

import math
import re

import pytest
from hypothesis import given, settings, strategies as st

from contract.locales import format_compact, format_number

GROUP_MARKS = {"en": ",", "xx": ",", "fr": "\u202f\u00a0 ", "es": ".\u202f\u00a0 "}
LANGS = st.sampled_from(["fr", "en", "es", "xx"])


def read_back(text: str, lang: str) -> float:
    """The number a reader reads in `text` (group marks dropped, the decimal comma a point)."""
    plain = re.sub(f"[{GROUP_MARKS[lang]}]", "", text)
    return float(plain.replace(",", ".") if lang in ("fr", "es") else plain)


@settings(max_examples=500, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True), lang=LANGS)
def test_format_number_and_compact_never_raise(value, lang):
    for shown in (format_number(value, lang), format_compact(value, lang), format_compact(value, lang, long=True)):
        assert isinstance(shown, str)
    if math.isnan(value):
        assert format_number(value, lang) == ""


@settings(max_examples=500, deadline=None)
@given(digits=st.integers(min_value=-(10**30) + 1, max_value=10**30 - 1), lang=LANGS)
def test_a_whole_number_of_up_to_30_digits_reads_back_as_its_float(digits, lang):
    value = float(digits)
    assert read_back(format_number(value, lang), lang) == value


@settings(max_examples=300, deadline=None)
@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), lang=LANGS)
def test_a_fraction_is_rounded_to_three_decimals_at_most(value, lang):
    assert abs(read_back(format_number(value, lang), lang) - value) <= 0.0005 + 1e-9 * abs(value)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        # what a reader writes for ten to the 25th and 30th: ones and zeros only
        (1e25, "en", "10,000,000,000,000,000,000,000,000"),
        (1e30, "fr", "1\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000"),
        (-1e29, "en", "-100,000,000,000,000,000,000,000,000,000"),
        (10**40, "en", "10,000,000,000,000,000,000,000,000,000,000,000,000,000"),
    ],
)
def test_past_babel_the_digits_are_the_numbers_own(value, lang, expected):
    assert format_number(value, lang) == expected
