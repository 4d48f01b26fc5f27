"""English: the reader of UN English documents, on an English version of 42 paragraphs of the
report (tests/data/CERD_C_KAZ_11-14_en.txt, translated for the tests with the report's numbers
in English format) and on sentences in the report's style."""

import math
import re
from pathlib import Path

import pytest

from contract.schema import STATISTIC_KINDS
from etl.claims import extract_claims
from etl.lang.detect import detect_language
from etl.numbers import parse_number, parse_range
from etl.segment import segment

TEXT = (Path(__file__).parent / "data" / "CERD_C_KAZ_11-14_en.txt").read_text(encoding="utf-8")
PARAGRAPHS = segment(TEXT)
CLAIMS = {p.paragraph: extract_claims(p.text, "en") for p in PARAGRAPHS}


def statistics(sentence):
    return [
        (c.text, c.value, c.kind, c.qualifier, c.period)
        for c in extract_claims(sentence, "en")
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


# The three sentences an English report was misread on when it was read with the French rules.
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("More than 14,900 stateless persons", [("More than 14,900", 14_900, "count", "more_than", None)]),
        (
            "Russians 14.6 per cent (2,963,800 persons)",
            [("14.6 per cent", 14.6, "percent", "exact", None), ("2,963,800", 2_963_800, "count", "exact", None)],
        ),
        ("The population was 20.3 million", [("20.3 million", 20_300_000, "count", "exact", None)]),
    ],
)
def test_the_three_sentences_once_misread(sentence, expected):
    assert statistics(sentence) == expected
    assert not [c for c in extract_claims(sentence, "en") if c.kind == "reference"]


@pytest.mark.parametrize(
    "span,expected",
    [
        ("14,900", 14_900),
        ("2,963,800", 2_963_800),
        ("20.3 million", 20_300_000),
        ("1.6 million", 1_600_000),
        ("30 billion", 30_000_000_000),  # 10^9 in English
        ("14.6 per cent", 14.6),
        ("14.6 percent", 14.6),
        ("0.07%", 0.07),
        ("678\u00a0400", 678_400),  # no-break and thin spaces group digits too
        ("3\u202f484\u202f139", 3_484_139),
        ("+193 per cent", 193),
        ("-3.2 per cent", -3.2),
        ("\u22123.2%", -3.2),
        ("Eighty-eight", 88),
        ("two hundred and fifty", 250),
        ("more than a thousand", 1_000),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two thirds", 2 / 3),
        ("half", 0.5),
        ("fourteenth", 14),
        ("two point five", 2.5),
        ("some 7,000", 7_000),
    ],
)
def test_parse_english_number(span, expected):
    assert parse_number(span, "en") == pytest.approx(expected)


@pytest.mark.parametrize(
    "span,expected",
    [
        ("2 to 4 per cent", (2, 4)),
        ("three to seven years", (3, 7)),
        ("from 46 to 91", (46, 91)),
        ("between 2 and 6 years", (2, 6)),
    ],
)
def test_parse_english_range(span, expected):
    assert parse_range(span, "en") == expected


@pytest.mark.parametrize(
    "sentence,qualifier",
    [
        ("more than 14,900 persons", "more_than"),
        ("over 500 events", "more_than"),
        ("at least 50 journalists", "at_least"),
        ("about 4,400 Roma", "approx"),
        ("approximately 20.3 million inhabitants", "approx"),
        ("nearly 300 schools", "approx"),
        ("some 7,000 stateless persons", "approx"),
        ("up to 7,000 tenge", "at_most"),
        ("fewer than 10 cases", "less_than"),
        ("less than 0.03 per cent", "less_than"),
        ("satisfaction exceeded 95 per cent", "more_than"),
    ],
)
def test_english_qualifiers(sentence, qualifier):
    (claim,) = statistics(sentence)
    assert claim[3] == qualifier


