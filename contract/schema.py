"""The data contract: every table of data/processed/, its columns, their types and meanings.

The ETL writes with these schemas, the app reads and validates with them, the exports and the
data package describe their columns from them, and the README's column tables are generated
from them (`python -m contract` rewrites them; a test compares). Change a column here, once.
"""
from dataclasses import dataclass

import pyarrow as pa

# What a claim's `kind` may be: statistics first, then numbers that are not statistics.
STATISTIC_KINDS = ("count", "percent", "money", "measure")
NON_STATISTIC_KINDS = ("year", "date", "reference", "ordinal", "provision")
CLAIM_KINDS = STATISTIC_KINDS + NON_STATISTIC_KINDS
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")
CHECK_KINDS = ("sum", "share", "growth", "trend", "translation")
CHECK_STATUSES = ("consistent", "inconsistent")
SUGGESTION_SHAPES = ("time_series", "breakdown", "single")
CHARTS = ("time_series", "composition", "breakdown")
# The count units an observation's `unit` may hold (besides `%` and currency codes) and the dimension
# names a definition may declare, each with the words a French and an English reader see: (fr, en).
# A definition naming one that is not here is refused; add it here, with both words.
COUNT_UNITS = {
    "count": ("nombre", "number"),  # an indicator whose rows count different things, each naming its own unit
    "persons": ("personnes", "persons"), "children": ("enfants", "children"), "pupils": ("élèves", "pupils"),
    "teachers": ("enseignants", "teachers"), "inspectors": ("inspecteurs", "inspectors"),
    "cases": ("affaires", "cases"), "judgments": ("jugements", "judgments"), "complaints": ("plaintes", "complaints"),
    "inspections": ("inspections", "inspections"), "violations": ("violations", "violations"),
    "schools": ("écoles", "schools"), "institutions": ("établissements", "institutions"),
    "associations": ("associations", "associations"), "events": ("événements", "events"),
    "textbooks": ("manuels", "textbooks"), "houses": ("maisons", "houses"), "buildings": ("bâtiments", "buildings"),
    "families": ("familles", "families"), "cars": ("voitures", "cars"),
    "head of livestock": ("têtes de bétail", "head of livestock"),
}
DIMENSION_NAMES = {
    "group": ("groupe", "group"), "measure": ("mesure", "measure"), "language": ("langue", "language"),
    "origin": ("origine", "origin"), "article": ("article", "article"), "outcome": ("issue", "outcome"),
    "level": ("niveau", "level"), "campaign": ("campagne", "campaign"), "teaching": ("enseignement", "teaching"),
}
# Dimension columns sit between report_id and period in observations.parquet; their names are
# declared by the definitions, so they are strings of any name outside the fixed columns.
DIMENSIONS_AFTER = "report_id"


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str


def _c(name: str, type_: pa.DataType, description: str) -> Column:
    return Column(name, type_, description)


_str, _int, _float = pa.string(), pa.int64(), pa.float64()
_PERIOD = ("the year or span the number refers to, in the period format of `contract/periods.py`: `2022`, "
           "`2022-2024`, `2025-H1`, `2025-Q3`, `2022/23` (school year), `2019-01`, a day `2025-07-01`, months "
           "`2020-09/2022-05`, `2014/..` (since 2014); null when the text states none")

