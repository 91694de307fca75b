"""The quarterly performance report (seed 001): its context, built from a resolved plan.

Templates see only the view objects defined here (documented in the class docstrings), never the
workbook rows, so a clerk's template cannot reach past what the report is meant to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from docxtpl import RichTextParagraph

from reportgen.documents.indicators import indicators_view, table_paragraphs
from reportgen.documents.rich import Picture, paragraphs
from reportgen.kinds import DocumentProperties
from reportgen.rules.formats import percent, uk_date
from reportgen.rules.plan import code_order
from reportgen.rules.status import FAMILY_MEMBERS, StatusFamily
from reportgen.schema.service import Action, ServicePlan

HISTORY_PERIODS = 4  # the earlier periods shown beside each action's progress
HISTORY_TEXT_PT = 7
ICON_WIDTH_MM = 6.0
LEGEND_ICON_WIDTH_MM = 5.0


def icon_bytes(family: StatusFamily) -> bytes:
    """The PNG drawn for a status family (shipped in ``reportgen/icons``)."""
    return resources.files("reportgen").joinpath("icons", f"{family.slug}.png").read_bytes()


# What each icon shows, for the legend's alternative text (scripts/make_icons.py draws them).
ICON_SHAPES = {
    StatusFamily.CANCELLED: "grey circle with a white cross",
    StatusFamily.OVERDUE: "red stop sign",
    StatusFamily.CHECK_PROGRESS: "amber warning triangle with an exclamation mark",
    StatusFamily.IN_PROGRESS: "blue circle with a white arrow",
    StatusFamily.COMPLETED: "green circle with a white tick",
}


class Icons:
    """One picture per status family and alt text, made once per document."""

    def __init__(self, width_mm: float = ICON_WIDTH_MM) -> None:
        self._width = width_mm
        self._pictures: dict[tuple[StatusFamily, str], Picture] = {}

    def get(self, family: StatusFamily, alt: str) -> Picture:
        key = (family, alt)
        if key not in self._pictures:
            self._pictures[key] = Picture(
                icon_bytes(family), alt, self._width, f"{family.slug} icon"
            )
        return self._pictures[key]


@dataclass
class ActionRow:
    """One row of an actions table.

    code: "STRAT1.1"; title: the action title; priority: "1" or ""; desired_outcome: paragraphs;
    due_date: "31-Mar-2023" or ""; update: paragraphs starting with the bold period label;
    progress: "47%" or ""; status: "Check Progress"; status_family: "Check progress";
    icon: the status family's picture; derived: True when reportgen derived the status;
    earlier: the progress at each earlier period on record, oldest first, one a line
    ("Q1 22/23: 40%"), "–" when none is on record.
    """

    code: str
    title: str
    priority: str
    desired_outcome: RichTextParagraph
    due_date: str
    update: RichTextParagraph
    progress: str
    status: str
    status_family: str
    icon: Picture
    derived: bool
    lead: str
    earlier: RichTextParagraph


@dataclass
class GroupView:
    """An outcome group: ``overall_number`` (2.1) heads its Overall Progress table, ``number``
    (2.2) its Actions table; ``row`` is the group row and ``actions`` its children."""

    overall_number: str
    actions_number: str
    outcome: str
    row: ActionRow
    actions: list[ActionRow] = field(default_factory=list)


@dataclass
class SectionView:
    """A numbered section of the report (2 Strategic Actions …) and its groups."""

    number: int
    title: str
    groups: list[GroupView] = field(default_factory=list)


@dataclass
class LegendEntry:
    """A line of the status legend: the family's icon and the statuses it stands for."""

    icon: Picture
    label: str


@dataclass
class ReportInfo:
    """Headline facts: title lines, the period, the plan heading and footer text."""

    title: str
    period_heading: str
    period_label: str
    service: str
    organisation: str
    plan_heading: str
    plan_title: str
    footer: str


def section_title(name: str) -> str:
    """ "Strategic" → "Strategic Actions"; a name that already says actions is kept."""
    return name if name.lower().rstrip().endswith("actions") else f"{name} Actions"


def short_label(label: str) -> str:
    """ "Q1 2022/23" → "Q1 22/23", to fit a narrow column."""
    return re.sub(r"\b20(\d\d)/", r"\1/", label)


