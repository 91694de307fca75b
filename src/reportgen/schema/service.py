"""The service workbook: its sheets' fields (the contract of docs/returns.md) and its models.

A service plan is a hierarchy: the plan row, its groups (``STRAT1``, ``SERV1``: one per outcome)
and their actions (``STRAT1.1`` …). Groups sit in sections (Strategic, Service Level, Recovery &
Renewal). The roll-up and status rules live in :mod:`reportgen.rules.status` and
:mod:`reportgen.loaders.service`; the models only hold the results.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reportgen.readers.workbook import FieldSpec
from reportgen.rules.periods import PlanPeriod, ReportingPeriod
from reportgen.rules.status import Status, StatusFamily
from reportgen.schema.history import PeriodRecord
from reportgen.schema.measures import Measure
from reportgen.schema.report import CommitteeReportDetails

PLAN_SHEET = "Plan"
ACTIONS_SHEET = "Actions"
IMPROVEMENTS_SHEET = "Improvements"
MEASURES_SHEET = "Measures"
REPORT_SHEET = "Report"

PLAN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("organisation", "Organisation", ("Organization", "Council")),
    FieldSpec("service", "Service", ("Service Name",), required=True),
    FieldSpec("plan_title", "Plan Title", ("Title",), required=True),
    FieldSpec("plan_code", "Plan Code"),
    FieldSpec("plan_period", "Plan Period"),
    FieldSpec("reporting_period", "Reporting Period", ("Period", "Quarter")),
    FieldSpec("period_end", "Period End", ("Period End Date",)),
    FieldSpec("revenue_budget", "Revenue Budget", ("Budget", "Revenue Budget (£)")),
    FieldSpec("fte", "FTE", ("Staffing FTE", "Full Time Equivalent")),
    FieldSpec("teams", "Teams", ("Service Definition", "Teams or Service Definition")),
    FieldSpec("directorate", "Directorate", ("Department",)),
)

ACTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("section", "Section", fill_down=True),
    FieldSpec(
        "outcome",
        "Outcome",
        (
            "Strategic Outcome or Priority",
            "Service Level Outcome",
            "Service Level Outcomes or Priorities",
        ),
        fill_down=True,
    ),
    FieldSpec("code", "Action Code", ("Code",), required=True),
    FieldSpec("parent", "Parent Code", ("Parent",)),
    FieldSpec("title", "Action Title", ("Action",), required=True),
    FieldSpec("priority", "Priority", ("Priority Rating",)),
    FieldSpec("desired_outcome", "Desired Outcome", ("Planned Outcome",)),
    FieldSpec("outcome_measures", "Outcome Measures"),
    FieldSpec("recovery_renewal", "Recovery & Renewal", ("Recovery and Renewal",)),
    FieldSpec("due_date", "Due Date"),
    FieldSpec("completion_target", "Completion Target"),
    FieldSpec("lead", "Lead", ("Lead Officer", "Responsible Officer")),
    FieldSpec("progress", "Progress", ("Progress %", "% Complete", "Percent Complete")),
    FieldSpec("status", "Status"),
    FieldSpec("update", "Latest Status Update", ("Status Update", "Update", "Latest Update")),
    FieldSpec("update_period", "Update Period", ("Period",)),
)

IMPROVEMENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "improvement",
        "Improvement",
        (
            "Improvements",
            "Area for Improvement",
            "What have we identified for improvement",
            "What we have identified for improvement",
        ),
        required=True,
    ),
    FieldSpec(
        "recovery_renewal",
        "Recovery & Renewal",
        ("Recovery and Renewal", "Recovery & Renewal (tick if app)"),
    ),
    FieldSpec(
        "evidence",
        "Evidence",
        ("Evidence Used", "What evidence did we use to identify this improvement"),
    ),
)

Level = Literal["plan", "group", "action"]


class Model(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=False, extra="forbid")


class PlanDetails(Model):
    """The Plan sheet: what the plan is, its period, and its resources."""

    organisation: str | None = None
    service: str
    plan_title: str
    plan_code: str | None = None
    plan_period: PlanPeriod | None = None
    reporting_period: ReportingPeriod | None = None
    period_end: dt.date | None = None
    revenue_budget: float | None = None
    fte: float | None = None
    teams: list[str] = Field(default_factory=list)
    directorate: str | None = None


class Action(Model):
    """A row of the Actions sheet: the plan row, a group row or an action, with the values
    the return gave and the values reportgen derived (``progress`` and ``status``)."""

    code: str
    title: str
    level: Level = "action"
    parent_code: str | None = None
    section: str | None = None
    outcome: str | None = None
    priority: int | None = None
    desired_outcome: str | None = None
    outcome_measures: str | None = None
    recovery_renewal: bool | None = None
    due_date: dt.date | None = None
    completion_target: str | None = None
    lead: str | None = None
    update: str | None = None
    update_period: str | None = None
    progress_given: float | None = None
    status_given: Status | None = None
    progress: float | None = None
    status: Status = Status.NOT_STARTED
    expected_progress: float | None = None
    row: int | None = None
    children: list[Action] = Field(default_factory=list)

    @property
    def status_family(self) -> StatusFamily:
        return self.status.family

    @property
    def status_derived(self) -> bool:
        return self.status_given is None

    @property
    def progress_derived(self) -> bool:
        return self.progress_given is None and self.progress is not None


class Section(Model):
    """A section of the plan (Strategic, Service Level …) and its outcome groups in order."""

    name: str
    groups: list[Action] = Field(default_factory=list)


class Improvement(Model):
    """A row of the Improvements sheet."""

    improvement: str
    recovery_renewal: bool | None = None
    evidence: str | None = None


class ServicePlan(Model):
    """A whole service workbook, resolved: details, the plan row, sections, groups, actions."""

    source: str
    details: PlanDetails
    plan: Action
    sections: list[Section] = Field(default_factory=list)
    improvements: list[Improvement] | None = None
    measures: list[Measure] | None = None  # None: the workbook has no Measures sheet
    report: CommitteeReportDetails | None = None  # None: the workbook has no Report sheet
    history: list[PeriodRecord] = Field(default_factory=list)  # earlier periods, oldest first

    @property
    def groups(self) -> list[Action]:
        return [g for s in self.sections for g in s.groups]

    @property
    def actions(self) -> list[Action]:
        """Every action below the groups, in plan order."""
        return [a for g in self.groups for a in g.children]

    @property
    def period(self) -> ReportingPeriod | None:
        return self.details.reporting_period

    @property
    def period_end(self) -> dt.date | None:
        if self.details.period_end:
            return self.details.period_end
        return self.details.reporting_period.end if self.details.reporting_period else None
