"""The indicator tables against the report, read paragraph by paragraph (values live here, not in indicators/)."""

import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from store_tables import stored_table

from contract.schema import DIMENSION_NAMES
from contract.units import COUNT_UNITS
from etl import cli
from etl.build import build_indicators, build_report
from etl.catalog import catalog_entries
from etl.definition_models import Line
from etl.definitions import validate_documents
from etl.indicators import OBSERVATION_COLUMNS, DefinitionError, build_observations, parse_definitions, quote_for

ROOT = Path(__file__).resolve().parent.parent
REPORT_ID = "CERD_C_KAZ_11-14_fr"
# The first report's definitions: the files naming `reports` (files of `documents`, series across a State's
# documents, are tested in test_series.py).
DEFINITIONS = {
    p.name: text
    for p in (ROOT / "indicators").glob("*.toml")
    if "\ndocuments = " not in (text := p.read_text(encoding="utf-8"))
}


@pytest.fixture(scope="module")
def records(report_text):
    return build_report(report_text, REPORT_ID)


@pytest.fixture(scope="module")
def definitions():
    return parse_definitions(DEFINITIONS)


@pytest.fixture(scope="module")
def tables(definitions, records):
    return build_indicators(definitions, records, REPORT_ID)


def table(tables, indicator_id, *dimensions):
    """[(dimension values..., period, value, qualifier, paragraph)] in definition order."""
    rows = sorted((o for o in tables.observations if o.indicator_id == indicator_id), key=lambda o: o.position)
    return [(*(o.dimensions[d] for d in dimensions), o.period, o.value, o.qualifier, o.paragraph) for o in rows]


# --- the named indicators, pinned against the report ------------------------------------


def test_ethnic_composition_numbers(tables):
    assert table(tables, "population_total", "group") == [("Population totale", "2025-01-01", 20_300_000, "approx", 58)]
    assert table(tables, "ethnic_composition_population", "group") == [
        ("Kazakhs", "2025-01-01", 14_400_000, "exact", 58),  # "Kazakhstanais" in the text: see the note
        ("Russes", "2025-01-01", 2_900_000, "exact", 58),
        ("Ouzbeks", "2025-01-01", 678_400, "exact", 58),
        ("Ukrainiens", "2025-01-01", 371_800, "exact", 58),
        ("Ouïghours", "2025-01-01", 305_600, "exact", 58),
        ("Tatars", "2025-01-01", 218_900, "exact", 58),
        ("Allemands", "2025-01-01", 223_200, "exact", 58),
        ("Azerbaïdjanais", "2025-01-01", 155_300, "exact", 58),
        ("Coréens", "2025-01-01", 120_600, "exact", 58),
        ("Turcs", "2025-01-01", 91_700, "exact", 58),
        ("Dounganes", "2025-01-01", 86_000, "exact", 58),
        # par. 259: a separate source (Bureau of National Statistics), undated
        ("Roms", None, 4_400, "approx", 259),
    ]


def test_ethnic_composition_shares(tables):
    assert table(tables, "ethnic_composition_share", "group") == [
        ("Kazakhs", "2025-01-01", 71.2, "exact", 58),
        ("Russes", "2025-01-01", 14.6, "exact", 58),
        ("Ouzbeks", "2025-01-01", 3.3, "exact", 58),
        ("Ukrainiens", "2025-01-01", 1.8, "exact", 58),
        ("Ouïghours", "2025-01-01", 1.5, "exact", 58),
        ("Tatars", "2025-01-01", 1.1, "exact", 58),
        ("Allemands", "2025-01-01", 1.2, "exact", 58),
        ("Azerbaïdjanais", "2025-01-01", 0.7, "exact", 58),
        ("Coréens", "2025-01-01", 0.6, "exact", 58),
        ("Turcs", "2025-01-01", 0.4, "exact", 58),
        ("Dounganes", "2025-01-01", 0.4, "exact", 58),
        ("Roms", None, 0.03, "less_than", 259),
        # par. 418: the 2021 census
        ("Personnes d’ascendance africaine", "2021", 0.01, "less_than", 418),
    ]


def test_the_ethnic_shares_say_their_three_dates_and_kazakhs_keep_the_reports_word():
    """Par. 58 at the start of 2025, par. 259 undated, par. 418 the 2021 census: each row its own date, none invented."""
    definitions = parse_definitions(DEFINITIONS)
    share = next(i for i in definitions.indicators if i.indicator_id == "ethnic_composition_share")
    notes = {line.labels["group"]: (line.note, line.note_en) for line in share.observations}
    assert "date non précisée" in notes["Roms"][0] and "date not stated" in notes["Roms"][1]
    assert "2021" in notes["Personnes d’ascendance africaine"][0]
    assert "« Kazakhstanais »" in notes["Kazakhs"][0] and "'Kazakhstanais'" in notes["Kazakhs"][1]
    assert share.labels_en["Kazakhs"] == "Kazakhs"


def test_article_174_registered_cases(tables):
    assert table(tables, "art174_registered_cases") == [
        ("2022", 46, "exact", 156),
        ("2023", 84, "exact", 156),
        ("2024", 91, "exact", 156),
    ]
    assert table(tables, "art174_registered_total", "measure") == [
        ("Procédures enregistrées", "2022-2024", 221, "exact", 191),
    ]


