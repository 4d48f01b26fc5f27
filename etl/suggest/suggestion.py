"""A suggested table as the build and the drafts take it: its claims in order, titles, unit, confidence and sums.

Found tables are labelled, numbered by their first paragraph (`<report_id>-p155-s2`), titled,
and turned into `Suggestion`s; the sums the report states become filters on the suggestions
that hold their numbers. Here too: the rows of suggestions.parquet, and how suggestions and
curated tables meet (`covered`, `recovery`).
"""

from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from contract import periods, records
from etl.suggest.labels import label
from etl.suggest.reading import Context, Outline, owner_of
from etl.suggest.tables import Cell, StatedSum, Table
from etl.suggest.titles import REASONS, Section, confidence, reasons_of, titles, unit_of

COVERED_SHARE = 0.5  # a suggestion half of whose numbers curated indicators chart is covered: not "uncharted"


@dataclass(frozen=True)
class Member:
    """One claim of a suggestion, with its part in the table and what tells it apart from the others."""

    claim: records.Claim
    role: str  # 'value' (a point of a series or an item), 'total', 'part', 'share'
    label: str


@dataclass(frozen=True)
class Operand:
    """The numbers of a suggested table a sum uses, picked by their labels, their periods, both or neither."""

    suggestion: str
    labels: tuple[str, ...] | None = None
    periods: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SumCheck:
    """A sum the report states: the parts, their total, and whether the parts make the whole (or stay below it)."""

    parts: Operand
    total: Operand
    complete: bool


@dataclass(frozen=True)
class Suggestion:
    """A suggested table: what the build writes to suggestions.parquet and turns into an indicator."""

    suggestion_id: str
    report_id: str
    shape: str
    title_fr: str
    title_en: str
    confidence: float
    reasons: tuple[str, ...]
    members: tuple[Member, ...]
    period_covered: str | None
    topic: str
    topic_title_fr: str
    topic_title_en: str
    unit: str  # a count unit of contract/units.py, '%' or a currency: what a definition may declare
    unit_fr: str  # what it counts, in the report's words ('affaires / personnes')
    unit_en: str
    sum_checks: tuple[SumCheck, ...] = ()
    # claim id -> its own count unit, when the unit is "count" (lines counting different things, or no count unit)
    line_units: Mapping[str, str] = field(default_factory=dict)
    language: str = "fr"  # the report's: its labels are in this language

    @property
    def claim_ids(self) -> list[str]:
        return [m.claim.claim_id for m in self.members]

    @property
    def paragraphs(self) -> list[int]:
        return sorted({m.claim.paragraph for m in self.members})


def finished(
    tables: list[Table], outline: Outline, contexts: dict[int, Context], report_id: str, language: str = "fr"
) -> list[Suggestion]:
    """The found tables, labelled, numbered and titled, in reading order, with the sums they state."""
    tables = sorted(tables, key=lambda t: (t.first.paragraph, t.first.start))
    for table in sorted(tables, key=lambda t: t.origin == "shares"):  # shares take their parts' labels
        label(table, contexts)
    numbering: Counter[int] = Counter()
    ids: dict[Table, str] = {}
    for table in tables:
        first = table.paragraphs[0]
        numbering[first] += 1
        ids[table] = f"{report_id}-p{first}-s{numbering[first]}"
    owner = {m: table for table in tables for m in table.members}
    return [
        _suggestion(
            table,
            ids[table],
            Section.of(outline[table.paragraphs[0]], language),
            owner_of(table.first, contexts[table.first.paragraph]),
            report_id,
            (owner, ids),
        )
        for table in tables
    ]


def _suggestion(
    table: Table,
    suggestion_id: str,
    section: Section,
    members_of: str | None,
    report_id: str,
    tables: tuple[dict[Cell, Table], dict[Table, str]],
) -> Suggestion:
    """One found table as a suggestion: its reasons and confidence, period, unit, titles, topic and sums."""
    reasons = reasons_of(table)
    covered_period = periods.covered(m.stat.period for m in table.members if m.stat.period)
    unit = unit_of(table, section.language)
    title_fr, title_en = titles(table, covered_period, section, members_of)
    return Suggestion(
        suggestion_id=suggestion_id,
        report_id=report_id,
        shape=table.shape,
        title_fr=title_fr,
        title_en=title_en,
        confidence=confidence(reasons),
        reasons=tuple(reasons),
        members=tuple(Member(m.stat.claim, m.role, m.label) for m in table.members),
        period_covered=covered_period,
        topic=section.topic,
        topic_title_fr=section.topic_title_fr,
        topic_title_en=section.topic_title_en,
        unit=unit.unit,
        unit_fr=unit.fr,
        unit_en=unit.en,
        sum_checks=tuple(_sum_checks(table.sums, *tables)),
        line_units=unit.lines,
        language=section.language,
    )


def _sum_checks(sums: list[StatedSum], owner: dict[Cell, Table], ids: dict[Table, str]) -> list[SumCheck]:
    """The stated sums as filters on the suggestions that hold their numbers; those that cannot be told apart left out."""
    checks = []
    for stated in sums:
        parts, total = _operand(stated.parts, owner, ids), _operand([stated.total], owner, ids)
        if parts is not None and total is not None:
            checks.append(SumCheck(parts, total, stated.complete))
    return checks


