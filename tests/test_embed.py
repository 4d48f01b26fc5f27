"""The /embed route, the shared chart parts, the text alternatives and the stable API (no browser)."""

import dataclasses
import html
import json
import re

import pytest
from app_fixtures import app_reading, catalogue_ids, plain_copy, shared_fixture
from store_tables import stored_table

from dashboard import chart_text, charts, data, embed, transfer


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app.server.test_client()


def page_text(body: bytes) -> str:
    """The visible text of an HTML page, tags dropped and entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", body.decode("utf-8")))


def test_embed_page_has_title_subtitle_source_line_and_paragraph_links(client):
    response = client.get("/embed/art174_registered_cases?lang=en")
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = response.data.decode("utf-8")
    entry = data.load().indicator("art174_registered_cases")
    assert html.escape(entry.title_en, quote=False) in body
    assert "Source: CERD/C/KAZ/11-14, para. 156" in page_text(response.data)
    # Relative to the embed's own address: never built from the request's Host.
    assert 'href="/report?lang=en#p156"' in body
    assert 'href="/indicators/art174_registered_cases?lang=en"' in body
    assert f'<script src="{transfer.PLOTLY_URL}"></script>' in body


def test_embed_follows_the_dimension_choice_language_and_theme(client):
    rows = data.load().observations_of("art174_cases_tried_and_convicted")
    measure = rows.measure.iloc[0]
    response = client.get("/embed/art174_cases_tried_and_convicted", query_string={"measure": measure, "theme": "dark"})
    body = response.data.decode("utf-8")
    assert '<body class="dark">' in body and '<html lang="fr">' in body
    assert "Source : CERD/C/KAZ/11-14, par. 155" in page_text(response.data)
    figure = json.loads(
        re.search(r'<script type="application/json" id="embed-figure">(.*?)</script>', body, re.DOTALL).group(1)
    )
    assert {trace["name"].split(" (")[0] for trace in figure["data"]} == {measure}


def test_embed_notes_say_partial_periods_and_qualifiers(client):
    text = page_text(client.get("/embed/art174_cases_tried_and_convicted?lang=en").data)
    assert "Partial period: first half of 2025" in text
    with_qualifier = data.load().table("observations")
    approx = with_qualifier[with_qualifier.qualifier == "approx"].indicator_id.iloc[0]
    assert "Some values are given in the report as “about”" in page_text(client.get(f"/embed/{approx}?lang=en").data)


@pytest.mark.parametrize(
    "path",
    [
        "/embed/no_such_indicator",
        "/embed/a%2Fb",
        "/embed/art174_registered_cases/x",
        "/embed-static/app.py",
        "/embed-static/x/embed.js",
    ],
)
def test_unknown_embeds_and_scripts_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/embed/..%2Fcatalog.json", "/embed-static/..%2F..%2Fapp.py", "/embed-static/%2E%2E/app.py"]
)
def test_paths_climbing_out_never_serve_a_file(client, path):
    response = client.get(path)
    assert b"indicator_id" not in response.data and b"import dash" not in response.data


def test_embed_scripts_are_served(client):
    assert client.get("/embed-static/embed.js").status_code == 200
    response = client.get("/embed-static/plotly.min.js")
    assert response.status_code == 200 and len(response.data) > 1_000_000
    response.close()


def test_iframe_code_points_at_the_embed_of_the_current_view():
    code = embed.iframe_code(
        "http://example.org/",
        "art174_cases_tried_and_convicted",
        "Cases & persons",
        "en",
        {"measure": ["Affaires jugées"]},
    )
    assert code.startswith(
        '<iframe src="http://example.org/embed/art174_cases_tried_and_convicted?lang=en&amp;measure=Affaires+jug%C3%A9es"'
    )
    assert 'title="Cases &amp; persons"' in code and 'width="100%"' in code


def test_text_alternative_is_made_from_the_data():
    dataset = data.load()
    rows = dataset.observations_of("art174_registered_cases").sort_values("period")
    first, last = rows.iloc[0], rows.iloc[-1]
    description = charts.chart_parts(dataset, "art174_registered_cases", {}, "en").description
    verb = "rose" if last.value > first.value else "fell"
    assert f"{verb} from {first.value:,.0f} in {first.period} to {last.value:,.0f} in {last.period}" in description
    assert description.startswith(dataset.indicator("art174_registered_cases").title_en)


def test_text_alternative_changes_when_the_data_changes():
    dataset = data.load()
    entry = dataset.indicator("art174_registered_cases")
    rows = dataset.observations_of("art174_registered_cases").copy()
    rows.loc[rows.index[-1], "value"] = 1.0
    assert " fell from " in chart_text.description_text(entry, rows, "en")
    assert "baisse" in chart_text.description_text(entry, rows, "fr")


def test_every_indicator_has_chart_parts_in_both_languages():
    dataset = data.load()
    for indicator_id in catalogue_ids(dataset):
        for lang in ("fr", "en"):
            parts = charts.chart_parts(dataset, indicator_id, {}, lang)
            assert parts.title and parts.description and parts.source.startswith("Source"), (indicator_id, lang)
            assert all(str(p) in parts.source for p in parts.paragraphs), indicator_id


def test_mixed_units_are_named_in_labels_and_notes():
    dataset = data.load()
    entry = dataclasses.replace(dataset.indicator("art174_registered_cases"), unit_fr="affaires", unit_en="cases")
    rows = dataset.observations_of("art174_registered_cases").copy()
    rows.loc[rows.index[0], "unit"] = "persons"
    assert chart_text.unit_title(entry, rows, "en") == "persons / cases"
    assert chart_text.unit_title(entry, rows, "fr") == "personnes / affaires"
    assert "Units: persons, cases." in chart_text.chart_notes(entry, rows, "en")
    assert " persons in " in chart_text.description_text(entry, rows, "en")


def test_palette_is_the_colour_blind_safe_okabe_ito_set():
    from dashboard.figures import COLORS

    assert COLORS[:3] == ("#0072B2", "#D55E00", "#009E73")


def test_indicator_page_has_embed_code_image_menu_and_description():
    from test_app_pages import by_id, text_of

    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", lang="en")
    code = by_id(layout, "indicator-embed-code").value
    assert '/embed/art174_registered_cases?lang=en"' in code
    assert (
        by_id(layout, "indicator-image-slide").href == "/api/indicators/art174_registered_cases.png?lang=en&size=slide"
    )
    assert by_id(layout, "indicator-image-svg").href == "/api/indicators/art174_registered_cases.svg?lang=en"
    assert " rose from " in text_of(by_id(layout, "indicator-chart-description"))
    assert text_of(by_id(layout, "indicator-chart-source")) == "Source: CERD/C/KAZ/11-14, para. 156"


# --- the stable API: data version in the ETag, If-None-Match, file names, citations ---


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators.json",
        "/api/indicators/art174_registered_cases.csv",
        "/api/indicators/art174_registered_cases.json",
        "/api/indicators/art174_registered_cases.xlsx",
        "/api/claims.csv?kind=count",
        "/api/package.zip",
    ],
)
def test_api_responses_carry_the_data_version_and_answer_304(client, path):
    version = data.load().version
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{version}"'
    again = client.get(path, headers={"If-None-Match": f'"{version}"'})
    assert again.status_code == 304 and again.data == b""
    assert client.get(path, headers={"If-None-Match": '"older"'}).status_code == 200


def test_data_version_changes_when_a_built_file_changes(tmp_path_factory, tmp_path):
    folder = tmp_path / "processed"
    plain_copy(shared_fixture(tmp_path_factory), folder)
    before = data.data_version(folder)
    checks = stored_table(folder, "checks")
    checks.iloc[:1].to_parquet(folder / "checks.parquet", index=False)
    assert data.data_version(folder) != before


def test_unknown_ids_are_404_even_with_an_etag(client):
    version = data.load().version
    assert client.get("/api/indicators/nope.csv", headers={"If-None-Match": f'"{version}"'}).status_code == 404


@pytest.mark.parametrize(
    "path, disposition",
    [
        ("/api/indicators.json", 'inline; filename="indicators.json"'),
        ("/api/indicators/art174_registered_cases.json", 'inline; filename="art174_registered_cases.json"'),
        ("/api/indicators/art174_registered_cases.csv", 'attachment; filename="art174_registered_cases.csv"'),
        ("/api/claims.csv", 'attachment; filename="claims.csv"'),
    ],
)
def test_api_files_are_named(client, path, disposition):
    assert client.get(path).headers["Content-Disposition"] == disposition


def test_indicator_json_has_metadata_observations_and_citations(client):
    body = client.get("/api/indicators/art174_registered_cases.json").get_json()
    assert body["indicator"]["unit"] and body["observations"]
    (cited,) = body["citations"]
    assert cited["citation"] == "CERD/C/KAZ/11-14, para. 156" and cited["paragraph"] == 156
    assert all(row["quote"] in cited["text"] for row in body["observations"])
    assert body["data_version"] == data.load().version


@pytest.mark.parametrize("query", ["size=poster", "width=10&height=10", "width=abc", "scale=20", "theme=pink"])
def test_bad_image_options_are_400_with_a_reason(client, query):
    response = client.get(f"/api/indicators/art174_registered_cases.png?{query}")
    assert response.status_code == 400 and response.get_json()["error"]


def test_embed_frames_are_as_high_as_their_chart_needs():
    dataset = data.load()
    plain = next(
        p
        for p in (charts.chart_parts(dataset, i, {}, "fr") for i in catalogue_ids(dataset))
        if p.kind == "lines" and not p.warnings and not p.notes
    )
    warned = next(
        p
        for p in (charts.chart_parts(dataset, i, {}, "fr") for i in catalogue_ids(dataset))
        if p.kind == "lines" and p.warnings
    )
    tall = charts.chart_parts(dataset, "ethnic_composition_share", {}, "fr")
    assert embed.iframe_height(plain) == embed.IFRAME_HEIGHT < embed.iframe_height(warned)
    assert embed.iframe_height(tall) > embed.IFRAME_HEIGHT
    assert f'height="{embed.iframe_height(tall)}"' in embed.iframe_code(
        "http://x/", "ethnic_composition_share", "t", "fr", {}, embed.iframe_height(tall)
    )
