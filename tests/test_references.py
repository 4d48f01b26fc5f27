"""References and ranges are never statistics; figures planned for the future are kept apart.

The English sentences are copied from the UPR Working Group reports in tests/data/ (the page they stand
on is named); the French and Spanish ones are written in the same style. The kinds are written by hand
from reading each sentence: every number of the sentence, in order, with what it is.
"""

import pytest

from etl.claims import extract_claims

REFERENCES = [
    # ecuador2008.pdf p. 3, luxembourg2009.pdf p. 3: a session's dates
    (
        "en",
        (
            "The Working Group on the Universal Periodic Review, established in accordance with Human Rights Council "
            "resolution 5/1 of 18 June 2007, held its third session from 1 to 15 December 2008."
        ),
        [
            ("5/1", "reference"),
            ("18 June 2007", "date"),
            ("third", "ordinal"),
            ("1", "date"),
            ("15 December 2008", "date"),
        ],
    ),
    # luxembourg2009.pdf p. 3: a sub-paragraph
    (
        "en",
        (
            "A compilation prepared by the Office of the High Commissioner for Human Rights (OHCHR), in accordance "
            "with paragraph 15 (b) (A/HRC/WG.6/3/LUX/2);"
        ),
        [("15", "reference"), ("A/HRC/WG.6/3/LUX/2", "reference")],
    ),
    # luxembourg2009.pdf p. 8: another body's conclusion
    (
        "en",
        (
            "It recommended that Luxembourg bring its policy into line with conclusion 7 (e) of the conclusions on "
            "international protection for refugees."
        ),
        [("7", "reference")],
    ),
    # luxembourg2013.pdf p. 17: a convention's number, its year
    (
        "en",
        (
            "Step up efforts to consider acceding to ILO Convention 189 (2011) concerning decent work for domestic "
            "workers (Philippines);"
        ),
        [("189", "reference"), ("2011", "year")],
    ),
    # luxembourg2013.pdf p. 16: the last of a chain of articles, a bracket after it
    (
        "en",
        (
            "Recognize the competence of the Committee on Enforced Disappearances, in accordance with articles 31 "
            "and 32 (Uruguay);"
        ),
        [("31", "reference"), ("32", "reference")],
    ),
    # luxembourg2013.pdf p. 4: a footnote marker after the full stop; its footnote
    (
        "en",
        "Luxembourg had given an account of the implementation of the recommendations made during the first cycle.1",
        [("1", "reference")],
    ),
    ("en", "1 See A/HRC/10/72.", [("1", "reference"), ("A/HRC/10/72", "reference")]),
    # kazakhstan2010.pdf p. 19: a footnote marker after the recommending State
    (
        "en",
        "Ensure birth registration for children with disabilities or children born out of wedlock (Slovenia);2",
        [("2", "reference")],
    ),
    # luxembourg2013.pdf p. 14, 15: recommendations by number, with the page's foot before one of them
    ("en", "116.1 Ratify the Optional Protocol to the Convention against Torture (Estonia);", [("116.1", "reference")]),
    (
        "en",
        "GE.13-12572 15\n116.11 Continue to strengthen the capacity of the Ombudsman (Bulgaria);",
        [("13-12572", "reference"), ("15", "reference"), ("116.11", "reference")],
    ),
    # kazakhstan2010.pdf p. 5: an age limit among counts
    (
        "en",
        (
            "The application had been signed by 111 people under the age of 18, 206 non-citizens, 11 deceased "
            "persons and 12 non-residents."
        ),
        [("111", "count"), ("18", "provision"), ("206", "count"), ("11", "count"), ("12", "count")],
    ),
    # luxembourg2013.pdf p. 5: an age requirement
    (
        "en",
        (
            "In response, the delegation said that the age requirement of 25 was a general condition in order to "
            "receive the guaranteed minimum income."
        ),
        [("25", "provision")],
    ),
    # luxembourg2013.pdf p. 12: "years of age" after the number
    (
        "en",
        (
            "It recommended free schooling for all children, including those older than three years of age, "
            "regardless of their parents' status."
        ),
        [("three years", "provision")],
    ),
    # luxembourg2013.pdf p. 16: the paragraph of an article
    (
        "en",
        (
            "Consider reviewing its declaration regarding article 20 (2) of the International Covenant on Civil "
            "and Political Rights (Egypt);"
        ),
        [("20", "reference"), ("2", "reference")],
    ),
    # kazakhstan2010.pdf par. 96 (the list shortened): the last of a chain of numbers, "above" after it
    (
        "en",
        "Kazakhstan considers that recommendations Nos. 7, 8, 96, 97 above have already been implemented.",
        [("7", "reference"), ("8", "reference"), ("96", "reference"), ("97", "reference")],
    ),
    # luxembourg2013.pdf p. 5: "a third" that is no share
    (
        "en",
        (
            "The law provided for exceptions so that applicants could be sent or extradited to another member "
            "State of the European Union, a third country or an international criminal court or tribunal."
        ),
        [("a third", "ordinal")],
    ),
    # kazakhstan2010.pdf: a page number left alone on the paragraph's last line
    (
        "en",
        "It had established a method for the assessment of evidence in the event of an unlawful arrest.\n4",
        [("4", "reference")],
    ),
    ("en", "A third of the schools and half of the pupils took part.", [("A third", "percent"), ("half", "percent")]),
    # written in the style of the reports: an age range, then a share; goals, protocols, a session
    (
        "en",
        "Schooling is compulsory for children aged 7 to 15 and 98 per cent of them attend school.",
        [("7", "provision"), ("15", "provision"), ("98 per cent", "percent")],
    ),
    (
        "en",
        (
            "Kazakhstan had achieved MDG 4 and ratified the ICCPR-OP 2, and 17 of the 21 recommendations of "
            "paragraph 19 (a) were implemented."
        ),
        [("4", "reference"), ("2", "reference"), ("17", "count"), ("21", "count"), ("19", "reference")],
    ),
    (
        "en",
        "The report was adopted at session 16 and reviewed against SDG 16.9.",
        [("16", "reference"), ("16.9", "reference")],
    ),
    # French
    (
        "fr",
        "Le Groupe de travail a tenu sa septième session du 8 au 19 février 2010.",
        [("septième", "ordinal"), ("8", "date"), ("19 février 2010", "date")],
    ),
    (
        "fr",
        "Conformément au paragraphe 15 b) de l'annexe à la résolution 5/1, une compilation a été établie.",
        [("15", "reference"), ("5/1", "reference")],
    ),
    (
        "fr",
        "Ratifier le PIDCP-OP 2, atteindre l'OMD 4 et l'ODD 16.9, et adhérer à la Convention 189 de l'OIT.",
        [("2", "reference"), ("4", "reference"), ("16.9", "reference"), ("189", "reference")],
    ),
    (
        "fr",
        "La scolarité est obligatoire pour les enfants âgés de 7 à 15 ans et 98 % d'entre eux sont scolarisés.",
        [("7", "provision"), ("15 ans", "provision"), ("98 %", "percent")],
    ),
    (
        "fr",
        "124.1 Ratifier la Convention relative aux droits des personnes handicapées (Espagne) ;",
        [("124.1", "reference")],
    ),
    # Spanish
    (
        "es",
        "El Grupo de Trabajo celebró su tercer período de sesiones del 1 al 15 de diciembre de 2008.",
        [("tercer", "ordinal"), ("1", "date"), ("15 de diciembre de 2008", "date")],
    ),
    (
        "es",
        "Ratificar el PIDCP-OP 2 y alcanzar el ODM 4, de conformidad con el párrafo 15 b) de la resolución 5/1.",
        [("2", "reference"), ("4", "reference"), ("15", "reference"), ("5/1", "reference")],
    ),
    (
        "es",
        (
            "La escolaridad es obligatoria para los niños de edades comprendidas entre 7 y 15 años y el 98 % de "
            "ellos asiste a la escuela."
        ),
        [("7", "provision"), ("15 años", "provision"), ("98 %", "percent")],
    ),
    (
        "es",
        "124.1 Ratificar la Convención sobre los derechos de las personas con discapacidad (España);",
        [("124.1", "reference")],
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), REFERENCES)
def test_references_and_ranges_are_never_statistics(lang, sentence, expected):
    claims = extract_claims(sentence, lang)
    assert [(c.text, c.kind) for c in claims] == expected


