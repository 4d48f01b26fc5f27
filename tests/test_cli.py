"""`python -m etl` as a user runs it: real files in, real Parquet out, clear errors."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_tables import manifest, plain_files, report_folder, stored_catalog, stored_table

from contract.schema import CHECK_STATUSES
from contract.store import current_folder, table_files

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
REPORT = "CERD_C_KAZ_11-14_fr"


def run_etl(*args):
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    out, _result = built
    paragraphs = stored_table(out, "paragraphs")
    claims = stored_table(out, "claims")
    assert list(paragraphs.columns) == [
        "report_id",
        "paragraph",
        "chapter",
        "chapter_title",
        "section",
        "section_title",
        "subsection",
        "co_refs",
        "text",
        "char_start",
        "char_end",
        "flag",
        "part",
        "part_title",
        "notes",
    ]
    assert list(claims.columns) == [
        "report_id",
        "paragraph",
        "item",
        "claim_id",
        "text",
        "start",
        "end",
        "value",
        "unit",
        "kind",
        "qualifier",
        "period",
        "subject",
        "sentence",
        "planned",
    ]
    assert paragraphs["paragraph"].tolist() == list(range(1, 438))
    assert claims["claim_id"].is_unique
    assert str(claims["value"].dtype) == "float64"
    assert list(paragraphs.loc[paragraphs.paragraph == 155, "co_refs"].iloc[0]) == [15, 16]


def test_every_claim_text_is_its_paragraph_text_at_its_offsets(built):
    out, _ = built
    texts = stored_table(out, "paragraphs").set_index("paragraph")["text"]
    claims = stored_table(out, "claims")
    assert len(claims) > 700
    for row in claims.itertuples():
        assert texts[row.paragraph][row.start : row.end] == row.text


def test_build_prints_a_summary(built):
    _, result = built
    assert f"{REPORT}: 437 paragraphs" in result.stdout
    assert "claims by kind: count" in result.stdout and " s" in result.stdout.splitlines()[-1]


def test_reports_table_carries_the_metadata(built):
    out, _ = built
    reports = stored_table(out, "reports")
    assert reports.loc[0, "symbol"] == "CERD/C/KAZ/11-14" and reports.loc[0, "paragraphs"] == 437


def test_changing_a_number_in_the_raw_text_changes_its_claim(raw_copy, tmp_path, built):
    report = raw_copy / f"{REPORT}.txt"
    text = report.read_text(encoding="utf-8")
    assert text.count("s’élève à 46 en 2022") == 1
    report.write_text(text.replace("s’élève à 46 en 2022", "s’élève à 47 en 2022"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_etl("--input", raw_copy, "--out", out).returncode == 0
    before = stored_table(built[0], "claims").query("paragraph == 156 and kind == 'count'")
    after = stored_table(out, "claims").query("paragraph == 156 and kind == 'count'")
    assert before["value"].tolist() == [46, 84, 91]
    assert after["value"].tolist() == [47, 84, 91]
    assert after["claim_id"].tolist() == before["claim_id"].tolist()  # ids are stable


def test_a_single_report_file_can_be_given(raw_copy, tmp_path):
    result = run_etl("--input", raw_copy / f"{REPORT}.txt", "--out", tmp_path / "out")
    assert result.returncode == 0 and len(stored_table(tmp_path / "out", "claims")) == 817


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "no_paragraphs": ("Le Comité note.\nIl recommande.\n".encode(), "no numbered paragraph"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_exit_2_and_keeps_previous_outputs(tmp_path, built, case):
    content, message = BAD_INPUTS[case]
    out = tmp_path / "out"
    shutil.copytree(built[0], out, symlinks=True)
    before = snapshot(out)
    bad = tmp_path / f"{case}.txt"
    bad.write_bytes(content)
    result = run_etl("--input", bad, "--out", out)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(bad) in lines[0] and message in lines[0]
    assert snapshot(out) == before


def test_missing_input_and_bad_metadata_are_clear_errors(tmp_path, raw_copy):
    result = run_etl("--input", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    (raw_copy / f"{REPORT}.json").write_text("{not json", encoding="utf-8")
    result = run_etl("--input", raw_copy, "--out", tmp_path / "out")
    assert result.returncode == 2 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# --- indicators, catalogue and checks (issue #3) -------------------------------------------


def test_build_writes_observations_checks_and_catalog(built):
    out, _ = built
    observations = stored_table(out, "observations")
    assert list(observations.columns[:2]) == ["indicator_id", "report_id"]
    assert list(observations.columns[-14:]) == [
        "period",
        "value",
        "unit",
        "qualifier",
        "paragraph",
        "item",
        "quote",
        "claim_id",
        "text",
        "start",
        "end",
        "note",
        "note_en",
        "position",
    ]
    assert {"group", "measure", "language", "article", "origin", "outcome"} <= set(observations.columns)
    checks = stored_table(out, "checks")
    assert list(checks.columns) == [
        "check_id",
        "report_id",
        "kind",
        "paragraphs",
        "indicator_ids",
        "description",
        "description_fr",
        "expected",
        "computed",
        "tolerance",
        "status",
        "explanation",
        "explanation_fr",
        "detail",
        "detail_fr",
        "claim_id",
        "claim_ids",
    ]
    assert {"consistent", "inconsistent"} <= set(checks["status"]) <= set(CHECK_STATUSES)
    assert checks["check_id"].is_unique
    catalog = stored_catalog(out)
    assert {e["indicator_id"] for e in catalog} == set(observations["indicator_id"])
    for entry in catalog:
        assert entry["observations"] == (observations["indicator_id"] == entry["indicator_id"]).sum()


def test_every_observation_quote_is_verbatim_in_the_built_tables(built):
    out, _ = built
    texts = stored_table(out, "paragraphs").set_index("paragraph")["text"]
    observations = stored_table(out, "observations")
    for row in observations.itertuples():
        assert row.quote in texts[row.paragraph] and row.text in row.quote, row.claim_id


def test_build_prints_the_checks_and_each_inconsistency(built):
    _, result = built
    lines = result.stdout.splitlines()
    summary = next(line for line in lines if line.startswith("checks: "))
    run, inconsistent = int(summary.split()[1]), int(summary.split(", ")[-1].split()[0])
    listed = [line for line in lines if line.strip().startswith("inconsistent ")]
    assert run >= 45 and len(listed) == inconsistent > 0
    assert any("statelessness_campaign_2024_outcomes (par. 290): expected 835, computed 840" in line for line in listed)


def test_editing_numbers_in_the_raw_report_changes_observations_and_checks(raw_copy, tmp_path, built):
    report = raw_copy / f"{REPORT}.txt"
    text = report.read_text(encoding="utf-8")
    # par. 156: 46 registered cases in 2022 -> 47 (the total of par. 191 stays 221)
    # par. 290: 835 identified -> 840, which makes its outcomes add up
    for old, new in [
        ("s’élève à 46 en 2022", "s’élève à 47 en 2022"),
        ("2024, 835\xa0personnes", "2024, 840\xa0personnes"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_etl("--input", raw_copy, "--out", out)
    assert result.returncode == 0, result.stderr

    def observation(folder, indicator_id, period):
        o = stored_table(folder, "observations")
        return o[(o.indicator_id == indicator_id) & (o.period == period)]["value"].tolist()

    def status(folder, check_id):
        checks = stored_table(folder, "checks").set_index("check_id")
        return checks.loc[check_id, "status"]

    assert observation(built[0], "art174_registered_cases", "2022") == [46]
    assert observation(out, "art174_registered_cases", "2022") == [47]
    assert status(built[0], "art174_registered_sum") == "consistent"
    assert status(out, "art174_registered_sum") == "inconsistent"
    assert status(built[0], "statelessness_campaign_2024_outcomes") == "inconsistent"
    assert status(out, "statelessness_campaign_2024_outcomes") == "consistent"
    assert "inconsistent art174_registered_sum (par. 156, 191): expected 221, computed 222" in result.stdout


def test_a_bad_definition_gives_one_line_exit_2_and_keeps_previous_outputs(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built[0], out, symlinks=True)
    before = snapshot(out)
    definitions = tmp_path / "indicators"
    shutil.copytree(ROOT / "indicators", definitions)
    path = definitions / "article_174.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '{ paragraph = 156, period = "2023" }', '{ paragraph = 156, period = "2031" }'
        ),
        encoding="utf-8",
    )
    result = run_etl("--input", RAW, "--out", out, "--indicators", definitions)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        f"error: {RAW / REPORT}.txt: article_174.toml, indicator art174_registered_cases, observation 2: 0 claims match"
    )
    assert snapshot(out) == before


# --- the store: versions, the single-file and folder inputs, the subcommand (issue 12) ------


def test_the_store_is_one_version_behind_a_current_link(built):
    """`current` names one version, whose manifest lists every table's shards and the report's own folder."""
    out, _ = built
    assert os.readlink(out / "current").startswith("versions/")
    version = current_folder(out)
    assert sorted(p.name for p in version.iterdir()) == ["manifest.json"]
    for name in ("paragraphs", "claims", "observations", "checks", "reports", "catalog"):
        [shard] = table_files(version, name)  # one report: one shard of each table
        assert shard.parent == out / "shards" and shard.name.startswith(f"{name}.") and shard.is_file()
    assert [entry[0] for entry in manifest(out)["reports"]] == [REPORT]
    info = json.loads((report_folder(out, REPORT) / "build.json").read_text())
    assert info["source"] == str(RAW / f"{REPORT}.txt")
    assert not [p for p in out.iterdir() if p.name.endswith((".parquet", ".json"))]  # no top-level files


def test_a_single_file_is_added_beside_the_stored_reports_and_a_folder_says_what_it_drops(raw_copy, tmp_path):
    out = tmp_path / "out"
    assert run_etl("--input", raw_copy, "--out", out).returncode == 0
    extra = tmp_path / "extra.txt"
    extra.write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    added = run_etl("--input", extra, "--out", out)
    assert added.returncode == 0, added.stderr
    assert "1 other reports of the store kept as they are (not in --input)" in added.stdout
    assert REPORT not in added.stdout  # a single file's run reads and prints only its report
    assert stored_table(out, "reports")["report_id"].tolist() == [REPORT, "extra"]
    again = run_etl("--input", raw_copy, "--out", out)  # the folder is the whole truth again
    assert again.returncode == 0 and "extra: dropped (its file is no longer in --input)" in again.stdout
    assert stored_table(out, "reports")["report_id"].tolist() == [REPORT]
    assert len(list((out / "versions").iterdir())) == 2  # the current version and the one before


def test_build_is_the_default_subcommand(tmp_path, raw_copy):
    result = run_etl("build", "--input", raw_copy / f"{REPORT}.txt", "--out", tmp_path / "out")
    assert result.returncode == 0 and len(stored_table(tmp_path / "out", "claims")) == 817
    assert "--wait SECONDS" in run_etl("--help").stdout


def test_a_store_of_an_older_build_is_taken_over_and_its_leftovers_removed(raw_copy, tmp_path):
    """Regular files at the top, reports/<id>/ and .tmp-PID files (builds before versions): replaced by
    links, removed; a file the build did not write stays."""
    out = tmp_path / "out"
    (out / "reports" / REPORT).mkdir(parents=True)
    for name in ("paragraphs.parquet", "claims.parquet", "catalog.json", ".claims.parquet.tmp-123"):
        (out / name).write_bytes(b"old")
    for name in ("claims.parquet", "build.json", ".claims.parquet.tmp-9"):
        (out / "reports" / REPORT / name).write_bytes(b"old")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert run_etl("--input", raw_copy, "--out", out).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".etl-store",  # the mark: from now on a store of this build
        ".lock",
        "builds",
        "current",
        "notes.txt",
        "shards",
        "versions",
    ]
    assert len(stored_table(out, "claims")) == 817 and (out / "notes.txt").read_text() == "mine"


def test_a_version_from_before_shards_is_taken_over_and_its_top_level_links_removed(raw_copy, tmp_path):
    """A store whose `current` version holds each table as one file, with links at the top (builds before
    shards): its reports are moved to builds/ once, unchanged, and the links go."""
    out = tmp_path / "out"
    assert run_etl("--input", raw_copy, "--out", out).returncode == 0
    old = out / "versions" / "20200101T000000.000000Z-1"
    plain_files(out, old)
    (old / "reports" / REPORT).mkdir(parents=True)
    for name in (*(f"{t}.parquet" for t in ("paragraphs", "items", "claims", "observations", "checks")), "build.json"):
        shutil.copy2(report_folder(out, REPORT) / name, old / "reports" / REPORT / name)
    for name in ("reports", "suggestions", "catalog"):
        shutil.copy2(report_folder(out, REPORT) / f"{name}.parquet", old / "reports" / REPORT / f"{name}.parquet")
    (old / "manifest.json").unlink(missing_ok=True)
    for path in (out / "builds", out / "shards"):
        shutil.rmtree(path)
    for version in (out / "versions").iterdir():
        if version != old:
            shutil.rmtree(version)
    (out / "current").unlink()
    os.symlink(f"versions/{old.name}", out / "current")
    os.symlink("current/claims.parquet", out / "claims.parquet")
    extra = tmp_path / "extra.txt"
    extra.write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    result = run_etl("--input", extra, "--out", out)
    assert result.returncode == 0, result.stderr
    assert stored_table(out, "reports")["report_id"].tolist() == [REPORT, "extra"]
    assert len(stored_table(out, "claims").query("report_id == @REPORT")) == 817
    assert not os.path.lexists(out / "claims.parquet")


def test_a_copy_of_the_store_with_links_followed_can_be_built_into(built, tmp_path):
    """`cp -rL` (or shutil.copytree) turns `current` into a folder: the next build still switches cleanly."""
    copy = tmp_path / "copy"
    shutil.copytree(built[0], copy)
    assert (copy / "current").is_dir() and not (copy / "current").is_symlink()
    extra = tmp_path / "extra.txt"
    extra.write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    result = run_etl("--input", extra, "--out", copy)
    assert result.returncode == 0, result.stderr
    assert (copy / "current").is_symlink()
    assert stored_table(copy, "reports")["report_id"].tolist() == [REPORT, "extra"]
    assert not [p for p in (copy / "versions").iterdir() if p.name.startswith(".")]


def _older_store(built, out: Path) -> None:
    """The store as a build from before suggestions left it: no suggestions.parquet beside the report's tables."""
    shutil.copytree(built[0], out, symlinks=True)
    (report_folder(out, REPORT) / "suggestions.parquet").unlink()


