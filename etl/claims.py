"""Every number written in a paragraph, as a claim: value, unit, kind, qualifier, period, subject."""
import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass

from contract.schema import CLAIM_KINDS as KINDS, QUALIFIERS, STATISTIC_KINDS
from etl.numbers import DIGITS, parse_french_number
from etl.periods import TimeExpression, find_time_expressions
from etl.segment import roman_to_int
from etl.sentences import split_sentences
from etl.vocab import (
    APPROX_NOUNS, CARRY_PERIOD_OPENERS, COUNTED_ACRONYMS, FRACTION_NOUNS, MEASURE_UNITS, MONEY_UNITS, MONTHS,
    NUMBER_WORDS, ORDINAL_WORDS, PERCENT_UNITS, QUALIFIER_CUES, REFERENCE_CUES, SCALE_WORDS,
    SUBJECT_STOPWORDS, SUBJECT_VERB_ENDINGS, UNIT_ADJECTIVES,
)

# A claim keeps its whole sentence up to this length; past it, the words around the number
# (a 200 KB "sentence" of numbers would otherwise be copied once per claim).
SENTENCE_MAX = 1_000


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


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = f"(?:{_alternation(MONTHS)})"
_WORD = f"(?:{_alternation(NUMBER_WORDS)})"
_EDGE_L, _EDGE_R = r"(?<![\w-])", r"(?![\w-])"
# An identifier's tail: "322-I", "120-NK", "68/237", "6001-16-3-1-7/36", "6.1", "2022-2024"
_ID_TAIL = r"(?:[-‑/](?:\d+|[A-Z]+)(?![a-z])|\.\d+)*"
_TOKEN_RE = re.compile("|".join([
    r"(?P<symbol>\b[A-Z]{2,}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*){2,})",
    rf"(?P<date>(?<!\d)(?:(?:1er|\d{{1,2}})\s+)?{_MONTH}\s+\d{{4}}(?!\d)|(?<!\d)(?:1er|\d{{1,2}})\s+{_MONTH}{_EDGE_R})",
    r"(?P<roman_ref>(?<=sect\.\s)[IVXLC]+\b|(?<=section\s)[IVXLC]+\b)",
    r"(?P<roman_ordinal>(?<!\w)[IVXLC]{2,}e(?!\w))",
    r"(?P<ordinal>(?<!\w)\d+(?:er|re|ère|ème|ième|e|es)(?!\w))",
    r"(?P<glued>(?<!\w)\d+[A-Za-z]{2,}\w*)",
    rf"(?P<number>(?<!\w)[+]?(?:{DIGITS}){_ID_TAIL})",
    rf"(?i:(?P<fraction>{_EDGE_L}(?:la\s+moitié|(?:un|deux|trois)\s+(?:tiers|quarts?)){_EDGE_R}))",
    rf"(?i:(?P<approx>{_EDGE_L}(?:une?|deux|trois|quatre|cinq)\s+(?:{_alternation(APPROX_NOUNS)})s?{_EDGE_R}))",
    rf"(?i:(?P<ordinal_word>{_EDGE_L}(?:{_WORD}-)*(?:{_alternation(ORDINAL_WORDS)}){_EDGE_R}))",
    rf"(?i:(?P<words>{_EDGE_L}{_WORD}(?:(?:-et-|-|\s+et\s+(?=(?:un|une|onze)\b)|\s+){_WORD})*{_EDGE_R}))",
]))
_SCALE_RE = re.compile(rf"\s+(?:{_alternation(SCALE_WORDS)})(?!\w)")
_PERCENT_RE = re.compile(rf"\s*(?:{_alternation(PERCENT_UNITS)})(?!\w)")
_MONEY_RE = re.compile(rf"\s+(?:de\s+|d['’])?(?P<unit>{_alternation(MONEY_UNITS)})(?!\w)")
_MEASURE_RE = re.compile(
    rf"\s+(?:(?P<adjective>{_alternation(UNIT_ADJECTIVES)})\s+)?(?P<unit>{_alternation(MEASURE_UNITS)})(?!\w)"
)
_QUALIFIER_ALTERNATION = "|".join(re.escape(c).replace("'", "['’]") for c, _ in QUALIFIER_CUES)
_QUALIFIER_RE = re.compile(rf"(?i)(?<!\w)(?P<cue>{_QUALIFIER_ALTERNATION})\s*$")
_REFERENCE_CUE_RE = re.compile(
    rf"(?i)(?:^|[\s(’'])(?:{_alternation(REFERENCE_CUES)})\s*$"
)
_REFERENCE_CHAIN_GAP_RE = re.compile(r"^\)?\s*(?:,|et|ou|à)\s*$")  # "art. 1er (par. 2) et 5"
_REFERENCE_CHAIN_NEXT_RE = re.compile(r"^\s*(?:,|et\b|ou\b|à\b|\)|du\b|de\b|des\b|d['’]|;|\.|:|$)")
_ACRONYM_AFTER_RE = re.compile(r"^\s+[A-Z]{2,}\b")
_YEAR_SPAN_RE = re.compile(r"^(?P<y1>\d{4})[-‑](?P<y2>\d{4})$")
_SCHOOL_YEAR_RE = re.compile(r"^(?P<y>\d{4})/(?P<yy>\d{2})$")
_LABEL_GAP_RE = re.compile(r"\s*:\s*")
_IN_GAP_RE = re.compile(r"\s*(?:en|au cours(?: de l['’]année)?|pour|durant|pendant)?\s*")
_LOOKBACK = 40  # characters before a number searched for its cue words (all are shorter)
_QUANTITY_NOUN_END_RE = re.compile(
    rf"(?:{_alternation(SCALE_WORDS)}|{_alternation(APPROX_NOUNS)}|{_alternation(FRACTION_NOUNS)})s?$"
)
_SHARE_OF_BEFORE_RE = re.compile(r"(?:dont|soit|,)\s*$")
_CLAUSE_JOIN_RE = re.compile(r",\s+et\s")
_RANGE_GAP_RE = re.compile(r"^\s*(?:à|et|-|–)\s*$")
_SUBJECT_TOKEN_RE = re.compile(r"\s*((?:[dlDL]['’])|[^\W\d_][\w\-]*)")
_SUBJECT_CONNECTORS = {"de", "d'", "d’", "des", "du", "l'", "l’", "la", "sans"}
_NUMBER_OF_RE = re.compile(r"(?i)\bnombre\s+(?:de\s+|d['’]|des\s+)")
_QUALIFIER_OF = {cue.replace("'", "’"): q for cue, q in QUALIFIER_CUES} | dict(QUALIFIER_CUES)


