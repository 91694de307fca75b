"""The command line end to end, on the shipped input/ and on small cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from workbooks import Q2_FOLDER, headings, write_service_workbook

from reportgen.cli import cli


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path, root):
    """A copy of the shipped input/ and templates/ in a scratch folder."""
    shutil.copytree(root / "input", tmp_path / "input")
    shutil.copytree(root / "templates", tmp_path / "templates")
    return tmp_path


def _args(project: Path, *extra: str) -> list[str]:
    return ["--input", str(project / "input"), *extra]


def _build_args(project: Path) -> list[str]:
    return [
        "build",
        *_args(project),
        "--output",
        str(project / "output"),
        "--templates",
        str(project / "templates"),
    ]


def test_build_the_shipped_example(project):
    code, output = run(*_build_args(project))
    assert code == 0, output
    report = project / "output" / Q2_FOLDER / "cfsw-service-plan-performance-report.docx"
    assert "new" in output and report.name in output
    document = Document(report)
    codes = {t.rows[i].cells[0].text for t in document.tables for i in range(len(t.rows))}
    assert {"CFSW SP2023", "STRAT1", "STRAT1.1", "STRAT2.3", "SERV1.4"} <= codes
    assert document.core_properties.title.startswith("2022-23 Quarter to September")
    assert document.core_properties.language == "en-GB"


def test_rebuild_is_byte_identical_and_reported_unchanged(project):
    run(*_build_args(project))
    report = project / "output" / Q2_FOLDER / "cfsw-service-plan-performance-report.docx"
    first = report.read_bytes()
    code, output = run(*_build_args(project))
    assert code == 0
    assert "re-used" in output and "new" not in output and "replaced" not in output
    assert report.read_bytes() == first
    code, output = run(*_build_args(project), "--force")
    assert code == 0
    assert "unchanged" in output and "new" not in output and "replaced" not in output
    assert report.read_bytes() == first


def test_failed_build_writes_nothing_and_keeps_earlier_outputs(project):
    run(*_build_args(project))
    report = project / "output" / Q2_FOLDER / "cfsw-service-plan-performance-report.docx"
    before = report.read_bytes()
    written = sorted(p.name for p in (project / "output").iterdir())
    rows = [
        ["G1", "Group", None, None, None, None, None, None, None],
        ["G1.1", "Child", None, None, None, None, "110%", None, None],
    ]
    write_service_workbook(
        project / "input" / "broken.xlsx",
        rows=rows,
        headings=headings(
            "code",
            "title",
            "section",
            "outcome",
            "priority",
            "due_date",
            "progress",
            "status",
            "update",
            update="Update",
        ),
    )
    code, output = run(*_build_args(project))
    assert code == 1
    assert "Actions!G3" in output and "over 100%" in output
    assert "Nothing was written" in output
    assert report.read_bytes() == before
    assert sorted(p.name for p in (project / "output").iterdir()) == written


def test_validate_json_lists_every_problem_with_its_cell(project):
    write_service_workbook(
        project / "input" / "broken.xlsx",
        rows=[["G1", "Group", "soon"], ["G1.1", "Child", "31/02/2023"]],
        headings=["Action Code", "Action Title", "Due Date"],
    )
    code, output = run("validate", *_args(project), "--json")
    assert code == 1
    payload = json.loads(output)
    broken = next(w for w in payload["workbooks"] if w["file"] == "broken.xlsx")
    assert [(i["cell_ref"], i["type"]) for i in broken["issues"]] == [
        ("Actions!C2", "bad-date"),
        ("Actions!C3", "bad-date"),
    ]
    example = next(w for w in payload["workbooks"] if w["file"] == "cfsw-service-plan.xlsx")
    assert example["errors"] == 0


def test_validate_prints_a_table_and_exits_zero_when_clean(project):
    code, output = run("validate", *_args(project))
    assert code == 0
    assert "cfsw-service-plan.xlsx: 0 errors" in output


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("notes.xlsx", b"Code,Action\n", "not an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "97-2003"),
    ],
)
def test_a_file_that_is_not_a_workbook_stops_with_a_message(project, name, content, fragment):
    (project / "input" / name).write_bytes(content)
    code, output = run(*_build_args(project))
    assert code == 2
    assert fragment in output
    assert "Traceback" not in output


def test_lock_file_is_skipped_with_a_reason(project):
    (project / "input" / "~$cfsw-service-plan.xlsx").write_bytes(b"lock")
    code, output = run(*_build_args(project))
    assert code == 0
    assert "open in Excel" in output


def test_missing_input_folder_and_template_falls_back_to_builtin(tmp_path, project):
    code, output = run("build", "--input", str(tmp_path / "nowhere"))
    assert code == 2 and "not found" in output and "Traceback" not in output
    # a project without its own copy of a template uses the built-in one
    (project / "templates" / "performance-report.docx").unlink()
    code, output = run(*_build_args(project))
    assert code == 0, output


def test_period_option_for_another_quarter_than_the_workbook_is_refused(project):
    code, output = run(*_build_args(project), "--period", "Q3 2022/23")
    assert code == 1, output
    assert "Plan!B7" in output and "reports Q2 2022/23, but the build is for Q3" in output
    assert not (project / "output").exists()
    code, output = run(*_build_args(project), "--period", "Q2 2022/23")
    assert code == 0, output
    code, output = run(*_build_args(project), "--period", "Q9")
    assert code == 2 and "not a reporting period" in output


def test_only_the_committee_pack_renders_its_parts_and_writes_only_the_pack(project):
    code, output = run(*_build_args(project), "--only", "committee-pack")
    assert code == 0, output
    written = sorted(p.name for p in (project / "output" / Q2_FOLDER).iterdir())
    assert written == ["cfsw-service-plan-committee-pack.docx"]
    pack = Document(project / "output" / Q2_FOLDER / written[0])
    assert "APPENDIX I" in "\n".join(p.text for p in pack.paragraphs)
