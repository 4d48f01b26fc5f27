"""Any report in, nothing lost: several reports and formats, unchanged ones skipped, bad ones isolated."""

import shutil
import subprocess
import sys

import pytest
from report_files import report_docx, report_pdf
from store_tables import stored_table
from test_cli import (  # noqa: F401 (fixtures)
    RAW,
    REPORT,
    ROOT,
    built,
    raw_copy as raw_folder,
    run_etl,
    snapshot,
)

from etl.claims import extract_claims
from etl.sources import MAX_LINE_CHARS


@pytest.fixture(scope="module")
def report_text_():
    return (RAW / f"{REPORT}.txt").read_text(encoding="utf-8")


def test_several_reports_in_three_formats_are_kept_apart(raw_folder, tmp_path, report_text_):
    (raw_folder / "copy_docx.docx").write_bytes(report_docx(report_text_))
    (raw_folder / "copy_pdf.pdf").write_bytes(report_pdf(report_text_))
    (raw_folder / "copy_pdf.json").write_text('{"symbol": "X/PDF/1"}', encoding="utf-8")
    out = tmp_path / "out"
    result = run_etl("--input", raw_folder, "--out", out)
    assert result.returncode == 0, result.stderr
    reports = stored_table(out, "reports").set_index("report_id")
    assert sorted(reports.index) == sorted([REPORT, "copy_docx", "copy_pdf"])
    assert (
        reports.loc["copy_pdf", "symbol"] == "X/PDF/1" and reports.loc["copy_docx", "source_file"] == "copy_docx.docx"
    )
    claims = stored_table(out, "claims")
    assert (claims.groupby("report_id").size() == 817).all()
    # the indicator definitions name CERD_C_KAZ_11-14_fr: they do not silently apply to the copies, which
    # get only the tables suggested from their own numbers (issue 14), under their own ids
    observations = stored_table(out, "observations")
    curated = observations[~observations.indicator_id.str.contains(r"-p\d+-s\d+$")]
    assert set(curated["report_id"]) == {REPORT}
    suggested = observations[observations.indicator_id.str.contains(r"-p\d+-s\d+$")]
    assert all(i.startswith(f"{r}-p") for i, r in zip(suggested.indicator_id, suggested.report_id))
    checks = stored_table(out, "checks")
    defined = checks[~checks.check_id.str.contains(r"-p\d+-s\d+") & (checks.kind != "repeat")]
    assert set(defined["report_id"]) == {REPORT}
    # the same figures for two periods (par. 374 and 410) are found by the build in every copy, from its own claims
    repeats = checks[checks.kind == "repeat"]
    assert sorted(repeats.report_id) == sorted([REPORT, "copy_docx", "copy_pdf"])


def test_an_unchanged_report_is_not_rebuilt_and_a_changed_one_is(raw_folder, tmp_path):
    (raw_folder / "second.txt").write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_etl("--input", raw_folder, "--out", out).returncode == 0
    again = run_etl("--input", raw_folder, "--out", out)
    assert again.returncode == 0
    assert f"{REPORT}: 437 paragraphs, 817 claims (unchanged, not rebuilt)" in again.stdout
    assert "second: 1 paragraphs, 2 claims (unchanged, not rebuilt)" in again.stdout
    (raw_folder / "second.txt").write_text("1.\tEn 2024, 13 affaires ont été jugées.\n", encoding="utf-8")
    third = run_etl("--input", raw_folder, "--out", out)
    assert (
        "second: 1 paragraphs, 2 claims\n" in third.stdout
        and f"{REPORT}: 437 paragraphs, 817 claims (unchanged" in third.stdout
    )
    claims = stored_table(out, "claims")
    assert claims.query("report_id == 'second' and kind == 'count'")["value"].tolist() == [13]


def test_one_bad_report_does_not_stop_the_others_and_keeps_its_previous_tables(raw_folder, tmp_path):
    second = raw_folder / "second.txt"
    second.write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_etl("--input", raw_folder, "--out", out).returncode == 0
    second.write_bytes(b"\x00\x01binary")
    third = raw_folder / "third.txt"
    third.write_text("1.\tEn 2023, 7 personnes ont été condamnées.\n", encoding="utf-8")
    result = run_etl("--input", raw_folder, "--out", out)
    assert result.returncode == 2
    [error] = result.stderr.strip().splitlines()
    assert error == f"error: {second}: this is a binary file, not text; export the report as UTF-8 text"
    assert "second: 1 paragraphs, 2 claims (previous build kept)" in result.stdout
    counts = stored_table(out, "claims").query("kind == 'count' and report_id != @REPORT")
    assert counts[["report_id", "value"]].values.tolist() == [["second", 12], ["third", 7]]


