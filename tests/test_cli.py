"""`python -m etl` as a user runs it: real files in, real Parquet out, clear errors."""
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
REPORT = "CERD_C_KAZ_11-14_fr"


def run_etl(*args):
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def raw_copy(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(RAW / f"{REPORT}{suffix}", folder)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    result = run_etl("--input", RAW, "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_build_writes_the_tables_of_the_guide(built):
    out, result = built
    paragraphs = pd.read_parquet(out / "paragraphs.parquet")
    claims = pd.read_parquet(out / "claims.parquet")
    assert list(paragraphs.columns) == ["report_id", "paragraph", "chapter", "chapter_title", "section",
                                        "section_title", "subsection", "co_refs", "text", "char_start", "char_end"]
    assert list(claims.columns) == ["report_id", "paragraph", "claim_id", "text", "start", "end", "value", "unit",
                                    "kind", "qualifier", "period", "subject", "sentence"]
    assert paragraphs["paragraph"].tolist() == list(range(1, 438))
    assert claims["claim_id"].is_unique
    assert str(claims["value"].dtype) == "float64"
    assert list(paragraphs.loc[paragraphs.paragraph == 155, "co_refs"].iloc[0]) == [15, 16]


def test_every_claim_text_is_its_paragraph_text_at_its_offsets(built):
    out, _ = built
    texts = pd.read_parquet(out / "paragraphs.parquet").set_index("paragraph")["text"]
    claims = pd.read_parquet(out / "claims.parquet")
    assert len(claims) > 700
    for row in claims.itertuples():
        assert texts[row.paragraph][row.start:row.end] == row.text


def test_build_prints_a_summary(built):
    _, result = built
    assert f"{REPORT}: 437 paragraphs" in result.stdout
    assert "claims by kind: count" in result.stdout and " s" in result.stdout.splitlines()[-1]


def test_reports_table_carries_the_metadata(built):
    out, _ = built
    reports = pd.read_parquet(out / "reports.parquet")
    assert reports.loc[0, "symbol"] == "CERD/C/KAZ/11-14" and reports.loc[0, "paragraphs"] == 437


def test_changing_a_number_in_the_raw_text_changes_its_claim(raw_copy, tmp_path, built):
    report = raw_copy / f"{REPORT}.txt"
    text = report.read_text(encoding="utf-8")
    assert text.count("s’élève à 46 en 2022") == 1
    report.write_text(text.replace("s’élève à 46 en 2022", "s’élève à 47 en 2022"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_etl("--input", raw_copy, "--out", out).returncode == 0
    before = pd.read_parquet(built[0] / "claims.parquet").query("paragraph == 156 and kind == 'count'")
    after = pd.read_parquet(out / "claims.parquet").query("paragraph == 156 and kind == 'count'")
    assert before["value"].tolist() == [46, 84, 91]
    assert after["value"].tolist() == [47, 84, 91]
    assert after["claim_id"].tolist() == before["claim_id"].tolist()  # ids are stable


def test_a_single_report_file_can_be_given(raw_copy, tmp_path):
    result = run_etl("--input", raw_copy / f"{REPORT}.txt", "--out", tmp_path / "out")
    assert result.returncode == 0 and (tmp_path / "out" / "claims.parquet").exists()


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1": ("1.\tLe Comité note l’été.\n".encode("cp1252"), "not UTF-8"),
    "no_paragraphs": ("Le Comité note.\nIl recommande.\n".encode(), "no numbered paragraph"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_exit_2_and_keeps_previous_outputs(tmp_path, built, case):
    content, message = BAD_INPUTS[case]
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / f"{case}.txt"
    bad.write_bytes(content)
    result = run_etl("--input", bad, "--out", out)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(bad) in lines[0] and message in lines[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_input_and_bad_metadata_are_clear_errors(tmp_path, raw_copy):
    result = run_etl("--input", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    (raw_copy / f"{REPORT}.json").write_text("{not json", encoding="utf-8")
    result = run_etl("--input", raw_copy, "--out", tmp_path / "out")
    assert result.returncode == 2 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
