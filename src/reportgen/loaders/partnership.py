"""From a partnership plan workbook to a checked :class:`PartnershipPlan`, every problem found.

Rules (for the people who fill the sheet):

* **Grouping.** LOIP Priority, Partnership Strategy and Lead Officer cells left blank or merged
  take the value from above. A priority's first row must give its key actions and LOIP outcome;
  a later row may leave them blank to add another progress measure to the row above.
* **Completion Target** is kept as typed (``2020-23``, ``2021-2026``, ``March 2023``,
  ``Ongoing``). A range whose years run backwards is an error; text with no year, which nobody
  can check, is a warning.
* **Summary.** The optional Summary sheet gives the summary table; without it, the summary is
  drawn from the plan: each priority's CPP focuses (the heading lines of LOIP Outcome) with their
  bullet points.
"""

from __future__ import annotations

import re

from reportgen.errors import IssueList, Location
from reportgen.kinds import Settings
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import (
    Row,
    read_field_sheet,
    read_sheet,
)
from reportgen.readers.workbook import Workbook
from reportgen.rules.periods import PlanPeriod
from reportgen.rules.text import bullet_text, split_lines
from reportgen.schema.partnership import (
    DEFAULT_TITLE,
    PARTNERSHIP_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    ROW_FIELDS,
    SUMMARY_FIELDS,
    SUMMARY_SHEET,
    PartnershipDetails,
    PartnershipPlan,
    PlanRow,
    SummaryRow,
)

