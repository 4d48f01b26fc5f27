"""Suggested tables from a report's claims alone: time series, breakdowns and single figures (no I/O here).

A report states its statistics in a few recurring shapes, and each shape is read here from
the claims (kind, unit, period, subject, offsets) and the paragraph's words, never from a
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
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from contract import periods
from contract.schema import STATISTIC_KINDS, columns
from contract.units import COUNT_UNITS
from etl.sentences import split_sentences

SUGGESTION_COLUMNS = tuple(columns("suggestions"))

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
# The units a definition can chart (etl/definitions.py): none (a count), '%' or a currency code. Lengths of time are
# the terms of a provision or an age ("jusqu'à 18 ans"), and other measures ("42 pétaflops") have no count unit.
_CHARTED_UNIT_RE = re.compile(r"%|[A-Z]{3}")
# Words that name a measure, not what it counts: "part de femmes", "taux d’emploi", "montant total" (par. 89, 92, 200).
# Such a subject links a number to no other by its noun, as a subject the text does not give.
MEASURE_WORDS = (
    "part",
    "taux",
    "niveau",
    "montant",
    "somme",
    "quota",
    "proportion",
    "pourcentage",
    "nombre",
    "total",
    "share",
    "rate",
    "level",
    "amount",
    "sum",
    "number",
    "percentage",
)
# English for the counted nouns that recur in treaty-body reports (the head of a claim's subject,
# singular); a noun not listed keeps its French words in quotes in the English title. Only nouns with one
# meaning whatever follows them: "agent" is left out ("agents de l'État", "agents d'intelligence artificielle").
HEADS_EN = {
    "affaire": "cases",
    "procédure": "proceedings",
    "personne": "persons",
    "enfant": "children",
    "élève": "pupils",
    "école": "schools",
    "établissement": "institutions",
    "apatride": "stateless persons",
    "réfugié": "refugees",
    "immigrant": "immigrants",
    "migrant": "migrants",
    "inspection": "inspections",
    "violation": "violations",
    "signalement": "reports",
    "plainte": "complaints",
    "femme": "women",
    "habitant": "inhabitants",
    "famille": "families",
    "maison": "houses",
    "bâtiment": "buildings",
    "voiture": "cars",
    "manuel": "textbooks",
    "enseignant": "teachers",
    "événement": "events",
    "formation": "training sessions",
    "séminaire": "seminars",
    "juge": "judges",
    "décision": "decisions",
    "citoyen": "citizens",
    "consultation": "consultations",
    "document": "documents",
    "publication": "publications",
    "projet": "projects",
    "spécialiste": "specialists",
    "employé": "employees",
    "association": "associations",
    "jardin": "kindergartens",
    "place": "places",
    "résidence": "residences",
    "lit": "beds",
    "université": "universities",
    "jugement": "judgments",
    "inspecteur": "inspectors",
    "groupe": "groups",
    "réunion": "meetings",
    "expert": "experts",
    "communiqué": "press releases",
    "activité": "activities",
    "abonné": "subscribers",
    "membre": "members",
    "représentant": "representatives",
    "journaliste": "journalists",
    "ong": "NGOs",
    "fonctionnaire": "civil servants",
    "député": "deputies",
    "parlementaire": "members of parliament",
    "victime": "victims",
    "condamnation": "convictions",
    "demande": "applications",
    "étranger": "foreigners",
    "travailleur": "workers",
    "candidat": "candidates",
    "centre": "centres",
    "organisation": "organisations",
    "salle": "rooms",
    "bannière": "banners",
    "vidéo": "videos",
    "documentaire": "documentaries",
}
# Counted nouns of people: the curated definitions count inhabitants, refugees, stateless persons … in persons.
PERSONS_HEADS = (
    "habitant",
    "réfugié",
    "apatride",
    "immigrant",
    "migrant",
    "femme",
    "citoyen",
    "étranger",
    "travailleur",
    "victime",
    "membre",
    "représentant",
    "journaliste",
    "fonctionnaire",
    "employé",
    "spécialiste",
    "expert",
    "juge",
    "député",
    "parlementaire",
    "candidat",
    "abonné",
)
MIXED_UNIT = "count"  # the unit of a table whose lines count different things, each naming its own (contract/schema.py)
# Why a suggestion was made, and what each reason adds to its confidence (fr, en, weight).
REASONS = {
    "series": ("même mesure pour plusieurs périodes", "one measure for several periods", 0.55),
    "three_periods": ("trois périodes ou plus", "three periods or more", 0.1),
    "same_subject": ("même objet compté", "the same counted noun", 0.15),
    "comparable": ("périodes de même durée", "periods of the same length", 0.1),
    "total_marker": (
        "un total suivi de « dont » et de ses parties",
        "a total followed by “of which” and its parts",
        0.65,
    ),
    "several_parts": ("plusieurs parties", "several parts", 0.05),
    "shares_of_parts": ("parts en % entre parenthèses après chaque partie", "shares in brackets after each part", 0.65),
    "parallel": ("la même répartition donnée pour deux périodes", "the same breakdown stated for two periods", 0.7),
    "next_paragraph": (
        "répartition poursuivie au paragraphe suivant",
        "breakdown continued in the next paragraph",
        0.55,
    ),
    "enumeration": ("chiffres de même nature énumérés ensemble", "figures of one kind listed together", 0.35),
    "one_sentence": ("dans une même phrase", "in one sentence", 0.15),
    "one_period": ("une seule période", "a single period", 0.1),
    "one_noun": ("même nom compté", "the same counted noun", 0.1),
    "undated": ("sans date", "undated", -0.05),
    "several_nouns": ("objets comptés différents", "different things counted", -0.1),
    "mixed_periods": ("périodes différentes", "different periods", -0.1),
    "joined_neighbour": ("avec le chiffre d’un paragraphe voisin", "with a figure of a neighbouring paragraph", -0.1),
    "single": ("chiffre isolé daté", "a single dated figure", 0.3),
    "has_subject": ("objet compté nommé", "a named counted noun", 0.1),
    "qualified": ("ordre de grandeur (« plus de », « environ »)", "an order of magnitude (“more than”, “about”)", 0.05),
    "series_totals": ("totaux énoncés avant la série", "totals stated before the series", 0.45),
    "measure_kind": ("mesure (ni effectif, ni %, ni montant)", "a measure (not a count, share or amount)", -0.1),
}
HIGH_CONFIDENCE = 0.7
# A paragraph stating more numbers than this is a table pasted as text (or a broken file): out of these rules' reach,
# and it keeps the work per paragraph bounded (the longest paragraph of the report, par. 249, states 28).
PARAGRAPH_NUMBERS_MAX = 200
_LABEL_MAX = 60  # characters of a part's label: enough to tell "au titre de l’article 116 …" from "… 128 …"
_LABEL_WORDS = 6  # words before a bracketed number that name it
_COLON_GAP = 40  # characters between a number and the colon that opens its parts: "30 parlementaires en son sein :"
_GAP_MAX = 60  # characters between "dont" and its first part: "dont la composition ethnique était la suivante : "
_LEADING = {"et", "ou", "and", "or", "soit", "de", "des", "du", "of"}  # words a label does not start with
_DANGLING = _LEADING | {"à", "en", "dans", "pour", "in", "for", "plus"}  # nor ends with
# A clause opened by one of these qualifies what the clause before it names: "… ouïghoures, qui seront proposés à 25"
_RELATIVE = {"qui", "que", "dont", "lesquels", "lesquelles", "which", "who", "that", "cuyo", "cuyos"}
_RESTATED_MIN = 10  # a repeated small number (2, 4) is likely another count, not a restatement
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
# A colon after a number opens its parts too ("30 parlementaires en son sein : 10 du Sénat et 20 du Majilis", par. 133).
_MARKER_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in PART_MARKERS) + r")(?!\w)|:", re.IGNORECASE)
# Between a count and its share: "3 743 (54,2 %)", "14,4 millions de Kazakhstanais (71,2 %)", "…, soit 87,2 %".
_SHARE_GAP_RE = re.compile(r"^[^\d;:.()]{0,40}\(\s*$|^\s*,?\s*soit\s*$", re.IGNORECASE)
_BRACKET_AFTER_RE = re.compile(r"^\s*\([^()]{0,40}\)")  # the share right after a number: not what names it
_OTHERS_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in OTHERS_WORDS) + r")(?!\w)(?!\s+\w)", re.IGNORECASE
)


@dataclass
class Member:
    """One claim of a suggestion, with its part in the table."""

    claim: dict
    role: str  # 'value' (a point of a series or an item), 'total', 'part', 'share'
    label: str = ""
    of: "Member | None" = None  # a share: the part it is the share of


@dataclass
class Table:
    """A suggested table while it is being found: its claims, shape and reasons."""

    shape: str  # time_series | breakdown | single
    members: list[Member]
    reasons: list[str]
    origin: str  # series | total | shares | enumeration | single | parallel | parallel_totals
    complete: bool = True  # a breakdown's parts make its whole (no "et autres", more than one part)
    runs: list = field(default_factory=list)  # a time series: its series, each a list of members
    categories: list = field(
        default_factory=list
    )  # series by category: (members of one category, the member naming it)
    sums: list = field(default_factory=list)  # (parts, total, complete): members whose sum the report states
    subject: str | None = None  # what the table counts, when one number says it (the total)

    @property
    def paragraphs(self) -> list[int]:
        return sorted({m.claim["paragraph"] for m in self.members})


@dataclass
class Suggestion:
    """A suggested table: what the build writes to suggestions.parquet and turns into an indicator."""

    suggestion_id: str
    report_id: str
    shape: str
    title_fr: str
    title_en: str
    confidence: float
    reasons: list[str]
    members: list[Member]
    period_covered: str | None
    topic: str
    topic_title_fr: str
    topic_title_en: str
    unit: str  # a count unit of contract/schema.py, '%' or a currency: what a definition may declare
    unit_fr: str  # what it counts, in the report's words ('affaires / personnes')
    unit_en: str
    # The sums the report states: {"parts": operand, "total": operand, "complete": bool}, an operand being
    # {"suggestion": id, "labels": [...] or None, "periods": [...] or None} (the filters that pick its numbers).
    sum_checks: list[dict] = field(default_factory=list)
    # claim id -> its own count unit, when the unit is "count" (lines counting different things, or no count unit)
    line_units: dict[str, str] = field(default_factory=dict)

    @property
    def claim_ids(self) -> list[str]:
        return [m.claim["claim_id"] for m in self.members]

    @property
    def paragraphs(self) -> list[int]:
        return sorted({m.claim["paragraph"] for m in self.members})


# The whole step.


def suggest(claims: list[dict], paragraphs: list[dict], report_id: str) -> list[Suggestion]:
    """Every suggested table of one report, in reading order."""
    # Load inputs: the statistics of each paragraph, in reading order, and where its sentences start.
    outline = _outline(paragraphs)
    contexts: dict[int, Paragraph] = {}
    stats = _restated_removed(_statistics(claims, outline, contexts), outline)
    by_paragraph: dict[int, list[dict]] = {}
    for claim in stats:
        by_paragraph.setdefault(claim["paragraph"], []).append(claim)
    for number, found in by_paragraph.items():
        contexts[number].stat_starts = [c["start"] for c in found]
    # Process data: each paragraph on its own, then tables that run over neighbouring paragraphs.
    tables: list[Table] = []
    for number, found in by_paragraph.items():
        if len(found) <= PARAGRAPH_NUMBERS_MAX:
            tables += paragraph_tables(found, contexts[number])
    tables = _merged_across_paragraphs(tables, outline)
    tables = [t for t in tables if t.shape != "single" or _worth_a_card(t.members[0].claim)]
    return _finished(tables, outline, contexts, report_id)


@dataclass
class Paragraph:
    """What the claims of one paragraph are read against: its text, sentences, and where its statistics start."""

    number: int
    text: str
    sentence_starts: list[int]
    stat_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, number: int, text: str) -> "Paragraph":
        return cls(number, text, [start for start, _ in split_sentences(text)])

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset)


def _outline(paragraphs: list[dict]) -> dict[int, dict]:
    """Paragraph number -> its row, missing headings as None; a number that repeats is left out (its claims mix)."""
    numbers = Counter(row["paragraph"] for row in paragraphs)
    return {
        row["paragraph"]: {k: (v if not isinstance(v, float) or v == v else None) for k, v in row.items()}
        for row in paragraphs
        if numbers[row["paragraph"]] == 1
    }


def _statistics(claims: list[dict], outline: dict[int, dict], contexts: dict[int, "Paragraph"]) -> list[dict]:
    """The claims that can be charted, each with its sentence and counted noun, in reading order."""
    found = []
    for claim in claims:
        row = outline.get(claim["paragraph"])
        if (
            claim["kind"] not in STATISTIC_KINDS
            or claim["value"] != claim["value"]
            or (isinstance(claim["unit"], str) and not _CHARTED_UNIT_RE.fullmatch(claim["unit"]))
            or row is None
            or row["text"][claim["start"] : claim["end"]] != claim["text"]
        ):
            continue
        if claim["paragraph"] not in contexts:
            contexts[claim["paragraph"]] = Paragraph.of(claim["paragraph"], row["text"])
        context = contexts[claim["paragraph"]]
        head = subject_head(claim["subject"])
        found.append(
            {
                **claim,
                "_sentence": context.sentence_of(claim["start"]),
                "_head": head,
                "_noun": None if _names_a_measure(claim["subject"]) else head,
            }
        )
    return sorted(found, key=lambda c: (c["paragraph"], c["start"]))


def _restated_removed(stats: list[dict], outline: dict[int, dict]) -> list[dict]:
    """Without the numbers stated again: "plus de 80 %" twice (par. 350), "de 46 à 91" after the series (par. 158)."""
    kept, first_sentence, seen_in_section = [], {}, {}
    for claim in stats:
        number = (claim["value"], claim["unit"], claim["kind"], claim["qualifier"])
        sentence = first_sentence.setdefault((claim["paragraph"], number), claim["_sentence"])
        earlier = sentence < claim["_sentence"] and claim["qualifier"] != "exact"
        seen = seen_in_section.setdefault((_heading(outline, claim["paragraph"]), number), [])
        # "25 enseignants" in 2024, then 25 planned for 2025 (par. 253-254): another number, not the same one again
        before = abs(claim["value"]) >= _RESTATED_MIN and any(
            paragraph < claim["paragraph"] and _overlapping(period, claim["period"]) for paragraph, period in seen
        )
        if not earlier and not before:
            kept.append(claim)
        seen.append((claim["paragraph"], claim["period"]))
    return kept


def _heading(outline: dict[int, dict], number: int) -> tuple | None:
    row = outline.get(number)
    return (row.get("chapter"), row.get("section"), row.get("subsection")) if row else None


def _same_heading(outline: dict[int, dict], a: int, b: int) -> bool:
    """Two paragraphs under the same chapter, section and subsection."""
    return _heading(outline, a) is not None and _heading(outline, a) == _heading(outline, b)


def subject_parts(subject) -> tuple[str, str]:
    """A subject's noun phrase and what its brackets add: 'personnes (condamnées)' -> ('personnes', 'condamnées').

    The noun phrase says what is counted; the bracket (a participle, a language, an article) tells apart numbers
    of one noun, as series or parts of a table.
    """
    if not isinstance(subject, str):
        return "", ""
    text = subject.strip()
    noun, _, bracket = text.partition("(")
    qualifier = bracket[:-1].strip()
    if text.endswith(")") and _WORD_RE.search(noun) and qualifier and not set("()") & set(qualifier):
        return noun.strip(), qualifier
    return text, ""


def subject_head(subject) -> str | None:
    """The counted noun of a subject, lower case and singular: 'affaires pénales enregistrées' -> 'affaire'."""
    if not isinstance(subject, str):
        return None
    words = _WORD_RE.findall(subject.lower())
    if not words:
        return None
    head = words[0]
    if len(head) > 3 and head[-1] in "sx" and not head.endswith(("ss", "us")):
        head = head[:-1]
    return head


def _names_a_measure(subject) -> bool:
    """Whether a subject names a measure ('taux d’emploi', 'part de femmes'), not a counted noun."""
    words = _WORD_RE.findall(subject.lower()) if isinstance(subject, str) else []
    return bool(words) and words[0] in MEASURE_WORDS


def counted_noun(subject) -> str | None:
    """The noun a subject counts, as written: the first word English knows ('nouvelles écoles' -> 'écoles'), else the first."""
    words = _WORD_RE.findall(subject.lower()) if isinstance(subject, str) else []
    known = [w for w in words[:3] if subject_head(w) in HEADS_EN]
    return (known or words or [None])[0]


def family(claim: dict) -> tuple:
    """What must agree for two numbers to sit in one table: their kind and unit."""
    return claim["kind"], claim["unit"]


# One paragraph.


def paragraph_tables(claims: list[dict], context: Paragraph) -> list[Table]:
    """The tables one paragraph states, family by family (counts, %, each currency)."""
    tables, structures = [], []
    families: dict[tuple, list[dict]] = {}
    for claim in claims:
        families.setdefault(family(claim), []).append(claim)
    for key in sorted(families, key=lambda f: f[0] == "percent"):  # shares attach to the counts' breakdowns
        members = families[key]
        if key[0] == "percent":
            shares, members = _shares_of(members, structures, context)
            tables += shares
        found = _total_structures(members, context)
        structures += found
        parts = {id(m.claim) for t in found for m in t.members if m.role == "part"}
        series = _series(members, parts)
        used = parts | {id(t.members[0].claim) for t in found} | {id(m.claim) for t in series for m in t.members}
        rest = [c for c in members if id(c) not in used]
        totals, rest = _series_totals(rest, series)
        rest = _joined_to_totals(rest, found)
        tables += found + series + totals + _enumerations(rest)
    return _parallel_merged(tables)


def _total_structures(members: list[dict], context: Paragraph) -> list[Table]:
    """Breakdowns with their total: a number, a marker ("dont", "parmi elles"), then its parts."""
    found, taken = [], set()
    for marker in _MARKER_RE.finditer(context.text):
        parts = _parts_after(marker, members, context, taken)
        total = _total_before(marker, members, parts[0], context, taken) if parts else None
        if total is None or (marker.group() == ":" and not _colon_list(total, marker, parts)):
            continue
        taken |= {id(total)} | {id(p) for p in parts}
        complete = len(parts) > 1 and not _others_after(parts[-1], members, context)
        reasons = ["total_marker"] + (["several_parts"] if len(parts) > 1 else [])
        members_ = [Member(total, "total")] + [Member(p, "part") for p in parts]
        table = Table("breakdown", members_, reasons, "total", complete, subject=total["subject"])
        if total["kind"] != "percent":  # shares of different bases do not add up
            table.sums = [(members_[1:], members_[0], complete)]
        found.append(table)
    return found


def _parts_after(marker: re.Match, members: list[dict], context: Paragraph, taken: set) -> list[dict]:
    """The numbers a marker opens: the rest of its sentence, or the items of the list its colon opens."""
    after = [c for c in members if c["start"] >= marker.end() and id(c) not in taken]
    if not after:
        return []
    first = after[0]
    gap = context.text[marker.end() : first["start"]]
    listed = ":" in gap
    # "… 50 groupes ethniques …, dont environ 40 % (plus de 1 500 personnes)" (par. 209): the part is the %, not the count
    other_number_between = any(marker.end() <= start < first["start"] for start in context.stat_starts)
    if (not listed and _breaks_sentence(gap)) or len(gap) > _GAP_MAX or other_number_between:
        return []
    parts = [first]
    for claim in after[1:]:
        same_sentence = claim["_sentence"] == first["_sentence"]
        item = listed and context.text[: claim["start"]].rstrip(" \t").endswith(("\n", ";", ":"))
        if not (same_sentence or item) or not _same_or_open_period(claim, first):
            break
        parts.append(claim)
    return parts


def _colon_list(total: dict, marker: re.Match, parts: list[dict]) -> bool:
    """A colon opens parts only right after its number, for that number's date: not "88 personnes … : en 2022, 12 …"."""
    return (
        len(parts) >= 2
        and marker.start() - total["end"] <= _COLON_GAP
        and all(p["period"] == total["period"] for p in parts)
    )


