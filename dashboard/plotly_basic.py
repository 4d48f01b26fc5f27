"""plotly.js's basic bundle, which the pages' graphs, the embeds and the images draw with: npm's
plotly.js-basic-dist-min at the version plotly.py ships (tests/test_speed.py compares), 1.2 MB instead of 4.8 MB.

A module importing nothing of the app, so that dashboard/chromium.py can start a worker's image browser with it
before the worker imports the app.
"""

from pathlib import Path

PATH = Path(__file__).parent / "static" / "plotly-basic.min.js"
VERSION = "4.1.1"
# Every trace the bundle draws (every trace the charts use, tests/test_speed.py).
TRACES = ("scatter", "bar", "pie")
