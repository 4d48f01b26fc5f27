"""Spanish: the reader of UN Spanish documents, on a Spanish version of 42 paragraphs of the
report (tests/data/CERD_C_KAZ_11-14_es.txt, translated for the tests with the report's numbers
in Spanish formats: "2.963.800" and "3 484 139", decimal comma) and on sentences in its style."""

import math
import re
from pathlib import Path

import pytest

from contract.schema import STATISTIC_KINDS
from etl.claims import extract_claims
from etl.lang.detect import detect_language
from etl.numbers import parse_number, parse_range
from etl.segment import segment

TEXT = (Path(__file__).parent / "data" / "CERD_C_KAZ_11-14_es.txt").read_text(encoding="utf-8")
PARAGRAPHS = segment(TEXT)
CLAIMS = {p.paragraph: extract_claims(p.text, "es") for p in PARAGRAPHS}


def statistics(sentence):
    return [
        (c.text, c.value, c.kind, c.qualifier, c.period)
        for c in extract_claims(sentence, "es")
        if c.kind in STATISTIC_KINDS
    ]


def _find(paragraph, span, occurrence=0):
    matches = [c for c in CLAIMS[paragraph] if c.text.replace("\u00a0", " ") == span]
    assert len(matches) > occurrence, f"par. {paragraph}: no claim {span!r} (occurrence {occurrence + 1})"
    return matches[occurrence]


def _with_occurrence(rows):
    seen: dict = {}
    for row in rows:
        seen[row[:2]] = seen.get(row[:2], -1) + 1
        yield (*row, seen[row[:2]])


# The three sentences an English report was misread on when it was read with the French rules, in Spanish.
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Más de 14.900 personas apátridas", [("Más de 14.900", 14_900, "count", "more_than", None)]),
        (
            "Rusos 14,6 por ciento (2.963.800 personas)",
            [("14,6 por ciento", 14.6, "percent", "exact", None), ("2.963.800", 2_963_800, "count", "exact", None)],
        ),
        ("La población era de 20,3 millones", [("20,3 millones", 20_300_000, "count", "exact", None)]),
    ],
)
def test_the_three_sentences_once_misread_in_spanish(sentence, expected):
    assert statistics(sentence) == expected


@pytest.mark.parametrize(
    "span,expected",
    [
        ("14.900", 14_900),
        ("2.963.800", 2_963_800),
        ("2 963 800", 2_963_800),  # UN documents print spaces
        ("3\u00a0484\u00a0139", 3_484_139),
        ("1.234,5", 1_234.5),
        ("1 234,5", 1_234.5),
        ("20,3 millones", 20_300_000),
        ("un millón", 1_000_000),
        ("30.000 millones", 30_000_000_000),
        ("dos mil millones", 2_000_000_000),  # "mil millones" is 10^9
        ("un billón", 1_000_000_000_000),
        ("14,6 por ciento", 14.6),
        ("0,07 %", 0.07),
        ("-3,2 %", -3.2),
        ("Ochenta y ocho", 88),
        ("treinta y dos", 32),
        ("ciento veintitrés", 123),
        ("más de un millar", 1_000),
        ("una docena", 12),
        ("media docena", 6),
        ("la mitad", 0.5),
        ("dos tercios", 2 / 3),
        ("decimocuarto", 14),
        ("dos coma cinco", 2.5),
        ("unos 4 400", 4_400),
    ],
)
def test_parse_spanish_number(span, expected):
    assert parse_number(span, "es") == pytest.approx(expected)


@pytest.mark.parametrize(
    "span,expected",
    [
        ("2 a 4 %", (2, 4)),
        ("de tres a siete años", (3, 7)),
        ("entre 2 y 6 años", (2, 6)),
    ],
)
def test_parse_spanish_range(span, expected):
    assert parse_range(span, "es") == expected


