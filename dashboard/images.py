"""PNG and SVG of a figure through kaleido 1.x and Debian's Chromium, one browser kept alive per process.

Starting Chromium costs 2-3 s; kaleido's sync server keeps it open so later images cost about
0.2 s. The server is started on the first image (so gunicorn workers each start their own after
the fork) and stopped when the process exits. Images are cached by everything that shapes them.
"""
import threading
from collections import OrderedDict

import kaleido

from dashboard import charts

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
MIN_SIDE, MAX_SIDE = 200, 4000
MIN_SCALE, MAX_SCALE = 0.5, 4.0
# A 4000 x 4000 image at scale 4 would be 256 million pixels: cap what one request may render.
MAX_PIXELS = 16_000_000
CACHE_SIZE = 128

# kaleido's sync server hands results back through one queue: one render at a time per process.
_lock = threading.Lock()
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


class BadImageRequest(ValueError):
    """A size, scale, format or theme the image API does not accept; the message says which."""


def image_options(args) -> dict:
    """Format-independent options from query parameters: size=slide|a4|square or width/height, scale, theme, lang."""
    size = args.get("size") or charts.DEFAULT_SIZE
    if size not in charts.SIZES:
        raise BadImageRequest(f"size must be one of {', '.join(charts.SIZES)} (or give width and height)")
    width, height = charts.SIZES[size]
    width, height = _number(args, "width", width, int), _number(args, "height", height, int)
    scale = _number(args, "scale", 1.0, float)
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise BadImageRequest(f"width and height must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise BadImageRequest(f"scale must be between {MIN_SCALE} and {MAX_SCALE}")
    if width * height * scale * scale > MAX_PIXELS:
        raise BadImageRequest(f"width × height × scale² must stay under {MAX_PIXELS:,} pixels; lower the scale or the size")
    theme = args.get("theme") or "light"
    if theme not in charts.THEMES:
        raise BadImageRequest(f"theme must be one of {', '.join(charts.THEMES)}")
    return {"width": width, "height": height, "scale": scale, "theme": theme}


def _number(args, name: str, default, kind):
    value = args.get(name)
    if value in (None, ""):
        return default
    try:
        return kind(value)
    except ValueError:
        raise BadImageRequest(f"{name} must be a number, not {value!r}") from None


def render(figure, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """The figure as PNG or SVG bytes at width x height layout pixels (times `scale` for PNG)."""
    if fmt not in FORMATS:
        raise BadImageRequest(f"format must be one of {', '.join(FORMATS)}")
    spec = figure.to_dict() if hasattr(figure, "to_dict") else figure
    with _lock:
        # mathjax=False: no formulas here, and no CDN fetch from a machine that may be offline.
        kaleido.start_sync_server(mathjax=False, timeout=60, silence_warnings=True)
        return kaleido.calc_fig_sync(spec, opts={"format": fmt, "width": width, "height": height, "scale": scale})


def stop() -> None:
    """Close this process's Chromium (it is also closed at exit)."""
    with _lock:
        kaleido.stop_sync_server(silence_warnings=True)


def indicator_image(dataset, indicator_id: str, fmt: str, options: dict, query: dict, lang: str) -> bytes | None:
    """An indicator's chart as an image with its title, notes and source inside; None for an unknown id."""
    selection = tuple(sorted((k, tuple(v)) for k, v in charts.selection(dataset, indicator_id, query).items()))
    key = (dataset.version, indicator_id, fmt, lang, selection, tuple(sorted(options.items())))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    parts = charts.chart_parts(dataset, indicator_id, query, lang)
    if parts is None:
        return None
    figure = charts.briefing_figure(parts, options["width"], options["height"], options["theme"])
    body = render(figure, fmt, options["width"], options["height"], options["scale"])
    with _cache_lock:
        _cache[key] = body
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return body
