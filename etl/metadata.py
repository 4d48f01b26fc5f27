"""A report's metadata sidecar (`<name>.json` beside the report): what each field may hold.

Modelled with pydantic, strict: a field of the wrong type is refused, never coerced. Every
problem is one line naming the file, the field and what is allowed (a `report_id` of "../../x"
would write outside --out, `"symbol": 5` would abort the whole build with a traceback).
Unknown fields are refused too, so a misspelt one (`"simbol"`) is said, not silently dropped;
a new field is one line here. A renamed field still reads its former key (`treaty_body` is
`body`), so older sidecars load. Pure: bytes in, a model or a list of problems out.
"""

import math
import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from contract import periods
from contract.schema import BODIES, DOCUMENT_TYPES, TREATY_BODIES
from contract.states import state_named, state_of

MAX_SIDECAR_BYTES = 64 * 1024  # the report's own sidecar is 700 bytes
MAX_PROBLEMS = 5  # lines per file: a dict of 100 000 unknown keys says five and how many more

# report_id names a folder of the store and prefixes every claim_id: a file name that cannot
# climb out of its folder (no "/", not "." or ".."), is not hidden and is not an option.
REPORT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
REPORT_ID_RE = re.compile(REPORT_ID_PATTERN.replace("$", r"\Z"))
REPORT_ID_RULE = "1 to 100 of A-Z a-z 0-9 _ . -, starting with a letter or a digit"
_NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]+$"  # one line of text: no newline, tab or control character

ReportId = Annotated[str, StringConstraints(pattern=REPORT_ID_PATTERN)]
Symbol = Annotated[str, StringConstraints(max_length=100, pattern=r"^[A-Z][A-Za-z0-9.]*(/[A-Za-z0-9.()+-]+)+$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]  # "fr", or with a region "en-GB"
Day = Annotated[date, Field(ge=date(1965, 1, 1), le=date(2100, 12, 31))]  # ICERD, the first treaty, is of 1965


# One line of text of at most 100, 300 or 500 characters.
Line100 = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=_NO_CONTROL)]
Line300 = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_NO_CONTROL)]
Line500 = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=_NO_CONTROL)]
Cycle = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?(-[1-9][0-9]?)?$")]  # "2", "11-14"
if TYPE_CHECKING:  # the type checker reads them as text; pydantic checks them against the tuples
    Body = str
    DocumentType = str
else:
    Body = Literal[BODIES]
    DocumentType = Literal[DOCUMENT_TYPES]
# A key sidecars used before it was renamed: read as the new one.
FORMER_KEYS = {"treaty_body": "body"}
# Errors whose own message says what is allowed, better than the field's description.
_OWN_MESSAGES = ("state_mismatch",)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ConcludingObservations(_Strict):
    """The committee's previous concluding observations, which the report answers."""

    symbol: Symbol | None = Field(None, description="their UN symbol, like `CERD/C/KAZ/CO/8-10`")
    date: Day | None = Field(None, description="their date, `YYYY-MM-DD` (1965–2100)")


class Metadata(_Strict):
    """What a report's sidecar may say about it; every field is optional."""

    report_id: ReportId | None = Field(
        None, description=f"the report's id, {REPORT_ID_RULE}; default: the file name without its extension"
    )
    symbol: Symbol | None = Field(
        None,
        description="the UN document symbol exactly as printed, like `A/HRC/28/10` or `CERD/C/KAZ/11-14` "
        "(capitals, then `/`-separated parts of letters, digits, `. ( ) + -`), at most 100",
    )
    title_fr: Line500 | None = Field(
        None, description="the document's title in French, one line of at most 500 characters (citations name it)"
    )
    title_en: Line500 | None = Field(None, description="its title in English, one line of at most 500 characters")
    body: Body | None = Field(
        None,
        validation_alias=AliasChoices("body", *(old for old, new in FORMER_KEYS.items() if new == "body")),
        description=f"the issuing body: a treaty body ({', '.join(TREATY_BODIES)}), "
        f"{', '.join(BODIES[len(TREATY_BODIES) :])} (the Human Rights Council, its Universal Periodic Review, "
        "the special procedures); `treaty_body`, its former name, is read as `body`",
    )
    document_type: DocumentType | None = Field(
        None, description="what the document is: " + ", ".join(DOCUMENT_TYPES) + " (spaces for `_` are fine)"
    )
    state: Line100 | None = Field(
        None,
        description="the State the document is about, one line of at most 100 characters; "
        "a name of `contract/states.py` (as UN documents print it, in English or French) also gives its code",
    )
    state_iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        None, description="its ISO 3166 alpha-3 code, like `KAZ`, one of the States of `contract/states.py`"
    )
    treaty: Line300 | None = Field(None, description="the treaty's name, one line of at most 300 characters")
    submitted_under: Line300 | None = Field(
        None, description="the article it answers, one line of at most 300 characters"
    )
    language: Language | None = Field(
        None, description="the language of the text, an ISO 639-1 code like `fr` (with a region, `en-GB`, read as `en`)"
    )
    original_language: Language | None = Field(None, description="the language it was written in, like `ru`")
    date_received: Day | None = Field(None, description="when the committee received it, `YYYY-MM-DD` (1965–2100)")
    date_issued: Day | None = Field(None, description="when it was issued, `YYYY-MM-DD` (1965–2100)")
    cycle: Cycle | None = Field(
        None, description="the review cycle or the periodic reports it covers, a number or a range like `11-14`"
    )
    period_covered: Annotated[str, StringConstraints(max_length=30)] | None = Field(
        None, description="the years it covers, in the period format of `contract/periods.py`, like `2022-2025`"
    )
    previous_concluding_observations: ConcludingObservations | None = Field(
        None, description='`{"symbol": …, "date": …}` of the concluding observations it answers'
    )

    @field_validator("document_type", mode="before")
    @classmethod
    def _a_type_as_written(cls, value: object) -> object:
        """A type as sidecars wrote it before types were named ("concluding observations"), in its contract name."""
        if not isinstance(value, str):
            return value
        named = "_".join(value.casefold().split())
        return named if named in DOCUMENT_TYPES else value

    @field_validator("state_iso3")
    @classmethod
    def _a_known_state(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if state_of(value) is None:
            raise ValueError("not a State's code")
        named = state_named(info.data.get("state") or "")
        if named is not None and named.iso3 != value:
            raise PydanticCustomError(
                "state_mismatch", "{code}, the code of the State `state` names", {"code": named.iso3}
            )
        return value

    @field_validator("period_covered")
    @classmethod
    def _a_period(cls, value: str | None) -> str | None:
        if value is not None and periods.parse(value) is None:
            raise ValueError("not a period")
        return value


class MetadataError(Exception):
    """A sidecar that cannot be used: one line per problem, each naming the file and the field."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def parse_metadata(data: bytes, file: str) -> Metadata:
    """The sidecar's bytes as checked metadata; MetadataError lists what is wrong and what is allowed."""
    if len(data) > MAX_SIDECAR_BYTES:
        raise MetadataError(
            [
                (
                    f"{file}: {len(data):,} bytes, more than the limit of {MAX_SIDECAR_BYTES:,} bytes for a "
                    "metadata file; is this the right file?"
                )
            ]
        )
    try:
        return Metadata.model_validate_json(data)
    except ValidationError as error:
        problems = [_problem(file, e) for e in error.errors(include_url=False)]
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"{file}: … and {len(problems) - MAX_PROBLEMS} more problems"]
    raise MetadataError(problems)


