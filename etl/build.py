"""From a report's text to the rows of paragraphs.parquet and claims.parquet (no I/O here)."""

import dataclasses
import re
from collections import Counter
from dataclasses import asdict, dataclass

from contract import periods, records
from contract.schema import RECORDS, as_dict, columns
from etl.checks import run_checks
from etl.claims import ClaimLimitError, extract_claims
from etl.drafts import claims_by_paragraph, definition
from etl.indicators import Definitions, build_observations
from etl.segment import segment
from etl.suggest import Suggestion, covered, reasons_text, suggest, suggestion_rows

SUGGESTED_SOURCE = "suggested"  # the definition_file of a suggested indicator: made by the build, in no file

PARAGRAPH_COLUMNS = columns("paragraphs")
CLAIM_COLUMNS = columns("claims")
PARAGRAPH_DEFAULTS = {"part": "body", "notes": []}  # until the reader fills them
CLAIM_DEFAULTS = {"planned": False}


@dataclass
class ReportRecords:
    paragraphs: list[dict]
    claims: list[dict]


def build_report(text: str, report_id: str, language: str = "fr") -> ReportRecords:
    """Segment the text and extract every claim in the report's language; rows follow contract/schema.py.

    Raises ClaimLimitError naming the paragraph when one holds more numbers, or a longer
    number, than a report does (etl/claims.py).
    """
    paragraph_rows, claim_rows = [], []
    claims_seen: Counter = Counter()  # per paragraph number, so repeated numbers keep ids unique
    paragraphs = segment(text)
    for paragraph, flag in zip(paragraphs, paragraph_flags([p.paragraph for p in paragraphs])):
        row = {"report_id": report_id, **asdict(paragraph), "flag": flag}
        paragraph_rows.append({column: row.get(column, PARAGRAPH_DEFAULTS.get(column)) for column in PARAGRAPH_COLUMNS})
        try:
            claims = extract_claims(paragraph.text, language)
        except ClaimLimitError as error:
            raise ClaimLimitError(f"paragraph {paragraph.paragraph}: {error}") from None
        for claim in claims:
            claims_seen[paragraph.paragraph] += 1
            claim_rows.append(
                {
                    "report_id": report_id,
                    "paragraph": paragraph.paragraph,
                    "claim_id": f"{report_id}.p{paragraph.paragraph}.c{claims_seen[paragraph.paragraph]}",
                    **asdict(claim),
                }
            )
    return ReportRecords(
        paragraph_rows, [{c: row.get(c, CLAIM_DEFAULTS.get(c)) for c in CLAIM_COLUMNS} for row in claim_rows]
    )


def paragraph_flags(numbers: list[int]) -> list[str | None]:
    """'duplicate' for a number seen before, 'out_of_order' for one below its predecessor: kept, but flagged."""
    seen, flags, previous = set(), [], 0
    for number in numbers:
        flags.append("duplicate" if number in seen else "out_of_order" if number < previous else None)
        seen.add(number)
        previous = number
    return flags


@dataclass
class IndicatorRecords:
    observations: list[dict]
    checks: list[dict]


def build_indicators(
    definitions: Definitions, records: ReportRecords, report_id: str, symbol: str | None = None
) -> IndicatorRecords:
    """The report's indicator tables and the checks of its arithmetic, from its claims.

    Definitions apply by report_id or by the report's document `symbol`, shared by its language versions.
    """
    texts = {p["paragraph"]: p["text"] for p in records.paragraphs}
    observations = build_observations(definitions.indicators, records.claims, texts, report_id, symbol)
    labels_en = {i["indicator_id"]: i.get("labels_en") or {} for i in definitions.indicators}
    checks = run_checks(definitions.checks, observations, records.claims, texts, report_id, symbol, labels_en)
    return IndicatorRecords(observations, checks)


def catalog_entries(
    definitions: Definitions, observations: list[dict], checks: list[dict]
) -> list[records.CatalogEntry]:
    """One catalogue entry per indicator that has observations: what it is, where it comes from."""
    entries = []
    for indicator in definitions.indicators:
        rows = [o for o in observations if o["indicator_id"] == indicator["indicator_id"]]
        for report_id in sorted({o["report_id"] for o in rows}):
            mine = [o for o in rows if o["report_id"] == report_id]
            checked = {
                c["check_id"]
                for c in checks
                if c["report_id"] == report_id and indicator["indicator_id"] in c["indicator_ids"]
            }
            entries.append(
                records.CatalogEntry(
                    indicator_id=indicator["indicator_id"],
                    report_id=report_id,
                    topic=indicator["topic"],
                    topic_title_fr=indicator["topic_title_fr"],
                    topic_title_en=indicator["topic_title_en"],
                    title_fr=indicator["title_fr"],
                    title_en=indicator["title_en"],
                    description_fr=indicator["description_fr"],
                    description_en=indicator["description_en"],
                    unit=indicator["unit"],
                    unit_fr=indicator["unit_fr"],
                    unit_en=indicator["unit_en"],
                    dimensions=tuple(indicator["dimensions"]),
                    labels_en=dict(indicator["labels_en"]),
                    chart=indicator["chart"],
                    paragraphs=tuple(sorted({o["paragraph"] for o in mine})),
                    observations=len(mine),
                    period_covered=periods.covered(o["period"] for o in mine),
                    undated_observations=sum(o["period"] is None for o in mine),
                    checks=tuple(sorted(checked)),
                    definition_file=indicator["source"],
                )
            )
    return entries


