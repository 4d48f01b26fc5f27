"""extract_claims on single sentences: one case per rule, called on a string."""

import pytest

from contract.units import CURRENCIES, MEASURE_UNITS, PERCENT
from etl.claims import extract_claims
from etl.lang import tables


def statistics(text):
    return [
        (c.text.replace("\u00a0", " "), c.value, c.kind, c.qualifier, c.period, c.subject)
        for c in extract_claims(text)
        if c.kind in ("count", "percent", "money", "measure")
    ]


@pytest.mark.parametrize(
    "sentence,value,kind",
    [
        ("Quatre-vingt-huit personnes ont été condamnées.", 88.0, "count"),
        ("Trente-huit procédures ont été enregistrées.", 38.0, "count"),
        ("Quatre-vingt-dix pour cent des écoles ont créé les conditions.", 90.0, "percent"),
        ("plus de 230 millions de tenge ont été versées.", 230e6, "money"),
        ("plus de 880 millions de dollars avaient été crédités.", 880e6, "money"),
        ("une grappe de 42 pétaflops", 42.0, "measure"),
    ],
)
def test_extract_claims_reads_value_and_kind(sentence, value, kind):
    (claim,) = statistics(sentence)
    assert (claim[1], claim[2]) == (value, kind)


def test_extract_claims_finds_subject_after_the_number():
    assert statistics("le Kazakhstan comptait environ 20,3 millions d’habitants.")[0][5] == "habitants"
    # a bare noun takes what is said of it, so it reads on its own (par. 155)
    assert statistics("Quatre-vingt-huit personnes ont été condamnées.")[0][5] == "personnes (condamnées)"


def test_extract_claims_finds_subject_in_le_nombre_de():
    claims = statistics("Le nombre d’affaires pénales enregistrées s’élève à 46 en 2022, à 84 en 2023.")
    assert [(c[1], c[4], c[5]) for c in claims] == [
        (46.0, "2022", "affaires pénales enregistrées"),
        (84.0, "2023", "affaires pénales enregistrées"),
    ]


@pytest.mark.parametrize(
    "sentence,span,qualifier",
    [
        ("plus de 14 900 personnes", "plus de 14 900", "more_than"),
        ("environ 4 400 Roms", "environ 4 400", "approx"),
        ("quelque 7 000 apatrides", "quelque 7 000", "approx"),
        ("près de 300 écoles", "près de 300", "approx"),
        ("au moins 50 journalistes", "au moins 50", "at_least"),
        ("d’au moins 30 %", "au moins 30 %", "at_least"),
        ("moins de 0,03 %", "moins de 0,03 %", "less_than"),
        ("jusqu’à 7 000 tenge", "jusqu’à 7 000 tenge", "at_most"),
        ("la satisfaction dépassait 95 %", "dépassait 95 %", "more_than"),
        ("une centaine de formations", "une centaine", "approx"),
        ("plus d’un millier de réunions", "plus d’un millier", "more_than"),
        ("71,2 %", "71,2 %", "exact"),
    ],
)
def test_extract_claims_reads_the_qualifier_into_the_span(sentence, span, qualifier):
    (claim,) = statistics(sentence)
    assert (claim[0], claim[3]) == (span, qualifier)


@pytest.mark.parametrize(
    "sentence,periods",
    [
        ("En 2022, 12 affaires ont été jugées ; en 2023, 18 affaires ont été jugées.", ["2022", "2023"]),
        ("De 2022 à 2024, 221 procédures pénales ont été enregistrées.", ["2022-2024"]),
        ("au cours des six premiers mois de 2025, 24 affaires ont été jugées", ["2025-H1"]),
        ("on dénombrait 6 909 établissements (2020 : 6 957, 2021 : 6 941)", [None, "2020", "2021"]),
        ("Au cours de l’année scolaire 2022/23, on dénombrait 6 909 établissements", ["2022/23"]),
        ("De juillet à décembre 2024, 835 personnes ont été identifiées", ["2024-H2"]),
        (
            "1 655 en 2020, 1 808 en 2021 et 396 au cours des huit premiers mois de 2025",
            ["2020", "2021", "2025-01/2025-08"],
        ),
        ("Au 1er septembre 2025, quelque 7 000 apatrides vivaient au Kazakhstan.", ["2025-09-01"]),
    ],
)
def test_extract_claims_gives_each_statistic_its_period(sentence, periods):
    assert [c[4] for c in statistics(sentence)] == periods


