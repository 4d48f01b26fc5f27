"""The shape of an indicator definition, modelled with pydantic: what each key of indicators/*.toml may hold.

A file declares a topic, the reports it is for, its indicators (each with its observation lines)
and its checks (each with its operands). These models are what the build receives once
etl/definitions.py has validated a file (`IndicatorDefinition`, `CheckDefinition`: a file's table
with its topic and its file); they are frozen, and hold no value of the report.
"""

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    model_validator,
)

from contract import periods
from contract.schema import CHARTS, DIMENSION_NAMES, DOCUMENT_TYPES, QUALIFIERS, STATISTIC_KINDS
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
ALL_OPERANDS = tuple(dict.fromkeys(n for names in [*OPERANDS.values(), *OPTIONAL_OPERANDS.values()] for n in names))
FILE_KEYS = ("topic", "topic_title_fr", "topic_title_en", "reports", "documents")
# `period_from = "document"`: a number whose text gives no date takes its document's (a series across documents).
DOCUMENT_PERIOD = "document"
INDICATOR_OPERAND, SELECTOR_OPERAND = "indicator operand", "selector operand"  # union tags, dropped from locations

# An id names URLs and files. The build's own definitions, the suggestions it publishes, are named after
# the suggestion (`<report_id>-p155-s2`, its sums `…_sum2`): ids no file may take, given in the validation
# context under ID_RULE.
ID_RULE = "ids"
FILE_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
SUGGESTED_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}-p\d+-s\d+(?:_sum\d*)?")
ID_WORDS = 'an id of small letters, digits and _ (it names URLs and files), e.g. "art174_registered_cases"'


# --- what a field may hold --------------------------------------------------------------------


def _id(value: str, info: ValidationInfo) -> str:
    rule = (info.context or {}).get(ID_RULE, FILE_ID_RE)
    if not rule.fullmatch(value):
        raise ValueError(f"must be {ID_WORDS}, not {value!r}")
    return value


def _pattern(text: str) -> str:
    try:
        re.compile(text)
    except re.error as error:
        raise ValueError(f"is not a valid pattern ({error})") from None
    return text


def _period(text: str) -> str:
    if periods.parse(text) is None:
        raise ValueError(not_a_period(text))
    return text


def not_a_period(text: str) -> str:
    """The problem of a text that is not a period, in the words of a problem line."""
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
    return INDICATOR_OPERAND if "indicator" in named else SELECTOR_OPERAND


Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, AfterValidator(_id)]
Number = Annotated[int, Field(ge=1)]
Pattern = Annotated[str, AfterValidator(_pattern)]
PeriodText = Annotated[str, AfterValidator(_period)]
Kinds = Annotated[Any, AfterValidator(_kinds)]
Labels = Annotated[Any, AfterValidator(_labels)]
if TYPE_CHECKING:  # the type checker reads them as text; pydantic checks each against its tuple
    Dimension = str
    Chart = str
    Qualifier = str
    CountUnit = str
    CheckKind = str
    Direction = str
    DocumentType = str
    PeriodFrom = str
else:
    Dimension = Literal[tuple(DIMENSION_NAMES)]
    Chart = Literal[CHARTS]
    Qualifier = Literal[QUALIFIERS]
    CountUnit = Literal[tuple(COUNT_UNITS)]
    CheckKind = Literal[CHECK_KINDS]
    Direction = Literal[DIRECTIONS]
    DocumentType = Literal[DOCUMENT_TYPES]
    PeriodFrom = Literal[(DOCUMENT_PERIOD,)]


class _Model(BaseModel):
    # strict: "2" is not a paragraph number and 1 is not a text; unknown keys are refused
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Narrowing(_Model):
    """How a claim is told apart from the others: kind, period and patterns, then `nth`."""

    kind: Kinds = None
    period: PeriodText | None = None
    subject: Pattern | None = None
    sentence: Pattern | None = None
    before: Pattern | None = None
    after: Pattern | None = None
    nth: Number | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of claim it picks among: every statistic when it names none."""
        if self.kind is None:
            return STATISTIC_KINDS
        return (self.kind,) if isinstance(self.kind, str) else tuple(self.kind)

    @property
    def patterns(self) -> tuple[tuple[str, str], ...]:
        """Its patterns, (key, pattern), in the order of PATTERN_KEYS."""
        found = ((key, getattr(self, key)) for key in PATTERN_KEYS)
        return tuple((key, pattern) for key, pattern in found if pattern is not None)

    def described(self) -> str:
        """The keys it sets, as a problem line names them: "paragraph=155, kind='count', nth=2"."""
        return ", ".join(f"{k}={getattr(self, k)!r}" for k in SELECTOR_KEYS if k in self.model_fields_set)


class Selector(Narrowing):
    """Which claim of a paragraph: narrowed by kind, period and patterns, then `nth`."""

    paragraph: Number


class Line(Narrowing):
    """An observation line: a selector, its dimension labels (the extra keys), and what the text says elsewhere.

    In a file of `reports`, a line names its `paragraph` (and, for a series of named reports, its `report`);
    in a file of `documents` it names none: the number is looked for in the whole of each document.
    """

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Text]
    paragraph: Number | None = None
    report: Text | None = None
    period_from: PeriodFrom | None = None
    period_override: PeriodText | None = None
    qualifier_override: Qualifier | None = None
    unit: CountUnit | None = None
    note: Text | None = None
    note_en: Text | None = None

    @property
    def labels(self) -> dict[str, str]:
        """Its dimension labels: {dimension: label as the report words it}."""
        return dict(self.__pydantic_extra__ or {})


class Indicator(_Model):
    """An [[indicator]] table of a definition file."""

    indicator_id: Id
    title_fr: Text
    title_en: Text
    description_fr: Text
    description_en: Text
    unit: Annotated[str, AfterValidator(_indicator_unit)]
    unit_fr: Text
    unit_en: Text
    chart: Chart
    dimensions: list[Dimension] = []
    paragraphs: list[Number] = []
    observations: Annotated[list[Line], Field(min_length=1)]
    labels_en: dict[str, Text] = {}


class IndicatorOperand(BaseModel):
    """Observations of an indicator, narrowed by dimension labels or period (the extra keys)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Labels]
    indicator: Text

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        """{dimension or `period`: the labels an observation may have}."""
        extra = self.__pydantic_extra__ or {}
        return {key: tuple(value) if isinstance(value, list) else (value,) for key, value in extra.items()}


