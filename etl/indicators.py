"""Indicator tables from declarative definitions: which claims form which table (no I/O here).

A definition file (indicators/<topic>.toml) names, for each observation, the paragraph and
how to pick one claim in it (kind, period, patterns over the subject, the sentence, or the
words just before/after the number, then `nth`). It never holds a value: the value,
unit, qualifier, period and quote all come from the claim, so the tables follow the text.
"""

import re

from contract.schema import STATISTIC_KINDS, columns

# parse_definitions and DefinitionError are also imported from here (the CLI, bench/)
from etl.definitions import PATTERN_KEYS, SELECTOR_KEYS, DefinitionError, Definitions, parse_definitions  # noqa: F401

_CONTEXT = 80  # characters searched by `before` / `after`: a dozen words on each side
_QUOTE_MAX = 250  # a longer sentence is narrowed to its clause, then to its comma piece
_SHORT_GROUP = 40  # brackets up to this long stay whole in a quote: "(71,2 %)", "(2020 : 6 957, 2021 : 6 941)"
# Columns of observations.parquet besides the dimensions (which sit between report_id and period).
OBSERVATION_COLUMNS = tuple(columns("observations"))


def applies_to(definition: dict, report_id: str, symbol: str | None = None) -> bool:
    """A definition is for the reports it names, by report_id or by document symbol (every language version
    of one document shares its symbol), never silently for another."""
    return report_id in definition["reports"] or (isinstance(symbol, str) and symbol in definition["reports"])


def build_observations(
    indicators: list[dict],
    claims: list[dict],
    paragraph_texts: dict[int, str],
    report_id: str,
    symbol: str | None = None,
) -> list[dict]:
    """One row per observation of every indicator defined for this report (or its document symbol)."""
    by_paragraph: dict[int, list[dict]] = {}
    for claim in claims:
        by_paragraph.setdefault(claim["paragraph"], []).append(claim)
    rows = []
    for indicator in indicators:
        if not applies_to(indicator, report_id, symbol):
            continue
        picked: dict[str, int] = {}
        for position, selector in enumerate(indicator["observations"], 1):
            where = f"{indicator['source']}, indicator {indicator['indicator_id']}, observation {position}"
            claim = pick_claim(
                selector, by_paragraph.get(selector["paragraph"], []), paragraph_texts.get(selector["paragraph"]), where
            )
            if claim["claim_id"] in picked:
                raise DefinitionError(
                    f"{where}: picks the same number as observation {picked[claim['claim_id']]} "
                    f"({claim['text']!r}); narrow the selector"
                )
            picked[claim["claim_id"]] = position
            rows.append(
                _observation_row(indicator, selector, claim, paragraph_texts[claim["paragraph"]], report_id, position)
            )
    return rows


def pick_claim(selector: dict, claims: list[dict], paragraph_text: str | None, where: str) -> dict:
    """The one claim of the paragraph that the selector describes."""
    if paragraph_text is None:
        raise DefinitionError(f"{where}: the report has no paragraph {selector['paragraph']}; fix `paragraph`")
    kinds = selector.get("kind", STATISTIC_KINDS)
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    found = [c for c in claims if c["kind"] in kinds and _matches(selector, c, paragraph_text)]
    described = ", ".join(f"{k}={selector[k]!r}" for k in SELECTOR_KEYS if k in selector)
    if "nth" in selector:
        if not 1 <= selector["nth"] <= len(found):
            raise DefinitionError(f"{where}: {len(found)} claims match ({described}); fix the selector")
        return found[selector["nth"] - 1]
    if len(found) != 1:
        raise DefinitionError(
            f"{where}: {len(found)} claims match ({described}), expected exactly one; "
            "narrow the selector (subject, before, after, sentence) or add `nth`"
        )
    return found[0]


def _matches(selector: dict, claim: dict, paragraph_text: str) -> bool:
    if "period" in selector and claim["period"] != selector["period"]:
        return False
    fields = {
        "subject": claim["subject"] or "",
        "sentence": claim["sentence"],
        "before": paragraph_text[max(0, claim["start"] - _CONTEXT) : claim["start"]],
        "after": paragraph_text[claim["end"] : claim["end"] + _CONTEXT],
    }
    for key in PATTERN_KEYS:
        if key in selector:
            pattern = selector[key]
            target = fields[key]
            # `before` must end at the number, `after` start right after it
            if key == "before":
                pattern = f"(?:{pattern})\\W*$"
            if key == "after":
                target = target.lstrip()
                pattern = f"^\\W*(?:{pattern})"
            if not re.search(pattern, target, flags=re.IGNORECASE):
                return False
    return True


