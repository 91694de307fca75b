"""A resolved service plan as a :class:`PeriodRecord`: the figures its papers were written from."""

from __future__ import annotations

import re

from reportgen.rules.plan import code_order
from reportgen.schema.history import ActionRecord, MeasureRecord, PeriodRecord
from reportgen.schema.measures import Measure
from reportgen.schema.service import Action, ServicePlan


def plan_key(plan: ServicePlan) -> str:
    """The plan's name in the history folder: its Plan Code (``cfsw-sp2023``), else its title,
    so a plan keeps its history when its workbook is renamed or merged into a new copy."""
    name = plan.details.plan_code or plan.details.plan_title
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "plan"


def action_record(action: Action, parent: str | None = None) -> ActionRecord:
    return ActionRecord(
        code=action.code,
        title=action.title,
        level=action.level,
        parent_code=parent,
        priority=action.priority,
        lead=action.lead,
        due_date=action.due_date,
        progress=action.progress,
        expected_progress=action.expected_progress,
        status=action.status,
    )


def measure_record(measure: Measure) -> MeasureRecord:
    latest = measure.latest
    return MeasureRecord(
        code=measure.code,
        title=measure.title,
        unit=measure.unit,
        polarity=measure.polarity.value if measure.polarity else None,
        target=measure.target_label,
        value=latest.value if latest else None,
        value_period=latest.period.label if latest else None,
        status=measure.status.label,
    )


def record_of(plan: ServicePlan) -> PeriodRecord | None:
    """The plan at its period's end, or None when it has no reporting period."""
    period = plan.period
    if period is None or plan.period_end is None:
        return None
    rows: list[tuple[Action, str | None]] = []
    for group in plan.groups:
        rows.append((group, None))
        children = sorted(group.children, key=lambda action: code_order(action.code))
        rows += [(action, group.code) for action in children]  # in the report's order
    return PeriodRecord(
        plan=plan_key(plan),
        plan_title=plan.details.plan_title,
        service=plan.details.service,
        source=plan.source,
        period=period.label,
        period_end=plan.period_end,
        progress=plan.plan.progress,
        expected_progress=plan.plan.expected_progress,
        actions=[action_record(row, parent) for row, parent in rows],
        measures=[measure_record(m.up_to(period)) for m in plan.measures or []],
    )
