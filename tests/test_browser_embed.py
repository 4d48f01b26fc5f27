"""Embeds in a real headless Chromium: the /embed page, and the Embed button's iframe code in another site's page."""

import time

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


@pytest.mark.parametrize("width", [320, 390, 800])
def test_the_embed_code_sizes_its_frame_to_the_chart_so_nothing_is_cut(duo, plain_site, width):
    """The pasted code's iframe starts too short (300 px, as a host page might squeeze it); the embed reports its
    height and the code's listener follows it: the source line and the links to the data and image show whole."""
    from dashboard import embed

    folder, site = plain_site
    code = embed.iframe_code(duo.server_url, "ethnic_composition_share", "t", "en", {}, 300)
    (folder / "article.html").write_text(
        f"<!DOCTYPE html><html><body style='margin:0'><h1>A briefing</h1>{code}</body></html>", encoding="utf-8"
    )
    duo.driver.set_window_size(width, 900)
    try:
        duo.driver.get(f"{site}/article.html")
        frame = duo.find_element("iframe")
        duo.driver.switch_to.frame(frame)
        duo.wait_for_element("#embed-chart .main-svg")
        bottom = duo.driver.execute_script(
            "return document.getElementById('embed-source').getBoundingClientRect().bottom"
        )
        links = {
            a.get_attribute("id"): a.get_attribute("href")
            for a in duo.driver.find_elements("css selector", "#embed-source a[id]")
        }
        duo.driver.switch_to.default_content()
        assert links["embed-data"].endswith("/api/indicators/ethnic_composition_share.csv?lang=en")
        assert links["embed-image"].endswith("/api/indicators/ethnic_composition_share.png?lang=en")
        for _ in range(50):  # the frame grows once the embed has told its height
            height = duo.driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height")
            if height >= bottom:
                break
            time.sleep(0.1)
        assert height > 300 and bottom <= height, (width, bottom, height)
        time.sleep(1)  # and it stays there: the frame's new height does not feed a growth of its own
        assert (
            duo.driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height")
            == height
        )
    finally:
        duo.driver.switch_to.default_content()
        duo.driver.set_window_size(1300, 1000)


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
