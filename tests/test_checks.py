"""The report's arithmetic, recomputed: rounding-aware intervals, each kind of check, and the report's results."""

import math
import re
from pathlib import Path

import pytest

from contract import records
from etl.build import build_indicators, build_report
from etl.checks import run_checks, stated_interval
from etl.indicators import DefinitionError, parse_definitions
from etl.repeats import repeated_figures
from etl.rounding import rounding_half

ROOT = Path(__file__).resolve().parent.parent
REPORT_ID = "CERD_C_KAZ_11-14_fr"
INF = math.inf


@pytest.mark.parametrize(
    "text,value,qualifier,unit,expected",
    [
        # a decimal stands for everything that rounds to it
        ("14,6\xa0%", 14.6, "exact", "%", (14.55, 14.65)),
        ("2,9\xa0millions", 2_900_000, "exact", None, (2_850_000, 2_950_000)),
        ("environ 20,3\xa0millions", 20_300_000, "approx", None, (20_250_000, 20_350_000)),
        # a whole percent is rounded to the unit
        ("39\xa0%", 39, "exact", "%", (38.5, 39.5)),
        ("+193\xa0%", 193, "exact", "%", (192.5, 193.5)),
        # a count written in full is exact, in digits or in words
        ("3\xa0484\xa0139", 3_484_139, "exact", None, (3_484_139, 3_484_139)),
        ("Trente-huit", 38, "exact", None, (38, 38)),
        # "about" rounds at the last significant digit
        ("environ 4\xa0400", 4_400, "approx", None, (4_350, 4_450)),
        ("quelque 7\xa0000", 7_000, "approx", None, (6_500, 7_500)),
        ("Environ 40\xa0%", 40, "approx", "%", (35, 45)),
        # bounds are open on one side
        ("plus de 7\xa0000", 7_000, "more_than", None, (7_000, INF)),
        ("au moins 10\xa0000", 10_000, "at_least", None, (10_000, INF)),
        ("moins de 0,03\xa0%", 0.03, "less_than", "%", (0, 0.035)),
        ("Plus de 30\xa0milliards de tenge", 30e9, "more_than", "KZT", (29.5e9, INF)),
        # in words: "une centaine" is about a hundred, a share in words is rounded
        ("une centaine", 100, "approx", None, (50, 150)),
        ("Quatre-vingt-dix pour cent", 90, "exact", "%", (89.5, 90.5)),
        # a sign is no scale: the interval keeps its order
        ("-5 %", -5, "exact", "%", (-5.5, -4.5)),
    ],
)
def test_stated_interval(text, value, qualifier, unit, expected):
    low, high = stated_interval(value, text, qualifier, unit, "fr")
    assert low == pytest.approx(expected[0]) and high == pytest.approx(expected[1])


# The one rounding rule (etl/rounding.py), read in each language's marks: how far a written number may be off.
@pytest.mark.parametrize(
    "text,value,unit,lang,half",
    [
        # a decimal stands for half a unit of its last digit, scaled by the word after it
        ("20.3 million", 20_300_000, None, "en", 50_000),
        ("20,3 millions", 20_300_000, None, "fr", 50_000),
        ("20,3 millones", 20_300_000, None, "es", 50_000),
        # a whole share is rounded to the unit, in every language's spacing
        ("39 %", 39, "%", "fr", 0.5),
        ("39%", 39, "%", "en", 0.5),
        ("39 %", 39, "%", "es", 0.5),
        # a count written in full is exact, whatever marks group its digits
        ("3 484 139", 3_484_139, None, "fr", 0),
        ("3,484,139", 3_484_139, None, "en", 0),
        ("3.484.139", 3_484_139, None, "es", 0),
        # a share with a decimal, in words after it
        ("0.7 per cent", 0.7, "%", "en", 0.05),
        ("0,7 pour cent", 0.7, "%", "fr", 0.05),
        ("0,7 por ciento", 0.7, "%", "es", 0.05),
        # a group mark is no decimal: "1,234" is a thousand and more in English, not one and a bit
        ("1,234 cases", 1_234, None, "en", 0),
    ],
)
def test_rounding_reads_the_marks_of_the_reports_language(text, value, unit, lang, half):
    assert rounding_half(value, text, unit, lang) == pytest.approx(half)