def _breaks_sentence(gap: str) -> bool:
    return "\n" in gap or bool(re.search(r"[.!?]\s+\S", gap))


def _total_before(
    marker: re.Match, members: list[dict], first_part: dict, context: Paragraph, taken: set
) -> dict | None:
    """The number the parts belong to: the nearest before the marker, in its sentence, with their period."""
    sentence = context.sentence_of(marker.start())
    opens_sentence = context.sentence_starts and marker.start() in context.sentence_starts
    sentences = {sentence, sentence - 1} if opens_sentence else {sentence}  # "… 8 822 personnes. Parmi elles, …"
    before = [c for c in members if c["end"] <= marker.start() and c["_sentence"] in sentences and id(c) not in taken]
    for claim in reversed(before):
        if _same_or_open_period(claim, first_part):
            return claim
    return None


def _same_or_open_period(a: dict, b: dict) -> bool:
    return a["period"] is None or b["period"] is None or a["period"] == b["period"]


def _others_after(last: dict, members: list[dict], context: Paragraph) -> bool:
    """Whether the words after the last part say it is not all ("… 86 000 Dounganes (0,4 %) et autres", par. 58)."""
    following = [c["start"] for c in members if c["start"] > last["end"]]
    tail = context.text[last["end"] : min([*following, last["end"] + 80])]
    return bool(_OTHERS_RE.search(tail))


