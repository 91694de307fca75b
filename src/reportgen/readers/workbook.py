"""Reading Excel workbooks: openpyxl in, plain rows that know where each value came from out.

Nothing outside ``reportgen.readers`` imports openpyxl. The rules are docs/returns.md's: sheets by
name (any case, spaces trimmed), columns by heading with aliases, the heading row found among the
first ten rows, blank rows skipped, merged and blank grouping cells filled from above, unknown
columns ignored, values only (formulas give the value Excel saved; no macro ever runs).
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml.common import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from reportgen.errors import Location, WorkbookError
from reportgen.readers.formulas import formulas_without_values
from reportgen.readers.values import is_blank
from reportgen.rules.text import normalise_heading

HEADING_SEARCH_ROWS = 10
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def without_brackets(text: str) -> str:
    return normalise_heading(re.sub(r"\([^)]*\)?\s*$", "", text))


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A column a sheet may have: its field name, heading, aliases, and reading rules."""

    name: str
    heading: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    fill_down: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalise_heading(h) for h in (self.heading, *self.aliases))


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's raw value, its number format, and where it is."""

    value: object
    number_format: str
    location: Location
    filled_from: str | None = None

    @property
    def blank(self) -> bool:
        return is_blank(self.value)


class Sheet:
    """A worksheet with merged cells resolved, as plain values with number formats."""

    def __init__(
        self, worksheet, file_name: str, uncalculated: set[tuple[int, int]] | None = None
    ) -> None:
        self.title: str = worksheet.title
        self.file_name = file_name
        self.hidden = worksheet.sheet_state != "visible"
        self.uncalculated = uncalculated or set()
        self.hidden_rows = {
            number for number, dims in worksheet.row_dimensions.items() if dims.hidden
        }
        self._ws = worksheet
        self._merged: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in worksheet.merged_cells.ranges:
            top_left = (merged.min_row, merged.min_col)
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    if (row, col) != top_left:
                        self._merged[(row, col)] = top_left
        self._rows = self._load_rows()

    def _load_rows(self) -> list[list[tuple[object, str]]]:
        rows: list[list[tuple[object, str]]] = []
        last_filled = 0
        for row in self._ws.iter_rows():
            values = [(c.value, c.number_format or "General") for c in row]
            rows.append(values)
            if any(not is_blank(v) for v, _ in values):
                last_filled = len(rows)
        del rows[last_filled:]  # formatted but empty rows at the bottom
        return rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def raw(self, row: int, col: int) -> tuple[object, str]:
        """The (value, number format) at 1-based ``row``, ``col``, merged cells resolved."""
        row, col = self._merged.get((row, col), (row, col))
        if row > len(self._rows):
            return None, "General"
        values = self._rows[row - 1]
        if col > len(values):
            return None, "General"
        return values[col - 1]

    def is_merged_child(self, row: int, col: int) -> bool:
        return (row, col) in self._merged

    def width(self, row: int) -> int:
        return len(self._rows[row - 1]) if row <= len(self._rows) else 0

    def location(self, row: int, col: int, heading: str | None = None) -> Location:
        return Location(self.file_name, self.title, f"{get_column_letter(col)}{row}", heading)

    def where(self) -> Location:
        return Location(self.file_name, self.title)


class Workbook:
    """An opened workbook: its sheets found by name, ignoring case and surrounding spaces."""

    def __init__(self, path: Path, sheets: list[Sheet]) -> None:
        self.path = path
        self.name = path.name
        self.sheets = sheets

    @property
    def sheet_names(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet(self, name: str) -> Sheet | None:
        wanted = normalise_heading(name)
        for sheet in self.sheets:
            if normalise_heading(sheet.title) == wanted:
                return sheet
        return None

    def has_sheet(self, name: str) -> bool:
        return self.sheet(name) is not None

    def where(self) -> Location:
        return Location(self.name)


def open_workbook(path: Path) -> Workbook:
    """Open ``path`` for its values only. Raises WorkbookError, in words a user can act on,
    when it is not an Excel workbook, is password-protected, too large, or unreadable."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"{path.name}: the file is {size / 1024 / 1024:.0f} MB, over the "
            f"{MAX_WORKBOOK_BYTES // 1024 // 1024} MB limit for a return; remove images or "
            "unused sheets and save it again"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise WorkbookError(
            f"{path.name}: this is a password-protected workbook or an old Excel 97-2003 (.xls) "
            "file; remove the password, or open it in Excel and save it as .xlsx"
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookError(
            f"{path.name}: this is not an Excel workbook (it may be a CSV or another file renamed "
            ".xlsx, or a copy that did not finish saving); open it in Excel and save it as .xlsx"
        )
    _refuse_other_office_files(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles …
            book = load_workbook(
                path, read_only=False, data_only=True, keep_vba=False, keep_links=False
            )
        uncalculated = formulas_without_values(path)
    except DefusedXmlException as exc:
        raise WorkbookError(
            f"{path.name}: the workbook holds XML that reportgen refuses for safety (entity or "
            "DTD declarations, which Excel never writes); open it in Excel and save it again"
        ) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(
            f"{path.name}: this file could not be read as an Excel workbook ({exc}); open it in "
            "Excel and save it again as .xlsx"
        ) from exc
    try:
        sheets = [Sheet(ws, path.name, uncalculated.get(ws.title)) for ws in book.worksheets]
    finally:
        book.close()
    return Workbook(path, sheets)


def _refuse_other_office_files(path: Path) -> None:
    """A Word or PowerPoint file renamed .xlsx is a zip too: say what it really is."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    for marker, what in (
        ("word/document.xml", "a Word document"),
        ("ppt/presentation.xml", "a PowerPoint file"),
    ):
        if marker in names:
            raise WorkbookError(
                f"{path.name}: this is {what} renamed .xlsx, not an Excel workbook; put the "
                "Excel return in the input folder instead"
            )
    if "xl/workbook.xml" not in names:
        raise WorkbookError(
            f"{path.name}: this is not an Excel workbook (no workbook inside the file); open it "
            "in Excel and save it as .xlsx"
        )