@pytest.mark.parametrize(
    "sentence,qualifier",
    [
        ("más de 14.900 personas", "more_than"),
        ("más del 80 % de la población", "more_than"),
        ("al menos 50 periodistas", "at_least"),
        ("al menos el 30 % de las mujeres", "at_least"),
        ("unos 4 400 romaníes", "approx"),
        ("cerca de 300 escuelas", "approx"),
        ("alrededor del 40 % de los procesos", "approx"),
        ("hasta 7.000 tenge", "at_most"),
        ("menos de 10 causas", "less_than"),
        ("menos del 0,03 % de la población", "less_than"),
        ("la satisfacción superaba el 95 %", "more_than"),
    ],
)
def test_spanish_qualifiers(sentence, qualifier):
    (claim,) = statistics(sentence)
    assert claim[3] == qualifier


@pytest.mark.parametrize(
    "sentence,periods",
    [
        ("En 2022 se juzgaron 12 causas; en 2023 se juzgaron 18 causas.", ["2022", "2023"]),
        ("De 2022 a 2024 se registraron 221 procesos penales.", ["2022-2024"]),
        ("Entre 2020 y 2022 se abrieron 35 escuelas.", ["2020-2022"]),
        ("Durante los seis primeros meses de 2025 se juzgaron 24 causas.", ["2025-H1"]),
        ("En los primeros seis meses de 2025 se juzgaron 24 causas.", ["2025-H1"]),
        ("Al 1 de julio de 2025, unas 7.000 personas apátridas vivían en Kazajstán.", ["2025-07-01"]),
        ("En el año escolar 2022/23 había 6.909 escuelas.", ["2022/23"]),
        ("Desde 2014 se ha identificado a más de 30.000 personas.", ["2014/.."]),
        ("En julio de 2025 se celebraron 15 seminarios.", ["2025-07"]),
        ("De julio a diciembre de 2024 se identificó a 835 personas.", ["2024-H2"]),
        ("A finales de 2024 se habían ingresado más de 880 millones de dólares.", ["2024-12-31"]),
        # the date of a law is not the period of what it sets
        ("La Ley núm. 349-VI, de 26 de junio de 2020, creó 12 comisiones.", [None]),
    ],
)
def test_spanish_periods(sentence, periods):
    assert [c[4] for c in statistics(sentence)] == periods