def test_article_174_cases_tried_and_persons_convicted(tables, definitions):
    assert table(tables, "art174_cases_tried_and_convicted", "measure") == [
        ("Affaires jugées", "2022", 12, "exact", 155),
        ("Affaires jugées", "2023", 18, "exact", 155),
        ("Affaires jugées", "2024", 32, "exact", 155),
        ("Affaires jugées", "2025-H1", 24, "exact", 155),
        ("Personnes condamnées", "2022", 12, "exact", 155),
        ("Personnes condamnées", "2023", 20, "exact", 155),
        ("Personnes condamnées", "2024", 30, "exact", 155),
        ("Personnes condamnées", "2025-H1", 26, "exact", 155),
    ]
    units = {
        (o.dimensions["measure"], o.unit)
        for o in tables.observations
        if o.indicator_id == "art174_cases_tried_and_convicted"
    }
    assert units == {("Affaires jugées", "cases"), ("Personnes condamnées", "persons")}
    # "Quatre-vingt-huit personnes …": the period is in the sentence before
    assert table(tables, "art174_judgments_total", "measure") == [
        ("Jugements rendus", "2022-01/2025-06", 86, "exact", 155),
        ("Personnes condamnées", "2022-01/2025-06", 88, "exact", 155),
    ]
    # rows of cases, judgments and persons: each row names its unit, the indicators say "count"
    units = [o.unit for o in tables.observations if o.indicator_id == "art174_judgments_total"]
    assert units == ["judgments", "persons"]
    assert {
        i.indicator_id: i.unit
        for i in definitions.indicators
        if i.indicator_id.startswith(("art174_judgments", "art174_cases_tried"))
    } == {"art174_cases_tried_and_convicted": "count", "art174_judgments_total": "count"}


def test_article_174_dismissals(tables):
    assert table(tables, "art174_dismissed_share", "measure") == [
        ("Affaires classées en 2024", "2024", 39, "exact", 157),
        ("Procédures généralement classées", None, 40, "approx", 191),
    ]
    assert table(tables, "art174_dismissed_cases") == [("2024", 36, "exact", 157)]


A404 = "Art. 404 : association prônant l’intolérance"
A405 = "Art. 405 : participation à une association interdite"
A489 = "Art. 489 (infractions adm.) : association non déclarée"


def test_related_offences_by_year(tables, definitions):
    # par. 191 c): Article 405 is a banned association, Article 489 unregistered ones, not racist ones only;
    # the description says what the text says and no more ("quelle qu’elle soit" is not in it)
    offences = next(i for i in definitions.indicators if i.indicator_id == "related_offences_by_year")
    assert "activités d’une association interdite (art. 405)" in offences.description_fr
    assert "a banned association (art. 405)" in offences.description_en
    assert "quelle qu" not in offences.description_fr and "of any kind" not in offences.description_en
    assert "non déclarées" in offences.description_fr and "unregistered" in offences.description_en
    assert table(tables, "related_offences_by_year", "article") == [
        (A404, "2022", 1, "exact", 191),
        (A404, "2023", 1, "exact", 191),
        (A404, "2024", 2, "exact", 191),
        (A405, "2022", 27, "exact", 191),
        (A405, "2023", 23, "exact", 191),
        (A405, "2024", 22, "exact", 191),
        # "Trente-huit procédures …", in words
        (A489, "2022", 38, "exact", 191),
        (A489, "2023", 60, "exact", 191),
        (A489, "2024", 64, "exact", 191),
    ]
    assert table(tables, "art404_total", "article") == [(A404, "2022-2024", 4, "exact", 191)]


def test_statelessness_campaigns(tables):
    # two campaigns, two events: every row says which it belongs to, and each campaign has one date
    first, second = "Campagne de septembre 2020 à mai 2022", "Campagne de juillet à décembre 2024"
    assert table(tables, "statelessness_identification_campaigns", "campaign", "outcome") == [
        (first, "Identifiées", "2020-09/2022-05", 8_822, "exact", 289),
        (first, "Citoyenneté confirmée", "2020-09/2022-05", 5_618, "exact", 289),
        (first, "Papiers d’identité obtenus", "2020-09/2022-05", 3_204, "exact", 289),
        (second, "Identifiées", "2024-H2", 835, "exact", 290),
        (second, "Citoyenneté reconnue, papiers d’identité reçus", "2024-H2", 715, "exact", 290),
        (second, "Pièces d’identité d’apatride reçues", "2024-H2", 90, "exact", 290),
        (second, "Dossier en cours d’examen", "2024-H2", 35, "exact", 290),
    ]


def test_stateless_persons(tables):
    assert table(tables, "stateless_persons_registered", "group") == [
        ("Apatrides enregistrés", "2022-01/2025-08", 29_449, "exact", 291),
        ("dont enfants de moins de 18 ans", "2022-01/2025-08", 1_154, "exact", 291),
    ]
    assert table(tables, "stateless_persons_living") == [("2025-09-01", 7_000, "approx", 301)]
    assert table(tables, "stateless_naturalisations") == [
        ("2020", 1_655, "exact", 303),
        ("2021", 1_808, "exact", 303),
        ("2022", 1_374, "exact", 303),
        ("2023", 1_542, "exact", 303),
        ("2024", 676, "exact", 303),
        ("2025-01/2025-08", 396, "exact", 303),  # "huit premiers mois de 2025"
    ]
    assert table(tables, "stateless_naturalisation_totals", "measure") == [
        ("Apatrides identifiés depuis 2014", "2014/..", 30_000, "more_than", 298),
        ("Apatrides naturalisés en cinq ans", "2020-01/2025-08", 7_000, "more_than", 303),
    ]
    # par. 304 says "procédure simplifiée", not stateless persons: a table of its own
    assert table(tables, "simplified_procedure_naturalisations") == [(None, 10_000, "approx", 304)]


def test_schools_by_language_of_instruction(tables):
    # par. 249 writes "2020" and "2021" beside the school year 2022/23, not which school years they are:
    # the periods stay as written and the note says so, in both languages
    assert table(tables, "schools_total") == [
        ("2020", 6_957, "exact", 249),
        ("2021", 6_941, "exact", 249),
        ("2022/23", 6_909, "exact", 249),
    ]
    notes = [(o.note, o.note_en) for o in tables.observations if o.indicator_id == "schools_total"][:2]
    assert all(
        "ne dit pas de quelles années scolaires" in fr and "does not say which school years" in en for fr, en in notes
    )
    assert table(tables, "schools_by_language", "language") == [
        ("Kazakh", "2022/23", 3_743, "exact", 249),
        ("Russe", "2022/23", 1_055, "exact", 249),
        ("Plusieurs langues", "2022/23", 2_106, "exact", 249),
        ("Ouïghour", "2022/23", 5, "exact", 249),
    ]
    assert table(tables, "schools_share_by_language", "language") == [
        ("Kazakh", "2022/23", 54.2, "exact", 249),
        ("Russe", "2022/23", 15.3, "exact", 249),
        ("Plusieurs langues", "2022/23", 30.5, "exact", 249),
        ("Ouïghour", "2022/23", 0.07, "exact", 249),
    ]


