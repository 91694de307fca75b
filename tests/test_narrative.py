"""The Performance sentences: correct for zero, one and many, from resolved plans built in code."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.documents.narrative import (
    action_summary_sentence,
    behind_statement,
    counted,
    indicator_statements,
    overdue_statement,
    performance_statements,
    plan_progress_sentence,
)
from reportgen.rules.indicators import Polarity, Target
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import Status
from reportgen.schema.measures import Measure
from reportgen.schema.service import Action, PlanDetails, Section, ServicePlan

Q2 = ReportingPeriod.parse("Q2 2022/23")


def action(code: str, status: Status, progress: float | None = 50, **extra) -> Action:
    return Action(code=code, title=f"Title of {code}", status=status, progress=progress, **extra)


def plan_of(actions: list[Action], progress: float | None = 60, measures=None) -> ServicePlan:
    group = Action(code="STRAT1", title="Group", level="group", children=actions)
    return ServicePlan(
        source="test.xlsx",
        details=PlanDetails(
            service="Social Work", plan_title="Service Plan 2020-23", reporting_period=Q2
        ),
        plan=Action(
            code="SP", title="Plan", level="plan", progress=progress, expected_progress=83.2
        ),
        sections=[Section(name="Strategic", groups=[group])],
        measures=measures,
    )


def measure(code: str, value: float | None, target: float | None = 50) -> Measure:
    return Measure(
        code=code,
        title=f"Indicator {code}",
        unit="%",
        polarity=Polarity.HIGHER,
        target=Target(target) if target is not None else None,
        values={Q2: value} if value is not None else {},
        periods=[Q2],
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "no actions"), (1, "one action"), (2, "two actions"), (12, "12 actions")],
)
def test_counted_words(count, expected):
    assert counted(count, "action") == expected


def test_plan_progress_with_time_elapsed():
    assert plan_progress_sentence(plan_of([])) == (
        "At the end of Q2 2022/23, overall progress on the Service Plan 2020-23 is 60%, "
        "with 83% of the plan period elapsed."
    )


def test_plan_progress_when_none_recorded():
    sentence = plan_progress_sentence(plan_of([], progress=None))
    assert sentence == (
        "No progress has been recorded against the Service Plan 2020-23 at the end of Q2 2022/23."
    )


def test_action_summary_many_categories():
    actions = [
        action("A1", Status.COMPLETED, 100),
        action("A2", Status.COMPLETED, 100),
        action("A3", Status.IN_PROGRESS),
        action("A4", Status.CHECK_PROGRESS),
        action("A5", Status.OVERDUE),
        action("A6", Status.CANCELLED),
    ]
    assert action_summary_sentence(actions) == (
        "Of the six actions in the plan, two are completed, one is on track, one is behind "
        "schedule, one is overdue and one has been cancelled."
    )


def test_action_summary_all_in_one_category():
    actions = [action(f"A{i}", Status.IN_PROGRESS) for i in range(12)]
    assert action_summary_sentence(actions) == "All 12 actions in the plan are on track."


def test_action_summary_single_action():
    assert action_summary_sentence([action("A1", Status.OVERDUE)]) == (
        "The plan's one action is overdue."
    )


def test_action_summary_no_actions():
    assert action_summary_sentence([]) == "The plan has no actions yet."


def test_not_started_and_assigned_count_as_on_track():
    actions = [action("A1", Status.NOT_STARTED, 0), action("A2", Status.ASSIGNED)]
    assert action_summary_sentence(actions) == "Both actions in the plan are on track."


def test_no_actions_behind_schedule():
    statement = behind_statement([action("A1", Status.IN_PROGRESS)])
    assert (statement.text, statement.items) == ("No actions are behind schedule.", ())


def test_one_action_behind_schedule_names_it():
    statement = behind_statement([action("STRAT1.1", Status.CHECK_PROGRESS, 47)])
    assert statement.text == "One action is behind schedule:"
    assert statement.items == ("STRAT1.1 Title of STRAT1.1 (47% complete)",)


def test_unassigned_counts_as_behind_schedule():
    statement = behind_statement(
        [action("A1", Status.UNASSIGNED, None), action("A2", Status.CHECK_PROGRESS, 10)]
    )
    assert statement.text == "Two actions are behind schedule:"
    assert statement.items == ("A1 Title of A1", "A2 Title of A2 (10% complete)")


def test_overdue_zero_one_many():
    assert overdue_statement([]).text == "No actions are overdue."
    due = dt.date(2022, 3, 31)
    one = overdue_statement([action("SERV1.3", Status.OVERDUE, 66, due_date=due)])
    assert one.text == "One action is overdue:"
    assert one.items == ("SERV1.3 Title of SERV1.3 (due 31-Mar-2022, 66% complete)",)
    many = overdue_statement([action("A1", Status.OVERDUE), action("A2", Status.NEGLECTED)])
    assert many.text == "Two actions are overdue:"


def test_indicators_none_reported():
    assert [s.text for s in indicator_statements(None)] == [
        "No performance indicators are reported with this return."
    ]
    assert indicator_statements([])[0].text.startswith("No performance indicators")


def test_indicators_without_targets_or_data():
    statements = indicator_statements([measure("PI1", 40, target=None), measure("PI2", None)])
    assert statements[0].text == (
        "None of the two performance indicators reported has both a target and a latest "
        "value to compare with it."
    )


def test_indicators_all_on_target():
    texts = [s.text for s in indicator_statements([measure("PI1", 60), measure("PI2", 70)])]
    assert texts == [
        "Both indicators measured against a target are on target.",
        "No indicators are off target.",
    ]


def test_one_indicator_off_target_is_named():
    statements = indicator_statements([measure("PI1", 60), measure("LAC01", 26, target=30)])
    assert statements[0].text == (
        "Of the two indicators measured against a target, one is on target and one is off target."
    )
    assert statements[1].text == "One indicator is off target:"
    assert statements[1].items == (
        "LAC01 Indicator LAC01: 26% in Q2 2022/23 against a target of 30%",
    )


def test_single_indicator_off_target():
    texts = [s.text for s in indicator_statements([measure("PI1", 10)])]
    assert texts == [
        "The one indicator measured against a target is off target.",
        "One indicator is off target:",
    ]


def test_performance_statements_in_order():
    plan = plan_of([action("A1", Status.COMPLETED, 100), action("A2", Status.CHECK_PROGRESS)])
    texts = [s.text for s in performance_statements(plan)]
    assert texts[0].endswith("one is completed and one is behind schedule.")
    assert texts[1:] == [
        "One action is behind schedule:",
        "No actions are overdue.",
        "No performance indicators are reported with this return.",
    ]
