"""`python -m etl` and languages: the metadata's language picks the reader, an absent one is
detected and said, an unsupported one is refused with one line, and versions of one document
are compared (checks.parquet rows of kind `translation`, lines in the summary)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_tables import stored_table

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
DATA = Path(__file__).parent / "data"
FRENCH = "CERD_C_KAZ_11-14_fr"
ENGLISH = "CERD_C_KAZ_11-14_en"


def run_etl(*args):
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def write_report(folder: Path, name: str, text: str, metadata: dict | None) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if metadata is not None:
        (folder / f"{name}.json").write_text(json.dumps(metadata), encoding="utf-8")


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """The French report and its English version with one number altered (par. 156: 84 -> 85)."""
    raw = tmp_path_factory.mktemp("raw")
    for suffix in (".txt", ".json"):
        shutil.copy(RAW / f"{FRENCH}{suffix}", raw)
    english = (DATA / f"{ENGLISH}.txt").read_text(encoding="utf-8").replace("84 in 2023", "85 in 2023")
    write_report(raw, ENGLISH, english, {"symbol": "CERD/C/KAZ/11-14", "language": "en"})
    out = tmp_path_factory.mktemp("processed")
    result = run_etl("--input", raw, "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_each_version_is_read_in_its_language(two_versions):
    out, result = two_versions
    reports = stored_table(out, "reports").set_index("report_id")
    assert reports.loc[ENGLISH, "language"] == "en" and reports.loc[FRENCH, "language"] == "fr"
    claims = stored_table(out, "claims")
    english = claims[(claims.report_id == ENGLISH) & (claims.paragraph == 58)]
    assert english[english.kind == "count"].value.tolist()[:2] == [20_300_000, 14_400_000]
    assert "  language en (from the metadata)" in result.stdout.splitlines()


def test_the_altered_number_is_a_translation_check(two_versions):
    out, result = two_versions
    checks = stored_table(out, "checks")
    translation = checks[checks.kind == "translation"]
    assert len(translation) == 1
    row = translation.iloc[0]
    assert (row.report_id, list(row.paragraphs), row.status) == (ENGLISH, [156], "inconsistent")
    assert (row.expected, row.computed) == (84, 85)
    lines = result.stdout.splitlines()
    assert (
        f"  translation CERD/C/KAZ/11-14: {ENGLISH} (en) against {FRENCH} (fr), 42 paragraphs compared, 1 disagree"
    ) in lines
    assert any(line.startswith(f"  disagrees translation_{ENGLISH}_p156 (par. 156): fr “84”") for line in lines)


def test_a_version_added_alone_gives_the_stored_one_its_translation_check(two_versions, tmp_path):
    """The English version stored first, then the French one added alone: the English one (the version, the
    French having more paragraphs) is compared again and holds the same check as in a build of both at once."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(RAW / f"{FRENCH}{suffix}", raw)
    english = (DATA / f"{ENGLISH}.txt").read_text(encoding="utf-8").replace("84 in 2023", "85 in 2023")
    write_report(raw, ENGLISH, english, {"symbol": "CERD/C/KAZ/11-14", "language": "en"})
    out = tmp_path / "out"
    assert run_etl("--input", raw / f"{ENGLISH}.txt", "--out", out).returncode == 0
    assert not (stored_table(out, "checks").kind == "translation").any()
    added = run_etl("--input", raw / f"{FRENCH}.txt", "--out", out)
    assert added.returncode == 0, added.stderr
    assert f"  translation CERD/C/KAZ/11-14: {ENGLISH} (en) against {FRENCH} (fr)" in added.stdout
    columns = ["report_id", "check_id", "status", "expected", "computed", "detail"]
    alone = stored_table(out, "checks").query("kind == 'translation'")[columns].reset_index(drop=True)
    together = stored_table(two_versions[0], "checks").query("kind == 'translation'")[columns].reset_index(drop=True)
    assert len(alone) == 1 and alone.equals(together)


def test_a_report_without_language_is_detected_and_said(tmp_path):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "en_only", (DATA / f"{ENGLISH}.txt").read_text(encoding="utf-8"), None)
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 0, result.stderr
    assert "  language en (detected from the text)" in result.stdout.splitlines()
    claims = stored_table(out, "claims")
    assert (
        2_963_800 not in claims.value.tolist() and 2_900_000 in claims.value.tolist()
    )  # "2.9 million" read as English


@pytest.mark.parametrize(
    "text,metadata,message",
    [
        (
            "1.\tНаселение Казахстана составляет 20,3 миллиона человек.\n",
            {"language": "ru"},
            "language 'ru' is not supported (supported: en, es, fr)",
        ),
        (
            "1.\tНаселение Казахстана составляет 20,3 миллиона человек.\n",
            None,
            'cannot tell the language of the text (supported: en, es, fr); set "language" in the report\'s metadata',
        ),
    ],
)
def test_an_unsupported_language_is_refused_in_one_line(tmp_path, text, metadata, message):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "report", text, metadata)
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {raw / 'report.txt'}: {message}"]
    assert "Traceback" not in result.stderr and not out.exists()


def test_a_language_name_instead_of_a_code_is_refused_by_the_metadata_check(tmp_path):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "report", "1.\tLe rapport couvre la période 2022-2025.\n", {"language": "French"})
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (
            f'error: {raw / "report.json"}: field `language` is "French"; allowed: the language of the text, '
            "an ISO 639-1 code like `fr` (with a region, `en-GB`, read as `en`)"
        )
    ]


def test_a_language_with_a_region_is_read_as_its_language(tmp_path):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "en_gb", (DATA / f"{ENGLISH}.txt").read_text(encoding="utf-8"), {"language": "en-GB"})
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 0, result.stderr
    assert stored_table(out, "reports").language.tolist() == ["en"]


def test_a_text_too_short_to_tell_is_read_as_french_with_a_warning(tmp_path):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "short", "1.\tEn 2024, 12 affaires.\n", None)
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 0
    assert "too few words to tell the language; read as 'fr'" in result.stderr
    assert stored_table(out, "reports").language.tolist() == ["fr"]


def test_metadata_that_contradicts_the_text_is_warned_about(tmp_path):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    write_report(raw, "report", (DATA / f"{ENGLISH}.txt").read_text(encoding="utf-8"), {"language": "fr"})
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 0
    assert "the metadata says language 'fr' but the text reads as 'en'; check the metadata" in result.stderr


@pytest.mark.parametrize(
    "body,message",
    [
        # issue 12: two million ones ended in a decimal.Overflow traceback; 19 000 stay under the line limit
        ("1" * 19_000 + " %", "paragraph 1: a number of 19000 digits (at most 30)"),
        # a paragraph continued over three lines, each under the line limit
        ("\n".join(["1 " * 9_000] * 3), "paragraph 1: more than 20000 numbers in one paragraph"),
    ],
)
def test_caps_give_one_line(tmp_path, body, message):
    raw, out, empty = tmp_path / "raw", tmp_path / "out", tmp_path / "defs"
    for folder in (raw, empty):
        folder.mkdir()
    # paragraphs of words, so that the text is mostly letters and not refused as "not a report's text"
    words = "".join(f"{i}.\tLe Comité note la loi et les mesures prises par l’État partie.\n" for i in range(2, 1_200))
    write_report(raw, "report", f"1.\t{body}\n{words}", {"language": "fr"})
    result = run_etl("--input", raw, "--out", out, "--indicators", empty)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {raw / 'report.txt'}: {message}")
    assert "Traceback" not in result.stderr
