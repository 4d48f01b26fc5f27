"""A document's identity read from its first page: symbol, date, body, type, State and language.

UN documents print who issued them, what they are and about which State on their first page,
and nowhere else (a UPR Working Group report: "United Nations A/HRC/14/10 … 23 March 2010 …
Report of the Working Group on the Universal Periodic Review* Kazakhstan"). Each rule is anchored
to the cover's layout — a symbol or a date alone on its line, a title at the start of a line, the
State in or after the title — so a symbol or a date cited in a paragraph of a text without a cover
is never taken for the document's own. A field the page does not print is None, never guessed.
Pure: the first page's text in, the fields found out.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from contract.states import NAMES, State, fold, state_named, state_of
from etl.lang import LANGUAGES
from etl.lang.detect import detect_language

FIRST_PAGE_CHARS = 5_000  # a text without pages: its opening stands for the first page (a cover is ~2 000)
FIRST_DAY, LAST_DAY = date(1965, 1, 1), date(2100, 12, 31)  # the metadata's bounds (etl/metadata.py)

# The Organization's name, printed before the symbol on a cover ("United Nations A/HRC/21/11").
ORGANIZATION = ("United Nations", "Nations Unies", "Naciones Unidas")
# How a cover names the kind of document, at the start of a line, in English, French and Spanish.
# The first kind that matches wins: a reply names the list of issues, a list of issues the report.
TITLES: dict[str, tuple[str, ...]] = {
    "replies": (
        r"Replies of .{1,120}? to the list of issues",
        r"Réponses d.{1,120}? à la liste de points",
        r"Respuestas d.{1,120}? a la lista de cuestiones",
    ),
    "list_of_issues": (r"List of issues", r"Liste de points", r"Lista de cuestiones"),
    "concluding_observations": (r"Concluding observations", r"Observations finales", r"Observaciones finales"),
    "upr_working_group_report": (
        r"Report of the Working (?:Group )?on the Universal Periodic Review",  # "Working on": saudiarabia2009
        r"Rapport du Groupe de travail sur l.Examen périodique universel",
        r"Informe del Grupo de Trabajo sobre el Examen Periódico Universal",
    ),
    "upr_national_report": (
        r"National report submitted in accordance with",
        r"Rapport national présenté conformément",
        r"Informe nacional presentado",
    ),
    "upr_compilation": (
        r"Compilation (?:prepared|of (?:UN|United Nations) information|on )",
        r"Compilation (?:établie|concernant|de renseignements)",
        r"Recopilación (?:preparada|sobre|de)",
    ),
    "upr_summary": (
        r"Summary (?:prepared|of (?:other )?stakeholders)",
        r"Résumé (?:établi|des communications)",
        r"Resumen (?:preparado|de las comunicaciones)",
    ),
    "state_report": (
        r"(?:[\w-]+ ){0,6}?(?:initial|periodic) reports?\b",  # "Combined eleventh to fourteenth periodic reports"
        r"(?:[\w’'-]+ ){0,3}?rapports? (?:initial|périodiques?|valant)\b",
        r"(?:[\w-]+ ){0,3}?informes? (?:inicial|periódicos?)\b",
    ),
}
# Titles of the special procedures' reports (they have no type of their own in DOCUMENT_TYPES).
SPECIAL_PROCEDURES = (
    r"Report of the (?:Special Rapporteur|Independent Expert|Working Group on (?!the Universal))",
    r"Rapport (?:du|de la) (?:Rapporteu(?:r|se) spéciale?|Groupe de travail sur (?!l.Examen))",
    r"Rapport de l.Experte? indépendante?",
    r"Informe (?:del|de la) (?:Relatora? Especial|Expert[oa] Independiente|Grupo de Trabajo sobre (?!el Examen))",
)
# The body a symbol's series names: the treaty bodies' (the SPT's are the CAT's Optional Protocol's), the UPR's.
SYMBOL_BODIES = (
    ("CAT/OP/", "SPT"),
    ("CAT/", "CAT"),
    ("CCPR/", "CCPR"),
    ("CED/", "CED"),
    ("CEDAW/", "CEDAW"),
    ("CERD/", "CERD"),
    ("E/C.12/", "CESCR"),
    ("CMW/", "CMW"),
    ("CRC/", "CRC"),
    ("CRPD/", "CRPD"),
    ("A/HRC/WG.6/", "UPR"),
    ("A/HRC/", "HRC"),
)
TREATY_BODY_SERIES = r"(?:CAT|CCPR|CED|CEDAW|CERD|CMW|CRC|CRPD)/C|E/C\.12"
# What a symbol's parts say the document is: the UPR documents of a session (the State's code, then 1, 2,
# 3; the Working Group's draft report L.n, or 4 in its first sessions), and the treaty bodies' documents.
SYMBOL_TYPES = (
    (r"^A/HRC/WG\.6/\d+/[A-Z]{3}/1$", "upr_national_report"),
    (r"^A/HRC/WG\.6/\d+/[A-Z]{3}/2$", "upr_compilation"),
    (r"^A/HRC/WG\.6/\d+/[A-Z]{3}/3$", "upr_summary"),
    (r"^A/HRC/WG\.6/\d+/(?:L\.\d+|[A-Z]{3}/4)$", "upr_working_group_report"),
    (r"/CO/", "concluding_observations"),
    (r"/(?:Q|QPR|LOIPR)/.+/Add\.\d+$", "replies"),
    (r"/RQ/", "replies"),
    (r"/(?:Q|QPR|LOIPR)/", "list_of_issues"),
    (rf"^(?:{TREATY_BODY_SERIES})/(?:[A-Z]+/)?[A-Z]{{3}}/\d+(?:-\d+)?$", "state_report"),
)
# Where a Working Group report without its title names its draft: "Previously issued under the document
# symbol A/HRC/WG.6/2/L.3" (peru2008), "… A/HRC/WG.6/1/DZA /4" (algeria2008).
PREVIOUS_WG_REPORT = r"A/HRC/WG\.6/\d+/\s*(?:L\.\s*\d+|[A-Z]{3}\s*/\s*4)\b"
# The job number's language letter: "GE.13-12572 (E)" is the English version.
JOB_LANGUAGES = {"E": "en", "F": "fr", "S": "es"}
# How each language writes a date on a cover: "23 March 2010" ("5 July2013" on uzbekistan2013), "27 octobre
# 2025", "27 de octubre de 2025"; the day and month words are the language's own tables.
DATE_FORMS = {
    "en": r"(?P<d>{day})\s+(?P<m>{months})\s*(?P<y>\d{{4}})",
    "fr": r"(?P<d>{day})\s+(?P<m>{months})\s+(?P<y>\d{{4}})",
    "es": r"(?P<d>{day})\s+de\s+(?P<m>{months})\s+de\s+(?P<y>\d{{4}})",
}

_SYMBOL_PART = r"/[A-Za-z0-9()+-]+(?:\.[A-Za-z0-9()+-]+)*"
_SYMBOL = rf"[A-Z][A-Z0-9]*(?:\.\d+)?(?:{_SYMBOL_PART})+"
_ORGANIZATION = "|".join(ORGANIZATION)
_DISTRIBUTION = r"Distr\.?\s*:?\s*[^\W\d]+"  # "Distr.: General", "Distr. GENERAL", "Distr. générale"
_MARKS = r"[ \t]*[*∗]*[ \t]*"  # footnote stars after a symbol or a date ("A/HRC/11/18*": reissued)
# A cover's symbol alone on its line (after the Organization's name, perhaps); or, in a cover a reader joined
# into one line, right after the Organization's name or the distribution ("Distr. GENERAL A/HRC/8/37").
_SYMBOL_RE = re.compile(
    rf"^[ \t]*(?:(?:{_ORGANIZATION})[ \t]+)?(?P<symbol>{_SYMBOL}){_MARKS}$"
    rf"|(?:{_ORGANIZATION}|{_DISTRIBUTION})\s+(?P<joined>{_SYMBOL})[*∗]*(?=\s|$)",
    re.MULTILINE,
)
# The series letter printed large, apart from the rest of the symbol: "United Nations A" … "/HRC/14/10".
_TAIL_RE = re.compile(
    rf"(?:^[ \t]*|(?:{_ORGANIZATION})\s+(?:[A-Z]\s+)?)(?P<tail>(?:{_SYMBOL_PART})+)[*∗]*(?=\s|$)", re.MULTILINE
)
_LETTER_RE = re.compile(r"(?<!\S)(?P<letter>[A-Z])(?!\S)")
# The cover ends where the first paragraph or chapter begins ("1. The Working Group …", "I. Introduction").
_BODY_START_RE = re.compile(r"^[ \t]*(?:1|I)\.\s", re.MULTILINE)
# A cover's date alone on its line; or right after the distribution (and the symbol) in a joined cover.
_DATE_PLACES = (r"^[ \t]*{date}" + _MARKS + "$", rf"{_DISTRIBUTION}\s+(?:{_SYMBOL}[*∗]*\s+)?{{date}}")
_JOB_RE = re.compile(r"GE\.\d{2}-\d{4,6}\s*\((?P<letter>[A-Z])\)")

# The fields of a document's identity (the metadata's names, the columns of reports.parquet), in that order.
IDENTITY_FIELDS = ("symbol", "date_issued", "body", "document_type", "state", "state_iso3", "cycle", "period_covered")
STATE_FIELDS = ("state", "state_iso3")  # a pair: both from the json when it names the State, else both from the page
# Fields a json and a first page may disagree on, which the build then warns of.
CHECKED_FIELDS = ("symbol", "date_issued", "body", "document_type", "state_iso3")


@dataclass(frozen=True)
class Detected:
    """What a first page says of its document; None where it does not say."""

    symbol: str | None = None
    date_issued: date | None = None
    body: str | None = None
    document_type: str | None = None
    state: str | None = None
    state_iso3: str | None = None
    cycle: str | None = None
    language: str | None = None

    def found(self) -> dict[str, str]:
        """The fields the page gave, as metadata values (a date as `YYYY-MM-DD`), in the order above."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: v.isoformat() if isinstance(v, date) else v for name, v in values.items() if v is not None}


