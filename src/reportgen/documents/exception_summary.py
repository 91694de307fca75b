"""The exception summary: only what needs the committee's attention, with the reason.

Three tables: actions **overdue** (the Overdue family: Overdue, Neglected), actions **behind
schedule** (the Check progress family: Check Progress, Unassigned), and indicators **off target**
(the latest value against target, as :attr:`Measure.status` judges it). Each row carries the
reason the return gave: an action's latest status update, an indicator's commentary. A layout
clerks choose (``documents = ["exception-summary"]`` or ``--only exception-summary``); it is not
built otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docxtpl import RichTextParagraph

from reportgen.documents.indicators import table_paragraphs
from reportgen.documents.narrative import capitalise, counted, period_label, verb
from reportgen.kinds import DocumentProperties
from reportgen.rules.formats import percent, uk_date
from reportgen.rules.indicators import MeasureStatus
from reportgen.rules.status import StatusFamily
from reportgen.schema.measures import Measure
from reportgen.schema.service import Action, ServicePlan

NO_REASON = "No reason given in the return."


@dataclass
class ExceptionAction:
    """An action that needs attention.

    code: "STRAT1.1"; title; lead: its lead officer ("" when none); due_date: "31-Mar-2023";
    progress: "47%"; expected: the share of time elapsed, "83%" ("" when unknown);
    status: "Check Progress"; reason: the latest status update as paragraphs
    """

    code: str
    title: str
    lead: str
    due_date: str
    progress: str
    expected: str
    status: str
    reason: RichTextParagraph


@dataclass
class ExceptionIndicator:
    """An indicator off target.

    code; title; value: the latest value as printed ("43%"); period: "Q3 2022/23";
    target: "40%"; trend: "▼ worsening" ("" when none); reason: the commentary as paragraphs
    """

    code: str
    title: str
    value: str
    period: str
    target: str
    trend: str
    reason: RichTextParagraph


@dataclass
class ExceptionPart:
    """A numbered part of the exception report.

    number: 1; heading: "Overdue actions"; summary: a sentence that counts them ("Two actions
    are overdue."); rows: the actions or indicators (none when nothing needs attention)
    """

    number: int
    heading: str
    summary: str
    rows: list[Any] = field(default_factory=list)


@dataclass
class ExceptionInfo:
    """The exception report's heading.

    title: "Exception report"; subtitle: "<Service>: <Plan Title>"; period: "Q3 2022/23";
    intro: what the report holds; footer: the page footer text
    """

    title: str
    subtitle: str
    period: str
    intro: str
    footer: str


def _reason(text: str | None) -> RichTextParagraph:
    return table_paragraphs(text or NO_REASON)


def exception_action(action: Action) -> ExceptionAction:
    return ExceptionAction(
        code=action.code,
        title=action.title,
        lead=action.lead or "",
        due_date=uk_date(action.due_date),
        progress=percent(action.progress),
        expected=percent(action.expected_progress),
        status=action.status.value,
        reason=_reason(action.update),
    )


def exception_indicator(measure: Measure) -> ExceptionIndicator:
    latest = measure.latest
    return ExceptionIndicator(
        code=measure.code,
        title=measure.title,
        value=measure.format(latest.value) if latest else "",
        period=latest.period.label if latest else "",
        target=measure.target_label,
        trend=measure.short_trend.text if measure.short_trend else "",
        reason=_reason(measure.commentary),
    )


def _summary(count: int, noun: str, one: str, many: str) -> str:
    if not count:
        return f"No {noun}s {many}."
    return f"{capitalise(counted(count, noun))} {verb(count, one, many)}."


def parts(plan: ServicePlan) -> list[ExceptionPart]:
    """The three parts: overdue actions, actions behind schedule, indicators off target."""
    actions = plan.actions
    overdue = [a for a in actions if a.status_family is StatusFamily.OVERDUE]
    behind = [a for a in actions if a.status_family is StatusFamily.CHECK_PROGRESS]
    period = plan.period
    measures = [m.up_to(period) if period else m for m in plan.measures or []]
    off = [m for m in measures if m.status is MeasureStatus.OFF_TARGET]
    return [
        ExceptionPart(
            1,
            "Overdue actions",
            _summary(len(overdue), "action", "is overdue", "are overdue"),
            [exception_action(a) for a in overdue],
        ),
        ExceptionPart(
            2,
            "Actions behind schedule",
            _summary(len(behind), "action", "is behind schedule", "are behind schedule"),
            [exception_action(a) for a in behind],
        ),
        ExceptionPart(
            3,
            "Indicators off target",
            _summary(len(off), "indicator", "is off target", "are off target"),
            [exception_indicator(m) for m in off],
        ),
    ]


def build_context(plan: ServicePlan) -> dict[str, Any]:
    """The context ``exception-summary.docx`` renders: ``report`` (the heading), and the parts
    ``overdue``, ``behind`` (actions) and ``off_target`` (indicators)."""
    details = plan.details
    when = period_label(plan)
    overdue, behind, off_target = parts(plan)
    info = ExceptionInfo(
        title="Exception report",
        subtitle=f"{details.service}: {details.plan_title}",
        period=when,
        intro=(
            f"Only what needs the committee's attention at the end of {when}: actions overdue "
            "or behind schedule, and indicators off target, each with the reason the return "
            "gave. Actions on track and indicators on target or within tolerance are not listed."
        ),
        footer=f"Exception report, {when}: {details.service}",
    )
    return {"report": info, "overdue": overdue, "behind": behind, "off_target": off_target}


def properties(plan: ServicePlan) -> DocumentProperties:
    """Title, subject, author and date of the exception report."""
    details = plan.details
    return DocumentProperties(
        title=f"Exception report, {period_label(plan)}: {details.service}",
        subject=details.plan_title,
        author=details.organisation or details.service,
        keywords=(details.service, period_label(plan)),
        date=plan.period_end,
    )
