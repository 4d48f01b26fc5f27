"""What a suggested table is called and why it was found: its titles, unit, reasons and confidence, in French and English.

A title says what is counted (the report's own noun, in quotes in English when English does not
know it), how it is cut (by year, total and breakdown, in %), when, and the section it comes from.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from contract import periods, records
from etl.suggest.nouns import (
    MIXED_UNIT,
    count_unit,
    counted_noun,
    english_noun,
    english_subject,
    subject_head,
    subject_parts,
)
from etl.suggest.tables import Table

# Why a suggestion was made, and what each reason adds to its confidence (fr, en, weight).
REASONS = {
    "series": ("même mesure pour plusieurs périodes", "one measure for several periods", 0.55),
    "three_periods": ("trois périodes ou plus", "three periods or more", 0.1),
    "same_subject": ("même objet compté", "the same counted noun", 0.15),
    "comparable": ("périodes de même durée", "periods of the same length", 0.1),
    "total_marker": (
        "un total suivi de « dont » et de ses parties",
        "a total followed by “of which” and its parts",
        0.65,
    ),
    "several_parts": ("plusieurs parties", "several parts", 0.05),
    "shares_of_parts": ("parts en % entre parenthèses après chaque partie", "shares in brackets after each part", 0.65),
    "parallel": ("la même répartition donnée pour deux périodes", "the same breakdown stated for two periods", 0.7),
    "next_paragraph": (
        "répartition poursuivie au paragraphe suivant",
        "breakdown continued in the next paragraph",
        0.55,
    ),
    "enumeration": ("chiffres de même nature énumérés ensemble", "figures of one kind listed together", 0.35),
    "one_sentence": ("dans une même phrase", "in one sentence", 0.15),
    "one_period": ("une seule période", "a single period", 0.1),
    "one_noun": ("même nom compté", "the same counted noun", 0.1),
    "undated": ("sans date", "undated", -0.05),
    "several_nouns": ("objets comptés différents", "different things counted", -0.1),
    "mixed_periods": ("périodes différentes", "different periods", -0.1),
    "joined_neighbour": ("avec le chiffre d’un paragraphe voisin", "with a figure of a neighbouring paragraph", -0.1),
    "single": ("chiffre isolé daté", "a single dated figure", 0.3),
    "has_subject": ("objet compté nommé", "a named counted noun", 0.1),
    "qualified": ("ordre de grandeur (« plus de », « environ »)", "an order of magnitude (“more than”, “about”)", 0.05),
    "series_totals": ("totaux énoncés avant la série", "totals stated before the series", 0.45),
    "measure_kind": ("mesure (ni effectif, ni %, ni montant)", "a measure (not a count, share or amount)", -0.1),
}
HIGH_CONFIDENCE = 0.7
_CONFIDENCE_BOUNDS = (0.05, 0.95)  # no rule makes a table certain, nor rules it out
# How a title names the shape of its table (fr, en); "{s}" is what it counts.
TITLE_SHAPES = {
    "series": ("{s} par année", "{s} by year"),
    "parallel": ("{s} : répartition par année", "{s}: breakdown by year"),
    "parallel_totals": ("{s} au total, par année", "{s} in total, by year"),
    "total": ("{s} : total et répartition", "{s}: total and breakdown"),
    "shares": ("{s} : répartition en %", "{s}: breakdown in %"),
    "series_totals": ("{s} : totaux sur la période", "{s}: totals over the period"),
    "enumeration": ("{s}", "{s}"),
    "single": ("{s}", "{s}"),
}
_BY_PERIOD = ("{s} par période", "{s} by period")
# What a title calls figures whose counted noun the text does not name, by their kind (fr, en).
KIND_WORDS = {
    "count": ("Effectifs", "Counts"),
    "percent": ("Pourcentages", "Percentages"),
    "money": ("Montants", "Amounts"),
    "measure": ("Mesures", "Measures"),
}  # a series whose periods are not all years (nor parts of one)


@dataclass(frozen=True)
class Unit:
    """A table's unit as a definition declares it, the report's words for it, and each line's own count unit."""

    unit: str  # a count unit of contract/units.py, '%' or a currency
    fr: str  # what it counts, in the report's words ('affaires / personnes')
    en: str
    lines: dict[str, str]  # claim id -> its count unit, when the unit is "count" (lines counting different things)


