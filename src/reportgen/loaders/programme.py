"""From an improvement programme workbook to a checked :class:`Programme`, every problem found.

Rules (for the people who fill the sheet):

* **One row per activity.** Workstream, Ref, Outcome, Who and Measures of Success cells left
  blank or merged take the value from above. A new outcome needs its own Ref; its Measures of
  Success and Who are not carried over from the outcome above (a warning says so).
* **Measures of Success** may be one cell per outcome (merged down its rows, one measure a line)
  or one measure per row: the outcome lists each measure once, in order.
* **When?** is kept as typed ("November 2017", "Ongoing", "Quarterly", "December 2017 and
  ongoing"); an Excel date is shown as its month and year. A When? with neither a year nor a
  word such as Ongoing is a warning, and so is an activity without one (an activity that
  introduces a list, ending with a colon, needs none).
* **Ref** (``1.1``) names one outcome: two outcomes with one Ref is an error.
"""

from __future__ import annotations

import datetime as dt
import re

from reportgen.errors import IssueList, Location
from reportgen.kinds import Settings
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import (
    Row,
    read_field_sheet,
    read_sheet,
)
from reportgen.readers.values import clean_text
from reportgen.readers.workbook import Cell, Workbook
from reportgen.rules.text import bullet_text, split_lines
from reportgen.schema.programme import (
    ACTIVITY_FIELDS,
    DEFAULT_TITLE,
    INTRODUCTION_FIELDS,
    INTRODUCTION_SHEET,
    PROGRAMME_SHEET,
    Activity,
    Introduction,
    Outcome,
    Programme,
    Workstream,
)

_YEAR = re.compile(r"\b(19|20)\d{2}(/\d{2})?\b")
OPEN_ENDED_WHEN = (
    "ongoing",
    "on-going",
    "continuous",
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "termly",
    "annually",
    "annual",
    "yearly",
    "complete",
    "completed",
)


def read_introduction(workbook: Workbook, issues: IssueList) -> Introduction:
    """The optional Introduction sheet (Field | Value)."""
    cells = read_field_sheet(workbook, INTRODUCTION_SHEET, INTRODUCTION_FIELDS, issues)
    if cells is None:
        return Introduction()
    read = CellReader(issues)
    values = {spec.name: read.text(cells.get(spec.name)) for spec in INTRODUCTION_FIELDS}
    values["title"] = values["title"] or DEFAULT_TITLE
    return Introduction(**values)


def when_text(cell: Cell | None) -> str | None:
    """When? as typed; an Excel date as "November 2017" (with the day when the cell shows one
    that is not the 1st)."""
    if cell is None or cell.blank:
        return None
    value = cell.value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        shows_day = "d" in (cell.number_format or "").lower() and value.day != 1
        return f"{value.day} {value:%B %Y}" if shows_day else f"{value:%B %Y}"
    return clean_text(value)


def check_when(activity: Activity, location: Location, issues: IssueList) -> None:
    """An activity says when: a month and year, or a word such as Ongoing or Quarterly."""
    if activity.when is None:
        if not activity.introduction:
            issues.warning(
                "missing-when",
                f"the activity '{_short(activity.text)}' has no When?; give a month and year "
                "such as 'March 2018', or 'Ongoing'",
                location,
            )
        return
    lowered = activity.when.lower()
    if not _YEAR.search(activity.when) and not any(w in lowered for w in OPEN_ENDED_WHEN):
        issues.warning(
            "unclear-when",
            f"'{activity.when}' gives no year; a When? such as 'March 2018', 'Ongoing' or "
            "'Quarterly' can be checked (it is printed as typed)",
            location,
            activity.when,
        )


def _short(text: str, length: int = 60) -> str:
    first = bullet_text(text.split("\n", 1)[0]) or text.split("\n", 1)[0]
    return first if len(first) <= length else first[: length - 1] + "…"


def _own(cell: Cell | None) -> Location | None:
    """Where a cell is, even when its value was carried down from above."""
    if cell is None:
        return None
    if cell.filled_from is None:
        return cell.location
    source = cell.location
    return Location(source.file, source.sheet, cell.filled_from, source.heading)


