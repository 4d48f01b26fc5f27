"""Each page's <head> in its language: `<html lang>`, the tab title, the description and
the Open Graph tags that make a shared link preview (an indicator's `og:image` is its chart PNG).

Dash writes one <head> for every path and one title per page module; `register(app)` replaces
both with the ones of the URL asked for. The tab title is set again on every in-app navigation
(Dash's router calls the page's title function); `<html lang>` is kept in step by assets/readers.js.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import dash
import flask
from dash.exceptions import MissingCallbackContextException
from markupsafe import escape

from contract.locales import locale_of
from dashboard import citations, data, security, templates
from dashboard.check_list import checks_lead
from dashboard.components import href, one
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, description, language, t, title

INDICATOR_PATH = "/indicators/"


@dataclass(frozen=True)
class Head:
    """What a page says about itself before it is drawn."""

    lang: str
    title: str
    description: str
    image: str | None = None


def head(path: str, query: dict[str, Any], base_url: str = "") -> Head:
    """The head of the page at `path` with the query `query` ({name: value or [values]})."""
    lang = language(one(query.get("lang")))
    app_title = t(lang, "app_title")
    try:
        dataset = data.load()
    except data.DataUnavailable:
        return Head(lang, app_title, "")
    report = dataset.report_or_default(one(query.get("report")))
    about = {"symbol": dataset.symbol(report), "state": dataset.facts(report).state}
    if path.startswith(INDICATOR_PATH):
        return _indicator_head(dataset, path[len(INDICATOR_PATH) :], query, lang, base_url)
    if path == "/report":
        count = len(dataset.paragraphs_of(report))
        return Head(
            lang,
            _titled(f"{t(lang, 'report_title')} {about['symbol']}", lang),
            t(lang, "meta_report", n=count, **about),
        )
    if path == "/claims":
        count = dataset.claims_count(report)
        return Head(lang, _titled(t(lang, "claims_title"), lang), t(lang, "meta_claims", n=count, **about))
    if path == "/":
        count = len(dataset.entries_of(report))
        return Head(
            lang,
            _titled(f"{t(lang, 'nav_catalogue')} {about['symbol']}", lang),
            t(lang, "meta_catalogue", n=count, **about),
        )
    if path == "/checks":
        return Head(lang, _titled(t(lang, "checks_title"), lang), checks_lead(dataset.checks_of_report(report), lang))
    if path == "/compare":
        return Head(lang, _titled(t(lang, "compare_title"), lang), t(lang, "compare_lead"))
    if path == "/follow-up":
        return Head(
            lang,
            _titled(f"{t(lang, 'follow_title')} {about['symbol']}", lang),
            t(lang, "follow_intro", symbol=dataset.facts(report).previous_symbol or t(lang, "follow_previous")),
        )
    return Head(lang, app_title, "")


def _titled(name: str, lang: str) -> str:
    return f"{name} · {t(lang, 'app_title')}"


def _indicator_head(dataset: data.Dataset, indicator_id: str, query: dict[str, Any], lang: str, base_url: str) -> Head:
    entry = dataset.indicator(indicator_id)
    if entry is None:
        return Head(lang, _titled(t(lang, "not_found", id=indicator_id), lang), "")
    citation = citations.cite(dataset, entry.report_id, entry.paragraphs, lang)
    source = f"{citation.symbol}, {citations.paragraphs_text(citation.paragraphs, lang)}"
    said = description(entry, lang).strip()
    said_in_full = t(
        lang, "meta_indicator", description=said if said.endswith((".", "!", "?")) else f"{said}.", source=source
    )
    # The preview image shows the view that is shared: its language and dimension choice.
    chosen = {d: query[d] for d in dataset.dimensions_of(indicator_id) if d in query}
    image = base_url.rstrip("/") + href(f"/api/indicators/{indicator_id}.png", lang, size="slide", **chosen)
    return Head(lang, _titled(title(entry, lang), lang), said_in_full, image)


def current_route() -> tuple[str, dict[str, Any]]:
    """The path and query of the page being drawn: the router callback's inputs, else the HTTP request's."""
    try:
        inputs = dash.callback_context.inputs
    except MissingCallbackContextException:  # the page's first HTML, not a callback
        return flask.request.path, flask.request.args.to_dict(flat=False)
    if "_pages_location.pathname" not in inputs:  # another callback: the URL is not among its inputs
        return flask.request.path, {}
    return inputs["_pages_location.pathname"] or "/", parse_qs((inputs.get("_pages_location.search") or "").lstrip("?"))


def tags(page: Head, url: str) -> str:
    """The <meta> tags of a page: description, Open Graph and Twitter card (no empty ones)."""
    pairs = [
        ("name", "description", page.description),
        ("property", "og:type", "website"),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", url),
        ("property", "og:locale", locale_of(page.lang)),
        ("property", "og:image", page.image),
        ("name", "twitter:card", "summary_large_image" if page.image else "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
        ("name", "twitter:image", page.image),
    ]
    return templates.render("meta_tags.html", pairs=pairs)


def _routed_title(**_path_variables: object) -> str:
    """A page's tab title in its language, for Dash's router (which passes only the path's variables)."""
    path, query = current_route()
    return head(path, query).title


def register(app: dash.Dash) -> None:
    """Give every page its own <head>: lang attribute, title, description and preview tags."""
    app.config.include_pages_meta = False  # Dash's own tags know neither the language nor the chart
    interpolate = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        request = flask.request
        page = head(request.path, request.args.to_dict(flat=False), security.public_url())
        parts["title"] = str(escape(page.title))
        # og:url from PUBLIC_URL, like every absolute link, never from the request's Host
        query = request.query_string.decode("latin-1")
        url = security.public_url() + request.path + (f"?{query}" if query else "")
        parts["metas"] = f"{parts.get('metas', '')}\n{tags(page, url)}"
        html = interpolate(**parts)
        # data-* tell assets/readers.js which languages there are when the URL changes in the page.
        opening = templates.render("html_open.html", lang=page.lang, languages=LANGUAGES, default=DEFAULT_LANGUAGE)
        return str(html).replace("<html>", opening, 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
    for page in dash.page_registry.values():
        page["title"] = _routed_title
