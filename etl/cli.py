"""`python -m etl`: build data/processed/ from the reports in data/raw/.

The only module of etl/ that reads input files; etl/store.py writes --out. Every input is a
regular file read within its limit (etl/sources.py, etl/metadata.py). Each report is built on
its own and kept with the key it was built from (its file, its metadata, the indicator
definitions, the code): an unchanged report is not rebuilt, and a report that fails (one line
on stderr per problem, exit status 2 at the end) keeps its previous tables while the others are
built. The reports' tables and the combined tables are then committed together as one version
of the store, under a lock on --out (docs/SECURITY.md, "The build").

Subcommands: `python -m etl [build] [options]`, `python -m etl suggest --report <id>` (draft definitions of
a built report's suggested tables); a new one is one more entry of COMMANDS.
"""

import argparse
import hashlib
import json
import os
import stat
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from contract.schema import CLAIM_KINDS as KINDS, schema, to_json
from contract.store import current_folder
from etl import store
from etl.build import (
    as_records,
    build_indicators,
    build_report,
    build_suggestions,
    catalog_entries,
    is_suggestion_id,
    suggested_catalog_entries,
)
from etl.claims import ClaimLimitError
from etl.drafts import DIMENSION as SUGGESTED_DIMENSION, draft_files, draft_topics
from etl.indicators import DefinitionError, parse_definitions
from etl.lang import UnsupportedLanguageError
from etl.lang.detect import ReportLanguage, report_language
from etl.metadata import MAX_SIDECAR_BYTES, Metadata, MetadataError, as_json, parse_metadata, report_id_problem
from etl.segment import SegmentationError
from etl.sources import MAX_REPORT_BYTES, SUFFIXES as REPORT_SUFFIXES, SourceError, SourceText, report_text
from etl.suggest import HIGH_CONFIDENCE
from etl.translation import Comparison, compare_translations

# The tables of each report and of the whole build, in the order they are combined and written.
TABLES = ("paragraphs", "claims", "observations", "checks", "reports", "suggestions")
OPTIONAL_TABLES = ("suggestions",)  # stores written before it existed lack it
MAX_DEFINITION_BYTES = 1024 * 1024  # one indicators/*.toml file; the largest is 30 KB
LOCK_WAIT = 10.0  # seconds a build waits for another one on the same --out


class InputError(Exception):
    """A report file that cannot be read; the message says which file and what to do."""


@dataclass
class ReportBuild:
    """What became of one report in this run: built, unchanged, failed (with why), or kept from the store."""

    path: Path | None
    report_id: str
    status: str  # 'built' | 'unchanged' | 'failed' | 'kept' (a single-file run keeps the store's other reports)
    tables: dict[str, pa.Table] | None = None
    key: str = ""
    message: str = ""
    warnings: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand (`build` when none is named); never a traceback for a bad input."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command, rest = (argv[0], argv[1:]) if argv and argv[0] in COMMANDS else ("build", argv)
    try:
        return COMMANDS[command](rest)
    except KeyboardInterrupt:
        print("error: interrupted; --out keeps the build it had", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `python -m etl | head`: the reader left before the summary's end
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush does not fail again
        return 141


def run_build(argv: list[str]) -> int:
    """`python -m etl build`: the reports of --input into the store at --out."""
    args = _parse_build_args(argv)
    started = time.perf_counter()
    source, out = Path(args.input), Path(args.out)
    try:
        # Load inputs.
        sources = find_reports(source)
        definition_texts = load_definition_texts(Path(args.indicators))
        definitions = parse_definitions(definition_texts)
    except (InputError, DefinitionError) as error:
        return _failed(error)
    try:
        with store.opened(out, wait=args.wait) as box:
            status = build_into(box, sources, definitions, _fingerprint(definition_texts), single_file=source.is_file())
    except store.StoreError as error:
        return _failed(error)
    if status is not None:
        print(f"built {out}/ in {time.perf_counter() - started:.2f} s")
    return 2 if status in (None, "failed") else 0


def _parse_build_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description=__doc__.splitlines()[0],
        epilog="`python -m etl suggest --help`: draft definitions of a built report's suggested tables.",
    )
    parser.add_argument(
        "--input",
        default="data/raw",
        help="a report file (added to the store, the others kept), or a folder of reports "
        "(the store then holds exactly them) (default: data/raw)",
    )
    parser.add_argument("--out", default="data/processed", help="output folder (default: data/processed)")
    parser.add_argument(
        "--indicators", default="indicators", help="folder of indicator definition files, *.toml (default: indicators)"
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=LOCK_WAIT,
        metavar="SECONDS",
        help=f"how long to wait for another build on the same --out (default: {LOCK_WAIT:g})",
    )
    return parser.parse_args(argv)