def test_pupils_by_language_of_instruction(tables):
    assert table(tables, "pupils_total") == [("2020/21", 3_368_702, "exact", 249), ("2022/23", 3_484_139, "exact", 249)]
    assert table(tables, "pupils_by_language", "language") == [
        ("Kazakh", "2020/21", 2_223_455, "exact", 249),
        ("Russe", "2020/21", 1_041_909, "exact", 249),
        ("Autres langues", "2020/21", 103_338, "exact", 249),
        ("Kazakh", "2022/23", 2_307_960, "exact", 249),
        ("Russe", "2022/23", 1_077_915, "exact", 249),
        ("Autres langues", "2022/23", 98_264, "exact", 249),
    ]
    assert table(tables, "pupils_share_by_language", "language") == [
        ("Kazakh", "2020/21", 66, "exact", 249),
        ("Russe", "2020/21", 30.9, "exact", 249),
        ("Autres langues", "2020/21", 3.1, "exact", 249),
        ("Kazakh", "2022/23", 66.2, "exact", 249),
        ("Russe", "2022/23", 31.0, "exact", 249),
        ("Autres langues", "2022/23", 2.8, "exact", 249),
    ]


def test_mother_tongue_provision(tables):
    assert table(tables, "mother_tongue_children") == [("2024", 14_000, "more_than", 247)]
    # par. 250: Tajik is a subject, not a language of instruction; par. 251: Uyghur "is taught" in six
    # schools with bilingual teaching, another count than par. 249's Uyghur-medium schools (the note says so)
    inside, subject, taught = (
        "Enseignement dans la langue",
        "Matière distincte",
        "Langue enseignée, enseignement bilingue",
    )
    assert table(tables, "mother_tongue_institutions", "level", "language", "teaching") == [
        ("Préscolaire", "Ouïghour", inside, None, 12, "exact", 248),
        ("Préscolaire", "Ouzbek", inside, None, 5, "exact", 248),  # "cinq"
        ("École", "Tadjik", subject, None, 11, "exact", 250),
        ("École", "Ouzbek", inside, None, 141, "exact", 251),
        ("École", "Ouïghour", taught, None, 6, "exact", 251),  # "six"
    ]
    uyghur = next(
        o
        for o in tables.observations
        if o.indicator_id == "mother_tongue_institutions"
        and o.dimensions["language"] == "Ouïghour"
        and o.dimensions["level"] == "École"
    )
    assert "schools_by_language" in uyghur.note and "schools_by_language" in uyghur.note_en
    assert table(tables, "minority_language_textbooks", "measure") == [
        ("Manuels par an", None, 150_000, "more_than", 253)
    ]
    assert table(tables, "minority_language_teachers_trained", "language") == [
        ("Ouzbek", "2024", 25, "exact", 253),
        ("Ouïghour", "2024", 25, "exact", 253),
    ]


def test_refugees_and_immigrants(tables):
    assert table(tables, "refugees_total", "origin") == [("Toutes origines", "2022-2025", 37, "exact", 280)]
    assert table(tables, "refugees_by_origin", "origin") == [
        ("Afghanistan", "2022-2025", 34, "exact", 280),
        ("Ukraine", "2022-2025", 2, "exact", 280),  # "2 d’Ukraine", whose subject the extractor carries over
        ("Syrie", "2022-2025", 1, "exact", 280),
    ]
    assert table(tables, "immigrants_by_year", "group") == [
        ("Immigrants", "2022", 17_425, "exact", 220),
        ("Immigrants", "2023", 25_387, "exact", 220),
        ("Immigrants", "2024", 29_282, "exact", 220),
        ("dont enfants", "2022", 1_029, "exact", 220),
        ("dont enfants", "2023", 1_930, "exact", 220),
        ("dont enfants", "2024", 3_272, "exact", 220),
    ]


def test_migrant_workers(tables):
    # a headcount (par. 266) and counts over 2023-2024 (par. 267) and 2022-2024 (par. 268): three tables
    assert table(tables, "labour_inspectors") == [(None, 321, "exact", 266)]
    assert table(tables, "migrant_workers_labour_inspection", "measure") == [
        ("Inspections d’employeurs de migrants", "2023-2024", 326, "exact", 267),
        ("Violations constatées", "2023-2024", 194, "exact", 267),
    ]
    assert table(tables, "migrant_worker_complaints") == [("2022-2024", 929, "exact", 268)]
    units = [
        o.unit
        for o in tables.observations
        if o.indicator_id in ("labour_inspectors", "migrant_workers_labour_inspection", "migrant_worker_complaints")
    ]
    assert units == ["inspectors", "inspections", "violations", "complaints"]
    assert table(tables, "migrant_workers_fines", "measure") == [("Amendes", "2023-2024", 5_500_000, "more_than", 267)]
    fines = next(o for o in tables.observations if o.indicator_id == "migrant_workers_fines")
    assert fines.unit == "KZT"