# (paragraph, span as written, value, kind, unit, qualifier, period): every statistic of the
# Spanish version; the French report's reading of the same paragraphs (tests/test_report_claims.py).
STATISTICS = [
    (58, "unos 20,3 millones", 20_300_000, "count", None, "approx", "2025-01-01"),
    (58, "14,4 millones", 14_400_000, "count", None, "exact", "2025-01-01"),
    (58, "71,2 %", 71.2, "percent", "%", "exact", "2025-01-01"),
    (58, "2,9 millones", 2_900_000, "count", None, "exact", "2025-01-01"),
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
    (88, "2 %", 2, "percent", "%", "exact", None),
    (88, "4 %", 4, "percent", "%", "exact", None),
    (89, "más de 14.900", 14_900, "count", None, "more_than", "2025-01/2025-04"),
    (89, "737.400", 737_400, "count", None, "exact", None),
    (89, "3,7 %", 3.7, "percent", "%", "exact", None),
    (89, "376.700", 376_700, "count", None, "exact", None),
    (89, "108.900", 108_900, "count", None, "exact", None),
    (89, "28,9 %", 28.9, "percent", "%", "exact", None),
    (91, "56,2 %", 56.2, "percent", "%", "exact", "2025-07-01"),
    (91, "39,1 %", 39.1, "percent", "%", "exact", "2025-07-01"),
    (91, "44,9 %", 44.9, "percent", "%", "exact", "2025-07-01"),
    (91, "34,4 %", 34.4, "percent", "%", "exact", "2025-07-01"),
    (92, "al menos el 30 %", 30, "percent", "%", "at_least", None),
    (92, "43,4 %", 43.4, "percent", "%", "exact", "2022"),
    (107, "60,9 %", 60.9, "percent", "%", "exact", "2025-H1"),
    (107, "34,9 %", 34.9, "percent", "%", "exact", "2025-H1"),
    (107, "75,5 %", 75.5, "percent", "%", "exact", "2025-H1"),
    (109, "más de 500", 500, "count", None, "more_than", "2023-2024"),
    (109, "más de 3.000", 3000, "count", None, "more_than", "2023-2024"),
    (151, "1.195", 1195, "count", None, "exact", "2022-01/2025-08"),
    (151, "1.097", 1097, "count", None, "exact", "2022-01/2025-08"),
    (155, "86", 86, "count", None, "exact", "2022-01/2025-06"),
    (155, "Ochenta y ocho", 88, "count", None, "exact", "2022-01/2025-06"),
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
    (158, "46", 46, "count", None, "exact", "2022"),
    (158, "91", 91, "count", None, "exact", "2024"),
    (191, "221", 221, "count", None, "exact", "2022-2024"),
    (191, "Alrededor del 40 %", 40, "percent", "%", "approx", None),
    (191, "cuatro", 4, "count", None, "exact", "2022-2024"),
    (191, "1", 1, "count", None, "exact", "2022"),
    (191, "1", 1, "count", None, "exact", "2023"),
    (191, "2", 2, "count", None, "exact", "2024"),
    (191, "27", 27, "count", None, "exact", "2022"),
    (191, "23", 23, "count", None, "exact", "2023"),
    (191, "22", 22, "count", None, "exact", "2024"),
    (191, "treinta y ocho", 38, "count", None, "exact", "2022"),
    (191, "60", 60, "count", None, "exact", "2023"),
    (191, "64", 64, "count", None, "exact", "2024"),
    (197, "más de 3.200", 3200, "count", None, "more_than", "2021-2025"),
    (197, "más de 237.000", 237_000, "count", None, "more_than", "2021-2025"),
    (201, "más de 30.000 millones de tenge", 30_000_000_000, "money", "KZT", "more_than", None),
    (201, "128", 128, "count", None, "exact", None),
    (201, "20", 20, "count", None, "exact", None),
    (201, "92", 92, "count", None, "exact", None),
    (201, "112", 112, "count", None, "exact", None),
    (201, "86", 86, "count", None, "exact", None),
    (201, "más de 500", 500, "count", None, "more_than", None),
    (216, "treinta", 30, "count", None, "exact", "2025"),
    (220, "17.425", 17_425, "count", None, "exact", "2022"),
    (220, "1.029", 1029, "count", None, "exact", "2022"),
    (220, "25.387", 25_387, "count", None, "exact", "2023"),
    (220, "1.930", 1930, "count", None, "exact", "2023"),
    (220, "29.282", 29_282, "count", None, "exact", "2024"),
    (220, "3.272", 3272, "count", None, "exact", "2024"),
    (225, "11.800", 11_800, "count", None, "exact", None),
    (225, "más de un millón", 1_000_000, "count", None, "more_than", None),
    (225, "470.000", 470_000, "count", None, "exact", None),
    (225, "más de 540.000", 540_000, "count", None, "more_than", None),
    (225, "93,1 %", 93.1, "percent", "%", "exact", None),
    (225, "95 %", 95, "percent", "%", "exact", None),
    (226, "195", 195, "count", None, "exact", "2025/.."),
    (226, "14.800", 14_800, "count", None, "exact", "2025/.."),
    (226, "más de 49.000", 49_000, "count", None, "more_than", "2025-12-31"),
    (232, "al menos 10.000", 10_000, "count", None, "at_least", None),
    (232, "251", 251, "count", None, "exact", "2018/.."),
    (232, "62.000", 62_000, "count", None, "exact", "2018/.."),
    (232, "29", 29, "count", None, "exact", "2025"),
    (232, "más de 10.000", 10_000, "count", None, "more_than", "2025"),
    (232, "2.656", 2656, "count", None, "exact", "2025"),
    (236, "más de 880 millones de dólares", 880_000_000, "money", "USD", "more_than", "2024-12-31"),
    (236, "60 tenge", 60, "money", "KZT", "exact", None),
    (236, "de hasta el 7 %", 7, "percent", "%", "at_most", None),
    (236, "más de 5 millones de tenge", 5_000_000, "money", "KZT", "more_than", None),
    (239, "303", 303, "count", None, "exact", None),
    (239, "896", 896, "count", None, "exact", None),
    (239, "98 %", 98, "percent", "%", "exact", None),
    (239, "97 %", 97, "percent", "%", "exact", None),
    (239, "96 %", 96, "percent", "%", "exact", None),
    (239, "81 %", 81, "percent", "%", "exact", None),
    (249, "6 909", 6909, "count", None, "exact", "2022/23"),
    (249, "6 957", 6957, "count", None, "exact", "2020"),
    (249, "6 941", 6941, "count", None, "exact", "2021"),
    (249, "3 743", 3743, "count", None, "exact", "2022/23"),
    (249, "54,2 %", 54.2, "percent", "%", "exact", "2022/23"),
    (249, "1 055", 1055, "count", None, "exact", "2022/23"),
    (249, "15,3 %", 15.3, "percent", "%", "exact", "2022/23"),
    (249, "2 106", 2106, "count", None, "exact", "2022/23"),
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
    (259, "unos 4 400", 4400, "count", None, "approx", None),
    (259, "menos del 0,03 %", 0.03, "percent", "%", "less_than", None),
    (267, "326", 326, "count", None, "exact", "2023-2024"),
    (267, "194", 194, "count", None, "exact", "2023-2024"),
    (267, "más de 5,5 millones de tenge", 5_500_000, "money", "KZT", "more_than", "2023-2024"),
    (289, "8.822", 8822, "count", None, "exact", "2020-09/2022-05"),
    (289, "5.618", 5618, "count", None, "exact", "2020-09/2022-05"),
    (289, "3.204", 3204, "count", None, "exact", "2020-09/2022-05"),
    (290, "835", 835, "count", None, "exact", "2024-H2"),
    (290, "715", 715, "count", None, "exact", "2024-H2"),
    (290, "90", 90, "count", None, "exact", "2024-H2"),
    (290, "35", 35, "count", None, "exact", "2024-H2"),
    (291, "29.449", 29_449, "count", None, "exact", "2022-01/2025-08"),
    (291, "1.154", 1154, "count", None, "exact", "2022-01/2025-08"),
    (298, "más de 30.000", 30_000, "count", None, "more_than", "2014/.."),
    (298, "la mitad", 50, "percent", "%", "exact", "2014/.."),
    (301, "unos 7.000", 7000, "count", None, "approx", "2025-09-01"),
    (303, "más de 7.000", 7000, "count", None, "more_than", None),
    (303, "1.655", 1655, "count", None, "exact", "2020"),
    (303, "1.808", 1808, "count", None, "exact", "2021"),
    (303, "1.374", 1374, "count", None, "exact", "2022"),
    (303, "1.542", 1542, "count", None, "exact", "2023"),
    (303, "676", 676, "count", None, "exact", "2024"),
    (303, "396", 396, "count", None, "exact", "2025-01/2025-08"),
    (317, "78", 78, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "54", 54, "count", None, "exact", "2025"),
    (342, "más de 1,6 millones", 1_600_000, "count", None, "more_than", None),
    (342, "superaba el 95 %", 95, "percent", "%", "more_than", "2022-2023"),
    (350, "0,4 %", 0.4, "percent", "%", "exact", "2022"),
    (350, "1 %", 1, "percent", "%", "exact", "2020"),
    (350, "1,2 %", 1.2, "percent", "%", "exact", "2021"),
    (350, "más del 80 %", 80, "percent", "%", "more_than", "2022"),
    (350, "90 %", 90, "percent", "%", "exact", "2022"),
    (350, "más del 80 %", 80, "percent", "%", "more_than", "2022"),
    (380, "2.300", 2300, "count", None, "exact", "2021"),
    (380, "6.748", 6748, "count", None, "exact", "2024"),
    (380, "+193 %", 193, "percent", "%", "exact", "2021-2024"),
    (410, "más de 2.000", 2000, "count", None, "more_than", "2024-2025"),
    (410, "más de 10.000", 10_000, "count", None, "more_than", "2024-2025"),
    (410, "15", 15, "count", None, "exact", "2024-2025"),
    (410, "seis", 6, "count", None, "exact", "2024-2025"),
]


