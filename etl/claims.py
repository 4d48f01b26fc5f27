"""Every number written in a paragraph, as a claim: value, unit, kind, qualifier, period, subject.

The grammar is shared by every language; its words come from the language's tables in
`etl/lang/` and are compiled once per language (`_grammar("en")`).
"""
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from contract.schema import CLAIM_KINDS as KINDS, QUALIFIERS, STATISTIC_KINDS
from etl.lang import tables
from etl.numbers import MAX_DIGITS, MINUS_SIGNS, alternation, digits_pattern, parse_number
from etl.periods import TimeExpression, fill, find_time_expressions
from etl.segment import roman_to_int
from etl.sentences import split_sentences

# A claim keeps its whole sentence up to this length; past it, the words around the number
# (a 200 KB "sentence" of numbers would otherwise be copied once per claim).
SENTENCE_MAX = 1_000
# No paragraph of a report states this many numbers (par. 249, the richest, has 31); past it
# the text is a table dump or an attack (issue 12: "1 " two million times gave 2 million claims).
MAX_CLAIMS_PER_PARAGRAPH = 2_000


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
_LOOKBACK = 40  # characters before a number searched for its cue words (all are shorter)
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


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    t = tables(lang)
    word = f"(?:{alternation(t.NUMBER_WORDS)})"
    words_start = f"(?:{alternation(t.INDEFINITE_ONE)}|{word})" if t.INDEFINITE_ONE else word
    dates = [fill(p, lang, named=False) for p in t.DAY_DATES + t.MONTH_YEARS]
    day_months = [fill(p, lang, named=False) for p in t.DAY_MONTHS]
    romans = "|".join(rf"(?<={re.escape(c)}\s)[IVXLC]+\b" for cue in t.ROMAN_REFERENCE_CUES
                      for c in {cue, cue[:1].upper() + cue[1:]})
    suffixes = alternation(t.ORDINAL_SUFFIXES)
    spaced = [n for n in t.APPROX_NOUNS if " " in n]  # "half a dozen", "media docena": counted already
    plural = "|".join(re.escape(e) for e in t.PLURAL_ENDINGS)
    approx = rf"(?:{alternation(t.APPROX_COUNTS)})\s+(?:{alternation(t.APPROX_NOUNS)})(?:{plural})?"
    if spaced:
        approx += f"|{alternation(spaced)}"
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
        rf"(?i:(?P<fraction>{_EDGE_L}(?:{alternation(t.FRACTIONS).replace(chr(92) + 's+', '[' + chr(92) + 's-]+')}){_EDGE_R}))",
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
        money=re.compile(rf"\s+(?:{money_of})?(?P<unit>{alternation(t.MONEY_UNITS)})(?!\w)" if money_of
                         else rf"\s+(?P<unit>{alternation(t.MONEY_UNITS)})(?!\w)"),
        money_prefix=re.compile(rf"(?P<unit>{alternation(t.MONEY_PREFIXES)})\s?$") if t.MONEY_PREFIXES else None,
        measure=re.compile(
            (rf"\s+(?:(?P<adjective>{alternation(t.UNIT_ADJECTIVES)})\s+)?" if t.UNIT_ADJECTIVES else r"\s+(?P<adjective>(?!))?")
            + rf"(?P<unit>{alternation(t.MEASURE_UNITS)})(?!\w)"),
        dating_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(t.DATING_BEFORE)})\s+$") if t.DATING_BEFORE else None,
        qualifier=re.compile(rf"(?i)(?<!\w)(?P<cue>{_words(c for c, _ in t.QUALIFIER_CUES)})\s*$"),
        qualifier_of={cue.replace("'", "’"): q for cue, q in t.QUALIFIER_CUES} | dict(t.QUALIFIER_CUES),
        reference_cue=re.compile(rf"(?i)(?:^|[\s(’'])(?:{alternation(t.REFERENCE_CUES)})\s*$"),
        chain_gap=re.compile(_REFERENCE_CHAIN_GAP.format(words=_words(t.LIST_WORDS))),
        chain_next=re.compile(rf"^\s*(?:,|(?:{_words(t.AFTER_REFERENCE_WORDS)})(?!\w)|\)|;|\.|:|$)"),
        in_gap=re.compile(rf"\s*(?:{t.IN_WORDS})?\s*"),
        quantity_noun_end=re.compile(rf"(?:{alternation(quantity_words)})(?:{plural})?$"),
        share_of_before=re.compile(rf"(?:{_words(t.SHARE_OF_BEFORE)})\s*$"),
        clause_join=re.compile(rf",\s+{t.AND}\s"),
        range_gap=re.compile(rf"^\s*(?:{_words(t.RANGE_WORDS)}|-|–)\s*$"),
        subject_of=re.compile(rf"\s*(?:{_of(t.OF_WORDS)})"),
        subject_connectors=frozenset(t.SUBJECT_CONNECTORS) | {c.replace("'", "’") for c in t.SUBJECT_CONNECTORS},
        number_of=re.compile(rf"(?i)\b{t.NUMBER_OF}"),
        provision_cue=re.compile(rf"(?i)(?<!\w)(?:{_words(t.PROVISION_CUES)})"),
        time_limit_before=re.compile(rf"(?i)(?<!\w)(?:{_words(t.TIME_LIMIT_BEFORE)})\s*$"),
        age_cue=re.compile(rf"(?i)(?<!\w)(?:{_words(t.AGE_CUES + t.AGE_BEFORE)})"),
        age_before=re.compile(rf"(?i)(?<!\w)(?:{_words(t.AGE_BEFORE)})\s*$"),
    )


