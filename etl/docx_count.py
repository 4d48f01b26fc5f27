"""Count the paragraphs and elements of a .docx's XML before python-docx parses it, in bounded work.

A part is XML by what the package says, not by its name: its content type in `[Content_Types].xml`
(an `Override` for its name, else the `Default` of its extension), as python-docx and Word find it;
so `word/document.xml` may be called anything. The relationship parts (`_rels/*.rels`), the
content types themselves and any part named `*.xml` are read as XML by their names too. Every element
of these parts is counted by its namespace URI, whatever prefix binds it (`w:p`, `x:p`, a default
namespace). The reader is expat, event by event: no tree is built, and counting stops at the
element that takes a count past its limit, so a bomb of millions of paragraphs costs no more than
its first limit's worth. An XML part expat cannot read (broken, a DTD, or a multi-byte encoding
Word never writes) is refused: what is not counted is not parsed after.
"""

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.parsers import expat

# The namespaces of WordprocessingML: transitional (what Word writes) and strict.
WORD_NAMESPACES = frozenset(
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"}
)
CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_RE = re.compile(r"(?:^|/)_rels/[^/]*\.rels$", re.IGNORECASE)
_CHUNK = 1024 * 1024  # bytes fed to the parser at once; the counts are checked at every element
# expat 2.5 scans a token that spans chunks (a comment, a tag and its attributes) again from its
# start at every chunk: 120 MB of one comment took 15 s. python-docx's parser refuses any text,
# comment or attribute over 10 MB, so a stretch this long without an element is refused here.
MAX_QUIET_BYTES = 12_000_000


class DocxRefused(Exception):
    """A package holding more paragraphs or elements than its limits, or XML that cannot be counted."""


@dataclass
class XmlCounts:
    paragraphs: int = 0  # <p> elements of WordprocessingML, empty ones included
    elements: int = 0  # every element, whatever its namespace


@dataclass
class _ContentTypes:
    defaults: dict[str, str] = field(default_factory=dict)  # extension (lower case) -> content type
    overrides: dict[str, str] = field(default_factory=dict)  # part name (lower case, no leading /) -> content type

    def of(self, name: str) -> str:
        key = name.lower()
        return self.overrides.get(key) or self.defaults.get(key.rpartition(".")[2] if "." in key else "", "")


@dataclass(frozen=True)
class _Limits:
    paragraphs: int
    elements: int


def count_parts(archive: zipfile.ZipFile, max_paragraphs: int, max_elements: int) -> XmlCounts:
    """The paragraphs and elements of every XML part; DocxRefused as soon as a count passes its limit."""
    limits, counts = _Limits(max_paragraphs, max_elements), XmlCounts()
    names = {part.filename.lower() for part in archive.infolist() if not part.is_dir()}
    if CONTENT_TYPES.lower() not in names:
        raise DocxRefused(f"not a readable Word document (no {CONTENT_TYPES}); re-save it as .docx")
    types = _ContentTypes()
    for part in archive.infolist():
        if part.filename.lower() == CONTENT_TYPES.lower():
            _count_part(archive, part, counts, limits, _type_collector(types, names))
    for part in archive.infolist():
        named = part.filename.lower().endswith(".xml") or _RELS_RE.search(part.filename) is not None
        is_xml = named or "xml" in types.of(part.filename)
        if not part.is_dir() and part.filename.lower() != CONTENT_TYPES.lower() and is_xml:
            _count_part(archive, part, counts, limits)
    return counts


def _type_collector(types: _ContentTypes, names: set[str]) -> Callable[[str, dict[str, str]], None]:
    """What `[Content_Types].xml` says of the package's own parts (nothing kept for names it does not hold)."""
    extensions = {name.rpartition(".")[2] for name in names if "." in name}

    def collect(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != _CONTENT_TYPES_NS:
            return
        content_type = attributes.get("ContentType", "")
        if local == "Default" and (extension := attributes.get("Extension", "").lower()) in extensions:
            types.defaults[extension] = content_type
        elif local == "Override" and (part := attributes.get("PartName", "").lower().removeprefix("/")) in names:
            types.overrides[part] = content_type

    return collect


def _count_part(
    archive: zipfile.ZipFile,
    part: zipfile.ZipInfo,
    counts: XmlCounts,
    limits: _Limits,
    also: Callable[[str, dict[str, str]], None] | None = None,
) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    events = [0]  # elements and comments seen since the last chunk

    def start(name: str, attributes: dict[str, str]) -> None:
        counts.elements += 1
        events[0] += 1
        namespace, _, local = name.rpartition(" ")
        if local == "p" and namespace in WORD_NAMESPACES:
            counts.paragraphs += 1
        _check(counts, limits)  # raised here, expat stops at once
        if also is not None:
            also(name, attributes)

    def seen(*_: object) -> None:
        events[0] += 1

    def doctype(*_: object) -> None:
        raise DocxRefused("the Word document declares a DTD, which Word never writes; re-save it as .docx")

    parser.StartElementHandler = start
    parser.EndElementHandler = parser.CommentHandler = parser.ProcessingInstructionHandler = seen
    parser.StartDoctypeDeclHandler = doctype
    quiet = 0  # bytes fed since the last event: one token, text or comment that long
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
                quiet, events[0] = (0 if events[0] else quiet + len(chunk)), 0
                if quiet > MAX_QUIET_BYTES:
                    raise DocxRefused(
                        f"more than {MAX_QUIET_BYTES // 1_000_000} MB of XML without an element in the Word "
                        "document (python-docx reads no text, comment or tag over 10 MB); re-save it as .docx"
                    )
        parser.Parse(b"", True)
    except (expat.ExpatError, ValueError, LookupError) as error:  # pyexpat: ValueError for a multi-byte encoding
        name = part.filename[:80].encode("unicode_escape").decode("ascii")
        reason = expat.ErrorString(error.code) if isinstance(error, expat.ExpatError) else str(error)[:80]
        raise DocxRefused(f"not a readable Word document (part {name}: {reason}); re-save it as .docx") from None


def _check(counts: XmlCounts, limits: _Limits) -> None:
    if counts.paragraphs > limits.paragraphs:
        raise DocxRefused(
            f"more than {limits.paragraphs:,} paragraphs in the Word document, the most a report may have; "
            "is this one report?"
        )
    if counts.elements > limits.elements:
        raise DocxRefused(f"more than {limits.elements:,} XML elements in the Word document; is this one report?")
