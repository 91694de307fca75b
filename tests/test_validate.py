"""A workbook with one of each error reports every one of them, with its cell, in one run."""

from __future__ import annotations

import datetime as dt

from workbooks import headings, write_service_workbook

from reportgen.loaders.service import load_service_plan
from reportgen.readers.workbook import open_workbook

HEADINGS = headings("code", "parent", "title", "priority", "due_date", "progress", "status")


def _issues(tmp_path, rows, headings=HEADINGS, plan=None):
    path = write_service_workbook(tmp_path / "errors.xlsx", rows=rows, headings=headings, plan=plan)
    result = load_service_plan(open_workbook(path))
    return result, [(i.location.ref, i.type) for i in result.issues]


def test_one_of_each_error_all_reported_in_one_run(tmp_path):
    rows = [
        ["G1", "", "Group", 1, dt.date(2023, 3, 31), None, None],
        ["G1.1", "", "Progress not a percent", 1, None, "lots", None],  # row 3
        ["G1.2", "", "Progress over 100", 1, None, "110%", None],  # row 4
        ["G1.3", "", "Impossible date", 1, "31/02/2023", 10, None],  # row 5
        ["G1.4", "", "Unknown status", 1, None, 10, "Finnished"],  # row 6
        ["G1.5", "", "Priority out of range", 9, None, 10, None],  # row 7
        ["G1.5", "", "Duplicate code", 1, None, 10, None],  # row 8
        ["", "", "Missing code", 1, None, 10, None],  # row 9
        ["G1.6", "G9", "Parent that does not exist", 1, None, 10, None],  # row 10
    ]
    result, found = _issues(tmp_path, rows)
    assert result.plan is None
    assert found == [
        ("Actions!F3", "bad-percent"),
        ("Actions!F4", "bad-percent"),
        ("Actions!E5", "bad-date"),
        ("Actions!G6", "bad-status"),
        ("Actions!D7", "bad-priority"),
        ("Actions!A8", "duplicate-code"),
        ("Actions!A9", "missing-code"),
        ("Actions!B10", "unknown-parent"),
    ]


def test_messages_say_what_was_found_and_expected(tmp_path):
    rows = [
        ["G1", "", "Group", 1, None, None, None],
        ["G1.1", "", "a", 1, "31/02/2023", "110%", "Finnished"],
        ["G1.1", "", "b", 1, None, None, None],
        ["G1.2", "G2", "c", 1, None, None, None],
    ]
    result, _ = _issues(tmp_path, rows)
    messages = {i.type: (str(i), i.value) for i in result.issues}
    assert messages["bad-percent"] == ("Actions!F3 (Progress): '110%' is over 100%", "110%")
    assert "February 2023 has 28 days" in messages["bad-date"][0]
    assert "did you mean 'Completed'?" in messages["bad-status"][0]
    assert "also in Actions!A3" in messages["duplicate-code"][0]
    assert messages["unknown-parent"] == (
        "Actions!B5 (Parent Code): G1.2's parent G2 is not a code in the Actions sheet",
        "G2",
    )


def test_missing_sheet_and_heading_suggest_the_nearest(tmp_path):
    path = write_service_workbook(tmp_path / "s.xlsx", actions_sheet="Actons")
    result = load_service_plan(open_workbook(path))
    (issue,) = result.issues
    assert issue.type == "missing-sheet"
    assert "did you mean 'Actons'?" in issue.message


def test_missing_required_plan_fields(tmp_path):
    result, found = _issues(
        tmp_path,
        [["G1", "", "Group", 1, None, None, None]],
        plan={"Plan Title": "T", "Reporting Period": "Q5"},
    )
    assert ("Plan", "missing-field") in found
    assert ("Plan!B3", "bad-period") in found


def test_fraction_progress_is_a_warning_not_an_error(tmp_path):
    rows = [["G1", "", "Group", 1, None, None, None], ["G1.1", "", "a", 1, None, 0.5, None]]
    result, found = _issues(tmp_path, rows)
    assert result.plan is not None
    assert found == [("Actions!F3", "doubtful-value")]
    assert result.plan.actions[0].progress == 50
