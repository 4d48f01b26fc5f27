"""The real UN PDFs of tests/data/ read once per test process: their text and their paragraphs."""

from functools import cache
from pathlib import Path

from etl.segment import Paragraph, segment
from etl.sources import report_text

DATA = Path(__file__).parent / "data"


@cache
def pdf_text(name: str) -> str:
    """The text of tests/data/<name> as the build reads it (PDFium, layout applied)."""
    return report_text((DATA / name).read_bytes(), ".pdf").text


@cache
def pdf_paragraphs(name: str) -> tuple[Paragraph, ...]:
    """Its paragraphs as the build segments them."""
    return tuple(segment(pdf_text(name)))
