"""`python -m etl`: build data/processed/ from the reports in data/raw/.

The only module of etl/ that reads or writes files. Each report is built on its own and
kept in data/processed/reports/<report_id>/ with the key it was built from (its file, its
metadata, the indicator definitions, the code): an unchanged report is not rebuilt, and a
report that fails (one line on stderr, exit status 2 at the end) keeps its previous tables
while the others are built. The combined tables are then written next to that folder.
Every file is written to a temporary name and renamed into place.
"""
import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from contract.schema import CLAIM_KINDS as KINDS, schema
from etl.build import (
    build_indicators, build_report, build_suggestions, catalog_entries, is_suggestion_id, suggested_catalog_entries,
)
from etl.drafts import DIMENSION as SUGGESTED_DIMENSION, draft_files, draft_topics
from etl.suggest import HIGH_CONFIDENCE
from etl.indicators import DefinitionError, parse_definitions
from etl.segment import SegmentationError
from etl.sources import SUFFIXES as REPORT_SUFFIXES, SourceError, SourceText, report_text

STORE = "reports"  # out/reports/<report_id>/: each report's own tables and build key
TABLES = ("paragraphs", "claims", "observations", "checks", "reports", "suggestions")

class InputError(Exception):
    """A report file that cannot be read; the message says which file and what to do."""


