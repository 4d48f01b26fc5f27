"""A document's identity read from its first page (etl/document.py), and the table of States (contract/states.py).

The four PDFs are real UPR Working Group reports; their expected fields were written by reading each
first page. The cover layouts are first pages of other reports of ../shared/corpus/upr/ as PDFium reads
them, cut to the cover; the treaty-body covers are written in the layout of those documents.
"""

import io
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from store_tables import stored_arrow

from contract import records
from contract.states import NAMES, STATES, state_named
from etl.cli import main as build_data
from etl.document import Detected, detect, first_page_of, identity
from etl.sources import pdf_first_page
from etl.summary import _report_lines
from etl.tables import ReportTables

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
UPR_KIND = {"body": "UPR", "document_type": "upr_working_group_report", "cycle": None}
UPR = {**UPR_KIND, "language": "en"}

# Read on each first page: the symbol top right, the date under "Distr.", the State under the title.
PDFS = {
    "kazakhstan2010.pdf": {"symbol": "A/HRC/14/10", "date_issued": date(2010, 3, 23), "state_iso3": "KAZ"},
    "luxembourg2009.pdf": {"symbol": "A/HRC/10/72", "date_issued": date(2009, 1, 8), "state_iso3": "LUX"},
    "luxembourg2013.pdf": {"symbol": "A/HRC/23/10", "date_issued": date(2013, 3, 25), "state_iso3": "LUX"},
    "ecuador2008.pdf": {"symbol": "A/HRC/8/20", "date_issued": date(2008, 5, 13), "state_iso3": "ECU"},
}
STATE_NAMES = {"KAZ": "Kazakhstan", "LUX": "Luxembourg", "ECU": "Ecuador"}


