"""One worksheet's cells, streamed from its XML: only cells that hold a value are kept.

The sheet's XML is read row by row and each row dropped once read, so memory follows the
cells that hold data, not the sheet's claimed dimension; formatted but empty cells cost only
the time to pass them. Values are converted as Excel stores them: shared and inline text (with
``_xHHHH_`` escapes decoded), numbers (dates where the cell's number format is a date format),
yes/no, error values and the text a formula saved. Formulas are noted (with or without a saved
value), as are hidden rows and merged ranges.

A cell beyond Excel's limits is a problem with its cell, not a failure: text over 32,767
characters, a stored number Excel cannot hold (NaN, infinity, past 1.8e308), a reference past
row 1,048,576 or column XFD, shared text the file does not have.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.styles.numbers import is_date_format, is_timedelta_format
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from reportgen.errors import Issue, Location, Severity
from reportgen.readers.package import MAIN, Package, SheetEntry, WorkbookParts, decode_escapes

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
EXCEL_TEXT = 32_767
PROBLEMS_PER_KIND = 20

_ROW, _CELL, _MERGE = f"{MAIN}row", f"{MAIN}c", f"{MAIN}mergeCell"
_V, _F, _IS, _T, _RPH = f"{MAIN}v", f"{MAIN}f", f"{MAIN}is", f"{MAIN}t", f"{MAIN}rPh"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_INT = re.compile(r"^[+-]?\d{1,15}$")


@dataclass
class SheetData:
    """The cells of a sheet that hold a value (row → column → (value, number format)), and
    what else was found: formulas, formulas without a saved value, hidden rows, merged ranges
    (min row, min column, max row, max column) and problems."""

    cells: dict[int, dict[int, tuple[Any, str]]] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)


class _Reader:
    def __init__(self, package: Package, entry: SheetEntry, parts: WorkbookParts) -> None:
        self.package = package
        self.entry = entry
        self.parts = parts
        self.epoch = CALENDAR_MAC_1904 if parts.date1904 else CALENDAR_WINDOWS_1900
        self.data = SheetData()
        self.kinds: dict[str, int] = {}
        self.dates = {i for i, f in enumerate(parts.formats) if _is_date(f)}

    # -- problems ---------------------------------------------------------------------------
    def problem(self, kind: str, message: str, row: int | None, col: int | None, value=None):
        seen = self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if seen > PROBLEMS_PER_KIND:
            return
        cell = f"{get_column_letter(col)}{row}" if row and col and col <= EXCEL_COLUMNS else None
        where = Location(self.package.name, self.entry.name, cell)
        if seen == PROBLEMS_PER_KIND:
            message += " (and the same in more cells, not listed)"
        shown = None if value is None else str(value)[:80]
        self.data.problems.append(Issue(Severity.ERROR, kind, message, where, shown))

    # -- the sheet --------------------------------------------------------------------------
    def read(self) -> SheetData:
        row_number = 0
        for element in self.package.elements(self.entry.part, (_ROW, _MERGE)):
            if element.tag == _MERGE:
                self.merge(element.get("ref", ""))
                continue
            given = element.get("r")
            row_number = int(given) if given and given.isdigit() else row_number + 1
            if element.get("hidden", "0").lower() in ("1", "true"):
                self.data.hidden_rows.add(row_number)
            self.row(element, row_number)
        return self.data

    def row(self, element: Any, row_number: int) -> None:
        col = 0
        skipped: str | None = None  # the reference of the last empty cell passed over
        for cell in element:
            if cell.tag != _CELL:
                continue
            ref = cell.get("r")
            if not len(cell) and cell.get("t") != "inlineStr":  # formatted but empty
                skipped, col = (ref, col) if ref else (None, col + 1)
                continue
            if not ref and skipped:
                found = _REF.match(skipped)
                col = _column(found.group(1)) if found else col
                skipped = None
            row = row_number
            if ref:
                found = _REF.match(ref)
                if found is None:
                    self.problem(
                        "bad-reference", f"a cell's reference '{ref}' is not a cell", row, None, ref
                    )
                    continue
                col = _column(found.group(1))
                row = int(found.group(2))
            else:
                col += 1
            if not (1 <= row <= EXCEL_ROWS and 1 <= col <= EXCEL_COLUMNS):
                self.problem(
                    "beyond-sheet",
                    f"the file has a cell at {ref or col}, outside Excel's sheet (rows to "
                    "1,048,576, columns to XFD); it was not written by Excel and is ignored",
                    None,
                    None,
                    ref,
                )
                continue
            self.cell(cell, row, col)

    def cell(self, cell: Any, row: int, col: int) -> None:
        stored = formula = None
        inline: Any = None
        for child in cell:
            if child.tag == _V:
                stored = child.text or ""
            elif child.tag == _F:
                formula = child.text or ""
            elif child.tag == _IS:
                inline = child
        kind = cell.get("t", "n")
        if formula is not None:
            self.data.formulas[(row, col)] = "=" + formula
            empty = stored is None or (not stored.strip() and kind != "str")
            if empty:
                self.data.uncalculated.add((row, col))
        style = _int(cell.get("s"))
        value = self.value(kind, stored, inline, style, row, col)
        if value is None or value == "":
            return
        if isinstance(value, str) and len(value) > EXCEL_TEXT:
            self.problem(
                "too-long",
                f"the cell holds {len(value):,} characters, more than Excel's limit of "
                f"{EXCEL_TEXT:,}; shorten it or split it over several cells",
                row,
                col,
                value[:40] + "…",
            )
            return
        number_format = self.parts.formats[style] if style < len(self.parts.formats) else "General"
        self.data.cells.setdefault(row, {})[col] = (value, number_format)
        self.package.cells += 1
        if self.package.cells > self.package.limits.cells:
            raise self.package.failure(
                f"it holds more than {self.package.limits.cells:,} filled cells, far more than a "
                "return; it may be damaged, or hold data that belongs elsewhere"
            )

    def value(self, kind: str, stored: str | None, inline: Any, style: int, row: int, col: int):
        if kind == "inlineStr":
            if inline is None:
                return None
            texts = [t.text or "" for t in inline.iter(_T) if t.getparent().tag != _RPH]
            return decode_escapes("".join(texts))
        if stored is None:
            return None
        if kind == "s":
            index = _int(stored, -1)
            if not 0 <= index < len(self.parts.strings):
                self.problem(
                    "bad-text", "the cell refers to text the file does not hold", row, col, stored
                )
                return None
            return self.parts.strings[index]
        if kind in ("str", "e"):
            return decode_escapes(stored)
        if kind == "b":
            return stored.strip().lower() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(stored.strip())
            except ValueError:
                self.problem(
                    "bad-date", f"'{stored}' is stored as a date but is not one", row, col, stored
                )
                return None
        return self.number(stored, style, row, col)

    def number(self, stored: str, style: int, row: int, col: int) -> Any:
        text = stored.strip()
        if not text:
            return None
        try:
            number: int | float = int(text) if _INT.match(text) else float(text)
        except ValueError:
            self.problem(
                "bad-number", f"the stored value '{text[:40]}' is not a number", row, col, text
            )
            return None
        if isinstance(number, float) and not math.isfinite(number):
            self.problem(
                "bad-number",
                f"the stored value '{text[:40]}' is not a number Excel can hold (no NaN or "
                "infinity); type the figure again",
                row,
                col,
                text,
            )
            return None
        if style in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError, TypeError):
                return number
        return number

    def merge(self, ref: str) -> None:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            self.problem("bad-merge", f"a merged range '{ref}' is not a range", None, None, ref)
            return
        if None in (min_col, min_row, max_col, max_row):
            self.problem("bad-merge", f"a merged range '{ref}' is not a range", None, None, ref)
            return
        self.data.merged.append((min_row, min_col, max_row, max_col))


def read_sheet(package: Package, entry: SheetEntry, parts: WorkbookParts) -> SheetData:
    """The cells of ``entry``'s sheet (WorkbookError when its XML cannot be read or passes
    the package's limits; problems with single cells are in the result)."""
    return _Reader(package, entry, parts).read()


def _is_date(number_format: str) -> bool:
    try:
        return is_date_format(number_format) and not is_timedelta_format(number_format)
    except (TypeError, ValueError, re.error):
        return False


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _int(text: str | None, default: int = 0) -> int:
    if text is None or not text.strip().isdigit():
        return default
    return int(text)
