"""Subjects of 60 statistics of the first report, read by hand: does each read alone?

The 60 were chosen before looking at what the reader makes of them: every third paragraph of the
report that writes a number other than a year or a reference, from par. 89 to par. 431, one to four
statistics each. For each, the words a reader needs to know what the number counts were written from
the paragraph itself: "221 procédures pénales ont été enregistrées au titre de l'article 174" needs
"procédures pénales" and "174"; "Quatre-vingt-huit personnes ont été condamnées" needs "personnes"
and "condamnées", agreeing with its noun as the text writes it. A subject is usable alone when every
one of those words is in it, in the report's language.

Each number is found by the words around it as printed, the number in brackets.
"""

import re
from dataclasses import dataclass

import pytest

# The share of the 60 whose subject reads alone: the target is 0.90.
USABLE_ALONE_AT_LEAST = 0.90


@dataclass(frozen=True)
class Gold:
    paragraph: int
    written: str  # the words around the number as printed, the number in brackets
    needs: tuple[str, ...]  # the words a reader needs in the subject


GOLD = [
    # par. 89: employment of persons with disabilities
    Gold(89, "plus de [14 900] personnes handicapées ont bénéficié", ("personnes handicapées", "bénéficié")),
    Gold(89, "compte [737 400] personnes handicapées", ("personnes handicapées",)),
    Gold(89, "Parmi elles, [376 700] sont en âge de travailler", ("personnes handicapées", "âge de travailler")),
    Gold(89, "un taux d’emploi de [28,9 %]", ("taux d’emploi",)),
    # par. 107: the survey of interethnic coexistence
    Gold(107, "entre les ethnies est calme ([60,9 %])", ("cohabitation", "calme")),
    Gold(107, "[75,5 %] des personnes interrogées n’ont noté aucune", ("personnes interrogées", "aucune violation")),
    # par. 110
    Gold(110, "plus de [82 %] d’entre eux jugent", ("climat interethnique",)),
    # par. 125
    Gold(125, "plus de [2 500] employés ont été formés", ("employés", "formés")),
    # par. 133
    Gold(133, "compte [30] parlementaires", ("parlementaires",)),
    Gold(133, "parlementaires en son sein : [10] du Sénat", ("parlementaires", "Sénat")),
    # par. 155: judgments and convictions
    Gold(155, "ont rendu [86] jugements", ("jugements", "rendus")),
    Gold(155, "[Quatre-vingt-huit] personnes ont été condamnées", ("personnes", "condamnées")),
    Gold(155, "en 2022, [12] affaires ont été jugées", ("affaires", "jugées")),
    Gold(155, "[26] personnes ont été condamnées", ("personnes", "condamnées")),
    # par. 158
    Gold(158, "augmenté (de [46] à 91)", ("affaires pénales enregistrées",)),
    Gold(158, "augmenté (de 46 à [91])", ("affaires pénales enregistrées",)),
    # par. 191: proceedings under articles 174, 404, 405 and 489
    Gold(191, "[221] procédures pénales ont été enregistrées", ("procédures pénales", "174")),
    Gold(191, "Environ [40 %] des procédures", ("procédures", "classées sans suite")),
    Gold(191, "[quatre] procédures pénales ont été engagées", ("procédures pénales", "404")),
    Gold(191, "[Trente-huit] procédures ont été enregistrées à ce titre", ("procédures", "489")),
    # par. 199: the Kordaï trial
    Gold(199, "a acquitté [un] accusé", ("accusé", "acquitté")),
    Gold(199, "en a condamné [50]", ("accusés", "condamnés")),  # fifty of the accused, plural, agreeing
    Gold(199, "et [24] à des peines avec sursis", ("peines avec sursis",)),
    # par. 203
    Gold(203, "plus de [85 %] des habitants", ("habitants", "situation interethnique")),
    # par. 209: the civil service
    Gold(209, "plus de [50] groupes ethniques", ("groupes ethniques",)),
    Gold(209, "(plus de [1 500] personnes)", ("postes de direction",)),
    # par. 225: preschool
    Gold(225, "compte [11 800] établissements préscolaires", ("établissements préscolaires",)),
    Gold(225, "dont [470 000] fréquentent", ("enfants", "jardins d’enfants publics")),
    Gold(225, "atteint [93,1 %]", ("taux de scolarisation",)),
    # par. 229
    Gold(229, "Plus de [1 000] écoles rurales", ("écoles rurales",)),
    # par. 232: student residences
    Gold(232, "depuis 2018, [251] nouvelles résidences", ("résidences",)),
    Gold(232, "comptant [62 000] places", ("places", "résidences")),
    # par. 237
    Gold(237, "[24] antennes d’universités étrangères", ("antennes d’universités étrangères",)),
    # par. 240: out-of-school activities
    Gold(240, "il existe [2 142] établissements", ("établissements",)),
    Gold(240, "accueillant [3,3 millions] d’enfants", ("enfants",)),
    Gold(240, "dont [500 000] issus", ("enfants", "socialement vulnérables")),
    # par. 248
    Gold(248, "dans [12] établissements préscolaires", ("établissements préscolaires",)),
    Gold(248, "dans [cinq] établissements préscolaires", ("établissements préscolaires",)),
    # par. 251
    Gold(251, "dans [141] écoles", ("écoles",)),
    Gold(251, "enseigné dans [six] écoles", ("écoles",)),
    # par. 268
    Gold(268, "[929] signalements de violation", ("signalements", "travailleurs étrangers")),
    # par. 280
    Gold(280, "a enregistré [37] réfugiés", ("réfugiés",)),
    Gold(280, "dont [34] originaires d’Afghanistan", ("réfugiés", "Afghanistan")),
    # par. 290
    Gold(290, "[835] personnes sans papiers", ("personnes sans papiers",)),
    Gold(290, "[90] ont reçu des pièces d’identité", ("pièces d’identité",)),
    # par. 303
    Gold(303, "plus de [7 000] apatrides", ("apatrides", "nationalité")),
    Gold(303, "et [396] au cours des huit premiers mois", ("apatrides",)),
    # par. 313
    Gold(313, "plus de [50] experts", ("experts",)),
    # par. 328
    Gold(328, "organisé [une centaine] de formations", ("formations",)),
    Gold(328, "plus de [3 000] juges", ("juges",)),
    # par. 343
    Gold(343, "[210] « bureaux juridiques »", ("bureaux juridiques",)),
    Gold(343, "plus de [1 700] citoyens", ("citoyens",)),
    # par. 369
    Gold(369, "dans [10] établissements d’enseignement supérieur", ("établissements d’enseignement supérieur",)),
    Gold(369, "et [43] universités", ("universités",)),
    # par. 380: complaints to the Commissioner
    Gold(380, "à [6 748] en 2024", ("plaintes", "Commissaire")),
    Gold(380, "([+193 %])", ("plaintes",)),
    # par. 411
    Gold(411, "plus de [1 000] associations ethnoculturelles", ("associations ethnoculturelles",)),
    Gold(411, "quelque [400] écoles du dimanche", ("écoles du dimanche",)),
    # par. 418
    Gold(418, "moins de [0,01 %] de la population", ("ascendance africaine",)),
    # par. 431
    Gold(431, "plus de [10] réunions", ("réunions",)),
]


