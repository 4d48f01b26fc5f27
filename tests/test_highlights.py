"""The side panel and the sources mark the number at its claim's offsets, never the first equal digits found."""

import pandas as pd
import pytest
from app_fixtures import app_reading, catalogue_ids, shared_fixture

from dashboard.components import quote_spans


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = shared_fixture(tmp_path_factory)
    with app_reading(folder):
        yield folder


def marked_numbers(component) -> list[str]:
    """The texts of the <mark class="number"> elements of a layout, in order."""
    found = []
    stack = [component]
    while stack:
        node = stack.pop(0)
        if isinstance(node, (list, tuple)):
            stack[:0] = list(node)
        elif node is not None and not isinstance(node, (str, int, float)):
            if "number" in str(getattr(node, "className", "")).split():
                found.append(str(node.children))
            else:
                stack.insert(0, getattr(node, "children", None))
    return found


def test_the_persons_of_2022_are_marked_on_persons_not_on_the_cases_before_them(built):
    """Par. 155 reads "en 2022, 12 affaires ont été jugées et 12 personnes" (no-break spaces): the persons' 12 is the second one."""
    from dashboard import data
    from dashboard.components import observation_panel

    dataset = data.load()
    rows = dataset.observations_of("art174_cases_tried_and_convicted")
    persons = rows[(rows.paragraph == 155) & (rows.period == "2022") & (rows.unit == "persons")].iloc[0]
    text = dataset.paragraph_text(persons.report_id, 155)
    number = [s for s in quote_spans(text, persons.quote, persons.start, persons.end) if s[2] == "number"]
    assert len(number) == 1
    start, end, _ = number[0]
    assert text[start:end] == "12" and text[end:].startswith("\xa0personnes")
    cases = rows[(rows.paragraph == 155) & (rows.period == "2022") & (rows.unit == "cases")].iloc[0]
    assert cases.start < start  # the same digits, earlier in the sentence: the cases
    entry = dataset.indicator("art174_cases_tried_and_convicted")
    panel = observation_panel(dataset, entry, next(rows[rows.index == persons.name].itertuples()), "fr")
    assert marked_numbers(panel) == ["12"]


def test_every_observation_is_marked_at_its_own_offsets(built):
    from dashboard import data

    dataset = data.load()
    observations = pd.concat(dataset.observations_of(i) for i in catalogue_ids(dataset))
    for row in observations.itertuples():
        text = dataset.paragraph_text(row.report_id, row.paragraph)
        spans = quote_spans(text, row.quote, int(row.start), int(row.end))
        assert [(s, e) for s, e, kind in spans if kind == "number"] == [(row.start, row.end)], row.claim_id
        assert text[row.start : row.end] == row.text
        quote = "".join(text[s:e] for s, e, _ in spans)
        assert quote == row.quote or quote == row.text, row.claim_id


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (5, 5), (10, 400), (3, 1)])
def test_offsets_outside_the_paragraph_mark_nothing(start, end):
    assert quote_spans("Il y a 12 affaires.", "12 affaires", start, end) == []


def test_a_quote_repeated_in_the_paragraph_is_marked_where_the_number_is():
    text = "En 2022, 5 cas. En 2023, 5 cas."
    assert quote_spans(text, "5 cas", 25, 26) == [(25, 25, "quote"), (25, 26, "number"), (26, 30, "quote")]
