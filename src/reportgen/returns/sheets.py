"""The look and the guard rails of an issued return: styles, drop-downs, validation,
protection, the Instructions sheet and the hidden Return Details sheet.

Protection has no password: it stops accidental edits to codes and titles, not a determined
user (Review → Unprotect Sheet lifts it); ``collect`` reports locked cells changed anyway.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from openpyxl import Workbook as XlWorkbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.returns.layout import (
    COLUMNS,
    DETAILS_SHEET,
    HEADING_ROW,
    INSTRUCTIONS_SHEET,
    PRIORITY_CHOICES,
    STATUS_CHOICES,
    ReturnColumn,
    write_value,
)
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.service import ServicePlan

HEAD_FILL = PatternFill("solid", fgColor="1F3864")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: the cells staff fill
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")  # pale grey: for reference only
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NUMBER_FORMATS = {
    "due_date": "dd/mm/yyyy",
    "commentary": "@",
    "progress": "0",
    "last_progress": "0",
    "update": "@",  # text: Excel never turns "- item" or "=…" typed here into a formula
}
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def write_title(sheet: Worksheet, service: str, period: ReportingPeriod, lead: str | None) -> None:
    """The two rows above the headings: the period and lead, and what to do."""
    who = lead or "all lead officers"
    sheet["A1"] = f"{service}: {period.label} quarterly return for {who}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        f"Fill in the yellow columns for {period.label}; grey columns are for reference and "
        "locked. See the Instructions sheet."
    )
    sheet["A2"].font = Font(italic=True)


def style_heading_row(sheet: Worksheet, columns: Sequence[ReturnColumn] = COLUMNS) -> None:
    """Bold white headings on dark blue, wrapped; the open columns' headings marked yellow."""
    sheet.row_dimensions[HEADING_ROW].height = 45
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADING_ROW, index)
        cell.font = Font(bold=True, color="1F3864" if not column.locked else "FFFFFF")
        cell.fill = INPUT_FILL if not column.locked else HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BORDER
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def style_body_cell(cell: XlCell, column: ReturnColumn) -> None:
    """Shade, lock or open, wrap and format one data cell of ``column``."""
    cell.fill = LOCKED_FILL if column.locked else INPUT_FILL
    cell.protection = Protection(locked=column.locked)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = BORDER
    if column.name in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[column.name]


def fit_row_height(
    sheet: Worksheet,
    row: int,
    values: dict[str, object],
    columns: Sequence[ReturnColumn] = COLUMNS,
) -> None:
    """A row tall enough for its wrapped text (Excel does not fit rows of a written file)."""
    widths = {c.name: c.width for c in columns}
    lines = 1
    for name, value in values.items():
        if not isinstance(value, str) or name not in widths:
            continue
        width = max(widths[name] * 1.15, 1)
        count = sum(max(1, math.ceil(len(part) / width)) for part in value.split("\n"))
        lines = max(lines, count)
    sheet.row_dimensions[row].height = min(15 * lines, 409)


def column_range(name: str, first: int, last: int, columns: Sequence[ReturnColumn]) -> str:
    """``J4:J12``: the cells of column ``name`` from row ``first`` to ``last``."""
    letter = get_column_letter([c.name for c in columns].index(name) + 1)
    return f"{letter}{first}:{letter}{last}"


def validation(kind: str, message: str, title: str, **options: object) -> DataValidation:
    """A data validation rule that stops a wrong entry and says what is expected."""
    rule = DataValidation(type=kind, allow_blank=True, **options)
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.errorStyle = "stop"
    rule.errorTitle = title
    rule.error = message
    rule.promptTitle = title
    rule.prompt = message
    return rule


def add_validations(sheet: Worksheet, last_row: int) -> None:
    """Drop-downs for Status and Priority; 0–100 for Progress; a date for Due Date."""
    first = HEADING_ROW + 1
    if last_row < first:
        return
    rules = [
        (
            "status",
            validation(
                "list",
                "Pick a status from the list, or leave blank for reportgen to work it out.",
                "Status",
                formula1='"' + ",".join(STATUS_CHOICES) + '"',
            ),
        ),
        (
            "priority",
            validation(
                "list",
                "Pick a priority: 1 (high) to 3 (low), 4 (ongoing) or 5 (on hold).",
                "Priority",
                formula1='"' + ",".join(PRIORITY_CHOICES) + '"',
            ),
        ),
        (
            "progress",
            validation(
                "decimal",
                "Type the progress as a number from 0 to 100 (no % sign needed).",
                "Progress %",
                operator="between",
                formula1="0",
                formula2="100",
            ),
        ),
        (
            "due_date",
            validation(
                "date",
                "Type a date such as 31/03/2023.",
                "Due Date",
                operator="between",
                formula1=str(int(to_excel(EARLIEST))),
                formula2=str(int(to_excel(LATEST))),
            ),
        ),
    ]
    for name, rule in rules:
        rule.add(column_range(name, first, last_row, COLUMNS))
        sheet.add_data_validation(rule)