def test_a_share_in_english_is_checked_with_english_rounding():
    # 2.9 / 20.3 million = 14.29 %; "14.6 %" is reachable within the rounding of "2.9 million" and "20.3 million"
    low, high = stated_interval(2_900_000, "2.9 million", "exact", None, "en")
    assert (low, high) == (pytest.approx(2_850_000), pytest.approx(2_950_000))
    assert stated_interval(14.6, "14.6 %", "exact", "%", "en") == (pytest.approx(14.55), pytest.approx(14.65))


_FILE = """
topic = "t"
topic_title_fr = "T"
topic_title_en = "T"
reports = ["R"]
[[indicator]]
indicator_id = "parts"
title_fr = "x"
title_en = "x"
description_fr = "x"
description_en = "x"
unit = "persons"
unit_fr = "x"
unit_en = "x"
chart = "breakdown"
dimensions = ["group"]
paragraphs = [1]
observations = [
  { paragraph = 1, kind = "count", subject = "^habitants", group = "Total" },
  { paragraph = 1, kind = "count", subject = "^Russes", group = "Russes" },
  { paragraph = 1, kind = "count", subject = "^Ouzbeks", group = "Ouzbeks" },
  { paragraph = 1, kind = "percent", subject = "^Russes", group = "Russes %" },
  { paragraph = 1, kind = "percent", subject = "^Ouzbeks", group = "Ouzbeks %" },
]
labels_en = { "Total" = "Total", "Russes" = "Russians", "Ouzbeks" = "Uzbeks", "Russes %" = "Russians %", "Ouzbeks %" = "Uzbeks %" }
"""


def _checks(text: str, check: str) -> list[records.Check]:
    definitions = parse_definitions({"t.toml": _FILE + check})
    return build_indicators(definitions, build_report("1.\t" + text, "R"), "R").checks


_SUM = """
[[check]]
check_id = "s"
kind = "sum"
description_en = "e"
description_fr = "f"
parts = { indicator = "parts", group = ["Russes", "Ouzbeks"] }
total = { indicator = "parts", group = "Total" }
"""
_SHARE = """
[[check]]
check_id = "share"
kind = "share"
description_en = "e"
description_fr = "f"
pair_by = "group"
share = { indicator = "parts", group = ["Russes %"] }
part = { indicator = "parts", group = ["Russes"] }
whole = { indicator = "parts", group = "Total" }
"""


@pytest.mark.parametrize(
    "text,status",
    [
        ("Le pays compte 300 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %).", "consistent"),
        ("Le pays compte 300 habitants : 200 Russes (66,7 %) et 101 Ouzbeks (33,3 %).", "inconsistent"),
        # "plus de 300" admits 301
        ("Le pays compte plus de 300 habitants : 200 Russes (66,7 %) et 101 Ouzbeks (33,3 %).", "consistent"),
        # "environ 20,3 millions" admits 20,34 millions
        (
            "Le pays compte environ 20,3 millions d’habitants : 20,3 millions de Russes (99 %) et 40 000 Ouzbeks (0,2 %).",
            "consistent",
        ),
    ],
)
def test_sum_check(text, status):
    [check] = _checks(text, _SUM)
    assert check.status == status and check.kind == "sum" and check.paragraphs == (1,)


def test_a_partial_sum_only_may_not_exceed_its_total():
    partial = _SUM.replace('kind = "sum"', 'kind = "sum"\ncomplete = false')
    text = "Le pays compte 400 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %) et autres."
    assert [c.status for c in _checks(text, partial)] == ["consistent"]
    assert [c.status for c in _checks(text, _SUM)] == ["inconsistent"]
    assert [c.status for c in _checks(text.replace("400", "250"), partial)] == ["inconsistent"]


@pytest.mark.parametrize(
    "russes,share,status",
    [
        # 2,9 / 20,3 millions = 14.29 %: 14,6 % is reachable within the rounding of both, not of 2,9 millions alone
        ("2,9 millions", "14,6 %", "consistent_if_base_rounded"),
        ("2,9 millions", "15,0 %", "inconsistent"),
        ("2 900 000", "14,3 %", "consistent"),
        ("2 900 000", "14,6 %", "inconsistent"),
    ],
)
def test_share_check_is_rounding_aware(russes, share, status):
    joined = " de " if "millions" in russes else " "
    text = (
        f"Le pays compte environ 20,3 millions d’habitants : {russes}{joined}Russes ({share}) et 1 000 Ouzbeks (0,0 %)."
    )
    [check] = _checks(text, _SHARE)
    assert check.status == status
    assert check.check_id == "share[Russes %]"


