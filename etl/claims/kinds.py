"""What a number is, besides a quantity: a reference, a date, a year, an ordinal, or the terms of a law.

"art. 174", "résolution 68/237" and "par. 16, 22 et 42" are references; "2022-2024" two years;
"2022/23" a school year; "XXXIVe" and "cinquième" ordinals; "trois à sept ans d'emprisonnement" a
`provision`. Whatever is none of these is read as a statistic (etl/claims/quantities.py).
"""

import math
import re

from contract.units import TIME_UNITS
from etl.claims.grammar import LOOKBACK, Grammar
from etl.claims.model import Claim, ClaimLimitError, new_claim
from etl.claims.quantities import statistic
from etl.claims.references import is_first_day, is_placed_reference
from etl.numbers import MAX_DIGITS, parse_number
from etl.segment import roman_to_int

_YEAR_SPAN_RE = re.compile(r"^(?P<y1>\d{4})[-‑](?P<y2>\d{4})$")
_SCHOOL_YEAR_RE = re.compile(r"^(?P<y>\d{4})/(?P<yy>\d{2})$")
_LEADING_DIGITS_RE = re.compile(r"\d+")
# Tokens that state no value: a document symbol, a date, a name with digits in it ("119Kenesbot").
_WITHOUT_VALUE = {"symbol": "reference", "date": "date", "glued": "reference"}

# How far from a time or a sum its provision cue may stand (par. 292: "Le délai de traitement
# des demandes a été réduit à trente jours"); a fine's cue stands right before it, so that
# "des amendes ont été prononcées pour une somme totale de plus de 5,5 millions" (par. 267)
# stays a statistic.
_PROVISION_BEFORE = {"time": 60, "money": 25}
_PROVISION_AFTER = 30
_AGE_BEFORE = 35  # "niños de edades comprendidas entre 2 y 6 años"
_SECOND_TERM_GAP = 15
_SUB_PARAGRAPH_DIGITS = 2  # "article 20 (2)"  # "trois mois, voire d'un an"


def claims_from_token(m: re.Match[str], sentence: str, before: list[Claim], g: Grammar) -> list[Claim]:
    """Zero, one or two claims for one token match (a year span gives two)."""
    group, raw = m.lastgroup or "", m.group()
    start, end = m.start(), m.end()
    if group == "number":
        _refuse_digit_walls(m, sentence)
    if group in _WITHOUT_VALUE:
        return [new_claim(sentence, start, end, math.nan, None, _WITHOUT_VALUE[group])]
    if group == "roman_ref":
        return [new_claim(sentence, start, end, float(roman_to_int(raw)), None, "reference")]
    if group == "roman_ordinal":
        return [new_claim(sentence, start, end, float(roman_to_int(raw[:-1])), None, "ordinal")]
    if _is_reference(sentence, start, end, before, g):
        return [new_claim(sentence, start, end, _reference_value(raw, g), None, "reference")]
    if group == "number" and is_placed_reference(sentence, start, end, raw):
        return [new_claim(sentence, start, end, _reference_value(raw, g), None, "reference")]
    if group == "number" and is_first_day(sentence, end, g):
        return [new_claim(sentence, start, end, math.nan, None, "date")]
    if group == "ordinal":
        return [new_claim(sentence, start, end, _leading_number(raw), None, "ordinal")]
    if group == "zero":  # "aucun cas … n'a été enregistré": nothing was
        return [new_claim(sentence, start, end, 0.0, None, "count")]
    if group == "ordinal_word":
        return [new_claim(sentence, start, end, _value_or_nan(raw, g), None, "ordinal")]
    if group == "number" and (written := _years_or_identifier(m, sentence)) is not None:
        return written
    return statistic(sentence, group, start, end, g)


def _refuse_digit_walls(m: re.Match[str], sentence: str) -> None:
    """A number of more than MAX_DIGITS digits is no statistic but a wall of digits: refused, with where."""
    digits = sum(ch.isdigit() for ch in m["digits"])
    if digits > MAX_DIGITS:
        start = m.start()
        raise ClaimLimitError(
            f"a number of {digits} digits (at most {MAX_DIGITS}) at "
            f"“{sentence[max(0, start - 20) : start + 20]}…”; check that the text is a report"
        )


def _years_or_identifier(m: re.Match[str], sentence: str) -> list[Claim] | None:
    """'2022-2024': two years; '2022/23': a school year; '322-I', '68/237': an identifier; else None."""
    raw, start, end = m.group(), m.start(), m.end()
    if span := _YEAR_SPAN_RE.match(raw):
        return [
            new_claim(sentence, start, start + 4, float(span["y1"]), None, "year", period=span["y1"]),
            new_claim(sentence, end - 4, end, float(span["y2"]), None, "year", period=span["y2"]),
        ]
    if school := _SCHOOL_YEAR_RE.match(raw):
        return [new_claim(sentence, start, end, float(school["y"]), None, "year", period=raw)]
    if m["tail"]:
        return [new_claim(sentence, start, end, math.nan, None, "reference")]
    return None


