"""The follow-up page (/follow-up) and its downloads: each recommendation the report answers, and the answer (issue 14)."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from app_fixtures import ROOT, app_reading, build_data, shared_fixture
from openpyxl import load_workbook
from store_tables import stored_table
from test_app_pages import by_id, text_of, walk

REPORT_ID = "CERD_C_KAZ_11-14_fr"
CO_ID = "CERD_C_KAZ_CO_8-10_test"
CO_SYMBOL = "CERD/C/KAZ/CO/8-10"


def co_text() -> str:
    """A stand-in for the concluding observations (test text, not the Committee's): paragraphs 1 to 50."""
    lines = ["Observations finales (texte d’essai)", "\tC.\tSujets de préoccupation et recommandations"]
    lines += [
        f"{n}.\tTexte d’essai de cette recommandation : le Comité recommande à l’État partie "
        f"de rendre compte (recommandation numéro {n})."
        for n in range(1, 51)
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def with_co(tmp_path_factory) -> Path:
    """data/processed/ built by the real ETL from the report and its previous concluding observations."""
    raw = tmp_path_factory.mktemp("raw_co")
    for suffix in (".txt", ".json"):
        shutil.copy2(ROOT / "data" / "raw" / f"{REPORT_ID}{suffix}", raw / f"{REPORT_ID}{suffix}")
    (raw / f"{CO_ID}.txt").write_text(co_text(), encoding="utf-8")
    (raw / f"{CO_ID}.json").write_text(
        json.dumps(
            {
                "symbol": CO_SYMBOL,
                "document_type": "concluding observations",
                "state": "Kazakhstan",
                "language": "fr",
                "treaty_body": "CERD",
            }
        ),
        encoding="utf-8",
    )
    folder = tmp_path_factory.mktemp("processed_co")
    assert build_data(["--input", str(raw), "--out", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return shared_fixture(tmp_path_factory)


def co_refs(folder: Path) -> dict[int, set[int]]:
    """From paragraphs.parquet itself: each referenced paragraph of the observations -> the paragraphs answering it."""
    paragraphs = stored_table(folder, "paragraphs")
    answering: dict[int, set[int]] = {}
    for row in paragraphs[paragraphs.report_id == REPORT_ID].itertuples():
        for ref in row.co_refs:
            answering.setdefault(int(ref), set()).add(int(row.paragraph))
    return answering


def read_csv(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_every_co_refs_paragraph_is_listed_with_exactly_its_answering_paragraphs(plain):
    from dashboard import data, follow_up

    with app_reading(plain):
        found = follow_up.recommendations(data.load(), REPORT_ID)
    expected = co_refs(plain)
    assert len(expected) >= 40
    assert {r.co_paragraph: set(r.paragraphs) for r in found} == expected
    assert [r.co_paragraph for r in found] == sorted(expected)
    # par. 156 answers paragraphs 15 and 16 (section VI.A, freedom of expression) with its yearly cases
    fifteen = next(r for r in found if r.co_paragraph == 15)
    assert [s.key for s in fifteen.sections] == ["VI.A"] and 156 in fifteen.paragraphs
    assert {"46", "84", "91"} <= set(fifteen.statistics.text) and "art174_registered_cases" in fifteen.indicator_ids


def test_the_follow_up_asks_the_store_a_few_queries_not_one_a_claim_or_a_report(plain, monkeypatch):
    """A corpus of thousands of reports: a query per report or per claim took minutes (a worker killed)."""
    from dashboard import data, follow_up, memo

    with app_reading(plain):
        dataset = data.load()
        for kept in memo._ALL:
            if kept.name != "dashboard.data.load":
                kept.clear()
        asked = []
        query = dataset.store.query
        monkeypatch.setattr(dataset.store, "query", lambda *a, **k: asked.append(a) or query(*a, **k))
        found = follow_up.recommendations(dataset, REPORT_ID)
        frame = follow_up.follow_up_frame(dataset, REPORT_ID)
    assert sum(len(r.statistics) for r in found) >= 20 and len(frame) >= 40, "many answers hold numbers"
    assert len(asked) <= 8, len(asked)


@pytest.mark.parametrize(
    "lang, heading, answer",
    [("fr", "Paragraphe 15", "Réponse de l’État"), ("en", "Paragraph 15", "The State’s answer")],
)
def test_page_lists_every_recommendation_in_both_languages(plain, lang, heading, answer):
    with app_reading(plain):
        from pages import follow_up as page

        layout = page.layout(lang=lang)
    for ref, paragraphs in co_refs(plain).items():
        item = by_id(layout, f"follow-up-co{ref}")
        links = {c.href for c in walk(item) if getattr(c, "href", None)}
        first = min(paragraphs)
        assert any(link.endswith(f"#p{first}") for link in links), (ref, first)
    item = text_of(by_id(layout, "follow-up-co15"))
    assert heading in item and answer in item and "VI.A. Liberté d’expression" in item
    assert CO_SYMBOL in text_of(layout)
    # the observations themselves are not in this data: the page says where a reader finds them, linked, and each
    # card names the paragraph of the observations its recommendation stands in; nothing addressed to a developer
    where = by_id(layout, "follow-up-no-text")
    assert by_id(where, "follow-up-co-link").href == f"https://undocs.org/{CO_SYMBOL}"
    assert "document_type" not in text_of(layout) and "metadata" not in text_of(layout).lower()
    assert f"{CO_SYMBOL}, par" in item and "15" in item


def test_downloads_hold_one_row_per_recommendation_and_answering_paragraph(plain):
    with app_reading(plain) as app:
        client = app.server.test_client()
        response = client.get("/api/follow-up.csv")
        rows = read_csv(response.data)
        sheet = load_workbook(io.BytesIO(client.get("/api/follow-up.xlsx").data))["follow-up"]
        assert client.get("/api/follow-up.pdf").status_code == 404
        etag = response.headers["ETag"]
        assert client.get("/api/follow-up.csv", headers={"If-None-Match": etag}).status_code == 304
    assert response.headers["Content-Disposition"] == f'attachment; filename="follow-up-{REPORT_ID}.csv"'
    expected = co_refs(plain)
    assert len(rows) == sum(len(p) for p in expected.values())
    assert {(int(r["co_paragraph"]), int(r["paragraph"])) for r in rows} == {
        (c, p) for c, ps in expected.items() for p in ps
    }
    row = next(r for r in rows if r["co_paragraph"] == "15" and r["paragraph"] == "156")
    assert row["numbers"] == "46 ; 84 ; 91" and row["statistics"] == "3" and row["co_symbol"] == CO_SYMBOL
    assert row["citation"] == "CERD/C/KAZ/11-14, para. 156" and "art174_registered_cases" in row["indicator_ids"]
    assert sheet.max_row == len(rows) + 1 and [c.value for c in sheet[1]][:4] == [
        "report_id",
        "symbol",
        "co_symbol",
        "co_paragraph",
    ]


def test_the_recommendations_text_shows_beside_the_answer_when_the_observations_are_a_document(with_co):
    with app_reading(with_co) as app:
        from pages import follow_up as page

        layout = page.layout(lang="en", report=REPORT_ID)
        rows = read_csv(app.server.test_client().get(f"/api/follow-up.csv?report={REPORT_ID}").data)
    item = by_id(layout, "follow-up-co15")
    assert "(recommandation numéro 15)" in text_of(item) and "The Committee’s recommendation" in text_of(item)
    assert "with-text" in by_id(layout, "follow-up-co15").children[1].className
    assert not any(getattr(c, "id", None) == "follow-up-no-text" for c in walk(layout))
    assert next(r for r in rows if r["co_paragraph"] == "41")["recommendation"].endswith("(recommandation numéro 41).")


def test_the_reader_links_each_section_to_the_recommendations_it_answers(plain):
    with app_reading(plain):
        from pages import report as reader

        layout = reader.layout(lang="en")
    links = {c.href for c in walk(layout) if getattr(c, "href", None) and "/follow-up" in c.href}
    assert "/follow-up?lang=en#follow-up-co15" in links and "/follow-up?lang=en#follow-up-co16" in links


def test_the_navigation_leads_to_the_follow_up(plain):
    with app_reading(plain) as app:
        outputs = app.navbar("/follow-up", "?lang=en", "")
    assert "Follow-up" in outputs and "/follow-up?lang=en" in outputs