_RANGE = re.compile(r"^\s*\d{4}\s*[-–/]\s*\d{2,4}\s*$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
OPEN_ENDED_TARGETS = ("ongoing", "annual", "annually", "quarterly", "monthly", "continuous")


def _lines(text: str | None) -> list[str]:
    """The lines of a list cell, bullet marks dropped."""
    return [bullet_text(line) or line for line in split_lines(text)]


def read_details(workbook: Workbook, issues: IssueList) -> PartnershipDetails:
    """The optional Plan sheet: title, theme, key principles, related strategies."""
    cells = read_field_sheet(workbook, PLAN_SHEET, PLAN_FIELDS, issues)
    if cells is None:
        return PartnershipDetails()
    read = CellReader(issues)
    period = read.with_parser(cells.get("plan_period"), "bad-period", PlanPeriod.parse)
    return PartnershipDetails(
        organisation=read.text(cells.get("organisation")),
        partnership=read.text(cells.get("partnership")),
        area=read.text(cells.get("area")),
        plan_title=read.text(cells.get("plan_title")) or DEFAULT_TITLE,
        theme=read.text(cells.get("theme")),
        plan_period=period.hyphenated if period else None,
        key_principles=_lines(read.text(cells.get("key_principles"))),
        related_strategies=_lines(read.text(cells.get("related_strategies"))),
        indicators=read.text(cells.get("indicators")),
    )


def check_target(text: str | None, location: Location, issues: IssueList) -> None:
    """A completion target is a span of years, a month and year, or an open-ended word."""
    if not text:
        return
    if _RANGE.match(text):
        try:
            PlanPeriod.parse(text)
        except ValueError:
            issues.error(
                "bad-target",
                f"'{text}' is not a span of years; expected first and last years such as '2020-23'",
                location,
                text,
            )
        return
    lowered = text.lower()
    if not _YEAR.search(text) and not any(word in lowered for word in OPEN_ENDED_TARGETS):
        issues.warning(
            "unclear-target",
            f"'{text}' gives no year; a completion target such as '2020-23' or 'March 2023' "
            "lets the partnership check it (it is printed as typed)",
            location,
            text,
        )


def _check_block_start(row: Row, item: PlanRow, issues: IssueList) -> None:
    """The first row of a priority gives its key actions, outcome and lead."""
    short = item.priority if len(item.priority) <= 60 else item.priority[:57] + "…"
    if not item.key_actions:
        issues.error(
            "missing-key-actions",
            f"the first row under the priority '{short}' has no Key Actions",
            row["key_actions"].location,
        )
    if not item.outcome:
        issues.error(
            "missing-outcome",
            f"the first row under the priority '{short}' has no LOIP Outcome",
            row["outcome"].location,
        )
    lead = row["lead"]
    if lead is None:
        return
    if lead.blank:
        issues.warning(
            "missing-lead",
            f"no Lead Officer is given for the priority '{short}'",
            lead.location,
        )
    elif lead.filled_from is not None:
        source = lead.location
        issues.warning(
            "missing-lead",
            f"no Lead Officer is given for the priority '{short}'; the lead in {source.ref}, "
            "under the priority above, is carried down",
            Location(source.file, source.sheet, lead.filled_from, source.heading),
            lead.value,
        )


def _read_row(row: Row, read: CellReader, issues: IssueList) -> PlanRow | None:
    priority = read.text(row["priority"])
    if not priority:
        issues.error(
            "missing-priority",
            "the row has no LOIP Priority and there is none above it to carry down; type the "
            "priority in the first row of its block",
            row["priority"].location,
        )
        return None
    item = PlanRow(
        priority=priority,
        key_actions=read.text(row["key_actions"]),
        outcome=read.text(row["outcome"]),
        progress_measures=read.text(row["progress_measures"]),
        completion_target=read.text(row["completion_target"]),
        strategy=read.text(row["strategy"]),
        lead=read.text(row["lead"]),
        row=row.number,
    )
    if not (item.key_actions or item.outcome or item.progress_measures):
        issues.warning(
            "empty-row",
            "the row has no Key Actions, LOIP Outcome or Progress Measures, so it shows nothing "
            "new; fill it in or delete it",
            row["key_actions"].location,
        )
    target = row["completion_target"]
    if target is not None:
        check_target(item.completion_target, target.location, issues)
    return item


def read_rows(workbook: Workbook, issues: IssueList) -> tuple[list[PlanRow], dict[str, str]] | None:
    """The Partnership Plan sheet's rows, checked, and its headings as typed; None when its
    headings are missing. A heading row repeated further down starts a table of its own: the
    row under it carries that row's wording (``PlanRow.headings``)."""
    table = read_sheet(workbook, PARTNERSHIP_SHEET, ROW_FIELDS, issues, tables=True)
    if table is None or not table.found:
        return None
    read = CellReader(issues)
    rows: list[PlanRow] = []
    previous: str | None = None
    last_row = table.heading_row or 0
    for row in table.rows:
        item = _read_row(row, read, issues)
        if item is None:
            continue
        between = [n for n in table.heading_rows if last_row < n < row.number]
        if between:
            item.headings = table.heading_rows[max(between)]
        last_row = row.number
        if item.priority != previous:
            _check_block_start(row, item, issues)
        previous = item.priority
        rows.append(item)
    if not rows and not issues.has_errors:
        issues.error(
            "no-rows",
            "the Partnership Plan sheet has no rows under its headings",
            Location(workbook.name, table.sheet),
        )
    return rows, table.headings


def read_summary(workbook: Workbook, issues: IssueList) -> list[SummaryRow] | None:
    """The optional Summary sheet (Outcome | CPP Focus | Milestones); None when absent or left
    blank (only its headings)."""
    table = read_sheet(workbook, SUMMARY_SHEET, SUMMARY_FIELDS, issues)
    if table is None or not table.rows:
        return None
    read = CellReader(issues)
    summary: list[SummaryRow] = []
    for row in table.rows:
        outcome = read.text(row["outcome"])
        focus = read.text(row["focus"])
        milestones = read.text(row["milestones"])
        if not outcome:
            issues.error(
                "missing-outcome",
                "the row has no Outcome and there is none above it to carry down",
                row["outcome"].location,
            )
            continue
        if not focus:
            issues.error(
                "missing-focus",
                "the row has no CPP Focus (the end result wanted)",
                row["focus"].location,
                milestones,
            )
            continue
        if not milestones and row["milestones"] is not None:
            issues.warning(
                "missing-milestones",
                f"the CPP focus '{focus[:60]}' has no milestones (how we will know we are making "
                "progress)",
                row["milestones"].location,
            )
        summary.append(SummaryRow(outcome=outcome, focus=focus, milestones=milestones))
    return summary


def derive_summary(rows: list[PlanRow]) -> list[SummaryRow]:
    """The summary drawn from the plan: per priority, each CPP focus in order of first mention,
    its milestones the bullet points of its LOIP outcomes (each once)."""
    found: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if not row.focus:
            continue
        points = found.setdefault((row.priority, row.focus), [])
        for line in _lines(row.outcome_points):
            if line not in points:
                points.append(line)
    return [
        SummaryRow(
            outcome=priority,
            focus=focus,
            milestones="\n".join(f"• {p}" for p in points) or None,
        )
        for (priority, focus), points in found.items()
    ]


def load_partnership_model(
    workbook: Workbook, settings: Settings, issues: IssueList
) -> PartnershipPlan | None:
    """The loader registered for partnership workbooks (see :mod:`reportgen.kinds`): the plan,
    or None when any problem found is an error."""
    details = read_details(workbook, issues)
    read = read_rows(workbook, issues)
    summary = read_summary(workbook, issues)
    if read is None or issues.has_errors:
        return None
    rows, headings = read
    return PartnershipPlan(
        source=workbook.name,
        details=details,
        rows=rows,
        headings=headings,
        summary=summary if summary is not None else derive_summary(rows),
        summary_given=summary is not None,
    )
