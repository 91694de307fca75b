"""How the example workbooks look: the heading style staff know, and merged grouping cells."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill

HEAD_FILL = PatternFill("solid", fgColor="1F3864")
HEAD_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")


def style_heading_row(sheet, row: int) -> None:
    """White bold headings on dark blue, wrapped, in row ``row``."""
    for cell in sheet[row]:
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def merge_down(sheet, column: int, first: int, last: int) -> None:
    """Merge ``column``'s cells from row ``first`` to ``last``, as staff merge grouping cells."""
    if last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def save_example(book, name: str):
    """Save an example workbook as ``input/<name>`` and ship the same file in the package as
    the sample return of its kind (``reportgen templates check`` checks fields against it)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    target = root / "input" / name
    target.parent.mkdir(exist_ok=True)
    book.save(target)
    sample = root / "src" / "reportgen" / "samples" / name
    sample.parent.mkdir(exist_ok=True)
    sample.write_bytes(target.read_bytes())
    return target