def test_the_period_of_a_sentence_carries_into_au_total():
    text = (
        "Au cours de l’année scolaire 2022/23, on dénombrait 6 909 établissements. "
        "Au total, 3 484 139 élèves étaient inscrits dans ces écoles."
    )
    assert [c[4] for c in statistics(text)] == ["2022/23", "2022/23"]


def test_a_list_after_a_colon_keeps_the_period_and_subject_of_its_opening():
    text = (
        "En 2025, 78 procédures pénales ont été enregistrées, dont :\n"
        "4 au titre de l’article 116 du Code pénal ;\n54 au titre de l’article 309 du Code pénal."
    )
    assert [(c[1], c[4], c[5]) for c in statistics(text)] == [
        (78.0, "2025", "procédures pénales (enregistrées)"),
        (4.0, "2025", "procédures pénales (au titre de l’article 116 du Code pénal)"),
        (54.0, "2025", "procédures pénales (au titre de l’article 309 du Code pénal)"),
    ]


def test_a_range_shares_its_unit():
    assert [(c[1], c[2]) for c in statistics("un quota d’emplois de 2 à 4 % pour les personnes handicapées")] == [
        (2.0, "percent"),
        (4.0, "percent"),
    ]
    assert [(c.value, c.kind, c.unit) for c in extract_claims("(trois à sept ans d’emprisonnement)")] == [
        (3.0, "provision", "years"),
        (7.0, "provision", "years"),
    ]


@pytest.mark.parametrize(
    "sentence,kind",
    [
        ("ratifiée par la loi no322-I du 26 août 1998", "reference"),  # UN export: no space after "no"
        ("l’arrêté no 120-NK du 29 mars 2024", "reference"),
        ("la résolution 68/237 de l’Assemblée générale", "reference"),
        ("(CERD/C/KAZ/CO/8-10, par. 54)", "reference"),
        ("l’article 174 du Code pénal", "reference"),
        ("(voir annexe 5 du présent rapport)", "reference"),
        ("la Convention de 1951 relative au statut des réfugiés", "year"),
    ],
)
def test_identifiers_and_years_are_not_statistics(sentence, kind):
    claims = extract_claims(sentence)
    assert claims and all(c.kind in (kind, "date") for c in claims)
    assert not statistics(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "le principe de la « tolérance zéro » à l’égard du harcèlement",
        "un accord a été signé avec une organisation",
        "",
    ],
)
def test_words_that_are_not_numbers_give_no_claim(sentence):
    assert extract_claims(sentence) == []


def test_offsets_index_the_paragraph_text():
    text = "Premier point.\nEn 2024, 39 % des affaires pénales (36 affaires) ont été classées."
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    "sentence,span,unit",
    [
        # penalties, fines, time limits and ages are the terms of a law, not statistics
        (
            "la loi du 26 juin 2020 prévoit une amende pouvant aller jusqu’à 7 000 tenge",
            "pouvant aller jusqu’à 7 000 tenge",
            "KZT",
        ),
        ("(trois à sept ans d’emprisonnement)", "sept ans", "years"),
        ("une décision est prise dans un délai de trois mois", "trois mois", "months"),
        ("le demandeur doit se présenter dans les vingt-quatre heures", "vingt-quatre heures", "hours"),
        ("le statut de réfugié est accordé pour un an", "un an", "years"),
        ("aux enfants de moins de 14 ans", "moins de 14 ans", "years"),
        ("le taux de scolarisation des enfants âgés de 2 à 6 ans", "6 ans", "years"),
    ],
)
def test_legal_provisions_are_not_statistics(sentence, span, unit):
    claim = next(c for c in extract_claims(sentence) if c.text.replace("\u00a0", " ") == span)
    assert (claim.kind, claim.unit, claim.period) == ("provision", unit, None)
    assert not statistics(sentence)


