"""The dashboard in a real headless Chromium (Debian's chromium + chromium-driver, via dash[testing]).

`make test` installs the browser when it is missing; run alone without it, these tests are
skipped unless REQUIRE_BROWSER=1 (which `make test` sets), so a missing browser never passes silently there.
"""

import csv
import io
import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture
from selenium.webdriver.common.action_chains import ActionChains
from store_tables import stored_catalog

from dashboard import data

# selenium 4.2 (pinned by dash[testing]) calls urllib3 APIs that now warn on every request.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

require_browser()


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


def visit(duo, path: str):
    duo.driver.get(duo.server_url + path)


def path_and_query(duo) -> tuple[str, dict]:
    url = urlparse(duo.driver.current_url)
    return url.path, parse_qs(url.query)


def figure_data(duo) -> list[dict]:
    return duo.driver.execute_script(
        "return document.querySelector('#indicator-graph .js-plotly-plot').data.map(t => ({name: t.name, x: t.x, y: t.y}));"
    )


def test_catalogue_search_opens_the_article_174_indicator(duo):
    started = time.perf_counter()
    visit(duo, "/")
    duo.wait_for_element("#card-art174_registered_cases")
    print(f"catalogue rendered in {time.perf_counter() - started:.2f} s")
    duo.find_element("#catalogue-search").send_keys("174")
    duo.wait_for_no_elements("#card-ethnic_composition_population")
    duo.find_element("#card-art174_registered_cases .card-title").click()
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    assert path_and_query(duo)[0] == "/indicators/art174_registered_cases"


def test_chart_holds_the_registered_cases_2022_to_2024(duo):
    visit(duo, "/indicators/art174_registered_cases")
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    (trace,) = figure_data(duo)
    assert list(zip(trace["x"], trace["y"])) == [("2022", 46), ("2023", 84), ("2024", 91)]


def test_clicking_a_point_opens_its_paragraph_and_links_to_the_report(duo):
    visit(duo, "/indicators/art174_registered_cases")
    duo.wait_for_element("#indicator-graph .scatterlayer .points path")
    points = duo.find_elements("#indicator-graph .scatterlayer .points path")
    ActionChains(duo.driver).move_to_element(points[1]).click().perform()
    duo.wait_for_element("#indicator-panel-link")
    assert duo.find_element("#indicator-panel mark.number").text == "84"
    duo.find_element("#indicator-panel-link").click()
    duo.wait_for_element("#p156.target")
    assert duo.driver.current_url.endswith("/report#p156")
    top = duo.driver.execute_script("return document.getElementById('p156').getBoundingClientRect().top;")
    assert 0 <= top < 400, "the cited paragraph is scrolled into view"


def test_table_tab_and_back_through_the_url(duo):
    visit(duo, "/indicators/art174_registered_cases")
    duo.wait_for_element("#indicator-graph")
    duo.find_element("#indicator-tab-table").click()
    duo.wait_for_element("#indicator-table")
    assert path_and_query(duo)[1]["tab"] == ["table"]
    paragraphs = [td.text for td in duo.find_elements("#indicator-table tbody tr td:nth-child(4)")]
    assert paragraphs == ["156"] * 3
    duo.driver.back()
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    assert "tab" not in path_and_query(duo)[1]
    visit(duo, "/indicators/art174_registered_cases?tab=table")
    duo.wait_for_element("#indicator-table")
    assert "active" in duo.find_element("#indicator-tab-table").get_attribute("class")


def test_csv_download_has_the_rows_and_paragraph_column(duo):
    visit(duo, "/indicators/art174_registered_cases")
    duo.find_element("#indicator-download-csv").click()
    target = Path(duo.downloads) / "art174_registered_cases.csv"
    deadline = time.monotonic() + 10
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert [(r["period"], float(r["value"]), int(r["paragraph"])) for r in rows] == [
        ("2022", 46, 156),
        ("2023", 84, 156),
        ("2024", 91, 156),
    ]


