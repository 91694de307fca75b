"""The bad-input corpus, values: numbers and dates that cannot lie. NaN, infinity and figures
too large to be real are errors on their cell; two-digit and implausible years are warnings
that say which year was read; the plan row is found without a Plan Code, and says so."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from corpus import Case, Project, copy_project, make_pristine, run_case
from docx import Document
from measures_workbooks import write_measures_workbook
from openpyxl import load_workbook
from workbooks import PLAN

Q2 = "2022-23 Q2"


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Project:
    return make_pristine(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Project:
    return copy_project(pristine, tmp_path / "project")


def _actions(**cells):
    return lambda p: p.edit("Actions", **cells)


def _plan(field: str, value: object):
    def make(project: Project) -> None:
        book = load_workbook(project.workbook)
        sheet = book["Plan"]
        row = next((r for r in sheet.iter_rows() if r[0].value == field), None)
        if row is None:
            sheet.append([field, value])
        else:
            row[1].value = value
        book.save(project.workbook)

    return make


def _measure_value(value: object):
    def make(project: Project) -> None:
        write_measures_workbook(project.workbook)
        book = load_workbook(project.workbook)
        book["Measures"]["J3"] = value  # CPR01's Q2 2022/23
        book.save(project.workbook)

    return make


NOT_PERCENT = ("Actions!G4", "not a percentage")
VALUE_CASES = [
    Case("progress-nan-typed", _actions(G4="NaN"), "validate", 1, NOT_PERCENT),
    Case("progress-infinity-typed", _actions(G4="inf%"), "validate", 1, ("Actions!G4",)),
    Case("progress-nan-build", _actions(G4="nan"), "build", 1, ("Actions!G4",)),
    Case("budget-infinity", _plan("Revenue Budget", "inf"), "validate", 1,
         ("Plan!B", "not a number")),
    Case("budget-overflow", _plan("Revenue Budget", "1e400"), "build", 1, ("Plan!B",)),
    Case("budget-too-large", _plan("Revenue Budget", 1e20), "validate", 1,
         ("Plan!B", "too large")),
    Case("fte-nan", _plan("FTE", "NaN"), "validate", 1, ("Plan!B", "not a number")),
    Case("measure-nan", _measure_value("NaN"), "validate", 1, ("Measures!J3",)),
    Case("measure-infinity", _measure_value("-Infinity"), "build", 1, ("Measures!J3",)),
    Case("measure-too-large", _measure_value(1e300), "validate", 1, ("Measures!J3", "too large")),
    Case("two-digit-year", _actions(F4="31/03/99"), "validate", 0, ("Actions!F4", "read as 1999")),
    Case("two-digit-year-2029", _actions(F4="31/03/29"), "validate", 0, ("Actions!F4", "2029")),
    Case("implausible-year", _actions(F4=dt.date(1900, 1, 1)), "validate", 0,
         ("Actions!F4", "1900")),
    Case("implausible-text-year", _actions(F4="31/03/2923"), "validate", 0, ("Actions!F4", "2923")),
    Case("period-end-two-digits", _plan("Period End", "30/09/22"), "validate", 0,
         ("Plan!B", "2022")),
]  # fmt: skip


@pytest.mark.parametrize("case", VALUE_CASES, ids=lambda c: c.id)
def test_value_cases(case, project):
    run_case(case, project)


def test_the_plan_row_is_found_without_a_plan_code(project):
    plan = {k: v for k, v in PLAN.items() if k != "Plan Code"}
    from workbooks import write_service_workbook

    write_service_workbook(project.workbook, plan=plan)
    code, output = project.build("--only", "performance-report")
    assert code == 0, output
    flat = " ".join(output.split())
    assert "no Plan Code" in flat and "CFSW SP2023" in flat and "Actions!C2" in flat
    document = Document(project.output / Q2 / "plan-performance-report.docx")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    parts = [h.split(" ", 1)[1] for h in headings if re.match(r"^\d+\. ", h)]
    assert parts[1:] == [
        "STRATEGIC ACTIONS",
        "SERVICE LEVEL ACTIONS",
    ]  # no section of its own for the plan row, and no renumbering
    overall = [[c.text for c in row.cells][:2] for row in document.tables[1].rows]
    assert overall[1] == ["CFSW SP2023", "Service Plan 2020-23"]