def test_more_series_and_breakdowns(tables, definitions):
    assert table(tables, "ombudsman_complaints") == [("2021", 2_300, "exact", 380), ("2024", 6_748, "exact", 380)]
    assert table(tables, "ombudsman_complaints_growth", "measure") == [
        ("Hausse 2021-2024", "2021-2024", 193, "exact", 380)
    ]
    assert table(tables, "trafficking_proceedings_total") == [("2025", 78, "exact", 317)]
    assert [(a, v) for a, _, v, _, _ in table(tables, "trafficking_proceedings_by_article", "article")] == [
        ("Art. 116 (trafic d’organes)", 4),
        ("Art. 128 (traite de personnes)", 6),
        ("Art. 134 (incitation de mineurs à la prostitution)", 4),
        ("Art. 135 (traite de mineurs)", 6),
        ("Art. 308 (incitation à la prostitution)", 4),
        ("Art. 309 (maison close et proxénétisme)", 54),
    ]
    assert table(tables, "disability_employment", "measure") == [
        ("Personnes handicapées", None, 737_400, "exact", 89),
        ("En âge de travailler", None, 376_700, "exact", 89),
        # par. 89 names those employed "personnes ayant des besoins particuliers", as the label does
        ("Personnes ayant des besoins particuliers employées", None, 108_900, "exact", 89),
        ("Bénéficiaires des mesures pour promouvoir leur emploi", "2025-01/2025-04", 14_900, "more_than", 89),
    ]
    assert table(tables, "disability_rates", "measure") == [
        ("Part de la population", None, 3.7, "exact", 89),
        ("Taux d’emploi", None, 28.9, "exact", 89),
    ]
    assert [v for _, _, v, _, _ in table(tables, "women_civil_service", "measure")] == [56.2, 39.1, 44.9, 34.4]
    assert table(tables, "interethnic_survey_2025", "measure") == [
        ("Cohabitation jugée calme", "2025-H1", 60.9, "exact", 107),
        ("Cohabitation jugée bonne", "2025-H1", 34.9, "exact", 107),
        ("Aucune violation des droits fondée sur l’ethnie", "2025-H1", 75.5, "exact", 107),
    ]
    # par. 108 names no source and no survey: a table of its own; "à la fin du premier semestre de cette année"
    assert table(tables, "interethnic_policy_satisfaction") == [("2025-06-30", 84.3, "exact", 108)]
    assert [v for _, _, v, _, _ in table(tables, "kordai_sentences", "measure")] == [50, 19, 7, 24]
    # par. 199 lists "peines privatives de liberté" apart from imprisonment: the label says no more than that
    kordai = next(i for i in definitions.indicators if i.indicator_id == "kordai_sentences")
    assert kordai.labels_en["Peines privatives de liberté"] == "Deprivation of liberty (listed apart from imprisonment)"
    assert "russe" not in str(kordai).lower() and "Custodial" not in str(kordai)
    assert table(tables, "kordai_funding", "measure") == [
        ("Indemnités aux familles", None, 230_000_000, "more_than", 200),
        ("Reconstruction du district", None, 30_000_000_000, "more_than", 201),
    ]
    assert [(v, q) for _, _, v, q, _ in table(tables, "kordai_reconstruction", "measure")] == [
        (128, "exact"),
        (20, "exact"),
        (92, "exact"),
        (112, "exact"),
        (86, "exact"),
        (500, "more_than"),
    ]
    # "plus de 80 % et 90 %, respectivement": the "plus de" holds for both
    assert table(tables, "kazakh_russian_speakers", "language") == [
        ("Kazakh", "2022", 80, "more_than", 350),
        ("Russe", "2022", 90, "more_than", 350),
    ]
    assert table(tables, "women_business_managers", "measure") == [
        ("Femmes aux postes à responsabilité", "2022", 43.4, "exact", 92),
        ("Seuil recommandé par les Nations Unies", None, 30, "at_least", 92),
    ]
    assert table(tables, "preschool_children", "group") == [
        ("Tous les établissements", None, 1_000_000, "more_than", 225),  # "plus d’un million"
        ("Jardins d’enfants publics", None, 470_000, "exact", 225),
        ("Jardins d’enfants privés", None, 540_000, "more_than", 225),
    ]
    # par. 225: "atteindra l'objectif de 95 % d'ici à la fin de l'année", in a report of 2025
    assert table(tables, "preschool_enrolment_rate", "measure") == [
        ("Taux atteint", None, 93.1, "exact", 225),
        ("Objectif pour la fin de 2025", "2025-12-31", 95, "exact", 225),
    ]
    assert table(tables, "after_school_and_holidays", "measure") == [
        ("Enfants accueillis dans les structures périscolaires", None, 3_300_000, "exact", 240),
        ("Enfants en vacances organisées, été 2024", "2024", 3_200_000, "exact", 240),
        ("dont enfants de groupes socialement vulnérables", "2024", 500_000, "exact", 240),
    ]
    assert table(tables, "ethnocultural_institutions", "measure") == [
        ("Associations ethnoculturelles", None, 1_000, "more_than", 411),
        ("Écoles du dimanche", None, 400, "approx", 411),  # "quelque 400"
        ("Maisons de l’amitié", None, 32, "exact", 255),
    ]
    assert table(tables, "ethnocultural_children_activities", "measure") == [
        ("Événements organisés", "2023", 250, "more_than", 255),
        ("Enfants participant aux événements", "2023", 50_000, "approx", 255),
        ("Enfants dans les cercles d’étude, par an", None, 20_000, "more_than", 255),
    ]
    assert table(tables, "kazakh_mother_tongue_other_groups") == [
        ("2020", 1, "exact", 350),
        ("2021", 1.2, "exact", 350),
        ("2022", 0.4, "exact", 350),
    ]


# --- provenance ---------------------------------------------------------------------------


def test_every_quote_is_verbatim_and_holds_the_number_as_written(tables, records):
    texts = {p.paragraph: p.text for p in records.paragraphs}
    claims = {c.claim_id: c for c in records.claims}
    assert len(tables.observations) > 150
    for o in tables.observations:
        claim = claims[o.claim_id]
        assert o.quote in texts[o.paragraph], o.claim_id
        assert o.text == claim.text and o.text in o.quote, o.claim_id
        assert o.value == claim.value and o.paragraph == claim.paragraph


