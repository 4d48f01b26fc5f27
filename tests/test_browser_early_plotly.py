"""A page that draws a chart as it loads starts plotly.js as its own scripts run (assets/early_plotly.js), and loads it
once: the graph waits for that load instead of starting another, and draws; other pages do not load plotly.js."""

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture

from dashboard import data

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

require_browser()

# Where plotly.js was asked for: by the early script (in <head>), by dcc.Graph itself (in <body>), and every fetch.
PLOTLY_LOADS = """return [
  document.head.querySelectorAll('script[src*="plotly.min.js"]').length,
  document.body.querySelectorAll('script[src*="plotly.min.js"]').length,
  performance.getEntriesByType('resource').filter(e => e.name.includes('plotly.min.js')).length,
  typeof (window.Plotly && window.Plotly.newPlot)];"""


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


def chart_pages() -> list[tuple[str, str]]:
    series = [entry.indicator_id for entry in data.load().catalogue_entries() if entry.chart == "time_series"]
    return [
        (f"/indicators/{series[0]}", "#indicator-graph .main-svg"),
        (f"/indicators/{series[1]}?lang=en", "#indicator-graph .main-svg"),
        (f"/compare?ids={series[0]},{series[1]}", "#compare-graph .main-svg"),
    ]


def test_chart_pages_load_plotly_once_from_the_start_and_draw(duo):
    for path, drawn in chart_pages():
        duo.driver.get("about:blank")
        duo.driver.get(duo.server_url + path)
        duo.wait_for_element(drawn, timeout=30)
        early, by_graph, fetched, new_plot = duo.driver.execute_script(PLOTLY_LOADS)
        assert (early, by_graph, fetched, new_plot) == (1, 0, 1, "function"), path


def test_other_pages_do_not_load_plotly(duo):
    duo.driver.get("about:blank")
    duo.driver.get(duo.server_url + "/checks")
    duo.wait_for_element(".checks .check", timeout=30)
    early, by_graph, fetched, _ = duo.driver.execute_script(PLOTLY_LOADS)
    assert (early, by_graph, fetched) == (0, 0, 0)
