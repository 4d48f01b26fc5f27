"""Every number written in a paragraph, as a claim: value, unit, kind, qualifier, period, subject.

The grammar is shared by every language; its words come from the language's tables in
`etl/lang/` and are compiled once per language (`_grammar("en")`).
"""

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from types import ModuleType

from contract.periods import from_bounds, parse as parse_period
from contract.schema import STATISTIC_KINDS
from etl.lang import tables
from etl.numbers import MAX_DIGITS, MINUS_SIGNS, alternation, digits_pattern, parse_number
from etl.periods import TimeExpression, fill, find_time_expressions
from etl.segment import roman_to_int
from etl.sentences import split_sentences

# A claim keeps its whole sentence up to this length; past it, the words around the number
# (a 200 KB "sentence" of numbers would otherwise be copied once per claim).
SENTENCE_MAX = 1_000
# No paragraph of a report states this many numbers (par. 249, the richest, has 31; a table
# pasted as one line of 16 000 numbers is still read, tests/test_robustness.py); past it the text
# is an attack (issue 12: "1 " two million times gave 2 million claims in 341 s and 8.2 GB).
MAX_CLAIMS_PER_PARAGRAPH = 20_000


class ClaimLimitError(ValueError):
    """A paragraph beyond what the reader takes: too many numbers, or a number too long."""


@dataclass
class Claim:
    text: str
    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    qualifier: str
    period: str | None
    subject: str | None
    sentence: str


_EDGE_L, _EDGE_R = r"(?<![\w-])", r"(?![\w-])"
# An identifier's tail: "322-I", "120-NK", "68/237", "6001-16-3-1-7/36", "6.1" (in French), "2022-2024"
_ID_TAIL = r"(?:[-‑/](?:\d+|[A-Z]+)(?![a-z])|\.\d+)*"
_REFERENCE_CHAIN_GAP = r"^\)?\s*(?:,|{words})\s*$"  # "art. 1er (par. 2) et 5"
_ACRONYM_AFTER_RE = re.compile(r"^\s+[A-Z]{2,}\b")
_YEAR_SPAN_RE = re.compile(r"^(?P<y1>\d{4})[-‑](?P<y2>\d{4})$")
_SCHOOL_YEAR_RE = re.compile(r"^(?P<y>\d{4})/(?P<yy>\d{2})$")
_LABEL_GAP_RE = re.compile(r"\s*:\s*")
_BOUNDING_COMMA_RE = re.compile(r",(?!\d{3})|(?<!\d),")
_LOOKBACK = 40  # characters before a number searched for its cue words (all are shorter)
_MODIFIER_RE = re.compile(r"(?P<word>[^\W\d_][\w\-]*)\s+")
_WORD_AFTER_RE = re.compile(r"\s+(?P<words>[^\W\d_][\w\-]*)")
_SKIP_BRACKETS_RE = re.compile(r"\s*\([^()]*\)")
_SUBJECT_TOKEN_RE = re.compile(r"\s*((?:[dlDL]['’])|[^\W\d_][\w\-]*)")


def _words(words) -> str:
    """An alternation of words, an apostrophe matching both forms ("d'" and "d’")."""
    return alternation(words).replace("'", "['’]")


