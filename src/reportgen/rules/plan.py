"""The plan's structure and roll-ups, applied to a service workbook's checked rows.

Rules (documented for the people who check the reports):

* **Hierarchy.** A row's parent is its Parent Code when given, otherwise its code with the last
  ``.N`` removed (``STRAT1.2`` → ``STRAT1``). A code with neither is a group under the plan,
  unless it is the Plan Code, which makes it the plan row. Codes match ignoring case and spaces.
  Rows nested deeper than group → action are reported under their group, after their parent.
* **Order.** The plan's documents keep the sheet's order; the performance report lists a
  group's actions by code (STRAT1.2 before STRAT1.10), as the council's performance system does.
* **Roll-up.** A group whose progress is blank takes the mean of its actions' progress, and the
  plan takes the mean of its groups'. Blank and cancelled actions are left out of the mean; a
  Completed action with blank progress counts as 100 %.
* **Status.** See :mod:`reportgen.rules.status`. A status staff gave wins; one that contradicts the
  progress is a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reportgen.errors import IssueList, Location
from reportgen.rules.status import (
    Schedule,
    Status,
    contradiction,
    derive_status,
    expected_progress,
    overdue_contradiction,
)
from reportgen.rules.text import nearest

SECTION_BY_PREFIX = {"STRAT": "Strategic", "SERV": "Service", "RR": "Recovery & Renewal"}


class PlanItem(Protocol):
    """What the rules read and set on a row of the plan (the schema's ``Action``)."""

    code: str
    parent_code: str | None
    level: str
    section: str | None
    outcome: str | None
    due_date: dt.date | None
    update: str | None
    progress_given: float | None
    status_given: Status | None
    progress: float | None
    status: Status
    expected_progress: float | None
    children: list[Any]


@dataclass
class LoadedRow:
    """A checked row of the Actions sheet, with where its code and parent code are."""

    action: PlanItem
    location: Location
    parent_location: Location | None


def code_key(code: str) -> str:
    return "".join(code.split()).upper()


def code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts codes as people read them: STRAT1.2 before STRAT1.10."""
    parts = re.findall(r"\d+|[^\d.]+", code_key(code))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def _parent_key(item: LoadedRow, plan_key: str | None) -> str | None:
    action = item.action
    if action.parent_code:
        return code_key(action.parent_code)
    key = code_key(action.code)
    if key == plan_key:
        return None
    if "." in key:
        return key.rsplit(".", 1)[0]
    return plan_key


def build_hierarchy(
    rows: Sequence[LoadedRow], plan_code: str | None, issues: IssueList
) -> tuple[PlanItem | None, list[PlanItem]]:
    """Link rows to their parents. Returns the plan row (the row whose code is ``plan_code``,
    None when the Actions sheet has none) and the groups in sheet order."""
    by_key = {code_key(r.action.code): r for r in rows}
    plan_key = code_key(plan_code) if plan_code else None
    plan_row = by_key.get(plan_key) if plan_key else None
    if plan_row is not None:
        plan_row.action.level = "plan"
    groups: list[PlanItem] = []
    parents: dict[str, str | None] = {}
    for item in rows:
        if item is plan_row:
            continue
        parent = _parent_key(item, plan_key)
        if parent is not None and parent != plan_key and parent not in by_key:
            shown = item.action.parent_code or parent
            guess = nearest(shown, [r.action.code for r in rows if r is not item])
            hint = f"; did you mean {guess}?" if guess else ""
            issues.error(
                "unknown-parent",
                f"{item.action.code}'s parent {shown} is not a code in the Actions sheet{hint}",
                item.parent_location if item.action.parent_code else item.location,
                shown,
            )
            continue
        parents[code_key(item.action.code)] = parent
    for item in rows:
        key = code_key(item.action.code)
        if key not in parents:
            continue
        chain = _ancestors(key, parents, plan_key)
        if chain is None:
            issues.error(
                "parent-loop",
                f"{item.action.code}'s parent codes go round in a circle; check Parent Code",
                item.location,
                item.action.code,
            )
            continue
        if len(chain) == 0:
            item.action.level = "group"
            groups.append(item.action)
        else:
            item.action.level = "action"
            group = by_key[chain[-1]].action
            group.children.append(item.action)
    return (plan_row.action if plan_row else None), groups


def _ancestors(key: str, parents: dict[str, str | None], plan_key: str | None) -> list[str] | None:
    """The codes above ``key`` up to (not including) the plan; None on a loop."""
    chain: list[str] = []
    current = parents.get(key)
    while current is not None and current != plan_key:
        if current in chain or current == key or current not in parents:
            return None if (current in chain or current == key) else chain
        chain.append(current)
        current = parents.get(current)
    return chain


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _resolve(action: PlanItem, schedule: Schedule, issues: IssueList, location: Location) -> None:
    progress = action.progress_given
    if progress is None and action.children:
        progress = _mean([c.progress for c in action.children if c.status is not Status.CANCELLED])
    if progress is None and action.status_given is Status.COMPLETED:
        progress = 100.0
    action.progress = progress
    action.expected_progress = expected_progress(schedule, action.due_date)
    if action.status_given is not None:
        action.status = action.status_given
        problem = contradiction(action.status_given, progress) or overdue_contradiction(
            action.status_given, progress, action.due_date, schedule.period_end
        )
        if problem:
            issues.warning(
                "status-contradiction",
                f"{action.code}: {problem}; the report shows the status as given",
                location,
                action.status_given.value,
            )
    else:
        action.status = derive_status(progress, action.due_date, bool(action.update), schedule)


def resolve_plan(
    plan: PlanItem,
    groups: list[PlanItem],
    schedule: Schedule,
    locations: dict[str, Location],
    issues: IssueList,
) -> None:
    """Roll progress up and derive statuses, bottom-up: actions, groups, the plan."""

    def where(a: PlanItem) -> Location:
        return locations.get(code_key(a.code), Location(""))

    for group in groups:
        for action in group.children:
            _resolve(action, schedule, issues, where(action))
        _resolve(group, schedule, issues, where(group))
    plan.children = groups
    _resolve(plan, schedule, issues, where(plan))


def _section_name(group: PlanItem) -> str:
    for candidate in (group.section, *(c.section for c in group.children)):
        if candidate:
            return candidate
    letters = "".join(ch for ch in group.code if ch.isalpha()).upper()
    return SECTION_BY_PREFIX.get(letters, "Actions")


def group_sections(groups: list[PlanItem]) -> list[tuple[str, list[PlanItem]]]:
    """Groups by section name, sections in order of first appearance; a group's outcome defaults
    to its first action's outcome."""
    sections: dict[str, tuple[str, list[PlanItem]]] = {}
    for group in groups:
        if not group.outcome:
            group.outcome = next((c.outcome for c in group.children if c.outcome), None)
        name = _section_name(group)
        sections.setdefault(name.lower(), (name, []))[1].append(group)
    return list(sections.values())
