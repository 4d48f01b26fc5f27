"""Issue 14 in a real headless Chromium: a report without definitions gets suggested indicator pages, and /follow-up."""

import csv
import io
import time
from pathlib import Path

import pytest
from app_fixtures import browser_session, build_data, require_browser
from store_tables import stored_catalog, stored_table

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

REPORT_ID = "CERD_C_KAZ_11-14_fr"


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    """data/processed/ built by `python -m etl --indicators <an empty folder>`: no definition at all."""
    empty = tmp_path_factory.mktemp("no_definitions")
    folder = tmp_path_factory.mktemp("processed_bare")
    assert build_data(["--out", str(folder), "--indicators", str(empty)]) == 0
    return folder


@pytest.fixture(scope="module")
def duo(tmp_path_factory, bare):
    yield from browser_session(tmp_path_factory, bare)


def suggested(bare: Path, paragraph: int) -> dict:
    """The catalogue entry of the suggested series of a paragraph (its id is the build's, not typed here)."""
    catalog = stored_catalog(bare)
    return next(
        e for e in catalog if e.get("suggested") and e["paragraphs"] == [paragraph] and e["chart"] == "time_series"
    )


def co_refs(bare: Path) -> dict[int, list[int]]:
    paragraphs = stored_table(bare, "paragraphs")
    answering: dict[int, list[int]] = {}
    for row in paragraphs.itertuples():
        for ref in row.co_refs:
            answering.setdefault(int(ref), []).append(int(row.paragraph))
    return answering


def test_a_report_without_definitions_lists_its_suggested_tables(duo, bare):
    entry = suggested(bare, 156)
    duo.driver.get(duo.server_url + "/?lang=en")
    duo.wait_for_element("#catalogue-suggested-only")
    card = duo.find_element(f"#card-{entry['indicator_id']}")
    assert "suggested · confidence" in card.find_element("css selector", ".suggested-badge").text
    assert len(duo.find_elements(".indicator-card")) == len(stored_catalog(bare))
    card.find_element("css selector", ".card-title").click()
    duo.wait_for_element("#indicator-graph .js-plotly-plot")
    assert duo.driver.current_url.endswith(f"/indicators/{entry['indicator_id']}?lang=en")
    (trace,) = duo.driver.execute_script(
        "return document.querySelector('#indicator-graph .js-plotly-plot').data.map(t => ({x: t.x, y: t.y}));"
    )
    assert list(zip(trace["x"], trace["y"])) == [("2022", 46), ("2023", 84), ("2024", 91)]
    assert "not reviewed" in duo.find_element(".lead").text


def test_a_suggested_indicator_downloads_as_csv_with_its_paragraph(duo, bare):
    entry = suggested(bare, 156)
    duo.driver.get(duo.server_url + f"/indicators/{entry['indicator_id']}")
    duo.find_element("#indicator-download-csv").click()
    target = Path(duo.downloads) / f"{entry['indicator_id']}.csv"
    deadline = time.monotonic() + 10
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert [(r["period"], float(r["value"]), int(r["paragraph"])) for r in rows] == [
        ("2022", 46, 156),
        ("2023", 84, 156),
        ("2024", 91, 156),
    ]
    assert {r["citation"] for r in rows} == {"CERD/C/KAZ/11-14, para. 156"}


def test_a_suggested_indicator_embeds_with_its_source_line(duo, bare):
    entry = suggested(bare, 156)
    duo.driver.get(duo.server_url + f"/embed/{entry['indicator_id']}?lang=en")
    duo.wait_for_element("#embed-chart .main-svg")
    points = duo.driver.execute_script("return document.querySelector('#embed-chart').data.map(t => [t.x, t.y]);")
    assert points == [[["2022", "2023", "2024"], [46, 84, 91]]]
    assert "CERD/C/KAZ/11-14, para. 156" in duo.find_element("#embed-source").text


@pytest.mark.parametrize("lang, heading", [("fr", "Paragraphe"), ("en", "Paragraph")])
def test_follow_up_lists_every_recommendation_with_its_answering_paragraphs(duo, bare, lang, heading):
    answering = co_refs(bare)
    duo.driver.get(duo.server_url + f"/follow-up?lang={lang}")
    duo.wait_for_element("#follow-up-list .follow-up-item")
    items = duo.find_elements(".follow-up-item")
    assert [int(i.get_attribute("id").removeprefix("follow-up-co")) for i in items] == sorted(answering)
    for item in items:
        ref = int(item.get_attribute("id").removeprefix("follow-up-co"))
        assert item.find_element("css selector", "h2").text == f"{heading} {ref}"
        hrefs = [a.get_attribute("href") for a in item.find_elements("css selector", ".follow-up-paragraphs")]
        assert any(h.endswith(f"#p{min(answering[ref])}") for h in hrefs), ref


def test_follow_up_opens_at_a_recommendation_and_leads_to_the_report(duo, bare):
    duo.driver.get(duo.server_url + "/follow-up?lang=en#follow-up-co41")
    duo.wait_for_element("#follow-up-co41")
    deadline = time.monotonic() + 5
    top = None
    while time.monotonic() < deadline:
        top = duo.driver.execute_script("return document.getElementById('follow-up-co41').getBoundingClientRect().top")
        if 0 <= top < 200:
            break
        time.sleep(0.1)
    assert 0 <= top < 200, top
    first = min(co_refs(bare)[41])
    duo.find_element("#follow-up-co41 .follow-up-paragraphs").click()
    duo.wait_for_element(f"#p{first}")
    assert duo.driver.current_url.endswith(f"/report?lang=en#p{first}")


def test_the_reader_leads_from_a_section_to_its_recommendations(duo):
    duo.driver.get(duo.server_url + "/report?lang=en#p156")
    duo.wait_for_element("#p156")
    link = next(a for a in duo.find_elements(".co-ref") if a.text == "15")
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    duo.wait_for_element("#follow-up-co15")
    assert duo.driver.current_url.endswith("/follow-up?lang=en#follow-up-co15")
