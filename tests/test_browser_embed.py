"""Embeds in a real headless Chromium: the /embed page, and the Embed button's iframe code in another site's page."""

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


def chart_points(duo) -> list:
    return duo.driver.execute_script(
        "const g = document.querySelector('#embed-chart'); return g && g.data ? g.data.map(t => [t.x, t.y]) : null;"
    )


def test_embed_page_draws_the_chart_with_its_source_line(duo):
    duo.driver.get(duo.server_url + "/embed/art174_registered_cases?lang=en")
    duo.wait_for_element("#embed-chart .main-svg")
    assert chart_points(duo) == [[["2022", "2023", "2024"], [46, 84, 91]]]
    source = duo.find_element("#embed-source")
    assert source.text.startswith("Source: CERD/C/KAZ/11-14, para. 156")
    link = duo.find_element("#embed-source a")
    assert link.text == "156" and link.get_attribute("href").endswith("/report?lang=en#p156")
    assert "rose from 46 in 2022 to 91 in 2024" in duo.find_element("#embed-chart").get_attribute("aria-label")
    assert duo.driver.execute_script("return document.getElementById('embed-chart').offsetWidth") > 1000


def test_embed_button_code_shows_the_chart_in_a_plain_page(duo, plain_site):
    folder, site = plain_site
    duo.driver.get(duo.server_url + "/indicators/art174_cases_tried_and_convicted?lang=en")
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    duo.find_element("#indicator-embed-summary").click()
    code = duo.find_element("#indicator-embed-code").get_attribute("value")
    assert code.startswith(f'<iframe src="{duo.server_url}/embed/art174_cases_tried_and_convicted?lang=en"')
    (folder / "article.html").write_text(
        f"<!DOCTYPE html><html><body><h1>A briefing</h1>{code}</body></html>", encoding="utf-8"
    )
    duo.driver.get(f"{site}/article.html")
    frame = duo.find_element("iframe")
    duo.driver.switch_to.frame(frame)
    try:
        duo.wait_for_element("#embed-chart .main-svg")
        assert len(chart_points(duo)) >= 2
        assert "CERD/C/KAZ/11-14, para. 155" in duo.find_element("#embed-source").text
        assert "Partial period" in duo.find_element("#embed-notes").text
    finally:
        duo.driver.switch_to.default_content()


def test_share_menus_open_from_the_keyboard(duo):
    duo.driver.get(duo.server_url + "/indicators/art174_registered_cases")
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    summary = duo.find_element("#indicator-image-summary")
    duo.driver.execute_script("arguments[0].focus();", summary)
    summary.send_keys(Keys.ENTER)
    assert duo.find_element("#indicator-image-menu").get_attribute("open") is not None
    link = duo.find_element("#indicator-image-slide")
    assert link.get_attribute("href").endswith("/api/indicators/art174_registered_cases.png?size=slide")
    assert link.get_attribute("tabindex") in (None, "", "0")
    duo.find_element("#indicator-embed-summary").send_keys(Keys.ENTER)
    copy = duo.find_element("#indicator-embed-copy")
    assert copy.tag_name == "button"
    copy.send_keys(Keys.ENTER)
    duo.wait_for_text_to_equal("#indicator-embed-copied", "Copié.")
