"""The dashboard's shell: navigation, language switch, the pages and the /api routes.

Development: `python app.py` (or `make run`) serves http://127.0.0.1:8050 with debug off.
Production: `gunicorn app:server` (see the README). Data comes only from data/processed/.
"""

import os
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Dash, Input, Output, callback, dcc, html

from dashboard import api, cache, compare_api, embed, follow_up, meta, query, refusals, security, transfer
from dashboard.attributes import attributes
from dashboard.components import one
from dashboard.i18n import LANGUAGES, language, t

app = Dash(__name__, use_pages=True, title="CERD statistics", suppress_callback_exceptions=True, update_title=None)  # type: ignore[arg-type]
server = app.server
api.register(server)
follow_up.register(server)
embed.register(server)
compare_api.register(server)
# Order matters: Flask runs before_request hooks in this order and after_request hooks in the reverse one
# (bundles named, then compressed, then kept by the cache, then headers on everything).
security.register(app)
refusals.register(app)
query.register(server, refusals.PAGE_ENDPOINTS)  # every page, /api and /embed query read once, 400 when it does not fit
cache.register(app)
transfer.register(app)
meta.register(app)  # each page's <html lang>, title, description and preview tags

NAV = (
    ("catalogue", "/", "nav_catalogue"),
    ("report", "/report", "nav_report"),
    ("claims", "/claims", "nav_claims"),
    ("checks", "/checks", "nav_checks"),
    ("follow-up", "/follow-up", "nav_follow_up"),
    ("reports", "/reports", "nav_reports"),
)

app.layout = html.Div(
    [
        dcc.Location(id="app-location"),
        html.Header(
            [
                dcc.Link(id="app-brand", href="/", className="brand"),
                html.Nav([dcc.Link(id=f"app-nav-{name}", href=path) for name, path, _ in NAV], className="nav"),
                html.Div(
                    [
                        dcc.Link(
                            code.upper(),
                            id=f"app-lang-{code}",
                            href="/",
                            title={"fr": "Français", "en": "English"}[code],
                        )
                        for code in LANGUAGES
                    ],
                    className="lang-switch",
                    role="group",
                    **attributes({"aria-label": "Langue / Language"}),
                ),
            ],
            className="topbar",
        ),
        html.Main(dash.page_container, className="page"),
    ]
)


# The page Dash shows for a path that names no page (dashboard/refusals.py answers it with a 404 status).
NOT_FOUND_WORDS = {
    "fr": ("Page introuvable", "Aucune page de ce site ne porte cette adresse."),
    "en": ("Page not found", "No page of this site has this address."),
}


def not_found(lang: object = None, **_: object) -> html.Div:
    """The not-found page: what happened and a link home, in the reader's language."""
    lang = language(one(lang))
    title, text = NOT_FOUND_WORDS[lang]
    return html.Div(
        [html.H1(title), html.P(text), dcc.Link(t(lang, "back_to_catalogue"), href=with_language("/", "", "", lang))],
        id="not-found",
        className="not-found",
    )


dash.register_page(refusals.NOT_FOUND_MODULE, path="/404", layout=not_found, title="Page introuvable / Page not found")


def with_language(pathname: str | None, search: str | None, hash_: str | None, code: str) -> str:
    """The current URL with its language set to `code` (the default language is left implicit)."""
    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"), keep_blank_values=True) if k != "lang"]
    if code != LANGUAGES[0]:
        params.insert(0, ("lang", code))
    query = f"?{urlencode(params)}" if params else ""
    return f"{pathname or '/'}{query}{hash_ or ''}"


@callback(
    [Output("app-brand", "children"), Output("app-brand", "href")]
    + [Output(f"app-nav-{name}", prop) for name, _, _ in NAV for prop in ("children", "href", "className")]
    + [Output(f"app-lang-{code}", prop) for code in LANGUAGES for prop in ("href", "className")],
    Input("app-location", "pathname"),
    Input("app-location", "search"),
    Input("app-location", "hash"),
)
def navbar(pathname: str | None, search: str | None, hash_: str | None) -> list[object]:
    """Navigation labels and links in the current language; language links that keep the page."""
    query = dict(parse_qsl((search or "").lstrip("?")))
    lang = language(query.get("lang"))
    # The chosen report (?report=<id>) follows the reader from the catalogue to the report and its numbers.
    report = f"?{urlencode({'report': query['report']})}" if query.get("report") else ""
    home = with_language("/", report, "", lang)
    outputs: list[object] = [t(lang, "app_title"), home]
    for _, path, key in NAV:
        active = pathname == path or (path == "/" and (pathname or "").startswith("/indicators/"))
        outputs += [t(lang, key), with_language(path, report, "", lang), "nav-link active" if active else "nav-link"]
    for code in LANGUAGES:
        outputs += [with_language(pathname, search, hash_, code), "lang active" if code == lang else "lang"]
    return outputs


def main() -> None:
    """Serve the app on 127.0.0.1:8050 (APP_HOST and APP_PORT override), debug off."""
    # Not HOST/PORT: some shells set HOST to the machine's name, which would change the bind address.
    app.run(host=os.environ.get("APP_HOST", "127.0.0.1"), port=int(os.environ.get("APP_PORT", "8050")), debug=False)


if __name__ == "__main__":
    main()
