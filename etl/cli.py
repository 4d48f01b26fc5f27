"""`python -m etl`: build data/processed/ from the reports in data/raw/.

The command line over the build library: it parses the arguments, finds and reads the inputs
(etl/inputs.py), builds each report and commits the store (etl/run.py, etl/store.py), then prints
one line on stderr per problem and the summary (etl/summary.py), and says how it went in its exit
status: 0 when every report was built, 2 when one failed or nothing could be built (docs/SECURITY.md,
"The build").

Subcommands: `python -m etl [build] [options]`, `python -m etl suggest --report <id>` (draft definitions of
a built report's suggested tables); a new one is one more entry of COMMANDS.
"""

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from contract import records
from contract.schema import from_table
from contract.store import current_folder, read_table
from etl import store
from etl.build import is_suggestion_id
from etl.definitions import DefinitionError, parse_definitions
from etl.drafts import draft_files, draft_topics
from etl.inputs import InputError, code_fingerprint, definitions_fingerprint, find_reports, load_definition_texts
from etl.manifest import unreadable_listing
from etl.pool import PoolError, default_jobs, mapper
from etl.run import FAILED, ReportBuild, build_reports, commit_builds
from etl.summary import summary_lines

LOCK_WAIT = 10.0  # seconds a build waits for another one on the same --out
FAILURE = 2  # the exit status of a build in which a report failed, or nothing could be built


def main(argv: Sequence[str] | None = None) -> int:
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


def run_build(argv: Sequence[str]) -> int:
    """`python -m etl build`: the reports of --input into the store at --out."""
    args = _build_arguments().parse_args(argv)
    started = time.perf_counter()
    source, out = Path(args.input), Path(args.out)
    try:
        sources = find_reports(source)
        definition_texts = load_definition_texts(Path(args.indicators))
        definitions = parse_definitions(definition_texts)
    except (InputError, DefinitionError) as error:
        return _failed(error)
    built_at = _built_at()
    box: store.Store | None = None
    try:
        with store.opened(out, wait=args.wait) as box, mapper(args.jobs, args.scheduler) as pool:
            if source.is_file():
                _refuse_unlisted(box)
            builds = build_reports(
                box, sources, definitions, code_fingerprint(), built_at, pool, definitions_fingerprint(definition_texts)
            )
            _print_problems(builds)
            outcome = commit_builds(box, builds, definitions, single_file=source.is_file())
    except (store.StoreError, PoolError) as error:
        return _failed(error)
    except KeyboardInterrupt:  # the store says which build `current` names: the switch may have happened
        switched = box is not None and box.committed
        kept = (
            "the new build is in place (the older ones go at the next build)"
            if switched
            else "--out keeps the build it had"
        )
        print(f"error: interrupted; {kept}", file=sys.stderr)
        return 130
    if outcome is None:
        return FAILURE
    for line in summary_lines(outcome):
        print(line)
    print(f"built {out}/ in {time.perf_counter() - started:.2f} s")
    return FAILURE if outcome.failed else 0


def _built_at() -> str:
    """When this build ran; SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it, so that two builds of
    the same inputs write the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of processes, 1 or more")
    return int(text)


def _refuse_unlisted(box: store.Store) -> None:
    """A single file's run keeps the stored reports unread, so it must be able to list them: a current version
    whose list cannot be read would count as empty and the new version would hold the new report alone. A whole
    folder's run rebuilds every report and needs no list: it repairs the store."""
    listing = unreadable_listing(box.current) if box.current is not None and box.manifest is None else None
    if listing is not None:
        raise store.StoreError(
            f"{listing}: the list of the stored reports cannot be read, so adding one file would lose the "
            "others; rebuild the whole folder (--input <folder of reports>); the previous build is kept"
        )


def _build_arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description=(__doc__ or "").splitlines()[0],
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
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        metavar="N",
        help=f"reports built at once, each in its own process (default: the cores, here {default_jobs()})",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="build the reports on this Dask cluster's workers instead (they need this code and its requirements)",
    )
    return parser


