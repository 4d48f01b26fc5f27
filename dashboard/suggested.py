"""Suggested indicators in the catalogue: apart from the curated ones ("still uncharted"), or alone for a report without any."""
from dash import html

from dashboard import components  # components shows the badge on each card: a module reference, not names
from dashboard.i18n import format_number, t


def catalogue(catalog: list[dict], lang: str, query: str = "") -> list:
    """The catalogue's sections: curated topics first, then the suggested tables no curated indicator covers."""
    curated = [e for e in catalog if not e.get("suggested")]
    suggested = [e for e in catalog if e.get("suggested")]
    if not suggested:
        return components.catalogue_sections(catalog, lang, query)
    if not curated:  # a report without definitions: its suggested tables, by section
        return [html.P(t(lang, "suggested_only"), className="hint", id="catalogue-suggested-only"),
                *components.catalogue_sections(suggested, lang, query)]
    shown = components.catalogue_sections(curated, lang, query) if any(components.matches(e, query) for e in curated) else []
    uncharted = [e for e in suggested if components.matches(e, query)]
    if uncharted:
        shown.append(html.Section([
            html.H2(t(lang, "uncharted_title")),
            html.P(t(lang, "uncharted_intro")),
            *components.catalogue_sections(uncharted, lang, query),
        ], className="uncharted", id="catalogue-uncharted"))
    return shown or components.catalogue_sections([], lang, query)


def badge(entry: dict, lang: str) -> html.Span | None:
    """'suggested · confidence 0.85' on a suggested indicator's card; None on a curated one."""
    if not entry.get("suggested"):
        return None
    return html.Span(t(lang, "suggested_badge", confidence=format_number(entry.get("confidence", 0), lang)),
                     className="fact suggested-badge", title=(entry.get("reasons") or {}).get(lang, ""))