@dataclass(frozen=True)
class Identity:
    """A document's identity fields, which of them its first page gave, and where page and json disagree."""

    values: dict[str, str]
    detected: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def identity(given: Mapping[str, object], page: Detected) -> Identity:
    """Each field from the json, else from the first page, else as the json's symbol implies (`CERD/C/KAZ/11-14`)."""
    printed = page.found()
    symbol = given.get("symbol")
    implied = symbol_fields(symbol if isinstance(symbol, str) else None).found()
    named = _given_state(given)
    values: dict[str, str] = {}
    detected = []
    for name in IDENTITY_FIELDS:
        if name in given:
            values[name] = str(given[name])
        elif name in STATE_FIELDS and named:  # the json names the State: the page's does not mix in
            if name in named:
                values[name] = named[name]
        elif name in printed:
            values[name] = printed[name]
            detected.append(name)
        elif name in implied:
            values[name] = implied[name]
    warnings = [
        f"the metadata says {name} {given[name]} but the first page prints {printed[name]}; check the metadata"
        for name in CHECKED_FIELDS
        if name in given and name in printed and str(given[name]) != printed[name]
    ]
    return Identity(values, tuple(detected), tuple(warnings))


def _given_state(given: Mapping[str, object]) -> dict[str, str]:
    """The json's State and code, each completed from the other by the table of States."""
    name, code = given.get("state"), given.get("state_iso3")
    state = state_of(code) if isinstance(code, str) else state_named(name) if isinstance(name, str) else None
    pair = {"state": name or (state.en if state else None), "state_iso3": code or (state.iso3 if state else None)}
    return {k: str(v) for k, v in pair.items() if v}