def extract_claims(text: str) -> list[Claim]:
    """The numeric claims of one paragraph's text, in order; offsets index that text."""
    claims: list[Claim] = []
    carried = _Carried()
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        found = _sentence_claims(sentence, carried)
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


def _sentence_claims(sentence: str, carried: _Carried) -> list[Claim]:
    """Claims of one sentence; `carried` is what the previous sentence hands on."""
    times = _Times.of(sentence, find_time_expressions(sentence))
    claims: list[Claim] = []
    pos = 0
    while m := _TOKEN_RE.search(sentence, pos):
        new = _claims_from_token(m, sentence, claims)
        claims += new
        pos = max([m.end()] + [c.end for c in new])
    _share_range_units(sentence, claims)
    opens_with_carry = sentence.lower().startswith(CARRY_PERIOD_OPENERS)
    chains = _paren_chains(sentence)
    for claim in claims:
        _date_inside_time_expression(claim, times)
    for claim in claims:
        if claim.kind in STATISTIC_KINDS:
            claim.period = _period_for(claim, sentence, times, chains, claims)
            if claim.period is None and carried.in_list:
                claim.period = carried.list_period
            elif claim.period is None and opens_with_carry:
                claim.period = carried.period
    _fill_subjects(sentence, claims, chains, carried.list_subject if carried.in_list else None)
    return claims


def _claims_from_token(m: re.Match, sentence: str, before: list[Claim]) -> list[Claim]:
    """Zero, one or two claims for one token match (a year span gives two)."""
    group, raw = m.lastgroup, m.group()
    start, end = m.start(), m.end()
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
    if _is_reference(sentence, start, end, before):
        number = re.fullmatch(r"(\d+)(?:er|re|e)?", raw)
        value = float(number[1]) if number else _value_or_nan(raw)
        return [_claim(sentence, start, end, value, None, "reference")]
    if group == "ordinal":
        return [_claim(sentence, start, end, float(re.match(r"\d+", raw)[0]), None, "ordinal")]
    if group == "ordinal_word":
        return [_claim(sentence, start, end, _value_or_nan(raw), None, "ordinal")]
    if group == "number" and (span := _YEAR_SPAN_RE.match(raw)):
        return [
            _claim(sentence, start, start + 4, float(span["y1"]), None, "year", period=span["y1"]),
            _claim(sentence, end - 4, end, float(span["y2"]), None, "year", period=span["y2"]),
        ]
    if group == "number" and (school := _SCHOOL_YEAR_RE.match(raw)):
        return [_claim(sentence, start, end, float(school["y"]), None, "year", period=raw)]
    if group == "number" and re.search(r"[-‑/.]", raw.lstrip("+")):
        return [_claim(sentence, start, end, math.nan, None, "reference")]
    return _statistic(sentence, group, start, end)


