"""The bad-input corpus, returns: a return cannot be forged (its hidden details are sealed and
what was issued is recorded in the workspace), returns for another period or service are
refused, copies are ordered by Excel's own saved time, and nothing we write for a spreadsheet
can run as a formula. Each case checks the file named, the exit code, and that input/ and
what was merged before are byte-identical."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_returns_collect import ANDY, JOYCE, collect, fill
from test_returns_issue import Q3, make_input

from reportgen.cli import cli
from reportgen.returns.issue import issue_returns
from reportgen.returns.layout import DETAILS_SHEET, write_value
from reportgen.rules.periods import ReportingPeriod

Q4 = ReportingPeriod.parse("Q4 2022/23")


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A workspace with Q3's returns issued; the commands run in it, as an officer runs them
    (collect keeps each period's figures in the workspace's history/)."""
    monkeypatch.chdir(tmp_path)
    make_input(tmp_path / "input")
    assert issue_returns(tmp_path / "input", tmp_path / "issued", Q3).ok
    (tmp_path / "back").mkdir()
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """The original workbooks of ``folder`` (not the merged copies collect adds below it)."""
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.xlsx"))}


def set_detail(path: Path, field: str, value: str) -> None:
    """Edit the hidden Return Details sheet, as someone who unhides it could."""
    book = load_workbook(path)
    sheet = book[DETAILS_SHEET]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == field)
    row[1].value = value
    book.save(path)


def edit_input(folder: Path, sheet: str, **cells: object) -> None:
    """Edit the input workbook, text that looks like a formula kept as text (as Excel keeps
    text typed with a leading quote)."""
    book = load_workbook(folder / "cfsw.xlsx")
    for ref, value in cells.items():
        book[sheet][ref] = value
        if isinstance(value, str) and value.startswith("="):
            book[sheet][ref].data_type = "s"
    book.save(folder / "cfsw.xlsx")


