"""Every observation of the first report, in Chromium: its point clicked on its indicator's chart (or its number card),
the side panel quotes its paragraph and marks exactly the claim's text at the claim's offsets.

What `tests/test_highlights.py` holds in process, seen in the page a reader gets. The pages are opened as the app's
own links open them (no reload), and each point's click is given to the chart as plotly gives it (`plotly_click`),
several points per page, so the whole report takes seconds rather than minutes.
"""

import json

import pytest
from app_fixtures import browser_session, require_browser, shared_fixture

from dashboard import charts
from dashboard.i18n import title

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
require_browser()

# Opens a page as a dcc.Link does (history and Dash's own event: the page's layout is fetched, no reload), then waits
# for its title and, on a chart, for the figure the page must draw (the figure's points, compared as JSON).
OPEN = """
const [path, heading, points, done] = arguments;
window.scrollTo(0, 0);
window.history.pushState({}, '', path);
window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
const drawn = () => {
  const title = document.getElementById('indicator-title');
  if (!title || title.textContent !== heading) return false;
  if (points === null) return !!document.querySelector('#indicator-card');
  const graph = document.querySelector('#indicator-graph .js-plotly-plot');
  return !!(graph && graph.data && JSON.stringify(graph.data.map(t => t.customdata)) === points);
};
const started = Date.now();
(function wait() {
  if (drawn()) return done(true);
  if (Date.now() - started > 15000) return done(false);
  setTimeout(wait, 20);
})();
"""

# The side panel as a reader sees it: the quoted paragraph's text, each <mark class="number"> with its text and where
# it starts in that text (UTF-16 units, as the report's French has no character outside the BMP).
PANEL = """
function panel() {
  const quoted = document.querySelector('#indicator-panel .paragraph-text');
  if (!quoted) return null;
  const marks = [...quoted.querySelectorAll('mark.number')].map(mark => {
    const before = document.createRange();
    before.setStart(quoted, 0);
    before.setEndBefore(mark);
    return {text: mark.textContent, start: before.toString().length};
  });
  return {paragraph: quoted.textContent, marks: marks};
}
"""

# Clicks each observation's point as plotly reports a click (its trace and point number: dcc.Graph reads the
# point's customdata from the figure), waits until the panel shows that observation's paragraph with one number
# marked at the expected start, or 5 s; returns what the panel showed after each click.
CLICK_EACH = (
    PANEL
    + """
const [expected, done] = arguments;
const graph = document.querySelector('#indicator-graph .js-plotly-plot');
const seen = [];
function click(position) {
  for (let c = 0; c < graph.data.length; c++) {
    const points = graph.data[c].customdata || [];
    for (let p = 0; p < points.length; p++) {
      if (points[p][0] === position) {
        graph.emit('plotly_click', {points: [{curveNumber: c, pointNumber: p, data: graph.data[c]}], event: {}});
        return true;
      }
    }
  }
  return false;
}
function next(index) {
  if (index === expected.length) return done(seen);
  const want = expected[index];
  if (!click(want.position)) { seen.push({position: want.position, missing: true}); return next(index + 1); }
  const started = Date.now();
  (function wait() {
    const shown = panel();
    const there = shown && shown.paragraph === want.paragraph && shown.marks.some(m => m.start === want.start);
    if (there || Date.now() - started > 5000) { seen.push({position: want.position, shown: shown}); return next(index + 1); }
    setTimeout(wait, 15);
  })();
}
next(0);
"""
)


@pytest.fixture(scope="module")
def duo(tmp_path_factory):
    yield from browser_session(tmp_path_factory, shared_fixture(tmp_path_factory))


@pytest.fixture(scope="module")
def dataset(duo):
    from dashboard import data

    return data.load()


def assert_marked(shown: dict | None, row, paragraph: str) -> None:
    """The panel quotes the observation's paragraph whole and marks one number: the claim's text, at its offsets."""
    where = f"{row.indicator_id} position {row.position} ({row.claim_id})"
    assert shown is not None, f"{where}: no paragraph in the side panel"
    assert shown["paragraph"] == paragraph, f"{where}: another paragraph is quoted"
    assert shown["marks"] == [{"text": row.text, "start": int(row.start)}], f"{where}: {shown['marks']}"


def test_every_observation_is_marked_at_its_claims_offsets_in_the_side_panel(duo, dataset):
    report = dataset.report_ids()[0]
    stored = dataset.table("observations")
    count = int((stored.report_id == report).sum())
    assert count > 0
    duo.driver.set_script_timeout(120)
    duo.driver.get(f"{duo.server_url}/")
    duo.wait_for_element("#catalogue-list .indicator-card", timeout=20)
    checked = 0
    for entry in dataset.entries_of(report):
        rows = dataset.observations_of(entry.indicator_id)
        parts = charts.chart_parts(dataset, entry.indicator_id, {}, "fr")
        points = None if parts.card else as_json([list(trace.customdata) for trace in parts.figure.data])
        path = f"/indicators/{entry.indicator_id}"
        assert duo.driver.execute_async_script(OPEN, path, title(entry, "fr"), points), f"{path} was not drawn"
        texts = {int(p): dataset.paragraph_text(report, int(p)) for p in set(rows.paragraph)}
        for row in rows.itertuples():
            assert texts[row.paragraph][row.start : row.end] == row.text, row.claim_id  # the store agrees with itself
        if parts.card:
            # A single value: the card's panel is open with the page.
            (row,) = rows.itertuples()
            assert_marked(duo.driver.execute_script(PANEL + "return panel();"), row, texts[row.paragraph])
            checked += 1
            continue
        expected = [
            {"position": int(r.position), "paragraph": texts[r.paragraph], "start": int(r.start)}
            for r in rows.itertuples()
        ]
        seen = duo.driver.execute_async_script(CLICK_EACH, expected)
        for row, shown in zip(rows.itertuples(), seen, strict=True):
            assert not shown.get("missing"), f"{entry.indicator_id}: no point carries position {row.position}"
            assert_marked(shown["shown"], row, texts[row.paragraph])
            checked += 1
    assert checked == count  # every observation the store holds for the report, each once


def as_json(value: object) -> str:
    """`value` as JSON.stringify writes it in the page (no spaces, characters as they are)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
