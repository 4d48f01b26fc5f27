"""Segmentation of the report into chapters, sections, subsections and paragraphs."""

import re

import pytest
from real_pdfs import pdf_paragraphs

from etl.segment import SegmentationError, co_refs_from, segment


def test_every_paragraph_is_present_once_in_order(paragraphs):
    assert [p.paragraph for p in paragraphs] == list(range(1, 438))


def test_paragraph_text_is_the_raw_text_at_its_offsets(report_text, paragraphs):
    for p in paragraphs:
        assert report_text[p.char_start : p.char_end] == p.text
        assert p.text and not p.text[0].isspace() and not p.text[-1].isspace()


@pytest.mark.parametrize(
    "number,chapter,chapter_title,section,section_title,subsection,co_refs",
    [
        (1, "I", "Introduction", None, None, None, []),
        (58, "II", "Renseignements d’ordre général", "E", "Statistiques", None, [5, 6]),
        # the co-refs heading runs over two lines and names lettered sub-paragraphs
        (
            104,
            "IV",
            "Article\u00a02",
            "A",
            "Politique de l’État visant à prévenir les tensions interethniques",
            "a)",
            [21, 22],
        ),
        (127, "IV", "Article\u00a02", "B", "Rôle de l’Assemblée du peuple du Kazakhstan", None, [22]),
        # a chapter title continued on an untabbed line
        (142, "V", "Article\u00a03 Interdiction de la ségrégation", None, None, None, []),
        (155, "VI", "Article\u00a04", "A", "Liberté d’expression", None, [15, 16]),
        (
            191,
            "VI",
            "Article\u00a04",
            "C",
            "Interdiction des organisations extrémistes, lutte contre l’incitation à la violence",
            None,
            [19, 20],
        ),
        (249, "VII", "Article\u00a05", "D", "Langues minoritaires", None, [33, 34]),
        # "b)" followed by a tabbed title line
        (
            293,
            "VII",
            "Article\u00a05",
            "H",
            "Apatrides",
            "b) Révision de la loi sur la nationalité pour prévenir l’apatridie",
            [41, 42],
        ),
        # "I." here is section I of chapter VII, not chapter I
        (317, "VII", "Article\u00a05", "I", "Traite des personnes", None, [37, 38]),
        # chapter X has co-refs but no section
        (380, "X", "Institutions nationales des droits de l’homme", None, None, None, [13, 14]),
        # unnumbered tabbed lines name a group of paragraphs
        (
            411,
            "XI",
            "Autres engagements",
            "C",
            "Suite donnée à la Déclaration et au Programme d’action de Durban",
            "Encouragement de la diversité culturelle",
            [47],
        ),
        (437, "XIII", "Conclusion", None, None, None, []),
    ],
)
def test_paragraph_outline(paragraphs, number, chapter, chapter_title, section, section_title, subsection, co_refs):
    p = paragraphs[number - 1]
    assert (p.paragraph, p.chapter, p.chapter_title, p.section, p.section_title, p.subsection, p.co_refs) == (
        number,
        chapter,
        chapter_title,
        section,
        section_title,
        subsection,
        co_refs,
    )


def test_paragraph_191_holds_its_three_lettered_items(paragraphs):
    text = paragraphs[190].text
    assert [m[1] for m in re.finditer(r"^\t([a-c])\)\t", text, re.MULTILINE)] == ["a", "b", "c"]
    assert "Trente-huit procédures" in text and "221\u00a0procédures" in text


def test_bullet_lines_belong_to_the_paragraph_above(paragraphs):
    assert paragraphs[316].text.count("\n") == 6  # par. 317: six articles, one line each
    assert paragraphs[2].text.endswith("civils et politiques.")


def test_all_thirteen_chapters_are_found(paragraphs):
    assert list(dict.fromkeys(p.chapter for p in paragraphs)) == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
    ]


def un_export_layout(text: str) -> str:
    """The UN's own text export: '155.Text', 'A.Title', 'a)Text', nothing between."""
    text = re.sub(r"^[ \t]*(\d+)\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*([IVXLC]+|[A-Z])\.\t", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^\t([a-z])\)\t", r"\1)", text, flags=re.MULTILINE)
    return re.sub(r"^\t+", "", text, flags=re.MULTILINE)


def test_un_export_layout_gives_the_same_paragraphs(report_text, paragraphs):
    exported = segment(un_export_layout(report_text))
    assert [p.paragraph for p in exported] == list(range(1, 438))
    assert [(p.chapter, p.section) for p in exported] == [(p.chapter, p.section) for p in paragraphs]
    assert [p.co_refs for p in exported] == [p.co_refs for p in paragraphs]
    same_text = [a.text.replace("\t", "") == b.text.replace("\t", "") for a, b in zip(exported, paragraphs)]
    assert all(same_text)