def _of(words) -> str:
    """'de', "d'", 'of the' -> a regex for one of them and the space after ("d'" takes none)."""
    return "|".join(_words([w]) + ("" if w.endswith("'") else r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    """A language's tables compiled into the patterns the claim reader uses."""

    tables: ModuleType
    token: re.Pattern
    ordinal_value: re.Pattern
    scale: re.Pattern
    percent: re.Pattern
    money: re.Pattern
    money_prefix: re.Pattern | None
    measure: re.Pattern
    dating_before: re.Pattern | None
    qualifier: re.Pattern
    qualifier_of: dict
    reference_cue: re.Pattern
    chain_gap: re.Pattern
    chain_next: re.Pattern
    in_gap: re.Pattern
    quantity_noun_end: re.Pattern
    share_of_before: re.Pattern
    clause_join: re.Pattern
    range_gap: re.Pattern
    subject_of: re.Pattern
    subject_connectors: frozenset
    number_of: re.Pattern
    provision_cue: re.Pattern
    time_limit_before: re.Pattern
    age_cue: re.Pattern
    age_before: re.Pattern
    undated_cue: re.Pattern
    participation: re.Pattern
    range_opener: re.Pattern
    growth_cue: re.Pattern
    measured_noun: re.Pattern
    list_end: re.Pattern
    list_cut: re.Pattern
    bare_of: re.Pattern
    definite_of: re.Pattern
    pronoun_of: re.Pattern
    predicate: re.Pattern
    participation_after: re.Pattern
    of_them: re.Pattern
    participation_before: re.Pattern
    alternative_gap: re.Pattern
    label_start: re.Pattern


@cache
def _grammar(lang: str) -> _Grammar:
    t = tables(lang)
    word = f"(?:{alternation(t.NUMBER_WORDS)})"
    words_start = f"(?:{alternation(t.INDEFINITE_ONE)}|{word})" if t.INDEFINITE_ONE else word
    dates = [fill(p, lang, named=False) for p in t.DAY_DATES + t.MONTH_YEARS]
    day_months = [fill(p, lang, named=False) for p in t.DAY_MONTHS]
    romans = "|".join(
        rf"(?<={re.escape(c)}\s)[IVXLC]+\b" for cue in t.ROMAN_REFERENCE_CUES for c in {cue, cue[:1].upper() + cue[1:]}
    )
    suffixes = alternation(t.ORDINAL_SUFFIXES)
    spaced = [n for n in t.APPROX_NOUNS if " " in n]  # "half a dozen", "media docena": counted already
    plural = "|".join(re.escape(e) for e in t.PLURAL_ENDINGS)
    approx = rf"(?:{alternation(t.APPROX_COUNTS)})\s+(?:{alternation(t.APPROX_NOUNS)})(?:{plural})?"
    if spaced:
        approx += f"|{alternation(spaced)}"
    fractions = alternation(t.FRACTIONS).replace(r"\s+", r"[\s-]+")  # "two thirds" or "two-thirds"
    parts = [
        r"(?P<symbol>\b[A-Z]{2,}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*){2,})",
        rf"(?P<date>(?<!\d)(?:{'|'.join(dates)})(?!\d)|(?<!\d)(?:{'|'.join(day_months)}){_EDGE_R})",
        rf"(?P<roman_ref>{romans})",
    ]
    if t.ROMAN_ORDINAL_SUFFIX:
        parts.append(rf"(?P<roman_ordinal>(?<!\w)[IVXLC]{{2,}}{t.ROMAN_ORDINAL_SUFFIX}(?!\w))")
    parts += [
        rf"(?P<ordinal>(?<!\w)\d+(?:{suffixes})(?!\w))",
        r"(?P<glued>(?<!\w)\d+[A-Za-z]{2,}\w*)",
        rf"(?P<number>(?<!\w)[+{re.escape(MINUS_SIGNS)}]?(?P<digits>{digits_pattern(lang)})(?P<tail>{_ID_TAIL}))",
        rf"(?i:(?P<fraction>{_EDGE_L}(?:{fractions}){_EDGE_R}))",
        rf"(?i:(?P<approx>{_EDGE_L}(?:{approx}){_EDGE_R}))",
        rf"(?i:(?P<ordinal_word>{_EDGE_L}(?:{word}-)*(?:{alternation(t.ORDINAL_WORDS)}){_EDGE_R}))",
        rf"(?i:(?P<words>{_EDGE_L}{words_start}(?:(?:{t.WORD_JOINER}){word})*{_EDGE_R}))",
    ]
    money_of = _of(t.UNIT_OF)
    quantity_words = list(t.SCALE_WORDS) + list(t.APPROX_NOUNS) + [f.split()[-1] for f in t.FRACTIONS]
    return _Grammar(
        tables=t,
        token=re.compile("|".join(parts)),
        ordinal_value=re.compile(rf"(\d+)(?:{suffixes})?"),
        scale=re.compile(rf"\s+(?:{alternation(t.SCALE_WORDS)})(?!\w)"),
        percent=re.compile(rf"\s*(?:{alternation(t.PERCENT_UNITS)})(?!\w)"),
        money=re.compile(
            rf"\s+(?:{money_of})?(?P<unit>{alternation(t.MONEY_UNITS)})(?!\w)"
            if money_of
            else rf"\s+(?P<unit>{alternation(t.MONEY_UNITS)})(?!\w)"
        ),
        money_prefix=re.compile(rf"(?P<unit>{alternation(t.MONEY_PREFIXES)})\s?$") if t.MONEY_PREFIXES else None,
        measure=re.compile(
            # "trois dernières années" (fr, es); a language with none keeps an always-empty group
            (
                rf"\s+(?:(?P<adjective>{alternation(t.UNIT_ADJECTIVES)})\s+)?"
                if t.UNIT_ADJECTIVES
                else r"\s+(?P<adjective>(?!))?"
            )
            + rf"(?P<unit>{alternation(t.MEASURE_UNITS)})(?!\w)"
        ),
        dating_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(t.DATING_BEFORE)})\s+$") if t.DATING_BEFORE else None,
        qualifier=re.compile(rf"(?i)(?<!\w)(?P<cue>{_words(c for c, _ in t.QUALIFIER_CUES)})\s*$"),
        qualifier_of={cue.replace("'", "’"): q for cue, q in t.QUALIFIER_CUES} | dict(t.QUALIFIER_CUES),
        reference_cue=re.compile(rf"(?i)(?:^|[\s(’'])(?:{alternation(t.REFERENCE_CUES)})\s*$"),
        chain_gap=re.compile(_REFERENCE_CHAIN_GAP.format(words=_words(t.LIST_WORDS))),
        chain_next=re.compile(rf"^\s*(?:,|(?:{_words(t.AFTER_REFERENCE_WORDS)})(?!\w)|\)|;|\.|:|$)"),
        in_gap=re.compile(rf"\s*(?:{t.IN_WORDS})?\s*"),
        quantity_noun_end=re.compile(rf"(?:{alternation(quantity_words)})(?:{plural})?$"),
        share_of_before=re.compile(rf"(?:{_words(t.SHARE_OF_BEFORE)})\s*(?:(?:{_words(t.ARTICLES)})\s+)?$"),
        clause_join=re.compile(rf",\s+{t.AND}\s"),
        range_gap=re.compile(rf"^\s*(?:{_words(t.RANGE_WORDS)}|-|–)\s*$"),
        subject_of=re.compile(rf"\s*(?:{_of(t.OF_WORDS)})"),
        subject_connectors=frozenset(t.SUBJECT_CONNECTORS) | {c.replace("'", "’") for c in t.SUBJECT_CONNECTORS},
        number_of=re.compile(rf"(?i)\b{t.NUMBER_OF}"),
        provision_cue=re.compile(rf"(?i)(?<!\w)(?:{_words(t.PROVISION_CUES)})"),
        time_limit_before=re.compile(rf"(?i)(?<!\w)(?:{_words(t.TIME_LIMIT_BEFORE)})\s*$"),
        age_cue=re.compile(rf"(?i)(?<!\w)(?:{_words(t.AGE_CUES + t.AGE_BEFORE)})"),
        age_before=re.compile(rf"(?i)(?<!\w)(?:{_words(t.AGE_BEFORE)})\s*$"),
        undated_cue=re.compile(rf"(?i)(?<!\w)(?:{'|'.join(t.UNDATED_CUES)})(?!\w)"),
        participation=re.compile(rf"(?i)(?<!\w)(?:{_words(t.PARTICIPATION_CUES)})(?!\w)"),
        range_opener=re.compile(rf"(?i)(?<!\w)(?:{_words(t.RANGE_OPENERS)})\s*$"),
        growth_cue=re.compile(rf"(?i)(?<!\w)(?:{_words(t.GROWTH_CUES)})\s*$"),
        measured_noun=re.compile(rf"(?i)(?<!\w)(?:{_words(t.MEASURED_NOUNS)})(?!\w)"),
        # "98 % des établissements …, 97 % d'agents"; Spanish puts an article before: ", el 97 %"
        list_end=re.compile(rf"(?:,|(?<!\w)(?:{t.AND}))\s*(?:(?:{_words(t.ARTICLES)})\s+)?$"),
        list_cut=re.compile(rf"[,;:()]|(?<!\w)(?:{t.AND})(?!\w)|\.(?:\s|$)"),
        pronoun_of=re.compile(rf"(?i)\s*(?:{_words(t.PRONOUN_OF)})(?!\w)"),
        alternative_gap=re.compile(rf"^\s*(?:{_words(t.LIST_WORDS)})\s*$"),
        label_start=re.compile(rf"[,;:()]|(?<!\w)(?:{_words(t.LABEL_OPENERS)})(?!\w)"),
        of_them=re.compile(rf"(?i)\s*(?:{_words(t.OF_THEM)})(?!\w)"),
        participation_before=re.compile(
            rf"(?i)(?<!\w)(?P<cue>{_words(t.PARTICIPATION_CUES)})\s+(?:{_words(c for c, _ in t.QUALIFIER_CUES)})?\s*$"
        ),
        participation_after=re.compile(rf"(?i)\s+(?P<cue>{_words(t.PARTICIPATION_CUES)})(?!\w)"),
        predicate=re.compile(rf"(?i)(?:\s+(?:{alternation(t.AUXILIARIES)})(?!\w))+\s+(?P<words>\w)"),
        bare_of=re.compile(rf"\s*(?:{_of(t.BARE_OF)})"),
        definite_of=re.compile(rf"\s*(?:{_of(t.DEFINITE_OF)})"),
    )


def extract_claims(text: str, lang: str = "fr") -> list[Claim]:
    """The numeric claims of one paragraph's text in the given language, in order; offsets index that text."""
    g = _grammar(lang)
    claims: list[Claim] = []
    carried, previous_end = _Carried(), 0
    for s_start, s_end in split_sentences(text, lang):
        sentence = text[s_start:s_end]
        if "\n" in text[previous_end:s_start]:
            carried.frame = None  # a bullet or an a)/b) item is dated on its own
        found, frame = _sentence_claims(sentence, carried, g, MAX_CLAIMS_PER_PARAGRAPH - len(claims))
        claims += [_shift(c, s_start) for c in found]
        carried = _carried_from(sentence, found, carried, frame)
        previous_end = s_end
    return claims


