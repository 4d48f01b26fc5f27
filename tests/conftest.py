"""Shared fixtures: the real report, segmented and read once per test session; a plain web site for embeds."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from etl.claims import extract_claims
from etl.segment import segment

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt"


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def paragraphs(report_text):
    return segment(report_text)


@pytest.fixture(scope="session")
def claims_by_paragraph(paragraphs):
    return {p.paragraph: extract_claims(p.text) for p in paragraphs}


@pytest.fixture
def plain_site(tmp_path):
    """A plain static web server on 127.0.0.1 (another origin than the app) serving `tmp_path`."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Markers by module, so `pytest -m "not browser"` or `-m "not slow"` picks a quick subset. `slow`: modules that
# start `python -m etl` in a subprocess for most tests (seconds each); `make test` leaves them to `make test-slow`.
BROWSER_MODULES = ("test_browser_", "test_briefing")
SLOW_MODULES = ("test_robustness", "test_cli", "test_lang_cli")


def pytest_sessionfinish(session):
    """Close the Chromium and app server the browser test modules of this process shared."""
    from app_fixtures import stop_browser

    stop_browser()


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.path.stem
        if module.startswith(BROWSER_MODULES):
            item.add_marker(pytest.mark.browser)
        if module.startswith(SLOW_MODULES):
            item.add_marker(pytest.mark.slow)
