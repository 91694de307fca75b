"""What changed in a plan between two reporting periods: the facts, before and after.

:func:`compare` takes the records of the last period on record and of this one and lists, for
the actions below the groups (as the committee reads them):

* **completed**: Completed now, not before;
* **newly overdue**: in the Overdue family now (Overdue, Neglected), not before;
* **cancelled**: Cancelled now, not before;
* **status changed**: any other change of status;
* **progress moved**: a different progress, with the points moved;
* **due dates moved**;
* **new**: in the plan now, not before; **withdrawn**: in the plan before, not now;

and, for the indicators, each whose status against target changed (``crossed`` when it met its
target before and not now, or the other way round). The wording is the documents' business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen.rules.status import StatusFamily
from reportgen.schema.history import ActionRecord, MeasureRecord, PeriodRecord

ON_TARGET = "On target"


@dataclass(frozen=True)
class ActionChange:
    """One action before and after (a side is None for a new or withdrawn action)."""

    code: str
    title: str
    before: ActionRecord | None
    after: ActionRecord | None

    @property
    def progress_points(self) -> float | None:
        """Percentage points progress moved (+13.0), or None when either side has none."""
        if self.before is None or self.after is None:
            return None
        if self.before.progress is None or self.after.progress is None:
            return None
        return self.after.progress - self.before.progress

    def to_dict(self) -> dict[str, Any]:
        def side(record: ActionRecord | None) -> dict[str, Any] | None:
            if record is None:
                return None
            due = record.due_date.isoformat() if record.due_date else None
            return {"status": record.status.value, "progress": record.progress, "due_date": due}

        return {
            "code": self.code,
            "title": self.title,
            "before": side(self.before),
            "after": side(self.after),
        }


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator whose status against target changed; ``crossed`` when it moved over its
    target (on target before and not now, or now and not before)."""

    code: str
    title: str
    before: MeasureRecord
    after: MeasureRecord

    @property
    def crossed(self) -> bool:
        return (self.before.status == ON_TARGET) != (self.after.status == ON_TARGET)

    def to_dict(self) -> dict[str, Any]:
        keep = ("value", "value_period", "status", "target")
        return {
            "code": self.code,
            "title": self.title,
            "crossed_target": self.crossed,
            "before": {k: v for k, v in self.before.model_dump().items() if k in keep},
            "after": {k: v for k, v in self.after.model_dump().items() if k in keep},
        }


@dataclass
class PlanChanges:
    """What changed in one plan since the last period on record."""

    plan_title: str
    source: str
    since: str  # the last period on record: "Q2 2022/23"
    period: str  # this period: "Q3 2022/23"
    progress_before: float | None
    progress_after: float | None
    completed: list[ActionChange] = field(default_factory=list)
    newly_overdue: list[ActionChange] = field(default_factory=list)
    cancelled: list[ActionChange] = field(default_factory=list)
    status_changed: list[ActionChange] = field(default_factory=list)
    progress_moved: list[ActionChange] = field(default_factory=list)
    due_dates_moved: list[ActionChange] = field(default_factory=list)
    new: list[ActionChange] = field(default_factory=list)
    withdrawn: list[ActionChange] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)

    ACTION_LISTS = (
        "completed",
        "newly_overdue",
        "cancelled",
        "status_changed",
        "progress_moved",
        "due_dates_moved",
        "new",
        "withdrawn",
    )

    @property
    def any(self) -> bool:
        """True when anything changed (overall progress included)."""
        moved = self.progress_before != self.progress_after
        return (
            moved or any(getattr(self, name) for name in self.ACTION_LISTS) or bool(self.indicators)
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "plan_title": self.plan_title,
            "source": self.source,
            "since": self.since,
            "period": self.period,
            "progress": {"before": self.progress_before, "after": self.progress_after},
        }
        for name in self.ACTION_LISTS:
            data[name] = [change.to_dict() for change in getattr(self, name)]
        data["indicators"] = [change.to_dict() for change in self.indicators]
        return data


def _actions(record: PeriodRecord) -> dict[str, ActionRecord]:
    return {"".join(a.code.split()).upper(): a for a in record.actions if a.level == "action"}


def _family(record: ActionRecord) -> StatusFamily:
    return record.status.family


def compare(before: PeriodRecord, after: PeriodRecord) -> PlanChanges:
    """What changed from ``before`` (the last period on record) to ``after`` (this one)."""
    changes = PlanChanges(
        plan_title=after.plan_title,
        source=after.source,
        since=before.period,
        period=after.period,
        progress_before=before.progress,
        progress_after=after.progress,
    )
    earlier, now = _actions(before), _actions(after)
    for key, action in now.items():
        old = earlier.get(key)
        change = ActionChange(action.code, action.title, old, action)
        if old is None:
            changes.new.append(change)
            continue
        _sort_action(changes, change, old, action)
    for key, action in earlier.items():
        if key not in now:
            changes.withdrawn.append(ActionChange(action.code, action.title, action, None))
    earlier_measures = {m.code.upper(): m for m in before.measures}
    for measure in after.measures:
        old_measure = earlier_measures.get(measure.code.upper())
        if old_measure is not None and old_measure.status != measure.status:
            changes.indicators.append(
                IndicatorChange(measure.code, measure.title, old_measure, measure)
            )
    return changes


def _sort_action(
    changes: PlanChanges, change: ActionChange, old: ActionRecord, action: ActionRecord
) -> None:
    """File one action that is in both periods under each list it belongs to."""
    if old.status != action.status:
        family, was = _family(action), _family(old)
        if family is StatusFamily.COMPLETED:
            changes.completed.append(change)
        elif family is StatusFamily.OVERDUE and was is not StatusFamily.OVERDUE:
            changes.newly_overdue.append(change)
        elif family is StatusFamily.CANCELLED:
            changes.cancelled.append(change)
        else:
            changes.status_changed.append(change)
    if _moved(old.progress, action.progress):
        changes.progress_moved.append(change)
    if old.due_date != action.due_date:
        changes.due_dates_moved.append(change)


def _moved(before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return before != after
    return round(before) != round(after)  # as printed: 47% and 47.2% are no move