def _shares_of(percents: list[dict], structures: list[Table], context: Paragraph) -> tuple[list[Table], list[dict]]:
    """Shares written in brackets right after the parts of a breakdown (par. 58, 249): a table of their own."""
    owner = {}
    for index, table in enumerate(structures):
        for member in table.members:
            owner[member.claim["end"]] = (index, member)
    attached: dict[int, list[Member]] = {}
    for claim in percents:
        ends = [
            end for end in owner if end <= claim["start"] and _SHARE_GAP_RE.match(context.text[end : claim["start"]])
        ]
        if ends:
            index, member = owner[max(ends)]
            attached.setdefault(index, []).append(Member(claim, "share", of=member))
    tables, used = [], set()
    for index, members in attached.items():
        if len(members) >= 2:
            tables.append(
                Table(
                    structures[index].shape, members, ["shares_of_parts"], "shares", subject=structures[index].subject
                )
            )
            used |= {id(m.claim) for m in members}
    return tables, [c for c in percents if id(c) not in used]


def _series(members: list[dict], excluded: set) -> list[Table]:
    """Time series: one counted noun stated for several periods; a period stated again starts another series."""
    by_head: dict = {}
    for claim in members:
        if id(claim) not in excluded and claim["_head"] is not None and periods.parse(claim["period"]):
            by_head.setdefault(claim["_head"], []).append(claim)
    runs: list[list[dict]] = []
    for claims in by_head.values():
        # A span holding the others' periods is their total, not a point ("quatre procédures" 2022-2024, par. 191).
        points = [
            c
            for c in claims
            if not any(_contains(periods.parse(c["period"]), periods.parse(o["period"])) for o in claims)
        ]
        run: list[dict] = []
        for claim in points:
            if any(c["period"] == claim["period"] for c in run):
                runs.append(run)
                run = []
            run.append(claim)
        runs.append(run)
    runs = sorted((run for run in runs if len({c["period"] for c in run}) >= 2), key=lambda r: r[0]["start"])
    if not runs:
        return []
    runs_ = [[Member(c, "value") for c in run] for run in runs]
    members_ = [m for run in runs_ for m in run]
    spans = {periods.parse(m.claim["period"]).span for m in members_}
    reasons = ["series"] + (["three_periods"] if max(len(run) for run in runs) >= 3 else [])
    reasons += ["same_subject"] if len({m.claim["_head"] for m in members_}) == 1 else []
    reasons += ["comparable"] if len(spans) == 1 else []
    return [Table("time_series", members_, reasons, "series", runs=runs_)]


