"""The PDF reader on real UN documents: no page furniture, contents or footnotes in a paragraph, line-end
hyphens joined as the document writes the word, and bounded work on hostile PDFs.

The four PDFs are UPR Working Group reports (tests/data/). What each page prints besides the report
was read by rendering the pages: the symbol as running head, the page number ("Page 2" at the top of
the 2008-2009 reports, alone at the foot of the 2010 one, beside the job number "GE.13-12572" in 2013),
the job number on the cover; their tables of contents list the paragraphs 1-98, 1-55, 1-121 and 1-62.
"""

import io
import multiprocessing
import re
from pathlib import Path

import pytest
from real_pdfs import pdf_paragraphs
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from store_tables import stored_arrow

from etl.build import build_report
from etl.pdf_layout import (
    TextLine,
    drop_contents,
    drop_furniture,
    layout,
    notes_called,
    split_endnotes,
    split_footnotes,
)
from etl.sources import SourceError, pdf_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

# name -> (symbol, pages, last paragraph, how a page number is printed, job number on the cover)
PDFS = {
    "kazakhstan2010.pdf": ("A/HRC/14/10", 24, 98, "{n}", "GE.10-12492"),
    "luxembourg2009.pdf": ("A/HRC/10/72", 17, 55, "Page {n}", "GE.09-"),
    "luxembourg2013.pdf": ("A/HRC/23/10", 23, 121, "GE.13-12572 {n}", "GE.13-12572 (E) 120413 150413"),
    "ecuador2008.pdf": ("A/HRC/8/20", 13, 62, "Page {n}", "GE.08-13324 (E)"),
}


@pytest.fixture(scope="module")
def read():
    return {name: pdf_text((DATA / name).read_bytes()) for name in PDFS}


@pytest.fixture(scope="module")
def built(read):
    return {name: build_report(source.text, "r") for name, source in read.items()}


@pytest.mark.parametrize("name", PDFS)
def test_no_paragraph_carries_page_furniture(built, name):
    symbol, _, _, _, _ = PDFS[name]
    for paragraph in built[name].paragraphs:
        assert symbol not in paragraph.text, paragraph.paragraph
        assert not re.search(r"GE\.\d\d-|\bPage \d", paragraph.text), paragraph.paragraph


@pytest.mark.parametrize("name", PDFS)
def test_every_running_line_is_found_wherever_it_sits(name):
    """Each page after the cover prints the symbol and its number; all of them, and the cover's job number, are found."""
    from etl.pdf_read import read_pdf

    symbol, pages, _, page_number, job = PDFS[name]
    furniture = layout(read_pdf((DATA / name).read_bytes(), 1_000).lines).furniture
    for n in range(2, pages + 1):
        shape = "{n} GE.13-12572" if page_number == "GE.13-12572 {n}" and n % 2 == 0 else page_number
        assert shape.format(n=n) in furniture, n  # luxembourg2013's even pages print their number first
    assert furniture.count(symbol) == pages - 1 and job in furniture


@pytest.mark.parametrize("name", PDFS)
def test_the_paragraphs_are_those_of_the_contents_and_the_contents_are_not_in_the_body(read, built, name):
    _, _, last, _, _ = PDFS[name]
    first: dict[int, object] = {}  # a recommendation list numbered "1.", "2.", … repeats the numbers after them
    for paragraph in built[name].paragraphs:
        first.setdefault(paragraph.paragraph, paragraph)
    assert list(first)[:last] == list(range(1, last + 1))
    assert not re.search(r"\.{4,}|^contents$|^Paragraphs Page$", read[name].text, re.IGNORECASE | re.MULTILINE)
    assert [first[n].chapter for n in (1, 4, 5)] == [None, None, "I"]  # the introduction is before chapter I


