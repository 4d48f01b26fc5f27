"""Readers' pieces in process (issue 11): forgiving search, citations, each page's <head>, the claims
filters in the URL, the report's contents and paragraph items, the print-only table, the selected point."""

import json
import re

import pytest
from app_fixtures import app_reading, routing, shared_fixture
from dash import html
from markupsafe import escape
from test_app_pages import by_id, card_ids, text_of, walk

from dashboard import citations, data, search, security
from dashboard.i18n import t, title as title_of

REPORT = "CERD_C_KAZ_11-14_fr"


@pytest.fixture(scope="module", autouse=True)
def app(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


# ---- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, query, found",
    [
        ("Nombre de réfugiés enregistrés", "refugies", True),
        ("Nombre de réfugiés enregistrés", "RÉFUGIÉS", True),
        ("Refugees registered", "réfugiés", False),  # accents are ignored, not translated
        ("l’État partie", "l'etat", True),  # the report's typographic apostrophe
        ("la sœur et le cœur", "soeur coeur", True),  # ligatures
        ("14\u202f900 personnes", "14 900", True),  # a narrow no-break space typed as a space
        ("apatrides et réfugiés", "refugies apatride", True),  # every word, in any order
        ("apatrides", "refugies apatride", False),
        ("anything", "", True),
    ],
)
def test_search_ignores_accents_case_apostrophes_and_ligatures(text, query, found):
    assert search.matches(text, query) is found


def test_catalogue_search_finds_the_same_cards_with_or_without_accents():
    from pages import catalogue

    catalog = list(data.load().catalogue_entries())
    # Expected: the indicators whose French title or description writes "réfugiés" as it is.
    written = {e.indicator_id for e in catalog if "réfugiés" in (e.title_fr + e.description_fr).lower()}
    assert written, "the catalogue has refugee indicators"
    for lang in ("fr", "en"):
        plain = card_ids(catalogue.filter_catalogue("refugies", lang))
        assert plain == card_ids(catalogue.filter_catalogue("Réfugiés", lang)) and written <= plain


def test_claims_text_filter_and_its_csv_ignore_accents(client):
    from pages import claims

    plain, _count, link = claims.filter_claims([], [], [], [], [], None, None, "refugies", "fr")
    accented, _, _ = claims.filter_claims([], [], [], [], [], None, None, "réfugiés", "fr")
    assert plain and [r["link"] for r in plain] == [r["link"] for r in accented]
    assert link == "/api/claims.csv?q=refugies"
    lines = client.get(link).data.decode("utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == len(plain)


# ---- claims page: numbers in the page's language, filters in the URL ---------------------------------------


def test_claims_rows_show_numbers_and_periods_as_the_language_writes_them():
    from pages import claims

    rows, _count, _ = claims.filter_claims(["count"], [], [], [], [], 58, 58, "", "en")
    by_value = {r["value"]: r for r in rows}
    assert by_value[20_300_000]["value_label"] == "20,300,000" and by_value[20_300_000]["qualifier"] == "about"
    french, _, _ = claims.filter_claims(["count"], [], [], [], [], 58, 58, "", "fr")
    assert {r["value"]: r for r in french}[20_300_000]["value_label"] == "20\u202f300\u202f000"
    assert {r["period_label"] for r in rows} == {"1 January 2025"} and {r["period_label"] for r in french} == {
        "1er janvier 2025"
    }
    columns = {c["headerName"] for c in claims._columns("en")}
    assert "phrase" not in columns and "sentence" in columns


def test_claims_dropdowns_speak_the_page_language():
    from pages import claims

    layout = claims.layout(lang="fr")
    kind = by_id(layout, "claims-kind")
    assert kind.labels["selected_count"] == "{num_selected} choisis" and kind.placeholder == "Sans filtre"
    assert {o["label"] for o in by_id(layout, "claims-unit").options} >= {"ans", "%"}
    english = by_id(claims.layout(lang="en"), "claims-kind")
    assert english.labels["selected_count"] == "{num_selected} selected"


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"from": "155", "to": "157"}, {"kind": data.STATISTIC_KINDS, "first": 155, "last": 157, "words": ""}),
        (
            {"kind": "percent,count", "q": "réfugiés"},
            {"kind": ("percent", "count"), "first": None, "last": None, "words": "réfugiés"},
        ),
        ({"kind": "all"}, {"kind": (), "first": None, "last": None, "words": ""}),
        ({"kind": ["percent", "count"]}, {"kind": ("percent", "count"), "first": None, "last": None, "words": ""}),
    ],
)
def test_claims_filters_come_from_the_url(query, expected):
    from pages import claims

    filters = claims.url_filters(query)
    assert {k: getattr(filters, k) for k in expected} == expected


