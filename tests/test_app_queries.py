"""No request answers 5xx: every query parameter of every page and /api route is read by `dashboard.query`.

Hostile values (a superscript digit, 5 000 nines, a NaN scale, an unknown language or theme) are a 400 with
one JSON line naming the parameter; unknown /api paths are a JSON 404; a property test (hypothesis) sends
any parameter with any text to every route and never gets a 5xx.
"""

from urllib.parse import urlencode

import pytest
from app_fixtures import app_reading, routing, shared_fixture
from hypothesis import HealthCheck, given, settings, strategies as st

from dashboard import query

INDICATOR = "art174_registered_cases"
NINES = "9" * 5000


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app.server.test_client()


@pytest.mark.parametrize(
    ("route", "params", "named"),
    [
        ("/api/claims.csv", {"from": "²"}, "from"),
        ("/api/claims.csv", {"to": "¹²"}, "to"),
        ("/api/claims.csv", {"from": NINES}, "from"),
        ("/api/claims.csv", {"to": "٣"}, "to"),  # an Arabic-Indic digit: Python's int() would read it
        ("/api/claims.csv", {"from": "-1"}, "from"),
        ("/api/claims.csv", {"q": "a\x00b"}, "q"),
        ("/api/claims.csv", {"q": "x" * 9000}, "q"),
        (f"/api/indicators/{INDICATOR}.csv", {"lang": "xx"}, "lang"),
        (f"/api/indicators/{INDICATOR}.png", {"width": "²"}, "width"),
        (f"/api/indicators/{INDICATOR}.svg", {"scale": "nan"}, "scale"),
        (f"/api/indicators/{INDICATOR}.svg", {"scale": "1e308"}, "scale"),
        (f"/api/indicators/{INDICATOR}.svg", {"size": "poster"}, "size"),
        (f"/embed/{INDICATOR}", {"theme": "neon"}, "theme"),
        ("/api/compare.csv", {"ids": INDICATOR, "lang": NINES}, "lang"),
        ("/api/follow-up.csv", {"report": "a\x1fb"}, "report"),
        ("/claims", {"from": "²"}, "from"),
        ("/", {"lang": "¹"}, "lang"),
    ],
)
def test_a_parameter_that_does_not_fit_is_a_400_naming_it(client, route, params, named):
    response = client.get(route, query_string=params)
    assert response.status_code == 400, response.data[:300]
    message = response.get_json()["error"]
    assert f"query parameter {named}" in message and "\n" not in message


def test_good_parameters_still_answer(client):
    rows = client.get("/api/claims.csv?kind=count&from=155&to=156&from=")
    assert rows.status_code == 200
    assert client.get("/api/claims.csv?from=").status_code == 200  # an empty bound is no bound, as before


def test_the_pages_callback_refuses_a_query_that_does_not_fit(client):
    response = client.post("/_dash-update-component", json=routing("/claims", "?from=%C2%B2"))
    assert response.status_code == 400 and "from" in response.get_json()["error"]
    assert client.post("/_dash-update-component", json=routing("/claims", "?from=155")).status_code == 200


@pytest.mark.parametrize("path", ["/api/follow-up.pdf", "/api/nope", "/api/compare.pdf", "/api/indicators/x.doc"])
def test_unknown_api_paths_are_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.is_json and response.get_json()["error"]


def test_parse_reads_numbers_written_with_ascii_digits_only():
    assert query.parse({"from": "155", "to": ["157"]}).first == 155
    for bad in ("²", "1²", "٣", " 1", "1.0", "+1", NINES, "1_000"):
        with pytest.raises(query.BadQuery):
            query.parse({"from": bad})
    assert query.parse({"measure": ["a", "b"]}).choice == {"measure": ("a", "b")}


# Every route that reads a query, with the parameters it knows; images are left out (a valid query renders
# an image, seconds each): their options are read by the same model, tested above.
ROUTES = (
    "/api/indicators.json",
    f"/api/indicators/{INDICATOR}.csv",
    f"/api/indicators/{INDICATOR}.xlsx",
    f"/api/indicators/{INDICATOR}.json",
    "/api/claims.csv",
    "/api/claims.xlsx",
    "/api/compare.csv",
    "/api/compare.xlsx",
    "/api/compare.json",
    "/api/follow-up.csv",
    "/api/follow-up.xlsx",
    f"/embed/{INDICATOR}",
    "/embed/compare",
    "/",
    "/report",
    "/claims",
    "/checks",
    "/follow-up",
    "/compare",
    f"/indicators/{INDICATOR}",
)
NAMES = [*sorted(query.Query.model_fields.keys() - {"first", "last", "choice"}), "from", "to", "measure", "z"]
VALUES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["155", "0", "999999999", NINES, "²", "fr", "en", "all", "count,percent", INDICATOR, "VI.A"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    params=st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=4),
)
def test_no_route_answers_5xx_whatever_its_query(client, route, params):
    search = urlencode(params)
    response = client.get(f"{route}?{search}")
    assert response.status_code < 500, (route, params, response.data[:300])
    if not route.startswith(("/api", "/embed")):
        # the page itself, drawn by the pages callback from the same URL
        view = client.post("/_dash-update-component", json=routing(route, f"?{search}" if search else ""))
        assert view.status_code < 500, (route, params, view.data[:300])


@pytest.mark.parametrize(
    ("typed", "kept"), [(155, "from=155"), (1.5, None), (1e30, None), (-3, None), (155.0, "from=155")]
)
def test_the_claims_page_puts_in_its_url_only_bounds_the_url_can_carry(client, typed, kept):
    from pages import claims

    search = claims.filters_in_url(None, None, None, None, None, typed, None, None, "fr")
    assert (kept in search) if kept else ("from=" not in search)
    assert client.get(f"/claims{search}").status_code == 200
