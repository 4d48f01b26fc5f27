"""The chart of a comparison (/compare): series of one unit from several indicators on one chart.

`compare_parts` decides its parts as `dashboard/charts.py` does one indicator's: which indicators can share
the chart (series over time, of one unit family), and what is said of those left out.
"""

from dataclasses import dataclass

import pandas as pd

from contract.records import CatalogEntry
from dashboard import data, shapes
from dashboard.chart_text import (
    Series,
    chart_notes,
    check_warnings,
    series_of,
    series_sentence,
    series_when,
    source_text,
    unit_title,
)
from dashboard.charts import ChartParts, line_plot
from dashboard.figures import draw
from dashboard.i18n import language, t, title

COMPARE_ID = "compare"


@dataclass(frozen=True)
class Compared:
    """An indicator kept on the chart, with its rows."""

    entry: CatalogEntry
    rows: pd.DataFrame


def compare_ids(value: object) -> list[str]:
    """Indicator ids from `?ids=a,b` (or repeated `ids`), in order, without repeats."""
    values = value if isinstance(value, list) else [value or ""]
    return list(dict.fromkeys(i.strip() for v in values for i in str(v).split(",") if i.strip()))


def family_name(family: str, lang: str) -> str:
    """'pourcentages', 'effectifs', or the currency."""
    return t(lang, f"unit_family_{family}") if family in ("count", "percent") else family


def comparable(dataset: data.Dataset, indicator_id: str) -> bool:
    """Whether an indicator can join a comparison: a series over time (lines or shares over time)."""
    entry = dataset.indicator(indicator_id)
    return entry is not None and shapes.has_time_axis(shapes.chart_kind(entry, dataset.observations_of(indicator_id)))


def comparable_of_report(dataset: data.Dataset, report_id: str) -> list[str]:
    """The indicators of a report that can join a comparison, in its catalogue's order: its own tables over time
    (judged on the report's figures, asked in one query) and the series across documents it gives a point to."""
    rows = dataset.observations_of_report(report_id)
    found = []
    for entry in dataset.entries_of(report_id):
        if entry.series:  # its other documents' points count too
            kind = shapes.chart_kind(entry, dataset.observations_of(entry.indicator_id))
        else:
            kind = shapes.chart_kind(entry, rows[rows.indicator_id == entry.indicator_id])
        if shapes.has_time_axis(kind):
            found.append(entry.indicator_id)
    return list(dict.fromkeys(found))


def kept_and_left_out(dataset: data.Dataset, ids: list[str], lang: str) -> tuple[list[Compared], list[str]]:
    """The indicators that share the chart (the first one's unit family), and why each other one was left out."""
    messages = [t(lang, "compare_unknown", id=i) for i in ids if dataset.indicator(i) is None]
    kept: list[Compared] = []
    family = None
    for entry in [e for i in ids if (e := dataset.indicator(i)) is not None]:
        rows = dataset.observations_of(entry.indicator_id)
        if not comparable(dataset, entry.indicator_id):
            messages.append(t(lang, "compare_not_series", title=title(entry, lang)))
            continue
        own = shapes.unit_family(rows.unit.iloc[0]) if len(rows) else "count"
        family = family or own
        if own != family:
            unit, first = family_name(own, lang), family_name(family, lang)
            messages.append(t(lang, "compare_other_unit", title=title(entry, lang), unit=unit, first=first))
            continue
        kept.append(Compared(entry, rows))
    return kept, messages


def compare_parts(dataset: data.Dataset, ids: list[str], lang: str = "fr") -> tuple[ChartParts | None, list[str]]:
    """The chart of several indicators' series sharing one unit, and what was left out and why."""
    lang = language(lang)
    kept, messages = kept_and_left_out(dataset, ids, lang)
    if not kept:
        return None, messages
    series = _series(kept, lang)
    rows = pd.concat([k.rows for k in kept])
    axis = " / ".join(dict.fromkeys(u for k in kept for u in unit_title(k.entry, k.rows, lang).split(" / ")))
    checks = pd.concat([dataset.checks_of(k.entry.indicator_id) for k in kept]).drop_duplicates("check_id")
    symbols = list(dict.fromkeys(dataset.symbol(k.entry.report_id) for k in kept))
    titles = [title(k.entry, lang) for k in kept]
    parts = ChartParts(
        indicator_id=COMPARE_ID,
        title=t(lang, "compare_chart_title", titles=(" ; " if lang == "fr" else "; ").join(titles)),
        subtitle=" · ".join(p for p in [axis, series_when(series, lang)] if p),
        unit=axis,
        notes=list(dict.fromkeys(n for k in kept for n in chart_notes(k.entry, k.rows, lang, "lines"))),
        source="; ".join(source_text(s, _paragraphs_of(dataset, kept, s), lang) for s in symbols),
        symbol=symbols[0],
        paragraphs=sorted({int(p) for p in rows.paragraph}),
        description=" ".join(
            series_sentence(s, lang, shapes.mixed_units(s.rows)) for s in series if s.rows.value.notna().any()
        ),
        figure=draw(line_plot(series, axis, lang)),
        rows=rows,
        chosen={"ids": [k.entry.indicator_id for k in kept]},
        kind="lines",
        warnings=check_warnings(checks, lang, set(rows.claim_id.dropna()) if "claim_id" in rows else None),
        report_id=kept[0].entry.report_id,
    )
    return parts, messages


def _series(kept: list[Compared], lang: str) -> list[Series]:
    """Every series of every kept indicator, named by its indicator's title (and its own name when it has several)."""
    series = []
    for k in kept:
        split = series_of(k.entry, k.rows, lang)
        name = title(k.entry, lang)
        series += [Series(name if len(split) == 1 else f"{name} — {s.name}", s.rows, k.entry) for s in split]
    return series


def _paragraphs_of(dataset: data.Dataset, kept: list[Compared], symbol: str) -> list[int]:
    """The paragraphs of the kept indicators that come from the document `symbol`."""
    return sorted({int(p) for k in kept if dataset.symbol(k.entry.report_id) == symbol for p in k.rows.paragraph})
