"""What is said of a counted noun, added to it in brackets: "12 personnes ont été condamnées" -> "personnes (condamnées)".

A bare noun ("personnes", "cases") does not say what was counted; the verb or the words after it do.
"""

import itertools
import re

from etl.claims.brackets import Parens
from etl.claims.grammar import Grammar
from etl.claims.model import Claim
from etl.claims.phrases import (
    MODIFIER_RE,
    WORD_AFTER_RE,
    after_noun_phrase,
    agreed,
    joined,
    looks_like_verb,
    own_words,
    through_reference,
    trimmed,
)

_MOST_CONTENT_WORDS = 2  # "affaires pénales" is bare still; a longer subject says enough
_PARTICIPATION_REACH = 30  # "auxquels ont participé plus de 237 000 personnes"
_AGE_GAP = 5  # "1 154 enfants de moins de 18 ans": the age right after the noun
_VERB_REACH = 40  # "fueron condenadas 12 personas"
_PREDICATE_WORDS = 5
_MONEY_PREDICATE_WORDS = 6
_OPINION_WORDS = 11  # "estiment que la situation interethnique dans la région s'est améliorée"


def with_predicates(sentence: str, claims: list[Claim], chains: Parens, g: Grammar) -> None:
    """A bare noun takes what is said of it: "12 personnes ont été condamnées" -> "personnes
    (condamnées)", "39 % des affaires pénales … ont été classées sans suite" (par. 155, 157)."""
    for claim in claims:
        if claim.kind == "money":
            _money_predicate(sentence, claim, claims, g)
        elif claim.subject and _is_bare(claim, claim.subject, chains, g):
            said = _said_of(sentence, claim, claim.subject, claims, g)
            if said:
                claim.subject = f"{claim.subject} ({said})"
        elif claim.subject and claim.kind == "count" and _after_a_share(sentence, claim, claims, chains):
            said = _said_after_bracket(sentence, claim, claim.subject, claims, g)
            if said:
                claim.subject = f"{claim.subject} ({said})"


def _after_a_share(sentence: str, claim: Claim, claims: list[Claim], chains: Parens) -> bool:
    """'40 % (plus de 1 500 personnes)': a count in the bracket that follows a share; not '« Dech »
    (11 membres) participe', where the verb after the bracket is the ensemble's (par. 262)."""
    if not chains.depth[claim.start] or "(" in (claim.subject or ""):
        return False
    opening = chains.innermost[claim.start]
    before = sentence[:opening].rstrip()
    return any(c.kind == "percent" and c.end == len(before) for c in claims)


def _said_after_bracket(sentence: str, claim: Claim, subject: str, claims: list[Claim], g: Grammar) -> str | None:
    """'dont environ 40 % (plus de 1 500 personnes) à des postes de direction' (par. 209): a count in
    brackets that closes on its noun takes what the words after the bracket say."""
    pos = m.end() if (m := g.subject_of.match(sentence, claim.end)) else claim.end
    end = after_noun_phrase(sentence, pos, subject)
    closing = re.match(r"\s*\)", sentence[end:])
    if end == pos or not closing or len(_content_words(subject, g)) > _MOST_CONTENT_WORDS:
        return None
    return predicate_words(sentence, end + closing.end(), claims, g) or None


def _money_predicate(sentence: str, claim: Claim, claims: list[Claim], g: Grammar) -> None:
    """'Plus de 30 milliards de tenge ont été alloués à la reconstruction du district' (par. 201):
    a sum with no noun is named by what was done with it."""
    if not claim.subject and (m := g.predicate.match(sentence, claim.end)):
        claim.subject = predicate_words(sentence, m.start("words"), claims, g, most=_MONEY_PREDICATE_WORDS) or None


def _is_bare(claim: Claim, subject: str, chains: Parens, g: Grammar) -> bool:
    """A count or share outside brackets whose subject is a noun of one or two words and nothing said of it."""
    return (
        claim.kind in ("count", "percent")
        and "(" not in subject
        and not chains.depth[claim.start]
        and len(_content_words(subject, g)) <= _MOST_CONTENT_WORDS
    )


def _content_words(subject: str, g: Grammar) -> list[str]:
    return [w for w in subject.split() if w.lower() not in g.subject_connectors]


def _said_of(sentence: str, claim: Claim, subject: str, claims: list[Claim], g: Grammar) -> str | None:
    """What the sentence says of the noun, in the first of these that it writes: taking part, an
    age, a verb before the number, or a predicate after the noun."""
    pos = claim.end
    if m := g.subject_of.match(sentence, pos):
        pos = m.end()
    end = after_noun_phrase(sentence, pos, subject)
    single = len(_content_words(subject, g)) == 1
    if single and (
        took := g.participation_before.search(sentence, max(0, claim.start - _PARTICIPATION_REACH), claim.start)
    ):
        return took["cue"]  # "auxquels ont participé plus de 237 000 personnes"
    age = next((c for c in claims if c.kind == "provision" and 0 <= c.start - end <= _AGE_GAP), None)
    if age and single:
        return age.text  # "1 154 enfants de moins de 18 ans" (par. 291)
    if end != pos and (took := g.participation_after.match(sentence, end)):
        return took["cue"]  # "237,000 persons took part"
    if single and (verb := _verb_before(sentence, claim, g)):
        return agreed(verb, subject, g.tables)  # "fueron condenadas 12 personas", "ont rendu 86 jugements"
    return _predicate_after(sentence, end, claims, g) if end != pos else None