@dataclass(frozen=True)
class Section:
    """The section a table comes from: its key ('VII.H'), title and the report's language; the topic it goes in."""

    key: str
    title: str
    language: str = "fr"  # the language of the report, so of its title

    @classmethod
    def of(cls, paragraph: records.Paragraph, language: str = "fr") -> "Section":
        chapter, section = paragraph.chapter or "", paragraph.section or ""
        return cls(
            f"{chapter}.{section}" if section else chapter,
            paragraph.section_title or paragraph.chapter_title or "",
            language,
        )

    @property
    def topic(self) -> str:
        return slug(f"suggested {self.key}")

    @property
    def topic_title_fr(self) -> str:
        return f"{self.key}. {in_words_of(self.title, self.language, 'fr')}" if self.title else self.key

    @property
    def topic_title_en(self) -> str:
        return f"{self.key}. {in_words_of(self.title, self.language, 'en')}" if self.title else f"Section {self.key}"


def in_words_of(text: str, language: str, page: str) -> str:
    """The report's words as a page in another language shows them: quoted, never passed off as its own words."""
    if language == page or not text:
        return text
    return f"« {text} »" if page == "fr" else f"“{text}”"


def reasons_of(table: Table) -> list[str]:
    """Why a table was found, and what its numbers add: a measure counts less, a single figure with a noun more."""
    claim = table.first.claim
    reasons = table.reasons + (["measure_kind"] if claim.kind == "measure" else [])
    if table.shape == "single" and table.origin == "single":
        reasons += (["has_subject"] if table.first.head else []) + (["qualified"] if claim.qualifier != "exact" else [])
    return list(dict.fromkeys(reasons))


def confidence(reasons: Sequence[str]) -> float:
    """What the reasons add up to, within the bounds."""
    low, high = _CONFIDENCE_BOUNDS
    return round(min(high, max(low, sum(REASONS[r][2] for r in reasons))), 2)


def reasons_text(reasons: Sequence[str], lang: str) -> str:
    """The reasons of a suggestion in one language."""
    if lang == "fr":
        return " ; ".join(REASONS[r][0] for r in reasons)
    return "; ".join(REASONS[r][1] for r in reasons)


def titles(table: Table, covered: str | None, section: Section, owner: str | None = None) -> tuple[str, str]:
    """A French and an English title: what is counted (and whose members, when the text says so: `owner`), how it
    is cut, when, and the section it comes from (by its title, in quotes on a page in another language)."""
    subjects = _table_subjects(table)
    named = [s for s in subjects if s != "…"]
    more = " …" if "…" in subjects else ""
    percent = " (%)" if table.first.claim.unit == "%" and table.origin != "shares" else ""
    language = section.language
    shape_fr, shape_en = _shape_words(table)
    when_fr = periods.label(covered, "fr") if covered else "sans date"
    when_en = periods.label(covered, "en") if covered else "undated"
    if named:
        name_fr = " et ".join(in_words_of(s, language, "fr") for s in named) + more
        name_en = " and ".join(_english_subject(s, language) for s in named) + more
        if owner:  # par. 133: the 30 members of parliament of one association, not of the Parliament
            name_fr += f" membres de {in_words_of(owner, language, 'fr')}"
            name_en += f" in {in_words_of(owner, language, 'en')}"
        name_fr += percent
        if name_en.startswith("“"):  # English does not know what is counted: say what figures these are, for it
            kind_en = _kind_words(table.first.claim)[1]
            name_en = f"{kind_en} for {name_en}" + ("" if table.first.claim.unit == "%" else percent)
        else:
            name_en += percent
    else:  # nothing counted is named: the kind of figures (the section's title in French, as the report names it)
        name_fr, name_en = _kind_words(table.first.claim)
        name_fr = section.title + percent if language == "fr" and section.title else name_fr
    title_fr = f"{_capital(shape_fr.format(s=name_fr))}, {when_fr}"
    title_en = f"{_capital(shape_en.format(s=name_en))}, {when_en}"
    if section.title and (named or language != "fr"):
        title_fr += f" — {in_words_of(section.title, language, 'fr')}"
    if section.title:
        title_en += f" — {in_words_of(section.title, language, 'en')}"
    return title_fr, title_en


