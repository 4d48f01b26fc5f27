"""From a report's text to the rows of paragraphs.parquet and claims.parquet (no I/O here)."""
from collections import Counter
from dataclasses import asdict, dataclass

from contract import periods
from contract.schema import columns
from etl.checks import run_checks
from etl.claims import ClaimLimitError, extract_claims
from etl.indicators import Definitions, build_observations
from etl.segment import segment

PARAGRAPH_COLUMNS = columns("paragraphs")
CLAIM_COLUMNS = columns("claims")


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
        paragraph_rows.append({column: row[column] for column in PARAGRAPH_COLUMNS})
        try:
            claims = extract_claims(paragraph.text, language)
        except ClaimLimitError as error:
            raise ClaimLimitError(f"paragraph {paragraph.paragraph}: {error}") from None
        for claim in claims:
            claims_seen[paragraph.paragraph] += 1
            claim_rows.append({
                "report_id": report_id,
                "paragraph": paragraph.paragraph,
                "claim_id": f"{report_id}.p{paragraph.paragraph}.c{claims_seen[paragraph.paragraph]}",
                **asdict(claim),
            })
    return ReportRecords(paragraph_rows, [{c: row[c] for c in CLAIM_COLUMNS} for row in claim_rows])


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


def build_indicators(definitions: Definitions, records: ReportRecords, report_id: str,
                     symbol: str | None = None) -> IndicatorRecords:
    """The report's indicator tables and the checks of its arithmetic, from its claims.

    Definitions apply by report_id or by the report's document `symbol`, shared by its language versions.
    """
    texts = {p["paragraph"]: p["text"] for p in records.paragraphs}
    observations = build_observations(definitions.indicators, records.claims, texts, report_id, symbol)
    checks = run_checks(definitions.checks, observations, records.claims, texts, report_id, symbol)
    return IndicatorRecords(observations, checks)


def catalog_entries(definitions: Definitions, observations: list[dict], checks: list[dict]) -> list[dict]:
    """One catalogue entry per indicator that has observations: what it is, where it comes from."""
    entries = []
    for indicator in definitions.indicators:
        rows = [o for o in observations if o["indicator_id"] == indicator["indicator_id"]]
        for report_id in sorted({o["report_id"] for o in rows}):
            mine = [o for o in rows if o["report_id"] == report_id]
            entries.append({
                "indicator_id": indicator["indicator_id"],
                "report_id": report_id,
                "topic": indicator["topic"],
                "topic_title": {"fr": indicator["topic_title_fr"], "en": indicator["topic_title_en"]},
                "title": {"fr": indicator["title_fr"], "en": indicator["title_en"]},
                "description": {"fr": indicator["description_fr"], "en": indicator["description_en"]},
                "unit": indicator["unit"],
                "unit_label": {"fr": indicator["unit_fr"], "en": indicator["unit_en"]},
                "dimensions": indicator["dimensions"],
                "labels_en": indicator["labels_en"],
                "chart": indicator["chart"],
                "paragraphs": sorted({o["paragraph"] for o in mine}),
                "observations": len(mine),
                "period_covered": periods.covered(o["period"] for o in mine),
                "undated_observations": sum(o["period"] is None for o in mine),
                "checks": sorted({c["check_id"] for c in checks if c["report_id"] == report_id
                                  and indicator["indicator_id"] in c["indicator_ids"]}),
                "definition_file": indicator["source"],
            })
    return entries
