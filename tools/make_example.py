"""Write the example service workbook in input/ from the council's real Q2 2022/23 return.

Run by hand: ``python tools/make_example.py``. It is laid out the way staff lay out returns: a
title row above the headings, Section cells merged down their rows, progress in %-formatted
cells, dates as Excel dates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_improvements import write_improvements, write_service_plan_columns  # noqa: E402
from example_measures import write_measures  # noqa: E402
from example_report import write_report  # noqa: E402
from seed_content import ACTIONS, PLAN  # noqa: E402
from xlsx_style import save_example, style_heading_row  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEADINGS = [
    "Section",
    "Outcome",
    "Action Code",
    "Action Title",
    "Priority",
    "Desired Outcome",
    "Due Date",
    "Lead Officer",
    "Progress %",
    "Status",
    "Latest Status Update",
]
WIDTHS = [14, 28, 14, 40, 9, 36, 13, 22, 11, 14, 90]


def write_plan(book: Workbook) -> None:
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Field", "Value"])
    style_heading_row(sheet, 1)
    for field, value in PLAN.items():
        sheet.append([field, value])
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    sheet["B9"].number_format = '"£"#,##0'
    sheet["B8"].number_format = "dd-mmm-yyyy"
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 70


def write_actions(book: Workbook) -> None:
    sheet = book.create_sheet("Actions")
    sheet.append(["Children and Families & CJSW Service Plan 2020-23: quarterly return"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Fill in Progress %, Status (or leave blank) and Latest Status Update."])
    sheet.append(HEADINGS)
    style_heading_row(sheet, 3)
    merge_from: tuple[int, str] | None = None
    for row in ACTIONS:
        section, outcome, code, title, priority, desired, due, lead, progress, status, update = row
        sheet.append(
            [
                section or None,
                outcome or None,
                code,
                title,
                priority,
                desired,
                due,
                lead,
                progress,
                status or None,
                update,
            ]
        )
        current = sheet.max_row
        sheet.cell(current, 7).number_format = "dd-mmm-yyyy"
        sheet.cell(current, 9).number_format = "0%"
        for cell in sheet[current]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if section:
            if merge_from and merge_from[0] < current - 1:
                sheet.merge_cells(
                    start_row=merge_from[0], start_column=1, end_row=current - 1, end_column=1
                )
            merge_from = (current, section)
    if merge_from and merge_from[0] < sheet.max_row:
        sheet.merge_cells(
            start_row=merge_from[0], start_column=1, end_row=sheet.max_row, end_column=1
        )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(3, index).column_letter].width = width
    sheet.freeze_panes = "D4"


# Each writer adds one sheet to the example service workbook, in this order.
SHEET_WRITERS = [
    write_plan,
    write_actions,
    write_service_plan_columns,
    write_improvements,
    write_measures,
    write_report,
]


def main() -> Path:
    book = Workbook()
    for write_sheet in SHEET_WRITERS:
        write_sheet(book)
    return save_example(book, "cfsw-service-plan.xlsx")


if __name__ == "__main__":
    print(f"example written to {main()}")