def _statistic(sentence: str, group: str, start: int, end: int) -> list[Claim]:
    """A count, percent, money or measure claim, its span widened to scale, unit and qualifier."""
    raw = sentence[start:end]
    if group == "words" and raw.lower() in ("un", "une") and not _unit_follows(sentence, end):
        return []  # the article "un"/"une", not the number one
    has_scale = False
    if group in ("number", "words") and (s := _SCALE_RE.match(sentence, end)):
        end, has_scale = s.end(), True
    value_end = end
    unit, kind = None, "count"
    if group == "fraction":
        unit, kind = "%", "percent"
    elif p := _PERCENT_RE.match(sentence, end):
        end, unit, kind = p.end(), "%", "percent"
    elif mo := _MONEY_RE.match(sentence, end):
        end, unit, kind = mo.end(), MONEY_UNITS[mo["unit"]], "money"
    elif me := _MEASURE_RE.match(sentence, end):
        end, unit, kind = me.end(), MEASURE_UNITS[me["unit"]], "measure"
        if me["adjective"]:
            kind = "date"  # "au cours des trois dernières années" places, it does not measure
    try:
        value = parse_french_number(sentence[start:value_end])
    except ValueError:
        return []  # "des milliers": a noun with no value of its own
    if group == "fraction":
        value *= 100
    if (kind == "count" and unit is None and not has_scale and group == "number"
            and re.fullmatch(r"(?:1[89]|20)\d\d", raw)):
        return [_claim(sentence, start, end, value, None, "year", period=raw)]  # "jusqu'à 2025"
    if not math.isfinite(value):
        return []
    qualifier = "approx" if group == "approx" else "exact"
    window = max(0, start - _LOOKBACK)
    if q := _QUALIFIER_RE.search(sentence, window, start):
        start, qualifier = q.start("cue"), _QUALIFIER_OF.get(q["cue"].lower(), "exact")
    acronym = _ACRONYM_AFTER_RE.match(sentence[end:])
    if (kind == "count" and not has_scale and qualifier == "exact" and acronym
            and acronym[0].strip() not in COUNTED_ACRONYMS):
        return [_claim(sentence, start, end, value, None, "reference")]  # "24 KZ" names a channel
    return [_claim(sentence, start, end, value, unit, kind, qualifier=qualifier)]


def _claim(sentence, start, end, value, unit, kind, qualifier="exact", period=None) -> Claim:
    return Claim(sentence[start:end], start, end, value, unit, kind, qualifier, period, None, sentence)


def _unit_follows(sentence: str, end: int) -> bool:
    return bool(_SCALE_RE.match(sentence, end) or _MEASURE_RE.match(sentence, end))


def _value_or_nan(span: str) -> float:
    try:
        return parse_french_number(span)
    except ValueError:
        return math.nan


def _is_reference(sentence: str, start: int, end: int, before: list[Claim]) -> bool:
    """Is the number at start:end an article, paragraph, annex, law or resolution number?"""
    if _REFERENCE_CUE_RE.search(sentence[max(0, start - _LOOKBACK):start]):
        return True
    previous = before[-1] if before else None
    return bool(
        previous and previous.kind == "reference"
        and _REFERENCE_CHAIN_GAP_RE.match(sentence[previous.end:start])
        and _REFERENCE_CHAIN_NEXT_RE.match(sentence[end:])
    )  # "par. 16, 22, 28 et 42", "articles 174, 404 et 405"


def _share_range_units(sentence: str, claims: list[Claim]) -> None:
    """'2 à 4 %', 'trois à sept ans': the first number takes the unit of the second."""
    for low, high in zip(claims, claims[1:]):
        if (low.kind == "count" and low.unit is None and high.unit
                and _RANGE_GAP_RE.match(sentence[low.end:high.start])):
            low.unit, low.kind = high.unit, high.kind


