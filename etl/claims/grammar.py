"""A language's tables compiled into the patterns the claim reader uses, once per language.

The grammar is shared by every language; its words come from the language's tables in `etl/lang/`
(`grammar("en")`). Each pattern is named for what it finds; the tables say which words it holds.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from contract.units import CURRENCIES, TIME_UNITS
from etl.lang import tables
from etl.numbers import MINUS_SIGNS, alternation, digits_pattern
from etl.periods import fill

_EDGE_L, _EDGE_R = r"(?<![\w-])", r"(?![\w-])"
# An identifier's tail: "322-I", "120-NK", "68/237", "6001-16-3-1-7/36", "6.1" (in French), "2022-2024"
_ID_TAIL = r"(?:[-‑/](?:\d+|[A-Z]+)(?![a-z])|\.\d+)*"
# "UNDP/KAZ/2022/01", "A/HRC/10/72", "E/C.12/KAZ/2": a document symbol, letters then two or more slashed parts
_SYMBOL = r"(?P<symbol>\b[A-Z]+(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*){2,})"
_REFERENCE_CHAIN_GAP = r"^\)?\s*(?:,|{words})\s*$"  # "art. 1er (par. 2) et 5"
LOOKBACK = 40  # characters before a number searched for its cue words (all are shorter)


def words(written: Iterable[str]) -> str:
    """An alternation of words, an apostrophe matching both forms ("d'" and "d’")."""
    return alternation(written).replace("'", "['’]")


def of_words(written: Iterable[str]) -> str:
    """'de', "d'", 'of the' -> a regex for one of them and the space after ("d'" takes none)."""
    return "|".join(words([w]) + ("" if w.endswith("'") else r"\s+") for w in sorted(written, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    """A language's tables compiled into the patterns the claim reader uses."""

    tables: ModuleType
    token: re.Pattern[str]
    ordinal_value: re.Pattern[str]
    scale: re.Pattern[str]
    percent: re.Pattern[str]
    money: re.Pattern[str]
    money_units: dict[str, str]  # a currency as written after a number -> its code
    money_prefix: re.Pattern[str] | None
    measure: re.Pattern[str]
    dating_before: re.Pattern[str] | None
    dating_after: re.Pattern[str] | None
    time_compound: re.Pattern[str]
    qualifier: re.Pattern[str]
    qualifier_of: dict[str, str]
    reference_cue: re.Pattern[str]
    chain_gap: re.Pattern[str]
    chain_next: re.Pattern[str]
    in_gap: re.Pattern[str]
    quantity_noun_end: re.Pattern[str]
    share_of_before: re.Pattern[str]
    clause_join: re.Pattern[str]
    range_gap: re.Pattern[str]
    subject_of: re.Pattern[str]
    subject_connectors: frozenset[str]
    number_of: re.Pattern[str]
    provision_cue: re.Pattern[str]
    time_limit_before: re.Pattern[str]
    age_cue: re.Pattern[str]
    age_before: re.Pattern[str]
    undated_cue: re.Pattern[str]
    participation: re.Pattern[str]
    range_opener: re.Pattern[str]
    growth_cue: re.Pattern[str]
    measured_noun: re.Pattern[str]
    list_end: re.Pattern[str]
    list_cut: re.Pattern[str]
    bare_of: re.Pattern[str]
    definite_of: re.Pattern[str]
    pronoun_of: re.Pattern[str]
    predicate: re.Pattern[str]
    participation_after: re.Pattern[str]
    of_them: re.Pattern[str]
    participation_before: re.Pattern[str]
    alternative_gap: re.Pattern[str]
    label_start: re.Pattern[str]
    day_range_end: re.Pattern[str]
    age_after: re.Pattern[str]
    planned_cue: re.Pattern[str]
    negation: re.Pattern[str]
    age_noun: re.Pattern[str]
    article_counted: re.Pattern[str]
    pronoun_taking_up: re.Pattern[str]
    leading_article: re.Pattern[str]

    def ends_subject(self, word: str) -> bool:
        """Whether a word cannot end a noun phrase: a stopword or a connector ("registered on [that basis]")."""
        lower = word.lower()
        return lower in self.tables.SUBJECT_STOPWORDS or lower in self.subject_connectors


