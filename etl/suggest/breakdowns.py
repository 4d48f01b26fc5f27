"""Breakdowns in one paragraph: a total, a marker ("dont", "parmi elles", a colon), then its parts; their shares.

"835 personnes …, dont 715 …, 90 … et 35 …" (par. 290) is a total and three parts; "dont
3 743 (54,2 %) …, 1 055 (15,3 %) …" (par. 249) gives each part its share in brackets, a table
of its own beside the parts.
"""

import re

from etl.suggest.reading import Context, Stat
from etl.suggest.tables import Cell, StatedSum, Table

# Words that open the parts of a stated total: "835 personnes …, dont 715 …" (par. 290),
# "8 822 personnes … Parmi elles, 5 618 …" (par. 289). English reports say "of whom".
PART_MARKERS = (
    "dont",
    "parmi eux",
    "parmi elles",
    "parmi lesquels",
    "parmi lesquelles",
    "y compris",
    "of whom",
    "of which",
    "including",
    "among them",
)
# Words after the last part that say the parts are not the whole: "… 86 000 Dounganes (0,4 %) et autres" (par. 58);
# not "98 264 (2,8 %) dans d'autres langues" (par. 249), a part of its own.
OTHERS_WORDS = ("et autres", "et d’autres", "et d'autres", "and others", "and other", "etc")
_COLON_GAP = 40  # characters between a number and the colon that opens its parts: "30 parlementaires en son sein :"
_GAP_MAX = 60  # characters between "dont" and its first part: "dont la composition ethnique était la suivante : "
# A colon after a number opens its parts too ("30 parlementaires en son sein : 10 du Sénat et 20 du Majilis", par. 133).
_MARKER_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in PART_MARKERS) + r")(?!\w)|:", re.IGNORECASE)
# Between a count and its share: "3 743 (54,2 %)", "14,4 millions de Kazakhstanais (71,2 %)", "…, soit 87,2 %".
_SHARE_GAP_RE = re.compile(r"^[^\d;:.()]{0,40}\(\s*$|^\s*,?\s*soit\s*$", re.IGNORECASE)
_OTHERS_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in OTHERS_WORDS) + r")(?!\w)(?!\s+\w)", re.IGNORECASE
)


def total_structures(members: list[Stat], context: Context) -> list[Table]:
    """Breakdowns with their total: a number, a marker ("dont", "parmi elles"), then its parts."""
    found: list[Table] = []
    taken: set[Stat] = set()
    for marker in _MARKER_RE.finditer(context.text):
        parts = _parts_after(marker, members, context, taken)
        total = _total_before(marker, members, parts[0], context, taken) if parts else None
        if total is None or (marker.group() == ":" and not _colon_list(total, marker, parts)):
            continue
        taken |= {total, *parts}
        complete = len(parts) > 1 and not _others_after(parts[-1], members, context)
        reasons = ["total_marker"] + (["several_parts"] if len(parts) > 1 else [])
        cells = [Cell(total, "total")] + [Cell(p, "part") for p in parts]
        table = Table("breakdown", cells, reasons, "total", complete, subject=total.subject)
        if total.claim.kind != "percent":  # shares of different bases do not add up
            table.sums = [StatedSum(cells[1:], cells[0], complete)]
        found.append(table)
    return found


def _parts_after(marker: re.Match[str], members: list[Stat], context: Context, taken: set[Stat]) -> list[Stat]:
    """The numbers a marker opens: the rest of its sentence, or the items of the list its colon opens."""
    after = [s for s in members if s.start >= marker.end() and s not in taken]
    if not after:
        return []
    first = after[0]
    gap = context.text[marker.end() : first.start]
    listed = ":" in gap
    # "… 50 groupes ethniques …, dont environ 40 % (plus de 1 500 personnes)" (par. 209): the part is the %, not the count
    other_number_between = any(marker.end() <= start < first.start for start in context.stat_starts)
    if (not listed and _breaks_sentence(gap)) or len(gap) > _GAP_MAX or other_number_between:
        return []
    parts = [first]
    for stat in after[1:]:
        same_sentence = stat.sentence == first.sentence
        item = listed and context.text[: stat.start].rstrip(" \t").endswith(("\n", ";", ":"))
        if not (same_sentence or item) or not _same_or_open_period(stat, first):
            break
        parts.append(stat)
    return parts


def _colon_list(total: Stat, marker: re.Match[str], parts: list[Stat]) -> bool:
    """A colon opens parts only right after its number, for that number's date: not "88 personnes … : en 2022, 12 …"."""
    return len(parts) >= 2 and marker.start() - total.end <= _COLON_GAP and all(p.period == total.period for p in parts)


def _breaks_sentence(gap: str) -> bool:
    return "\n" in gap or bool(re.search(r"[.!?]\s+\S", gap))


def _total_before(
    marker: re.Match[str], members: list[Stat], first_part: Stat, context: Context, taken: set[Stat]
) -> Stat | None:
    """The number the parts belong to: the nearest before the marker, in its sentence, with their period."""
    sentence = context.sentence_of(marker.start())
    opens_sentence = context.sentence_starts and marker.start() in context.sentence_starts
    sentences = {sentence, sentence - 1} if opens_sentence else {sentence}  # "… 8 822 personnes. Parmi elles, …"
    before = [s for s in members if s.end <= marker.start() and s.sentence in sentences and s not in taken]
    for stat in reversed(before):
        if _same_or_open_period(stat, first_part):
            return stat
    return None


def _same_or_open_period(a: Stat, b: Stat) -> bool:
    return a.period is None or b.period is None or a.period == b.period


def _others_after(last: Stat, members: list[Stat], context: Context) -> bool:
    """Whether the words after the last part say it is not all ("… 86 000 Dounganes (0,4 %) et autres", par. 58)."""
    following = [s.start for s in members if s.start > last.end]
    tail = context.text[last.end : min([*following, last.end + 80])]
    return bool(_OTHERS_RE.search(tail))


def shares_of(percents: list[Stat], structures: list[Table], context: Context) -> tuple[list[Table], list[Stat]]:
    """Shares written in brackets right after the parts of a breakdown (par. 58, 249): a table of their own."""
    owner = {}
    for index, table in enumerate(structures):
        for member in table.members:
            owner[member.stat.end] = (index, member)
    attached: dict[int, list[Cell]] = {}
    for stat in percents:
        ends = [end for end in owner if end <= stat.start and _SHARE_GAP_RE.match(context.text[end : stat.start])]
        if ends:
            index, member = owner[max(ends)]
            attached.setdefault(index, []).append(Cell(stat, "share", of=member))
    tables: list[Table] = []
    used: set[Stat] = set()
    for index, cells in attached.items():
        if len(cells) >= 2:
            structure = structures[index]
            tables.append(Table(structure.shape, cells, ["shares_of_parts"], "shares", subject=structure.subject))
            used |= {c.stat for c in cells}
    return tables, [s for s in percents if s not in used]