def _contains(a, b) -> bool:
    """Whether period a holds period b and is longer (2022-2024 holds 2023)."""
    a_last, b_last = a.last or (9999, 12), b.last or (9999, 12)
    return a.first <= b.first and b_last <= a_last and (a.first, a_last) != (b.first, b_last)


def _series_totals(rest: list[dict], series: list[Table]) -> tuple[list[Table], list[dict]]:
    """Numbers stated before a series for its whole period or undated: its totals ("86 jugements", par. 155)."""
    if not series:
        return [], rest
    points = series[0].members
    start = min(m.claim["start"] for m in points)
    covered = periods.parse(periods.covered(m.claim["period"] for m in points))
    totals = [c for c in rest if c["start"] < start and (c["period"] is None or _holds_all(c["period"], covered))]
    if not totals:
        return [], rest
    shape = "breakdown" if len(totals) > 1 else "single"
    table = Table(
        shape, [Member(c, "total") for c in totals], ["series_totals"], "series_totals", subject=totals[0]["subject"]
    )
    if series[0].members[0].claim["kind"] != "percent":
        series[0].sums = [
            (run, total, True) for total in table.members if (run := _run_of(total.claim, series[0].runs))
        ]
    return [table], [c for c in rest if c not in totals]


def _run_of(total: dict, runs: list[list[Member]]) -> list[Member] | None:
    """The series a total sums: the one of its sentence with its noun, or the only one there (par. 155, 191)."""
    here = [run for run in runs if run[0].claim["_sentence"] == total["_sentence"]]
    same_noun = [run for run in here if run[0].claim["_head"] == total["_head"]]
    found = same_noun if len(here) > 1 else here
    return found[0] if len(found) == 1 else None


def _holds_all(period: str, covered) -> bool:
    """Whether a period is the whole span of a series or longer ("2022-2024" for 2022, 2023 and 2024)."""
    parsed = periods.parse(period)
    if not parsed or not covered:
        return False
    return _contains(parsed, covered) or (parsed.first, parsed.last) == (covered.first, covered.last)


def _joined_to_totals(rest: list[dict], structures: list[Table]) -> list[dict]:
    """Other numbers of the total's noun join its breakdown (par. 89: the disabled, then those employed)."""
    left = []
    for claim in rest:
        home = next(
            (t for t in structures if claim["_head"] is not None and t.members[0].claim["_head"] == claim["_head"]),
            None,
        )
        if home is None:
            left.append(claim)
        else:
            home.members.append(Member(claim, "value"))
    return left


def _enumerations(rest: list[dict]) -> list[Table]:
    """The remaining numbers of one kind, grouped when they share a noun, a period or a sentence."""
    if any(c["_noun"] is None for c in rest):
        groups = [rest] if rest else []  # a number without a counted noun may go with any other
    else:
        groups = _linked_groups(rest)
    tables = []
    for group in sorted(groups, key=lambda g: g[0]["start"]):
        if len(group) == 1:
            tables.append(Table("single", [Member(group[0], "value")], ["single"], "single"))
        else:
            tables.append(
                Table("breakdown", [Member(c, "value") for c in group], _enumeration_reasons(group), "enumeration")
            )
    return tables


