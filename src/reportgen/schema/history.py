"""A plan as it stood at the end of one reporting period: what the history keeps.

Each build (and each ``returns collect``) keeps the validated figures of every service plan it
read as one :class:`PeriodRecord`, so later periods can say what changed since and show each
action's progress over time. A record holds the figures the papers are written from, already
derived (statuses, roll-ups, each indicator's latest value and status), so comparing two periods
never depends on the rules or settings of the day it is read back. It is plain JSON: periods as
their labels ("Q3 2022/23"), statuses as their names ("Check Progress").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import Status

RECORD_VERSION = 1


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ActionRecord(Record):
    """An action (or group, or the plan row) at a period's end."""

    code: str
    title: str
    level: Literal["plan", "group", "action"] = "action"
    parent_code: str | None = None
    priority: int | None = None
    lead: str | None = None
    due_date: dt.date | None = None
    progress: float | None = None
    expected_progress: float | None = None
    status: Status = Status.NOT_STARTED


class MeasureRecord(Record):
    """An indicator at a period's end: its latest value up to then, and that value's status."""

    code: str
    title: str
    unit: str | None = None
    polarity: str | None = None
    target: str = ""  # as printed: "40%", "15–20"
    value: float | None = None
    value_period: str | None = None  # the period the value is for: "Q3 2022/23"
    status: str = "No data"  # MeasureStatus label: "On target", "Off target" …


class PeriodRecord(Record):
    """A service plan at the end of one reporting period."""

    version: int = RECORD_VERSION
    plan: str  # the plan's key in the history folder (from its Plan Code, else its title)
    plan_title: str
    service: str
    source: str  # the workbook it was read from
    period: str  # "Q3 2022/23"
    period_end: dt.date
    progress: float | None = None
    expected_progress: float | None = None
    actions: list[ActionRecord] = Field(default_factory=list)  # groups and actions, plan order
    measures: list[MeasureRecord] = Field(default_factory=list)

    @property
    def reporting_period(self) -> ReportingPeriod:
        return ReportingPeriod.parse(self.period)

    def action(self, code: str) -> ActionRecord | None:
        """The row with ``code`` (codes compared ignoring case and spaces), or None."""
        key = "".join(code.split()).upper()
        return next((a for a in self.actions if "".join(a.code.split()).upper() == key), None)
