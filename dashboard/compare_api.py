"""/api/compare.<csv|xlsx|json|png|svg>?ids=a,b: the downloads of a comparison (/compare), like an indicator's.

The rows are each indicator's own export rows (`exports.indicator_frame`) one after the other; the
images are the comparison's chart with its title, notes and source line inside, as /compare draws it.
The /api ETag and 304 handling of `dashboard/api.py` applies to these routes too.
"""

import json
from dataclasses import astuple

import pandas as pd
from flask import Flask, Response, abort

from dashboard import comparison, data, exports, images, query, workbook
from dashboard.api import FORMATS, INLINE
from dashboard.i18n import language


def register(server: Flask) -> None:
    """Add /api/compare.<ext> to the Flask server."""
    server.add_url_rule("/api/compare.<ext>", "api_compare", compare)


def compare(ext: str) -> Response:
    """A comparison as .csv, .xlsx, .json, .png or .svg; ids not in the catalogue are left out, none at all is a 404."""
    if ext not in FORMATS:
        abort(404, description=f"no compare file .{ext}: use csv, xlsx, json, png or svg")
    dataset = data.load()
    asked = query.current()
    ids = [i for i in comparison.compare_ids(list(asked.ids)) if dataset.indicator(i) is not None]
    if not ids:
        abort(404, description="no indicator to compare: give ?ids=<id>,<id> (see /api/indicators.json for the ids)")
    name = "compare-" + "-".join(ids)
    lang = language(asked.lang)  # like an indicator's files: English labels and notes with ?lang=en
    if ext in images.FORMATS:
        body = compare_image(dataset, ids, ext, images.image_options(asked), lang)
    elif ext == "csv":
        body = exports.csv_bytes(compare_frame(dataset, ids, lang))
    elif ext == "xlsx":
        body = compare_xlsx(dataset, ids, lang)
    else:
        body = json.dumps(compare_json(dataset, ids, lang), ensure_ascii=False).encode("utf-8")
    response = Response(body, mimetype=FORMATS[ext])
    # The file name is made of catalogue ids only, never of the raw request.
    response.headers["Content-Disposition"] = f'{"inline" if ext in INLINE else "attachment"}; filename="{name}.{ext}"'
    return response


def compare_frame(dataset: data.Dataset, ids: list[str], lang: str = "fr") -> pd.DataFrame:
    """Every indicator's tidy rows, one after the other (dimension columns joined; empty where one has none)."""
    return pd.concat([exports.indicator_frame(dataset, i, lang) for i in ids], ignore_index=True)


def compare_xlsx(dataset: data.Dataset, ids: list[str], lang: str = "fr") -> bytes:
    """Sheet 'data' (the CSV's rows) and sheet 'metadata' (each indicator's metadata, one block after the other)."""
    meta = [field for i in ids for field in [*exports.indicator_metadata(dataset, i, lang), ("", "")]]
    return workbook.workbook_bytes(
        [workbook.frame_sheet("data", compare_frame(dataset, ids, lang)), exports.metadata_sheet(meta)]
    )


def compare_json(dataset: data.Dataset, ids: list[str], lang: str = "fr") -> dict:
    """Each indicator's JSON export (metadata, citations, rows, checks) under one data version."""
    return {"data_version": dataset.version, "indicators": [exports.indicator_json(dataset, i, lang) for i in ids]}


def compare_image(dataset: data.Dataset, ids: list[str], fmt: str, options: images.ImageOptions, lang: str) -> bytes:
    """The comparison's chart as PNG or SVG with its title, notes and source inside; kept by data version and options.

    Ids that cannot share a chart (no series over time) leave nothing to draw: a 404 that says why.
    """
    parts, messages = comparison.compare_parts(dataset, ids, lang)
    if parts is None:
        abort(404, description=f"nothing to draw: {' '.join(messages)} (/api/compare.csv has the rows)")
    key = (comparison.COMPARE_ID, tuple(ids), fmt, lang, astuple(options))
    return images.kept_image(dataset, key, lambda: images.parts_image(parts, fmt, options))
