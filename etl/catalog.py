"""The catalogue (catalog.json): one entry per indicator charted from one report, curated or suggested."""

import dataclasses
from collections.abc import Sequence

from contract import periods, records
from etl.build import Published, reasons
from etl.definition_models import IndicatorDefinition
from etl.definitions import Definitions


def catalog_entries(
    definitions: Definitions, observations: Sequence[records.Observation], checks: Sequence[records.Check]
) -> list[records.CatalogEntry]:
    """One catalogue entry per indicator that has observations: what it is, where it comes from."""
    by_indicator: dict[str, list[records.Observation]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator_id, []).append(o)
    entries = []
    for indicator in definitions.indicators:
        rows = by_indicator.get(indicator.indicator_id, [])
        for report_id in sorted({o.report_id for o in rows}):
            mine = [o for o in rows if o.report_id == report_id]
            checked = {
                c.check_id for c in checks if c.report_id == report_id and indicator.indicator_id in c.indicator_ids
            }
            entries.append(_entry(indicator, report_id, mine, checked))
    return entries


def _entry(
    indicator: IndicatorDefinition, report_id: str, mine: Sequence[records.Observation], checked: set[str]
) -> records.CatalogEntry:
    return records.CatalogEntry(
        indicator_id=indicator.indicator_id,
        report_id=report_id,
        topic=indicator.topic,
        topic_title_fr=indicator.topic_title_fr,
        topic_title_en=indicator.topic_title_en,
        title_fr=indicator.title_fr,
        title_en=indicator.title_en,
        description_fr=indicator.description_fr,
        description_en=indicator.description_en,
        unit=indicator.unit,
        unit_fr=indicator.unit_fr,
        unit_en=indicator.unit_en,
        dimensions=tuple(indicator.dimensions),
        labels_en=dict(indicator.labels_en),
        chart=indicator.chart,
        paragraphs=tuple(sorted({o.paragraph for o in mine})),
        observations=len(mine),
        period_covered=periods.covered(o.period for o in mine),
        undated_observations=sum(o.period is None for o in mine),
        checks=tuple(sorted(checked)),
        definition_file=indicator.source,
        series=indicator.across_documents,
    )


def suggested_entries(
    published: Published, observations: Sequence[records.Observation], checks: Sequence[records.Check]
) -> list[records.CatalogEntry]:
    """Catalogue entries of a report's published suggestions, marked `suggested` with their confidence and reasons."""
    entries = []
    for entry in catalog_entries(published.definitions, observations, checks):
        suggestion = published.suggestions[entry.indicator_id]
        reasons_fr, reasons_en = reasons(suggestion)
        entries.append(
            dataclasses.replace(
                entry,
                definition_file=None,
                suggested=True,
                confidence=suggestion.confidence,
                reasons_fr=reasons_fr,
                reasons_en=reasons_en,
            )
        )
    return entries