def _linked_groups(claims: list[dict]) -> list[list[dict]]:
    """Numbers joined when they share a noun, a stated period, or a sentence and its (missing) date; in reading order."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict = {}
    for i, claim in enumerate(claims):
        keys = [("noun", claim["_noun"]), ("sentence", claim["_sentence"], claim["period"])]
        keys += [("period", claim["period"])] if claim["period"] is not None else []
        for key in keys:
            parent[root(i)] = root(first_with.setdefault(key, i))
    groups: dict[int, list[dict]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(root(i), []).append(claim)
    return sorted(groups.values(), key=lambda g: g[0]["start"])


def _enumeration_reasons(group: list[dict]) -> list[str]:
    reasons = ["enumeration"]
    reasons += ["one_sentence"] if len({(c["paragraph"], c["_sentence"]) for c in group}) == 1 else []
    dated = {c["period"] for c in group}
    if len(dated) == 1:
        reasons += ["one_period"] if None not in dated else ["undated"]
    else:
        reasons += ["mixed_periods"]
    nouns = {c["_noun"] for c in group if c["_noun"]}
    reasons += ["one_noun"] if len(nouns) == 1 and len(nouns) == len({c["_noun"] for c in group}) else []
    reasons += (
        ["several_nouns"] if len(nouns) > 1 else []
    )  # "20 séminaires … 500 représentants" (par. 116): facts, not a table
    return reasons


def _parallel_merged(tables: list[Table]) -> list[Table]:
    """Two breakdowns with as many parts for two periods (par. 249) become series by category, totals apart."""
    structures = [t for t in tables if t.origin == "total"]
    gone, new = set(), []
    for index, a in enumerate(structures):
        for b in structures[index + 1 :]:
            if id(a) in gone or id(b) in gone or not _parallel(a, b):
                continue
            made, replaced = _series_by_category(a, b, tables)
            gone |= {id(a), id(b)} | {id(t) for t in replaced}
            new += made
    return [t for t in tables if id(t) not in gone] + new


def _parallel(a: Table, b: Table) -> bool:
    a_parts, b_parts = _parts(a), _parts(b)
    a_total, b_total = a.members[0].claim, b.members[0].claim
    return (
        len(a_parts) == len(b_parts) >= 2
        and family(a_total) == family(b_total)
        and a_total["period"] is not None
        and b_total["period"] is not None
        and a_total["period"] != b_total["period"]
        and len(a.members) == len(a_parts) + 1
        and len(b.members) == len(b_parts) + 1
    )


def _parts(table: Table) -> list[Member]:
    return [m for m in table.members if m.role == "part"]


def _series_by_category(a: Table, b: Table, tables: list[Table]) -> tuple[list[Table], list[Table]]:
    """Two parallel breakdowns as series by position, their totals as one series, their shares likewise."""
    early, late = sorted((a, b), key=lambda t: periods.sort_key(t.members[0].claim["period"]))
    pairs = list(zip(_parts(early), _parts(late)))
    subject = late.subject or early.subject
    totals = [Member(early.members[0].claim, "value"), Member(late.members[0].claim, "value")]
    parts = _category_table([(x, y, y) for x, y in pairs], ["parallel"], subject)
    made = [parts, Table("time_series", totals, ["parallel", "same_subject"], "parallel_totals", subject=subject)]
    if early.sums and late.sums:  # each year's parts still add up to that year's total
        parts.sums = [
            ([m for m in parts.members if m.claim["period"] == total.claim["period"]], total, structure.complete)
            for total, structure in zip(totals, (early, late))
        ]
    shares = [t for t in tables if t.origin == "shares" and any(m.of in a.members + b.members for m in t.members)]
    share_of = {id(m.of): m for t in shares for m in t.members}
    share_pairs = [(share_of.get(id(x)), share_of.get(id(y)), y) for x, y in pairs]
    if shares and all(x and y for x, y, _ in share_pairs):
        made.append(_category_table(share_pairs, ["parallel", "shares_of_parts"], subject))
        return made, shares
    return made, []


def _category_table(pairs: list[tuple], reasons: list[str], subject) -> Table:
    """Series by category from (earlier member, later member, the part that names the category)."""
    categories = [([Member(x.claim, "value"), Member(y.claim, "value")], namer) for x, y, namer in pairs]
    members = [m for pair, _ in categories for m in pair]
    return Table("time_series", members, reasons, "parallel", categories=categories, subject=subject)


# Across paragraphs.


def _merged_across_paragraphs(tables: list[Table], outline: dict[int, dict]) -> list[Table]:
    """Breakdowns continued in the next paragraph (par. 289-290), lone figures joined to a neighbour's list."""
    tables = sorted(tables, key=lambda t: (t.members[0].claim["paragraph"], t.members[0].claim["start"]))
    return _neighbours_joined(_continued_breakdowns(tables, outline), outline)


def _continued_breakdowns(tables: list[Table], outline) -> list[Table]:
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


def _continues(previous: Table, table: Table, outline) -> bool:
    """The same total, for another period, in the next paragraph: "8 822 personnes …" then "835 personnes …"."""
    a, b = previous.members[0].claim, table.members[0].claim
    return (
        table.paragraphs[0] == previous.paragraphs[-1] + 1
        and _same_heading(outline, a["paragraph"], b["paragraph"])
        and family(a) == family(b)
        and a["_head"] is not None
        and a["_head"] == b["_head"]
        and a["period"] != b["period"]
    )


def _neighbours_joined(tables: list[Table], outline) -> list[Table]:
    """A paragraph's lone figure joins the previous (else the next) paragraph's list of the same noun (par. 107-108)."""
    gone = set()
    by_paragraph: dict[int, list[Table]] = {}
    for table in tables:
        for number in table.paragraphs:
            by_paragraph.setdefault(number, []).append(table)
    for single in [t for t in tables if t.origin == "single"]:
        claim = single.members[0].claim
        for number in (claim["paragraph"] - 1, claim["paragraph"] + 1):
            target = next(
                (
                    t
                    for t in by_paragraph.get(number, [])
                    if id(t) not in gone and t is not single and _joins(claim, t, number, outline)
                ),
                None,
            )
            if target is None:
                continue
            target.members = sorted(
                target.members + single.members, key=lambda m: (m.claim["paragraph"], m.claim["start"])
            )
            by_paragraph.setdefault(claim["paragraph"], []).append(target)
            target.shape, target.origin = "breakdown", "enumeration"
            target.reasons = [*_enumeration_reasons([m.claim for m in target.members]), "joined_neighbour"]
            gone.add(id(single))
            break
    return [t for t in tables if id(t) not in gone]


