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


def test_init_writes_settings_templates_and_blank_returns(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new"), "--organisation", "Fife"])
    assert result.exit_code == 0, result.output
    new = tmp_path / "new"
    assert sorted(p.name for p in (new / "templates").iterdir()) == sorted(
        p.name for p in builtin_templates_dir().glob("*.docx")
    )
    values, problems = parse_config((new / "reportgen.toml").read_text())
    assert problems == [] and values["organisation"] == "Fife"
    assert build_config(new / "reportgen.toml").input_dir == new / "input"


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


def test_blank_return_is_recognised_and_reports_what_to_fill(tmp_path):
    init_project(tmp_path / "new")
    result = CliRunner().invoke(cli, ["validate", "--input", str(tmp_path / "new" / "input")])
    assert result.exit_code == 1
    assert "blank-service-return.xlsx" in result.output
    assert "does not recognise" not in result.output and "Traceback" not in result.output


def test_init_templates_check_clean(tmp_path, monkeypatch):
    init_project(tmp_path / "new")
    monkeypatch.chdir(tmp_path / "new")
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
