"""PNG and SVG of a figure through kaleido 1.x and Debian's Chromium (dashboard/chromium.py: one browser kept per process).

Images are kept (`dashboard/memo.py`) by everything that shapes them. `warm_up` renders one real chart as a worker
boots, so that a reader's first image is not the worker's first.
"""

import logging
import threading
from dataclasses import astuple, dataclass
from typing import Any

from dashboard import charts, chromium, data, figures
from dashboard.chromium import RETRY_AFTER, RendererUnavailable  # noqa: F401 (the image API's 503 and its wait)
from dashboard.memo import Memo
from dashboard.query import Query

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
MIN_SIDE, MAX_SIDE = 200, 4000
MIN_SCALE, MAX_SCALE = 0.5, 4.0
# A 4000 x 4000 image at scale 4 would be 256 million pixels: cap what one request may render.
MAX_PIXELS = 16_000_000
CACHE_SIZE = 128
# Seconds a booting worker waits for its warm-up render before it takes requests (then the render goes on beside them).
WARM_UP_WAIT = 5
_images = Memo("dashboard.images", max_entries=CACHE_SIZE)
_log = logging.getLogger(__name__)


class BadImageRequest(ValueError):
    """A size, scale, format or theme the image API does not accept; the message says which."""


@dataclass(frozen=True)
class ImageOptions:
    """What shapes an image besides its chart: its size in layout pixels, its scale and its theme."""

    width: int
    height: int
    scale: float = 1.0
    theme: str = "light"


def image_options(asked: Query) -> ImageOptions:
    """Format-independent options from the query (`dashboard.query`): size=slide|a4|square or width/height, scale, theme."""
    width, height = figures.SIZES[asked.size or figures.DEFAULT_SIZE]
    width = asked.width if asked.width is not None else width
    height = asked.height if asked.height is not None else height
    scale = asked.scale if asked.scale is not None else 1.0
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise BadImageRequest(f"width and height must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise BadImageRequest(f"scale must be between {MIN_SCALE} and {MAX_SCALE}")
    if width * height * scale * scale > MAX_PIXELS:
        raise BadImageRequest(
            f"width × height × scale² must stay under {MAX_PIXELS:,} pixels; lower the scale or the size"
        )
    return ImageOptions(width, height, scale, asked.theme or "light")


def render(figure: Any, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """The figure as PNG or SVG bytes at width x height layout pixels (times `scale` for PNG)."""
    if fmt not in FORMATS:
        raise BadImageRequest(f"format must be one of {', '.join(FORMATS)}")
    spec = figure.to_dict() if hasattr(figure, "to_dict") else figure
    return chromium.render(spec, {"format": fmt, "width": width, "height": height, "scale": scale})


def start() -> None:
    """Start this process's Chromium in the background: the first image then finds it open, or part-way there."""
    chromium.start()


def stop() -> None:
    """Close this process's Chromium (it is also closed at exit)."""
    chromium.stop()


def warm_up(dataset: data.Dataset, wait: float = WARM_UP_WAIT) -> bool:
    """Render the first report's first chart as an image asked for would be, keeping no image; True when done in `wait` s.

    Chromium's start draws a figure of one bar (plotly.js loaded into its tab); a reader's first chart was still the
    first in the worker to run plotly.py's figure code, the chart's queries and a full render with its text (0.5-0.7 s
    instead of 0.3). The chart's parts are kept as any image's are (`charts.chart_parts`); the image is not, so no
    reader's image comes from here. A render that takes longer than `wait` goes on in the background.
    """
    entries = dataset.entries_of(dataset.report_or_default(None))  # the first report's: one report's rows
    if not entries:
        return True
    indicator_id = entries[0].indicator_id

    def render_one() -> None:
        try:
            parts = charts.chart_parts(dataset, indicator_id)
            if parts is not None:
                parts_image(parts, "png", ImageOptions(*figures.SIZES[figures.DEFAULT_SIZE]))
        except Exception as error:  # noqa: BLE001 a warm-up that fails leaves the first image to do the work, as before
            _log.warning("image warm-up of %s failed: %s", indicator_id, error)

    thread = threading.Thread(target=render_one, name="image-warm-up", daemon=True)
    thread.start()
    thread.join(wait)
    return not thread.is_alive()


def parts_image(parts: charts.ChartParts, fmt: str, options: ImageOptions) -> bytes:
    """Chart parts as an image with their title, notes and source inside."""
    figure = charts.briefing_figure(parts, options.width, options.height, options.theme)
    return render(figure, fmt, options.width, options.height, options.scale)


def kept_image(dataset: data.Dataset, key: tuple[object, ...], make: Any) -> bytes:
    """An image kept by the data version and everything that shapes it (`key`), else made by `make()`."""
    return _images.get_or_make((dataset.version, str(dataset.folder), *key), make, dataset.version)


def indicator_image(
    dataset: data.Dataset, indicator_id: str, fmt: str, options: ImageOptions, query: dict[str, Any], lang: str
) -> bytes | None:
    """An indicator's chart as an image with its title, notes and source inside; None for an unknown id."""
    parts = charts.chart_parts(dataset, indicator_id, query, lang)
    if parts is None:
        return None
    choice = tuple(sorted((k, tuple(v)) for k, v in parts.chosen.items()))
    return kept_image(
        dataset, (indicator_id, fmt, lang, choice, astuple(options)), lambda: parts_image(parts, fmt, options)
    )
