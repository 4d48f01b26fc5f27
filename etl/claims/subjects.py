"""The subject of a claim: the noun phrase that says what a number counts, measures or is a share of.

"20,3 millions d'habitants" -> "habitants"; "Le nombre d'affaires pénales enregistrées s'élève à 46"
-> "affaires pénales enregistrées"; "un taux d'emploi de 28,9 %" -> "taux d'emploi"; a number with no
noun of its own borrows one (from the count before it, the list it is an item of, the sentence
before). Then what is said of the noun is added in brackets (etl/claims/predicates.py,
etl/claims/lists.py): "personnes (condamnées)".
"""

import re
from dataclasses import dataclass, field

from etl.claims.brackets import Parens, outside_brackets
from etl.claims.grammar import Grammar
from etl.claims.lists import breakdowns, elliptic_items
from etl.claims.model import Claim, statistics
from etl.claims.phrases import MODIFIER_RE, agreed, noun_phrase, own_words, plural, whole
from etl.claims.predicates import opinion, with_predicates

_SHARE_CUE_REACH = 24  # "dont 36 (39 %)", "soit 39 %": the cue stands right before the share
_MEASURED_NOUN_REACH = 160  # "le taux de scolarisation des enfants … atteint 93,1 %"
_MODIFIER_REACH = 40  # "an employment rate of": the words before the measured noun
_LABEL_REACH = 120  # the words before a bracket that may label the share in it
_LABEL_WORDS = 8
_PROVISION_REACH = 80  # "amende pouvant aller jusqu'à 2 000 tenge, privation de liberté ou emprisonnement …"


def fill_subjects(sentence: str, claims: list[Claim], chains: Parens, fallback: str | None, g: Grammar) -> None:
    """The counted noun phrase: after the number, else that of the count before it at the
    same parenthesis depth or shallower (par. 220), else the `fallback` (the list's, or the
    previous sentence's after "Parmi elles", par. 89), else 'nombre de ...', else the measured noun
    before it ("un taux d'emploi de 28,9 %"). A subject taken from another number is made
    to stand alone with what follows the number (par. 249: "élèves (en russe)")."""
    reader = _SubjectReader(sentence, claims, chains, fallback, g, [m.end() for m in g.number_of.finditer(sentence)])
    for claim in statistics(claims):
        reader.read(claim)
    _shared_with_next(sentence, claims, g)
    _labels_before_brackets(sentence, claims, chains, g)
    _relative_nouns(claims, g)
    with_predicates(sentence, claims, chains, g)
    elliptic_items(sentence, claims, chains, reader.borrowed, g)
    breakdowns(sentence, claims, chains, g)
    for claim in claims:
        if claim.kind == "provision":
            claim.subject = _provision_subject(sentence, claim, claims, g)


def _provision_subject(sentence: str, claim: Claim, claims: list[Claim], g: Grammar) -> str | None:
    """What a time or sum in the terms of a law bounds: "sept ans d'emprisonnement" -> the
    imprisonment; "amende pouvant aller jusqu'à 2 000 tenge" -> the fine; "dans un délai de trois
    mois" -> the time limit; "enfants de moins de 18 ans" -> the children's age (par. 191, 278, 291)."""
    after = next((c for c in claims if c.start >= claim.end), None)
    if after and after.kind == "provision" and g.range_gap.match(sentence[claim.end : after.start]):
        claim = after  # "trois à sept ans d'emprisonnement": the range's end names it
    if not g.age_after.match(sentence, claim.end) and (
        own := noun_phrase(sentence, claim.end, g, skip_of=True, require_of=True)
    ):
        return own  # "sept ans d'emprisonnement"; not "18 years of age"
    if possessive := re.match(r"['’]\s+", sentence[claim.end :]):  # "seven years' imprisonment"
        return noun_phrase(sentence, claim.end + possessive.end(), g, skip_of=False, noun_first=True)
    lo = max(sentence.rfind(";", 0, claim.start), claim.start - _PROVISION_REACH, 0)
    if ages := list(g.age_noun.finditer(sentence, lo, claim.start)):
        return str(g.tables.AGE_OF.format(noun=ages[-1].group().lower()))
    lo = max(lo, sentence.rfind("(", 0, claim.start))
    cues = list(g.provision_cue.finditer(sentence, lo, claim.start))
    if not cues:
        return None
    start = cues[-1].start()
    while (word := MODIFIER_RE.match(sentence, start)) and (
        g.ends_subject(word["word"]) or g.leading_article.match(word[0])
    ):
        start = word.end()  # "a fine of up to", "pour une durée": the noun after the article
    end = min([c.start for c in claims if c.start > start] + [claim.start])  # not "délai de trois mois"
    phrase = noun_phrase(sentence[:end], start, g, skip_of=False, noun_first=True)
    if phrase and phrase.split()[0].lower() in g.tables.PROVISION_VERB_CUES:
        return None  # "accordé pour un an": a verb, which names nothing
    return phrase


