"""A data/processed/ folder for the app's tests, built by the real ETL from data/raw/ (once per session),
and the headless Chromium session the browser tests share."""

import contextlib
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from store_tables import plain_files, stored_table
from werkzeug.serving import make_server

from contract.store import current_folder, table_files
from etl.cli import main as build_data

_shared: dict = {}


def build_fixture(folder: Path) -> Path:
    """Build data/processed/ into `folder` with `python -m etl`, as `make data` does."""
    assert build_data(["--out", str(folder)]) == 0, "python -m etl failed on data/raw/"
    built = current_folder(folder)
    for name in ("paragraphs", "claims", "reports", "observations", "checks", "catalog"):
        assert table_files(built, name), f"python -m etl did not write the {name} table"
    return folder


def catalogue_ids(dataset) -> list[str]:
    """Every indicator id of a dataset's catalogue, once each, in its order (the app never holds this list: a test's
    small store is read through)."""
    return list(dict.fromkeys(entry.indicator_id for entry in dataset.catalogue_entries()))


def shared_fixture(tmp_path_factory) -> Path:
    """One built folder for every app test module of the session (the build takes about a second)."""
    if "folder" not in _shared:
        _shared["folder"] = build_fixture(tmp_path_factory.mktemp("processed"))
    return _shared["folder"]


ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / ".build"


def plain_copy(built: Path, folder: Path) -> Path:
    """The current build of a store copied to `folder` as plain files (no versions, no links), for a test
    to edit: the app reads such a folder as it is."""
    return plain_files(built, folder)


@contextlib.contextmanager
def app_reading(folder: Path):
    """The app module, reading its data from `folder` (INDICATORS_DATA_DIR) while the block runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(folder))
        import app
        from dashboard import cache

        cache.answers.clear()  # page views kept by an earlier test module are not this one's
        yield app


@contextlib.contextmanager
def serving(flask_app):
    """A real threaded HTTP server on 127.0.0.1 for the app; yields its port."""
    server = make_server("127.0.0.1", 0, flask_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port
    finally:
        server.shutdown()


def routing(path: str, search: str = "") -> dict:
    """The body of the Dash pages callback that renders the page of a URL."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def worker() -> str:
    """The pytest-xdist worker running this process (gw0, gw1…), or "main" without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def build_dirs() -> tuple[Path, Path]:
    """HOME and TMPDIR for Chromium inside .build/, one pair per xdist worker: a worker removing the profiles
    its Chromium left never removes those of another worker's Chromium, still running."""
    home, tmp = BUILD / "home", BUILD / "tmp"
    if worker() != "main":
        home, tmp = home / worker(), tmp / worker()
    for folder in (home, tmp):
        folder.mkdir(parents=True, exist_ok=True)
    return home, tmp


@contextlib.contextmanager
def _build_env(home: Path, tmp: Path):
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(tmp))
        yield


def _remove_profiles(tmp: Path, before: set[Path]) -> None:
    """Chromium leaves its profile folder behind on quit: remove the ones made since `before`."""
    for profile in set(tmp.glob("org.chromium.*")) - before:
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def build_home():
    """HOME and TMPDIR inside .build/ (Chromium writes its profile there); profiles made meanwhile removed after."""
    home, tmp = build_dirs()
    before = set(tmp.glob("org.chromium.*"))
    with _build_env(home, tmp):
        yield
    _remove_profiles(tmp, before)


