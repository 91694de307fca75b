from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from reportgen.errors import IssueList, WorkbookError
from reportgen.readers.tables import read_field_values, read_table
from reportgen.readers.workbook import FieldSpec, open_workbook

SPECS = (
    FieldSpec("section", "Section", fill_down=True),
    FieldSpec("code", "Action Code", ("Code",), required=True),
    FieldSpec("title", "Action Title", ("Action",), required=True),
    FieldSpec("due", "Due Date"),
)


def _sheet(tmp_path, rows, merges=(), name="Actions"):
    book = Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return open_workbook(path).sheet(name.strip().lower())


def test_heading_row_found_under_title_rows_with_aliases_and_extra_columns(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            ["Quarterly return"],
            ["Please fill in the yellow cells"],
            ["Notes", "  ACTION   ", "due date:", "CODE"],
            ["my note", "Do things", "31/03/2023", "A1"],
        ],
    )
    issues = IssueList()
    table = read_table(sheet, SPECS, issues)
    assert table.heading_row == 3
    assert table.columns == {"title": "B", "due": "C", "code": "D"}
    row = table.rows[0]
    assert (row.value("code"), row.value("title")) == ("A1", "Do things")
    assert row["due"].location.ref == "Actions!C4"
    assert row["due"].location.heading == "due date:"
    assert not issues.items


def test_blank_rows_skipped_and_grouping_cells_filled_from_above(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            ["Section", "Code", "Action"],
            ["Strategic", "S1", "a"],
            [None, None, None],
            [None, "S1.1", "b"],
            ["Service", "V1", "c"],
            [None, "V1.1", "d"],
            [None, "V1.2", "e"],
        ],
        merges=["A5:A7"],
    )
    table = read_table(sheet, SPECS, IssueList())
    assert [(r.value("section"), r.value("code")) for r in table.rows] == [
        ("Strategic", "S1"),
        ("Strategic", "S1.1"),
        ("Service", "V1"),
        ("Service", "V1.1"),
        ("Service", "V1.2"),
    ]
    # a filled cell still points at where the value was typed
    assert table.rows[1]["section"].location.ref == "Actions!A2"
    assert table.rows[1]["section"].filled_from == "A4"


def test_missing_heading_names_what_was_found_and_the_nearest(tmp_path):
    sheet = _sheet(tmp_path, [["Section", "Action Cde", "Action Title"], ["x", "A1", "t"]])
    issues = IssueList()
    assert read_table(sheet, SPECS, issues) is None
    (issue,) = issues.items
    assert issue.type == "missing-heading"
    assert "did you mean 'Action Cde'" in issue.message
    assert "'Section', 'Action Cde', 'Action Title'" in issue.message


def test_heading_typed_twice_is_a_warning_and_first_column_wins(tmp_path):
    sheet = _sheet(tmp_path, [["Code", "Action", "Code"], ["A1", "t", "B2"]])
    issues = IssueList()
    table = read_table(sheet, SPECS, issues)
    assert table.rows[0].value("code") == "A1"
    assert [(i.location.ref, i.type) for i in issues] == [("Actions!C1", "duplicate-heading")]


def test_sheet_found_ignoring_case_and_spaces(tmp_path):
    assert _sheet(tmp_path, [["Code", "Action"]], name=" ACTIONS ") is not None


def test_formula_without_a_saved_value_is_an_error_not_a_blank(tmp_path):
    # A workbook written by a script has formulas but no values Excel calculated.
    sheet = _sheet(tmp_path, [["Code", "Action", "Due Date"], ["A1", '=UPPER("x")', None]])
    issues = IssueList()
    table = read_table(sheet, SPECS, issues)
    assert table.rows[0].value("title") is None
    assert [(i.location.ref, i.type) for i in issues] == [("Actions!B2", "formula-without-value")]


def test_field_value_sheet_with_unknown_field(tmp_path):
    sheet = _sheet(
        tmp_path, [["Field", "Value"], ["Service", "CFSW"], ["Servise Lead", "x"]], name="Plan"
    )
    issues = IssueList()
    specs = (FieldSpec("service", "Service", required=True), FieldSpec("lead", "Service Lead"))
    values = read_field_values(sheet, specs[:1], issues)
    assert values.get("service").value == "CFSW"
    assert [(i.location.ref, i.type) for i in issues] == [("Plan!A3", "unknown-field")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"Code,Action\nA1,x\n", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
        (b"PK\x03\x04broken", "not an Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path, content, fragment):
    path = tmp_path / "return.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=fragment):
        open_workbook(path)


def test_dates_come_back_as_dates(tmp_path):
    sheet = _sheet(tmp_path, [["Code", "Action", "Due Date"], ["A1", "t", dt.date(2023, 3, 31)]])
    table = read_table(sheet, SPECS, IssueList())
    assert table.rows[0].value("due").date() == dt.date(2023, 3, 31)
