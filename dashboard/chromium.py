"""One kaleido Chromium per process, kept alive for images: started, restarted when it dies or hangs, closed at exit.

Starting Chromium costs 1-5 s (more on a busy machine); keeping it open makes later images cost about 0.3 s. The browser
runs in this module's own thread and event loop, started by `start()` or else by the first image, and closed when the
process exits. A render has a time limit, and a browser that died (or hung) is killed and restarted in the background:
meanwhile renders get RendererUnavailable at once (a 503 with Retry-After), never a worker stuck until gunicorn kills it
(a killed Chromium once made the next request hang for 30 s).

A module apart from dashboard/images.py, importing nothing of the app: gunicorn.conf.py starts each worker's
Chromium right after the fork, before the worker imports the app (2-6 s), so that the two overlap.
"""

import asyncio
import atexit
import concurrent.futures
import contextlib
import logging
import os
import signal
import threading

from dashboard import plotly_basic

# Seconds: one render (about 0.3 s when well), Chromium's first start in a process (about 2.5 s), and what
# a client is told to wait while the browser restarts. Render + start stay under gunicorn's timeout (30 s).
RENDER_TIMEOUT, START_TIMEOUT, RETRY_AFTER = 10, 15, 5

# A figure drawn once as Chromium starts, so that plotly.js is loaded before the first image asked for.
WARM_UP_FIGURE = {"data": [{"type": "bar", "x": [1], "y": [1]}], "layout": {}}
WARM_UP_OPTIONS = {"format": "png", "width": 200, "height": 200, "scale": 1}

_log = logging.getLogger(__name__)


class RendererUnavailable(RuntimeError):
    """Chromium is (re)starting or did not answer in time: ask again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = RETRY_AFTER):
        super().__init__(message)
        self.retry_after = retry_after


class Browser:
    """One kaleido Chromium in a thread of its own; restarted in the background when it dies or hangs."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = None  # the process that owns the thread (a fork gets none)
        self._loop = None
        self._kaleido = None
        self._starting = None  # the start in progress (a concurrent future)
        self._started_once = False

    def render(self, spec: dict, opts: dict) -> bytes:
        """The image bytes; RendererUnavailable while Chromium (re)starts or when it hangs."""
        with self._lock:
            self._own_thread()
            if self._kaleido is not None and not self._alive():
                _log.warning("Chromium (kaleido) is gone: restarting it")
                self._restart()
            starting = self._starting
            if self._kaleido is None and starting is None:
                starting = self._starting = self._submit(self._open())
            first = not self._started_once
        if starting is not None:
            if not first:
                raise RendererUnavailable("the image renderer is restarting: try again in a few seconds")
            try:
                starting.result(START_TIMEOUT)
            except concurrent.futures.TimeoutError:
                raise RendererUnavailable("the image renderer did not start in time: try again shortly") from None
            except Exception as error:  # noqa: BLE001 (any failure to start) Chromium failed to start: say so, try again on the next request
                raise RendererUnavailable(f"the image renderer could not start ({type(error).__name__})") from None
        with self._lock:
            browser = self._kaleido
        if browser is None:
            raise RendererUnavailable("the image renderer is restarting: try again in a few seconds")
        job = self._submit(browser.calc_fig(spec, opts=opts))
        try:
            return job.result(RENDER_TIMEOUT)
        except concurrent.futures.TimeoutError:
            job.cancel()
            self.restart(f"a render took longer than {RENDER_TIMEOUT} s")
            raise RendererUnavailable("the image took too long to render: try again in a few seconds") from None
        except Exception:
            if self._alive():
                raise  # the figure itself failed: a bug to see, not a browser to restart
            self.restart("Chromium died during a render")
            raise RendererUnavailable("the image renderer stopped: try again in a few seconds") from None

    def start(self) -> None:
        """Start Chromium in the background now, without waiting for it (nothing if it is open or starting)."""
        with self._lock:
            self._own_thread()
            if self._kaleido is None and self._starting is None:
                self._starting = self._submit(self._open())

    def restart(self, why: str) -> None:
        """Kill Chromium and start another in the background."""
        _log.warning("restarting Chromium (kaleido): %s", why)
        with self._lock:
            self._restart()

    def stop(self) -> None:
        """Close Chromium and the thread (also done at exit)."""
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                return
            loop, browser = self._loop, self._kaleido
            self._loop, self._kaleido, self._starting = None, None, None
        if browser is not None:
            try:
                asyncio.run_coroutine_threadsafe(_close(browser), loop).result(START_TIMEOUT)
            except Exception:  # noqa: BLE001 closing a broken browser: kill what is left
                _kill(browser)
        loop.call_soon_threadsafe(loop.stop)

    # --- inside the lock ---

    def _own_thread(self) -> None:
        if self._loop is not None and self._pid == os.getpid():
            return
        self._pid, self._kaleido, self._starting, self._started_once = os.getpid(), None, None, False
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True).start()

    def _alive(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return process is not None and process.poll() is None

    def _restart(self) -> None:
        if self._loop is None:
            return
        old, self._kaleido = self._kaleido, None
        if old is not None:
            _kill(old)
        if self._starting is None or self._starting.done():
            self._starting = self._submit(self._replace(old))

    def _submit(self, coroutine) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    # --- in the browser's event loop ---

    async def _open(self):
        import kaleido  # imported when Chromium starts: importing it costs about 0.3 s that pages never need

        # kaleido's own time limit stays above ours, so a slow render is always ours to handle (restart, 503).
        # plotly.js's basic bundle, as the pages draw with (every trace the charts use, tests/test_speed.py): Chromium's
        # tab loads 1.2 MB instead of 4.8 MB, which halves the start (measured 9 s -> 4 s on the busy 2-core machine).
        browser = kaleido.Kaleido(n=1, timeout=2 * RENDER_TIMEOUT, mathjax=False, plotlyjs=str(plotly_basic.PATH))
        try:
            await asyncio.wait_for(browser.open(), START_TIMEOUT)
        except BaseException:
            _kill(browser)
            with self._lock:
                self._starting = None
            raise
        # The tab's first figure loads plotly.js into it (about 0.2 s): done here rather than in a reader's first image.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(browser.calc_fig(WARM_UP_FIGURE, opts=WARM_UP_OPTIONS), RENDER_TIMEOUT)
        with self._lock:
            self._kaleido, self._starting, self._started_once = browser, None, True
        return browser

    async def _replace(self, old):
        if old is not None:
            # its files are in TMPDIR; the process is already killed
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(_close(old), 10)
        return await self._open()


async def _close(browser) -> None:
    await browser.close()


def _kill(browser) -> None:
    """Kill Chromium and every process it started (kaleido starts it as the leader of a process group)."""
    process = getattr(browser, "subprocess", None)
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


_browser = Browser()
atexit.register(_browser.stop)


def render(spec: dict, opts: dict) -> bytes:
    """A figure's image bytes (kaleido's options: format, width, height, scale); RendererUnavailable while Chromium
    (re)starts or when it hangs."""
    return _browser.render(spec, opts)


def start() -> None:
    """Start this process's Chromium in the background: the first image then finds it open, or part-way there."""
    # kaleido (and the part of plotly it uses) imported in the caller's thread, not in the browser's: the two would
    # otherwise import the same modules at once while a booting worker imports the app.
    import kaleido  # noqa: F401

    _browser.start()


def stop() -> None:
    """Close this process's Chromium (it is also closed at exit)."""
    _browser.stop()
