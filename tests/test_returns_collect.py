"""Collecting returns: issue → fill (as staff would, mistakes included) → collect → build."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from test_returns_issue import Q3, column, make_input

from reportgen import BuildConfig, build
from reportgen.cli import cli
from reportgen.loaders.service import load_service_plan
from reportgen.readers.workbook import open_workbook
from reportgen.returns.annotate import ERROR_FILL, WARNING_FILL
from reportgen.returns.collect import CollectConfig, collect_returns
from reportgen.returns.issue import issue_returns
from reportgen.returns.layout import HEADING_ROW
from reportgen.returns.merge import merged_folder

JOYCE = "cfsw-joyce-johnston-Q3-2022-23.xlsx"
ANDY = "cfsw-andy-doneghan-Q3-2022-23.xlsx"
HEAD = "cfsw-head-of-service-Q3-2022-23.xlsx"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with input/ and the Q3 returns issued into issued/; back/ is empty."""
    make_input(tmp_path / "input")
    assert issue_returns(tmp_path / "input", tmp_path / "issued", Q3).ok
    (tmp_path / "back").mkdir()
    return tmp_path


def fill(
    project: Path, name: str, entries: dict[str, dict[str, Any]], saved_by: str | None = None
) -> Path:
    """Fill an issued return as staff would (openpyxl for Excel) and drop it in back/."""
    book = load_workbook(project / "issued" / name)
    sheet = book["Actions"]
    rows = {sheet.cell(r, 1).value: r for r in range(HEADING_ROW + 1, sheet.max_row + 1)}
    for code, values in entries.items():
        for field, value in values.items():
            sheet.cell(rows[code], column(field)).value = value
    if saved_by:
        book.properties.lastModifiedBy = saved_by
    target = project / "back" / name
    book.save(target)
    return target


def fill_all(project: Path) -> None:
    fill(project, HEAD, {"CFSW SP2023": {"progress": 70, "update": "On track overall"}})
    fill(
        project,
        JOYCE,
        {
            "STRAT1.1": {"progress": 60, "status": "In Progress", "update": "- Six new carers"},
            "STRAT1.2": {"progress": 90, "update": "Panel reviewed 12 plans"},
            "STRAT1.3": {"progress": "75%", "update": "Kinship carers up"},
        },
    )
    fill(project, ANDY, {"SERV1": {"progress": 80, "update": "Two of four done"}})


def collect(project: Path, **options: Any):
    return collect_returns(
        CollectConfig(
            returns_dir=project / "back",
            input_dir=project / "input",
            archive_root=project / "archive",
            **options,
        )
    )


def issues_of(report, name: str) -> list[tuple[str | None, str]]:
    returned = next(r for r in report.returns if r.name == name)
    return [(i.location.cell, i.type) for i in returned.issues]


def docx_text(path: Path) -> str:
    document = Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_round_trip_builds_the_report_with_the_new_quarter(project):
    fill_all(project)
    report = collect(project)
    assert report.ok, [(r.name, [str(i) for i in r.issues]) for r in report.returns]
    merged = project / "input" / "Q3-2022-23" / "cfsw.xlsx"
    assert report.services[0].merged.path == merged
    built = build(BuildConfig(input_dir=merged.parent, output_dir=project / "output"))
    assert built.ok, [str(i) for w in built.workbooks for i in w.issues.errors]
    text = docx_text(project / "output" / "2022-23 Q3" / "cfsw-performance-report.docx")
    assert "Q3 2022/23" in text and "Quarter to December" in text
    for update in ("Six new carers", "Panel reviewed 12 plans", "Two of four done"):
        assert update in text
    assert "60%" in text and "90%" in text and "75%" in text


def test_merged_workbook_keeps_the_original_and_labels_updates(project):
    original = (project / "input" / "cfsw.xlsx").read_bytes()
    fill_all(project)
    collect(project)
    assert (project / "input" / "cfsw.xlsx").read_bytes() == original
    book = load_workbook(project / "input" / "Q3-2022-23" / "cfsw.xlsx")
    plan = {r[0]: r[1] for r in book["Plan"].iter_rows(values_only=True)}
    assert plan["Reporting Period"] == "Q3 2022/23"
    actions = {r[2]: r for r in book["Actions"].iter_rows(min_row=2, values_only=True)}
    assert actions["STRAT1.1"][7:10] == (60, "In Progress", "- Q3 2022/23 - Six new carers")
    assert actions["STRAT1.3"][7] == 75
    assert actions["SERV1.1"][9] == "Q2 2022/23 - @team approved"  # kept, and labelled


