"""Claims extracted from the real report: a table of sentences and the records they must give.

Spans are written with plain spaces; the report's no-break spaces are matched as spaces.
Rows that repeat a (paragraph, span) pair match the claims with that span in order.
"""

import math
from collections import defaultdict

import pytest

from contract.schema import CLAIM_KINDS as KINDS, QUALIFIERS, STATISTIC_KINDS


def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _find(claims_by_paragraph, paragraph, span, occurrence):
    matches = [c for c in claims_by_paragraph[paragraph] if _spaces(c.text) == span]
    assert len(matches) > occurrence, f"par. {paragraph}: no claim {span!r} (occurrence {occurrence + 1})"
    return matches[occurrence]


def _with_occurrence(rows):
    seen = defaultdict(int)
    out = []
    for row in rows:
        key = row[:2]
        out.append((*row, seen[key]))
        seen[key] += 1
    return out


# (paragraph, span as written, value, kind, unit, qualifier, period)
STATISTICS = [
    (58, "environ 20,3 millions", 20_300_000, "count", None, "approx", "2025-01-01"),
    (58, "14,4 millions", 14_400_000, "count", None, "exact", "2025-01-01"),
    (58, "71,2 %", 71.2, "percent", "%", "exact", "2025-01-01"),
    (58, "2,9 millions", 2_900_000, "count", None, "exact", "2025-01-01"),
    (58, "14,6 %", 14.6, "percent", "%", "exact", "2025-01-01"),
    (58, "678 400", 678_400, "count", None, "exact", "2025-01-01"),
    (58, "3,3 %", 3.3, "percent", "%", "exact", "2025-01-01"),
    (58, "371 800", 371_800, "count", None, "exact", "2025-01-01"),
    (58, "1,8 %", 1.8, "percent", "%", "exact", "2025-01-01"),
    (58, "305 600", 305_600, "count", None, "exact", "2025-01-01"),
    (58, "1,5 %", 1.5, "percent", "%", "exact", "2025-01-01"),
    (58, "218 900", 218_900, "count", None, "exact", "2025-01-01"),
    (58, "1,1 %", 1.1, "percent", "%", "exact", "2025-01-01"),
    (58, "223 200", 223_200, "count", None, "exact", "2025-01-01"),
    (58, "1,2 %", 1.2, "percent", "%", "exact", "2025-01-01"),
    (58, "155 300", 155_300, "count", None, "exact", "2025-01-01"),
    (58, "0,7 %", 0.7, "percent", "%", "exact", "2025-01-01"),
    (58, "120 600", 120_600, "count", None, "exact", "2025-01-01"),
    (58, "0,6 %", 0.6, "percent", "%", "exact", "2025-01-01"),
    (58, "91 700", 91_700, "count", None, "exact", "2025-01-01"),
    (58, "0,4 %", 0.4, "percent", "%", "exact", "2025-01-01"),
    (58, "86 000", 86_000, "count", None, "exact", "2025-01-01"),
    (58, "0,4 %", 0.4, "percent", "%", "exact", "2025-01-01"),
    (89, "plus de 14 900", 14_900, "count", None, "more_than", "2025-01/2025-04"),
    (89, "737 400", 737_400, "count", None, "exact", None),
    (89, "3,7 %", 3.7, "percent", "%", "exact", None),
    (89, "376 700", 376_700, "count", None, "exact", None),
    (89, "108 900", 108_900, "count", None, "exact", None),
    (89, "28,9 %", 28.9, "percent", "%", "exact", None),
    (91, "56,2 %", 56.2, "percent", "%", "exact", "2025-07-01"),
    (91, "39,1 %", 39.1, "percent", "%", "exact", "2025-07-01"),
    (91, "44,9 %", 44.9, "percent", "%", "exact", "2025-07-01"),
    (91, "34,4 %", 34.4, "percent", "%", "exact", "2025-07-01"),
    (107, "60,9 %", 60.9, "percent", "%", "exact", "2025-H1"),
    (107, "34,9 %", 34.9, "percent", "%", "exact", "2025-H1"),
    (107, "75,5 %", 75.5, "percent", "%", "exact", "2025-H1"),  # the survey of the sentence before
    (109, "Plus de 500", 500, "count", None, "more_than", "2023-2024"),
    (109, "Plus de 3 000", 3_000, "count", None, "more_than", "2023-2024"),
    (115, "Quarante", 40, "count", None, "exact", "2024-2025"),
    (120, "plus de 770", 770, "count", None, "more_than", "2022-2025"),
    (125, "plus de 2 500", 2_500, "count", None, "more_than", "2024"),
    (145, "plus d’un millier", 1_000, "count", None, "more_than", None),
    (151, "1 195", 1_195, "count", None, "exact", "2022-01/2025-08"),
    (151, "1 097", 1_097, "count", None, "exact", "2022-01/2025-08"),
    (155, "86", 86, "count", None, "exact", "2022-01/2025-06"),
    (
        155,
        "Quatre-vingt-huit",
        88,
        "count",
        None,
        "exact",
        "2022-01/2025-06",
    ),  # the total of the sentence before's period
    (155, "12", 12, "count", None, "exact", "2022"),
    (155, "12", 12, "count", None, "exact", "2022"),
    (155, "18", 18, "count", None, "exact", "2023"),
    (155, "20", 20, "count", None, "exact", "2023"),
    (155, "32", 32, "count", None, "exact", "2024"),
    (155, "30", 30, "count", None, "exact", "2024"),
    (155, "24", 24, "count", None, "exact", "2025-H1"),
    (155, "26", 26, "count", None, "exact", "2025-H1"),
    (156, "46", 46, "count", None, "exact", "2022"),
    (156, "84", 84, "count", None, "exact", "2023"),
    (156, "91", 91, "count", None, "exact", "2024"),
    (157, "39 %", 39, "percent", "%", "exact", "2024"),
    (157, "36", 36, "count", None, "exact", "2024"),
    (158, "46", 46, "count", None, "exact", "2022"),  # "De 2022 à 2024 … (de 46 à 91)": each end its year
    (158, "91", 91, "count", None, "exact", "2024"),
    (191, "221", 221, "count", None, "exact", "2022-2024"),
    (191, "Environ 40 %", 40, "percent", "%", "approx", None),
    (191, "quatre", 4, "count", None, "exact", "2022-2024"),
    (191, "1", 1, "count", None, "exact", "2022"),
    (191, "1", 1, "count", None, "exact", "2023"),
    (191, "2", 2, "count", None, "exact", "2024"),
    (191, "27", 27, "count", None, "exact", "2022"),
    (191, "23", 23, "count", None, "exact", "2023"),
    (191, "22", 22, "count", None, "exact", "2024"),
    (191, "Trente-huit", 38, "count", None, "exact", "2022"),
    (191, "60", 60, "count", None, "exact", "2023"),
    (191, "64", 64, "count", None, "exact", "2024"),
    (197, "plus de 3 200", 3_200, "count", None, "more_than", "2021-2025"),
    (197, "plus de 237 000", 237_000, "count", None, "more_than", "2021-2025"),
    (200, "plus de 230 millions de tenge", 230_000_000, "money", "KZT", "more_than", None),
    (201, "Plus de 30 milliards de tenge", 30_000_000_000, "money", "KZT", "more_than", None),
    (201, "128", 128, "count", None, "exact", None),
    (201, "20", 20, "count", None, "exact", None),
    (201, "92", 92, "count", None, "exact", None),
    (201, "112", 112, "count", None, "exact", None),
    (201, "86", 86, "count", None, "exact", None),
    (201, "plus de 500", 500, "count", None, "more_than", None),
    (220, "17 425", 17_425, "count", None, "exact", "2022"),
    (220, "1 029", 1_029, "count", None, "exact", "2022"),
    (220, "25 387", 25_387, "count", None, "exact", "2023"),
    (220, "1 930", 1_930, "count", None, "exact", "2023"),
    (220, "29 282", 29_282, "count", None, "exact", "2024"),
    (220, "3 272", 3_272, "count", None, "exact", "2024"),
    (225, "11 800", 11_800, "count", None, "exact", None),
    (225, "plus d’un million", 1_000_000, "count", None, "more_than", None),
    (225, "470 000", 470_000, "count", None, "exact", None),
    (225, "plus de 540 000", 540_000, "count", None, "more_than", None),
    (225, "93,1 %", 93.1, "percent", "%", "exact", None),
    (225, "95 %", 95, "percent", "%", "exact", None),
    (232, "au moins 10 000", 10_000, "count", None, "at_least", None),
    (232, "251", 251, "count", None, "exact", "2018/.."),
    (232, "62 000", 62_000, "count", None, "exact", "2018/.."),
    (232, "29", 29, "count", None, "exact", "2025"),
    (232, "plus de 10 000", 10_000, "count", None, "more_than", "2025"),
    (232, "2 656", 2_656, "count", None, "exact", "2025"),
    (235, "plus de 107 000", 107_000, "count", None, "more_than", "2024"),
    (235, "20 %", 20, "percent", "%", "exact", "2024-09"),
    (235, "jusqu’à 75 000 tenge", 75_000, "money", "KZT", "at_most", "2024-09"),
    (235, "200 %", 200, "percent", "%", "exact", "2029"),
    (236, "plus de 880 millions de dollars", 880_000_000, "money", "USD", "more_than", "2024-12-31"),
    (236, "60 tenge", 60, "money", "KZT", "exact", None),
    (236, "pouvant aller jusqu’à 7 %", 7, "percent", "%", "at_most", None),
    (236, "plus de 5 millions de tenge", 5_000_000, "money", "KZT", "more_than", None),
    (241, "Quatre-vingt-dix pour cent", 90, "percent", "%", "exact", None),
    (241, "85 %", 85, "percent", "%", "exact", None),
    (241, "508", 508, "count", None, "exact", None),
    (241, "121", 121, "count", None, "exact", None),
    (247, "plus de 14 000", 14_000, "count", None, "more_than", "2024"),
    (249, "6 909", 6_909, "count", None, "exact", "2022/23"),
    (249, "6 957", 6_957, "count", None, "exact", "2020"),
    (249, "6 941", 6_941, "count", None, "exact", "2021"),
    (249, "3 743", 3_743, "count", None, "exact", "2022/23"),
    (249, "54,2 %", 54.2, "percent", "%", "exact", "2022/23"),
    (249, "1 055", 1_055, "count", None, "exact", "2022/23"),
    (249, "15,3 %", 15.3, "percent", "%", "exact", "2022/23"),
    (249, "2 106", 2_106, "count", None, "exact", "2022/23"),
    (249, "30,5 %", 30.5, "percent", "%", "exact", "2022/23"),
    (249, "5", 5, "count", None, "exact", "2022/23"),
    (249, "0,07 %", 0.07, "percent", "%", "exact", "2022/23"),
    (249, "3 484 139", 3_484_139, "count", None, "exact", "2022/23"),
    (249, "2 307 960", 2_307_960, "count", None, "exact", "2022/23"),
    (249, "66,2 %", 66.2, "percent", "%", "exact", "2022/23"),
    (249, "1 077 915", 1_077_915, "count", None, "exact", "2022/23"),
    (249, "31,0 %", 31, "percent", "%", "exact", "2022/23"),
    (249, "98 264", 98_264, "count", None, "exact", "2022/23"),
    (249, "2,8 %", 2.8, "percent", "%", "exact", "2022/23"),
    (249, "3 368 702", 3_368_702, "count", None, "exact", "2020/21"),
    (249, "2 223 455", 2_223_455, "count", None, "exact", "2020/21"),
    (249, "66 %", 66, "percent", "%", "exact", "2020/21"),
    (249, "1 041 909", 1_041_909, "count", None, "exact", "2020/21"),
    (249, "30,9 %", 30.9, "percent", "%", "exact", "2020/21"),
    (249, "103 338", 103_338, "count", None, "exact", "2020/21"),
    (249, "3,1 %", 3.1, "percent", "%", "exact", "2020/21"),
    (259, "environ 4 400", 4_400, "count", None, "approx", None),
    (259, "moins de 0,03 %", 0.03, "percent", "%", "less_than", None),
    (266, "321", 321, "count", None, "exact", None),
    (267, "326", 326, "count", None, "exact", "2023-2024"),
    (267, "194", 194, "count", None, "exact", "2023-2024"),
    (267, "plus de 5,5 millions de tenge", 5_500_000, "money", "KZT", "more_than", "2023-2024"),
    (268, "929", 929, "count", None, "exact", "2022-2024"),
    (280, "37", 37, "count", None, "exact", "2022-2025"),
    (280, "34", 34, "count", None, "exact", "2022-2025"),
    (280, "2", 2, "count", None, "exact", "2022-2025"),
    (280, "1", 1, "count", None, "exact", "2022-2025"),
    (289, "8 822", 8_822, "count", None, "exact", "2020-09/2022-05"),
    (289, "5 618", 5_618, "count", None, "exact", "2020-09/2022-05"),
    (289, "3 204", 3_204, "count", None, "exact", "2020-09/2022-05"),
    (290, "835", 835, "count", None, "exact", "2024-H2"),
    (290, "715", 715, "count", None, "exact", "2024-H2"),
    (290, "90", 90, "count", None, "exact", "2024-H2"),
    (290, "35", 35, "count", None, "exact", "2024-H2"),
    (291, "29 449", 29_449, "count", None, "exact", "2022-01/2025-08"),
    (291, "1 154", 1_154, "count", None, "exact", "2022-01/2025-08"),
    (298, "plus de 30 000", 30_000, "count", None, "more_than", "2014/.."),
    (298, "la moitié", 50, "percent", "%", "exact", "2014/.."),
    (301, "quelque 7 000", 7_000, "count", None, "approx", "2025-09-01"),
    (303, "plus de 7 000", 7_000, "count", None, "more_than", None),
    (303, "1 655", 1_655, "count", None, "exact", "2020"),
    (303, "1 808", 1_808, "count", None, "exact", "2021"),
    (303, "1 374", 1_374, "count", None, "exact", "2022"),
    (303, "1 542", 1_542, "count", None, "exact", "2023"),
    (303, "676", 676, "count", None, "exact", "2024"),
    (303, "396", 396, "count", None, "exact", "2025-01/2025-08"),
    (304, "cinq ans", 5, "measure", "years", "exact", None),
    (304, "quelque 10 000", 10_000, "count", None, "approx", None),
    (317, "78", 78, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "54", 54, "count", None, "exact", "2025"),
    (326, "quelque 10 000", 10_000, "count", None, "approx", "2022-01/2025-06"),
    (328, "une centaine", 100, "count", None, "approx", "2016-2024"),
    (328, "plus de 3 000", 3_000, "count", None, "more_than", "2016-2024"),
    (342, "plus de 1,6 million", 1_600_000, "count", None, "more_than", None),
    (342, "dépassait 95 %", 95, "percent", "%", "more_than", "2022-2023"),
    (380, "2 300", 2_300, "count", None, "exact", "2021"),
    (380, "6 748", 6_748, "count", None, "exact", "2024"),
    (380, "+193 %", 193, "percent", "%", "exact", "2021-2024"),  # growth from 2021 to 2024
    (418, "moins de 0,01 %", 0.01, "percent", "%", "less_than", "2021"),
]