def symbol_fields(symbol: str | None) -> Detected:
    """What a symbol alone says: its body, the kind of document, the reports it numbers, the State whose code it has."""
    state = _symbol_state(symbol)
    return Detected(
        symbol=symbol,
        body=_body(symbol, symbol_type(symbol, ""), ""),
        document_type=symbol_type(symbol, ""),
        state=state.en if state else None,
        state_iso3=state.iso3 if state else None,
        cycle=symbol_cycle(symbol),
    )


def first_page_of(text: str) -> str:
    """A text's first page: up to its first page break, or its opening when it has none."""
    return text[:FIRST_PAGE_CHARS].split("\f", 1)[0]


def detect(first_page: str) -> Detected:
    """The document's symbol, date, body, type, State and language, as its first page prints them."""
    page = first_page[:FIRST_PAGE_CHARS].replace("\r", "").replace("\xa0", " ")
    body_start = _BODY_START_RE.search(page)
    cover = page[: body_start.start()] if body_start else page
    symbol = symbol_on(page)
    title = _title(cover)
    document_type = title[0] if title else symbol_type(symbol, page)
    named_after = title[1] if title else _SPECIAL_PROCEDURES_RE.search(cover)  # "… Rapporteur … Visit to Kazakhstan"
    state = _state(cover, named_after) or _symbol_state(symbol)
    return Detected(
        symbol=symbol,
        date_issued=date_on(page),
        body=_body(symbol, document_type, cover),
        document_type=document_type,
        state=state.en if state else None,
        state_iso3=state.iso3 if state else None,
        cycle=symbol_cycle(symbol),
        language=detect_language(page) or _job_language(page),
    )


