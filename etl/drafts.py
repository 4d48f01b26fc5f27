"""A suggestion as an indicator definition: the documents the build validates, and their TOML text (no I/O here).

The definition picks each number the way an analyst would write it, by paragraph, kind,
period and subject (then the words around the number, then `nth`), never by its value,
and every selector is checked to pick exactly its claim. Moved into indicators/, a draft
builds exactly the series that was suggested; the build publishes an uncharted suggestion
through the same definition, so the two can never differ.

A *document* is a definition as data, like the TOML text of a file: a dict holding exactly
the keys of one `[[indicator]]` or `[[check]]` table of `indicators/*.toml`.
"""

import json
import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

from contract import records
from contract.units import COUNT_UNITS
from etl.definitions import DefinitionError
from etl.indicators import pick_claim
from etl.suggest import (
    HEADS_EN,
    Operand,
    Suggestion,
    charted_again,
    covered,
    in_words_of,
    reasons_text,
    slug,
    subject_head,
    subject_parts,
    suggest,
)

Document = dict[str, Any]  # one table of a definition file, as tomllib reads it

DIMENSION = "measure"  # the one dimension of a suggested table: its series or categories
CHARTS = {"time_series": "time_series", "breakdown": "breakdown", "single": "breakdown"}
_CONTEXT_WORDS = 4  # words around a number in `before` / `after` patterns
_TOPIC_MAX = 32  # characters of a draft's topic id, cut between words ('vii_a_droit_a_la_securite_et_a')
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
TO_TRANSLATE = "TODO translate"  # the comment on an English label that is still the French one, for the reviewer
# English for a label that is a count unit's French word ('têtes de bétail'), beside the counted nouns of HEADS_EN
_UNIT_WORDS_EN = dict(COUNT_UNITS.values())


def claims_by_paragraph(claims: Sequence[records.Claim]) -> dict[int, list[records.Claim]]:
    """Paragraph number -> its claims, as a definition picks among them."""
    grouped: dict[int, list[records.Claim]] = {}
    for claim in claims:
        grouped.setdefault(claim.paragraph, []).append(claim)
    return grouped


def definition(
    suggestion: Suggestion,
    by_paragraph: Mapping[int, Sequence[records.Claim]],
    texts: Mapping[int, str],
    indicator_id: str,
    topic: Mapping[str, object],
    ids: Mapping[str, str] | None = None,
) -> tuple[Document, list[Document]]:
    """The indicator and its sum checks of one suggestion, as an `[[indicator]]` table and `[[check]]` tables.

    The documents hold what a definition file's tables hold, no more: the keys of `topic` (the file they would
    sit in: its titles and reports) stand once at the top of a file, and the build adds them as it reads one.
    `ids` maps the suggestion ids of the tables defined alongside to their indicator ids: a sum whose total sits
    in another suggested table (par. 155, 249) is kept only when that table is defined too.
    """
    labelled = any(m.label for m in suggestion.members)
    observations = []
    for member in suggestion.members:
        claim = member.claim
        line = selector(claim, by_paragraph[claim.paragraph], texts[claim.paragraph])
        if labelled:
            line[DIMENSION] = member.label
        if claim.claim_id in suggestion.line_units:
            line["unit"] = suggestion.line_units[claim.claim_id]  # par. 155: "affaires" and "personnes" in one table
        observations.append(line)
    indicator: Document = {
        "indicator_id": indicator_id,
        "title_fr": suggestion.title_fr,
        "title_en": suggestion.title_en,
        "description_fr": description(suggestion, "fr"),
        "description_en": description(suggestion, "en"),
        "unit": suggestion.unit,
        "unit_fr": suggestion.unit_fr,
        "unit_en": suggestion.unit_en,
        "chart": CHARTS[suggestion.shape],
        "dimensions": [DIMENSION] if labelled else [],
        "paragraphs": suggestion.paragraphs,
        "observations": observations,
        # every label needs its English: the report's words stand in, quoted, marked for translation in a draft
        "labels_en": {m.label: label_en(m.label, suggestion.language) for m in suggestion.members} if labelled else {},
    }
    return indicator, sum_checks(suggestion, {**(ids or {}), suggestion.suggestion_id: indicator_id})


def selector(claim: records.Claim, paragraph_claims: Sequence[records.Claim], paragraph_text: str) -> Document:
    """The shortest selector that picks exactly this claim of its paragraph, without its value."""
    base: Document = {"paragraph": claim.paragraph, "kind": claim.kind}
    if claim.period:
        base["period"] = claim.period
    narrowing: list[Document] = [{}]
    if claim.subject and not re.search(r"\d", claim.subject):
        narrowing.append({"subject": f"^{_pattern(claim.subject)}$"})
    after = _words(paragraph_text[claim.end :], first=True)
    before = _words(paragraph_text[: claim.start], first=False)
    if after:
        narrowing.append({"after": _pattern(after)})
    if before:
        narrowing.append({"before": _pattern(before)})
    # else its rank among the numbers of its kind and period (a selector without a pattern matches only these)
    ranked = [
        c.claim_id
        for c in paragraph_claims
        if c.kind == claim.kind and (claim.period is None or c.period == claim.period)
    ]
    candidates = [{**base, **extra} for extra in narrowing] + [{**base, "nth": ranked.index(claim.claim_id) + 1}]
    for candidate in candidates:
        if _picks(candidate, claim, paragraph_claims, paragraph_text):
            return candidate
    raise DefinitionError(f"paragraph {claim.paragraph}: no selector picks {claim.claim_id} ({claim.text!r})")