def plumber_first_page(data: bytes) -> str:
    """The first page as pdfplumber reads it: another order of lines ("United Nations A" then "/HRC/14/10")."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[0].extract_text()


@pytest.mark.parametrize("reader", [pdf_first_page, plumber_first_page], ids=["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", PDFS)
def test_every_field_of_a_upr_report_is_read_from_its_first_page(name, reader):
    expected = {**UPR, **PDFS[name], "state": STATE_NAMES[PDFS[name]["state_iso3"]]}
    assert asdict(detect(reader((DATA / name).read_bytes()))) == expected


# name, first page (cut to the cover), what it says
COVERS = [
    (
        # 2008: capitals, and no title in the text layer: the draft's symbol says it is the Working Group's report
        "peru2008",
        (
            "UNITED \nNATIONS A\nGeneral Assembly Distr. \nGENERAL \nA/HRC/8/37 \n28 May 2008 \nOriginal: ENGLISH \n"
            "HUMAN RIGHTS COUNCIL \nEighth session \nAgenda item 6 \nUNIVERSAL PERIODIC REVIEW \nPeru * \n"
            "_________________________ \n * Previously issued under the document symbol A/HRC/WG.6/2/L.3; minor "
            "revisions have \n"
        ),
        {"symbol": "A/HRC/8/37", "date_issued": date(2008, 5, 28), "state_iso3": "PER", **UPR_KIND},
    ),
    (
        "saudiarabia2009",  # "Report of the Working on the …", as printed
        (
            "GE.09-11753\nUNITED \nNATIONS A\nGeneral Assembly Distr. \nGENERAL \nA/HRC/11/23 \n4 March 2009 \n"
            "Original: ENGLISH \nHUMAN RIGHTS COUNCIL \nEleventh session \nAgenda item 6 \nUNIVERSAL PERIODIC REVIEW \n"
            "Report of the Working on the Universal Periodic Review * \nSaudi Arabia \n_________________________ \n"
            "*. Previously issued under symbol number A/HRC/WG.6/4/L.9; minor revisions have been added under the \n"
        ),
        {"symbol": "A/HRC/11/23", "date_issued": date(2009, 3, 4), "state_iso3": "SAU", **UPR_KIND},
    ),
    (
        "bangladesh2009",  # reissued: the star after the symbol is a footnote mark, not part of it
        (
            "GE.09-16252 (E) 191109\nHuman Rights Council \nEleventh session \nAgenda item 6 \nUniversal periodic "
            "review \n Report of the Working Group on the Universal \nPeriodic Review**\n Bangladesh \n* Reissued for "
            "technical reasons. \n** The annex to the present report is circulated as received. \nUnited Nations "
            "A/HRC/11/18*\nGeneral Assembly Distr.: General \n5 October 2009 \nOriginal: English \n"
        ),
        {"symbol": "A/HRC/11/18", "date_issued": date(2009, 10, 5), "state_iso3": "BGD", **UPR_KIND},
    ),
    (
        "bahrain2008",  # the footnote's draft symbol carries Brazil's code by mistake: the State is the title's
        (
            "UNITED \nNATIONS A\nGeneral Assembly Distr. \nGENERAL \nA/HRC/8/19 \n22 May 2008 \nOriginal: ENGLISH \n"
            "HUMAN RIGHTS COUNCIL \nEighth session \nAgenda item 6 \nUNIVERSAL PERIODIC REVIEW \nReport of the Working "
            "Group on the Universal Periodic Review \nBahrain ∗\n ∗\n Previously issued under the document symbol "
            "A/HRC/WG.6/1/BRA/4; minor revisions \n"
        ),
        {"symbol": "A/HRC/8/19", "date_issued": date(2008, 5, 22), "state_iso3": "BHR", **UPR_KIND},
    ),
    (
        "venezuela2011",
        (
            "GE.11-17243 \nHuman Rights Council\nNineteenth session\nAgenda item 6\nUniversal Periodic Review\nReport "
            "of the Working Group on the Universal \nPeriodic Review*\nVenezuela (Bolivarian Republic of)\n* The annex "
            "to the present report is circulated as received.\nUnited Nations A/HRC/19/12\nGeneral Assembly Distr.: "
            "General\n7 December 2011\nOriginal: English"
        ),
        {"symbol": "A/HRC/19/12", "date_issued": date(2011, 12, 7), "state_iso3": "VEN", **UPR_KIND},
    ),
    (
        "cotedivoire2014",
        (
            "GE.14-07583 (E) 280714 300714 \n*1407583* \nHuman Rights Council \nTwenty-seventh session \nAgenda item 6 "
            "\nUniversal Periodic Review \n Report of the Working Group on the Universal \nPeriodic Review*\n Côte "
            "d’Ivoire \n* The annex to the present report is circulated as received. \nUnited Nations A/HRC/27/6\n"
            "General Assembly Distr.: General \n7 July 2014 \nEnglish \nOriginal: English/French \n"
        ),
        {"symbol": "A/HRC/27/6", "date_issued": date(2014, 7, 7), "state_iso3": "CIV", **UPR_KIND},
    ),
    (
        "democraticpeoplesrepublicofkorea2014",  # the title wraps before "the Universal Periodic Review"
        (
            "GE.14-07222 (E) \n*1407222*\nHuman Rights Council \nTwenty-seventh session \nAgenda item 6\nUniversal "
            "Periodic Review \n Report of the Working Group on \nthe Universal Periodic Review*\n Democratic People’s "
            "Republic of Korea \n* The annex to the present report is circulated as received. \nUnited Nations "
            "A/HRC/27/10\nGeneral Assembly Distr.: General \n2 July 2014 \nOriginal: English \n"
        ),
        {"symbol": "A/HRC/27/10", "date_issued": date(2014, 7, 2), "state_iso3": "PRK", **UPR_KIND},
    ),
    (
        "china2013",  # the State's name with what the review covered
        (
            "GE.13-18855 \n*1318855*\nHuman Rights Council \nTwenty-fifth session \nAgenda item 6 \nUniversal Periodic "
            "Review\n Report of the Working Group on the Universal \nPeriodic Review*\n China (including Hong Kong, "
            "China and Macao, China) \n* The annex to the present report is circulated as received. \nUnited Nations "
            "A/HRC/25/5\nGeneral Assembly Distr.: General \n4 December 2013 \nOriginal: English \n"
        ),
        {"symbol": "A/HRC/25/5", "date_issued": date(2013, 12, 4), "state_iso3": "CHN", **UPR_KIND},
    ),
    (
        "uzbekistan2013",  # "5 July2013", as printed
        (
            "GE.13-15479 \nHuman Rights Council\nTwenty–fourth session\nAgenda item 6\nUniversal Periodic Review\n"
            "Report of the Working Group on the Universal \nPeriodic Review*\nUzbekistan\n* The annex to the present "
            "report is circulated as received.\nUnited Nations A/HRC/24/7\nGeneral Assembly Distr.: General\n"
            "5 July2013\nOriginal: English"
        ),
        {"symbol": "A/HRC/24/7", "date_issued": date(2013, 7, 5), "state_iso3": "UZB", **UPR_KIND},
    ),
    (
        "luxembourg2013, as pdfplumber reads it",  # the series letter printed large, apart from "/HRC/23/10"
        (
            "A\nUnited Nations\n/HRC/23/10\nGeneral Assembly\nDistr.: General\n25 March 2013\nEnglish\nOriginal: "
            "English/French\nHuman Rights Council\nTwenty-third session\nAgenda item 6\nUniversal Periodic Review\n"
            "Report of the Working Group on the Universal\nPeriodic Review\n*\nLuxembourg\n* The annex to the present "
            "report is circulated as received.\nGE.13-12572 (E) 120413 150413"
        ),
        {"symbol": "A/HRC/23/10", "date_issued": date(2013, 3, 25), "state_iso3": "LUX", **UPR_KIND},
    ),
    (
        "brazil2012, its cover joined into one line",
        (
            "United Nations A/HRC/21/11 General Assembly Distr.: General 9 July 2012 Original: English Human Rights "
            "Council Twenty-first session Agenda item 6 Universal Periodic Review Report of the Working Group on the "
            "Universal Periodic Review* Brazil * The annex to the present report is circulated as received."
        ),
        {"symbol": "A/HRC/21/11", "date_issued": date(2012, 7, 9), "state_iso3": "BRA", **UPR_KIND},
    ),
    (
        "peru2008, its cover joined into one line",  # no title: the State is not found in one line without one
        (
            "UNITED NATIONS A General Assembly Distr. GENERAL A/HRC/8/37 28 May 2008 Original: ENGLISH HUMAN RIGHTS "
            "COUNCIL Eighth session Agenda item 6 UNIVERSAL PERIODIC REVIEW Peru * Previously issued under the "
            "document symbol A/HRC/WG.6/2/L.3"
        ),
        {"symbol": "A/HRC/8/37", "date_issued": date(2008, 5, 28), "state_iso3": None, **UPR_KIND},
    ),
    # Treaty bodies' and other UPR documents' covers, in their layout.
    (
        "concluding observations",
        (
            "United Nations CERD/C/KAZ/CO/8-10\nInternational Convention on\nthe Elimination of All Forms\nof Racial "
            "Discrimination\nDistr.: General\n4 July 2022\nOriginal: English\nCommittee on the Elimination of Racial "
            "Discrimination\nConcluding observations on the combined eighth to tenth periodic reports of Kazakhstan*\n"
        ),
        {
            "symbol": "CERD/C/KAZ/CO/8-10",
            "date_issued": date(2022, 7, 4),
            "state_iso3": "KAZ",
            "body": "CERD",
            "document_type": "concluding_observations",
            "cycle": "8-10",
        },
    ),
    (
        "a State party's report, in French",
        (
            "GE.25-17123 (F)\nNations Unies CERD/C/KAZ/11-14\nConvention internationale sur\nl’élimination de toutes "
            "les formes\nde discrimination raciale\nDistr. générale\n27 octobre 2025\nFrançais\nOriginal : russe\n"
            "Comité pour l’élimination de la discrimination raciale\nRapport valant onzième à quatorzième rapports "
            "périodiques soumis\npar le Kazakhstan en application de l’article 9 de la Convention, attendu en 2025*\n"
        ),
        {
            "symbol": "CERD/C/KAZ/11-14",
            "date_issued": date(2025, 10, 27),
            "state_iso3": "KAZ",
            "body": "CERD",
            "document_type": "state_report",
            "cycle": "11-14",
            "language": "fr",
        },
    ),
    (
        "a list of issues",
        (
            "United Nations CCPR/C/KAZ/Q/2\nInternational Covenant on\nCivil and Political Rights\nDistr.: General\n"
            "19 August 2010\nOriginal: English\nHuman Rights Committee\nList of issues in relation to the second "
            "periodic report of Kazakhstan\n"
        ),
        {"symbol": "CCPR/C/KAZ/Q/2", "body": "CCPR", "document_type": "list_of_issues", "cycle": "2"},
    ),
    (
        "replies to a list of issues",
        (
            "United Nations E/C.12/KAZ/Q/2/Add.1\nEconomic and Social Council\nDistr.: General\n3 May 2019\n"
            "Committee on Economic, Social and Cultural Rights\nReplies of Kazakhstan to the list of issues in "
            "relation to its second periodic report*\n"
        ),
        {"symbol": "E/C.12/KAZ/Q/2/Add.1", "body": "CESCR", "document_type": "replies", "state_iso3": "KAZ"},
    ),
    (
        "a UPR national report",
        (
            "United Nations A/HRC/WG.6/34/KAZ/1\nGeneral Assembly Distr.: General\n21 August 2019\nOriginal: Russian\n"
            "Human Rights Council\nWorking Group on the Universal Periodic Review\nThirty-fourth session\nNational "
            "report submitted in accordance with paragraph 5 of the annex to Human Rights Council resolution 16/21*\n"
            "Kazakhstan\n"
        ),
        {"body": "UPR", "document_type": "upr_national_report", "state_iso3": "KAZ", "date_issued": date(2019, 8, 21)},
    ),
    (
        "a special procedure's report",
        (
            "United Nations A/HRC/43/46/Add.1\nGeneral Assembly Distr.: General\n22 January 2020\nHuman Rights "
            "Council\nReport of the Special Rapporteur on the promotion and protection of human rights and "
            "fundamental freedoms while countering terrorism\nVisit to Kazakhstan\n"
        ),
        {"body": "SP", "document_type": None, "state_iso3": "KAZ", "symbol": "A/HRC/43/46/Add.1"},
    ),
]


@pytest.mark.parametrize("page,expected", [c[1:] for c in COVERS], ids=[c[0] for c in COVERS])
def test_each_cover_layout_gives_its_fields(page, expected):
    found = asdict(detect(page))
    assert {name: found[name] for name in expected} == expected


@pytest.mark.parametrize(
    "file,language",
    [
        (ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.txt", "fr"),
        (DATA / "CERD_C_KAZ_11-14_en.txt", "en"),
        (DATA / "CERD_C_KAZ_11-14_es.txt", "es"),
    ],
)
def test_a_text_without_its_cover_gives_its_language_and_no_symbol_it_merely_cites(file, language):
    # par. 2 (fr) and 7 (en, es) cite CERD/C/KAZ/CO/8-10 and a date: neither is the document's own
    assert detect(first_page_of(file.read_text(encoding="utf-8"))) == Detected(language=language)


def test_the_first_page_of_a_text_ends_at_its_first_page_break():
    assert first_page_of("cover\fbody") == "cover" and len(first_page_of("x" * 100_000)) == 5_000


PAGE = Detected(
    symbol="A/HRC/23/10",
    date_issued=date(2013, 3, 25),
    body="UPR",
    document_type="upr_working_group_report",
    state="Luxembourg",
    state_iso3="LUX",
    language="en",
)


@pytest.mark.parametrize(
    "given,values,detected",
    [
        (
            {},
            {
                "symbol": "A/HRC/23/10",
                "date_issued": "2013-03-25",
                "body": "UPR",
                "document_type": "upr_working_group_report",
                "state": "Luxembourg",
                "state_iso3": "LUX",
            },
            ("symbol", "date_issued", "body", "document_type", "state", "state_iso3"),
        ),
        (  # the json's State (its code from the table) wins over the page's, both fields together
            {"state": "Luxembourg", "date_issued": "2013-03-26"},
            {"date_issued": "2013-03-26", "state": "Luxembourg", "state_iso3": "LUX", "symbol": "A/HRC/23/10"},
            ("symbol", "body", "document_type"),
        ),
        (  # a text without a cover: the json's symbol says the rest
            {"symbol": "CERD/C/KAZ/11-14", "period_covered": "2022-2025"},
            {
                "symbol": "CERD/C/KAZ/11-14",
                "body": "CERD",
                "document_type": "state_report",
                "state": "Kazakhstan",
                "state_iso3": "KAZ",
                "cycle": "11-14",
                "period_covered": "2022-2025",
            },
            (),
        ),
    ],
)
def test_the_json_overrides_each_field_it_gives(given, values, detected):
    page = PAGE if not given.get("symbol") else Detected()
    found = identity(given, page)
    assert {k: v for k, v in found.values.items() if k in values} == values and found.detected == detected


def test_a_json_the_first_page_contradicts_is_warned_of():
    found = identity({"symbol": "A/HRC/23/5", "state_iso3": "LUX"}, PAGE)
    assert found.values["symbol"] == "A/HRC/23/5"
    assert found.warnings == (
        "the metadata says symbol A/HRC/23/5 but the first page prints A/HRC/23/10; check the metadata",
    )


ALL_PRINTED = ("symbol", "date_issued", "body", "document_type", "state", "state_iso3")


@pytest.mark.parametrize(
    "detected,language,lines",
    [
        (
            (*ALL_PRINTED, "language"),
            "en",
            [
                (
                    "  detected symbol A/HRC/23/10, date 2013-03-25, State Luxembourg (LUX), UPR "
                    "upr_working_group_report, language en"
                )
            ],
        ),
        (
            ("symbol", "state"),
            "fr",
            ["  detected symbol A/HRC/23/10, State Luxembourg", "  language fr (from the metadata)"],
        ),
        (("language",), "en", ["  language en (detected from the text)"]),  # a text without a cover
        ((), "fr", ["  language fr (from the metadata)"]),  # the first report: its json gives all
    ],
)
def test_the_summary_says_what_the_first_page_gave(detected, language, lines):
    row = records.Report(
        report_id="luxembourg2013",
        source_file="luxembourg2013.pdf",
        sha256="",
        metadata_json="{}",
        symbol="A/HRC/23/10",
        language=language,
        paragraphs=121,
        claims=289,
        flagged_paragraphs=0,
        built_at="",
        body="UPR",
        document_type="upr_working_group_report",
        state="Luxembourg",
        state_iso3="LUX",
        date_issued="2013-03-25",
        detected=detected,
    )
    assert _report_lines(row, None, ReportTables()) == ["luxembourg2013: 121 paragraphs, 289 claims", *lines]


@pytest.mark.slow
def test_a_pdf_without_json_builds_with_what_its_first_page_says(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "luxembourg2013.pdf").write_bytes((DATA / "luxembourg2013.pdf").read_bytes())
    (tmp_path / "indicators").mkdir()
    out = tmp_path / "out"
    assert build_data(["--input", str(raw), "--out", str(out), "--indicators", str(tmp_path / "indicators")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        "  detected symbol A/HRC/23/10, date 2013-03-25, State Luxembourg (LUX), UPR upr_working_group_report, "
        "language en"
    )
    [row] = stored_arrow(out, "reports").to_pylist()
    assert (row["symbol"], row["state_iso3"], row["body"], row["date_issued"]) == (
        "A/HRC/23/10",
        "LUX",
        "UPR",
        "2013-03-25",
    )
    assert row["detected"] == ["symbol", "date_issued", "body", "document_type", "state", "state_iso3", "language"]
    assert json.loads(row["metadata_json"])["symbol"] == "A/HRC/23/10"  # the app cites what the page prints


# --- the States ----------------------------------------------------------------------------


def test_the_table_holds_the_member_and_observer_states_once_each():
    assert len(STATES) == 195 and len({s.iso3 for s in STATES}) == 195
    assert all(state_named(s.en) == s and state_named(s.fr) == s for s in STATES)
    assert set(NAMES.values()) == set(STATES)


@pytest.mark.parametrize(
    "printed,iso3",
    [
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("the Bolivarian Republic of Venezuela", "VEN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Côte d'Ivoire", "CIV"),  # a straight apostrophe for the printed ’
        ("COTE D’IVOIRE", "CIV"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Islamic Republic of Iran", "IRN"),
        ("République islamique d’Iran", "IRN"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("The Netherlands", "NLD"),
        ("Swaziland", "SWZ"),
        ("Cape Verde", "CPV"),
        ("Republic of the Marshall Islands", "MHL"),
        ("BURKINA FASO", "BFA"),
        ("Peru *", "PER"),
        ("Fédération de Russie", "RUS"),
        ("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "GBR"),
        ("Guinea-Bissau", "GNB"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Testland", None),
        ("Korea", None),  # two States are Korea: the name alone is neither
    ],
)
def test_a_name_as_printed_maps_to_its_code(printed, iso3):
    found = state_named(printed)
    assert (found.iso3 if found else None) == iso3


@pytest.mark.parametrize(
    "title,iso3",
    [
        ("Concluding observations on the initial report of Guinea-Bissau", "GNB"),
        ("Concluding observations on the initial report of Equatorial Guinea", "GNQ"),
        ("Concluding observations on the fifth periodic report of the Dominican Republic", "DOM"),
        ("Concluding observations on the initial report of South Sudan", "SSD"),
        ("Concluding observations on the initial report of the Democratic Republic of the Congo", "COD"),
        ("Observations finales concernant le rapport de la République-Unie de Tanzanie", "TZA"),
    ],
)
def test_the_longest_name_in_a_title_wins(title, iso3):
    assert detect(title).state_iso3 == iso3
