"""The Improvements sheet of a service workbook: what the service has identified for
improvement, whether it is part of Recovery & Renewal, and the evidence behind it.

The sheet is optional: a workbook without it gives ``None`` (the service plan then says that no
improvements were returned), one with it but no rows gives an empty list. Every row needs an
improvement; the Recovery & Renewal cell is a tick (Yes, x, ✓ …) or blank, and "Choose an
item." (an unfilled Word drop-down pasted into Excel) counts as blank.
"""

from __future__ import annotations

from reportgen.errors import IssueList
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import Row, read_sheet
from reportgen.readers.workbook import Workbook
from reportgen.schema.service import IMPROVEMENT_FIELDS, IMPROVEMENTS_SHEET, Improvement


def _read_improvement(row: Row, read: CellReader, issues: IssueList) -> Improvement | None:
    text = read.text(row["improvement"])
    recovery_renewal = read.yes_no(row["recovery_renewal"])
    evidence = read.text(row["evidence"])
    if not text:
        shown = f" ('{evidence[:60]}')" if evidence else ""
        issues.error(
            "missing-improvement",
            f"row {row.number} gives evidence or a Recovery & Renewal tick{shown} but no "
            "improvement; write the improvement in this cell or clear the row",
            row["improvement"].location,
        )
        return None
    return Improvement(improvement=text, recovery_renewal=recovery_renewal, evidence=evidence)


def read_improvements(workbook: Workbook, issues: IssueList) -> list[Improvement] | None:
    """The Improvements sheet's rows in sheet order, each checked cell by cell.

    Returns None when the workbook has no Improvements sheet, and an empty list when the sheet
    has no rows or its headings cannot be found (reported as errors in ``issues``).
    """
    table = read_sheet(workbook, IMPROVEMENTS_SHEET, IMPROVEMENT_FIELDS, issues)
    if table is None:
        return None
    read = CellReader(issues)
    improvements = [_read_improvement(row, read, issues) for row in table.rows]
    return [item for item in improvements if item is not None]
