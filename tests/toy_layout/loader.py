"""Reading a risk register workbook (a layout's ``loaders/<kind>.py``): problems on their cells."""

from __future__ import annotations

from reportgen.errors import IssueList
from reportgen.kinds import Settings
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import read_sheet
from reportgen.readers.workbook import Workbook
from toy_layout.schema import RISK_FIELDS, RISKS_SHEET, Risk, RiskRegister


def load_risk_register(
    workbook: Workbook, settings: Settings, issues: IssueList
) -> RiskRegister | None:
    """The register, or None when any problem found is an error."""
    table = read_sheet(workbook, RISKS_SHEET, RISK_FIELDS, issues)
    if table is None or not table.found:
        return None
    read = CellReader(issues)
    risks = []
    for row in table.rows:
        scores = {}
        for name in ("likelihood", "impact"):
            value = read.number(row[name])  # a cell that is not a number is reported here
            if value is None:
                continue
            if not value.is_integer() or not 1 <= value <= 5:
                issues.error(
                    "bad-score",
                    f"'{row.value(name)}' is not a score; expected a whole number 1 to 5",
                    row[name].location,
                    row.value(name),
                )
            else:
                scores[name] = int(value)
        if len(scores) == 2:
            text, owner = read.text(row["risk"]) or "", read.text(row["owner"])
            risks.append(Risk(risk=text, owner=owner, **scores))
    if issues.has_errors:
        return None
    return RiskRegister(source=workbook.name, risks=risks)