@pytest.mark.parametrize(
    "paragraph,span,value,kind,unit,qualifier,period,occurrence", list(_with_occurrence(STATISTICS))
)
def test_statistics_of_the_spanish_version(paragraph, span, value, kind, unit, qualifier, period, occurrence):
    claim = _find(paragraph, span, occurrence)
    assert (claim.value, claim.kind, claim.unit, claim.qualifier, claim.period) == (
        pytest.approx(value),
        kind,
        unit,
        qualifier,
        period,
    )


def test_the_table_holds_every_statistic_of_the_spanish_version():
    found = [c for cs in CLAIMS.values() for c in cs if c.kind in STATISTIC_KINDS]
    assert len(STATISTICS) == len(found) >= 80


# Numbers that are not statistics: (paragraph or sentence, span, kind, value or None)
NOT_STATISTICS = [
    (7, "25 de septiembre de 2025", "date", None),
    (7, "CERD/C/KAZ/CO/8-10", "reference", None),
    (7, "54", "reference", 54),  # párr. 54
    (91, "1 de julio de 2025", "date", None),
    (154, "174", "reference", 174),  # el artículo 174 del Código Penal
    (154, "349-VI", "reference", None),  # la Ley núm. 349-VI
    (154, "26 de junio de 2020", "date", None),
    (156, "5", "reference", 5),  # véase el anexo 5
    (191, "14", "reference", 14),  # arts. 14 y 20
    (191, "20", "reference", 20),
    (191, "404", "reference", 404),
    (191, "489", "reference", 489),
    (220, "tres últimos años", "date", 3),
    (249, "2022/23", "year", 2022),
    (249, "2020/21", "year", 2020),
    (278, "118", "reference", 118),  # Orden núm. 118
    (278, "7 de abril de 2022", "date", None),
    (289, "septiembre de 2020", "date", None),
    (290, "diciembre de 2024", "date", None),
    (292, "607", "reference", 607),
    (298, "8 de noviembre de 2024", "date", None),
    (303, "cinco años", "date", 5),
    (317, "116", "reference", 116),
    (317, "309", "reference", 309),
    (317, "262", "reference", 262),
    (342, "2022", "year", 2022),
    (380, "2021", "year", 2021),
    ("los informes periódicos 11º a 14º combinados", "11º", "ordinal", 11),
    ("los informes periódicos 11.º a 14.º combinados", "14.º", "ordinal", 14),
    ("el decimocuarto informe periódico", "decimocuarto", "ordinal", 14),
    ("el segundo informe periódico", "segundo", "ordinal", 2),
    ("véase la sección XII", "XII", "reference", 12),
    ("la resolución 68/237 de la Asamblea General", "68/237", "reference", None),
    ("los párrafos 16, 22, 28 y 42 de las observaciones finales", "42", "reference", 42),
    ("el Decreto Presidencial núm. 611, de 30 de julio de 2024", "611", "reference", 611),
    ("la Convención de 1951 sobre el Estatuto de los Refugiados", "1951", "year", 1951),
    ("el canal 24 KZ", "24", "reference", 24),
]