def test_growth_and_trend_checks():
    checks = """
[[check]]
check_id = "g"
kind = "growth"
description_en = "e"
description_fr = "f"
from = { indicator = "parts", group = "Ouzbeks" }
to = { indicator = "parts", group = "Russes" }
rate = { indicator = "parts", group = "Russes %" }
[[check]]
check_id = "t"
kind = "trend"
description_en = "e"
description_fr = "f"
direction = "increase"
series = { indicator = "parts", group = ["Ouzbeks", "Russes"] }
"""
    # the series runs in definition order: Russes (200), then Ouzbeks (100)
    text = "Le pays compte 300 habitants : 200 Russes (+100 %) et 100 Ouzbeks (33,3 %)."
    growth, trend = _checks(text, checks)
    assert (growth.status, growth.computed) == ("consistent", 100.0)
    assert trend.status == "inconsistent" and trend.expected is None  # 200 -> 100 is no increase
    growth, trend = _checks(text.replace("+100", "+90"), checks.replace('"increase"', '"decrease"'))
    assert growth.status == "inconsistent" and trend.status == "consistent"


@pytest.mark.parametrize(
    "check,message",
    [
        (_SUM.replace('kind = "sum"', 'kind = "ratio"'), "kind must be one of"),
        (_SUM.replace('total = { indicator = "parts", group = "Total" }', ""), "a sum check needs `total`"),
        (_SUM.replace('group = "Total"', 'group = "Nobody"'), "no observation of indicator 'parts'"),
        (_SUM.replace('group = "Total"', 'group = ["Total", "Russes"]'), "`total` names 2 numbers"),
        (_SUM.replace('kind = "sum"', 'kind = "sum"\nexpected = 300'), "unknown keys ['expected']"),
    ],
)
def test_a_bad_check_is_a_clear_error(check, message):
    with pytest.raises(DefinitionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        _checks("Le pays compte 300 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %).", check)


def test_a_trend_is_consistent_when_rounding_allows_the_stated_direction():
    check = """
[[check]]
check_id = "t"
kind = "trend"
description_en = "e"
description_fr = "f"
direction = "increase"
series = { indicator = "parts", group = ["Russes", "Ouzbeks"] }
"""
    text = "Le pays compte 300 habitants : environ 4 400 Russes (1 %) et environ 4 400 Ouzbeks (1 %)."
    [trend] = _checks(text, check)
    assert trend.status == "consistent" and trend.computed == 0


_TWO_SHARES = _SHARE.replace('group = ["Russes %"]', 'group = ["Russes %", "Ouzbeks %"]').replace(
    'part = { indicator = "parts", group = ["Russes"] }',
    'part = { indicator = "parts", group = ["Russes", "Ouzbeks"] }',
)


@pytest.mark.parametrize(
    "check,text,message",
    [
        # several shares are paired by a dimension, never silently with the last part
        (_TWO_SHARES.replace('pair_by = "group"\n', ""), None, "several shares need `pair_by"),
        (
            _SHARE.replace('group = "Total"', 'group = "Russes"').replace("Le pays", "Le pays"),
            "Le pays compte 0 habitants : 0 Russes (66,7 %) et 100 Ouzbeks (33,3 %).",
            "is 0 in the report",
        ),
        (_SUM.replace('kind = "sum"', 'kind = "sum"\ncomplete = "false"'), None, "`complete` must be true or false"),
        (
            _SUM.replace('total = { indicator = "parts", group = "Total" }', 'total = "parts"'),
            None,
            "an operand is a table",
        ),
        (
            _SUM.replace('total = { indicator = "parts", group = "Total" }', 'total = { paragraph = 1, after = "(" }'),
            None,
            "`after` is not a valid pattern",
        ),
        (
            _SUM.replace('total = { indicator = "parts", group = "Total" }', 'total = { paragraph = 1, nth = "2" }'),
            None,
            "`nth` must be a whole number from 1",
        ),
    ],
)
def test_a_check_that_cannot_be_computed_is_a_clear_error(check, text, message):
    text = text or "Le pays compte 300 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %)."
    with pytest.raises(DefinitionError, match=re.escape(message)):
        _checks(text, check)


def test_a_trend_gives_both_stated_ends_or_neither():
    check = """
[[check]]
check_id = "t"
kind = "trend"
description_en = "e"
description_fr = "f"
direction = "increase"
stated_from = { paragraph = 1, kind = "count", nth = 1 }
series = { indicator = "parts", group = ["Russes", "Ouzbeks"] }
"""
    with pytest.raises(DefinitionError, match="give both `stated_from` and `stated_to`, or neither"):
        _checks("Le pays compte 300 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %).", check)


def test_checks_apply_only_to_the_reports_they_name():
    definitions = parse_definitions({"t.toml": _FILE + _SUM})
    records = build_report("1.\tLe pays compte 300 habitants : 200 Russes (66,7 %) et 100 Ouzbeks (33,3 %).", "R")
    observations = build_indicators(definitions, records, "R").observations
    assert run_checks(definitions.checks, observations, records.claims, {}, "OTHER", lang="fr") == []


# --- the report's own arithmetic --------------------------------------------------------


@pytest.fixture(scope="module")
def report_checks(report_text):
    definitions = parse_definitions(
        {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "indicators").glob("*.toml")}
    )
    report = build_report(report_text, REPORT_ID)
    checks = [*build_indicators(definitions, report, REPORT_ID).checks, *repeated_figures(report.claims, REPORT_ID)]
    return {c.check_id: c for c in checks}


