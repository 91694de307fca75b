"""A PDF exists only beside the exact .docx it was made from: a build that changes a document
without --pdf removes its PDF in the same commit, and says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbooks import PLAN, Q2_FOLDER, ROWS, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.cli import cli
from reportgen.errors import OutputError
from reportgen.write import transaction as txn_module
from reportgen.write.output import WriteState
from reportgen.write.transaction import META_DIR, Transaction


def test_a_removal_commits_with_the_outputs_and_is_undone_with_them(tmp_path, monkeypatch):
    root = tmp_path / "out"
    root.mkdir()
    (root / "a.docx").write_bytes(b"old a")
    (root / "a.pdf").write_bytes(b"pdf of old a")
    with Transaction(root) as transaction:
        transaction.stage("a.docx", b"new a")
        transaction.remove("a.pdf")
        transaction.remove("never-there.pdf")
        results = transaction.commit()
    assert [(r.path.name, r.state) for r in results] == [
        ("a.docx", WriteState.REPLACED),
        ("a.pdf", WriteState.REMOVED),
    ]
    assert sorted(p.name for p in root.iterdir()) == ["a.docx"]
    (root / "a.pdf").write_bytes(b"pdf of new a")
    real = os.replace

    def fail(source, target):
        if str(target).endswith("b.docx"):
            raise PermissionError(13, "Permission denied", str(target))
        return real(source, target)

    monkeypatch.setattr(txn_module.os, "replace", fail)
    with pytest.raises(OutputError), Transaction(root) as transaction:
        transaction.remove("a.pdf")
        transaction.stage("b.docx", b"b")
        transaction.commit()
    assert (root / "a.pdf").read_bytes() == b"pdf of new a"  # the removal was undone too
    assert not (root / META_DIR).exists()


def _config(tmp_path: Path, templates_dir: Path) -> BuildConfig:
    write_service_workbook(tmp_path / "input" / "plan.xlsx")
    return BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        history_dir=tmp_path / "history",
        only=("performance-report", "service-plan"),
        jobs=1,
    )


def test_a_changed_document_loses_its_pdf_and_an_unchanged_one_keeps_it(tmp_path, templates_dir):
    config = _config(tmp_path, templates_dir)
    assert build(config).ok
    folder = tmp_path / "output" / Q2_FOLDER
    report_pdf = folder / "plan-performance-report.pdf"
    plan_pdf = folder / "plan-service-plan.pdf"
    report_pdf.write_bytes(b"%PDF of the first report")  # as --pdf would have left them
    plan_pdf.write_bytes(b"%PDF of the plan")
    rows = [list(r) for r in ROWS]
    rows[2][8] = "A new update this week"  # the report changes; the service plan does not
    write_service_workbook(tmp_path / "input" / "plan.xlsx", rows=rows, plan=PLAN)
    second = build(config)
    assert second.ok, second.failure
    states = {r.path.name: r.state for r in second.written}
    assert states["plan-performance-report.docx"] is WriteState.REPLACED
    assert states["plan-performance-report.pdf"] is WriteState.REMOVED
    assert states["plan-service-plan.docx"] is WriteState.UNCHANGED
    assert not report_pdf.exists() and plan_pdf.read_bytes() == b"%PDF of the plan"


def test_the_build_says_which_pdf_went_and_why(tmp_path, templates_dir, monkeypatch):
    config = _config(tmp_path, templates_dir)
    build(config)
    pdf = tmp_path / "output" / Q2_FOLDER / "plan-performance-report.pdf"
    pdf.write_bytes(b"%PDF")
    rows = [list(r) for r in ROWS]
    rows[2][6] = 50
    write_service_workbook(tmp_path / "input" / "plan.xlsx", rows=rows)
    args = ["build", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "output")]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*args, "--only", "performance-report"])
    assert result.exit_code == 0, result.output
    assert "removed   " in result.output and "plan-performance-report.pdf" in result.output
    assert "made from an earlier version of its .docx; --pdf makes it again" in result.output
    assert "1 removed" in result.output
    assert not pdf.exists()