@pytest.mark.parametrize(
    "sentence,periods",
    [
        ("In 2022, 12 cases were tried; in 2023, 18 cases were tried.", ["2022", "2023"]),
        ("From 2022 to 2024, 221 criminal proceedings were registered.", ["2022-2024"]),
        ("Between 2020 and 2022, 35 schools were opened.", ["2020-2022"]),
        ("In the first six months of 2025, 24 cases were tried.", ["2025-H1"]),
        ("As at 1 July 2025, some 7,000 stateless persons were living in Kazakhstan.", ["2025-07-01"]),
        ("In the 2022/23 school year, there were 6,909 schools.", ["2022/23"]),
        ("Since 2014, more than 30,000 persons have been identified.", ["2014/.."]),
        ("In July 2025, 15 seminars were held.", ["2025-07"]),
        ("From July to December 2024, 835 persons were identified.", ["2024-H2"]),
        ("At the end of 2024, more than $880 million had been credited.", ["2024-12-31"]),
        # the date of a law is not the period of the fine it sets
        ("Law No. 349-VI of 26 June 2020 set up 12 commissions.", [None]),
    ],
)
def test_english_periods(sentence, periods):
    assert [c[4] for c in statistics(sentence)] == periods


# (paragraph, span as written, value, kind, unit, qualifier, period): every statistic of the
# English version; the French report's reading of the same paragraphs (tests/test_report_claims.py).
STATISTICS = [
    (58, "approximately 20.3 million", 20_300_000, "count", None, "approx", "2025-01-01"),
    (58, "14.4 million", 14_400_000, "count", None, "exact", "2025-01-01"),
    (58, "71.2 per cent", 71.2, "percent", "%", "exact", "2025-01-01"),
    (58, "2.9 million", 2_900_000, "count", None, "exact", "2025-01-01"),
    (58, "14.6 per cent", 14.6, "percent", "%", "exact", "2025-01-01"),
    (58, "678,400", 678_400, "count", None, "exact", "2025-01-01"),
    (58, "3.3 per cent", 3.3, "percent", "%", "exact", "2025-01-01"),
    (58, "371,800", 371_800, "count", None, "exact", "2025-01-01"),
    (58, "1.8 per cent", 1.8, "percent", "%", "exact", "2025-01-01"),
    (58, "305,600", 305_600, "count", None, "exact", "2025-01-01"),
    (58, "1.5 per cent", 1.5, "percent", "%", "exact", "2025-01-01"),
    (58, "218,900", 218_900, "count", None, "exact", "2025-01-01"),
    (58, "1.1 per cent", 1.1, "percent", "%", "exact", "2025-01-01"),
    (58, "223,200", 223_200, "count", None, "exact", "2025-01-01"),
    (58, "1.2 per cent", 1.2, "percent", "%", "exact", "2025-01-01"),
    (58, "155,300", 155_300, "count", None, "exact", "2025-01-01"),
    (58, "0.7 per cent", 0.7, "percent", "%", "exact", "2025-01-01"),
    (58, "120,600", 120_600, "count", None, "exact", "2025-01-01"),
    (58, "0.6 per cent", 0.6, "percent", "%", "exact", "2025-01-01"),
    (58, "91,700", 91_700, "count", None, "exact", "2025-01-01"),
    (58, "0.4 per cent", 0.4, "percent", "%", "exact", "2025-01-01"),
    (58, "86,000", 86_000, "count", None, "exact", "2025-01-01"),
    (58, "0.4 per cent", 0.4, "percent", "%", "exact", "2025-01-01"),
    (88, "2", 2, "percent", "%", "exact", None),
    (88, "4 per cent", 4, "percent", "%", "exact", None),
    (89, "more than 14,900", 14_900, "count", None, "more_than", "2025-01/2025-04"),
    (89, "737,400", 737_400, "count", None, "exact", None),
    (89, "3.7 per cent", 3.7, "percent", "%", "exact", None),
    (89, "376,700", 376_700, "count", None, "exact", None),
    (89, "108,900", 108_900, "count", None, "exact", None),
    (89, "28.9 per cent", 28.9, "percent", "%", "exact", None),
    (91, "56.2 per cent", 56.2, "percent", "%", "exact", "2025-07-01"),
    (91, "39.1 per cent", 39.1, "percent", "%", "exact", "2025-07-01"),
    (91, "44.9 per cent", 44.9, "percent", "%", "exact", "2025-07-01"),
    (91, "34.4 per cent", 34.4, "percent", "%", "exact", "2025-07-01"),
    (92, "at least 30 per cent", 30, "percent", "%", "at_least", None),
    (92, "43.4 per cent", 43.4, "percent", "%", "exact", "2022"),
    (107, "60.9 per cent", 60.9, "percent", "%", "exact", "2025-H1"),
    (107, "34.9 per cent", 34.9, "percent", "%", "exact", "2025-H1"),
    (107, "75.5 per cent", 75.5, "percent", "%", "exact", "2025-H1"),
    (109, "More than 500", 500, "count", None, "more_than", "2023-2024"),
    (109, "More than 3,000", 3000, "count", None, "more_than", "2023-2024"),
    (151, "1,195", 1195, "count", None, "exact", "2022-01/2025-08"),
    (151, "1,097", 1097, "count", None, "exact", "2022-01/2025-08"),
    (155, "86", 86, "count", None, "exact", "2022-01/2025-06"),
    (155, "Eighty-eight", 88, "count", None, "exact", "2022-01/2025-06"),
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
    (157, "39 per cent", 39, "percent", "%", "exact", "2024"),
    (157, "36", 36, "count", None, "exact", "2024"),
    (158, "46", 46, "count", None, "exact", "2022"),
    (158, "91", 91, "count", None, "exact", "2024"),
    (191, "221", 221, "count", None, "exact", "2022-2024"),
    (191, "Approximately 40 per cent", 40, "percent", "%", "approx", None),
    (191, "four", 4, "count", None, "exact", "2022-2024"),
    (191, "1", 1, "count", None, "exact", "2022"),
    (191, "1", 1, "count", None, "exact", "2023"),
    (191, "2", 2, "count", None, "exact", "2024"),
    (191, "27", 27, "count", None, "exact", "2022"),
    (191, "23", 23, "count", None, "exact", "2023"),
    (191, "22", 22, "count", None, "exact", "2024"),
    (191, "Thirty-eight", 38, "count", None, "exact", "2022"),
    (191, "60", 60, "count", None, "exact", "2023"),
    (191, "64", 64, "count", None, "exact", "2024"),
    (197, "more than 3,200", 3200, "count", None, "more_than", "2021-2025"),
    (197, "more than 237,000", 237_000, "count", None, "more_than", "2021-2025"),
    (201, "More than 30 billion tenge", 30_000_000_000, "money", "KZT", "more_than", None),
    (201, "128", 128, "count", None, "exact", None),
    (201, "20", 20, "count", None, "exact", None),
    (201, "92", 92, "count", None, "exact", None),
    (201, "112", 112, "count", None, "exact", None),
    (201, "86", 86, "count", None, "exact", None),
    (201, "more than 500", 500, "count", None, "more_than", None),
    (216, "Thirty", 30, "count", None, "exact", "2025"),
    (220, "17,425", 17_425, "count", None, "exact", "2022"),
    (220, "1,029", 1029, "count", None, "exact", "2022"),
    (220, "25,387", 25_387, "count", None, "exact", "2023"),
    (220, "1,930", 1930, "count", None, "exact", "2023"),
    (220, "29,282", 29_282, "count", None, "exact", "2024"),
    (220, "3,272", 3272, "count", None, "exact", "2024"),
    (225, "11,800", 11_800, "count", None, "exact", None),
    (225, "more than one million", 1_000_000, "count", None, "more_than", None),
    (225, "470,000", 470_000, "count", None, "exact", None),
    (225, "more than 540,000", 540_000, "count", None, "more_than", None),
    (225, "93.1 per cent", 93.1, "percent", "%", "exact", None),
    (225, "95 per cent", 95, "percent", "%", "exact", None),
    (226, "195", 195, "count", None, "exact", "2025/.."),
    (226, "14,800", 14_800, "count", None, "exact", "2025/.."),
    (226, "more than 49,000", 49_000, "count", None, "more_than", "2025-12-31"),
    (232, "at least 10,000", 10_000, "count", None, "at_least", None),
    (232, "251", 251, "count", None, "exact", "2018/.."),
    (232, "62,000", 62_000, "count", None, "exact", "2018/.."),
    (232, "29", 29, "count", None, "exact", "2025"),
    (232, "more than 10,000", 10_000, "count", None, "more_than", "2025"),
    (232, "2,656", 2656, "count", None, "exact", "2025"),
    (236, "more than $880 million", 880_000_000, "money", "USD", "more_than", "2024-12-31"),
    (236, "60 tenge", 60, "money", "KZT", "exact", None),
    (236, "up to 7 per cent", 7, "percent", "%", "at_most", None),
    (236, "more than 5 million tenge", 5_000_000, "money", "KZT", "more_than", None),
    (239, "303", 303, "count", None, "exact", None),
    (239, "896", 896, "count", None, "exact", None),
    (239, "98 per cent", 98, "percent", "%", "exact", None),
    (239, "97 per cent", 97, "percent", "%", "exact", None),
    (239, "96 per cent", 96, "percent", "%", "exact", None),
    (239, "81 per cent", 81, "percent", "%", "exact", None),
    (249, "6,909", 6909, "count", None, "exact", "2022/23"),
    (249, "6,957", 6957, "count", None, "exact", "2020"),
    (249, "6,941", 6941, "count", None, "exact", "2021"),
    (249, "3,743", 3743, "count", None, "exact", "2022/23"),
    (249, "54.2 per cent", 54.2, "percent", "%", "exact", "2022/23"),
    (249, "1,055", 1055, "count", None, "exact", "2022/23"),
    (249, "15.3 per cent", 15.3, "percent", "%", "exact", "2022/23"),
    (249, "2,106", 2106, "count", None, "exact", "2022/23"),
    (249, "30.5 per cent", 30.5, "percent", "%", "exact", "2022/23"),
    (249, "5", 5, "count", None, "exact", "2022/23"),
    (249, "0.07 per cent", 0.07, "percent", "%", "exact", "2022/23"),
    (249, "3,484,139", 3_484_139, "count", None, "exact", "2022/23"),
    (249, "2,307,960", 2_307_960, "count", None, "exact", "2022/23"),
    (249, "66.2 per cent", 66.2, "percent", "%", "exact", "2022/23"),
    (249, "1,077,915", 1_077_915, "count", None, "exact", "2022/23"),
    (249, "31.0 per cent", 31, "percent", "%", "exact", "2022/23"),
    (249, "98,264", 98_264, "count", None, "exact", "2022/23"),
    (249, "2.8 per cent", 2.8, "percent", "%", "exact", "2022/23"),
    (249, "3,368,702", 3_368_702, "count", None, "exact", "2020/21"),
    (249, "2,223,455", 2_223_455, "count", None, "exact", "2020/21"),
    (249, "66 per cent", 66, "percent", "%", "exact", "2020/21"),
    (249, "1,041,909", 1_041_909, "count", None, "exact", "2020/21"),
    (249, "30.9 per cent", 30.9, "percent", "%", "exact", "2020/21"),
    (249, "103,338", 103_338, "count", None, "exact", "2020/21"),
    (249, "3.1 per cent", 3.1, "percent", "%", "exact", "2020/21"),
    (259, "about 4,400", 4400, "count", None, "approx", None),
    (259, "less than 0.03 per cent", 0.03, "percent", "%", "less_than", None),
    (267, "326", 326, "count", None, "exact", "2023-2024"),
    (267, "194", 194, "count", None, "exact", "2023-2024"),
    (267, "more than 5.5 million tenge", 5_500_000, "money", "KZT", "more_than", "2023-2024"),
    (289, "8,822", 8822, "count", None, "exact", "2020-09/2022-05"),
    (289, "5,618", 5618, "count", None, "exact", "2020-09/2022-05"),
    (289, "3,204", 3204, "count", None, "exact", "2020-09/2022-05"),
    (290, "835", 835, "count", None, "exact", "2024-H2"),
    (290, "715", 715, "count", None, "exact", "2024-H2"),
    (290, "90", 90, "count", None, "exact", "2024-H2"),
    (290, "35", 35, "count", None, "exact", "2024-H2"),
    (291, "29,449", 29_449, "count", None, "exact", "2022-01/2025-08"),
    (291, "1,154", 1154, "count", None, "exact", "2022-01/2025-08"),
    (298, "more than 30,000", 30_000, "count", None, "more_than", "2014/.."),
    (298, "half", 50, "percent", "%", "exact", "2014/.."),
    (301, "some 7,000", 7000, "count", None, "approx", "2025-09-01"),
    (303, "more than 7,000", 7000, "count", None, "more_than", None),
    (303, "1,655", 1655, "count", None, "exact", "2020"),
    (303, "1,808", 1808, "count", None, "exact", "2021"),
    (303, "1,374", 1374, "count", None, "exact", "2022"),
    (303, "1,542", 1542, "count", None, "exact", "2023"),
    (303, "676", 676, "count", None, "exact", "2024"),
    (303, "396", 396, "count", None, "exact", "2025-01/2025-08"),
    (317, "78", 78, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "6", 6, "count", None, "exact", "2025"),
    (317, "4", 4, "count", None, "exact", "2025"),
    (317, "54", 54, "count", None, "exact", "2025"),
    (342, "more than 1.6 million", 1_600_000, "count", None, "more_than", None),
    (342, "exceeded 95 per cent", 95, "percent", "%", "more_than", "2022-2023"),
    (350, "0.4 per cent", 0.4, "percent", "%", "exact", "2022"),
    (350, "1 per cent", 1, "percent", "%", "exact", "2020"),
    (350, "1.2 per cent", 1.2, "percent", "%", "exact", "2021"),
    (350, "more than 80 per cent", 80, "percent", "%", "more_than", "2022"),
    (350, "90 per cent", 90, "percent", "%", "exact", "2022"),
    (350, "more than 80 per cent", 80, "percent", "%", "more_than", "2022"),
    (380, "2,300", 2300, "count", None, "exact", "2021"),
    (380, "6,748", 6748, "count", None, "exact", "2024"),
    (380, "+193 per cent", 193, "percent", "%", "exact", "2021-2024"),
    (410, "More than 2,000", 2000, "count", None, "more_than", "2024-2025"),
    (410, "More than 10,000", 10_000, "count", None, "more_than", "2024-2025"),
    (410, "15", 15, "count", None, "exact", "2024-2025"),
    (410, "six", 6, "count", None, "exact", "2024-2025"),
]