def test_the_report_inconsistencies(report_checks):
    assert sorted(c for c, row in report_checks.items() if row.status == "inconsistent") == [
        "disability_population_share",  # 737 400 / 20,3 M (par. 58) = 3.63 %, stated 3,7 % (par. 89)
        "ethnic_shares[Allemands]",  # 223 200 / 20,3 M = 1.10 %, stated 1,2 %
        "pupils_language_shares_2022_23[Russe]",  # 1 077 915 / 3 484 139 = 30.94 %, stated 31,0 %
        "pupils_minority_languages_trend",  # "augmente chaque année", yet 103 338 -> 98 264
        "repeat_p374_p410",  # 2 000, 10 000, 15 and 6 for the first half of 2025 (374) and for 2024-2025 (410)
        "statelessness_campaign_2024_outcomes",  # 715 + 90 + 35 = 840, stated 835
    ]
    assert len(report_checks) >= 45


def test_the_report_verdicts_that_need_something_the_text_does_not_say(report_checks):
    qualified = {c: row.status for c, row in report_checks.items() if row.status not in ("consistent", "inconsistent")}
    assert qualified == {
        "art174_dismissed_share_2024": "consistent_if_truncated",  # 36 / 91 = 39.56 %, stated 39 %
        "ethnic_shares[Azerbaïdjanais]": "consistent_if_truncated",  # 155 300 / 20,3 M = 0.765 %, stated 0,7 %
        "ethnic_shares[Turcs]": "consistent_if_truncated",  # 91 700 / 20,3 M = 0.452 %, stated 0,4 %
        "ethnic_shares[Russes]": "consistent_if_base_rounded",  # 2,9 M / 20,3 M = 14.29 %, stated 14,6 %
        "ethnic_shares[Roms]": "base_assumed",  # par. 259's Roma against par. 58's population
    }


def test_every_verdict_but_a_plain_consistent_says_why_in_both_languages(report_checks):
    for row in report_checks.values():
        if row.status == "consistent":
            assert row.explanation is None and row.explanation_fr is None
        else:
            assert row.explanation and row.explanation_fr and row.explanation != row.explanation_fr, row.check_id
    truncated = report_checks["art174_dismissed_share_2024"]
    assert "39.56 %" in truncated.explanation and "40 %" in truncated.explanation
    assert "39,56 %" in truncated.explanation_fr and "40 %" in truncated.explanation_fr
    assert "paragraph 58" in report_checks["disability_population_share"].explanation
    assert "paragraphe 58" in report_checks["ethnic_shares[Roms]"].explanation_fr


def test_a_check_is_about_its_stated_figure_and_names_every_claim_it_uses(report_checks):
    share = report_checks["art174_dismissed_share_2024"]
    assert share.claim_id is not None and share.claim_id.startswith(f"{REPORT_ID}.p157.")  # the 39 %
    assert share.claim_id in share.claim_ids and len(share.claim_ids) == 3  # 39 %, 36 and 91
    total = report_checks["statelessness_campaign_2024_outcomes"]
    assert total.claim_id.startswith(f"{REPORT_ID}.p290.") and len(total.claim_ids) == 4  # 835 = 715 + 90 + 35