@pytest.mark.parametrize("paragraph,span,value,kind,unit,qualifier,period,occurrence", _with_occurrence(STATISTICS))
def test_statistic_claims_of_the_report(
    claims_by_paragraph, paragraph, span, value, kind, unit, qualifier, period, occurrence
):
    claim = _find(claims_by_paragraph, paragraph, span, occurrence)
    assert (claim.value, claim.kind, claim.unit, claim.qualifier, claim.period) == (
        pytest.approx(value),
        kind,
        unit,
        qualifier,
        period,
    )


def test_the_table_covers_the_whole_report():
    assert len(STATISTICS) >= 80
    assert len({row[0] for row in STATISTICS}) >= 30


# Numbers that are not statistics: (paragraph, span, kind, value or None for no single value)
NOT_STATISTICS = [
    (1, "322-I", "reference", None),  # loi no 322-I
    (1, "26 août 1998", "date", None),
    (2, "9", "reference", 9),  # l'article 9 de la Convention
    (2, "CERD/C/2007/1", "reference", None),
    (2, "CERD/C/KAZ/CO/8-10", "reference", None),
    (2, "4 juillet 2022", "date", None),
    (2, "onzième", "ordinal", 11),
    (2, "quatorzième", "ordinal", 14),
    (4, "611", "reference", 611),  # décret présidentiel no 611
    (4, "30 juillet 2024", "date", None),
    (5, "16", "reference", 16),  # par. 16, 22, 28 et 42
    (5, "22", "reference", 22),
    (5, "28", "reference", 28),
    (5, "42", "reference", 42),
    (6, "XII", "reference", 12),  # voir sect. XII
    (7, "25 septembre 2025", "date", None),
    (7, "54", "reference", 54),
    (8, "janvier 2019", "date", None),
    (8, "68/268", "reference", None),  # résolution 68/268
    (8, "2006", "year", 2006),
    (8, "cinquième", "ordinal", 5),
    (11, "14", "reference", 14),
    (34, "1014", "reference", 1014),
    (35, "XXXIVe", "ordinal", 34),
    (37, "157-VIII", "reference", None),
    (38, "1er", "reference", 1),  # articles 1er (par. 2) et 5
    (38, "5", "reference", 5),
    (59, "1", "reference", 1),  # annexes 1 et 2
    (59, "2", "reference", 2),
    (76, "24", "reference", 24),  # point 24 du plan d'action
    (76, "409", "reference", 409),
    (76, "120-NK", "reference", None),  # arrêté no 120-NK
    (96, "145", "reference", 145),  # art. 145 et 174
    (96, "174", "reference", 174),
    (97, "15-1", "reference", None),
    (105, "4", "reference", 4),  # annexe 4
    (156, "174", "reference", 174),
    (156, "5", "reference", 5),  # voir annexe 5
    (182, "20-NQ", "reference", None),
    (190, "6.1", "reference", None),  # voir par. 6.1
    (214, "24", "reference", 24),  # la chaîne 24 KZ
    (244, "3-1", "reference", None),
    (249, "2022/23", "year", 2022),
    (249, "2020", "year", 2020),
    (274, "1951", "year", 1951),  # Convention de 1951
    (324, "6001-16-3-1-7/36", "reference", None),
    (341, "119Kenesbot", "reference", None),
    (345, "350-VI", "reference", None),
    (361, "6e", "ordinal", 6),
    (416, "68/237", "reference", None),  # résolution 68/237
    (416, "69/16", "reference", None),
    (416, "2015", "year", 2015),
    # "au cours des trois dernières années" places a statistic in time, it is none itself
    (220, "trois dernières années", "date", 3),
    (303, "cinq dernières années", "date", 5),
]


