"""The app serves any build: a store with no checks, no curated indicator, no follow-up heading and one
paragraph answers every page, every link on them and every /api route with a 200 or a clear 404, never a 5xx.

The build is made here by the real ETL from one short text report, with no json beside it and no definitions.
"""

from urllib.parse import urlsplit

import pytest
from app_fixtures import app_reading, routing

from etl.cli import main as build_data

REPORT = "CERD_C_TST_1_fr"
# One paragraph, one count, one year: the smallest report that is still a report.
TEXT = "Rapport\n\n1. En 2020, 345 personnes ont été enregistrées dans le registre national.\n"
# Two short paragraphs under one heading whose series the build suggests as indicators (no definition, no check).
SUGGESTED = (
    "Rapport\n\nI. Plaintes\n\n"
    "1. Le nombre de plaintes enregistrées était de 120 en 2018, de 140 en 2019 et de 165 en 2020.\n\n"
    "2. Le nombre de personnes formées était de 300 en 2019 et de 450 en 2020.\n"
)
PAGES = ("/", "/report", "/claims", "/checks", "/follow-up", "/compare", "/indicators/nope")
API = (
    "/api/indicators.json",
    "/api/claims.csv",
    "/api/claims.xlsx",
    "/api/package.zip",
    "/api/follow-up.csv",
    "/api/follow-up.xlsx",
    "/api/compare.csv?ids=nope",
    "/api/compare.json",
    "/api/compare.svg?ids=nope",
    "/api/indicators/nope.csv",
    "/api/indicators/nope.svg",
    "/api/nope",
    "/embed/nope",
    "/embed/compare",
    f"/api/claims.csv?report={REPORT}&kind=all&from=1&to=1",
)


@pytest.fixture(scope="module", params=["one paragraph", "suggested only"])
def client(request, tmp_path_factory):
    raw, definitions = tmp_path_factory.mktemp("raw_tiny"), tmp_path_factory.mktemp("no_definitions")
    (raw / f"{REPORT}.txt").write_text(TEXT if request.param == "one paragraph" else SUGGESTED, encoding="utf-8")
    folder = tmp_path_factory.mktemp("tiny") / "processed"
    assert build_data(["--input", str(raw), "--out", str(folder), "--indicators", str(definitions)]) == 0
    with app_reading(folder) as app:
        yield app.server.test_client()


def hrefs(value: object) -> set[str]:
    """Every link of a rendered layout (the pages callback's JSON)."""
    if isinstance(value, dict):
        found = {value["href"]} if isinstance(value.get("href"), str) else set()
        return found | {h for v in value.values() for h in hrefs(v)}
    if isinstance(value, list):
        return {h for v in value for h in hrefs(v)}
    return set()


def page(client, url: str) -> tuple[int, int, set[str]]:
    """The page shell's status, the pages callback's status and the links of the page drawn."""
    parts = urlsplit(url)
    shell = client.get(url)
    view = client.post("/_dash-update-component", json=routing(parts.path, f"?{parts.query}" if parts.query else ""))
    links = hrefs(view.get_json()) if view.status_code == 200 else set()
    return shell.status_code, view.status_code, links


def test_the_build_has_no_curated_indicator_and_no_check(client):
    assert not [e for e in client.get("/api/indicators.json").get_json() if not e["suggested"]]
    assert not [e for e in client.get("/api/indicators.json").get_json() if e["checks"]]


def test_every_route_of_each_indicator_answers(client):
    ids = [e["indicator_id"] for e in client.get("/api/indicators.json").get_json()]
    routes = [f"/api/indicators/{i}.{ext}" for i in ids for ext in ("csv", "xlsx", "json")]
    routes += [f"/embed/{i}" for i in ids] + [f"/embed/{i}?lang=en&theme=dark" for i in ids]
    routes += [f"/api/compare.{ext}?ids={','.join(ids)}" for ext in ("csv", "xlsx", "json")]
    routes += [f"/embed/compare?ids={','.join(ids)}"]
    for route in routes:
        response = client.get(route)
        assert response.status_code in (200, 404), (route, response.status_code, response.data[:300])
    for i in ids:
        assert page(client, f"/indicators/{i}")[:2] == (200, 200)
        assert page(client, f"/indicators/{i}?tab=table&lang=en")[:2] == (200, 200)


@pytest.mark.parametrize("route", API)
def test_every_api_route_answers_200_or_a_clear_404(client, route):
    response = client.get(route)
    assert response.status_code in (200, 404), (route, response.status_code, response.data[:300])
    if response.status_code == 404 and route.startswith("/api"):
        assert response.is_json and response.get_json()["error"], route
    elif response.status_code == 404:  # an embed: the not-found page says what is missing
        assert b"no indicator" in response.data, route


def test_every_page_and_every_link_on_it_answers(client):
    seen: set[str] = set()
    todo = [*PAGES, *(f"{p}?lang=en" for p in PAGES)]
    while todo:
        url = todo.pop()
        if url in seen or not url.startswith("/") or url.startswith("/api/"):
            continue
        seen.add(url)
        shell, view, links = page(client, url.split("#")[0])
        assert shell in (200, 404) and view == 200, (url, shell, view)
        todo += sorted(links - seen)
    assert len(seen) >= len(PAGES) * 2
    downloads = {u for u in seen if u.startswith("/api/")}
    for url in downloads:
        assert client.get(url).status_code in (200, 404), url


def test_the_report_page_shows_its_one_paragraph_without_inventing_headings(client):
    view = client.post("/_dash-update-component", json=routing("/report", ""))
    body = view.get_data(as_text=True)
    assert view.status_code == 200 and '"id":"p1"' in body
    assert "nan" not in body.lower().replace("nations unies", "")  # no "nan. nan" chapter from missing headings