def _observation_row(indicator, selector, claim, paragraph_text, report_id, position) -> dict:
    # overrides are for what the text states outside the number's own words: a period in the
    # sentence before (par. 155), a "plus de" shared by two numbers (par. 350)
    period = selector.get("period_override", claim["period"])
    qualifier = selector.get("qualifier_override", claim["qualifier"])
    return {
        "indicator_id": indicator["indicator_id"],
        "report_id": report_id,
        **{dimension: str(selector[dimension]) for dimension in indicator["dimensions"]},
        "period": period,
        "value": claim["value"],
        "unit": claim["unit"] or selector.get("unit") or indicator["unit"],
        "qualifier": qualifier,
        "paragraph": claim["paragraph"],
        "item": claim.get("item"),
        "quote": quote_for(paragraph_text, claim),
        "claim_id": claim["claim_id"],
        "text": claim["text"],
        "start": claim["start"],
        "end": claim["end"],
        "note": selector.get("note"),
        "note_en": selector.get("note_en"),
        "position": position,
    }


def quote_for(paragraph_text: str, claim: dict) -> str:
    """A verbatim piece of the paragraph around the number: its sentence, or a clause if long."""
    start, end = claim["start"], claim["end"]
    lo, hi = _sentence_bounds(paragraph_text, claim["sentence"], start, end)
    for separators in (r"[;:\n]\s", r",\s"):
        if hi - lo <= _QUOTE_MAX:
            break
        lo, hi = _piece_bounds(paragraph_text, lo, hi, start, end, separators)
    if hi - lo > _QUOTE_MAX:  # one long clause (par. 107): whole words around the number
        lo, hi = _word_window(paragraph_text, lo, hi, start, end)
    quote = paragraph_text[lo:hi]
    stripped = quote.strip(" \xa0\t\n,;:")
    lo += quote.index(stripped)
    return paragraph_text[lo : lo + len(stripped)]


def _sentence_bounds(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    at = text.find(sentence)
    while at != -1:
        if at <= start and end <= at + len(sentence):
            return at, at + len(sentence)
        at = text.find(sentence, at + 1)
    return 0, len(text)


def _piece_bounds(text: str, lo: int, hi: int, start: int, end: int, separators: str) -> tuple[int, int]:
    """The piece of text[lo:hi] around the number between separators, brackets kept whole."""
    start, end = _widen_to_short_group(text, lo, hi, start, end)
    left, i = lo, start - 1
    while i >= lo:
        if text[i] == ")":
            opening = _matching(text, i, lo, hi)
            if opening is None or i - opening > _SHORT_GROUP:  # a long aside ends here
                left = i + 1
                break
            i = opening - 1
            continue
        if text[i] == "(" or re.match(separators, text[i : i + 2]):
            left = i + 1
            break
        i -= 1
    right, i = hi, end
    while i < hi:
        if text[i] == "(":
            closing = _matching(text, i, lo, hi)
            if closing is None or closing - i > _SHORT_GROUP:  # a long aside starts here (par. 249)
                right = i
                break
            i = closing + 1
            continue
        if text[i] == ")" or re.match(separators, text[i : i + 2]):
            right = i
            break
        i += 1
    return left, right


def _widen_to_short_group(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """A number inside a short bracket, "(71,2 %)", is quoted with what the bracket qualifies."""
    opening = text.rfind("(", lo, start)
    if opening != -1 and ")" not in text[opening:start]:
        closing = _matching(text, opening, lo, hi)
        if closing is not None and closing >= end and closing - opening <= _SHORT_GROUP:
            return opening, closing + 1
    return start, end


def _matching(text: str, at: int, lo: int, hi: int) -> int | None:
    """The position of the bracket matching the one at `at`, within text[lo:hi]."""
    step, depth = (1, 0) if text[at] == "(" else (-1, 0)
    i = at
    while lo <= i < hi:
        depth += {"(": 1, ")": -1}.get(text[i], 0) * step
        if depth == 0:
            return i
        i += step
    return None


def _word_window(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """At most _QUOTE_MAX characters of text[lo:hi] around the number, cut between words."""
    room = max(0, _QUOTE_MAX - (end - start)) // 2
    left = max(lo, start - room)
    right = min(hi, end + room)
    if left > lo:
        left = text.find(" ", left, start) + 1 or left
    if right < hi:
        right = text.rfind(" ", end, right) if text.rfind(" ", end, right) != -1 else right
    return left, right
