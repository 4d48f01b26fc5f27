"""A report's tables as records, and as the Arrow tables of contract/schema.py that the store writes.

One report's build, a stored report read back and the combined build are all `ReportTables`: one
tuple of records per table of BUILT_TABLES, with the dimension columns of its observations.
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pyarrow as pa

from contract import records
from contract.schema import BUILT_TABLES, dimension_columns, from_table, to_table


@dataclass(frozen=True)
class ReportTables:
    """The tables of one report, or of several combined, as records."""

    paragraphs: tuple[records.Paragraph, ...] = ()
    items: tuple[records.ParagraphItem, ...] = ()
    claims: tuple[records.Claim, ...] = ()
    observations: tuple[records.Observation, ...] = ()
    checks: tuple[records.Check, ...] = ()
    reports: tuple[records.Report, ...] = ()
    suggestions: tuple[records.SuggestionRow, ...] = ()
    catalog: tuple[records.CatalogEntry, ...] = ()
    dimensions: tuple[str, ...] = ()  # the dimension columns of observations.parquet, in order

    def rows(self, table: str) -> tuple[Any, ...]:
        """The records of one of BUILT_TABLES."""
        assert table in BUILT_TABLES, f"no table {table!r}"
        return cast(tuple[Any, ...], getattr(self, table))


assert tuple(f.name for f in dataclasses.fields(ReportTables))[:-1] == BUILT_TABLES, "ReportTables holds BUILT_TABLES"


def to_arrow(tables: ReportTables) -> dict[str, pa.Table]:
    """Each table as Arrow, in the schema of contract/schema.py (observations with their dimension columns)."""
    return {name: to_table(name, tables.rows(name), tables.dimensions) for name in BUILT_TABLES}


def from_arrow(arrow: Mapping[str, pa.Table]) -> ReportTables:
    """Tables read from the store, as records; a table missing from `arrow` is empty."""
    found = {name: tuple(from_table(name, arrow[name])) for name in BUILT_TABLES if name in arrow}
    found["observations"] = tuple(map(_labelled, found.get("observations", ())))
    observations = arrow.get("observations")
    dimensions = tuple(dimension_columns(observations.column_names)) if observations is not None else ()
    return ReportTables(**found, dimensions=dimensions)


def _labelled(observation: records.Observation) -> records.Observation:
    """An observation with the dimensions it has a label in, as built (a table's other dimension columns are null)."""
    labels: dict[str, str | None] = {name: label for name, label in observation.dimensions.items() if label is not None}
    return dataclasses.replace(observation, dimensions=labels)


def combined(per_report: Sequence[ReportTables]) -> ReportTables:
    """The reports' tables one after the other; the dimension columns of all, in the order they first come."""
    found = {name: tuple(row for t in per_report for row in t.rows(name)) for name in BUILT_TABLES}
    dimensions = tuple(dict.fromkeys(d for t in per_report for d in t.dimensions))
    return ReportTables(**found, dimensions=dimensions)


def with_checks(tables: ReportTables, checks: Sequence[records.Check]) -> ReportTables:
    """The tables with more checks after their own (the translation checks, made once reports are combined)."""
    return dataclasses.replace(tables, checks=(*tables.checks, *checks))
