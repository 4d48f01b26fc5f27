"""The data contract: one period format and one schema per table, used by the ETL, the app and the README."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, strategies as st

from contract import periods, schema
from contract.__main__ import README, with_tables
from contract.store import current_folder


@pytest.mark.parametrize(
    "text, grain, months",
    [
        ("2022", "year", 12),
        ("2022-2024", "years", 36),
        ("2025-H1", "half", 6),
        ("2025-Q3", "quarter", 3),
        ("2022/23", "school_year", 10),
        ("2019-01", "month", 1),
        ("2025-07-01", "day", 0),
        ("2020-09/2022-05", "months", 21),
        ("2014/..", "since", None),
    ],
)
def test_parse_reads_every_form_of_the_format(text, grain, months):
    period = periods.parse(text)
    assert (period.grain, period.months) == (grain, months)


@pytest.mark.parametrize(
    "text",
    [None, float("nan"), "", "2022/24", "2025-02-30", "2025-13", "2024-2022", "2025-06/2025-01", "vingt", "2025-H3"],
)
def test_parse_refuses_what_is_not_a_period(text):
    assert periods.parse(text) is None


@pytest.mark.parametrize(
    "first, last, text",
    [
        ((2022, 1), (2024, 12), "2022-2024"),
        ((2022, 1), (2022, 12), "2022"),
        ((2025, 1), (2025, 6), "2025-H1"),
        ((2025, 7), (2025, 9), "2025-Q3"),
        ((2019, 1), (2019, 1), "2019-01"),
        ((2025, 1), (2025, 8), "2025-01/2025-08"),
        ((2014, 1), None, "2014/.."),
    ],
)
def test_from_bounds_writes_the_shortest_form(first, last, text):
    assert periods.from_bounds(first, last) == text
    assert periods.bounds(text)[0] == first


@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(0, 40))
def test_written_periods_read_back_to_their_bounds(year, month, length):
    first = (year, month)
    end = year * 12 + month - 1 + length
    last = (end // 12, end % 12 + 1)
    text = periods.from_bounds(first, last)
    assert periods.bounds(text) == (first, last)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("2022", "fr", "2022"),
        ("2025-H1", "en", "first half of 2025"),
        ("2025-H1", "fr", "1er semestre 2025"),
        ("2022-2024", "en", "2022–2024"),
        ("2014/..", "en", "since 2014"),
        ("2022/23", "fr", "2022/23"),
        ("2025-01-01", "fr", "1er janvier 2025"),
        ("2025-07-15", "en", "15 July 2025"),
        ("2019-06", "en", "June 2019"),
        ("2025-01/2025-08", "fr", "janvier–août 2025"),
        ("2020-09/2022-05", "en", "September 2020 – May 2022"),
        (None, "fr", ""),
    ],
)
def test_label(text, lang, expected):
    assert periods.label(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("2020", "fr", "en 2020"),
        ("2025-01/2025-08", "fr", "au cours des huit premiers mois de 2025"),
        ("2025-01/2025-08", "en", "in the first eight months of 2025"),
        ("2025-H1", "en", "in the first half of 2025"),
        ("2024-H2", "fr", "au 2e semestre 2024"),
        ("2022-2024", "fr", "de 2022 à 2024"),
        ("2025-07-01", "en", "on 1 July 2025"),
        ("2022/23", "en", "in the 2022/23 school year"),
        ("2020-09/2022-05", "fr", "de septembre 2020 à mai 2022"),
    ],
)
def test_phrase_says_the_period_in_a_sentence(text, lang, expected):
    assert periods.phrase(text, lang) == expected


@pytest.mark.parametrize(
    "text, usual, partial",
    [
        ("2025-H1", None, True),
        ("2025-Q2", None, True),
        ("2025-06", None, True),
        ("2024", None, False),
        ("2022-2024", None, False),
        ("2025-01-01", None, False),
        ("2022/23", None, False),
        ("2025-01/2025-04", None, True),
        ("2022-01/2024-12", None, False),
        ("2014/..", None, False),
        # among half years, a half year is whole
        ("2025-H1", 6, False),
        ("2025-Q1", 6, True),
    ],
)
def test_is_partial_is_relative_to_the_usual_length(text, usual, partial):
    assert periods.is_partial(text, usual) is partial


def test_usual_span_and_comparable():
    assert periods.usual_span(["2022", "2023", "2024", "2025-H1"]) == 12
    assert periods.usual_span(["2024-H1", "2024-H2", "2025"]) == 6
    assert periods.comparable("2022", "2023") and periods.comparable("2024-H2", "2025-H1")
    assert not periods.comparable("2024", "2025-H1")
    assert not periods.comparable("2020", "2025-01/2025-08")
    assert periods.comparable("2022/23", "2023")  # a school year counts as a year
    assert periods.comparable("2024-01-01", "2025-01-01")  # counts taken on a day (stocks)
    assert not periods.comparable(None, "2022")


def test_ordered_puts_a_part_after_the_whole_it_starts_and_nulls_out():
    assert periods.ordered(["2025-H1", "2023", None, "2025", "2022", "2024-H2", "2021-01-01"]) == [
        "2021-01-01",
        "2022",
        "2023",
        "2024-H2",
        "2025",
        "2025-H1",
    ]


@pytest.mark.parametrize(
    "given_, expected",
    [
        (["2022", "2023", "2024"], "2022-2024"),
        (["2022", "2023", "2025-H1"], "2022-01/2025-06"),
        (["2020-09/2022-05", "2024-H2"], "2020-09/2024-12"),
        (["2025-07-01"], "2025-07-01"),
        (["2014/..", "2020"], "2014/.."),
        ([None, "x"], None),
    ],
)
def test_covered_runs_from_the_earliest_start_to_the_latest_end(given_, expected):
    assert periods.covered(given_) == expected


def test_schema_describes_every_column_and_places_dimensions():
    observations = schema.schema("observations", ["group", "measure"])
    assert observations.names[:4] == ["indicator_id", "report_id", "group", "measure"]
    assert all(field.metadata[b"description"] for field in observations)
    assert schema.dimension_columns(observations.names) == ["group", "measure"]


def test_problems_names_a_missing_column_and_a_wrong_type():
    good = schema.schema("claims")
    assert schema.problems("claims", good) == []
    broken = pa.schema([f if f.name != "value" else pa.field("value", pa.string()) for f in good if f.name != "kind"])
    found = schema.problems("claims", broken)
    assert any("`kind`" in p for p in found) and any("`value` is string" in p for p in found)


def test_the_readme_column_tables_are_the_contract():
    """`python -m contract` rewrites them; this fails when the README drifts from contract/schema.py."""
    readme = README.read_text(encoding="utf-8")
    assert with_tables(readme) == readme, (
        "README column tables differ from contract/schema.py: run `python -m contract`"
    )
    for table in ("paragraphs", "claims", "reports", "observations", "checks"):
        assert f"<!-- contract:{table} -->" in readme


def test_a_reader_finds_each_table_of_a_build_through_table_files(tmp_path):
    from contract.store import table_files
    from etl.cli import main as build

    out = tmp_path / "out"
    assert build(["--out", str(out)]) == 0
    folder = current_folder(out)
    for table in ("paragraphs", "claims", "observations", "checks", "reports", "suggestions", "catalog"):
        (found,) = table_files(folder, table)
        assert pq.read_table(found).num_rows > 0, table
    assert table_files(folder, "nothing") == ()  # no such table: no file, not an error