@pytest.mark.parametrize(
    "name,words",
    [
        ("kazakhstan2010.pdf", ["well-being", "non-discriminatory", "Inter-Country"]),
        ("luxembourg2009.pdf", ["non-refoulement", "inter-ministerial"]),
        ("luxembourg2013.pdf", ["awareness-raising", "socio-educational", "non-Luxembourg", "foreign-language"]),
    ],
)
def test_line_end_hyphens_are_kept_where_the_word_has_one(read, name, words):
    """These words end a line at their hyphen in the PDF; they are written with it."""
    for word in words:
        first, second = word.split("-")
        assert word in read[name].text
        assert f"{first}{second}" not in read[name].text and f"{first}- {second}" not in read[name].text


def test_footnotes_are_out_of_the_paragraph_and_found_by_its_marker(read, built):
    source, report = read["luxembourg2013.pdf"], built["luxembourg2013.pdf"]
    assert source.notes["1"] == "1 See A/HRC/10/72."
    five = next(p for p in report.paragraphs if p.paragraph == 5)
    assert five.text.endswith("during the first cycle.1") and "See A/HRC" not in five.text
    assert notes_called(five.text, source.notes) == ("1 See A/HRC/10/72.",)
    kazakhstan = read["kazakhstan2010.pdf"]
    assert kazakhstan.notes["1"].startswith("1 Chile, Slovakia, Iraq") and "Chile, Slovakia" not in kazakhstan.text
    # the cover's note follows a rule typed as underscores, in the body's own font size
    assert read["ecuador2008.pdf"].notes["*"].startswith("* Previously issued under document symbol A/HRC/WG.6/1/ECU/4")
    assert "Previously issued" not in read["ecuador2008.pdf"].text and "_____" not in read["ecuador2008.pdf"].text


def test_endnotes_after_the_annex_are_notes_not_the_annex():
    """A/HRC/12/2 (Afghanistan, 2009) ends with its annex (the delegation's composition), then "Notes" in the
    body's font: "1 The recommendation as read during the interactive dialogue: review and amend various
    criminal laws …, (Belgium)." to note 5. They are the notes that par. 96's recommendations call ("…
    addressing corruption (Switzerland);3"), not blocks of the annex."""
    source = pdf_text((DATA / "afghanistan2009.pdf").read_bytes())
    assert source.notes["1"].startswith("1 The recommendation as read during the interactive dialogue: review and")
    assert source.notes["1"].endswith("(Belgium).") and sorted(set(source.notes) - {"*"}) == ["1", "2", "3", "4", "5"]
    annex = [p for p in pdf_paragraphs("afghanistan2009.pdf") if p.part == "annex"]
    assert annex[-1].text == "Mme. Selay GHAFFAR, Représentante de la Société Civile d’Afghanistan."
    assert not any("as read during the interactive dialogue" in p.text for p in annex)
    [par96] = [p for p in pdf_paragraphs("afghanistan2009.pdf") if p.paragraph == 96]
    assert source.notes["3"] in notes_called(par96.text, source.notes)


def test_a_notes_title_whose_notes_were_footnotes_is_left_alone():
    pages = [[_line(0, 100, "102. The last paragraph."), _line(0, 120, "Notes"), _line(0, 140, "Annex")]]
    assert split_endnotes(pages) == (pages, {})


def _line(page, top, text, size=10.0, x0=100.0):
    return TextLine(page, x0, top, 500.0, top + size, size, text)


def test_a_page_number_printed_high_on_the_page_is_not_read_into_a_sentence():
    """The number sits at 89 % of the page's height, above the job number: repetition finds it, not a band."""
    pages = []
    for page in range(4):
        lines = [_line(page, 60, "A/HRC/99/1")]
        lines += [
            _line(page, 100 + 12 * i, f"a line of the body that page {page} prints as its line {i}") for i in range(50)
        ]
        lines[-1] = _line(page, 700, "the population was 8" if page == 3 else f"the last line of the page, page {page}")
        lines += [_line(page, 749, str(page + 1)), _line(page, 800, "GE.10-12345")]
        pages.append(lines)
    pages.append([_line(4, 100, "million people.")])
    kept, removed = drop_furniture(pages)
    assert [line.text for line in kept[3][-1:]] == ["the population was 8"]
    assert sorted(removed) == sorted(["A/HRC/99/1"] * 4 + ["1", "2", "3", "4"] + ["GE.10-12345"] * 4)