def _predicate_after(sentence: str, end: int, claims: list[Claim], g: Grammar) -> str | None:
    """'… ont été classées sans suite', '5,618 persons received confirmation': the predicate after the noun."""
    if g.negation.match(sentence, end):  # "n'ont noté aucune violation": the negation stays
        return predicate_words(sentence, end, claims, g) or None
    m = g.predicate.match(sentence, end) or _verb_after(sentence, end, g)
    if not m:
        return None
    if _word_at(sentence, m.start("words")) in g.tables.OPINION_VERBS:
        return opinion(sentence, m.start("words"), claims, g)
    words = predicate_words(sentence, m.start("words"), claims, g).split()
    if words and words[0].lower() in g.tables.ARTICLES:
        words = words[1:]  # "56,2 % des agents de l'État étaient des femmes" (par. 210)
    if words and words[0].lower() not in g.tables.SUBJECT_STOPWORDS:
        return " ".join(words)
    return None


def _word_at(sentence: str, pos: int) -> str:
    m = re.match(r"[\w\-]*", sentence[pos:])
    return m.group().lower() if m else ""


def opinion(sentence: str, pos: int, claims: list[Claim], g: Grammar) -> str | None:
    """'estiment que la situation interethnique dans la région s'est améliorée' (par. 203): what an
    opinion says is what the share counts, so the words after "que" stay."""
    words = sentence[pos:].split()
    start = pos + len(words[0]) if words else pos
    rest = own_words(sentence, start, claims, g, most=_OPINION_WORDS).split()
    end = after_noun_phrase(sentence, start, " ".join(rest))
    if re.match(r"(?:\s+[^\W\d]+)?\s+\d", sentence[end:]):  # "… par rapport à 2020": the comparison goes
        cut = max((i for i, w in enumerate(rest) if i and w.lower() in g.tables.SUBJECT_STOPWORDS), default=len(rest))
        rest = trimmed(rest[:cut], g)
    return joined([words[0], *rest]) if words and rest else None


def _verb_after(sentence: str, end: int, g: Grammar) -> re.Match[str] | None:
    """'5,618 persons received confirmation': a verb right after the noun, with no auxiliary."""
    m = WORD_AFTER_RE.match(sentence, end)
    if not m:
        return None
    word = m["words"].lower()
    finite = looks_like_verb(word, True, g.tables) or word.endswith(g.tables.PAST_ENDINGS)
    return m if finite else None  # not "195 jardins d'enfants offrant 14 800 places" (par. 226)


def _verb_before(sentence: str, claim: Claim, g: Grammar) -> str | None:
    """'se juzgaron 12 causas', 'fueron condenadas 12 personas': the verb written before the number."""
    t = g.tables
    found = list(MODIFIER_RE.finditer(sentence, max(0, claim.start - _VERB_REACH), claim.start))
    if not found or found[-1].end() != claim.start:
        return None  # "un environnement sûr est créé : 98 %" - not across punctuation
    words = [m["word"] for m in found]
    last = words[-1]
    lower = last.lower()
    if len(words) > 1 and words[-2].lower() in t.AUXILIARIES and lower not in t.SUBJECT_STOPWORDS:
        return last  # "fueron condenadas", "ont organisé"
    finite = looks_like_verb(lower, True, t) or (lower.endswith(t.PAST_ENDINGS) and len(lower) > 4)
    return last if t.VERB_BEFORE_SUBJECT and finite and lower not in t.AUXILIARIES else None


def predicate_words(sentence: str, pos: int, claims: list[Claim], g: Grammar, most: int = _PREDICATE_WORDS) -> str:
    """What is said of a noun, in a few words; a phrase cut short ("enregistrées au titre de
    l'article") goes back to its verb ("enregistrées")."""
    if cited := through_reference(sentence, pos, claims, g):
        return cited  # "enregistrées au titre de l'article 174 du Code pénal"
    words = own_words(sentence, pos, claims, g, most=most + 1).split()
    words = trimmed(list(itertools.takewhile(lambda w: w.lower() not in g.tables.LABEL_OPENERS, words)), g)
    if len(words) <= most and not re.match(r"\s*\d", sentence[after_noun_phrase(sentence, pos, " ".join(words)) :]):
        return " ".join(words)
    stop = g.tables.SUBJECT_STOPWORDS
    cut = max((i for i, w in enumerate(words[:most]) if i and w.lower() in stop), default=most)
    return " ".join(trimmed(words[:cut], g))