def _kind_words(claim: records.Claim) -> tuple[str, str]:
    """What figures of no named noun are, by their kind and unit: 'Percentages', 'Amounts (KZT)'."""
    kind_fr, kind_en = KIND_WORDS.get(claim.kind, KIND_WORDS["count"])
    unit = f" ({claim.unit})" if claim.unit and claim.unit != "%" else ""
    return kind_fr + unit, kind_en + unit


def _english_subject(subject: str, language: str) -> str:
    """A counted phrase for an English title: English as written, French with its noun in English when English
    knows it ('Cases (“affaires pénales”)'), any other in quotes."""
    if language == "en":
        return subject
    return english_subject(subject) if language == "fr" else in_words_of(subject, language, "en")


def _shape_words(table: Table) -> tuple[str, str]:
    """How the title names the table's shape; a series of periods that are not years (nor parts of one) is by period."""
    if table.origin == "series" and not all(
        (p := periods.parse(m.stat.period)) is not None and (p.span == 12 or p.grain in ("half", "months", "quarter"))
        for m in table.members
    ):
        return _BY_PERIOD
    return TITLE_SHAPES[table.origin]


def _table_subjects(table: Table) -> list[str]:
    """What the table counts, in the report's words: one subject, or the first of several ('…' when more)."""
    if table.subject:
        return [table.subject]
    subjects = Counter(m.stat.subject for m in table.members if m.stat.subject)
    if len(subjects) > 1:  # "affaires (jugées)", "personnes (condamnées)": the nouns before the brackets name them
        subjects = Counter(subject_parts(s)[0] for s in subjects.elements())
    if not subjects:
        return []
    if len({subject_head(s) for s in subjects}) == 1:
        return [min(subjects, key=lambda s: (-subjects[s], len(s)))]
    return [s for s, _ in subjects.most_common(2)] + (["…"] if len(subjects) > 2 else [])


def unit_of(table: Table, language: str = "fr") -> Unit:
    """The table's unit: the claims' unit (%, a currency), else the count unit of what it counts, with the words
    of the report (a noun, or a few of them); and each claim's own count unit when they differ (unit 'count')."""
    claims = [m.stat.claim for m in table.members]
    units = {c.unit for c in claims}
    if len(units) == 1 and None not in units:
        (unit,) = (u for u in units if u is not None)
        return Unit(unit, unit, unit, {})
    return _count_unit_of(table, language)


def _count_unit_of(table: Table, language: str) -> Unit:
    """A count's unit: what its total (or each number) counts, in a count unit and in the report's words."""
    claims = [m.stat.claim for m in table.members]
    if table.subject or table.members[0].role == "total":  # parts and shares count what their total counts
        noun = counted_noun(table.subject or claims[0].subject)
        each = {c.claim_id: noun for c in claims}
    else:
        each = {c.claim_id: counted_noun(c.subject) for c in claims}
    nouns = list(dict.fromkeys(each.values()))
    counts = {claim_id: count_unit(noun) for claim_id, noun in each.items()}
    # a definition whose unit is "count" names each line's unit (etl/definitions.py), even one noun of no count unit
    unit = counts[claims[0].claim_id] if len(set(counts.values())) == 1 else MIXED_UNIT
    lines = counts if unit == MIXED_UNIT else {}
    named = [n for n in nouns if n is not None]
    if len(named) < len(nouns) or not named or len(named) > 3:
        return Unit(unit, "effectif", "count", lines)
    # par. 155: "affaires / personnes"
    fr = " / ".join(in_words_of(n, language, "fr") for n in named)
    en = " / ".join(english_noun(n) if language == "fr" else in_words_of(n, language, "en") for n in named)
    return Unit(unit, fr, en, lines)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def slug(text: str) -> str:
    """Text as an id: ASCII letters and digits joined by '_' ('VII.H Apatrides' -> 'vii_h_apatrides')."""
    ascii_text = unicodedata.normalize("NFKD", re.sub(r"[’']", " ", text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
