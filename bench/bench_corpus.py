"""Build the UPR corpus's PDFs without metadata, walk every page and API route of each; write docs/PERFORMANCE.md's section.

For each PDF: what the build made of it (paragraphs, items, claims, statistics, its detected identity) and
the CPU seconds of reading it (text and layout) and of the rest of its build; then, with the app over the
built store (Flask's test client, in this process), every page (rendered through Dash's page callback, as a
browser asks for it) and every API route of that report and of each of its tables, counting answers of 5xx.
Images (PNG/SVG, rendered by Chromium) are asked for the first table of the first reports only: they cost
seconds each. Never fails on what it finds: a report that does not build, or a 5xx, is a row of the table.

    .venv/bin/python bench/bench_corpus.py [folder of PDFs] [--limit N] [--images N]   # default: ../shared/corpus/upr/
"""

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_fixtures.routing: the body Dash's page callback is posted

from app_fixtures import routing  # noqa: E402
from bench_documents import CORPUS_PLACES  # noqa: E402
from performance_doc import write_section  # noqa: E402
from store_tables import stored_catalog, stored_table  # noqa: E402

from contract.store import current_folder, table_files  # noqa: E402
from etl.build import build_report  # noqa: E402
from etl.sources import report_text  # noqa: E402

SECTION = "## The UPR corpus built and browsed (bench/bench_corpus.py)"
PAGES = ("/", "/report", "/claims", "/checks", "/follow-up")
REPORT_ROUTES = ("/api/claims.csv", "/api/follow-up.csv", "/api/follow-up.xlsx", "/api/follow-up.json")
TABLE_ROUTES = ("/api/indicators/{id}.csv", "/api/indicators/{id}.json", "/api/indicators/{id}.xlsx", "/embed/{id}")
IMAGE_ROUTES = ("/api/indicators/{id}.png", "/api/indicators/{id}.svg")
CORPUS_ROUTES = ("/api/indicators.json", "/api/package.zip", "/api", "/api/compare.csv")


@dataclass
class Row:
    """One PDF: what its build made of it, what it cost, and how the app answered about it."""

    name: str
    paragraphs: int = 0
    items: int = 0
    claims: int = 0
    statistics: int = 0
    read_cpu: float = 0.0
    rest_cpu: float = 0.0
    requests: int = 0
    errors: list[str] = field(default_factory=list)


def sample(pdfs: list[Path], limit: int | None) -> list[Path]:
    """`limit` PDFs spread evenly over the sorted list (all of them without a limit)."""
    if not limit or limit >= len(pdfs):
        return pdfs
    step = len(pdfs) / limit
    return [pdfs[int(i * step)] for i in range(limit)]


def reading_costs(pdf: Path) -> tuple[float, float]:
    """CPU seconds of getting the PDF's text (layout included), and of reading its paragraphs and claims."""
    data = pdf.read_bytes()
    started = _cpu()
    text = report_text(data, ".pdf").text
    read = _cpu()
    build_report(text, pdf.stem, "en")
    return read - started, _cpu() - read


