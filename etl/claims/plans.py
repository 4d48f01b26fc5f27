"""Figures planned for the future, kept apart from those achieved.

"195 jardins d'enfants offrant 14 800 places ont été ouverts depuis le début de 2025, et plus de 49 000
places supplémentaires seront créées d'ici à la fin de 2025" (par. 226): the first two were built, the
third is planned. A statistic is `planned` when its clause holds a cue of the language's PLANNED_CUES
("will", "il est prévu de", "se prevé"); a clause ends at a semicolon, a colon or ", and" (", et", ", y").
"""

import re

from etl.claims.grammar import Grammar
from etl.claims.model import Claim, is_statistic

_CLAUSE_END_RE = re.compile(r"[;:]")


def mark_planned(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """Set `planned` on the statistics of the sentence whose clause says they are yet to come."""
    if not g.planned_cue.search(sentence):
        return  # most sentences plan nothing
    bounds = _clause_bounds(sentence, g)
    for claim in claims:
        if is_statistic(claim):
            lo = max((b for b in bounds if b <= claim.start), default=0)
            hi = min((b for b in bounds if b >= claim.end), default=len(sentence))
            claim.planned = g.planned_cue.search(sentence, lo, hi) is not None


def _clause_bounds(sentence: str, g: Grammar) -> list[int]:
    """Where the sentence's clauses start and end: at a semicolon or a colon, and at ", and"."""
    bounds = [m.end() for m in _CLAUSE_END_RE.finditer(sentence)]
    return bounds + [m.start() for m in g.clause_join.finditer(sentence)]
