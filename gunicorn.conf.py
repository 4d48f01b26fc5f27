"""gunicorn's settings for the app: `gunicorn app:server` reads this file from the folder it runs in.

Each limit and why is in docs/SECURITY.md. Command-line options override these (`make serve`
passes its address and `--workers 2`). gunicorn's own refusals (a request line or header over
these limits, a malformed request) are answered by gunicorn before the app sees them, so they carry
none of the app's security headers: the reverse proxy of docs/SECURITY.md adds them.
"""

import os

bind = [f"{os.environ.get('APP_HOST', '127.0.0.1')}:{os.environ.get('APP_PORT', '8050')}"]
# One sync worker per core of the 2-core machine the figures of docs/PERFORMANCE.md come from.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A worker silent this long is killed and replaced. Nothing legitimate takes that long: an image render
# is cut at 10 s and Chromium's first start at 15 s (dashboard/images.py).
timeout = 30
graceful_timeout = 10
keepalive = 2
# Request line (method, URL, version) at most 8190 bytes, else 414; the app refuses callback texts longer
# than the same (dashboard/refusals.py), so no URL it could not be sent can be routed.
limit_request_line = 8190
# At most 50 header fields of at most 8190 bytes each, else 431 / 400 (browsers send about 15).
limit_request_fields = 50
limit_request_field_size = 8190
# The app's own limit on a request body is 128 KiB (413, dashboard/security.py).
control_socket_disable = True
