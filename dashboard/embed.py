"""/embed/<indicator_id>: the chart alone, with its title, notes and source line, for an <iframe>.

A plain HTML page (not a Dash page): it loads plotly.js and one small script, nothing else,
so it is light to embed and looks the same whatever the app's pages become. Every text it
shows comes from the data and is escaped: report text is never markup.
"""

from pathlib import Path

import plotly
from flask import Flask, Response, abort, request, send_file
from markupsafe import escape

from dashboard import charts, data
from dashboard.components import href, report_href
from dashboard.figures import page_height
from dashboard.i18n import language, t

STATIC = {
    "plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
    "embed.js": Path(__file__).parent / "static" / "embed.js",
}
EMBED_OPTIONS = ("lang", "theme")
IFRAME_HEIGHT = 560

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ height: 100%; margin: 0; }}
body {{ display: flex; flex-direction: column; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1d2733; background: #fff; padding: 12px 14px; box-sizing: border-box; }}
body.dark {{ color: #e8edf2; background: #16202b; }}
h1 {{ font-size: 1.15rem; margin: 0; }}
h1 a {{ color: inherit; text-decoration: none; }}
h1 a:hover, h1 a:focus {{ text-decoration: underline; }}
.subtitle {{ margin: .15rem 0 .3rem; color: #5b6775; font-size: .9rem; }}
.dark .subtitle, .dark .notes, .dark .source {{ color: #a9b6c3; }}
#embed-chart {{ flex: 1 1 auto; min-height: 240px; width: 100%; }}
.notes {{ margin: .3rem 0 0; padding: 0; list-style: none; font-size: .78rem; color: #5b6775; }}
.source {{ margin: .3rem 0 0; font-size: .82rem; color: #5b6775; }}
a {{ color: #0072B2; }}
.dark a {{ color: #56B4E9; }}
a:focus-visible {{ outline: 2px solid #E69F00; outline-offset: 2px; }}
.warnings {{ margin: .2rem 0 .3rem; padding: .3rem .6rem; border-left: 4px solid #b3261e; background: #fdecea; color: #7a1a14; font-size: .8rem; }}
.warnings p {{ margin: .1rem 0; }}
.dark .warnings {{ background: #3a1f1f; color: #ffb4ab; border-color: #ff8a80; }}
.number-card {{ flex: 1 0 auto; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; min-height: 160px; }}
.number-card p {{ margin: .15rem 0; }}
.card-number {{ font-size: 3rem; font-weight: 700; line-height: 1.1; }}
.number-card-value {{ font-size: 1.4rem; }}
.number-card-what, .number-card-period, .number-card-qualifier {{ color: #5b6775; }}
.number-card-qualifier {{ font-size: 1.2rem; }}
.dark .number-card-what, .dark .number-card-period, .dark .number-card-qualifier {{ color: #a9b6c3; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
</style>
</head>
<body class="{theme}">
<h1 id="embed-title"><a href="{page_url}" target="_blank" rel="noopener">{title}</a></h1>
<p class="subtitle" id="embed-subtitle">{subtitle}</p>
{warnings}{chart}
<p class="visually-hidden" id="embed-description">{description}</p>
<ul class="notes" id="embed-notes">{notes}</ul>
<p class="source" id="embed-source">{source_word} {symbol}, {para} {paragraph_links} · <a href="{page_url}" target="_blank" rel="noopener">{full}</a></p>
{figure}
</body>
</html>
"""


def register(server: Flask) -> None:
    """Add /embed/<indicator_id> and its two scripts to the Flask server."""
    server.add_url_rule("/embed/compare", "embed_compare", compare_page)  # before <indicator_id>: a fixed path wins
    server.add_url_rule("/embed/<indicator_id>", "embed", embed_page)
    server.add_url_rule("/embed-static/<name>", "embed_static", static_file)
    # Deeper paths are a 404 here, not the Dash page shell that other paths get.
    server.add_url_rule("/embed/<path:rest>", "embed_unknown", _not_found)
    server.add_url_rule("/embed-static/<path:rest>", "embed_static_unknown", _not_found)


def _not_found(rest: str):
    abort(404)


def static_file(name: str):
    """plotly.js and the embed script; any other name is a 404 (names are looked up, not joined to a path)."""
    if name not in STATIC:
        abort(404)
    return send_file(STATIC[name], mimetype="text/javascript", max_age=86400)


def query_of(args) -> dict:
    """The dimension choice of a request: every parameter except the embed's own options."""
    return {k: v for k, v in args.to_dict(flat=False).items() if k not in EMBED_OPTIONS}


def embed_url(base_url: str, indicator_id: str, lang: str, chosen: dict, theme: str = "light") -> str:
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
    base_url: str, indicator_id: str, title: str, lang: str, chosen: dict, height: int = IFRAME_HEIGHT
) -> str:
    """Ready-to-paste HTML that embeds the chart at full width."""
    src = embed_url(base_url, indicator_id, lang, chosen)
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{height}" '
        f'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def embed_figure(parts: charts.ChartParts, theme: str):
    """The page's figure fitted to the iframe: its height from the page, room for nothing but the plot."""
    figure = charts.themed(type(parts.figure)(parts.figure), theme)
    margin = {"l": 55, "r": 10, "t": 30, "b": 40} if parts.kind != "bars" else {"l": 10, "r": 10, "t": 10, "b": 10}
    figure.update_layout(height=None, autosize=True, margin=margin, clickmode="none")
    return figure


def embed_page(indicator_id: str):
    """The embed of one indicator: ?lang=en, ?theme=dark and the indicator page's dimension parameters."""
    lang = language(request.args.get("lang"))
    theme = request.args.get("theme") if request.args.get("theme") in charts.THEMES else "light"
    dataset = data.load()
    parts = charts.chart_parts(dataset, indicator_id, query_of(request.args), lang)
    if parts is None:
        abort(404, description=f"no indicator {indicator_id!r}: see /api/indicators.json for the ids")
    # Links relative to the embed's own address (the iframe's src), never built from the request's Host (issue 12).
    page_url = href(f"/indicators/{indicator_id}", lang, **parts.chosen)
    return Response(embed_html(dataset, parts, page_url, lang, theme), mimetype="text/html")


def compare_page():
    """The embed of a comparison: /embed/compare?ids=a,b (&lang, &theme), as /compare draws it."""
    lang = language(request.args.get("lang"))
    theme = request.args.get("theme") if request.args.get("theme") in charts.THEMES else "light"
    dataset = data.load()
    ids = charts.compare_ids(request.args.getlist("ids"))
    parts, _ = charts.compare_parts(dataset, ids, lang)
    if parts is None:
        abort(404, description="no indicator to compare: give ?ids=<id>,<id> (see /api/indicators.json for the ids)")
    page_url = href("/compare", lang, ids=",".join(parts.chosen["ids"]))
    return Response(embed_html(dataset, parts, page_url, lang, theme), mimetype="text/html")


def compare_url(base_url: str, ids: list[str], lang: str) -> str:
    """The absolute address of the embed of a comparison."""
    return base_url.rstrip("/") + href("/embed/compare", lang, ids=",".join(ids))


def compare_iframe_code(base_url: str, ids: list[str], title: str, lang: str, height: int = IFRAME_HEIGHT) -> str:
    """Ready-to-paste HTML that embeds a comparison at full width."""
    return (
        f'<iframe src="{escape(compare_url(base_url, ids, lang))}" title="{escape(title)}" width="100%" '
        f'height="{height}" style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def embed_html(dataset, parts: charts.ChartParts, page_url: str, lang: str, theme: str) -> str:
    """The embed page of chart parts: title, subtitle, the report's inconsistencies, the chart or number card, notes, source."""
    links = ", ".join(
        f'<a href="{escape(report_href(dataset, parts.report_id, lang, p))}" target="_blank" rel="noopener">{p}</a>'
        for p in parts.paragraphs
    )
    colon = " :" if lang == "fr" else ":"
    warnings = (
        (
            '<div class="warnings" id="embed-warnings" role="note">'
            + "".join(f"<p>⚠ {escape(w)}</p>" for w in parts.warnings)
            + "</div>\n"
        )
        if parts.warnings
        else ""
    )
    if parts.card:
        card = parts.card
        unit = f" {escape(card['unit'])}" if card["unit"] else ""
        what = f'<p class="number-card-what">{escape(card["what"])}</p>' if card["what"] else ""
        qualifier = f'<p class="number-card-qualifier">{escape(card["qualifier"])}</p>' if card["qualifier"] else ""
        chart = (
            f'<div class="number-card" id="embed-card" role="img" aria-label="{escape(parts.description)}">{qualifier}'
            f'<p class="number-card-value"><span class="card-number">{escape(card["number"])}</span>{unit}</p>{what}'
            f'<p class="number-card-period">{escape(card["period"])}</p></div>'
        )
        figure = ""
    else:
        # Never squeezed below the page's height for it: a small frame scrolls rather than drop labels.
        chart = (
            f'<div id="embed-chart" role="img" aria-label="{escape(parts.description)}" '
            f'aria-describedby="embed-description" style="min-height:{min(page_height(parts.figure), 700)}px"></div>'
        )
        # JSON inside <script>: "<" escaped so no text of the report can close the element.
        spec = embed_figure(parts, theme).to_json().replace("<", "\\u003c")
        figure = (
            f'<script type="application/json" id="embed-figure">{spec}</script>\n'
            '<script src="/embed-static/plotly.min.js"></script>\n<script src="/embed-static/embed.js"></script>'
        )
    return PAGE.format(
        lang=lang,
        theme=theme,
        title=escape(parts.title),
        subtitle=escape(parts.subtitle),
        page_url=escape(page_url),
        description=escape(parts.description),
        notes="".join(f"<li>{escape(n)}</li>" for n in parts.notes),
        warnings=warnings,
        chart=chart,
        source_word=escape(t(lang, "source") + colon),
        symbol=escape(parts.symbol),
        para=escape(t(lang, "para")),
        paragraph_links=links,
        full=escape(t(lang, "full_indicator")),
        figure=figure,
    )
