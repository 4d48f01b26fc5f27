"""The follow-up to the previous concluding observations: for each recommendation the report answers, where and with what.

A report answers the Committee's recommendations section by section ("Renseignements sur la
suite donnée aux paragraphes 15 et 16 des observations finales"); the build records them as
the `co_refs` of each paragraph. Here they are turned round: recommendation -> the sections
and paragraphs that answer it, the statistics those paragraphs state and the indicators
drawn from them. When the concluding observations are in the data as a document of their
own, each recommendation's text comes with it. Also the /api/follow-up.csv and .xlsx routes.
"""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from dash import dcc
from flask import Flask, Response, abort

from dashboard import data, exports, query, workbook
from dashboard.components import href
from dashboard.i18n import citation, t
from dashboard.memo import memoized

# How a document says it is the Committee's concluding observations (its metadata `document_type`).
CO_TYPES = ("concluding observations", "observations finales")
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
COLUMNS = (
    "report_id",
    "symbol",
    "co_symbol",
    "co_paragraph",
    "recommendation",
    "chapter",
    "section",
    "section_title",
    "paragraph",
    "citation",
    "statistics",
    "numbers",
    "indicator_ids",
)


def word(lang: str, key: str, **values: object) -> str:
    """One of the follow-up page's words in `lang` (`follow_<key>` in dashboard/i18n.py), its {placeholders} filled."""
    return t(lang, f"follow_{key}", **values)


@dataclass
class Section:
    """A section of the report that answers a recommendation, and its paragraphs."""

    chapter: str
    section: str | None
    title: str
    paragraphs: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.chapter}.{self.section}" if self.section else self.chapter


@dataclass
class Recommendation:
    """One paragraph of the previous concluding observations and the report's answer to it."""

    co_paragraph: int
    text: str | None
    sections: list[Section]
    statistics: pd.DataFrame  # the claims (statistics) of the answering paragraphs
    indicator_ids: list[str]

    @property
    def paragraphs(self) -> list[int]:
        return [p for s in self.sections for p in s.paragraphs]


def previous_symbol(dataset: data.Dataset, report_id: str) -> str:
    """The symbol of the concluding observations the report follows up ('' when its metadata names none)."""
    return dataset.facts(report_id).previous_symbol


def co_document(dataset: data.Dataset, report_id: str) -> str | None:
    """The report_id of the concluding observations in the data, if they were added as a document."""
    symbol = previous_symbol(dataset, report_id)
    if not symbol:
        return None
    # The reports of that symbol, asked of the store at once: reading every report's facts in turn was one query
    # a report, minutes for a corpus of thousands.
    for other in dataset.store.rows_of("reports", "symbol", symbol).report_id:
        facts = dataset.facts(other)
        kind = facts.document_type.lower().replace("_", " ")  # `concluding_observations`, the metadata's type
        if other != report_id and symbol and facts.symbol == symbol and any(t in kind for t in CO_TYPES):
            return other
    return None


@memoized(max_entries=8)
def recommendations(dataset: data.Dataset, report_id: str) -> list[Recommendation]:
    """Every recommendation the report answers, in the order of the concluding observations."""
    paragraphs = dataset.paragraphs_of(report_id)
    answering: dict[int, list[Any]] = {}
    for row in paragraphs.itertuples():
        for ref in row.co_refs if row.co_refs is not None else []:
            answering.setdefault(int(ref), []).append(row)
    source = co_document(dataset, report_id)
    # Sorted once: a sort per recommendation was most of the page's first build.
    stats = dataset.statistics_of(report_id).sort_values(["paragraph", "start"])
    charted = dataset.indicators_by_claim(report_id)  # one query for the report, not one a claim
    out = []
    for ref in sorted(answering):
        rows = answering[ref]
        numbers = {int(r.paragraph) for r in rows}
        found = stats[stats.paragraph.isin(numbers)]
        indicators = sorted(
            {i for c in found.claim_id for i in charted.get(c, [])},
            key=lambda i: (bool((entry := dataset.indicator(i)) and entry.suggested), i),
        )
        text = dataset.paragraph_text(source, ref) if source else None
        out.append(Recommendation(ref, text or None, _sections(rows), found, indicators))
    return out


def _sections(rows: list[Any]) -> list[Section]:
    sections: list[Section] = []
    for row in rows:
        section = row.section if isinstance(row.section, str) else None
        title = row.section_title if isinstance(row.section_title, str) else (row.chapter_title or "")
        if not sections or (sections[-1].chapter, sections[-1].section) != (row.chapter, section):
            sections.append(Section(row.chapter, section, title))
        sections[-1].paragraphs.append(int(row.paragraph))
    return sections


def follow_up_frame(dataset: data.Dataset, report_id: str) -> pd.DataFrame:
    """The follow-up table: one row per recommendation and answering paragraph, with its numbers and indicators."""
    symbol, co_symbol = dataset.symbol(report_id), previous_symbol(dataset, report_id)
    charted = dataset.indicators_by_claim(report_id)
    rows = []
    for rec in recommendations(dataset, report_id):
        for section in rec.sections:
            for number in section.paragraphs:
                mine = rec.statistics[rec.statistics.paragraph == number]
                used = sorted({i for c in mine.claim_id for i in charted.get(c, [])})
                rows.append(
                    {
                        "report_id": report_id,
                        "symbol": symbol,
                        "co_symbol": co_symbol,
                        "co_paragraph": rec.co_paragraph,
                        "recommendation": rec.text or "",
                        "chapter": section.chapter,
                        "section": section.key,
                        "section_title": section.title,
                        "paragraph": number,
                        "citation": citation(symbol, number, "en"),
                        "statistics": len(mine),
                        "numbers": " ; ".join(mine.text),
                        "indicator_ids": ", ".join(used),
                    }
                )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def follow_up_xlsx(frame: pd.DataFrame) -> bytes:
    """The follow-up table as a workbook, cells verbatim (`dashboard/workbook.py`)."""
    return workbook.workbook_bytes([workbook.frame_sheet("follow-up", frame)])


# The downloads, on the app's Flask server.


def register(server: Flask) -> None:
    """Add /api/follow-up.csv and /api/follow-up.xlsx (`?report=<report_id>`, else the first report)."""
    server.add_url_rule("/api/follow-up.<extension>", "api_follow_up", download)


def download(extension: str) -> Response:
    if extension not in FORMATS:
        abort(404, description="no follow-up file of this kind: use /api/follow-up.csv or /api/follow-up.xlsx")
    dataset = data.load()
    report_id = dataset.report_or_default(query.current().report)
    frame = follow_up_frame(dataset, report_id)
    body = exports.csv_bytes(frame) if extension == "csv" else follow_up_xlsx(frame)
    response = Response(body, mimetype=FORMATS[extension])
    response.headers["Content-Disposition"] = f'attachment; filename="follow-up-{report_id}.{extension}"'
    return response


def answers_line(dataset: data.Dataset, report_id: str, refs: tuple[int, ...], lang: str) -> list[Any]:
    """The reader's line over a section, each recommendation it answers linked to the follow-up page."""
    before, _, after = t(lang, "answers_co", refs="\0").partition("\0")
    chosen = None if dataset.is_default_report(report_id) else report_id
    links: list[Any] = []
    for ref in refs:
        links += [
            ", " if links else "",
            dcc.Link(
                str(ref), href=href("/follow-up", lang, report=chosen) + f"#follow-up-co{ref}", className="co-ref"
            ),
        ]
    symbol = previous_symbol(dataset, report_id)
    return [before, *links, after, f" ({symbol})" if symbol else ""]
