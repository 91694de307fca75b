"""Write input/improvement-programme.xlsx from Lancashire's Continuous Improvement Plan (seed 004).

Run by hand: ``python tools/make_example_programme.py``. Laid out as staff lay it out: one row
per activity, the Workstream, Ref, Outcome, Who? and Measures of Success cells merged down the
rows they cover, When? typed as text ("November 2017", "Ongoing", "Quarterly"), bullet lines
typed with •, and the narrative on an Introduction sheet (Field | Value).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

sys.path.insert(0, str(Path(__file__).resolve().parent))

from programme_content import INTRODUCTION, OUTCOMES  # noqa: E402
from xlsx_style import WRAP, merge_down, save_example, style_heading_row  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

HEADINGS = [
    "Workstream",
    "Ref",
    "Outcome we are trying to achieve",
    "Activity",
    "When?",
    "Who?",
    "Measures of Success",
]
WIDTHS = [24, 6, 40, 70, 16, 28, 60]


def write_introduction(book: Workbook) -> None:
    sheet = book.active
    sheet.title = "Introduction"
    sheet.append(["Field", "Value"])
    style_heading_row(sheet, 1)
    for field, value in INTRODUCTION.items():
        sheet.append([field, value])
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 120


def _write_outcome(sheet, workstream, ref, outcome, who, activities, measures) -> None:
    first = sheet.max_row + 1
    who_from = first
    for index, (text, when, *changed) in enumerate(activities):
        row = [workstream, ref, outcome, text, when, who, "\n".join(f"• {m}" for m in measures)]
        if index:
            row = [None, None, None, text, when, None, None]
        if changed:
            merge_down(sheet, 6, who_from, sheet.max_row)
            who_from = sheet.max_row + 1
            row[5] = changed[0]
        sheet.append(row)
    last = sheet.max_row
    merge_down(sheet, 6, who_from, last)
    for column in (2, 3, 7):
        merge_down(sheet, column, first, last)


def write_programme(book: Workbook) -> None:
    sheet = book.create_sheet("Programme")
    sheet.append(["Continuous Improvement Plan: Programme Plan (one row per activity)"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADINGS)
    style_heading_row(sheet, 2)
    stream_from, current = sheet.max_row + 1, None
    for workstream, *outcome in OUTCOMES:
        if workstream != current:
            merge_down(sheet, 1, stream_from, sheet.max_row)
            stream_from, current = sheet.max_row + 1, workstream
        _write_outcome(sheet, workstream if sheet.max_row + 1 == stream_from else None, *outcome)
    merge_down(sheet, 1, stream_from, sheet.max_row)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = WRAP
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = width
    sheet.freeze_panes = "D3"


def main() -> Path:
    book = Workbook()
    write_introduction(book)
    write_programme(book)
    return save_example(book, "improvement-programme.xlsx")


if __name__ == "__main__":
    print(f"example written to {main()}")
