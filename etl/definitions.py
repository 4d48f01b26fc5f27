"""Indicator definition files (indicators/*.toml): their shape, modelled with pydantic, and one line per problem.

A file declares a topic, the reports it is for, its indicators (each with its observation
lines) and its checks (each with its operands). `parse_definitions` reads every file and
reports every problem it finds, one line each, naming the file, the indicator or check, the
observation line or operand, the field and what is allowed. Shapes are pydantic models;
what ties fields together (a line's paragraph among the indicator's, every label with its
English, a check's operands naming real indicators and labels) is checked after them.
The build gets plain dicts; nothing here reads a report, and a definition never holds a value.
"""

import re
import tomllib
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, ValidationError

from contract import periods
from contract.schema import CHARTS, DIMENSION_NAMES, QUALIFIERS, STATISTIC_KINDS
from contract.units import COUNT_UNITS

# Keys of an observation's selector; every other key of a line is a dimension label or metadata.
SELECTOR_KEYS = ("paragraph", "kind", "period", "subject", "sentence", "before", "after", "nth")
PATTERN_KEYS = ("subject", "sentence", "before", "after")
# The kinds a definition may declare (checks.parquet also holds `translation`, made by the build).
CHECK_KINDS = ("sum", "share", "growth", "trend")
OPERANDS = {
    "sum": ("parts", "total"),
    "share": ("share", "part", "whole"),
    "growth": ("from", "to", "rate"),
    "trend": ("series",),
}
# A trend statement may give its end points ("de 46 à 91") or only a direction ("augmente").
OPTIONAL_OPERANDS = {"trend": ("stated_from", "stated_to")}
# Keys that only one kind of check reads.
KIND_KEYS = {"complete": "sum", "pair_by": "share", "direction": "trend"}
DIRECTIONS = ("increase", "decrease")
# The unit of an indicator whose lines count different things (par. 155: cases and persons).
MIXED = "count"
_ALL_OPERANDS = tuple(dict.fromkeys(n for names in [*OPERANDS.values(), *OPTIONAL_OPERANDS.values()] for n in names))
_FILE_KEYS = ("topic", "topic_title_fr", "topic_title_en", "reports")


class DefinitionError(Exception):
    """Definitions that cannot be applied: one line per problem, naming the file, the indicator or check and what to fix."""


@dataclass
class Definitions:
    """Everything the indicator files declare: indicators and their checks, as dicts for the build."""

    indicators: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)


# --- what a field may hold --------------------------------------------------------------------


def _pattern(text: str) -> str:
    try:
        re.compile(text)
    except re.error as error:
        raise ValueError(f"is not a valid pattern ({error})") from None
    return text


def _period(text: str) -> str:
    if periods.parse(text) is None:
        raise ValueError(_not_a_period(text))
    return text


def _not_a_period(text: str) -> str:
    return (
        f"must be a period as contract/periods.py writes it ('2022', '2022-2024', '2025-H1', '2022/23', "
        f"'2025-07-01', '2020-09/2022-05', '2014/..'), not {text!r}"
    )


def _kinds(value: Any) -> Any:
    if isinstance(value, str) and value in STATISTIC_KINDS:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v in STATISTIC_KINDS for v in value):
        return value
    raise ValueError(f"must be one of {', '.join(STATISTIC_KINDS)} or a list of them, not {value!r}")


def _indicator_unit(unit: str) -> str:
    # '%' and currencies come from the text for each number; the indicator's unit names them for the catalogue
    if unit in COUNT_UNITS or unit == "%" or re.fullmatch(r"[A-Z]{3}", unit):
        return unit
    raise ValueError(
        f"must be a count unit ({', '.join(COUNT_UNITS)}: contract/units.py COUNT_UNITS, "
        f"where a new one is added with its French and English words), '%' or a currency code "
        f"such as 'KZT', not {unit!r}"
    )


def _labels(value: Any) -> Any:
    if (isinstance(value, str) and value) or (
        isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)
    ):
        return value
    raise ValueError(f"must be a label in quotes or a list of them, not {value!r}")


