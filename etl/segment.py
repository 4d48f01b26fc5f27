"""Split a report's text into chapters, sections, subsections and numbered paragraphs.

Two real layouts are read: the tab layout of the report ("155.<TAB>Text",
"<TAB>A.<TAB>Title", "<TAB><TAB>a)") and the UN's own text export ("155.Text",
"A.Title", "a)Text"), with French and Spanish items "a)" and English ones "(a)".
Lines without a number belong to the paragraph above them, or continue the heading
above them when no paragraph has started since. The follow-up headings of every
language in `etl/lang/` are read ("Renseignements sur la suite donnée aux paragraphes …",
"Information on the follow-up to paragraphs …", "Información relativa al seguimiento …").
A paragraph's numbered recommendations ("124.1", or "1." after a paragraph ending in ":"), lettered
sub-paragraphs and bullets are its items (etl/segment_items.py), never paragraphs of their own.

An annex ("Annex", "Annex II", "Annexe", "Anexo" on a line of its own, its title on that line or the next)
is a part of its own, to the next annex or the end: its lines are blocks marked `part="annex"` with the
annex's heading, numbered past any number a body prints (`ANNEX_NUMBERS`), so that a list of names (the
composition of a UPR delegation) is never glued to the last paragraph nor read as the body's.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from etl.lang import LANGUAGES
from etl.segment_items import Item, ItemMark, item_mark, items_of, starts_list

_PARAGRAPH_RE = re.compile(r"^[ \t]*(?P<number>\d{1,4})\.(?:[ \t]+|(?=[^\d\s.]))(?=\S)")
_HEADING_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[IVXLCDM]+|[A-Z])\.[ \t]*(?P<title>\S.*)$")
_SUBSECTION_RE = re.compile(r"^[ \t]*(?P<mark>\(?[a-z]\))[ \t]*$")
_ITEM_RE = re.compile(r"^[ \t]*\(?[a-z]\)[ \t]*\S")  # "a) Text" (fr, es), "(a) Text" (en)
_CO_REFS_RE = re.compile("|".join(t.FOLLOW_UP_HEADING for t in LANGUAGES.values()), re.IGNORECASE)
_CO_REFS_END_RE = re.compile("|".join(t.FOLLOW_UP_END for t in LANGUAGES.values()), re.IGNORECASE)
_CO_REFS_LIST_RE = re.compile(
    rf"(?:{'|'.join(t.PARAGRAPH_WORDS for t in LANGUAGES.values())})\s+(.*?)(?:{_CO_REFS_END_RE.pattern}|$)",
    re.IGNORECASE,
)
_LINE_END_MARKS = set(".;:,!?…)»")
# Annex k's blocks are numbered k·10 000 + 1, + 2, …: a body's numbers have at most four digits
# (_PARAGRAPH_RE), so an annex's keys and anchors (`p10001`) never meet the body's.
ANNEX_NUMBERS = 10_000
_ANNEX_WORDS = "|".join(t.ANNEX_WORDS for t in LANGUAGES.values())
_ANNEX_RE = re.compile(
    rf"^[ \t]*(?P<label>(?i:{_ANNEX_WORDS})(?:[ \t]+(?:[IVXLC]+|\d{{1,2}}|[A-Z]))?)(?![\w-])[ \t]*[*∗]*"
    r"(?:[ \t]+(?P<title>\S.*))?$"
)
_LANGUAGE_NOTE_RE = re.compile(r"^\[[^\]]{1,60}\]$")  # "[English only]", "[English/French only]"
_TITLE_CHARS = 150
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


class SegmentationError(ValueError):
    """The text holds no numbered paragraph, so it cannot be read as a report."""


@dataclass
class Paragraph:
    paragraph: int
    text: str
    char_start: int
    char_end: int
    chapter: str | None = None
    chapter_title: str | None = None
    section: str | None = None
    section_title: str | None = None
    subsection: str | None = None
    co_refs: list[int] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    part: str = "body"
    part_title: str | None = None


@dataclass
class _Outline:
    """Where the reader stands in the report's headings."""

    chapter: str | None = None
    chapter_number: int = 0
    chapter_title: str | None = None
    section: str | None = None
    section_title: str | None = None
    subsection: str | None = None
    co_refs: list[int] = field(default_factory=list)
    open_heading: str | None = None  # a heading that the next unnumbered line may continue
    co_refs_text: str | None = None  # a "Renseignements ..." line not yet closed
    annex: int = 0  # the annexes opened so far: 0 in the body
    annex_heading: str | None = None  # the open annex's label and title ("Annex — Composition of the delegation")
    annex_blocks: int = 0  # the open annex's blocks so far
    annex_title_next: bool = False  # the annex's label stood alone: its title may be the next line


def roman_to_int(mark: str) -> int:
    """'XIII' -> 13; 0 for anything that is not a roman numeral."""
    if not mark or any(ch not in _ROMAN for ch in mark):
        return 0
    total = 0
    for ch, nxt in zip(mark, mark[1:] + " "):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


