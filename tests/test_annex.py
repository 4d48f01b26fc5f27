"""An annex is a part of its own: its blocks are marked `annex` with the annex's heading, keyed past the body.

The gold is read from the PDFs of tests/data/ (pypdfium2's text of their last page), not from the program.
Each UPR Working Group report ends with "Annex", then (perhaps after "[English/French only]") its title,
"Composition of the delegation", then the delegation's members:
- A/HRC/8/20 (ecuador2008.pdf): after paragraph 62, seventeen entries, one a line, each ending in ";"
  from "H.E. Mr. Gustavo Jalkh, Minister of Justice and Human Rights, Head of the delegation;" to "Lorena
  Sánchez, General Direction of Human Rights and Social Affairs Assistant.", then "-----" (the end mark);
- A/HRC/14/10 (kazakhstan2010.pdf): after paragraph 98, "The delegation of Kazakhstan was headed by the
  Deputy Prime Minister, Yerbol Orynbayev, and was composed of 23 members:" and 22 bullets, from "Madina
  Jarbussynova" to "Abzal Saparbekuly";
- A/HRC/10/72 (luxembourg2009.pdf): after paragraph 55, the title in capitals, "The delegation of Luxembourg
  was headed by H.E. Mr. Nicolas Schmit and was composed of 10 members:" and ten entries, from "Monsieur
  Nicolas Schmit" to "Monsieur Laurent Thyes", then "-----";
- A/HRC/23/10 (luxembourg2013.pdf): after paragraph 121, "[English/French only]", then "The delegation of
  Luxembourg was headed by His Excellency, Nicolas Schmit, …" and 8 bullets, from "Monsieur Jean-Marc
  Hoscheit" to "Madame Louise Bonneville".
"""

from pathlib import Path

import pytest
from real_pdfs import DATA, pdf_paragraphs, pdf_text

from etl.build import build_report
from etl.segment import ANNEX_NUMBERS, segment

ROOT = Path(__file__).parent.parent
DELEGATION = "Annex — Composition of the delegation"


