"""What the finder reads: a report's statistics, each with its sentence and counted noun, and their paragraphs.

A statistic is a claim a table can hold (a count, a share, an amount or a measure, in a unit a
definition can chart, at the offsets its paragraph states it), minus the numbers the text
states again. What the finder computes about a claim sits beside it, in a `Stat`.
"""

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contract import periods, records
from contract.schema import STATISTIC_KINDS
from etl.sentences import split_sentences
from etl.suggest.nouns import names_a_measure, subject_head

# The units a definition can chart (etl/definitions.py): none (a count), '%' or a currency code. Lengths of time are
# the terms of a provision or an age ("jusqu'à 18 ans"), and other measures ("42 pétaflops") have no count unit.
_CHARTED_UNIT_RE = re.compile(r"%|[A-Z]{3}")
_RESTATED_MIN = 10  # a repeated small number (2, 4) is likely another count, not a restatement
# "L’association … compte 30 parlementaires en son sein" (par. 133): the number counts the members of the
# sentence's subject, not all of their kind (the Parliament has more than 30 members). What says so after the
# number, in its clause, and the verb of membership before it, after the owner.
_MEMBERS_AFTER_RE = re.compile(
    r"^[^;:.]*?\b(?:en (?:son|leur) sein|parmi (?:ses|leurs) membres|among (?:its|their) members|within (?:it|them)"
    r"|in (?:its|their) ranks|en su seno|entre sus miembros)\b",
    re.IGNORECASE,
)
_OWNER_BEFORE_RE = re.compile(
    r"(?P<owner>\S.*?)\s+(?:compte|comptent|réunit|réunissent|regroupe|regroupent|has|have|includes|include"
    r"|cuenta con|cuentan con|reúne|reúnen)\s+(?:désormais\s+|aujourd’hui\s+|actuellement\s+|now\s+|ya\s+)?$",
    re.IGNORECASE,
)

Outline = dict[int, records.Paragraph]  # paragraph number -> its paragraph, for the numbers that do not repeat
Heading = tuple[str | None, str | None, str | None]  # chapter, section, subsection
Family = tuple[str, str | None]  # kind and unit: what must agree for two numbers to sit in one table


@dataclass(frozen=True, eq=False, slots=True)
class Stat:
    """A claim a table can hold, with what the finder reads of it; one number of the text, compared by identity."""

    claim: records.Claim
    sentence: int  # its sentence, counted from 0 in its paragraph
    head: str | None  # the counted noun of its subject, lower case and singular ('affaire')
    noun: str | None  # the same, unless the subject names a measure ('taux d’emploi'): then nothing links it by noun

    @property
    def paragraph(self) -> int:
        return self.claim.paragraph

    @property
    def start(self) -> int:
        return self.claim.start

    @property
    def end(self) -> int:
        return self.claim.end

    @property
    def period(self) -> str | None:
        return self.claim.period

    @property
    def subject(self) -> str | None:
        return self.claim.subject


@dataclass(frozen=True, slots=True)
class Context:
    """What the statistics of one paragraph are read against: its text, where its sentences and statistics start."""

    text: str
    sentence_starts: Sequence[int]
    stat_starts: Sequence[int]

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset)


def outline_of(paragraphs: Sequence[records.Paragraph]) -> Outline:
    """Paragraph number -> its paragraph; a number that repeats is left out (its claims mix)."""
    numbers = Counter(p.paragraph for p in paragraphs)
    return {p.paragraph: p for p in paragraphs if numbers[p.paragraph] == 1}


def statistics(claims: Iterable[records.Claim], outline: Outline, sentences: dict[int, list[int]]) -> list[Stat]:
    """The claims that can be charted, each with its sentence and counted noun, in reading order.

    `sentences` gets where the sentences of each paragraph read start, for the contexts made after.
    """
    found = []
    for claim in claims:
        paragraph = outline.get(claim.paragraph)
        if paragraph is None or not _charted(claim, paragraph):
            continue
        if claim.paragraph not in sentences:
            sentences[claim.paragraph] = [start for start, _ in split_sentences(paragraph.text)]
        head = subject_head(claim.subject)
        sentence = bisect_right(sentences[claim.paragraph], claim.start)
        found.append(Stat(claim, sentence, head, None if names_a_measure(claim.subject) else head))
    return sorted(found, key=lambda s: (s.paragraph, s.start))