def test_a_number_line_that_does_not_repeat_at_one_height_is_kept():
    pages = [[_line(p, 100 + 40 * p, "12"), _line(p, 300, f"text {'of ' * p}page")] for p in range(5)]
    kept, removed = drop_furniture(pages)
    assert removed == [] and sum(len(page) for page in kept) == 10


def test_the_contents_end_at_their_last_leader_line():
    page = [
        _line(0, 50, "Table des matières"),
        _line(0, 70, "Paragraphes Pages"),
        _line(0, 90, "Introduction ............ 1–4 3"),
        _line(0, 110, "Annexe"),
        _line(0, 130, "Composition de la délégation ........ 24"),
        _line(0, 200, "Introduction"),
        _line(0, 220, "1. Le Groupe de travail a tenu sa session."),
    ]
    kept, removed = drop_contents([page])
    assert [line.text for line in kept[0]] == ["Introduction", "1. Le Groupe de travail a tenu sa session."]
    assert len(removed) == 5


def test_footnotes_are_the_small_lines_at_the_foot_from_a_marker():
    page = [
        _line(0, 100, "5. Le pays compte 12 tribunaux.2", 10),
        _line(0, 112, "Un tableau en petit", 8),
        _line(0, 700, "2 Voir le rapport", 8),
        _line(0, 710, "de 2010.", 8),
        _line(0, 720, "3 Ibid.", 8),
    ]
    kept, notes = split_footnotes([page], 10)
    assert [line.text for line in kept[0]] == ["5. Le pays compte 12 tribunaux.2", "Un tableau en petit"]
    assert notes == {"2": "2 Voir le rapport de 2010.", "3": "3 Ibid."}
    assert notes_called("Le pays compte 12 tribunaux.2", notes) == ("2 Voir le rapport de 2010.",)


# --- bounded work ---------------------------------------------------------------------------------


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1 is the catalog), with a correct cross-reference table."""
    parts, offsets, size = [b"%PDF-1.4\n"], [], 9
    for number, body in enumerate(objects, 1):
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        offsets.append(size)
        parts.append(chunk)
        size += len(chunk)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % o for o in offsets
    )
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, size)
    return b"".join(parts) + xref + trailer


def _stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), dictionary, data)


def nested_forms_pdf(depth: int = 12, draws: int = 4) -> bytes:
    """One page whose form draws a form `draws` times, that one the next, `depth` deep: draws**depth leaves."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> /Font << /F 6 0 R >> >> >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    objects.append(_stream(b"BT /F 11 Tf 72 700 Td (1. The Committee notes.) Tj ET /X Do"))
    for level in range(depth):
        form = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F 6 0 R >> "
        if level < depth - 1:  # object 5 is the first form, 6 the font, 7 on the next forms
            objects_next = b"/XObject << /X %d 0 R >> >>" % (7 + level)
            body = b" ".join([b"q /X Do Q"] * draws)
        else:
            objects_next, body = b">>", b"BT /F 1 Tf (x) Tj ET"
        objects.append(_stream(body, form + objects_next))
        if level == 0:
            objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _raw_pdf(objects)


