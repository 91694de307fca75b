"""Changes since the last report: the document, and the sentences the committee report and
``reportgen changes`` print.

The facts come from :func:`reportgen.history.changes.compare` (this period against the last one
on record in the history); this module words them. Each kind of change is a numbered section of
the document, a table of the actions (or indicators) with their values before and after, and a
sentence with its list in the committee report ("Two actions have been completed: …").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportgen.documents.narrative import Statement, capitalise, counted, verb
from reportgen.history.changes import ActionChange, IndicatorChange, PlanChanges, compare
from reportgen.history.records import record_of
from reportgen.kinds import DocumentProperties
from reportgen.rules.formats import percent, uk_date
from reportgen.rules.indicators import format_value
from reportgen.schema.history import ActionRecord, MeasureRecord
from reportgen.schema.service import ServicePlan

NO_HISTORY = (
    "no earlier period of this plan is on record in the history folder, so there is nothing to "
    "compare with yet (each build keeps its period's figures there)"
)


NOT_ON_RECORD = "no earlier period on record"


def plan_changes(plan: ServicePlan) -> PlanChanges | None:
    """What changed since the last period on record, or None when there is none."""
    record = record_of(plan)
    if record is None or not plan.history:
        return None
    return compare(plan.history[-1], record)


# --- the values before and after, as printed ------------------------------------------------


def _state(record: ActionRecord | None) -> str:
    """ "In Progress, 47%" (a status and its progress)."""
    if record is None:
        return "–"
    shown = percent(record.progress)
    return f"{record.status.value}, {shown}" if shown else record.status.value


def _points(change: ActionChange) -> str:
    points = change.progress_points
    if points is None or round(points) == 0:
        return ""
    return f"{'up' if points > 0 else 'down'} {abs(round(points))} points"


def _due(record: ActionRecord | None) -> str:
    return uk_date(record.due_date) if record and record.due_date else "none"


def _reading(record: MeasureRecord) -> str:
    """ "41.8% in Q3 2022/23, Off target" (or "no data, No data")."""
    if record.value is None:
        return record.status
    return f"{format_value(record.value, record.unit)} in {record.value_period}, {record.status}"


def _target_note(change: IndicatorChange) -> str:
    target = change.after.target or change.before.target
    if not change.crossed or not target:
        return ""
    if change.after.status == "On target":
        return f"now meets its target of {target}"
    return f"no longer meets its target of {target}"


Values = Callable[[ActionChange], tuple[str, str, str]]


def _status_values(change: ActionChange) -> tuple[str, str, str]:
    return _state(change.before), _state(change.after), _points(change)


def _progress_values(change: ActionChange) -> tuple[str, str, str]:
    before = percent(change.before.progress if change.before else None) or "none"
    after = percent(change.after.progress if change.after else None) or "none"
    return before, after, _points(change)


def _due_values(change: ActionChange) -> tuple[str, str, str]:
    before = change.before.due_date if change.before else None
    after = change.after.due_date if change.after else None
    note = ""
    if before and after:
        months = (after.year - before.year) * 12 + after.month - before.month
        if months:
            note = f"{counted(abs(months), 'month')} {'later' if months > 0 else 'earlier'}"
    return _due(change.before), _due(change.after), note


def _overdue_values(change: ActionChange) -> tuple[str, str, str]:
    return _state(change.before), _state(change.after), f"due {_due(change.after)}"


@dataclass(frozen=True)
class Kind:
    """A kind of change: the list it is in, its heading, and how it is said."""

    name: str
    heading: str
    one: str  # "has been completed"
    many: str  # "have been completed"
    values: Values = _status_values
    subject: str = "action"  # "other action" for the status changes after the named ones
    sentence: str = "{count} {verb}:"  # how the list is introduced

    def introduce(self, count: int) -> str:
        """ "Two actions have been completed:" """
        said = self.sentence.format(
            count=counted(count, self.subject), verb=verb(count, self.one, self.many)
        )
        return capitalise(said)


KINDS: tuple[Kind, ...] = (
    Kind("completed", "Actions completed", "has been completed", "have been completed"),
    Kind("newly_overdue", "Actions newly overdue", "has become overdue", "have become overdue",
         _overdue_values),
    Kind("cancelled", "Actions cancelled", "has been cancelled", "have been cancelled"),
    Kind(
        "status_changed",
        "Other changes of status",
        "changed status",
        "changed status",
        subject="other action",
    ),
    Kind("progress_moved", "Progress", "", "", _progress_values,
         sentence="Progress changed on {count}:"),
    Kind("due_dates_moved", "Due dates moved", "has a new due date", "have new due dates",
         _due_values),
    Kind("new", "New actions", "is new to the plan", "are new to the plan"),
    Kind("withdrawn", "Actions withdrawn", "is no longer in the plan", "are no longer in the plan"),
)  # fmt: skip


def item_text(code: str, title: str, before: str, after: str, note: str) -> str:
    """ "STRAT1.1 Kinship care: from 47% to 60% (up 13 points)"."""
    if before == "–":
        moved = f"{after}"
    elif after == "–":
        moved = f"was {before}"
    else:
        moved = f"from {before} to {after}"
    return f"{code} {title.rstrip('.')}: {moved}" + (f" ({note})" if note else "")


def overall_sentence(changes: PlanChanges) -> str:
    """How overall plan progress moved since the last report."""
    since = f"Since the last report ({changes.since}), overall progress on the {changes.plan_title}"
    before, after = changes.progress_before, changes.progress_after
    if before is None or after is None:
        return f"{since} cannot be compared."
    if round(before) == round(after):
        return f"{since} is unchanged at {percent(after)}."
    points = round(after - before)
    moved = f"{'up' if points > 0 else 'down'} {abs(points)} points"
    return f"{since} has moved from {percent(before)} to {percent(after)} ({moved})."


def change_statements(changes: PlanChanges) -> list[Statement]:
    """The paragraphs of "Changes since the last report": the overall sentence, then one per
    kind of change that happened, each with its list of actions or indicators and their values
    before and after."""
    statements = [Statement(overall_sentence(changes))]
    for kind in KINDS:
        found: Sequence[ActionChange] = getattr(changes, kind.name)
        if not found:
            continue
        items = tuple(item_text(c.code, c.title, *kind.values(c)) for c in found)
        statements.append(Statement(kind.introduce(len(found)), items))
    if changes.indicators:
        count = len(changes.indicators)
        text = (
            f"{capitalise(counted(count, 'indicator'))} "
            f"{verb(count, 'has', 'have')} changed status against target:"
        )
        items = tuple(
            item_text(c.code, c.title, _reading(c.before), _reading(c.after), _target_note(c))
            for c in changes.indicators
        )
        statements.append(Statement(text, items))
    if len(statements) == 1:
        nothing = "No action or indicator changed status, progress or due date since"
        statements.append(Statement(f"{nothing} {changes.since}."))
    return statements


# --- the document ---------------------------------------------------------------------------


@dataclass
class ChangeRow:
    """A row of a changes table.

    code: "STRAT1.1"; title: the action or indicator; before: its value at the last report
    ("In Progress, 47%"; "–" for a new action); after: its value now; change: what the move
    means ("up 13 points", "now meets its target of 40%"; "" when nothing more to say)
    """

    code: str
    title: str
    before: str
    after: str
    change: str


@dataclass
class ChangeSection:
    """A numbered section of the document, one kind of change.

    number: 2; heading: "Actions completed"; item: the first column's heading, "Action" or
    "Indicator"; rows: one per action or indicator (none when nothing of the kind changed);
    none: the sentence printed instead of an empty table
    """

    number: int
    heading: str
    item: str
    rows: list[ChangeRow] = field(default_factory=list)
    none: str = ""


@dataclass
class ChangesInfo:
    """The document's heading and summary.

    title: "Changes since the last report"; subtitle: "<Service>: <Plan Title>";
    period: "Q3 2022/23"; since: "Q2 2022/23"; summary: the overall progress sentence;
    footer: the page footer text
    """

    title: str
    subtitle: str
    period: str
    since: str
    summary: str
    footer: str


def _none(changes: PlanChanges, text: str) -> str:
    return "Nothing to compare with." if changes.since == NOT_ON_RECORD else text


def change_sections(changes: PlanChanges) -> list[ChangeSection]:
    """One section per kind of change (the document's numbered sections, and the web app's
    tables), the indicators last; each with its rows before and after, or its "none"."""
    sections = []
    for number, kind in enumerate(KINDS, start=1):
        found: Sequence[ActionChange] = getattr(changes, kind.name)
        rows = [ChangeRow(c.code, c.title, *kind.values(c)) for c in found]
        none = _none(changes, f"None since {changes.since}.")
        sections.append(ChangeSection(number, kind.heading, "Action", rows, none))
    rows = [
        ChangeRow(c.code, c.title, _reading(c.before), _reading(c.after), _target_note(c))
        for c in changes.indicators
    ]
    none = _none(changes, f"No indicator changed status against target since {changes.since}.")
    number = len(KINDS) + 1
    sections.append(ChangeSection(number, "Indicators against target", "Indicator", rows, none))
    return sections


def _changes(plan: ServicePlan) -> PlanChanges:
    """What changed; with no earlier period on record (a build skips the document then, but
    templates are checked against it), the plan against itself, which says so."""
    found = plan_changes(plan)
    if found is not None:
        return found
    record = record_of(plan)
    if record is None:
        raise ValueError(f"{plan.source} has no reporting period")
    found = compare(record, record)
    found.since = NOT_ON_RECORD
    return found


def skip_reason(plan: ServicePlan) -> str | None:
    """Why this workbook has no changes document: no earlier period on record."""
    return NO_HISTORY if plan_changes(plan) is None else None


def build_context(plan: ServicePlan) -> dict[str, Any]:
    """The context ``changes.docx`` renders: ``report`` (heading and summary) and
    ``sections``, one per kind of change, the indicators last."""
    changes = _changes(plan)
    details = plan.details
    title = "Changes since the last report"
    info = ChangesInfo(
        title=title,
        subtitle=f"{details.service}: {details.plan_title}",
        period=changes.period,
        since=changes.since,
        summary=capitalise(f"{NO_HISTORY}.")
        if changes.since == NOT_ON_RECORD
        else overall_sentence(changes),
        footer=f"{title}, {changes.since} to {changes.period}: {details.service}",
    )
    return {"report": info, "sections": change_sections(changes)}


def properties(plan: ServicePlan) -> DocumentProperties:
    """Title, subject, author and date: the changes from the last period to this one."""
    changes = _changes(plan)
    details = plan.details
    return DocumentProperties(
        title=f"Changes since the last report, {changes.since} to {changes.period}",
        subject=details.plan_title,
        author=details.organisation or details.service,
        keywords=(details.service, changes.period),
        date=plan.period_end,
    )