def symbol_on(page: str) -> str | None:
    """The symbol a cover prints alone on its line (or after "United Nations"), its series letter put back."""
    match = _SYMBOL_RE.search(page)
    if match:
        return match["symbol"] or match["joined"]
    tail = _TAIL_RE.search(page)
    letters = list(_LETTER_RE.finditer(page, 0, tail.start("tail"))) if tail else []  # the nearest lone capital before
    return letters[-1]["letter"] + tail["tail"] if tail and letters else None


def date_on(page: str) -> date | None:
    """The date a cover prints alone on its line or after "Distr.: General", in the first language that has one."""
    found = [
        (m.start(), _date(m, code)) for code, patterns in _DATE_RES.items() for p in patterns for m in p.finditer(page)
    ]
    dates = sorted((start, day) for start, day in found if day is not None)
    return dates[0][1] if dates else None


def _date(match: re.Match[str], language: str) -> date | None:
    months = {name.casefold(): number for name, number in LANGUAGES[language].MONTHS.items()}
    day = int(re.match(r"\d+", match["d"])[0])  # type: ignore[index]  # every DAY form starts with digits
    try:
        found = date(int(match["y"]), months[match["m"].casefold()], day)
    except ValueError:  # 31 February
        return None
    return found if FIRST_DAY <= found <= LAST_DAY else None


def _date_res(code: str) -> tuple[re.Pattern[str], ...]:
    tables = LANGUAGES[code]
    months = "|".join(sorted(map(re.escape, tables.MONTHS), key=len, reverse=True))
    form = DATE_FORMS[code].format(day=tables.DAY, months=months)
    return tuple(re.compile(place.format(date=form), re.MULTILINE | re.IGNORECASE) for place in _DATE_PLACES)


_DATE_RES = {code: _date_res(code) for code in DATE_FORMS}


def _pattern(text: str) -> str:
    """A title's words, each space standing for any run of white space (a title wraps)."""
    return text.replace(" ", r"\s+")


