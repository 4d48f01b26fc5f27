"""How a reader of each language writes numbers and dates: one home for the ETL and the app.

The interface speaks French and English; documents are read in French, English and Spanish. UN
English is British (`27 October 2025`), so English is `en_GB` everywhere: dates, numbers, metadata.
"""

import decimal
import math

from babel.numbers import format_compact_decimal, format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}
FALLBACK = "en"
# Past this magnitude babel's decimal arithmetic gives up (`decimal.InvalidOperation` near 1e25): such a
# number (the build accepts 30 digits) is written with Python's own digits, grouped the reader's way.
_BABEL_LIMIT = 1e21


def locale_of(lang: str) -> str:
    """The babel locale of a language code; an unknown code reads as English."""
    return LOCALES.get(lang, LOCALES[FALLBACK])


def format_number(value: float, lang: str) -> str:
    """A number as a reader of `lang` writes it (14 900 / 14,900; 71,2 / 71.2); '' for NaN. Total: never raises."""
    if not isinstance(value, int) and not math.isfinite(value):
        return "" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if abs(value) >= _BABEL_LIMIT:
        return _grouped(value, lang)
    try:
        return format_decimal(value, locale=locale_of(lang), format="#,##0.###")
    except decimal.InvalidOperation:
        return _grouped(value, lang)


def _grouped(value: float, lang: str) -> str:
    """A whole number past babel's range, with the digits its float holds (not the float's binary noise), grouped
    the reader's way: 1e25 is '10 000 000 000 000 000 000 000 000', never '…000 905 969 664'."""
    exact = decimal.Decimal(int(value)) if isinstance(value, int) else decimal.Decimal(repr(float(value)))
    whole = int(exact)  # past 1e21 a float has no fraction
    minus = format_decimal(-1, locale=locale_of(lang), format="#,##0")[:-1]
    group = format_decimal(1000, locale=locale_of(lang), format="#,##0")[1:-3]
    return (minus if whole < 0 else "") + f"{abs(whole):,}".replace(",", group)


def format_compact(value: float, lang: str, long: bool = False) -> str:
    """A number of a million or more as '20,3 M' / '20.3M' (long: '20,3 millions') when that is exact; else in full."""
    if (isinstance(value, int) or math.isfinite(value)) and 1_000_000 <= abs(value) < _BABEL_LIMIT:
        for digits in (0, 1, 2):
            if _compact_is_exact(value, digits):
                return str(
                    format_compact_decimal(
                        value, format_type="long" if long else "short", locale=locale_of(lang), fraction_digits=digits
                    )
                )
    return format_number(value, lang)


def _compact_is_exact(value: float, digits: int) -> bool:
    scale = 10 ** (3 * ((len(str(int(abs(value)))) - 1) // 3))
    return bool(round(value / scale, digits) * scale == value)
