"""Finding the tables: each paragraph's breakdowns, series and lists, then tables that run over neighbouring paragraphs.

A paragraph's statistics are read family by family (counts, %, each currency): breakdowns with
their total first (their shares after them), then series, their totals, and what is left as an
enumeration of figures stated together, or a single figure. Across paragraphs, a breakdown
continued in the next paragraph (par. 289-290) joins it, and a lone figure joins a neighbour's
list of the same noun (par. 200-201).
"""

from etl.suggest.breakdowns import shares_of, total_structures
from etl.suggest.reading import Context, Family, Outline, Stat, family, overlapping, same_heading
from etl.suggest.series import parallel_merged, series, series_totals
from etl.suggest.tables import Cell, Table

# A paragraph stating more numbers than this is a table pasted as text (or a broken file): out of these rules' reach,
# and it keeps the work per paragraph bounded (the longest paragraph of the report, par. 249, states 28).
PARAGRAPH_NUMBERS_MAX = 200


def found_tables(by_paragraph: dict[int, list[Stat]], contexts: dict[int, Context], outline: Outline) -> list[Table]:
    """Every table of a report: each paragraph on its own, then across paragraphs; lone figures worth a card."""
    tables: list[Table] = []
    for number, found in by_paragraph.items():
        if len(found) <= PARAGRAPH_NUMBERS_MAX:
            tables += paragraph_tables(found, contexts[number])
    tables = _merged_across_paragraphs(tables, outline)
    return [t for t in tables if t.shape != "single" or _worth_a_card(t.first)]


# One paragraph.


def paragraph_tables(stats: list[Stat], context: Context) -> list[Table]:
    """The tables one paragraph states, family by family (counts, %, each currency)."""
    tables: list[Table] = []
    structures: list[Table] = []
    families: dict[Family, list[Stat]] = {}
    for stat in stats:
        families.setdefault(family(stat), []).append(stat)
    for key in sorted(families, key=lambda f: f[0] == "percent"):  # shares attach to the counts' breakdowns
        members = families[key]
        if key[0] == "percent":
            shares, members = shares_of(members, structures, context)
            tables += shares
        found = total_structures(members, context)
        structures += found
        parts = {m.stat for t in found for m in t.members if m.role == "part"}
        made = series(members, parts)
        used = parts | {t.first for t in found} | {m.stat for t in made for m in t.members}
        totals, rest = series_totals([s for s in members if s not in used], made)
        rest = _joined_to_totals(rest, found)
        tables += found + made + totals + _enumerations(rest)
    return parallel_merged(tables)


def _joined_to_totals(rest: list[Stat], structures: list[Table]) -> list[Stat]:
    """Other numbers of the total's noun join its breakdown (par. 89: the disabled, then those employed)."""
    left = []
    for stat in rest:
        home = next((t for t in structures if stat.head is not None and t.first.head == stat.head), None)
        if home is None:
            left.append(stat)
        else:
            home.members.append(Cell(stat, "value"))
    return left


def _enumerations(rest: list[Stat]) -> list[Table]:
    """The remaining numbers of one kind, grouped when they share a noun, a period or a sentence."""
    if any(s.noun is None for s in rest):
        groups = [rest] if rest else []  # a number without a counted noun may go with any other
    else:
        groups = _linked_groups(rest)
    tables = []
    for group in sorted(groups, key=lambda g: g[0].start):
        if len(group) == 1:
            tables.append(Table("single", [Cell(group[0], "value")], ["single"], "single"))
        else:
            cells = [Cell(s, "value") for s in group]
            tables.append(Table("breakdown", cells, enumeration_reasons(group), "enumeration"))
    return tables


