"""Suggested tables from a report's claims alone: time series, breakdowns and single figures (no I/O here).

A report states its statistics in a few recurring shapes, and each shape is read from the
claims (kind, unit, period, subject, offsets) and the paragraph's words, never from a
definition:

- a *time series*: one measure (same kind and unit, same counted noun) for several periods,
  "46 en 2022, 84 en 2023 et 91 en 2024" (par. 156), several series side by side (par. 155);
- a *breakdown with its total*: "835 personnes …, dont 715 …, 90 … et 35 …" (par. 290), its
  shares in brackets beside the parts (par. 58, 249); two such breakdowns for two periods
  make a series by category (par. 249: pupils by language in 2020/21 and 2022/23);
- an *enumeration*: the other figures of one kind a paragraph states together (par. 201);
- a *single figure* with a date, worth a number card.

Every suggestion carries its claims in order (each with its role and a label), the period
it covers, a confidence from 0 to 1 and the reasons that gave it. `recovery` measures how
well the suggestions find the tables an analyst curated by hand (docs/SUGGESTIONS.md).

The modules, one job each: `reading` (the statistics and their paragraphs), `breakdowns` and
`series` (the shapes of one paragraph), `finding` (a report's tables, across paragraphs too),
`labels` and `titles` (what names the numbers and the table, in French and English), `nouns`
(what a subject counts), `suggestion` (the result, its rows and how it meets curated tables).
"""

from collections.abc import Sequence

from contract import records
from etl.suggest.finding import PARAGRAPH_NUMBERS_MAX, found_tables
from etl.suggest.nouns import HEADS_EN, english_subject, subject_head, subject_parts
from etl.suggest.reading import Context, Stat, outline_of, restated_removed, statistics
from etl.suggest.suggestion import (
    COVERED_SHARE,
    Member,
    Operand,
    Recovery,
    Suggestion,
    SumCheck,
    charted_again,
    covered,
    finished,
    recovery,
    suggestion_rows,
)
from etl.suggest.titles import HIGH_CONFIDENCE, REASONS, in_words_of, reasons_text, slug

__all__ = [
    "COVERED_SHARE",
    "HEADS_EN",
    "HIGH_CONFIDENCE",
    "PARAGRAPH_NUMBERS_MAX",
    "REASONS",
    "Member",
    "Operand",
    "Recovery",
    "Suggestion",
    "SumCheck",
    "charted_again",
    "covered",
    "english_subject",
    "in_words_of",
    "reasons_text",
    "recovery",
    "slug",
    "subject_head",
    "subject_parts",
    "suggest",
    "suggestion_rows",
]


def suggest(
    claims: Sequence[records.Claim], paragraphs: Sequence[records.Paragraph], report_id: str, language: str = "fr"
) -> list[Suggestion]:
    """Every suggested table of one report, in reading order; titled in French and English from the words of the
    report's `language`."""
    # Load inputs: the statistics of each paragraph, in reading order, and where its sentences start.
    outline = outline_of(paragraphs)
    sentences: dict[int, list[int]] = {}
    by_paragraph: dict[int, list[Stat]] = {}
    for stat in restated_removed(statistics(claims, outline, sentences), outline):
        by_paragraph.setdefault(stat.paragraph, []).append(stat)
    contexts = {
        number: Context(outline[number].text, sentences[number], [s.start for s in found])
        for number, found in by_paragraph.items()
    }
    # Process data: each paragraph on its own, then tables that run over neighbouring paragraphs.
    tables = found_tables(by_paragraph, contexts, outline)
    # Finish: labels, titles, confidence and ids.
    return finished(tables, outline, contexts, report_id, language)