TABLES: dict[str, tuple[Column, ...]] = {
    "paragraphs": (
        _c("report_id", _str, "the report (file name without extension, or `report_id` in its metadata)"),
        _c("paragraph", _int, "the paragraph number"),
        _c("chapter", _str, "roman numeral of the chapter (`VI`)"),
        _c("chapter_title", _str, "its title (`Article 4`)"),
        _c("section", _str, "letter of the section (`A`)"),
        _c("section_title", _str, "its title (`Liberté d’expression`)"),
        _c("subsection", _str, "lettered subsection or unnumbered subheading (`a)`, `Documents stratégiques`)"),
        _c("co_refs", pa.list_(_int), "paragraphs of the previous concluding observations that this section answers"),
        _c("text", _str, "the paragraph's whole text, bullet lines and `a)`/`b)` items included, without its number"),
        _c("char_start", _int, "offset of `text` in the raw file's text"),
        _c("char_end", _int, "end offset: `raw[char_start:char_end] == text`"),
        _c("flag", _str, "`duplicate` or `out_of_order` for a paragraph number that repeats or goes back; null otherwise"),
    ),
    "claims": (
        _c("report_id", _str, "the report"),
        _c("paragraph", _int, "the paragraph that states the number"),
        _c("claim_id", _str, "stable id, `<report_id>.p<paragraph>.c<n>` (the n-th number of the paragraph)"),
        _c("text", _str, "the span as written, qualifier and unit included (`plus de 14 900`, `71,2 %`)"),
        _c("start", _int, "offset of the span in the paragraph's `text`"),
        _c("end", _int, "end offset: `text[start:end]` is the span"),
        _c("value", _float, "the number (`71,2 %` → 71.2, `20,3 millions` → 20300000); NaN for identifiers and dates"),
        _c("unit", _str, "`%`, `KZT`, `USD`, `years`, `months`, … or null for counts"),
        _c("kind", _str, "statistics: " + ", ".join(f"`{k}`" for k in STATISTIC_KINDS) + "; not statistics: "
           "`year`, `date`, `reference` (article, law, decree, paragraph, annex, resolution numbers, UN symbols), "
           "`ordinal`, `provision` (the terms of a legal provision: penalties, time limits, age conditions)"),
        _c("qualifier", _str, "`exact`, `approx` (environ, près de), `more_than` (plus de), `at_least` (au moins), "
           "`less_than` (moins de), `at_most` (jusqu'à)"),
        _c("period", _str, _PERIOD),
        _c("subject", _str, "the counted noun phrase, completed so that it reads alone (`affaires pénales "
           "enregistrées`, `élèves (en russe)`, `places (jardins d’enfants)`), best effort"),
        _c("sentence", _str, "the sentence that holds the number (at most 1 000 characters around it)"),
    ),
    "reports": (
        _c("report_id", _str, "the report"),
        _c("source_file", _str, "the file it was read from, in `data/raw/`"),
        _c("sha256", _str, "hash of that file's bytes"),
        _c("metadata_json", _str, "its metadata (symbol, state, treaty body, language, dates…) as JSON"),
        _c("symbol", _str, "the UN document symbol (`CERD/C/KAZ/11-14`)"),
        _c("language", _str, "the language it was read in (`en`, `es`, `fr`): its metadata's `language`, "
           "or detected from the text"),
        _c("paragraphs", _int, "how many numbered paragraphs it has"),
        _c("claims", _int, "how many numbers it states"),
        _c("flagged_paragraphs", _int, "paragraphs flagged as duplicate or out of order"),
        _c("built_at", _str, "when it was built (ISO 8601, UTC)"),
    ),
    "observations": (
        _c("indicator_id", _str, "which indicator table"),
        _c("report_id", _str, "which report"),
        # dimension columns go here (group, measure, article, outcome, language, level, origin …)
        _c("period", _str, _PERIOD + "; or the definition's `period_override` when the text states it in "
           "another sentence"),
        _c("value", _float, "the number, from the claim"),
        _c("unit", _str, "the claim's unit (`%`, `KZT`), else the line's or the indicator's count unit "
           "(`cases`, `persons`)"),
        _c("qualifier", _str, "from the claim, or the definition's `qualifier_override` when the text gives it "
           "for several numbers"),
        _c("paragraph", _int, "where the number is written"),
        _c("quote", _str, "a verbatim piece of the paragraph that holds the number: its sentence, or its clause "
           "when the sentence is long"),
        _c("claim_id", _str, "the claim, in `claims.parquet`"),
        _c("text", _str, "the number as written, a substring of `quote`"),
        _c("note", _str, "the definition's note (French)"),
        _c("note_en", _str, "the definition's note in English"),
        _c("position", _int, "the order of the observation in its definition"),
    ),
    "checks": (
        _c("check_id", _str, "the check"),
        _c("report_id", _str, "the report"),
        _c("kind", _str, ", ".join(f"`{k}`" for k in CHECK_KINDS)),
        _c("paragraphs", pa.list_(_int), "the paragraphs whose numbers it uses"),
        _c("indicator_ids", pa.list_(_str), "the indicators it involves"),
        _c("description", _str, "what it checks, in English"),
        _c("description_fr", _str, "what it checks, in French"),
        _c("expected", _float, "the stated number"),
        _c("computed", _float, "what the other stated numbers give"),
        _c("tolerance", _float, "what rounding alone allows; null when a bound is open"),
        _c("status", _str, "`consistent` or `inconsistent` (no values within the rounding intervals satisfy it)"),
        _c("detail", _str, "the arithmetic in one line, in English"),
        _c("detail_fr", _str, "the arithmetic in one line, in French"),
    ),
    "suggestions": (
        _c("suggestion_id", _str, "the suggested table"),
        _c("report_id", _str, "the report"),
        _c("shape", _str, ", ".join(f"`{s}`" for s in SUGGESTION_SHAPES)),
        _c("title_fr", _str, "a generated title, in French"),
        _c("title_en", _str, "a generated title, in English"),
        _c("period_covered", _str, "from the start of its earliest period to the end of its latest; null when undated"),
        _c("confidence", _float, "0–1: how likely a reader accepts it as a table"),
        _c("reasons", _str, "why it was suggested, in English (`; ` between reasons)"),
        _c("claim_id", _str, "one claim of the suggestion, in `claims.parquet`"),
        _c("position", _int, "the claim's order in the suggestion"),
        _c("role", _str, "`value` (a point of a series, an item), `total`, `part` (of the total before it), "
           "`share` (the % of a part)"),
        _c("label", _str, "what tells the claim apart in its table (its series or category, in the report's words); "
           "empty for a single series"),
        _c("covered_by", pa.list_(_str), "the curated indicators that already chart half of its numbers or more; "
           "empty while it is still uncharted"),
    ),
}
PARQUET_TABLES = tuple(TABLES)