def _linked_groups(stats: list[Stat]) -> list[list[Stat]]:
    """Numbers joined when they share a noun, a stated period, or a sentence and its (missing) date; in reading order."""
    parent = list(range(len(stats)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[object, ...], int] = {}
    for i, stat in enumerate(stats):
        keys: list[tuple[object, ...]] = [("noun", stat.noun), ("sentence", stat.sentence, stat.period)]
        keys += [("period", stat.period)] if stat.period is not None else []
        for key in keys:
            parent[root(i)] = root(first_with.setdefault(key, i))
    groups: dict[int, list[Stat]] = {}
    for i, stat in enumerate(stats):
        groups.setdefault(root(i), []).append(stat)
    return sorted(groups.values(), key=lambda g: g[0].start)


def enumeration_reasons(group: list[Stat]) -> list[str]:
    """Why figures listed together make a table, and what speaks against it (different nouns, dates)."""
    reasons = ["enumeration"]
    reasons += ["one_sentence"] if len({(s.paragraph, s.sentence) for s in group}) == 1 else []
    dated = {s.period for s in group}
    if len(dated) == 1:
        reasons += ["one_period"] if None not in dated else ["undated"]
    else:
        reasons += ["mixed_periods"]
    nouns = {s.noun for s in group if s.noun}
    reasons += ["one_noun"] if len(nouns) == 1 and len(nouns) == len({s.noun for s in group}) else []
    # "20 séminaires … 500 représentants" (par. 116): facts, not a table
    reasons += ["several_nouns"] if len(nouns) > 1 else []
    return reasons


# Across paragraphs.


def _merged_across_paragraphs(tables: list[Table], outline: Outline) -> list[Table]:
    """Breakdowns continued in the next paragraph (par. 289-290), lone figures joined to a neighbour's list."""
    tables = sorted(tables, key=lambda t: (t.first.paragraph, t.first.start))
    return _neighbours_joined(_continued_breakdowns(tables, outline), outline)


def _continued_breakdowns(tables: list[Table], outline: Outline) -> list[Table]:
    out: list[Table] = []
    for table in tables:
        previous = next((t for t in reversed(out) if t.origin == "total"), None)
        if table.origin == "total" and previous is not None and _continues(previous, table, outline):
            previous.sums += table.sums
            previous.members += table.members
            previous.reasons = ["next_paragraph"] + [r for r in previous.reasons if r != "total_marker"]
            continue
        out.append(table)
    return out


def _continues(previous: Table, table: Table, outline: Outline) -> bool:
    """The same total, for another period, in the next paragraph: "8 822 personnes …" then "835 personnes …"."""
    a, b = previous.first, table.first
    return (
        table.paragraphs[0] == previous.paragraphs[-1] + 1
        and same_heading(outline, a.paragraph, b.paragraph)
        and family(a) == family(b)
        and a.head is not None
        and a.head == b.head
        and a.period != b.period
    )


def _neighbours_joined(tables: list[Table], outline: Outline) -> list[Table]:
    """A paragraph's lone figure joins the previous (else the next) paragraph's list of the same noun (par. 107-108)."""
    gone: set[Table] = set()
    by_paragraph: dict[int, list[Table]] = {}
    for table in tables:
        for number in table.paragraphs:
            by_paragraph.setdefault(number, []).append(table)
    for single in [t for t in tables if t.origin == "single"]:
        stat = single.first
        target = next(
            (
                t
                for number in (stat.paragraph - 1, stat.paragraph + 1)
                for t in by_paragraph.get(number, [])
                if t not in gone and t is not single and _joins(stat, t, number, outline)
            ),
            None,
        )
        if target is None:
            continue
        target.members = sorted(target.members + single.members, key=lambda m: (m.stat.paragraph, m.stat.start))
        by_paragraph.setdefault(stat.paragraph, []).append(target)
        target.shape, target.origin = "breakdown", "enumeration"
        target.reasons = [*enumeration_reasons([m.stat for m in target.members]), "joined_neighbour"]
        gone.add(single)
    return [t for t in tables if t not in gone]


def _joins(stat: Stat, table: Table, number: int, outline: Outline) -> bool:
    if table.origin not in ("enumeration", "single") or number not in table.paragraphs:
        return False
    if stat.noun is None:  # nothing but its date ties it: the date of every number there (not par. 108 to 107)
        tied = all(m.stat.period == stat.period for m in table.members)
    else:
        tied = stat.noun in {m.stat.noun for m in table.members}
    return (
        same_heading(outline, number, stat.paragraph)
        and family(table.first) == family(stat)
        and tied
        and all(overlapping(stat.period, m.stat.period) for m in table.members)
    )


def _worth_a_card(stat: Stat) -> bool:
    """A single figure is suggested when it has a date and says what it counts (or is a share or an amount)."""
    return stat.period is not None and (stat.head is not None or stat.claim.kind in ("percent", "money"))
