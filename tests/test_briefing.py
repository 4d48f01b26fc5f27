"""PNG/SVG exports (kaleido 1.x + Debian's Chromium) and the briefing pack command."""

import html
import io
import re

import pytest
from app_fixtures import build_home, require_browser, shared_fixture
from PIL import Image

from dashboard import briefing, charts, data, images

require_browser()

THREE = ["art174_registered_cases", "art174_cases_tried_and_convicted", "ethnic_composition_population"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = shared_fixture(tmp_path_factory)
    with build_home(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(folder))
        import app

        yield app.server.test_client()
        images.stop()  # close Chromium while HOME and TMPDIR still point into .build/


def png_size_and_colours(body: bytes) -> tuple[tuple[int, int], int]:
    image = Image.open(io.BytesIO(body)).convert("RGB")
    return image.size, len(image.getcolors(maxcolors=1 << 20) or [])


def svg_text(body: bytes) -> str:
    """The text of an SVG's <text> elements, joined."""
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", body.decode("utf-8"), re.DOTALL)))


@pytest.mark.parametrize(
    "query, size",
    [
        ("size=slide", (1280, 720)),
        ("size=square", (1080, 1080)),
        ("size=a4&scale=2", (2480, 1754)),
        ("width=800&height=500", (800, 500)),
    ],
)
def test_png_has_the_requested_pixel_size_and_is_not_blank(client, query, size):
    response = client.get(f"/api/indicators/art174_registered_cases.png?{query}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    shape, colours = png_size_and_colours(response.data)
    assert shape == size
    assert colours > 20, "a chart with text and lines has many colours; a blank image has one"


def test_svg_holds_title_subtitle_notes_and_source_line(client):
    response = client.get("/api/indicators/art174_cases_tried_and_convicted.svg?lang=en")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    text = svg_text(response.data)
    parts = charts.chart_parts(data.load(), "art174_cases_tried_and_convicted", {}, "en")
    assert parts.title in text.replace("  ", " ") or all(word in text for word in parts.title.split())
    assert "Source: CERD/C/KAZ/11-14, para. 155" in text
    assert "Partial period" in text and parts.subtitle in text


def test_image_follows_the_dimension_choice_and_language(client):
    rows = data.load().observations_of("art174_cases_tried_and_convicted")
    measure = rows.measure.iloc[0]
    text = svg_text(
        client.get("/api/indicators/art174_cases_tried_and_convicted.svg", query_string={"measure": measure}).data
    )
    assert "Source : CERD/C/KAZ/11-14, par. 155" in text and measure in text
    assert all(other not in text for other in rows.measure.unique() if other != measure)


def test_images_are_cached_and_carry_the_data_version(client):
    first = client.get("/api/indicators/ethnic_composition_population.png?size=square")
    second = client.get("/api/indicators/ethnic_composition_population.png?size=square")
    assert first.data == second.data and first.headers["ETag"] == f'"{data.load().version}"'
    assert 'filename="ethnic_composition_population-1080x1080.png"' in first.headers["Content-Disposition"]


def test_dark_theme_image_is_dark(client):
    image = Image.open(
        io.BytesIO(client.get("/api/indicators/art174_registered_cases.png?theme=dark&width=400&height=300").data)
    )
    assert image.convert("L").getpixel((2, 2)) < 80, "the dark theme's background"


def test_briefing_pack_writes_images_and_citations_for_three_indicators(client, tmp_path, capsys):
    out = tmp_path / "pack"
    assert briefing.main([*THREE, "--formats", "png,svg", "--size", "square", "--lang", "en", "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert names == {f"{i}.{ext}" for i in THREE for ext in ("png", "svg")} | {"sources.md"}
    for indicator_id in THREE:
        assert png_size_and_colours((out / f"{indicator_id}.png").read_bytes())[0] == (1080, 1080)
    sources = (out / "sources.md").read_text(encoding="utf-8")
    dataset = data.load()
    for indicator_id in THREE:
        parts = charts.chart_parts(dataset, indicator_id, {}, "en")
        assert f"## {parts.title}" in sources and parts.source in sources
        for row in dataset.observations_of(indicator_id).itertuples():
            assert f"CERD/C/KAZ/11-14, para. {row.paragraph}: « {row.quote} »" in sources
    assert "6 images" in capsys.readouterr().out


def test_briefing_rejects_unknown_ids_and_formats(client, tmp_path, capsys):
    assert briefing.main(["nope", "--out", str(tmp_path / "x")]) == 2
    assert "nope" in capsys.readouterr().err
    assert briefing.main(["art174_registered_cases", "--formats", "gif", "--out", str(tmp_path / "x")]) == 2
    assert not (tmp_path / "x").exists()


def test_the_boot_warm_up_renders_a_real_chart_and_keeps_no_image(client, monkeypatch):
    """gunicorn.conf.py warms each worker with the catalogue's first chart rendered as an image would be: the render
    really goes through Chromium, and no reader's image is served from it (nothing kept among the images)."""
    dataset = data.load()
    rendered: list[bytes] = []
    render = images.chromium.render
    monkeypatch.setattr(
        images.chromium, "render", lambda spec, opts: rendered.append(render(spec, opts)) or rendered[-1]
    )
    images._images.clear()
    assert images.warm_up(dataset, wait=60)
    assert len(rendered) == 1 and rendered[0].startswith(b"\x89PNG")
    assert len(images._images) == 0
    first = dataset.entries_of(dataset.report_or_default(None))[0].indicator_id
    assert client.get(f"/api/indicators/{first}.png").data.startswith(b"\x89PNG") and len(rendered) == 2
