from __future__ import annotations

import datetime as dt

import pytest

from reportgen.rules.periods import (
    PlanPeriod,
    ReportingPeriod,
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
