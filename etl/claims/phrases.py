"""The words around a number: the noun phrase after it, the words a list item adds, whether a word is a verb.

These read words only; etl/claims/subjects.py decides which of them name what a number counts.
"""

import re
from types import ModuleType

from etl.claims.grammar import Grammar
from etl.claims.model import Claim

MODIFIER_RE = re.compile(r"(?P<word>[^\W\d_][\w\-]*)\s+")  # a word and the space after it
WORD_AFTER_RE = re.compile(r"\s+(?P<words>[^\W\d_][\w\-]*)")  # the word after a space
_SKIP_BRACKETS_RE = re.compile(r"\s*\([^()]*\)")
# a word of a noun phrase; quotation marks around it are read past ("210 « bureaux juridiques »", par. 343)
_SUBJECT_TOKEN_RE = re.compile(r"\s*[«»“”\"]?\s*((?:[dlDL]['’])|[^\W\d_][\w\-]*)")
# content words of a subject: "signalements de violation des droits de travailleurs étrangers" (par. 268)
_NOUN_PHRASE_WORDS = 5
# "plaintes adressées au Commissaire" (par. 380): a participle and the named body it is addressed to
_TO_NAMED = re.compile(r"\s+(?:au|aux|à\s+la|à\s+l['’]|to\s+the|al|a\s+la)\s*(?=[A-ZÀ-Ý])")
_CITATION_WORDS = 8  # "enregistrées au titre de l'article 174": the words up to a reference
_CITED_TEXT = re.compile(
    r"\s+(?P<name>[A-ZÀ-Ý][\w\-]*)(?:\s+(?P<more>[\w\-]+))?"
)  # "Code pénal", "Criminal Code" after "du", "of the"
_OWN_WORDS = 8  # words an item of a list says after its number


def whole(subject: str) -> str:
    """A subject without what is said of it: 'personnes (condamnées)' -> 'personnes'."""
    return subject.split(" (")[0]


def joined(words: list[str]) -> str:
    """Words as one phrase, an elided article kept on its noun ("d' enfants" -> "d'enfants")."""
    return " ".join(words).replace("’ ", "’").replace("' ", "'")


def trimmed(words: list[str], g: Grammar) -> list[str]:
    """The words without the stopwords and connectors at their end ("registered on [that basis]")."""
    while words and g.ends_subject(words[-1]):
        words = words[:-1]
    return words


def noun_phrase(
    text: str, pos: int, g: Grammar, skip_of: bool, require_of: bool = False, noun_first: bool = False
) -> str | None:
    """Up to five words of the noun phrase starting at pos, or None; after "de" when `skip_of`
    ("20,3 millions d'habitants"), and only after it when `require_of` ("sept ans d'emprisonnement",
    whose first word is a noun however it ends, as it is when `noun_first`: "emprisonnement")."""
    if skip_of and (m := g.subject_of.match(text, pos)):
        pos = m.end()
    elif require_of:
        return None
    words: list[str] = []
    while len([w for w in words if w.lower() not in g.subject_connectors]) < _NOUN_PHRASE_WORDS:
        m = _SUBJECT_TOKEN_RE.match(text, pos)
        if m and words and words[-1].lower().endswith(g.tables.PARTICIPLE_FORMS) and (to := _TO_NAMED.match(text, pos)):
            words.append(text[to.start() : to.end()].strip())  # "adressées au Commissaire"
            pos = to.end()
            continue
        if not m or _ends_noun_phrase(m.group(1), words, g, noun_first=require_of or noun_first):
            break
        words.append(m.group(1))
        pos = m.end()
    while words and words[-1].lower() in g.subject_connectors:
        words.pop()
    return joined(words) or None


def _ends_noun_phrase(word: str, words: list[str], g: Grammar, noun_first: bool = False) -> bool:
    """A stopword or a verb ends the phrase; a connector may not start it; after "de" comes a noun
    ("établissements d'enseignement", par. 112, 249)."""
    lower = word.lower()
    if lower in g.subject_connectors:
        return not words
    after_connector = (bool(words) and words[-1].lower() in g.subject_connectors) or (noun_first and not words)
    return lower in g.tables.SUBJECT_STOPWORDS or (not after_connector and looks_like_verb(lower, not words, g.tables))


