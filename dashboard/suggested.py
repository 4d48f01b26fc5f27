"""Suggested tables in the catalogue: apart from the curated indicators ("still uncharted"), or alone for a report without any.

Suggestions confident enough have pages of their own (catalogue entries marked `suggested`);
the others that no curated indicator covers are listed under them, each leading to its paragraph.
"""

from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from contract.records import CatalogEntry
from dashboard import components, data, search
from dashboard.i18n import format_number, in_language, t
from dashboard.memo import memoized


@dataclass(frozen=True)
class Unpublished:
    """A suggestion without a page: what the catalogue lists of it."""

    suggestion_id: str
    title_fr: str
    title_en: str
    confidence: float
    paragraphs: list[int]
    report: str | None  # the `report=` of its links: None for the default report

    def title(self, lang: str) -> str:
        return in_language(self.title_fr, self.title_en, lang)


# Found once per build and report: the search asks at every keystroke.
@memoized(max_entries=32)
def unpublished(dataset: data.Dataset, report_id: str) -> list[Unpublished]:
    """The report's suggestions that no curated indicator covers and that have no page, most confident first."""
    rows = dataset.uncharted_suggestions(report_id)
    chosen = None if dataset.is_default_report(report_id) else report_id
    found = [
        Unpublished(
            sid,
            group.title_fr.iloc[0],
            group.title_en.iloc[0],
            float(group.confidence.iloc[0]),
            sorted({int(p) for p in group.paragraph if p is not None and p == p}),
            chosen,
        )
        for sid, group in rows.groupby("suggestion_id", sort=False)
    ]
    return sorted(found, key=lambda s: (-s.confidence, s.paragraphs))


def catalogue(
    catalog: list[CatalogEntry], lang: str, query: str = "", others: list[Unpublished] | None = None
) -> list[Any]:
    """The catalogue's sections: curated topics first, then the suggested tables no curated indicator covers."""
    curated = [e for e in catalog if not e.suggested]
    suggested = [e for e in catalog if e.suggested]
    others = [s for s in others or [] if _matches(s, query)]
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
    return search.matches(" ".join([suggestion.suggestion_id, suggestion.title_fr, suggestion.title_en]), query or "")


def _others_list(others: list[Unpublished], lang: str) -> html.Details | None:
    """The suggestions without a page, each with its confidence and a link to its first paragraph."""
    if not others:
        return None
    items = [
        html.Li(
            [
                dcc.Link(
                    s.title(lang), href=components.href("/report", lang, report=s.report) + f"#p{s.paragraphs[0]}"
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