def extract_claims(text: str, lang: str = "fr") -> list[Claim]:
    """The numeric claims of one paragraph's text in the given language, in order; offsets index that text."""
    g = _grammar(lang)
    claims: list[Claim] = []
    carried = _Carried()
    for s_start, s_end in split_sentences(text, lang):
        sentence = text[s_start:s_end]
        found = _sentence_claims(sentence, carried, g, MAX_CLAIMS_PER_PARAGRAPH - len(claims))
        claims += [_shift(c, s_start) for c in found]
        carried = _carried_from(sentence, found, carried)
    return claims


@dataclass
class _Carried:
    """What a sentence hands to the next: its period, and, while a list it opened with a
    colon goes on, the list's period and subject."""
    period: str | None = None
    in_list: bool = False
    list_period: str | None = None
    list_subject: str | None = None


def _carried_from(sentence: str, claims: list[Claim], before: _Carried) -> _Carried:
    stats = [c for c in claims if c.kind in STATISTIC_KINDS]
    period = next((c.period for c in reversed(stats) if c.period), None)
    ending = sentence.rstrip()[-1:]
    if ending == ":":
        # par. 317: "... 78 procédures pénales ..., dont :" then one line per article
        subject = next((c.subject for c in reversed(stats) if c.subject and c.kind == "count"), None)
        return _Carried(period, True, period, subject)
    if before.in_list and ending == ";":
        return _Carried(period, True, before.list_period, before.list_subject)
    return _Carried(period)


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


def _sentence_claims(sentence: str, carried: _Carried, g: _Grammar, room: int) -> list[Claim]:
    """Claims of one sentence; `carried` is what the previous sentence hands on; at most `room` of them."""
    times = _Times.of(sentence, find_time_expressions(sentence, g.tables.CODE))
    claims: list[Claim] = []
    pos = 0
    while m := g.token.search(sentence, pos):
        new = _claims_from_token(m, sentence, claims, g)
        claims += new
        if len(claims) > room:
            raise ClaimLimitError(f"more than {MAX_CLAIMS_PER_PARAGRAPH} numbers in one paragraph; "
                                  "split the text into paragraphs or leave out the tables")
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
    _fill_subjects(sentence, claims, chains, carried.list_subject if carried.in_list else None, g)
    return claims


def _claims_from_token(m: re.Match, sentence: str, before: list[Claim], g: _Grammar) -> list[Claim]:
    """Zero, one or two claims for one token match (a year span gives two)."""
    group, raw = m.lastgroup, m.group()
    start, end = m.start(), m.end()
    if group == "number" and (digits := sum(ch.isdigit() for ch in m["digits"])) > MAX_DIGITS:
        raise ClaimLimitError(f"a number of {digits} digits (at most {MAX_DIGITS}) at "
                              f"“{sentence[max(0, start - 20):start + 20]}…”; check that the text is a report")
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
            kind = "date"  # "au cours des trois dernières années", "over the past three years" place, they do not measure
    try:
        value = parse_number(sentence[start:value_end], t.CODE)
    except ValueError:
        return []  # "des milliers": a noun with no value of its own
    if group == "fraction":
        value *= 100
    if (kind == "count" and unit is None and not has_scale and group == "number"
            and re.fullmatch(r"(?:1[89]|20)\d\d", raw)):
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
    if (kind == "count" and not has_scale and qualifier == "exact" and acronym
            and acronym[0].strip() not in t.COUNTED_ACRONYMS):
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
    if g.reference_cue.search(sentence[max(0, start - _LOOKBACK):start]):
        return True
    previous = before[-1] if before else None
    return bool(
        previous and previous.kind == "reference"
        and g.chain_gap.match(sentence[previous.end:start])
        and g.chain_next.match(sentence[end:])
    )  # "par. 16, 22, 28 et 42", "articles 174, 404 et 405"