def looks_like_verb(word: str, first: bool, t: ModuleType) -> bool:
    """'vivent', 'dispensaient', 'accueillant' (fr), 'participated' (en): a verb ends the noun phrase."""
    if word.endswith(t.SUBJECT_VERB_ENDINGS) or (len(word) > 4 and word.endswith(t.VERB_PLURAL_ENDINGS)):
        return True
    return not first and len(word) > 4 and bool(word.endswith(t.PARTICIPLE_ENDINGS))


def agreed(participle: str, noun: str, t: ModuleType) -> str:
    """'rendu' said of 'jugements' -> 'rendus': a participle written before its noun, made to agree
    with it (gender from the noun's ending, number from its plural ending)."""
    lower = participle.lower()
    if not lower.endswith(t.AGREEING_PARTICIPLE_ENDINGS):
        return participle
    head = whole(noun).split()[0].lower() if noun.split() else ""
    plural = head.endswith(t.PLURAL_NOUN_ENDINGS)
    singular = head[:-1] if plural else head
    feminine = singular in t.FEMININE_NOUNS or singular.endswith(t.FEMININE_ENDINGS)
    return participle + ("e" if feminine else "") + ("s" if plural else "")


def plural(noun: str, t: ModuleType) -> str:
    """'accusé' -> 'accusés': the words before the first connector, in the plural ("en a condamné 50")."""
    words = noun.split()
    for i, word in enumerate(words):
        if word.lower() in ("de", "d'", "d’", "du", "des", "of", "del") or "'" in word or "’" in word:
            break
        words[i] = word if word.endswith(t.PLURAL_NOUN_ENDINGS) else word + t.PLURAL_NOUN_ENDINGS[0]
    return " ".join(words)


def through_reference(sentence: str, pos: int, claims: list[Claim], g: Grammar) -> str | None:
    """'enregistrées au titre de l'article 174 du Code pénal' (par. 191): words that lead to a
    reference keep it, and the code it is of, so the count says under which provision it falls."""
    ref = next((c for c in claims if c.start >= pos), None)
    if not ref or ref.kind != "reference" or g.list_cut.search(sentence[pos : ref.start]):
        return None
    if len(sentence[pos : ref.start].split()) > _CITATION_WORDS:
        return None
    end = ref.end
    if (of := g.subject_of.match(sentence, end)) and (cited := _CITED_TEXT.match(sentence, of.end() - 1)):
        end = cited.end() if cited["more"] and not g.ends_subject(cited["more"]) else cited.end("name")
    return joined(sentence[pos:end].split())


def after_noun_phrase(sentence: str, pos: int, phrase: str) -> int:
    """The offset after `phrase` if it is written at pos (spaces and apostrophes as it has them)."""
    for word in re.split(r"\s+|(?<=['’])", phrase):
        at = sentence.find(word, pos, pos + len(word) + 3) if word else -1
        if at == -1:
            return pos
        pos = at + len(word)
    return pos


def own_words(sentence: str, pos: int, claims: list[Claim], g: Grammar, most: int = _OWN_WORDS) -> str:
    """What an item says after its number: up to the next comma, 'et', bracket or number that is
    no reference ("au titre de l'article 116 du Code pénal", par. 317), at most eight words."""
    if bracket := _SKIP_BRACKETS_RE.match(sentence, pos):  # "3 743 (54,2 %) dispensaient …"
        pos = bracket.end()
    end = min([c.start for c in claims if c.start >= pos and c.kind != "reference"] + [len(sentence)])
    rest = g.list_cut.split(sentence[pos:end], maxsplit=1)[0]
    rest = g.bare_of.sub("", rest, count=1) if g.bare_of.match(rest) else rest
    words = rest.split()
    while words and words[0].lower() in g.tables.AUXILIARIES:
        words.pop(0)
    phrase = joined(trimmed(words[:most], g))
    return "" if g.in_gap.fullmatch(phrase) else phrase  # "396 au cours des huit premiers mois": a time, said already


def same_head(a: str, b: str, t: ModuleType) -> bool:
    """'procédure' and 'procédures pénales (…)', 'proceedings' and 'criminal proceedings': the same
    noun, singular or plural (first in French and Spanish, last in English)."""

    def head(subject: str) -> str:
        words = whole(subject).split()
        return str(words[0] if t.HEAD_FIRST else words[-1]).lower().rstrip("s")

    return head(a) == head(b)
