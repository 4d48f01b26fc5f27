"""Every query parameter of the app, read by one validated model: a request whose parameters do not fit is a 400.

Pages, /api routes and embeds all take their parameters from `parse`, whatever the route: numbers are
written with the digits 0-9 only (a superscript `²` or 5 000 nines are refused, not half-read), choices
are among the values the app knows, texts are bounded and hold no control character. Names the model
does not know are dimension choices of an indicator (`?measure=…`), texts too. Pages get the same reading:
the page shell refuses a bad query before it is served and the pages callback before it is routed.
"""

import re
from collections.abc import Mapping
from typing import Annotated, Any

from flask import Flask, g, jsonify, request
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from dashboard.figures import SIZES, THEMES
from dashboard.i18n import LANGUAGES

# The longest text a parameter may hold: gunicorn's longest request line (gunicorn.conf.py).
MAX_TEXT = 8190
MAX_NAMES, MAX_VALUES = 64, 512
# Paragraph numbers and pixel sides: ASCII digits only, a bounded count of them.
_WHOLE = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[0-9]{1,4}(\.[0-9]{1,6})?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
# The routes whose query this module reads: every page, /api and /embed (Dash's own assets carry `?v=` and `?m=`).
CHECKED_PREFIXES = ("/api", "/embed/")


class BadQuery(ValueError):
    """A query parameter the app does not accept; the message says which, what it was and what to give."""


def _whole(value: str) -> int:
    if not _WHOLE.fullmatch(value):
        raise ValueError("must be a whole number written with the digits 0-9 (at most 9 of them)")
    return int(value)


def _decimal(value: str) -> float:
    if not _DECIMAL.fullmatch(value):
        raise ValueError("must be a number written with the digits 0-9 and at most one '.', like 1.5")
    return float(value)


def _one_of(choices: tuple[str, ...]):
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return check


Whole = Annotated[int, BeforeValidator(_whole)]
Decimal = Annotated[float, BeforeValidator(_decimal)]


class Query(BaseModel):
    """The parameters of any route of the app, each read once; `choice` holds the dimension parameters."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="forbid")

    lang: Annotated[str, AfterValidator(_one_of(LANGUAGES))] | None = None
    report: str | None = None
    q: str = ""
    ids: tuple[str, ...] = ()
    first: Whole | None = Field(default=None, alias="from")
    last: Whole | None = Field(default=None, alias="to")
    kind: tuple[str, ...] | None = None  # None: the parameter is absent (the claims' default kinds apply)
    unit: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    chapter: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    status: str | None = None
    tab: str | None = None
    sort: str | None = None
    desc: str | None = None
    size: Annotated[str, AfterValidator(_one_of(tuple(SIZES)))] | None = None
    theme: Annotated[str, AfterValidator(_one_of(THEMES))] | None = None
    width: Whole | None = None
    height: Whole | None = None
    scale: Decimal | None = None
    choice: dict[str, tuple[str, ...]] = {}


# Parameters given as comma-separated lists (`kind=count,percent`, repeated or not).
LISTS = ("ids", "kind", "unit", "qualifier", "chapter", "section")
_ALIASES = {"from": "first", "to": "last"}
_FIELDS = {field.alias or name for name, field in Query.model_fields.items() if name != "choice"}


def parse(args: Mapping[str, Any]) -> Query:
    """The query of `args` (a Flask MultiDict, or Dash's {name: value or [values]}), else BadQuery with one line."""
    values = _values(args)
    fields: dict[str, object] = {}
    choice: dict[str, tuple[str, ...]] = {}
    for name, given in values.items():
        if name in LISTS:
            fields[name] = tuple(part.strip() for item in given for part in item.split(",") if part.strip())
        elif name in _FIELDS:
            if given and given[0] != "":  # `?from=` names no paragraph: as if it were absent
                fields[name] = given[0]
        else:
            choice[name] = tuple(given)
    try:
        return Query.model_validate({**fields, "choice": choice})
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        name = next((alias for alias, field in _ALIASES.items() if field == name), name)
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise BadQuery(
            f"query parameter {_shown(name)}={_shown(values.get(name, [''])[0], quoted=True)}: {reason}"
        ) from None


def _values(args: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every parameter as a list of texts, checked for count, length and control characters."""
    listed = args.to_dict(flat=False) if hasattr(args, "to_dict") else dict(args)
    if len(listed) > MAX_NAMES:
        raise BadQuery(f"more than {MAX_NAMES} query parameters")
    out: dict[str, list[str]] = {}
    count = 0
    for name, raw in listed.items():
        given = raw if isinstance(raw, list | tuple) else [raw]
        count += len(given)
        if count > MAX_VALUES:
            raise BadQuery(f"more than {MAX_VALUES} query values")
        for text in [name, *given]:
            if not isinstance(text, str):
                raise BadQuery(f"query parameter {_shown(str(name))}: values must be texts")
            if len(text) > MAX_TEXT:
                raise BadQuery(f"query parameter {_shown(name)}: a text longer than {MAX_TEXT} characters")
            if _CONTROL.search(text):
                raise BadQuery(f"query parameter {_shown(name)}: control characters are not accepted")
        out[str(name)] = [str(v) for v in given]
    return out


def _shown(text: str, quoted: bool = False) -> str:
    """A parameter's name or value as a message shows it: at most 40 characters, quoted when it is not plain text."""
    cut = text if len(text) <= 40 else text[:40] + "…"
    return repr(cut) if quoted or not cut.isprintable() else cut


def current() -> Query:
    """The query of the request being answered, read once per request."""
    if "query" not in g:
        g.query = parse(request.args)
    return g.query


def register(server: Flask, page_endpoints: tuple[str, ...]) -> None:
    """Read the query of every page, /api and /embed request before it is answered: 400 with one line when it does not fit."""

    def check() -> None:
        if request.method in ("GET", "HEAD") and (
            request.endpoint in page_endpoints or request.path.startswith(CHECKED_PREFIXES)
        ):
            current()

    server.before_request(check)
    server.register_error_handler(BadQuery, lambda error: (jsonify({"error": str(error)}), 400))
