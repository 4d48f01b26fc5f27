"""What is wrong with a definition, one line per problem: the file, the indicator or check, the line or
operand, the field, and what is allowed.

Shapes are checked by the models of etl/definition_models.py, whose refusals are worded here; what
ties fields together (a line's paragraph among the indicator's, every label with its English, a
check's operands naming real indicators and labels) is checked here after them.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from contract import periods
from contract.schema import CHARTS, DIMENSION_NAMES, DOCUMENT_TYPES, QUALIFIERS
from contract.units import COUNT_UNITS
from etl.definition_models import (
    ALL_OPERANDS,
    CHECK_KINDS,
    DIRECTIONS,
    ID_WORDS,
    INDICATOR_OPERAND,
    KIND_KEYS,
    MIXED,
    OPERANDS,
    OPTIONAL_OPERANDS,
    PATTERN_KEYS,
    SELECTOR_OPERAND,
    Check,
    CheckDefinition,
    Indicator,
    IndicatorDefinition,
    IndicatorOperand,
    Line,
    not_a_period,
)

# What each field may hold, as a problem line says it: "`nth` must be a whole number from 1, not '2'".
_TEXT = "a text in quotes"
_ALLOWED: dict[str | tuple[str, str], str] = {
    "reports": 'a list of report ids or document symbols, e.g. ["CERD_C_KAZ_11-14_fr"] or ["CERD/C/KAZ/11-14"]',
    ("file", "indicator"): "[[indicator]] tables",
    ("file", "check"): "[[check]] tables",
    "indicator_id": ID_WORDS,
    "check_id": ID_WORDS,
    "dimensions": f"a list of dimension names ({', '.join(DIMENSION_NAMES)}: contract/schema.py DIMENSION_NAMES, "
    "where a new one is added with its French and English words)",
    "paragraphs": "a list of paragraph numbers, e.g. [156, 191]",
    "observations": "a list of { ... } lines, at least one",
    "labels_en": 'a table of English labels, e.g. { "Russes" = "Russians" }',
    "paragraph": "a paragraph number",
    "report": "a report id or document symbol of the file's `reports`",
    "period_from": '"document" (the number takes its document\'s period when its text gives none)',
    "document_type": f"one of {', '.join(DOCUMENT_TYPES)} (contract/schema.py DOCUMENT_TYPES)",
    ("file", "documents"): 'a table, e.g. { state = "LUX", document_type = "upr_working_group_report" }',
    "nth": "a whole number from 1",
    "qualifier_override": f"one of {', '.join(QUALIFIERS)}",
    ("line", "unit"): f"a count unit ({', '.join(COUNT_UNITS)}: contract/units.py COUNT_UNITS, where a new one "
    "is added with its French and English words)",
    "complete": "true or false, without quotes",
    "pair_by": f"a dimension name in quotes ({', '.join(DIMENSION_NAMES)})",
    "direction": f"one of {', '.join(DIRECTIONS)}",
    ("operand", "indicator"): "an indicator id in quotes",
    **dict.fromkeys(PATTERN_KEYS, f"{_TEXT} (a pattern)"),
}
_NOTE_ALONE = "`note_en` has no French `note` beside it"
# Problems worded whole, as the README and the error tests know them.
_WORDED = {
    ("indicator", "chart"): f"chart must be one of {', '.join(CHARTS)}, not {{value!r}}",
    ("check", "kind"): f"kind must be one of {', '.join(CHECK_KINDS)}, not {{value!r}}",
}


# --- shapes, as the models refuse them ----------------------------------------------------------


def shape_problems(
    model: type[BaseModel], data: Any, where: list[str], container: str, context: Mapping[str, Any] | None = None
) -> list[str]:
    """One line per field of `data` that `model` refuses."""
    try:
        model.model_validate(data, context=context)
    except ValidationError as error:
        return _problem_lines(error, where, container)
    return []


def _problem_lines(error: ValidationError, where: list[str], container: str) -> list[str]:
    lines: list[str] = []
    unknown: dict[str, list[str | None]] = {}
    for e in error.errors():
        here, name, entry, kind = _located(e["loc"], list(where), container)
        if e["type"] == "extra_forbidden":
            unknown.setdefault(here, []).append(name)
            continue
        lines.append(f"{here}: {_said(e, name, entry, kind)}")
    lines += [
        f"{here}: unknown keys {sorted(str(k) for k in keys)}; see indicators/README.md for the keys allowed"
        for here, keys in unknown.items()
    ]
    return list(dict.fromkeys(lines))


def _located(loc: tuple[int | str, ...], where: list[str], container: str) -> tuple[str, str | None, str | None, str]:
    """Where a pydantic location points, in a reader's words: (file, indicator, line or operand; field;
    the entry of a table field such as `labels_en`; the kind of table the field is in)."""
    parts = [p for p in loc if p not in (INDICATOR_OPERAND, SELECTOR_OPERAND)]
    i = 0
    while i < len(parts):
        key, rest = parts[i], parts[i + 1 :]
        if container == "indicator" and key == "observations" and len(rest) >= 2 and isinstance(rest[0], int):
            where.append(f"observation {rest[0] + 1}")
            container, i = "line", i + 2
        elif container == "check" and key in ALL_OPERANDS and rest:
            where.append(f"`{key}`")
            container, i = "operand", i + 1
        else:
            entry = next((p for p in rest if isinstance(p, str)), None)
            return ", ".join(where), str(key), entry, container
    return ", ".join(where), None, None, container


def _said(e: ErrorDetails, name: str | None, entry: str | None, container: str) -> str:
    """One problem in words: what is wrong and what is allowed."""
    value = e.get("input")
    if e["type"] == "missing":
        return f"missing `{name}`"
    if e["type"] == "value_error":
        message = str((e.get("ctx") or {})["error"])
        return f"`{name}` {message}" if name else message
    if (container, name) in _WORDED:
        return _WORDED[(container, str(name))].format(value=value)
    if name == "documents" and entry is not None:  # documents = { document_type = "memo" }
        return f"`documents.{entry}` must be {_ALLOWED.get(entry, _TEXT)}, not {value!r}"
    if entry is not None:  # one entry of a table: labels_en = { "Jugées" = "" }
        return f"`{name}` entry {entry!r} must be {_TEXT}, not {value!r}"
    allowed = _ALLOWED.get((container, str(name))) or _ALLOWED.get(str(name)) or _TEXT
    return f"`{name}` must be {allowed}, not {value!r}"


# --- what ties the fields together -----------------------------------------------------------


def indicator_problems(
    indicator: Indicator, where: str, reports: Sequence[str] | None = None, across_documents: bool = False
) -> list[str]:
    """A line's paragraph among the indicator's, its labels its dimensions', every label with its English.

    `reports`: the reports its file names, which a line's `report` must be one of; `across_documents`: its file
    is for every document of a kind (`documents`), whose paragraphs differ from one document to the next.
    """
    problems = _place_problems(indicator, where, across_documents)
    dimensions = indicator.dimensions
    used: dict[str, str] = {}  # label -> its dimension
    for n, line in enumerate(indicator.observations, 1):
        here = f"{where}, observation {n}"
        labels = line.labels
        if across_documents:
            problems += _series_line_problems(line, here)
        elif line.paragraph is None:
            problems.append(f"{here}: missing `paragraph` (only a file of `documents` reads a whole document)")
        elif line.paragraph not in indicator.paragraphs:
            problems.append(f"{here}: paragraph {line.paragraph} is not in the indicator's `paragraphs`")
        if line.report is not None and line.report not in (reports or ()):
            problems.append(f"{here}: `report` {line.report!r} is not one of the file's `reports`")
        if set(labels) - set(dimensions):
            problems.append(
                f"{here}: unknown keys {sorted(set(labels) - set(dimensions))} (dimensions are {dimensions})"
            )
        problems += [f"{here}: missing the `{d}` label" for d in dimensions if d not in labels]
        if (line.note is None) != (line.note_en is None):
            said = "`note` has no English: add `note_en`" if line.note_en is None else _NOTE_ALONE
            problems.append(f"{here}: {said}")
        used.update({label: d for d, label in labels.items() if d in dimensions})
    problems += [
        f"{where}: label {label!r} (`{d}`) has no English: add it to `labels_en`"
        for label, d in used.items()
        if label not in indicator.labels_en
    ]
    problems += [
        f"{where}: `labels_en` has {label!r}, which no line uses: remove it or fix the line's label"
        for label in indicator.labels_en
        if label not in used
    ]
    return problems + _unit_problems(indicator, where)


def _place_problems(indicator: Indicator, where: str, across_documents: bool) -> list[str]:
    """An indicator of a file of `reports` names its paragraphs; one of `documents` cannot (each document has its own)."""
    if across_documents and indicator.paragraphs:
        return [f"{where}: `paragraphs` has no meaning in a file of `documents`: remove it"]
    if not across_documents and "paragraphs" not in indicator.model_fields_set:
        return [f"{where}: missing `paragraphs`"]
    return []


def _series_line_problems(line: Line, here: str) -> list[str]:
    """A line read from every document of a kind names no paragraph nor report: its words find the number."""
    return [
        f"{here}: `{key}` has no meaning in a file of `documents` (each document has its own): remove it, "
        "and tell the number apart by its words (`subject`, `before`, `after`, `sentence`) and `kind`"
        for key in ("paragraph", "report")
        if getattr(line, key) is not None
    ]


def _unit_problems(indicator: Indicator, where: str) -> list[str]:
    """An indicator whose lines count different things says so (`count`) and each line names what it counts."""
    units = sorted({line.unit or indicator.unit for line in indicator.observations})
    if indicator.unit != MIXED and len(units) > 1:
        return [
            (
                f"{where}: its lines count different things ({', '.join(units)}): set the indicator's "
                f'`unit = "{MIXED}"` and give every line its own `unit`'
            )
        ]
    if indicator.unit == MIXED:
        return [
            f'{where}, observation {n}: the indicator\'s unit is "{MIXED}" (lines of different units): '
            "give this line its own `unit`"
            for n, line in enumerate(indicator.observations, 1)
            if not line.unit
        ]
    return []


def check_problems(check: Check, raw: Mapping[str, Any], where: str) -> list[str]:
    """The operands its kind needs, and no key another kind reads."""
    kind = check.kind
    problems = [f"{where}: a {kind} check needs `{name}`" for name in OPERANDS[kind] if name not in raw]
    optional = set(OPTIONAL_OPERANDS.get(kind, ()))
    if optional & set(raw) and not optional <= set(raw):
        problems.append(f"{where}: give both {' and '.join(f'`{n}`' for n in sorted(optional))}, or neither")
    foreign = [
        key
        for key in raw
        if (key in ALL_OPERANDS and key not in OPERANDS[kind] and key not in optional)
        or KIND_KEYS.get(key, kind) != kind
    ]
    if foreign:
        problems.append(f"{where}: unknown keys {sorted(foreign)} for a {kind} check")
    if kind == "trend" and check.direction is None:
        problems.append(f"{where}: a trend check needs `direction` ({', '.join(DIRECTIONS)})")
    return problems


def duplicate_ids(indicators: Sequence[IndicatorDefinition], checks: Sequence[CheckDefinition]) -> list[str]:
    """Ids defined twice, indicators' and checks'."""
    problems = []
    for what, ids in (
        ("indicator", [i.indicator_id for i in indicators]),
        ("check", [c.check_id for c in checks]),
    ):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"{what} ids defined twice: {', '.join(duplicates)}; give each its own id")
    return problems


def reference_problems(
    indicators: Sequence[IndicatorDefinition], checks: Sequence[CheckDefinition], refused: set[str]
) -> list[str]:
    """Operands name defined indicators, their dimensions and labels; `pair_by` a dimension they share."""
    by_id = {i.indicator_id: i for i in indicators}
    problems = []
    for check in checks:
        where = f"{check.source}, check {check.check_id}"
        operands = check.operands()
        for name, operand in operands.items():
            if isinstance(operand, IndicatorOperand) and operand.indicator not in refused:
                problems += _operand_problems(operand, by_id, f"{where}, `{name}`")
        for name in ("share", "part"):
            paired = operands.get(name)
            target = by_id.get(paired.indicator) if isinstance(paired, IndicatorOperand) else None
            if check.pair_by and target and check.pair_by not in target.dimensions:
                problems.append(
                    f"{where}: `pair_by` {check.pair_by!r} is not a dimension of indicator "
                    f"{target.indicator_id!r} (`{name}`); its dimensions: {target.dimensions}"
                )
    return problems


def _operand_problems(operand: IndicatorOperand, indicators: Mapping[str, Indicator], where: str) -> list[str]:
    indicator = indicators.get(operand.indicator)
    if indicator is None:
        return [f"{where}: no indicator {operand.indicator!r} is defined; fix `indicator`"]
    problems = []
    for key, wanted in operand.filters.items():
        if key == "period":
            problems += [f"{where}: `period` {not_a_period(p)}" for p in wanted if periods.parse(p) is None]
            continue
        if key not in indicator.dimensions:
            problems.append(
                f"{where}: `{key}` is not a dimension of indicator {indicator.indicator_id!r} "
                f"(its dimensions: {indicator.dimensions}; or `period`)"
            )
            continue
        labels = list(dict.fromkeys(line.labels[key] for line in indicator.observations))
        problems += [
            f"{where}: no observation of indicator {indicator.indicator_id!r} has {key} {label!r} "
            f"(its labels: {', '.join(labels)})"
            for label in wanted
            if label not in labels
        ]
    return problems
