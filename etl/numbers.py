"""Read the value of a span that writes one number (or a range of two), in the report's language.

The grammar is shared; the words and separators come from the language's tables in
`etl/lang/` (`parse_number("20,3 millions", "fr")`, `parse_number("20.3 million", "en")`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
from text_to_num import text2num

from etl.lang import tables

# A number written with more digits than this is no statistic but a wall of digits (two million
# ones would end in a decimal.Overflow); the claim reader refuses it with a clear error.
MAX_DIGITS = 30
MINUS_SIGNS = "-\u2212"  # "-3,2 %", "−3,2 %"
# Spaces that group digits in every language, besides the language's own marks (GROUP_MARKS in
# etl/lang/): the no-break (U+00A0) and narrow no-break (U+202F) spaces of UN documents and French
# typography, the thin (U+2009) and figure (U+2007) spaces of word processors.
GROUP_SPACES = "\u00a0\u202f\u2009\u2007"
# Characters that show nothing and may stand inside a number as written ("1<U+200B>655" is 1655 on
# screen): zero-width space, word joiner, soft hyphen, byte order mark (zero-width no-break space),
# zero-width non-joiner and joiner. The readers read past them.
INVISIBLE = "\u200b\u2060\u00ad\ufeff\u200c\u200d"
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest first, spaces matching any run of spaces.

    The words are merged into a trie ("deux|dix|douze" -> "d(?:eux|ix|ouze)"): Python's regex
    engine tries an alternation one branch at a time, and the number words of a language are
    a hundred branches tried at every word of the text.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body  # greedy: a longer word is tried first


def without_invisibles(text: str) -> str:
    """The text without the characters that show nothing (INVISIBLE)."""
    return text.translate(_DROP_INVISIBLE)


def has_invisibles(text: str) -> bool:
    """Whether the text holds a character that shows nothing (most texts hold none)."""
    return any(ch in text for ch in INVISIBLE)


def shown_places(text: str) -> list[int]:
    """Where each character of `without_invisibles(text)` stands in `text`."""
    return [i for i, ch in enumerate(text) if ch not in INVISIBLE]


def group_marks(lang: str) -> str:
    """The marks that group digits in a language: its own ("," in English, " " in French) and the spaces of all."""
    return str(tables(lang).GROUP_MARKS) + GROUP_SPACES


def digits_pattern(lang: str) -> str:
    """Digits in the language's format: '678 400' / '71,2' (fr), '2,963,800' / '14.6' (en)."""
    t = tables(lang)
    group, decimal = f"[{re.escape(group_marks(lang))}]", f"[{re.escape(t.DECIMAL_MARKS)}]"
    return rf"\d{{1,3}}(?:{group}\d{{3}}(?!\d))+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"


@dataclass(frozen=True)
class _Grammar:
    digits: re.Pattern[str]
    scale_end: re.Pattern[str]
    approx: re.Pattern[str]
    range_: re.Pattern[str]
    unit_suffix: re.Pattern[str]
    decimal_words: re.Pattern[str] | None
    group_mark: re.Pattern[str]  # a mark followed by a group of three digits


@cache
def _grammar(lang: str) -> _Grammar:
    t = tables(lang)
    counts = alternation(t.APPROX_COUNTS)
    plural = "|".join(re.escape(e) for e in t.PLURAL_ENDINGS)
    units = alternation(list(t.PERCENT_UNITS) + list(t.MEASURE_UNITS))
    openers = alternation(t.RANGE_OPENERS + t.BETWEEN_WORDS)
    return _Grammar(
        digits=re.compile(rf"[+{re.escape(MINUS_SIGNS)}]?(?P<digits>{digits_pattern(lang)})"),
        scale_end=re.compile(rf"(?:^|\s+)(?P<scale>{alternation(t.SCALE_WORDS)})$"),
        approx=re.compile(rf"(?:(?P<count>{counts}|\d+)\s+)?(?P<noun>{alternation(t.APPROX_NOUNS)})(?:{plural})?"),
        range_=re.compile(
            rf"^(?:(?:{openers})\s+)?(?P<low>.+?)\s+(?:{alternation(t.RANGE_WORDS)}|-|–)\s+(?P<high>.+)$"
        ),
        unit_suffix=re.compile(rf"\s*(?:{units})$"),
        decimal_words=re.compile(rf"\s+(?:{alternation(t.DECIMAL_WORDS)})\s+") if t.DECIMAL_WORDS else None,
        group_mark=re.compile(rf"[{re.escape(group_marks(lang))}](?=\d{{3}}(?!\d))"),
    )


