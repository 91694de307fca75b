"""Writing the quarter's values into a new copy of the service workbook, for the build.

The copy keeps every sheet of the original (formatting, other columns, formulas) and changes
only: the Plan sheet's Reporting Period (and Period End, when given) to the new quarter; for
each row a return filled in, Progress, Status and Latest Status Update (labelled with the
quarter, as staff label them), plus Priority and Due Date when they were changed; and each
indicator's value for the quarter and its Commentary (see :mod:`.indicators`). Rows nobody
returned keep last quarter's values, their update labelled with last quarter when it was not
already. The original is never written to.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import IssueList, WorkbookError
from reportgen.loaders.service import strip_period_label
from reportgen.readers.tables import FieldValues, Row, Table, read_field_values, read_table
from reportgen.readers.values import clean_text
from reportgen.readers.workbook import open_workbook
from reportgen.returns.indicators import ReturnedIndicator, merge_measures
from reportgen.returns.layout import period_slug, write_value
from reportgen.returns.read import ReturnedRow
from reportgen.returns.sheets import used_extent
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.plan import code_key
from reportgen.rules.text import bullet_text
from reportgen.schema.measures import MEASURES_SHEET
from reportgen.schema.service import ACTION_FIELDS, ACTIONS_SHEET, PLAN_FIELDS, PLAN_SHEET
from reportgen.write.output import WriteResult
from reportgen.write.transaction import write_files

HEADINGS = {
    "progress": "Progress %",
    "status": "Status",
    "update": "Latest Status Update",
    "priority": "Priority",
    "due_date": "Due Date",
}


def merged_folder(input_dir: Path, period: ReportingPeriod) -> Path:
    """Where merged workbooks go by default: a folder named by the period beside the originals
    (``input/Q3-2022-23``); when the originals are themselves such a folder, beside it."""
    try:
        ReportingPeriod.parse(input_dir.name.replace("-", " ", 1).replace("-", "/"))
        base = input_dir.parent
    except ValueError:
        base = input_dir
    return base / period_slug(period)


def update_text(period: ReportingPeriod, text: str) -> str:
    """The update as the council writes it, the quarter first: "Q3 2022/23 - …", or inside
    the first bullet of a list: "• Q3 2022/23 - …"."""
    first, newline, rest = text.partition("\n")
    item = bullet_text(first)
    if item is None:
        return f"{period.label} - {text}"
    mark = first.lstrip()[0]
    return f"{mark} {period.label} - {item}{newline}{rest}"


class _Columns:
    """The Actions sheet's columns by field, adding a heading at the end for a missing one."""

    def __init__(self, sheet: Worksheet, table: Table) -> None:
        self.sheet = sheet
        self.row = table.heading_row or 1
        self.letters = dict(table.columns)

    def column(self, name: str) -> int:
        if name not in self.letters:
            index = used_extent(self.sheet)[1] + 1
            write_value(self.sheet.cell(self.row, index), HEADINGS[name])
            self.letters[name] = get_column_letter(index)
        return column_index_from_string(self.letters[name])


def _write_row(
    sheet: Worksheet,
    columns: _Columns,
    number: int,
    returned: ReturnedRow,
    period: ReportingPeriod,
) -> None:
    if returned.entered:
        if returned.progress is not None:
            cell = sheet.cell(number, columns.column("progress"))
            fraction = "%" in (cell.number_format or "")
            cell.value = returned.progress / 100 if fraction else returned.progress
        sheet.cell(number, columns.column("status")).value = (
            returned.status.value if returned.status else None
        )
        if returned.update:
            write_value(
                sheet.cell(number, columns.column("update")), update_text(period, returned.update)
            )
    if returned.priority is not None:
        sheet.cell(number, columns.column("priority")).value = returned.priority
    if returned.due_date is not None:
        cell = sheet.cell(number, columns.column("due_date"))
        cell.value = dt.datetime.combine(returned.due_date, dt.time())
        cell.number_format = "dd-mmm-yyyy"


def _period_of(fields: FieldValues) -> ReportingPeriod | None:
    cell = fields.get("reporting_period")
    try:
        return ReportingPeriod.parse(str(cell.value)) if cell and not cell.blank else None
    except ValueError:
        return None


def _label_kept_update(sheet: Worksheet, row: Row, last: ReportingPeriod) -> None:
    """An update kept from last quarter (nobody returned a new one) keeps saying whose quarter
    it is: "Q2 2022/23 - …" when it did not say already, so the new report does not print it
    under the new quarter's label."""
    cell = row["update"]
    text = clean_text(cell.value) if cell is not None else None
    if not text or (row["update_period"] and not row["update_period"].blank):
        return
    typed, _ = strip_period_label(text)
    if typed is None and cell is not None and cell.location.cell:
        write_value(sheet[cell.location.cell], update_text(last, text))


def _set_plan_field(sheet: Worksheet, fields: FieldValues, name: str, heading: str, value) -> None:
    cell = fields.get(name)
    if cell is not None and cell.location.cell:
        sheet[cell.location.cell].value = value
        return
    sheet.append([heading, value])


def build_merged(
    source: Path,
    rows: Mapping[str, ReturnedRow],
    period: ReportingPeriod,
    indicators: Mapping[str, ReturnedIndicator] | None = None,
) -> bytes:
    """The service workbook ``source`` with the returned ``rows`` and ``indicators`` (each by
    code key) merged in."""
    reader = open_workbook(source)
    scratch = IssueList()
    actions = reader.sheet(ACTIONS_SHEET)
    plan_sheet = reader.sheet(PLAN_SHEET)
    table = read_table(actions, ACTION_FIELDS, scratch) if actions else None
    if table is None or plan_sheet is None:
        raise WorkbookError(f"{source.name}: its Plan or Actions sheet could not be read")
    plan_fields = read_field_values(plan_sheet, PLAN_FIELDS, scratch)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(source, keep_vba=False, keep_links=False)
    sheet = book[actions.title]
    columns = _Columns(sheet, table)
    last = _period_of(plan_fields)
    for row in table.rows:
        code = row.value("code")
        returned = rows.get(code_key(str(code))) if code is not None else None
        if returned is not None:
            _write_row(sheet, columns, row.number, returned, period)
        if (returned is None or not returned.update) and last is not None:
            _label_kept_update(sheet, row, last)
    plan = book[plan_sheet.title]
    _set_plan_field(plan, plan_fields, "reporting_period", "Reporting Period", period.label)
    if plan_fields.get("period_end") is not None:
        end = dt.datetime.combine(period.end, dt.time())
        _set_plan_field(plan, plan_fields, "period_end", "Period End", end)
    measures = reader.sheet(MEASURES_SHEET)
    if measures is not None and indicators:
        merge_measures(book, measures, indicators, period)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_merged(
    source: Path,
    rows: Mapping[str, ReturnedRow],
    period: ReportingPeriod,
    folder: Path,
    indicators: Mapping[str, ReturnedIndicator] | None = None,
) -> WriteResult:
    """Write the merged workbook as ``folder/<source name>`` atomically; never over ``source``."""
    target = folder / source.name
    if target.resolve() == source.resolve():
        raise WorkbookError(
            f"the merged workbook would replace the original {source}; choose another folder"
        )
    data = build_merged(source, rows, period, indicators)
    return write_files(folder, [(target.name, data)])[0]