def _share_range_units(sentence: str, claims: list[Claim], g: _Grammar) -> None:
    """'2 à 4 %', 'trois à sept ans': the first number takes the unit of the second."""
    for low, high in zip(claims, claims[1:]):
        if (low.kind == "count" and low.unit is None and high.unit
                and g.range_gap.match(sentence[low.end:high.start])):
            low.unit, low.kind = high.unit, high.kind


# How far from a time or a sum its provision cue may stand (par. 292: "Le délai de traitement
# des demandes a été réduit à trente jours"); a fine's cue stands right before it, so that
# "des amendes ont été prononcées pour une somme totale de plus de 5,5 millions" (par. 267)
# stays a statistic.
_PROVISION_BEFORE = {"time": 60, "money": 25}
_PROVISION_AFTER = 30
_AGE_BEFORE = 25
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
    before = sentence[max(lo, claim.start - reach):claim.start]
    after = sentence[claim.end:min(hi or len(sentence), claim.end + _PROVISION_AFTER)]
    if g.provision_cue.search(before) or g.provision_cue.search(after):
        return True
    if time and (g.time_limit_before.search(before) or (claim.unit == "years" and g.age_cue.search(before[-_AGE_BEFORE:]))):
        return True
    # "trois mois, voire d'un an": the second term of the same provision
    return bool(time and previous and previous.kind == "provision" and claim.start - previous.end <= 15
                and "." not in sentence[previous.end:claim.start])


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
            gap = sentence[claim.end:t.start] if after else sentence[t.end:claim.start]
            if "\n" in gap or (after and (":" in gap or g.clause_join.search(gap))):
                break  # farther ones on this side are cut off the same way
            if (not after and _LABEL_GAP_RE.fullmatch(gap)) or (after and g.in_gap.fullmatch(gap)):
                cost = 0  # "2020 : 6 957", "46 en 2022", "396 au cours des huit premiers mois de 2025"
            else:
                cost = len(gap) + 100 * (gap.count(",") + gap.count(":"))
            if cost < best_cost:
                best, best_cost = t.period, cost
            break  # the nearest one that may govern is the cheapest on this side
    return best


@lru_cache(maxsize=64)
def _clause_index(sentence: str):
    """A function from an offset to the number of semicolons before it."""
    semicolons = [i for i, ch in enumerate(sentence) if ch == ";"]
    return lambda pos: bisect_left(semicolons, pos)


def _fill_subjects(sentence: str, claims: list[Claim], chains, list_subject: str | None, g: _Grammar) -> None:
    """The counted noun phrase: after the number, else that of the count before it at the
    same parenthesis depth or shallower (par. 220), else the list's, else 'nombre de ...'."""
    subject_at_depth: dict[int, str] = {}
    number_of = [m.end() for m in g.number_of.finditer(sentence)]
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
            if claim.kind == "percent" and depth == 0 and not g.share_of_before.search(sentence[max(0, claim.start - 16):claim.start]):
                inherited = None  # "le niveau de satisfaction dépassait 95 %" is no share of the count before
            claim.subject = inherited or list_subject or _number_of_subject(sentence, claim.start, number_of, g)
        if claim.subject and claim.kind in ("count", "percent"):
            subject_at_depth = {d: s for d, s in subject_at_depth.items() if d < depth}
            subject_at_depth[depth] = claim.subject


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
        elif lower in t.SUBJECT_STOPWORDS or _looks_like_verb(lower, not words, t):
            break
        words.append(word)
        pos = m.end()
    while words and words[-1].lower() in connectors:
        words.pop()
    phrase = " ".join(words).replace("’ ", "’").replace("' ", "'")
    return phrase or None
