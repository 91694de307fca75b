"""Performance indicators in a return: the Indicators sheet, read back, checked and merged.

A return holds an Indicators sheet when the service workbook has a Measures sheet and the lead
has indicators (a Measures row's Lead, else the plan's lead). Each row shows the indicator, its
unit, polarity, target and last quarter's value (locked) and takes this quarter's value and
commentary (open). Collected values go into the Measures sheet's column for the quarter (added
after the sheet's last column when the sheet has none yet) and its Commentary column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook as XlWorkbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import IssueList, Location
from reportgen.loaders.measures import period_columns, read_value
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import read_table
from reportgen.readers.workbook import Cell, Sheet
from reportgen.returns.layout import (
    HEADING_ROW,
    INDICATOR_COLUMNS,
    INDICATOR_FIELDS,
    INDICATORS_SHEET,
    write_value,
)
from reportgen.returns.sheets import (
    column_range,
    fit_row_height,
    protect,
    style_body_cell,
    style_heading_row,
    used_extent,
    validation,
    write_title,
)
from reportgen.rules.indicators import is_percent_unit
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.plan import code_key
from reportgen.schema.measures import MEASURE_FIELDS, Measure
from reportgen.schema.service import ServicePlan


@dataclass
class ReturnedIndicator:
    """A row of a return's Indicators sheet: its code, cells and this quarter's values."""

    code: str
    row: int
    cells: dict[str, Cell]
    value: float | None = None
    commentary: str | None = None
    has_errors: bool = False

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def entered(self) -> bool:
        return self.value is not None or self.commentary is not None

    def values(self) -> dict[str, object]:
        """The values staff fill, for comparing two returns of the same code."""
        text = " ".join(self.commentary.split()) if self.commentary else None
        return {"value": self.value, "commentary": text}


def measure_rows(plan: ServicePlan) -> list[tuple[Measure, str | None]]:
    """Every indicator with its lead officer: its own, else the plan's."""
    return [(m, m.lead or plan.plan.lead) for m in plan.measures or []]


