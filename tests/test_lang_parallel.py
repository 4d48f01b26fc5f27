"""Versions of one document agree: the English and Spanish versions of 42 paragraphs of the
report (tests/data/) give the statistics the French report gives, paragraph by paragraph, and
a number altered in one version is reported by the translation check (etl/translation.py)."""

import math
from pathlib import Path

import pytest

from contract import records
from etl.build import build_report
from etl.translation import agree, compare_translations, rounding

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SYMBOL = "CERD/C/KAZ/11-14"


def version(lang: str, text: str | None = None):
    """A version's report row and its records, as the build makes them."""
    path = ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt" if lang == "fr" else DATA / f"CERD_C_KAZ_11-14_{lang}.txt"
    report_id = f"CERD_C_KAZ_11-14_{lang}"
    built = build_report(text if text is not None else path.read_text(encoding="utf-8"), report_id, lang)
    report = records.Report(
        report_id=report_id,
        source_file=path.name,
        sha256="",
        metadata_json="{}",
        symbol=SYMBOL,
        language=lang,
        paragraphs=len(built.paragraphs),
        claims=len(built.claims),
        flagged_paragraphs=0,
        built_at="",
    )
    return report, built


def compare(*versions):
    reports = [r for r, _ in versions]
    paragraphs = [p for _, rec in versions for p in rec.paragraphs]
    claims = [c for _, rec in versions for c in rec.claims]
    return compare_translations(reports, paragraphs, claims)


@pytest.fixture(scope="module")
def french():
    return version("fr")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_version_states_the_french_statistics(french, lang):
    (comparison,) = compare(french, version(lang))
    assert (comparison.reference, comparison.version) == ("CERD_C_KAZ_11-14_fr", f"CERD_C_KAZ_11-14_{lang}")
    assert comparison.paragraphs == 42
    assert comparison.checks == [], [c.detail for c in comparison.checks]


def test_the_compared_statistics_are_many(french):
    _, english = version("en")
    assert sum(c.kind in ("count", "percent", "money", "measure") for c in english.claims) >= 150


def test_three_versions_compare_each_with_the_fullest(french):
    comparisons = compare(version("es"), french, version("en"))
    assert [(c.reference, c.version) for c in comparisons] == [
        ("CERD_C_KAZ_11-14_fr", "CERD_C_KAZ_11-14_en"),
        ("CERD_C_KAZ_11-14_fr", "CERD_C_KAZ_11-14_es"),
    ]


@pytest.mark.parametrize(
    "change,paragraph,detail",
    [
        # a value changed: 84 cases in 2023 become 85
        (
            ("84 in 2023", "85 in 2023"),
            156,
            "fr “84” (count, 2023) has no match in en; en “85” (count, 2023) has no match in fr",
        ),
        # a period changed: the 2024 share becomes a 2023 one
        (("In 2024, 39 per cent", "In 2023, 39 per cent"), 157, "fr “39 %” (percent, 2024) has no match in en"),
        # a statistic left out
        ((" and 64 in 2024.", "."), 191, "fr “64” (count, 2024) has no match in en"),
    ],
)
def test_an_altered_number_is_reported(french, change, paragraph, detail):
    text = (DATA / "CERD_C_KAZ_11-14_en.txt").read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    (comparison,) = compare(french, version("en", text.replace(*change)))
    (row,) = comparison.checks
    assert isinstance(row, records.Check)
    assert (row.kind, row.report_id, row.paragraphs, row.status) == (
        "translation",
        "CERD_C_KAZ_11-14_en",
        (paragraph,),
        "inconsistent",
    )
    assert row.detail.replace("\u00a0", " ").startswith(detail)
    assert row.check_id == f"translation_CERD_C_KAZ_11-14_en_p{paragraph}"


@pytest.mark.parametrize(
    "a,b,lang_a,lang_b,same",
    [
        # "20,3 millions" stands for [20.25, 20.35] million: it agrees with a number written in full
        (("20,3 millions", 20_300_000), ("20,312,000", 20_312_000), "fr", "en", True),
        (("20,3 millions", 20_300_000), ("20,412,000", 20_412_000), "fr", "en", False),
        (("39 %", 39, "%"), ("39.4 per cent", 39.4, "%"), "fr", "en", True),
        (("71,2 %", 71.2, "%"), ("71.4 per cent", 71.4, "%"), "fr", "en", False),
        (("3 484 139", 3_484_139), ("3.484.140", 3_484_140), "fr", "es", False),
        (("Trente", 30), ("30", 30), "fr", "en", True),
    ],
)
def test_values_agree_within_rounding(a, b, lang_a, lang_b, same):
    def claim(spec):
        text, value, *unit = spec
        return _claim(text, value, unit[0] if unit else None, kind="percent" if unit else "count")

    assert agree(claim(a), claim(b), lang_a, lang_b) is same


def _claim(text: str, value: float, unit: str | None, kind: str = "count") -> records.Claim:
    return records.Claim(
        report_id="r",
        paragraph=1,
        claim_id="r.p1.c1",
        text=text,
        start=0,
        end=len(text),
        value=value,
        unit=unit,
        kind=kind,
        qualifier="exact",
        period="2025",
        subject=None,
        sentence=text,
    )


def test_rounding_reads_each_language_format():
    assert rounding(_claim("20.3 million", 20_300_000, None), "en") == pytest.approx(50_000)
    assert rounding(_claim("20,3 millones", 20_300_000, None), "es") == pytest.approx(50_000)
    assert rounding(_claim("2.963.800", 2_963_800, None), "es") == 0
    assert math.isclose(rounding(_claim("0,07 %", 0.07, "%"), "fr"), 0.005)
