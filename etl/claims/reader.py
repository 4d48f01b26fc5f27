"""The claim reader: a paragraph read sentence by sentence, each handing the next what it dates and counts.

A sentence's numbers are found (etl/claims/kinds.py, quantities.py), dated (dating.py) and named
(subjects.py); then the claims are placed in the paragraph's offsets. The paragraph is read without
the characters that show nothing (etl/numbers.py INVISIBLE: a zero-width space inside "1 655" does
not make two numbers of it), and each claim's span is placed back on the text as written.
"""

from dataclasses import dataclass

from etl.claims.brackets import Parens, paren_chains
from etl.claims.dating import (
    Times,
    carried_frame,
    date_inside_time_expression,
    growth_spans,
    neighbour_period,
    own_period,
    period_for,
    range_endpoints,
)
from etl.claims.grammar import Grammar, grammar
from etl.claims.kinds import claims_from_token, mark_provisions
from etl.claims.model import MAX_CLAIMS_PER_PARAGRAPH, SENTENCE_MAX, Claim, ClaimLimitError, statistics
from etl.claims.phrases import whole
from etl.claims.plans import mark_planned
from etl.claims.quantities import share_range_units
from etl.claims.subjects import fill_subjects
from etl.numbers import has_invisibles, shown_places, without_invisibles
from etl.periods import find_time_expressions
from etl.sentences import split_sentences


def extract_claims(text: str, lang: str = "fr") -> list[Claim]:
    """The numeric claims of one paragraph's text in the given language, in order; offsets index that text."""
    g = grammar(lang)
    written = _Written.of(text)
    shown = written.shown
    claims: list[Claim] = []
    carried, previous_end = _Carried(), 0
    for s_start, s_end in split_sentences(shown, lang):
        sentence = shown[s_start:s_end]
        if "\n" in shown[previous_end:s_start]:
            carried.frame = None  # a bullet or an a)/b) item is dated on its own
        found, frame = _sentence_claims(sentence, carried, g, MAX_CLAIMS_PER_PARAGRAPH - len(claims))
        carried = _carried_from(sentence, found, carried, frame)
        as_written = written.sentence(s_start, s_end) or sentence
        claims += [_placed(c, written, s_start, as_written) for c in found]
        previous_end = s_end
    return claims


@dataclass(frozen=True)
class _Written:
    """A paragraph as written and as shown (without its invisible characters), with where each shown
    character stands in the written text."""

    text: str
    shown: str
    places: list[int] | None  # None: nothing is invisible, the offsets are the same

    @classmethod
    def of(cls, text: str) -> "_Written":
        if not has_invisibles(text):
            return cls(text, text, None)
        return cls(text, without_invisibles(text), shown_places(text))

    def start(self, pos: int) -> int:
        """Where the shown character at `pos` is written."""
        if self.places is None:
            return pos
        return self.places[pos] if pos < len(self.places) else len(self.text)

    def end(self, pos: int) -> int:
        """Where a shown span ending at `pos` ends as written (the invisible characters after it left out)."""
        if self.places is None:
            return pos
        return self.places[pos - 1] + 1 if pos > 0 else 0

    def sentence(self, start: int, end: int) -> str | None:
        """The shown span start:end as written; None when it is written as shown."""
        return None if self.places is None else self.text[self.start(start) : self.end(end)]


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
    stats = statistics(claims)
    period = next((c.period for c in reversed(stats) if c.period), None)
    dated = frame is not None and any(c.period == frame for c in stats)
    subject = next((whole(c.subject) for c in reversed(stats) if c.subject and c.kind == "count"), None)
    ending = sentence.rstrip()[-1:]
    if ending == ":":
        # par. 317: "... 78 procédures pénales ..., dont :" then one line per article
        return _Carried(period, True, period, subject, frame, dated, subject)
    if before.in_list and ending == ";":
        return _Carried(period, True, before.list_period, before.list_subject, frame, dated, subject)
    return _Carried(period, frame=frame, frame_dated=dated, subject=subject)


def _placed(claim: Claim, written: _Written, offset: int, sentence: str) -> Claim:
    """The claim in the offsets of the paragraph as written, its sentence as written (`offset`: where it
    starts, shown); a very long sentence is kept only around the number."""
    start, end = written.start(offset + claim.start), written.end(offset + claim.end)
    claim.text = written.text[start:end]
    claim.sentence = sentence
    if len(sentence) > SENTENCE_MAX:
        at = written.start(offset)
        claim.sentence = _around(sentence, start - at, end - at)
    claim.start, claim.end = start, end
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


def _sentence_claims(sentence: str, carried: _Carried, g: Grammar, room: int) -> tuple[list[Claim], str | None]:
    """Claims of one sentence and its frame (see _Carried); `carried` is what the previous
    sentence hands on; at most `room` claims."""
    times = Times.of(sentence, find_time_expressions(sentence, g.tables.CODE))
    claims = _numbers(sentence, g, room)
    share_range_units(sentence, claims, g)
    mark_provisions(sentence, claims, g)
    mark_planned(sentence, claims, g)
    chains = paren_chains(sentence)
    opens_with_carry = sentence.lower().startswith(g.tables.CARRY_PERIOD_OPENERS)
    for claim in claims:
        date_inside_time_expression(claim, times)
    for claim in statistics(claims):
        claim.period = _period(claim, sentence, claims, times, chains, carried, opens_with_carry, g)
    range_endpoints(sentence, claims, g)
    growth_spans(sentence, claims, g)
    list_subject = carried.list_subject if carried.in_list else None
    opener_subject = carried.subject if opens_with_carry else None
    fill_subjects(sentence, claims, chains, list_subject or opener_subject, g)
    return claims, own_period(times, chains) or carried_frame(claims, times, carried.frame)


def _numbers(sentence: str, g: Grammar, room: int) -> list[Claim]:
    """Every number of a sentence as a claim, its kind, value and unit read; at most `room` of them."""
    claims: list[Claim] = []
    pos = 0
    while m := g.token.search(sentence, pos):
        new = claims_from_token(m, sentence, claims, g)
        claims += new
        if len(claims) > room:
            raise ClaimLimitError(
                f"more than {MAX_CLAIMS_PER_PARAGRAPH} numbers in one paragraph; "
                "split the text into paragraphs or leave out the tables"
            )
        pos = max([m.end()] + [c.end for c in new])
    return claims


def _period(
    claim: Claim,
    sentence: str,
    claims: list[Claim],
    times: Times,
    chains: Parens,
    carried: _Carried,
    opens_with_carry: bool,
    g: Grammar,
) -> str | None:
    """A statistic's period: its sentence's, else the list's it is an item of, else the previous
    sentence's when this one opens "Au total", "Parmi elles", else its neighbour's."""
    period = period_for(claim, sentence, times, chains, g)
    if period is None and carried.in_list:
        period = carried.list_period
    elif period is None and opens_with_carry:
        period = carried.period
    if period is None:
        period = neighbour_period(claim, sentence, claims, times, carried.frame, carried.frame_dated, g)
    return period