Operand = Annotated[
    Annotated[IndicatorOperand, Tag(INDICATOR_OPERAND)] | Annotated[Selector, Tag(SELECTOR_OPERAND)],
    Discriminator(_operand_tag),
    BeforeValidator(_operand_table),
]


class Check(_Model):
    """A [[check]] table of a definition file."""

    check_id: Id
    kind: CheckKind
    description_en: Text
    description_fr: Text
    complete: bool = True
    pair_by: Dimension | None = None
    direction: Direction | None = None
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

    def operands(self) -> dict[str, IndicatorOperand | Selector]:
        """The operands it names, by their name in the file (`from`, not `from_`), in the order its kind reads them."""
        names = OPERANDS[self.kind] + OPTIONAL_OPERANDS.get(self.kind, ())
        found = ((name, getattr(self, "from_" if name == "from" else name)) for name in names)
        return {name: operand for name, operand in found if operand is not None}


class DocumentKind(_Model):
    """The documents a file of series is for: every document of one State and of one type, whichever its date."""

    state: Text  # the State's ISO 3166 alpha-3 code (`LUX`) or its English name, as a report's metadata gives them
    document_type: DocumentType

    def holds(self, document: "DocumentFacts | None") -> bool:
        """Whether a document is one of these."""
        return (
            document is not None
            and self.state in (document.state, document.state_iso3)
            and self.document_type == document.document_type
        )


class DocumentFacts(Protocol):
    """What a definition asks of a document to know whether it applies (a report's row, `records.Report`)."""

    @property
    def state(self) -> str | None: ...

    @property
    def state_iso3(self) -> str | None: ...

    @property
    def document_type(self) -> str | None: ...


class TopicFile(_Model):
    """A definition file: its topic, the reports it is for, its tables (each checked by its own model).

    The reports are named (`reports`), or are every document of a State and type (`documents`): the
    indicators of such a file are series across documents, one point per document.
    """

    topic: Text
    topic_title_fr: Text
    topic_title_en: Text
    reports: Annotated[list[Text], Field(min_length=1)] | None = None
    documents: DocumentKind | None = None
    indicator: list[dict[str, Any]] = []
    check: list[dict[str, Any]] = []

    @model_validator(mode="after")
    def _one_kind_of_reports(self) -> "TopicFile":
        if (self.reports is None) == (self.documents is None):
            raise ValueError(
                "give `reports` (the reports its definitions are for) or `documents` (every document of a State "
                'and type: documents = { state = "LUX", document_type = "upr_working_group_report" }), one of them'
            )
        if self.documents is not None and self.check:
            raise ValueError(
                "a file of `documents` (series across documents) has no [[check]]: put checks in a file of `reports`"
            )
        return self


class _Placed(_Model):
    """Where a table was defined: its file's topic and reports, and the file (`source`)."""

    topic: Text
    topic_title_fr: Text
    topic_title_en: Text
    reports: list[Text] = []
    documents: DocumentKind | None = None
    source: Text


class IndicatorDefinition(Indicator, _Placed):
    """An indicator as the build applies it: its table, its topic, the reports it is for and its file."""

    @property
    def across_documents(self) -> bool:
        """Whether it is a series across documents (one point a document): defined for every document of a kind,
        or its lines name the report each is read from."""
        return self.documents is not None or any(line.report is not None for line in self.observations)


class CheckDefinition(Check, _Placed):
    """A check as the build applies it: its table, the reports it is for and its file."""


def applies_to(
    definition: _Placed, report_id: str, symbol: str | None = None, document: DocumentFacts | None = None
) -> bool:
    """A definition is for the reports it names, by report_id or by document symbol (every language version
    of one document shares its symbol), or for every document of the State and type its file names
    (`documents`); never silently for another."""
    if definition.documents is not None:
        return definition.documents.holds(document)
    return report_id in definition.reports or (symbol is not None and symbol in definition.reports)


def names_report(line: Line, report_id: str, symbol: str | None) -> bool:
    """Whether a line is for this report: a line naming no `report` is for every report its indicator is for."""
    return line.report is None or line.report in (report_id, symbol)
