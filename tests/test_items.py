"""Numbered recommendations, lettered sub-paragraphs and bullets are items of their paragraph.

The gold values are read from the PDFs in tests/data/ (their printed lists), not from the program:
A/HRC/14/10 (Kazakhstan 2010) lists recommendations 1-102 under paragraph 95 and 1-26 under
paragraph 97; A/HRC/8/20 (Ecuador 2008) 1-10 under paragraph 60; A/HRC/10/72 (Luxembourg 2009)
1-18 under paragraph 53; A/HRC/23/10 (Luxembourg 2013) 116.1-116.21, 117.1-117.20, 118.1-118.76
and 119.1-119.4.
"""

from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st
from real_pdfs import pdf_paragraphs, pdf_text

from etl.build import build_report
from etl.segment import segment


def _items(name: str, paragraph: int) -> list[str]:
    return [i.item for p in pdf_paragraphs(name) if p.paragraph == paragraph for i in p.items]


@pytest.mark.parametrize(
    "name,lists",
    [
        ("kazakhstan2010.pdf", {95: 102, 97: 26}),
        ("ecuador2008.pdf", {60: 10}),
        ("luxembourg2009.pdf", {53: 18}),
    ],
)
def test_a_list_numbered_from_one_is_the_items_of_its_paragraph(name, lists):
    for paragraph, count in lists.items():
        assert _items(name, paragraph) == [str(n) for n in range(1, count + 1)]
    numbered = [(p.paragraph, i.item) for p in pdf_paragraphs(name) for i in p.items if i.item[0].isdigit()]
    assert len(numbered) == sum(lists.values())


@pytest.mark.parametrize("name", ["kazakhstan2010.pdf", "ecuador2008.pdf", "luxembourg2009.pdf", "luxembourg2013.pdf"])
def test_no_duplicate_paragraph_or_item_key(name):
    paragraphs = pdf_paragraphs(name)
    assert [n for n, k in Counter(p.paragraph for p in paragraphs).items() if k > 1] == []
    keys = Counter((p.paragraph, i.item) for p in paragraphs for i in p.items)
    assert [key for key, k in keys.items() if k > 1] == []


def test_the_body_goes_on_after_a_list_that_ran_past_its_number():
    # paragraph 95's list runs to 102; paragraphs 96, 97 and 98 follow it
    numbers = [p.paragraph for p in pdf_paragraphs("kazakhstan2010.pdf") if p.part == "body"]
    assert numbers[-4:] == [95, 96, 97, 98]
    assert numbers == sorted(numbers)


def test_recommendations_numbered_after_their_paragraph():
    name = "luxembourg2013.pdf"
    assert _items(name, 119) == ["119.1", "119.2", "119.3", "119.4"]
    printed = {f"{p}.{n}" for p, last in {116: 21, 117: 20, 118: 76, 119: 4}.items() for n in range(1, last + 1)}
    found = [i.item for p in pdf_paragraphs(name) for i in p.items if i.item[0].isdigit()]  # paragraph 3 has (a)-(c)
    assert sorted(found) == sorted(printed)  # 121 recommendations, each once


def test_an_item_is_its_text_after_its_label():
    (paragraph,) = [p for p in pdf_paragraphs("luxembourg2013.pdf") if p.paragraph == 119]
    first = paragraph.items[0]
    assert paragraph.text[first.start : first.end].startswith("Consider ratifying the International Convention")
    assert paragraph.text[first.start : first.end].endswith("(Cambodia, Indonesia, Sri Lanka, Turkey);")


@pytest.mark.parametrize(
    "name,paragraph,item,states",
    [
        ("luxembourg2013.pdf", 119, "119.1", ("Cambodia", "Indonesia", "Sri Lanka", "Turkey")),
        # printed without the comma between Chile and Egypt: kept as printed
        ("luxembourg2013.pdf", 119, "119.2", ("Belarus", "Cape Verde", "Chile Egypt", "Guatemala")),
        ("kazakhstan2010.pdf", 95, "3", ("Slovenia", "Republic of Korea")),  # "ratifying (Slovenia)/ratify (…)"
        ("kazakhstan2010.pdf", 95, "102", ("Morocco",)),
        ("ecuador2008.pdf", 60, "2", ("United Kingdom of Great Britain and Northern Ireland",)),
        (
            "luxembourg2009.pdf",
            53,
            "8",
            ("Azerbaijan", "Egypt", "Mexico", "Canada", "Iran (Islamic Republic of)"),  # five brackets, Egypt twice
        ),
    ],
)
def test_the_recommending_states_are_a_field(name, paragraph, item, states):
    (found,) = [i for p in pdf_paragraphs(name) if p.paragraph == paragraph for i in p.items if i.item == item]
    assert found.recommended_by == states


