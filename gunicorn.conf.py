"""gunicorn's settings for the app: `gunicorn app:server` reads this file from the folder it runs in.

Each limit and why is in docs/SECURITY.md. Command-line options override these (`make serve`
passes its address and `--workers 2`). gunicorn's own refusals (a request line or header over
these limits, a malformed request) are answered by gunicorn before the app sees them, so they carry
none of the app's security headers: the reverse proxy of docs/SECURITY.md adds them.
"""

import os

bind = [f"{os.environ.get('APP_HOST', '127.0.0.1')}:{os.environ.get('APP_PORT', '8050')}"]
# One worker per core of the 2-core machine the figures of docs/PERFORMANCE.md come from.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads, not one sync request at a time: a client that sends its headers a byte a second holds one thread,
# not the worker. Each worker waits for a new connection's first bytes on its poller and gives a thread only
# to a connection that has sent some; a trickling client still holds that thread while it trickles, so a
# worker withstands up to `threads - 1` of them, and the reverse proxy of docs/SECURITY.md (which reads whole
# requests before passing them on) is what bounds them in production.
worker_class = "gthread"
threads = int(os.environ.get("APP_THREADS", "8"))
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


def pre_request(worker, req):
    """A request declaring a body over the app's limit gets its 413 and a closed connection.

    A threaded worker keeps a connection open after answering and first drains the body the app did not
    read, for up to 5 s; a body the app refused from its declared length alone is not worth waiting for.
    """
    from dashboard.security import MAX_REQUEST_BYTES

    worker.log.debug("%s %s", req.method, req.path)
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), "")
    if length.isdigit() and int(length) > MAX_REQUEST_BYTES:
        req.force_close()


def post_fork(server, worker):
    """Each worker starts its Chromium for images as soon as it exists, before it imports the app (2-6 s).

    The two then overlap: a fresh server's first image waited for Chromium's start (2-5 s on a busy machine) after
    the import. dashboard/chromium.py imports nothing of the app; the browser starts in a thread of its own, and an
    image asked for meanwhile waits only for what is left of the start.
    """
    from dashboard import chromium

    chromium.start()


def post_worker_init(worker):
    """Each worker readies itself before its first request: the data read, one real chart rendered.

    Without this a fresh worker's first page read the data (0.2-1 s), and its first image was the first to run the
    chart code and a full render (dashboard/images.py `warm_up`: about 0.5 s once Chromium is open, at most 5 s, after
    which the render goes on beside the first requests).
    """
    from dashboard import data, images

    try:
        dataset = data.load()
    except data.DataUnavailable:
        worker.log.warning("no data to read yet: the pages say how to build it")
        return
    images.warm_up(dataset)