def _picks(
    candidate: Document, claim: records.Claim, paragraph_claims: Sequence[records.Claim], paragraph_text: str
) -> bool:
    try:
        picked = pick_claim(candidate, paragraph_claims, paragraph_text, "")
    except DefinitionError:
        return False
    return picked.claim_id == claim.claim_id


def _words(text: str, first: bool) -> str:
    """A few words next to a number, none of them a digit: what `after` / `before` match."""
    piece = re.split(r"[\d;:.()\n]", text, maxsplit=1)[0] if first else re.split(r"[\d;:.()\n]", text)[-1]
    words = piece.split()
    words = words[:_CONTEXT_WORDS] if first else words[-_CONTEXT_WORDS:]
    return " ".join(words)


def english_label(label: str) -> str | None:
    """A label that is one counted noun, or its total, in English ('personnes' -> 'persons', 'personnes (total)' ->
    'persons (total)'); None for any other: no label is translated word by word."""
    noun, qualifier = subject_parts(label)
    english = _UNIT_WORDS_EN.get(noun) or (HEADS_EN.get(subject_head(noun) or "") if len(noun.split()) == 1 else None)
    if english is None or qualifier not in ("", "total"):
        return None
    return f"{english} (total)" if qualifier else english


def label_en(label: str, language: str) -> str:
    """A label's English: as written in an English report, translated when it is one counted noun English knows,
    else the report's words in quotes (never passed off as English)."""
    if language == "en":
        return label
    return (english_label(label) if language == "fr" else None) or in_words_of(label, language, "en")


def _pattern(words: str) -> str:
    """Words as a pattern: any apostrophe or space matches (’ ' and no-break spaces differ across exports)."""
    return r"\s+".join(re.sub(r"[’']", ".", re.escape(word)) for word in words.split())


def description(suggestion: Suggestion, lang: str) -> str:
    """What the reader is told about a suggested table: where it comes from, why, and that no one has reviewed it."""
    paragraphs = ", ".join(str(p) for p in suggestion.paragraphs)
    reasons = reasons_text(suggestion.reasons, lang)
    confidence = f"{suggestion.confidence:.2f}"
    if lang == "fr":
        return (
            f"Tableau suggéré à partir des chiffres du rapport (par. {paragraphs}), non relu par un analyste : "
            f"{reasons}. Confiance {confidence.replace('.', ',')}."
        )
    return (
        f"Table suggested from the report's numbers (para. {paragraphs}), not reviewed by an analyst: "
        f"{reasons}. Confidence {confidence}."
    )


def sum_checks(suggestion: Suggestion, ids: Mapping[str, str]) -> list[Document]:
    """The sums a suggestion's numbers state, as [[check]] tables (rounding-aware, etl/checks.py)."""
    own = ids[suggestion.suggestion_id]
    found = [c for c in suggestion.sum_checks if c.parts.suggestion in ids and c.total.suggestion in ids]
    paragraphs = ", ".join(str(p) for p in suggestion.paragraphs)
    return [
        {
            "check_id": f"{own}_sum{n if len(found) > 1 else ''}",
            "kind": "sum",
            "description_en": f"Suggested table (para. {paragraphs}): the parts add up to the stated total"
            + ("" if check.complete else ", or stay below it"),
            "description_fr": f"Tableau suggéré (par. {paragraphs}) : les parties s’additionnent au total indiqué"
            + ("" if check.complete else ", ou restent en dessous"),
            "complete": check.complete,
            "parts": _operand(check.parts, ids),
            "total": _operand(check.total, ids),
        }
        for n, check in enumerate(found, 1)
    ]


def _operand(operand: Operand, ids: Mapping[str, str]) -> Document:
    """A check's operand: the numbers of an indicator picked by their label and period."""
    picked: Document = {"indicator": ids[operand.suggestion]}
    if operand.labels is not None:
        picked[DIMENSION] = list(operand.labels)
    if operand.periods is not None:
        picked["period"] = list(operand.periods)
    return picked


# TOML text.


def draft_topic(heading: records.Paragraph) -> str:
    """The draft file a suggestion goes in: the section of its first paragraph, as a topic id ('vii_h_apatrides')."""
    title = heading.section_title or heading.chapter_title or ""
    topic = slug(f"{_section_key(heading)} {title}")
    while len(topic) > _TOPIC_MAX and "_" in topic:
        topic = topic.rsplit("_", 1)[0]
    return topic or "report"