def _operand_table(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValueError(
            f'is not a table ({value!r}); an operand is a table, e.g. {{ indicator = "<id>" }} '
            'or { paragraph = 158, kind = "count", nth = 1 }'
        )
    if "indicator" not in value and "paragraph" not in value:
        raise ValueError("names no `indicator` and no `paragraph`; an operand names an `indicator` or a `paragraph`")
    return value


def _operand_tag(value: Any) -> str:
    named = value if isinstance(value, dict) else vars(value)
    return _INDICATOR_OPERAND if "indicator" in named else _SELECTOR_OPERAND


Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Number = Annotated[int, Field(ge=1)]
Pattern = Annotated[str, AfterValidator(_pattern)]
PeriodText = Annotated[str, AfterValidator(_period)]
Kinds = Annotated[Any, AfterValidator(_kinds)]
Labels = Annotated[Any, AfterValidator(_labels)]
Dimension = Literal[tuple(DIMENSION_NAMES)]
_INDICATOR_OPERAND, _SELECTOR_OPERAND = "indicator operand", "selector operand"  # union tags, dropped from locations


class _Model(BaseModel):
    # strict: "2" is not a paragraph number and 1 is not a text; unknown keys are refused
    model_config = ConfigDict(strict=True, extra="forbid")


class Selector(_Model):
    """Which claim of a paragraph: narrowed by kind, period and patterns, then `nth`."""

    paragraph: Number
    kind: Kinds = None
    period: PeriodText | None = None
    subject: Pattern | None = None
    sentence: Pattern | None = None
    before: Pattern | None = None
    after: Pattern | None = None
    nth: Number | None = None


class Line(Selector):
    """An observation line: a selector, its dimension labels (the extra keys), and what the text says elsewhere."""

    model_config = ConfigDict(strict=True, extra="allow")
    __pydantic_extra__: dict[str, Text]
    period_override: PeriodText | None = None
    qualifier_override: Literal[QUALIFIERS] | None = None
    unit: Literal[tuple(COUNT_UNITS)] | None = None
    note: Text | None = None
    note_en: Text | None = None


class Indicator(_Model):
    indicator_id: Id
    title_fr: Text
    title_en: Text
    description_fr: Text
    description_en: Text
    unit: Annotated[str, AfterValidator(_indicator_unit)]
    unit_fr: Text
    unit_en: Text
    chart: Literal[CHARTS]
    dimensions: list[Dimension] = []
    paragraphs: list[Number]
    observations: Annotated[list[Line], Field(min_length=1)]
    labels_en: dict[str, Text] = {}


class IndicatorOperand(BaseModel):
    """Observations of an indicator, narrowed by dimension labels or period (the extra keys)."""

    model_config = ConfigDict(strict=True, extra="allow")
    __pydantic_extra__: dict[str, Labels]
    indicator: Text


Operand = Annotated[
    Annotated[IndicatorOperand, Tag(_INDICATOR_OPERAND)] | Annotated[Selector, Tag(_SELECTOR_OPERAND)],
    Discriminator(_operand_tag),
    BeforeValidator(_operand_table),
]


class Check(_Model):
    check_id: Id
    kind: Literal[CHECK_KINDS]
    description_en: Text
    description_fr: Text
    complete: bool = True
    pair_by: Dimension | None = None
    direction: Literal[DIRECTIONS] | None = None
    parts: Operand | None = None
    total: Operand | None = None
    share: Operand | None = None
    part: Operand | None = None
    whole: Operand | None = None
    from_: Operand | None = Field(None, alias="from")
    to: Operand | None = None
    rate: Operand | None = None
    series: Operand | None = None
    stated_from: Operand | None = None
    stated_to: Operand | None = None


class TopicFile(_Model):
    topic: Text
    topic_title_fr: Text
    topic_title_en: Text
    reports: Annotated[list[Text], Field(min_length=1)]
    indicator: list[dict] = []
    check: list[dict] = []


# What each field may hold, as a problem line says it: "`nth` must be a whole number from 1, not '2'".
_TEXT = "a text in quotes"
_ID = 'an id of small letters, digits and _ (it names URLs and files), e.g. "art174_registered_cases"'
_ALLOWED = {
    "reports": 'a list of report ids or document symbols, e.g. ["CERD_C_KAZ_11-14_fr"] or ["CERD/C/KAZ/11-14"]',
    ("file", "indicator"): "[[indicator]] tables",
    ("file", "check"): "[[check]] tables",
    "indicator_id": _ID,
    "check_id": _ID,
    "dimensions": f"a list of dimension names ({', '.join(DIMENSION_NAMES)}: contract/schema.py DIMENSION_NAMES, "
    "where a new one is added with its French and English words)",
    "paragraphs": "a list of paragraph numbers, e.g. [156, 191]",
    "observations": "a list of { ... } lines, at least one",
    "labels_en": 'a table of English labels, e.g. { "Russes" = "Russians" }',
    "paragraph": "a paragraph number",
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
# Problems worded whole, as the README and the error tests know them.
_WORDED = {
    ("indicator", "chart"): f"chart must be one of {', '.join(CHARTS)}, not {{value!r}}",
    ("check", "kind"): f"kind must be one of {', '.join(CHECK_KINDS)}, not {{value!r}}",
}


# --- reading the files --------------------------------------------------------------------------


def parse_definitions(sources: dict[str, str]) -> Definitions:
    """Read TOML definition texts ({file name: text}); every problem of every file is one line of the error."""
    parsed, problems, refused = Definitions(), [], set()
    for name, text in sorted(sources.items()):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{name}: not valid TOML ({error}); fix the definition file")
            continue
        problems += _file_problems(name, data, parsed, refused)
    problems += _duplicate_ids(parsed) or _reference_problems(parsed, refused)
    if problems:
        raise DefinitionError("\n".join(dict.fromkeys(problems)))
    return parsed


def _file_problems(name: str, data: dict, parsed: Definitions, refused: set) -> list[str]:
    """The file's problems; its valid indicators and checks are added to `parsed`, the ids of the others to `refused`."""
    problems = _shape_problems(TopicFile, data, [name], "file")
    if problems:
        tables = data.get("indicator") if isinstance(data.get("indicator"), list) else []
        refused.update(t.get("indicator_id") for t in tables if isinstance(t, dict))
        return problems
    topic = {key: data[key] for key in _FILE_KEYS}
    for n, raw in enumerate(data.get("indicator", []), 1):
        where = [name, f"indicator {raw.get('indicator_id', f'#{n}')}"]
        found = _shape_problems(Indicator, raw, where, "indicator")
        found = found or _indicator_problems(Indicator.model_validate(raw), ", ".join(where))
        if found:
            refused.add(raw.get("indicator_id"))
        else:
            parsed.indicators.append({"dimensions": [], "labels_en": {}, **raw, **topic, "source": name})
        problems += found
    for n, raw in enumerate(data.get("check", []), 1):
        where = [name, f"check {raw.get('check_id', f'#{n}')}"]
        found = _shape_problems(Check, raw, where, "check")
        found = found or _check_problems(Check.model_validate(raw), raw, ", ".join(where))
        if not found:
            parsed.checks.append({**raw, "reports": topic["reports"], "source": name})
        problems += found
    return problems


def _shape_problems(model: type[BaseModel], data: Any, where: list[str], container: str) -> list[str]:
    """One line per field of `data` that `model` refuses."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        return _problem_lines(error, where, container)
    return []


def _problem_lines(error: ValidationError, where: list[str], container: str) -> list[str]:
    lines, unknown = [], {}
    for e in error.errors():
        here, name, entry, kind = _located(e["loc"], list(where), container)
        if e["type"] == "extra_forbidden":
            unknown.setdefault(here, []).append(name)
            continue
        lines.append(f"{here}: {_said(e, name, entry, kind)}")
    lines += [
        f"{here}: unknown keys {sorted(keys)}; see indicators/README.md for the keys allowed"
        for here, keys in unknown.items()
    ]
    return list(dict.fromkeys(lines))


def _located(loc: tuple, where: list[str], container: str) -> tuple[str, str | None, str | None, str]:
    """Where a pydantic location points, in a reader's words: (file, indicator, line or operand; field;
    the entry of a table field such as `labels_en`; the kind of table the field is in)."""
    parts = [p for p in loc if p not in (_INDICATOR_OPERAND, _SELECTOR_OPERAND)]
    i = 0
    while i < len(parts):
        key, rest = parts[i], parts[i + 1 :]
        if container == "indicator" and key == "observations" and len(rest) >= 2 and isinstance(rest[0], int):
            where.append(f"observation {rest[0] + 1}")
            container, i = "line", i + 2
        elif container == "check" and key in _ALL_OPERANDS and rest:
            where.append(f"`{key}`")
            container, i = "operand", i + 1
        else:
            entry = next((p for p in rest if isinstance(p, str)), None)
            return ", ".join(where), str(key), entry, container
    return ", ".join(where), None, None, container


def _said(e: dict, name: str | None, entry: str | None, container: str) -> str:
    """One problem in words: what is wrong and what is allowed."""
    value = e.get("input")
    if e["type"] == "missing":
        return f"missing `{name}`"
    if e["type"] == "value_error":
        message = str(e["ctx"]["error"])
        return f"`{name}` {message}" if name else message
    if (container, name) in _WORDED:
        return _WORDED[(container, name)].format(value=value)
    if entry is not None:  # one entry of a table: labels_en = { "Jugées" = "" }
        return f"`{name}` entry {entry!r} must be {_TEXT}, not {value!r}"
    allowed = _ALLOWED.get((container, name)) or _ALLOWED.get(name) or _TEXT
    return f"`{name}` must be {allowed}, not {value!r}"


# --- what ties the fields together -----------------------------------------------------------


def _indicator_problems(indicator: Indicator, where: str) -> list[str]:
    problems = []
    dimensions = indicator.dimensions
    used: dict[str, str] = {}  # label -> its dimension
    for n, line in enumerate(indicator.observations, 1):
        here = f"{where}, observation {n}"
        labels = line.__pydantic_extra__ or {}
        if line.paragraph not in indicator.paragraphs:
            problems.append(f"{here}: paragraph {line.paragraph} is not in the indicator's `paragraphs`")
        if set(labels) - set(dimensions):
            problems.append(
                f"{here}: unknown keys {sorted(set(labels) - set(dimensions))} (dimensions are {dimensions})"
            )
        problems += [f"{here}: missing the `{d}` label" for d in dimensions if d not in labels]
        if (line.note is None) != (line.note_en is None):
            problems.append(
                f"{here}: "
                + (
                    "`note` has no English: add `note_en`"
                    if line.note_en is None
                    else "`note_en` has no French `note` beside it"
                )
            )
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


def _check_problems(check: Check, raw: dict, where: str) -> list[str]:
    kind = check.kind
    problems = [f"{where}: a {kind} check needs `{name}`" for name in OPERANDS[kind] if name not in raw]
    optional = set(OPTIONAL_OPERANDS.get(kind, ()))
    if optional & set(raw) and not optional <= set(raw):
        problems.append(f"{where}: give both {' and '.join(f'`{n}`' for n in sorted(optional))}, or neither")
    foreign = [
        key
        for key in raw
        if (key in _ALL_OPERANDS and key not in OPERANDS[kind] and key not in optional)
        or KIND_KEYS.get(key, kind) != kind
    ]
    if foreign:
        problems.append(f"{where}: unknown keys {sorted(foreign)} for a {kind} check")
    if kind == "trend" and check.direction is None:
        problems.append(f"{where}: a trend check needs `direction` ({', '.join(DIRECTIONS)})")
    return problems


def _duplicate_ids(parsed: Definitions) -> list[str]:
    problems = []
    for what, ids in (
        ("indicator", [i["indicator_id"] for i in parsed.indicators]),
        ("check", [c["check_id"] for c in parsed.checks]),
    ):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"{what} ids defined twice: {', '.join(duplicates)}; give each its own id")
    return problems


def _reference_problems(parsed: Definitions, refused: set) -> list[str]:
    """Operands name defined indicators, their dimensions and labels; `pair_by` a dimension they share."""
    indicators = {i["indicator_id"]: i for i in parsed.indicators}
    problems = []
    for check in parsed.checks:
        where = f"{check['source']}, check {check['check_id']}"
        for name in _ALL_OPERANDS:
            operand = check.get(name)
            if isinstance(operand, dict) and operand.get("indicator") not in refused | {None}:
                problems += _operand_problems(operand, indicators, f"{where}, `{name}`")
        pair_by = check.get("pair_by")
        for name in ("share", "part"):
            target = indicators.get(check.get(name, {}).get("indicator"))
            if pair_by and target and pair_by not in target["dimensions"]:
                problems.append(
                    f"{where}: `pair_by` {pair_by!r} is not a dimension of indicator "
                    f"{target['indicator_id']!r} (`{name}`); its dimensions: {target['dimensions']}"
                )
    return problems


def _operand_problems(operand: dict, indicators: dict[str, dict], where: str) -> list[str]:
    indicator = indicators.get(operand["indicator"])
    if indicator is None:
        return [f"{where}: no indicator {operand['indicator']!r} is defined; fix `indicator`"]
    problems = []
    for key, value in operand.items():
        wanted = value if isinstance(value, list) else [value]
        if key == "indicator":
            continue
        if key == "period":
            problems += [f"{where}: `period` {_not_a_period(p)}" for p in wanted if periods.parse(p) is None]
            continue
        if key not in indicator["dimensions"]:
            problems.append(
                f"{where}: `{key}` is not a dimension of indicator {indicator['indicator_id']!r} "
                f"(its dimensions: {indicator['dimensions']}; or `period`)"
            )
            continue
        labels = list(dict.fromkeys(line[key] for line in indicator["observations"]))
        problems += [
            f"{where}: no observation of indicator {indicator['indicator_id']!r} has {key} {label!r} "
            f"(its labels: {', '.join(labels)})"
            for label in wanted
            if label not in labels
        ]
    return problems