def saved_at(path: Path, when: str) -> None:
    """Set the time Excel records a workbook was saved (docProps/core.xml), as a later save in
    Excel does; openpyxl would write the time of its own save."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + when.encode() + rb"\g<2>",
                    data,
                )
            target.writestr(item, data)


def run_collect(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["returns", "collect", str(project / "back"), "--input", str(project / "input"),
         "--archive", str(project / "archive")],
    )  # fmt: skip
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


FORGERIES = {
    # field of Return Details → what a forger writes there
    "take-over-codes": ("Issued Codes", "STRAT1\nSTRAT1.1\nSTRAT1.2\nSTRAT1.3\nSERV1\nSERV1.1"),
    "another-lead": ("Lead Officer", "Andy Doneghan"),
    "another-period": ("Period", "Q4 2022/23"),
    "another-workbook": ("Service Workbook", "other.xlsx"),
    "seal-removed": ("Seal", ""),
    "seal-made-up": ("Seal", "0" * 64),
}


@pytest.mark.parametrize("name", sorted(FORGERIES))
def test_an_edited_return_details_sheet_is_refused(project, name):
    field, value = FORGERIES[name]
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90, "update": "Panel"}})
    fill(project, ANDY, {"SERV1": {"progress": 80, "update": "Two of four"}})
    set_detail(project / "back" / JOYCE, field, value)
    before = snapshot(project / "input")
    code, output = run_collect(project)
    assert code == 1, output
    assert f"{JOYCE}:" in output and ("seal" in output or "changed after" in output), output
    assert snapshot(project / "input") == before
    report = collect(project)
    forged = next(r for r in report.returns if r.name == JOYCE)
    assert forged.failure is not None
    andy = next(r for r in report.returns if r.name == ANDY)
    assert andy.failure is None and not andy.issues.errors  # the real owner is unaffected
    merged = load_workbook(project / "input" / "Q3-2022-23" / "cfsw.xlsx")["Actions"]
    progress = {row[2]: row for row in merged.iter_rows(min_row=2, values_only=True)}
    assert 90 not in progress["STRAT1.2"]  # the forged value went nowhere


def test_a_return_from_another_workspace_is_refused(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    make_input(other / "input")
    assert issue_returns(other / "input", other / "issued", Q3).ok
    shutil.copy(other / "issued" / JOYCE, project / "issued" / JOYCE)
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90}})
    fill(project, ANDY, {"SERV1": {"progress": 80}})
    code, output = run_collect(project)
    assert code == 1 and JOYCE in output and "changed after" in output, output


def test_without_the_workspace_key_nothing_is_trusted(project):
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90}})
    (project / ".reportgen" / "returns.key").unlink()
    code, output = run_collect(project)
    assert code == 2 and JOYCE in output and "returns key" in output, output


def test_the_record_of_what_was_issued_is_outside_the_return(project):
    record = project / ".reportgen" / "issued" / "Q3-2022-23.json"
    assert record.is_file() and JOYCE in record.read_text()
    assert (project / ".reportgen" / "returns.key").stat().st_mode & 0o077 == 0


def test_a_return_for_another_period_is_refused(project):
    assert issue_returns(project / "input", project / "issued-q4", Q4).ok
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90}})
    q4 = load_workbook(project / "issued-q4" / JOYCE.replace("Q3", "Q4"))
    q4.save(project / "back" / "late.xlsx")
    result = CliRunner().invoke(
        cli,
        ["returns", "collect", str(project / "back"), "--period", "Q3 2022/23",
         "--input", str(project / "input"), "--archive", str(project / "archive")],
    )  # fmt: skip
    output = " ".join(result.output.split())
    assert result.exit_code == 1 and "late.xlsx: this return is for Q4 2022/23" in output, output


def test_a_return_for_another_service_is_refused(project):
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90}})
    fill(project, ANDY, {"SERV1": {"progress": 80}})
    edit_input(project / "input", "Plan", B3="Adult Social Care")  # same file, another service
    before = snapshot(project / "input")
    code, output = run_collect(project)
    assert code == 1, output
    assert f"{JOYCE}: this return is for Children and Families" in output, output
    assert not (project / "input" / "Q3-2022-23" / "cfsw.xlsx").exists()
    assert snapshot(project / "input") == before


def test_copies_are_ordered_by_excels_own_saved_time(project):
    fill(project, JOYCE, {"STRAT1.2": {"progress": 95, "update": "the later save"}}, saved_by="J")
    later = project / "back" / JOYCE
    book = load_workbook(later)
    book["Actions"].cell(6, 10).value = 91
    book.save(project / "back" / "copy-mailed-later.xlsx")  # the newer file on disk …
    saved_at(later, "2023-01-10T12:00:00Z")
    saved_at(project / "back" / "copy-mailed-later.xlsx", "2023-01-05T09:00:00Z")  # … saved first
    os.utime(later, (1_600_000_000, 1_600_000_000))  # and the later save has the older file date
    report = collect(project)
    older = next(r for r in report.returns if r.superseded_by is not None)
    assert older.name == "copy-mailed-later.xlsx", [(r.name, r.saved_at) for r in report.returns]
    assert older.superseded_by.name == JOYCE


def test_two_spellings_of_a_lead_that_give_one_file_issue_nothing(tmp_path):
    make_input(tmp_path / "input")
    edit_input(tmp_path / "input", "Actions", G3="J. Smith", G7="J Smith")
    result = CliRunner().invoke(
        cli, ["returns", "issue", "--period", "Q3 2022/23", "--input", str(tmp_path / "input"),
              "--output", str(tmp_path / "issued")],
    )  # fmt: skip
    output = " ".join(result.output.split())
    assert result.exit_code == 1, output
    assert "'J. Smith'" in output and "'J Smith'" in output
    assert "cfsw-j-smith-Q3-2022-23.xlsx" in output.replace("- ", "-")
    assert not (tmp_path / "issued").exists()


def test_the_archive_manifest_is_inert_in_a_spreadsheet(project):
    edit_input(project / "input", "Actions", G7='=HYPERLINK("http://x","click")')
    shutil.rmtree(project / "issued")
    assert issue_returns(project / "input", project / "issued", Q3).ok
    issued = sorted((project / "issued").glob("*.xlsx"))
    hostile = next(p for p in issued if "hyperlink" in p.name)
    shutil.copy(hostile, project / "back" / "=cmd.xlsx")
    collect(project)
    with (project / "archive" / "Q3-2022-23" / "manifest.csv").open(newline="") as handle:
        rows_read = list(csv.reader(handle))
    cells = [cell for row in rows_read[1:] for cell in row]
    assert "'=cmd.xlsx" in cells and '\'=HYPERLINK("http://x","click")' in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    report = collect(project)  # the manifest reads back: nothing archived twice
    assert not any(a.added for a in report.archived)


@pytest.mark.parametrize("text", ["=1+1", "+44 1343", "-5 children", "@team", "\tTab", "\rCR"])
def test_every_cell_we_write_that_could_be_a_formula_is_text(tmp_path, text):
    from openpyxl import Workbook

    book = Workbook()
    write_value(book.active["A1"], text)
    book.save(tmp_path / "x.xlsx")
    cell = load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert cell.data_type == "s" and cell.quotePrefix and cell.value == text
