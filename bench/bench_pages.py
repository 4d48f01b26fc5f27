"""Every page shown in headless Chromium with a cold cache, and the first PNG of a fresh server.

Builds the first report into a store of its own (`python -m etl --out .build/bench-pages-store`), serves
it with gunicorn as `make serve` does (`app:server`, 2 workers, gunicorn.conf.py), sends one warm-up
request, then loads each page in French and English, each load in a new Chromium profile (an empty
cache), and times navigation start -> the page's main content visible: a script injected before the
page's own (`Page.addScriptToEvaluateOnNewDocument`) watches every animation frame for the page's
content selector (Dash draws pages client-side: `load` fires before anything is shown) and records
`performance.now()` when the element is there with a size. Loads take turns page after page, run after
run, so a busy moment of the shared machine weighs on all alike; the first run of a page is also the
first time the server builds it (its own column). The first PNG: a fresh gunicorn, the same warm-up
request, then the first `/api/indicators/<id>.png` (median of 3 fresh starts) of an indicator other than the
catalogue's first, which each worker renders as it boots.

Writes the `## Pages in Chromium` section of docs/PERFORMANCE.md with the targets (1 s a page, 2 s the
first PNG) beside the figures; never fails on time. Run: `.venv/bin/python bench/bench_pages.py`
(`make bench`); `--quick` for one run per page, `--runs N` for N, `--all-indicators` to time every indicator page,
`--against REVISION` to serve the code of a git revision too and load both in turn (the `before` column).
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from performance_doc import write_section  # noqa: E402  (bench/ is on the path when run as a script)

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from store_tables import stored_catalog  # noqa: E402  (a store's tables read as the app reads them)

BUILD = ROOT / ".build"
STORE = BUILD / "bench-pages-store"
RUNS, PNG_STARTS = 5, 3
PAGE_TARGET, PNG_TARGET = 1.0, 2.0  # seconds
WAIT = 30  # seconds before a page counts as never shown
LANGS = ("fr", "en")
# An indicator page's content: its chart drawn, or for a single value its number card.
INDICATOR_CONTENT = "#indicator-graph .main-svg, #indicator-card-value"
NOW = "now"  # the code of this checkout
# Figures measured before this work (older code, the same machine): quoted beside the new ones.
BEFORE_NOTE = "Measured earlier on older code: pages 1.5–3.6 s, /follow-up 4–6.6 s, first PNG 5.8 s."
# What Chromium's CPU profile (CDP `Profiler`) and the resource timings showed of cold loads, and what was changed
# for it: kept with the figures, so that a reader of them knows where the time goes.
PROFILE_NOTE = (
    "Where a cold load's time went (Chromium's CPU profile through CDP and the resource timings, code of 7e00696, "
    "2026-12-07, busy machine): on an indicator page the main thread ran scripts for about 0.65 s before Dash's "
    "renderer asked for its layout: plotly.js's basic bundle 0.29 s (started early by assets/early_plotly.js), "
    "Babel's polyfill 0.17–0.28 s (core-js testing and patching every built-in), Dash's renderer 0.15–0.3 s, "
    "React DOM 0.1 s; drawing the chart took another 0.25 s of plotly.js, the server's answers 10–20 ms. On /claims, "
    "after the page's answer came, one after another: AG Grid's bundle downloaded (0.14 s) and run (about 0.25 s), "
    "its lazy chunk and dcc.Dropdown's downloaded (0.18 s), then a second request for the rows (215 KB). Since: the "
    "polyfill is left out (regenerator-runtime, all Dash uses of it, in its place), each page's shell asks at once "
    "for what the page draws with (`Link: rel=preload`: AG Grid's bundle and chunks on /claims, dcc.Graph's chunk "
    "beside plotly.js on chart pages), and /claims's rows come with the page. The first PNG waited for Chromium's "
    "start, which began only after the worker had imported the app (import 2–6 s, then Chromium 3–4.6 s, the render "
    "itself 0.3 s): each worker now starts Chromium as it forks and renders one real chart before taking requests."
)

# Injected before the page's own scripts: looks for the content selector at every animation frame and keeps the
# time (ms since navigation start) at which it is there with a size. Forcing layout then is the browser's own
# work before it paints, not the watcher's.
WATCH = """
(() => {
  const selector = %s;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const look = () => {
    const el = document.querySelector(selector);
    if (el && shown(el)) { window.__benchShown = performance.now(); return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""
# The page's requests to its server: the callback answers (Dash's /_dash-update-component), each as
# [start, end] in ms since navigation start, and the bytes of everything fetched.
REQUESTS = """const entries = performance.getEntriesByType('resource');
return [entries.filter(e => e.name.includes('_dash-update-component')).map(e => [e.startTime, e.responseEnd]),
        performance.getEntriesByType('navigation').concat(entries).reduce((sum, e) => sum + e.transferSize, 0)];"""


@dataclass(frozen=True)
class Page:
    """One page to time: its label, path (with query), and the element that means its content is shown."""

    label: str
    path: str
    selector: str


@dataclass
class Load:
    """One load of a page: seconds to its content, to the last callback answer before it, in the slowest answer."""

    shown: float
    answered: float  # navigation start -> the last callback answer received before the content showed
    slowest_answer: float  # the longest callback request, request sent -> answer received (mostly server time)
    transferred: float  # bytes


@dataclass
class Samples:
    """The loads of one page in one language on one server."""

    loads: list[Load] = field(default_factory=list)

    def median(self, name: str) -> float:
        return statistics.median(getattr(load, name) for load in self.loads)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store() -> Path:
    """The first report built into a store of the bench's own (unchanged reports are not rebuilt)."""
    STORE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "etl", "--out", str(STORE)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return STORE


def code_at(revision: str) -> Path:
    """The project's files at a git revision, in .build/ (with this checkout's virtualenv): the code compared against."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    folder = BUILD / "bench-pages-against" / commit
    if not (folder / "app.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        (folder / ".venv").symlink_to(ROOT / ".venv")
    return folder


def get(url: str, timeout: float = 30) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return bytes(answer.read())


class Server:
    """gunicorn serving the app of `code` (a checkout) as `make serve` does, on a free port, over the bench's store."""

    def __init__(self, store: Path, code: Path = ROOT) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "INDICATORS_DATA_DIR": str(store),
            "APP_PORT": str(self.port),
            "HOME": str(BUILD / "home"),
            "TMPDIR": str(BUILD / "tmp"),
        }
        command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--no-control-socket"]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def warm_up(self) -> float:
        """Wait until the server answers its first request (the warm-up); seconds since the start."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(f"{self.url}/api/indicators.json", timeout=5)
                return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def pages(catalog: list[dict], indicator_ids: list[str]) -> list[Page]:
    """The pages timed: every page of the app, the indicator pages of `indicator_ids`, an embed and a comparison."""
    series = [e["indicator_id"] for e in catalog if e["chart"] == "time_series"]
    return [
        Page("catalogue (/)", "/", "#catalogue-list .indicator-card"),
        *[Page(f"indicator {i}", f"/indicators/{i}", INDICATOR_CONTENT) for i in indicator_ids],
        Page("report (/report)", "/report", "#report-body .paragraph"),
        Page("claims (/claims)", "/claims", "#claims-grid .ag-row"),
        Page("checks (/checks)", "/checks", ".checks .check"),
        Page("compare (two ids)", f"/compare?ids={series[0]},{series[1]}", "#compare-graph .main-svg"),
        Page("follow-up (/follow-up)", "/follow-up", "#follow-up-list .follow-up-item"),
        Page("reports (/reports)", "/reports", "#reports-list li"),
        Page("states (/states)", "/states", ".states-list li"),
        Page(f"embed (/embed/{series[0]})", f"/embed/{series[0]}", "#embed-chart .main-svg"),
    ]


def with_lang(path: str, lang: str) -> str:
    if lang == "fr":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


class Browser:
    """A new headless Chromium with a profile of its own: nothing cached, nothing compiled."""

    def __init__(self) -> None:
        from selenium import webdriver

        self.profile = tempfile.mkdtemp(prefix="bench-pages-", dir=BUILD / "tmp")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1000"):
            options.add_argument(argument)
        options.add_argument(f"--user-data-dir={self.profile}")
        self.driver = webdriver.Chrome(options=options)

    def load(self, url: str, selector: str) -> Load:
        """One load of `url`, timed to the first element of `selector` shown."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % json.dumps(selector)})
        from selenium.common.exceptions import TimeoutException

        self.driver.get(url)
        try:
            WebDriverWait(self.driver, WAIT, poll_frequency=0.05).until(
                lambda driver: driver.execute_script("return window.__benchShown !== undefined")
            )
        except TimeoutException:  # counted, as a load that never showed (a median over it says so)
            print(f"{url}: content not shown in {WAIT} s", flush=True)
            return Load(float("inf"), float("inf"), float("inf"), 0.0)
        shown = self.driver.execute_script("return window.__benchShown")
        answers, transferred = self.driver.execute_script(REQUESTS)
        before = [(start, end) for start, end in answers if end <= shown]
        return Load(
            shown / 1000,
            max((end for _, end in before), default=0) / 1000,
            max((end - start for start, end in before), default=0) / 1000,
            float(transferred),
        )

    def quit(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


def load_once(url: str, selector: str) -> Load:
    browser = Browser()
    try:
        return browser.load(url, selector)
    finally:
        browser.quit()


Found = dict[tuple[str, str, str], Samples]  # (code, page label, lang) -> its loads


def time_pages(servers: dict[str, Server], measured: list[Page], runs: int) -> Found:
    """Each page in each language `runs` times on each server, in turns, a new browser profile for every load."""
    found: Found = {}
    for run in range(runs):
        for page in measured:
            for lang in LANGS:
                for code, server in servers.items():
                    load = load_once(server.url + with_lang(page.path, lang), page.selector)
                    found.setdefault((code, page.label, lang), Samples()).loads.append(load)
                    print(f"run {run + 1}/{runs} {code} {page.label} [{lang}]: {load.shown:.2f} s", flush=True)
    return found


def first_png(store: Path, codes: dict[str, Path], indicator_id: str, starts: int) -> dict[str, list[float]]:
    """Seconds of the first PNG after the warm-up request of a fresh server, `starts` times for each code, in turns."""
    found: dict[str, list[float]] = {code: [] for code in codes}
    for _ in range(starts):
        for code, folder in codes.items():
            server = Server(store, folder)
            try:
                server.warm_up()
                started = time.perf_counter()
                body = get(f"{server.url}/api/indicators/{indicator_id}.png")
                elapsed = time.perf_counter() - started
                assert body.startswith(b"\x89PNG"), "the image route did not answer a PNG"
                found[code].append(elapsed)
                print(f"first PNG, {code}: {elapsed:.2f} s", flush=True)
            finally:
                server.stop()
    return found


def screen_indicators(server: Server, catalog: list[dict]) -> list[tuple[float, str]]:
    """One French load of every indicator page: (seconds, id), slowest first."""
    found = [
        (load_once(f"{server.url}/indicators/{e['indicator_id']}", INDICATOR_CONTENT).shown, e["indicator_id"])
        for e in catalog
    ]
    return sorted(found, reverse=True)


def sample(catalog: list[dict], screened: list[tuple[float, str]]) -> list[str]:
    """The three slowest indicator pages of the screening, and the largest of each chart kind not among them."""
    chosen = [indicator_id for _, indicator_id in screened[:3]]
    for kind in sorted({e["chart"] for e in catalog}):
        largest = max((e for e in catalog if e["chart"] == kind), key=lambda e: e["observations"])["indicator_id"]
        if largest not in chosen:
            chosen.append(largest)
    return chosen


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def secs(value: float) -> str:
    return f"{value:.2f} s" if value != float("inf") else f"> {WAIT} s"


def verdict(seconds: float, target: float) -> str:
    return "yes" if seconds <= target else "**no**"


def page_rows(found: Found, against: str | None) -> list[str]:
    rows = []
    for (code, label, lang), samples in found.items():
        if code != NOW:
            continue
        before = found.get((against, label, lang)) if against else None
        shown = [load.shown for load in samples.loads]
        median = statistics.median(shown)
        earlier = secs(before.median("shown")) if before else "–"
        rows.append(
            f"| {label} | {lang} | {earlier} | {secs(median)} "
            f"| {secs(p95(shown))} | {secs(shown[0])} | {secs(samples.median('answered'))} "
            f"| {secs(samples.median('slowest_answer'))} | {samples.median('transferred') / 1e6:.2f} MB "
            f"| {verdict(median, PAGE_TARGET)} |"
        )
    return rows


def summary(found: Found, against: str | None) -> str:
    """The slowest page, the pages over the target, and now against before (the median of the pages' ratios)."""
    medians = {(label, lang): s.median("shown") for (code, label, lang), s in found.items() if code == NOW}
    slowest = max(medians, key=lambda key: medians[key])
    missed = [f"{label} [{lang}]" for (label, lang), median in medians.items() if median > PAGE_TARGET]
    text = f"Slowest: {slowest[0]} [{slowest[1]}], {secs(medians[slowest])}. " + (
        f"Over the target: {', '.join(missed)}." if missed else "Every page within the target."
    )
    if against:
        ratios = [median / found[(against, *key)].median("shown") for key, median in medians.items()]
        text += f" Now against before, page by page: median ratio {statistics.median(ratios):.2f}×."
    return text


def png_section(pngs: dict[str, list[float]], against: str | None) -> list[str]:
    now = statistics.median(pngs[NOW])
    before = f"{statistics.median(pngs[against]):.2f} s" if against else "–"
    each = ", ".join(f"{s:.2f} s" for s in pngs[NOW])
    return [
        f"### First PNG of a fresh server (median of {len(pngs[NOW])} starts)",
        "",
        "| | before | now | each start | ≤ 2 s |",
        "| --- | ---: | ---: | --- | --- |",
        (
            f"| first `/api/indicators/<id>.png` after the warm-up request | {before} | {now:.2f} s | {each} "
            f"| {verdict(now, PNG_TARGET)} |"
        ),
        "",
    ]


def section(found: Found, screened, pngs, runs: int, against: str | None) -> str:
    """The `## Pages in Chromium` section of docs/PERFORMANCE.md."""
    compared = (
        f"`before` is the code of commit {against}, served and loaded in the same run, load for load in turn. "
        if against
        else ""
    )
    lines = [
        "## Pages in Chromium",
        "",
        (
            f"Measured {date.today()} by `bench/bench_pages.py` on {platform.machine()} ({os.cpu_count()} cores, "
            f"CPython {platform.python_version()}), a machine shared with other work (load average "
            f"{os.getloadavg()[0]:.2f} at the end: absolute figures are slower than on an idle machine, compare "
            "columns of one run). The first report is built into a store of the bench's own and served by gunicorn "
            "as `make serve` runs it (2 workers); one warm-up request, then each page is loaded in headless Chromium "
            f"with a new profile (empty cache) {runs} times in each language, pages taking turns. Time: navigation "
            "start to the page's main content visible (the chart's svg, the paragraphs, the grid's rows…: an element "
            "with a size, watched every frame by a script injected before the page's own). `first` is the first load "
            "of the page on this server (the server builds the view; later loads of it are replayed); `answered` is "
            "when the last Dash callback answer before the content arrived, `slowest answer` the longest callback "
            "request (request to answer: mostly server time); the rest is the browser's (scripts, drawing). "
            + compared
            + "Regenerate with `make bench`."
        ),
        "",
        f"Targets: every page ≤ {PAGE_TARGET:.0f} s (median), the first PNG of a fresh server ≤ {PNG_TARGET:.0f} s. "
        + BEFORE_NOTE,
        "",
        "| page | lang | before | median | p95 | first | answered | slowest answer | transferred | ≤ 1 s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *page_rows(found, against),
        "",
        summary(found, against),
        "",
    ]
    if screened:
        lines += [
            (
                "Indicator pages timed: the three slowest of a screening load of each of the "
                f"{len(screened)} (French, one load each; slowest {screened[0][1]} {secs(screened[0][0])}, "
                f"median {secs(statistics.median(s for s, _ in screened))}) and the largest of each chart kind."
            ),
            "",
        ]
    return "\n".join([*lines, PROFILE_NOTE, "", *png_section(pngs, against)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per page, one fresh start for the PNG")
    parser.add_argument("--all-indicators", action="store_true", help="time every indicator page, not a sample")
    parser.add_argument("--against", metavar="REVISION", help="also time the code of a git revision, load for load")
    parser.add_argument("--no-doc", action="store_true", help="print the section without writing docs/PERFORMANCE.md")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"loads of each page in each language (default {RUNS})")
    args = parser.parse_args()
    runs, starts = (1, 1) if args.quick else (args.runs, PNG_STARTS)
    for name in ("home", "tmp"):
        (BUILD / name).mkdir(parents=True, exist_ok=True)
    os.environ.update(HOME=str(BUILD / "home"), TMPDIR=str(BUILD / "tmp"))
    store = build_store()
    catalog = stored_catalog(store)
    catalog = [e for e in catalog if e["report_id"] == catalog[0]["report_id"]]  # the first report's
    codes = {NOW: ROOT}
    if args.against:
        codes[args.against] = code_at(args.against)
    servers = {code: Server(store, folder) for code, folder in codes.items()}
    try:
        for server in servers.values():
            server.warm_up()
        screened = [] if args.all_indicators else screen_indicators(servers[NOW], catalog)
        chosen = [e["indicator_id"] for e in catalog] if args.all_indicators else sample(catalog, screened)
        found = time_pages(servers, pages(catalog, chosen), runs)
    finally:
        for server in servers.values():
            server.stop()
    # Each worker renders the catalogue's first chart as it boots (dashboard/images.py warm_up): time another one.
    pngs = first_png(store, codes, next(i for i in chosen if i != stored_catalog(store)[0]["indicator_id"]), starts)
    text = section(found, screened, pngs, runs, args.against)
    if not args.no_doc:
        write_section(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