def _joins(claim: dict, table: Table, number: int, outline) -> bool:
    if table.origin not in ("enumeration", "single") or number not in table.paragraphs:
        return False
    if claim["_noun"] is None:  # nothing but its date ties it: the date of every number there (not par. 108 to 107)
        tied = all(m.claim["period"] == claim["period"] for m in table.members)
    else:
        tied = claim["_noun"] in {m.claim["_noun"] for m in table.members}
    return (
        _same_heading(outline, number, claim["paragraph"])
        and family(table.members[0].claim) == family(claim)
        and tied
        and all(_overlapping(claim["period"], m.claim["period"]) for m in table.members)
    )


def _overlapping(a, b) -> bool:
    """Undated numbers fit anywhere; dated ones when their periods overlap."""
    if a is None or b is None:
        return True
    bounds_a, bounds_b = periods.bounds(a), periods.bounds(b)
    if not bounds_a or not bounds_b:
        return a == b
    return bounds_a[0] <= bounds_b[1] and bounds_b[0] <= bounds_a[1]


def _worth_a_card(claim: dict) -> bool:
    """A single figure is suggested when it has a date and says what it counts (or is a share or an amount)."""
    return claim["period"] is not None and (claim["_head"] is not None or claim["kind"] in ("percent", "money"))


# Finishing: labels, titles, confidence, ids.


def _finished(
    tables: list[Table], outline: dict[int, dict], contexts: dict[int, Paragraph], report_id: str
) -> list[Suggestion]:
    tables = sorted(tables, key=lambda t: (t.members[0].claim["paragraph"], t.members[0].claim["start"]))
    for table in sorted(tables, key=lambda t: t.origin == "shares"):  # shares take their parts' labels
        _label(table, contexts)
    numbering: Counter = Counter()
    ids = {}
    for table in tables:
        first = table.paragraphs[0]
        numbering[first] += 1
        ids[id(table)] = f"{report_id}-p{first}-s{numbering[first]}"
    owner = {id(m): table for table in tables for m in table.members}
    out = []
    for table in tables:
        suggestion = _suggestion(table, ids[id(table)], outline[table.paragraphs[0]], report_id)
        suggestion.sum_checks = [
            check for parts, total, complete in table.sums if (check := _sum_check(parts, total, complete, owner, ids))
        ]
        out.append(suggestion)
    return out


def _sum_check(parts: list[Member], total: Member, complete: bool, owner: dict, ids: dict) -> dict | None:
    """A stated sum as filters on the suggestions that hold its numbers; None if they cannot be told apart."""
    operands = [_operand(parts, owner, ids), _operand([total], owner, ids)]
    if None in operands or not parts:
        return None
    return {"parts": operands[0], "total": operands[1], "complete": complete}


def _operand(members: list[Member], owner: dict, ids: dict) -> dict | None:
    """The filters (labels, periods, both or none) that pick exactly these members of their table."""
    tables = {id(owner[id(m)]) for m in members if id(m) in owner}
    if len(tables) != 1 or len(members) != sum(id(m) in owner for m in members):
        return None
    table = owner[id(members[0])]
    wanted = {id(m) for m in members}
    labels, dates = sorted({m.label for m in members}), sorted({m.claim["period"] or "" for m in members})
    for filters in ({}, {"labels": labels}, {"periods": dates}, {"labels": labels, "periods": dates}):
        picked = {
            id(m)
            for m in table.members
            if m.label in filters.get("labels", [m.label])
            and (m.claim["period"] or "") in filters.get("periods", [m.claim["period"] or ""])
        }
        if picked == wanted and "" not in filters.get("periods", []) and not ("labels" in filters and "" in labels):
            return {"suggestion": ids[id(table)], **filters}
    return None


def _label(table: Table, contexts: dict[int, Paragraph]) -> None:
    """Each member's label: what tells it apart from the others of its table (a dimension value)."""
    if table.origin == "series":
        _series_labels(table, contexts)
    elif table.origin == "parallel":
        for members, namer in table.categories:
            name = _words_around(namer.claim, contexts) or namer.claim["subject"] or ""
            for m in members:
                m.label = name
    elif table.origin == "shares":
        for m in table.members:
            m.label = m.of.label  # the label of the part it is the share of, labelled before
    elif table.origin != "parallel_totals":
        _part_labels(table.members, contexts)
    _unique_labels(table)


def _series_labels(table: Table, contexts) -> None:
    names = []
    for run in table.runs:
        subjects = Counter(m.claim["subject"] for m in run if m.claim["subject"])
        names.append(max(subjects, key=lambda s: (subjects[s], len(s))) if subjects else "")
    labels = _told_apart(names) or names
    if len({subject_head(name) for name in names}) < len(names):
        # par. 191: "procédures pénales" under three articles: the article tells them apart better than a participle
        refs = [_reference_before(run[0].claim, contexts) for run in table.runs]
        if all(refs) and len(set(refs)) == len(refs):
            labels = [f"{noun} ({ref})" if (noun := subject_parts(name)[0]) else ref for name, ref in zip(names, refs)]
    for label, run in zip(labels, table.runs):
        for m in run:
            m.label = label if len(table.runs) > 1 else ""


def _told_apart(subjects: list[str]) -> list[str] | None:
    """The fewest words that tell subjects apart: their nouns when they count different things ('affaires',
    'personnes'), else what the brackets add to one noun ('en russe', 'en kazakh'; the noun where there is no
    bracket: 'originaires d’Afghanistan', 'Ukraine', 'Syrie'), else the whole subjects."""
    if not subjects or not all(subjects):
        return None
    nouns, qualifiers = zip(*(subject_parts(s) for s in subjects))
    heads = {subject_head(n) for n in nouns}
    if len(heads) == len(nouns):
        return list(nouns)
    if len(heads) == 1:
        apart = [qualifier or noun for noun, qualifier in zip(nouns, qualifiers)]
        if len(set(apart)) == len(apart):
            return apart
    return list(subjects) if len(set(subjects)) == len(subjects) else None


def _reference_before(claim: dict, contexts) -> str:
    """The last legal reference before a number in its paragraph ('article 404', 'art. 489'), if any."""
    text = contexts[claim["paragraph"]].text[: claim["start"]]
    found = list(re.finditer(r"(?i)(?<!\w)(art(?:icle|\.)s?)\s*(\d+)", text))
    return f"{found[-1].group(1)} {found[-1].group(2)}" if found else ""


def _part_labels(members: list[Member], contexts) -> None:
    told_apart = _told_apart([m.claim["subject"] for m in members if m.role != "total"])
    distinct = told_apart is not None
    told = iter(told_apart or [])
    totals = [subject_parts(m.claim["subject"]) for m in members if m.role == "total"]
    for m in members:
        if m.role == "total":
            noun, qualifier = subject_parts(m.claim["subject"])
            # the noun says what the total counts; its bracket only when another total of the table has that noun
            shared = sum(n == noun for n, _ in totals) > 1 and qualifier
            m.label = (f"{noun} ({qualifier}, total)" if shared else f"{noun} (total)") if noun else "total"
        elif distinct:
            m.label = next(told)
        else:
            m.label = _words_around(m.claim, contexts) or m.claim["subject"] or ""
    items = [m for m in members if m.role != "total"]
    if not distinct and len({m.label for m in items}) < len(items):
        # par. 254: "… dans l'enseignement primaire pour 100 enseignants, … ouzbèkes pour 75 enseignants": the words before
        before = [_words_before(m.claim, contexts) for m in items]
        if all(before) and len(set(before)) == len(before):
            for m, label in zip(items, before):
                m.label = label


