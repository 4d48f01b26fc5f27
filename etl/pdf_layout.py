"""A PDF's positioned text lines -> the report's text in the tab layout the segmenter reads.

Pure functions over lines (page, box, font size, text); etl/pdf_read.py reads them from the file.
What a page prints besides the report is found from the document itself, not from a fixed band:
- running heads and feet (symbol, job number, page number) repeat at the same height on many
  pages, wherever that height is (a page number printed at 89 % of the page once landed in a
  sentence: "8 [page 4] million" read as 4 million);
- the table of contents is its title ("Contents", "Table des matières", "Índice") and the lines
  with dot leaders that follow it;
- footnotes are the lines below the body's font size at a page's foot, from one that starts
  with a marker; endnotes are the numbered lines after a "Notes" title that ends the document;
- a hyphen at a line end is kept unless the document writes the word joined and never with it
  ("Vice-President", "non-governmental" keep theirs).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextLine:
    """One printed line: its page (from 0), its box in points from the page's top left, its font size."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    text: str


@dataclass
class Layout:
    text: str  # the body in the tab layout
    notes: dict[str, str] = field(default_factory=dict)  # footnote marker -> the note, marker first
    furniture: list[str] = field(default_factory=list)  # running heads and feet removed
    contents: list[str] = field(default_factory=list)  # table-of-contents lines removed


def layout(pages: list[list[TextLine]]) -> Layout:
    """The body's text with page furniture, contents and footnotes taken out."""
    rows = [merge_rows(page) for page in pages]
    rows, furniture = drop_furniture(rows)
    rows, contents = drop_contents(rows)
    body_size = body_font_size(rows)
    rows, notes = split_footnotes(rows, body_size)
    rows, endnotes = split_endnotes(rows)
    for marker, note in endnotes.items():  # a page's own footnote keeps its marker
        notes.setdefault(marker, note)
    words = vocabulary(rows)
    return Layout(join_pdf_lines(rows, words), notes, furniture, contents)


# --- rows -------------------------------------------------------------------------------------


