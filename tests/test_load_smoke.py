"""A light load smoke test: 16 concurrent clients on a real HTTP server get no error (the full run is `make load`)."""
import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from werkzeug.serving import make_server

from app_fixtures import shared_fixture

CLIENTS, ROUNDS = 16, 2


def routing(path: str, search: str = "") -> dict:
    """The body of the Dash pages callback that renders the page of a URL."""
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATA_DIR", str(shared_fixture(tmp_path_factory)))
        import app
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.server_port
        server.shutdown()


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
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                                 headers={"Content-Type": "application/json"} if data else {})
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    statuses.append(response.status)
        return statuses

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [s for batch in pool.map(client, range(CLIENTS)) for s in batch]
    assert statuses == [200] * CLIENTS * ROUNDS * len(requests)
