"""The claim: one number written in a paragraph, as the reader understands it; and the reader's limits."""

from collections.abc import Iterable
from dataclasses import dataclass

from contract.schema import STATISTIC_KINDS

# A claim keeps its whole sentence up to this length; past it, the words around the number
# (a 200 KB "sentence" of numbers would otherwise be copied once per claim).
SENTENCE_MAX = 1_000
# No paragraph of a report states this many numbers (par. 249, the richest, has 31; a table
# pasted as one line of 16 000 numbers is still read, tests/test_robustness.py); past it the text
# is an attack: "1 " written two million times would otherwise give two million claims, in minutes
# and gigabytes.
MAX_CLAIMS_PER_PARAGRAPH = 20_000


class ClaimLimitError(ValueError):
    """A paragraph beyond what the reader takes: too many numbers, or a number too long."""


@dataclass
class Claim:
    """A number as written (`text`, at `start`:`end` of the paragraph) and what it states."""

    text: str
    start: int
    end: int
    value: float  # NaN for a reference or a date that has no value of its own
    unit: str | None  # a code of contract/units.py, or None for a plain count
    kind: str  # one of contract.schema.CLAIM_KINDS
    qualifier: str  # exact, approx, more_than, ... (contract.schema.QUALIFIERS)
    period: str | None  # in the format of contract/periods.py
    subject: str | None  # the counted noun phrase, with what is said of it in brackets
    sentence: str  # the sentence it stands in (around the number when the sentence is very long)
    planned: bool = False  # a figure planned for the future ("will train 300 teachers"), not achieved


def new_claim(
    sentence: str,
    start: int,
    end: int,
    value: float,
    unit: str | None,
    kind: str,
    qualifier: str = "exact",
    period: str | None = None,
) -> Claim:
    """The claim of the sentence's span start:end, its subject still to be found."""
    return Claim(sentence[start:end], start, end, value, unit, kind, qualifier, period, None, sentence)


def is_statistic(claim: Claim) -> bool:
    """Whether a claim states a quantity (a count, share, sum or measure), not a reference or a date."""
    return claim.kind in STATISTIC_KINDS


def statistics(claims: Iterable[Claim]) -> list[Claim]:
    """The claims that state a quantity, in order."""
    return [c for c in claims if is_statistic(c)]
