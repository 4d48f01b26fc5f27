"""Indicator tables from typed definitions: which claims form which table (no I/O here).

A definition file (indicators/<topic>.toml) names, for each observation, the paragraph and
how to pick one claim in it (kind, period, patterns over the subject, the sentence, or the
words just before/after the number, then `nth`). It never holds a value: the value,
unit, qualifier, period and quote all come from the claim, so the tables follow the text.
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from pydantic import ValidationError

from contract import records
from contract.schema import columns
from etl.definition_models import (
    DOCUMENT_PERIOD,
    DocumentFacts,
    IndicatorDefinition,
    Line,
    Narrowing,
    Selector,
    applies_to,
    names_report,
)

# parse_definitions and DefinitionError are also imported from here (the suggestions, bench/)
from etl.definitions import DefinitionError as DefinitionError, parse_definitions as parse_definitions

_CONTEXT = 80  # characters searched by `before` / `after`: a dozen words on each side
_QUOTE_MAX = 250  # a longer sentence is narrowed to its clause, then to its comma piece
_SHORT_GROUP = 40  # brackets up to this long stay whole in a quote: "(71,2 %)", "(2020 : 6 957, 2021 : 6 941)"
# Columns of observations.parquet besides the dimensions (which sit between report_id and period).
OBSERVATION_COLUMNS = tuple(columns("observations"))


class Span(Protocol):
    """Where a number sits in its paragraph: a claim record, or a span as the claim reader returns it."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def sentence(self) -> str: ...


def build_observations(
    indicators: Sequence[IndicatorDefinition],
    claims: Sequence[records.Claim],
    paragraph_texts: Mapping[int, str],
    report_id: str,
    symbol: str | None = None,
    document: "Dated | None" = None,
) -> list[records.Observation]:
    """One row per observation of every indicator defined for this report (or its document symbol, or its kind:
    the State and type of `document`, the report's row)."""
    by_paragraph: dict[int, list[records.Claim]] = {}
    for claim in claims:
        by_paragraph.setdefault(claim.paragraph, []).append(claim)
    rows = []
    for indicator in indicators:
        if applies_to(indicator, report_id, symbol, document):
            place = _Place(by_paragraph, paragraph_texts, report_id, symbol, document)
            rows += _indicator_rows(indicator, place)
    return rows


class Dated(DocumentFacts, Protocol):
    """What a series reads of its document: its State and type, its date and symbol (a report's row)."""

    @property
    def date_issued(self) -> str | None: ...

    @property
    def symbol(self) -> str | None: ...


class _Place(NamedTuple):
    """The report a definition is applied to: its claims by paragraph, its texts, its id, symbol and row."""

    by_paragraph: Mapping[int, Sequence[records.Claim]]
    texts: Mapping[int, str]
    report_id: str
    symbol: str | None
    document: Dated | None


def _indicator_rows(indicator: IndicatorDefinition, place: _Place) -> list[records.Observation]:
    rows = []
    picked: dict[str, int] = {}
    for position, line in enumerate(indicator.observations, 1):
        where = f"{indicator.source}, indicator {indicator.indicator_id}, observation {position}"
        if not names_report(line, place.report_id, place.symbol):
            continue  # a line of a series of named reports, read from another of them
        claim = _claim_of(line, place, where)
        if claim is None:
            continue  # a document of the kind that does not state this number: the series has no point there
        if claim.claim_id in picked:
            raise DefinitionError(
                f"{where}: picks the same number as observation {picked[claim.claim_id]} "
                f"({claim.text!r}); narrow the selector"
            )
        picked[claim.claim_id] = position
        rows.append(_observation(indicator, line, claim, place, position))
    return rows


def _claim_of(line: Line, place: _Place, where: str) -> records.Claim | None:
    """The claim a line picks: in its paragraph, or, for a line naming none, anywhere in the document (None when
    the document does not state it: a series across documents has no point where a document is silent)."""
    if line.paragraph is not None:
        return pick_claim(line, place.by_paragraph.get(line.paragraph, []), place.texts.get(line.paragraph), where)
    found = [
        claim
        for claims in place.by_paragraph.values()
        for claim in claims
        if claim.kind in line.kinds and _matches(line, claim, place.texts[claim.paragraph])
    ]
    if line.nth is not None:
        return found[line.nth - 1] if line.nth <= len(found) else None
    if len(found) > 1:
        paragraphs = ", ".join(str(c.paragraph) for c in found)
        raise DefinitionError(
            f"{where}: {len(found)} claims of {place.report_id} match ({line.described()}; paragraphs {paragraphs}), "
            "expected one at most; narrow the selector (subject, before, after, sentence) or add `nth`"
        )
    return found[0] if found else None