def test_crlf_text_is_segmented_like_lf(report_text, paragraphs):
    crlf = segment(report_text.replace("\n", "\r\n"))
    assert [p.paragraph for p in crlf] == list(range(1, 438))
    assert [p.text.replace("\r", "") for p in crlf] == [p.text for p in paragraphs]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Le Comité se félicite du rapport.\nIl recommande à l'État partie de ...\n",
        # concluding observations printed without paragraph numbers
        "\tA.\tIntroduction\nLe Comité a examiné le rapport.\n\tB.\tAspects positifs\nLe Comité salue ...\n",
    ],
)
def test_text_without_numbered_paragraphs_is_refused(text):
    with pytest.raises(SegmentationError, match="no numbered paragraph"):
        segment(text)


@pytest.mark.parametrize(
    "line,expected",
    [
        (
            "Renseignements sur la suite donnée aux paragraphes 27 et 28 des observations finales (CERD/C/KAZ/CO/8-10)",
            [27, 28],
        ),
        ("Renseignements sur la suite donnée aux paragraphes 21 et 22 a), b) et c) des observations finales", [21, 22]),
        ("Renseignements sur la suite donnée au paragraphe 45 des observations finales", [45]),
        # the follow-up headings of English and Spanish UN documents (issue 13)
        ("Information on the follow-up to paragraphs 12 and 13 of the concluding observations", [12, 13]),
        (
            "Information on the follow-up to paragraphs 21 and 22 (a), (b) and (c) of the concluding observations",
            [21, 22],
        ),
        ("Información relativa al seguimiento de los párrafos 12 y 13 de las observaciones finales", [12, 13]),
        ("Información relativa al seguimiento del párrafo 47 de las observaciones finales (CERD/C/KAZ/CO/8-10)", [47]),
    ],
)
def test_co_refs_from_heading(line, expected):
    assert co_refs_from(line) == expected


@pytest.mark.parametrize(
    "text,numbers,items",
    [
        # English: "(a)" items, tabbed or glued to their text, belong to their paragraph
        (
            "\tI.\tIntroduction\n155.\tThe Code provides:\n\t(a)\tFines;\n\t(b)\tImprisonment.\n156.\tNext.\n",
            [155, 156],
            2,
        ),
        ("I.Introduction\n155.The Code provides:\n(a)Fines;\n(b)Imprisonment.\n156.Next.\n", [155, 156], 2),
        # Spanish: "a)" items
        (
            "\tI.\tIntroducción\n155.\tEl Código dispone:\n\ta)\tMultas;\n\tb)\tPrisión.\n156.\tSiguiente.\n",
            [155, 156],
            2,
        ),
    ],
)
def test_items_of_every_language_belong_to_their_paragraph(text, numbers, items):
    paragraphs = segment(text)
    assert [p.paragraph for p in paragraphs] == numbers
    assert paragraphs[0].text.count("\n") == items


def test_a_heading_in_english_names_its_co_refs_over_two_lines():
    text = (
        "\tA.\tState policy\n\t\tInformation on the follow-up to paragraphs 21 and 22 (a), (b) and (c)\n"
        "\t\tof the concluding observations\n104.\tText.\n"
    )
    (paragraph,) = segment(text)
    assert (paragraph.section, paragraph.co_refs) == ("A", [21, 22])


def test_an_english_subsection_keeps_its_mark():
    (paragraph,) = segment("\tA.\tRefugees\n\t\t(a)\n\t\tAccess to asylum\n280.\tText.\n")
    assert paragraph.subsection == "(a) Access to asylum"


@pytest.mark.parametrize("name", ["luxembourg2013", "luxembourg2009", "ecuador2008", "kazakhstan2010"])
def test_a_un_documents_masthead_is_not_the_heading_of_its_first_paragraphs(name):
    """The first page of a UPR report: "United Nations A/HRC/23/10", "General Assembly Distr.: General", the date
    and languages, the session and agenda item, the title ("Report of the Working Group on the Universal Periodic
    Review", "Luxembourg"), then "Introduction" above paragraph 1. Only that last heading is the paragraphs'."""
    first = pdf_paragraphs(f"{name}.pdf")[0]
    assert (first.paragraph, first.chapter, first.subsection) == (1, None, "Introduction")


def test_a_heading_wrapped_before_the_first_paragraph_is_kept_whole():
    (paragraph,) = segment("United Nations A/1/2\nIntroduction and scope of the\nreview\n1.\tText.\n")
    assert paragraph.subsection == "Introduction and scope of the review"