def _operand(members: list[Cell], owner: dict[Cell, Table], ids: dict[Table, str]) -> Operand | None:
    """The filters (labels, periods, both or none) that pick exactly these cells of their table."""
    tables = {owner.get(m) for m in members}
    table = tables.pop() if len(tables) == 1 else None
    if table is None:  # in no suggested table, or in several
        return None
    labels = tuple(sorted({m.label for m in members}))
    dates = tuple(sorted({m.stat.period or "" for m in members}))
    for by_label, by_period in ((None, None), (labels, None), (None, dates), (labels, dates)):
        # an empty label or an undated number cannot be picked by a filter
        if "" in (by_label or ()) or "" in (by_period or ()):
            continue
        if _picked(table, by_label, by_period) == set(members):
            return Operand(ids[table], by_label, by_period)
    return None


def _picked(table: Table, labels: tuple[str, ...] | None, dates: tuple[str, ...] | None) -> set[Cell]:
    """The cells of a table these filters pick (None: no filter)."""
    return {
        m
        for m in table.members
        if (labels is None or m.label in labels) and (dates is None or (m.stat.period or "") in dates)
    }


# Rows of suggestions.parquet.


def suggestion_rows(
    suggestions: Sequence[Suggestion], charted: Mapping[str, Sequence[str]] | None = None
) -> list[records.SuggestionRow]:
    """One row per claim of every suggestion, in the columns of contract/records.py.

    `charted` maps the claims curated indicators use to those indicators: a suggestion they cover names them.
    """
    charted = charted or {}
    charted_ids = set(charted)
    rows = []
    for s in suggestions:
        covering = sorted({i for c in s.claim_ids for i in charted.get(c, [])}) if covered(s, charted_ids) else []
        reasons = "; ".join(REASONS[r][1] for r in s.reasons)
        rows += [
            records.SuggestionRow(
                suggestion_id=s.suggestion_id,
                report_id=s.report_id,
                shape=s.shape,
                title_fr=s.title_fr,
                title_en=s.title_en,
                period_covered=s.period_covered,
                confidence=s.confidence,
                reasons=reasons,
                claim_id=member.claim.claim_id,
                position=position,
                role=member.role,
                label=member.label,
                covered_by=tuple(covering),
            )
            for position, member in enumerate(s.members, 1)
        ]
    return rows


# How suggestions and curated tables meet.


def charted_again(claims: Sequence[records.Claim], charted: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """`charted` (claim id -> the curated indicators that chart it), with every claim that states one of those
    statistics again, in any paragraph: a repeat charts what its first statement charts.

    Par. 210 repeats word for word the figures of par. 91, which the curated indicators chart: a table made
    of the repeat would publish a curated table a second time, under another name.
    """
    by_number: dict[tuple[str, float, str | None], list[records.Claim]] = {}
    found = {c.claim_id: c for c in claims}
    for claim_id in charted:
        if (claim := found.get(claim_id)) is not None:
            by_number.setdefault((claim.kind, claim.value, claim.unit), []).append(claim)
    extended = {claim_id: list(indicators) for claim_id, indicators in charted.items()}
    for claim in claims:
        for first in by_number.get((claim.kind, claim.value, claim.unit), []):
            if first.claim_id != claim.claim_id and same_statistic(first, claim):
                mine = extended.setdefault(claim.claim_id, [])
                mine += [i for i in charted[first.claim_id] if i not in mine]
    return extended


def same_statistic(a: records.Claim, b: records.Claim) -> bool:
    """Two claims of the same number (kind, value, unit) that state the same statistic: the same period or the
    same subject, and neither differing where both give it. A number alone, undated and unnamed, is no statistic."""
    if (a.kind, a.value, a.unit) != (b.kind, b.value, b.unit):
        return False
    shared = [(x, y) for x, y in ((a.period, b.period), (a.subject, b.subject)) if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def covered(suggestion: Suggestion, charted: Set[str]) -> bool:
    """Whether curated indicators already chart at least half of a suggestion's numbers."""
    return sum(c in charted for c in suggestion.claim_ids) >= COVERED_SHARE * len(suggestion.claim_ids)


@dataclass(frozen=True)
class Recovery:
    """How well a curated table is found again: its best suggestion, the shares held and foreign, and the verdict."""

    suggestion_id: str | None
    held: float  # share of the curated table's claims the suggestion holds
    others: float  # share of the suggestion's claims that are not the table's
    recovered: bool


def recovery(
    curated: Mapping[str, Sequence[str]], suggested: Mapping[str, Sequence[str]], held: float = 0.8, others: float = 0.2
) -> dict[str, Recovery]:
    """For each curated table ({id: claim ids}), its best suggestion and whether it recovers it.

    Recovered: the suggestion holds at least `held` of the table's claims, and at most `others`
    of the suggestion's claims are not the table's.
    """
    out = {}
    for indicator_id, claim_ids in curated.items():
        best = _best_match(set(claim_ids), suggested)
        if best is None:
            out[indicator_id] = Recovery(None, 0.0, 0.0, False)
        else:
            suggestion_id, share_held, share_others = best
            out[indicator_id] = Recovery(
                suggestion_id, share_held, share_others, share_held >= held and share_others <= others
            )
    return out


def _best_match(wanted: set[str], suggested: Mapping[str, Sequence[str]]) -> tuple[str, float, float] | None:
    """The suggestion that holds most of the wanted claims and fewest others: (id, share held, share of others)."""
    best, best_score = None, (-1.0, -1.0)
    for suggestion_id, members in suggested.items():
        mine = set(members)
        share_held = len(wanted & mine) / len(wanted)
        share_others = len(mine - wanted) / len(mine) if mine else 1.0
        score = (share_held - share_others, share_held)
        if share_held and score > best_score:
            best, best_score = (suggestion_id, share_held, share_others), score
    return best
