"""Requests the app refuses before (or instead of) doing work: forged callbacks (400) and unknown pages (404).

Dash answers every GET with its page shell and hands any callback body to the callback it names:
forged bodies (`{}`, `[]`, an output that does not exist, a number where text is expected, a null
state, a click without `customdata`) ended in 500s, and `/indicators/nope` in a 200.
Here, at the Flask level and without touching the pages:
- a callback body is checked against the callback it names (its inputs, state and outputs, by id
  and property) and against size limits, else 400 with one line saying what is wrong;
- an error raised by a callback on values it cannot use (TypeError, KeyError, …) is a 400 too: the
  values came from the client; the traceback goes to the server's log only;
- a page path that names no page, or an id that the data does not hold, gets the normal page shell
  with a 404 status (the page itself says "not found" and links home); 503 when the data is not built.
"""

import json
import logging
import traceback
from urllib.parse import parse_qs

from dash import page_registry
from dash.exceptions import DependencyException
from flask import Flask, jsonify, make_response, request

from dashboard import data, query, security

CALLBACK_ENDPOINT = "/_dash-update-component"
# The output of Dash's pages callback: the page a URL names, drawn from its path and query.
PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."
PAGE_ENDPOINTS = ("/", "/<path:path>")  # Dash's index and catch-all routes
NOT_FOUND_MODULE = "not_found_404"  # Dash shows the page registered under this name for unknown paths
# The longest text a callback value may hold: gunicorn's longest request line (gunicorn.conf.py), so a
# URL that could not be requested cannot be routed either (a 10 MB search held a worker for 20 s).
MAX_TEXT = 8190
MAX_DEPTH, MAX_ITEMS = 32, 20_000
# Errors a callback raises on values it cannot use: the values came from the request.
INPUT_ERRORS = (TypeError, KeyError, IndexError, AttributeError, ValueError)
# Path variables of page templates and how to tell whether the data holds them.
KNOWN_IDS = {"indicator_id": lambda dataset, value: dataset.indicator(value) is not None}
_log = logging.getLogger(__name__)


class BadCallback(ValueError):
    """A callback body that does not fit the callback it names; the message says what is wrong."""


def register(app) -> None:
    """Check callback bodies and page paths before Dash sees them; map callback input errors to 400."""
    server: Flask = app.server
    server.before_request(lambda: _check_callback(app))
    server.before_request(lambda: _check_page(app))
    server.register_error_handler(BadCallback, _bad_callback)
    server.register_error_handler(DependencyException, lambda error: (jsonify({"error": "no such file"}), 404))
    for kind in INPUT_ERRORS:
        server.register_error_handler(kind, _input_error)


def _bad_callback(error):
    return jsonify({"error": f"bad callback request: {error}"}), 400


def _input_error(error):
    """A 400 when a callback could not use the values sent; elsewhere the usual 500."""
    if request.endpoint != CALLBACK_ENDPOINT:
        return security.server_error(error)
    # One line per refusal (forged requests must not flood the log), with where the callback gave up.
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    _log.warning(
        "callback %s refused: %s: %s (at %s:%s)",
        _output_name(),
        type(error).__name__,
        str(error)[:200],
        where.filename if where else "?",
        where.lineno if where else "?",
    )
    return jsonify(
        {"error": f"bad callback request: the callback could not use these values ({type(error).__name__})"}
    ), 400


def _output_name() -> str:
    body = request.get_json(silent=True)
    return str(body.get("output"))[:120] if isinstance(body, dict) else "?"


def _check_callback(app):
    if request.endpoint != CALLBACK_ENDPOINT:
        return
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):
        raise BadCallback("the body is not JSON") from None
    check_callback_body(body, app.callback_map)
    if body.get("output") == PAGES_OUTPUT:
        _check_page_query(body.get("inputs") or [])
    return


def _check_page_query(inputs: list) -> None:
    """The query of the URL a page is drawn for, read as every route reads it (`dashboard.query`)."""
    search = next((i.get("value") for i in inputs if isinstance(i, dict) and i.get("property") == "search"), None)
    if not isinstance(search, str) or not search.startswith("?"):
        return
    try:
        query.parse(parse_qs(search[1:], keep_blank_values=True))
    except query.BadQuery as error:
        raise BadCallback(str(error)) from None