@dataclass
class _SubjectReader:
    """Reads the statistics of a sentence in order, each subject found open to the numbers after it."""

    sentence: str
    claims: list[Claim]
    chains: Parens
    fallback: str | None
    g: Grammar
    number_of: list[int]  # where each "le nombre de" ends
    at_depth: dict[int, str] = field(default_factory=dict)  # the last count's or share's subject per depth
    borrowed: list[Claim] = field(default_factory=list)  # claims whose subject is another number's

    def read(self, claim: Claim) -> None:
        """Give a statistic its subject, written or borrowed."""
        sentence, g = self.sentence, self.g
        depth = self.chains.depth[claim.start]
        if claim.kind == "measure":  # "trois à sept ans d'emprisonnement"
            claim.subject = noun_phrase(sentence, claim.end, g, skip_of=True, require_of=True)
            return
        claim.subject = noun_phrase(sentence, claim.end, g, skip_of=self._noun_after_of(claim))
        described, of_whole = self._described(claim), self._of_whole(claim)
        if described or of_whole:
            claim.subject = None
        if of_whole:
            claim.subject = self._counted_before(depth) or _number_of_subject(sentence, claim.start, self.number_of, g)
        claim.subject = claim.subject or self._borrowed(claim, depth)
        if claim.subject and described:
            claim.subject = f"{whole(claim.subject)} ({described})"
        elif claim.subject and of_whole:
            share = g.tables.SHARE_OF_WHOLE.format(whole=noun_phrase(sentence, claim.end, g, skip_of=True))
            claim.subject = f"{whole(claim.subject)} ({share})"
        if claim.subject and claim.kind in ("count", "percent"):
            self.at_depth = {d: s for d, s in self.at_depth.items() if d < depth}
            self.at_depth[depth] = claim.subject

    def _borrowed(self, claim: Claim, depth: int) -> str | None:
        """A statistic with no noun of its own takes one: taken up by "en", the count's before, the
        one "le nombre de" names, the count "d'entre eux" is a share of, or the measured noun."""
        sentence, g = self.sentence, self.g
        if taken := self._taken_up(claim, depth):
            return taken
        subject = None
        if claim.kind in ("count", "percent"):
            subject = self._inherited(claim, depth)
            if subject:
                self.borrowed.append(claim)
            else:
                subject = _number_of_subject(sentence, claim.start, self.number_of, g)
        return subject or self._of_them(claim, depth) or _measured_noun(sentence, claim, g)

    def _described(self, claim: Claim) -> str | None:
        """'dont 500 000 issus de groupes socialement vulnérables' (par. 240): the words after the
        number describe the count before it, they are no noun of their own."""
        first = claim.subject.split()[0].lower() if claim.subject else ""
        if first not in self.g.tables.DESCRIBING_WORDS:
            return None
        return own_words(self.sentence, claim.end, self.claims, self.g) or None

    def _of_whole(self, claim: Claim) -> bool:
        """'ce qui correspond à 3,7 % de la population totale' (par. 89): a share of the whole
        population, which counts what was named before it."""
        first = claim.subject.split()[0].lower() if claim.subject else ""
        return claim.kind == "percent" and first in self.g.tables.WHOLE_NOUNS and bool(self.at_depth or self.number_of)

    def _noun_after_of(self, claim: Claim) -> bool:
        """'20,3 millions d'habitants', 'une centaine de formations', '71,2 % des habitants': the noun follows "de"."""
        quantity_word = claim.unit is not None or bool(self.g.quantity_noun_end.search(claim.text))
        return quantity_word or claim.kind == "percent"

    def _taken_up(self, claim: Claim, depth: int) -> str | None:
        """'a acquitté un accusé et en a condamné 50' (par. 199): "en" takes up the noun of the
        count before, in the plural, and the verb says what was done to them."""
        counted = self._counted_before(depth)
        m = self.g.pronoun_taking_up.search(self.sentence, 0, claim.start)
        if not (counted and m and claim.kind == "count"):
            return None
        noun = plural(whole(counted), self.g.tables)
        return f"{noun} ({agreed(m['verb'], noun, self.g.tables)})"

    def _counted_before(self, depth: int) -> str | None:
        return next((self.at_depth[d] for d in range(depth, -1, -1) if d in self.at_depth), None)

    def _inherited(self, claim: Claim, depth: int) -> str | None:
        """The subject of the count before, at this depth or shallower; else the fallback."""
        inherited = self._counted_before(depth)
        before = self.sentence[max(0, claim.start - _SHARE_CUE_REACH) : claim.start]
        if claim.kind == "percent" and depth == 0 and not self.g.share_of_before.search(before):
            inherited = None  # "le niveau de satisfaction dépassait 95 %" is no share of the count before
        return inherited or self.fallback

    def _of_them(self, claim: Claim, depth: int) -> str | None:
        """'la moitié d'entre eux se sont vu accorder la nationalité' (par. 298): a share of the count before."""
        m = self.g.of_them.match(self.sentence, claim.end)
        counted = self.at_depth.get(depth)
        if not m:
            return None
        if not counted:  # "plus de 82 % d'entre eux jugent que le climat … est bon" (par. 110)
            said = self.sentence[m.end() :].split()
            return (
                opinion(self.sentence, m.end() + 1, self.claims, self.g)
                if said[:1] and said[0].lower() in self.g.tables.OPINION_VERBS
                else None
            )
        words = own_words(self.sentence, m.end(), self.claims, self.g)
        return f"{whole(counted)} ({words})" if words else whole(counted)