@dataclass
class _Carried:
    """What a sentence hands to the next: its period; while a list it opened with a colon
    goes on, the list's period and subject; and its frame, the one period it states outside
    parentheses, with whether a statistic of the sentence has it."""

    period: str | None = None
    in_list: bool = False
    list_period: str | None = None
    list_subject: str | None = None
    frame: str | None = None
    frame_dated: bool = False
    subject: str | None = None  # the last count's, for "Parmi elles, 376 700 …" (par. 89)


def _carried_from(sentence: str, claims: list[Claim], before: _Carried, frame: str | None) -> _Carried:
    stats = [c for c in claims if c.kind in STATISTIC_KINDS]
    period = next((c.period for c in reversed(stats) if c.period), None)
    dated = frame is not None and any(c.period == frame for c in stats)
    subject = next((c.subject.split(" (")[0] for c in reversed(stats) if c.subject and c.kind == "count"), None)
    ending = sentence.rstrip()[-1:]
    if ending == ":":
        # par. 317: "... 78 procédures pénales ..., dont :" then one line per article
        return _Carried(period, True, period, subject, frame, dated, subject)
    if before.in_list and ending == ";":
        return _Carried(period, True, before.list_period, before.list_subject, frame, dated, subject)
    return _Carried(period, frame=frame, frame_dated=dated, subject=subject)


def _shift(claim: Claim, offset: int) -> Claim:
    """The claim in paragraph offsets; a very long sentence is kept only around the number."""
    if len(claim.sentence) > SENTENCE_MAX:
        claim.sentence = _around(claim.sentence, claim.start, claim.end)
    claim.start += offset
    claim.end += offset
    return claim


def _around(sentence: str, start: int, end: int) -> str:
    """About SENTENCE_MAX characters of the sentence around [start, end), cut between words."""
    room = SENTENCE_MAX // 2
    left, right = max(0, start - room), min(len(sentence), end + room)
    if left > 0:
        left = sentence.find(" ", left, start) + 1 or left
    if right < len(sentence):
        space = sentence.rfind(" ", end, right)
        right = space if space != -1 else right
    return sentence[left:right]


def _sentence_claims(sentence: str, carried: _Carried, g: _Grammar, room: int) -> tuple[list[Claim], str | None]:
    """Claims of one sentence and its frame (see _Carried); `carried` is what the previous
    sentence hands on; at most `room` claims."""
    times = _Times.of(sentence, find_time_expressions(sentence, g.tables.CODE))
    claims: list[Claim] = []
    pos = 0
    while m := g.token.search(sentence, pos):
        new = _claims_from_token(m, sentence, claims, g)
        claims += new
        if len(claims) > room:
            raise ClaimLimitError(
                f"more than {MAX_CLAIMS_PER_PARAGRAPH} numbers in one paragraph; "
                "split the text into paragraphs or leave out the tables"
            )
        pos = max([m.end()] + [c.end for c in new])
    _share_range_units(sentence, claims, g)
    _mark_provisions(sentence, claims, g)
    opens_with_carry = sentence.lower().startswith(g.tables.CARRY_PERIOD_OPENERS)
    chains = _paren_chains(sentence)
    for claim in claims:
        _date_inside_time_expression(claim, times)
    for claim in claims:
        if claim.kind in STATISTIC_KINDS:
            claim.period = _period_for(claim, sentence, times, chains, g)
            if claim.period is None and carried.in_list:
                claim.period = carried.list_period
            elif claim.period is None and opens_with_carry:
                claim.period = carried.period
            if claim.period is None:
                claim.period = _neighbour_period(claim, sentence, claims, times, carried, g)
    _range_endpoints(sentence, claims, g)
    _growth_spans(sentence, claims, g)
    _fill_subjects(sentence, claims, chains, carried, g)
    return claims, _own_period(times, chains) or _carried_frame(claims, times, carried)


def _claims_from_token(m: re.Match, sentence: str, before: list[Claim], g: _Grammar) -> list[Claim]:
    """Zero, one or two claims for one token match (a year span gives two)."""
    group, raw = m.lastgroup, m.group()
    start, end = m.start(), m.end()
    if group == "number" and (digits := sum(ch.isdigit() for ch in m["digits"])) > MAX_DIGITS:
        raise ClaimLimitError(
            f"a number of {digits} digits (at most {MAX_DIGITS}) at "
            f"“{sentence[max(0, start - 20) : start + 20]}…”; check that the text is a report"
        )
    if group == "symbol":
        return [_claim(sentence, start, end, math.nan, None, "reference")]
    if group == "date":
        return [_claim(sentence, start, end, math.nan, None, "date")]
    if group == "roman_ref":
        return [_claim(sentence, start, end, float(roman_to_int(raw)), None, "reference")]
    if group == "roman_ordinal":
        return [_claim(sentence, start, end, float(roman_to_int(raw[:-1])), None, "ordinal")]
    if group == "glued":  # "119Kenesbot": a name with digits in it
        return [_claim(sentence, start, end, math.nan, None, "reference")]
    if _is_reference(sentence, start, end, before, g):
        number = g.ordinal_value.fullmatch(raw)
        value = float(number[1]) if number else _value_or_nan(raw, g)
        return [_claim(sentence, start, end, value, None, "reference")]
    if group == "ordinal":
        return [_claim(sentence, start, end, float(re.match(r"\d+", raw)[0]), None, "ordinal")]
    if group == "ordinal_word":
        return [_claim(sentence, start, end, _value_or_nan(raw, g), None, "ordinal")]
    if group == "number" and (span := _YEAR_SPAN_RE.match(raw)):
        return [
            _claim(sentence, start, start + 4, float(span["y1"]), None, "year", period=span["y1"]),
            _claim(sentence, end - 4, end, float(span["y2"]), None, "year", period=span["y2"]),
        ]
    if group == "number" and (school := _SCHOOL_YEAR_RE.match(raw)):
        return [_claim(sentence, start, end, float(school["y"]), None, "year", period=raw)]
    if group == "number" and m["tail"]:
        return [_claim(sentence, start, end, math.nan, None, "reference")]
    return _statistic(sentence, group, start, end, g)


