"""Rebuilding only what changed, and building workbooks in parallel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workbooks import Q2_FOLDER, ROWS, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.pipeline import workbooks as build_module


@pytest.fixture
def project(tmp_path: Path, templates_dir: Path) -> BuildConfig:
    rows = [list(r) for r in ROWS]
    rows[3][6] = 0.5  # a fraction in a plain cell: a warning that must survive re-use
    write_service_workbook(tmp_path / "input" / "a.xlsx", rows=rows)
    write_service_workbook(tmp_path / "input" / "b.xlsx")
    return BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        only=("performance-report",),
        jobs=1,
    )


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    built: list[str] = []
    real = build_module.build_workbook

    def counting(path, config, *args):
        built.append(path.name)
        return real(path, config, *args)

    monkeypatch.setattr(build_module, "build_workbook", counting)
    return built


def _outputs(config: BuildConfig) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in config.output_dir.rglob("*.docx")}


def test_unchanged_returns_reuse_their_outputs_and_keep_their_warnings(project, counted):
    first = build(project)
    assert first.ok and counted == ["a.xlsx", "b.xlsx"]
    before = _outputs(project)
    assert len(before) == 2
    second = build(project)
    assert second.ok and counted == ["a.xlsx", "b.xlsx"]  # nothing rebuilt
    assert _outputs(project) == before
    assert [(r.path.name, r.changed) for r in second.written] == [
        ("a-performance-report.docx", False),
        ("b-performance-report.docx", False),
    ]
    warnings = [(i.location.ref, i.type) for i in second.workbooks[0].issues]
    assert warnings == [(i.location.ref, i.type) for i in first.workbooks[0].issues]
    assert ("Actions!G5", "doubtful-value") in warnings


def test_editing_one_return_rebuilds_only_that_one(project, counted):
    build(project)
    rows = [list(r) for r in ROWS]
    rows[2][6] = 90
    write_service_workbook(project.input_dir / "b.xlsx", rows=rows)
    report = build(project)
    assert counted == ["a.xlsx", "b.xlsx", "b.xlsx"]
    assert {r.path.name: r.changed for r in report.written} == {
        "a-performance-report.docx": False,
        "b-performance-report.docx": True,
    }


def test_a_deleted_or_edited_output_is_rebuilt(project, counted):
    build(project)
    (project.output_dir / Q2_FOLDER / "a-performance-report.docx").unlink()
    (project.output_dir / Q2_FOLDER / "b-performance-report.docx").write_bytes(b"edited in Word")
    report = build(project)
    assert counted[2:] == ["a.xlsx", "b.xlsx"]
    assert all(r.changed for r in report.written)


def test_a_changed_template_or_option_or_force_rebuilds_everything(project, counted, tmp_path):
    build(project)
    project.incremental = False
    build(project)
    assert counted[2:] == ["a.xlsx", "b.xlsx"]
    project.incremental = True
    project.behind_threshold = 30
    build(project)
    assert counted[4:] == ["a.xlsx", "b.xlsx"]


def test_a_corrupt_manifest_only_costs_a_full_build(project, counted):
    build(project)
    (project.build_cache / "builds.json").write_text("{not json")
    assert build(project).ok
    assert counted[2:] == ["a.xlsx", "b.xlsx"]
    assert json.loads((project.build_cache / "builds.json").read_text())["version"] == 1


def test_a_removed_workbook_leaves_the_manifest(project):
    build(project)
    (project.input_dir / "b.xlsx").unlink()
    build(project)
    manifest = json.loads((project.build_cache / "builds.json").read_text())
    assert list(manifest["workbooks"]) == ["a.xlsx"]


def test_parallel_build_gives_the_same_documents_as_sequential(project, tmp_path):
    build(project)
    sequential = _outputs(project)
    project.output_dir = tmp_path / "parallel"
    project.jobs = 2
    report = build(project)
    assert report.ok, report.failure
    assert _outputs(project) == sequential


def test_errors_in_one_workbook_of_a_parallel_build_write_nothing(project, tmp_path):
    write_service_workbook(project.input_dir / "c.xlsx", rows=[["", "", "X1", "t", 9]])
    project.jobs = 2
    report = build(project)
    assert not report.ok
    assert not project.output_dir.exists() or not list(project.output_dir.rglob("*.docx"))