def test_a_report_stored_before_suggestions_is_kept_when_one_file_is_added(built, tmp_path):
    out, raw = tmp_path / "out", tmp_path / "raw"
    _older_store(built, out)
    raw.mkdir()
    (raw / "small.txt").write_text(
        "1.\tEn 2024, 12 affaires ont été enregistrées par les tribunaux du pays.\n", encoding="utf-8"
    )
    (raw / "small.json").write_text('{"language": "fr"}', encoding="utf-8")
    result = run_etl("--input", raw / "small.txt", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "dropped" not in result.stdout
    assert stored_table(out, "reports").report_id.tolist() == [REPORT, "small"]
    assert len(stored_table(out, "claims").query("report_id == @REPORT")) == 817


def test_a_single_file_build_refuses_to_lose_a_stored_report_it_cannot_read(built, tmp_path):
    """A stored report whose own tables are damaged is kept as it is when another report is added; when the
    added report shares its symbol (its translation checks are made again) the build stops, writing nothing."""
    out, raw = tmp_path / "out", tmp_path / "raw"
    shutil.copytree(built[0], out, symlinks=True)
    (report_folder(out, REPORT) / "claims.parquet").unlink()
    raw.mkdir()
    (raw / "small.txt").write_text(
        "1.\tEn 2024, 12 affaires ont été enregistrées par les tribunaux du pays.\n", encoding="utf-8"
    )
    (raw / "other.txt").write_text((raw / "small.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "other.json").write_text('{"language": "fr", "symbol": "CERD/C/KAZ/11-14"}', encoding="utf-8")
    before = snapshot(out)
    result = run_etl("--input", raw / "other.txt", "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"the stored tables of {REPORT} cannot be read" in line and "--input <folder of reports>" in line
    assert snapshot(out) == before
    assert run_etl("--input", raw / "small.txt", "--out", out).returncode == 0
    assert len(stored_table(out, "claims").query("report_id == @REPORT")) == 817


@pytest.mark.parametrize("damage", ["truncated", "not a manifest"])
def test_a_single_file_build_refuses_a_store_whose_list_of_reports_cannot_be_read(built, tmp_path, damage):
    """Were the current version's manifest taken for an empty store, the new version would hold the added report
    alone: the run stops, writing nothing, and a whole folder's run repairs the store."""
    out, raw = tmp_path / "out", tmp_path / "raw"
    shutil.copytree(built[0], out, symlinks=True)
    listing = current_folder(out) / "manifest.json"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text[: len(text) // 2] if damage == "truncated" else '{"reports": 3}', encoding="utf-8")
    raw.mkdir()
    (raw / "small.txt").write_text("1.\tEn 2024, 12 affaires ont été jugées.\n", encoding="utf-8")
    before = snapshot(out)
    result = run_etl("--input", raw / "small.txt", "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(listing) in line and "cannot be read" in line and "--input <folder of reports>" in line
    assert snapshot(out) == before
    assert run_etl("--input", RAW, "--out", out).returncode == 0
    assert stored_table(out, "reports")["report_id"].tolist() == [REPORT]


# --- the build library: one report a pure function of its inputs, tables as records ------------------------


def _one_report(built_at: str = "2025-01-01T00:00:00+00:00"):
    from etl.definitions import parse_definitions
    from etl.inputs import load_metadata, read_input
    from etl.report import ReportSource, build_one
    from etl.sources import MAX_REPORT_BYTES

    path = RAW / f"{REPORT}.txt"
    metadata, _ = load_metadata(path)
    source = ReportSource(str(path), read_input(path, MAX_REPORT_BYTES, "report file"), metadata, REPORT)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "indicators").glob("*.toml")}
    return build_one(source, parse_definitions(texts), built_at)


def _plain(tables) -> str:
    """Every record of every table, as JSON (NaN written as NaN, so two NaN compare equal)."""
    from contract.schema import BUILT_TABLES, as_dict

    return json.dumps(
        {name: [as_dict(r) for r in tables.rows(name)] for name in BUILT_TABLES}, default=str, sort_keys=True
    )


def test_building_one_report_is_a_pure_function_of_its_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # it writes nothing: the folder it runs in stays empty
    first, again = _one_report(), _one_report()
    assert _plain(first.tables) == _plain(again.tables)
    assert list(tmp_path.iterdir()) == []
    tables = first.tables
    (report,) = tables.reports
    # the records the README's summary counts, read from the text, none from another run
    assert (report.report_id, report.paragraphs, report.claims, report.built_at) == (
        REPORT,
        437,
        817,
        "2025-01-01T00:00:00+00:00",
    )
    assert (len(tables.paragraphs), len(tables.claims)) == (437, 817)
    assert "measure" in tables.dimensions and "group" in tables.dimensions


def test_a_reports_tables_read_back_from_arrow_are_the_records_written():
    from etl.tables import from_arrow, to_arrow

    tables = _one_report().tables
    arrow = to_arrow(tables)
    assert arrow["observations"].column_names[2] not in ("period", "value")  # dimensions sit after report_id
    assert _plain(from_arrow(arrow)) == _plain(tables)


def test_the_records_carry_their_defaults_into_the_tables(built):
    out, _ = built
    paragraphs = stored_table(out, "paragraphs")
    claims = stored_table(out, "claims")
    assert set(paragraphs.part) == {"body"} and all(len(n) == 0 for n in paragraphs.notes)
    # the figures the report plans rather than reports: "seront créées d'ici à la fin de 2025" (par. 226),
    # "il est prévu de former plus de 1 000 nouveaux enseignants" (par. 256), … read in the text
    assert set(claims[claims.planned].paragraph) == {225, 226, 228, 229, 232, 235, 240, 254, 256}