@pytest.mark.parametrize(
    "sentence,kind",
    [
        # a sum that was paid is a statistic even near the word "amendes" (par. 267)
        ("des amendes ont été prononcées pour une somme totale de plus de 5,5 millions de tenge", "money"),
        ("Au cours de ses trente années d’existence, l’Assemblée est devenue un organe constitutionnel", "measure"),
    ],
)
def test_sums_and_durations_outside_a_law_stay_statistics(sentence, kind):
    assert [c[2] for c in statistics(sentence)] == [kind]


# A number as UN documents and word processors write it: grouped by the language's own mark or by one
# of the spaces every language takes, or with a character that shows nothing inside it. It is one
# number, and its span covers the characters as written.
SENTENCES = {
    "fr": "Le registre compte {} personnes.",
    "en": "The register lists {} persons.",
    "es": "El registro cuenta {} personas.",
}


@pytest.mark.parametrize(
    "lang,written",
    [
        ("fr", "1\u2009655"),  # thin space
        ("fr", "1\u2007655"),  # figure space
        ("fr", "1\u202f655"),  # narrow no-break space
        ("fr", "1\u200b655"),  # zero-width space
        ("fr", "1\u2060655"),  # word joiner
        ("fr", "1\u00ad655"),  # soft hyphen
        ("fr", "1\ufeff655"),  # byte order mark, a zero-width no-break space
        ("fr", "1\u200d655"),  # zero-width joiner
        ("fr", "1\u200c655"),  # zero-width non-joiner
        ("fr", "3\u00a0484\u200b\u00a0139"),
        ("en", "1\u2009655"),
        ("en", "1,\u200b655"),
        ("en", "2\u2060,963,800"),
        ("es", "1\u2009655"),
        ("es", "1.\u00ad655"),
        ("es", "1 655"),
    ],
)
def test_a_number_written_with_any_space_or_invisible_character_is_one_claim(lang, written):
    text = SENTENCES[lang].format(written)
    (claim,) = extract_claims(text, lang)
    expected = float("".join(ch for ch in written if ch.isdigit()))
    assert (claim.value, claim.kind, claim.text) == (expected, "count", written)
    assert text[claim.start : claim.end] == claim.text
    assert claim.sentence == text  # the sentence as written, invisible characters and all


def test_invisible_characters_elsewhere_are_read_past():
    text = "plus\u00a0de 14\u202f900 per\u00adsonnes ont été recensées en 20\u200b22."
    (claim,) = [c for c in extract_claims(text) if c.kind == "count"]
    assert (claim.value, claim.qualifier, claim.period) == (14_900, "more_than", "2022")
    assert claim.subject == "personnes (recensées)"
    assert text[claim.start : claim.end] == claim.text == "plus\u00a0de 14\u202f900"


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("code", ["KZT", "USD", "EUR", "RUB", "GBP", "CHF"])
def test_currency_codes_are_read_in_every_language(lang, code):
    text = SENTENCES[lang].format(f"5 000 {code}" if lang != "en" else f"5,000 {code}")
    (claim,) = extract_claims(text, lang)
    assert (claim.value, claim.unit, claim.kind) == (5_000, code, "money")


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_language_tables_name_units_by_the_codes_of_the_contract(lang):
    t = tables(lang)
    assert set(t.MONEY_UNITS.values()) <= set(CURRENCIES)
    assert set(t.MEASURE_UNITS.values()) <= set(MEASURE_UNITS)
    assert set(t.PERCENT_UNITS.values()) == {PERCENT}
    assert set(t.MONEY_PREFIXES.values()) <= set(CURRENCIES)


def _subjects(text, lang="fr"):
    return {c.text.replace("\u00a0", " "): c.subject for c in extract_claims(text, lang)}