def _words_before(claim: dict, contexts) -> str:
    """The words of a number's clause before it, up to a comma, bracket or another number."""
    context = contexts[claim["paragraph"]]
    before_index = bisect_left(context.stat_starts, claim["start"])
    text = context.text[context.stat_starts[before_index - 1] if before_index else 0 : claim["start"]]
    pieces = re.split(r"[;:.()\n]|,\s|\d", text)
    piece = pieces[-1]
    if len(pieces) > 1 and piece.split()[:1] and piece.split()[0].lower() in _RELATIVE:
        piece = pieces[-2]  # the relative clause says nothing of what is counted; the clause it qualifies does
    return _clean_label(piece.split()[-_LABEL_WORDS:])


def _words_around(claim: dict, contexts) -> str:
    """What names a number in a list: the words after it ('en russe'), or before its bracket ('calme (60,9 %)')."""
    context = contexts[claim["paragraph"]]
    before = context.text[: claim["start"]]
    after = context.text[claim["end"] :]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):  # par. 107: "calme (60,9 %) et bonne (34,9 %)"
        piece = re.split(r"[;:.\n(]|,\s|\s(?:et|ou|and|or)\s", before.rstrip()[:-1])[-1]
        return _clean_label(piece.split()[-_LABEL_WORDS:])
    start = claim["end"]
    if bracket := _BRACKET_AFTER_RE.match(context.text[start:]):  # "3 743 (54,2 %) dispensaient un enseignement …"
        start += bracket.end()
    after_index = bisect_left(context.stat_starts, start)
    stop = context.stat_starts[after_index] if after_index < len(context.stat_starts) else len(context.text)
    text = context.text[start:stop].lstrip(" ,\u00a0\u202f")
    return _clean_label(re.split(r"[;:.\n]|,\s|\s\(", text, maxsplit=1)[0].split())


def _clean_label(words: list[str]) -> str:
    """Words as a label: no dangling 'et' or bracket, cut at a word before _LABEL_MAX characters."""
    while words and (words[-1].lower() in _DANGLING or not re.search(r"\w", words[-1])):
        words = words[:-1]
    while words and (words[0].lower() in _LEADING or not re.search(r"\w", words[0])):
        words = words[1:]
    label = ""
    for word in words:
        if len(label) + len(word) + 1 > _LABEL_MAX:
            return label + " …"
        label = f"{label} {word}".strip()
    label = label.strip("()").strip()
    return label if re.search(r"\w{3,}", label) else ""


def _unique_labels(table: Table) -> None:
    """Two bars never share a name (nor two points of one series their period): told apart by period, else a number."""

    def key(m):
        return (m.label, m.claim["period"]) if table.shape == "time_series" else m.label

    counts = Counter(key(m) for m in table.members)
    for m in table.members:
        if counts[key(m)] > 1 and m.claim["period"] and table.shape != "time_series":
            m.label = f"{m.label} ({periods.label(m.claim['period'], 'fr')})".strip()
    counts = Counter(key(m) for m in table.members)
    seen: Counter = Counter()
    for m in table.members:
        if counts[key(m)] > 1:
            seen[key(m)] += 1
            m.label = f"{m.label} ({seen[key(m)]})".strip()


def _suggestion(table: Table, suggestion_id: str, heading: dict, report_id: str) -> Suggestion:
    claims = [m.claim for m in table.members]
    reasons = table.reasons + (["measure_kind"] if claims[0]["kind"] == "measure" else [])
    if table.shape == "single" and table.origin == "single":
        reasons += (["has_subject"] if claims[0]["_head"] else []) + (
            ["qualified"] if claims[0]["qualifier"] != "exact" else []
        )
    reasons = list(dict.fromkeys(reasons))
    confidence = round(min(0.95, max(0.05, sum(REASONS[r][2] for r in reasons))), 2)
    covered = periods.covered(c["period"] for c in claims if c["period"])
    unit, unit_fr, unit_en, line_units = _unit(table)
    chapter, section = heading.get("chapter") or "", heading.get("section") or ""
    section_key = f"{chapter}.{section}" if section else chapter
    section_title = heading.get("section_title") or heading.get("chapter_title") or ""
    title_fr, title_en = _titles(table, _table_subjects(table), covered, section_title, section_key)
    return Suggestion(
        suggestion_id=suggestion_id,
        report_id=report_id,
        shape=table.shape,
        title_fr=title_fr,
        title_en=title_en,
        confidence=confidence,
        reasons=reasons,
        members=[
            Member({k: v for k, v in m.claim.items() if not k.startswith("_")}, m.role, m.label) for m in table.members
        ],
        period_covered=covered,
        topic=_slug(f"suggested {section_key}"),
        topic_title_fr=f"{section_key}. {section_title}" if section_title else section_key,
        topic_title_en=f"Section {section_key}: {section_title}" if section_title else f"Section {section_key}",
        unit=unit,
        unit_fr=unit_fr,
        unit_en=unit_en,
        line_units=line_units,
    )


def _table_subjects(table: Table) -> list[str]:
    """What the table counts, in the report's words: one subject, or the first of several ('…' when more)."""
    if table.subject:
        return [table.subject]
    subjects = Counter(m.claim["subject"] for m in table.members if m.claim["subject"])
    if len(subjects) > 1:  # "affaires (jugées)", "personnes (condamnées)": the nouns before the brackets name them
        subjects = Counter(subject_parts(s)[0] for s in subjects.elements())
    if not subjects:
        return []
    if len({subject_head(s) for s in subjects}) == 1:
        return [min(subjects, key=lambda s: (-subjects[s], len(s)))]
    return [s for s, _ in subjects.most_common(2)] + (["…"] if len(subjects) > 2 else [])


