"""gunicorn as configured (gunicorn.conf.py: threaded workers) against slow and malformed clients.

Five clients sending their headers a byte a second do not hold the app: a normal request is answered
while every one of them is still sending (with the former sync workers it waited until they finished or
timed out). A malformed chunked body is a 400 with one line, and no traceback in the log. The delay
each normal request saw is printed (`-s`); docs/PERFORMANCE.md has the figures.
"""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request

import pytest
from app_fixtures import BUILD, ROOT, shared_fixture

pytestmark = pytest.mark.slow
SLOW_CLIENTS = 5
SLOW_REQUEST = b"GET /api/indicators.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 60 + b"\r\n\r\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """gunicorn app:server with gunicorn.conf.py as it is (workers, worker class, threads) on a free port."""
    for name in ("home", "tmp"):
        (BUILD / name).mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "INDICATORS_DATA_DIR": str(shared_fixture(tmp_path_factory)),
        "APP_PORT": str(port),
        "HOME": str(BUILD / "home"),
        "TMPDIR": str(BUILD / "tmp"),
    }
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with open(log, "wb") as out:
        master = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get(port, "/api/indicators.json")
                break
            except OSError:
                assert master.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
                time.sleep(0.3)
        yield port, log
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)


def get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.read()


class SlowClient(threading.Thread):
    """A connection that sends a request's headers one byte a second until told to stop."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sent = 0
        self.finished = False
        self.stop = threading.Event()

    def run(self):
        try:
            for byte in SLOW_REQUEST:
                if self.stop.is_set():
                    return
                self.sock.sendall(bytes([byte]))
                self.sent += 1
                self.stop.wait(1)
            self.finished = True
        except OSError:
            return
        finally:
            self.sock.close()


def test_five_slow_clients_do_not_hold_a_normal_request(served):
    port, _ = served
    started = time.monotonic()
    get(port, "/api/indicators.json")
    alone = time.monotonic() - started
    slow = [SlowClient(port) for _ in range(SLOW_CLIENTS)]
    for client in slow:
        client.start()
    try:
        while min(client.sent for client in slow) < 3:  # every one has a connection and is part-way through
            time.sleep(0.1)
        delays = []
        for path in ("/api/indicators.json", "/api/claims.csv?from=155&to=156", "/"):
            started = time.monotonic()
            assert get(port, path)
            delays.append(time.monotonic() - started - alone)
        # Answered while all five are still sending their headers: none of them holds the app.
        assert not any(client.finished for client in slow)
        assert all(client.is_alive() for client in slow)
        print(f"\nalone {alone:.3f} s; with {SLOW_CLIENTS} slow clients, extra delay per request: {delays}")
    finally:
        for client in slow:
            client.stop.set()


def test_a_malformed_chunked_body_is_a_400_without_a_traceback(served):
    port, log = served
    request = (
        b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400"), answer[:300]
    assert b"Traceback" not in answer
    time.sleep(0.5)  # let the worker flush its log line
    assert "Traceback" not in log.read_text(errors="replace")
