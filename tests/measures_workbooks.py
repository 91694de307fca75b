"""Service workbooks with a Measures sheet, built in code (see workbooks.py for the rest)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from workbooks import write_service_workbook

MEASURE_HEADINGS = [
    "Code",
    "Indicator",
    "Unit",
    "Polarity",
    "Target",
    "Tolerance",
    "Q3 2021/22",
    "Q4 2021/22",
    "Q1 2022/23",
    "Q2 2022/23",
    "Commentary",
    "Lead",
]

# The seed's figures: 44 → 43 on the register, neglect 43% → 41.8%, CEYP 11.8% → 9.9%.
MEASURE_ROWS: list[list[Any]] = [
    ["CPR01", "Children on the Child Protection Register", "Number", "Lower is better",
     None, None, 41, 37, 44, 43, "One fewer than the previous quarter.", "Joyce Johnston"],
    ["CPR03", "% on the register for neglect", "%", "Lower is better",
     40, 3, 41.5, 40.5, 43, 41.8, "Reduced slightly from 43% down to 41.8%.", "Joyce Johnston"],
    ["CJ01", "% of justice cases that are care experienced", "%", "Lower is better",
     10, 2, 11.5, 12.4, 11.8, 9.9, "A slight reduction from 11.8%.", None],
    ["LAC02", "% of siblings placed together", "%", "Higher is better",
     75, 5, 71, 73, 70, 66, None, None],
    ["CPO01", "Children with child protection orders", "Rate per 1,000 of 0-15 population",
     "Lower is better", None, None, None, None, None, None, None, None],
]  # fmt: skip


def write_measures_workbook(
    path: Path,
    rows: Sequence[Sequence[Any]] = MEASURE_ROWS,
    headings: Sequence[str] = MEASURE_HEADINGS,
    formats: dict[str, str] | None = None,
    plan: dict[str, Any] | None = None,
) -> Path:
    """A service workbook (workbooks.py) with a Measures sheet of ``rows`` under ``headings``.

    ``formats`` maps cells such as ``"G3"`` to number formats (``"0.0%"``); ``plan`` replaces
    the Plan sheet's fields."""
    write_service_workbook(path, plan=plan)
    book = load_workbook(path)
    sheet = book.create_sheet("Measures")
    sheet.append(["Performance indicators"])
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path
