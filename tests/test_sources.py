"""Report files in the formats the UN publishes (.txt, .docx, .pdf) give the same paragraphs and claims."""

import io
import re

import docx
import pytest
from report_files import report_docx, report_pdf
from reportlab.pdfgen import canvas

from etl.build import build_report
from etl.pdf_layout import TextLine, join_pdf_lines
from etl.sources import SourceError, decode_text, docx_text, pdf_text, report_text


def _same(text: str) -> str:
    """Text as a PDF can give it back: one space for any run of white space, plain hyphens."""
    return re.sub(r"\s+", " ", text.replace("\u2011", "-")).strip()


@pytest.fixture(scope="module")
def from_text(report_text):
    return build_report(report_text, "r")


@pytest.fixture(scope="module")
def from_pdf(report_text):
    return build_report(pdf_text(report_pdf(report_text)).text, "r")


def test_docx_with_word_list_numbering_gives_the_same_paragraphs_and_claims(report_text, from_text):
    text = docx_text(report_docx(report_text)).text
    assert "\n155.\tSelon les données de la Cour suprême" in text
    from_docx = build_report(text, "r")
    assert from_docx.paragraphs == from_text.paragraphs
    assert from_docx.claims == from_text.claims


def test_docx_paragraph_numbers_are_not_typed_in_the_document(report_text):
    document = docx.Document(io.BytesIO(report_docx(report_text)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 437
    assert numbered[154].text.startswith("Selon les données de la Cour suprême")  # par. 155, no "155." in it


def test_pdf_gives_the_same_paragraphs_and_claims(from_text, from_pdf):
    assert [p.paragraph for p in from_pdf.paragraphs] == [p.paragraph for p in from_text.paragraphs]
    for pdf, txt in zip(from_pdf.paragraphs, from_text.paragraphs):
        assert _same(pdf.text) == _same(txt.text), pdf.paragraph
        assert (pdf.chapter, pdf.section, pdf.subsection, pdf.co_refs) == (
            txt.chapter,
            txt.section,
            txt.subsection,
            txt.co_refs,
        )

    def claims(records):
        return [(c.paragraph, c.value, c.kind, c.unit, c.qualifier, c.period, _same(c.text)) for c in records.claims]

    assert claims(from_pdf) == claims(from_text)


def test_pdf_running_heads_and_feet_are_dropped(from_pdf):
    text = " ".join(p.text for p in from_pdf.paragraphs)
    assert "GE.25-17265" not in text
    assert not re.search(r"CERD/C/KAZ/11-14(?!\w)", text)  # the running head; the report cites CO/8-10 only


@pytest.mark.parametrize(
    "lines,expected",
    [
        # a hyphen at a line end is dropped when the document writes the word joined, never hyphenated
        (
            [("12.\tLa cohabitation inter-", 10), ("ethnique est calme.", 22), ("13.\tLa paix interethnique.", 40)],
            "12.\tLa cohabitation interethnique est calme.\n13.\tLa paix interethnique.\n",
        ),
        # … and kept when the document writes it hyphenated elsewhere, or never joined
        (
            [("12.\tLes organisations non-", 10), ("gouvernementales.", 22), ("13.\tLe Vice-", 40), ("Président.", 52)],
            "12.\tLes organisations non-gouvernementales.\n13.\tLe Vice-Président.\n",
        ),
        (
            [("12.\tLes organisations non-", 10), ("gouvernementales, non-gouvernementales.", 22)],
            "12.\tLes organisations non-gouvernementales, non-gouvernementales.\n",
        ),
        # a range split after its dash stays a range
        ([("12.\tEn 2005–", 10), ("2010.", 22)], "12.\tEn 2005–2010.\n"),
        # a wider gap starts a new line: a bullet item of the same paragraph
        (
            [("3.\tLe rapport couvre :", 10), ("L’amélioration de la législation ;", 28)],
            "3.\tLe rapport couvre :\nL’amélioration de la législation ;\n",
        ),
        # numbers, headings and items always start a line
        (
            [("Le texte", 10), ("13.\tSuite", 22), ("B.\tTitre", 34), ("a)\tPoint", 46)],
            "Le texte\n13.\tSuite\n\tB.\tTitre\n\ta)\tPoint\n",
        ),
    ],
)
def test_join_pdf_lines(lines, expected):
    page = [TextLine(0, 70, top, 500, top + 10, 10, text.replace("\t", " ")) for text, top in lines]
    assert join_pdf_lines([page]) == expected


@pytest.mark.parametrize(
    "data,text,warned",
    [
        ("1.\tLe Comité note l’été.\n".encode(), "1.\tLe Comité note l’été.\n", False),
        ("1.\tLe Comité note l’été.\n".encode("utf-8-sig"), "1.\tLe Comité note l’été.\n", False),
        # Windows editors: cp1252 has ’ and é; latin-1 reads what cp1252 cannot (0x81)
        ("1.\tLe Comité note l’été.\n".encode("cp1252"), "1.\tLe Comité note l’été.\n", True),
        (b"1.\tLe Comit\xe9 \x81 note.\n", "1.\tLe Comité \x81 note.\n", True),
    ],
)
def test_text_encodings(data, text, warned):
    source = decode_text(data)
    assert source.text == text
    assert bool(source.warnings) == warned
    if warned:
        assert "not UTF-8" in source.warnings[0] and "line 1" in source.warnings[0]


@pytest.mark.parametrize(
    "data,suffix,message",
    [
        (b"", ".txt", "empty"),
        (b"  \n\t\n", ".txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ".txt", "binary"),
        (b"PK\x03\x04 not really a zip", ".docx", "not a readable Word document"),
        (b"%PDF-1.4 broken", ".pdf", "not a readable PDF"),
        (b"1.\tText", ".odt", "cannot read .odt"),
    ],
)
def test_unreadable_files_say_what_to_do(data, suffix, message):
    with pytest.raises(SourceError, match=re.escape(message)):
        report_text(data, suffix)


def test_a_pdf_without_text_says_it_may_be_a_scan():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 200, fill=1)
    page.save()
    with pytest.raises(SourceError, match="no text layer"):
        pdf_text(buffer.getvalue())