def _statistic(sentence: str, group: str, start: int, end: int, g: _Grammar) -> list[Claim]:
    """A count, percent, money or measure claim, its span widened to scale, unit and qualifier."""
    t = g.tables
    raw = sentence[start:end]
    if group == "words" and raw.lower() in t.ARTICLE_NUMBERS and not _unit_follows(sentence, end, g):
        return []  # the article "un"/"une", the pronoun "one", not the number one
    has_scale = False
    if group in ("number", "words") and (s := g.scale.match(sentence, end)):
        end, has_scale = s.end(), True
    value_end = end
    unit, kind = None, "count"
    if group == "fraction":
        unit, kind = "%", "percent"
    elif p := g.percent.match(sentence, end):
        end, unit, kind = p.end(), "%", "percent"
    elif mo := g.money.match(sentence, end):
        end, unit, kind = mo.end(), t.MONEY_UNITS[_key(t.MONEY_UNITS, mo["unit"])], "money"
    elif me := g.measure.match(sentence, end):
        end, unit, kind = me.end(), t.MEASURE_UNITS[_key(t.MEASURE_UNITS, me["unit"])], "measure"
        if me["adjective"] or (g.dating_before and g.dating_before.search(sentence, max(0, start - 20), start)):
            kind = (
                "date"  # "au cours des trois dernières années", "over the past three years" place, they do not measure
            )
    try:
        value = parse_number(sentence[start:value_end], t.CODE)
    except ValueError:
        return []  # "des milliers": a noun with no value of its own
    if group == "fraction":
        value *= 100
    if (
        kind == "count"
        and unit is None
        and not has_scale
        and group == "number"
        and re.fullmatch(r"(?:1[89]|20)\d\d", raw)
    ):
        return [_claim(sentence, start, end, value, None, "year", period=raw)]  # "jusqu'à 2025"
    if not math.isfinite(value):
        return []
    if kind == "count" and g.money_prefix and (pre := g.money_prefix.search(sentence, max(0, start - 4), start)):
        start, unit, kind = pre.start(), t.MONEY_PREFIXES[pre["unit"]], "money"  # "$880 million"
    qualifier = "approx" if group == "approx" else "exact"
    window = max(0, start - _LOOKBACK)
    if q := g.qualifier.search(sentence, window, start):
        start, qualifier = q.start("cue"), g.qualifier_of.get(q["cue"].lower(), "exact")
    acronym = _ACRONYM_AFTER_RE.match(sentence[end:])
    if (
        kind == "count"
        and not has_scale
        and qualifier == "exact"
        and acronym
        and acronym[0].strip() not in t.COUNTED_ACRONYMS
    ):
        return [_claim(sentence, start, end, value, None, "reference")]  # "24 KZ" names a channel
    return [_claim(sentence, start, end, value, unit, kind, qualifier=qualifier)]


def _key(table: dict, written: str) -> str:
    """The table key a case-sensitive or spaced match stands for ("pour\u00a0cent" -> "pour cent")."""
    return written if written in table else next(k for k in table if re.sub(r"\s+", " ", written) == k)


def _claim(sentence, start, end, value, unit, kind, qualifier="exact", period=None) -> Claim:
    return Claim(sentence[start:end], start, end, value, unit, kind, qualifier, period, None, sentence)


def _unit_follows(sentence: str, end: int, g: _Grammar) -> bool:
    return bool(g.scale.match(sentence, end) or g.measure.match(sentence, end))


def _value_or_nan(span: str, g: _Grammar) -> float:
    try:
        return parse_number(span, g.tables.CODE)
    except ValueError:
        return math.nan


def _is_reference(sentence: str, start: int, end: int, before: list[Claim], g: _Grammar) -> bool:
    """Is the number at start:end an article, paragraph, annex, law or resolution number?"""
    if g.reference_cue.search(sentence[max(0, start - _LOOKBACK) : start]):
        return True
    previous = before[-1] if before else None
    return bool(
        previous
        and previous.kind == "reference"
        and g.chain_gap.match(sentence[previous.end : start])
        and g.chain_next.match(sentence[end:])
    )  # "par. 16, 22, 28 et 42", "articles 174, 404 et 405"