@pytest.mark.parametrize(
    ("share", "status"),
    [
        ("39 %", "consistent_if_truncated"),  # 36 / 91 = 39.56 %: cut, not rounded
        ("40 %", "consistent"),
        ("38 %", "inconsistent"),  # neither rounded nor cut
        ("39,5 %", "consistent_if_truncated"),
        ("39,6 %", "consistent"),
        ("39,4 %", "inconsistent"),
    ],
)
def test_a_share_cut_rather_than_rounded_is_consistent_once_truncation_is_allowed(share, status):
    [check] = _checks(f"Le pays compte 91 habitants : 36 Russes ({share}) et 55 Ouzbeks (60 %).", _SHARE)
    assert check.status == status


@pytest.mark.parametrize(
    "check_id,paragraphs,expected,computed",
    [
        ("art174_registered_sum", [156, 191], 221, 221),
        ("art174_trend_2022_2024", [156, 158], 45, 45),
        ("art174_cases_tried_sum", [155], 86, 86),
        ("art174_convicted_sum", [155], 88, 88),
        ("art404_sum", [191], 4, 4),
        ("statelessness_campaign_2020_2022_outcomes", [289], 8_822, 8_822),
        ("statelessness_campaign_2024_outcomes", [290], 835, 840),
        ("stateless_naturalisations_sum", [303], 7_000, 7_451),
        ("refugees_by_origin_sum", [280], 37, 37),
        ("schools_by_language_sum", [249], 6_909, 6_909),
        ("pupils_by_language_sum_2022_23", [249], 3_484_139, 3_484_139),
        ("pupils_by_language_sum_2020_21", [249], 3_368_702, 3_368_702),
        ("trafficking_by_article_sum", [317], 78, 78),
        ("kordai_sentences_sum", [199], 50, 50),
        ("ombudsman_complaints_growth", [380], 193, pytest.approx(193.39, abs=0.01)),
        ("ethnic_shares[Russes]", [58], 14.6, pytest.approx(14.29, abs=0.01)),
        ("ethnic_shares[Roms]", [58, 259], 0.03, pytest.approx(0.0217, abs=0.0001)),
        ("disability_employment_rate", [89], 28.9, pytest.approx(28.91, abs=0.01)),
    ],
)
def test_the_report_arithmetic(report_checks, check_id, paragraphs, expected, computed):
    row = report_checks[check_id]
    assert row.paragraphs == tuple(paragraphs)
    assert (row.expected, row.computed) == (expected, computed)


def test_open_ended_totals_have_no_tolerance(report_checks):
    assert report_checks["stateless_naturalisations_sum"].tolerance is None
    assert report_checks["stateless_naturalisations_sum"].status == "consistent"  # 7 451 is "plus de 7 000"
    assert report_checks["ethnic_shares[Russes]"].tolerance > 0


def _repeats(text: str) -> list[records.Check]:
    return repeated_figures(build_report(text, "R").claims, "R")


def test_the_same_figures_for_two_periods_are_a_slip():
    """Par. 374 and 410 of the first report, shortened: the same four figures, dated differently."""
    [check] = _repeats(
        "1.\tAu cours du premier semestre de 2025, plus de 2 000 activités ont été menées, 10 000 documents publiés, "
        "15 documentaires et 6 vidéos diffusés.\n"
        "2.\tEn 2024-2025, plus de 2 000 formations ont été organisées, 10 000 documents produits, 15 documentaires "
        "et six vidéos réalisés."
    )
    assert (check.kind, check.status, check.paragraphs) == ("repeat", "inconsistent", (1, 2))
    assert "4 figures" in check.explanation and "first half of 2025 and 2024–2025" in check.explanation
    assert "1er semestre 2025 et 2024–2025" in check.explanation_fr
    assert len(check.claim_ids) == 8 and check.claim_id in check.claim_ids


@pytest.mark.parametrize(
    "text",
    [
        # the same figures for the same period: a restatement (par. 91 and 210), not a slip
        "\n".join(["1.\tEn 2024, 56,2 % des agents, 39,1 % des cadres et 44,9 % des juges."] * 2).replace(
            "\n1.", "\n2."
        ),
        # two figures in common happen by chance
        "1.\tEn 2023, 12 affaires et 15 personnes.\n2.\tEn 2024, 12 affaires et 15 personnes.",
    ],
)
def test_a_restatement_or_a_chance_match_is_no_slip(text):
    assert _repeats(text) == []
