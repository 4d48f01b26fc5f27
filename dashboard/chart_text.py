"""The words of a chart, from its rows: series names, unit, dates, notes, the card, hover text and the text alternative.

`dashboard/charts.py` decides a chart's parts and asks here for each text; nothing here draws.
'Registered cases rose from 46 in 2022 to 91 in 2024.' A trend never joins a full period to a partial one.
"""

import html
import textwrap
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import pandas as pd

from contract import periods
from contract.records import CatalogEntry
from contract.schema import QUALIFIED_STATUSES
from dashboard import data, shapes
from dashboard.figures import ChartWarning
from dashboard.i18n import (
    QUALIFIER_WORDS,
    format_compact,
    format_period,
    format_value,
    label,
    labelled,
    note_in,
    paragraphs_label,
    signed_in_number,
    t,
    title,
    unit_label,
    unit_word,
    value_label,
    with_unit_sign,
)


@dataclass(frozen=True)
class Series:
    """One line of a chart: its name, its rows and the catalogue entry that says how to label them."""

    name: str
    rows: pd.DataFrame
    entry: CatalogEntry


@dataclass(frozen=True)
class Card:
    """A single value as a card says it: value (qualifier included), what it counts, period."""

    value: str
    qualifier: str
    number: str
    unit: str
    what: str
    period: str
    paragraph: int
    position: int