class _Outline:
    """Builds workstreams and outcomes from rows, in sheet order, checking refs."""

    def __init__(self, issues: IssueList) -> None:
        self.issues = issues
        self.workstreams: list[Workstream] = []
        self.by_ref: dict[str, tuple[Outcome, Location]] = {}
        self.current: Outcome | None = None
        # cells carried down from the outcome above into the current one: not its own
        self.carried: dict[str, Location] = {}

    def workstream(self, name: str | None) -> Workstream:
        for stream in self.workstreams:
            if stream.name == name:
                return stream
        self.workstreams.append(Workstream(name=name))
        return self.workstreams[-1]

    def outcome(self, row: Row, read: CellReader, title: str) -> Outcome | None:
        """The outcome this row belongs to: the current one, or a new one (checked)."""
        ref_cell = row["ref"]
        ref = read.text(ref_cell)
        if self.current is not None and ref == self.current.ref and title == self.current.title:
            return self.current
        where = _own(ref_cell) or _own(row["outcome"])
        if ref is None or (ref_cell is not None and ref_cell.filled_from is not None):
            carried = f"; the row carries down {ref} from the outcome above" if ref else ""
            self.issues.error(
                "missing-ref",
                f"the outcome '{_short(title)}' has no Ref of its own{carried}; give it a "
                "number such as 1.2",
                where,
            )
            return None
        if ref in self.by_ref:
            other, place = self.by_ref[ref]
            self.issues.error(
                "duplicate-ref",
                f"Ref {ref} is used for two outcomes: '{_short(title)}' here and "
                f"'{_short(other.title)}' in {place.ref}; give each outcome its own Ref",
                where,
                ref,
            )
            return None
        self.current = Outcome(ref=ref, title=title)
        self.by_ref[ref] = (self.current, where)
        self.workstream(read.text(row["workstream"])).outcomes.append(self.current)
        self._first_row_cells(row, self.current)
        return self.current

    def _first_row_cells(self, row: Row, outcome: Outcome) -> None:
        """A new outcome's Who? and Measures of Success are its own, not the outcome above's."""
        self.carried = {}
        for name, heading in (("who", "Who?"), ("measures", "Measures of Success")):
            cell = row[name]
            if cell is None:
                continue
            if cell.blank or cell.filled_from is not None:
                carried = "" if cell.blank else "; the one above belongs to another outcome"
                self.issues.warning(
                    f"missing-{name}",
                    f"outcome {outcome.ref} has no {heading}{carried}",
                    _own(cell),
                )
            if cell.filled_from is not None:
                self.carried[name] = cell.location

    def own_text(self, name: str, row: Row, read: CellReader) -> str | None:
        """The row's ``name`` cell, unless it was carried down from the outcome above."""
        cell = row[name]
        if cell is not None and cell.filled_from and cell.location == self.carried.get(name):
            return None
        return read.text(cell)


def _add_row(outline: _Outline, row: Row, read: CellReader, issues: IssueList) -> None:
    title = read.text(row["outcome"])
    if not title:
        issues.error(
            "missing-outcome",
            "the row has no Outcome and there is none above it to carry down",
            row["outcome"].location,
        )
        return
    outcome = outline.outcome(row, read, title)
    if outcome is None:
        return
    for line in split_lines(outline.own_text("measures", row, read)):
        point = bullet_text(line) or line
        if point not in outcome.measures:
            outcome.measures.append(point)
    text = read.text(row["activity"])
    when_cell = row["when"]
    if not text:
        if when_cell is not None and not when_cell.blank:
            issues.warning(
                "when-without-activity",
                f"a When? is given with no Activity in this row of outcome {outcome.ref}",
                when_cell.location,
                when_cell.value,
            )
        return
    activity = Activity(
        text=text,
        when=when_text(when_cell),
        who=outline.own_text("who", row, read),
        row=row.number,
    )
    check_when(activity, when_cell.location if when_cell else row["activity"].location, issues)
    outcome.activities.append(activity)


def read_programme(workbook: Workbook, issues: IssueList) -> list[Workstream] | None:
    """The Programme sheet's workstreams and outcomes; None when its headings are missing."""
    table = read_sheet(workbook, PROGRAMME_SHEET, ACTIVITY_FIELDS, issues)
    if table is None or not table.found:
        return None
    read = CellReader(issues)
    outline = _Outline(issues)
    for row in table.rows:
        _add_row(outline, row, read, issues)
    for outcome in (o for w in outline.workstreams for o in w.outcomes):
        if not outcome.activities:
            where = outline.by_ref[outcome.ref][1]
            issues.warning("no-activities", f"outcome {outcome.ref} has no activities", where)
    if not outline.workstreams and not issues.has_errors:
        where = Location(workbook.name, table.sheet)
        issues.error("no-rows", "the Programme sheet has no rows under its headings", where)
    return outline.workstreams


def load_programme_model(
    workbook: Workbook, settings: Settings, issues: IssueList
) -> Programme | None:
    """The loader registered for improvement programme workbooks (see :mod:`reportgen.kinds`):
    the programme, or None when any problem found is an error."""
    introduction = read_introduction(workbook, issues)
    workstreams = read_programme(workbook, issues)
    if workstreams is None or issues.has_errors:
        return None
    return Programme(source=workbook.name, introduction=introduction, workstreams=workstreams)
