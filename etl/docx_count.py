"""Count the paragraphs and elements of a .docx's XML before python-docx parses it, in bounded work.

Every part of the package is read as XML whatever its name (Word finds its main part through the
package's relationships, so `word/document.xml` may be called anything) and every element is
matched by its namespace URI, whatever prefix binds it (`w:p`, `x:p`, a default namespace). The
reader is expat, event by event: no tree is built, and counting stops at the first chunk that
takes a count past its limit, so a bomb of millions of paragraphs costs what its first limit's
worth does. A part that is not well-formed XML (an image) is skipped: python-docx refuses it if
it was meant to be XML.
"""

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

# The namespaces of WordprocessingML: transitional (what Word writes) and strict.
WORD_NAMESPACES = frozenset(
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"}
)
_CHUNK = 64 * 1024  # bytes fed to the parser between two looks at the counts


class DocxLimitError(ValueError):
    """The package holds more paragraphs or elements than its limit, or a DTD (Word writes none)."""


@dataclass
class XmlCounts:
    paragraphs: int = 0  # <p> elements of WordprocessingML, empty ones included
    elements: int = 0  # every element, whatever its namespace


def count_parts(archive: zipfile.ZipFile, max_paragraphs: int, max_elements: int) -> XmlCounts:
    """The paragraphs and elements of every XML part; DocxLimitError as soon as a count passes its limit."""
    counts = XmlCounts()
    for part in archive.infolist():
        if not part.is_dir():
            with archive.open(part) as stream:
                _count_part(stream.read, counts, max_paragraphs, max_elements)
    return counts


def _count_part(read: Callable[[int], bytes], counts: XmlCounts, max_paragraphs: int, max_elements: int) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, _attributes: object) -> None:
        counts.elements += 1
        namespace, _, local = name.rpartition(" ")
        if local == "p" and namespace in WORD_NAMESPACES:
            counts.paragraphs += 1

    def doctype(*_: object) -> None:
        raise DocxLimitError("the Word document declares a DTD, which Word never writes; re-save it as .docx")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        while chunk := read(_CHUNK):
            parser.Parse(chunk, False)
            _check(counts, max_paragraphs, max_elements)
        parser.Parse(b"", True)
    except expat.ExpatError:
        pass  # not XML, or broken XML: not counted here, and refused by python-docx if it is a part it reads
    _check(counts, max_paragraphs, max_elements)


def _check(counts: XmlCounts, max_paragraphs: int, max_elements: int) -> None:
    if counts.paragraphs > max_paragraphs:
        raise DocxLimitError(
            f"more than {max_paragraphs:,} paragraphs in the Word document, the most a report may have; "
            "is this one report?"
        )
    if counts.elements > max_elements:
        raise DocxLimitError(f"more than {max_elements:,} XML elements in the Word document; is this one report?")