def _failed(error: Exception) -> int:
    for line in str(error).splitlines():  # one line per problem (definitions can have several)
        print(f"error: {line}", file=sys.stderr)
    return FAILURE


def _print_problems(builds: Sequence[ReportBuild]) -> None:
    for build in builds:
        for warning in build.warnings:
            print(f"warning: {build.path}: {warning}", file=sys.stderr)
        if build.status == FAILED:
            for line in build.message.splitlines():
                print(f"error: {line}", file=sys.stderr)


# `python -m etl suggest`: draft definitions of a report's uncharted suggestions.


def suggest_main(argv: Sequence[str]) -> int:
    """Write indicators/drafts/<report_id>/<topic>.toml from a built report's suggestions not yet charted."""
    args = _suggest_arguments().parse_args(argv)
    out = Path(args.out)
    built = _built(out)
    if built is None:
        print(f"error: {out}/ is not built; run `python -m etl` first, then `python -m etl suggest`", file=sys.stderr)
        return FAILURE
    paragraphs, claims, observations = built
    known = list(dict.fromkeys(p.report_id for p in paragraphs))
    if args.report not in known:
        print(
            f"error: no report {args.report!r} in {out}/ (built: {', '.join(known)}); give one of those",
            file=sys.stderr,
        )
        return FAILURE
    mine = [p for p in paragraphs if p.report_id == args.report]
    its_claims = [c for c in claims if c.report_id == args.report]
    charted = {
        o.claim_id
        for o in observations
        if o.report_id == args.report and not is_suggestion_id(o.indicator_id, args.report)
    }
    files, left_out = draft_files(args.report, mine, its_claims, charted, args.topic)
    if not files:
        topics = ", ".join(sorted(draft_topics(args.report, mine, its_claims, charted))) or "none"
        where = f" in topic {args.topic!r}" if args.topic else ""
        print(f"error: no uncharted suggestion{where} for {args.report}; topics with drafts: {topics}", file=sys.stderr)
        return FAILURE
    return _write_drafts(Path(args.drafts) / args.report, args.report, files, left_out)


def _suggest_arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl suggest", description=suggest_main.__doc__)
    parser.add_argument("--report", required=True, help="the report_id, as in data/processed/reports.parquet")
    parser.add_argument("--topic", help="only this section (its draft topic id, e.g. vii_h_apatrides, or VII.H)")
    parser.add_argument("--out", default="data/processed", help="the built data to read (default: data/processed)")
    parser.add_argument("--drafts", default="indicators/drafts", help="where to write (default: indicators/drafts)")
    return parser


_Built = tuple[list[records.Paragraph], list[records.Claim], list[records.Observation]]


def _built(out: Path) -> _Built | None:
    """The paragraphs, claims and observations of the build at --out, read from one version; None if not built."""
    try:
        folder = current_folder(out)  # one build, even if another one switches it meanwhile
        paragraphs, claims, observations = (read_table(folder, n) for n in ("paragraphs", "claims", "observations"))
    except (OSError, ValueError, pa.ArrowInvalid):
        return None
    if paragraphs is None or claims is None or observations is None:
        return None
    return (
        from_table("paragraphs", paragraphs),
        from_table("claims", claims),
        from_table("observations", observations),
    )


def _write_drafts(drafts: Path, report_id: str, files: dict[str, tuple[str, int]], left_out: int) -> int:
    try:
        drafts.mkdir(parents=True, exist_ok=True)
        _write_all({drafts / f"{topic}.toml": text for topic, (text, _) in files.items()})
    except OSError as error:
        print(
            f"error: {drafts}/: cannot write the drafts ({error.strerror or error}); nothing was replaced",
            file=sys.stderr,
        )
        return FAILURE
    written = sum(n for _, n in files.values())
    print(
        f"{report_id}: {written} draft definitions in {len(files)} files under {drafts}/"
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
COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"build": run_build, "suggest": suggest_main}
