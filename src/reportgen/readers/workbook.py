"""Reading Excel workbooks: the file in, plain rows that know where each value came from out.

Nothing outside ``reportgen.readers`` imports openpyxl. The rules are docs/returns.md's: sheets by
name (any case, spaces trimmed), columns by heading with aliases, the heading row found among the
first ten rows, blank rows skipped, merged and blank grouping cells filled from above, unknown
columns ignored, values only (formulas give the value Excel saved; no macro ever runs).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from reportgen.errors import Issue, Location, Severity, WorkbookError
from reportgen.readers.package import (
    LIMITS,
    Package,
    SheetEntry,
    WorkbookParts,
    open_package,
    read_workbook_parts,
)
from reportgen.readers.sheetxml import SheetData, read_sheet
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
    """A worksheet's cells that hold a value, with merged cells resolved, read (within the
    package's limits, see :mod:`reportgen.readers.package`) the first time they are needed."""

    def __init__(self, package: Package, entry: SheetEntry, parts: WorkbookParts) -> None:
        self.title: str = entry.name
        self.file_name = package.name
        self.hidden = entry.hidden
        self._package = package
        self._entry = entry
        self._parts = parts
        self._data: SheetData | None = None
        self._merged: dict[tuple[int, int], tuple[int, int]] = {}
        self._rows: list[int] = []

    @property
    def data(self) -> SheetData:
        if self._data is None:
            self._data = read_sheet(self._package, self._entry, self._parts)
            self._rows = sorted(set(self._data.cells) | {r for r, _ in self._data.uncalculated})
            self._resolve_merges(self._data)
        return self._data

    def _resolve_merges(self, data: SheetData) -> None:
        covered = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in data.merged)
        if covered > LIMITS.merged_cells:
            widest = max(data.merged, key=lambda m: (m[2] - m[0] + 1) * (m[3] - m[1] + 1))
            top, left, bottom, right = widest
            shown = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            data.problems.append(
                Issue(
                    Severity.ERROR,
                    "merged-too-far",
                    f"merged cells here cover {covered:,} cells (the largest {shown}); a return "
                    "merges a few cells at a time. Unmerge them and save the workbook again",
                    self.where(),
                    shown,
                )
            )
            return
        for min_row, min_col, max_row, max_col in data.merged:
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    if (row, col) != (min_row, min_col):
                        self._merged.setdefault((row, col), (min_row, min_col))

    @property
    def uncalculated(self) -> set[tuple[int, int]]:
        """Formula cells with no value saved (the file was not saved by Excel)."""
        return self.data.uncalculated

    @property
    def formulas(self) -> dict[tuple[int, int], str]:
        """Every formula cell's formula, by (row, column)."""
        return self.data.formulas

    @property
    def hidden_rows(self) -> set[int]:
        return self.data.hidden_rows

    @property
    def problems(self) -> list[Issue]:
        """Cells beyond Excel's limits found while reading, each an error on its cell."""
        return self.data.problems

    @property
    def row_count(self) -> int:
        """The last row that holds a value (0 for an empty sheet)."""
        self.data  # noqa: B018 - read the sheet
        return self._rows[-1] if self._rows else 0

    def value_rows(self, after: int = 0) -> list[int]:
        """The rows below ``after`` that hold a value, in order."""
        self.data  # noqa: B018 - read the sheet
        return self._rows[bisect.bisect_right(self._rows, after) :]

    def raw(self, row: int, col: int) -> tuple[object, str]:
        """The (value, number format) at 1-based ``row``, ``col``, merged cells resolved."""
        cells = self.data.cells
        row, col = self._merged.get((row, col), (row, col))
        return cells.get(row, {}).get(col, (None, "General"))

    def filled(self, row: int, cols: Iterable[int]) -> bool:
        """True when any of ``cols`` in ``row`` holds a value of its own (not one merged down
        from above) or a formula with no saved value: the row has something to read."""
        data = self.data
        found = data.cells.get(row)
        cols = list(cols)
        if found and any(c in found and not is_blank(found[c][0]) for c in cols):
            return True
        return bool(data.uncalculated) and any((row, c) in data.uncalculated for c in cols)

    def is_merged_child(self, row: int, col: int) -> bool:
        self.data  # noqa: B018 - read the sheet
        return (row, col) in self._merged

    def width(self, row: int) -> int:
        """The last column of ``row`` that holds a value (0 for an empty row)."""
        found = self.data.cells.get(row)
        return max(found) if found else 0

    def location(self, row: int, col: int, heading: str | None = None) -> Location:
        return Location(self.file_name, self.title, f"{get_column_letter(col)}{row}", heading)

    def where(self) -> Location:
        return Location(self.file_name, self.title)


class Workbook:
    """An opened workbook: its sheets found by name, ignoring case and surrounding spaces, and
    who saved it last and when (Excel's own record, not the file's date)."""

    def __init__(
        self,
        path: Path,
        sheets: list[Sheet],
        saved_by: str | None = None,
        saved_at: dt.datetime | None = None,
    ) -> None:
        self.path = path
        self.name = path.name
        self.sheets = sheets
        self.saved_by = saved_by
        self.saved_at = saved_at

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

    @property
    def problems(self) -> list[Issue]:
        """The problems with single cells found in the sheets read so far."""
        return [p for s in self.sheets if s._data is not None for p in s.problems]

    def where(self) -> Location:
        return Location(self.name)


def open_workbook(path: Path) -> Workbook:
    """Open ``path`` for its values only (its sheets are read when first used). Raises
    WorkbookError, in words a user can act on, when it is not an Excel workbook, is
    password-protected, too large, damaged or cannot be read."""
    path = Path(path)
    try:
        return _open(path)
    except PermissionError as exc:
        raise WorkbookError(
            f"{path.name}: the file cannot be read (permission denied); it may be open in "
            "another program, or your account may not be allowed to read it"
        ) from exc
    except OSError as exc:
        raise WorkbookError(
            f"{path.name}: the file cannot be read ({exc.strerror or exc})"
        ) from exc


def _open(path: Path) -> Workbook:
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
    package = open_package(path)
    _refuse_other_office_files(package.archive, path)
    parts = read_workbook_parts(package)
    sheets = [Sheet(package, entry, parts) for entry in parts.sheets]
    return Workbook(path, sheets, parts.saved_by, parts.saved_at)


def _refuse_other_office_files(archive: zipfile.ZipFile, path: Path) -> None:
    """A Word or PowerPoint file renamed .xlsx is a zip too: say what it really is."""
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