_GROUP_SPACE_RE = re.compile(rf"(?<=\d)[{GROUP_SPACES}](?=\d)")
_WORD_SPACE_RE = re.compile(r"[^\S\u00a0]+|(?<!\d)\u00a0|\u00a0(?!\d)")


def normalise_span(span: str) -> str:
    """Lower-case, nothing invisible, one kind of space, one kind of hyphen and apostrophe."""
    span = without_invisibles(span).replace("\u2011", "-").replace("\u2010", "-").replace("’", "'")
    span = _GROUP_SPACE_RE.sub("\u00a0", span)  # digit groups: "678 400" in English too
    span = _WORD_SPACE_RE.sub(" ", span)
    return span.strip().lower()


def strip_qualifier(span: str, lang: str = "fr") -> str:
    """Remove a leading qualifier such as "plus de" or "more than" from a normalised span."""
    for cue in _cues_longest_first(lang):
        # "over 500" but not "overall"; "plus d'un" ends its cue with the apostrophe
        if span.startswith(cue) and (cue.endswith("'") or not span[len(cue) : len(cue) + 1].isalpha()):
            return span[len(cue) :].strip()
    return span


@cache
def _cues_longest_first(lang: str) -> tuple[str, ...]:
    return tuple(sorted((cue for cue, _ in tables(lang).QUALIFIER_CUES), key=len, reverse=True))


def strip_percent(span: str, lang: str = "fr") -> str:
    """Remove a trailing "%", "pour cent", "per cent" or "por ciento"."""
    for mark in sorted(tables(lang).PERCENT_UNITS, key=len, reverse=True):
        if span.endswith(mark):
            return span[: -len(mark)].strip()
    return span


def parse_digits(span: str, lang: str = "fr") -> float:
    """'678 400' -> 678400.0, '71,2' -> 71.2 in French; '2,963,800' -> 2963800.0 in English."""
    return float(_decimal(span, lang))


def _decimal(span: str, lang: str) -> Decimal:
    """babel reads the locale's digits once the groups use its own group symbol."""
    if sum(ch.isdigit() for ch in span) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    locale = str(tables(lang).LOCALE)
    span = _grammar(lang).group_mark.sub(_group_symbol(locale), span.strip())
    return Decimal(parse_decimal(span, locale=locale, strict=False))


@cache
def _group_symbol(locale: str) -> str:
    return str(get_group_symbol(locale))


def parse_number_words(span: str, lang: str = "fr") -> float:
    """'quatre-vingt-huit' -> 88.0 with text2num; ordinals ('cinquième') read as cardinals."""
    t = tables(lang)
    span = span.replace(",", "")  # "fourteen thousand, nine hundred" (num2words writes the comma)
    words = span.replace("'", " ").split("-")
    tail = words[-1].split(" ")
    if tail[-1] in t.ORDINAL_WORDS:
        tail[-1] = t.ORDINAL_WORDS[tail[-1]]
        words[-1] = " ".join(tail)
    return float(text2num("-".join(words), t.TEXT2NUM))