def _failed(error) -> int:
    for line in str(error).splitlines():  # one line per problem (definitions can have several)
        print(f"error: {line}", file=sys.stderr)
    return 2


def build_into(box: store.Store, sources: list[Path], definitions, context: str, single_file: bool) -> str | None:
    """Build each report, commit the new version if anything changed, print the summary.

    None when nothing could be built (nothing written), else 'failed' or 'ok'.
    """
    # Process data: each report on its own, so one bad report does not stop the others.
    builds = [build_one(path, definitions, context, box) for path in sources]
    _refuse_shared_ids(builds)
    _print_problems(builds)
    stored = box.report_ids()
    if single_file:  # one file given: the store's other reports stay
        others = _kept_reports(box, stored, builds)
        unreadable = [b.report_id for b in others if b.tables is None]
        if unreadable:  # never a version that silently lacks them: nothing is written
            raise store.StoreError(
                f"{box.out}: the stored tables of {', '.join(unreadable)} cannot be read; "
                "rebuild the whole folder (--input <folder of reports>); the previous build is kept"
            )
        builds += others
    kept = _in_store_order([b for b in builds if b.tables is not None], stored, single_file)
    if not kept:
        return None
    tables = combine([b.tables for b in kept])
    # Reports sharing a symbol are versions of one document: their statistics must agree.
    translations = compare_translations(
        tables["reports"].to_pylist(),
        tables["paragraphs"].select(["report_id", "paragraph"]).to_pylist(),
        tables["claims"].to_pylist(),
    )
    tables["checks"] = pa.concat_tables(
        [
            tables["checks"],
            pa.Table.from_pylist([row for c in translations for row in c.checks], schema=tables["checks"].schema),
        ]
    )
    # Save outputs: only when something changed, so a failed run leaves --out as it was.
    ids = [b.report_id for b in kept]
    dropped = [] if single_file else [i for i in stored if i not in ids]
    if any(b.status == "built" for b in builds) or stored != ids:
        observations, checks = tables["observations"].to_pylist(), tables["checks"].to_pylist()
        catalog = catalog_entries(definitions, observations, checks) + suggested_catalog_entries(
            tables["claims"].to_pylist(), tables["paragraphs"].to_pylist(), observations, checks
        )
        try:
            box.commit(
                built={
                    b.report_id: store.ReportTables(b.tables, b.key, _source_name(b.path))
                    for b in kept
                    if b.status == "built"
                },
                kept=[b.report_id for b in kept if b.status != "built"],
                combined=tables,
                files={"catalog.json": to_json(catalog)},
            )
        except OSError as error:  # the disk filled up or went read-only while the version was written
            raise store.StoreError(
                f"{box.out}: cannot write the build ({error.strerror or error}); the previous build is kept"
            ) from None
    else:
        box.relink()
    print_summary(builds, tables, dropped, translations)
    return "failed" if any(b.status == "failed" for b in builds) else "ok"