@pytest.mark.parametrize(
    "sentence,span,subject",
    [
        # a participle written before its noun agrees with it once said of the noun alone (par. 155)
        ("les tribunaux ont rendu 86 jugements.", "86", "jugements (rendus)"),
        ("l’Académie a organisé une centaine de formations.", "une centaine", "formations (organisées)"),
        # the provision a count falls under stays with it (par. 191)
        (
            "De 2022 à 2024, 221 procédures pénales ont été enregistrées au titre de l’article 174 du Code pénal.",
            "221",
            "procédures pénales (enregistrées au titre de l’article 174 du Code pénal)",
        ),
        # a negation is kept: without it the subject says the opposite (par. 107)
        (
            "75,5 % des personnes interrogées n’ont noté aucune violation des droits.",
            "75,5 %",
            "personnes interrogées (n’ont noté aucune violation)",
        ),
        # "issus de …" describes the count before, it is no noun (par. 240)
        (
            "3,2 millions d’enfants, dont 500 000 issus de groupes socialement vulnérables, ont bénéficié de vacances.",
            "500 000",
            "enfants (issus de groupes socialement vulnérables)",
        ),
        # a share of the population counts what was named before it (par. 89)
        (
            "Le Kazakhstan compte 737 400 personnes handicapées, ce qui correspond à 3,7 % de la population totale.",
            "3,7 %",
            "personnes handicapées (part de la population totale)",
        ),
        # a count in the bracket after a share takes what is said after the bracket (par. 209)
        (
            "dont environ 40 % (plus de 1 500 personnes) à des postes de direction.",
            "plus de 1 500",
            "personnes (à des postes de direction)",
        ),
        ("210 « bureaux juridiques » ont été ouverts", "210", "bureaux juridiques"),
    ],
)
def test_subjects_read_alone(sentence, span, subject):
    assert _subjects(sentence)[span] == subject


@pytest.mark.parametrize(
    "sentence,lang,span,subject",
    [
        ("association prônant l’intolérance (trois à sept ans d’emprisonnement).", "fr", "trois", "emprisonnement"),
        (
            "(amende pouvant aller jusqu’à 2 000 tenge, privation de liberté)",
            "fr",
            "pouvant aller jusqu’à 2 000 tenge",
            "amende",
        ),
        ("ou emprisonnement pouvant aller jusqu’à deux ans.", "fr", "pouvant aller jusqu’à deux ans", "emprisonnement"),
        (
            "Le délai de traitement des demandes a été réduit à trente jours.",
            "fr",
            "trente jours",
            "délai de traitement des demandes",
        ),
        ("1 154 enfants de moins de 18 ans ont été enregistrés", "fr", "moins de 18 ans", "âge des enfants"),
        ("punishable by a fine of up to 2,000 tenge", "en", "up to 2,000 tenge", "fine"),
        ("Children under 18 years of age", "en", "under 18 years", "age of children"),
    ],
)
def test_provisions_name_what_they_bound(sentence, lang, span, subject):
    claim = next(c for c in extract_claims(sentence, lang) if c.text.replace("\u00a0", " ") == span)
    assert (claim.kind, claim.subject) == ("provision", subject)


def test_missed_claims_are_read():
    # par. 199: the article counts when "en" takes its noun up with a number; fifty of the accused
    acquitted = "le tribunal a acquitté un accusé et en a condamné 50, dont 24 à des peines avec sursis."
    assert [(c.text, c.value, c.kind, c.subject) for c in extract_claims(acquitted)][:2] == [
        ("un", 1.0, "count", "accusé (acquitté)"),
        ("50", 50.0, "count", "accusés (condamnés)"),
    ]
    assert [c.text for c in extract_claims("Il a adopté un plan et une loi en 2024.") if c.kind == "count"] == []
    # par. 194: a zero in words, what a negated passive says was not recorded
    (zero,) = extract_claims("aucun cas de violence n’a été enregistré dans la région.")
    assert (zero.text, zero.value, zero.kind, zero.subject) == (
        "aucun",
        0.0,
        "count",
        "cas de violence (n’a été enregistré)",
    )
    assert not [c for c in extract_claims("75,5 % des personnes n’ont noté aucune violation.") if c.value == 0]
    # par. 311: an ordinal word, but not the adjective of "première instance" or "premier semestre"
    (first,) = extract_claims("le Kazakhstan a adopté la première loi spéciale.")
    assert (first.text, first.value, first.kind) == ("première", 1.0, "ordinal")
    assert not [
        c for c in extract_claims("les tribunaux de première instance, pour la première fois") if c.kind == "ordinal"
    ]