# The terms of legal provisions — penalties, fines, time limits, ages — are no statistics:
# (paragraph, span, value, unit, qualifier)
PROVISIONS = [
    (151, "jusqu’à 18 ans", 18, "years", "at_most"),  # children (up to 18)
    (154, "pouvant aller jusqu’à 7 000 tenge", 7_000, "KZT", "at_most"),  # a fine
    (191, "trois", 3, "years", "exact"),  # (trois à sept ans d'emprisonnement)
    (191, "sept ans", 7, "years", "exact"),
    (191, "pouvant aller jusqu’à 2 000 tenge", 2_000, "KZT", "at_most"),
    (191, "pouvant aller jusqu’à deux ans", 2, "years", "at_most"),
    (225, "2", 2, "years", "exact"),  # enfants âgés de 2 à 6 ans
    (225, "6 ans", 6, "years", "exact"),
    (278, "trois mois", 3, "months", "exact"),  # dans un délai de trois mois, voire d'un an
    (278, "un an", 1, "years", "exact"),
    (282, "vingt-quatre heures", 24, "hours", "exact"),
    (286, "un an", 1, "years", "exact"),  # accordé pour un an
    (286, "au moins trois ans", 3, "years", "at_least"),
    (291, "moins de 18 ans", 18, "years", "less_than"),
    (292, "trente jours", 30, "days", "exact"),
    (295, "moins de 14 ans", 14, "years", "less_than"),
]


