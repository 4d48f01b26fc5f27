"""The tooltip a reader gets on hovering a chart, in Chromium: the value with its unit, what it counts, the period and
the paragraph, in the page's language (never plotly's "x=…, y=…").

Gold values read from the report: par. 156 "s'élève à 46 en 2022"; par. 58 "14,4 millions de Kazakhstanais".
"""

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture
from selenium.webdriver.common.action_chains import ActionChains
from test_browser_readers import wait_until

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

# The tooltip's lines as plotly writes them (one <tspan class="line"> each).
TOOLTIP = """
return [...document.querySelectorAll('#indicator-graph .hoverlayer .hovertext text tspan.line')]
  .map(line => line.textContent);
"""


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


def hover(duo, path: str, point: str) -> list[str]:
    """Opens `path`, moves the mouse onto its first `point` element and returns the tooltip's lines."""
    duo.driver.set_window_size(1400, 1000)
    duo.driver.get(duo.server_url + path)
    target = duo.wait_for_element(f"#indicator-graph {point}", timeout=20)
    ActionChains(duo.driver).move_to_element(target).perform()
    return wait_until(lambda: duo.driver.execute_script(TOOLTIP), message=f"no tooltip on {path}")


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("fr", ["46 affaires", "2022", "par. 156"]),
        ("en", ["46 cases", "2022", "para. 156"]),
    ],
)
def test_hovering_a_point_of_a_line_says_value_unit_period_and_paragraph(duo, lang, lines):
    said = hover(duo, f"/indicators/art174_registered_cases?lang={lang}", ".scatterlayer .points path.point")
    value, period, paragraph = lines
    assert said[0] == value and said[-2:] == [period, paragraph], said
    assert not any("=" in line for line in said), said  # plotly's default is "x=2022, y=46"


@pytest.mark.parametrize(
    ("lang", "value", "paragraph"),
    [("fr", "14\u202f400\u202f000 personnes", "par. 58"), ("en", "14,400,000 persons", "para. 58")],
)
def test_hovering_a_bar_names_the_bar(duo, lang, value, paragraph):
    said = hover(duo, f"/indicators/ethnic_composition_population?lang={lang}", ".barlayer .point path")
    first_bar = duo.driver.execute_script(
        "return [...document.querySelectorAll('#indicator-graph .yaxislayer-above .ytick text')]"
        ".sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0].textContent;"
    )
    assert said[0] == value and said[1] == first_bar and said[-1] == paragraph, said
