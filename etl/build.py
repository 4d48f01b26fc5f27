"""From a report's text to its records: paragraphs, claims, observations, checks, suggestions (no I/O here).

Every function here is pure: the same text, report_id, language and definitions give the same records.
"""

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from contract import records
from etl import claims as claim_reader, segment
from etl.checks import run_checks
from etl.definitions import Definitions, Document, document_problems, validate_documents
from etl.drafts import claims_by_paragraph, definition
from etl.indicators import Dated, build_observations
from etl.segment_items import placed
from etl.suggest import Suggestion, charted_again, covered, reasons_text, suggest, suggestion_rows

SUGGESTED_SOURCE = "suggested"  # the source of a suggested indicator: made by the build, in no file
# Suggested tables found in the claims alone; those no curated indicator covers become indicators.
PUBLISHED_CONFIDENCE = 0.55  # below, 2 in 11 judged acceptable (docs/SUGGESTIONS.md): no page of its own
_CLAIM_FIELDS = frozenset(f.name for f in dataclasses.fields(records.Claim))
_PARAGRAPH_FIELDS = frozenset(f.name for f in dataclasses.fields(records.Paragraph))
_ITEM_FIELDS = frozenset(f.name for f in dataclasses.fields(records.ParagraphItem)) - {"report_id", "paragraph"}


@dataclass(frozen=True)
class ReportRecords:
    """A report's paragraphs and claims, and the language they were read in."""

    paragraphs: tuple[records.Paragraph, ...]
    claims: tuple[records.Claim, ...]
    language: str = "fr"
    items: tuple[records.ParagraphItem, ...] = ()

    def texts(self) -> dict[int, str]:
        """Paragraph number -> its text (the last of a repeated number, as definitions see it)."""
        return {p.paragraph: p.text for p in self.paragraphs}


def build_report(text: str, report_id: str, language: str = "fr") -> ReportRecords:
    """Segment the text and extract every claim in the report's language, as records.

    Raises ClaimLimitError naming the paragraph when one holds more numbers, or a longer
    number, than a report does (etl/claims.py).
    """
    paragraphs, claims = [], []
    items: list[records.ParagraphItem] = []
    claims_seen: Counter[int] = Counter()  # per paragraph number, so repeated numbers keep ids unique
    spans = segment.segment(text)
    for span, flag in zip(spans, paragraph_flags([p.paragraph for p in spans])):
        paragraphs.append(
            records.Paragraph(
                **_shared(span, _PARAGRAPH_FIELDS - {"report_id", "flag"}), report_id=report_id, flag=flag
            )
        )
        items.extend(
            records.ParagraphItem(report_id=report_id, paragraph=span.paragraph, **_shared(item, _ITEM_FIELDS))
            for item in span.items
        )
        if span.part == "annex":  # a list of names and titles (a delegation's): no statistic of the report
            continue
        try:
            found = claim_reader.extract_claims(span.text, language)
        except claim_reader.ClaimLimitError as error:
            raise claim_reader.ClaimLimitError(f"paragraph {span.paragraph}: {error}") from None
        for claim in found:
            in_label, item = placed(span.items, claim.start, claim.end)
            if in_label:  # an item's number ("124.1", "3.") is its key, never a statistic
                continue
            claims_seen[span.paragraph] += 1
            claim_id = f"{report_id}.p{span.paragraph}.c{claims_seen[span.paragraph]}"
            claims.append(
                records.Claim(
                    **_shared(claim, _CLAIM_FIELDS - {"report_id", "paragraph", "claim_id"}),
                    report_id=report_id,
                    paragraph=span.paragraph,
                    claim_id=claim_id,
                    item=item,
                )
            )
    return ReportRecords(tuple(paragraphs), tuple(claims), language, tuple(items))


def _shared(span: Any, fields: Set[str]) -> dict[str, Any]:
    """The fields of a reader's span that its record has too (lists as tuples): what the reader fills, it gives."""
    values = dataclasses.asdict(span)
    return {name: tuple(v) if isinstance(v, list) else v for name, v in values.items() if name in fields}


def paragraph_flags(numbers: list[int]) -> list[str | None]:
    """'duplicate' for a number seen before, 'out_of_order' for one below its predecessor: kept, but flagged."""
    seen: set[int] = set()
    flags: list[str | None] = []
    previous = 0
    for number in numbers:
        flags.append("duplicate" if number in seen else "out_of_order" if number < previous else None)
        seen.add(number)
        previous = number
    return flags


@dataclass(frozen=True)
class IndicatorRecords:
    observations: list[records.Observation]
    checks: list[records.Check]