def earlier_progress(action: Action, plan: ServicePlan) -> RichTextParagraph:
    """The action's progress at the last four periods on record before this one."""
    lines = []
    for record in plan.history[-HISTORY_PERIODS:]:
        if action is plan.plan:
            progress = record.progress
        else:
            found = record.action(action.code)
            if found is None:
                continue
            progress = found.progress
        lines.append(f"{short_label(record.period)}: {percent(progress) or '–'}")
    return table_paragraphs("\n".join(lines) or "–", HISTORY_TEXT_PT)


def action_row(
    action: Action, icons: Icons, period_label: str, plan: ServicePlan | None = None
) -> ActionRow:
    status = action.status.value
    alt = status  # the icon is the status: screen readers read it as the cell's text
    label = action.update_period or (period_label if action.update else None)
    return ActionRow(
        code=action.code,
        title=action.title,
        priority=str(action.priority) if action.priority is not None else "",
        desired_outcome=paragraphs(action.desired_outcome),
        due_date=uk_date(action.due_date),
        update=paragraphs(action.update, label),
        progress=percent(action.progress),
        status=status,
        status_family=action.status.family.value,
        icon=icons.get(action.status.family, alt),
        derived=action.status_derived,
        lead=action.lead or "",
        earlier=earlier_progress(action, plan) if plan else table_paragraphs("–"),
    )


def legend() -> list[LegendEntry]:
    icons = Icons(LEGEND_ICON_WIDTH_MM)
    entries = []
    for family in StatusFamily:
        names = "; ".join(s.value for s in FAMILY_MEMBERS[family])
        alt = f"{family.value} icon: {ICON_SHAPES[family]}"
        entries.append(LegendEntry(icons.get(family, alt), names))
    return entries


def report_info(plan: ServicePlan) -> ReportInfo:
    details = plan.details
    period = plan.period
    if period is not None:
        fy = f"{period.year}-{(period.year + 1) % 100:02d}"
        period_heading = f"{fy} Quarter to {period.end_month_name}"
        period_label = period.label
    else:
        period_heading = f"Period to {uk_date(plan.period_end, 'long')}"
        period_label = uk_date(plan.period_end, "month")
    span = f" {details.plan_period.label}" if details.plan_period else ""
    title = f"{details.service} Performance Report"
    return ReportInfo(
        title=title,
        period_heading=period_heading,
        period_label=period_label,
        service=details.service,
        organisation=details.organisation or "",
        plan_heading=f"{details.service.upper()}{span}",
        plan_title=details.plan_title,
        footer=f"{period_heading} {title}",
    )


def build_context(plan: ServicePlan) -> dict[str, Any]:
    """The context ``performance-report.docx`` renders: ``report``, ``legend``, ``plan`` (the
    overall plan row), ``sections`` (each group's actions by code) and ``indicators`` (the
    Performance Indicators section, numbered after the actions; None without a Measures
    sheet)."""
    icons = Icons()
    info = report_info(plan)
    sections = []
    for index, section in enumerate(plan.sections, start=2):
        view = SectionView(number=index, title=section_title(section.name))
        for position, group in enumerate(section.groups):
            view.groups.append(
                GroupView(
                    overall_number=f"{index}.{2 * position + 1}",
                    actions_number=f"{index}.{2 * position + 2}",
                    outcome=group.outcome or group.title,
                    row=action_row(group, icons, info.period_label, plan),
                    actions=[
                        action_row(a, icons, info.period_label, plan)
                        for a in sorted(group.children, key=lambda a: code_order(a.code))
                    ],
                )
            )
        sections.append(view)
    return {
        "report": info,
        "legend": legend(),
        "plan": action_row(plan.plan, icons, info.period_label, plan),
        "sections": sections,
        "indicators": indicators_view(plan.measures, len(sections) + 2, plan.period),
    }


def properties(plan: ServicePlan) -> DocumentProperties:
    """Title, subject, author and date of the report, from the plan and its period."""
    info = report_info(plan)
    details = plan.details
    return DocumentProperties(
        title=f"{info.period_heading} {info.title}",
        subject=details.plan_title,
        author=details.organisation or details.service,
        keywords=(details.service, info.period_label),
        date=plan.period_end,
    )
