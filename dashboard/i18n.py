"""The interface in French and English: its words, and numbers, units, periods and entries as a reader of each reads them.

Indicator titles, descriptions and units come from catalog.json (`contract.records.CatalogEntry`); the
interface's own words are the tables of `dashboard/words.py`; unit words are `contract/units.py`'s and
number formats `contract/locales.py`'s. Quotes and the report's text stay in the report's language in both.
"""

from collections.abc import Mapping
from typing import Any

from contract import periods, schema, units
from contract.locales import format_compact, format_number
from contract.records import CatalogEntry
from dashboard.words import KIND_LABELS, QUALIFIER_SIGNS, QUALIFIER_WORDS, STRINGS

__all__ = ["KIND_LABELS", "QUALIFIER_SIGNS", "QUALIFIER_WORDS", "STRINGS", "format_compact", "format_number"]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# French sets a space before a colon (`Source : …`); English does not. The one place that says so.
COLONS = {"fr": " :", "en": ":"}
# Names of the dimension columns of observations.parquet (contract/schema.py); an unknown name is shown as it is.
DIMENSION_NAMES = {
    lang: {name: words[i] for name, words in schema.DIMENSION_NAMES.items()} for i, lang in enumerate(LANGUAGES)
}


def language(value: object) -> str:
    """A supported language code from a query value, else the default."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def t(lang: str, key: str, **values: object) -> str:
    """The interface string `key` in `lang`, with its {placeholders} filled."""
    text = STRINGS[language(lang)][key]
    return text.format(**values) if values else text


def colon(lang: str) -> str:
    """The colon after a label as `lang` writes it: ' :' in French, ':' in English."""
    return COLONS[language(lang)]


def labelled(word: str, lang: str) -> str:
    """A label and its colon, ready for what follows after a space: 'Source :' / 'Source:'."""
    return f"{word}{colon(lang)}"


def in_language(french: str, english: str, lang: str) -> str:
    """Of a French and an English text, the one a reader of `lang` reads."""
    return english if language(lang) == "en" else french


# A catalogue entry's words in the reader's language.


def title(entry: CatalogEntry, lang: str) -> str:
    return in_language(entry.title_fr, entry.title_en, lang)


def description(entry: CatalogEntry, lang: str) -> str:
    return in_language(entry.description_fr, entry.description_en, lang)


def topic_title(entry: CatalogEntry, lang: str) -> str:
    return in_language(entry.topic_title_fr, entry.topic_title_en, lang)


def unit_label(entry: CatalogEntry, lang: str) -> str:
    return in_language(entry.unit_fr, entry.unit_en, lang)


def reasons(entry: CatalogEntry, lang: str) -> str:
    """Why a suggested table was suggested ('' for a curated indicator)."""
    return in_language(entry.reasons_fr or "", entry.reasons_en or "", lang)


def note_in(note: object, note_en: object, lang: str) -> str:
    """An observation's note in `lang`: the definition's English note on English views where it has one, else the French."""
    if lang == "en" and isinstance(note_en, str) and note_en:
        return note_en
    return note if isinstance(note, str) else ""


def dropdown_labels(lang: str) -> Any:
    """The words of a dcc.Dropdown ('3 choisis', not '3 selected') in `lang`: its `labels` option (Dash's TypedDict)."""
    prefix = "dropdown_"
    return {key[len(prefix) :]: text for key, text in STRINGS[language(lang)].items() if key.startswith(prefix)}


# Values and units.


def unit_word(unit: str, lang: str) -> str:
    """A unit in `lang` ('persons' -> 'personnes', 'weeks' -> 'semaines'); a currency by its code, as amounts show it."""
    return unit if units.is_currency(unit) else units.unit_words(unit, language(lang))


def with_unit_sign(number: str, unit: str | None, lang: str) -> str:
    """A formatted number with its % or currency: '71,2 %' (French, narrow no-break space), '71.2%', '5 KZT'."""
    if unit == units.PERCENT:
        return f"{number}\u202f%" if language(lang) == "fr" else f"{number}%"
    if units.is_currency(unit):
        return f"{number} {unit}"
    return number


def signed_in_number(unit: object) -> bool:
    """Whether a unit is written with the number itself (% and currencies), not as a word after it."""
    return unit == units.PERCENT or units.is_currency(unit if isinstance(unit, str) else None)


def format_value(value: float, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A value with its qualifier and, for % and money, its unit: 'plus de 14 900', '71,2 %'."""
    words = QUALIFIER_WORDS[language(lang)].get(qualifier or "exact", "")
    return f"{words} {with_unit_sign(format_number(value, lang), unit, lang)}".strip()


def short_value(value: float, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A value as a chart label, where room is short: '< 0,03 %', '> 14 900', '≈ 20,3 M'."""
    return QUALIFIER_SIGNS.get(qualifier or "exact", "") + with_unit_sign(format_compact(value, lang), unit, lang)


def with_count_unit(text: str, unit: object, lang: str, with_unit: bool) -> str:
    """A value followed by its count unit ('14 900 personnes') when `with_unit` and the unit is not in the number."""
    if with_unit and isinstance(unit, str) and unit and not signed_in_number(unit):
        return f"{text} {unit_word(unit, lang)}"
    return text


def value_label(value: float, qualifier: str | None, unit: str | None, lang: str, with_unit: bool = False) -> str:
    """A value in words ('plus de 14 900'); with `with_unit`, a count unit ('persons') follows the number."""
    return with_count_unit(format_value(value, qualifier, unit, lang), unit, lang, with_unit)


def chart_label(value: float, qualifier: str | None, unit: str | None, lang: str, with_unit: bool = False) -> str:
    """A value as printed on a chart, short: '< 0,03 %', '> 14 900', '14,4 M'."""
    return with_count_unit(short_value(value, qualifier, unit, lang), unit, lang, with_unit)


def axis_number(value: float, unit: str | None, lang: str) -> str:
    """A tick of a value axis: '16 M' in French, '16M' in English, '5 000', '25 %'."""
    return with_unit_sign(format_compact(value, lang), unit if unit == units.PERCENT else None, lang)


# Periods, dimensions, citations.


def format_period(period: str | None, lang: str, labels_en: Mapping[str, str] | None = None) -> str:
    """A period as a reader says it ('2022–2024', '1er semestre 2025'); a definition's English label first."""
    lang = language(lang)
    if lang == "en" and labels_en and isinstance(period, str) and period in labels_en:
        return labels_en[period]
    return periods.label(period, lang)


def dimension_name(name: str, lang: str) -> str:
    """A dimension column's name in `lang` ('group' -> 'groupe')."""
    return DIMENSION_NAMES[language(lang)].get(name, name)


def label(value: object, lang: str, labels_en: Mapping[str, str] | None = None) -> str:
    """A dimension value in `lang`: the catalogue's English label, else the French value."""
    if not isinstance(value, str):
        return ""
    if language(lang) == "en" and labels_en:
        return labels_en.get(value, value)
    return value


def paragraphs_label(paragraphs: list[int], lang: str) -> str:
    """'par. 155, 156' for a list of paragraph numbers."""
    return f"{t(lang, 'para')} {', '.join(str(p) for p in paragraphs)}"


def citation(symbol: str, paragraph: int, lang: str) -> str:
    """A full citation of one paragraph: 'CERD/C/KAZ/11-14, para. 156'."""
    return f"{symbol}, {t(lang, 'para')} {int(paragraph)}"


def kind_label(kind: str, lang: str, checks: bool = False) -> str:
    """A claim kind (or with `checks`, a check kind) in the interface language."""
    if checks:
        key = f"check_kind_{kind}"
        return t(lang, key) if key in STRINGS[language(lang)] else kind
    return KIND_LABELS[language(lang)].get(kind, kind)
