"""`python -m etl`: build data/processed/ from the reports in data/raw/.

The only module of etl/ that reads or writes files. Bad input stops the run with a
one-line message and exit status 2, before anything is written, so the previous outputs
stay as they were; outputs are written to temporary files and then renamed.
"""
import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.build import build_indicators, build_report, catalog_entries
from etl.checks import CHECK_COLUMNS
from etl.claims import KINDS
from etl.indicators import OBSERVATION_COLUMNS, DefinitionError, parse_definitions
from etl.segment import SegmentationError

REPORT_SUFFIXES = (".txt",)

PARAGRAPHS_SCHEMA = pa.schema([
    ("report_id", pa.string()), ("paragraph", pa.int64()), ("chapter", pa.string()),
    ("chapter_title", pa.string()), ("section", pa.string()), ("section_title", pa.string()),
    ("subsection", pa.string()), ("co_refs", pa.list_(pa.int64())), ("text", pa.string()),
    ("char_start", pa.int64()), ("char_end", pa.int64()),
])
CLAIMS_SCHEMA = pa.schema([
    ("report_id", pa.string()), ("paragraph", pa.int64()), ("claim_id", pa.string()),
    ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("value", pa.float64()),
    ("unit", pa.string()), ("kind", pa.string()), ("qualifier", pa.string()),
    ("period", pa.string()), ("subject", pa.string()), ("sentence", pa.string()),
])
CHECKS_SCHEMA = pa.schema([
    ("check_id", pa.string()), ("report_id", pa.string()), ("kind", pa.string()),
    ("paragraphs", pa.list_(pa.int64())), ("indicator_ids", pa.list_(pa.string())),
    ("description", pa.string()), ("description_fr", pa.string()), ("expected", pa.float64()),
    ("computed", pa.float64()), ("tolerance", pa.float64()), ("status", pa.string()), ("detail", pa.string()),
])
assert CHECKS_SCHEMA.names == list(CHECK_COLUMNS), "checks.parquet columns drifted from etl.checks"
_OBSERVATION_TYPES = {
    "indicator_id": pa.string(), "report_id": pa.string(), "period": pa.string(), "value": pa.float64(),
    "unit": pa.string(), "qualifier": pa.string(), "paragraph": pa.int64(), "quote": pa.string(),
    "claim_id": pa.string(), "text": pa.string(), "note": pa.string(), "position": pa.int64(),
}
REPORTS_SCHEMA = pa.schema([
    ("report_id", pa.string()), ("source_file", pa.string()), ("sha256", pa.string()),
    ("metadata_json", pa.string()), ("symbol", pa.string()), ("paragraphs", pa.int64()),
    ("claims", pa.int64()), ("built_at", pa.string()),
])


class InputError(Exception):
    """A report file that cannot be read; the message says which file and what to do."""


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    started = time.perf_counter()
    try:
        # Load inputs.
        sources = find_reports(Path(args.input))
        reports = [load_report(path) for path in sources]
        definitions = parse_definitions(load_definition_texts(Path(args.indicators)))
        # Process data.
        tables, catalog = process_reports(reports, definitions)
    except (InputError, DefinitionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Save outputs.
    write_outputs(Path(args.out), tables, catalog)
    print_summary(tables, time.perf_counter() - started, Path(args.out))
    return 0


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


def load_report(path: Path) -> dict:
    """The report's text, identity and metadata sidecar (<name>.json beside it)."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty; export the report's text into it")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: this is a binary file, not text; export the report as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}, line {line}: not UTF-8 (byte 0x{data[error.start]:02x}); re-save the file as UTF-8"
        ) from None
    metadata = load_metadata(path)
    return {
        "path": path, "text": text, "sha256": hashlib.sha256(data).hexdigest(),
        "report_id": metadata.get("report_id") or path.stem, "metadata": metadata,
    }


def load_metadata(path: Path) -> dict:
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        metadata = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{sidecar}: not valid JSON ({error}); fix the metadata file") from None
    if not isinstance(metadata, dict):
        raise InputError(f"{sidecar}: metadata must be a JSON object; fix the metadata file")
    return metadata


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


def process_reports(reports: list[dict], definitions) -> tuple[dict[str, pa.Table], list[dict]]:
    """Paragraphs, claims, observations, checks and the reports' list as Arrow tables, and the catalogue."""
    paragraphs, claims, observations, checks, report_rows = [], [], [], [], []
    built_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for report in reports:
        try:
            records = build_report(report["text"], report["report_id"])
        except SegmentationError as error:
            raise InputError(f"{report['path']}: {error}; check that this is the text of a report") from None
        _check(records, report)
        indicators = build_indicators(definitions, records, report["report_id"])
        _check_quotes(indicators.observations, records)
        paragraphs += records.paragraphs
        claims += records.claims
        observations += indicators.observations
        checks += indicators.checks
        report_rows.append({
            "report_id": report["report_id"], "source_file": report["path"].name,
            "sha256": report["sha256"], "metadata_json": json.dumps(report["metadata"], ensure_ascii=False),
            "symbol": report["metadata"].get("symbol"), "paragraphs": len(records.paragraphs),
            "claims": len(records.claims), "built_at": built_at,
        })
    ids = [r["report_id"] for r in report_rows]
    if len(set(ids)) != len(ids):
        raise InputError(f"two reports share a report_id ({', '.join(sorted(i for i in set(ids) if ids.count(i) > 1))}); give each its own")
    tables = {
        "paragraphs": pa.Table.from_pylist(paragraphs, schema=PARAGRAPHS_SCHEMA),
        "claims": pa.Table.from_pylist(claims, schema=CLAIMS_SCHEMA),
        "observations": pa.Table.from_pylist(observations, schema=observations_schema(definitions)),
        "checks": pa.Table.from_pylist(checks, schema=CHECKS_SCHEMA),
        "reports": pa.Table.from_pylist(report_rows, schema=REPORTS_SCHEMA),
    }
    return tables, catalog_entries(definitions, observations, checks)


def observations_schema(definitions) -> pa.Schema:
    """The guide's long form: ids, then every dimension any indicator declares, then the values."""
    dimensions = list(dict.fromkeys(d for i in definitions.indicators for d in i["dimensions"]))
    names = ["indicator_id", "report_id", *dimensions] + [c for c in OBSERVATION_COLUMNS if c not in ("indicator_id", "report_id")]
    return pa.schema([(name, _OBSERVATION_TYPES.get(name, pa.string())) for name in names])


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


def write_outputs(out: Path, tables: dict[str, pa.Table], catalog: list[dict]) -> None:
    """Write every table and the catalogue to temporary files, then rename them all into place."""
    out.mkdir(parents=True, exist_ok=True)
    staged = []
    for name, table in tables.items():
        tmp = out / f".{name}.parquet.tmp-{os.getpid()}"
        pq.write_table(table, tmp)
        staged.append((tmp, out / f"{name}.parquet"))
    tmp = out / f".catalog.json.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(catalog, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    staged.append((tmp, out / "catalog.json"))
    for tmp, final in staged:
        os.replace(tmp, final)


def print_summary(tables: dict[str, pa.Table], seconds: float, out: Path) -> None:
    kinds = Counter(tables["claims"].column("kind").to_pylist())
    for row in tables["reports"].to_pylist():
        print(f"{row['report_id']}: {row['paragraphs']} paragraphs, {row['claims']} claims")
    by_kind = ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS if kinds[kind])
    print(f"claims by kind: {by_kind}")
    observations = tables["observations"]
    print(f"indicators: {len(set(observations.column('indicator_id').to_pylist()))} tables, "
          f"{observations.num_rows} observations")
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
