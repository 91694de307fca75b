from __future__ import annotations

import datetime as dt

import pytest
from workbooks import write_service_workbook

from reportgen.loaders.service import load_service_plan, strip_period_label
from reportgen.readers.workbook import open_workbook
from reportgen.rules.status import (
    Schedule,
    Status,
    StatusFamily,
    derive_status,
    overdue_contradiction,
)

SCHEDULE = Schedule(period_end=dt.date(2022, 9, 30), plan_start=dt.date(2020, 4, 1))
MAR23 = dt.date(2023, 3, 31)


@pytest.mark.parametrize(
    ("progress", "due", "has_update", "expected"),
    [
        (100, MAR23, True, Status.COMPLETED),
        (66, dt.date(2022, 3, 31), True, Status.OVERDUE),
        (47, MAR23, True, Status.CHECK_PROGRESS),  # 83% of the time gone: 47 < 63
        (66, MAR23, True, Status.IN_PROGRESS),  # 66 >= 63: at the expected stage
        (0, None, False, Status.NOT_STARTED),
        (None, None, False, Status.NOT_STARTED),
        (0, None, True, Status.IN_PROGRESS),
    ],
)
def test_status_derivation(progress, due, has_update, expected):
    assert derive_status(progress, due, has_update, SCHEDULE) is expected


def test_every_status_has_its_legend_family():
    assert Status.NEGLECTED.family is StatusFamily.OVERDUE
    assert Status.UNASSIGNED.family is StatusFamily.CHECK_PROGRESS
    assert Status.ASSIGNED.family is StatusFamily.IN_PROGRESS


def _plan(tmp_path, **kwargs):
    path = write_service_workbook(tmp_path / "plan.xlsx", **kwargs)
    return load_service_plan(open_workbook(path))


def test_seed_roll_up_and_statuses(tmp_path):
    result = _plan(tmp_path)
    plan = result.plan
    assert plan is not None, [str(i) for i in result.issues]
    strat1 = plan.groups[0]
    assert strat1.code == "STRAT1"
    assert [a.code for a in strat1.children] == [f"STRAT1.{n}" for n in range(1, 6)]
    assert round(strat1.progress) == 72  # mean of 47, 83, 66, 100, 66
    assert strat1.progress_derived
    statuses = {a.code: a.status for a in plan.actions}
    assert statuses["STRAT1.1"] is Status.CHECK_PROGRESS
    assert statuses["STRAT1.3"] is Status.IN_PROGRESS
    assert statuses["STRAT1.4"] is Status.COMPLETED
    assert statuses["SERV1.3"] is Status.OVERDUE
    serv1 = plan.groups[1]
    assert serv1.progress == pytest.approx(83)
    # the plan row takes the mean of its groups
    assert plan.plan.code == "CFSW SP2023"
    assert plan.plan.progress == pytest.approx((72.4 + 83) / 2)
    assert [s.name for s in plan.sections] == ["Strategic", "Service Level"]


def test_parent_code_column_overrides_the_dotted_code(tmp_path):
    headings = ["Action Code", "Parent Code", "Action Title", "Progress"]
    rows = [["G1", "", "Group", None], ["X", "G1", "Child one", 40], ["Y", "G1", "Child two", 60]]
    plan = _plan(tmp_path, headings=headings, rows=rows).plan
    assert [c.code for c in plan.groups[0].children] == ["X", "Y"]
    assert plan.groups[0].progress == 50


def test_status_given_wins_but_a_contradiction_is_a_warning(tmp_path):
    headings = ["Action Code", "Action Title", "Progress", "Status"]
    rows = [["G1", "Group", None, None], ["G1.1", "Child", 40, "complete"]]
    result = _plan(tmp_path, headings=headings, rows=rows)
    assert result.plan.actions[0].status is Status.COMPLETED
    assert [(i.location.ref, i.type) for i in result.issues] == [
        ("Actions!A3", "status-contradiction")
    ]


def test_completion_target_gives_the_due_date(tmp_path):
    headings = ["Action Code", "Action Title", "Completion Target", "Progress"]
    rows = [
        ["G1", "Group", None, None],
        ["G1.1", "Child", "March 2022 with milestone annual improvements.", 50],
    ]
    plan = _plan(tmp_path, headings=headings, rows=rows).plan
    child = plan.actions[0]
    assert child.due_date == dt.date(2022, 3, 31)
    assert child.completion_target == "March 2022 with milestone annual improvements."
    assert child.status is Status.OVERDUE


def test_period_label_typed_in_the_update_is_taken_off_once():
    assert strip_period_label("Q2 2022/23 - The plan is on track") == (
        "Q2 2022/23",
        "The plan is on track",
    )
    assert strip_period_label("• Q2 2022/23 - First\n• Second") == (
        "Q2 2022/23",
        "• First\n• Second",
    )
    assert strip_period_label("No label here") == (None, "No label here")


def test_stale_update_is_a_warning(tmp_path):
    headings = ["Action Code", "Action Title", "Progress", "Latest Status Update"]
    rows = [["G1", "Group", 50, "Q2 2022/23 - fine"], ["G1.1", "Child", 50, "Q1 2022/23 - old"]]
    result = _plan(tmp_path, headings=headings, rows=rows)
    assert [(i.location.ref, i.type) for i in result.issues] == [("Actions!A3", "stale-update")]


def test_a_status_given_for_an_action_past_its_due_date_is_questioned():
    end = dt.date(2022, 12, 31)
    due = dt.date(2022, 11, 30)
    problem = overdue_contradiction(Status.IN_PROGRESS, 60, due, end)
    assert problem and "due 30-Nov-2022, before the period end 31-Dec-2022" in problem
    assert overdue_contradiction(Status.OVERDUE, 60, due, end) is None
    assert overdue_contradiction(Status.IN_PROGRESS, 100, due, end) is None
    assert overdue_contradiction(Status.IN_PROGRESS, 60, end, end) is None