@pytest.mark.parametrize("paragraph,span,value,unit,qualifier", PROVISIONS)
def test_legal_provisions_are_kept_apart_from_statistics(claims_by_paragraph, paragraph, span, value, unit, qualifier):
    claim = _find(claims_by_paragraph, paragraph, span, 0)
    assert (claim.kind, claim.value, claim.unit, claim.qualifier, claim.period) == (
        "provision",
        value,
        unit,
        qualifier,
        None,
    )


def test_no_provision_is_counted_as_a_statistic(claims_by_paragraph):
    provisions = {(p, span) for p, span, *_ in PROVISIONS}
    stats = {(n, _spaces(c.text)) for n, cs in claims_by_paragraph.items() for c in cs if c.kind in STATISTIC_KINDS}
    assert not provisions & stats
    assert sum(c.kind == "provision" for cs in claims_by_paragraph.values() for c in cs) == len(PROVISIONS)


# Periods from the neighbouring sentence, each end of a range its year, a growth rate
# its span, subjects that read on their own. (paragraph, span, occurrence, period, subject)
SHARPER = [
    (107, "75,5 %", 0, "2025-H1", "personnes interrogées (n’ont noté aucune violation)"),
    (158, "46", 0, "2022", "affaires pénales enregistrées"),
    (158, "91", 0, "2024", "affaires pénales enregistrées"),
    (216, "Trente", 0, "2025", "représentants d’organismes publics"),
    (226, "195", 0, "2025/..", "jardins d’enfants"),
    (226, "14 800", 0, "2025/..", "places (jardins d’enfants)"),
    (226, "plus de 49 000", 0, "2025-12-31", "places supplémentaires (jardins d’enfants)"),
    (239, "98 %", 0, None, "établissements (équipés de tourniquets)"),
    (239, "97 %", 0, None, "établissements (agents de sécurité agréés)"),
    (239, "96 %", 0, None, "établissements (boutons d’alarme)"),
    (239, "81 %", 0, None, "établissements (connectés aux centres opérationnels de la police)"),
    (249, "3 743", 0, "2022/23", "établissements d’enseignement général (dispensaient un enseignement en kazakh)"),
    (249, "1 055", 0, "2022/23", "établissements d’enseignement général (en russe)"),
    (249, "15,3 %", 0, "2022/23", "établissements d’enseignement général (en russe)"),
    (249, "2 307 960", 0, "2022/23", "élèves (suivaient un enseignement en kazakh)"),
    (249, "1 077 915", 0, "2022/23", "élèves (en russe)"),
    (249, "31,0 %", 0, "2022/23", "élèves (en russe)"),
    (249, "98 264", 0, "2022/23", "élèves (dans d’autres langues)"),
    (249, "1 041 909", 0, "2020/21", "enfants (en russe)"),
    (350, "0,4 %", 0, "2022", "membres d’autres groupes ethniques"),
    (350, "plus de 80 %", 0, "2022", "part de la population"),
    (350, "90 %", 0, "2022", "part de la population"),
    (380, "2 300", 0, "2021", "plaintes adressées au Commissaire"),
    (380, "6 748", 0, "2024", "plaintes adressées au Commissaire"),
    (380, "+193 %", 0, "2021-2024", "plaintes adressées au Commissaire"),
    (410, "Plus de 2 000", 0, "2024-2025", "formations (organisées dans les écoles)"),
    (410, "Plus de 10 000", 0, "2024-2025", "documents d’information (produits)"),
    (410, "15", 0, "2024-2025", "documentaires"),
    (410, "six", 0, "2024-2025", "vidéos"),
]