def co_refs_from(line: str) -> list[int]:
    """'... aux paragraphes 21 et 22 a), b) et c) des observations finales' -> [21, 22]."""
    match = _CO_REFS_LIST_RE.search(line)
    if not match:
        return []
    return [int(n) for n in re.findall(r"(?<![\w/])\d{1,3}(?![\w/])", match[1])]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(start offset, line without its end-of-line) for each line of the text."""
    offset = 0
    for raw in text.splitlines(keepends=True):
        yield offset, raw.rstrip("\r\n")
        offset += len(raw)


def _heading_kind(match: re.Match[str], outline: _Outline) -> str | None:
    """'chapter', 'section' or None: "I." may be chapter I or section I (par. 311 follows H.)."""
    mark, tabbed = match["mark"], "\t" in match["indent"]
    next_section = chr(ord(outline.section) + 1) if outline.section else "A"
    if mark == next_section:
        return "section"
    if roman_to_int(mark) == outline.chapter_number + 1:
        return "chapter"
    if not tabbed:  # untabbed lines are headings only when they follow the sequence
        return None
    if len(mark) == 1 and mark.isalpha() and roman_to_int(mark) == 0:
        return "section"
    return "chapter" if roman_to_int(mark) else "section"


def segment(text: str) -> list[Paragraph]:
    """The numbered paragraphs of a report, each with its place in the outline."""
    paragraphs: list[Paragraph] = []
    outline = _Outline()
    current: Paragraph | None = None
    marks: list[list[ItemMark]] = []  # the item marks of each paragraph, the current one last
    list_next: int | None = None  # the next number of a list numbered from 1 inside the current paragraph
    for offset, line in _lines(text):
        if not line.strip() or _continues_co_refs(outline, line):
            continue
        if paragraphs and _opens_annex(outline, line):  # a contents' "Annex" line comes before any paragraph
            current = None
            continue
        if outline.annex:
            current = _annex_line(outline, line, offset, current, paragraphs, marks)
            continue
        m = _PARAGRAPH_RE.match(line)
        if m and current is not None and _nested_number(int(m["number"]), text[current.char_end - 1], list_next):
            marks[-1].append(ItemMark(m["number"], offset, offset + m.end()))
            current.char_end, list_next = offset + len(line.rstrip()), int(m["number"]) + 1
        elif m and not _wrapped_number(m, paragraphs):
            current, list_next = _start_paragraph(m, offset, line, outline), None
            paragraphs.append(current)
            marks.append([])
        elif _read_heading(outline, line):
            current = None
        elif current is not None and (list_next is not None or _belongs_to(text, current, line)):
            # bullet lines and a)/b) items belong to the paragraph above (par. 191)
            if mark := item_mark(line, offset, current.paragraph):
                marks[-1].append(mark)
            current.char_end = offset + len(line.rstrip())
        else:
            _continue_heading(outline, line.strip(), line.startswith("\t"), started=bool(paragraphs))
            current = None
    for paragraph, found in zip(paragraphs, marks):
        paragraph.text = text[paragraph.char_start : paragraph.char_end]
        paragraph.items = items_of(found, paragraph.text, paragraph.char_start)
    if not paragraphs:
        raise SegmentationError("no numbered paragraph found (expected lines such as '12.<TAB>Text' or '12.Text')")
    return paragraphs


def _continues_co_refs(outline: _Outline, line: str) -> bool:
    """Whether the line continues a follow-up heading that has not yet named its concluding observations."""
    if outline.co_refs_text is None:
        return False
    if _PARAGRAPH_RE.match(line) or line.startswith("\t"):
        # the heading never reached "observations finales": keep what it named
        outline.co_refs, outline.co_refs_text = co_refs_from(outline.co_refs_text), None
        return False
    outline.co_refs_text += " " + line.strip()
    if _CO_REFS_END_RE.search(line):
        outline.co_refs = co_refs_from(outline.co_refs_text)
        outline.co_refs_text = None
    return True


def _start_paragraph(match: re.Match[str], offset: int, line: str, outline: _Outline) -> Paragraph:
    """A paragraph opened by its number, in the outline's current place; its heading is now closed."""
    outline.open_heading = None
    return Paragraph(
        paragraph=int(match["number"]),
        text="",
        char_start=offset + match.end(),
        char_end=offset + len(line.rstrip()),
        chapter=outline.chapter,
        chapter_title=outline.chapter_title,
        section=outline.section,
        section_title=outline.section_title,
        subsection=outline.subsection,
        co_refs=list(outline.co_refs),
    )


def _read_heading(outline: _Outline, line: str) -> bool:
    """Whether the line is a follow-up heading, a chapter or section heading or a lettered subsection,
    read into the outline; such a line closes the paragraph above it."""
    if _CO_REFS_RE.search(line):
        outline.co_refs = co_refs_from(line)
        if not _CO_REFS_END_RE.search(line):
            outline.co_refs_text = line.strip()
        outline.open_heading = None
        return True
    if (m := _HEADING_RE.match(line)) and (kind := _heading_kind(m, outline)):
        title = m["title"].strip()
        if kind == "chapter":
            outline.chapter, outline.chapter_title = m["mark"], title
            outline.chapter_number = roman_to_int(m["mark"])
            outline.section = outline.section_title = outline.subsection = None
        else:
            outline.section, outline.section_title = m["mark"], title
            outline.subsection = None
        outline.co_refs = []
        outline.open_heading = kind
        return True
    if m := _SUBSECTION_RE.match(line):
        outline.subsection, outline.open_heading = m["mark"], "subsection"
        return True
    return False


