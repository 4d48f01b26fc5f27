"""/embed/<indicator_id>: the chart alone, with its title, notes and source line, for an <iframe>.

A plain HTML page (not a Dash page), rendered from dashboard/templates/embed.html: it loads plotly.js
and one small script, nothing else, so it is light to embed and looks the same whatever the app's pages
become. Every text it shows comes from the data and is escaped: report text is never markup.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from flask import Flask, Response, abort, send_file
from markupsafe import Markup

from dashboard import charts, comparison, data, query, series, templates, transfer
from dashboard.components import href, report_href
from dashboard.figures import page_height
from dashboard.framing import themed
from dashboard.i18n import labelled, language, t

# The embed page loads plotly.js from where the pages' graphs do (transfer.PLOTLY_URL: the basic bundle, compressed
# once per worker; 1.2 MB to parse instead of the full 4.8 MB, which took an embed 1.5 s to show). The name below
# stays for embed pages a reader loaded before, now the same basic bundle.
STATIC = {
    "plotly.min.js": transfer.PLOTLY_BASIC,
    "embed.js": Path(__file__).parent / "static" / "embed.js",
}
EMBED_OPTIONS = ("lang", "theme")
IFRAME_HEIGHT = 560


def register(server: Flask) -> None:
    """Add /embed/<indicator_id> and its two scripts to the Flask server."""
    server.add_url_rule("/embed/compare", "embed_compare", compare_page)  # before <indicator_id>: a fixed path wins
    server.add_url_rule("/embed/<indicator_id>", "embed", embed_page)
    server.add_url_rule("/embed-static/<name>", "embed_static", static_file)
    # Deeper paths are a 404 here, not the Dash page shell that other paths get.
    server.add_url_rule("/embed/<path:rest>", "embed_unknown", _not_found)
    server.add_url_rule("/embed-static/<path:rest>", "embed_static_unknown", _not_found)


def _not_found(rest: str) -> Response:
    abort(404)


def static_file(name: str) -> Response:
    """plotly.js and the embed script; any other name is a 404 (names are looked up, not joined to a path)."""
    if name not in STATIC:
        abort(404)
    return send_file(STATIC[name], mimetype="text/javascript", max_age=86400)


def query_of(asked: query.Query) -> dict[str, object]:
    """The dimension choice of a request: every parameter that is not one of the app's own."""
    return {name: list(values) for name, values in asked.choice.items()}


def embed_url(base_url: str, indicator_id: str, lang: str, chosen: dict[str, Any], theme: str = "light") -> str:
    """The absolute address of an embed for a view: its language, theme and dimension choice.

    `base_url` is the configured public address (`security.public_url()`, from PUBLIC_URL), not the request's Host.
    """
    return base_url.rstrip("/") + href(
        f"/embed/{indicator_id}", lang, theme=theme if theme != "light" else None, **chosen
    )


def iframe_height(parts: charts.ChartParts | None) -> int:
    """How high the iframe should be for the chart to show whole: its plot, and the lines of text around it."""
    if parts is None:
        return IFRAME_HEIGHT
    plot = 220 if parts.card else page_height(parts.figure)
    text = 120 + 46 * len(parts.warnings) + 22 * len(parts.notes)
    return max(IFRAME_HEIGHT, min(1400, plot + text))


def iframe_code(
    base_url: str, indicator_id: str, title: str, lang: str, chosen: dict[str, Any], height: int = IFRAME_HEIGHT
) -> str:
    """Ready-to-paste HTML that embeds the chart at full width."""
    src = embed_url(base_url, indicator_id, lang, chosen)
    return templates.render("iframe.html", src=src, title=title, height=height)


def embed_figure(parts: charts.ChartParts, theme: str) -> go.Figure:
    """The page's figure fitted to the iframe: its height from the page, room for nothing but the plot."""
    figure = themed(go.Figure(parts.figure), theme)
    margin = {"l": 55, "r": 10, "t": 30, "b": 40} if parts.kind != "bars" else {"l": 10, "r": 10, "t": 10, "b": 10}
    figure.update_layout(height=None, autosize=True, margin=margin, clickmode="none")
    return figure


