"""The data contract: every table of the store, its columns, their types and meanings.

Each table is the list of one record type of `contract/records.py`; its Arrow schema is derived
from that record's fields here. The ETL writes with these schemas, the app reads and validates
with them, the exports and the data package describe their columns from them, and the README's
column tables are generated from them (`python -m contract` rewrites them; a test compares).
Change a column in its record, once.
"""

import dataclasses
import json
import math
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

import pyarrow as pa

from contract import records
from contract.records import Doc

# What a claim's `kind` may be: statistics first, then numbers that are not statistics.
STATISTIC_KINDS = ("count", "percent", "money", "measure")
NON_STATISTIC_KINDS = ("year", "date", "reference", "ordinal", "provision")
CLAIM_KINDS = STATISTIC_KINDS + NON_STATISTIC_KINDS
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")
CHECK_KINDS = ("sum", "share", "growth", "trend", "translation", "repeat")
# A check's verdict: consistent or not, or consistent once something the text does not say is allowed,
# which the check's `explanation` says in one sentence.
CHECK_STATUSES = (
    "consistent",
    "inconsistent",
    "consistent_if_truncated",  # 39 % for 36 of 91 (39.56 %): cut, not rounded
    "consistent_if_base_rounded",  # a share of a base the text itself rounds (20,3 millions)
    "base_assumed",  # the base is taken from another paragraph
)
QUALIFIED_STATUSES = CHECK_STATUSES[2:]
SUGGESTION_SHAPES = ("time_series", "breakdown", "single")
CHARTS = ("time_series", "composition", "breakdown")
PARTS = ("body", "annex")  # a paragraph's part: the report's body or one of its annexes (etl/segment.py)
# The bodies that issue documents of the UN human-rights system: the ten treaty bodies, the Human Rights
# Council and its Universal Periodic Review, and the special procedures.
TREATY_BODIES = ("CAT", "CCPR", "CED", "CEDAW", "CERD", "CESCR", "CMW", "CRC", "CRPD", "SPT")
BODIES = (*TREATY_BODIES, "HRC", "UPR", "SP")
# What a document is; etl/document.py reads it from the title on its first page or from its symbol.
DOCUMENT_TYPES = (
    "state_report",  # a State party's periodic report to a treaty body (CERD/C/KAZ/11-14)
    "concluding_observations",  # the treaty body's on that report (CERD/C/KAZ/CO/8-10)
    "list_of_issues",  # the treaty body's questions before the review (CCPR/C/KAZ/Q/2)
    "replies",  # the State's answers to them (CCPR/C/KAZ/Q/2/Add.1)
    "upr_working_group_report",  # the UPR Working Group's report of a review, its recommendations (A/HRC/14/10)
    "upr_national_report",  # the State's own report to the UPR (A/HRC/WG.6/7/KAZ/1)
    "upr_compilation",  # the UN information compiled by OHCHR for the review (A/HRC/WG.6/7/KAZ/2)
    "upr_summary",  # OHCHR's summary of other stakeholders' submissions (A/HRC/WG.6/7/KAZ/3)
)
# The names readers see for each body and document type: (fr, en). A value that is not here is refused by the
# tests; add it here, with both words.
BODY_NAMES = {
    "CAT": ("Comité contre la torture", "Committee against Torture"),
    "CCPR": ("Comité des droits de l'homme", "Human Rights Committee"),
    "CED": ("Comité des disparitions forcées", "Committee on Enforced Disappearances"),
    "CEDAW": (
        "Comité pour l'élimination de la discrimination à l'égard des femmes",
        "Committee on the Elimination of Discrimination against Women",
    ),
    "CERD": (
        "Comité pour l'élimination de la discrimination raciale",
        "Committee on the Elimination of Racial Discrimination",
    ),
    "CESCR": (
        "Comité des droits économiques, sociaux et culturels",
        "Committee on Economic, Social and Cultural Rights",
    ),
    "CMW": ("Comité des travailleurs migrants", "Committee on Migrant Workers"),
    "CRC": ("Comité des droits de l'enfant", "Committee on the Rights of the Child"),
    "CRPD": (
        "Comité des droits des personnes handicapées",
        "Committee on the Rights of Persons with Disabilities",
    ),
    "SPT": ("Sous-comité pour la prévention de la torture", "Subcommittee on Prevention of Torture"),
    "HRC": ("Conseil des droits de l'homme", "Human Rights Council"),
    "UPR": (
        "Conseil des droits de l'homme, Examen périodique universel",
        "Human Rights Council, Universal Periodic Review",
    ),
    "SP": ("Procédures spéciales", "Special procedures"),
}
DOCUMENT_TYPE_NAMES = {
    "state_report": ("rapport de l'État partie", "State party report"),
    "concluding_observations": ("observations finales", "concluding observations"),
    "list_of_issues": ("liste de points", "list of issues"),
    "replies": ("réponses à la liste de points", "replies to the list of issues"),
    "upr_working_group_report": ("rapport du Groupe de travail de l'EPU", "UPR Working Group report"),
    "upr_national_report": ("rapport national à l'EPU", "UPR national report"),
    "upr_compilation": ("compilation des Nations Unies pour l'EPU", "UPR compilation of UN information"),
    "upr_summary": ("résumé des communications des parties prenantes", "UPR summary of stakeholders' submissions"),
}
# The dimension names a definition may declare, each with the words a French and an English reader see: (fr, en).
# A definition naming one that is not here is refused; add it here, with both words.
DIMENSION_NAMES = {
    "group": ("groupe", "group"),
    "measure": ("mesure", "measure"),
    "language": ("langue", "language"),
    "origin": ("origine", "origin"),
    "article": ("article", "article"),
    "outcome": ("issue", "outcome"),
    "level": ("niveau", "level"),
    "campaign": ("campagne", "campaign"),
    "teaching": ("enseignement", "teaching"),
}
# Dimension columns sit between report_id and period in observations.parquet; their names are
# declared by the definitions, so they are strings of any name outside the fixed columns.
DIMENSIONS_AFTER = "report_id"