PLANS = [
    # kazakhstan2010.pdf p. 9: a target
    (
        "en",
        (
            "Algeria congratulated Kazakhstan on its plan to increase the percentage of women in high-level positions "
            "to 30 per cent by 2016."
        ),
        {"30 per cent": True},
    ),
    # ecuador2008.pdf p. 9, 10: money to be spent; centres to be set up
    (
        "en",
        (
            "With regard to the prison system, in 2008, the Government will be investing US$90 million in the "
            "penitentiary system."
        ),
        {"US$90 million": True},
    ),
    ("en", "They also plan to set up seven new centres.", {"seven": True}),
    # luxembourg2009.pdf p. 4: an objective not reached, the figure achieved
    (
        "en",
        (
            "The most recent figures on salaries show that the gap is now 14 per cent and thus the objective of "
            "equality has not yet been reached."
        ),
        {"14 per cent": False},
    ),
    # kazakhstan2010.pdf p. 4: achieved
    (
        "en",
        "Women currently constitute 40 per cent of all owners of small and medium-sized businesses.",
        {"40 per cent": False},
    ),
    (
        "en",
        "The Ministry will train 300 teachers by 2025; 120 teachers were trained in 2023.",
        {"300": True, "120": False},
    ),
    # the first report, par. 226 and 240
    (
        "fr",
        (
            "195 jardins d'enfants offrant 14 800 places ont été ouverts depuis le début de 2025, et plus de 49 000 "
            "places supplémentaires seront créées d'ici à la fin de 2025."
        ),
        {"195": False, "14 800": False, "plus de 49 000": True},
    ),
    (
        "fr",
        (
            "Il existe 2 142 établissements accueillant 3,3 millions d'enfants, soit 87,2 % de leur nombre total, et "
            "il est prévu de porter ce chiffre à 90 % d'ici à la fin de 2025."
        ),
        {"2 142": False, "3,3 millions": False, "87,2 %": False, "90 %": True},
    ),
    ("fr", "Le ministère prévoit de former 300 enseignants d'ici 2025.", {"300": True}),
    ("fr", "La loi prévoit 12 mois de congé et 300 enseignants ont été formés.", {"300": False}),
    (
        "es",
        "Se prevé formar a 300 docentes de aquí a 2025; en 2023 se formaron 120 docentes.",
        {"300": True, "120": False},
    ),
    ("es", "El Gobierno construirá 45 escuelas nuevas.", {"45": True}),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), PLANS)
def test_planned_figures_are_kept_apart_from_achieved_ones(lang, sentence, expected):
    planned = {c.text: c.planned for c in extract_claims(sentence, lang)}
    assert {text: planned[text] for text in expected} == expected