def _is_reference(sentence: str, start: int, end: int, before: list[Claim], g: Grammar) -> bool:
    """Is the number at start:end an article, paragraph, annex, law or resolution number?"""
    if g.reference_cue.search(sentence[max(0, start - LOOKBACK) : start]):
        return True
    previous = before[-1] if before else None
    if not previous or previous.kind != "reference":
        return False
    gap = sentence[previous.end : start]
    if gap.strip() == "(" and sentence[end : end + 1] == ")" and end - start <= _SUB_PARAGRAPH_DIGITS:
        return True  # "article 20 (2)": the paragraph of an article; "Convention 189 (2011)" its year
    return bool(g.chain_gap.match(gap) and g.chain_next.match(sentence[end:]))  # "par. 16, 22, 28 et 42"


def _reference_value(raw: str, g: Grammar) -> float:
    """'174' -> 174, '1er' -> 1; NaN for what is no number of its own ("68/237")."""
    number = g.ordinal_value.fullmatch(raw)
    return float(number[1]) if number else _value_or_nan(raw, g)


def _leading_number(raw: str) -> float:
    """'14ème' -> 14."""
    digits = _LEADING_DIGITS_RE.match(raw)
    return float(digits[0]) if digits else math.nan


def _value_or_nan(span: str, g: Grammar) -> float:
    try:
        return parse_number(span, g.tables.CODE)
    except ValueError:
        return math.nan


def mark_provisions(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """Penalties, fines, time limits and ages set by a law are `provision`, not statistics."""
    previous = None
    for claim in claims:
        if _is_provision(claim, sentence, g, previous):
            claim.kind = "provision"
        previous = claim


def _is_provision(claim: Claim, sentence: str, g: Grammar, previous: Claim | None) -> bool:
    """Par. 191 "(trois à sept ans d'emprisonnement)", par. 278 "dans un délai de trois mois, voire
    d'un an", par. 282 "dans les vingt-quatre heures", par. 225 "enfants âgés de 2 à 6 ans"."""
    lo = sentence.rfind(";", 0, claim.start) + 1  # a cue reaches no further than its clause
    if _is_age(claim, sentence, lo, g, previous):
        return True
    time = claim.kind == "measure" and claim.unit in TIME_UNITS
    if claim.kind == "percent":  # "subject to a 5 per cent quota": a rule's share, its cue right after it
        return bool(g.provision_cue.match(sentence[claim.end : claim.end + _PROVISION_AFTER].lstrip()))
    if not (time or claim.kind == "money"):
        return False
    hi = sentence.find(";", claim.end) % (len(sentence) + 1)
    before = sentence[max(lo, claim.start - _PROVISION_BEFORE["time" if time else "money"]) : claim.start]
    after = sentence[claim.end : min(hi or len(sentence), claim.end + _PROVISION_AFTER)]
    if g.provision_cue.search(before) or g.provision_cue.search(after):
        return True
    return time and (_time_limit(claim, before, g) or _second_term(claim, sentence, previous))


def _is_age(claim: Claim, sentence: str, lo: int, g: Grammar, previous: Claim | None) -> bool:
    """'children aged 2 to 6' (both ends, with or without their unit), 'under the age of 18',
    'older than three years of age': an age that says who is counted, not a statistic."""
    if claim.kind not in ("count", "measure"):
        return False
    if claim.kind == "measure" and claim.unit != "years":
        return False
    if g.age_after.match(sentence, claim.end) or (
        claim.kind == "count" and g.age_before.search(sentence, max(lo, claim.start - _AGE_BEFORE), claim.start)
    ):
        return True
    return bool(
        previous and previous.kind == "provision" and g.range_gap.match(sentence[previous.end : claim.start])
    )  # "aged 7 to 15": the second end of the range


def _time_limit(claim: Claim, before: str, g: Grammar) -> bool:
    """'dans les vingt-quatre heures', 'enfants âgés de 2 à 6 ans': a limit or an age, not a duration."""
    return bool(
        g.time_limit_before.search(before) or (claim.unit == "years" and g.age_cue.search(before[-_AGE_BEFORE:]))
    )


def _second_term(claim: Claim, sentence: str, previous: Claim | None) -> bool:
    """'trois mois, voire d'un an': the second term of the same provision."""
    return bool(
        previous
        and previous.kind == "provision"
        and claim.start - previous.end <= _SECOND_TERM_GAP
        and "." not in sentence[previous.end : claim.start]
    )
