"""The catalogue is asked of the store, never held: a worker's Dataset keeps no list of entries, whatever the corpus.

Each page asks for the entries it shows (a report's, an indicator's) and /api/indicators.json and the data
package write the whole catalogue a batch at a time. Here: a load reads no entry; the pages and downloads show
what the store holds; /compare offers one document's indicators, not the corpus's.
"""

import io
import json
import zipfile

import pytest
from app_fixtures import app_reading, routing, shared_fixture
from test_downloads import synthetic_store

from contract import schema
from contract.records import CatalogEntry
from contract.store import current_folder, read_table, report_order
from dashboard import comparison, data, memo, store_sql

COPIES = 3


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store of three copies of the built report, each with indicators of its own (bench/synthetic_store.py)."""
    out = tmp_path_factory.mktemp("catalogue") / "store"
    synthetic_store().synthetic_store(out, shared_fixture(tmp_path_factory), COPIES)
    return out


@pytest.fixture(scope="module")
def client(store):
    with app_reading(store) as app:
        memo.clear_all()
        yield app.server.test_client()


def stored_entries(store) -> list[CatalogEntry]:
    """The catalogue table read whole by the contract's reader (what the app held before)."""
    return schema.from_table("catalog", read_table(current_folder(store), "catalog"))


def held_entries(value: object) -> int:
    """How many catalogue entries a value holds, looking one level into containers."""
    if isinstance(value, CatalogEntry):
        return 1
    if isinstance(value, dict):
        return sum(held_entries(v) for v in value.values()) + sum(isinstance(k, CatalogEntry) for k in value)
    if isinstance(value, list | tuple | set | frozenset):
        return sum(isinstance(v, CatalogEntry) for v in value)
    return 0


def test_a_load_reads_no_entry_and_the_dataset_holds_none(client, monkeypatch):
    def refused(*_args, **_kwargs):
        raise AssertionError("the load read the catalogue")

    for reader in ("catalogue_of", "catalogue_named", "catalogue", "series_in"):
        monkeypatch.setattr(store_sql.Store, reader, refused)
    memo.clear_all()
    dataset = data.load()
    assert len(dataset.report_ids()) == COPIES
    monkeypatch.undo()
    # Pages that show entries asked for them; the dataset still holds none.
    for path, search in (("/", ""), ("/report", ""), ("/checks", ""), ("/compare", "")):
        assert client.post("/_dash-update-component", json=routing(path, search)).status_code == 200
    assert client.get("/api/indicators.json").status_code == 200
    assert not hasattr(dataset, "catalog") and not hasattr(dataset, "indicators")
    assert sum(held_entries(value) for value in vars(dataset).values()) == 0


def test_each_report_lists_its_own_entries_as_the_store_holds_them(client, store):
    dataset = data.load()
    whole = stored_entries(store)
    for report_id in dataset.report_ids():
        assert dataset.entries_of(report_id) == [e for e in whole if e.report_id == report_id]
    some = whole[:: len(whole) // 7]
    assert {e.indicator_id: e for e in some} == dataset.indicators_named(e.indicator_id for e in some)
    assert dataset.indicator("nothing-of-that-name") is None
    with pytest.raises(KeyError):
        dataset.known_indicator("nothing-of-that-name")


def test_the_whole_catalogue_is_sent_as_the_store_holds_it(client, store):
    written = json.dumps([schema.as_dict(e) for e in stored_entries(store)], ensure_ascii=False)
    response = client.get("/api/indicators.json")
    assert response.status_code == 200 and response.is_streamed
    assert response.get_data(as_text=True) == written
    assert len(response.get_json()) == len(stored_entries(store)) > COPIES * 40
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/package.zip").data))
    assert archive.read("catalog.json").decode("utf-8") == json.dumps(
        [schema.as_dict(e) for e in stored_entries(store)], ensure_ascii=False, indent=1
    )
    readme = archive.read("README.md").decode("utf-8")
    dataset = data.load()
    assert all(f"- `{r}`: {dataset.symbol(r)}, built " in readme for r in dataset.report_ids())


def test_compare_offers_the_documents_indicators_and_the_chosen_ones_not_the_corpus(client, store):
    from pages import compare

    dataset = data.load()
    first, second = report_order(current_folder(store))[:2]
    own = comparison.comparable_of_report(dataset, second)
    assert own, "the report has tables over time"
    # Expected: each of the report's entries that compare (judged one by one, as the chart does).
    assert own == [e.indicator_id for e in dataset.entries_of(second) if comparison.comparable(dataset, e.indicator_id)]
    theirs = comparison.comparable_of_report(dataset, first)[0]
    options = compare.comparable_indicators(dataset, second, (theirs, "nothing-of-that-name"), "en")
    assert [o["value"] for o in options] == [*own, theirs]
    chosen = [own[0]]
    assert compare.compared_report(dataset, chosen) == second
    assert compare.compared_report(dataset, chosen, first) == first
    assert compare.compared_report(dataset, ["nothing-of-that-name"]) == dataset.report_or_default(None)
    body = client.post("/_dash-update-component", json=routing("/compare", f"?ids={own[0]}")).get_data(as_text=True)
    offered = {o["value"] for o in compare.comparable_indicators(dataset, second, tuple(chosen), "fr")}
    assert all(f'"value":"{i}"' in body.replace(" ", "") for i in offered)
    assert f'"value":"{theirs}"' not in body.replace(" ", "")


def test_a_reports_uncharted_suggestions_are_those_without_an_entry(client, store):
    dataset = data.load()
    suggestions = read_table(current_folder(store), "suggestions").to_pandas()
    ids = {e.indicator_id for e in stored_entries(store)}
    for report_id in dataset.report_ids():
        mine = suggestions[(suggestions.report_id == report_id) & (suggestions.covered_by.map(len) == 0)]
        expected = list(dict.fromkeys(s for s in mine.suggestion_id if s not in ids))
        found = dataset.uncharted_suggestions(report_id)
        assert list(dict.fromkeys(found.suggestion_id)) == expected