def merge_rows(page: list[TextLine]) -> list[TextLine]:
    """The page's lines top to bottom; pieces printed on one row (a raised note marker) joined left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(page, key=lambda ln: (ln.top, ln.x0)):
        if rows and _same_row(rows[-1][-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_joined(row) for row in rows]


def _same_row(a: TextLine, b: TextLine) -> bool:
    centre_a, centre_b = (a.top + a.bottom) / 2, (b.top + b.bottom) / 2
    return a.top <= centre_b <= a.bottom or b.top <= centre_a <= b.bottom


def _joined(row: list[TextLine]) -> TextLine:
    if len(row) == 1:
        return row[0]
    row = sorted(row, key=lambda ln: ln.x0)
    main = max(row, key=lambda ln: len(ln.text))
    return TextLine(
        main.page,
        row[0].x0,
        min(ln.top for ln in row),
        max(ln.x1 for ln in row),
        max(ln.bottom for ln in row),
        main.size,
        " ".join(ln.text for ln in row),
    )


# --- running heads and feet ----------------------------------------------------------------------

# A job number ("GE.10-12492", "GE.13-12572 (E) 120413 150413", "GE.09-" before the number as an
# image), a bar code ("*1312572*") or the dashes that end a document ("-----" under the annex of 61
# UPR reports of 2008-2010) are furniture wherever they are; anything else only when it repeats.
_FURNITURE_SHAPE_RE = re.compile(r"^(?:GE\.\d{2}-(?:\d{4,6}\b.*)?|\*\d{5,}\*|-{3,})$")
_HEIGHT_TOLERANCE = 6.0  # points: the same running line sits at the same height on every page
_REPEAT_SHARE = 0.3  # of the pages, at least two
_NUMBERED_LINE_CHARS = 24  # a running line with a number is short: "Page 3", "A/HRC/14/10 page 3", "GE.13-12572 3"


def furniture_key(text: str) -> str:
    """What a running line keeps from page to page: its text with every number as '#'."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def drop_furniture(pages: list[list[TextLine]]) -> tuple[list[list[TextLine]], list[str]]:
    """The pages without their running lines, and the lines removed."""
    needed = max(2, round(_REPEAT_SHARE * len(pages)))
    places: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))  # key -> height bin -> pages
    for page in pages:
        for line in page:
            places[furniture_key(line.text)][int(line.top // _HEIGHT_TOLERANCE)].add(line.page)

    def repeats(line: TextLine) -> bool:
        key = furniture_key(line.text)
        if key != line.text and len(key.replace("#", "").replace(" ", "")) > _NUMBERED_LINE_CHARS:
            return False  # a line of prose that differs from page to page only by its numbers
        bins = places[key]
        height = int(line.top // _HEIGHT_TOLERANCE)
        return len(bins[height - 1] | bins[height] | bins[height + 1]) >= needed

    kept, removed = [], []
    for page in pages:
        body = []
        for line in page:
            if (len(pages) > 1 and repeats(line)) or _FURNITURE_SHAPE_RE.match(line.text):
                removed.append(line.text)
            else:
                body.append(line)
        kept.append(body)
    return kept, removed


# --- table of contents --------------------------------------------------------------------------

_CONTENTS_TITLE_RE = re.compile(
    r"^(?:(?:table of )?contents|table des mati[èe]res|sommaire|[íi]ndice|contenido)$", re.IGNORECASE
)
_LEADER_RE = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
_CONTENTS_GAP = 3  # lines without a leader the contents may hold in a row ("Annex", a wrapped title)


def drop_contents(pages: list[list[TextLine]]) -> tuple[list[list[TextLine]], list[str]]:
    """The pages without the table of contents: its title and its lines up to the last with a leader."""
    flat = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
    title = next((n for n, (p, i) in enumerate(flat) if _CONTENTS_TITLE_RE.match(pages[p][i].text.strip(" -–*"))), None)
    if title is None:
        return pages, []
    last, gap = title, 0
    for n in range(title + 1, len(flat)):
        p, i = flat[n]
        if _LEADER_RE.search(pages[p][i].text):
            last, gap = n, 0
        else:
            gap += 1
            if gap > _CONTENTS_GAP:
                break
    if last == title:
        return pages, []
    dropped = set(flat[title : last + 1])
    kept = [[line for i, line in enumerate(page) if (p, i) not in dropped] for p, page in enumerate(pages)]
    return kept, [pages[p][i].text for p, i in flat[title : last + 1]]


# --- footnotes ----------------------------------------------------------------------------------

_NOTE_MARKER_RE = re.compile(r"^(\*{1,3}|∗{1,3}|[†‡]|\d{1,3})\s*(?=\S)(?!\d)")
_SMALLER = 0.95  # a footnote's font is smaller than the body's …
_SEPARATOR_RE = re.compile(r"^_{5,}$")  # … or the notes follow a rule typed as underscores


def body_font_size(pages: list[list[TextLine]]) -> float:
    """The font size of most of the text."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_footnotes(pages: list[list[TextLine]], body_size: float) -> tuple[list[list[TextLine]], dict[str, str]]:
    """The pages without their footnotes, and the notes by marker (the note's text starts with it)."""
    kept: list[list[TextLine]] = []
    notes: dict[str, str] = {}
    for page in pages:
        foot = len(page)
        while foot > 0 and page[foot - 1].size < _SMALLER * body_size:
            foot -= 1
        start = next((i for i in range(foot, len(page)) if _NOTE_MARKER_RE.match(page[i].text)), len(page))
        rule = next((i for i in range(len(page) - 2, -1, -1) if _SEPARATOR_RE.match(page[i].text)), None)
        if rule is not None and rule < start and _NOTE_MARKER_RE.match(page[rule + 1].text):
            kept.append(page[:rule])
            found = _notes(page[rule + 1 :])
        else:
            kept.append(page[:start])
            found = _notes(page[start:])
        for marker, note in found.items():  # a marker used again ("*" on a later title) keeps its first note
            notes.setdefault(marker, note)
    return kept, notes


_ENDNOTES_TITLE_RE = re.compile(r"(?:end)?notes|notas", re.IGNORECASE)


def split_endnotes(pages: list[list[TextLine]]) -> tuple[list[list[TextLine]], dict[str, str]]:
    """The pages without the endnotes that end the document, and those notes by marker.

    Endnotes are printed in the body's font, after everything else (an annex included), under a title of
    their own ("Notes"); left in, they would read as the last part's blocks. Only a title whose next line
    starts note 1 and whose lines run to the end counts: a "Notes" title whose notes were printed as
    footnotes is left as it is.
    """
    flat = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
    title = next(
        (n for n in range(len(flat) - 2, -1, -1) if _ENDNOTES_TITLE_RE.fullmatch(_text_at(pages, flat[n]))), None
    )
    if title is None or not (first := _NOTE_MARKER_RE.match(_text_at(pages, flat[title + 1]))) or first[1] != "1":
        return pages, {}
    notes = _notes([pages[p][i] for p, i in flat[title + 1 :]])
    dropped = set(flat[title:])
    return [[line for i, line in enumerate(page) if (p, i) not in dropped] for p, page in enumerate(pages)], notes


def _text_at(pages: list[list[TextLine]], place: tuple[int, int]) -> str:
    return pages[place[0]][place[1]].text.strip(" *:")


def _notes(lines: list[TextLine]) -> dict[str, str]:
    """Footnote lines -> marker -> note; a line starts a note when its marker follows the one before."""
    notes: dict[str, list[str]] = {}
    marker = None
    for line in lines:
        match = _NOTE_MARKER_RE.match(line.text)
        if match and (marker is None or not marker.isdigit() or match[1] == str(int(marker) + 1)):
            marker = match[1]
            notes[marker] = [line.text]
        elif marker is not None:
            notes[marker].append(line.text)
    return {key: " ".join(parts) for key, parts in notes.items()}


_NOTE_CALL_RE = re.compile(r"(?<=[^\W\d_])[.,;:)»”\"’]{0,2}(\d{1,3}|\*{1,3}|∗{1,3})(?=[\s.,;:)]|$)")


def notes_called(text: str, notes: dict[str, str]) -> tuple[str, ...]:
    """The notes whose markers the text calls, raised after a word ("cycle.1", "(Slovenia);2"); not the
    number that ends a document symbol ("A/HRC/WG.6/7/KAZ/2/Corr.1")."""
    called = []
    for match in _NOTE_CALL_RE.finditer(text):
        word_start = text.rfind(" ", 0, match.start()) + 1
        if match[1] in notes and "/" not in text[word_start : match.start()]:
            called.append(match[1])
    return tuple(notes[marker] for marker in dict.fromkeys(called))


# --- lines into paragraphs ----------------------------------------------------------------------

_NUMBERED_RE = re.compile(r"^(\d{1,4})\.\s+(\S.*)$")
_HEADING_RE = re.compile(r"^([IVXLC]+|[A-Z])\.\s+(\S.*)$")
_ITEM_RE = re.compile(r"^([a-z])\)\s+(\S.*)$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHEN_END_RE = re.compile(r"([^\W\d_]+)-$")
_WORD_START_RE = re.compile(r"[^\W\d_]+")
_SIZE_CHANGE = 0.1  # a heading's font differs from its paragraph's by more than this share
_YEARS = (1900, 2100)  # a wrapped line may start with a year and a full stop; no report has paragraph 1900


def vocabulary(pages: list[list[TextLine]]) -> Counter[str]:
    """How often the document writes each word (lower case, hyphenated compounds as one word)."""
    words: Counter[str] = Counter()
    for page in pages:
        for line in page:
            words.update(_WORD_RE.findall(line.text.lower()))
    return words


def join_pdf_lines(pages: list[list[TextLine]], words: Counter[str] | None = None) -> str:
    """Wrapped lines joined, a paragraph or item per line, numbered ones in the tab layout."""
    words = vocabulary(pages) if words is None else words
    out: list[str] = []
    previous: TextLine | None = None
    for page in pages:
        for i, line in enumerate(page):
            if previous is not None and _continues(previous, line, first_on_page=i == 0):
                out[-1] = join_wrapped(out[-1], line.text, words)
            else:
                out.append(_tab_layout(line.text))
            previous = line
    return "\n".join(out) + "\n"


def _continues(previous: TextLine, line: TextLine, first_on_page: bool) -> bool:
    """A line continues the one above when it starts no new paragraph, heading or item, and follows closely."""
    numbered = _NUMBERED_RE.match(line.text)
    if numbered and _YEARS[0] <= int(numbered[1]) <= _YEARS[1]:  # "… held from 7 to 18 April" + "2008. The review"
        numbered = None if not previous.text.rstrip().endswith((".", ":", ";")) else numbered
    if numbered or _HEADING_RE.match(line.text) or _ITEM_RE.match(line.text):
        return False
    if abs(line.size - previous.size) > _SIZE_CHANGE * max(previous.size, 1.0):
        return False
    if first_on_page:  # no spacing to compare across a page break: a finished sentence ends the line
        return line.page == previous.page + 1 and not previous.text.rstrip().endswith((".", ":", ";"))
    height = previous.bottom - previous.top
    return line.top - previous.bottom < 0.6 * height  # paragraph spacing is larger than line spacing


def join_wrapped(head: str, tail: str, words: Counter[str]) -> str:
    """Join a wrapped line. A hyphen at its end is dropped only when the document writes the word
    joined ("inter-" + "ethnique" where "interethnique" is written) and never hyphenated."""
    hyphen = _HYPHEN_END_RE.search(head)
    if not hyphen:
        joined = head.endswith(("-", "–")) and not head[-2:-1].isspace()  # a range: "2005–" + "2010"
        return head + tail if joined else f"{head} {tail}"
    start = _WORD_START_RE.match(tail)
    if start:
        first, second = hyphen[1].lower(), start[0].lower()
        if words[first + second] and not words[f"{first}-{second}"]:
            return head[:-1] + tail
    return head + tail


def _tab_layout(text: str) -> str:
    for pattern, shape in ((_NUMBERED_RE, "{0}.\t{1}"), (_HEADING_RE, "\t{0}.\t{1}"), (_ITEM_RE, "\t{0})\t{1}")):
        match = pattern.match(text)
        if match:
            return shape.format(*match.groups())
    return text