def test_switching_the_interface_to_english(duo):
    visit(duo, "/indicators/art174_registered_cases?tab=table")
    duo.wait_for_element("#indicator-table")
    duo.find_element("#app-lang-en").click()
    duo.wait_for_text_to_equal("#indicator-tab-chart", "Chart")
    path, query = path_and_query(duo)
    assert path == "/indicators/art174_registered_cases" and query == {"lang": ["en"], "tab": ["table"]}
    duo.wait_for_text_to_equal("#app-nav-catalogue", "Indicators")
    catalog = stored_catalog(Path(os.environ["INDICATORS_DATA_DIR"]))
    english = next(e["title_en"] for e in catalog if e["indicator_id"] == "art174_registered_cases")
    assert duo.find_element("#indicator-title").text == english
    # the quotes stay in French
    assert "affaires pénales" in duo.find_element("#indicator-table td.quote").text


def test_dimension_choice_is_kept_in_the_url(duo):
    visit(duo, "/indicators/art174_cases_tried_and_convicted")
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    names = {trace["name"] for trace in figure_data(duo)}
    boxes = duo.find_elements(".dimension input[type=checkbox]")
    kept = duo.find_elements(".dimension label")[0].text
    boxes[1].click()
    deadline = time.monotonic() + 10
    while "measure" not in path_and_query(duo)[1] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path_and_query(duo)[1]["measure"] == [kept]
    # the page is drawn again from the new URL: wait for the new figure
    shown = names
    while shown == names and time.monotonic() < deadline + 10:
        time.sleep(0.1)
        shown = {
            trace["name"]
            for trace in duo.driver.execute_script(
                "const g = document.querySelector('#indicator-graph .js-plotly-plot'); return g ? g.data.map(t => ({name: t.name})) : [];"
            )
        }
    assert shown < names and all(name.startswith(kept) for name in shown)


def test_campaigns_are_two_series_and_every_bar_is_as_long_as_its_own_value(duo):
    rows = data.load().observations_of("statelessness_identification_campaigns")
    visit(duo, "/indicators/statelessness_identification_campaigns")
    duo.wait_for_element("#indicator-graph .barlayer .point path")
    traces = duo.driver.execute_script(
        "const g = document.querySelector('#indicator-graph .js-plotly-plot');"
        "return {barmode: g._fullLayout.barmode, data: g.data.map(t => ({x: t.x, y: t.y}))};"
    )
    assert traces["barmode"] != "stack" and len(traces["data"]) == rows.period.nunique() == 2
    lengths = duo.driver.execute_script(
        "return [...document.querySelectorAll('#indicator-graph .barlayer .point path')].map(p => p.getBBox().width);"
    )
    values = [v for trace in traces["data"] for v in trace["x"]]
    assert sorted(values) == sorted(rows.value)
    # drawn lengths in proportion to the values: no bar holds two campaigns (8 822 + 835 was drawn as one bar before)
    scale = max(lengths) / max(values)
    assert all(abs(length - value * scale) <= 2 for length, value in zip(lengths, values))


def test_french_axes_and_tooltips_use_french_numbers(duo):
    rows = data.load().observations_of("pupils_total")
    visit(duo, "/indicators/pupils_total")
    duo.wait_for_element("#indicator-graph .ytick text")
    ticks = [t.text for t in duo.find_elements("#indicator-graph .ytick text")]
    assert any(re.fullmatch(r"\d+\s+M", t) for t in ticks), ticks  # "3 M", not "3M"
    hover = duo.driver.execute_script(
        "return document.querySelector('#indicator-graph .js-plotly-plot').data[0].customdata.map(c => c[1]);"
    )
    assert f"{int(rows.value.max()):,}".replace(",", "\u202f") in hover
    visit(duo, "/indicators/pupils_total?lang=en")
    duo.wait_for_element("#indicator-graph .ytick text")
    assert any(re.fullmatch(r"\d+M", t.text) for t in duo.find_elements("#indicator-graph .ytick text"))
