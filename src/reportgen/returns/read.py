"""Reading one returned file: its Return Details and its rows, every problem against its cell.

Values are read with the same readers and cell parsers as a service workbook, so a return's
problems read exactly like a workbook's ("Actions!J5 (Progress % (Q3 2022/23)): '110%' is over
100%") and point at the returned file's own cells, ready for the annotated copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from reportgen.errors import IssueList, WorkbookError
from reportgen.loaders.service import strip_period_label
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import Table, read_field_values, read_table
from reportgen.readers.workbook import Cell, Sheet, Workbook, open_workbook
from reportgen.returns.indicators import ReturnedIndicator, read_indicators
from reportgen.returns.layout import (
    DETAIL_FIELDS,
    DETAILS_SHEET,
    INDICATORS_SHEET,
    RETURN_FIELDS,
    lead_key,
)
from reportgen.returns.layout import RETURN_SHEET as ACTIONS
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.plan import code_key
from reportgen.rules.status import Status
from reportgen.write.crash import unexpected_failure

ENTRY_FIELDS = ("progress", "status", "update")
OPEN_FIELDS = ("progress", "status", "update", "priority", "due_date", "value", "commentary")


@dataclass
class ReturnedRow:
    """A row of a return: its code, its cells (for messages) and this quarter's values.

    ``priority`` and ``due_date`` are what the return gave; once checked against the plan they
    hold only a change (None when the value is as issued).
    """

    code: str
    row: int
    cells: dict[str, Cell]
    progress: float | None = None
    status: Status | None = None
    update: str | None = None
    priority: int | None = None
    due_date: dt.date | None = None
    has_errors: bool = False

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def entered(self) -> bool:
        """True when this quarter's progress, status or update was filled in."""
        return any(getattr(self, name) is not None for name in ENTRY_FIELDS)

    def values(self) -> dict[str, object]:
        """The values staff fill, for comparing two returns of the same code."""
        return {
            "progress": self.progress,
            "status": self.status,
            "update": " ".join(self.update.split()) if self.update else None,
            "priority": self.priority,
            "due_date": self.due_date,
        }


@dataclass
class ReturnedFile:
    """One file found in the returns folder, read and checked."""

    path: Path
    sha256: str = ""
    received: dt.datetime | None = None
    workbook: str | None = None
    service: str | None = None
    lead: str | None = None
    period: ReportingPeriod | None = None
    issued_by: str = "lead"
    closed_issued: bool = False  # completed and cancelled rows were issued too
    issued_codes: list[str] = field(default_factory=list)
    issued_indicators: list[str] = field(default_factory=list)
    rows: list[ReturnedRow] = field(default_factory=list)
    indicators: list[ReturnedIndicator] = field(default_factory=list)
    issues: IssueList = field(default_factory=IssueList)
    failure: str | None = None
    details: dict[str, object] = field(default_factory=dict)  # the Return Details, as found
    details_at: dict[str, str] = field(default_factory=dict)  # their cells: "Return Details!B4"
    sealed: bool = False  # its details matched their seal and the workspace's record
    saved_by: str | None = None  # Excel's "last modified by": who filled it in
    saved_at: dt.datetime | None = None  # Excel's own record of when it was last saved
    superseded_by: Path | None = None
    checked: Path | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def who(self) -> str:
        """The lead it was issued to, and who saved it when that is someone else."""
        lead = self.lead or "the whole service"
        if self.saved_by and lead_key(self.saved_by) != lead_key(lead):
            return f"{lead} (saved by {self.saved_by})"
        return lead


