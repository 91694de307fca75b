"""Issuing returns: one Excel file per lead officer, protected, with drop-downs and validation."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from workbooks import headings, write_service_workbook

from reportgen.cli import cli
from reportgen.returns.issue import issue_returns
from reportgen.returns.layout import COLUMNS, DETAILS_SHEET, HEADING_ROW, INSTRUCTIONS_SHEET
from reportgen.rules.periods import ReportingPeriod

Q3 = ReportingPeriod.parse("Q3 2022/23")
MAR23 = dt.date(2023, 3, 31)
HEADINGS = headings(
    "section",
    "outcome",
    "code",
    "title",
    "priority",
    "due_date",
    "lead",
    "progress",
    "status",
    "update",
    lead="Lead Officer",
)
ROWS = [
    ["", "", "CFSW SP2023", "Service Plan", None, None, "Head of Service", None, None, "Whole"],
    ["Strategic", "Outcomes", "STRAT1", "Better futures", 1, MAR23, "Joyce Johnston", None, None,
     "Group update"],
    ["", "", "STRAT1.1", "Foster care", 1, MAR23, "", 47, None, "Q2 2022/23 - Behind"],
    ["", "", "STRAT1.2", "Permanence", 2, MAR23, "joyce  johnston", 83, None,
     "- Recruited carers\n- Panel met"],
    ["", "", "STRAT1.3", "Relationships", 1, MAR23, "Joyce Johnston", 66, None,
     "=SUM(A1) is how the figure was worked out"],
    ["Service Level", "Change", "SERV1", "Change programme", 2, MAR23, "Andy Doneghan", None,
     None, "+44 1343 563999 is the helpline"],
    ["", "", "SERV1.1", "Business case", 3, MAR23, "", 100, "Completed", "@team approved"],
    ["", "", "SERV1.2", "Commissioning", 2, MAR23, "", 40, None, "Procurement under way"],
]  # fmt: skip


def column(name: str) -> int:
    """The 1-based column of a return column, by name."""
    return [c.name for c in COLUMNS].index(name) + 1


MEASURES = [
    ["Code", "Indicator", "Unit", "Polarity", "Target", "Q1 2022/23", "Q2 2022/23", "Commentary",
     "Lead"],
    ["CPR01", "Children on the register", "Number", "Lower is better", None, 44, 43, "Steady",
     "Joyce Johnston"],
    ["CPR03", "% re-registered", "%", "Lower is better", 40, 43, 41.8, None, "Andy Doneghan"],
    ["CPR09", "Reviews on time", "Number", "Higher is better", None, 10, None, None, None],
]  # fmt: skip


def make_input(folder: Path, measures: bool = False, rows: list[list] = ROWS) -> Path:
    """An input folder holding one small Q2 2022/23 service workbook with three leads (and
    updates that start like formulas, stored as text as Excel stores them); with a Measures
    sheet of three indicators when ``measures``."""
    path = write_service_workbook(folder / "cfsw.xlsx", rows, HEADINGS)
    book = load_workbook(path)
    for row in book["Actions"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    if measures:
        sheet = book.create_sheet("Measures")
        for row in MEASURES:
            sheet.append(row)
    book.save(path)
    return folder


@pytest.fixture
def issued(tmp_path: Path):
    report = issue_returns(make_input(tmp_path / "input"), tmp_path / "issued", Q3)
    assert report.ok
    return {i.lead: i.path for i in report.issued}


def rows_of(path: Path) -> list[tuple]:
    sheet = load_workbook(path)["Actions"]
    return list(sheet.iter_rows(min_row=HEADING_ROW + 1, values_only=True))


def test_one_return_per_lead_holding_only_their_rows(issued):
    assert sorted(issued) == ["Andy Doneghan", "Head of Service", "Joyce Johnston"]
    assert issued["Joyce Johnston"].name == "cfsw-joyce-johnston-Q3-2022-23.xlsx"
    codes = [r[0] for r in rows_of(issued["Joyce Johnston"])]
    assert codes == ["STRAT1", "STRAT1.1", "STRAT1.2", "STRAT1.3"]  # 1.1 inherits its group's
    assert [r[0] for r in rows_of(issued["Andy Doneghan"])] == ["SERV1", "SERV1.2"]  # 1.1 done


def test_one_return_per_service(tmp_path):
    report = issue_returns(make_input(tmp_path / "in"), tmp_path / "out", Q3, by="service")
    assert [i.path.name for i in report.issued] == ["cfsw-Q3-2022-23.xlsx"]
    assert len(rows_of(report.issued[0].path)) == 7  # eight rows, SERV1.1 completed
    assert report.closed == ["SERV1.1"]


def test_completed_and_cancelled_rows_are_issued_only_when_asked(tmp_path):
    rows = [*ROWS, ["", "", "SERV1.3", "Old idea", 3, MAR23, "Ann Lee", 20, "Cancelled", "Dropped"]]
    make_input(tmp_path / "in", rows=rows)
    report = issue_returns(tmp_path / "in", tmp_path / "out", Q3)
    assert report.ok, [str(i) for s in report.sources for i in s.issues]
    assert report.closed == ["SERV1.1", "SERV1.3"]
    assert "Ann Lee" not in {i.lead for i in report.issued}  # nothing open: no return
    every = issue_returns(tmp_path / "in", tmp_path / "all", Q3, include_closed=True)
    andy = next(i for i in every.issued if i.lead == "Andy Doneghan")
    assert [r[0] for r in rows_of(andy.path)] == ["SERV1", "SERV1.1", "SERV1.2"]
    assert "Ann Lee" in {i.lead for i in every.issued}


def test_issuing_again_never_replaces_a_sent_return_without_force(tmp_path, monkeypatch):
    make_input(tmp_path / "input")
    monkeypatch.chdir(tmp_path)
    args = ["returns", "issue", "--period", "Q3 2022/23"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    sent = tmp_path / "returns/Q3-2022-23/issued/cfsw-joyce-johnston-Q3-2022-23.xlsx"
    sent.write_bytes(b"being filled in")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2, again.output
    assert (
        "issued already" in again.output and "cfsw-joyce-johnston-Q3-2022-23.xlsx" in again.output
    )
    assert sent.read_bytes() == b"being filled in"
    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert sent.read_bytes().startswith(b"PK")


def test_issue_and_collect_read_the_input_folder_from_reportgen_toml(tmp_path, monkeypatch):
    make_input(tmp_path / "returns-in")
    (tmp_path / "reportgen.toml").write_text('input = "returns-in"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["returns", "issue", "--period", "Q3 2022/23"])
    assert result.exit_code == 0, result.output
    assert "Issued 3 returns" in result.output
    issued = tmp_path / "returns" / "Q3-2022-23" / "issued"
    collected = CliRunner().invoke(cli, ["returns", "collect", str(issued)])
    assert "returns-in/Q3-2022-23/cfsw.xlsx" in collected.output, collected.output


def test_prefilled_with_plan_and_last_quarter(issued):
    row = rows_of(issued["Joyce Johnston"])[1]
    values = dict(zip([c.name for c in COLUMNS], row, strict=True))
    assert values["title"] == "Foster care"
    assert values["priority"] == "1 - High"
    assert values["due_date"].date() == MAR23
    assert values["last_progress"] == 47
    assert values["last_status"] == "Check Progress"
    assert values["last_update"] == "Behind"
    assert (values["progress"], values["status"], values["update"]) == (None, None, None)


def test_headings_title_and_instructions_name_period_and_lead(issued):
    book = load_workbook(issued["Joyce Johnston"])
    sheet = book["Actions"]
    assert "Q3 2022/23" in sheet["A1"].value and "Joyce Johnston" in sheet["A1"].value
    headings = [c.value for c in sheet[HEADING_ROW]]
    assert "Progress % (Q3 2022/23)" in headings and "Last Update (Q2 2022/23)" in headings
    text = " ".join(str(c.value) for row in book[INSTRUCTIONS_SHEET].iter_rows() for c in row)
    assert "October 2022 to December 2022" in text and "Joyce Johnston" in text
    assert book[DETAILS_SHEET].sheet_state == "veryHidden"
    assert book.sheetnames == ["Actions", INSTRUCTIONS_SHEET, DETAILS_SHEET]  # no Measures sheet


def test_codes_locked_entries_open_and_header_frozen(issued):
    sheet = load_workbook(issued["Joyce Johnston"])["Actions"]
    assert sheet.protection.sheet is True and not sheet.protection.password
    assert sheet.freeze_panes == f"C{HEADING_ROW + 1}"
    row = HEADING_ROW + 1
    locked = {c.name: sheet.cell(row, column(c.name)).protection.locked for c in COLUMNS}
    assert [n for n, is_locked in locked.items() if not is_locked] == [
        "priority",
        "due_date",
        "progress",
        "status",
        "update",
    ]
    assert sheet.cell(row, column("progress")).fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.cell(row, column("last_update")).alignment.wrap_text
    assert sheet.column_dimensions["L"].width == 60


def test_dropdowns_and_validation(issued):
    sheet = load_workbook(issued["Joyce Johnston"])["Actions"]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    last = HEADING_ROW + 4
    status = rules[f"K{HEADING_ROW + 1}:K{last}"]
    assert status.type == "list" and "Check Progress" in status.formula1
    assert "Completed" in status.formula1
    assert rules[f"E{HEADING_ROW + 1}:E{last}"].formula1.startswith('"1 - High,')
    progress = rules[f"J{HEADING_ROW + 1}:J{last}"]
    assert (progress.type, progress.formula1, progress.formula2) == ("decimal", "0", "100")
    assert rules[f"F{HEADING_ROW + 1}:F{last}"].type == "date"
    assert all(r.showErrorMessage for r in rules.values())


def test_formula_like_text_is_written_as_text(issued):
    for path in issued.values():
        with zipfile.ZipFile(path) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
            assert sheets
            for name in sheets:
                assert not re.search(r"<f[ >]", archive.read(name).decode()), (path, name)
    updates = [r[column("last_update") - 1] for r in rows_of(issued["Joyce Johnston"])]
    assert "=SUM(A1) is how the figure was worked out" in updates
    assert "- Recruited carers\n- Panel met" in updates
    andy = [r[column("last_update") - 1] for r in rows_of(issued["Andy Doneghan"])]
    assert andy == ["+44 1343 563999 is the helpline", "Procurement under way"]


def test_quote_prefix_marks_formula_like_text(issued):
    sheet = load_workbook(issued["Andy Doneghan"])["Actions"]
    cell = sheet.cell(HEADING_ROW + 1, column("last_update"))
    assert cell.data_type == "s" and cell.quotePrefix


def test_period_not_after_the_workbook_is_an_error_and_nothing_written(tmp_path):
    report = issue_returns(make_input(tmp_path / "in"), tmp_path / "out", Q3.previous)
    assert not report.ok
    assert [(i.type, i.location.sheet) for i in report.sources[0].issues] == [
        ("period-not-after", "Plan")
    ]
    assert not (tmp_path / "out").exists()


def test_workbook_with_errors_issues_nothing(tmp_path):
    rows = [*ROWS[:4], ["", "", "STRAT1.4", "Bad", 1, MAR23, "", "110%", None, ""]]
    write_service_workbook(tmp_path / "in" / "cfsw.xlsx", rows, HEADINGS)
    report = issue_returns(tmp_path / "in", tmp_path / "out", Q3)
    assert [(i.location.cell, i.type) for i in report.sources[0].issues.errors] == [
        ("H6", "bad-percent")
    ]
    assert report.issued == [] and not (tmp_path / "out").exists()


def test_cli_issue(tmp_path, monkeypatch):
    make_input(tmp_path / "input")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["returns", "issue", "--period", "Q3 2022/23"])
    assert result.exit_code == 0, result.output
    assert "Issued 3 returns for Q3 2022/23" in result.output
    assert (tmp_path / "returns/Q3-2022-23/issued/cfsw-andy-doneghan-Q3-2022-23.xlsx").is_file()


def test_indicators_sheet_per_lead_with_last_value_and_rules(tmp_path):
    inputs = make_input(tmp_path / "in", measures=True)
    report = issue_returns(inputs, tmp_path / "out", Q3)
    by_lead = {i.lead: i for i in report.issued}
    assert {lead: i.indicators for lead, i in by_lead.items()} == {
        "Head of Service": 1,  # CPR09 has no lead: the plan's
        "Joyce Johnston": 1,
        "Andy Doneghan": 1,
    }
    book = load_workbook(by_lead["Andy Doneghan"].path)
    assert book.sheetnames[:2] == ["Actions", "Indicators"]
    sheet = book["Indicators"]
    headings = [c.value for c in sheet[HEADING_ROW]]
    assert headings[6:8] == ["Last Value (Q2 2022/23)", "Value (Q3 2022/23)"]
    row = [c.value for c in sheet[HEADING_ROW + 1]]
    assert row[:7] == ["CPR03", "% re-registered", "%", "Lower is better", "40%", "Andy Doneghan",
                       41.8]  # fmt: skip
    assert sheet.protection.sheet and not sheet.cell(HEADING_ROW + 1, 8).protection.locked
    rule = sheet.data_validations.dataValidation[0]
    assert (str(rule.sqref), rule.formula1, rule.formula2) == ("H4", "0", "100")


def test_indicator_with_blank_polarity_is_issued_with_a_blank_polarity(tmp_path):
    """A Measures row with no Polarity builds (no status or trend); issuing it must work too."""
    inputs = make_input(tmp_path / "in", measures=True)
    book = load_workbook(inputs / "cfsw.xlsx")
    book["Measures"]["D2"] = None  # CPR01's polarity
    book.save(inputs / "cfsw.xlsx")
    report = issue_returns(inputs, tmp_path / "out", Q3)
    assert report.ok
    joyce = next(i for i in report.issued if i.lead == "Joyce Johnston")
    row = [c.value for c in load_workbook(joyce.path)["Indicators"][HEADING_ROW + 1]]
    assert row[:4] == ["CPR01", "Children on the register", "Number", None]
