"""Action status vocabulary, icon families and the rule that derives a status left blank.

The vocabulary and families come from the council's report legend:

========================  =====================================
family                    statuses
========================  =====================================
Completed                 Completed
In progress               Not Started, In Progress, Assigned
Check progress            Unassigned, Check Progress
Overdue                   Overdue, Neglected
Cancelled                 Cancelled
========================  =====================================

Derivation, when a return leaves the status blank (first rule that applies wins):

1. **Completed** when progress is 100 %.
2. **Overdue** when the due date is before the period end and progress is under 100 %.
3. **Check Progress** when progress is more than ``behind_threshold`` percentage points
   (default 20) behind the share of time elapsed between the plan start and the due date at the
   period end. With a plan of April 2020 to March 2023 reported at September 2022, 83 % of the
   time has passed, so an action under 63 % is flagged: in the council's own Q2 2022/23 report
   this flags STRAT1.1 (47 %) and not STRAT1.3 (66 %), as its officers did.
4. **Not Started** when progress is 0 % (or blank) and there is no update.
5. **In Progress** otherwise.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from dataclasses import dataclass

DEFAULT_BEHIND_THRESHOLD = 20.0


class StatusFamily(enum.StrEnum):
    """The five icon families of the report legend, in legend order."""

    CANCELLED = "Cancelled"
    OVERDUE = "Overdue"
    CHECK_PROGRESS = "Check progress"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


class Status(enum.StrEnum):
    """An action's status, in the council's vocabulary."""

    NOT_STARTED = "Not Started"
    IN_PROGRESS = "In Progress"
    ASSIGNED = "Assigned"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"
    OVERDUE = "Overdue"
    NEGLECTED = "Neglected"
    UNASSIGNED = "Unassigned"
    CHECK_PROGRESS = "Check Progress"

    @property
    def family(self) -> StatusFamily:
        return STATUS_FAMILIES[self]


STATUS_FAMILIES: dict[Status, StatusFamily] = {
    Status.COMPLETED: StatusFamily.COMPLETED,
    Status.NOT_STARTED: StatusFamily.IN_PROGRESS,
    Status.IN_PROGRESS: StatusFamily.IN_PROGRESS,
    Status.ASSIGNED: StatusFamily.IN_PROGRESS,
    Status.UNASSIGNED: StatusFamily.CHECK_PROGRESS,
    Status.CHECK_PROGRESS: StatusFamily.CHECK_PROGRESS,
    Status.OVERDUE: StatusFamily.OVERDUE,
    Status.NEGLECTED: StatusFamily.OVERDUE,
    Status.CANCELLED: StatusFamily.CANCELLED,
}

FAMILY_MEMBERS: dict[StatusFamily, list[Status]] = {
    family: [s for s in Status if STATUS_FAMILIES[s] is family] for family in StatusFamily
}

# Words staff type for a status, beyond the vocabulary itself (compared lower-case, spaces folded).
STATUS_ALIASES: dict[str, Status] = {
    "complete": Status.COMPLETED,
    "done": Status.COMPLETED,
    "finished": Status.COMPLETED,
    "achieved": Status.COMPLETED,
    "on track": Status.IN_PROGRESS,
    "on target": Status.IN_PROGRESS,
    "ongoing": Status.IN_PROGRESS,
    "started": Status.IN_PROGRESS,
    "in hand": Status.IN_PROGRESS,
    "not yet started": Status.NOT_STARTED,
    "behind": Status.CHECK_PROGRESS,
    "behind schedule": Status.CHECK_PROGRESS,
    "at risk": Status.CHECK_PROGRESS,
    "late": Status.OVERDUE,
    "canceled": Status.CANCELLED,
    "withdrawn": Status.CANCELLED,
}


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower().rstrip(".")


_LOOKUP: dict[str, Status] = {_key(s.value): s for s in Status} | STATUS_ALIASES


def parse_status(text: str) -> Status:
    """The status named by ``text`` (any case, aliases allowed).

    Raises ValueError whose message suggests the nearest status when there is one.
    """
    key = _key(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    vocabulary = [s.value for s in Status]
    nearest = difflib.get_close_matches(key, list(_LOOKUP), n=1, cutoff=0.6)
    hint = f"; did you mean '{_LOOKUP[nearest[0]].value}'?" if nearest else ""
    raise ValueError(f"'{text}' is not a status{hint} (expected one of: {', '.join(vocabulary)})")


@dataclass(frozen=True, slots=True)
class Schedule:
    """What the derivation needs to know about time: the period end and the plan start."""

    period_end: dt.date
    plan_start: dt.date | None = None
    behind_threshold: float = DEFAULT_BEHIND_THRESHOLD


def expected_progress(schedule: Schedule, due: dt.date | None) -> float | None:
    """The share of time (0–100) elapsed between plan start and ``due`` at the period end."""
    if due is None or schedule.plan_start is None or due <= schedule.plan_start:
        return None
    total = (due - schedule.plan_start).days
    elapsed = (schedule.period_end - schedule.plan_start).days
    return max(0.0, min(100.0, 100.0 * elapsed / total))


def is_behind(progress: float | None, due: dt.date | None, schedule: Schedule) -> bool:
    """True when progress trails the expected stage by more than the threshold."""
    expected = expected_progress(schedule, due)
    if expected is None or progress is None:
        return False
    return progress < expected - schedule.behind_threshold


def derive_status(
    progress: float | None, due: dt.date | None, has_update: bool, schedule: Schedule
) -> Status:
    """The status of an action whose return leaves it blank (rules in the module docstring)."""
    if progress is not None and progress >= 100:
        return Status.COMPLETED
    if due is not None and due < schedule.period_end:
        return Status.OVERDUE
    if is_behind(progress, due, schedule):
        return Status.CHECK_PROGRESS
    if not progress and not has_update:
        return Status.NOT_STARTED
    return Status.IN_PROGRESS


def contradiction(status: Status, progress: float | None) -> str | None:
    """Why a status staff gave disagrees with the progress they gave, or None."""
    if progress is None:
        return None
    if status is Status.COMPLETED and progress < 100:
        return f"the status is Completed but progress is {progress:g}%"
    if status is Status.NOT_STARTED and progress > 0:
        return f"the status is Not Started but progress is {progress:g}%"
    if progress >= 100 and status.family in (StatusFamily.IN_PROGRESS, StatusFamily.OVERDUE):
        return f"progress is 100% but the status is {status.value}"
    return None


def overdue_contradiction(
    status: Status, progress: float | None, due: dt.date | None, period_end: dt.date
) -> str | None:
    """Why a status staff gave disagrees with the due date, or None: an action due before the
    period end and not complete is overdue, yet was given a status that says it is on its way
    (In Progress, Check Progress and the like)."""
    if due is None or due >= period_end or (progress is not None and progress >= 100):
        return None
    if status.family not in (StatusFamily.IN_PROGRESS, StatusFamily.CHECK_PROGRESS):
        return None
    return (
        f"it was due {due:%d-%b-%Y}, before the period end {period_end:%d-%b-%Y}, and is not "
        f"complete, but the status is {status.value}; give the new due date if one was agreed, "
        "or the status Overdue"
    )