@pytest.mark.parametrize("paragraph,span,occurrence,period,subject", SHARPER)
def test_periods_and_subjects_read_from_the_whole_paragraph(
    claims_by_paragraph, paragraph, span, occurrence, period, subject
):
    claim = _find(claims_by_paragraph, paragraph, span, occurrence)
    assert (claim.period, claim.subject) == (period, subject)


@pytest.mark.parametrize("paragraph,span,kind,value", NOT_STATISTICS)
def test_extract_claims_keeps_reference_numbers_out_of_counts(claims_by_paragraph, paragraph, span, kind, value):
    claim = _find(claims_by_paragraph, paragraph, span, 0)
    assert claim.kind == kind
    assert math.isnan(claim.value) if value is None else claim.value == value


def test_every_claim_span_is_where_it_says(paragraphs, claims_by_paragraph):
    for p in paragraphs:
        for claim in claims_by_paragraph[p.paragraph]:
            assert p.text[claim.start : claim.end] == claim.text
            assert claim.sentence in p.text and claim.text in claim.sentence


def test_claims_use_the_guide_vocabularies(claims_by_paragraph):
    claims = [c for cs in claims_by_paragraph.values() for c in cs]
    assert {c.kind for c in claims} <= set(KINDS)
    assert {c.qualifier for c in claims} <= set(QUALIFIERS)
    assert all(not math.isnan(c.value) for c in claims if c.kind in STATISTIC_KINDS)


def test_no_year_article_or_symbol_is_counted(claims_by_paragraph):
    counts = [c for cs in claims_by_paragraph.values() for c in cs if c.kind in STATISTIC_KINDS]
    assert not [
        c.text
        for c in counts
        if "/" in c.text or ("-" in c.text.replace("Quatre-vingt", "") and any(ch.isdigit() for ch in c.text))
    ]
    assert not [c.text for c in counts if c.unit is None and c.text.isdigit() and 1990 <= int(c.text) <= 2030]


def test_report_yields_a_statistic_in_most_numeric_paragraphs(claims_by_paragraph):
    with_statistics = [n for n, cs in claims_by_paragraph.items() if any(c.kind in STATISTIC_KINDS for c in cs)]
    assert len(with_statistics) >= 100
