"""Indicator definitions (indicators/*.toml) read and validated into the typed definitions the build applies.

A file declares a topic, the reports it is for, its indicators (each with its observation lines)
and its checks (each with its operands); their shapes are the models of etl/definition_models.py.
`parse_definitions` reads every file and reports every problem it finds, one line each, naming
the file, the indicator or check, the observation line or operand, the field and what is allowed
(etl/definition_problems.py). `validate_documents` takes documents of the same shape made by the
build (a suggestion published as an indicator) through the same models. Nothing here reads a
report, and a definition never holds a value.
"""

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from etl.definition_models import (
    FILE_KEYS,
    ID_RULE,
    SUGGESTED_ID_RE,
    Check,
    CheckDefinition,
    Indicator,
    IndicatorDefinition,
    TopicFile,
)
from etl.definition_problems import (
    check_problems,
    duplicate_ids,
    indicator_problems,
    reference_problems,
    shape_problems,
)

# A document: the tables of one definition file, as tomllib reads them ({"topic": …, "indicator": [{…}], …}).
Document = Mapping[str, Any]


class DefinitionError(Exception):
    """Definitions that cannot be applied: one line per problem, naming the file, the indicator or check and what to fix."""


@dataclass(frozen=True)
class Definitions:
    """Everything the definitions declare: indicators and their checks, typed, in file order."""

    indicators: tuple[IndicatorDefinition, ...] = ()
    checks: tuple[CheckDefinition, ...] = ()

    def dimensions(self) -> list[str]:
        """Every dimension its indicators declare, in the order they first do."""
        return list(dict.fromkeys(d for i in self.indicators for d in i.dimensions))


@dataclass
class _Parsed:
    """What validation has kept so far, and the ids of the indicators it refused."""

    indicators: list[IndicatorDefinition] = field(default_factory=list)
    checks: list[CheckDefinition] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)


def parse_definitions(sources: Mapping[str, str]) -> Definitions:
    """Read TOML definition texts ({file name: text}); every problem of every file is one line of the error."""
    parsed, problems = _Parsed(), []
    for name, text in sorted(sources.items()):
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{name}: not valid TOML ({error}); fix the definition file")
            continue
        problems += _file_problems(name, document, parsed, {})
    return _finished(parsed, problems)


def validate_documents(documents: Sequence[tuple[str, Document]], suggested: bool = False) -> Definitions:
    """Definition documents ((source, document) pairs, each the tables of one file) validated as files are.

    `suggested`: the documents are the build's own publication of suggestions, whose ids are the
    suggestions' (`<report_id>-p155-s2`), which no file may take.
    """
    parsed, problems = _Parsed(), []
    context = {ID_RULE: SUGGESTED_ID_RE} if suggested else {}
    for name, document in documents:
        problems += _file_problems(name, document, parsed, context)
    return _finished(parsed, problems)


def document_problems(document: tuple[str, Document], suggested: bool = False) -> list[str]:
    """One document's own problems (its shape and values), one line each, leaving out what it names elsewhere."""
    context = {ID_RULE: SUGGESTED_ID_RE} if suggested else {}
    return _file_problems(document[0], document[1], _Parsed(), context)


def _finished(parsed: _Parsed, problems: list[str]) -> Definitions:
    """The definitions, once their ids and references hold; else every problem, one line each."""
    problems += duplicate_ids(parsed.indicators, parsed.checks) or reference_problems(
        parsed.indicators, parsed.checks, parsed.refused
    )
    if problems:
        raise DefinitionError("\n".join(dict.fromkeys(problems)))
    return Definitions(tuple(parsed.indicators), tuple(parsed.checks))


def _file_problems(name: str, data: Document, parsed: _Parsed, context: dict[str, Any]) -> list[str]:
    """The file's problems; its valid indicators and checks are added to `parsed`, the ids of the others refused."""
    problems = shape_problems(TopicFile, data, [name], "file", context)
    if problems:
        tables = data.get("indicator") if isinstance(data.get("indicator"), list) else []
        parsed.refused.update(str(t.get("indicator_id")) for t in tables or [] if isinstance(t, dict))
        return problems
    placed = {**{key: data[key] for key in FILE_KEYS if key in data}, "source": name}
    kind = TopicFile.model_validate(data, context=context)
    for n, raw in enumerate(data.get("indicator", []), 1):
        where = [name, f"indicator {raw.get('indicator_id', f'#{n}')}"]
        found = shape_problems(Indicator, raw, where, "indicator", context)
        found = found or indicator_problems(
            Indicator.model_validate(raw, context=context), ", ".join(where), kind.reports, kind.documents is not None
        )
        if found:
            parsed.refused.add(str(raw.get("indicator_id")))
        else:
            parsed.indicators.append(IndicatorDefinition.model_validate({**raw, **placed}, context=context))
        problems += found
    for n, raw in enumerate(data.get("check", []), 1):
        where = [name, f"check {raw.get('check_id', f'#{n}')}"]
        found = shape_problems(Check, raw, where, "check", context)
        found = found or check_problems(Check.model_validate(raw, context=context), raw, ", ".join(where))
        if not found:
            parsed.checks.append(CheckDefinition.model_validate({**raw, **placed}, context=context))
        problems += found
    return problems
