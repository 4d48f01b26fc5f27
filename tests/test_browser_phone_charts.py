"""On a phone (390 × 844 px), every indicator page of the first report, curated or suggested, in French and English,
shows the top of its chart (or its number card) on the first screen, before any scrolling."""

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture
from test_browser_highlights import OPEN, as_json

from dashboard import charts
from dashboard.i18n import title

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
# Where the chart starts on the page, in CSS pixels from the top of the page (not of the window, were it scrolled).
CHART_TOP = """
const chart = document.querySelector('#indicator-graph') || document.querySelector('#indicator-card');
return chart ? chart.getBoundingClientRect().top + window.scrollY : null;
"""


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    for duo in browser_session(tmp_path_factory, shared_fixture(tmp_path_factory)):
        duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        try:
            yield duo
        finally:
            duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_starts_on_the_first_screen_of_a_phone(phone, lang):
    from dashboard import data

    dataset = data.load()
    phone.driver.set_script_timeout(60)
    phone.driver.get(f"{phone.server_url}/?lang={lang}")
    phone.wait_for_element("#catalogue-list .indicator-card", timeout=20)
    assert phone.driver.execute_script("return [window.innerWidth, window.innerHeight];") == [390, 844]
    below = {}
    entries = dataset.entries_of(dataset.report_ids()[0])
    for entry in entries:
        parts = charts.chart_parts(dataset, entry.indicator_id, {}, lang)
        points = None if parts.card else as_json([list(trace.customdata) for trace in parts.figure.data])
        path = f"/indicators/{entry.indicator_id}?lang={lang}"
        assert phone.driver.execute_async_script(OPEN, path, title(entry, lang), points), f"{path} was not drawn"
        top = phone.driver.execute_script(CHART_TOP)
        if top is None or top >= PHONE["height"]:
            below[entry.indicator_id] = top
    assert not below, f"charts starting below the first screen of a phone ({lang}): {below}"
    assert len(entries) > 50  # curated and suggested pages alike