def _charted(claim: records.Claim, paragraph: records.Paragraph) -> bool:
    """A statistic achieved (not planned for the future), with a value, in a unit a definition can chart, at the
    offsets its paragraph states it."""
    return (
        claim.kind in STATISTIC_KINDS
        and not claim.planned
        and claim.value == claim.value
        and (claim.unit is None or _CHARTED_UNIT_RE.fullmatch(claim.unit) is not None)
        and paragraph.text[claim.start : claim.end] == claim.text
    )


_ARTICLE_RE = re.compile(r"(?:L[’']|(?:La|Le|Les|The|El|Los|Las)\s)")


def owner_of(stat: Stat, context: "Context") -> str | None:
    """Whose members a number counts, when its sentence says so: "L’association « Bir el − bir moudde » compte 30
    parlementaires en son sein" -> "l’association « Bir el − bir moudde »"; None when it does not."""
    text = context.text
    if not _MEMBERS_AFTER_RE.match(text[stat.end :]):
        return None
    starts = [start for start in context.sentence_starts if start <= stat.start]
    found = _OWNER_BEFORE_RE.fullmatch(text[starts[-1] if starts else 0 : stat.start].strip() + " ")
    if found is None:
        return None
    owner = found.group("owner")
    return owner[:1].lower() + owner[1:] if _ARTICLE_RE.match(owner) else owner  # "l’association", not "L’…"


def restated_removed(stats: list[Stat], outline: Outline) -> list[Stat]:
    """Without the numbers stated again: "plus de 80 %" twice (par. 350), "de 46 à 91" after the series (par. 158)."""
    kept = []
    first_sentence: dict[tuple[int, tuple[float, str | None, str, str]], int] = {}
    seen_in_section: dict[tuple[Heading | None, tuple[float, str | None, str, str]], list[tuple[int, str | None]]] = {}
    for stat in stats:
        claim = stat.claim
        number = (claim.value, claim.unit, claim.kind, claim.qualifier)
        sentence = first_sentence.setdefault((claim.paragraph, number), stat.sentence)
        earlier = sentence < stat.sentence and claim.qualifier != "exact"
        seen = seen_in_section.setdefault((heading(outline, claim.paragraph), number), [])
        # "25 enseignants" in 2024, then 25 planned for 2025 (par. 253-254): another number, not the same one again
        before = abs(claim.value) >= _RESTATED_MIN and any(
            paragraph < claim.paragraph and overlapping(period, claim.period) for paragraph, period in seen
        )
        if not earlier and not before:
            kept.append(stat)
        seen.append((claim.paragraph, claim.period))
    return kept


def heading(outline: Outline, number: int) -> Heading | None:
    """The chapter, section and subsection a paragraph sits under; None for a paragraph not in the outline."""
    paragraph = outline.get(number)
    return (paragraph.chapter, paragraph.section, paragraph.subsection) if paragraph else None


def same_heading(outline: Outline, a: int, b: int) -> bool:
    """Two paragraphs under the same chapter, section and subsection."""
    return heading(outline, a) is not None and heading(outline, a) == heading(outline, b)


def overlapping(a: str | None, b: str | None) -> bool:
    """Undated numbers fit anywhere; dated ones when their periods overlap."""
    if a is None or b is None:
        return True
    bounds_a, bounds_b = periods.bounds(a), periods.bounds(b)
    if not bounds_a or not bounds_b:
        return a == b
    return bounds_a[0] <= bounds_b[1] and bounds_b[0] <= bounds_a[1]


def family(stat: Stat) -> Family:
    """What must agree for two numbers to sit in one table: their kind and unit."""
    return stat.claim.kind, stat.claim.unit