@cache
def grammar(lang: str) -> Grammar:
    """The patterns of a supported language, compiled once."""
    t = tables(lang)
    plural = "|".join(re.escape(e) for e in t.PLURAL_ENDINGS)
    qualifier_cues = words(c for c, _ in t.QUALIFIER_CUES)
    quantity_words = list(t.SCALE_WORDS) + list(t.APPROX_NOUNS) + [f.split()[-1] for f in t.FRACTIONS]
    return Grammar(
        tables=t,
        token=re.compile(_token_pattern(t)),
        ordinal_value=re.compile(rf"(\d+)(?:{alternation(t.ORDINAL_SUFFIXES)})?"),
        scale=re.compile(rf"\s+(?:{alternation(t.SCALE_WORDS)})(?!\w)"),
        percent=re.compile(rf"\s*(?:{alternation(t.PERCENT_UNITS)})(?!\w)"),
        money=re.compile(_money_pattern(t)),
        money_units=money_units(t),
        money_prefix=_compiled_if(t.MONEY_PREFIXES, rf"(?P<unit>{alternation(t.MONEY_PREFIXES)})\s?$"),
        measure=re.compile(_measure_pattern(t)),
        dating_before=_compiled_if(t.DATING_BEFORE, rf"(?i)(?<!\w)(?:{alternation(t.DATING_BEFORE)})\s+$"),
        dating_after=_compiled_if(t.DATING_AFTER, rf"(?i)\s+(?:{alternation(t.DATING_AFTER)})(?!\w)"),
        time_compound=re.compile(_time_compound_pattern(t)),
        qualifier=re.compile(rf"(?i)(?<!\w)(?P<cue>{qualifier_cues})\s*$"),
        qualifier_of={cue.replace("'", "’"): q for cue, q in t.QUALIFIER_CUES} | dict(t.QUALIFIER_CUES),
        # "ICCPR-OP 2": a cue may follow a hyphen or a slash
        reference_cue=re.compile(rf"(?i)(?:^|[\s(’'/-])(?:{alternation(t.REFERENCE_CUES)})\s*$"),
        chain_gap=re.compile(_REFERENCE_CHAIN_GAP.format(words=words(t.LIST_WORDS))),
        # "articles 31 and 32 (Uruguay)": a bracket may follow the last of the chain
        chain_next=re.compile(rf"^\s*(?:,|(?:{words(t.AFTER_REFERENCE_WORDS)})(?!\w)|\)|\(|;|\.|:|$)"),
        in_gap=re.compile(rf"\s*(?:{t.IN_WORDS})?\s*"),
        quantity_noun_end=re.compile(rf"(?:{alternation(quantity_words)})(?:{plural})?$"),
        share_of_before=re.compile(rf"(?:{words(t.SHARE_OF_BEFORE)})\s*(?:(?:{words(t.ARTICLES)})\s+)?$"),
        clause_join=re.compile(rf",\s+{t.AND}\s"),
        range_gap=re.compile(rf"^\s*(?:{words(t.RANGE_WORDS)}|-|–)\s*$"),
        subject_of=re.compile(rf"\s*(?:{of_words(t.OF_WORDS)})"),
        subject_connectors=frozenset(t.SUBJECT_CONNECTORS) | {c.replace("'", "’") for c in t.SUBJECT_CONNECTORS},
        number_of=re.compile(rf"(?i)\b{t.NUMBER_OF}"),
        provision_cue=re.compile(rf"(?i)(?<!\w)(?:{words(t.PROVISION_CUES)})"),
        time_limit_before=re.compile(rf"(?i)(?<!\w)(?:{words(t.TIME_LIMIT_BEFORE)})\s*$"),
        age_cue=re.compile(rf"(?i)(?<!\w)(?:{words(t.AGE_CUES + t.AGE_BEFORE)})"),
        age_before=re.compile(rf"(?i)(?<!\w)(?:{words(t.AGE_BEFORE)})\s*$"),
        undated_cue=re.compile(rf"(?i)(?<!\w)(?:{'|'.join(t.UNDATED_CUES)})(?!\w)"),
        participation=re.compile(rf"(?i)(?<!\w)(?:{words(t.PARTICIPATION_CUES)})(?!\w)"),
        range_opener=re.compile(rf"(?i)(?<!\w)(?:{words(t.RANGE_OPENERS)})\s*$"),
        growth_cue=re.compile(rf"(?i)(?<!\w)(?:{words(t.GROWTH_CUES)})\s*$"),
        measured_noun=re.compile(rf"(?i)(?<!\w)(?:{words(t.MEASURED_NOUNS)})(?!\w)"),
        # "98 % des établissements …, 97 % d'agents"; Spanish puts an article before: ", el 97 %"
        list_end=re.compile(rf"(?:,|(?<!\w)(?:{t.AND}))\s*(?:(?:{words(t.ARTICLES)})\s+)?$"),
        list_cut=re.compile(rf"[,;:()]|(?<!\w)(?:{t.AND})(?!\w)|\.(?:\s|$)"),
        pronoun_of=re.compile(rf"(?i)\s*(?:{words(t.PRONOUN_OF)})(?!\w)"),
        alternative_gap=re.compile(rf"^\s*(?:{words(t.LIST_WORDS)})\s*$"),
        label_start=re.compile(rf"[,;:()]|(?<!\w)(?:{words(t.LABEL_OPENERS)})(?!\w)"),
        of_them=re.compile(rf"(?i)\s*(?:{words(t.OF_THEM)})(?!\w)"),
        participation_before=re.compile(
            rf"(?i)(?<!\w)(?P<cue>{words(t.PARTICIPATION_CUES)})\s+(?:{qualifier_cues})?\s*$"
        ),
        participation_after=re.compile(rf"(?i)\s+(?P<cue>{words(t.PARTICIPATION_CUES)})(?!\w)"),
        predicate=re.compile(rf"(?i)(?:\s+(?:{alternation(t.AUXILIARIES)})(?!\w))+\s+(?P<words>\w)"),
        bare_of=re.compile(rf"\s*(?:{of_words(t.BARE_OF)})"),
        definite_of=re.compile(rf"\s*(?:{of_words(t.DEFINITE_OF)})"),
        day_range_end=re.compile(
            rf"(?i)\s*(?:{words(t.DAY_RANGE_WORDS)})\s*(?:{t.DAY})\s+(?:{of_words(t.DAY_OF)})?"
            rf"(?:{alternation(t.MONTHS)})(?!\w)"
        ),
        age_after=re.compile(rf"(?i)\s*(?:{words(t.AGE_AFTER)})(?!\w)"),
        planned_cue=re.compile(rf"(?i)(?<!\w)(?:{'|'.join(t.PLANNED_CUES)})(?!\w)"),
        # "n'ont noté": a negation right after a noun phrase ("(?!)" where the language has none there)
        article_counted=re.compile(t.ARTICLE_COUNTED_AFTER),
        pronoun_taking_up=re.compile(rf"(?i){t.PRONOUN_TAKING_UP}"),
        age_noun=re.compile(rf"(?i)(?<!\w)(?:{words(t.AGE_CUES)})(?!\w)"),
        leading_article=re.compile(rf"(?i)(?:{words(t.ARTICLES)})\s+"),
        negation=re.compile(rf"(?i)\s+(?:{words(t.NEGATIONS)})(?:(?<=['’])|\s+)" if t.NEGATIONS else "(?!)"),
    )