# Suggested tables (issue 14): found in the claims alone; those no curated indicator covers become indicators.
PUBLISHED_CONFIDENCE = 0.55  # below, 2 in 11 judged acceptable (docs/SUGGESTIONS.md): no page of its own


@dataclass
class SuggestionRecords:
    rows: list[dict]  # suggestions.parquet
    observations: list[dict]  # the published suggestions' tables, in observations.parquet
    checks: list[dict]  # their sums, in checks.parquet


_made: dict = {}  # the last reports' suggestions: the catalogue asks again for those the build just made


def suggested_definitions(
    claims: list[dict], paragraphs: list[dict], charted: set[str], report_id: str
) -> tuple[list[Suggestion], Definitions]:
    """Every suggestion of a report, and the definitions of those published as indicators (ids = suggestion ids)."""
    # NaN (dates, identifiers) hashes by identity: written as None, so the catalogue finds what the build made
    key = (
        report_id,
        hash(
            tuple(
                (
                    c["claim_id"],
                    c["value"] if c["value"] == c["value"] else None,
                    c["unit"],
                    c["kind"],
                    c["qualifier"],
                    c["period"],
                    c["subject"],
                    c["start"],
                )
                for c in claims
            )
        ),
        hash(tuple((p["paragraph"], p["text"], p["chapter"], p["section"], p["subsection"]) for p in paragraphs)),
        hash(frozenset(charted)),
    )
    if key not in _made:
        _made.clear() if len(_made) > 16 else None
        _made[key] = _suggested_definitions(claims, paragraphs, charted, report_id)
    return _made[key]


def _suggested_definitions(
    claims: list[dict], paragraphs: list[dict], charted: set[str], report_id: str
) -> tuple[list[Suggestion], Definitions]:
    claim_records, paragraph_records = as_records("claims", claims), as_records("paragraphs", paragraphs)
    found = suggest(claim_records, paragraph_records, report_id)
    texts = {p["paragraph"]: p["text"] for p in paragraphs}
    grouped = claims_by_paragraph(claim_records)
    published = Definitions()
    chosen = [s for s in found if s.confidence >= PUBLISHED_CONFIDENCE and not covered(s, charted)]
    ids = {s.suggestion_id: s.suggestion_id for s in chosen}
    for suggestion in chosen:
        topic = {
            "topic": suggestion.topic,
            "topic_title_fr": suggestion.topic_title_fr,
            "topic_title_en": suggestion.topic_title_en,
            "reports": [report_id],
            "source": SUGGESTED_SOURCE,
        }
        indicator, checks = definition(suggestion, grouped, texts, suggestion.suggestion_id, topic, ids)
        # the documents hold what a file's tables hold: the topic's keys are added as parse_definitions adds them
        published.indicators.append(
            {
                **indicator,
                **topic,
                "suggested": True,
                "confidence": suggestion.confidence,
                "reasons": {lang: reasons_text(suggestion.reasons, lang) for lang in ("fr", "en")},
            }
        )
        published.checks += [{**check, "reports": topic["reports"], "source": topic["source"]} for check in checks]
    return found, published


def as_records(table: str, rows: list[dict]) -> list:
    """Rows of a table as its records of contract/records.py (lists as tuples), for the steps that take records."""
    return [RECORDS[table](**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}) for row in rows]


def build_suggestions(records: ReportRecords, curated_observations: list[dict], report_id: str) -> SuggestionRecords:
    """The report's suggestions, and the tables and sums of those still uncharted."""
    charted: dict[str, list[str]] = {}
    for o in curated_observations:
        charted.setdefault(o["claim_id"], []).append(o["indicator_id"])
    found, published = suggested_definitions(records.claims, records.paragraphs, set(charted), report_id)
    texts = {p["paragraph"]: p["text"] for p in records.paragraphs}
    observations = build_observations(published.indicators, records.claims, texts, report_id)
    checks = run_checks(published.checks, observations, records.claims, texts, report_id)
    return SuggestionRecords([as_dict(row) for row in suggestion_rows(found, charted)], observations, checks)


def suggested_catalog_entries(
    claims: list[dict], paragraphs: list[dict], observations: list[dict], checks: list[dict]
) -> list[records.CatalogEntry]:
    """Catalogue entries of the published suggestions, marked `suggested` with their confidence and reasons."""
    entries = []
    for report_id in dict.fromkeys(p["report_id"] for p in paragraphs):
        mine = [o for o in observations if o["report_id"] == report_id]
        suggested_ids = {o["indicator_id"] for o in mine if is_suggestion_id(o["indicator_id"], report_id)}
        charted = {o["claim_id"] for o in mine if o["indicator_id"] not in suggested_ids}
        _, published = suggested_definitions(
            [c for c in claims if c["report_id"] == report_id],
            [p for p in paragraphs if p["report_id"] == report_id],
            charted,
            report_id,
        )
        for entry in catalog_entries(published, mine, checks):
            indicator = next(i for i in published.indicators if i["indicator_id"] == entry.indicator_id)
            entries.append(
                dataclasses.replace(
                    entry,
                    definition_file=None,
                    suggested=True,
                    confidence=indicator["confidence"],
                    reasons_fr=indicator["reasons"]["fr"],
                    reasons_en=indicator["reasons"]["en"],
                )
            )
    return entries


def is_suggestion_id(indicator_id: str, report_id: str) -> bool:
    """Whether an indicator id is one of the report's suggestion ids (`<report_id>-p155-s2`)."""
    return re.fullmatch(rf"{re.escape(report_id)}-p\d+-s\d+", indicator_id) is not None
