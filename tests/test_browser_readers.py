"""Every reader, every screen (issue 11), in a real headless Chromium: no sideways scroll at 390 and
1400 px, English pages free of the definitions' French, forgiving search, the URL restoring the
state on reload, print emulation, citations and the report's contents."""

import base64
import io
import re
import time
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pdfplumber
import pytest
from app_fixtures import ROOT, browser_session, require_browser, shared_fixture
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from store_tables import stored_catalog, stored_table

from dashboard.search import folded

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

WIDTHS = (390, 1400)
# Each page and what shows it is drawn; the indicator with the longest category labels and one with a partial period.
PAGES = {
    "/": "#catalogue-list .indicator-card",
    "/indicators/ethnic_composition_population": "#indicator-graph .main-svg",
    "/indicators/art174_cases_tried_and_convicted?lang=en": "#indicator-graph .main-svg",
    "/report": "#p156",
    "/claims": "#claims-grid .ag-row",
    "/embed/ethnic_composition_population": "#embed-chart .main-svg",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return shared_fixture(tmp_path_factory)


@pytest.fixture(scope="module")
def duo(tmp_path_factory, folder):
    yield from browser_session(tmp_path_factory, folder)


def visit(duo, path: str, ready: str | None = None, width: int = 1300):
    duo.driver.set_window_size(width, 1000)
    duo.driver.get(duo.server_url + path)
    if ready:
        duo.wait_for_element(ready, timeout=20)


def query_of(duo) -> dict:
    return parse_qs(urlparse(duo.driver.current_url).query)


def wait_until(condition, timeout: float = 10, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(message or "condition not met in time")


def card_ids(duo) -> set[str]:
    """The indicators whose cards are shown (read in one go: the list may be redrawn meanwhile)."""
    ids = duo.driver.execute_script(
        "return [...document.querySelectorAll('#catalogue-list .indicator-card')].map(c => c.id);"
    )
    return {i[len("card-") :] for i in ids}


# ---- phones and wide screens ---------------------------------------------------------------------------------------

SIDEWAYS = """
const width = window.innerWidth;
const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'fixed';
}).slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + String(el.className).split(' ').join('.'));
return {inner: width, scroll: document.documentElement.scrollWidth, wide: wide};
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", list(PAGES))
def test_no_sideways_scroll(duo, path, width):
    visit(duo, path, PAGES[path], width)
    time.sleep(0.3)  # let plotly and AG Grid settle at this width
    found = duo.driver.execute_script(SIDEWAYS)
    assert found["inner"] == width
    assert found["scroll"] <= width, (
        f"{path} at {width} px is {found['scroll']} px wide; wider elements: {found['wide']}"
    )


def test_the_header_collapses_on_a_phone(duo):
    visit(duo, "/report", "#p156", 390)
    boxes = duo.driver.execute_script("""
        const box = id => document.getElementById(id).getBoundingClientRect();
        return {brand: box('app-brand'), en: box('app-lang-en'), claims: box('app-nav-claims'), width: window.innerWidth};""")
    assert boxes["en"]["right"] <= boxes["width"] and boxes["claims"]["right"] <= boxes["width"]
    assert boxes["claims"]["top"] > boxes["brand"]["top"], "the navigation goes under the title on a phone"


def test_tables_scroll_inside_their_box_on_a_phone(duo):
    visit(duo, "/indicators/ethnic_composition_population?tab=table", "#indicator-table", 390)
    table = duo.driver.execute_script(
        "const t = document.getElementById('indicator-table'); return [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX];"
    )
    assert table[0] > table[1] and table[2] == "auto", "the wide table scrolls in its own box"


# ---- English throughout ---------------------------------------------------------------------------------------

# The text a reader sees, apart from what is marked French (quotes, the report's text) and the report's own
# words in the claims grid (as written, subject, sentence, chapter and section titles). Chart notes apart.
VISIBLE_TEXT = """
const skip = '[lang^="fr"], script, style, textarea, .ag-cell[col-id="text"], .ag-cell[col-id="subject"], '
           + '.ag-cell[col-id="sentence"], .ag-cell[col-id="chapter"], .ag-cell[col-id="section_title"]';
const texts = {page: [document.title], notes: []};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(skip) || !el.getClientRects().length) { continue; }
    texts[el.closest('.chart-notes') ? 'notes' : 'page'].push(walker.currentNode.textContent);
}
return {page: texts.page.join('\\n'), notes: texts.notes.join('\\n')};
"""


def french_of_definitions() -> set[str]:
    """Every French string of indicators/*.toml a reader could see, less those that English writes alike."""
    found = set()
    for path in sorted((ROOT / "indicators").glob("*.toml")):
        topic = tomllib.loads(path.read_text(encoding="utf-8"))
        found.add((topic.get("topic_title_fr"), topic.get("topic_title_en")))
        for entry in topic.get("indicator", []):
            found |= {
                (entry.get("title_fr"), entry.get("title_en")),
                (entry.get("description_fr"), entry.get("description_en")),
                (entry.get("unit_fr"), entry.get("unit_en")),
            }
            labels = entry.get("labels_en", {})
            for line in entry.get("observations", []):
                found |= {(line[d], labels.get(line[d])) for d in entry.get("dimensions", []) if d in line}
                found.add((line.get("note"), line.get("note_en")))
    return {" ".join(fr.split()) for fr, en in found if isinstance(fr, str) and fr.strip() and fr != en}


def french_in(text: str, strings: set[str]) -> list[str]:
    # The report's own words, quoted “…” on English pages (suggested tables' titles), stay French by design.
    text = re.sub(r"“[^”]*”", " ", " ".join(text.split()))
    return sorted(s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text))


def english_pages(folder: Path) -> list[tuple[str, str]]:
    catalog = pd.DataFrame(stored_catalog(folder))
    pages = [("/?lang=en", PAGES["/"]), ("/claims?lang=en", PAGES["/claims"]), ("/report?lang=en", PAGES["/report"])]
    # a chart, or the number card of a single value
    return pages + [
        (f"/indicators/{i}?lang=en", "#indicator-graph .main-svg, #indicator-card") for i in catalog.indicator_id
    ]


@pytest.fixture(scope="module")
def english_texts(duo, folder) -> dict:
    """The visible text of every English page (each indicator, the catalogue, the claims, the report), read once,
    and how many A4 pages each indicator page prints on."""
    texts = {}
    for path, ready in english_pages(folder):
        visit(duo, path, ready)
        texts[path] = duo.driver.execute_script(VISIBLE_TEXT)
        if path.startswith("/indicators/"):
            texts[path]["printed_pages"] = pdf_pages(duo)
    return texts


def test_english_pages_show_no_french_from_the_definitions(english_texts):
    strings = french_of_definitions()
    assert len(strings) > 100, "the definitions' French fields were read"
    found = {path: french_in(text["page"], strings) for path, text in english_texts.items()}
    assert not {path: hits for path, hits in found.items() if hits}


def test_english_chart_notes_show_no_french_from_the_definitions(english_texts):
    strings = french_of_definitions()
    found = {path: french_in(text["notes"], strings) for path, text in english_texts.items()}
    assert not {path: hits for path, hits in found.items() if hits}


def test_html_lang_and_tab_title_follow_the_language_switch(duo):
    visit(duo, "/claims", PAGES["/claims"])
    assert duo.driver.execute_script("return document.documentElement.lang") == "fr"
    assert (
        duo.driver.title.startswith("Tous les chiffres du rapport")
        and "4 choisis" in duo.find_element("#claims-kind").text
    )
    duo.find_element("#app-lang-en").click()
    wait_until(
        lambda: duo.driver.execute_script("return document.documentElement.lang") == "en",
        message="<html lang> stays fr",
    )
    wait_until(
        lambda: duo.driver.title.startswith("Every number in the report"), message=f"tab title {duo.driver.title!r}"
    )
    wait_until(
        lambda: "4 selected" in duo.find_element("#claims-kind").text, message="the kind filter still speaks French"
    )


# ---- forgiving search, the state in the URL ---------------------------------------------------------------------


def type_into(duo, selector: str, text: str):
    box = duo.find_element(selector)
    box.send_keys(Keys.CONTROL, "a")  # typed text replaces the selection, as a reader's would
    box.send_keys(text)


def test_search_refugies_finds_the_refugee_indicators_and_stays_in_the_url(duo, folder):
    catalog = pd.DataFrame(stored_catalog(folder))
    written = {
        row.indicator_id for row in catalog.itertuples() if "réfugiés" in (row.title_fr + row.description_fr).lower()
    }
    visit(duo, "/", PAGES["/"])
    everything = card_ids(duo)
    type_into(duo, "input#catalogue-search", "refugies")
    plain = wait_until(lambda: (ids := card_ids(duo)) != everything and ids, message="typing did not filter the cards")
    assert written <= plain and len(plain) < len(everything)
    wait_until(lambda: query_of(duo).get("q") == ["refugies"], message="the search never reached the URL")
    duo.driver.refresh()
    duo.wait_for_element(PAGES["/"])
    assert duo.find_element("input#catalogue-search").get_attribute("value") == "refugies" and card_ids(duo) == plain
    type_into(duo, "input#catalogue-search", "Réfugiés")
    wait_until(lambda: query_of(duo).get("q") == ["Réfugiés"], message="the accented search never reached the URL")
    assert card_ids(duo) == plain


def test_claims_text_filters_as_you_type_whatever_the_accents(duo):
    visit(duo, "/claims", PAGES["/claims"])
    everything = duo.find_element("#claims-count").text
    type_into(duo, "input#claims-text", "réfugiés")
    accented = wait_until(
        lambda: (text := duo.find_element("#claims-count").text) != everything and text, message="no filtering"
    )
    type_into(duo, "input#claims-text", "REFUGIES")
    wait_until(lambda: query_of(duo).get("q") == ["REFUGIES"], message="the text never reached the URL")
    duo.wait_for_text_to_equal("#claims-count", accented)


def test_claims_filters_are_restored_from_the_url(duo, folder):
    claims = stored_table(folder, "claims")
    statistics = claims[claims.kind.isin(["count", "percent", "money", "measure"]) & claims.paragraph.between(155, 157)]
    visit(duo, "/claims?from=155&to=157&lang=en", PAGES["/claims"])
    duo.wait_for_text_to_equal("#claims-count", f"{len(statistics)} rows")
    links = {a.text for a in duo.find_elements("#claims-grid .ag-cell[col-id=link] a")}
    assert links and links <= {"155", "156", "157"}
    assert duo.find_element("input#claims-from").get_attribute("value") == "155"
    assert (
        duo.find_element("#claims-download")
        .get_attribute("href")
        .endswith("/api/claims.csv?kind=count%2Cpercent%2Cmoney%2Cmeasure&from=155&to=157")
    )
    # The values read as English writes them (20,300,000, not 20300000).
    visit(duo, "/claims?from=58&to=58&lang=en", PAGES["/claims"])
    values = {cell.text for cell in duo.find_elements("#claims-grid .ag-cell[col-id=value]")}
    assert "20,300,000" in values and "20300000" not in values


def test_reloading_restores_tab_and_selected_point(duo):
    visit(duo, "/indicators/art174_registered_cases?lang=en&tab=table", "#indicator-table")
    assert "active" in duo.find_element("#indicator-tab-table").get_attribute("class")
    visit(duo, "/indicators/art174_registered_cases?lang=en", "#indicator-graph .scatterlayer .points path")
    points = duo.find_elements("#indicator-graph .scatterlayer .points path")
    ActionChains(duo.driver).move_to_element(points[1]).click().perform()
    wait_until(lambda: "point" in query_of(duo), message="the selected point never reached the URL")
    duo.driver.refresh()
    duo.wait_for_element("#indicator-panel-link", timeout=20)
    assert duo.find_element("#indicator-panel mark.number").text == "84"
    assert query_of(duo)["lang"] == ["en"]


def test_the_language_switch_keeps_what_the_page_wrote_in_the_url(duo):
    visit(duo, "/", PAGES["/"])
    type_into(duo, "input#catalogue-search", "refugies")
    wait_until(lambda: query_of(duo).get("q") == ["refugies"], message="the search never reached the URL")
    duo.find_element("#app-lang-en").click()
    wait_until(lambda: query_of(duo).get("lang") == ["en"], message="no switch to English")
    assert query_of(duo)["q"] == ["refugies"]
    duo.wait_for_text_to_equal("#app-nav-catalogue", "Indicators")
    # Read in one go: the switch redraws the page, and an element found before the redraw goes stale.
    search = "return document.querySelector('input#catalogue-search').value"
    wait_until(lambda: duo.driver.execute_script(search) == "refugies", message="the search box lost its words")


# ---- print ---------------------------------------------------------------------------------------


def printed(duo, media: str):
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def test_print_hides_the_navigation_and_shows_table_source_address_and_date(duo):
    visit(duo, "/indicators/art174_cases_tried_and_convicted?lang=en", "#indicator-graph .main-svg")
    assert not duo.find_element("#indicator-print-table").is_displayed()
    printed(duo, "print")
    try:
        for hidden in (".topbar", ".share-bar", ".tabs", ".dimensions", "#indicator-panel", ".modebar-container"):
            assert not duo.find_element(hidden).is_displayed(), f"{hidden} is printed"
        table = duo.find_element("#indicator-print-table")
        assert table.is_displayed() and len(table.find_elements("css selector", "tbody tr")) == 8
        assert duo.find_element("#indicator-chart-source").is_displayed()
        assert "para. 155" in duo.find_element("#indicator-chart-source").text
        footer = duo.find_element("#indicator-print .print-footer").text
        assert "/indicators/art174_cases_tried_and_convicted?lang=en" in footer and "Data built on" in footer
    finally:
        printed(duo, "")


def pdf_pages(duo) -> int:
    pdf = duo.driver.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True}
    )
    with pdfplumber.open(io.BytesIO(base64.b64decode(pdf["data"]))) as document:
        return len(document.pages)


def test_every_indicator_prints_on_at_most_two_a4_pages(english_texts):
    pages = {path: text["printed_pages"] for path, text in english_texts.items() if "printed_pages" in text}
    assert len(pages) > 40 and not {path: n for path, n in pages.items() if n > 2}


# ---- citations and the report's contents ---------------------------------------------------------------------


def test_cite_box_gives_bibtex_and_copies_it(duo):
    visit(duo, "/indicators/art174_registered_cases?lang=en", "#indicator-graph .main-svg")
    duo.find_element("#indicator-cite-summary").click()
    bibtex = duo.find_element("#indicator-cite-bibtex")
    assert bibtex.is_displayed() and bibtex.get_attribute("value").startswith("@techreport{CERD-C-KAZ-11-14-p156,")
    duo.find_element("#indicator-cite button[data-copy='indicator-cite-bibtex']").click()
    duo.wait_for_text_to_equal("#indicator-cite .copy-status", "Copied.")
    visit(duo, "/?lang=en", PAGES["/"])
    link = duo.find_element("#catalogue-document a.citation-symbol")
    assert (
        link.get_attribute("href") == "https://undocs.org/CERD/C/KAZ/11-14" and link.get_attribute("target") == "_blank"
    )


def test_report_contents_follow_the_scroll(duo):
    visit(duo, "/report#p156", "#p156.target", 1300)
    wait_until(lambda: duo.find_elements("#report-toc a.current"), message="no contents entry is marked")
    assert duo.find_element("#report-toc a.current").get_attribute("data-target") == "section-VI-A"
    assert duo.find_element("#report-toc").is_displayed()
    duo.driver.execute_script("document.getElementById('p3').scrollIntoView({block: 'start'});")
    wait_until(
        lambda: duo.find_element("#report-toc a.current").get_attribute("data-target") == "chapter-I",
        message="the marked entry does not follow the scroll",
    )
    items = [li.text for li in duo.find_elements("#p3 .paragraph-items li")]
    assert len(items) == 4 and folded(items[0]).startswith("l'amelioration de la legislation")