def protect(sheet: Worksheet) -> None:
    """Protect the sheet without a password; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


INSTRUCTIONS = (
    "Fill in the yellow columns on the Actions sheet for each of your actions:",
    "•  Progress % (this quarter): a whole number from 0 to 100; no % sign needed.",
    "•  Status (this quarter): pick from the list, or leave it blank and reportgen works it out "
    "from the progress and due date.",
    "•  Latest Status Update (this quarter): what happened this quarter. Start each line of a "
    "list with • or - and use Alt+Enter for a new line inside the cell.",
    "•  Priority and Due Date: change them only when the change has been agreed.",
    "On the Indicators sheet, when your return has one: this quarter's Value in the "
    "indicator's unit (41.8 for 41.8%; leave it blank when there is no data yet, never 0) and "
    "a Commentary on it.",
    "The grey columns show the plan and last quarter's progress, status and update for "
    "reference; they are locked.",
    "Do not change codes or titles, and do not add, delete or re-order rows: each row is "
    "matched back to the plan by its Action Code. The sheet is protected without a password "
    "only to prevent accidents.",
    "A row you leave blank keeps last quarter's progress, and its update is shown as last "
    "quarter's.",
    "Save the file as an Excel workbook (.xlsx), keep its name, and send it back to the "
    "performance officer. If anything is wrong you will get a copy back with the cells to "
    "fix marked in red and a note on each.",
)
WEB_INSTRUCTION = (
    "Or open your return's page (above) and drop the saved file on it: it is checked at once, "
    "every problem is shown with its cell, and you can send it again until it is accepted."
)


def write_instructions(
    book: XlWorkbook,
    plan: ServicePlan,
    period: ReportingPeriod,
    lead: str | None,
    rows: int,
    link: str | None = None,
    due: dt.date | None = None,
) -> None:
    """The Instructions sheet: what to fill, how, and the return's details (with the date it
    is due and its web page, when given)."""
    sheet = book.create_sheet(INSTRUCTIONS_SHEET)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    months = f"{period.start:%B %Y} to {period.end:%B %Y}"
    sheet["A1"] = f"{period.label} quarterly return ({months})"
    sheet["A1"].font = Font(bold=True, size=14)
    details = (
        ("Service", plan.details.service),
        ("Plan", plan.details.plan_title),
        ("Lead officer", lead or "All lead officers"),
        ("Period", period.label),
        ("Rows to fill", str(rows)),
    )
    if due is not None:
        details += (("Send it back by", f"{due:%A %-d %B %Y}"),)
    if link is not None:
        details += (("Your return's page", link),)
    row = 3
    for label, value in details:
        sheet.cell(row, 1, label).font = Font(bold=True)
        write_value(sheet.cell(row, 2), value)
        if value == link and link.startswith(("https://", "http://")):
            sheet.cell(row, 2).hyperlink = link
            sheet.cell(row, 2).font = Font(color="0563C1", underline="single")
        row += 1
    row += 1
    lines = INSTRUCTIONS + ((WEB_INSTRUCTION,) if link else ())
    for line in lines:
        cell = sheet.cell(row, 2)
        write_value(cell, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(line) / 95))
        row += 1
    protect(sheet)


def write_details_sheet(book: XlWorkbook, details: dict[str, str]) -> None:
    """The very hidden Return Details sheet ``collect`` reads to match the return back."""
    sheet = book.create_sheet(DETAILS_SHEET)
    sheet.append(["Field", "Value"])
    for name, value in details.items():
        sheet.append([name, None])
        write_value(sheet.cell(sheet.max_row, 2), value)
    sheet.sheet_state = "veryHidden"
    protect(sheet)


def used_extent(sheet: Worksheet) -> tuple[int, int]:
    """The last row and column holding a value: ``max_row``/``max_column`` count a formatted
    but empty cell too, and one at the sheet's far corner would send columns past XFD."""
    rows = cols = 0
    for (row, col), cell in list(sheet._cells.items()):
        if cell.value is not None:
            rows, cols = max(rows, row), max(cols, col)
    return rows, cols
