from __future__ import annotations

import datetime as dt

import pytest
from workbooks import PLAN, write_service_workbook

from reportgen import BuildConfig, validate
from reportgen.pipeline.inputs import read_workbook
from reportgen.rules.periods import (
    PeriodChoice,
    PlanPeriod,
    ReportingPeriod,
    choose_period,
    period_containing,
    split_leading_period,
)


@pytest.mark.parametrize(
    "text", ["Q2 2022/23", "q2 2022-23", "Quarter 2 2022/23", "2022/23 Q2", "Q2 22/23"]
)
def test_quarter_forms(text):
    period = ReportingPeriod.parse(text)
    assert period.label == "Q2 2022/23"
    assert period.start == dt.date(2022, 7, 1)
    assert period.end == dt.date(2022, 9, 30)
    assert period.end_month_name == "September"


def test_financial_quarters_span_the_year_end():
    assert ReportingPeriod.parse("Q3 2022/23").end == dt.date(2022, 12, 31)
    assert ReportingPeriod.parse("Q4 2022/23").end == dt.date(2023, 3, 31)
    assert ReportingPeriod.parse("Q1 2023/24").previous.label == "Q4 2022/23"
    assert period_containing(dt.date(2023, 2, 1)).label == "Q4 2022/23"


def test_annual_period_and_bad_periods():
    assert ReportingPeriod.parse("2021/22").is_annual
    with pytest.raises(ValueError, match="not a reporting period"):
        ReportingPeriod.parse("Q5 2022/23")
    with pytest.raises(ValueError):
        ReportingPeriod.parse("2022/25")


def test_plan_period():
    plan = PlanPeriod.parse("2020-23")
    assert (plan.start, plan.end, plan.label) == (
        dt.date(2020, 4, 1),
        dt.date(2023, 3, 31),
        "2020/23",
    )


def test_leading_label_is_split_from_an_update():
    assert split_leading_period("Q2 2022/23 - The plan") == ("Q2 2022/23", "The plan")
    assert split_leading_period("Q2 2022/2023 - Text")[0] == "Q2 2022/23"
    assert split_leading_period("No label")[0] is None


Q2, Q3 = ReportingPeriod.parse("Q2 2022/23"), ReportingPeriod.parse("Q3 2022/23")


def test_the_build_period_sets_the_period_and_its_end():
    assert choose_period(Q3, None, None) == PeriodChoice(Q3, dt.date(2022, 12, 31))
    assert choose_period(Q3, Q3, None) == PeriodChoice(Q3, dt.date(2022, 12, 31))
    assert choose_period(None, Q2, None) == PeriodChoice(Q2, dt.date(2022, 9, 30))
    assert choose_period(None, None, dt.date(2022, 12, 31)).period == Q3
    assert choose_period(None, None, None) == PeriodChoice(None, None)


def test_a_plan_sheet_for_another_period_is_refused_by_name():
    choice = choose_period(Q3, Q2, dt.date(2022, 9, 30))
    assert choice.at == "reporting_period" and choice.end is None
    assert "reports Q2 2022/23, but the build is for Q3 2022/23" in choice.problem
    only_end = choose_period(Q3, None, dt.date(2022, 9, 30))
    assert only_end.at == "period_end"
    assert "30-Sep-2022 is not in Q3 2022/23" in only_end.problem
    assert choose_period(None, Q2, dt.date(2022, 12, 31)).at == "period_end"


def test_build_for_another_quarter_judges_at_its_end(tmp_path):
    """--period with a workbook that leaves the period blank: elapsed time and Overdue at
    31 December (92% of the 2020-23 plan), not at the Plan sheet's old date."""
    plan = {k: v for k, v in PLAN.items() if k != "Reporting Period"}
    write_service_workbook(tmp_path / "input" / "plan.xlsx", plan=plan)
    config = BuildConfig(input_dir=tmp_path / "input", period=Q3)
    report = validate(config)
    assert report.ok, [str(i) for i in report.issues]
    model = read_workbook(tmp_path / "input" / "plan.xlsx", config).model
    assert model.period == Q3 and model.period_end == dt.date(2022, 12, 31)
    assert round(model.plan.expected_progress) == 92
    serv13 = next(a for a in model.actions if a.code == "SERV1.3")
    assert serv13.status.value == "Overdue"


def test_build_for_another_quarter_than_the_workbook_is_refused(tmp_path):
    plan = {**PLAN, "Period End": dt.date(2022, 9, 30)}
    write_service_workbook(tmp_path / "input" / "plan.xlsx", plan=plan)
    report = validate(BuildConfig(input_dir=tmp_path / "input", period=Q3))
    assert [(i.location.ref, i.type) for i in report.issues if i.is_error] == [
        ("Plan!B7", "period-mismatch")
    ]
    bad_end = {**PLAN, "Period End": dt.date(2022, 12, 31)}
    write_service_workbook(tmp_path / "input" / "plan.xlsx", plan=bad_end)
    report = validate(BuildConfig(input_dir=tmp_path / "input"))
    assert [(i.location.ref, i.type) for i in report.issues if i.is_error] == [
        ("Plan!B8", "period-mismatch")
    ]