def free_port() -> int:
    """A port on 127.0.0.1 that no process listens on now (each xdist worker serves the app on its own)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_browser(tmp_path_factory):
    """The app served in a thread and a headless Chromium on it, started once per process (per xdist worker):
    starting Chromium and the server takes seconds, every browser test module reuses them."""
    from dash.testing.application_runners import ThreadedRunner
    from dash.testing.composite import DashComposite
    from selenium import webdriver

    import app

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.add_argument("--window-size=1300,1000")
    home, tmp = build_dirs()
    stack = contextlib.ExitStack()
    # Unwound last to first: the profile is removed once Chromium has quit.
    stack.callback(_remove_profiles, tmp, set(tmp.glob("org.chromium.*")))
    server = stack.enter_context(ThreadedRunner())
    with _build_env(home, tmp):  # read by Chromium as it starts; the tests run with the session's own
        browser = stack.enter_context(
            DashComposite(
                server=server,
                browser="Chrome",
                headless=True,
                options=[options],
                download_path=str(downloads),
                percy_run=False,
                wait_timeout=10,
            )
        )
    browser.start_server(app.app, port=free_port(), navigate=False)
    browser.downloads = downloads
    _shared["browser"], _shared["browser_stack"] = browser, stack
    return browser


def stop_browser() -> None:
    """Close the process's Chromium and app server, if a browser test started them (at the session's end)."""
    stack = _shared.pop("browser_stack", None)
    _shared.pop("browser", None)
    if stack is not None:
        stack.close()


def _fresh(browser) -> None:
    """The shared browser as a new one would be for the next test module: its size, screen media, cookies,
    storage and downloads folder as at start, and no page an earlier module left open."""
    browser.driver.set_window_size(1300, 1000)
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.driver.get(browser.server.url + "/assets/style.css")
    browser.driver.delete_all_cookies()
    browser.driver.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")
    browser.driver.get("about:blank")
    for item in Path(browser.downloads).iterdir():
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink()


def browser_session(tmp_path_factory, folder: Path):
    """A Dash test browser (headless Debian Chromium) on the app served from `folder`; a generator for fixtures.

    One Chromium and one app server per process, shared by the browser test modules: the app reads its
    data folder (INDICATORS_DATA_DIR) on each request, so a module points it at its own folder."""
    import pytest

    from dashboard import cache

    browser = _shared.get("browser") or _start_browser(tmp_path_factory)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(folder))
        patch.setenv("PUBLIC_URL", browser.server.url)  # links and embed code name the address the browser uses
        cache.answers.clear()  # pages kept for another module's data or address are not this one's
        _fresh(browser)
        browser.server_url = browser.server.url
        yield browser


def require_browser():
    """Skip (or fail under REQUIRE_BROWSER=1, as `make test` sets) when Chromium or its driver is missing."""
    import pytest

    if shutil.which("chromedriver") is None or shutil.which("chromium") is None:
        if os.environ.get("REQUIRE_BROWSER"):
            raise RuntimeError(
                "chromium and chromium-driver are missing: `make test` installs them (apt-get install chromium chromium-driver)"
            )
        pytest.skip("chromium / chromium-driver not installed (make test installs them)", allow_module_level=True)


# Report text is untrusted: these must show as text everywhere, never run.
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>"


def hostile_fixture(tmp_path_factory) -> Path:
    """A copy of the built data whose paragraph 156, its quotes, notes and claims carry HTML and script."""

    if "hostile" in _shared:
        return _shared["hostile"]
    folder = plain_files(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("hostile"))
    paragraphs = stored_table(folder, "paragraphs")
    paragraphs.loc[paragraphs.paragraph == 156, "text"] += " " + HOSTILE
    paragraphs.to_parquet(folder / "paragraphs.parquet", index=False)
    observations = stored_table(folder, "observations")
    mine = observations.indicator_id == "art174_registered_cases"
    observations.loc[mine, "quote"] = HOSTILE
    observations.loc[mine, "note"] = HOSTILE
    observations.to_parquet(folder / "observations.parquet", index=False)
    claims = stored_table(folder, "claims")
    claims.loc[claims.paragraph == 156, "sentence"] = HOSTILE
    claims.loc[claims.paragraph == 156, "subject"] = '=HYPERLINK("http://x")'
    claims.to_parquet(folder / "claims.parquet", index=False)
    _shared["hostile"] = folder
    return folder


SECOND_REPORT = "CERD_C_XYZ_1-2_fr"
SECOND_SYMBOL = "CERD/C/XYZ/1-2"


def two_reports_fixture(tmp_path_factory) -> Path:
    """data/processed/ built by the real ETL from two reports: the Kazakh one and a copy under another symbol."""
    import json

    if "two" in _shared:
        return _shared["two"]
    raw = tmp_path_factory.mktemp("raw_two")
    source = ROOT / "data" / "raw"
    shutil.copy2(source / "CERD_C_KAZ_11-14_fr.txt", raw / "CERD_C_KAZ_11-14_fr.txt")
    shutil.copy2(source / "CERD_C_KAZ_11-14_fr.json", raw / "CERD_C_KAZ_11-14_fr.json")
    shutil.copy2(source / "CERD_C_KAZ_11-14_fr.txt", raw / f"{SECOND_REPORT}.txt")
    meta = json.loads((source / "CERD_C_KAZ_11-14_fr.json").read_text(encoding="utf-8"))
    meta.update(report_id=SECOND_REPORT, symbol=SECOND_SYMBOL, state="Testland")
    (raw / f"{SECOND_REPORT}.json").write_text(json.dumps(meta), encoding="utf-8")
    folder = tmp_path_factory.mktemp("processed_two")
    assert build_data(["--input", str(raw), "--out", str(folder)]) == 0, "python -m etl failed on two reports"
    _shared["two"] = folder
    return folder
