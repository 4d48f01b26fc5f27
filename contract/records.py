"""The records that cross the flow: one frozen dataclass per row of a table of the store.

The ETL builds these records and writes them; the app reads tables whose columns are exactly their
fields. Each field carries its meaning (`Annotated[..., Doc("...")]`); the Arrow schema of a table is
derived from its record's fields (`contract/schema.py`), so a column is declared once, here.

A place in a document is `(report_id, paragraph, item)`: `item` is None for the paragraph itself,
`"124.1"` for a numbered recommendation, `"a"` for a lettered sub-paragraph, `"•3"` for the third
bullet. Offsets (`start`, `end`) always index the paragraph's `text`, items included.
"""

from dataclasses import dataclass, field
from typing import Annotated


@dataclass(frozen=True, slots=True)
class Doc:
    """What a column means, for the README, the data package and the Arrow field metadata."""

    text: str


_PERIOD = (
    "the year or span the number refers to, in the period format of `contract/periods.py`: `2022`, "
    "`2022-2024`, `2025-H1`, `2025-Q3`, `2022/23` (school year), `2019-01`, a day `2025-07-01`, months "
    "`2020-09/2022-05`, `2014/..` (since 2014); null when the text states none"
)
_ITEM = (
    "the numbered, lettered or bulleted item of the paragraph that holds it, as printed (`124.1`, `a`) or "
    "`•<n>` for the n-th bullet; null for the paragraph's own text"
)