def parse_number(span: str, lang: str = "fr") -> float:
    """The value a span writes: '20,3 millions' -> 20300000.0 (fr), '14.6 per cent' -> 14.6 (en).

    Accepts digits in the language's format with an optional sign, a trailing percent sign
    or word (the value stays in percent), scale words, number words (spelled decimals too:
    'deux virgule cinq'), approximate nouns ('une centaine') and fractions ('la moitié' ->
    0.5), after an optional qualifier ('plus de', 'more than'). Raises ValueError otherwise.
    """
    t, g = tables(lang), _grammar(lang)
    text = strip_percent(strip_qualifier(normalise_span(span), lang), lang)
    for phrase, one in t.INDEFINITE_ONE.items():
        if text.startswith(phrase):
            text = one + text[len(phrase) :]  # "a thousand" = "one thousand"
    sign = -1.0 if text[:1] in MINUS_SIGNS else 1.0
    scale, scale_word = 1.0, g.scale_end.search(text)
    if scale_word:
        scale = float(t.SCALE_WORDS[re.sub(r"\s+", " ", scale_word["scale"])])
        text = text[: scale_word.start()].strip()
    try:
        if not text and scale_word:  # "mil personas", "mille": the scale word alone
            return scale
        if m := g.digits.fullmatch(text):
            # a Decimal product, so "20,3 millions" is exactly 20300000.0
            return sign * float(_decimal(m["digits"], lang) * Decimal(int(scale)))
        if m := g.approx.fullmatch(text):
            return _count_before_noun(m["count"], lang) * float(t.APPROX_NOUNS[m["noun"]]) * scale
        if (share := fraction_value(text, lang)) is not None:
            return share * scale
        if g.decimal_words and (parts := g.decimal_words.split(text)) and len(parts) == 2:
            return _spelled_decimal(parts[0], parts[1], lang) * scale
        return parse_number_words(text, lang) * scale
    except (ValueError, NumberFormatError, ArithmeticError) as error:
        raise ValueError(f"not a number in {lang}: {span!r}") from error


def fraction_value(text: str, lang: str) -> float | None:
    """'la moitié' -> 0.5, 'les deux tiers' -> 2/3, 'two-thirds' -> 2/3; None if not a fraction."""
    t = tables(lang)
    text = text.replace("-", " ")
    if text in t.FRACTIONS:
        return float(t.FRACTIONS[text])
    for article in t.FRACTION_ARTICLES:
        rest = text[len(article) :].lstrip() if text.startswith(article) else None
        if rest in t.FRACTIONS:
            return float(t.FRACTIONS[rest])
    return None


def _spelled_decimal(whole: str, fraction: str, lang: str) -> float:
    """'deux', 'cinq' -> 2.5; 'deux', 'vingt-cinq' -> 2.25."""
    digits = str(int(parse_number_words(fraction, lang)))
    places: int = 10 ** len(digits)
    return parse_number_words(whole, lang) + int(digits) / places


def _count_before_noun(word: str | None, lang: str) -> float:
    """'deux' in 'deux douzaines' -> 2.0; no word, 'un(e)', 'a', 'one' -> 1.0."""
    if not word or word in tables(lang).ONE_WORDS:
        return 1.0
    return parse_digits(word, lang) if word.isdigit() else parse_number_words(word, lang)


def parse_range(span: str, lang: str = "fr") -> tuple[float, float]:
    """'2 à 4 %' -> (2.0, 4.0); 'three to seven years' -> (3.0, 7.0); the unit is shared."""
    g = _grammar(lang)
    m = g.range_.match(normalise_span(span))
    if not m:
        raise ValueError(f"not a range in {lang}: {span!r}")
    high = m["high"]
    if unit := g.unit_suffix.search(high):
        high = high[: unit.start()]
    return parse_number(m["low"], lang), parse_number(high, lang)


def parse_french_number(span: str) -> float:
    """parse_number for French: '20,3 millions' -> 20300000.0."""
    return parse_number(span, "fr")


def parse_french_range(span: str) -> tuple[float, float]:
    """parse_range for French: '2 à 4 %' -> (2.0, 4.0)."""
    return parse_range(span, "fr")