def test_a_paragraph_bound_that_is_no_whole_number_is_refused_not_dropped():
    from dashboard.query import BadQuery
    from pages import claims

    with pytest.raises(BadQuery, match="from='x'"):
        claims.url_filters({"kind": "all", "from": "x"})


def test_claims_filters_go_to_the_url_and_back():
    from pages import claims

    search_ = claims.filters_in_url(["percent"], [], [], [], [], 155, 157, "réfugiés", "en", REPORT)
    assert search_ == "?lang=en&kind=percent&from=155&to=157&q=r%C3%A9fugi%C3%A9s"
    assert claims.filters_in_url(list(data.STATISTIC_KINDS), [], [], [], [], None, None, "", "fr", REPORT) == ""
    assert claims.filters_in_url([], [], [], [], [], None, None, " ", "fr", REPORT) == "?kind=all"
    layout = claims.layout(lang="en", **{"kind": "percent", "from": "155", "to": "157", "q": "réfugiés"})
    assert by_id(layout, "claims-kind").value == ["percent"]
    assert (by_id(layout, "claims-from").value, by_id(layout, "claims-to").value) == (155, 157)
    assert by_id(layout, "claims-text").value == "réfugiés"


def test_catalogue_search_goes_to_the_url():
    from pages import catalogue

    assert catalogue.search_in_url("refugies", "en", REPORT) == "?lang=en&q=refugies"
    assert catalogue.search_in_url("", "fr", REPORT) == ""


# ---- citations ---------------------------------------------------------------------------------------


def test_citation_names_the_document_and_links_to_it():
    dataset = data.load()
    facts = dataset.facts(REPORT)
    cited = citations.cite(dataset, REPORT, [157, 155, 156, 160], "en")
    assert cited.url == "https://undocs.org/CERD/C/KAZ/11-14"
    text = citations.plain_text(cited)
    assert text == (
        f"Kazakhstan. {facts.title_en}. CERD/C/KAZ/11-14, 27 October 2025, paras. 155–157, 160. "
        "https://undocs.org/CERD/C/KAZ/11-14"
    )
    french = citations.plain_text(citations.cite(dataset, REPORT, [156], "fr"))
    assert f"{facts.title_fr}. CERD/C/KAZ/11-14, 27 octobre 2025, par. 156." in french


def test_citation_as_bibtex_and_csl_json():
    cited = citations.cite(data.load(), REPORT, [156], "en")
    bib = citations.bibtex(cited)
    assert bib.startswith("@techreport{CERD-C-KAZ-11-14-p156,\n") and bib.endswith("\n}")
    fields = dict(re.findall(r"^  (\w+) = (.+),$", bib, flags=re.MULTILINE))
    assert fields["number"] == "{CERD/C/KAZ/11-14}" and fields["month"] == "oct" and fields["date"] == "{2025-10-27}"
    assert fields["url"] == "{https://undocs.org/CERD/C/KAZ/11-14}" and fields["note"] == "{para. 156}"
    assert bib.count("{") == bib.count("}")
    (item,) = json.loads(citations.csl_json(cited))
    assert item["type"] == "report" and item["number"] == "CERD/C/KAZ/11-14" and item["URL"] == cited.url
    assert (
        item["issued"] == {"date-parts": [[2025, 10, 27]]}
        and item["locator"] == "156"
        and item["author"] == [{"literal": "Kazakhstan"}]
    )