def columns(table: str) -> list[str]:
    """The fixed column names of a table, in order."""
    return [c.name for c in TABLES[table]]


def schema(table: str, dimensions: list[str] = ()) -> pa.Schema:
    """The Arrow schema of a table, each field described; observations take their dimension columns."""
    fields = []
    for column in TABLES[table]:
        fields.append(_field(column))
        if table == "observations" and column.name == DIMENSIONS_AFTER:
            fields += [_field(Column(d, pa.string(), "a dimension label declared by the definition")) for d in dimensions]
    return pa.schema(fields)


def _field(column: Column) -> pa.Field:
    return pa.field(column.name, column.type, metadata={"description": column.description})


def dimension_columns(table_columns) -> list[str]:
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
        return (pa.types.is_list(found) or pa.types.is_large_list(found)) and _compatible(found.value_type, expected.value_type)
    if pa.types.is_string(expected):
        return pa.types.is_string(found) or pa.types.is_large_string(found)
    return found == expected


def markdown(table: str) -> str:
    """The README's table of a table's columns."""
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    for column in TABLES[table]:
        lines.append(f"| `{column.name}` | {_type_name(column.type)} | {column.description} |")
        if table == "observations" and column.name == DIMENSIONS_AFTER:
            lines.append("| dimension columns | text | the labels an indicator declares (`group`, `measure`, `article`, "
                         "`outcome`, `language`, `level`, `origin` …); null where it does not |")
    return "\n".join(lines)


def _type_name(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list of {_type_name(type_.value_type)}"
    return {"string": "text", "int64": "integer", "double": "number"}.get(str(type_), str(type_))
