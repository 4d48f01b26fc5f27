"""A suggested table while it is being found: its statistics, each in its role, its shape and why it was found.

These are the finder's working structures: the rules of one paragraph make them, the rules across
paragraphs join them, and labelling names their cells, before each becomes a `Suggestion`.
"""

from dataclasses import dataclass, field

from etl.suggest.reading import Stat


@dataclass(eq=False)
class Cell:
    """One statistic's place in a table: its role, its label once labelled, and the part a share is of."""

    stat: Stat
    role: str  # 'value' (a point of a series or an item), 'total', 'part', 'share'
    label: str = ""
    of: "Cell | None" = None  # a share: the part it is the share of


@dataclass(frozen=True)
class StatedSum:
    """Cells whose sum the report states: the parts, their total, and whether the parts make the whole."""

    parts: list[Cell]
    total: Cell
    complete: bool


@dataclass(eq=False)
class Table:
    """A suggested table while it is being found: its cells, shape and reasons."""

    shape: str  # time_series | breakdown | single
    members: list[Cell]
    reasons: list[str]
    origin: str  # series | total | shares | enumeration | single | parallel | parallel_totals | series_totals
    complete: bool = True  # a breakdown's parts make its whole (no "et autres", more than one part)
    runs: list[list[Cell]] = field(default_factory=list)  # a time series: its series, each a list of cells
    # series by category: the cells of one category, and the cell whose words name it
    categories: list[tuple[list[Cell], Cell]] = field(default_factory=list)
    sums: list[StatedSum] = field(default_factory=list)
    subject: str | None = None  # what the table counts, when one number says it (the total)

    @property
    def paragraphs(self) -> list[int]:
        return sorted({m.stat.paragraph for m in self.members})

    @property
    def first(self) -> Stat:
        """Its first statistic: where it starts, and what its shape was found from."""
        return self.members[0].stat