def many_pages_pdf(count: int) -> bytes:
    """`count` empty pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    objects.append(_stream(b""))
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * count
    return _raw_pdf(objects)


def test_a_pdf_of_120_000_pages_is_refused_by_its_page_count():
    with pytest.raises(SourceError, match=r"^120,000 pages, more than the 1,000 a report may have"):
        pdf_text(many_pages_pdf(120_000))


def test_nested_forms_are_a_well_formed_pdf_that_pdfium_reads_when_shallow():
    source = pdf_text(nested_forms_pdf(depth=3))
    assert "1.\tThe Committee notes." in source.text


@pytest.mark.slow  # a build in a child process
def test_a_pdf_of_forms_drawn_inside_forms_fails_alone_with_one_line(tmp_path):
    from test_etl_attacks import GOOD_METADATA, assert_refused, run_etl_bounded, write_report

    raw = tmp_path / "raw"
    raw.mkdir()
    write_report(raw, "good", GOOD_METADATA)
    (raw / "forms.pdf").write_bytes(nested_forms_pdf(depth=12, draws=4))
    (raw / "pages.pdf").write_bytes(many_pages_pdf(120_000))
    indicators = tmp_path / "indicators"
    indicators.mkdir()
    run = run_etl_bounded("--input", raw, "--out", tmp_path / "out", "--indicators", indicators, cwd=tmp_path)
    errors = assert_refused(run, lines=2)
    assert any(
        line.startswith(f"error: {raw / 'forms.pdf'}: ") and "forms drawn inside forms" in line for line in errors
    )
    assert any(line.startswith(f"error: {raw / 'pages.pdf'}: ") and "120,000 pages" in line for line in errors)
    assert "good: 2 paragraphs, 4 claims" in run.stdout


def test_the_reader_leaves_no_child_process_behind():
    pdf_text(nested_forms_pdf(depth=2))
    with pytest.raises(SourceError):
        pdf_text(many_pages_pdf(1_001))
    assert multiprocessing.active_children() == []


def test_a_reportlab_pdf_reads(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(100, 700, "1. Le Comité note que 12 affaires ont été jugées.")
    pdf.save()
    assert pdf_text(buffer.getvalue()).text == "1.\tLe Comité note que 12 affaires ont été jugées.\n"


@pytest.mark.slow  # a build in a child process
def test_a_built_paragraph_carries_the_footnotes_it_calls(tmp_path):

    from etl.cli import main as build_data

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kazakhstan2010.pdf").write_bytes((DATA / "kazakhstan2010.pdf").read_bytes())
    (tmp_path / "indicators").mkdir()
    out = tmp_path / "out"
    assert build_data(["--input", str(raw), "--out", str(out), "--indicators", str(tmp_path / "indicators")]) == 0
    rows = stored_arrow(out, "paragraphs").to_pylist()
    notes = {row["paragraph"]: list(row["notes"]) for row in rows if len(row["notes"])}
    # paragraph 27 ends a sentence on "when available.1": the note lists the 18 delegations; paragraph 3's
    # "A/HRC/WG.6/7/KAZ/2/Corr.1" calls no note; the recommendation "(Slovenia);2" calls note 2
    assert notes[27] == [next(n for n in notes[27] if n.startswith("1 Chile, Slovakia, Iraq, Italy"))]
    assert 3 not in notes
    assert any(n.startswith("2 The original recommendation read as follows") for ns in notes.values() for n in ns)
    assert "Chile, Slovakia" not in next(row["text"] for row in rows if row["paragraph"] == 27)


def test_a_wrapped_line_that_starts_with_a_year_is_no_paragraph():
    """bahrain2008, paragraph 1: "… held its first session from 7 to 18 April" / "2008. The review of Bahrain …"."""
    page = [
        _line(0, 100, "1. The Working Group held its first session from 7 to 18 April"),
        _line(0, 112, "2008. The review of Bahrain was held at the 1st meeting."),
        _line(0, 130, "2. On 28 February 2008, the Council selected the troika."),
    ]
    assert layout([page]).text == (
        "1.\tThe Working Group held its first session from 7 to 18 April 2008. The review of Bahrain was held "
        "at the 1st meeting.\n2.\tOn 28 February 2008, the Council selected the troika.\n"
    )


def test_a_pdf_under_a_password_says_so():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(100, 700, "1. Le Comité note.")
    pdf.save()
    with pytest.raises(SourceError, match=r"^the PDF is protected by a password; export the report without one$"):
        pdf_text(buffer.getvalue())


def test_a_content_stream_that_inflates_to_200_mb_is_read_within_the_limits():
    import zlib

    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    content = _stream(zlib.compress(b" " * 200_000_000, 9), b"/Filter /FlateDecode")
    data = _raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", content, page])
    assert len(data) < 300_000
    with pytest.raises(SourceError, match="no text layer"):
        pdf_text(data)