def test_quotes_are_short_enough_to_cite(tables):
    # the longest sentence (par. 58, the eleven groups) is narrowed to "2,9 millions de Russes (14,6 %)"
    russes = next(
        o
        for o in tables.observations
        if o.indicator_id == "ethnic_composition_population" and o.dimensions["group"] == "Russes"
    )
    assert russes.quote == "2,9\xa0millions de Russes (14,6\xa0%)"
    assert max(len(o.quote) for o in tables.observations) <= 260


def test_definitions_hold_no_value_from_the_report(tables):
    """No number of an observation appears in the definition file that picks it, however it is spaced."""
    for o in tables.observations:
        source = next(text for text in DEFINITIONS.values() if f'indicator_id = "{o.indicator_id}"' in text)
        number = re.search(r"\d[\d\xa0]*(?:,\d+)?", o.text)
        digits = re.sub(r"\D", "", number.group()) if number else ""
        # one- and two-digit numbers also name articles and paragraphs ("art. 14"); longer ones do not
        if len(digits) >= 3:
            spaced = r"[\s\xa0\u202f.,_]?".join(digits)
            assert not re.search(rf"(?<!\d){spaced}(?!\d)", source), (o.claim_id, o.text)


def test_titles_and_descriptions_hold_no_statistic_of_the_report(definitions, records):
    """A number in a title or description would not follow the text: only article numbers and years may appear."""
    values = {c.value for c in records.claims if c.kind in ("count", "percent", "money", "measure")}
    for indicator in definitions.indicators:
        words = " ".join(getattr(indicator, k) for k in ("title_fr", "title_en", "description_fr", "description_en"))
        words = re.sub(r"\b(?:paras?|par)\.\s*\d+(?:(?:,|\s+et|\s+and)\s*\d+)*", "", words)  # paragraph citations
        for number in re.findall(r"\d[\d\xa0 ,.]*\d|\d", words):
            digits = re.sub(r"[\xa0 ,]", "", number).rstrip(".")
            if (
                len(digits) >= 3
                and not re.fullmatch(r"(19|20)\d\d", digits)
                and digits not in ("174", "404", "405", "489")
            ):
                assert float(digits) not in values, (indicator.indicator_id, number)


def test_catalog_describes_every_indicator(definitions, tables):
    catalog = catalog_entries(definitions, tables.observations, tables.checks)
    assert len(catalog) == len(definitions.indicators) >= 40
    entry = next(e for e in catalog if e.indicator_id == "art174_registered_cases")
    assert entry.title_en.startswith("Criminal cases registered under Article 174")
    assert entry.topic == "article_174" and entry.chart == "time_series"
    assert entry.paragraphs == (156,) and entry.observations == 3
    assert entry.period_covered == "2022-2024"
    assert "art174_registered_sum" in entry.checks
    for e in catalog:
        assert e.observations > 0 and e.title_fr and e.title_en and e.description_fr and e.description_en
        for dimension_value in (
            o.dimensions[d] for o in tables.observations if o.indicator_id == e.indicator_id for d in e.dimensions
        ):
            assert dimension_value in e.labels_en, (e.indicator_id, dimension_value)


# --- definitions that cannot be applied say why -------------------------------------------

_MINIMAL = """
topic = "t"
topic_title_fr = "T"
topic_title_en = "T"
reports = ["R"]
[[indicator]]
indicator_id = "x"
title_fr = "x"
title_en = "x"
description_fr = "x"
description_en = "x"
unit = "cases"
unit_fr = "affaires"
unit_en = "cases"
chart = "time_series"
paragraphs = [1]
observations = [ {OBSERVATION} ]
"""
_TEXT = "En 2022, 12 affaires ont été jugées et 14 personnes ont été condamnées.\n"


def _build(observation: str, text: str = "1.\t" + _TEXT):
    definitions = parse_definitions({"t.toml": _MINIMAL.replace("{OBSERVATION}", observation)})
    return build_indicators(definitions, build_report(text, "R"), "R").observations


@pytest.mark.parametrize(
    "indicator_id,suggested,problem",
    [
        ("x", False, None),
        # the build names a suggestion it publishes after the suggestion; a file may not take such an id
        ("R-p1-s1", True, None),
        ("R-p1-s1", False, "`indicator_id` must be an id of small letters, digits and _"),
        ("x", True, "`indicator_id` must be an id of small letters, digits and _"),
    ],
)
def test_definition_documents_are_validated_as_files_are(indicator_id, suggested, problem):
    document = tomllib.loads(_MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 2 }"))
    document["indicator"][0]["indicator_id"] = indicator_id
    if problem:
        with pytest.raises(DefinitionError, match=re.escape(f"made, indicator {indicator_id}: {problem}")):
            validate_documents([("made", document)], suggested=suggested)
        return
    (indicator,) = validate_documents([("made", document)], suggested=suggested).indicators
    assert (indicator.indicator_id, indicator.source, indicator.topic, indicator.reports) == (
        indicator_id,
        "made",
        "t",
        ["R"],
    )
    observations = build_observations([indicator], build_report("1.\t" + _TEXT, "R").claims, {1: _TEXT}, "R")
    assert [(o.indicator_id, o.value, o.unit) for o in observations] == [(indicator_id, 14, "cases")]


def test_a_selector_picks_by_subject_and_the_value_comes_from_the_text():
    assert [o.value for o in _build('{ paragraph = 1, subject = "^personnes" }')] == [14]
    assert [
        o.value for o in _build('{ paragraph = 1, subject = "^personnes" }', "1.\t" + _TEXT.replace("14", "15"))
    ] == [15]