def as_json(metadata: Metadata) -> dict[str, Any]:
    """The fields the sidecar set, as JSON values (dates as `YYYY-MM-DD`), for reports.parquet."""
    return metadata.model_dump(mode="json", exclude_unset=True)


def report_id_problem(report_id: str) -> str | None:
    """Why a file name cannot be a report_id (None when it can)."""
    return None if REPORT_ID_RE.match(report_id) else f"`{_shown(report_id)}` cannot be a report_id ({REPORT_ID_RULE})"


def _problem(file: str, error: ErrorDetails) -> str:
    """One line: the file, the field, what was found and what is allowed."""
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "json_invalid":
        return f"{file}: not valid JSON ({(error.get('ctx') or {}).get('error')}); fix the metadata file"
    if error["type"] == "model_type" and not error["loc"]:
        return f'{file}: metadata must be a JSON object {{"field": value, …}}, not {_kind(error["input"])}; fix the metadata file'
    if error["type"] == "extra_forbidden" and where in FORMER_KEYS:
        return f"{file}: `{where}` is the former name of `{FORMER_KEYS[where]}`, which is given too; keep one of them"
    if error["type"] == "extra_forbidden":
        model = ConcludingObservations if len(error["loc"]) > 1 else Metadata
        return (
            f"{file}: unknown field `{_shown(where)}`; the fields are {', '.join(model.model_fields)} "
            '(README, "Adding a report")'
        )
    allowed = error["msg"] if error["type"] in _OWN_MESSAGES else _allowed(error["loc"])
    return f"{file}: field `{where}` is {_shown_value(error['input'])}; allowed: {allowed}"


def _allowed(loc: tuple[int | str, ...]) -> str:
    model: type[BaseModel] | None = Metadata
    description = ""
    for part in loc:
        name = FORMER_KEYS.get(str(part), str(part)) if model is Metadata else str(part)
        field = model.model_fields.get(name) if model is not None else None
        if field is None:
            break
        description = field.description or ""
        model = ConcludingObservations if part == "previous_concluding_observations" else None
    return description or 'see the README, "Adding a report"'


def _shown_value(value: object) -> str:
    if isinstance(value, str):
        return f'"{_shown(value)}"'
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return (
            f"{value}" if value.bit_length() < 64 else f"a {int(value.bit_length() * math.log10(2)) + 1}-digit number"
        )
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else f"{value:g}"
    return _kind(value)


_KINDS: dict[type, str] = {dict: "an object", list: "a list", str: "a text"}


def _kind(value: object) -> str:
    if value is None or isinstance(value, bool):
        return _shown_value(value)
    return _KINDS.get(type(value), "a number")


def _shown(text: str, limit: int = 60) -> str:
    """A value short enough for one line, control characters made visible."""
    shown = text[:limit].encode("unicode_escape").decode("ascii")
    return shown + (f"… ({len(text):,} characters)" if len(text) > limit else "")


def markdown() -> str:
    """The README's table of the sidecar's fields ("Adding a report"), from the model."""
    lines = ["| field | what is allowed |", "| --- | --- |"]
    for name, field in Metadata.model_fields.items():
        lines.append(f"| `{name}` | {field.description} |")
        if name == "previous_concluding_observations":
            lines += [f"| `{name}.{sub}` | {f.description} |" for sub, f in ConcludingObservations.model_fields.items()]
    return "\n".join(lines)