def draft_id(suggestion: Suggestion) -> str:
    """A readable, report-unique indicator id for a draft ('cerd_c_kaz_11_14_fr_p155_2')."""
    return slug(suggestion.suggestion_id.replace("-s", "_"))


_INDICATOR_KEYS = (
    "indicator_id",
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "unit",
    "unit_fr",
    "unit_en",
    "chart",
    "dimensions",
    "paragraphs",
)
_CHECK_KEYS = ("check_id", "kind", "description_en", "description_fr", "complete", "parts", "total")


def draft_text(topic: Mapping[str, Any], entries: Sequence[tuple[Suggestion, Document, Sequence[Document]]]) -> str:
    """A definition file: the topic, then each suggestion's indicator and checks, its reasons in a comment."""
    lines = [
        f"# Draft definitions suggested from the numbers of {', '.join(topic['reports'])}, section {topic['topic_title_fr']}.",
        "# Not read by the build while it sits in indicators/drafts/. Review each table (titles, labels, which numbers",
        "# belong together), rename the ids and the topic, then move the file into indicators/ and run `make data`.",
        "# A selector never holds a value: it says where the number is written and what it counts.",
        "",
        f"topic = {_toml(topic['topic'])}",
        f"topic_title_fr = {_toml(topic['topic_title_fr'])}",
        f"topic_title_en = {_toml(topic['topic_title_en'])}",
        f"reports = {_toml(topic['reports'])}",
    ]
    for suggestion, indicator, checks in entries:
        lines += [
            "",
            f"# {suggestion.suggestion_id}: confidence {suggestion.confidence:.2f} ({reasons_text(suggestion.reasons, 'en')})",
        ]
        lines += ["[[indicator]]", *(f"{key} = {_toml(indicator[key])}" for key in _INDICATOR_KEYS)]
        lines += ["observations = [", *(f"  {_toml(line)}," for line in indicator["observations"]), "]"]
        if indicator["labels_en"]:
            # one label a line, so that the reviewer sees which English is still the French label to translate
            lines += ["", f"[indicator.labels_en]  # the English of each `{DIMENSION}` label"]
            lines += [
                f"{_toml_key(label)} = {_toml(english)}"
                + ("" if suggestion.language == "en" or english_label(label) else f"  # {TO_TRANSLATE}")
                for label, english in indicator["labels_en"].items()
            ]
        for check in checks:
            lines += ["", "[[check]]", *(f"{key} = {_toml(check[key])}" for key in _CHECK_KEYS)]
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    """A TOML value for the few types a definition holds (a JSON string is a valid TOML basic string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def draft_files(
    report_id: str,
    paragraphs: Sequence[records.Paragraph],
    claims: Sequence[records.Claim],
    charted: Set[str],
    topic: str | None = None,
    language: str = "fr",
) -> tuple[dict[str, tuple[str, int]], int]:
    """{topic id: (TOML text, number of definitions)} for a report's suggestions not yet charted; and how many were.

    `language` is the report's: the words its titles and labels quote on a page in the other language."""
    outline = {p.paragraph: p for p in paragraphs}
    texts = {p.paragraph: p.text for p in paragraphs}
    grouped: dict[str, list[Suggestion]] = {}
    left_out = 0
    charted = set(charted_again(claims, dict.fromkeys(charted, ())))  # a curated figure stated again is charted too
    for suggestion in suggest(claims, paragraphs, report_id, language):
        if covered(suggestion, charted):
            left_out += 1
            continue
        heading = outline[suggestion.paragraphs[0]]
        name = draft_topic(heading)
        if topic and topic.lower() not in (name, _section_key(heading).lower(), suggestion.topic):
            continue
        grouped.setdefault(name, []).append(suggestion)
    by_paragraph = claims_by_paragraph(claims)
    files = {}
    for name, found in grouped.items():
        meta = {
            "topic": name,
            "topic_title_fr": found[0].topic_title_fr,
            "topic_title_en": found[0].topic_title_en,
            "reports": [report_id],
        }
        ids = {s.suggestion_id: draft_id(s) for s in found}
        entries = [(s, *definition(s, by_paragraph, texts, draft_id(s), meta, ids)) for s in found]
        files[name] = (draft_text(meta, entries), len(entries))
    return files, left_out


def draft_topics(
    report_id: str, paragraphs: Sequence[records.Paragraph], claims: Sequence[records.Claim], charted: Set[str]
) -> list[str]:
    """The topic ids that would get drafts."""
    return list(draft_files(report_id, paragraphs, claims, charted)[0])


def _section_key(heading: records.Paragraph) -> str:
    """A paragraph's chapter and section ('VII.H'), as a reader names the section."""
    return ".".join(p for p in (heading.chapter, heading.section) if p)