# table name -> the record of one row; the order is the order tables are built, combined and listed.
RECORDS: dict[str, type] = {
    "paragraphs": records.Paragraph,
    "items": records.ParagraphItem,
    "claims": records.Claim,
    "observations": records.Observation,
    "checks": records.Check,
    "reports": records.Report,
    "suggestions": records.SuggestionRow,
    "catalog": records.CatalogEntry,
}
PARQUET_TABLES = tuple(RECORDS)
# The tables a build writes for each report and combined, in that order, each as <name>.parquet: the catalogue
# is catalog.json, and items join once the segmenter reads a paragraph's items.
BUILT_TABLES = PARQUET_TABLES


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool


def _arrow_type(annotation: Any) -> tuple[pa.DataType, bool]:
    """The Arrow type of a field's Python type, and whether it may be null."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        assert len(inner) == 1, f"a column is one type or null, not {annotation}"
        return _arrow_type(inner[0])[0], True
    if origin is tuple or origin is list:
        return pa.list_(_arrow_type(args[0])[0]), False
    if origin is dict:
        return pa.map_(_arrow_type(args[0])[0], _arrow_type(args[1])[0]), False
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    assert annotation in scalars, f"no Arrow type for {annotation}"
    return scalars[annotation], False


def _columns(record: type) -> tuple[Column, ...]:
    hints = get_type_hints(record, include_extras=True)
    found = []
    for f in dataclasses.fields(record):
        hint = hints[f.name]
        if get_origin(hint) is not Annotated:
            continue  # not a column of its own (an observation's dimensions)
        base, *extras = get_args(hint)
        doc = next(e.text for e in extras if isinstance(e, Doc))
        type_, nullable = _arrow_type(base)
        found.append(Column(f.name, type_, doc, nullable))
    return tuple(found)


TABLES: dict[str, tuple[Column, ...]] = {name: _columns(record) for name, record in RECORDS.items()}


def columns(table: str) -> list[str]:
    """The fixed column names of a table, in order."""
    return [c.name for c in TABLES[table]]


def schema(table: str, dimensions: Sequence[str] = ()) -> pa.Schema:
    """The Arrow schema of a table, each field described; observations take their dimension columns."""
    fields = []
    for column in TABLES[table]:
        fields.append(_field(column))
        if table == "observations" and column.name == DIMENSIONS_AFTER:
            fields += [
                _field(Column(d, pa.string(), "a dimension label declared by the definition", True)) for d in dimensions
            ]
    return pa.schema(fields)


def _field(column: Column) -> pa.Field:
    return pa.field(column.name, column.type, nullable=True, metadata={"description": column.description})


Row = TypeVar("Row")


def to_table(table: str, rows: Iterable[Any], dimensions: Sequence[str] = ()) -> pa.Table:
    """A table's records as an Arrow table of its schema (observations: their dimensions as columns)."""
    rows = list(rows)
    arrow_schema = schema(table, dimensions)
    data: dict[str, list[Any]] = {}
    for name in arrow_schema.names:
        if table == "observations" and name in dimensions:
            data[name] = [r.dimensions.get(name) for r in rows]
        else:
            data[name] = [_plain(getattr(r, name)) for r in rows]
    return pa.Table.from_pydict(data, schema=arrow_schema)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return list(value.items())
    return value