def _plain(text: str) -> str:
    """One character for one: every space a plain space, every apostrophe curly, lower case."""
    return re.sub(r"[\s\u00a0\u202f]", " ", text).replace("'", "’").lower()


def _pattern(words: str) -> str:
    return r" +".join(re.escape(w) for w in _plain(words).split(" "))


def _claim_at(gold, paragraphs, claims_by_paragraph):
    """The claim whose span holds the bracketed number of `written` in its paragraph."""
    text = next(p.text for p in paragraphs if p.paragraph == gold.paragraph)
    before, rest = gold.written.split("[", 1)
    number, after = rest.split("]", 1)
    m = re.search(f"{_pattern(before)}({_pattern(number)}){_pattern(after)}", _plain(text))
    assert m, f"par. {gold.paragraph}: {gold.written!r} is not in the text"
    claims = [c for c in claims_by_paragraph[gold.paragraph] if c.start <= m.start(1) < c.end]
    return claims[0] if claims else None


def _usable_alone(subject: str | None, needs: tuple[str, ...]) -> bool:
    if not subject:
        return False
    plain = _plain(subject)
    return all(re.search(rf"(?<!\w){_pattern(word)}(?!\w)", plain) for word in needs)


def test_gold_holds_sixty_statistics():
    assert len(GOLD) == 60
    assert len({(g.paragraph, g.written) for g in GOLD}) == 60


@pytest.fixture(scope="module")
def verdicts(paragraphs, claims_by_paragraph):
    out = []
    for gold in GOLD:
        claim = _claim_at(gold, paragraphs, claims_by_paragraph)
        out.append((gold, claim, claim is not None and _usable_alone(claim.subject, gold.needs)))
    return out


def test_every_gold_number_is_a_claim(verdicts):
    missed = [g.written for g, claim, _ in verdicts if claim is None]
    assert not missed


def test_subjects_read_alone(verdicts):
    failed = [f"par. {g.paragraph} {g.written!r}: {c.subject if c else None!r}" for g, c, ok in verdicts if not ok]
    share = 1 - len(failed) / len(verdicts)
    assert share >= USABLE_ALONE_AT_LEAST, "\n".join(failed)


def test_usable_alone_needs_every_word_with_its_agreement():
    assert _usable_alone("jugements (rendus)", ("jugements", "rendus"))
    assert not _usable_alone("jugements (rendu)", ("jugements", "rendus"))
    assert not _usable_alone("cas", ("affaires pénales enregistrées",))
    assert _usable_alone("antennes d'universités étrangères", ("antennes d’universités étrangères",))