def _print_problems(builds: list[ReportBuild]) -> None:
    for build in builds:
        for warning in build.warnings:
            print(f"warning: {build.path}: {warning}", file=sys.stderr)
        if build.status == "failed":
            for line in build.message.splitlines():
                print(f"error: {line}", file=sys.stderr)


def _kept_reports(box: store.Store, stored: list[str], builds: list[ReportBuild]) -> list[ReportBuild]:
    """The store's reports that this run does not touch, with their tables."""
    mine = {b.report_id for b in builds}
    return [ReportBuild(None, i, "kept", _stored_tables(box, i)) for i in stored if i not in mine]


def _stored_tables(box: store.Store, report_id: str) -> dict[str, pa.Table] | None:
    """A stored report's tables; one built before an optional table existed gets it empty (its rows are kept)."""
    tables = box.tables(report_id, [name for name in TABLES if name not in OPTIONAL_TABLES])
    if tables is None:
        return None
    for name in OPTIONAL_TABLES:
        tables[name] = (box.tables(report_id, [name]) or {name: schema(name).empty_table()})[name]
    return tables


def _in_store_order(builds: list[ReportBuild], stored: list[str], single_file: bool) -> list[ReportBuild]:
    """A folder's reports in file order; a single file's report takes its place among the stored ones, or comes last."""
    if not single_file:
        return builds
    place = {report_id: i for i, report_id in enumerate(stored)}
    return sorted(builds, key=lambda b: place.get(b.report_id, len(stored)))