@pytest.mark.parametrize(
    "paragraph,span,value,kind,unit,qualifier,period,occurrence", list(_with_occurrence(STATISTICS))
)
def test_statistics_of_the_english_version(paragraph, span, value, kind, unit, qualifier, period, occurrence):
    claim = _find(paragraph, span, occurrence)
    assert (claim.value, claim.kind, claim.unit, claim.qualifier, claim.period) == (
        pytest.approx(value),
        kind,
        unit,
        qualifier,
        period,
    )


def test_the_table_holds_every_statistic_of_the_english_version():
    found = [c for cs in CLAIMS.values() for c in cs if c.kind in STATISTIC_KINDS]
    assert len(STATISTICS) == len(found) >= 80


# Numbers that are not statistics: (paragraph or sentence, span, kind, value or None)
NOT_STATISTICS = [
    (7, "25 September 2025", "date", None),
    (7, "CERD/C/KAZ/CO/8-10", "reference", None),
    (7, "54", "reference", 54),  # para. 54
    (91, "1 July 2025", "date", None),
    (154, "174", "reference", 174),  # Article 174 of the Criminal Code
    (154, "349-VI", "reference", None),  # Law No. 349-VI
    (154, "26 June 2020", "date", None),
    (156, "5", "reference", 5),  # see annex 5
    (191, "14", "reference", 14),  # arts. 14 and 20
    (191, "20", "reference", 20),
    (191, "404", "reference", 404),
    (191, "489", "reference", 489),  # (art. 489)
    (220, "three years", "date", 3),  # over the past three years
    (249, "2022/23", "year", 2022),
    (249, "2020/21", "year", 2020),
    (278, "118", "reference", 118),  # Order No. 118
    (278, "7 April 2022", "date", None),
    (289, "September 2020", "date", None),
    (290, "December 2024", "date", None),
    (292, "607", "reference", 607),
    (298, "8 November 2024", "date", None),
    (303, "five years", "date", 5),
    (317, "116", "reference", 116),
    (317, "309", "reference", 309),
    (317, "262", "reference", 262),
    (342, "2022", "year", 2022),
    (380, "2021", "year", 2021),
    ("The eleventh to fourteenth periodic reports", "eleventh", "ordinal", 11),
    ("The eleventh to fourteenth periodic reports", "fourteenth", "ordinal", 14),
    ("at its 34th session", "34th", "ordinal", 34),
    ("the second periodic report", "second", "ordinal", 2),
    ("see section XII", "XII", "reference", 12),
    ("resolution 68/237 of the General Assembly", "68/237", "reference", None),
    ("paragraphs 16, 22, 28 and 42 of the concluding observations", "42", "reference", 42),
    ("Presidential Decree No. 611 of 30 July 2024", "611", "reference", 611),
    ("Law No.322-I of 26 August 1998", "322-I", "reference", None),
    ("the 1951 Convention relating to the Status of Refugees", "1951", "year", 1951),
    ("the channel 24 KZ", "24", "reference", 24),
]


