"""The /api routes on the app's Flask server: catalogue, one indicator, claims, the data package."""
import json

from flask import Flask, Response, abort, jsonify, request

from dashboard import data, exports

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
_package_cache: dict = {}


def register(server: Flask) -> None:
    """Add the /api routes to the Flask server that Dash runs on."""
    server.add_url_rule("/api/indicators.json", "api_catalogue", catalogue)
    server.add_url_rule("/api/indicators/<name>", "api_indicator", indicator)
    server.add_url_rule("/api/claims.csv", "api_claims", claims)
    server.add_url_rule("/api/package.zip", "api_package", package)
    # Anything else under /api/ is a 404, not the Dash page shell that other paths get.
    server.add_url_rule("/api/<path:rest>", "api_unknown", unknown)
    server.register_error_handler(data.DataUnavailable, _data_unavailable)


def unknown(rest: str):
    """A 404 for an /api path that names no route."""
    abort(404, description="no such API route: see /api/indicators.json")


def _data_unavailable(error):
    return jsonify({"error": str(error)}), 503


def _dataset() -> data.Dataset:
    return data.load()


def catalogue():
    """The catalogue: one object per indicator."""
    return Response(json.dumps(_dataset().catalog, ensure_ascii=False), mimetype="application/json")


def indicator(name: str):
    """One indicator as .csv, .xlsx or .json; an id not in the catalogue is a 404."""
    indicator_id, _, extension = name.rpartition(".")
    dataset = _dataset()
    # The id is only ever looked up in the catalogue, never used to build a file path.
    if extension not in FORMATS or dataset.indicator(indicator_id) is None:
        abort(404, description=f"no indicator file {name!r}: see /api/indicators.json for the ids")
    if extension == "csv":
        body = exports.csv_bytes(exports.indicator_frame(dataset, indicator_id))
    elif extension == "xlsx":
        body = exports.indicator_xlsx(dataset, indicator_id)
    else:
        body = json.dumps(exports.indicator_json(dataset, indicator_id), ensure_ascii=False).encode("utf-8")
    return _attachment(body, FORMATS[extension], f"{indicator_id}.{extension}")


def claims_filters(args) -> dict:
    """Claim filters from query parameters: kind=count,percent&unit=%&from=150&to=160&q=article."""
    filters = {key: [v for v in ",".join(args.getlist(key)).split(",") if v] for key in exports.CLAIM_FILTERS}
    for key in ("from", "to"):
        value = args.get(key, "")
        filters[key] = int(value) if value.strip().lstrip("-").isdigit() else None
    filters["q"] = args.get("q", "")
    return filters


def claims():
    """All claims as CSV, narrowed by the query parameters."""
    frame = exports.filter_claims(exports.claims_frame(_dataset()), claims_filters(request.args))
    return _attachment(exports.csv_bytes(frame), FORMATS["csv"], "claims.csv")


def package():
    """The whole data package as a zip, built once per data build."""
    dataset = _dataset()
    if _package_cache.get("dataset") is not dataset:
        _package_cache.update(dataset=dataset, body=exports.package_zip(dataset))
    return _attachment(_package_cache["body"], "application/zip", "data-package.zip")


def _attachment(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
