"""The shape of an issued return: its sheets, columns, locked and open cells, and its details.

Shared by :mod:`.issue` (which writes returns) and :mod:`.collect` (which reads them back), so a
column is described once. Headings of period columns carry the period in brackets
("Progress % (Q3 2022/23)"); the readers ignore a trailing bracket when matching headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.cell.cell import Cell as XlCell

from reportgen.readers.workbook import FieldSpec
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import Status

RETURN_SHEET = "Actions"
INSTRUCTIONS_SHEET = "Instructions"
DETAILS_SHEET = "Return Details"  # very hidden: what was issued, to whom, for which period
SUMMARY_SHEET = "Problems"
TITLE_ROWS = 2  # title and a one-line instruction above the headings
HEADING_ROW = TITLE_ROWS + 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PRIORITY_CHOICES = ("1 - High", "2 - Medium", "3 - Low", "4 - Ongoing", "5 - On hold")
STATUS_CHOICES = tuple(s.value for s in Status)


@dataclass(frozen=True)
class ReturnColumn:
    """A column of the return: what it holds, whether staff fill it, and how it is checked."""

    name: str
    heading: str
    width: float
    locked: bool
    expected: str
    period: str | None = None  # "last" or "this": the heading names that period
    aliases: tuple[str, ...] = ()

    def title(self, this: ReportingPeriod, last: ReportingPeriod | None) -> str:
        """The heading as written, with its period: "Progress % (Q3 2022/23)"."""
        period = this if self.period == "this" else last if self.period == "last" else None
        return f"{self.heading} ({period.label})" if period else self.heading

    @property
    def spec(self) -> FieldSpec:
        return FieldSpec(self.name, self.heading, self.aliases, required=self.name == "code")


COLUMNS: tuple[ReturnColumn, ...] = (
    ReturnColumn("code", "Action Code", 13, True, "the code as issued; codes cannot change"),
    ReturnColumn("title", "Action Title", 42, True, "the title as issued"),
    ReturnColumn("desired_outcome", "Desired Outcome", 34, True, "the outcome as issued"),
    ReturnColumn("lead", "Lead Officer", 20, True, "the lead officer as issued"),
    ReturnColumn(
        "priority", "Priority", 13, False, "a choice from the list: 1 (high) to 5 (on hold)"
    ),
    ReturnColumn("due_date", "Due Date", 13, False, "a date such as 31/03/2023"),
    ReturnColumn(
        "last_progress", "Last Progress %", 12, True, "last quarter's progress as issued", "last"
    ),
    ReturnColumn("last_status", "Last Status", 14, True, "last quarter's status as issued", "last"),
    ReturnColumn("last_update", "Last Update", 50, True, "last quarter's update as issued", "last"),
    ReturnColumn(
        "progress",
        "Progress %",
        12,
        False,
        "a whole number from 0 to 100",
        "this",
        ("Progress", "% Complete"),
    ),
    ReturnColumn(
        "status",
        "Status",
        16,
        False,
        "a status from the list, or blank to let reportgen work it out",
        "this",
    ),
    ReturnColumn(
        "update",
        "Latest Status Update",
        60,
        False,
        "this quarter's update as text (start lines with • for bullets)",
        "this",
        ("Status Update", "Update"),
    ),
)
INDICATORS_SHEET = "Indicators"
INDICATOR_COLUMNS: tuple[ReturnColumn, ...] = (
    ReturnColumn("code", "Code", 10, True, "the code as issued; codes cannot change"),
    ReturnColumn("title", "Indicator", 46, True, "the indicator as issued"),
    ReturnColumn("unit", "Unit", 16, True, "the unit as issued"),
    ReturnColumn("polarity", "Polarity", 15, True, "the polarity as issued"),
    ReturnColumn("target", "Target", 10, True, "the target as issued"),
    ReturnColumn("lead", "Lead Officer", 20, True, "the lead officer as issued"),
    ReturnColumn("last_value", "Last Value", 12, True, "last quarter's value as issued", "last"),
    ReturnColumn(
        "value", "Value", 12, False,
        "a number in the indicator's unit (for a %, 41.8 means 41.8%); blank for no data",
        "this",
    ),
    ReturnColumn(
        "commentary", "Commentary", 60, False, "this quarter's commentary as text", "this",
        ("Comment", "Comments"),
    ),
)  # fmt: skip
INDICATOR_FIELDS: tuple[FieldSpec, ...] = tuple(c.spec for c in INDICATOR_COLUMNS)
INDICATOR_LOCKED = ("title", "unit", "lead", "last_value")
COLUMNS_BY_NAME = {c.name: c for c in COLUMNS}
RETURN_FIELDS: tuple[FieldSpec, ...] = tuple(c.spec for c in COLUMNS)
LOCKED = tuple(c.name for c in COLUMNS if c.locked and c.name != "code")

DETAIL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("workbook", "Service Workbook", required=True),
    FieldSpec("service", "Service"),
    FieldSpec("lead", "Lead Officer", required=True),
    FieldSpec("period", "Period", required=True),
    FieldSpec("last_period", "Last Period"),
    FieldSpec("issued_by", "Issued By"),
    FieldSpec("issued_codes", "Issued Codes"),
    FieldSpec("issued_indicators", "Issued Indicators"),
    FieldSpec("return_file", "Return File"),
    FieldSpec("seal", "Seal"),
    FieldSpec("closed_issued", "Closed Issued"),
)


def period_slug(period: ReportingPeriod) -> str:
    """``Q3-2022-23``: the period in a file or folder name."""
    return period.label.replace(" ", "-").replace("/", "-")


def name_slug(text: str) -> str:
    """``Joyce Johnston`` → ``joyce-johnston``, for file names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "return"


def lead_key(lead: str) -> str:
    """Leads match ignoring case and spacing ("Social work services manager")."""
    return " ".join(lead.split()).casefold()


def return_file_name(stem: str, period: ReportingPeriod, lead: str | None) -> str:
    """``cfsw-service-plan-joyce-johnston-Q3-2022-23.xlsx`` (no lead: one return per service)."""
    middle = f"-{name_slug(lead)}" if lead else ""
    return f"{stem}{middle}-{period_slug(period)}.xlsx"


def write_value(cell: XlCell, value: object) -> None:
    """Put ``value`` in ``cell``; text that a spreadsheet could take as a formula (starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is stored as text with Excel's
    quote prefix, never as a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def inert(text: str) -> str:
    """Text for a CSV file that a spreadsheet shows as typed: one that could start a formula
    (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def uninert(text: str) -> str:
    """The text :func:`inert` was given."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
