"""The point a reader clicked on an indicator's chart, kept in the URL (`?point=<position>`).

A click writes the point into the address without reloading; a reload or a shared link opens
the side panel on the same point. The panel itself is `components.observation_panel`.
"""

from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Input, Output, State, callback, dcc

from dashboard import data
from dashboard.components import observation_panel

PARAMETER = "point"


def location() -> dcc.Location:
    """The address bar as the indicator page writes the selected point into it (no reload)."""
    return dcc.Location(id="indicator-point", refresh=False)


def point_of(search: str | None) -> int | None:
    """The position named by `?point=` in a query string, else None."""
    value = dict(parse_qsl((search or "").lstrip("?"))).get(PARAMETER, "")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def with_point(search: str | None, position: int) -> str:
    """The query string with `point` set to `position` (everything else kept, in its order)."""
    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"), keep_blank_values=True) if k != PARAMETER]
    return f"?{urlencode([*params, (PARAMETER, str(position))])}"


def clicked_position(click: Any) -> int | None:
    """The observation position a chart click carries (its customdata's first item)."""
    try:
        return int(click["points"][0]["customdata"][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


@callback(
    Output("indicator-point", "search"),
    Input("indicator-graph", "clickData"),
    State("indicator-point", "search"),
    prevent_initial_call=True,
)
def remember_point(click, search):
    """The address with the clicked point in it."""
    position = clicked_position(click)
    return dash.no_update if position is None else with_point(search, position)


@callback(
    Output("indicator-panel", "children", allow_duplicate=True),
    Input("indicator-point", "search"),
    State("indicator-graph", "clickData"),
    State("indicator-state", "data"),
    prevent_initial_call="initial_duplicate",
)
def restore_point(search, click, state):
    """The side panel of the point the address names, when the page is opened on it (a click draws it already)."""
    position = point_of(search)
    if position is None or position == clicked_position(click) or not state:
        return dash.no_update
    dataset = data.load()
    entry = dataset.indicator(state["indicator_id"])
    row = dataset.observation_at(state["indicator_id"], position)
    if entry is None or row is None:
        return dash.no_update
    return observation_panel(dataset, entry, row, state["lang"])
