"""Chart text is text: markup in a report (a heading holding `<a href=…>`, `<b>`, `<br>`) stays literal in the
chart, its SVG and PNG. Plotly reads a subset of HTML in every text; `chart_text.inert` makes each one plain."""

import html
import json
import re

import pytest
from app_fixtures import app_reading, build_home, catalogue_ids, plain_copy, require_browser, shared_fixture
from store_tables import stored_catalog, stored_table

from dashboard import chart_text, charts, data, images

CURATED = "art174_registered_cases"
MARKUP = 'Cas <b>gras</b> <a href="https://evil.example/">lien</a> x<br>y & z'


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The built data with markup in the titles of a curated and a suggested indicator and in a breakdown's labels."""
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path_factory.mktemp("markup") / "processed")
    catalog = stored_catalog(folder)
    suggested = next(e["indicator_id"] for e in catalog if e.get("suggested"))
    for entry in catalog:
        if entry["indicator_id"] in (CURATED, suggested):
            entry["title_fr"] = entry["title_en"] = MARKUP
    (folder / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
    observations = stored_table(folder, "observations")
    breakdown = observations.measure.notna()
    observations.loc[breakdown, "measure"] = observations.loc[breakdown, "measure"] + " <b>m</b>"
    observations.to_parquet(folder / "observations.parquet", index=False)
    return folder, suggested


def texts(value: object) -> list[str]:
    """Every string inside a figure's JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def test_inert_escapes_what_plotly_would_read_as_markup():
    assert chart_text.inert('<a href="x">y</a> & <br>') == '&lt;a href="x"&gt;y&lt;/a&gt; &amp; &lt;br&gt;'
    assert chart_text.inert_lines("<b>un</b> deux trois", 10) == "&lt;b&gt;un&lt;/b&gt;<br>deux trois"


def test_no_markup_of_the_report_reaches_a_figure(marked):
    folder, suggested = marked
    with app_reading(folder):
        dataset = data.load()
        for indicator_id in [CURATED, suggested, *catalogue_ids(dataset)]:
            parts = charts.chart_parts(dataset, indicator_id, {}, "fr")
            assert parts is not None
            for figure in (parts.figure, charts.briefing_figure(parts, 1280, 720)):
                found = texts(figure.to_plotly_json())
                assert not [t for t in found if "<a" in t or "<b>m</b>" in t or "<b>gras" in t], indicator_id
        drawn = texts(
            charts.briefing_figure(charts.chart_parts(dataset, CURATED, {}, "fr"), 1280, 720).to_plotly_json()
        )
        assert any("&lt;b&gt;gras&lt;/b&gt;" in t for t in drawn)


def shown_text(svg: str) -> str:
    """What an SVG shows as text: its <text> elements without their tags, entities read."""
    inner = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL))
    return html.unescape(re.sub(r"<[^>]+>", "", inner))


@pytest.mark.parametrize("which", ["curated", "suggested"])
def test_an_svg_shows_the_markup_as_text_and_holds_no_link(marked, which):
    require_browser()
    folder, suggested = marked
    indicator_id = CURATED if which == "curated" else suggested
    with build_home(), app_reading(folder) as app:
        try:
            response = app.server.test_client().get(f"/api/indicators/{indicator_id}.svg")
        finally:
            images.stop()
    assert response.status_code == 200, response.data[:300]
    svg = response.data.decode("utf-8")
    assert "<a " not in svg and "<a>" not in svg and "<b>" not in svg
    # In an SVG's text a "<" is written as an entity: a tag naming the link could only be markup.
    assert not re.search(r"<[^>]*evil\.example", svg)
    shown = shown_text(svg)
    assert "<b>gras</b>" in shown and 'href="https://evil.example/">lien</a>' in shown and "x<br>y & z" in shown