def test_merged_formula_like_text_stays_text(project):
    fill_all(project)
    collect(project)
    with zipfile.ZipFile(project / "input" / "Q3-2022-23" / "cfsw.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(r"<f[ >]", archive.read(name).decode()), name


def test_missing_returns_are_reported_and_the_rest_merged(project):
    fill(project, JOYCE, {"STRAT1.1": {"progress": 60, "update": "Better"}})
    report = collect(project)
    service = report.services[0]
    assert service.missing == ["Head of Service", "Andy Doneghan"]
    assert [(i.location.file, i.type) for i in service.issues] == [
        (HEAD, "missing-return"),
        (ANDY, "missing-return"),
    ]
    assert service.merged is not None and report.ok


def test_rows_left_blank_are_warned_not_blocking(project):
    fill(project, JOYCE, {"STRAT1.1": {"progress": 60, "update": "Better"}})
    report = collect(project)
    assert issues_of(report, JOYCE) == [
        ("L4", "no-update"),
        ("L6", "no-update"),
        ("L7", "no-update"),
    ]


def test_conflicting_returns_from_two_people(project):
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90, "update": "Same"}}, saved_by="Joyce")
    copy = fill(project, JOYCE, {"STRAT1.2": {"progress": 80, "update": "Same"}}, saved_by="Pat")
    shutil.move(copy, project / "back" / "forwarded.xlsx")
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90, "update": "Same"}}, saved_by="Joyce")
    report = collect(project)
    conflicts = [
        (r.name, i.location.cell, i.message)
        for r in report.returns
        for i in r.issues
        if i.type == "conflicting-return"
    ]
    assert [(name, cell) for name, cell, _ in conflicts] == [
        (JOYCE, "J6"),
        ("forwarded.xlsx", "J6"),
    ]
    assert "saved by Pat" in conflicts[0][2] and "80" in conflicts[0][2]
    assert not report.ok and report.services[0].merged is None
    assert not (project / "input" / "Q3-2022-23").exists()


def test_a_later_copy_from_the_same_person_replaces_the_earlier(project):
    fill(project, JOYCE, {"STRAT1.2": {"progress": 90}}, saved_by="Joyce")
    first = project / "back" / JOYCE
    shutil.move(first, project / "back" / "first.xlsx")
    fill(project, JOYCE, {"STRAT1.2": {"progress": 95}}, saved_by="Joyce")
    report = collect(project)
    older = next(r for r in report.returns if r.name in ("first.xlsx", JOYCE) and r.superseded_by)
    assert older.superseded_by is not None
    assert not any(i.type == "conflicting-return" for r in report.returns for i in r.issues)


def test_changed_locked_cells_and_codes(project):
    path = fill(project, JOYCE, {"STRAT1.1": {"title": "Fostering", "progress": 60}})
    book = load_workbook(path)
    book["Actions"]["A7"] = "STRAT1.9"  # STRAT1.3's code typed over
    book["Actions"]["A6"] = "SERV1"  # another lead's code
    book.save(path)
    report = collect(project)
    assert issues_of(report, JOYCE) == [
        ("L4", "no-update"),
        ("B5", "locked-changed"),
        ("A6", "unknown-code"),
        ("A7", "unknown-code"),
        (None, "missing-rows"),
    ]
    returned = report.returns[0]
    messages = {i.location.cell: i.message for i in returned.issues}
    assert "issued as 'Foster care'" in messages["B5"]
    assert "issued as STRAT1.3" in messages["A7"]
    assert "issued as STRAT1.2" in messages["A6"]
    assert report.services[0].merged is None


def test_bad_values_and_formulas_are_errors_on_their_cells(project):
    fill(
        project,
        JOYCE,
        {
            "STRAT1.1": {"progress": 110, "update": "x"},
            "STRAT1.2": {"status": "Sort of", "update": "y"},
            "STRAT1.3": {"progress": "=40+20", "update": "z"},
        },
    )
    report = collect(project)
    errors = [(i.location.cell, i.type) for r in report.returns for i in r.issues if i.is_error]
    assert sorted(errors) == [
        ("J5", "bad-percent"),
        ("J7", "formula-without-value"),
        ("K6", "bad-status"),
    ]