def _shown(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def issued_values(measure: Measure, lead: str | None, last: ReportingPeriod | None) -> dict:
    """The locked columns' values as issued."""
    return {
        "code": measure.code,
        "title": measure.title,
        "unit": measure.unit,
        "polarity": measure.polarity.value if measure.polarity else None,
        "target": measure.target_label or None,
        "lead": lead,
        "last_value": _shown(measure.values.get(last)) if last else None,
    }


def write_indicators_sheet(
    book: XlWorkbook,
    plan: ServicePlan,
    measures: Sequence[Measure],
    period: ReportingPeriod,
    lead: str | None,
) -> None:
    """The Indicators sheet, second in the return, with ``measures``' rows."""
    sheet = book.create_sheet(INDICATORS_SHEET, 1)
    write_title(sheet, plan.details.service, period, lead)
    sheet["A1"] = f"{sheet['A1'].value}: performance indicators"
    last = plan.period
    for index, column in enumerate(INDICATOR_COLUMNS, start=1):
        sheet.cell(HEADING_ROW, index, column.title(period, last))
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    style_heading_row(sheet, INDICATOR_COLUMNS)
    leads = {m.code: lead_ for m, lead_ in measure_rows(plan)}
    percent_cells: list[str] = []
    number_cells: list[str] = []
    for offset, measure in enumerate(measures, start=1):
        row = HEADING_ROW + offset
        values = issued_values(measure, leads.get(measure.code), last)
        for index, column in enumerate(INDICATOR_COLUMNS, start=1):
            cell = sheet.cell(row, index)
            write_value(cell, values.get(column.name))
            style_body_cell(cell, column)
        fit_row_height(sheet, row, values, INDICATOR_COLUMNS)
        cells = column_range("value", row, row, INDICATOR_COLUMNS)
        (percent_cells if measure.is_percent else number_cells).append(cells)
    _add_value_rules(sheet, percent_cells, number_cells)
    sheet.freeze_panes = sheet.cell(HEADING_ROW + 1, 3)
    protect(sheet)


def _add_value_rules(sheet: Worksheet, percent_cells: list[str], number_cells: list[str]) -> None:
    if percent_cells:
        rule = validation(
            "decimal",
            "Type the percentage as a number from 0 to 100 (41.8 for 41.8%).",
            "Value",
            operator="between",
            formula1="0",
            formula2="100",
        )
        for cells in percent_cells:
            rule.add(cells)
        sheet.add_data_validation(rule)
    if number_cells:
        rule = validation(
            "decimal",
            "Type a number in the indicator's unit, or leave blank for no data.",
            "Value",
            operator="between",
            formula1="-1000000000000",
            formula2="1000000000000",
        )
        for cells in number_cells:
            rule.add(cells)
        sheet.add_data_validation(rule)


def read_indicators(sheet: Sheet, issues: IssueList) -> list[ReturnedIndicator]:
    """The rows of a return's Indicators sheet, each value read in its row's unit."""
    table = read_table(sheet, INDICATOR_FIELDS, issues)
    if table is None:
        return []
    read = CellReader(issues)
    rows: list[ReturnedIndicator] = []
    for row in table.rows:
        code = read.text(row["code"])
        if not code:
            issues.error(
                "missing-code",
                "this row has no Code; codes cannot be removed or rows added",
                row["code"].location,
            )
            continue
        before = len(issues.errors)
        percent = is_percent_unit(read.text(row["unit"]))
        value = read_value(row["value"], percent, issues)
        if percent and value is not None and not 0 <= value <= 100:
            cell = row["value"]
            issues.error(
                "bad-percent",
                f"'{cell.value}' is not a percentage from 0 to 100",
                cell.location,
                cell.value,
            )
            value = None
        rows.append(
            ReturnedIndicator(
                code=code,
                row=row.number,
                cells=dict(row.cells),
                value=value,
                commentary=read.text(row["commentary"]),
                has_errors=len(issues.errors) > before,
            )
        )
    return rows


def _numbers_match(issued: object, cell: Cell) -> bool:
    found = cell.value
    if issued is None or isinstance(issued, str):
        return False
    return isinstance(found, int | float) and abs(float(found) - float(issued)) < 1e-6


def locked_changes(row: ReturnedIndicator, issued: dict) -> list[tuple[str, Cell]]:
    """The locked cells of ``row`` that differ from what was issued."""
    changed = []
    for name in ("title", "unit", "lead", "last_value"):
        cell = row.cells.get(name)
        if cell is None:
            continue
        want = issued[name]
        if name == "last_value":
            same = (want is None and cell.blank) or _numbers_match(want, cell)
        else:
            same = (
                " ".join(str(want or "").split()).casefold()
                == " ".join(str(cell.value or "").split()).casefold()
            )
        if not same:
            changed.append((name, cell))
    return changed


def merge_measures(
    book: XlWorkbook,
    sheet: Sheet,
    returned: Mapping[str, ReturnedIndicator],
    period: ReportingPeriod,
) -> None:
    """Write the returned values into the Measures sheet's column for ``period``."""
    scratch = IssueList()
    table = read_table(sheet, MEASURE_FIELDS, scratch)
    if table is None:
        return
    columns = period_columns(sheet, table, scratch)
    target = book[sheet.title]
    heading_row = table.heading_row or 1
    letter = table.columns.get("commentary")
    commentary = column_index_from_string(letter) if letter else None
    col = next((c for c, p in columns if p == period), None)
    if col is None:
        col = _add_period_column(target, heading_row, columns, period)
        if commentary is not None and commentary >= col:
            commentary += 1
    before = max((c for c, p in columns if p < period), default=None)
    for row in table.rows:
        code = row.value("code")
        found = returned.get(code_key(str(code))) if code is not None else None
        if found is None or not found.entered:
            continue
        if found.value is not None:
            cell = target.cell(row.number, col)
            previous = target.cell(row.number, before) if before else None
            fmt = previous.number_format if previous is not None else "General"
            fraction = "%" in fmt and is_percent_unit(str(row.value("unit") or ""))
            cell.value = found.value / 100 if fraction else found.value
            cell.number_format = fmt
        if found.commentary and commentary:
            write_value(target.cell(row.number, commentary), found.commentary)


def _add_period_column(
    sheet: Worksheet,
    heading_row: int,
    columns: Sequence[tuple[int, ReportingPeriod]],
    period: ReportingPeriod,
) -> int:
    """A column headed ``period`` after the last period column, the columns right of it moved
    along one; at the end of the sheet instead when merged cells, drop-downs or conditional
    formats there would not move with them."""
    used_rows, width = used_extent(sheet)
    last = max((c for c, _ in columns), default=width)
    col = last + 1
    movable = not any(r.max_col >= col for r in sheet.merged_cells.ranges) and not (
        sheet.data_validations.dataValidation or len(sheet.conditional_formatting)
    )
    if col <= width and movable:
        span = f"{get_column_letter(col)}1:{get_column_letter(width)}{used_rows}"
        sheet.move_range(span, cols=1)
        for index in range(width, col - 1, -1):
            old = sheet.column_dimensions[get_column_letter(index)].width
            sheet.column_dimensions[get_column_letter(index + 1)].width = old
    elif col <= width:
        col = width + 1
    sheet.cell(heading_row, col, period.label)
    if columns:
        source = sheet.cell(heading_row, last)
        sheet.cell(heading_row, col)._style = copy(source._style)
        sheet.column_dimensions[get_column_letter(col)].width = sheet.column_dimensions[
            get_column_letter(last)
        ].width
    return col


def no_value_warning(row: ReturnedIndicator, period: ReportingPeriod | None, issues: IssueList):
    """An indicator returned without a value: the report shows no data for the quarter."""
    cell = row.cells.get("value") or row.cells["code"]
    label = period.label if period else "this quarter"
    issues.warning(
        "no-value",
        f"{row.code} has no value for {label}; the report shows no data for it",
        cell.location,
    )


def details_location(name: str) -> Location:
    """Where a problem with the Indicators sheet as a whole is reported."""
    return Location(name, INDICATORS_SHEET)