def _share_range_units(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """'2 à 4 %', 'trois à sept ans': the first number takes the unit of the second."""
    for low, high in itertools.pairwise(claims):
        if low.kind == "count" and low.unit is None and high.unit and g.range_gap.match(sentence[low.end : high.start]):
            low.unit, low.kind = high.unit, high.kind


def _own_period(times: "_Times", chains: "_Parens") -> str | None:
    """The one period a sentence states outside parentheses ("En 2022, … (2020 : 1 %)" -> "2022")."""
    periods = {t.period for t in times.expressions if t.period and chains.depth[t.start] == 0}
    return periods.pop() if len(periods) == 1 else None


def _carried_frame(claims: list[Claim], times: "_Times", carried: _Carried) -> str | None:
    """A sentence with no time of its own whose statistics took the previous frame hands it on (par. 350)."""
    if times.expressions:
        return None
    return carried.frame if any(c.period == carried.frame for c in claims if c.kind in STATISTIC_KINDS) else None


def _neighbour_period(
    claim: Claim, sentence: str, claims: list[Claim], times: "_Times", carried: _Carried, g: _Grammar
) -> str | None:
    """The period the previous sentence of the paragraph gives a claim whose own part of its
    sentence (between colons) states none.

    Par. 107 "75,5 % des personnes interrogées" is the survey of the first half of 2025 named in
    the sentence before; par. 410 "Plus de 10 000 documents" follows the trainings of
    2024-2025; par. 216 "Trente représentants … y ont participé" attended the 2025 seminar;
    par. 155 "Quatre-vingt-huit personnes ont été condamnées … :" opens a list dated year by
    year, and is itself the total of the period of the sentence before. The previous sentence
    must state one period and date a statistic with it, or this part must tell of taking part.
    A standing fact or a habit ("Le Kazakhstan compte 737 400 …", par. 89; "chaque année",
    par. 255) is not dated by its neighbour.
    """
    if not carried.frame:
        return None
    lo = sentence.rfind(":", 0, claim.start) + 1
    hi = sentence.find(":", claim.end) % (len(sentence) + 1) or len(sentence)
    if any(lo <= t.start < hi for t in times.expressions) or any(
        lo <= c.start < hi and c.kind == "date" for c in claims
    ):
        return None
    part = sentence[lo:hi]
    if g.undated_cue.search(part):
        return None
    return carried.frame if carried.frame_dated or g.participation.search(part) else None


def _range_endpoints(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """'De 2022 à 2024, … (de 46 à 91)': each end of a range takes its own year (par. 158)."""
    stats = [c for c in claims if c.kind in STATISTIC_KINDS]
    for low, high in itertools.pairwise(stats):
        span = parse_period(low.period)
        if (
            span is None
            or span.grain != "years"
            or low.period != high.period
            or not g.range_gap.match(sentence[low.end : high.start])
            or not g.range_opener.search(sentence, max(0, low.start - 20), low.start)
        ):
            continue
        low.period, high.period = str(span.first[0]), str(span.last[0])


def _growth_spans(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """'de 2 300 en 2021 à 6 748 en 2024 (+193 %)': a growth rate covers the span between
    the two numbers it compares (par. 380: 2021-2024, not 2024)."""
    for i, claim in enumerate(claims):
        signed = claim.text[:1] in "+" + MINUS_SIGNS
        if claim.kind != "percent" or not (
            signed or g.growth_cue.search(sentence, max(0, claim.start - 30), claim.start)
        ):
            continue
        compared = [
            c for c in claims[:i] if c.kind in STATISTIC_KINDS and c.kind != "percent" and parse_period(c.period)
        ]
        if len(compared) < 2 or compared[-2].period == compared[-1].period:
            continue
        first, last = parse_period(compared[-2].period), parse_period(compared[-1].period)
        if last.last and first.first <= last.first:
            claim.period = from_bounds(first.first, last.last)


# How far from a time or a sum its provision cue may stand (par. 292: "Le délai de traitement
# des demandes a été réduit à trente jours"); a fine's cue stands right before it, so that
# "des amendes ont été prononcées pour une somme totale de plus de 5,5 millions" (par. 267)
# stays a statistic.
_PROVISION_BEFORE = {"time": 60, "money": 25}
_PROVISION_AFTER = 30
_AGE_BEFORE = 35  # "niños de edades comprendidas entre 2 y 6 años"
_TIME_UNITS = ("years", "months", "weeks", "days", "hours")


def _mark_provisions(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """Penalties, fines, time limits and ages set by a law are `provision`, not statistics."""
    previous = None
    for claim in claims:
        if _is_provision(claim, sentence, g, previous):
            claim.kind = "provision"
        previous = claim


def _is_provision(claim: Claim, sentence: str, g: _Grammar, previous: Claim | None) -> bool:
    """Par. 191 "(trois à sept ans d'emprisonnement)", par. 278 "dans un délai de trois mois, voire
    d'un an", par. 282 "dans les vingt-quatre heures", par. 225 "enfants âgés de 2 à 6 ans"."""
    lo = sentence.rfind(";", 0, claim.start) + 1
    hi = sentence.find(";", claim.end) % (len(sentence) + 1)
    if claim.kind == "count":  # "children aged 2 to 6": an age, even without its unit
        return bool(g.age_before.search(sentence, max(lo, claim.start - _AGE_BEFORE), claim.start))
    time = claim.kind == "measure" and claim.unit in _TIME_UNITS
    if not (time or claim.kind == "money"):
        return False
    reach = _PROVISION_BEFORE["time" if time else "money"]
    before = sentence[max(lo, claim.start - reach) : claim.start]
    after = sentence[claim.end : min(hi or len(sentence), claim.end + _PROVISION_AFTER)]
    if g.provision_cue.search(before) or g.provision_cue.search(after):
        return True
    if time and (
        g.time_limit_before.search(before) or (claim.unit == "years" and g.age_cue.search(before[-_AGE_BEFORE:]))
    ):
        return True
    # "trois mois, voire d'un an": the second term of the same provision
    return bool(
        time
        and previous
        and previous.kind == "provision"
        and claim.start - previous.end <= 15
        and "." not in sentence[previous.end : claim.start]
    )


def _date_inside_time_expression(claim: Claim, times: "_Times") -> None:
    """'six' in 'les six premiers mois de 2025' dates the sentence; it counts nothing."""
    i = bisect_right(times.starts, claim.start) - 1  # time expressions never overlap: one candidate
    if i < 0:
        return
    t = times.expressions[i]
    if t.start <= claim.start and claim.end <= t.end:
        if claim.kind in STATISTIC_KINDS and (claim.unit is None or not any(ch.isdigit() for ch in claim.text)):
            claim.kind = "date"  # "the first half of 2025": "half" is no share
            claim.period = t.period
        elif claim.kind == "date":
            claim.period = t.period


@dataclass
class _Parens:
    """Per offset, the depth and the innermost open parenthesis; where each one closes."""

    depth: list[int]
    innermost: list[int]  # -1 outside any parenthesis
    closes_at: dict[int, int]

    def encloses(self, paren: int, pos: int) -> bool:
        return paren < pos < self.closes_at[paren]


def _paren_chains(sentence: str) -> _Parens:
    depth, innermost, closes_at, stack = [], [], {}, []
    for i, ch in enumerate(sentence):
        depth.append(len(stack))
        innermost.append(stack[-1] if stack else -1)
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            closes_at[stack.pop()] = i
    depth.append(len(stack))
    innermost.append(stack[-1] if stack else -1)
    closes_at.update({open_: len(sentence) for open_ in stack})
    return _Parens(depth, innermost, closes_at)


@dataclass
class _Times:
    """A sentence's time expressions (sorted, disjoint), with the clause each one is in."""

    expressions: list[TimeExpression]
    starts: list[int]
    clauses: list[int]
    timed_clauses: list[int]  # sorted clauses holding an expression with a period

    @classmethod
    def of(cls, sentence: str, expressions: list[TimeExpression]) -> "_Times":
        clause_of = _clause_index(sentence)
        clauses = [clause_of(t.start) for t in expressions]
        timed = sorted({c for c, t in zip(clauses, expressions) if t.period})
        return cls(expressions, [t.start for t in expressions], clauses, timed)


def _period_for(claim: Claim, sentence: str, times: _Times, chains, g: _Grammar) -> str | None:
    """The period of the nearest time expression that may govern the claim.

    A time expression inside parentheses governs only what is inside them
    (par. 249: "(2020 : 6 957, 2021 : 6 941)"). It governs its own clause between
    semicolons, and later clauses that have none of their own (par. 155 vs par. 267).
    One after a colon or after ", et" does not reach back before it (par. 240:
    "87,2 %, et il est prévu de porter ce chiffre à 90 % d'ici à la fin de 2025").
    Each comma crossed costs as much as 100 characters, so "46 en 2022, à 84 en 2023"
    pairs 84 with 2023. The cost grows with distance, so on each side only the nearest
    expression that may govern the claim competes: a long sentence stays linear.
    """
    own = _clause_index(sentence)(claim.start)
    i = bisect_right(times.timed_clauses, own) - 1
    if i < 0:
        return None
    governing = times.timed_clauses[i]
    k = bisect_left(times.starts, claim.start)
    best, best_cost = None, math.inf
    for candidates, after in ((range(k - 1, -1, -1), False), (range(k, len(times.starts)), True)):
        for j in candidates:
            t = times.expressions[j]
            if times.clauses[j] != governing:
                if (times.clauses[j] < governing) != after:
                    break  # past the governing clause
                continue
            if t.period is None or (t.start < claim.end and claim.start < t.end):
                continue  # "au moins 2020 personnes": no claim times itself
            group = chains.innermost[t.start]
            if group >= 0 and not chains.encloses(group, claim.start):
                continue
            if after != (t.start >= claim.end):
                continue
            gap = sentence[claim.end : t.start] if after else sentence[t.end : claim.start]
            if "\n" in gap or (after and (":" in gap or g.clause_join.search(gap))):
                break  # farther ones on this side are cut off the same way
            if (not after and _LABEL_GAP_RE.fullmatch(gap)) or (after and g.in_gap.fullmatch(gap)):
                cost = 0  # "2020 : 6 957", "46 en 2022", "396 au cours des huit premiers mois de 2025"
            else:
                # a comma between digits groups them ("1,930") and bounds nothing
                cost = len(gap) + 100 * (len(_BOUNDING_COMMA_RE.findall(gap)) + gap.count(":"))
            if cost < best_cost:
                best, best_cost = t.period, cost
            break  # the nearest one that may govern is the cheapest on this side
    return best


@lru_cache(maxsize=64)
def _clause_index(sentence: str):
    """A function from an offset to the number of semicolons before it."""
    semicolons = [i for i, ch in enumerate(sentence) if ch == ";"]
    return lambda pos: bisect_left(semicolons, pos)


def _fill_subjects(sentence: str, claims: list[Claim], chains, carried: _Carried, g: _Grammar) -> None:
    """The counted noun phrase: after the number, else that of the count before it at the
    same parenthesis depth or shallower (par. 220), else the list's, else the previous
    sentence's after "Parmi elles" (par. 89), else 'nombre de ...', else the measured noun
    before it ("un taux d'emploi de 28,9 %"). A subject taken from another number is made
    to stand alone with what follows the number (par. 249: "élèves (en russe)")."""
    list_subject = carried.list_subject if carried.in_list else None
    opener_subject = carried.subject if sentence.lower().startswith(g.tables.CARRY_PERIOD_OPENERS) else None
    subject_at_depth: dict[int, str] = {}
    number_of = [m.end() for m in g.number_of.finditer(sentence)]
    borrowed = []  # claims whose subject is another number's: completed below
    for claim in claims:
        if claim.kind not in STATISTIC_KINDS:
            continue
        depth = chains.depth[claim.start]
        # "20,3 millions d'habitants", "une centaine de formations": the noun follows "de"
        has_quantity_word = claim.unit is not None or bool(g.quantity_noun_end.search(claim.text))
        if claim.kind == "measure":  # "trois à sept ans d'emprisonnement"
            claim.subject = _noun_phrase(sentence, claim.end, g, skip_of=True, require_of=True)
            continue
        claim.subject = _noun_phrase(sentence, claim.end, g, skip_of=has_quantity_word or claim.kind == "percent")
        if not claim.subject and claim.kind in ("count", "percent"):
            inherited = next((subject_at_depth[d] for d in range(depth, -1, -1) if d in subject_at_depth), None)
            if (
                claim.kind == "percent"
                and depth == 0
                and not g.share_of_before.search(sentence[max(0, claim.start - 24) : claim.start])
            ):
                inherited = None  # "le niveau de satisfaction dépassait 95 %" is no share of the count before
            claim.subject = inherited or list_subject or opener_subject
            if claim.subject:
                borrowed.append(claim)
            claim.subject = claim.subject or _number_of_subject(sentence, claim.start, number_of, g)
        if not claim.subject and (m := g.of_them.match(sentence, claim.end)) and subject_at_depth.get(depth):
            # "la moitié d'entre eux se sont vu accorder la nationalité" (par. 298): of the count before
            whole = subject_at_depth[depth].split(" (")[0]
            claim.subject = whole
            if words := _own_words(sentence, m.end(), claims, g):
                claim.subject = f"{whole} ({words})"
        if not claim.subject:
            claim.subject = _measured_noun(sentence, claim, g)
        if claim.subject and claim.kind in ("count", "percent"):
            subject_at_depth = {d: s for d, s in subject_at_depth.items() if d < depth}
            subject_at_depth[depth] = claim.subject
    _shared_with_next(sentence, claims, g)
    _labels_before_brackets(sentence, claims, chains, g)
    _relative_nouns(claims, g)
    _with_predicates(sentence, claims, chains, g)
    _elliptic_items(sentence, claims, chains, borrowed, g)
    _breakdowns(sentence, claims, chains, g.tables)


def _shared_with_next(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """'l'État couvre 50 % ou 75 % des frais de scolarité' (par. 231): the first takes the second's noun."""
    stats = [c for c in claims if c.kind in STATISTIC_KINDS]
    for first, second in zip(reversed(stats[:-1]), reversed(stats[1:])):
        if (
            not first.subject
            and second.subject
            and first.kind == second.kind
            and g.alternative_gap.match(sentence[first.end : second.start])
        ):
            first.subject = second.subject


def _labels_before_brackets(sentence: str, claims: list[Claim], chains, g: _Grammar) -> None:
    """'la cohabitation entre les ethnies est calme (60,9 %)' (par. 107): a share in brackets with
    no noun of its own is labelled by the words before the bracket."""
    labelled: dict[int, Claim] = {}  # the last share with a subject, per bracket depth
    for claim in claims:
        if claim.kind == "percent" and claim.subject:
            labelled[chains.depth[claim.start]] = claim
        if claim.kind != "percent" or claim.subject or chains.depth[claim.start] == 0:
            continue
        opening = chains.innermost[claim.start]
        if sentence[opening + 1 : claim.start].strip():
            continue  # not the first thing in its bracket
        before = g.label_start.split(sentence[max(0, opening - 120) : opening])[-1].split()
        while before and before[0].lower() in g.tables.SUBJECT_STOPWORDS | g.subject_connectors:
            before.pop(0)
        label = before[-8:]
        previous = labelled.get(chains.depth[claim.start])
        if len(label) == 1 and previous and len(previous.subject.split()) > 1:
            label = previous.subject.split()[:-1] + label  # "… est calme (60,9 %) et bonne (34,9 %)"
        claim.subject = " ".join(label) or None
        if claim.subject:
            labelled[chains.depth[claim.start]] = claim


def _with_predicates(sentence: str, claims: list[Claim], chains, g: _Grammar) -> None:
    """A bare noun takes what is said of it: "12 personnes ont été condamnées" -> "personnes
    (condamnées)", "39 % des affaires pénales … ont été classées sans suite" (par. 155, 157)."""
    for claim in claims:
        if claim.kind == "money" and not claim.subject and (m := g.predicate.match(sentence, claim.end)):
            # "Plus de 30 milliards de tenge ont été alloués à la reconstruction du district" (par. 201)
            claim.subject = _predicate_words(sentence, m.start("words"), claims, g, most=6) or None
            continue
        content = [w for w in (claim.subject or "").split() if w.lower() not in g.subject_connectors]
        if (
            claim.kind not in ("count", "percent")
            or not claim.subject
            or "(" in claim.subject
            or chains.depth[claim.start]
            or len(content) > 2
        ):
            continue
        pos = claim.end
        if m := g.subject_of.match(sentence, pos):
            pos = m.end()
        end = _after_noun_phrase(sentence, pos, claim.subject)
        if len(content) == 1 and (
            took := g.participation_before.search(sentence, max(0, claim.start - 30), claim.start)
        ):
            claim.subject = f"{claim.subject} ({took['cue']})"  # "auxquels ont participé plus de 237 000 personnes"
            continue
        age = next((c for c in claims if c.kind == "provision" and 0 <= c.start - end <= 5), None)
        if age and len(content) == 1:
            claim.subject = f"{claim.subject} ({age.text})"  # "1 154 enfants de moins de 18 ans" (par. 291)
            continue
        if end != pos and (took := g.participation_after.match(sentence, end)):
            claim.subject = f"{claim.subject} ({took['cue']})"  # "237,000 persons took part"
            continue
        if len(content) == 1 and (verb := _verb_before(sentence, claim, g)):
            claim.subject = (
                f"{claim.subject} ({verb})"  # "en 2022 se juzgaron 12 causas y fueron condenadas 12 personas"
            )
            continue
        if end == pos or not (m := g.predicate.match(sentence, end) or _verb_after(sentence, end, g)):
            continue
        words = _predicate_words(sentence, m.start("words"), claims, g).split()
        if words and words[0].lower() in g.tables.ARTICLES:
            words = words[1:]  # "56,2 % des agents de l'État étaient des femmes" (par. 210)
        if words and words[0].lower() not in g.tables.SUBJECT_STOPWORDS:
            claim.subject = f"{claim.subject} ({' '.join(words)})"


def _verb_after(sentence: str, end: int, g: _Grammar) -> re.Match | None:
    """'5,618 persons received confirmation': a verb right after the noun, with no auxiliary."""
    m = _WORD_AFTER_RE.match(sentence, end)
    finite = m and (
        _looks_like_verb(m["words"].lower(), True, g.tables) or m["words"].lower().endswith(g.tables.PAST_ENDINGS)
    )
    return m if finite else None  # not "195 jardins d'enfants offrant 14 800 places" (par. 226)


def _verb_before(sentence: str, claim: Claim, g: _Grammar) -> str | None:
    """'se juzgaron 12 causas', 'fueron condenadas 12 personas': the verb written before the number."""
    found = list(_MODIFIER_RE.finditer(sentence, max(0, claim.start - 40), claim.start))
    if not found or found[-1].end() != claim.start:
        return None  # "un environnement sûr est créé : 98 %" - not across punctuation
    words = [m["word"] for m in found]
    last = words[-1]
    if len(words) > 1 and words[-2].lower() in g.tables.AUXILIARIES and last.lower() not in g.tables.SUBJECT_STOPWORDS:
        return last  # "fueron condenadas", "ont organisé"
    lower = last.lower()
    finite = _looks_like_verb(lower, True, g.tables) or (lower.endswith(g.tables.PAST_ENDINGS) and len(lower) > 4)
    return last if g.tables.VERB_BEFORE_SUBJECT and finite and lower not in g.tables.AUXILIARIES else None


def _predicate_words(sentence: str, pos: int, claims: list[Claim], g: _Grammar, most: int = 5) -> str:
    """What is said of a noun, in a few words; a phrase cut short ("enregistrées au titre de
    l'article") goes back to its verb ("enregistrées")."""
    words = _own_words(sentence, pos, claims, g, most=most + 1).split()
    words = list(itertools.takewhile(lambda w: w.lower() not in g.tables.LABEL_OPENERS, words))
    while words and (words[-1].lower() in g.tables.SUBJECT_STOPWORDS or words[-1].lower() in g.subject_connectors):
        words.pop()  # "registered on [that basis]"
    if len(words) <= most and not re.match(r"\s*\d", sentence[_after_noun_phrase(sentence, pos, " ".join(words)) :]):
        return " ".join(words)
    cut = max((i for i, w in enumerate(words[:most]) if i and w.lower() in g.tables.SUBJECT_STOPWORDS), default=most)
    words = words[:cut]
    while words and (words[-1].lower() in g.tables.SUBJECT_STOPWORDS or words[-1].lower() in g.subject_connectors):
        words.pop()
    return " ".join(words)


def _measured_noun(sentence: str, claim: Claim, g: _Grammar) -> str | None:
    """'le taux de scolarisation des enfants … atteint 93,1 %' -> 'taux de scolarisation des enfants'."""
    lo = max(sentence.rfind(";", 0, claim.start), sentence.rfind(":", 0, claim.start), claim.start - 160, 0)
    found = [
        m
        for m in g.measured_noun.finditer(sentence, lo, claim.start)
        if _outside_brackets(sentence[m.end() : claim.start]).count(")") == 0
    ]  # not a noun inside brackets
    if not found:
        return None
    start = found[-1].start()
    if not g.tables.HEAD_FIRST:  # "an employment rate of 28.9 per cent": the words before name it
        for word in reversed(list(_MODIFIER_RE.finditer(sentence, max(0, start - 40), start))[-2:]):
            if word["word"].lower() in g.tables.SUBJECT_STOPWORDS | g.subject_connectors or word.end() != start:
                break
            start = word.start()
    return _noun_phrase(sentence, start, g, skip_of=False)


def _elliptic_items(sentence: str, claims: list[Claim], chains, borrowed: list[Claim], g: _Grammar) -> None:
    """Items of a list that leave their noun out take the first item's, with their own words.

    Par. 249: "dont 3 743 (54,2 %) dispensaient un enseignement en kazakh, 1 055 (15,3 %) en
    russe" -> "établissements d'enseignement général (en russe)"; par. 239: "98 % des
    établissements sont équipés de tourniquets, 97 % d'agents de sécurité agréés" ->
    "établissements (agents de sécurité agréés)". The share in brackets after a count follows it.
    """
    groups: dict[int, list[Claim]] = {}  # by the bracket they stand in (-1: none)
    for c in claims:
        if c.kind in STATISTIC_KINDS:
            groups.setdefault(chains.innermost[c.start], []).append(c)
    borrowed_ids = {id(c) for c in borrowed}
    for stats in groups.values():
        _elliptic_run(sentence, stats, claims, borrowed_ids, g)
    for claim in borrowed:
        if "(" not in claim.subject and not g.subject_of.match(sentence, claim.end):
            _complete(sentence, claim, claim.subject, claims, g)  # par. 151 "dont 1 097 en situation d'urgence"


def _elliptic_run(sentence: str, stats: list[Claim], claims: list[Claim], borrowed: set[int], g: _Grammar) -> None:
    """The lists among statistics written side by side (one bracket level)."""
    head = None
    for previous, claim in itertools.pairwise(stats):
        if claim.kind != previous.kind or not g.list_end.search(
            _outside_brackets(sentence[previous.end : claim.start])
        ):
            head = None
            continue
        head = head or previous
        whole = head.subject.split(" (")[0] if head.subject else None
        if not whole or g.pronoun_of.match(sentence, claim.end):
            continue  # "85 % de ces derniers" (par. 241) counts something else
        partitive = bool(
            claim.kind == "percent"
            and claim.subject
            and claim.subject != whole
            and g.bare_of.match(sentence, claim.end)
            and not g.definite_of.match(sentence, claim.end)
            and g.definite_of.match(sentence, head.end)
        )
        # "27 procédures pénales …, 23 procédures en 2023" (par. 191): the item names its noun short
        same_head = bool(
            claim.subject and _same_head(claim.subject, whole, g.tables) and len(claim.subject) < len(whole)
        )
        if not (id(claim) in borrowed or partitive or same_head or claim.subject is None):
            head = None
            continue
        if head.subject == whole:  # the first item of the list
            _complete(sentence, head, whole, claims, g)
        _complete(sentence, claim, whole, claims, g, own_words=partitive)
        if claim.subject is None or "(" not in claim.subject:
            claim.subject = head.subject  # "Trente-huit procédures ont été enregistrées …, 60 en 2023" (par. 191)


def _complete(
    sentence: str, claim: Claim, whole: str, claims: list[Claim], g: _Grammar, own_words: bool = False
) -> None:
    """Give a claim the subject "whole (its own words)", and so the share in brackets after it."""
    pos = claim.end
    if not own_words and claim.subject:  # past its own noun phrase: "98 % des établissements| sont équipés"
        if m := g.subject_of.match(sentence, pos):
            pos = m.end()
        pos = _after_noun_phrase(sentence, pos, claim.subject)
    words = _own_words(sentence, pos, claims, g)
    if not words:
        return
    old, claim.subject = claim.subject, f"{whole} ({words})"
    if re.match(r"\s*\(", sentence[claim.end :]):
        close = sentence.find(")", claim.end)
        for other in claims:
            if claim.end < other.start < close and other.subject in (old, None) and other.kind in STATISTIC_KINDS:
                other.subject = claim.subject


def _after_noun_phrase(sentence: str, pos: int, phrase: str) -> int:
    """The offset after `phrase` if it is written at pos (spaces and apostrophes as it has them)."""
    for word in re.split(r"\s+|(?<=['’])", phrase):
        at = sentence.find(word, pos, pos + len(word) + 3) if word else -1
        if at == -1:
            return pos
        pos = at + len(word)
    return pos


def _own_words(sentence: str, pos: int, claims: list[Claim], g: _Grammar, most: int = 8) -> str:
    """What an item says after its number: up to the next comma, 'et', bracket or number that is
    no reference ("au titre de l'article 116 du Code pénal", par. 317), at most eight words."""
    if bracket := _SKIP_BRACKETS_RE.match(sentence, pos):  # "3 743 (54,2 %) dispensaient …"
        pos = bracket.end()
    end = min([c.start for c in claims if c.start >= pos and c.kind != "reference"] + [len(sentence)])
    rest = g.list_cut.split(sentence[pos:end], maxsplit=1)[0]
    rest = g.bare_of.sub("", rest, count=1) if g.bare_of.match(rest) else rest
    words = rest.split()
    while words and words[0].lower() in g.tables.AUXILIARIES:
        words.pop(0)
    words = words[:most]
    while words and (words[-1].lower() in g.tables.SUBJECT_STOPWORDS or words[-1].lower() in g.subject_connectors):
        words.pop()
    phrase = " ".join(words).replace("’ ", "’").replace("' ", "'")
    return "" if g.in_gap.fullmatch(phrase) else phrase  # "396 au cours des huit premiers mois": a time, said already


def _outside_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", "", text)


def _same_head(a: str, b: str, t: ModuleType) -> bool:
    """'procédure' and 'procédures pénales (…)', 'proceedings' and 'criminal proceedings': the same
    noun, singular or plural (first in French and Spanish, last in English)."""

    def head(subject: str) -> str:
        words = subject.split(" (")[0].split()
        return (words[0] if t.HEAD_FIRST else words[-1]).lower().rstrip("s")

    return head(a) == head(b)


def _breakdowns(sentence: str, claims: list[Claim], chains, t: ModuleType) -> None:
    """Items in brackets count what the number before them counts: 'quatre procédures pénales ont
    été engagées … (1 procédure en 2022, …)' (par. 191); '39,1 % occupaient des postes à
    responsabilité (44,9 % dans les organes centraux …)' (par. 210)."""
    latest: dict[int, tuple[int, Claim]] = {}  # depth -> the last statistic there
    for i, claim in enumerate(claims):
        if claim.kind not in STATISTIC_KINDS or not claim.subject:
            continue
        depth = chains.depth[claim.start]
        shallower = [latest[d] for d in latest if d < depth]
        latest[depth] = (i, claim)
        outer = max(shallower, key=lambda found: found[0])[1] if shallower else None
        if outer and outer.kind != claim.kind:
            continue  # "2 223 455 (66 %)": a share of the count it follows
        opening = chains.innermost[claim.start]
        if not outer or not re.match(r"\(\s*[+\-−]?\d", sentence[opening:]):
            continue  # "(in the 2020/21 school year, schools had 3,368,702 pupils …)" is no breakdown
        whole, _, own = claim.subject.partition(" (")
        outer_whole, _, outer_own = outer.subject.partition(" (")
        if (
            "(" not in claim.subject
            and len(claim.subject.split()) == 1
            and _same_head(claim.subject, outer.subject, t)
            and len(outer.subject) > len(claim.subject)
        ):
            claim.subject = outer.subject
        elif own and outer_own and whole == outer_whole and own != outer_own:
            claim.subject = f"{whole} ({outer_own.rstrip(')')}, {own}"


def _relative_nouns(claims: list[Claim], g: _Grammar) -> None:
    """'195 jardins d'enfants offrant 14 800 places' -> 'places (jardins d'enfants)' (par. 226);
    '119 agents … et 395 autres' -> the agents."""
    previous = None
    for claim in claims:
        if claim.kind != "count" or not claim.subject:
            continue
        head = claim.subject.split()[0].lower()
        if previous and head in g.tables.OTHER_WORDS:
            claim.subject = previous.subject
        elif previous and head in g.tables.RELATIVE_NOUNS and "(" not in claim.subject:
            claim.subject = f"{claim.subject} ({previous.subject.split(' (')[0]})"
        else:
            previous = claim


def _looks_like_verb(word: str, first: bool, t: ModuleType) -> bool:
    """'vivent', 'dispensaient', 'accueillant' (fr), 'participated' (en): a verb ends the noun phrase."""
    if word.endswith(t.SUBJECT_VERB_ENDINGS) or (len(word) > 4 and word.endswith(t.VERB_PLURAL_ENDINGS)):
        return True
    return not first and len(word) > 4 and word.endswith(t.PARTICIPLE_ENDINGS)


def _number_of_subject(sentence: str, pos: int, number_of: list[int], g: _Grammar) -> str | None:
    """Par. 156: 'Le nombre d'affaires pénales enregistrées ... s'élève à 46' -> the affaires."""
    before = [end for end in number_of if end <= pos]
    return _noun_phrase(sentence[:pos], before[-1], g, skip_of=False) if before else None


def _noun_phrase(text: str, pos: int, g: _Grammar, skip_of: bool, require_of: bool = False) -> str | None:
    """Up to four words of the noun phrase starting at pos, or None."""
    t, connectors = g.tables, g.subject_connectors
    if skip_of and (m := g.subject_of.match(text, pos)):
        pos = m.end()
    elif require_of:
        return None
    words: list[str] = []
    while len([w for w in words if w.lower() not in connectors]) < 4:
        m = _SUBJECT_TOKEN_RE.match(text, pos)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in connectors:
            if not words:
                break
        elif lower in t.SUBJECT_STOPWORDS or (
            # after "de" comes a noun: "établissements d'enseignement" (par. 112, 249)
            not (words and words[-1].lower() in connectors) and _looks_like_verb(lower, not words, t)
        ):
            break
        words.append(word)
        pos = m.end()
    while words and words[-1].lower() in connectors:
        words.pop()
    phrase = " ".join(words).replace("’ ", "’").replace("' ", "'")
    return phrase or None
