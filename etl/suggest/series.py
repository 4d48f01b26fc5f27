"""Series over time in one paragraph: one counted noun for several periods, their totals, and breakdowns by year.

"46 en 2022, 84 en 2023 et 91 en 2024" (par. 156) is a series; two series side by side
(par. 155) are one table; "86 jugements" stated before them is their total; two breakdowns
with as many parts for two school years (par. 249) become series by category.
"""

from collections.abc import Sequence

from contract import periods
from etl.suggest.reading import Stat, family
from etl.suggest.tables import Cell, StatedSum, Table


def series(members: list[Stat], excluded: set[Stat]) -> list[Table]:
    """Time series: one counted noun stated for several periods; a period stated again starts another series."""
    runs = sorted(
        (run for run in _runs(members, excluded) if len({s.period for s in run}) >= 2), key=lambda r: r[0].start
    )
    if not runs:
        return []
    cells = [[Cell(s, "value") for s in run] for run in runs]
    return [Table("time_series", [c for run in cells for c in run], _series_reasons(runs), "series", runs=cells)]


def _runs(members: list[Stat], excluded: set[Stat]) -> list[list[Stat]]:
    """Each counted noun's dated numbers, cut where a period comes again, in the order the nouns first appear."""
    by_head: dict[str, list[tuple[Stat, periods.Period]]] = {}
    for stat in members:
        parsed = periods.parse(stat.period)
        if stat not in excluded and stat.head is not None and parsed:
            by_head.setdefault(stat.head, []).append((stat, parsed))
    return [run for dated in by_head.values() for run in _cut(_points(dated))]


def _points(dated: list[tuple[Stat, periods.Period]]) -> list[Stat]:
    """The points of a series: a span holding the others' periods is their total ("quatre procédures" 2022-2024, par. 191)."""
    return [stat for stat, period in dated if not any(_contains(period, other) for _, other in dated)]


def _cut(points: list[Stat]) -> list[list[Stat]]:
    """Points in reading order cut into runs, a new run where a period comes again."""
    runs: list[list[Stat]] = []
    run: list[Stat] = []
    for stat in points:
        if any(s.period == stat.period for s in run):
            runs.append(run)
            run = []
        run.append(stat)
    runs.append(run)
    return runs


def _series_reasons(runs: list[list[Stat]]) -> list[str]:
    stats = [s for run in runs for s in run]
    spans = {parsed.span for s in stats if (parsed := periods.parse(s.period))}
    reasons = ["series"] + (["three_periods"] if max(len(run) for run in runs) >= 3 else [])
    reasons += ["same_subject"] if len({s.head for s in stats}) == 1 else []
    reasons += ["comparable"] if len(spans) == 1 else []
    return reasons


def _contains(a: periods.Period, b: periods.Period) -> bool:
    """Whether period a holds period b and is longer (2022-2024 holds 2023)."""
    a_last, b_last = a.last or (9999, 12), b.last or (9999, 12)
    return a.first <= b.first and b_last <= a_last and (a.first, a_last) != (b.first, b_last)


def series_totals(rest: list[Stat], found: list[Table]) -> tuple[list[Table], list[Stat]]:
    """Numbers stated before a series for its whole period or undated: its totals ("86 jugements", par. 155)."""
    if not found:
        return [], rest
    points = found[0].members
    start = min(m.stat.start for m in points)
    covered = periods.parse(periods.covered(m.stat.period for m in points))
    totals = [s for s in rest if s.start < start and (s.period is None or _holds_all(s.period, covered))]
    if not totals:
        return [], rest
    shape = "breakdown" if len(totals) > 1 else "single"
    cells = [Cell(s, "total") for s in totals]
    table = Table(shape, cells, ["series_totals"], "series_totals", subject=totals[0].subject)
    if found[0].first.claim.kind != "percent":
        found[0].sums = [StatedSum(run, total, True) for total in cells if (run := _run_of(total.stat, found[0].runs))]
    return [table], [s for s in rest if s not in totals]