@pytest.mark.parametrize(
    "observation,message",
    [
        ("{ paragraph = 1 }", "2 claims match"),
        ('{ paragraph = 1, subject = "^enfants" }', "0 claims match"),
        ("{ paragraph = 1, nth = 3 }", "2 claims match"),
        ("{ paragraph = 2 }", "paragraph 2 is not in the indicator's `paragraphs`"),
        ('{ paragraph = 1, colour = "red" }', "unknown keys ['colour']"),
        ('{ paragraph = 1, after = "(" }', "`after` is not a valid pattern"),
        ('{ paragraph = 1, nth = "2" }', "`nth` must be a whole number from 1, not '2'"),
        ('{ paragraph = 1, kind = "cout" }', "`kind` must be one of count, percent, money, measure"),
        ("{ paragraph = 1, subject = 12 }", "`subject` must be a text in quotes"),
        ('{ paragraph = 1, qualifier_override = "about" }', "`qualifier_override` must be one of exact"),
        (
            '{ paragraph = 1, nth = 1 }, { paragraph = 1, subject = "^affaires" }',
            "picks the same number as observation 1",
        ),
    ],
)
def test_a_bad_selector_names_the_file_indicator_and_observation(observation, message):
    with pytest.raises(DefinitionError) as error:
        _build(observation)
    assert message in str(error.value)
    assert str(error.value).startswith("t.toml")


def test_a_missing_paragraph_in_the_report_is_a_clear_error():
    with pytest.raises(DefinitionError, match="the report has no paragraph 1"):
        _build("{ paragraph = 1, nth = 1 }", "2.\t" + _TEXT)


@pytest.mark.parametrize(
    "old,new,message",
    [
        ('reports = ["R"]', 'reports = "R"', "`reports` must be a list of report ids"),
        ("paragraphs = [1]", "paragraphs = 1", "`paragraphs` must be a list of paragraph numbers"),
        ("observations = [ {OBSERVATION} ]", "observations = 5", "`observations` must be a list of { ... } lines"),
        ('title_fr = "x"', "title_fr = 3", "`title_fr` must be a text in quotes"),
    ],
)
def test_a_definition_of_the_wrong_shape_is_a_clear_error(old, new, message):
    with pytest.raises(DefinitionError, match=re.escape(message)):
        parse_definitions({"t.toml": _MINIMAL.replace(old, new).replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }")})


def test_ids_defined_twice_are_refused():
    text = _MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }")
    with pytest.raises(DefinitionError, match="indicator ids defined twice: x"):
        parse_definitions({"a.toml": text, "b.toml": text})


def test_invalid_toml_and_missing_fields_are_clear_errors():
    with pytest.raises(DefinitionError, match=r"t\.toml: not valid TOML"):
        parse_definitions({"t.toml": "topic = "})
    with pytest.raises(DefinitionError, match="missing `chart`"):
        parse_definitions({"t.toml": _MINIMAL.replace('chart = "time_series"\n', "").replace("{OBSERVATION}", "")})
    with pytest.raises(DefinitionError, match="chart must be one of"):
        parse_definitions({"t.toml": _MINIMAL.replace('"time_series"', '"pie"').replace("{OBSERVATION}", "")})