def _number_of_subject(sentence: str, pos: int, number_of: list[int], g: Grammar) -> str | None:
    """Par. 156: 'Le nombre d'affaires pénales enregistrées ... s'élève à 46' -> the affaires."""
    before = [end for end in number_of if end <= pos]
    return noun_phrase(sentence[:pos], before[-1], g, skip_of=False) if before else None


def _measured_noun(sentence: str, claim: Claim, g: Grammar) -> str | None:
    """'le taux de scolarisation des enfants … atteint 93,1 %' -> 'taux de scolarisation des enfants'."""
    lo = max(
        sentence.rfind(";", 0, claim.start), sentence.rfind(":", 0, claim.start), claim.start - _MEASURED_NOUN_REACH, 0
    )
    found = [
        m
        for m in g.measured_noun.finditer(sentence, lo, claim.start)
        if outside_brackets(sentence[m.end() : claim.start]).count(")") == 0
    ]  # not a noun inside brackets
    if not found:
        return None
    start = found[-1].start()
    if not g.tables.HEAD_FIRST:  # "an employment rate of 28.9 per cent": the words before name it
        start = _modifiers_start(sentence, start, g)
    return noun_phrase(sentence, start, g, skip_of=False)


def _modifiers_start(sentence: str, start: int, g: Grammar) -> int:
    """Where the (at most two) words that modify a noun written at `start` begin: "employment rate"."""
    for word in reversed(list(MODIFIER_RE.finditer(sentence, max(0, start - _MODIFIER_REACH), start))[-2:]):
        if g.ends_subject(word["word"]) or word.end() != start:
            break
        start = word.start()
    return start


def _shared_with_next(sentence: str, claims: list[Claim], g: Grammar) -> None:
    """'l'État couvre 50 % ou 75 % des frais de scolarité' (par. 231): the first takes the second's noun."""
    stats = statistics(claims)
    for first, second in zip(reversed(stats[:-1]), reversed(stats[1:])):
        if (
            not first.subject
            and second.subject
            and first.kind == second.kind
            and g.alternative_gap.match(sentence[first.end : second.start])
        ):
            first.subject = second.subject


def _labels_before_brackets(sentence: str, claims: list[Claim], chains: Parens, g: Grammar) -> None:
    """'la cohabitation entre les ethnies est calme (60,9 %)' (par. 107): a share in brackets with
    no noun of its own is labelled by the words before the bracket."""
    labelled: dict[int, Claim] = {}  # the last share with a subject, per bracket depth
    for claim in claims:
        if claim.kind != "percent":
            continue
        depth = chains.depth[claim.start]
        if not claim.subject and depth and _first_in_bracket(sentence, claim, chains):
            claim.subject = _label(sentence, chains.innermost[claim.start], labelled.get(depth), g)
        if claim.subject:
            labelled[depth] = claim


def _first_in_bracket(sentence: str, claim: Claim, chains: Parens) -> bool:
    return not sentence[chains.innermost[claim.start] + 1 : claim.start].strip()


def _label(sentence: str, opening: int, previous: Claim | None, g: Grammar) -> str | None:
    """The words before the bracket, from the clause's start; one word takes the previous label's
    others ("… est calme (60,9 %) et bonne (34,9 %)")."""
    before = g.label_start.split(sentence[max(0, opening - _LABEL_REACH) : opening])[-1].split()
    while before and g.ends_subject(before[0]):
        before.pop(0)
    label = before[-_LABEL_WORDS:]
    if len(label) == 1 and previous and previous.subject and len(previous.subject.split()) > 1:
        label = previous.subject.split()[:-1] + label
    return " ".join(label) or None


def _relative_nouns(claims: list[Claim], g: Grammar) -> None:
    """'195 jardins d'enfants offrant 14 800 places' -> 'places (jardins d'enfants)' (par. 226);
    '119 agents … et 395 autres' -> the agents."""
    previous = None
    for claim in claims:
        if claim.kind != "count" or not claim.subject:
            continue
        head = claim.subject.split()[0].lower()
        if previous and head in g.tables.OTHER_WORDS:
            claim.subject = previous.subject
        elif previous and previous.subject and head in g.tables.RELATIVE_NOUNS and "(" not in claim.subject:
            claim.subject = f"{claim.subject} ({whole(previous.subject)})"
        else:
            previous = claim