def pick_claim(
    selector: Selector | Line | Mapping[str, Any],
    claims: Sequence[records.Claim],
    paragraph_text: str | None,
    where: str,
) -> records.Claim:
    """The one claim of the paragraph that the selector describes.

    A selector document (a dict, as the drafts write one) is validated through the Selector model first.
    """
    selector = _typed_selector(selector, where)
    if paragraph_text is None:
        raise DefinitionError(f"{where}: the report has no paragraph {selector.paragraph}; fix `paragraph`")
    kinds = selector.kinds
    found = [c for c in claims if c.kind in kinds and _matches(selector, c, paragraph_text)]
    if selector.nth is not None:
        if not 1 <= selector.nth <= len(found):
            raise DefinitionError(f"{where}: {len(found)} claims match ({selector.described()}); fix the selector")
        return found[selector.nth - 1]
    if len(found) != 1:
        raise DefinitionError(
            f"{where}: {len(found)} claims match ({selector.described()}), expected exactly one; "
            "narrow the selector (subject, before, after, sentence) or add `nth`"
        )
    return found[0]


def _typed_selector(selector: Selector | Line | Mapping[str, Any], where: str) -> Selector | Line:
    if isinstance(selector, Selector | Line):
        return selector
    try:
        return Selector.model_validate(dict(selector))
    except ValidationError as error:
        raise DefinitionError(f"{where}: not a selector ({error.error_count()} problems); fix it") from None


def _matches(selector: Narrowing, claim: records.Claim, paragraph_text: str) -> bool:
    if selector.period is not None and claim.period != selector.period:
        return False
    fields = {
        "subject": claim.subject or "",
        "sentence": claim.sentence,
        "before": paragraph_text[max(0, claim.start - _CONTEXT) : claim.start],
        "after": paragraph_text[claim.end : claim.end + _CONTEXT],
    }
    for key, written in selector.patterns:
        target, pattern = fields[key], written
        # `before` must end at the number, `after` start right after it
        if key == "before":
            pattern = f"(?:{written})\\W*$"
        if key == "after":
            target = target.lstrip()
            pattern = f"^\\W*(?:{written})"
        if not re.search(pattern, target, flags=re.IGNORECASE):
            return False
    return True


def _observation(
    indicator: IndicatorDefinition, line: Line, claim: records.Claim, place: _Place, position: int
) -> records.Observation:
    # overrides are for what the text states outside the number's own words: a period in the
    # sentence before (par. 155), a "plus de" shared by two numbers (par. 350)
    labels = line.labels
    paragraph_text = place.texts[claim.paragraph]
    period = claim.period if line.period_override is None else line.period_override
    note, note_en = line.note, line.note_en
    if period is None and line.period_from == DOCUMENT_PERIOD and place.document is not None:
        period, note, note_en = _document_period(place.document, note, note_en)
    return records.Observation(
        indicator_id=indicator.indicator_id,
        report_id=place.report_id,
        dimensions={dimension: labels[dimension] for dimension in indicator.dimensions},
        period=period,
        value=claim.value,
        unit=claim.unit or line.unit or indicator.unit,
        qualifier=claim.qualifier if line.qualifier_override is None else line.qualifier_override,
        paragraph=claim.paragraph,
        item=claim.item,
        quote=quote_for(paragraph_text, claim),
        claim_id=claim.claim_id,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        note=note,
        note_en=note_en,
        position=_series_position(place.document, position) if indicator.documents is not None else position,
    )


def _document_period(document: Dated, note: str | None, note_en: str | None) -> tuple[str | None, str, str]:
    """The year of the document's date, for a number its text does not date, and the note that says so."""
    if document.date_issued is None:
        return None, *_joined(
            note,
            note_en,
            "Ni le texte ni le document ne datent ce nombre.",
            "Neither the text nor the document dates this number.",
        )
    said = f"{document.symbol or ''}, {document.date_issued}".strip(", ")
    return document.date_issued[:4], *_joined(
        note,
        note_en,
        f"Le texte ne date pas ce nombre : année du document ({said}).",
        f"The text gives this number no date: the year of its document ({said}).",
    )


def _joined(note: str | None, note_en: str | None, fr: str, en: str) -> tuple[str, str]:
    return " ".join(filter(None, (note, fr))), " ".join(filter(None, (note_en, en)))


def _series_position(document: Dated | None, position: int) -> int:
    """A point's place among every document's points of a series: its document's date first (YYYYMMDD), then
    its line, so that two documents' points never share a position (the app finds a point by it)."""
    day = document.date_issued if document is not None and document.date_issued else ""
    return int(day.replace("-", "") or 0) * 100 + position


def quote_for(paragraph_text: str, claim: Span) -> str:
    """A verbatim piece of the paragraph around the number: its sentence, or a clause if long."""
    start, end = claim.start, claim.end
    lo, hi = _sentence_bounds(paragraph_text, claim.sentence, start, end)
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