def test_definitions_apply_only_to_the_reports_they_name():
    definitions = parse_definitions({"t.toml": _MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }")})
    assert build_indicators(definitions, build_report("1.\t" + _TEXT, "OTHER"), "OTHER").observations == []


def test_quote_is_the_sentence_when_short():
    start = _TEXT.index("12")
    claim = SimpleNamespace(start=start, end=start + 2, sentence=_TEXT.strip())
    assert quote_for(_TEXT, claim) == _TEXT.strip()


# --- a row's unit says what it counts --------------------------------------------------------

# The head noun of a claim's subject (what the report says it counts) and the units a row
# counting it may carry. Nouns not listed (ethnic groups, "originaires d'…") are not judged.
UNITS_OF_NOUN = {
    "personnes": {"persons"},
    "apatrides": {"persons"},
    "immigrants": {"persons"},
    "réfugiés": {"persons"},
    "habitants": {"persons"},
    "enfants": {"children", "persons", "pupils"},
    "élèves": {"pupils"},
    "affaires": {"cases"},
    "procédures": {"cases"},
    "procédure": {"cases"},
    "jugements": {"judgments"},
    "établissements": {"schools", "institutions"},
    "écoles": {"schools", "institutions"},
    "enseignants": {"teachers"},
    "inspecteurs": {"inspectors"},
    "inspections": {"inspections"},
    "violations": {"violations"},
    "signalements": {"complaints"},
    "plaintes": {"complaints"},
    "manuels": {"textbooks"},
    "maisons": {"houses"},
    "bâtiments": {"buildings"},
    "familles": {"families"},
    "voitures": {"cars"},
    "événements": {"events"},
    "associations": {"associations"},
}


def unit_problems(observations: list, claims: dict, catalog: list) -> list[str]:
    """Rows whose unit is not what their counted noun counts; indicators whose rows count
    different things yet whose catalogue unit names one of them."""
    problems = []
    for o in observations:
        claim = claims[o.claim_id]
        noun = (claim.subject or "").split(" ")[0].lower()
        if claim.kind == "count" and noun in UNITS_OF_NOUN and o.unit not in UNITS_OF_NOUN[noun]:
            problems.append(f"{o.indicator_id} {o.claim_id}: counts {noun!r}, unit {o.unit!r}")
    for entry in catalog:
        units = {o.unit for o in observations if o.indicator_id == entry.indicator_id}
        if len(units) > 1 and entry.unit != "count":
            problems.append(f"{entry.indicator_id}: rows in {sorted(units)}, catalogue unit {entry.unit!r}")
    return problems


def test_every_row_carries_the_unit_of_what_it_counts(definitions, tables, records):
    claims = {c.claim_id: c for c in records.claims}
    judged = [
        o for o in tables.observations if (claims[o.claim_id].subject or "").split(" ")[0].lower() in UNITS_OF_NOUN
    ]
    assert len(judged) >= 100  # the check sees most count rows, or it proves nothing
    assert (
        unit_problems(tables.observations, claims, catalog_entries(definitions, tables.observations, tables.checks))
        == []
    )


@pytest.mark.parametrize(
    "rows,unit,problem",
    [
        # a row of persons left with the indicator's unit "cases" (art174_judgments_total before the fix)
        ([("personnes", "cases")], "cases", "counts 'personnes', unit 'cases'"),
        # rows right one by one, but the catalogue calls them all "cases" (art174_cases_tried_and_convicted before)
        (
            [("affaires", "cases"), ("personnes", "persons")],
            "cases",
            "rows in ['cases', 'persons'], catalogue unit 'cases'",
        ),
    ],
)
def test_the_unit_check_finds_a_wrong_unit(rows, unit, problem):
    claims = {f"c{n}": SimpleNamespace(kind="count", subject=noun) for n, (noun, _) in enumerate(rows)}
    observations = [SimpleNamespace(indicator_id="x", claim_id=f"c{n}", unit=u) for n, (_, u) in enumerate(rows)]
    entry = SimpleNamespace(indicator_id="x", unit=unit)  # the two fields of a catalogue entry the check reads
    assert any(problem in p for p in unit_problems(observations, claims, [entry]))


# --- English beside every French string --------------------------------------------------------


def test_every_french_string_of_the_definitions_has_its_english(definitions):
    for indicator in definitions.indicators:
        for key in ("title", "description", "unit", "topic_title"):
            french, english = getattr(indicator, f"{key}_fr"), getattr(indicator, f"{key}_en")
            assert french.strip() and english.strip(), (indicator.indicator_id, key)
        for line in indicator.observations:
            assert (line.note is None) == (line.note_en is None), (indicator.indicator_id, line)
            for dimension in indicator.dimensions:
                assert indicator.labels_en.get(line.labels[dimension], "").strip(), (
                    indicator.indicator_id,
                    line.labels[dimension],
                )
    for check in definitions.checks:
        assert check.description_fr.strip() and check.description_en.strip(), check.check_id


def test_the_units_and_dimension_names_have_their_words_in_both_languages():
    for words in [*COUNT_UNITS.values(), *DIMENSION_NAMES.values()]:
        assert len(words) == 2 and all(w.strip() for w in words)
    assert not set(DIMENSION_NAMES) & set(OBSERVATION_COLUMNS)  # a dimension is a column of its own
    assert not set(DIMENSION_NAMES) & set(Line.model_fields)  # and a key of its own on an observation line


_LABELLED = (
    _MINIMAL.replace('chart = "time_series"', 'chart = "time_series"\ndimensions = ["measure"]')
    + 'labels_en = { "Jugées" = "Tried" }\n'
)


@pytest.mark.parametrize(
    "text,message",
    [
        (
            _MINIMAL.replace("{OBSERVATION}", '{ paragraph = 1, nth = 1, note = "Période du texte." }'),
            "t.toml, indicator x, observation 1: `note` has no English: add `note_en`",
        ),
        (
            _MINIMAL.replace("{OBSERVATION}", '{ paragraph = 1, nth = 1, note_en = "The text\'s period." }'),
            "t.toml, indicator x, observation 1: `note_en` has no French `note` beside it",
        ),
        (
            _LABELLED.replace("{OBSERVATION}", '{ paragraph = 1, nth = 1, measure = "Condamnées" }'),
            "t.toml, indicator x: label 'Condamnées' (`measure`) has no English: add it to `labels_en`",
        ),
        (
            _LABELLED.replace("{OBSERVATION}", '{ paragraph = 1, nth = 1, measure = "Jugées" }').replace(
                '"Jugées" = "Tried"', '"Jugées" = ""'
            ),
            "t.toml, indicator x: `labels_en` entry 'Jugées' must be a text in quotes, not ''",
        ),
        (
            _MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }").replace('title_en = "x"', 'title_en = ""'),
            "t.toml, indicator x: `title_en` must be a text in quotes, not ''",
        ),
        (
            _MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }").replace('unit_en = "cases"\n', ""),
            "t.toml, indicator x: missing `unit_en`",
        ),
        (
            _MINIMAL.replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }").replace('topic_title_en = "T"\n', ""),
            "t.toml: missing `topic_title_en`",
        ),
    ],
)
def test_a_missing_english_string_is_refused(text, message):
    with pytest.raises(DefinitionError) as error:
        parse_definitions({"t.toml": text})
    assert message in str(error.value).splitlines()


@pytest.mark.parametrize(
    "observations,unit,message",
    [
        # par. 155 before the fix: a row of persons under an indicator of "cases"
        (
            '{ paragraph = 1, subject = "^affaires" }, { paragraph = 1, subject = "^personnes", unit = "persons" }',
            "cases",
            'its lines count different things (cases, persons): set the indicator\'s `unit = "count"`',
        ),
        (
            '{ paragraph = 1, subject = "^affaires", unit = "cases" }, { paragraph = 1, subject = "^personnes" }',
            "count",
            'observation 2: the indicator\'s unit is "count" (lines of different units): give this line its own `unit`',
        ),
        (
            '{ paragraph = 1, subject = "^affaires", unit = "affaires" }',
            "cases",
            "`unit` must be a count unit (count, persons",
        ),
    ],
)
def test_rows_that_count_different_things_each_name_their_unit(observations, unit, message):
    text = _MINIMAL.replace("{OBSERVATION}", observations).replace('unit = "cases"', f'unit = "{unit}"')
    with pytest.raises(DefinitionError, match=re.escape(message)):
        parse_definitions({"t.toml": text})


