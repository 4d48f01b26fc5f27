"""The query layer (dashboard/store_sql.py): DuckDB over the build's Parquet files answers as the files say.

Searches fold accents, case, ligatures and typographic apostrophes as the catalogue's search does; a row
read by DuckDB is the row the Parquet file holds; a table spread over several files (shards) reads as one,
in the store's order; threads each query on their own cursor; a file damaged after the load is a
'cannot be read' answer, not a traceback.
"""

import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from app_fixtures import app_reading, plain_copy, shared_fixture
from store_tables import stored_table

from contract import schema
from dashboard import search, store_sql
from dashboard.data import ClaimFilters

TABLES = ("paragraphs", "claims")
# Sentences written for this test: which claims a search must find is read off them.
SENTENCES = {
    "R.p1.c1": "Les réfugiés enregistrés étaient 1 200.",
    "R.p1.c2": "Les RÉFUGIÉS reconnus étaient 300.",
    "R.p2.c1": "Le refuge de la ville compte 40 lits.",
    "R.p2.c2": "Les organisations à but non lucratif œuvrent auprès de 15 000 personnes.",
    "R.p3.c1": "L’État a délivré 5 000 passeports.",
}


def _write(folder, table, rows):
    full = [{column: row.get(column) for column in schema.columns(table)} for row in rows]
    pq.write_table(pa.Table.from_pylist(full, schema=schema.schema(table)), folder / f"{table}.parquet")


def _claim(claim_id, sentence, report="R"):
    paragraph = int(claim_id.split(".p")[1].split(".")[0])
    return {
        "report_id": report,
        "paragraph": paragraph,
        "claim_id": claim_id,
        "text": "1",
        "start": 0,
        "end": 1,
        "kind": "count",
        "qualifier": "exact",
        "sentence": sentence,
        "planned": False,
    }


@pytest.fixture
def small_store(tmp_path):
    _write(tmp_path, "claims", [_claim(i, s) for i, s in SENTENCES.items()])
    _write(
        tmp_path,
        "paragraphs",
        [
            {"report_id": "R", "paragraph": n, "chapter": "I", "text": "…", "char_start": 0, "char_end": 1}
            for n in (1, 2, 3)
        ],
    )
    return store_sql.Store(tmp_path, TABLES)


@pytest.mark.parametrize("words", ["refugies", "REFUGIES", "Réfugiés", "réfugies"])
def test_refugees_are_found_whatever_their_accents_and_case(small_store, words):
    found = small_store.claims(("R",), words)
    assert list(found.claim_id) == ["R.p1.c1", "R.p1.c2"]  # not "refuge", which lacks the letters "ies"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("oeuvrent", ["R.p2.c2"]),  # the ligature œ read as "oe"
        ("l'etat", ["R.p3.c1"]),  # the typographic apostrophe ’ read as '
        ("refug", ["R.p1.c1", "R.p1.c2", "R.p2.c1"]),
        ("refugies reconnus", ["R.p1.c2"]),  # every word must be there
        ("50%_", []),  # LIKE's wildcards are plain letters here
    ],
)
def test_a_search_folds_ligatures_and_apostrophes_and_needs_every_word(small_store, words, expected):
    assert list(small_store.claims(("R",), words).claim_id) == expected


def test_a_search_is_limited_to_the_reports_asked_for(small_store):
    assert small_store.claims(("OTHER",), "refugies").empty
    assert len(small_store.claims((), "refugies")) == 2  # no report named: every report


def test_a_table_in_several_files_reads_as_one_in_the_stores_order(tmp_path, monkeypatch):
    """A store that lays a table over shards (contract.store.table_files lists them) is read through that list
    alone, and the rows come in its order: the files', then each file's."""
    rows = [_claim(i, s) for i, s in SENTENCES.items()]
    _write(tmp_path, "claims", rows[3:])  # the later rows in a file whose name sorts first
    shard = tmp_path / "z_shard"
    shard.mkdir()
    _write(shard, "claims", rows[:3])
    _write(tmp_path, "paragraphs", [])
    shards = {
        "claims": (shard / "claims.parquet", tmp_path / "claims.parquet"),
        "paragraphs": (tmp_path / "paragraphs.parquet",),
    }
    monkeypatch.setattr(store_sql, "table_files", lambda folder, table: shards[table])
    store = store_sql.Store(tmp_path, TABLES)
    assert list(store.claims(("R",), "").claim_id) == list(SENTENCES)
    assert list(store.rows_of("claims", "report_id", "R").claim_id) == list(SENTENCES)
    assert store.count_of("claims", "report_id", "R") == len(SENTENCES)


