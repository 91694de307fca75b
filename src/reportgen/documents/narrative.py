"""The committee report's Performance paragraphs, written from a resolved plan.

Pure functions: a :class:`ServicePlan` in, plain sentences out, each correct for zero, one and
many ("no actions are overdue", "one action is overdue", "two actions are overdue"). Numbers up
to nine are written as words, as the council's reports do; larger ones as figures.

What counts as what (the families of :mod:`reportgen.rules.status`, over the actions below the
groups): **completed** Completed; **on track** the In progress family (Not Started, In
Progress, Assigned); **behind schedule** the Check progress family (Check Progress,
Unassigned); **overdue** Overdue and Neglected; **cancelled** Cancelled. Indicators are judged
by :attr:`Measure.status` (on target, within tolerance, off target).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.rules.formats import percent, uk_date
from reportgen.rules.indicators import MeasureStatus
from reportgen.rules.status import StatusFamily
from reportgen.schema.measures import Measure
from reportgen.schema.service import Action, ServicePlan

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Statement:
    """A paragraph of the Performance section: a sentence and, when it introduces a list,
    the list's items (one line each, such as "STRAT1.1 Kinship care (47% complete)")."""

    text: str
    items: tuple[str, ...] = ()


def number_word(count: int) -> str:
    """``no``, ``one`` … ``nine``, then figures: ``10``, ``1,234``."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else f"{count:,}"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``no actions``, ``one action``, ``two actions``, ``12 actions``."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{number_word(count)} {noun}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb agreeing with ``count``: ``is``/``are``, ``has``/``have``."""
    return singular if count == 1 else plural