def _cpu() -> float:
    """CPU seconds of this process and of its finished children: the PDF is read in a child process."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def build_store(pdfs: list[Path], out: Path) -> tuple[int, float, float, str]:
    """`python -m etl` over a folder holding the PDFs alone: exit status, wall and CPU seconds, its stderr."""
    folder = out.parent / "input"
    folder.mkdir()
    for pdf in pdfs:
        (folder / pdf.name).symlink_to(pdf.resolve())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "etl", "--input", str(folder), "--out", str(out)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return run.returncode, wall, cpu, run.stderr


def walk(client, row: Row, tables: list[str], images: bool) -> None:
    """Ask every page and route about one report and its tables, in French and English; note each 5xx."""

    def ask(method: str, url: str, body: dict | None = None) -> None:
        answer = client.post(url, json=body) if method == "POST" else client.get(url)
        row.requests += 1
        if answer.status_code >= 500:
            row.errors.append(f"{answer.status_code} {method} {url if body is None else body['inputs']}")

    report = f"report={row.name}"
    for lang in ("fr", "en"):
        for page in PAGES:
            ask("GET", f"{page}?{report}&lang={lang}")
            ask("POST", "/_dash-update-component", routing(page, f"?{report}&lang={lang}"))
        for table in tables:
            ask("POST", "/_dash-update-component", routing(f"/indicators/{table}", f"?lang={lang}"))
    for route in REPORT_ROUTES:
        ask("GET", f"{route}?{report}")
    for table in tables:
        for route in TABLE_ROUTES + (IMAGE_ROUTES if images and table == tables[0] else ()):
            ask("GET", route.format(id=table))


def walk_store(store: Path, rows: dict[str, Row], image_reports: int) -> list[str]:
    """Every report of the built store walked; the corpus-wide routes asked once. Returns their 5xx lines."""
    built = current_folder(store)
    os.environ["INDICATORS_DATA_DIR"] = str(store)
    import app

    client = app.server.test_client()
    catalog = stored_catalog(built)
    tables_of: dict[str, list[str]] = {}
    for entry in catalog:
        tables_of.setdefault(entry["report_id"], []).append(entry["indicator_id"])
    for i, row in enumerate(rows.values()):
        walk(client, row, tables_of.get(row.name, []), images=i < image_reports)
    errors = []
    for route in CORPUS_ROUTES:
        answer = client.get(route)
        if answer.status_code >= 500:
            errors.append(f"{answer.status_code} GET {route}")
    return errors


def count_built(store: Path, rows: dict[str, Row]) -> None:
    """Paragraphs, items, claims and statistics of each report, as the store holds them."""
    built = current_folder(store)
    for table, attribute in (("paragraphs", "paragraphs"), ("items", "items"), ("claims", "claims")):
        if not table_files(built, table):
            continue
        counts = Counter(stored_table(built, table, ["report_id"])["report_id"])
        for name, row in rows.items():
            setattr(row, attribute, counts.get(name, 0))
    claims = stored_table(built, "claims", ["report_id", "kind"])
    statistics = Counter(claims.loc[claims["kind"].isin(("count", "percent", "money", "measure")), "report_id"])
    for name, row in rows.items():
        row.statistics = statistics.get(name, 0)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def section(
    rows: list[Row], build: tuple[int, float, float, str], corpus_errors: list[str], walk_seconds: float
) -> str:
    status, wall, cpu, stderr = build
    reads = [row.read_cpu for row in rows]
    requests = sum(row.requests for row in rows) + len(CORPUS_ROUTES)
    fives = [e for row in rows for e in row.errors] + corpus_errors
    lines = [
        SECTION,
        "",
        (
            f"Measured on {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, shared (load average "
            f"{os.getloadavg()[0]:.1f} at the end). {len(rows)} PDFs of the UPR corpus, built in one `python -m etl` "
            "without any metadata file, then every page (through Dash's page callback, in French and English) and "
            "every API route of each report and of each of its tables asked through Flask's test client."
        ),
        "",
        f"- build: exit status {status}, {wall:.1f} s wall, {cpu:.1f} s CPU",
        (
            f"- reading a PDF (text and layout, its reading child process included): {sum(reads) / len(reads):.3f} s CPU on average, median "
            f"{median(reads):.3f} s, slowest {max(reads):.3f} s"
        ),
        f"- the rest of a report's reading (paragraphs, claims): {median([r.rest_cpu for r in rows]):.3f} s CPU median",
        f"- the walk: {requests} requests in {walk_seconds:.0f} s, **{len(fives)} answered 5xx**",
        (
            f"- built: {sum(r.paragraphs for r in rows)} paragraphs, {sum(r.items for r in rows)} items, "
            f"{sum(r.claims for r in rows)} claims, {sum(r.statistics for r in rows)} of them statistics"
        ),
        "",
    ]
    if status:
        lines += ["The build's last lines:", "", "```", *stderr.strip().splitlines()[-5:], "```", ""]
    lines += [f"- {e}" for e in fives[:20]] + ([""] if fives else [])
    lines += [
        "| PDF | paragraphs | items | claims | statistics | read (s CPU) | rest (s CPU) | requests | 5xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r.name} | {r.paragraphs} | {r.items} | {r.claims} | {r.statistics} | {r.read_cpu:.3f} | "
        f"{r.rest_cpu:.3f} | {r.requests} | {len(r.errors)} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, help="this many PDFs, spread over the corpus (default: all)")
    parser.add_argument("--images", type=int, default=5, help="reports whose first table's PNG/SVG is asked for")
    arguments = parser.parse_args()
    folder = arguments.folder or next((p for p in CORPUS_PLACES if p.is_dir()), None)
    if folder is None:
        sys.exit("no corpus: give the folder of PDFs (../shared/corpus/upr/ is not beside the project)")
    pdfs = sample(sorted(folder.glob("*.pdf")), arguments.limit)
    rows = {pdf.stem: Row(pdf.stem) for pdf in pdfs}
    for pdf in pdfs:
        rows[pdf.stem].read_cpu, rows[pdf.stem].rest_cpu = reading_costs(pdf)
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "store"
        build = build_store(pdfs, store)
        corpus_errors: list[str] = []
        started = time.perf_counter()
        if build[0] == 0:
            count_built(store, rows)
            corpus_errors = walk_store(store, rows, arguments.images)
        walk_seconds = time.perf_counter() - started
    text = section(list(rows.values()), build, corpus_errors, walk_seconds)
    write_section(text)
    print(text[:3000])


if __name__ == "__main__":
    main()
