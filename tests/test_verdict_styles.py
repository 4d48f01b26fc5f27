"""Qualified verdicts (figures that agree only on a condition) are told apart from inconsistent ones wherever a warning
is shown: the page's banner, /compare, the embed and the image, amber rather than red, with text of enough contrast."""

import html
import re

import pytest
from app_fixtures import ROOT, app_reading, catalogue_ids, shared_fixture
from test_app_pages import walk

from contract.schema import CHECK_STATUSES, QUALIFIED_STATUSES
from dashboard import charts, comparison, data, framing

LANGS = ("fr", "en")
STYLE = (ROOT / "assets" / "style.css").read_text(encoding="utf-8")
EMBED = (ROOT / "dashboard" / "templates" / "embed.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app


@pytest.fixture(scope="module")
def dataset(built):
    return data.load()


def drawn_by(dataset, check) -> set[str]:
    """The indicators that draw the figure a check is about."""
    return {i for i in catalogue_ids(dataset) if check.claim_id in set(dataset.observations_of(i).claim_id)}


def banner_classes(layout) -> dict[str, str]:
    """The text of each paragraph of a page's warning banner and its class."""
    banner = [c for c in walk(layout) if str(getattr(c, "id", "")).endswith("-warnings")]
    assert len(banner) == 1
    return {str(p.children): str(p.className) for p in walk(banner[0].children)}


def test_each_warning_is_styled_by_its_verdict_on_the_page_embed_and_image(dataset, built):
    from pages import indicator

    not_plain = dataset.table("checks")[dataset.table("checks").status != "consistent"]
    seen = set()
    client = built.server.test_client()
    for check in not_plain.itertuples():
        verdict = "inconsistent" if check.status == "inconsistent" else "qualified"
        for indicator_id in drawn_by(dataset, check):
            for lang, why in (("fr", check.explanation_fr), ("en", check.explanation)):
                shown = banner_classes(indicator.layout(indicator_id=indicator_id, lang=lang))
                mine = [cls for text, cls in shown.items() if why[1:] in text]
                assert mine == [f"warning warning-{verdict}"], (check.check_id, lang, shown)
                embed = client.get(f"/embed/{indicator_id}?lang={lang}").data.decode()
                paragraphs = re.findall(r'<p class="warning-(\w+)">⚠ ([^<]*)</p>', embed)
                assert [v for v, text in paragraphs if why[1:] in html.unescape(text)] == [verdict], check.check_id
                seen.add(verdict)
    assert seen == {"inconsistent", "qualified"}  # the first report has both


def test_the_image_prints_a_qualified_warning_in_amber(dataset):
    qualified = dataset.table("checks")[dataset.table("checks").status.isin(QUALIFIED_STATUSES)].iloc[0]
    indicator_id = min(drawn_by(dataset, qualified))
    for theme, colors in (("light", framing.LIGHT), ("dark", framing.DARK)):
        parts = charts.chart_parts(dataset, indicator_id, {}, "en")
        image = charts.briefing_figure(parts, 1280, 720, theme)
        footer = next(a.text for a in image.layout.annotations if a.name == "footer")
        assert f"color:{colors['caution']}" in footer
        if not any(w.verdict == "inconsistent" for w in parts.warnings):
            assert f"color:{colors['warn']}" not in footer


def test_compare_keeps_the_verdict_of_its_warnings(dataset):
    from pages import compare

    ids = [i for i in catalogue_ids(dataset) if comparison.comparable(dataset, i)]
    parts, _ = comparison.compare_parts(dataset, ids, "fr")
    assert parts is not None and {w.verdict for w in parts.warnings} <= {"inconsistent", "qualified"}
    layout = compare.layout(ids=",".join(ids), lang="fr")
    if parts.warnings:
        shown = banner_classes(layout)
        assert sorted(shown.values()) == sorted(f"warning warning-{w.verdict}" for w in parts.warnings)


def luminance(hex_color: str) -> float:
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_amber_has_enough_contrast():
    variables = dict(re.findall(r"--([\w-]+): (#[0-9a-fA-F]{6})", STYLE))
    assert contrast(variables["caution-ink"], variables["caution-bg"]) >= 4.5
    assert contrast(variables["caution"], variables["caution-bg"]) >= 3  # the border: a graphical object
    amber = re.findall(r"p\.warning-qualified \{[^}]*background: (#\w+); color: (#\w+)", EMBED)
    assert len(amber) == 2  # light and dark
    for background, ink in amber:
        assert contrast(ink, background) >= 4.5
    assert contrast(framing.LIGHT["caution"], "#ffffff") >= 4.5
    assert contrast(framing.DARK["caution"], framing.DARK["paper"]) >= 4.5


def test_every_qualified_status_is_amber_on_the_checks_list():
    for status in CHECK_STATUSES:
        rule = re.search(rf"\.status-{status}\b[^{{]*\{{[^}}]*color: var\(--([\w-]+)\)", STYLE)
        assert rule is not None, status
        expected = "caution-ink" if status in QUALIFIED_STATUSES else ("bad" if status == "inconsistent" else "good")
        assert rule.group(1) == expected, status
