"""Each rule of the app has one home, and the others use it: the French colon, units and currencies, the time-axis
kinds, the scroll-to-anchor script, the way answers are kept, the check statuses, the typed catalogue entries."""

import ast
import re
from pathlib import Path

import pytest
from app_fixtures import app_reading, shared_fixture

from contract import units
from contract.records import CatalogEntry
from contract.schema import CHECK_STATUSES
from dashboard import data, i18n, memo, shapes

ROOT = Path(__file__).resolve().parent.parent
APP_FILES = sorted([*ROOT.glob("dashboard/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])


def app_source(exclude: tuple[str, ...] = ()) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in APP_FILES if p.name not in exclude}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app:
        yield app.server.test_client()


# The French colon: ' :' in French, ':' in English, written by i18n.colon alone.


@pytest.mark.parametrize(("lang", "expected"), [("fr", "Source :"), ("en", "Source:"), ("xx", "Source :")])
def test_a_label_takes_its_language_colon(lang, expected):
    assert i18n.labelled("Source", lang) == expected


def test_no_module_writes_the_french_colon_itself():
    found = [
        name
        for name, text in app_source(exclude=("i18n.py", "words.py")).items()
        if re.search(r"""["'] :["' ]|" : "|' : '""", text)
    ]
    assert not found, f"write the colon with dashboard.i18n.labelled or colon: {found}"


# Units: the words and the currencies of contract/units.py.


@pytest.mark.parametrize(
    ("unit", "lang", "expected"),
    [
        ("weeks", "fr", "semaines"),
        ("weeks", "en", "weeks"),
        ("persons", "fr", "personnes"),
        ("years", "fr", "ans"),
        ("RUB", "fr", "RUB"),  # a currency keeps its code, as the amounts write it
        ("petaflops", "fr", "pétaflops"),
    ],
)
def test_unit_words_come_from_the_contract(unit, lang, expected):
    assert i18n.unit_word(unit, lang) == expected


@pytest.mark.parametrize("code", sorted(units.CURRENCIES))
def test_every_currency_of_the_contract_signs_its_amounts(code):
    assert i18n.format_value(1500, "exact", code, "en") == f"1,500 {code}"
    assert i18n.with_count_unit("5", code, "en", with_unit=True) == "5", "money is in the number, not a word after it"
    assert shapes.unit_family(code) == code


def test_no_module_lists_currencies_or_unit_words_of_its_own():
    for name, text in app_source().items():
        assert not re.search(r"""\(\s*["']KZT["'],\s*["']USD["']""", text), f"{name}: use contract.units.is_currency"
        assert "UNIT_WORDS" not in text, f"{name}: use contract.units.unit_words"


# The kinds of chart with a time axis: shapes.TIME_AXIS_KINDS.


def test_the_time_axis_kinds_are_named_once():
    found = [name for name, text in app_source(exclude=("shapes.py",)).items() if '"lines", "stacked"' in text]
    assert not found, f"use dashboard.shapes.has_time_axis: {found}"
    assert shapes.has_time_axis("lines") and shapes.has_time_axis("stacked") and not shapes.has_time_axis("bars")


# The scroll to an anchor, and the copy of embed codes: one script in assets/.


def test_clientside_scripts_live_in_assets():
    for name, text in app_source().items():
        assert "scrollIntoView" not in text and "clipboard" not in text, f"{name}: the script belongs in assets/"
    script = (ROOT / "assets" / "anchors.js").read_text(encoding="utf-8")
    assert "scroll_to_anchor" in script and "scrollIntoView" in script


# Kept answers: dashboard/memo.py, bounded, emptied by a new data version.


def test_no_module_keeps_answers_its_own_way():
    for name, text in app_source(exclude=("memo.py",)).items():
        tree = ast.parse(text)
        hand_made = ("OrderedDict", "lru_cache", "functools.cache")
        assert not any(word in text for word in hand_made), f"{name}: keep answers in a dashboard.memo.Memo"
        module_dicts = [
            node.targets[0].id
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Dict)
            and not node.value.keys
            and isinstance(node.targets[0], ast.Name)
        ]
        assert not module_dicts, f"{name}: empty module-level dicts {module_dicts} look like a hand-made cache"


def test_a_memo_is_bounded_and_emptied_by_a_new_version():
    kept = memo.Memo("test", max_entries=2)
    for key in "abc":
        kept.put(key, key.upper(), version="v1")
    assert len(kept) == 2 and kept.get("a") is None and kept.get("c") == "C"
    kept.put("d", "D", version="v2")
    assert len(kept) == 1 and kept.get("c") is None
    heavy = memo.Memo("test-bytes", max_entries=10, max_weight=5, weigh=len)
    heavy.put("x", "abcd")
    heavy.put("y", "ef")
    assert heavy.get("x") is None and heavy.get("y") == "ef"


# Check statuses: the contract's.


def test_statuses_the_app_tests_are_the_contracts():
    assert data.INCONSISTENT in CHECK_STATUSES
    for name, text in app_source().items():
        for status in re.findall(r"""status\s*[!=]=\s*["'](\w+)["']""", text):
            assert status in CHECK_STATUSES, f"{name}: {status!r} is not in contract.schema.CHECK_STATUSES"


# Typed catalogue entries, served flat.


def test_catalogue_entries_are_typed_records(client):
    dataset = data.load()
    entries = list(dataset.catalogue_entries())
    assert entries and all(isinstance(entry, CatalogEntry) for entry in entries)
    assert all(isinstance(entry, CatalogEntry) for entry in dataset.entries_of(entries[0].report_id))
    for name, text in app_source().items():
        assert not re.search(r"""entry\[["']\w+["']\]\[""", text), f"{name}: read the typed entry's fields"
    served = client.get("/api/indicators.json").get_json()
    assert {"title_fr", "title_en", "unit_fr", "unit_en"} <= set(served[0]) and "title" not in served[0]


# Two defects that stay fixed.


def test_a_comparison_with_nothing_to_draw_is_a_404_that_says_why(client):
    response = client.get("/api/compare.png?ids=population_total")
    assert response.status_code == 404
    assert "nothing to draw" in response.get_json()["error"]
    assert client.get("/api/compare.csv?ids=population_total").status_code == 200


def test_every_kind_on_the_csv(client):
    every = client.get("/api/claims.csv?kind=all").data.decode("utf-8-sig").count("\n")
    assert every > 800 and every == client.get("/api/claims.csv").data.decode("utf-8-sig").count("\n")