_TITLE_RES = {
    kind: re.compile(rf"^[ \t]*(?:{'|'.join(map(_pattern, titles))})", re.MULTILINE | re.IGNORECASE | re.DOTALL)
    for kind, titles in TITLES.items()
}
# In a cover joined into one line a title starts anywhere, but as a title does: with a capital ("Concluding
# observations on …", "REPORT OF THE WORKING GROUP", never "the concluding observations"). A State report's
# title starts with any word.
_JOINED_TITLE_RES = {
    kind: re.compile(rf"(?<=\s)(?=(?-i:[A-Z]))(?:{'|'.join(map(_pattern, titles))})", re.IGNORECASE | re.DOTALL)
    for kind, titles in TITLES.items()
    if kind != "state_report"
}
_SPECIAL_PROCEDURES_RE = re.compile(
    rf"^[ \t]*(?:{'|'.join(map(_pattern, SPECIAL_PROCEDURES))})", re.MULTILINE | re.IGNORECASE
)


def _title(cover: str) -> tuple[str, re.Match[str]] | None:
    """The kind of document the cover's title names, and where the title is."""
    for titles in (_TITLE_RES, _JOINED_TITLE_RES):
        for kind, pattern in titles.items():
            match = pattern.search(cover)
            if match:
                return kind, match
    return None


def symbol_type(symbol: str | None, page: str) -> str | None:
    """The kind of document its symbol says, or the Working Group's report when the page names its draft."""
    for pattern, kind in SYMBOL_TYPES:
        if symbol and re.search(pattern, symbol):
            return kind
    if symbol and symbol.startswith("A/HRC/") and re.search(PREVIOUS_WG_REPORT, page):
        return "upr_working_group_report"
    return None


def _body(symbol: str | None, document_type: str | None, cover: str) -> str | None:
    """The issuing body: the UPR for its documents, the special procedures by their title, else the symbol's."""
    if document_type and document_type.startswith("upr_"):
        return "UPR"
    body = next((body for prefix, body in SYMBOL_BODIES if symbol and symbol.startswith(prefix)), None)
    if body == "HRC" and _SPECIAL_PROCEDURES_RE.search(cover):
        return "SP"
    return body


def symbol_cycle(symbol: str | None) -> str | None:
    """The periodic reports a treaty body's symbol numbers (`CERD/C/KAZ/CO/8-10` -> `8-10`)."""
    if not symbol or not re.match(TREATY_BODY_SERIES, symbol):
        return None
    match = re.search(r"/(?P<cycle>\d{1,2}(?:-\d{1,2})?)(?:/Add\.\d+)?$", symbol)
    return match["cycle"] if match else None


def _symbol_state(symbol: str | None) -> State | None:
    """The State whose code a symbol carries (`CERD/C/KAZ/11-14`, `A/HRC/WG.6/7/KAZ/1`)."""
    parts = symbol.split("/")[1:] if symbol else []
    return next((state for part in parts if (state := state_of(part)) is not None), None)


_NAME_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(NAMES, key=len, reverse=True)))})(?![\w-])")
_WINDOW_LINES = 2  # lines with letters after the title: the State's name, then perhaps a footnote


def _state(cover: str, title: re.Match[str] | None) -> State | None:
    """The State named in the title or just after it; without a title, a line that is a State's name."""
    if title is not None:
        found = _NAME_RE.search(fold(cover[title.start() : _lines_after(cover, title.end())]))
        if found:
            return NAMES[found[0]]
    return next((state for line in cover.splitlines() if (state := state_named(line)) is not None), None)


def _lines_after(text: str, start: int) -> int:
    """Where the title's line and the next lines that hold letters end."""
    end = text.find("\n", start)
    lines = 0
    while end >= 0 and lines < _WINDOW_LINES:
        following = text.find("\n", end + 1)
        if re.search(r"[^\W\d_]", text[end + 1 : following if following >= 0 else len(text)]):
            lines += 1
        end = following
    return len(text) if end < 0 else end


def _job_language(page: str) -> str | None:
    match = _JOB_RE.search(page)
    return JOB_LANGUAGES.get(match["letter"]) if match else None