def test_bibtex_escapes_what_latex_would_read_as_commands():
    cited = citations.Citation(
        report_id="x",
        symbol="A/B_1",
        title="Women & girls: 50% {draft}",
        author="",
        publisher="UN",
        issued=None,
        document_language="en",
        paragraphs=(),
        lang="en",
    )
    bib = citations.bibtex(cited)
    assert (
        r"title = {{Women \& girls: 50\% \{draft\}}}," in bib and r"number = {A/B\_1}," in bib and "author" not in bib
    )


def test_sources_and_panel_cite_with_a_link_and_a_cite_box():
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_registered_cases", tab="sources", lang="en")
    source = by_id(layout, "indicator-source-156")
    link = next(c for c in walk(source) if getattr(c, "className", "") == "citation-symbol")
    assert (link.href, link.target) == ("https://undocs.org/CERD/C/KAZ/11-14", "_blank") and "noopener" in link.rel
    assert "CERD/C/KAZ/11-14, para. 156" in text_of(source)
    assert by_id(layout, "indicator-source-156-cite-bibtex").children.startswith("@techreport{")
    assert by_id(layout, "indicator-cite-text") is not None  # the share bar's Cite button


# ---- pages' <head> ---------------------------------------------------------------------------------------


def head_of(client, url: str) -> dict:
    page = client.get(url).data.decode()
    return {
        "html": re.search(r"<html[^>]*>", page).group(0),
        "title": re.search(r"<title>(.*?)</title>", page).group(1),
        **{m.group(1): m.group(2) for m in re.finditer(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page)},
    }


def test_every_page_says_its_language_title_and_description(client):
    dataset = data.load()
    entry = dataset.indicator("art174_registered_cases")
    for lang in ("fr", "en"):
        for path, title in (
            ("/", None),
            ("/report", None),
            ("/claims", None),
            ("/checks", None),
            ("/compare", None),
            ("/follow-up", None),
            ("/indicators/art174_registered_cases", title_of(entry, lang)),
        ):
            head = head_of(client, f"{path}?lang={lang}")
            assert f'lang="{lang}"' in head["html"], (path, lang)
            assert (
                head["description"]
                and head["og:title"] == head["title"]
                and head["og:description"] == head["description"]
            )
            assert head["title"] != t(lang, "app_title"), (path, "a title of its own")
            if title:
                assert head["title"].startswith(str(escape(title)))
    english = head_of(client, "/indicators/art174_registered_cases?lang=en")
    # absolute, from PUBLIC_URL (never the request's Host: issue 12)
    assert (
        english["og:image"]
        == security.public_url() + "/api/indicators/art174_registered_cases.png?lang=en&amp;size=slide"
    )
    assert "para. 156" in english["description"] and entry.description_en.rstrip(".") in english["description"]
    assert "og:image" not in head_of(client, "/report")


def test_the_preview_image_is_the_chart_of_the_view_shared(client):
    measure = data.load().observations_of("art174_cases_tried_and_convicted").measure.iloc[0]
    head = head_of(client, f"/indicators/art174_cases_tried_and_convicted?measure={measure}")
    assert "size=slide&amp;measure=" in head["og:image"]


def test_tab_title_follows_the_language_when_navigating(client):
    for lang, word in (("fr", "Tous les chiffres du rapport"), ("en", "Every number in the report")):
        response = client.post("/_dash-update-component", json=routing("/claims", f"?lang={lang}"))
        assert response.get_json()["response"]["_pages_store"]["data"]["title"].startswith(word)
    response = client.post("/_dash-update-component", json=routing("/indicators/art174_registered_cases", "?lang=en"))
    title = data.load().indicator("art174_registered_cases").title_en
    assert response.get_json()["response"]["_pages_store"]["data"]["title"].startswith(title)


# ---- the report reader ---------------------------------------------------------------------------------------


def test_report_contents_list_chapters_and_sections_with_paragraph_ranges():
    from pages import report

    layout = report.layout(lang="en")
    toc = by_id(layout, "report-toc")
    links = {c.href: text_of(c) for c in walk(toc) if isinstance(c, html.A)}
    paragraphs = data.load().table("paragraphs")
    vi_a = paragraphs[(paragraphs.chapter == "VI") & (paragraphs.section == "A")].paragraph
    assert links["#section-VI-A"].endswith(f"para. {vi_a.min()}–{vi_a.max()}")
    assert links["#chapter-I"].startswith("I. Introduction")
    targets = {c.id for c in walk(by_id(layout, "report-body")) if getattr(c, "id", None)}
    assert {href[1:] for href in links} <= targets, "every entry leads to a heading"


