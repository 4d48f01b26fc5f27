"""Suggested tables in the catalogue: apart from the curated indicators ("still uncharted"), or alone for a report without any.

Suggestions confident enough have pages of their own (catalogue entries marked `suggested`);
the others that no curated indicator covers are listed under them, each leading to its paragraph.
"""

from dataclasses import dataclass

from dash import dcc, html

from dashboard import (
    components,  # components shows the badge on each card: a module reference, not names
    search,
)
from dashboard.i18n import format_number, t


@dataclass
class Unpublished:
    """A suggestion without a page: what the catalogue lists of it."""

    suggestion_id: str
    title: dict  # {fr, en}
    confidence: float
    paragraphs: list[int]
    report: str | None  # the `report=` of its links: None for the default report


def unpublished(dataset, report_id: str) -> list[Unpublished]:
    """The report's suggestions that no curated indicator covers and that have no page, most confident first."""
    key = (dataset.version, str(dataset.folder), report_id)  # found once per build: the search asks at every keystroke
    if key not in _unpublished:
        if len(_unpublished) >= 32:  # builds and reports seen by this worker: a few, unless the data keeps changing
            _unpublished.clear()
        _unpublished[key] = _find_unpublished(dataset, report_id)
    return _unpublished[key]


_unpublished: dict = {}


def _find_unpublished(dataset, report_id: str) -> list[Unpublished]:
    rows = dataset.suggestions
    if rows.empty:
        return []
    mine = rows[
        (rows.report_id == report_id)
        & (rows.covered_by.apply(len) == 0)
        & ~rows.suggestion_id.isin(list(dataset.indicators))
    ]
    paragraph_of = dict(zip(dataset.claims.claim_id, dataset.claims.paragraph))
    chosen = report_id if report_id != dataset.report_or_default(None) else None
    found = [
        Unpublished(
            sid,
            {"fr": group.title_fr.iloc[0], "en": group.title_en.iloc[0]},
            float(group.confidence.iloc[0]),
            sorted({int(paragraph_of[c]) for c in group.claim_id if c in paragraph_of}),
            chosen,
        )
        for sid, group in mine.groupby("suggestion_id", sort=False)
    ]
    return sorted(found, key=lambda s: (-s.confidence, s.paragraphs))


def catalogue(catalog: list[dict], lang: str, query: str = "", others: list[Unpublished] = ()) -> list:
    """The catalogue's sections: curated topics first, then the suggested tables no curated indicator covers."""
    curated = [e for e in catalog if not e.get("suggested")]
    suggested = [e for e in catalog if e.get("suggested")]
    others = [s for s in others if _matches(s, query)]
    if not suggested and not others:
        return components.catalogue_sections(catalog, lang, query)
    if not curated:  # a report without definitions: its suggested tables, by section
        shown = components.catalogue_sections(suggested, lang, query) if suggested else []
        return [
            html.P(t(lang, "suggested_only"), className="hint", id="catalogue-suggested-only"),
            *shown,
            _others_list(others, lang),
        ]
    shown = (
        components.catalogue_sections(curated, lang, query)
        if any(search.entry_matches(e, query) for e in curated)
        else []
    )
    uncharted = [e for e in suggested if search.entry_matches(e, query)]
    if uncharted or others:
        shown.append(
            html.Section(
                [
                    html.H2(t(lang, "uncharted_title")),
                    html.P(t(lang, "uncharted_intro")),
                    *(components.catalogue_sections(uncharted, lang, query) if uncharted else []),
                    _others_list(others, lang),
                ],
                className="uncharted",
                id="catalogue-uncharted",
            )
        )
    return shown or components.catalogue_sections([], lang, query)


def _matches(suggestion: Unpublished, query: str) -> bool:
    return search.matches(" ".join([suggestion.suggestion_id, *suggestion.title.values()]), query or "")


def _others_list(others: list[Unpublished], lang: str) -> html.Details | None:
    """The suggestions without a page, each with its confidence and a link to its first paragraph."""
    if not others:
        return None
    items = [
        html.Li(
            [
                dcc.Link(
                    s.title[lang], href=components.href("/report", lang, report=s.report) + f"#p{s.paragraphs[0]}"
                ),
                " ",
                html.Span(
                    t(lang, "suggested_badge", confidence=format_number(s.confidence, lang)),
                    className="suggested-badge",
                ),
            ],
            id=f"catalogue-unpublished-{s.suggestion_id}",
        )
        for s in others
    ]
    return html.Details(
        [html.Summary(t(lang, "unpublished_summary", n=len(others))), html.Ul(items, className="unpublished")],
        id="catalogue-unpublished",
    )


def badge(entry: dict, lang: str) -> html.Span | None:
    """'suggested · confidence 0.85' on a suggested indicator's card; None on a curated one."""
    if not entry.get("suggested"):
        return None
    return html.Span(
        t(lang, "suggested_badge", confidence=format_number(entry.get("confidence", 0), lang)),
        className="fact suggested-badge",
        title=(entry.get("reasons") or {}).get(lang, ""),
    )
