"""Qualified verdicts read apart from inconsistent ones in Chromium: amber rather than red on the indicator page's
banner, the embed (light and dark) and /checks, with text of enough contrast (WCAG AA, 4.5:1), in both languages."""

import re

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture
from test_verdict_styles import contrast

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

# The report's ethnic shares (par. 58) hold one inconsistent share and four that agree only on a condition.
INDICATOR = "ethnic_composition_share"
STYLES = """
return [...document.querySelectorAll(arguments[0])].map(el => {
  const style = getComputedStyle(el);
  let back = el;
  while (back && getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)') back = back.parentElement;
  return {color: style.color, background: back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)',
          border: style.borderLeftColor};
});
"""


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


def hex_of(rgb: str) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", rgb)[:3])


def styles(duo, path: str, ready: str, selector: str) -> list[dict[str, str]]:
    duo.driver.get(duo.server_url + path)
    duo.wait_for_element(ready, timeout=20)
    return [{k: hex_of(v) for k, v in s.items()} for s in duo.driver.execute_script(STYLES, selector)]


def assert_apart(qualified: list[dict], inconsistent: list[dict]) -> None:
    assert qualified and inconsistent
    for style in qualified + inconsistent:
        assert contrast(style["color"], style["background"]) >= 4.5, style
    assert {s["background"] for s in qualified}.isdisjoint({s["background"] for s in inconsistent})
    assert {s["border"] for s in qualified}.isdisjoint({s["border"] for s in inconsistent})


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1400, 390])
def test_the_page_banner_tells_qualified_from_inconsistent(duo, lang, width):
    duo.driver.set_window_size(width, 900)
    path = f"/indicators/{INDICATOR}?lang={lang}"
    qualified = styles(duo, path, "#indicator-warnings", "#indicator-warnings p.warning-qualified")
    inconsistent = styles(duo, path, "#indicator-warnings", "#indicator-warnings p.warning-inconsistent")
    assert_apart(qualified, inconsistent)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_embed_tells_qualified_from_inconsistent(duo, lang, theme):
    duo.driver.set_window_size(800, 900)
    path = f"/embed/{INDICATOR}?lang={lang}&theme={theme}"
    qualified = styles(duo, path, "#embed-warnings", "#embed-warnings p.warning-qualified")
    inconsistent = styles(duo, path, "#embed-warnings", "#embed-warnings p.warning-inconsistent")
    assert_apart(qualified, inconsistent)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_checks_list_shows_qualified_verdicts_in_amber(duo, lang):
    duo.driver.set_window_size(1400, 900)
    qualified = styles(
        duo,
        f"/checks?lang={lang}",
        ".checks .status",
        ".status-consistent_if_truncated, .status-consistent_if_base_rounded, .status-base_assumed",
    )
    inconsistent = styles(duo, f"/checks?lang={lang}", ".checks .status", ".status-inconsistent")
    assert qualified and inconsistent
    for style in qualified + inconsistent:
        assert contrast(style["color"], style["background"]) >= 4.5, style
    assert {s["color"] for s in qualified}.isdisjoint({s["color"] for s in inconsistent})
