"""What a report's metadata says about it (reports.parquet's metadata_json), read into a typed record."""

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportFacts:
    """What the metadata of a report says about it (reports.parquet's metadata_json), for citations and headings."""

    symbol: str | None = None
    state: str = ""
    document_type: str = ""
    treaty_body: str = ""
    language: str | None = None
    title_fr: str | None = None
    title_en: str | None = None
    date_issued: str | None = None
    date_received: str | None = None
    previous_symbol: str = ""  # the concluding observations the report follows up

    def title(self, lang: str) -> str | None:
        """The document's title in `lang`, else in the other language."""
        own, other = (self.title_en, self.title_fr) if lang == "en" else (self.title_fr, self.title_en)
        return own or other


def facts_of_metadata(metadata_json: str | None) -> ReportFacts:
    raw = json.loads(metadata_json or "{}")
    raw.setdefault("treaty_body", raw.get("body"))  # the metadata's issuing body, `treaty_body` before it was renamed
    text = {key: str(raw[key]) for key in _FACT_FIELDS if raw.get(key) not in (None, "")}
    previous = raw.get("previous_concluding_observations") or {}
    previous_symbol = previous.get("symbol", "") if isinstance(previous, dict) else str(previous)
    return ReportFacts(previous_symbol=previous_symbol, **text)


_FACT_FIELDS = (
    "symbol",
    "state",
    "document_type",
    "treaty_body",
    "language",
    "title_fr",
    "title_en",
    "date_issued",
    "date_received",
)