@pytest.mark.parametrize("where,span,kind,value", NOT_STATISTICS)
def test_spanish_numbers_that_are_not_statistics(where, span, kind, value):
    claims = CLAIMS[where] if isinstance(where, int) else extract_claims(where, "es")
    claim = next(c for c in claims if c.text.replace("\u00a0", " ") == span)
    assert claim.kind == kind
    assert math.isnan(claim.value) if value is None else claim.value == value


def test_the_non_statistics_table_is_long_enough():
    assert len(NOT_STATISTICS) >= 30


@pytest.mark.parametrize(
    "paragraph,span,unit",
    [
        (151, "de hasta 18 años", "years"),
        (154, "de hasta 7.000 tenge", "KZT"),
        (191, "siete años", "years"),
        (191, "de hasta 2.000 tenge", "KZT"),
        (191, "de hasta dos años", "years"),
        (225, "6 años", "years"),
        (278, "tres meses", "months"),
        (278, "un año", "years"),
        (282, "veinticuatro horas", "hours"),
        (286, "al menos tres años", "years"),
        (291, "menores de 18 años", "years"),
        (292, "treinta días", "days"),
    ],
)
def test_spanish_legal_provisions(paragraph, span, unit):
    claim = _find(paragraph, span)
    assert (claim.kind, claim.unit) == ("provision", unit)


