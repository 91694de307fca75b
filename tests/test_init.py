"""reportgen init: a new reporting folder with settings, templates and blank returns."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reportgen.authoring.init import init_project
from reportgen.authoring.shipped import builtin_templates_dir
from reportgen.cli import cli
from reportgen.config import build_config, parse_config
from reportgen.errors import InputError
from reportgen.layouts import workbook_kinds


def test_init_writes_settings_and_blank_returns_and_no_templates(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new"), "--organisation", "Fife"])
    assert result.exit_code == 0, result.output
    new = tmp_path / "new"
    assert list((new / "templates").iterdir()) == []  # the built-ins are used until copied
    values, problems = parse_config((new / "reportgen.toml").read_text())
    assert problems == [] and values["organisation"] == "Fife"
    assert build_config(new / "reportgen.toml").input_dir == new / "input"
    assert "Plan sheet (Service, Plan Title, Reporting Period)" in result.output


def test_init_then_build_exits_0_and_says_what_to_fill(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["init", "."]).exit_code == 0
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert "skipped blank-service-return.xlsx: not filled in yet" in result.output
    assert "the Plan sheet's Service and Plan Title" in result.output
    assert "Nothing to build yet" in result.output
    assert not list((tmp_path / "output").rglob("*.docx"))


def test_a_filled_blank_return_builds_with_its_optional_sheets_left_blank(tmp_path, monkeypatch):
    init_project(tmp_path)
    path = tmp_path / "input" / "blank-service-return.xlsx"
    book = load_workbook(path)
    plan = book["Plan"]
    for row in plan.iter_rows(min_row=2):
        row[1].value = {
            "Service": "Youth Justice",
            "Plan Title": "Youth Justice Plan",
            "Reporting Period": "Q1 2023/24",
        }.get(row[0].value)
    actions = book["Actions"]
    headings = [c.value for c in actions[1]]
    actions.append([{"Action Code": "YJ1", "Action Title": "Early help"}.get(h) for h in headings])
    book.save(path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert "blank-service-return.xlsx: 0 errors, 0 warnings" in result.output
    built = sorted(p.name for p in (tmp_path / "output" / "2023-24 Q1").iterdir())
    assert built == [
        "blank-service-return-performance-report.docx",
        "blank-service-return-service-plan.docx",
    ]
    assert "committee-report for blank-service-return.xlsx: the workbook's Report sheet" in (
        result.output
    )


def test_templates_copy_copies_only_what_is_asked_and_keeps_edits(tmp_path, monkeypatch):
    init_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["templates", "copy", "performance-report"])
    assert result.exit_code == 0, result.output
    copied = tmp_path / "templates" / "performance-report.docx"
    assert [p.name for p in (tmp_path / "templates").iterdir()] == [copied.name]
    assert copied.read_bytes() == (builtin_templates_dir() / copied.name).read_bytes()
    copied.write_bytes(b"edited")
    again = CliRunner().invoke(cli, ["templates", "copy", "performance-report"])
    assert again.exit_code == 2 and "already there" in again.output
    assert copied.read_bytes() == b"edited"
    assert CliRunner().invoke(cli, ["templates", "copy", "budget"]).exit_code == 2


def test_blank_return_has_each_sheet_and_heading_from_the_schema(tmp_path):
    init_project(tmp_path / "new")
    for kind in workbook_kinds():
        if not kind.sheets:
            continue
        book = load_workbook(tmp_path / "new" / "input" / f"blank-{kind.name}-return.xlsx")
        assert book.sheetnames == [s.name for s in kind.sheets]
        for spec in kind.sheets:
            sheet = book[spec.name]
            if spec.field_value:
                got = [c.value for c in sheet["A"]]
                assert got == ["Field", *(f.heading for f in spec.fields)]
            else:
                assert [c.value for c in sheet[1]] == [f.heading for f in spec.fields]


def test_init_templates_check_clean(tmp_path, monkeypatch):
    init_project(tmp_path / "new")
    monkeypatch.chdir(tmp_path / "new")
    CliRunner().invoke(cli, ["templates", "copy", "performance-report"])
    result = CliRunner().invoke(cli, ["templates", "check"])
    assert result.exit_code == 0, result.output
    assert "templates/performance-report.docx" in result.output


def test_init_refuses_a_folder_with_files_unless_forced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="already has files"):
        init_project(tmp_path)
    written = init_project(tmp_path, force=True)
    assert tmp_path / "reportgen.toml" in written
    assert (tmp_path / "notes.txt").read_text() == "mine"
