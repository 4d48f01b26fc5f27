"""A light load smoke test: 16 concurrent clients on a real HTTP server get no error (the full run is `make load`)."""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from app_fixtures import app_reading, routing, serving, shared_fixture

CLIENTS, ROUNDS = 16, 2


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app, serving(app.server) as port:
        yield port


def test_sixteen_concurrent_clients_get_no_error(port):
    requests = [
        ("/", None),
        ("/_dash-update-component", routing("/")),
        ("/_dash-update-component", routing("/indicators/art174_cases_tried_and_convicted")),
        ("/api/indicators/art174_registered_cases.csv", None),
        ("/embed/art174_registered_cases", None),
    ]

    def client(_):
        statuses = []
        for _ in range(ROUNDS):
            for path, body in requests:
                data = json.dumps(body).encode() if body else None
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{path}",
                    data=data,
                    headers={"Content-Type": "application/json"} if data else {},
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    statuses.append(response.status)
        return statuses

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [s for batch in pool.map(client, range(CLIENTS)) for s in batch]
    assert statuses == [200] * CLIENTS * ROUNDS * len(requests)
