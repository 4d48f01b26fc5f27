"""A report's metadata sidecar: what each field may hold, and one line per problem (etl/metadata.py)."""

import json
from pathlib import Path

import pytest

from etl.metadata import MAX_PROBLEMS, Metadata, MetadataError, as_json, markdown, parse_metadata, report_id_problem

ROOT = Path(__file__).resolve().parent.parent
SIDECAR = ROOT / "data" / "raw" / "CERD_C_KAZ_11-14_fr.json"


def problems(data: bytes | dict) -> list[str]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(MetadataError) as caught:
        parse_metadata(raw, "r.json")
    return caught.value.lines


def test_the_reports_sidecar_is_valid_and_kept_as_written():
    data = SIDECAR.read_bytes()
    metadata = parse_metadata(data, str(SIDECAR))
    assert metadata.symbol == "CERD/C/KAZ/11-14" and metadata.date_issued.isoformat() == "2025-10-27"
    assert as_json(metadata) == json.loads(data)


@pytest.mark.parametrize(
    "fields,read",
    [
        ({"treaty_body": "CERD"}, {"body": "CERD"}),
        ({"body": "UPR", "symbol": "A/HRC/28/10"}, {"body": "UPR", "symbol": "A/HRC/28/10"}),  # its `A/` kept
        ({"document_type": "concluding observations"}, {"document_type": "concluding_observations"}),
        ({"document_type": "Upr working group report"}, {"document_type": "upr_working_group_report"}),
        ({"state": "Testland"}, {"state": "Testland"}),  # a State the table does not name is still a State
        ({"state": "Venezuela (Bolivarian Republic of)", "state_iso3": "VEN"}, None),
        ({"state": "Côte d'Ivoire", "state_iso3": "CIV"}, None),
        ({"cycle": "11-14", "period_covered": "2022-2025"}, None),
    ],
)
def test_the_document_kinds_and_states_a_sidecar_may_give(fields, read):
    assert as_json(parse_metadata(json.dumps(fields).encode(), "r.json")) == (read or fields)


def test_no_sidecar_and_an_empty_object_are_empty_metadata():
    assert as_json(parse_metadata(b"{}", "r.json")) == {} and as_json(Metadata()) == {}


@pytest.mark.parametrize(
    "fields,line",
    [
        ({"report_id": "../../x"}, 'r.json: field `report_id` is "../../x"; allowed: the report\'s id, 1 to 100 of'),
        ({"report_id": "a/b"}, 'field `report_id` is "a/b"'),
        ({"report_id": ".hidden"}, 'field `report_id` is ".hidden"'),
        ({"report_id": "-rf"}, 'field `report_id` is "-rf"'),
        ({"report_id": "x" * 101}, 'field `report_id` is "xxxx'),
        ({"report_id": True}, "field `report_id` is true"),
        ({"symbol": None, "state": 5}, "field `state` is 5; allowed: the State the document is about"),
        ({"symbol": "cerd/c/kaz/1"}, 'field `symbol` is "cerd/c/kaz/1"; allowed: the UN document symbol'),
        ({"symbol": "CERD"}, 'field `symbol` is "CERD"'),  # a symbol has parts
        ({"state_iso3": "kz"}, 'field `state_iso3` is "kz"; allowed: its ISO 3166 alpha-3 code'),
        ({"body": "XYZ"}, 'field `body` is "XYZ"; allowed: the issuing body: a treaty body (CAT, CCPR'),
        # sidecars written before `body` named any issuing body still load: `treaty_body` is read as `body`
        ({"treaty_body": "XYZ"}, 'field `treaty_body` is "XYZ"; allowed: the issuing body: a treaty body (CAT,'),
        ({"body": "CERD", "treaty_body": "CERD"}, "`treaty_body` is the former name of `body`, which is given too"),
        (
            {"document_type": "State party report"},
            'is "State party report"; allowed: what the document is: state_report',
        ),
        ({"state_iso3": "XKZ"}, 'field `state_iso3` is "XKZ"; allowed: its ISO 3166 alpha-3 code'),
        (
            {"state": "Kazakhstan", "state_iso3": "KGZ"},
            'field `state_iso3` is "KGZ"; allowed: KAZ, the code of the State',
        ),
        ({"cycle": "11 to 14"}, 'field `cycle` is "11 to 14"; allowed: the review cycle or the periodic reports'),
        ({"cycle": 2}, "field `cycle` is 2; allowed: the review cycle"),
        ({"treaty": "a\nb"}, 'field `treaty` is "a\\nb"; allowed: the treaty\'s name, one line'),
        ({"date_issued": "1900-01-01"}, 'field `date_issued` is "1900-01-01"; allowed: when it was issued'),
        ({"date_issued": "27/10/2025"}, 'field `date_issued` is "27/10/2025"'),
        ({"period_covered": "2025-2022"}, 'field `period_covered` is "2025-2022"; allowed: the years it covers'),
        (
            {"previous_concluding_observations": {"date": "2022"}},
            'field `previous_concluding_observations.date` is "2022"; allowed: their date',
        ),
        (
            {"previous_concluding_observations": "CERD/C/KAZ/CO/8-10"},
            'field `previous_concluding_observations` is "CERD/C/KAZ/CO/8-10"; allowed: `{"symbol": …, "date": …}`',
        ),
    ],
)
def test_a_wrong_field_gives_one_line_naming_the_file_the_field_and_what_is_allowed(fields, line):
    [found] = problems(fields)
    assert found.startswith("r.json: ") and line in found and "\n" not in found


def test_every_problem_is_a_line_and_many_are_counted_not_listed():
    lines = problems({"symbol": 5, "state": 6, "language": "french"})
    assert [line.split("`")[1] for line in lines] == ["symbol", "state", "language"]
    many = problems({f"unknown{i}": i for i in range(1_000)})
    assert len(many) == MAX_PROBLEMS + 1 and many[-1] == f"r.json: … and {1_000 - MAX_PROBLEMS} more problems"


@pytest.mark.parametrize(
    "data,line",
    [
        (b"{not json", "r.json: not valid JSON (key must be a string at line 1 column 2); fix the metadata file"),
        (b"", "r.json: not valid JSON (EOF while parsing a value at line 1 column 0); fix the metadata file"),
        (b"null", 'r.json: metadata must be a JSON object {"field": value, …}, not null; fix the metadata file'),
        (b"5", 'r.json: metadata must be a JSON object {"field": value, …}, not a number; fix the metadata file'),
        (b'"CERD"', 'r.json: metadata must be a JSON object {"field": value, …}, not a text; fix the metadata file'),
        (b"{}" + b" " * 70_000, "r.json: 70,002 bytes, more than the limit of 65,536 bytes for a metadata file"),
    ],
)
def test_a_sidecar_that_is_not_a_json_object_says_so(data, line):
    [found] = problems(data)
    assert found.startswith(line)


@pytest.mark.parametrize(
    "name,allowed",
    [
        ("CERD_C_KAZ_11-14_fr", True),
        ("a", True),
        ("1.2", True),
        ("A" * 100, True),
        ("..", False),
        (".", False),
        ("", False),
        ("a b", False),
        ("a/b", False),
        ("é", False),
        ("A" * 101, False),
        ("a\n", False),  # a regex `$` would let the line end through
    ],
)
def test_report_id_rule(name, allowed):
    assert (report_id_problem(name) is None) == allowed


def test_the_readme_lists_every_metadata_field_as_the_model_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme, (
        'README\'s "Adding a report" table differs from etl/metadata.py: paste '
        "`python -c 'from etl.metadata import markdown; print(markdown())'`"
    )