def series_of(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> list[Series]:
    """The rows split by the first dimension (one series per value), else one series named by the title."""
    return [
        Series(label(value, lang, entry.labels_en) or title(entry, lang), group, entry)
        for value, group in shapes.split(entry, rows)
    ]


def unit_title(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> str:
    """The value axis title: the indicator's unit label, or every unit when the rows mix them."""
    found = shapes.units_of(rows)
    own = unit_label(entry, lang)
    # A definition that mixes units says so in its label ('affaires / personnes'): keep it.
    if (len(found) <= 1 and (not found or found[0] == entry.unit)) or (len(found) > 1 and "/" in own):
        return own
    return " / ".join(own if u == entry.unit else unit_word(u, lang) for u in found)


def period_said(period: object, entry: CatalogEntry, lang: str) -> str:
    """A period as a label says it; a missing one says so ('date non précisée')."""
    if isinstance(period, str) and periods.parse(period):
        return format_period(period, lang, entry.labels_en)
    return t(lang, "undated")


def point_data(row: Any, entry: CatalogEntry, lang: str, usual: int | None = None) -> list[Any]:
    """What a chart point carries for hover and click: position, value, period, qualifier, paragraph, and the value
    with its unit as the tooltip says it ('plus de 14 900 personnes', '39 %'; `figures.HOVER` reads it).

    `usual`: the series' usual period length, against which a period is said partial; None where there is no time axis.
    """
    qualifier = QUALIFIER_WORDS[lang].get(row.qualifier, "")
    period = period_said(row.period, entry, lang)
    if usual is not None and periods.is_partial(row.period, usual):
        period = f"{period} ({t(lang, 'partial')})"
    return [
        int(row.position),
        format_value(row.value, row.qualifier, row.unit, lang),
        period,
        qualifier,
        # a point of a series across documents names its document (dashboard/series.py adds `symbol`)
        f"{row.symbol}, {t(lang, 'para')} {int(row.paragraph)}"
        if isinstance(getattr(row, "symbol", None), str)
        else f"{t(lang, 'para')} {int(row.paragraph)}",
        value_label(row.value, row.qualifier, row.unit, lang, with_unit=True),
    ]


def inert(text: object) -> str:
    """A text as plotly must be given it: `<`, `>` and `&` as entities, so that nothing a report writes becomes markup.

    Plotly reads a subset of HTML in every text of a chart (titles, names, axis labels, hover, annotations):
    a heading holding `<a href=…>` once became a live link in an SVG export. Every text that reaches a
    figure passes here once; the chart's own markup (`<br>`, `<b>`) is added around what comes out.
    """
    return html.escape(str(text), quote=False)


def inert_lines(text: str, width: int) -> str:
    """A text wrapped at `width` characters, each line inert, joined by plotly's line break."""
    return "<br>".join(inert(line) for line in textwrap.wrap(text, width, break_long_words=False)) or inert(text)


def inert_point(point: list[Any]) -> list[Any]:
    """A point's hover data (`point_data`) for a figure: its texts inert, its position and numbers kept."""
    return [value if isinstance(value, int | float) else inert(value) for value in point]


def tick_text(text: str) -> str:
    """A period under the time axis, on two lines when long ('1er semestre<br>2025'), so it never has to tilt."""
    return inert_lines(text, 12) if len(text) > 12 else inert(text)


def bar_labels(entry: CatalogEntry, rows: pd.DataFrame, lang: str, wrap: int | None = 28) -> list[str]:
    """Each bar's name: the dimension values that differ within its panel, wrapped to stay readable."""
    dimensions = shapes.dimensions_in(entry, rows)
    varying = [d for d in dimensions if rows[d].nunique(dropna=False) > 1] or dimensions
    names = []
    for row in rows.itertuples():
        parts = [label(getattr(row, d), lang, entry.labels_en) for d in varying]
        name = " · ".join(p for p in parts if p) or period_said(row.period, entry, lang)
        # Wrapped, they are a chart's category names (inert); unwrapped, a sentence's words.
        names.append((inert_lines(name, wrap) if wrap else name) or "—")
    return names


def card_of(entry: CatalogEntry, rows: pd.DataFrame, lang: str) -> Card:
    """A single value as a card says it: value (qualifier included), what it counts, period."""
    known = rows[rows.value.notna()]
    row = known.iloc[0]
    what = " · ".join(
        label(getattr(row, d), lang, entry.labels_en)
        for d in shapes.dimensions_in(entry, rows)
        if isinstance(getattr(row, d), str)
    )
    counted = isinstance(row.unit, str) and not signed_in_number(row.unit)  # % and money are in `number`
    # Worded as the value axis would be: the definition's own word ('221 procédures', as the report says).
    return Card(
        value=format_value(row.value, row.qualifier, row.unit, lang),
        qualifier=QUALIFIER_WORDS[lang].get(row.qualifier, ""),
        # Large numbers as the report writes them ('20,3 millions'); the qualifier small, before the number.
        number=with_unit_sign(format_compact(row.value, lang, long=True), row.unit, lang),
        unit=unit_title(entry, known.iloc[:1], lang) if counted else "",
        what=what,
        period=period_said(row.period, entry, lang),
        paragraph=int(row.paragraph),
        position=int(row.position),
    )


# Around the chart: source, notes, subtitle.


def source_text(symbol: str, paragraphs: list[int], lang: str) -> str:
    """'Source: CERD/C/KAZ/11-14, para. 156' (French: 'Source : …, par. 156')."""
    return f"{labelled(t(lang, 'source'), lang)} {symbol}, {paragraphs_label(paragraphs, lang)}"


def chart_notes(entry: CatalogEntry, rows: pd.DataFrame, lang: str, kind: str | None = None) -> list[str]:
    """What a reader must know to read the chart right: qualifiers, partial periods, units, the definition's notes."""
    kind = kind or shapes.chart_kind(entry, rows)
    notes = []
    words = [QUALIFIER_WORDS[lang][q] for q in dict.fromkeys(rows.qualifier) if q in QUALIFIER_WORDS[lang]]
    if words:
        notes.append(t(lang, "note_qualifiers", words=" », « ".join(words) if lang == "fr" else "”, “".join(words)))
    partial = shapes.partial_periods([s.rows for s in series_of(entry, rows, lang)]) if kind == "lines" else []
    if partial:
        shown = ", ".join(format_period(p, lang, entry.labels_en) for p in partial)
        notes.append(f"{labelled(t(lang, 'partial').capitalize(), lang)} {shown} ({t(lang, 'partial_apart')}).")
    if shapes.mixed_units(rows):
        notes.append(f"{labelled(t(lang, 'units'), lang)} {unit_title(entry, rows, lang).replace(' / ', ', ')}.")
    notes += [n for n in dict.fromkeys(_definition_notes(rows, lang)) if n]
    return notes


def _definition_notes(rows: pd.DataFrame, lang: str) -> list[str]:
    """The definition's notes in `lang` (English where the definition gives it, else the French note)."""
    english = rows.note_en if "note_en" in rows.columns else [None] * len(rows)
    return [note_in(fr, en, lang) for fr, en in zip(rows.note, english) if isinstance(fr, str) and fr]


def subtitle_text(entry: CatalogEntry, rows: pd.DataFrame, chosen: dict[str, list[str]], lang: str, kind: str) -> str:
    """'cases · 2022–2024 and first half of 2025'; for bars of several dates, how many (each panel names its own)."""
    parts = [unit_title(entry, rows, lang), when_text(entry, rows, lang, kind)]
    parts += [", ".join(label(v, lang, entry.labels_en) for v in values) for values in chosen.values()]
    return " · ".join(p for p in parts if p)


def when_text(entry: CatalogEntry, rows: pd.DataFrame, lang: str, kind: str) -> str:
    """The dates of a chart said truly: one date, a span of comparable periods and what stands apart, or a count of panels."""
    rows = rows[rows.value.notna()]
    if kind in ("bars", "card"):
        facets = shapes.date_facets(rows)
        if len(facets) > 1:
            return t(lang, "dates_apart", n=len(facets))
        return format_period(facets[0][0], lang, entry.labels_en) if facets and facets[0][0] else ""
    return series_when(series_of(entry, rows, lang), lang, kind == "lines")


def series_when(series: list[Series], lang: str, apart_partial: bool = True) -> str:
    """'2022–2024 et 1er semestre 2025': the span of the comparable periods, then each partial one on its own."""
    if not series:
        return ""
    entry = series[0].entry
    apart = shapes.partial_periods([s.rows for s in series]) if apart_partial else []
    whole = [p for p in periods.ordered(p for s in series for p in s.rows.period) if p not in apart]
    said = [_span_label(whole, entry, lang)] + [format_period(p, lang, entry.labels_en) for p in apart]
    said = [s for s in said if s]
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + (" et " if lang == "fr" else " and ") + said[-1]


def _span_label(ordered: list[str], entry: CatalogEntry, lang: str) -> str:
    if not ordered:
        return ""
    if len(ordered) == 1:
        return format_period(ordered[0], lang, entry.labels_en)
    if all((parsed := periods.parse(p)) is not None and parsed.grain in ("year", "years") for p in ordered):
        return format_period(periods.covered(ordered), lang)
    return f"{format_period(ordered[0], lang, entry.labels_en)} – {format_period(ordered[-1], lang, entry.labels_en)}"


def check_detail(check: Any, lang: str) -> str | None:
    """A check's arithmetic in the page's language (builds before detail_fr existed have only English)."""
    french = getattr(check, "detail_fr", None)
    detail = french if lang == "fr" and isinstance(french, str) else getattr(check, "detail", None)
    return detail if isinstance(detail, str) and detail else None


def check_explanation(check: Any, lang: str) -> str | None:
    """Why a check's verdict is what it is, in the page's language; None for a plain `consistent`."""
    french = getattr(check, "explanation_fr", None)
    why = french if lang == "fr" and isinstance(french, str) else getattr(check, "explanation", None)
    return why if isinstance(why, str) and why else None


# The verdicts a reader tells apart (contract.schema.CHECK_STATUSES): the report's figures disagree, agree only once
# something the text does not say is allowed (`qualified`: truncation, the base's rounding, a base from elsewhere),
# or agree. Qualified ones are shown apart from inconsistent ones (amber, not red) wherever a warning is shown.
QUALIFIED = "qualified"
VERDICT_GROUPS = (data.INCONSISTENT, QUALIFIED, data.CONSISTENT)


def verdict_group(status: str) -> str:
    """The group a status belongs to: its own, or `qualified` for the verdicts that needed an allowance."""
    return QUALIFIED if status in QUALIFIED_STATUSES else status


def check_warnings(checks: pd.DataFrame, lang: str, about: Collection[str] | None = None) -> list[ChartWarning]:
    """One line per check that is not plainly consistent, saying why: 'Les chiffres du rapport ne concordent pas :
    les parties font 840, et non le total indiqué « 835 ». — par. 290'. With `about` (the claim ids a chart draws), only the checks about one of
    those figures: a table whose number is merely the base of another's share carries no warning for it."""
    lines = []
    for c in checks.itertuples():
        if c.status == data.CONSISTENT:
            continue
        figure = getattr(c, "claim_id", None)
        if about is not None and isinstance(figure, str) and figure not in about:
            continue
        why = check_explanation(c, lang)
        described = c.description_fr if lang == "fr" else c.description
        detail = _after_colon(why) if why else (check_detail(c, lang) or described)
        verdict = verdict_group(c.status)
        key = "warning" if verdict == data.INCONSISTENT else "warning_qualified"
        text = t(lang, key, detail=detail, para=paragraphs_label([int(p) for p in c.paragraphs], lang))
        lines.append(ChartWarning(text, verdict))
    return lines


def _after_colon(sentence: str) -> str:
    """A sentence continuing a warning after its colon: 'The parts add up…' -> 'the parts add up…'."""
    return sentence[0].lower() + sentence[1:] if sentence[:2].istitle() else sentence


# The text alternative, made from the data.


def description_text(entry: CatalogEntry, rows: pd.DataFrame, lang: str, kind: str | None = None) -> str:
    """A text alternative made from the data: 'Registered cases rose from 46 in 2022 to 91 in 2024.'"""
    name = title(entry, lang)
    rows = rows[rows.value.notna()]
    if rows.empty:
        return t(lang, "alt_empty", name=name)
    kind = kind or shapes.chart_kind(entry, rows)
    if kind == "card":  # says what the card shows, in its words ('221 procédures')
        card = card_of(entry, rows, lang)
        first = f"{card.value} {card.unit}".strip()
        return t(lang, "alt_one", name=name, first=first, when=_when(rows.iloc[0].period, lang))
    with_unit = shapes.mixed_units(rows)
    if kind == "bars":
        return _bars_description(entry, rows, name, lang, with_unit)
    return " ".join(
        series_sentence(s, lang, with_unit) for s in series_of(entry, rows, lang) if s.rows.value.notna().any()
    )


def series_sentence(one: Series, lang: str, with_unit: bool) -> str:
    """One series in words: the trend over its comparable periods, then each period apart on its own.

    'Naturalisations fell from 1,655 in 2020 to 676 in 2024, and 396 in the first eight months of 2025.'
    """
    runs, _apart, _ = shapes.line_runs(one.rows)
    main = max(runs, key=len) if runs else one.rows.iloc[0:0]
    others = shapes.in_time_order(one.rows[one.rows.value.notna()].drop(index=main.index))

    def said(row: Any) -> str:
        return value_label(row.value, row.qualifier, row.unit, lang, with_unit)

    if len(main) >= 2:
        first, last = main.iloc[0], main.iloc[-1]
        trend = "alt_rose" if last.value > first.value else "alt_fell" if last.value < first.value else "alt_same"
        sentence = t(
            lang,
            trend,
            name=one.name,
            first=said(first),
            start=period_said(first.period, one.entry, lang),
            last=said(last),
            end=period_said(last.period, one.entry, lang),
        )
    else:
        base = main.iloc[0] if len(main) else others.iloc[0]
        others = others.drop(index=base.name) if not len(main) else others
        sentence = t(lang, "alt_one", name=one.name, first=said(base), when=_when(base.period, lang))
    extra = "".join(t(lang, "alt_and", value=said(row), when=_when(row.period, lang)) for _, row in others.iterrows())
    return sentence[:-1] + extra + "."


def _when(period: object, lang: str) -> str:
    return periods.phrase(period, lang) or f"({t(lang, 'undated')})"


def _bars_description(entry: CatalogEntry, rows: pd.DataFrame, name: str, lang: str, with_unit: bool) -> str:
    """One sentence per date: its highest and lowest value (values of different dates are never compared)."""
    sentences = []
    facets = shapes.date_facets(rows)
    for period, group in facets:
        names = bar_labels(entry, group, lang, wrap=None)
        when: str | None = periods.phrase(period, lang) if period else t(lang, "undated")
        # One date already in the title ('…, 2025') need not be said twice.
        if len(facets) == 1 and (not period or format_period(period, lang, entry.labels_en) in name):
            when = None
        named = name if when is None else f"{name}, {when}"
        if len(group) == 1:
            row = group.iloc[0]
            value = value_label(row.value, row.qualifier, row.unit, lang, with_unit)
            sentences.append(t(lang, "alt_bar_one", name=named, label=names[0], value=value))
            continue
        order = sorted(range(len(group)), key=lambda i: group.value.iloc[i])
        top, low = group.iloc[order[-1]], group.iloc[order[0]]
        sentences.append(
            t(
                lang,
                "alt_bars",
                name=named,
                n=len(group),
                top_label=names[order[-1]],
                low_label=names[order[0]],
                top=value_label(top.value, top.qualifier, top.unit, lang, with_unit),
                low=value_label(low.value, low.qualifier, low.unit, lang, with_unit),
            )
        )
    return " ".join(sentences)