def test_lettered_items_of_the_first_report(paragraphs):
    (p191,) = [p for p in paragraphs if p.paragraph == 191]
    assert [i.item for i in p191.items] == ["a", "b", "c"]
    assert p191.text[p191.items[0].start :].startswith("La Constitution")
    assert all(i.recommended_by == () for i in p191.items)


def test_claims_carry_their_item_and_item_numbers_are_no_claims():
    report = build_report(pdf_text("kazakhstan2010.pdf"), "kazakhstan2010", "en")
    texts = report.texts()
    items = [i for i in report.items if i.paragraph == 95]
    assert len(items) == 102
    for item in items:
        label_start = texts[95].rfind("\n", 0, item.start) + 1
        assert not [c for c in report.claims if c.paragraph == 95 and c.start < item.start and c.end > label_start]
    # item 34: "… integration into society of 650,000 ethnic Kazakhs repatriated …"
    (claim,) = [c for c in report.claims if c.paragraph == 95 and c.text == "650,000"]
    assert claim.item == "34"
    assert texts[95][claim.start : claim.end] == "650,000"


def test_item_offsets_index_the_paragraph_text():
    text = (
        "124.\tThe following recommendations enjoy the support of the State:\n"
        "124.1 Ratify the Convention (Brazil, Chile);\n"
        "124.2 Report on 3 cases (Iran (Islamic Republic of));\n"
        "continued on a line of its own.\n"
        "125.\tThe list:\n"
        "\t(a)\tFirst;\n"
        "\t(b)\tSecond with 12 items.\n"
        "126.\tMembers:\n"
        "• One\n"
        "• Two\n"
    )
    paragraphs = segment(text)
    assert [p.paragraph for p in paragraphs] == [124, 125, 126]
    got = [(p.paragraph, i.item, p.text[i.start : i.end], i.recommended_by) for p in paragraphs for i in p.items]
    assert got == [
        (124, "124.1", "Ratify the Convention (Brazil, Chile);", ("Brazil", "Chile")),
        (
            124,
            "124.2",
            "Report on 3 cases (Iran (Islamic Republic of));\ncontinued on a line of its own.",
            ("Iran (Islamic Republic of)",),
        ),
        (125, "a", "First;", ()),
        (125, "b", "Second with 12 items.", ()),
        (126, "•1", "One", ()),
        (126, "•2", "Two", ()),
    ]


def test_a_list_needs_its_announcement():
    # "1." after a paragraph that does not announce a list is a paragraph (a report starting again)
    paragraphs = segment("5.\tThe end.\n1.\tAnother document.\n2.\tIts second paragraph.\n")
    assert [p.paragraph for p in paragraphs] == [5, 1, 2]
    assert all(not p.items for p in paragraphs)


def test_a_repeated_label_stays_unique():
    paragraphs = segment("7.\tTwo lists:\n1.\tOne;\n2.\tTwo:\n1.\tAgain one;\n8.\tNext.\n")
    assert [p.paragraph for p in paragraphs] == [7, 8]
    assert [i.item for i in paragraphs[0].items] == ["1", "2", "1-2"]


_LINES = st.sampled_from(
    [
        "12.\tA paragraph listing:",
        "13.\tAnother paragraph.",
        "1.\tFirst recommendation (Brazil);",
        "2.\tSecond one (Chile, Peru).",
        "3.\tThird:",
        "12.1 Numbered after its paragraph (France);",
        "13.2 Numbered after the other one;",
        "\t(a)\tLettered;",
        "b) Lettered, French style;",
        "• A bullet",
        "a wrapped line of text with 4 numbers",
        "\tA.\tA section",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=40))
def test_items_are_unique_spans_of_their_paragraph(lines):
    text = "12.\tStart.\n" + "\n".join(lines) + "\n"
    for p in segment(text):
        keys = [i.item for i in p.items]
        assert len(keys) == len(set(keys))
        previous_end = 0
        for i in p.items:
            assert previous_end <= i.label_start < i.start <= i.end <= len(p.text)
            assert p.text[i.start : i.end] == p.text[i.start : i.end].strip()
            previous_end = i.end
