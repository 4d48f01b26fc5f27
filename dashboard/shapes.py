"""The shape of an indicator's table as a chart, from its rows alone: no words, no plotting.

Which chart fits the rows and the definition together:
- `card`: a single value is a number, not a one-point line;
- `lines`: counts over time; a line joins only comparable periods (`periods.comparable`), and a
  partial period (`periods.is_partial` against the series' usual length) is a point of its own;
- `stacked`: shares of a whole over time, stacked to 100 % only when each period's shares add up
  to 100 within rounding (the sum check that proves the parts make the whole);
- `bars`: everything else, one panel per date, so that values of different dates (two campaigns,
  a census and a later estimate) are never stacked nor read as one.
"""

import math

import pandas as pd

from contract import periods, units
from contract.records import CatalogEntry

KINDS = ("card", "lines", "stacked", "bars")
# The kinds drawn along a time axis: what may be compared over time, where a period may be partial.
TIME_AXIS_KINDS = ("lines", "stacked")
BAR_CHARTS = ("composition", "breakdown")


def has_time_axis(kind: str) -> bool:
    """Whether a chart of this kind has periods along an axis (lines and stacked shares)."""
    return kind in TIME_AXIS_KINDS


def units_of(rows: pd.DataFrame) -> list[str]:
    """The distinct units of the rows, in their order (an indicator may mix 'cases' and 'persons')."""
    return [u for u in dict.fromkeys(rows.unit) if isinstance(u, str) and u]


def mixed_units(rows: pd.DataFrame) -> bool:
    """Whether the rows hold values in more than one unit."""
    return len(units_of(rows)) > 1


def unit_family(unit: object) -> str:
    """What may share a value axis: percentages, one currency (by its code), or counts of anything."""
    unit = unit if isinstance(unit, str) else None
    if units.family(unit) == "percent":
        return "percent"
    return unit if unit is not None and units.is_currency(unit) else "count"


def dimensions_in(entry: CatalogEntry, rows: pd.DataFrame) -> list[str]:
    """The entry's dimension columns that the rows have, in the definition's order."""
    return [d for d in entry.dimensions if d in rows.columns]


def split(entry: CatalogEntry, rows: pd.DataFrame) -> list[tuple[object, pd.DataFrame]]:
    """The rows split by the first dimension (one group per value, in their order); one group when there is none."""
    dimensions = dimensions_in(entry, rows)
    if not dimensions:
        return [(None, rows)]
    return list(rows.groupby(dimensions[0], sort=False, dropna=False))


def chart_kind(entry: CatalogEntry, rows: pd.DataFrame) -> str:
    """card, lines, stacked or bars: from the number of values, their periods and the definition's chart."""
    rows = rows[rows.value.notna()]
    if len(rows) == 1:
        return "card"
    if entry.chart in BAR_CHARTS or not _over_time(entry, rows):
        return "bars"
    return "stacked" if shares_of_a_whole(entry, rows) else "lines"


def drawn_kind(entry: CatalogEntry, rows: pd.DataFrame) -> str:
    """The kind a chart is drawn as: bars when no value is known, else `chart_kind`."""
    return chart_kind(entry, rows) if rows.value.notna().any() else "bars"


def _over_time(entry: CatalogEntry, rows: pd.DataFrame) -> bool:
    """Whether some series has values at two or more dates (a time series of one date is a breakdown)."""
    return any(len(set(group.period.dropna())) >= 2 for _, group in split(entry, rows))


def shares_of_a_whole(entry: CatalogEntry, rows: pd.DataFrame) -> bool:
    """Percentages by a dimension whose values add up to 100 at every date, within the rounding of each."""
    if not dimensions_in(entry, rows) or set(rows.unit) != {units.PERCENT}:
        return False
    if rows.period.isna().any() or set(rows.qualifier) != {"exact"}:
        return False
    for _, group in rows.groupby("period"):
        slack = sum(_rounding(v) for v in group.value)
        if len(group) < 2 or abs(group.value.sum() - 100) > slack + 1e-9:
            return False
    return True


def _rounding(value: float) -> float:
    """Half a unit of the last decimal a value is written with (66 -> 0.5, 66.2 -> 0.05, 0.07 -> 0.005)."""
    decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
    return 0.5 * 10**-decimals


def time_span(entry: CatalogEntry, rows: pd.DataFrame) -> int | None:
    """The usual period length of a chart with a time axis (what 'partial' is measured against); None for bars and cards."""
    return periods.usual_span(rows.period) if has_time_axis(chart_kind(entry, rows)) else None


def partial_periods(groups: list[pd.DataFrame]) -> list[str]:
    """The periods drawn apart as partial, each against its own series' usual length, in time order."""
    found = {p for rows in groups for p in rows.period if periods.is_partial(p, periods.usual_span(rows.period))}
    return sorted(found, key=periods.sort_key)


def line_categories(found: list[object]) -> list[str | None]:
    """The periods along the time axis in order, missing years and school years filled in, undated last."""
    dated = [p for p in found if isinstance(p, str) and periods.parse(p)]
    categories = set(dated) | _missing_years(dated)
    undated: list[str | None] = [None] if any(not periods.parse(p) for p in found) else []
    return [*sorted(categories, key=periods.sort_key), *undated]


def _missing_years(found: list[str]) -> set[str]:
    """Years (or school years) between the first and last one found, so that a gap shows as a gap."""
    filled: set[str] = set()
    for grain, make in (("year", str), ("school_year", periods.school_year)):
        years = [parsed.first[0] for p in found if (parsed := periods.parse(p)) and parsed.grain == grain]
        if len(years) >= 2:
            filled |= {make(y) for y in range(min(years), max(years) + 1)}
    return filled


def line_runs(rows: pd.DataFrame) -> tuple[list[pd.DataFrame], pd.DataFrame, int | None]:
    """The runs a line may join (consecutive comparable whole periods), the points drawn apart, and the usual span."""
    rows = rows[rows.value.notna()]
    usual = periods.usual_span(rows.period)
    whole = rows[[periods.parse(p) is not None and not periods.is_partial(p, usual) for p in rows.period]]
    whole = in_time_order(whole)
    runs: list[list[object]] = []
    current: list[object] = []
    previous = None
    for index, period in zip(whole.index, whole.period):
        if current and not periods.comparable(previous, period):
            runs.append(current)
            current = []
        current.append(index)
        previous = period
    if current:
        runs.append(current)
    apart = rows.drop(index=[i for run in runs for i in run])
    return [whole.loc[run] for run in runs], apart, usual


def in_time_order(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted by their period (undated last), ties in their order."""
    return rows.iloc[sorted(range(len(rows)), key=lambda i: periods.sort_key(rows.period.iloc[i]))]


def date_facets(rows: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """The rows grouped by their period, in time order; rows without a date last, together."""
    dated: list[tuple[str | None, pd.DataFrame]] = [(p, rows[rows.period == p]) for p in periods.ordered(rows.period)]
    undated = rows[[periods.parse(p) is None for p in rows.period]]
    return dated + ([(None, undated)] if len(undated) else [])


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 past `top`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not top or top <= 0 or math.isnan(top):
        return [0, 1]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [round(i * step, 10) for i in range(math.ceil(top / step - 1e-9) + 1)]
