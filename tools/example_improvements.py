"""Writers for the service plan's part of the example workbook (see make_example.py).

``write_improvements`` adds the Improvements sheet; ``write_service_plan_columns`` adds the
service plan's own columns (Outcome Measures, Completion Target, Recovery & Renewal) to the right
of the Actions sheet, filled from seed 000 by action code.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment
from seed_content import IMPROVEMENTS, SERVICE_PLAN_COLUMNS
from xlsx_style import HEAD_FILL, HEAD_FONT, WRAP, style_heading_row

PLAN_COLUMNS = (("Outcome Measures", 60), ("Completion Target", 24), ("Recovery & Renewal", 16))


def write_improvements(book: Workbook) -> None:
    """The Improvements sheet: Improvement | Recovery & Renewal | Evidence."""
    sheet = book.create_sheet("Improvements")
    sheet.append(["Improvement", "Recovery & Renewal", "Evidence"])
    style_heading_row(sheet, 1)
    for improvement, recovery_renewal, evidence in IMPROVEMENTS:
        sheet.append([improvement, recovery_renewal, evidence])
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
    for letter, width in zip("ABC", (45, 16, 100), strict=True):
        sheet.column_dimensions[letter].width = width


def write_service_plan_columns(book: Workbook) -> None:
    """Outcome Measures, Completion Target and Recovery & Renewal on the Actions sheet."""
    sheet = book["Actions"]
    heading_row = next(
        row for row in sheet.iter_rows(max_row=10) if any(c.value == "Action Code" for c in row)
    )
    code_column = next(c.column for c in heading_row if c.value == "Action Code")
    first = sheet.max_column + 1
    row_number = heading_row[0].row
    for offset, (heading, width) in enumerate(PLAN_COLUMNS):
        cell = sheet.cell(row_number, first + offset, heading)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    for row in range(row_number + 1, sheet.max_row + 1):
        values = SERVICE_PLAN_COLUMNS.get(str(sheet.cell(row, code_column).value))
        for offset, value in enumerate(values or ()):
            sheet.cell(row, first + offset, value).alignment = WRAP
