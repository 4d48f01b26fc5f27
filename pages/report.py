"""Report reader (/report): the whole report, each paragraph an element `p<N>`, its statistics marked,
with a table of contents that follows the scroll (assets/readers.js marks the section being read)."""

import re
from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, clientside_callback, dcc, html

from dashboard import citations, data, follow_up, printing
from dashboard.attributes import attributes
from dashboard.components import highlighted, href, one, page_data, report_selector
from dashboard.i18n import format_period, kind_label, language, t, title
from dashboard.memo import memoized

dash.register_page(__name__, path="/report", title="Rapport / Report")


def layout(lang: object = None, report: object = None, **_: object) -> html.Div:
    """One report (`?report=<id>`, else the first) in reading order; the interface words in `lang`."""
    lang = language(one(lang))
    dataset, problem = page_data(lang)
    if dataset is None:
        return html.Div(problem)
    report = dataset.report_or_default(one(report))
    return html.Div(
        [
            problem,
            dcc.Location(id="report-location"),
            dcc.Store(id="report-scrolled"),
            html.H1([t(lang, "report_title"), " ", html.Span(dataset.symbol(report), className="symbol")]),
            citations.document_line(dataset, report, lang, "report"),
            report_selector(dataset, "/report", lang, report),
            html.Div([contents(dataset, lang, report), report_body(dataset, lang, report)], className="report-layout"),
            printing.page_footer(dataset, report, lang),
        ],
        className="report",
    )


def contents(dataset: data.Dataset, lang: str, report_id: str) -> html.Nav:
    """The table of contents: chapters and their sections, each with its paragraph range, linking to its heading."""
    rows = dataset.paragraphs_of(report_id)
    chapters: dict[str, Any] = {}
    annexes: dict[str, int] = {}  # an annex's heading -> its first block, whose id its heading carries
    for row in rows.itertuples():
        if _annex(row):
            annexes.setdefault(_annex(row), int(row.paragraph))
            continue
        if not isinstance(row.chapter, str):  # a report without chapter headings: nothing to list
            continue
        chapter = chapters.setdefault(row.chapter, {"title": _text(row.chapter_title), "numbers": [], "sections": {}})
        chapter["numbers"].append(int(row.paragraph))
        if isinstance(row.section, str):
            section = chapter["sections"].setdefault(row.section, {"title": _text(row.section_title), "numbers": []})
            section["numbers"].append(int(row.paragraph))
    items = []
    for number, chapter in chapters.items():
        sections = [
            html.Li(
                _contents_link(section_id(number, letter), f"{letter}. {section['title']}", section["numbers"], lang)
            )
            for letter, section in chapter["sections"].items()
        ]
        items.append(
            html.Li(
                [
                    _contents_link(f"chapter-{number}", f"{number}. {chapter['title']}", chapter["numbers"], lang),
                    html.Ol(sections, className="toc-sections") if sections else None,
                ]
            )
        )
    items += [
        html.Li(
            html.A(
                html.Span(title, className="toc-name"),
                href=f"#annex-{first}",
                **attributes({"data-target": f"annex-{first}"}),
            )
        )
        for title, first in annexes.items()
    ]
    return html.Nav(
        [
            html.H2(t(lang, "contents"), className="toc-title"),
            html.Ol(items, className="toc-chapters", lang=dataset.text_language(report_id)),
        ],
        id="report-toc",
        className="report-toc",
        **attributes({"aria-label": t(lang, "contents")}),
    )


def _text(value: object) -> str:
    """A heading's title as text: '' where the report gives none (a missing value reads NaN in the table)."""
    return value if isinstance(value, str) else ""


def _contents_link(target: str, title: str, numbers: list[int], lang: str) -> html.A:
    span = f"{min(numbers)}–{max(numbers)}" if min(numbers) != max(numbers) else str(min(numbers))
    return html.A(
        [
            html.Span(title, className="toc-name"),
            html.Span(f"{t(lang, 'para')} {span}", className="toc-range", lang=lang),
        ],
        href=f"#{target}",
        **attributes({"data-target": target}),
    )