def test_annotated_copy_marks_cells_with_comments_and_leaves_the_return(project):
    path = fill(
        project,
        JOYCE,
        {"STRAT1.1": {"progress": 110, "update": "x"}, "STRAT1.2": {"title": "Renamed"}},
    )
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    report = collect(project)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    checked = report.returns[0].checked
    assert checked == project / "back" / "checked" / "cfsw-joyce-johnston-Q3-2022-23-checked.xlsx"
    book = load_workbook(checked)
    assert book.sheetnames[0] == "Problems" and book.active.title == "Problems"
    sheet = book["Actions"]
    assert sheet["J5"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert "over 100" in sheet["J5"].comment.text
    assert "Expected: a whole number from 0 to 100" in sheet["J5"].comment.text
    assert sheet["B6"].fill.fgColor.rgb == WARNING_FILL.fgColor.rgb
    assert "issued as 'Permanence'" in sheet["B6"].comment.text
    summary = list(book["Problems"].iter_rows(min_row=5, values_only=True))
    assert {(r[0], r[1]) for r in summary} >= {
        ("Actions!J5", "Progress % (Q3 2022/23)"),
        ("Actions!B6", "Action Title"),
        ("Actions!L7", "Latest Status Update (Q3 2022/23)"),
    }
    assert book["Problems"]["A5"].hyperlink.location == "'Actions'!J5"
    assert book["Actions"].protection.sheet  # still a return they can fix and send back


def test_fixed_checked_copy_collects_clean_and_drops_the_old_copy(project):
    fill(project, JOYCE, {"STRAT1.1": {"progress": 110, "update": "x"}}, saved_by="Joyce")
    report = collect(project)
    checked = report.returns[0].checked
    book = load_workbook(checked)
    book["Actions"]["J5"] = 60
    for code_row in (4, 6, 7):
        book["Actions"].cell(code_row, column("update")).value = "done"
    book.save(project / "back" / JOYCE)
    again = collect(project)
    assert again.returns[0].issues.items == [] and not checked.exists()


def test_archive_keeps_every_return_unchanged_with_a_manifest(project):
    fill_all(project)
    report = collect(project)
    folder = project / "archive" / "Q3-2022-23"
    assert report.archive_dir == folder
    with (folder / "manifest.csv").open(newline="") as handle:
        manifest = list(csv.DictReader(handle))
    assert sorted(m["file"] for m in manifest) == sorted([ANDY, HEAD, JOYCE])
    for entry in manifest:
        kept = folder / entry["archived_as"]
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == entry["sha256"]
        assert kept.read_bytes() == (project / "back" / entry["file"]).read_bytes()
        assert entry["lead"] and entry["received"] and entry["collected"]
    again = collect(project)
    assert not any(a.added for a in again.archived)
    assert len(list(folder.glob("*.xlsx"))) == 3


def test_a_file_that_is_not_a_return_is_a_failure(project):
    shutil.copy(project / "input" / "cfsw.xlsx", project / "back" / "plan.xlsx")
    fill_all(project)
    report = collect(project)
    failed = [r for r in report.returns if r.failure]
    assert [r.name for r in failed] == ["plan.xlsx"] and "not a return" in failed[0].failure
    assert not report.ok


def test_cli_collect_reports_and_exits_1_on_errors(project, monkeypatch):
    fill(project, JOYCE, {"STRAT1.1": {"progress": 110, "update": "x"}})
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["returns", "collect", "back"])
    assert result.exit_code == 1, result.output
    assert "over 100%" in result.output
    assert "no return from Andy Doneghan" in result.output
    assert "checked copy to send back" in result.output
    assert "not merged" in result.output


def fill_indicators(project: Path, name: str, values: dict[str, tuple[Any, Any]]) -> Path:
    """Fill the Indicators sheet of a return already in back/ (or issued/): code → (value,
    commentary)."""
    source = project / "back" / name
    book = load_workbook(source if source.exists() else project / "issued" / name)
    sheet = book["Indicators"]
    rows = {sheet.cell(r, 1).value: r for r in range(HEADING_ROW + 1, sheet.max_row + 1)}
    for code, (value, commentary) in values.items():
        sheet.cell(rows[code], 8).value = value
        sheet.cell(rows[code], 9).value = commentary
    book.save(source)
    return source


@pytest.fixture
def with_measures(tmp_path: Path) -> Path:
    make_input(tmp_path / "input", measures=True)
    assert issue_returns(tmp_path / "input", tmp_path / "issued", Q3).ok
    (tmp_path / "back").mkdir()
    return tmp_path