def join_words(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def all_of(count: int) -> str:
    """``Both`` for two, ``All three``, ``All 12`` for more (for a count of two or more)."""
    return "Both" if count == 2 else f"All {number_word(count)}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def period_label(plan: ServicePlan) -> str:
    """``Q2 2022/23``, or the period end as ``30 September 2022``."""
    if plan.period is not None:
        return plan.period.label
    return uk_date(plan.period_end, "long")


# --- actions -------------------------------------------------------------------------------

# (family, verb phrase for one, for many), in the order a performance officer reads them out
ACTION_CATEGORIES: tuple[tuple[StatusFamily, str, str], ...] = (
    (StatusFamily.COMPLETED, "is completed", "are completed"),
    (StatusFamily.IN_PROGRESS, "is on track", "are on track"),
    (StatusFamily.CHECK_PROGRESS, "is behind schedule", "are behind schedule"),
    (StatusFamily.OVERDUE, "is overdue", "are overdue"),
    (StatusFamily.CANCELLED, "has been cancelled", "have been cancelled"),
)


def family_counts(actions: Sequence[Action]) -> dict[StatusFamily, int]:
    """How many actions are in each status family (every family present, zero included)."""
    counts = dict.fromkeys(StatusFamily, 0)
    for action in actions:
        counts[action.status_family] += 1
    return counts


def plan_progress_sentence(plan: ServicePlan) -> str:
    """Overall plan progress at the period end, with the share of the plan period elapsed."""
    when = period_label(plan)
    title = plan.details.plan_title
    progress = plan.plan.progress
    if progress is None:
        return f"No progress has been recorded against the {title} at the end of {when}."
    sentence = f"At the end of {when}, overall progress on the {title} is {percent(progress)}"
    expected = plan.plan.expected_progress
    if expected is not None:
        sentence += f", with {percent(expected)} of the plan period elapsed"
    return sentence + "."


def action_summary_sentence(actions: Sequence[Action]) -> str:
    """How many actions are completed, on track, behind schedule, overdue and cancelled."""
    total = len(actions)
    if total == 0:
        return "The plan has no actions yet."
    counts = family_counts(actions)
    present = [(family, one, many) for family, one, many in ACTION_CATEGORIES if counts[family]]
    if len(present) == 1:
        _, one, many = present[0]
        if total == 1:
            return f"The plan's one action {one}."
        return f"{all_of(total)} actions in the plan {many}."
    parts = [
        f"{number_word(counts[family])} {verb(counts[family], one, many)}"
        for family, one, many in present
    ]
    return f"Of the {counted(total, 'action')} in the plan, {join_words(parts)}."


def _action_item(action: Action, due: bool = False) -> str:
    notes = []
    if due and action.due_date is not None:
        notes.append(f"due {uk_date(action.due_date)}")
    if action.progress is not None:
        notes.append(f"{percent(action.progress)} complete")
    suffix = f" ({', '.join(notes)})" if notes else ""
    return f"{action.code} {action.title}{suffix}"


def _listed(actions: Sequence[Action], one: str, many: str, due: bool = False) -> Statement:
    if not actions:
        return Statement(f"No actions {many}.")
    phrase = verb(len(actions), one, many)
    return Statement(
        f"{capitalise(counted(len(actions), 'action'))} {phrase}:",
        tuple(_action_item(a, due) for a in actions),
    )


def behind_statement(actions: Sequence[Action]) -> Statement:
    """Which actions are behind schedule (code, title and progress)."""
    behind = [a for a in actions if a.status_family is StatusFamily.CHECK_PROGRESS]
    return _listed(behind, "is behind schedule", "are behind schedule")


def overdue_statement(actions: Sequence[Action]) -> Statement:
    """Which actions are overdue (code, title, due date and progress)."""
    overdue = [a for a in actions if a.status_family is StatusFamily.OVERDUE]
    return _listed(overdue, "is overdue", "are overdue", due=True)


# --- indicators ----------------------------------------------------------------------------

INDICATOR_CATEGORIES: tuple[tuple[MeasureStatus, str], ...] = (
    (MeasureStatus.ON_TARGET, "on target"),
    (MeasureStatus.WITHIN_TOLERANCE, "within tolerance"),
    (MeasureStatus.OFF_TARGET, "off target"),
)


def _indicator_item(measure: Measure) -> str:
    latest = measure.latest
    if latest is None:
        return f"{measure.code} {measure.title}"
    value = measure.format(latest.value)
    return (
        f"{measure.code} {measure.title}: {value} in {latest.period.label} "
        f"against a target of {measure.target_label}"
    )


def indicator_statements(measures: Sequence[Measure] | None) -> list[Statement]:
    """How the indicators stand against target, and which are off target.

    ``None`` (no Measures sheet) and an empty list both say no indicators are reported.
    """
    if not measures:
        return [Statement("No performance indicators are reported with this return.")]
    judged = [m for m in measures if m.status.judged]
    if not judged:
        return [
            Statement(
                f"None of the {counted(len(measures), 'performance indicator')} reported has "
                "both a target and a latest value to compare with it."
            )
        ]
    counts = {status: sum(m.status is status for m in judged) for status, _ in INDICATOR_CATEGORIES}
    parts = [
        f"{number_word(counts[status])} {verb(counts[status], 'is', 'are')} {label}"
        for status, label in INDICATOR_CATEGORIES
        if counts[status]
    ]
    if len(parts) == 1:
        label = next(label for status, label in INDICATOR_CATEGORIES if counts[status])
        if len(judged) == 1:
            summary = f"The one indicator measured against a target is {label}."
        else:
            summary = f"{all_of(len(judged))} indicators measured against a target are {label}."
    else:
        summary = (
            f"Of the {counted(len(judged), 'indicator')} measured against a target, "
            f"{join_words(parts)}."
        )
    off = [m for m in judged if m.status is MeasureStatus.OFF_TARGET]
    if not off:
        detail = Statement("No indicators are off target.")
    else:
        detail = Statement(
            f"{capitalise(counted(len(off), 'indicator'))} {verb(len(off), 'is', 'are')} "
            "off target:",
            tuple(_indicator_item(m) for m in off),
        )
    return [Statement(summary), detail]


def performance_statements(plan: ServicePlan) -> list[Statement]:
    """The Performance section, paragraph by paragraph: plan progress and action counts,
    actions behind schedule, actions overdue, then indicators against target."""
    actions = plan.actions
    opening = f"{plan_progress_sentence(plan)} {action_summary_sentence(actions)}"
    return [
        Statement(opening),
        behind_statement(actions),
        overdue_statement(actions),
        *indicator_statements(plan.measures),
    ]