def test_a_mixed_indicator_gives_each_row_its_unit():
    text = _MINIMAL.replace('unit = "cases"', 'unit = "count"').replace(
        "{OBSERVATION}",
        '{ paragraph = 1, subject = "^affaires", unit = "cases" }, '
        '{ paragraph = 1, subject = "^personnes", unit = "persons" }',
    )
    definitions = parse_definitions({"t.toml": text})
    rows = build_indicators(definitions, build_report("1.\t" + _TEXT, "R"), "R").observations
    assert [(o.value, o.unit) for o in rows] == [(12, "cases"), (14, "persons")]


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            'chart = "time_series"',
            'chart = "time_series"\ndimensions = ["colour"]',
            "`dimensions` must be a list of dimension names",
        ),
        (
            "{OBSERVATION}",
            '{ paragraph = 1, period = "2022-23" }',
            "`period` must be a period as contract/periods.py writes it",
        ),
        (
            "{OBSERVATION}",
            '{ paragraph = 1, nth = 1, period_override = "fin 2025" }',
            "`period_override` must be a period",
        ),
        ('indicator_id = "x"', 'indicator_id = "../x"', "`indicator_id` must be an id of small letters, digits and _"),
        ('reports = ["R"]', "reports = []", "`reports` must be a list of report ids or document symbols"),
        ('topic = "t"', 'topic = "t"\ncolour = "red"', "t.toml: unknown keys ['colour']"),
    ],
)
def test_a_field_out_of_its_allowed_values_names_what_is_allowed(old, new, message):
    text = _MINIMAL.replace(old, new).replace("{OBSERVATION}", "{ paragraph = 1, nth = 1 }")
    with pytest.raises(DefinitionError, match=re.escape(message)):
        parse_definitions({"t.toml": text})


def test_every_problem_is_one_line_naming_its_place():
    text = _MINIMAL.replace('title_fr = "x"', "title_fr = 3").replace(
        "{OBSERVATION}", '{ paragraph = 1, nth = "2" }, { paragraph = 1, kind = "cout" }'
    )
    with pytest.raises(DefinitionError) as error:
        parse_definitions({"t.toml": text, "u.toml": "topic = "})
    assert str(error.value).splitlines() == [
        "t.toml, indicator x: `title_fr` must be a text in quotes, not 3",
        "t.toml, indicator x, observation 1: `nth` must be a whole number from 1, not '2'",
        "t.toml, indicator x, observation 2: `kind` must be one of count, percent, money, measure or a list of them, not 'cout'",
        "u.toml: not valid TOML (Invalid value (at end of document)); fix the definition file",
    ]


def test_a_bad_definition_file_gives_one_error_line_per_problem_on_the_command_line(tmp_path, capsys):
    folder = tmp_path / "indicators"
    folder.mkdir()
    (folder / "t.toml").write_text(
        _MINIMAL.replace('title_fr = "x"', "title_fr = 3").replace("{OBSERVATION}", '{ paragraph = 1, nth = "2" }'),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli.main(["--input", str(ROOT / "data" / "raw"), "--out", str(out), "--indicators", str(folder)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "error: t.toml, indicator x: `title_fr` must be a text in quotes, not 3",
        "error: t.toml, indicator x, observation 1: `nth` must be a whole number from 1, not '2'",
    ]
    assert not out.exists()


# --- one definition for every language version of a document -------------------------------------


def test_a_definition_may_name_the_document_symbol_instead_of_a_report():
    text = _MINIMAL.replace('reports = ["R"]', 'reports = ["CERD/C/XYZ/1"]').replace(
        "{OBSERVATION}", "{ paragraph = 1, nth = 1 }"
    )
    definitions = parse_definitions({"t.toml": text})
    for report_id in ("XYZ_fr", "XYZ_copy"):
        rows = build_indicators(
            definitions, build_report("1.\t" + _TEXT, report_id), report_id, symbol="CERD/C/XYZ/1"
        ).observations
        assert [(o.report_id, o.value) for o in rows] == [(report_id, 12)]
    assert (
        build_indicators(
            definitions, build_report("1.\t" + _TEXT, "XYZ_fr"), "XYZ_fr", symbol="CERD/C/XYZ/2"
        ).observations
        == []
    )
    assert build_indicators(definitions, build_report("1.\t" + _TEXT, "XYZ_fr"), "XYZ_fr").observations == []


def test_two_versions_of_the_report_sharing_its_symbol_both_get_the_indicators(tmp_path):
    """A second copy of the report under another report_id and the same symbol, definitions naming the symbol."""
    raw, folder, out = tmp_path / "raw", tmp_path / "indicators", tmp_path / "out"
    raw.mkdir()
    folder.mkdir()
    metadata = json.loads((ROOT / "data" / "raw" / f"{REPORT_ID}.json").read_text(encoding="utf-8"))
    for report_id in (REPORT_ID, "CERD_C_KAZ_11-14_copy"):
        (raw / f"{report_id}.txt").write_text(
            (ROOT / "data" / "raw" / f"{REPORT_ID}.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
        (raw / f"{report_id}.json").write_text(json.dumps({**metadata, "report_id": report_id}), encoding="utf-8")
    for name, text in DEFINITIONS.items():
        assert text.count(f'reports = ["{REPORT_ID}"]') == 1, name
        (folder / name).write_text(
            text.replace(f'reports = ["{REPORT_ID}"]', f'reports = ["{metadata["symbol"]}"]'), encoding="utf-8"
        )
    assert cli.main(["--input", str(raw), "--out", str(out), "--indicators", str(folder)]) == 0
    observations = stored_table(out, "observations")
    per_report = observations.groupby("report_id").size().to_dict()
    assert set(per_report) == {REPORT_ID, "CERD_C_KAZ_11-14_copy"} and len(set(per_report.values())) == 1
    checks = stored_table(out, "checks")
    assert (
        checks.groupby("report_id").size().to_dict()[REPORT_ID]
        == checks.groupby("report_id").size().to_dict()["CERD_C_KAZ_11-14_copy"]
    )


def test_a_paired_check_names_its_pair_in_each_language(tables):
    germans = next(c for c in tables.checks if c.check_id == "ethnic_shares[Allemands]")
    assert germans.description.endswith("— Germans") and germans.description_fr.endswith("— Allemands")