def _compiled_if(table: Iterable[str], pattern: str) -> re.Pattern[str] | None:
    """The pattern of a table that a language may leave empty (no currency written before a number in French)."""
    return re.compile(pattern) if table else None


def _token_pattern(t: ModuleType) -> str:
    """Every way a number is written, one named group each, tried in this order (`lastgroup` says which)."""
    word = f"(?:{alternation(t.NUMBER_WORDS)})"
    words_start = f"(?:{alternation(t.INDEFINITE_ONE)}|{word})" if t.INDEFINITE_ONE else word
    parts = [
        _SYMBOL,
        rf"(?P<date>{_date_pattern(t)})",
        rf"(?P<roman_ref>{_roman_reference_pattern(t)})",
    ]
    if t.ROMAN_ORDINAL_SUFFIX:  # "XXXIVe" (session) in French
        parts.append(rf"(?P<roman_ordinal>(?<!\w)[IVXLC]{{2,}}{t.ROMAN_ORDINAL_SUFFIX}(?!\w))")
    parts += [
        rf"(?P<ordinal>(?<!\w)\d+(?:{alternation(t.ORDINAL_SUFFIXES)})(?!\w))",
        r"(?P<glued>(?<!\w)\d+[A-Za-z]{2,}\w*)",
        rf"(?P<number>(?<!\w)[+{re.escape(MINUS_SIGNS)}]?(?P<digits>{digits_pattern(t.CODE)})(?P<tail>{_ID_TAIL}))",
        rf"(?i:(?P<fraction>{_EDGE_L}(?:{_fraction_pattern(t)}){_EDGE_R}))",
        rf"(?i:(?P<approx>{_EDGE_L}(?:{_approx_pattern(t)}){_EDGE_R}))",
        rf"(?i:(?P<ordinal_word>{_EDGE_L}(?:{word}-)*(?:{_ordinal_words(t)}){_EDGE_R}))",
        rf"(?i:(?P<zero>{_EDGE_L}(?:{alternation(t.ZERO_WORDS) if t.ZERO_WORDS else '(?!)'}){_EDGE_R}(?={t.ZERO_AFTER})))",
        rf"(?i:(?P<words>{_EDGE_L}{words_start}(?:(?:{t.WORD_JOINER}){word})*{_EDGE_R}))",
    ]
    return "|".join(parts)