ReportId = Annotated[str, Doc("the report (file name without extension, or `report_id` in its metadata)")]
ParagraphNumber = Annotated[int, Doc("the paragraph number")]
Item = Annotated[str | None, Doc(_ITEM)]
Period = Annotated[str | None, Doc(_PERIOD)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """A row of paragraphs.parquet: one numbered paragraph (or one block of an annex)."""

    report_id: ReportId
    paragraph: ParagraphNumber
    chapter: Annotated[str | None, Doc("roman numeral of the chapter (`VI`)")] = None
    chapter_title: Annotated[str | None, Doc("its title (`Article 4`)")] = None
    section: Annotated[str | None, Doc("letter of the section (`A`)")] = None
    section_title: Annotated[str | None, Doc("its title (`Liberté d’expression`)")] = None
    subsection: Annotated[
        str | None, Doc("lettered subsection or unnumbered subheading (`a)`, `Documents stratégiques`)")
    ] = None
    co_refs: Annotated[
        tuple[int, ...], Doc("paragraphs of the previous concluding observations that this section answers")
    ] = ()
    text: Annotated[
        str, Doc("the paragraph's whole text, its items included, without its number, page furniture or footnotes")
    ]
    char_start: Annotated[int, Doc("offset of `text` in the document's text as read (after layout)")]
    char_end: Annotated[int, Doc("end offset: `raw[char_start:char_end] == text`")]
    flag: Annotated[
        str | None,
        Doc("`duplicate` or `out_of_order` for a paragraph number that repeats or goes back; null otherwise"),
    ] = None
    part: Annotated[str, Doc("`body`, or `annex` for a paragraph of an annex")] = "body"
    part_title: Annotated[
        str | None,
        Doc(
            "an annex's heading as printed, its label and title (`Annex — Composition of the delegation`); null in "
            "the body. An annex's paragraphs are its blocks, numbered 10001, 10002, … (the second annex's 20001, …)"
        ),
    ] = None
    notes: Annotated[
        tuple[str, ...], Doc("the footnotes called from the paragraph, each with its marker first (`3 See …`)")
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParagraphItem:
    """A row of items.parquet: a numbered, lettered or bulleted item inside a paragraph."""

    report_id: ReportId
    paragraph: ParagraphNumber
    item: Annotated[
        str,
        Doc(
            "the item as printed (`124.1`, `3`, `a`), `•<n>` for the n-th bullet, a letter under a numbered item "
            "with it (`5(a)`), a label printed twice in the paragraph with `-2` after it"
        ),
    ]
    start: Annotated[int, Doc("offset of the item's text in the paragraph's `text` (after its number)")]
    end: Annotated[int, Doc("end offset: `text[start:end]` is the item's text")]
    recommended_by: Annotated[
        tuple[str, ...], Doc("the States that made a UPR recommendation, as printed in its brackets (`Brazil`)")
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A row of claims.parquet: one number written in the document."""

    report_id: ReportId
    paragraph: Annotated[int, Doc("the paragraph that states the number")]
    item: Item = None
    claim_id: Annotated[str, Doc("stable id, `<report_id>.p<paragraph>.c<n>` (the n-th number of the paragraph)")]
    text: Annotated[str, Doc("the span as written, qualifier and unit included (`plus de 14 900`, `71,2 %`)")]
    start: Annotated[int, Doc("offset of the span in the paragraph's `text`")]
    end: Annotated[int, Doc("end offset: `text[start:end]` is the span")]
    value: Annotated[
        float, Doc("the number (`71,2 %` → 71.2, `20,3 millions` → 20300000); NaN for identifiers and dates")
    ]
    unit: Annotated[str | None, Doc("`%`, a currency code (`KZT`), `years`, `months`, … or null for counts")]
    kind: Annotated[str, Doc("see CLAIM_KINDS in contract/schema.py")]
    qualifier: Annotated[str, Doc("see QUALIFIERS in contract/schema.py")]
    period: Period
    subject: Annotated[
        str | None,
        Doc("the counted noun phrase, completed so that it reads alone (`affaires pénales enregistrées`), best effort"),
    ]
    sentence: Annotated[str, Doc("the sentence that holds the number (at most 1 000 characters around it)")]
    planned: Annotated[
        bool, Doc("true for a figure planned or targeted for the future (`will train 300 teachers by 2025`)")
    ] = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """A row of reports.parquet: one document, what it is and where it was read from."""

    report_id: ReportId
    source_file: Annotated[str, Doc("the file it was read from, in `data/raw/`")]
    sha256: Annotated[str, Doc("hash of that file's bytes")]
    metadata_json: Annotated[str, Doc("its metadata (as given in its json, or detected) as JSON")]
    symbol: Annotated[str | None, Doc("the UN document symbol exactly as printed (`A/HRC/28/10`, `CERD/C/KAZ/11-14`)")]
    language: Annotated[str, Doc("the language it was read in (`en`, `es`, `fr`)")]
    paragraphs: Annotated[int, Doc("how many numbered paragraphs it has")]
    claims: Annotated[int, Doc("how many numbers it states")]
    flagged_paragraphs: Annotated[int, Doc("paragraphs flagged as duplicate or out of order")]
    built_at: Annotated[str, Doc("when it was built (ISO 8601, UTC)")]
    body: Annotated[str | None, Doc("the issuing body, see BODIES in contract/schema.py (`CERD`, `UPR`)")] = None
    document_type: Annotated[str | None, Doc("see DOCUMENT_TYPES in contract/schema.py")] = None
    state: Annotated[str | None, Doc("the State the document is about, in English (`Kazakhstan`)")] = None
    state_iso3: Annotated[str | None, Doc("its ISO 3166 alpha-3 code (`KAZ`)")] = None
    date_issued: Annotated[str | None, Doc("the date printed on the document (`2025-10-27`)")] = None
    cycle: Annotated[str | None, Doc("the review cycle or periodic report numbers (`2`, `11-14`)")] = None
    period_covered: Annotated[str | None, Doc("the years the document reports on, in the period format")] = None
    detected: Annotated[
        tuple[str, ...], Doc("the metadata fields read from the document's first page rather than given in its json")
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Observation:
    """A row of observations.parquet: one value of an indicator table, with where the document states it."""

    indicator_id: Annotated[str, Doc("which indicator table")]
    report_id: ReportId
    period: Annotated[
        str | None, Doc(_PERIOD + "; or the definition's `period_override` when the text gives it in another sentence")
    ]
    value: Annotated[float, Doc("the number, from the claim")]
    unit: Annotated[
        str | None, Doc("the claim's unit (`%`, `KZT`), else the line's or the indicator's count unit (`cases`)")
    ]
    qualifier: Annotated[str, Doc("from the claim, or the definition's `qualifier_override`")]
    paragraph: Annotated[int, Doc("where the number is written")]
    item: Item = None
    # The dimension columns (group, measure, article, outcome, language, level, origin …): the labels an
    # indicator declares, written as columns of their own between report_id and period.
    quote: Annotated[str, Doc("a verbatim piece of the paragraph that holds the number: its sentence or its clause")]
    claim_id: Annotated[str, Doc("the claim, in `claims.parquet`")]
    text: Annotated[str, Doc("the number as written, a substring of `quote`")]
    start: Annotated[int, Doc("the claim's offset in the paragraph's `text`: highlights are cut from it")]
    end: Annotated[int, Doc("the claim's end offset in the paragraph's `text`")]
    note: Annotated[str | None, Doc("the definition's note (French)")]
    note_en: Annotated[str | None, Doc("the definition's note in English")]
    position: Annotated[
        int,
        Doc(
            "the order of the observation in its definition; in a series across documents, its document's date "
            "(YYYYMMDD) × 100 + that order, so no two documents' points share one"
        ),
    ]
    dimensions: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """A row of checks.parquet: one piece of the document's arithmetic, recomputed."""

    check_id: Annotated[str, Doc("the check")]
    report_id: ReportId
    kind: Annotated[str, Doc("see CHECK_KINDS in contract/schema.py")]
    paragraphs: Annotated[tuple[int, ...], Doc("the paragraphs whose numbers it uses")]
    indicator_ids: Annotated[tuple[str, ...], Doc("the indicators it involves")]
    description: Annotated[str, Doc("what it checks, in English")]
    description_fr: Annotated[str, Doc("what it checks, in French")]
    expected: Annotated[float | None, Doc("the stated number")]
    computed: Annotated[float | None, Doc("what the other stated numbers give")]
    tolerance: Annotated[float | None, Doc("what rounding alone allows; null when a bound is open")]
    status: Annotated[str, Doc("see CHECK_STATUSES in contract/schema.py")]
    explanation: Annotated[
        str | None,
        Doc("why the verdict is what it is, in sentences a reader understands (English); null when plainly consistent"),
    ] = None
    explanation_fr: Annotated[str | None, Doc("the same in French")] = None
    detail: Annotated[str, Doc("the arithmetic in one line, in English")]
    detail_fr: Annotated[str, Doc("the arithmetic in one line, in French")]
    claim_id: Annotated[
        str | None, Doc("the stated figure the check is about (its warning is shown on that figure only)")
    ] = None
    claim_ids: Annotated[tuple[str, ...], Doc("every claim whose number the check uses")] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestionRow:
    """A row of suggestions.parquet: one claim of a table found in the claims alone."""

    suggestion_id: Annotated[str, Doc("the suggested table")]
    report_id: ReportId
    shape: Annotated[str, Doc("see SUGGESTION_SHAPES in contract/schema.py")]
    title_fr: Annotated[str, Doc("a generated title, in French")]
    title_en: Annotated[str, Doc("a generated title, in English")]
    period_covered: Annotated[
        str | None, Doc("from the start of its earliest period to the end of its latest; null when undated")
    ]
    confidence: Annotated[float, Doc("0–1: how likely a reader accepts it as a table")]
    reasons: Annotated[str, Doc("why it was suggested, in English (`; ` between reasons)")]
    claim_id: Annotated[str, Doc("one claim of the suggestion, in `claims.parquet`")]
    position: Annotated[int, Doc("the claim's order in the suggestion")]
    role: Annotated[
        str, Doc("`value` (a point of a series, an item), `total`, `part` (of the total before it), `share`")
    ]
    label: Annotated[str, Doc("what tells the claim apart in its table, in the report's words; empty for one series")]
    covered_by: Annotated[
        tuple[str, ...], Doc("the curated indicators that already chart half of its numbers or more")
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogEntry:
    """A row of the catalogue: one indicator as charted from one report."""

    indicator_id: Annotated[str, Doc("the indicator")]
    report_id: ReportId
    topic: Annotated[str, Doc("its topic id (the definition file's name)")]
    topic_title_fr: Annotated[str, Doc("the topic's title in French")]
    topic_title_en: Annotated[str, Doc("the topic's title in English")]
    title_fr: Annotated[str, Doc("the indicator's title in French")]
    title_en: Annotated[str, Doc("the indicator's title in English")]
    description_fr: Annotated[str, Doc("what it counts, in French")]
    description_en: Annotated[str, Doc("what it counts, in English")]
    unit: Annotated[str, Doc("its unit (`%`, `KZT`, a count unit of COUNT_UNITS)")]
    unit_fr: Annotated[str, Doc("the unit's words in French")]
    unit_en: Annotated[str, Doc("the unit's words in English")]
    dimensions: Annotated[tuple[str, ...], Doc("its dimension columns, in order")]
    labels_en: Annotated[dict[str, str], Doc("English labels of the document's words in its dimension columns")]
    chart: Annotated[str, Doc("see CHARTS in contract/schema.py")]
    paragraphs: Annotated[tuple[int, ...], Doc("the paragraphs its observations come from")]
    observations: Annotated[int, Doc("how many observations it has in this report")]
    period_covered: Annotated[str | None, Doc("from its earliest period to its latest")]
    undated_observations: Annotated[int, Doc("observations without a period")]
    checks: Annotated[tuple[str, ...], Doc("the checks that involve it")]
    definition_file: Annotated[str | None, Doc("the definition file, or null for a suggested table")]
    suggested: Annotated[bool, Doc("made by the build from the claims alone, not by a curated definition")] = False
    confidence: Annotated[float | None, Doc("a suggested table's confidence (0–1)")] = None
    reasons_fr: Annotated[str | None, Doc("why it was suggested, in French")] = None
    reasons_en: Annotated[str | None, Doc("why it was suggested, in English")] = None
    series: Annotated[
        bool,
        Doc(
            "a series across documents: one point a document (its definition is for every document of a State and "
            "type, or names each line's report); each document's entry shares the id, and its chart joins them"
        ),
    ] = False