def find_reports(path: Path) -> list[Path]:
    """The report files named by --input: the file itself, or the reports in the folder."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            return [path]
        if not stat.S_ISDIR(mode):
            raise InputError(
                f"{path}: not a report file or folder ({_file_kind(mode)}); give --input a "
                f"{', '.join(REPORT_SUFFIXES)} file or a folder of them"
            )
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder; give --input a report file or a folder of reports") from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); give --input a report file or a folder of reports"
        ) from None
    if not found:
        raise InputError(
            f"{path}: no report found (expected {', '.join(REPORT_SUFFIXES)} files); add one or point --input elsewhere"
        )
    return found


def read_input(path: Path, limit: int, what: str) -> bytes:
    """A regular file's bytes (a link to one is fine), at most `limit`; a device, FIFO or folder is refused unread."""
    try:
        mode_and_size = os.stat(path)
        if not stat.S_ISREG(mode_and_size.st_mode):
            raise InputError(
                f"{path}: not a regular file ({_file_kind(mode_and_size.st_mode)}); give the {what} as a file"
            )
        if mode_and_size.st_size > limit:
            raise InputError(_too_large(path, mode_and_size.st_size, limit, what))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}); check the file") from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the stat above
            raise InputError(f"{path}: not a regular file; give the {what} as a file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise InputError(_too_large(path, len(data), limit, what))
    return data


def _too_large(path: Path, size: int, limit: int, what: str) -> str:
    return f"{path}: {size:,} bytes, more than the limit of {limit:,} bytes for a {what}; is this the right file?"


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def build_one(path: Path, definitions, context: str, box: store.Store) -> ReportBuild:
    """One report's tables: rebuilt if its file, metadata, definitions or code changed, else reused."""
    report_id = None
    try:
        data = read_input(path, MAX_REPORT_BYTES, "report file")
        metadata, sidecar = load_metadata(path)
        report_id = _report_id(path, metadata)
        key = hashlib.sha256(b"\0".join([data, sidecar, context.encode()])).hexdigest()
        if box.key(report_id) == key and (stored := _stored_tables(box, report_id)):
            return ReportBuild(path, report_id, "unchanged", stored, key)
        source = _source_text(path, data)
        language = _language(path, metadata, source.text)
        report = {
            "path": path,
            "text": source.text,
            "sha256": hashlib.sha256(data).hexdigest(),
            "report_id": report_id,
            "metadata": metadata,
            "language": language.code,
        }
        tables = process_report(report, definitions)
        return ReportBuild(path, report_id, "built", tables, key, warnings=source.warnings + list(language.warnings))
    except (InputError, MetadataError) as error:  # their lines name their own file: the report or its sidecar
        message = str(error)
    except (DefinitionError, OSError) as error:
        message = f"{path}: {error}"
    except Exception as error:  # noqa: BLE001 an input no rule foresaw: this report fails with one line, the others are built
        first = (str(error).splitlines() or [""])[0][:200]
        message = f"{path}: could not be built ({type(error).__name__}{': ' + first if first else ''}); please report this file"
    previous = report_id or box.built_from(_source_name(path))
    return ReportBuild(
        path, previous or "", "failed", _stored_tables(box, previous) if previous else None, message=message
    )


def _report_id(path: Path, metadata: Metadata) -> str:
    """The metadata's report_id, else the file name without its extension, if it can name a folder."""
    if metadata.report_id:
        return metadata.report_id
    problem = report_id_problem(path.stem)
    if problem:
        raise InputError(f"{path}: the file name {problem}; rename the file or set `report_id` in its metadata")
    return path.stem


def _source_name(path: Path) -> str:
    return os.path.abspath(path)


def _source_text(path: Path, data: bytes) -> SourceText:
    try:
        return report_text(data, path.suffix)
    except SourceError as error:
        raise InputError(f"{path}: {error}") from None


def _language(path: Path, metadata: Metadata, text: str) -> ReportLanguage:
    """The language the report is read in (etl/lang/detect.py); an unsupported one is refused."""
    try:
        return report_language(metadata.language, text)
    except UnsupportedLanguageError as error:
        raise InputError(f"{path}: {error}") from None


def load_metadata(path: Path) -> tuple[Metadata, bytes]:
    """The metadata sidecar (<name>.json beside the report), checked, and its bytes (empty when there is none)."""
    sidecar = path.with_suffix(".json")
    if not os.path.lexists(sidecar):
        return Metadata(), b""
    data = read_input(sidecar, MAX_SIDECAR_BYTES, "metadata file")
    return parse_metadata(data, str(sidecar)), data


def load_definition_texts(folder: Path) -> dict[str, str]:
    """The indicator definition files ({file name: text}); none is a valid, empty catalogue."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of indicator definitions; point --indicators at one")
    texts = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            texts[path.name] = read_input(path, MAX_DEFINITION_BYTES, "definition file").decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8; re-save the definition file as UTF-8") from None
    return texts


def _fingerprint(definition_texts: dict[str, str]) -> str:
    """What else a report's tables depend on: the definitions and the code of etl/ and contract/."""
    parts = [f"{name}\0{text}" for name, text in sorted(definition_texts.items())]
    code = Path(__file__).parent
    parts += [
        p.read_text(encoding="utf-8") for p in sorted([*code.rglob("*.py"), *(code.parent / "contract").glob("*.py")])
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _refuse_shared_ids(builds: list[ReportBuild]) -> None:
    """Two files claiming one report_id would overwrite each other: both fail."""
    counts = Counter(b.report_id for b in builds if b.report_id)
    for build in builds:
        if build.report_id and counts[build.report_id] > 1:
            build.status, build.tables = "failed", None
            build.message = (
                f"{build.path}: another report has the report_id {build.report_id!r}; "
                "give each its own (file name or `report_id` in the metadata)"
            )


def process_report(report: dict, definitions) -> dict[str, pa.Table]:
    """A report's paragraphs, claims, observations, checks and its row in the reports' list, as Arrow tables."""
    try:
        records = build_report(report["text"], report["report_id"], report["language"])
    except SegmentationError as error:
        raise InputError(f"{report['path']}: {error}; check that this is the text of a report") from None
    except ClaimLimitError as error:
        raise InputError(f"{report['path']}: {error}") from None
    _check(records, report)
    indicators = build_indicators(definitions, records, report["report_id"], report["metadata"].symbol)
    suggested = build_suggestions(records, indicators.observations, report["report_id"])
    _check_quotes(indicators.observations + suggested.observations, records)
    flagged = Counter(p["flag"] for p in records.paragraphs if p["flag"])
    row = {
        "report_id": report["report_id"],
        "source_file": report["path"].name,
        "sha256": report["sha256"],
        "metadata_json": json.dumps(as_json(report["metadata"]), ensure_ascii=False),
        "symbol": report["metadata"].symbol,
        "language": report["language"],
        "paragraphs": len(records.paragraphs),
        "claims": len(records.claims),
        "flagged_paragraphs": sum(flagged.values()),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return {
        "paragraphs": pa.Table.from_pylist(records.paragraphs, schema=schema("paragraphs")),
        "claims": pa.Table.from_pylist(records.claims, schema=schema("claims")),
        "observations": pa.Table.from_pylist(
            indicators.observations + suggested.observations, schema=observations_schema(definitions)
        ),
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
    return schema("observations", list(dict.fromkeys([*declared, SUGGESTED_DIMENSION])))


def _check(records, report) -> None:
    """Provenance holds before anything is written: every span is where it says it is."""
    texts = {}
    for p in records.paragraphs:
        assert report["text"][p["char_start"] : p["char_end"]] == p["text"], f"paragraph {p['paragraph']} offsets"
        texts.setdefault(p["paragraph"], []).append(p["text"])
    for c in records.claims:
        assert any(t[c["start"] : c["end"]] == c["text"] for t in texts[c["paragraph"]]), (
            f"claim {c['claim_id']} offsets"
        )
        assert c["kind"] in KINDS, f"claim {c['claim_id']} kind {c['kind']}"


def _check_quotes(observations: list[dict], records) -> None:
    """Every quote is a verbatim piece of its paragraph and holds the number as written."""
    texts = {}
    for p in records.paragraphs:
        texts.setdefault(p["paragraph"], []).append(p["text"])
    for o in observations:
        assert o["text"] in o["quote"], f"{o['indicator_id']}: quote of {o['claim_id']} misses the number"
        assert any(o["quote"] in t for t in texts[o["paragraph"]]), f"{o['indicator_id']}: quote of {o['claim_id']}"


def print_summary(
    builds: list[ReportBuild], tables: dict[str, pa.Table], dropped: list[str], translations: list[Comparison] = ()
) -> None:
    status = {b.report_id: b.status for b in builds}
    paragraphs = tables["paragraphs"].select(["report_id", "flag"]).to_pylist()
    flags = Counter((p["report_id"], p["flag"]) for p in paragraphs if p["flag"])
    for row in tables["reports"].to_pylist():
        note = {
            "unchanged": " (unchanged, not rebuilt)",
            "failed": " (previous build kept)",
            "kept": " (not in --input, kept)",
        }.get(status.get(row["report_id"]), "")
        print(f"{row['report_id']}: {row['paragraphs']} paragraphs, {row['claims']} claims{note}")
        if row["flagged_paragraphs"]:
            detail = ", ".join(
                f"{n} {flag.replace('_', ' ')}"
                for (report, flag), n in sorted(flags.items())
                if report == row["report_id"]
            )
            print(
                f"  {row['flagged_paragraphs']} paragraphs flagged ({detail}): see the `flag` column of paragraphs.parquet"
            )
        stated = "language" in json.loads(row["metadata_json"] or "{}")
        print(f"  language {row['language']} ({'from the metadata' if stated else 'detected from the text'})")
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
    print(
        f"suggestions: {len(confidence)} tables found in the claims ({sum(c >= HIGH_CONFIDENCE for c in confidence.values())} "
        f"high confidence), {len({i for i, s in zip(ids, suggested) if s})} uncharted ones shown as suggested indicators"
    )
    checks = tables["checks"].to_pylist()
    inconsistent = [c for c in checks if c["status"] == "inconsistent"]
    print(f"checks: {len(checks)} run, {len(checks) - len(inconsistent)} consistent, {len(inconsistent)} inconsistent")
    for c in translations:
        print(
            f"  translation {c.symbol}: {c.version} ({c.languages[1]}) against {c.reference} ({c.languages[0]}), "
            f"{c.paragraphs} paragraphs compared, {len(c.checks)} disagree"
        )
    for c in inconsistent:
        if c["kind"] == "translation":
            print(f"  disagrees {c['check_id']} (par. {', '.join(map(str, c['paragraphs']))}): {c['detail']}")
            continue
        print(
            f"  inconsistent {c['check_id']} (par. {', '.join(map(str, c['paragraphs']))}): "
            f"expected {_number(c['expected'])}, computed {_number(c['computed'])} — {c['detail']}"
        )
    for report_id in dropped:
        print(f"{report_id}: dropped (its file is no longer in --input)")


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
        folder = current_folder(out)  # one build, even if another one switches it meanwhile
        tables = {
            name: pq.read_table(folder / f"{name}.parquet").to_pylist()
            for name in ("paragraphs", "claims", "observations")
        }
    except (OSError, pa.ArrowInvalid):
        print(f"error: {out}/ is not built; run `python -m etl` first, then `python -m etl suggest`", file=sys.stderr)
        return 2
    known = list(dict.fromkeys(p["report_id"] for p in tables["paragraphs"]))
    if args.report not in known:
        print(
            f"error: no report {args.report!r} in {out}/ (built: {', '.join(known)}); give one of those",
            file=sys.stderr,
        )
        return 2
    paragraphs = as_records("paragraphs", [p for p in tables["paragraphs"] if p["report_id"] == args.report])
    claims = as_records("claims", [c for c in tables["claims"] if c["report_id"] == args.report])
    charted = {
        o["claim_id"]
        for o in tables["observations"]
        if o["report_id"] == args.report and not is_suggestion_id(o["indicator_id"], args.report)
    }
    files, left_out = draft_files(args.report, paragraphs, claims, charted, args.topic)
    if not files:
        topics = ", ".join(sorted(draft_topics(args.report, paragraphs, claims, charted))) or "none"
        print(
            f"error: no uncharted suggestion{' in topic ' + repr(args.topic) if args.topic else ''} for "
            f"{args.report}; topics with drafts: {topics}",
            file=sys.stderr,
        )
        return 2
    drafts = Path(args.drafts) / args.report
    try:
        drafts.mkdir(parents=True, exist_ok=True)
        _write_all({drafts / f"{topic}.toml": text for topic, (text, _) in files.items()})
    except OSError as error:
        print(
            f"error: {drafts}/: cannot write the drafts ({error.strerror or error}); nothing was replaced",
            file=sys.stderr,
        )
        return 2
    written = sum(n for _, n in files.values())
    print(
        f"{args.report}: {written} draft definitions in {len(files)} files under {drafts}/"
        f" ({left_out} suggestions already charted by curated indicators left out)"
    )
    for topic, (_, n) in sorted(files.items()):
        print(f"  {drafts / topic}.toml: {n}")
    print("Review them, rename the ids and topic, then move a file into indicators/ and run `make data`.")
    return 0


def _write_all(texts: dict[Path, str]) -> None:
    """Write every file to a temporary name first, then rename them all: a failure replaces none."""
    staged = {path: path.with_name(f".{path.name}.tmp-{os.getpid()}") for path in texts}
    try:
        for path, tmp in staged.items():
            tmp.write_text(texts[path], encoding="utf-8")
    except OSError:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    for path, tmp in staged.items():
        os.replace(tmp, path)


# name -> function(arguments) -> exit status; `python -m etl` alone runs "build"
COMMANDS = {"build": run_build, "suggest": suggest_main}