def from_table(table: str, arrow: pa.Table) -> list[Any]:
    """A table read back as its records (lists as tuples, maps as dicts, dimensions gathered)."""
    record = RECORDS[table]
    fixed = [c for c in columns(table) if c in arrow.column_names]
    maps = {f.name for f in arrow.schema if pa.types.is_map(f.type)}
    dimensions = [c for c in arrow.column_names if c not in set(columns(table))] if table == "observations" else []
    found = []
    for row in arrow.to_pylist():
        values = {name: _typed(row[name], name in maps) for name in fixed}
        if table == "observations":
            values["dimensions"] = {d: row[d] for d in dimensions}
        found.append(record(**values))
    return found


def _typed(value: Any, is_map: bool) -> Any:
    if is_map:
        return dict(value or ())
    return tuple(value) if isinstance(value, list) else value


def as_dict(row: Any) -> dict[str, Any]:
    """A record as plain JSON-ready values, its fields in order (tuples as lists)."""
    return {f.name: _plain_json(getattr(row, f.name)) for f in dataclasses.fields(row)}


def _plain_json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def to_json(rows: Iterable[Any]) -> str:
    """Records as a JSON array of objects, one per record (catalog.json)."""
    return json.dumps([as_dict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"


def from_json(table: str, text: str) -> list[Any]:
    """The records of a JSON array written by `to_json`; a field the record lacks is an error."""
    record = RECORDS[table]
    return [record(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}) for row in json.loads(text)]


def is_missing(value: Any) -> bool:
    """None or NaN: a number the text does not give."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def dimension_columns(table_columns: Iterable[str]) -> list[str]:
    """The dimension columns of an observations table: every column that is not a fixed one."""
    fixed = set(columns("observations"))
    return [c for c in table_columns if c not in fixed]


def problems(table: str, arrow_schema: pa.Schema) -> list[str]:
    """How a table read from disk differs from its contract (missing columns, wrong types); empty when it holds."""
    found = {f.name: f.type for f in arrow_schema}
    issues = []
    for column in TABLES[table]:
        if column.name not in found:
            issues.append(f"{table}.parquet has no column `{column.name}`")
        elif not _compatible(found[column.name], column.type):
            issues.append(f"{table}.parquet column `{column.name}` is {found[column.name]}, expected {column.type}")
    return issues


def _compatible(found: pa.DataType, expected: pa.DataType) -> bool:
    if pa.types.is_null(found):  # an all-null column written without a type
        return True
    if pa.types.is_list(expected) or pa.types.is_large_list(expected):
        listed = bool(pa.types.is_list(found) or pa.types.is_large_list(found))
        return listed and _compatible(found.value_type, expected.value_type)
    if pa.types.is_string(expected):
        return bool(pa.types.is_string(found) or pa.types.is_large_string(found))
    return bool(found == expected)


def markdown(table: str) -> str:
    """The README's table of a table's columns."""
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    for column in TABLES[table]:
        lines.append(f"| `{column.name}` | {_type_name(column.type)} | {column.description} |")
        if table == "observations" and column.name == DIMENSIONS_AFTER:
            lines.append(
                "| dimension columns | text | the labels an indicator declares (`group`, `measure`, `article`, "
                "`outcome`, `language`, `level`, `origin` …); null where it does not |"
            )
    return "\n".join(lines)


def _type_name(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list of {_type_name(type_.value_type)}"
    if pa.types.is_map(type_):
        return f"map of {_type_name(type_.key_type)} to {_type_name(type_.item_type)}"
    return {"string": "text", "int64": "integer", "double": "number", "bool": "true/false"}.get(str(type_), str(type_))