def _date_inside_time_expression(claim: Claim, times: "_Times") -> None:
    """'six' in 'les six premiers mois de 2025' dates the sentence; it counts nothing."""
    i = bisect_right(times.starts, claim.start) - 1  # time expressions never overlap: one candidate
    if i < 0:
        return
    t = times.expressions[i]
    if t.start <= claim.start and claim.end <= t.end:
        if claim.kind in STATISTIC_KINDS and claim.unit is None:
            claim.kind = "date"
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


def _period_for(claim: Claim, sentence: str, times: _Times, chains, claims) -> str | None:
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
    g = bisect_right(times.timed_clauses, own) - 1
    if g < 0:
        return None
    governing = times.timed_clauses[g]
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
            if "\n" in gap or (after and (":" in gap or _CLAUSE_JOIN_RE.search(gap))):
                break  # farther ones on this side are cut off the same way
            if (not after and _LABEL_GAP_RE.fullmatch(gap)) or (after and _IN_GAP_RE.fullmatch(gap)):
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


def _fill_subjects(sentence: str, claims: list[Claim], chains, list_subject: str | None) -> None:
    """The counted noun phrase: after the number, else that of the count before it at the
    same parenthesis depth or shallower (par. 220), else the list's, else 'nombre de ...'."""
    subject_at_depth: dict[int, str] = {}
    number_of = [m.end() for m in _NUMBER_OF_RE.finditer(sentence)]
    for claim in claims:
        if claim.kind not in STATISTIC_KINDS:
            continue
        depth = chains.depth[claim.start]
        # "20,3 millions d'habitants", "une centaine de formations": the noun follows "de"
        has_quantity_word = claim.unit is not None or bool(_QUANTITY_NOUN_END_RE.search(claim.text))
        if claim.kind == "measure":  # "trois à sept ans d'emprisonnement"
            claim.subject = _noun_phrase(sentence, claim.end, skip_of=True, require_of=True)
            continue
        claim.subject = _noun_phrase(sentence, claim.end, skip_of=has_quantity_word or claim.kind == "percent")
        if not claim.subject and claim.kind in ("count", "percent"):
            inherited = next((subject_at_depth[d] for d in range(depth, -1, -1) if d in subject_at_depth), None)
            if claim.kind == "percent" and depth == 0 and not _SHARE_OF_BEFORE_RE.search(sentence[max(0, claim.start - 12):claim.start]):
                inherited = None  # "le niveau de satisfaction dépassait 95 %" is no share of the count before
            claim.subject = inherited or list_subject or _number_of_subject(sentence, claim.start, number_of)
        if claim.subject and claim.kind in ("count", "percent"):
            subject_at_depth = {d: s for d, s in subject_at_depth.items() if d < depth}
            subject_at_depth[depth] = claim.subject


def _looks_like_verb(word: str, first: bool) -> bool:
    """'vivent', 'dispensaient', 'accueillant': after a plural count a noun ends in -s."""
    if word.endswith(SUBJECT_VERB_ENDINGS) or (len(word) > 4 and word.endswith("ent")):
        return True
    return not first and len(word) > 4 and word.endswith("ant")


def _number_of_subject(sentence: str, pos: int, number_of: list[int]) -> str | None:
    """Par. 156: 'Le nombre d'affaires pénales enregistrées ... s'élève à 46' -> the affaires."""
    before = [end for end in number_of if end <= pos]
    return _noun_phrase(sentence[:pos], before[-1], skip_of=False) if before else None


def _noun_phrase(text: str, pos: int, skip_of: bool, require_of: bool = False) -> str | None:
    """Up to four words of the noun phrase starting at pos, or None."""
    if skip_of and (m := re.match(r"\s*(?:de\s+|d['’]|des\s+|du\s+)", text[pos:])):
        pos += m.end()
    elif require_of:
        return None
    words: list[str] = []
    while len([w for w in words if w.lower() not in _SUBJECT_CONNECTORS]) < 4:
        m = _SUBJECT_TOKEN_RE.match(text, pos)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _SUBJECT_CONNECTORS:
            if not words:
                break
        elif lower in SUBJECT_STOPWORDS or _looks_like_verb(lower, first=not words):
            break
        words.append(word)
        pos = m.end()
    while words and words[-1].lower() in _SUBJECT_CONNECTORS:
        words.pop()
    phrase = " ".join(words).replace("’ ", "’").replace("' ", "'")
    return phrase or None
