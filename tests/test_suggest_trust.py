"""What a reader must be able to trust in every suggested table the build makes, in each language version of the
first report: it repeats no curated table, its English says nothing in French outside quotes of the document, it
names a section by its title, never its number, and it never mixes planned and achieved figures.

Each test runs over every suggestion the build makes (suggestions.parquet's rows and the published definitions),
not a sample; the French report with the curated definitions, the English and Spanish versions as they are built.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from contract import records
from etl.build import SuggestionRecords, build_indicators, build_report, build_suggestions
from etl.indicators import parse_definitions

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = {
    "fr": ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt",
    "en": ROOT / "tests" / "data" / "CERD_C_KAZ_11-14_en.txt",
    "es": ROOT / "tests" / "data" / "CERD_C_KAZ_11-14_es.txt",
}
SYMBOL = "CERD/C/KAZ/11-14"


@dataclass(frozen=True)
class Built:
    """One language version as the build makes it: its claims, the curated observations and the suggestions."""

    language: str
    claims: dict[str, records.Claim]
    curated: list[records.Observation]
    suggested: SuggestionRecords

    def suggestions(self) -> dict[str, list[records.SuggestionRow]]:
        """Every suggestion id -> its rows (one per claim), in order."""
        grouped: dict[str, list[records.SuggestionRow]] = {}
        for row in self.suggested.rows:
            grouped.setdefault(row.suggestion_id, []).append(row)
        return grouped

    @property
    def published(self) -> set[str]:
        return set(self.suggested.published.suggestions)


@pytest.fixture(scope="module")
def built() -> dict[str, Built]:
    definitions = parse_definitions(
        {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "indicators").glob("*.toml")}
    )
    versions = {}
    for language, path in VERSIONS.items():
        report_id = f"CERD_C_KAZ_11-14_{language}"
        report = build_report(path.read_text(encoding="utf-8"), report_id, language)
        curated = build_indicators(definitions, report, report_id, SYMBOL).observations
        suggested = build_suggestions(report, curated, report_id)
        versions[language] = Built(language, {c.claim_id: c for c in report.claims}, curated, suggested)
    return versions


# 1. No suggested table repeats a curated table.


def _statistic(claim: records.Claim) -> tuple[object, ...]:
    return (claim.kind, claim.value, claim.unit)


def repeats_curated(claims: list[records.Claim], curated: list[records.Claim]) -> bool:
    """Whether half of these figures or more are statistics a curated indicator charts, in whatever paragraph: the
    same number (kind, value, unit) with the same period, or the same subject, and no other where both give one."""

    def same(a: records.Claim, b: records.Claim) -> bool:
        pairs = [(x, y) for x, y in ((a.period, b.period), (a.subject, b.subject)) if x and y]
        return _statistic(a) == _statistic(b) and bool(pairs) and all(x == y for x, y in pairs)

    repeated = sum(any(same(claim, charted) for charted in curated) for claim in claims)
    return repeated >= len(claims) / 2


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_published_suggestion_repeats_a_curated_table(built, language):
    version = built[language]
    curated = [version.claims[o.claim_id] for o in version.curated]
    # a repeat is marked covered (it names the curated indicators) and is not published a second time
    repeats = [
        f"{suggestion_id}: {rows[0].title_en}"
        for suggestion_id, rows in version.suggestions().items()
        if repeats_curated([version.claims[r.claim_id] for r in rows], curated)
        and (suggestion_id in version.published or not rows[0].covered_by)
    ]
    assert not repeats, repeats


def test_a_paragraph_that_repeats_a_charted_one_is_covered_by_its_indicator(built):
    # par. 210 repeats par. 91 word for word: "Au 1er juillet 2025, 56,2 % des agents de l’État étaient des femmes, dont
    # 39,1 % occupaient des postes à responsabilité (44,9 % … et 34,4 % …)"; the curated indicators chart par. 91.
    version = built["fr"]
    charting_91 = {o.indicator_id for o in version.curated if o.paragraph == 91}
    assert charting_91, "the curated indicators no longer chart par. 91: this test lost its case"
    of_210 = {
        s: rows
        for s, rows in version.suggestions().items()
        if {version.claims[r.claim_id].paragraph for r in rows} == {210}
    }
    assert of_210, "no suggestion of par. 210"
    for suggestion_id, rows in of_210.items():
        assert set(rows[0].covered_by) & charting_91, suggestion_id
        assert suggestion_id not in version.published


# 2. English says nothing in French outside quotes; a section is named by its title.

_QUOTED_RE = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")
# French function words and the nouns the report counts most: none is an English word
_FRENCH_WORDS = {
    "de", "des", "du", "la", "le", "les", "et", "au", "aux", "en", "par", "pour", "sur", "dans", "avec", "sans",
    "une", "un", "est", "sont", "ou", "personnes", "enfants", "affaires", "habitants", "établissements", "année",
}  # fmt: skip
_ELISION_RE = re.compile(r"(?i)\b[ldjnqs]’")  # l’, d’, qu’ …
_SECTION_NUMBER_RE = re.compile(r"(?i)\bsection\s+[IVXLC]+\b|\b[IVXLC]+\.[A-Z]\b")


def french_outside_quotes(text: str) -> list[str]:
    """The French a text says outside the quotes of the document: accented letters, elisions, French words."""
    bare = _QUOTED_RE.sub(" ", text)
    found = [ch for ch in bare if ch.isalpha() and unicodedata.decomposition(ch).split()[1:2] != []]
    found += _ELISION_RE.findall(bare)
    found += [w for w in re.findall(r"[^\W\d_]+", bare) if w in _FRENCH_WORDS]
    return found


def test_the_french_detector_finds_french_and_lets_quotes_through():
    assert french_outside_quotes("Persons with disabilities des régions")
    assert french_outside_quotes("Agents de l’État (%)")
    assert french_outside_quotes("Inhabitants: total and breakdown — Statistiques générales")
    assert not french_outside_quotes(
        "Cases (“affaires pénales enregistrées”) by year, 2022–2024 — “Liberté d’expression”"
    )
    assert not french_outside_quotes("Members of parliament: total and breakdown, undated")


def english_texts(version: Built) -> Iterator[tuple[str, str, str]]:
    """(suggestion, field, text) for every English text a suggestion shows: its title, reasons, topic, unit, labels."""
    for suggestion_id, rows in version.suggestions().items():
        yield suggestion_id, "title_en", rows[0].title_en
        yield suggestion_id, "reasons_en", rows[0].reasons
    for indicator in version.suggested.published.definitions.indicators:
        yield indicator.indicator_id, "title_en", indicator.title_en
        yield indicator.indicator_id, "topic_title_en", indicator.topic_title_en
        yield indicator.indicator_id, "unit_en", indicator.unit_en
        yield indicator.indicator_id, "description_en", indicator.description_en
        for label, english in indicator.labels_en.items():
            yield indicator.indicator_id, f"labels_en[{label}]", english


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_english_text_of_a_suggestion_says_french_outside_quotes(built, language):
    version = built[language]
    french = [f"{s} {name}: {text!r}" for s, name, text in english_texts(version) if french_outside_quotes(text)]
    assert not french, f"{len(french)} English texts carry French:\n" + "\n".join(french)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_titles_name_a_section_by_its_title_never_its_number(built, language):
    version = built[language]
    for suggestion_id, rows in version.suggestions().items():
        for title in (rows[0].title_fr, rows[0].title_en):
            assert not _SECTION_NUMBER_RE.search(title), f"{suggestion_id}: {title}"


def test_titles_are_written_in_the_pages_language(built):
    # the French report's "Statistiques" (section II.E) and the English one's "Statistics": each in its own title,
    # quoted in the other's
    fr = {rows[0].title_fr for rows in built["fr"].suggestions().values()}
    en = {rows[0].title_en for rows in built["en"].suggestions().values()}
    assert any(t.endswith("— Statistiques") for t in fr) and any(t.endswith("— Statistics") for t in en)
    fr_en = {rows[0].title_en for rows in built["fr"].suggestions().values()}
    en_fr = {rows[0].title_fr for rows in built["en"].suggestions().values()}
    assert any(t.endswith("— “Statistiques”") for t in fr_en) and any(t.endswith("— « Statistics »") for t in en_fr)
    # par. 156: "46 en 2022, 84 en 2023 et 91 en 2024" criminal cases, in English in the English version
    assert "Criminal cases by year, 2022–2024 — Freedom of expression" in en


# 3. Planned and achieved figures never share a table.


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_suggestion_mixes_planned_and_achieved_figures(built, language):
    version = built[language]
    assert any(c.planned for c in version.claims.values()), "no planned figure read: this test lost its case"
    for suggestion_id, rows in version.suggestions().items():
        flags = {version.claims[r.claim_id].planned for r in rows}
        assert len(flags) == 1, f"{suggestion_id} mixes planned and achieved figures: {rows[0].title_en}"


# 4. What a table counts, as the text says it.


def test_members_of_an_association_are_not_the_whole_parliament(built):
    # par. 133: "L’association « Bir el − bir moudde » compte 30 parlementaires en son sein : 10 du Sénat et 20 du
    # Majilis": 30 members of the association, not a parliament of 30
    version = built["fr"]
    rows = next(
        rows
        for rows in version.suggestions().values()
        if [version.claims[r.claim_id].value for r in rows] == [30, 10, 20]
        and {version.claims[r.claim_id].paragraph for r in rows} == {133}
    )
    assert "Bir el − bir moudde" in rows[0].title_fr and "Bir el − bir moudde" in rows[0].title_en
    assert rows[0].title_fr.startswith("Parlementaires membres de l’association")


# The rule of test 1 in English, where no curated definition reads the English version of the first report yet.

REPEATED_EN = (
    "I. Facts\nA. Civil service\n"
    "1.\tAs of 1 July 2025, 56.2 per cent of civil servants were women, of whom 39.1 per cent held senior posts.\n"
    "B. Minorities\n"
    "2.\tAs of 1 July 2025, 56.2 per cent of civil servants were women, of whom 39.1 per cent held senior posts.\n"
)
CURATED_EN = """
topic = "t"
topic_title_fr = "T"
topic_title_en = "T"
reports = ["R"]
[[indicator]]
indicator_id = "women_civil_servants"
title_fr = "Femmes fonctionnaires"
title_en = "Women civil servants"
description_fr = "x"
description_en = "x"
unit = "%"
unit_fr = "%"
unit_en = "%"
chart = "time_series"
paragraphs = [1]
observations = [ { paragraph = 1, kind = "percent", nth = 1 }, { paragraph = 1, kind = "percent", nth = 2 } ]
"""


def test_an_english_paragraph_that_repeats_a_charted_one_is_covered_too():
    report = build_report(REPEATED_EN, "R", "en")
    curated = build_indicators(parse_definitions({"t.toml": CURATED_EN}), report, "R").observations
    assert {o.paragraph for o in curated} == {1}
    built = build_suggestions(report, curated, "R")
    of_2 = {r.suggestion_id: r for r in built.rows if r.claim_id.startswith("R.p2.")}
    assert of_2, "no suggestion of par. 2"
    for suggestion_id, row in of_2.items():
        assert row.covered_by == ("women_civil_servants",), suggestion_id
        assert suggestion_id not in built.published.suggestions
    # without the curated table, the same paragraph is a suggestion of its own, not covered
    alone = build_suggestions(report, [], "R")
    assert any(r.claim_id.startswith("R.p2.") and not r.covered_by for r in alone.rows)
