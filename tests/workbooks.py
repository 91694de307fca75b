"""Small service workbooks built in code, named by case (clearer than binary files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from reportgen.schema.service import ACTION_FIELDS

PLAN: dict[str, Any] = {
    "Organisation": "Moray Council",
    "Service": "Children and Families & Criminal Justice Social Work",
    "Plan Title": "Children and Families & Criminal Justice Service Plan 2020-23",
    "Plan Code": "CFSW SP2023",
    "Plan Period": "2020-23",
    "Reporting Period": "Q2 2022/23",
}


def headings(*fields: str, **typed: str) -> list[str]:
    """The Actions sheet's headings for ``fields`` in that order, as the contract names them;
    ``typed`` gives the heading a test types instead (``lead="Lead Officer"``, an alias)."""
    contract = {spec.name: spec.heading for spec in ACTION_FIELDS}
    return [typed.get(name, contract[name]) for name in fields]


HEADINGS = headings(
    "section", "outcome", "code", "title", "priority", "due_date", "progress", "status", "update"
)

MAR23 = dt.date(2023, 3, 31)

# The seed's STRAT1 group: its children are 47, 83, 66, 100 and 66 %, so STRAT1 shows 72 %.
ROWS: list[list[Any]] = [
    [
        "",
        "",
        "CFSW SP2023",
        "Service Plan 2020-23",
        None,
        None,
        None,
        None,
        "Q2 2022/23 - On the whole.",
    ],
    [
        "Strategic",
        "Improved outcomes",
        "STRAT1",
        "Better futures",
        1,
        MAR23,
        None,
        None,
        "Group update",
    ],
    ["", "", "STRAT1.1", "Kinship and foster care increases", 1, MAR23, 47, None, "Behind"],
    ["", "", "STRAT1.2", "Permanence sooner", 1, MAR23, 83, None, "Going well"],
    ["", "", "STRAT1.3", "Secure relationships", 1, MAR23, 66, None, "Going well"],
    ["", "", "STRAT1.4", "Identify care leavers", 1, dt.date(2021, 3, 31), 100, None, "Done"],
    ["", "", "STRAT1.5", "Reduce over-representation", None, MAR23, 66, None, "Going well"],
    [
        "Service Level",
        "Transformational change",
        "SERV1",
        "Change programme",
        2,
        MAR23,
        None,
        None,
        "x",
    ],
    ["", "", "SERV1.1", "Business case", None, dt.date(2021, 3, 31), 100, None, "Approved"],
    ["", "", "SERV1.3", "Commissioning model", 2, dt.date(2022, 3, 31), 66, None, "Procurement"],
]


def write_service_workbook(
    path: Path,
    rows: Sequence[Sequence[Any]] = ROWS,
    headings: Sequence[str] = HEADINGS,
    plan: dict[str, Any] | None = None,
    title_rows: Sequence[Sequence[Any]] = (),
    actions_sheet: str = "Actions",
    plan_sheet: str = "Plan",
) -> Path:
    """Write a service workbook with a Plan sheet and an Actions sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = plan_sheet
    sheet.append(["Field", "Value"])
    for field, value in (PLAN if plan is None else plan).items():
        sheet.append([field, value])
    actions = book.create_sheet(actions_sheet)
    for title in title_rows:
        actions.append(list(title))
    actions.append(list(headings))
    for row in rows:
        actions.append([None if v == "" else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


Q2_FOLDER = "2022-23 Q2"  # where a build writes the papers of the Q2 2022/23 workbooks above