def file_facts(path: Path) -> tuple[str, dt.datetime]:
    """The file's SHA-256 and the time it was last saved (when it reached the folder)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    received = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).replace(microsecond=0)
    return digest, received


def read_return(path: Path, crash_dir: Path | None = None) -> ReturnedFile:
    """Open and read one returned file; a file that cannot be read gets a ``failure`` naming
    it (and an error in reportgen itself a crash report in ``crash_dir``), so the other
    returns are still read."""
    returned = ReturnedFile(path)
    workbook = None
    try:
        returned.sha256, returned.received = file_facts(path)
        workbook = open_workbook(path)
        _read(workbook, returned)
    except WorkbookError as exc:
        returned.failure = str(exc)
    except OSError as exc:
        returned.failure = f"{path.name}: the file cannot be read ({exc.strerror or exc})"
    except Exception as exc:  # a bug: name the file, keep the traceback, read the others
        returned.failure = unexpected_failure(crash_dir, f"reading {path.name}", exc)
    if workbook is not None and returned.failure is None:
        returned.issues.extend(workbook.problems)
    return returned


def _read(workbook: Workbook, returned: ReturnedFile) -> None:
    if not _read_details(workbook, returned):
        return
    sheet = workbook.sheet(ACTIONS)
    if sheet is None:
        returned.failure = (
            f"{returned.name}: the '{ACTIONS}' sheet is missing; it may have been renamed or "
            "deleted. Ask for the return to be sent back as it was issued."
        )
        return
    table = read_table(sheet, RETURN_FIELDS, returned.issues)
    if table is None:
        return
    returned.saved_by = workbook.saved_by
    returned.saved_at = workbook.saved_at
    _read_actions(table, returned)
    indicators = workbook.sheet(INDICATORS_SHEET)
    if indicators is not None:
        returned.indicators = read_indicators(indicators, returned.issues)
    _report_formulas(returned, _formula_cells([s for s in (sheet, indicators) if s]))


def _read_actions(table: Table, returned: ReturnedFile) -> None:
    read = CellReader(returned.issues)
    for row in table.rows:
        before = len(returned.issues.errors)
        code = read.text(row["code"])
        if not code:
            returned.issues.error(
                "missing-code",
                "this row has no Action Code; codes cannot be removed or rows added",
                row["code"].location,
            )
            continue
        update = read.text(row["update"])
        if update:
            _, update = strip_period_label(update)
        returned.rows.append(
            ReturnedRow(
                code=code,
                row=row.number,
                cells=dict(row.cells),
                progress=read.percent(row["progress"]),
                status=read.status(row["status"]),
                update=update,
                priority=read.priority(row["priority"]),
                due_date=read.date(row["due_date"]),
                has_errors=len(returned.issues.errors) > before,
            )
        )


def _report_formulas(returned: ReturnedFile, formulas: dict[tuple[str, str], str]) -> None:
    """A formula typed into a cell staff fill is an error (unless already reported there)."""
    reported = {i.location for i in returned.issues}
    for row in [*returned.rows, *returned.indicators]:
        for name in OPEN_FIELDS:
            cell = row.cells.get(name)
            if cell is None or cell.location in reported:
                continue
            formula = formulas.get((cell.location.sheet or "", cell.location.cell or ""))
            if formula is None:
                continue
            returned.issues.error(
                "formula",
                f"the cell holds a formula ({formula}); type the value itself",
                cell.location,
                formula,
            )
            row.has_errors = True


def _read_details(workbook: Workbook, returned: ReturnedFile) -> bool:
    sheet = workbook.sheet(DETAILS_SHEET)
    if sheet is None:
        returned.failure = (
            f"{returned.name}: this is not a return issued by 'reportgen returns issue' (it has "
            f"no {DETAILS_SHEET} sheet); returns are matched back through the files reportgen "
            "issued, so ask for the issued file to be filled in"
        )
        return False
    found = IssueList()
    details = read_field_values(sheet, DETAIL_FIELDS, found)
    returned.details = {
        spec.heading: details.values[spec.name].value
        for spec in DETAIL_FIELDS
        if spec.name in details.values
    }
    returned.details_at = {
        spec.heading: details.values[spec.name].location.ref
        for spec in DETAIL_FIELDS
        if spec.name in details.values
    }
    # the sheet is hidden on purpose: staff need not hear about it
    returned.issues.extend(i for i in found if i.type != "hidden-sheet")
    read = CellReader(returned.issues)
    returned.workbook = read.text(details.get("workbook"))
    returned.service = read.text(details.get("service"))
    returned.lead = read.text(details.get("lead"))
    returned.issued_by = read.text(details.get("issued_by")) or "lead"
    returned.closed_issued = read.text(details.get("closed_issued")) == "yes"
    returned.period = read.with_parser(details.get("period"), "bad-period", ReportingPeriod.parse)
    codes = read.text(details.get("issued_codes")) or ""
    returned.issued_codes = [c for c in codes.split("\n") if c.strip()]
    indicators = read.text(details.get("issued_indicators")) or ""
    returned.issued_indicators = [c for c in indicators.split("\n") if c.strip()]
    if returned.workbook is None or returned.period is None:
        returned.failure = (
            f"{returned.name}: its {DETAILS_SHEET} sheet has been changed and no longer says "
            "which service workbook and period it belongs to"
        )
        return False
    return True


def _formula_cells(sheets: list[Sheet]) -> dict[tuple[str, str], str]:
    """The cells of ``sheets`` that hold a formula, by (sheet, cell): a formula Excel saved
    with a value is read for the value, but a return wants values typed."""
    found: dict[tuple[str, str], str] = {}
    for sheet in sheets:
        for (row, col), formula in sheet.formulas.items():
            found[(sheet.title, f"{get_column_letter(col)}{row}")] = formula
    return found