@pytest.mark.parametrize(
    "paragraph,span,period,subject",
    [
        (107, "75,5 %", "2025-H1", "encuestados (no observó ninguna vulneración)"),  # the survey of the sentence before
        (155, "Ochenta y ocho", "2022-01/2025-06", "personas (condenadas)"),
        (158, "46", "2022", "causas penales registradas"),
        (158, "91", "2024", "causas penales registradas"),
        (216, "treinta", "2025", "representantes de organismos públicos"),
        (226, "14.800", "2025/..", "plazas (jardines de infancia)"),
        (239, "97 %", None, "centros (guardias de seguridad autorizados)"),
        (249, "1 077 915", "2022/23", "alumnos (en ruso)"),
        (298, "la mitad", "2014/..", "apátridas (obtenido la nacionalidad kazaja)"),
        (350, "90 %", "2022", "proporción de la población"),
        (380, "+193 %", "2021-2024", "denuncias presentadas al Comisionado"),
        (410, "15", "2024-2025", "documentales (realizaron)"),  # "se realizaron 15 documentales"
    ],
)
def test_spanish_periods_and_subjects_from_the_whole_paragraph(paragraph, span, period, subject):
    claim = _find(paragraph, span)
    assert (claim.period, claim.subject) == (period, subject)


def test_spanish_layout_is_segmented():
    assert len(PARAGRAPHS) == 42
    by_number = {p.paragraph: p for p in PARAGRAPHS}
    assert (by_number[58].chapter, by_number[58].section, by_number[58].section_title) == ("II", "E", "Estadísticas")
    # "Información relativa al seguimiento de los párrafos 21 y 22 a), b) y c) de las observaciones finales"
    assert by_number[107].co_refs == [21, 22]
    assert by_number[410].co_refs == [47]
    assert [m[1] for m in re.finditer(r"^\t([a-c])\)\t", by_number[191].text, re.MULTILINE)] == ["a", "b", "c"]


def un_export(text: str) -> str:
    """The UN's text export: '155.Texto', 'A.Título', 'a)Texto', nothing between."""
    text = re.sub(r"^[ \t]*(\d+)\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*([IVXLC]+|[A-Z])\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^\t([a-z]\))\t", r"\1", text, flags=re.MULTILINE)
    return re.sub(r"^\t+", "", text, flags=re.MULTILINE)


def test_spanish_un_export_layout_gives_the_same_paragraphs():
    exported = segment(un_export(TEXT))
    assert [(p.paragraph, p.chapter, p.section, p.co_refs) for p in exported] == [
        (p.paragraph, p.chapter, p.section, p.co_refs) for p in PARAGRAPHS
    ]


def test_spanish_text_is_detected_as_spanish():
    assert detect_language(TEXT) == "es"