def test_indicator_values_merge_into_the_quarter_column(with_measures):
    project = with_measures
    fill_all(project)
    fill_indicators(project, JOYCE, {"CPR01": (40, "Down again")})
    fill_indicators(project, ANDY, {"CPR03": ("42.5%", None)})
    fill_indicators(project, HEAD, {"CPR09": (12, None)})
    report = collect(project)
    assert report.ok, [(r.name, [str(i) for i in r.issues]) for r in report.returns]
    merged = project / "input" / "Q3-2022-23" / "cfsw.xlsx"
    sheet = load_workbook(merged)["Measures"]
    assert [c.value for c in sheet[1]] == [
        "Code", "Indicator", "Unit", "Polarity", "Target", "Q1 2022/23", "Q2 2022/23",
        "Q3 2022/23", "Commentary", "Lead",
    ]  # fmt: skip
    assert [r[7] for r in sheet.iter_rows(min_row=2, values_only=True)] == [40, 42.5, 12]
    assert sheet["I2"].value == "Down again"
    plan = load_service_plan(open_workbook(merged)).plan
    assert {m.code: m.latest.value for m in plan.measures} == {
        "CPR01": 40, "CPR03": 42.5, "CPR09": 12,
    }  # fmt: skip


def test_bad_and_missing_indicator_values(with_measures):
    project = with_measures
    fill(project, ANDY, {"SERV1": {"progress": 80, "update": "x"}})
    fill_indicators(project, ANDY, {"CPR03": (140, None)})
    fill(project, JOYCE, {"STRAT1.1": {"progress": 60, "update": "x"}})
    fill_indicators(project, JOYCE, {"CPR01": ("lots", None)})
    report = collect(project)
    found = [
        (r.name, i.location.sheet, i.location.cell, i.type)
        for r in report.returns
        for i in r.issues
        if i.location.sheet == "Indicators"
    ]
    assert found == [
        (ANDY, "Indicators", "H4", "bad-percent"),
        (JOYCE, "Indicators", "H4", "bad-number"),
    ]


def test_merged_folder_sits_beside_the_originals_quarter_after_quarter():
    assert merged_folder(Path("input"), Q3) == Path("input/Q3-2022-23")
    assert merged_folder(Path("input/Q3-2022-23"), Q3.next) == Path("input/Q4-2022-23")


def test_next_quarter_is_issued_from_the_merged_workbook(project):
    fill_all(project)
    collect(project)
    merged = project / "input" / "Q3-2022-23"
    report = issue_returns(merged, project / "q4", Q3.next)
    assert report.ok
    sheet = load_workbook(project / "q4" / JOYCE.replace("Q3", "Q4"))["Actions"]
    assert sheet.cell(HEADING_ROW, column("last_progress")).value == "Last Progress % (Q3 2022/23)"
    row = [c.value for c in sheet[HEADING_ROW + 2]]
    assert row[0] == "STRAT1.1" and row[column("last_update") - 1] == "- Six new carers"


def test_collect_warns_on_the_returned_cells_what_the_build_would_warn(project):
    fill(
        project,
        JOYCE,
        {
            "STRAT1.1": {"progress": 40, "status": "Completed", "update": "Done"},
            "STRAT1.2": {"due_date": dt.datetime(2022, 11, 30), "status": "In Progress"},
            "STRAT1.3": {"progress": 70, "status": "In Progress", "update": "On track"},
        },
    )
    report = collect(project)
    found = [cell for cell, kind in issues_of(report, JOYCE) if kind == "status-contradiction"]
    assert found == ["K5", "K6"]
    messages = [str(i) for r in report.returns for i in r.issues if r.name == JOYCE]
    assert any("the status is Completed but progress is 40%" in m for m in messages)
    assert any("due 30-Nov-2022, before the period end 31-Dec-2022" in m for m in messages)
    checked = load_workbook(project / "back" / "checked" / JOYCE.replace(".xlsx", "-checked.xlsx"))
    assert checked["Actions"]["K5"].fill.fgColor.rgb.endswith(WARNING_FILL.fgColor.rgb[-6:])


def test_cli_collect_exits_0_when_every_return_is_free_of_errors(project, monkeypatch):
    fill_all(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["returns", "collect", "back"])
    assert result.exit_code == 0, result.output
    assert "✗" not in result.output and "merged" in result.output