def _belongs_to(text: str, current: Paragraph, line: str) -> bool:
    """An unnumbered line continues the paragraph above unless it is tabbed (and no item) or a subheading."""
    return (not line.startswith("\t") or bool(_ITEM_RE.match(line))) and not _untabbed_subheading(text, current, line)


def _nested_number(number: int, last_char: str, list_next: int | None) -> bool:
    """Whether "N." continues the list inside the current paragraph, or opens one ("… as follows:" then "1.").

    A number that both continues the list and follows the last paragraph is read as the list's: the
    list of paragraph 95 runs to 102 before paragraph 96 comes.
    """
    return number == list_next or starts_list(number, last_char)


def _wrapped_number(match: re.Match[str], paragraphs: list[Paragraph]) -> bool:
    """'2024. Il prévoit ...' continuing a wrapped line is no paragraph 2024 after par. 1."""
    return bool(paragraphs) and int(match["number"]) > paragraphs[-1].paragraph + 100


def _untabbed_subheading(text: str, current: Paragraph, line: str) -> bool:
    """In the UN export a subheading ("Documents stratégiques", ch. XI) has no tab to show
    it: it is a short line without end punctuation after a paragraph that ended a sentence."""
    ended = text[current.char_end - 1] in ".!?…"  # char_end is already right-stripped
    return (
        ended and len(line.strip()) <= 120 and line.rstrip()[-1:] not in _LINE_END_MARKS and line.strip()[:1].isupper()
    )


def _continue_heading(outline: _Outline, line: str, tabbed: bool, started: bool = True) -> None:
    """An unnumbered line between paragraphs: the rest of a heading, or a subheading.

    Before the first paragraph and heading the lines are the document's masthead and title, one item a line
    ("United Nations A/HRC/23/10", "Distr.: General", "Luxembourg", "Introduction"): a line there continues
    the heading above only if it starts in lower case, so the paragraphs' heading is the last one, not the
    whole first page.
    """
    front = not started and outline.chapter is None and outline.section is None
    if outline.open_heading == "chapter" and not tabbed:
        outline.chapter_title = f"{outline.chapter_title} {line}"
    elif outline.open_heading == "section" and not tabbed:
        outline.section_title = f"{outline.section_title} {line}"
    elif outline.open_heading == "subsection" and outline.subsection and not (front and line[:1].isupper()):
        outline.subsection = f"{outline.subsection} {line}"
    else:
        # "<TAB><TAB>Documents stratégiques" (chapter XI) names a group of paragraphs
        outline.subsection, outline.open_heading = line, "subsection"


def _title_like(text: str) -> bool:
    """A heading's title: short, capitalised, without the punctuation that ends a sentence or an entry."""
    title = text.strip().rstrip(" *∗")
    return 0 < len(title) <= _TITLE_CHARS and title[0].isupper() and title[-1] not in _LINE_END_MARKS


def _opens_annex(outline: _Outline, line: str) -> bool:
    """Whether the line is an annex's heading ("Annex", "Annex II", "Annex Composition of the delegation"),
    read into the outline: the next lines are the annex's."""
    m = _ANNEX_RE.match(line)
    if not m or (m["title"] and not _title_like(m["title"])):
        return False
    outline.annex, outline.annex_blocks = outline.annex + 1, 0
    outline.annex_heading = _with_title(m["label"], m["title"])
    outline.annex_title_next = not m["title"]
    return True


def _with_title(label: str, title: str | None) -> str:
    return f"{label} — {title.strip().rstrip(' *∗')}" if title else label


def _annex_line(
    outline: _Outline,
    line: str,
    offset: int,
    current: Paragraph | None,
    paragraphs: list[Paragraph],
    marks: list[list[ItemMark]],
) -> Paragraph | None:
    """A line of an annex: its title, a note of its languages, an item or the rest of the block above, or a
    new block. Returns the block the next line may continue."""
    stripped = line.strip()
    if current is None and _LANGUAGE_NOTE_RE.match(stripped):
        return None
    if outline.annex_title_next:
        outline.annex_title_next = False
        if _title_like(stripped):
            outline.annex_heading = _with_title(outline.annex_heading or "", stripped)
            return None
    if current is not None:
        mark = item_mark(line, offset, current.paragraph)
        if mark or stripped[:1].islower():  # a bullet, (a), or a line the reader wrapped
            marks[-1] += [mark] if mark else []
            current.char_end = offset + len(line.rstrip())
            return current
    outline.annex_blocks += 1
    block = Paragraph(
        paragraph=outline.annex * ANNEX_NUMBERS + outline.annex_blocks,
        text="",
        char_start=offset + len(line) - len(line.lstrip()),
        char_end=offset + len(line.rstrip()),
        part="annex",
        part_title=outline.annex_heading,
    )
    paragraphs.append(block)
    marks.append([])
    return block