@dataclass
class ReportBuild:
    """What became of one report file in this run: built, unchanged, or failed (with why)."""
    path: Path
    report_id: str
    status: str  # 'built' | 'unchanged' | 'failed'
    tables: dict[str, pa.Table] | None = None
    key: str = ""
    message: str = ""
    warnings: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["suggest"]:
        return suggest_main(argv[1:])
    args = _parse_args(argv)
    started = time.perf_counter()
    out = Path(args.out)
    try:
        # Load inputs.
        sources = find_reports(Path(args.input))
        definition_texts = load_definition_texts(Path(args.indicators))
        definitions = parse_definitions(definition_texts)
    except (InputError, DefinitionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Process data: each report on its own, so one bad report does not stop the others.
    context = _fingerprint(definition_texts)
    builds = [build_one(path, definitions, context, out) for path in sources]
    _refuse_shared_ids(builds)
    for build in builds:
        for warning in build.warnings:
            print(f"warning: {build.path}: {warning}", file=sys.stderr)
        if build.status == "failed":
            print(f"error: {build.message}", file=sys.stderr)
    kept = [b for b in builds if b.tables is not None]
    if not kept:
        return 2
    tables = combine([b.tables for b in kept])
    # Save outputs: only when something changed, so a failed run leaves data/processed/ as it was.
    if any(b.status == "built" for b in builds) or _listed_reports(out) != [b.report_id for b in kept]:
        observations, checks = tables["observations"].to_pylist(), tables["checks"].to_pylist()
        catalog = catalog_entries(definitions, observations, checks) + suggested_catalog_entries(
            tables["claims"].to_pylist(), tables["paragraphs"].to_pylist(), observations, checks)
        write_outputs(out, {b.report_id: b for b in builds if b.status == "built"}, tables, catalog)
    print_summary(builds, tables, time.perf_counter() - started, out)
    return 2 if any(b.status == "failed" for b in builds) else 0


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    parser.add_argument("--input", default="data/raw", help="a report file, or a folder of reports (default: data/raw)")
    parser.add_argument("--out", default="data/processed", help="output folder (default: data/processed)")
    parser.add_argument("--indicators", default="indicators",
                        help="folder of indicator definition files, *.toml (default: indicators)")
    return parser.parse_args(argv)


def find_reports(path: Path) -> list[Path]:
    """The report files named by --input: the file itself, or the reports in the folder."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; give --input a report file or a folder of reports")
    if path.is_file():
        return [path]
    found = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
    if not found:
        raise InputError(f"{path}: no report found (expected {', '.join(REPORT_SUFFIXES)} files); add one or point --input elsewhere")
    return found


def build_one(path: Path, definitions, context: str, out: Path) -> ReportBuild:
    """One report's tables: rebuilt if its file, metadata, definitions or code changed, else reused."""
    report_id = path.stem
    try:
        data = path.read_bytes()
        metadata, sidecar = load_metadata(path)
        report_id = metadata.get("report_id") or path.stem
        key = hashlib.sha256(b"\0".join([data, sidecar, context.encode()])).hexdigest()
        if _stored_key(out, report_id) == key and (stored := _read_store(out, report_id)):
            return ReportBuild(path, report_id, "unchanged", stored, key)
        source = _source_text(path, data)
        report = {"path": path, "text": source.text, "sha256": hashlib.sha256(data).hexdigest(),
                  "report_id": report_id, "metadata": metadata}
        tables = process_report(report, definitions)
        return ReportBuild(path, report_id, "built", tables, key, warnings=source.warnings)
    except (InputError, DefinitionError, OSError) as error:
        message = str(error) if str(error).startswith(str(path)) else f"{path}: {error}"
        return ReportBuild(path, report_id, "failed", _read_store(out, report_id), message=message)


def _source_text(path: Path, data: bytes) -> SourceText:
    try:
        return report_text(data, path.suffix)
    except SourceError as error:
        raise InputError(f"{path}: {error}") from None


def load_metadata(path: Path) -> tuple[dict, bytes]:
    """The metadata sidecar (<name>.json beside the report) and its bytes (empty when there is none)."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}, b""
    data = sidecar.read_bytes()
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{sidecar}: not valid JSON ({error}); fix the metadata file") from None
    if not isinstance(metadata, dict):
        raise InputError(f"{sidecar}: metadata must be a JSON object; fix the metadata file")
    return metadata, data


def load_definition_texts(folder: Path) -> dict[str, str]:
    """The indicator definition files ({file name: text}); none is a valid, empty catalogue."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of indicator definitions; point --indicators at one")
    texts = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            texts[path.name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8; re-save the definition file as UTF-8") from None
    return texts


def _fingerprint(definition_texts: dict[str, str]) -> str:
    """What else a report's tables depend on: the definitions and the code of etl/ and contract/."""
    parts = [f"{name}\0{text}" for name, text in sorted(definition_texts.items())]
    code = Path(__file__).parent
    parts += [p.read_text(encoding="utf-8") for p in sorted([*code.rglob("*.py"), *(code.parent / "contract").glob("*.py")])]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _refuse_shared_ids(builds: list[ReportBuild]) -> None:
    """Two files claiming one report_id would overwrite each other: both fail."""
    counts = Counter(b.report_id for b in builds)
    for build in builds:
        if counts[build.report_id] > 1:
            build.status, build.tables = "failed", None
            build.message = (f"{build.path}: another report has the report_id {build.report_id!r}; "
                             "give each its own (file name or `report_id` in the metadata)")


def process_report(report: dict, definitions) -> dict[str, pa.Table]:
    """A report's paragraphs, claims, observations, checks and its row in the reports' list, as Arrow tables."""
    try:
        records = build_report(report["text"], report["report_id"])
    except SegmentationError as error:
        raise InputError(f"{report['path']}: {error}; check that this is the text of a report") from None
    _check(records, report)
    indicators = build_indicators(definitions, records, report["report_id"])
    suggested = build_suggestions(records, indicators.observations, report["report_id"])
    _check_quotes(indicators.observations + suggested.observations, records)
    flagged = Counter(p["flag"] for p in records.paragraphs if p["flag"])
    row = {
        "report_id": report["report_id"], "source_file": report["path"].name,
        "sha256": report["sha256"], "metadata_json": json.dumps(report["metadata"], ensure_ascii=False),
        "symbol": report["metadata"].get("symbol"), "paragraphs": len(records.paragraphs),
        "claims": len(records.claims), "flagged_paragraphs": sum(flagged.values()),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    return {
        "paragraphs": pa.Table.from_pylist(records.paragraphs, schema=schema("paragraphs")),
        "claims": pa.Table.from_pylist(records.claims, schema=schema("claims")),
        "observations": pa.Table.from_pylist(indicators.observations + suggested.observations,
                                             schema=observations_schema(definitions)),
        "checks": pa.Table.from_pylist(indicators.checks + suggested.checks, schema=schema("checks")),
        "reports": pa.Table.from_pylist([row], schema=schema("reports")),
        "suggestions": pa.Table.from_pylist(suggested.rows, schema=schema("suggestions")),
    }


def combine(per_report: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """The reports' tables one after the other; observations may differ in dimension columns."""
    return {name: pa.concat_tables([t[name] for t in per_report], promote_options="default") for name in TABLES}


def observations_schema(definitions) -> pa.Schema:
    """The long form: ids, then every dimension any indicator declares (and suggested tables'), then the values."""
    declared = [d for i in definitions.indicators for d in i["dimensions"]]
    return schema("observations", list(dict.fromkeys(declared + [SUGGESTED_DIMENSION])))


def _check(records, report) -> None:
    """Provenance holds before anything is written: every span is where it says it is."""
    texts = {}
    for p in records.paragraphs:
        assert report["text"][p["char_start"]:p["char_end"]] == p["text"], f"paragraph {p['paragraph']} offsets"
        texts.setdefault(p["paragraph"], []).append(p["text"])
    for c in records.claims:
        assert any(t[c["start"]:c["end"]] == c["text"] for t in texts[c["paragraph"]]), f"claim {c['claim_id']} offsets"
        assert c["kind"] in KINDS, f"claim {c['claim_id']} kind {c['kind']}"


def _check_quotes(observations: list[dict], records) -> None:
    """Every quote is a verbatim piece of its paragraph and holds the number as written."""
    texts = {}
    for p in records.paragraphs:
        texts.setdefault(p["paragraph"], []).append(p["text"])
    for o in observations:
        assert o["text"] in o["quote"], f"{o['indicator_id']}: quote of {o['claim_id']} misses the number"
        assert any(o["quote"] in t for t in texts[o["paragraph"]]), f"{o['indicator_id']}: quote of {o['claim_id']}"


def write_outputs(out: Path, built: dict[str, ReportBuild], tables: dict[str, pa.Table], catalog: list[dict]) -> None:
    """Each rebuilt report's own tables (out/reports/<id>/), then the combined tables and the catalogue.

    Every file is written to a temporary name and renamed into place, so a reader never sees half a file.
    """
    staged = []
    for report_id, build in built.items():
        folder = out / STORE / report_id
        folder.mkdir(parents=True, exist_ok=True)
        staged += [_stage_table(folder, name, build.tables[name]) for name in TABLES]
        staged.append(_stage_text(folder / "build.json", json.dumps({"key": build.key, "source": str(build.path)})))
    staged += [_stage_table(out, name, tables[name]) for name in TABLES]
    staged.append(_stage_text(out / "catalog.json", json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"))
    for tmp, final in staged:
        os.replace(tmp, final)


def _stage_table(folder: Path, name: str, table: pa.Table) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.parquet.tmp-{os.getpid()}"
    pq.write_table(table, tmp)
    return tmp, folder / f"{name}.parquet"


def _stage_text(final: Path, text: str) -> tuple[Path, Path]:
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    return tmp, final


def _stored_key(out: Path, report_id: str) -> str | None:
    """The key a report's stored tables were built from, if any."""
    try:
        return json.loads((out / STORE / report_id / "build.json").read_text(encoding="utf-8"))["key"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_store(out: Path, report_id: str) -> dict[str, pa.Table] | None:
    """A report's tables from a previous run, if they are all there."""
    folder = out / STORE / report_id
    try:
        tables = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES if name != "suggestions"}
    except (OSError, pa.ArrowInvalid):
        return None
    # a report stored before suggestions existed (issue 14) keeps its tables when it fails now, without suggestions
    try:
        tables["suggestions"] = pq.read_table(folder / "suggestions.parquet")
    except (OSError, pa.ArrowInvalid):
        tables["suggestions"] = schema("suggestions").empty_table()
    return tables


def _listed_reports(out: Path) -> list[str]:
    try:
        return pq.read_table(out / "reports.parquet", columns=["report_id"]).column(0).to_pylist()
    except (OSError, pa.ArrowInvalid):
        return []


def print_summary(builds: list[ReportBuild], tables: dict[str, pa.Table], seconds: float, out: Path) -> None:
    status = {b.report_id: b.status for b in builds}
    paragraphs = tables["paragraphs"].select(["report_id", "flag"]).to_pylist()
    flags = Counter((p["report_id"], p["flag"]) for p in paragraphs if p["flag"])
    for row in tables["reports"].to_pylist():
        note = {"unchanged": " (unchanged, not rebuilt)", "failed": " (previous build kept)"}.get(status.get(row["report_id"]), "")
        print(f"{row['report_id']}: {row['paragraphs']} paragraphs, {row['claims']} claims{note}")
        if row["flagged_paragraphs"]:
            detail = ", ".join(f"{n} {flag.replace('_', ' ')}" for (report, flag), n in sorted(flags.items())
                               if report == row["report_id"])
            print(f"  {row['flagged_paragraphs']} paragraphs flagged ({detail}): see the `flag` column of paragraphs.parquet")
    kinds = Counter(tables["claims"].column("kind").to_pylist())
    by_kind = ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS if kinds[kind])
    print(f"claims by kind: {by_kind}")
    ids = tables["observations"].column("indicator_id").to_pylist()
    report_of = tables["observations"].column("report_id").to_pylist()
    suggested = [is_suggestion_id(i, r) for i, r in zip(ids, report_of)]
    curated = [i for i, s in zip(ids, suggested) if not s]
    print(f"indicators: {len(set(curated))} tables, {len(curated)} observations")
    suggestions = tables["suggestions"].select(["suggestion_id", "confidence"]).to_pylist()
    confidence = {s["suggestion_id"]: s["confidence"] for s in suggestions}
    print(f"suggestions: {len(confidence)} tables found in the claims ({sum(c >= HIGH_CONFIDENCE for c in confidence.values())} "
          f"high confidence), {len({i for i, s in zip(ids, suggested) if s})} uncharted ones shown as suggested indicators")
    checks = tables["checks"].to_pylist()
    inconsistent = [c for c in checks if c["status"] == "inconsistent"]
    print(f"checks: {len(checks)} run, {len(checks) - len(inconsistent)} consistent, {len(inconsistent)} inconsistent")
    for c in inconsistent:
        print(f"  inconsistent {c['check_id']} (par. {', '.join(map(str, c['paragraphs']))}): "
              f"expected {_number(c['expected'])}, computed {_number(c['computed'])} — {c['detail']}")
    print(f"built {out}/ in {seconds:.2f} s")


def _number(value: float | None) -> str:
    if value is None:
        return "a change in the stated direction"
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")


# `python -m etl suggest`: draft definitions of a report's uncharted suggestions (issue 14).

def suggest_main(argv: list[str]) -> int:
    """Write indicators/drafts/<report_id>/<topic>.toml from a built report's suggestions not yet charted."""
    parser = argparse.ArgumentParser(prog="python -m etl suggest", description=suggest_main.__doc__)
    parser.add_argument("--report", required=True, help="the report_id, as in data/processed/reports.parquet")
    parser.add_argument("--topic", help="only this section (its draft topic id, e.g. vii_h_apatrides, or VII.H)")
    parser.add_argument("--out", default="data/processed", help="the built data to read (default: data/processed)")
    parser.add_argument("--drafts", default="indicators/drafts", help="where to write (default: indicators/drafts)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    try:
        tables = {name: pq.read_table(out / f"{name}.parquet").to_pylist()
                  for name in ("paragraphs", "claims", "observations")}
    except (OSError, pa.ArrowInvalid):
        print(f"error: {out}/ is not built; run `python -m etl` first, then `python -m etl suggest`", file=sys.stderr)
        return 2
    known = list(dict.fromkeys(p["report_id"] for p in tables["paragraphs"]))
    if args.report not in known:
        print(f"error: no report {args.report!r} in {out}/ (built: {', '.join(known)}); give one of those",
              file=sys.stderr)
        return 2
    paragraphs = [p for p in tables["paragraphs"] if p["report_id"] == args.report]
    claims = [c for c in tables["claims"] if c["report_id"] == args.report]
    charted = {o["claim_id"] for o in tables["observations"] if o["report_id"] == args.report
               and not is_suggestion_id(o["indicator_id"], args.report)}
    files, left_out = draft_files(args.report, paragraphs, claims, charted, args.topic)
    if not files:
        topics = ", ".join(sorted(draft_topics(args.report, paragraphs, claims, charted))) or "none"
        print(f"error: no uncharted suggestion{' in topic ' + repr(args.topic) if args.topic else ''} for "
              f"{args.report}; topics with drafts: {topics}", file=sys.stderr)
        return 2
    folder = Path(args.drafts) / args.report
    folder.mkdir(parents=True, exist_ok=True)
    staged = [_stage_text(folder / f"{topic}.toml", text) for topic, (text, _) in sorted(files.items())]
    for tmp, final in staged:
        os.replace(tmp, final)
    written = sum(n for _, n in files.values())
    print(f"{args.report}: {written} draft definitions in {len(files)} files under {folder}/"
          f" ({left_out} suggestions already charted by curated indicators left out)")
    for topic, (_, n) in sorted(files.items()):
        print(f"  {folder / topic}.toml: {n}")
    print("Review them, rename the ids and topic, then move a file into indicators/ and run `make data`.")
    return 0