def _run_of(total: Stat, runs: list[list[Cell]]) -> list[Cell] | None:
    """The series a total sums: the one of its sentence with its noun, or the only one there (par. 155, 191)."""
    here = [run for run in runs if run[0].stat.sentence == total.sentence]
    same_noun = [run for run in here if run[0].stat.head == total.head]
    found = same_noun if len(here) > 1 else here
    return found[0] if len(found) == 1 else None


def _holds_all(period: str, covered: periods.Period | None) -> bool:
    """Whether a period is the whole span of a series or longer ("2022-2024" for 2022, 2023 and 2024)."""
    parsed = periods.parse(period)
    if not parsed or not covered:
        return False
    return _contains(parsed, covered) or (parsed.first, parsed.last) == (covered.first, covered.last)


def parallel_merged(tables: list[Table]) -> list[Table]:
    """Two breakdowns with as many parts for two periods (par. 249) become series by category, totals apart."""
    structures = [t for t in tables if t.origin == "total"]
    gone: set[Table] = set()
    new: list[Table] = []
    for index, a in enumerate(structures):
        for b in structures[index + 1 :]:
            if a in gone or b in gone or not _parallel(a, b):
                continue
            made, replaced = _series_by_category(a, b, tables)
            gone |= {a, b, *replaced}
            new += made
    return [t for t in tables if t not in gone] + new


def _parallel(a: Table, b: Table) -> bool:
    a_parts, b_parts = _parts(a), _parts(b)
    a_total, b_total = a.first, b.first
    return (
        len(a_parts) == len(b_parts) >= 2
        and family(a_total) == family(b_total)
        and a_total.period is not None
        and b_total.period is not None
        and a_total.period != b_total.period
        and len(a.members) == len(a_parts) + 1
        and len(b.members) == len(b_parts) + 1
    )


def _parts(table: Table) -> list[Cell]:
    return [m for m in table.members if m.role == "part"]


def _series_by_category(a: Table, b: Table, tables: list[Table]) -> tuple[list[Table], list[Table]]:
    """Two parallel breakdowns as series by position, their totals as one series, their shares likewise."""
    early, late = sorted((a, b), key=lambda t: periods.sort_key(t.first.period))
    pairs = list(zip(_parts(early), _parts(late)))
    subject = late.subject or early.subject
    totals = [Cell(early.first, "value"), Cell(late.first, "value")]
    parts = _category_table([(x, y, y) for x, y in pairs], ["parallel"], subject)
    made = [parts, Table("time_series", totals, ["parallel", "same_subject"], "parallel_totals", subject=subject)]
    if early.sums and late.sums:  # each year's parts still add up to that year's total
        parts.sums = [
            StatedSum([m for m in parts.members if m.stat.period == total.stat.period], total, structure.complete)
            for total, structure in zip(totals, (early, late))
        ]
    shares = [t for t in tables if t.origin == "shares" and any(m.of in a.members + b.members for m in t.members)]
    share_series = _share_series(shares, pairs, subject)
    if share_series is None:
        return made, []
    return [*made, share_series], shares


def _share_series(shares: list[Table], pairs: list[tuple[Cell, Cell]], subject: str | None) -> Table | None:
    """The shares of two parallel breakdowns as series by category, when every part of both has its share."""
    if not shares:
        return None
    share_of = {m.of: m for t in shares for m in t.members if m.of is not None}
    share_pairs = [(share_of.get(x), share_of.get(y), y) for x, y in pairs]
    found = [(x, y, namer) for x, y, namer in share_pairs if x and y]
    if len(found) < len(share_pairs):
        return None
    return _category_table(found, ["parallel", "shares_of_parts"], subject)


def _category_table(pairs: Sequence[tuple[Cell, Cell, Cell]], reasons: list[str], subject: str | None) -> Table:
    """Series by category from (earlier cell, later cell, the part that names the category)."""
    categories = [([Cell(x.stat, "value"), Cell(y.stat, "value")], namer) for x, y, namer in pairs]
    members = [m for pair, _ in categories for m in pair]
    return Table("time_series", members, reasons, "parallel", categories=categories, subject=subject)