def test_a_latin1_report_is_read_with_a_warning(tmp_path):
    report = tmp_path / "windows.txt"
    report.write_bytes("1.\tLe Comité note que 12 affaires ont été jugées en 2024.\n".encode("cp1252"))
    result = run_etl("--input", report, "--out", tmp_path / "out")
    assert result.returncode == 0
    assert result.stderr.startswith(f"warning: {report}: not UTF-8 (byte 0xe9, line 1); read as cp1252")
    paragraphs = stored_table(tmp_path / "out", "paragraphs")
    assert paragraphs.loc[0, "text"].startswith("Le Comité note")


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff1.\tEn 2024, 12 affaires.\r\n2.\tEn 2025, 3 affaires.\r\n",  # BOM and CRLF
        "1.\tEn 2024, 12 affaires.\n2.\tEn 2025, 3 affaires.\n",
    ],
)
def test_bom_and_crlf_give_the_same_tables(tmp_path, text):
    report = tmp_path / "r.txt"
    report.write_bytes(text.encode("utf-8"))
    assert run_etl("--input", report, "--out", tmp_path / "out").returncode == 0
    counts = stored_table(tmp_path / "out", "claims").query("kind == 'count'")
    assert counts[["paragraph", "value", "period"]].values.tolist() == [[1, 12, "2024"], [2, 3, "2025"]]


def test_duplicate_and_out_of_order_paragraphs_are_kept_and_flagged(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("1.\tUn.\n2.\tDeux.\n2.\tDeux encore.\n4.\tQuatre.\n3.\tTrois.\n", encoding="utf-8")
    result = run_etl("--input", report, "--out", tmp_path / "out")
    assert result.returncode == 0
    paragraphs = stored_table(tmp_path / "out", "paragraphs")
    assert paragraphs["paragraph"].tolist() == [1, 2, 2, 4, 3]
    assert paragraphs["flag"].fillna("").tolist() == ["", "", "duplicate", "", "out_of_order"]
    assert "2 paragraphs flagged (1 duplicate, 1 out of order)" in result.stdout


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("prose.txt", "Le Comité note.\nIl recommande.\n".encode(), "no numbered paragraph"),
        ("broken.docx", b"PK\x03\x04garbage", "not a readable Word document"),
        ("broken.pdf", b"%PDF-1.7\n%garbage", "not a readable PDF"),
    ],
)
def test_each_bad_input_gives_one_line_exit_2_and_leaves_outputs_as_they_were(built, tmp_path, name, content, message):
    out = tmp_path / "out"
    shutil.copytree(built[0], out, symlinks=True)  # the store as the build left it, links and all
    before = snapshot(out)
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run_etl("--input", bad, "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {bad}: ") and message in line
    assert snapshot(out) == before


def test_long_lines_up_to_the_limit_and_malformed_numbers_do_not_break_the_build(tmp_path):
    malformed = (
        "12,,5 % ; 1.234.567 ; 3 4 5 6 7 ; 99999999999999999999 ; ,5 ; 7, ; 1e6 ; 12 000 000 000 000 000 000 ; %"
    )
    long_line = "1.\t" + ("En 2024, 12 affaires ont été jugées ; " * 250) + "\n"
    assert 9_000 < len(long_line) < MAX_LINE_CHARS
    report = tmp_path / "r.txt"
    report.write_text(long_line + "2.\t" + malformed + "\n", encoding="utf-8")
    (tmp_path / "r.json").write_text('{"language": "fr"}', encoding="utf-8")  # too few words to tell the language
    result = run_etl("--input", report, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    claims = stored_table(tmp_path / "out", "claims")
    assert (claims.paragraph == 1).sum() == 500
    for claim in extract_claims(malformed):
        assert malformed[claim.start : claim.end] == claim.text


def test_a_line_over_the_limit_is_refused_with_its_number(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("1.\tLe Comité note.\n2.\t" + "Le Comité note la loi. " * 1_000 + "\n", encoding="utf-8")
    result = run_etl("--input", report, "--out", tmp_path / "out")
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert result.stderr == (
        f"error: {report}: line 2 is 23,003 characters long, more than the 20,000 of a paragraph; "
        "is the text exported one paragraph per line?\n"
    )


def test_a_report_repeated_ten_times_is_built_whole_within_1_gb(tmp_path, report_text_):
    """Ten copies (1.9 MB): every paragraph kept, peak memory under 1 GB (the 50 MB build is in bench/bench_sources.py)."""
    big = tmp_path / "big.txt"
    copies = 10
    big.write_text(report_text_ * copies, encoding="utf-8")
    # a child process of its own, so its peak memory is its alone
    code = (
        "import resource, sys; from etl.cli import main; status = main(sys.argv[1:]); "
        "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--input", str(big), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    peak_kb = int(result.stdout.split("maxrss_kb")[1].split()[0])
    assert peak_kb < 1024 * 1024, f"peak {peak_kb / 1024:.0f} MB"
    assert f"big: {437 * copies} paragraphs" in result.stdout
