"""Numbers written as the items of a list, or as a breakdown in brackets, share the noun of the first.

"dont 3 743 (54,2 %) dispensaient un enseignement en kazakh, 1 055 (15,3 %) en russe": 1 055 counts
the same schools as 3 743, "(en russe)"; "quatre procédures … (1 procédure en 2022, …)": the item in
brackets counts what the number before the bracket counts.
"""

import itertools
import re

from etl.claims.brackets import Parens, outside_brackets
from etl.claims.grammar import Grammar
from etl.claims.model import Claim, is_statistic, statistics
from etl.claims.phrases import after_noun_phrase, own_words, same_head, whole
from etl.numbers import MINUS_SIGNS

_SIGNED_NUMBER_OPENING_RE = re.compile(rf"\(\s*[+{re.escape(MINUS_SIGNS)}]?\d")
_BRACKET_AFTER_RE = re.compile(r"\s*\(")


def elliptic_items(sentence: str, claims: list[Claim], chains: Parens, borrowed: list[Claim], g: Grammar) -> None:
    """Items of a list that leave their noun out take the first item's, with their own words.

    Par. 249: "dont 3 743 (54,2 %) dispensaient un enseignement en kazakh, 1 055 (15,3 %) en
    russe" -> "établissements d'enseignement général (en russe)"; par. 239: "98 % des
    établissements sont équipés de tourniquets, 97 % d'agents de sécurité agréés" ->
    "établissements (agents de sécurité agréés)". The share in brackets after a count follows it.
    `borrowed` are the claims whose subject was taken from another number.
    """
    groups: dict[int, list[Claim]] = {}  # by the bracket they stand in (-1: none)
    for c in statistics(claims):
        groups.setdefault(chains.innermost[c.start], []).append(c)
    borrowed_ids = {id(c) for c in borrowed}
    for stats in groups.values():
        _elliptic_run(sentence, stats, claims, borrowed_ids, g)
    for claim in borrowed:
        if claim.subject and "(" not in claim.subject and not g.subject_of.match(sentence, claim.end):
            complete(sentence, claim, claim.subject, claims, g)  # par. 151 "dont 1 097 en situation d'urgence"


def _elliptic_run(sentence: str, stats: list[Claim], claims: list[Claim], borrowed: set[int], g: Grammar) -> None:
    """The lists among statistics written side by side (one bracket level)."""
    head = None
    for previous, claim in itertools.pairwise(stats):
        if not _listed_after(sentence, previous, claim, g):
            head = None
            continue
        head = head or previous
        noun = whole(head.subject) if head.subject else None
        if not noun or g.pronoun_of.match(sentence, claim.end):
            continue  # "85 % de ces derniers" (par. 241) counts something else
        partitive = _is_partitive(sentence, claim, head, noun, g)
        if not (id(claim) in borrowed or partitive or _names_noun_short(claim, noun, g) or claim.subject is None):
            head = None
            continue
        _take_list_noun(sentence, head, claim, noun, partitive, claims, g)


def _listed_after(sentence: str, previous: Claim, claim: Claim, g: Grammar) -> bool:
    """Two numbers of one kind with a comma or "et" between them (brackets aside): items of one list."""
    return claim.kind == previous.kind and bool(
        g.list_end.search(outside_brackets(sentence[previous.end : claim.start]))
    )


def _is_partitive(sentence: str, claim: Claim, head: Claim, noun: str, g: Grammar) -> bool:
    """'98 % des établissements …, 97 % d'agents': the item's bare "de" names a part, the head's "des" the whole."""
    return bool(
        claim.kind == "percent"
        and claim.subject
        and claim.subject != noun
        and g.bare_of.match(sentence, claim.end)
        and not g.definite_of.match(sentence, claim.end)
        and g.definite_of.match(sentence, head.end)
    )


def _names_noun_short(claim: Claim, noun: str, g: Grammar) -> bool:
    """'27 procédures pénales …, 23 procédures en 2023' (par. 191): the item names its noun short."""
    return bool(claim.subject and same_head(claim.subject, noun, g.tables) and len(claim.subject) < len(noun))


def _take_list_noun(
    sentence: str, head: Claim, claim: Claim, noun: str, partitive: bool, claims: list[Claim], g: Grammar
) -> None:
    """The item counts the list's noun, with its own words; the first item gets its own words too."""
    if head.subject == noun:  # the first item of the list
        complete(sentence, head, noun, claims, g)
    complete(sentence, claim, noun, claims, g, own=partitive)
    if claim.subject is None or "(" not in claim.subject:
        claim.subject = head.subject  # "Trente-huit procédures ont été enregistrées …, 60 en 2023" (par. 191)


def complete(sentence: str, claim: Claim, noun: str, claims: list[Claim], g: Grammar, own: bool = False) -> None:
    """Give a claim the subject "noun (its own words)", and so the share in brackets after it;
    `own`: the words right after the number are its own ("97 % d'agents de sécurité agréés")."""
    pos = claim.end
    if not own and claim.subject:  # past its own noun phrase: "98 % des établissements| sont équipés"
        if m := g.subject_of.match(sentence, pos):
            pos = m.end()
        pos = after_noun_phrase(sentence, pos, claim.subject)
    words = own_words(sentence, pos, claims, g)
    if not words:
        return
    old, claim.subject = claim.subject, f"{noun} ({words})"
    if _BRACKET_AFTER_RE.match(sentence[claim.end :]):
        close = sentence.find(")", claim.end)
        for other in statistics(claims):
            if claim.end < other.start < close and other.subject in (old, None):
                other.subject = claim.subject


def breakdowns(sentence: str, claims: list[Claim], chains: Parens, g: Grammar) -> None:
    """Items in brackets count what the number before them counts: 'quatre procédures pénales ont
    été engagées … (1 procédure en 2022, …)' (par. 191); '39,1 % occupaient des postes à
    responsabilité (44,9 % dans les organes centraux …)' (par. 210)."""
    latest: dict[int, tuple[int, Claim]] = {}  # depth -> the last statistic there
    for i, claim in enumerate(claims):
        if not (claim.subject and is_statistic(claim)):
            continue
        depth = chains.depth[claim.start]
        shallower = [latest[d] for d in latest if d < depth]
        latest[depth] = (i, claim)
        outer = max(shallower, key=lambda found: found[0])[1] if shallower else None
        # "2 223 455 (66 %)": a share in brackets after a count is a share of it, not one of its items
        if outer and outer.subject and outer.kind == claim.kind and _opens_with_number(sentence, chains, claim):
            claim.subject = _broken_down(claim.subject, outer.subject, g)


def _opens_with_number(sentence: str, chains: Parens, claim: Claim) -> bool:
    """Whether the claim's bracket opens with a number: '(1 procédure en 2022, …)' is a breakdown,
    '(in the 2020/21 school year, schools had 3,368,702 pupils …)' is none."""
    return bool(_SIGNED_NUMBER_OPENING_RE.match(sentence[chains.innermost[claim.start] :]))


def _broken_down(subject: str, outer: str, g: Grammar) -> str:
    """The subject of an item of the breakdown of `outer`: its noun in full, or both items' own words."""
    noun, _, own = subject.partition(" (")
    outer_noun, _, outer_own = outer.partition(" (")
    if (
        "(" not in subject
        and len(subject.split()) == 1
        and same_head(subject, outer, g.tables)
        and len(outer) > len(subject)
    ):
        return outer
    if own and outer_own and noun == outer_noun and own != outer_own:
        return f"{noun} ({outer_own.rstrip(')')}, {own}"
    return subject