def section_id(chapter: str, section: str) -> str:
    """The element id of a section heading: 'section-VI-A'."""
    return f"section-{chapter}-{section}"


def report_body(dataset: data.Dataset, lang: str, report_id: str | None = None) -> html.Div:
    """One report's paragraphs under their headings, built once per data build, report and language."""
    return _report_body(dataset, lang, dataset.report_or_default(report_id))


@memoized(max_entries=8)
def _report_body(dataset: data.Dataset, lang: str, report_id: str) -> html.Div:
    blocks = _paragraph_blocks(dataset, lang, report_id)
    return html.Div(blocks, id="report-body", lang=dataset.text_language(report_id))


def _paragraph_blocks(dataset: data.Dataset, lang: str, report_id: str) -> list[Any]:
    stats = dataset.statistics_of(report_id)
    # One pass over the report's statistics: iterating a frame per paragraph costs more than the page's queries.
    claims_by_paragraph: dict[int, list[Any]] = {}
    for claim in stats.itertuples():
        claims_by_paragraph.setdefault(int(claim.paragraph), []).append(claim)
    items = dataset.items_of(report_id)
    charted = dataset.indicators_by_claim(report_id)  # one query for the page, not one a number
    blocks: list[Any] = []
    heading: tuple[Any, ...] = (None, None, None, "")
    answered: tuple[int, ...] = ()
    # Paragraph numbers repeat across reports: the reader shows one report, so `p<N>` stays unique.
    for row in dataset.paragraphs_of(report_id).itertuples():
        if (row.chapter, row.section, row.subsection, _annex(row)) != heading:
            blocks += _headings(row, heading)
            heading = (row.chapter, row.section, row.subsection, _annex(row))
        if tuple(row.co_refs) != answered:
            answered = tuple(row.co_refs)
            blocks += [_co_refs(dataset, row.report_id, answered, lang)] if answered else []
        claims = claims_by_paragraph.get(row.paragraph)
        blocks.append(
            html.Div(
                [
                    _number(row),
                    html.Div(
                        paragraph_lines(
                            row.text,
                            _marks(dataset, charted, claims, lang),
                            row.paragraph,
                            items.get(row.paragraph),
                        ),
                        className="paragraph-text",
                    ),
                ],
                id=f"p{row.paragraph}",
                className="paragraph",
            )
        )
    return blocks


def _co_refs(dataset: data.Dataset, report_id: str, refs: tuple[int, ...], lang: str) -> html.P:
    """Which paragraphs of the previous concluding observations the section answers, each linked to its follow-up."""
    return html.P(follow_up.answers_line(dataset, report_id, refs, lang), className="co-refs", lang=lang)


def _number(row: Any) -> Any:
    """The paragraph's number as the document prints it, a link to itself; none for an annex's block (the
    document numbers none: its key, 10001…, is the build's and would be cited as a paragraph that is not there)."""
    if _annex(row):
        return html.Span(className="paragraph-number")
    return html.A(str(row.paragraph), href=f"#p{row.paragraph}", className="paragraph-number")


def _annex(row: Any) -> str:
    """The heading of the annex that holds the paragraph ("Annex — Composition of the delegation"); "" in the body."""
    return _text(getattr(row, "part_title", None)) if getattr(row, "part", "body") == "annex" else ""


def _headings(row: Any, previous: tuple[Any, ...]) -> list[Any]:
    if _annex(row):  # an annex is a part of its own, under its heading, outside the body's chapters
        return (
            [html.H2(_annex(row), id=f"annex-{row.paragraph}", className="annex")] if _annex(row) != previous[3] else []
        )
    out: list[Any] = []
    if isinstance(row.chapter, str) and row.chapter != previous[0]:
        out.append(html.H2(f"{row.chapter}. {_text(row.chapter_title)}", id=f"chapter-{row.chapter}"))
    if isinstance(row.section, str) and (row.chapter, row.section) != previous[:2]:
        out.append(html.H3(f"{row.section}. {_text(row.section_title)}", id=section_id(row.chapter, row.section)))
    if isinstance(row.subsection, str) and row.subsection != previous[2]:
        out.append(html.H4(row.subsection))
    return out


