"""In headless Chromium: hostile report text shows as text and never runs; the app renders under its CSP."""

import pytest
from app_fixtures import HOSTILE, browser_session, hostile_fixture, require_browser
from selenium.common.exceptions import NoAlertPresentException

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, hostile_fixture(tmp_path_factory))


def assert_no_alert(duo):
    with pytest.raises(NoAlertPresentException):
        _ = duo.driver.switch_to.alert.text


def csp_violations(duo) -> list:
    return [entry for entry in duo.driver.get_log("browser") if "Content Security Policy" in entry.get("message", "")]


@pytest.mark.parametrize(
    "path, ready, holder",
    [
        ("/report#p156", "#p156.target", "#p156"),
        ("/indicators/art174_registered_cases?tab=table", "#indicator-table", "#indicator-table"),
        ("/indicators/art174_registered_cases?tab=sources", "#indicator-source-156", "#indicator-source-156"),
        ("/indicators/art174_registered_cases", "#indicator-graph .main-svg", ".chart-notes"),
        ("/embed/art174_registered_cases", "#embed-chart .main-svg", "#embed-notes"),
    ],
)
def test_hostile_text_is_shown_as_text_and_never_runs(duo, path, ready, holder):
    duo.driver.get("about:blank")
    duo.driver.get_log("browser")  # drop older entries
    duo.driver.get(duo.server_url + path)
    duo.wait_for_element(ready)
    element = duo.find_element(holder)
    assert HOSTILE in element.text
    assert element.find_elements("css selector", "img, script") == []
    assert_no_alert(duo)
    assert csp_violations(duo) == []


def test_app_pages_render_under_the_csp(duo):
    for path, ready in (
        ("/", ".indicator-card"),
        ("/claims", "#claims-grid .ag-row"),
        ("/indicators/ethnic_composition_population", "#indicator-graph .main-svg"),
    ):
        duo.driver.get_log("browser")
        duo.driver.get(duo.server_url + path)
        duo.wait_for_element(ready)
        assert csp_violations(duo) == [], path
