"""The /api routes on the app's Flask server: catalogue, one indicator (data and images), claims, the data package.

Every response carries the data version (a hash of data/processed/) as its ETag, so a client
that sends it back in If-None-Match gets a 304 until the data is rebuilt. Errors are JSON with one
line: 404 for a path or id that is not there, 400 for bad options, 503 (with Retry-After for the
image renderer) while something the answer needs is not ready.
"""

import itertools
import json
import os
from collections.abc import Iterable
from typing import IO

from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import NotFound
from werkzeug.wsgi import wrap_file

from dashboard import data, exports, images, query, store_batches, workbook
from dashboard.i18n import language

FORMATS = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    **images.FORMATS,
}
# Opened in the browser (inline) rather than saved: JSON to read, images to show in an <img>.
INLINE = ("json", "png", "svg")
FILE_BLOCK = 256 * 1024  # a finished file is sent in blocks of this size


def register(server: Flask) -> None:
    """Add the /api routes to the Flask server that Dash runs on."""
    server.add_url_rule("/api/indicators.json", "api_catalogue", catalogue)
    server.add_url_rule("/api/indicators/<name>", "api_indicator", indicator)
    server.add_url_rule("/api/claims.csv", "api_claims", claims)
    server.add_url_rule("/api/claims.xlsx", "api_claims_xlsx", claims_xlsx)
    server.add_url_rule("/api/package.zip", "api_package", package)
    # Anything else under /api is a 404, not the Dash page shell that other paths get.
    server.add_url_rule("/api/<path:rest>", "api_unknown", unknown)
    server.add_url_rule("/api", "api_root", unknown, defaults={"rest": ""})
    server.add_url_rule("/api/", "api_root_slash", unknown, defaults={"rest": ""})
    server.register_error_handler(data.DataUnavailable, _data_unavailable)
    server.register_error_handler(images.BadImageRequest, _bad_request)
    server.register_error_handler(images.RendererUnavailable, _renderer_unavailable)
    server.register_error_handler(NotFound, _not_found)
    server.before_request(_not_modified)
    server.after_request(_with_data_version)


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


def _not_modified() -> Response | None:
    """A 304 before any work when the client already holds this data version of a known resource."""
    if not _is_api(request.path) or not request.if_none_match or request.endpoint in (None, "api_unknown"):
        return None
    if request.endpoint == "api_indicator" and not _known_file((request.view_args or {}).get("name", "")):
        return None
    try:
        version = data.load().version
    except data.DataUnavailable:
        return None
    if request.if_none_match.contains(version):
        response = Response(status=304)
        response.set_etag(version)
        response.headers["Cache-Control"] = "no-cache"
        return response
    return None


def _known_file(name: str) -> bool:
    indicator_id, _, extension = name.rpartition(".")
    try:
        return extension in FORMATS and data.load().indicator(indicator_id) is not None
    except data.DataUnavailable:
        return False


def _with_data_version(response: Response) -> Response:
    """Every successful /api response names the data version in its ETag (and honours If-None-Match)."""
    if _is_api(request.path) and response.status_code == 200:
        try:
            version = data.load().version
        except data.DataUnavailable:
            return response
        response.set_etag(version)
        response.headers["X-Data-Version"] = version
        # Clients may keep a copy but ask again each time; the ETag makes that answer a 304.
        response.headers["Cache-Control"] = "no-cache"
        response.make_conditional(request)
    return response


def _bad_request(error: Exception) -> tuple[Response, int]:
    return jsonify({"error": str(error)}), 400


def unknown(rest: str) -> Response:
    """A 404 for an /api path that names no route."""
    abort(404, description="no such API route: see /api/indicators.json")


def _data_unavailable(error: Exception) -> tuple[Response, int]:
    return jsonify({"error": str(error)}), 503


def _renderer_unavailable(error: images.RendererUnavailable) -> Response:
    response = jsonify({"error": str(error)})
    response.status_code = 503
    response.headers["Retry-After"] = str(error.retry_after)
    return response


def _not_found(error: NotFound) -> tuple[Response, int] | NotFound:
    """JSON for /api paths; elsewhere the usual 404 answer."""
    if request.path == "/api" or _is_api(request.path):
        return jsonify(
            {
                "error": error.description
                if error.description != NotFound.description
                else "not found: see /api/indicators.json"
            }
        ), 404
    return error


def _dataset() -> data.Dataset:
    return data.load()