def _unit(table: Table) -> tuple[str, str, str, dict[str, str]]:
    """The table's unit: the claims' unit (%, a currency), else the count unit of what it counts, with the words
    of the report (a noun, or a few of them); and each claim's own count unit when they differ (unit 'count')."""
    claims = [m.claim for m in table.members]
    units = {c["unit"] for c in claims}
    if len(units) == 1 and None not in units:
        unit = units.pop()
        return unit, unit, unit, {}
    if table.subject or table.members[0].role == "total":  # parts and shares count what their total counts
        noun = counted_noun(table.subject or claims[0]["subject"])
        each = {c["claim_id"]: noun for c in claims}
    else:
        each = {c["claim_id"]: counted_noun(c["subject"]) for c in claims}
    nouns = list(dict.fromkeys(each.values()))
    counts = {claim_id: count_unit(noun) for claim_id, noun in each.items()}
    # a definition whose unit is "count" names each line's unit (etl/definitions.py), even one noun of no count unit
    unit = counts[claims[0]["claim_id"]] if len(set(counts.values())) == 1 else MIXED_UNIT
    lines = counts if unit == MIXED_UNIT else {}
    if None in nouns or not nouns or len(nouns) > 3:
        return unit, "effectif", "count", lines
    # par. 155: "affaires / personnes"
    return unit, " / ".join(nouns), " / ".join(_english_noun(n) for n in nouns), lines


def count_unit(noun) -> str:
    """The count unit of contract/schema.py a counted noun is in ('affaires' -> 'cases'), else 'count'."""
    head = subject_head(noun)
    return _COUNT_UNIT_OF.get(head) or ("persons" if head in PERSONS_HEADS else MIXED_UNIT)


# A count unit by the head of its French word ('affaires' -> 'cases'); procedures are cases, as the curated count them.
_COUNT_UNIT_OF = {subject_head(fr): unit for unit, (fr, _) in COUNT_UNITS.items()} | {"procédure": "cases"}


def _english_noun(noun: str) -> str:
    return HEADS_EN.get(subject_head(noun), noun)


def english_subject(subject: str) -> str:
    """A French counted phrase for an English title: 'Cases (“affaires pénales enregistrées”)', or the French in quotes."""
    head = subject_head(subject)
    if head in HEADS_EN:
        return HEADS_EN[head] + (f" (“{subject}”)" if len(subject.split()) > 1 else "")
    return f"“{subject}”"


# How a title names the shape of its table (fr, en); "{s}" is what it counts.
TITLE_SHAPES = {
    "series": ("{s} par année", "{s} by year"),
    "parallel": ("{s} : répartition par année", "{s}: breakdown by year"),
    "parallel_totals": ("{s} au total, par année", "{s} in total, by year"),
    "total": ("{s} : total et répartition", "{s}: total and breakdown"),
    "shares": ("{s} : répartition en %", "{s}: breakdown in %"),
    "series_totals": ("{s} : totaux sur la période", "{s}: totals over the period"),
    "enumeration": ("{s}", "{s}"),
    "single": ("{s}", "{s}"),
}


def _titles(table: Table, subjects: list[str], covered, section_title: str, section_key: str) -> tuple[str, str]:
    """A French and an English title: what is counted, how it is cut, when, and the section it is from."""
    percent = table.members[0].claim["unit"] == "%" and table.origin != "shares"
    named = [s for s in subjects if s != "…"]
    more = " …" if "…" in subjects else ""
    name_fr = (" et ".join(named) + more if named else section_title or "Chiffres") + (" (%)" if percent else "")
    name_en = " and ".join(english_subject(s) for s in named) + more if named else f"Figures of section {section_key}"
    name_en += " (%)" if percent else ""
    shape_fr, shape_en = TITLE_SHAPES[table.origin]
    if table.origin == "series" and not all(
        ((p := periods.parse(m.claim["period"])) and p.span == 12) or p.grain in ("half", "months", "quarter")
        for m in table.members
    ):
        shape_fr, shape_en = "{s} par période", "{s} by period"
    when_fr = periods.label(covered, "fr") if covered else "sans date"
    when_en = periods.label(covered, "en") if covered else "undated"
    title_fr = f"{_capital(shape_fr.format(s=name_fr))}, {when_fr}"
    title_en = f"{_capital(shape_en.format(s=name_en))}, {when_en}"
    if named and section_title:
        title_fr += f" — {section_title}"
        title_en += f" — section {section_key}"
    return title_fr, title_en


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", re.sub(r"[’']", " ", text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


# Rows of suggestions.parquet.


def suggestion_rows(suggestions: list[Suggestion], charted: dict[str, list[str]] | None = None) -> list[dict]:
    """One row per claim of every suggestion, in the columns of contract/schema.py.

    `charted` maps the claims curated indicators use to those indicators: a suggestion they cover names them.
    """
    charted = charted or {}
    rows = []
    for s in suggestions:
        covering = sorted({i for c in s.claim_ids for i in charted.get(c, [])}) if covered(s, set(charted)) else []
        for position, member in enumerate(s.members, 1):
            row = {
                "suggestion_id": s.suggestion_id,
                "report_id": s.report_id,
                "shape": s.shape,
                "title_fr": s.title_fr,
                "title_en": s.title_en,
                "period_covered": s.period_covered,
                "confidence": s.confidence,
                "reasons": "; ".join(REASONS[r][1] for r in s.reasons),
                "claim_id": member.claim["claim_id"],
                "position": position,
                "role": member.role,
                "label": member.label,
                "covered_by": covering,
            }
            rows.append({column: row[column] for column in SUGGESTION_COLUMNS})
    return rows


def reasons_text(reasons: list[str], lang: str) -> str:
    """The reasons of a suggestion in one language."""
    return (" ; " if lang == "fr" else "; ").join(REASONS[r][0 if lang == "fr" else 1] for r in reasons)


# How suggestions and curated tables meet.

COVERED_SHARE = 0.5  # a suggestion half of whose numbers curated indicators chart is covered: not "uncharted"


def covered(suggestion: Suggestion, charted: set[str]) -> bool:
    """Whether curated indicators already chart at least half of a suggestion's numbers."""
    return sum(c in charted for c in suggestion.claim_ids) >= COVERED_SHARE * len(suggestion.claim_ids)


def recovery(
    curated: dict[str, list[str]], suggested: dict[str, list[str]], held: float = 0.8, others: float = 0.2
) -> dict[str, dict]:
    """For each curated table ({id: claim ids}), its best suggestion and whether it recovers it.

    Recovered: the suggestion holds at least `held` of the table's claims, and at most `others`
    of the suggestion's claims are not the table's.
    """
    out = {}
    for indicator_id, claim_ids in curated.items():
        wanted = set(claim_ids)
        best, best_score = None, (-1.0, -1.0)
        for suggestion_id, members in suggested.items():
            mine = set(members)
            share_held = len(wanted & mine) / len(wanted)
            share_others = len(mine - wanted) / len(mine) if mine else 1.0
            score = (share_held - share_others, share_held)
            if share_held and score > best_score:
                best, best_score = (suggestion_id, share_held, share_others), score
        if best is None:
            out[indicator_id] = {"suggestion_id": None, "held": 0.0, "others": 0.0, "recovered": False}
        else:
            suggestion_id, share_held, share_others = best
            out[indicator_id] = {
                "suggestion_id": suggestion_id,
                "held": share_held,
                "others": share_others,
                "recovered": share_held >= held and share_others <= others,
            }
    return out