def check_callback_body(body, callback_map: dict) -> None:
    """Raise BadCallback unless `body` calls a server callback with the inputs, state and outputs it declares."""
    if not isinstance(body, dict):
        raise BadCallback("the body must be a JSON object")
    output = body.get("output")
    callback = callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:
        raise BadCallback(f"no server callback has the output {str(output)[:80]!r}")
    for name in ("inputs", "state"):
        _check_dependencies(body.get(name, []), callback.get(name, []), name)
    assert isinstance(output, str)  # a callback was found for it
    declared = declared_outputs(output)
    sent = body.get("outputs")
    sent = sent if isinstance(sent, list) and output.startswith("..") else [sent]
    _check_dependencies(sent, declared, "outputs")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) and len(c) <= MAX_TEXT for c in changed):
        raise BadCallback("changedPropIds must be a list of 'id.property' strings")
    _check_values([body.get("inputs"), body.get("state")])


def declared_outputs(output: str) -> list[dict]:
    """[{'id', 'property'}] of a callback's output key ('a.children', or '..a.children...b.data..' for several)."""
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), name.rsplit(".", 1))) for name in names]


def _check_dependencies(sent, declared: list[dict], name: str) -> None:
    if not isinstance(sent, list) or len(sent) != len(declared):
        raise BadCallback(f"{name} must list the callback's {len(declared)} {name}")
    for item, wanted in zip(sent, declared):
        if not _fits(item, wanted):
            raise BadCallback(f"{name}: {str(item)[:80]} is not {wanted['id']}.{wanted['property']}")


def _fits(item, wanted: dict) -> bool:
    """An input, state or output entry names the declared component id and property (pattern ids: any match)."""
    if wanted["id"].startswith("{"):
        pattern = json.loads(wanted["id"])
        items = item if isinstance(item, list) else [item]
        return all(
            isinstance(i, dict)
            and i.get("property") == wanted["property"]
            and isinstance(i.get("id"), dict)
            and set(i["id"]) == set(pattern)
            and all(isinstance(v, list) or i["id"][k] == v for k, v in pattern.items())
            for i in items
        )
    return isinstance(item, dict) and item.get("id") == wanted["id"] and item.get("property") == wanted["property"]


def _check_values(root) -> None:
    """No text longer than MAX_TEXT, no nesting deeper than MAX_DEPTH, at most MAX_ITEMS values in all."""
    stack, seen = [(root, 0)], 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > MAX_ITEMS:
            raise BadCallback(f"values nested deeper than {MAX_DEPTH} or more than {MAX_ITEMS} of them")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise BadCallback(f"a text value is {len(value)} characters long (at most {MAX_TEXT})")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _check_page(app):
    """The page shell with a 404 status for a path that names no page or an id the data does not hold."""
    if request.endpoint not in PAGE_ENDPOINTS or request.method not in ("GET", "HEAD"):
        return None
    status = page_status(request.path)
    if status == 200:
        return None
    return make_response(app.index(), status)


def page_status(path: str) -> int:
    """200 for a page of the app, 404 for a path that names none, 503 while the data is not readable."""
    wanted = path.strip("/")
    if len(wanted) > MAX_TEXT or "\x00" in wanted:
        return 404
    for page in page_registry.values():
        if page["module"].split(".")[-1] == NOT_FOUND_MODULE:
            continue
        template = page.get("path_template")
        variables = _template_variables(wanted, template.strip("/")) if template else None
        if variables is None and wanted != page["path"].strip("/"):
            continue
        try:
            dataset = data.load()
        except data.DataUnavailable:
            return 503
        known = all(KNOWN_IDS.get(name, lambda *_: True)(dataset, value) for name, value in (variables or {}).items())
        return 200 if known else 404
    return 404


def _template_variables(path: str, template: str) -> dict | None:
    """{'indicator_id': 'x'} for 'indicators/x' and 'indicators/<indicator_id>'; None when the path does not fit."""
    parts, pattern = path.split("/"), template.split("/")
    if len(parts) != len(pattern):
        return None
    variables = {}
    for part, expected in zip(parts, pattern):
        if expected.startswith("<") and expected.endswith(">"):
            variables[expected[1:-1]] = part
        elif part != expected:
            return None
    return variables