def catalogue() -> Response:
    """The catalogue: one flat object per indicator (the fields of `contract.records.CatalogEntry`), written as it is
    sent, a batch of entries at a time; its first piece is made before the answer starts, so a catalogue that cannot
    be read is a 503, not a cut answer."""
    pieces = (piece.encode("utf-8") for piece in exports.catalog_json_pieces(_dataset(), indent=None))
    first = next(pieces)
    return _attachment(itertools.chain([first], pieces), FORMATS["json"], "indicators.json", inline=True)


def indicator(name: str) -> Response:
    """One indicator as .csv, .xlsx, .json, .png or .svg; an id not in the catalogue is a 404."""
    indicator_id, _, extension = name.rpartition(".")
    dataset = _dataset()
    # The id is only ever looked up in the catalogue, never used to build a file path.
    if extension not in FORMATS or dataset.indicator(indicator_id) is None:
        abort(404, description=f"no indicator file {name!r}: see /api/indicators.json for the ids")
    if extension in images.FORMATS:
        return _image(dataset, indicator_id, extension)
    # The page's language and dimension choice (?lang=en&measure=…), as the image and the embed take them.
    asked = query.current()
    lang, choice = language(asked.lang), _choice()
    if extension == "csv":
        body = exports.csv_bytes(exports.indicator_frame(dataset, indicator_id, lang, choice))
    elif extension == "xlsx":
        body = exports.indicator_xlsx(dataset, indicator_id, lang, choice)
    else:
        body = json.dumps(exports.indicator_json(dataset, indicator_id, lang, choice), ensure_ascii=False).encode(
            "utf-8"
        )
    return _attachment(body, FORMATS[extension], f"{indicator_id}.{extension}", inline=extension in INLINE)


def _image(dataset: data.Dataset, indicator_id: str, extension: str) -> Response:
    """The indicator's chart as PNG or SVG: ?size=slide|a4|square or width/height, scale, theme, lang, dimensions."""
    asked = query.current()
    options = images.image_options(asked)
    body = images.indicator_image(dataset, indicator_id, extension, options, _choice(), language(asked.lang))
    if body is None:
        abort(404, description=f"no indicator {indicator_id!r}: see /api/indicators.json for the ids")
    name = f"{indicator_id}-{options.width}x{options.height}.{extension}"
    return _attachment(body, FORMATS[extension], name, inline=True)


def _choice() -> dict[str, list[str]]:
    """The dimension choice of the request: every query parameter that is not one of the app's own."""
    return {name: list(values) for name, values in query.current().choice.items()}


def claims() -> Response:
    """All claims as CSV, narrowed by the query parameters (the words of /claims; no `kind` is every kind).

    Written a batch of claims at a time as it is sent: never built whole, whatever the number of reports."""
    batches = store_batches.claims_with_places(_dataset().folder, data.claim_filters(query.current()))
    return _attachment(exports.csv_chunks(batches), FORMATS["csv"], "claims.csv")


def claims_xlsx() -> Response:
    """The claims of /api/claims.csv, narrowed by the same parameters, as a workbook with cells verbatim.

    Written a row at a time to a temporary file (a workbook is a zip: its parts come whole), then sent from it."""
    batches = store_batches.claims_with_places(_dataset().folder, data.claim_filters(query.current()))
    return sent_file(workbook.workbook_file([workbook.frames_sheet("claims", batches)]), FORMATS["xlsx"], "claims.xlsx")


def package() -> Response:
    """The whole data package as a zip, written as it is sent (its size is not known before the end)."""
    return _attachment(exports.package_chunks(_dataset()), "application/zip", "data-package.zip")


def sent_file(file: IO[bytes], mimetype: str, filename: str) -> Response:
    """A finished file (a temporary one, closed and so removed once sent) as an attachment with its length."""
    size = os.fstat(file.fileno()).st_size
    response = _attachment(wrap_file(request.environ, file, buffer_size=FILE_BLOCK), mimetype, filename)
    response.content_length = size
    return response


def _attachment(body: bytes | Iterable[bytes], mimetype: str, filename: str, inline: bool = False) -> Response:
    """The body (bytes, or pieces sent as they are made) with its type and file name."""
    response = Response(body, mimetype=mimetype)
    # Pieces go out as they come: never joined into one body (as make_conditional would, to count its length).
    response.direct_passthrough = not isinstance(body, bytes)
    # The file name is made from a catalogue id or a fixed word, never from the raw request.
    response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