def _marks(
    dataset: data.Dataset, charted: dict[str, list[str]], claims: list[Any] | None, lang: str
) -> tuple[list[Any], dict[int, Any]]:
    """The statistics of a paragraph as spans to mark, and the links to the indicators charting them (`charted`,
    by claim id) by span start."""
    if claims is None:
        return [], {}
    spans: list[Any] = []
    links: dict[int, Any] = {}
    for claim in claims:
        about = " · ".join(part for part in (kind_label(claim.kind, lang), format_period(claim.period, lang)) if part)
        spans.append((int(claim.start), int(claim.end), f"stat stat-{claim.kind}", about))
        used = charted.get(claim.claim_id, [])
        if used:
            links[int(claim.start)] = html.Sup(
                [
                    dcc.Link(
                        "↗",
                        href=href(f"/indicators/{i}", lang),
                        title=title(entry, lang) if (entry := dataset.indicator(i)) else i,
                        className="claim-indicator",
                    )
                    for i in used
                ],
                className="claim-links",
            )
    return spans, links


# A lettered or numbered item of a paragraph: "\ta)\tLa Constitution…" (par. 191).
ITEM_LABEL = re.compile(r"\t?([a-z]|[ivx]+|\d+)\)\t")
# A line's own bullet ("• Monsieur …" in a PDF's list): the list item draws one already.
BULLET = re.compile(r"[ \t]*[•▪◦●‣][ \t]+")


def item_anchor(paragraph: int, item: str) -> str:
    """The element id of a paragraph's item: `p124-124-1` for recommendation 124.1, `p191-a` for a), `p3-b2` for the
    second bullet; `/report#p124-124-1` opens the reader at it."""
    return f"p{paragraph}-" + re.sub(r"[^0-9A-Za-z]+", "-", item.replace("•", "b")).strip("-")


def _item_text_start(line: str) -> int:
    """Where an item line's words start: after its label ("a)<TAB>") or its own bullet; 0 if it has neither."""
    found = ITEM_LABEL.match(line) or BULLET.match(line)
    return found.end() if found else 0


def paragraph_lines(
    text: str, marks: tuple[list[Any], dict[int, Any]], paragraph: int = 0, items: list[tuple[int, str]] | None = None
) -> list[Any]:
    """The paragraph's first line, then each following line as an item: bullets (par. 3) or a), b) (par. 191); a line
    holding one of the build's items gets that item's anchor."""
    spans, links = marks
    pieces: list[Any] = []
    lines: list[Any] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        inside = [(s - start, e - start, *rest) for s, e, *rest in spans if start <= s and e <= end]
        extra = {s - start: link for s, link in links.items() if start <= s < end}
        label = ITEM_LABEL.match(line) if start else None
        skip = _item_text_start(line) if start else 0
        body = highlighted(
            line[skip:],
            [(s - skip, e - skip, *rest) for s, e, *rest in inside if s >= skip],
            {s - skip: link for s, link in extra.items()},
        )
        anchor = next((item_anchor(paragraph, item) for at, item in items or () if start <= at <= end), None)
        named: dict[str, Any] = {"id": anchor} if anchor else {}  # Dash refuses an `id` of None
        if not start:
            pieces += [html.Span(body, **named)] if anchor else body
        elif label:
            lines.append(
                html.Li([html.Span(f"{label.group(1)})", className="item-label"), *body], className="lettered", **named)
            )
        else:
            lines.append(html.Li(body, **named))
        start = end + 1
    return pieces + ([html.Ul(lines, className="paragraph-items")] if lines else [])


# The page is drawn after the browser has handled '#p155': scroll to it once it exists (assets/anchors.js).
clientside_callback(
    ClientsideFunction(namespace="pages", function_name="scroll_to_anchor"),
    Output("report-scrolled", "data"),
    Input("report-location", "hash"),
)