def _theme() -> str:
    return query.current().theme or "light"


def embed_page(indicator_id: str) -> Response:
    """The embed of one indicator: ?lang=en, ?theme=dark and the indicator page's dimension parameters."""
    lang = language(query.current().lang)
    theme = _theme()
    dataset = data.load()
    parts = charts.chart_parts(dataset, indicator_id, query_of(query.current()), lang)
    if parts is None:
        abort(404, description=f"no indicator {indicator_id!r}: see /api/indicators.json for the ids")
    # Links relative to the embed's own address (the iframe's src), never built from the request's Host.
    page_url = href(f"/indicators/{indicator_id}", lang, **parts.chosen)
    files = {ext: href(f"/api/indicators/{indicator_id}.{ext}", lang, **parts.chosen) for ext in ("csv", "png")}
    return Response(embed_html(dataset, parts, page_url, lang, theme, files), mimetype="text/html")


def compare_page() -> Response:
    """The embed of a comparison: /embed/compare?ids=a,b (&lang, &theme), as /compare draws it."""
    lang = language(query.current().lang)
    theme = _theme()
    dataset = data.load()
    ids = comparison.compare_ids(list(query.current().ids))
    parts, _ = comparison.compare_parts(dataset, ids, lang)
    if parts is None:
        abort(404, description="no indicator to compare: give ?ids=<id>,<id> (see /api/indicators.json for the ids)")
    page_url = href("/compare", lang, ids=",".join(parts.chosen["ids"]))
    files = {ext: href(f"/api/compare.{ext}", lang, ids=",".join(parts.chosen["ids"])) for ext in ("csv", "png")}
    return Response(embed_html(dataset, parts, page_url, lang, theme, files), mimetype="text/html")


def compare_url(base_url: str, ids: list[str], lang: str) -> str:
    """The absolute address of the embed of a comparison."""
    return base_url.rstrip("/") + href("/embed/compare", lang, ids=",".join(ids))


def compare_iframe_code(base_url: str, ids: list[str], title: str, lang: str, height: int = IFRAME_HEIGHT) -> str:
    """Ready-to-paste HTML that embeds a comparison at full width."""
    return templates.render("iframe.html", src=compare_url(base_url, ids, lang), title=title, height=height)


@dataclass(frozen=True)
class ParagraphLink:
    """A paragraph number of the source line, linking to the report's reader."""

    paragraph: int
    href: str
    document: str = ""  # its document's symbol, for a series across documents (each paragraph in its own)


def embed_html(
    dataset: data.Dataset,
    parts: charts.ChartParts,
    page_url: str,
    lang: str,
    theme: str,
    files: dict[str, str] | None = None,
) -> str:
    """The embed page of chart parts: title, subtitle, the report's inconsistencies, the chart or number card, notes,
    source, and links to its data (CSV) and its image (PNG)."""
    links = [ParagraphLink(p, report_href(dataset, parts.report_id, lang, p)) for p in parts.paragraphs]
    if "symbol" in parts.rows:  # a series across documents: each paragraph in its own document
        places = dict.fromkeys(zip(parts.rows.report_id, parts.rows.paragraph, parts.rows.symbol))
        links = [ParagraphLink(int(p), series.paragraph_href(r, p, lang), str(s)) for r, p, s in places]
    # JSON inside <script>: "<" escaped so no text of the report can close the element.
    figure_json = (
        None if parts.card else Markup(embed_figure(parts, theme).to_json().replace("<", "\\u003c"))  # noqa: S704
    )
    return templates.render(
        "embed.html",
        lang=lang,
        theme=theme,
        parts=parts,
        card=parts.card,
        page_url=page_url,
        # Never squeezed below the page's height for it: a small frame scrolls rather than drop labels.
        chart_height=min(page_height(parts.figure), 700),
        figure_json=figure_json,
        plotly_url=transfer.PLOTLY_URL,
        source_word=labelled(t(lang, "source"), lang),
        para=t(lang, "para"),
        paragraph_links=links,
        full=t(lang, "full_indicator"),
        files=files or {},
        data_word=t(lang, "embed_data"),
        image_word=t(lang, "embed_image"),
    )