def test_bullet_lines_and_lettered_items_stay_lines():
    from pages import report

    layout = report.layout(lang="fr")
    bullets = [text_of(li) for li in walk(by_id(layout, "p3")) if isinstance(li, html.Li)]
    assert bullets == [
        "L’amélioration de la législation\xa0;",
        "Le renforcement des institutions\xa0;",
        "L’amélioration des mécanismes nationaux de protection des droits de l’homme\xa0;",
        (
            "La garantie de l’égalité de traitement de tous les groupes ethniques en ce qui concerne l’accès aux droits "
            "économiques, sociaux, culturels, civils et politiques."
        ),
    ]
    lettered = [li for li in walk(by_id(layout, "p191")) if isinstance(li, html.Li)]
    assert [text_of(li)[:3] for li in lettered] == ["a)L", "b)L", "c)L"]
    # the statistics of an item stay marked: "221 procédures pénales" in a)
    assert "221" in [m.children for m in walk(lettered[0]) if isinstance(m, html.Mark)]


# ---- print and the selected point ---------------------------------------------------------------------------


def test_the_chart_tab_carries_a_print_table_and_footer():
    from pages import indicator

    layout = indicator.layout(indicator_id="art174_cases_tried_and_convicted", lang="en")
    table = by_id(layout, "indicator-print-table")
    rows = [c for c in walk(table) if isinstance(c, html.Tr)]
    assert len(rows) - 1 == len(data.load().observations_of("art174_cases_tried_and_convicted"))
    assert "Cases tried" in text_of(table) and "partial period" in text_of(table)
    assert "Data built on" in text_of(by_id(layout, "indicator-print"))
    assert not any(
        getattr(c, "id", None) == "indicator-print"
        for c in walk(indicator.layout(indicator_id="art174_registered_cases", tab="table"))
    )


def test_the_selected_point_goes_to_the_url_and_back():
    from dashboard import selected_point

    rows = data.load().observations_of("art174_registered_cases")
    position = int(rows[rows.period == "2023"].position.iloc[0])
    click = {"points": [{"customdata": [position]}]}
    assert selected_point.remember_point(click, "?lang=en&point=1") == f"?lang=en&point={position}"
    state = {"indicator_id": "art174_registered_cases", "lang": "en"}
    panel = selected_point.restore_point(f"?lang=en&point={position}", None, state)
    assert [m.children for m in walk(panel) if isinstance(m, html.Mark) and m.className == "number"] == ["84"]
    assert selected_point.restore_point("?point=zz", None, state) is selected_point.dash.no_update


@pytest.mark.parametrize(
    "indicator_id, lang, partial",
    [
        # a campaign's half year is its whole span, not a partial period (issue 10); a half year beside whole years is
        ("statelessness_identification_campaigns", "fr", False),
        ("art174_cases_tried_and_convicted", "en", True),
    ],
)
def test_the_printed_table_calls_a_period_partial_as_the_page_does(indicator_id, lang, partial):
    from dashboard import printing

    dataset = data.load()
    table = printing.data_table(dataset, dataset.indicator(indicator_id), dataset.observations_of(indicator_id), lang)
    word = "(période partielle)" if lang == "fr" else "(partial period)"
    assert (word in text_of(table)) == partial


def test_the_printed_address_is_the_public_one_never_the_requests_host(client, monkeypatch):
    from dashboard import cache

    monkeypatch.setenv("PUBLIC_URL", "https://stats.example.org/kaz")
    cache.answers.clear()  # a view kept from an earlier test was drawn under the default address
    view = client.post(
        "/_dash-update-component",
        json=routing("/indicators/art174_registered_cases", "?lang=en"),
        headers={"Host": "attacker.example"},
    )
    body = json.dumps(view.get_json(), ensure_ascii=False)  # Dash escapes "/" in its answer
    cache.answers.clear()  # nor should a later test get this one's
    assert "https://stats.example.org/kaz/indicators/art174_registered_cases?lang=en" in body
    assert "attacker.example" not in body
