"""Helpers for tests that build documents in a scratch folder and read them back."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from reportgen import BuildConfig, BuildReport, build, validate


def scratch_config(tmp_path: Path, templates_dir: Path) -> BuildConfig:
    """A build from ``tmp_path/input`` into ``tmp_path/output`` with the shipped templates."""
    return BuildConfig(
        input_dir=tmp_path / "input", output_dir=tmp_path / "output", templates_dir=templates_dir
    )


def build_ok(config: BuildConfig) -> BuildReport:
    """Build, failing the test with every problem found when the build did not succeed."""
    report = build(config)
    assert report.ok, (report.failure, [str(i) for w in report.workbooks for i in w.issues])
    return report


def issues_found(config: BuildConfig) -> list[tuple[str, str, str]]:
    """(cell, type, severity) of every issue ``validate`` finds."""
    report = validate(config)
    return [(i.location.ref, i.type, i.severity.value) for w in report.workbooks for i in w.issues]


def merge_states(table, column: int) -> list[str | None]:
    """Each data row's w:vMerge value in grid ``column``: "restart", "continue" or None."""
    states = []
    for tr in table._tbl.tr_lst[1:]:
        tc = tr.tc_lst[column] if column < len(tr.tc_lst) else None
        merge = None if tc is None else tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        states.append(None if merge is None else merge.get(qn("w:val"), "continue"))
    return states
