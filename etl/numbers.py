"""Read the value of a span of French text that writes one number (or a range of two)."""
import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import text2num

from etl.vocab import (
    APPROX_NOUNS, FRACTION_NOUNS, MEASURE_UNITS, ORDINAL_WORDS, PERCENT_UNITS,
    QUALIFIER_CUES, SCALE_WORDS,
)

# Digits grouped by no-break spaces (U+00A0, U+202F) or spaces, with a decimal comma.
DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:,\d+)?|\d+(?:,\d+)?"
_DIGITS_RE = re.compile(rf"[+]?(?P<digits>{DIGITS})")
_SCALE_RE = re.compile(r"\s+(?P<scale>" + "|".join(SCALE_WORDS) + r")$")
_APPROX_RE = re.compile(
    r"(?:(?P<count>une?|deux|trois|quatre|cinq|\d+)\s+)?(?P<noun>" + "|".join(APPROX_NOUNS) + r")s?"
)
_FRACTION_RE = re.compile(
    r"(?:la|une|les|l')?\s*(?P<count>un|une|deux|trois)?\s*(?P<noun>" + "|".join(FRACTION_NOUNS) + r")"
)
_RANGE_RE = re.compile(r"^(?:de\s+|entre\s+)?(?P<low>.+?)\s+(?:à|et|-|–)\s+(?P<high>.+)$")
_UNIT_SUFFIX_RE = re.compile(
    r"\s*(?:%|pour cent|pour 100|"
    + "|".join(sorted((re.escape(u) for u in MEASURE_UNITS), key=len, reverse=True))
    + r")$"
)


def normalise_span(span: str) -> str:
    """Lower-case, one kind of space, one kind of hyphen and apostrophe."""
    span = span.replace("\u2011", "-").replace("\u2010", "-").replace("’", "'")
    span = re.sub(r"[\u00a0\u202f\s]+", " ", span)
    return span.strip().lower()


def strip_qualifier(span: str) -> str:
    """Remove a leading qualifier such as "plus de" or "environ" from a normalised span."""
    for cue, _ in QUALIFIER_CUES:
        if span.startswith(cue):
            return span[len(cue):].strip()
    return span


def strip_percent(span: str) -> str:
    """Remove a trailing "%" or "pour cent"."""
    for mark in sorted(PERCENT_UNITS, key=len, reverse=True):
        if span.endswith(mark):
            return span[: -len(mark)].strip()
    return span


def parse_digits(span: str) -> float:
    """'678 400' -> 678400.0, '71,2' -> 71.2 (babel's French grammar)."""
    return float(_decimal(span))


def _decimal(span: str) -> Decimal:
    return parse_decimal(span.replace(" ", "\u00a0"), locale="fr")


def parse_number_words(span: str) -> float:
    """'quatre-vingt-huit' -> 88.0 with text2num; ordinals ('cinquième') read as cardinals."""
    words = span.replace("'", " ").split("-")
    last = words[-1]
    if last in ORDINAL_WORDS:
        words[-1] = ORDINAL_WORDS[last]
    return float(text2num("-".join(words), "fr"))


def parse_french_number(span: str) -> float:
    """The value a French span writes: '20,3 millions' -> 20300000.0, 'la moitié' -> 0.5.

    Accepts digits with no-break-space grouping and decimal comma, a trailing '%' or
    'pour cent' (the value stays in percent), scale words, number words, approximate
    nouns ('une centaine') and fractions ('la moitié'), after an optional qualifier
    ('plus de', 'environ'). Raises ValueError for anything else.
    """
    text = strip_percent(strip_qualifier(normalise_span(span)))
    scale = 1.0
    if m := _SCALE_RE.search(text):
        scale = SCALE_WORDS[m["scale"]]
        text = text[: m.start()].strip()
    try:
        if m := _DIGITS_RE.fullmatch(text):
            # Decimal product, so "20,3 millions" is exactly 20300000.0
            return float(_decimal(m["digits"]) * Decimal(int(scale)))
        if m := _APPROX_RE.fullmatch(text):
            count = _count_before_noun(m["count"])
            return count * APPROX_NOUNS[m["noun"]] * scale
        if m := _FRACTION_RE.fullmatch(text):
            count = _count_before_noun(m["count"])
            return count * FRACTION_NOUNS[m["noun"]] * scale
        return parse_number_words(text) * scale
    except (ValueError, NumberFormatError) as error:
        raise ValueError(f"not a French number: {span!r}") from error


def _count_before_noun(word: str | None) -> float:
    """'deux' in 'deux tiers' -> 2.0; no word or 'un(e)' -> 1.0."""
    if not word or word in ("un", "une"):
        return 1.0
    return parse_digits(word) if word.isdigit() else parse_number_words(word)


def parse_french_range(span: str) -> tuple[float, float]:
    """'2 à 4 %' -> (2.0, 4.0); 'trois à sept ans' -> (3.0, 7.0); the unit is shared."""
    text = normalise_span(span)
    m = _RANGE_RE.match(text)
    if not m:
        raise ValueError(f"not a French range: {span!r}")
    high = m["high"]
    unit = _UNIT_SUFFIX_RE.search(high)
    if unit:
        high = high[: unit.start()]
    return parse_french_number(m["low"]), parse_french_number(high)