def _ordinal_words(t: ModuleType) -> str:
    """The ordinal words; those mostly adjectives ("première instance") only before another noun."""
    plain = [w for w in t.ORDINAL_WORDS if w not in t.ORDINAL_ADJECTIVES]
    if not t.ORDINAL_ADJECTIVES:
        return alternation(plain)
    not_before = words(t.ORDINAL_ADJECTIVE_NOT_BEFORE)
    return rf"{alternation(plain)}|(?:{alternation(t.ORDINAL_ADJECTIVES)})(?!\s*(?:{not_before})(?!\w)|\s*[^\w\s])"


def _date_pattern(t: ModuleType) -> str:
    """A day with its month and year, a month with its year ("26 août 1998"), or a day and month alone."""
    dates = [fill(p, t.CODE, named=False) for p in t.DAY_DATES + t.MONTH_YEARS]
    day_months = [fill(p, t.CODE, named=False) for p in t.DAY_MONTHS]
    return rf"(?<!\d)(?:{'|'.join(dates)})(?!\d)|(?<!\d)(?:{'|'.join(day_months)}){_EDGE_R}"


def _roman_reference_pattern(t: ModuleType) -> str:
    """A roman numeral after a cue such as "sect." ("voir sect. XII"), the cue capitalised or not."""
    cues = dict.fromkeys(c for cue in t.ROMAN_REFERENCE_CUES for c in (cue, cue[:1].upper() + cue[1:]))
    return "|".join(rf"(?<={re.escape(c)}\s)[IVXLC]+\b" for c in cues)


def _fraction_pattern(t: ModuleType) -> str:
    """'two thirds' or 'two-thirds'."""
    return alternation(t.FRACTIONS).replace(r"\s+", r"[\s-]+")


def _approx_pattern(t: ModuleType) -> str:
    """'une centaine', 'deux douzaines'; a noun that holds its count ("half a dozen") stands alone."""
    plural = "|".join(re.escape(e) for e in t.PLURAL_ENDINGS)
    approx = rf"(?:{alternation(t.APPROX_COUNTS)})\s+(?:{alternation(t.APPROX_NOUNS)})(?:{plural})?"
    spaced = [n for n in t.APPROX_NOUNS if " " in n]  # "half a dozen", "media docena": counted already
    return approx + f"|{alternation(spaced)}" if spaced else approx


def money_units(t: ModuleType) -> dict[str, str]:
    """The language's words for currencies, and the codes of contract/units.py, which every language writes as they are."""
    return {code: code for code in CURRENCIES} | dict(t.MONEY_UNITS)


def _money_pattern(t: ModuleType) -> str:
    """A currency after the number, after "de"/"d'" where the language writes one ("230 millions de tenge")."""
    money_of = of_words(t.UNIT_OF)
    unit = rf"(?P<unit>{alternation(money_units(t))})(?!\w)"
    return rf"\s+(?:{money_of})?{unit}" if money_of else rf"\s+{unit}"


def _time_compound_pattern(t: ModuleType) -> str:
    """A unit of time joined to the number by a hyphen, before a noun ("a 10-year plan", "a 24-hour service");
    not an age ("5-year-old"), whose hyphen goes on."""
    units = [word for word, code in t.MEASURE_UNITS.items() if code in TIME_UNITS]
    return rf"[-‑](?P<unit>{alternation(units)})(?![\w‑-])(?=\s+\w)"


def _measure_pattern(t: ModuleType) -> str:
    """A unit of measure after the number; in French and Spanish an adjective may come between
    ("trois dernières années"); a language with none keeps an always-empty group."""
    if t.UNIT_ADJECTIVES:
        adjective = rf"\s+(?:(?P<adjective>{alternation(t.UNIT_ADJECTIVES)})\s+)?"
    else:
        adjective = r"\s+(?P<adjective>(?!))?"
    return adjective + rf"(?P<unit>{alternation(t.MEASURE_UNITS)})(?!\w)"