@pytest.mark.parametrize("where,span,kind,value", NOT_STATISTICS)
def test_english_numbers_that_are_not_statistics(where, span, kind, value):
    claims = CLAIMS[where] if isinstance(where, int) else extract_claims(where, "en")
    claim = next(c for c in claims if c.text.replace("\u00a0", " ") == span)
    assert claim.kind == kind
    assert math.isnan(claim.value) if value is None else claim.value == value


def test_the_non_statistics_table_is_long_enough():
    assert len(NOT_STATISTICS) >= 30


@pytest.mark.parametrize(
    "paragraph,span,unit",
    [
        (151, "up to 18 years", "years"),
        (154, "up to 7,000 tenge", "KZT"),
        (191, "seven years", "years"),
        (191, "up to 2,000 tenge", "KZT"),
        (191, "up to two years", "years"),
        (225, "6 years", "years"),
        (278, "three months", "months"),
        (278, "one year", "years"),
        (282, "24 hours", "hours"),
        (286, "at least three years", "years"),
        (291, "under 18 years", "years"),
        (292, "thirty days", "days"),
    ],
)
def test_english_legal_provisions(paragraph, span, unit):
    claim = _find(paragraph, span)
    assert (claim.kind, claim.unit) == ("provision", unit)


@pytest.mark.parametrize(
    "paragraph,span,period,subject",
    [
        (107, "75.5 per cent", "2025-H1", "respondents (reported no violation of rights)"),  # the survey before
        (155, "Eighty-eight", "2022-01/2025-06", "persons (convicted under judgments)"),
        (158, "46", "2022", "registered criminal cases"),
        (158, "91", "2024", "registered criminal cases"),
        (216, "Thirty", "2025", "representatives of public bodies"),
        (226, "14,800", "2025/..", "places (kindergartens)"),
        (239, "97 per cent", None, "schools (licensed security guards)"),
        (249, "1,077,915", "2022/23", "pupils (in Russian)"),
        (350, "90 per cent", "2022", "share of the population"),
        (380, "+193 per cent", "2021-2024", "complaints"),
        (410, "15", "2024-2025", "documentaries"),
    ],
)
def test_english_periods_and_subjects_from_the_whole_paragraph(paragraph, span, period, subject):
    claim = _find(paragraph, span)
    assert (claim.period, claim.subject) == (period, subject)


