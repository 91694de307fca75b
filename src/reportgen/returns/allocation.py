"""Who gets which rows: the returns a service workbook's plan is shared out into.

One return per lead officer (a row with no lead takes its group's, then the plan's; leads match
ignoring case and spaces) with their open actions and their indicators, or one for the whole
service. Completed and Cancelled rows are closed: not issued unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reportgen.returns.indicators import measure_rows
from reportgen.returns.layout import lead_key
from reportgen.rules.status import StatusFamily
from reportgen.schema.measures import Measure
from reportgen.schema.service import Action, ServicePlan

IssueBy = Literal["lead", "service"]
NO_LEAD = "No lead officer"


@dataclass
class Allocation:
    """The rows of one return: its lead officer (None for a whole-service return) and rows."""

    lead: str | None
    rows: list[Action] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


def plan_rows(plan: ServicePlan) -> list[tuple[Action, str | None]]:
    """Every row of the plan in order (plan row, then each group and its actions), each with
    its lead officer: its own, else its group's, else the plan's."""
    rows: list[tuple[Action, str | None]] = []
    if plan.plan.row is not None:
        rows.append((plan.plan, plan.plan.lead))
    for group in plan.groups:
        group_lead = group.lead or plan.plan.lead
        rows.append((group, group_lead))
        rows.extend((action, action.lead or group_lead) for action in group.children)
    return rows


def is_closed(action: Action) -> bool:
    """True for a row there is nothing more to report on: Completed or Cancelled."""
    return action.status.family in (StatusFamily.COMPLETED, StatusFamily.CANCELLED)


def allocate(
    plan: ServicePlan, by: IssueBy = "lead", include_closed: bool = False
) -> list[Allocation]:
    """The returns to issue for ``plan``: one per lead officer (in order of first appearance;
    leads match ignoring case and spaces) with their open actions (all, ``include_closed``) and
    indicators, or one for the whole service. A lead with nothing open gets no return."""
    rows = [(a, lead) for a, lead in plan_rows(plan) if include_closed or not is_closed(a)]
    if by == "service":
        everything = Allocation(None, [action for action, _ in rows])
        everything.measures = [m for m, _ in measure_rows(plan)]
        return [everything]
    allocations: dict[str, Allocation] = {}
    for action, lead in rows:
        name = lead or NO_LEAD
        allocations.setdefault(lead_key(name), Allocation(name)).rows.append(action)
    for measure, lead in measure_rows(plan):
        name = lead or NO_LEAD
        allocations.setdefault(lead_key(name), Allocation(name)).measures.append(measure)
    return list(allocations.values())
