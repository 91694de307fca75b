"""Reading Excel workbooks: openpyxl in, plain rows that know where each value came from out.

Nothing outside ``reportgen.readers`` imports openpyxl. The rules are RETURNS.md's: sheets by
name (any case, spaces trimmed), columns by heading with aliases, the heading row found among the
first ten rows, blank rows skipped, merged and blank grouping cells filled from above, unknown
columns ignored, values only (formulas give the value Excel saved; no macro ever runs).
"""

from __future__ import annotations

import difflib
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml.common import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from reportgen.errors import IssueList, Location, WorkbookError
from reportgen.readers.formulas import formulas_without_values
from reportgen.values import is_blank

HEADING_SEARCH_ROWS = 10
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def normalise_heading(text: object) -> str:
    """Lower-case, spaces collapsed, trailing punctuation dropped: "DUE  DATE:" → "due date"."""
    folded = " ".join(str(text).replace("\n", " ").split()).lower()
    return folded.rstrip(" :.*?!;,")


def _without_brackets(text: str) -> str:
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


@dataclass(slots=True)
class Row:
    """A data row: the cells of the mapped columns, by field name."""

    number: int
    cells: dict[str, Cell]

    def __getitem__(self, name: str) -> Cell | None:
        return self.cells.get(name)

    def value(self, name: str) -> object:
        cell = self.cells.get(name)
        return None if cell is None else cell.value


@dataclass
class Table:
    """The rows of a sheet read against a list of fields."""

    sheet: str
    heading_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field name -> column letter
    headings: dict[str, str] = field(default_factory=dict)  # field name -> heading as typed
    rows: list[Row] = field(default_factory=list)


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


def _match_columns(
    sheet: Sheet, row: int, specs: Sequence[FieldSpec]
) -> tuple[dict[str, int], dict[str, str], list[tuple[str, int, int]]]:
    """Map fields to columns in heading row ``row``; also return duplicated headings."""
    by_key: dict[str, FieldSpec] = {}
    for spec in specs:
        for key in spec.keys:
            by_key.setdefault(key, spec)
    columns: dict[str, int] = {}
    typed: dict[str, str] = {}
    duplicates: list[tuple[str, int, int]] = []
    for col in range(1, sheet.width(row) + 1):
        value, _ = sheet.raw(row, col)
        if is_blank(value) or sheet.is_merged_child(row, col):
            continue
        key = normalise_heading(value)
        spec = by_key.get(key) or by_key.get(_without_brackets(str(value)))
        if spec is None:
            continue
        if spec.name in columns:
            duplicates.append((spec.name, columns[spec.name], col))
            continue
        columns[spec.name] = col
        typed[spec.name] = " ".join(str(value).split())
    return columns, typed, duplicates


def _headings_in(sheet: Sheet, row: int) -> list[str]:
    return [
        " ".join(str(sheet.raw(row, c)[0]).split())
        for c in range(1, sheet.width(row) + 1)
        if not is_blank(sheet.raw(row, c)[0])
    ]


