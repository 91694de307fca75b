"""Reading a sheet as a table of fields, or as a ``Field`` | ``Value`` list.

Columns are found by heading (aliases, any order, under title rows in the first ten rows), blank
rows are skipped, merged and blank grouping cells are filled from above, unknown columns are
ignored; every cell keeps its location so any problem can point at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from reportgen.errors import IssueList
from reportgen.readers.values import is_blank
from reportgen.readers.workbook import (
    HEADING_SEARCH_ROWS,
    Cell,
    FieldSpec,
    Sheet,
    Workbook,
    normalise_heading,
    without_brackets,
)
from reportgen.rules.text import nearest


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
    # headings repeated further down (row number -> field name -> heading as typed), where a
    # sheet holds several tables one under another, each with its own heading row
    heading_rows: dict[int, dict[str, str]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """False when the sheet's headings were not found (the table then has no rows)."""
        return self.heading_row is not None


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
        spec = by_key.get(key) or by_key.get(without_brackets(str(value)))
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


def read_table(
    sheet: Sheet, specs: Sequence[FieldSpec], issues: IssueList, tables: bool = False
) -> Table | None:
    """Read ``sheet`` as a table of ``specs``; problems go to ``issues``.

    Returns None (with an error per missing heading) when no row among the first ten holds the
    required headings. A row further down that repeats the headings is not data: with
    ``tables`` (the sheet holds several tables one under another) it is kept, with its wording,
    in ``heading_rows``; otherwise it is ignored with a warning.
    """
    required = [s for s in specs if s.required]
    best_row, best_columns, best_score = None, {}, -1
    limit = min(HEADING_SEARCH_ROWS, sheet.row_count)
    for row in range(1, limit + 1):
        columns, typed, duplicates = _match_columns(sheet, row, specs)
        if all(s.name in columns for s in required) and columns:
            table = Table(
                sheet=sheet.title,
                heading_row=row,
                columns={n: get_column_letter(c) for n, c in columns.items()},
                headings=dict(typed),
            )
            return _read_rows(sheet, specs, table, columns, duplicates, issues, tables)
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


def _repeated_headings(
    cells: dict[str, Cell], specs_by_name: dict[str, FieldSpec]
) -> dict[str, str] | None:
    """The headings a row repeats (field name → heading as typed), when every filled cell of the
    row is a heading or alias of its own column's field and at least two are; else None."""
    found: dict[str, str] = {}
    for name, cell in cells.items():
        if cell.blank:
            continue
        text = " ".join(str(cell.value).split())
        keys = specs_by_name[name].keys
        if normalise_heading(text) not in keys and without_brackets(text) not in keys:
            return None
        found[name] = text
    return found if len(found) >= 2 else None


def _read_rows(
    sheet: Sheet,
    specs: Sequence[FieldSpec],
    table: Table,
    columns: dict[str, int],
    duplicates: list[tuple[str, int, int]],
    issues: IssueList,
    tables: bool,
) -> Table:
    specs_by_name = {s.name: s for s in specs}
    heading_row = table.heading_row or 0
    typed = table.headings
    note_hidden_sheet(sheet, issues)
    for name, first, second in duplicates:
        issues.warning(
            "duplicate-heading",
            f"'{typed[name]}' appears twice (columns {get_column_letter(first)} and "
            f"{get_column_letter(second)}); column {get_column_letter(first)} is read and the "
            "other ignored",
            sheet.location(heading_row, second, typed[name]),
        )
    above: dict[str, Cell] = {}
    heading_values = {n: normalise_heading(typed[n]) for n in columns}
    hidden_read: list[int] = []
    for row in sheet.value_rows(heading_row):
        if not sheet.filled(row, columns.values()):
            continue  # values only in columns no field reads
        cells = _row_cells(sheet, row, columns, typed, issues)
        # a row whose only values come down from merged cells above is a blank row
        if all(c.blank or sheet.is_merged_child(row, columns[n]) for n, c in cells.items()):
            continue
        repeated = _repeated_headings(cells, specs_by_name) if tables else None
        if repeated is not None:
            table.heading_rows[row] = repeated
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
    for row in sheet.value_rows(first_row - 1):
        label, _ = sheet.raw(row, field_col)
        if is_blank(label):
            continue
        key = normalise_heading(label)
        spec = by_key.get(key) or by_key.get(without_brackets(str(label)))
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


def read_sheet(
    workbook: Workbook,
    name: str,
    specs: Sequence[FieldSpec],
    issues: IssueList,
    tables: bool = False,
) -> Table | None:
    """The sheet called ``name`` read as a table of ``specs``: None when the workbook has no
    such sheet; a table with no rows (``found`` False) when its headings are missing, which
    ``issues`` already says. ``tables``: the sheet may hold several tables, each under its own
    heading row (see :func:`read_table`)."""
    sheet = workbook.sheet(name)
    if sheet is None:
        return None
    return read_table(sheet, specs, issues, tables) or Table(sheet=sheet.title)


def read_field_sheet(
    workbook: Workbook, name: str, specs: Sequence[FieldSpec], issues: IssueList
) -> FieldValues | None:
    """The ``Field`` | ``Value`` sheet called ``name``, or None when the workbook has none."""
    sheet = workbook.sheet(name)
    return None if sheet is None else read_field_values(sheet, specs, issues)
