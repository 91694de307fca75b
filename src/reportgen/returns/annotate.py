"""The annotated copy of a return with problems: ``<name>-checked.xlsx``.

Each cell with a problem is filled red (an error: must be fixed) or amber (a warning: check it)
and carries a comment saying what is wrong and what is expected. A Problems sheet, first in the
workbook, lists every problem with a link to its cell. The returned file is never changed; the
copy keeps its protections, drop-downs and Return Details, so the lead officer can fix it and
send it back as their return.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook as XlWorkbook
from openpyxl.worksheet.hyperlink import Hyperlink

from reportgen.errors import Issue
from reportgen.returns.layout import (
    COLUMNS,
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    SUMMARY_SHEET,
    write_value,
)
from reportgen.returns.sheets import HEAD_FILL, INPUT_FILL, LOCKED_FILL
from reportgen.write.output import WriteResult
from reportgen.write.transaction import write_files

AUTHOR = "reportgen"
ERROR_FILL = PatternFill("solid", fgColor="FF7C80")
WARNING_FILL = PatternFill("solid", fgColor="FFC000")
WIDTHS = (14, 26, 70, 30, 36)  # Cell, Column, Problem, Value found, Expected
EXPECTED_BY_HEADING = {c.heading.casefold(): c.expected for c in (*INDICATOR_COLUMNS, *COLUMNS)}


def checked_name(path: Path) -> str:
    """``joyce.xlsx`` → ``joyce-checked.xlsx`` (a checked copy of a checked copy keeps one)."""
    stem = path.stem.removesuffix("-checked")
    return f"{stem}-checked.xlsx"


def _expected(issue: Issue) -> str | None:
    heading = (issue.location.heading or "").split(" (")[0].casefold()
    return EXPECTED_BY_HEADING.get(heading)


def comment_text(issues: Sequence[Issue]) -> str:
    """The note on a cell: each problem, what was found, and what is expected."""
    parts = []
    for issue in issues:
        label = "Error" if issue.is_error else "Check"
        text = f"{label}: {issue.message}"
        expected = _expected(issue)
        if expected and "expected" not in issue.message:
            text += f"\nExpected: {expected}."
        parts.append(text)
    return "\n\n".join(parts)


def _clear_earlier_notes(book: XlWorkbook) -> None:
    """A checked copy sent back and checked again: drop the earlier notes and colours."""
    if SUMMARY_SHEET in book.sheetnames:
        del book[SUMMARY_SHEET]
    for sheet in book.worksheets:
        # the cells that exist, not every cell up to the sheet's far corner
        for cell in list(sheet._cells.values()):
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                columns = INDICATOR_COLUMNS if sheet.title == INDICATORS_SHEET else COLUMNS
                if cell.column <= len(columns):
                    locked = columns[cell.column - 1].locked
                    cell.fill = LOCKED_FILL if locked else INPUT_FILL


def _mark_cells(book: XlWorkbook, issues: Sequence[Issue]) -> None:
    by_cell: dict[tuple[str, str], list[Issue]] = {}
    for issue in issues:
        where = issue.location
        if where.sheet in book.sheetnames and where.cell:
            by_cell.setdefault((where.sheet, where.cell), []).append(issue)
    for (sheet, ref), found in by_cell.items():
        cell = book[sheet][ref]
        cell.fill = ERROR_FILL if any(i.is_error for i in found) else WARNING_FILL
        text = comment_text(found)
        lines = sum(1 + len(part) // 45 for part in text.split("\n"))
        cell.comment = Comment(text, AUTHOR, height=min(20 * lines + 20, 400), width=320)


def _summary(book: XlWorkbook, name: str, issues: Sequence[Issue]) -> None:
    sheet = book.create_sheet(SUMMARY_SHEET, 0)
    errors = sum(i.is_error for i in issues)
    sheet["A1"] = f"{name}: {errors} to fix, {len(issues) - errors} to check"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        "Red cells must be fixed; amber cells are worth checking. Hover over a cell for its note. "
        "Fix them on the return's sheets, save, and send this file back."
    )
    headings = ("Cell", "Column", "Problem", "Value found", "Expected")
    sheet.append([])
    sheet.append(list(headings))
    for cell in sheet[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEAD_FILL
    for issue in issues:
        where = issue.location
        ref = where.ref or where.file
        sheet.append([None] * len(headings))
        row = sheet.max_row
        values = (ref, where.heading, issue.message, issue.value, _expected(issue))
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            write_value(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * max(
            math.ceil(len(str(v or "")) / (w * 1.1)) for v, w in zip(values, WIDTHS, strict=True)
        )
        first = sheet.cell(row, 1)
        first.fill = ERROR_FILL if issue.is_error else WARNING_FILL
        if where.sheet and where.cell:
            first.hyperlink = Hyperlink(
                ref=first.coordinate, location=f"'{where.sheet}'!{where.cell}"
            )
            first.font = Font(underline="single", color="1F3864")
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = "A5"
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False


def build_checked_copy(path: Path, issues: Sequence[Issue]) -> bytes:
    """The annotated copy of the return at ``path`` as .xlsx bytes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, keep_vba=False, keep_links=False)
    _clear_earlier_notes(book)
    _mark_cells(book, issues)
    _summary(book, path.name, issues)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_checked_copy(path: Path, issues: Sequence[Issue], folder: Path) -> WriteResult:
    """Write ``folder/<name>-checked.xlsx`` for the return at ``path``; ``path`` is untouched."""
    data = build_checked_copy(path, issues)
    return write_files(folder, [(checked_name(path), data)])[0]