def test_english_layout_is_segmented():
    assert [p.paragraph for p in PARAGRAPHS][:6] == [7, 58, 88, 89, 91, 92]
    assert len(PARAGRAPHS) == 42
    by_number = {p.paragraph: p for p in PARAGRAPHS}
    assert (by_number[58].chapter, by_number[58].section, by_number[58].section_title) == ("II", "E", "Statistics")
    # "Information on the follow-up to paragraphs 21 and 22 (a), (b) and (c) of the concluding observations"
    assert by_number[107].co_refs == [21, 22]
    assert by_number[410].co_refs == [47]
    # "(a)", "(b)", "(c)" items belong to their paragraph
    assert [m[1] for m in re.finditer(r"^\t\(([a-c])\)\t", by_number[191].text, re.MULTILINE)] == ["a", "b", "c"]
    assert by_number[317].text.count("\n") == 6


def un_export(text: str) -> str:
    """The UN's text export: '155.Text', 'A.Title', '(a)Text', nothing between."""
    text = re.sub(r"^[ \t]*(\d+)\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*([IVXLC]+|[A-Z])\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^\t(\([a-z]\))\t", r"\1", text, flags=re.MULTILINE)
    return re.sub(r"^\t+", "", text, flags=re.MULTILINE)


def test_english_un_export_layout_gives_the_same_paragraphs():
    exported = segment(un_export(TEXT))
    assert [(p.paragraph, p.chapter, p.section, p.co_refs) for p in exported] == [
        (p.paragraph, p.chapter, p.section, p.co_refs) for p in PARAGRAPHS
    ]


def test_english_text_is_detected_as_english():
    assert detect_language(TEXT) == "en"