def nearest(text: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``text`` (for "did you mean …?"), or None."""
    options = {normalise_heading(c): c for c in choices}
    found = difflib.get_close_matches(normalise_heading(text), list(options), n=1, cutoff=0.6)
    return options[found[0]] if found else None


def read_table(sheet: Sheet, specs: Sequence[FieldSpec], issues: IssueList) -> Table | None:
    """Read ``sheet`` as a table of ``specs``; problems go to ``issues``.

    Returns None (with an error per missing heading) when no row among the first ten holds the
    required headings.
    """
    required = [s for s in specs if s.required]
    best_row, best_columns, best_score = None, {}, -1
    limit = min(HEADING_SEARCH_ROWS, sheet.row_count)
    for row in range(1, limit + 1):
        columns, typed, duplicates = _match_columns(sheet, row, specs)
        if all(s.name in columns for s in required) and columns:
            return _read_rows(sheet, specs, row, columns, typed, duplicates, issues)
        score = len(columns)
        if score > best_score:
            best_row, best_columns, best_score = row, columns, score
    _report_missing_headings(sheet, required, best_row, best_columns, issues)
    return None


def _report_missing_headings(
    sheet: Sheet,
    required: Sequence[FieldSpec],
    row: int | None,
    columns: dict[str, int],
    issues: IssueList,
) -> None:
    found = _headings_in(sheet, row) if row else []
    shown = ", ".join(f"'{h}'" for h in found) or "none"
    for spec in required:
        if spec.name in columns:
            continue
        guess = None
        for heading in found:
            if nearest(heading, (spec.heading, *spec.aliases)):
                guess = heading
                break
        hint = f"; did you mean '{guess}'? Rename it to '{spec.heading}'" if guess else ""
        aliases = f" (or {', '.join(repr(a) for a in spec.aliases)})" if spec.aliases else ""
        issues.error(
            "missing-heading",
            f"no '{spec.heading}' column{aliases} in the first {HEADING_SEARCH_ROWS} rows"
            f"{hint}. Headings found: {shown}",
            sheet.where(),
        )


def _read_rows(
    sheet: Sheet,
    specs: Sequence[FieldSpec],
    heading_row: int,
    columns: dict[str, int],
    typed: dict[str, str],
    duplicates: list[tuple[str, int, int]],
    issues: IssueList,
) -> Table:
    specs_by_name = {s.name: s for s in specs}
    note_hidden_sheet(sheet, issues)
    for name, first, second in duplicates:
        issues.warning(
            "duplicate-heading",
            f"'{typed[name]}' appears twice (columns {get_column_letter(first)} and "
            f"{get_column_letter(second)}); column {get_column_letter(first)} is read and the "
            "other ignored",
            sheet.location(heading_row, second, typed[name]),
        )
    table = Table(
        sheet=sheet.title,
        heading_row=heading_row,
        columns={n: get_column_letter(c) for n, c in columns.items()},
        headings=dict(typed),
    )
    above: dict[str, Cell] = {}
    heading_values = {n: normalise_heading(typed[n]) for n in columns}
    hidden_read: list[int] = []
    for row in range(heading_row + 1, sheet.row_count + 1):
        cells = _row_cells(sheet, row, columns, typed, issues)
        if all(c.blank for c in cells.values()):
            continue
        if all(normalise_heading(c.value or "") == heading_values[n] for n, c in cells.items()):
            issues.warning(
                "repeated-headings",
                f"row {row} repeats the headings of row {heading_row}; it is ignored",
                sheet.location(row, 1),
            )
            continue
        if row in sheet.hidden_rows:
            hidden_read.append(row)
        for name, cell in cells.items():
            if specs_by_name[name].fill_down and cell.blank and name in above:
                source = above[name]
                cells[name] = Cell(
                    source.value, source.number_format, source.location, cell.location.cell
                )
            elif not cell.blank:
                above[name] = cells[name]
        table.rows.append(Row(row, cells))
    if hidden_read:
        shown = ", ".join(str(r) for r in hidden_read[:10]) + (
            " …" if len(hidden_read) > 10 else ""
        )
        issues.warning(
            "hidden-rows",
            f"rows {shown} are hidden in Excel but are read all the same; delete rows that "
            "should not be reported",
            sheet.where(),
        )
    return table


def _row_cells(
    sheet: Sheet, row: int, columns: dict[str, int], typed: dict[str, str], issues: IssueList
) -> dict[str, Cell]:
    """The mapped cells of one row; a formula with no saved value is reported, not read."""
    cells: dict[str, Cell] = {}
    for name, col in columns.items():
        value, number_format = sheet.raw(row, col)
        location = sheet.location(row, col, typed[name])
        if value is None and (row, col) in sheet.uncalculated:
            issues.error(
                "formula-without-value",
                "the cell holds a formula but no calculated value (the file was written by a "
                "program, not saved by Excel); open it in Excel, save it, and build again",
                location,
            )
        cells[name] = Cell(value, number_format, location)
    return cells


def note_hidden_sheet(sheet: Sheet, issues: IssueList) -> None:
    """A hidden sheet is still read; say so, since staff may not know it is there."""
    if sheet.hidden:
        issues.warning(
            "hidden-sheet",
            f"the '{sheet.title}' sheet is hidden in Excel but is read all the same",
            sheet.where(),
        )


@dataclass
class FieldValues:
    """A two-column ``Field`` | ``Value`` sheet, by field name."""

    sheet: str
    values: dict[str, Cell] = field(default_factory=dict)

    def get(self, name: str) -> Cell | None:
        return self.values.get(name)


def read_field_values(sheet: Sheet, specs: Sequence[FieldSpec], issues: IssueList) -> FieldValues:
    """Read a ``Field`` | ``Value`` sheet. Field names match like headings, with aliases.

    The heading row is optional: without one, columns A and B are read. A field the sheet does
    not know is reported as a warning with the nearest known field.
    """
    by_key: dict[str, FieldSpec] = {}
    for spec in specs:
        for key in spec.keys:
            by_key.setdefault(key, spec)
    note_hidden_sheet(sheet, issues)
    field_col, value_col, first_row = 1, 2, 1
    for row in range(1, min(HEADING_SEARCH_ROWS, sheet.row_count) + 1):
        keys = {
            normalise_heading(sheet.raw(row, c)[0] or ""): c for c in range(1, sheet.width(row) + 1)
        }
        if "field" in keys and "value" in keys:
            field_col, value_col, first_row = keys["field"], keys["value"], row + 1
            break
    result = FieldValues(sheet.title)
    known = [s.heading for s in specs]
    for row in range(first_row, sheet.row_count + 1):
        label, _ = sheet.raw(row, field_col)
        if is_blank(label):
            continue
        key = normalise_heading(label)
        spec = by_key.get(key) or by_key.get(_without_brackets(str(label)))
        location = sheet.location(row, field_col, "Field")
        if spec is None:
            guess = nearest(str(label), known)
            hint = f"; did you mean '{guess}'?" if guess else ""
            issues.warning(
                "unknown-field",
                f"'{label}' is not a field reportgen knows, ignored{hint}",
                location,
                label,
            )
            continue
        if spec.name in result.values:
            issues.warning(
                "duplicate-field",
                f"'{label}' is given twice; the first, in "
                f"{result.values[spec.name].location.ref}, is used",
                location,
                label,
            )
            continue
        value, number_format = sheet.raw(row, value_col)
        result.values[spec.name] = Cell(
            value, number_format, sheet.location(row, value_col, spec.heading)
        )
    for spec in specs:
        if spec.required and (spec.name not in result.values or result.values[spec.name].blank):
            issues.error(
                "missing-field",
                f"the '{spec.heading}' field is required but is missing or blank",
                sheet.where(),
            )
    return result
