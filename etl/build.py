"""From a report's text to the rows of paragraphs.parquet and claims.parquet (no I/O here)."""
from collections import Counter
from dataclasses import asdict, dataclass

from etl.claims import extract_claims
from etl.segment import segment

PARAGRAPH_COLUMNS = [
    "report_id", "paragraph", "chapter", "chapter_title", "section", "section_title",
    "subsection", "co_refs", "text", "char_start", "char_end",
]
CLAIM_COLUMNS = [
    "report_id", "paragraph", "claim_id", "text", "start", "end", "value", "unit", "kind",
    "qualifier", "period", "subject", "sentence",
]


@dataclass
class ReportRecords:
    paragraphs: list[dict]
    claims: list[dict]


def build_report(text: str, report_id: str) -> ReportRecords:
    """Segment the text and extract every claim; rows follow the guide's data contracts."""
    paragraph_rows, claim_rows = [], []
    claims_seen: Counter = Counter()  # per paragraph number, so repeated numbers keep ids unique
    for paragraph in segment(text):
        row = {"report_id": report_id, **asdict(paragraph)}
        paragraph_rows.append({column: row[column] for column in PARAGRAPH_COLUMNS})
        for claim in extract_claims(paragraph.text):
            claims_seen[paragraph.paragraph] += 1
            claim_rows.append({
                "report_id": report_id,
                "paragraph": paragraph.paragraph,
                "claim_id": f"{report_id}.p{paragraph.paragraph}.c{claims_seen[paragraph.paragraph]}",
                **asdict(claim),
            })
    return ReportRecords(paragraph_rows, [{c: row[c] for c in CLAIM_COLUMNS} for row in claim_rows])