# name -> (the body's last paragraph, the annex's heading, its blocks' first words, bullets in its blocks)
GOLD = {
    "ecuador2008.pdf": (
        62,
        DELEGATION,
        [
            "H.E. Mr. Gustavo Jalkh,",
            "H.E. Mr. Emilio Izquierdo,",
            "H.E. Mr. Mauricio Montalvo,",
            "Mr. Augusto Saá,",
            "Mr. José Rosero,",
            "María de Lourdes Portaluppi,",
            "Juan Meriguet,",
            "Felipe Abril,",
            "Ximena Abarca,",
            "Remigia Saldaña,",
            "Juan Holguín,",
            "Carlos Santos,",
            "Luis Vayas,",
            "Leticia Baquerizo,",
            "María del Carmen Vivar,",
            "Ramiro Rivadeneira,",
            "Lorena Sánchez,",
        ],
        0,
    ),
    "kazakhstan2010.pdf": (98, DELEGATION, ["The delegation of Kazakhstan was headed by"], 22),
    "luxembourg2009.pdf": (
        55,
        "Annex — COMPOSITION OF THE DELEGATION",
        [
            "The delegation of Luxembourg was headed by",
            "Monsieur Nicolas Schmit,",
            "Monsieur Jean Feyder,",
            "Madame Maddy Mulheims,",
            "Monsieur Mill Majerus,",
            "Monsieur Jean-Paul Reiter,",
            "Monsieur Vincent Theis,",
            "Monsieur Jean-Paul Lehners,",
            "Monsieur Olivier Baldauff,",
            "Madame Christine Goy,",
            "Monsieur Laurent Thyes,",
        ],
        0,
    ),
    "luxembourg2013.pdf": (121, DELEGATION, ["The delegation of Luxembourg was headed by His Excellency"], 8),
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_the_annex_is_found_where_the_document_prints_it(name):
    last_body, heading, firsts, bullets = GOLD[name]
    paragraphs = pdf_paragraphs(name)
    body = [p for p in paragraphs if p.part == "body"]
    annex = [p for p in paragraphs if p.part == "annex"]
    assert body[-1].paragraph == last_body and paragraphs[: len(body)] == tuple(body)  # the annex follows the body
    assert [p.paragraph for p in annex] == [ANNEX_NUMBERS + n for n in range(1, len(firsts) + 1)]
    assert {p.part_title for p in annex} == {heading}
    assert len(annex) == len(firsts) and all(p.text.startswith(f) for p, f in zip(annex, firsts))
    assert sum(len(p.items) for p in annex) == bullets


# The last member each annex lists, as printed.
LAST_MEMBER = {
    "ecuador2008.pdf": "Lorena Sánchez, General Direction of Human Rights and Social Affairs Assistant.",
    "kazakhstan2010.pdf": "Abzal Saparbekuly, Counselor of the Permanent Mission of Kazakhstan to the United Nations",
    "luxembourg2009.pdf": "Monsieur Laurent Thyes, Attaché d’administration, Ministère de la Justice, Luxembourg.",
    "luxembourg2013.pdf": (
        "Madame Louise Bonneville, Stagiaire, Mission permanente du Grand-Duché de Luxembourg auprès de l’Office des "
        "Nations Unies à Genève."
    ),
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_body_paragraph_is_marked_annex_nor_holds_the_annex(name):
    paragraphs = pdf_paragraphs(name)
    for p in paragraphs:
        if p.part == "body":
            assert p.part_title is None and p.paragraph < ANNEX_NUMBERS
            assert "Composition of the delegation" not in p.text and LAST_MEMBER[name][:30] not in p.text
    assert LAST_MEMBER[name] in paragraphs[-1].text and paragraphs[-1].text.endswith(LAST_MEMBER[name][-20:])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_the_annex_keys_never_meet_the_body_and_its_figures_are_no_statistics(name):
    records = build_report(pdf_text(name), name.removesuffix(".pdf"), "en")
    numbers = [p.paragraph for p in records.paragraphs]
    assert len(numbers) == len(set(numbers))
    annex = {p.paragraph for p in records.paragraphs if p.part == "annex"}
    assert annex and min(annex) > max(set(numbers) - annex)
    assert [c.text for c in records.claims if c.paragraph in annex] == []  # "composed of 23 members"


def _text_of(component) -> str:
    """A Dash component's text, its children's in order."""
    if isinstance(component, (list, tuple)):
        return "".join(_text_of(c) for c in component)
    if component is None or isinstance(component, (str, int, float)):
        return "" if component is None else str(component)
    return _text_of(getattr(component, "children", None))


def _ids(component) -> list[str]:
    """The ids of a Dash layout's components, in reading order."""
    if isinstance(component, (list, tuple)):
        return [i for child in component for i in _ids(child)]
    if component is None or isinstance(component, (str, int, float)):
        return []
    own = [component.id] if isinstance(getattr(component, "id", None), str) else []
    return own + _ids(getattr(component, "children", None))


def test_the_reader_shows_the_annex_under_its_own_heading(tmp_path):
    import shutil

    from app_fixtures import app_reading

    from etl.cli import main as build_data

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(DATA / "kazakhstan2010.pdf", raw / "kazakhstan2010.pdf")
    assert build_data(["--input", str(raw), "--out", str(tmp_path / "processed")]) == 0
    with app_reading(tmp_path / "processed"):
        from pages import report

        body = report.report_body(report.data.load(), "en", "kazakhstan2010")
        toc = report.contents(report.data.load(), "en", "kazakhstan2010")
    ids = _ids(body)
    heading = ids.index(f"annex-{ANNEX_NUMBERS + 1}")
    assert ids[heading - 1].startswith("p98") and ids[heading + 1] == f"p{ANNEX_NUMBERS + 1}"
    shown = [c for c in body.children if getattr(c, "id", None) == f"annex-{ANNEX_NUMBERS + 1}"]
    assert [(c.__class__.__name__, _text_of(c)) for c in shown] == [("H2", DELEGATION)]
    # The document numbers none of its annex's blocks ("The delegation of Kazakhstan was headed by …", then
    # "• Madina Jarbussynova, Ambassador-at-Large, …"): no number is shown, 10001 being the build's key, and a
    # list line's own bullet is not drawn beside the list's.
    [block] = [c for c in body.children if getattr(c, "id", None) == f"p{ANNEX_NUMBERS + 1}"]
    number, text = block.children
    assert _text_of(number) == "" and _text_of(text).startswith("The delegation of Kazakhstan was headed by")
    assert "Madina Jarbussynova" in _text_of(text) and "•" not in _text_of(text)
    assert f"#annex-{ANNEX_NUMBERS + 1}" in _hrefs(toc) and DELEGATION in _text_of(toc)


def _hrefs(component) -> list[str]:
    if component is None or isinstance(component, (str, int, float)):
        return []
    if isinstance(component, (list, tuple)):
        return [h for c in component for h in _hrefs(c)]
    own = [component.href] if isinstance(getattr(component, "href", None), str) else []
    return own + _hrefs(getattr(component, "children", None))


def test_the_first_report_has_no_annex():
    text = (ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt").read_text(encoding="utf-8")
    paragraphs = segment(text)
    assert {p.part for p in paragraphs} == {"body"} and {p.part_title for p in paragraphs} == {None}


def test_an_annex_heading_stands_alone_or_with_a_title():
    text = (
        "Annex\n"  # a contents' line, before any paragraph: not an annex
        "1.\tThe report is in two annexes.\n"
        "Annexes to the report list the members.\n"  # a sentence, not a heading
        "2.\tSecond paragraph.\n"
        "Annex I\n"
        "[English only]\n"
        "Statistical tables\n"
        "Table 1 lists the courts.\n"
        "Annex II List of participants\n"
        "Ms. A, Minister;\n"
        "• Mr. B, Adviser\n"
    )
    paragraphs = segment(text)
    shown = [(p.paragraph, p.part, p.part_title, p.text, len(p.items)) for p in paragraphs]
    assert shown == [
        (1, "body", None, "The report is in two annexes.\nAnnexes to the report list the members.", 0),
        (2, "body", None, "Second paragraph.", 0),
        (ANNEX_NUMBERS + 1, "annex", "Annex I — Statistical tables", "Table 1 lists the courts.", 0),
        (2 * ANNEX_NUMBERS + 1, "annex", "Annex II — List of participants", "Ms. A, Minister;\n• Mr. B, Adviser", 1),
    ]