def build_indicators(
    definitions: Definitions,
    report: ReportRecords,
    report_id: str,
    symbol: str | None = None,
    document: Dated | None = None,
) -> IndicatorRecords:
    """The report's indicator tables and the checks of its arithmetic, from its claims.

    Definitions apply by report_id or by the report's document `symbol`, shared by its language versions, or
    by the State and type of its `document` (its row): a series across documents takes its point here.
    """
    texts = report.texts()
    observations = build_observations(definitions.indicators, report.claims, texts, report_id, symbol, document)
    labels_en = {i.indicator_id: i.labels_en for i in definitions.indicators}
    checks = run_checks(
        definitions.checks, observations, report.claims, texts, report_id, symbol, labels_en, lang=report.language
    )
    return IndicatorRecords(observations, checks)


# --- suggestions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """The suggestions a report publishes as indicators: their definitions, and each one's suggestion."""

    definitions: Definitions
    suggestions: Mapping[str, Suggestion]  # indicator id -> the suggestion it publishes


@dataclass(frozen=True)
class SuggestionRecords:
    rows: list[records.SuggestionRow]  # suggestions.parquet
    observations: list[records.Observation]  # the published suggestions' tables, in observations.parquet
    checks: list[records.Check]  # their sums, in checks.parquet
    published: Published


def suggestions_of(
    claims: Sequence[records.Claim],
    paragraphs: Sequence[records.Paragraph],
    charted: Set[str],
    report_id: str,
    language: str = "fr",
) -> tuple[list[Suggestion], Published]:
    """Every suggestion of a report, and those published as indicators (ids = suggestion ids)."""
    found = suggest(claims, paragraphs, report_id, language)
    texts = {p.paragraph: p.text for p in paragraphs}
    grouped = claims_by_paragraph(claims)
    chosen = [
        s
        for s in found
        if s.confidence >= PUBLISHED_CONFIDENCE and not covered(s, set(charted)) and _rows_told_apart(s)
    ]
    # A suggestion that does not make a valid definition stays among the report's suggestions, unpublished: it never
    # fails the report's build. The others are written again so that no sum check names a table left out.
    documents = _documents(chosen, grouped, texts, report_id, {s.suggestion_id for s in chosen})
    valid = {key for key, document in documents.items() if not document_problems(document, suggested=True)}
    documents = _documents([s for s in chosen if s.suggestion_id in valid], grouped, texts, report_id, valid)
    published = validate_documents(list(documents.values()), suggested=True)
    return found, Published(published, {s.suggestion_id: s for s in chosen if s.suggestion_id in valid})


def _rows_told_apart(suggestion: Suggestion) -> bool:
    """Whether a reader can tell a breakdown's rows apart: each has a label ("from 20 to 30 percent" gives none)."""
    return suggestion.shape != "breakdown" or all(member.label for member in suggestion.members)


def _documents(
    chosen: Sequence[Suggestion], grouped: Any, texts: Mapping[int, str], report_id: str, ids: Set[str]
) -> dict[str, tuple[str, Document]]:
    """Each chosen suggestion as a definition document, its sum checks naming only the tables of `ids`."""
    documents: dict[str, tuple[str, Document]] = {}
    for s in chosen:
        topic = {"topic": s.topic, "topic_title_fr": s.topic_title_fr, "topic_title_en": s.topic_title_en}
        placed = {**topic, "reports": [report_id], "source": SUGGESTED_SOURCE}
        indicator, checks = definition(s, grouped, texts, s.suggestion_id, placed, {i: i for i in ids})
        document = {**topic, "reports": [report_id], "indicator": [indicator], "check": checks}
        documents[s.suggestion_id] = (SUGGESTED_SOURCE, document)
    return documents


def build_suggestions(
    report: ReportRecords, curated_observations: Sequence[records.Observation], report_id: str
) -> SuggestionRecords:
    """The report's suggestions, and the tables and sums of those still uncharted."""
    first: dict[str, list[str]] = {}
    for o in curated_observations:
        first.setdefault(o.claim_id, []).append(o.indicator_id)
    charted = charted_again(report.claims, first)  # a curated figure stated again is charted too (par. 91, 210)
    found, published = suggestions_of(report.claims, report.paragraphs, set(charted), report_id, report.language)
    texts = report.texts()
    definitions = published.definitions
    observations = build_observations(definitions.indicators, report.claims, texts, report_id)
    checks = run_checks(definitions.checks, observations, report.claims, texts, report_id, lang=report.language)
    rows = suggestion_rows(found, charted)
    return SuggestionRecords(rows, observations, checks, published)


def reasons(suggestion: Suggestion) -> tuple[str, str]:
    """Why a suggestion was made, in French and in English."""
    return reasons_text(suggestion.reasons, "fr"), reasons_text(suggestion.reasons, "en")


def is_suggestion_id(indicator_id: str, report_id: str) -> bool:
    """Whether an indicator id is one of the report's suggestion ids (`<report_id>-p155-s2`)."""
    return re.fullmatch(rf"{re.escape(report_id)}-p\d+-s\d+", indicator_id) is not None