def test_an_unbuilt_table_gives_no_rows_with_its_columns(tmp_path):
    store = store_sql.Store(tmp_path, ("items",))
    found = store.rows_of("items", "report_id", "R")
    assert found.empty and list(found.columns) == schema.columns("items")


def test_threads_each_query_on_their_own_cursor(small_store):
    answers: list[list[str]] = []

    def ask() -> None:
        answers.extend(list(small_store.claims(("R",), "refugies").claim_id) for _ in range(20))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [["R.p1.c1", "R.p1.c2"]] * 160


def test_the_database_is_bounded_and_its_settings_locked(small_store):
    small_store.claims(("R",), "")
    cursor = store_sql._cursor()
    limit, threads = cursor.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone()
    assert int(threads) == store_sql.THREADS and limit.endswith("iB")
    with pytest.raises(Exception, match="locked"):
        cursor.execute("SET memory_limit = '8GB'")


# On the real build: what DuckDB hands the pages is what the Parquet files hold.


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)):
        from dashboard import data

        yield data.load(), shared_fixture(tmp_path_factory)


def test_every_paragraph_read_by_duckdb_is_the_parquets(built):
    dataset, folder = built
    stored = stored_table(folder, "paragraphs")
    (report,) = set(stored.report_id)
    read = dataset.paragraphs_of(report)
    assert list(read.paragraph) == list(stored.paragraph)  # reading order kept
    assert list(read.text) == list(stored.text)
    assert all(dataset.paragraph_text(report, p) == t for p, t in zip(stored.paragraph, stored.text))


def test_every_quote_read_by_duckdb_is_the_parquets(built):
    dataset, folder = built
    stored = stored_table(folder, "observations")
    for indicator_id, rows in stored.groupby("indicator_id"):
        read = dataset.observations_of(indicator_id)
        assert list(read.quote) == list(rows.sort_values("position", kind="stable").quote)


def test_the_claims_search_agrees_with_the_catalogues_folding(built):
    """Two implementations of one rule: DuckDB's SQL over the files, `search.matches` over the Parquet's rows."""
    dataset, folder = built
    claims = stored_table(folder, "claims")
    (report,) = set(claims.report_id)
    for words in ("refugies", "REFUGIÉS", "ecoles", "l'etat", "apatrides 2024"):
        texts = claims.text.fillna("") + " " + claims.subject.fillna("") + " " + claims.sentence.fillna("")
        expected = list(claims[[search.matches(t, words) for t in texts]].claim_id)
        found = dataset.claims_where(ClaimFilters(reports=(report,), words=words))
        assert list(found.claim_id) == expected, words
    assert len(dataset.claims_where(ClaimFilters(reports=(report,), words="refugies"))) > 0


def test_a_file_damaged_after_the_load_is_answered_as_unreadable(tmp_path_factory, tmp_path):
    folder = plain_copy(shared_fixture(tmp_path_factory), tmp_path / "processed")
    with app_reading(folder) as app:
        from dashboard import data

        dataset = data.load()
        claims = folder / "claims.parquet"
        claims.write_bytes(claims.read_bytes()[:300])
        with pytest.raises(data.DataUnavailable, match="cannot be read"):
            dataset.claims_where(ClaimFilters(reports=("nowhere",), words="x"))
        response = app.server.test_client().get("/api/claims.csv")
        assert response.status_code == 503 and "Traceback" not in response.get_data(as_text=True)


def test_one_reports_rows_are_read_out_of_its_shard_alone(tmp_path_factory, tmp_path):
    """A report's rows of every table are in the shard its id hashes to: a query about one report opens that
    shard's files only, and finds the rows a query over every file finds for it, in the same order."""
    from test_downloads import synthetic_store

    from contract.store import current_folder, shard_number, shard_of

    ids = synthetic_store().synthetic_store(tmp_path / "big", shared_fixture(tmp_path_factory), 40)
    store = store_sql.Store(current_folder(tmp_path / "big"), ("claims", "paragraphs", "catalog"))
    asked = ids[11]
    opened = store._files_within("claims", [asked])
    assert opened and len(opened) < len(store.files["claims"])
    assert {shard_number(Path(f)) for f in opened} == {shard_of(asked)}
    for table in ("claims", "paragraphs", "catalog"):
        one = store.rows_of(table, "report_id", asked)
        every = store.query("SELECT * FROM {table}", table=table)
        mine = every[every.report_id == asked].reset_index(drop=True)
        assert len(one) == len(mine) > 0, table
        assert one.equals(mine) or one.astype(str).equals(mine.astype(str)), table
    words = store.claims([asked], "affaires")
    assert len(words) and set(words.report_id) == {asked}
