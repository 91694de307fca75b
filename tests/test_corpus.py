"""The bad-input corpus: every hostile input names its file and cell (or place), exits with the
right code, shows no traceback, and leaves the earlier outputs byte-identical.

Cases are grouped by what they attack; the frame is in corpus.py. More cases live beside the
modules they exercise (test_corpus_*.py)."""

from __future__ import annotations

import json

import pytest
from corpus import Case, Project, copy_project, make_pristine, run_case
from workbooks import write_service_workbook


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Project:
    return make_pristine(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Project:
    return copy_project(pristine, tmp_path / "project")


# --- outputs: names, settings and caches -----------------------------------------------------


def _xlsm_twin(project: Project) -> None:
    write_service_workbook(project.input / "plan.xlsm")


def _case_twin(project: Project) -> None:
    write_service_workbook(project.input / "PLAN.xlsx")


def _toml(text: str):
    def make(project: Project) -> None:
        (project.folder / "reportgen.toml").write_text(text)

    return make


def _corrupt_manifest(content: str):
    def make(project: Project) -> None:
        (project.output / ".cache" / "builds.json").write_text(content)
        project.edit("Actions", G4=110)  # and a real problem, so the build writes nothing

    return make


def _manifest(workbooks: object) -> str:
    return json.dumps({"version": 1, "workbooks": workbooks})


ENTRY = {"key": "k", "kind": "service", "outputs": {}, "issues": [], "skipped_documents": []}
Q2 = "2022-23 Q2"  # the folder of the workbook's period
WHERE_ITS_PLANS_GO = "plan-performance-report.docx"
OUTPUT_CASES = [
    Case("xlsx-and-xlsm-twins", _xlsm_twin, "build", 1,
         ("plan.xlsm", "plan.xlsx", WHERE_ITS_PLANS_GO, "would all be written")),
    Case("names-differing-in-case", _case_twin, "build", 1,
         ("PLAN.xlsx", "plan.xlsx", "would all be written")),
    Case("twins-found-by-validate", _xlsm_twin, "validate", 1,
         ("plan.xlsm", "would all be written")),
    Case("manifest-not-json", _corrupt_manifest("{not json"), "build", 1,
         ("Actions!G4", "over 100%")),
    Case("manifest-wrong-shapes", _corrupt_manifest(_manifest([])), "build", 1, ("Actions!G4",)),
    Case("manifest-bad-entry", _corrupt_manifest(_manifest({"plan.xlsx": {**ENTRY, "key": 1}})),
         "build", 1, ("Actions!G4",)),
    Case("manifest-bad-outputs",
         _corrupt_manifest(_manifest({"plan.xlsx": {**ENTRY, "outputs": "x"}})),
         "build", 1, ("Actions!G4",)),
    Case("manifest-bad-issue",
         _corrupt_manifest(_manifest({"plan.xlsx": {**ENTRY, "issues": [{"severity": "x"}]}})),
         "build", 1, ("Actions!G4",)),
]  # fmt: skip


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=lambda c: c.id)
def test_output_cases(case, project):
    run_case(case, project)


BAD_SETTINGS = [
    ('output_name = "{period}/{workbook"', "output_name"),
    ('output_name = "{period}/{workbook.__class__}{document}"', "output_name"),
    ('output_name = "{period}/{0}{document}"', "output_name"),
    ('output_name = "../{period}/{document}"', "output_name"),
    ('output_name = "{period}/{workbook:>99999999}{document}"', "output_name"),
    ('output_name = "{period}/.{document}"', "output_name"),
    ('output_name = "{period}/CON/{document}"', "output_name"),
    ("output_name = '{period}/{document}\\x'", "output_name"),
    ('templates = "no-such-folder"', "no-such-folder"),
]


@pytest.mark.parametrize(("setting", "named"), BAD_SETTINGS)
def test_bad_settings_stop_the_build_naming_the_setting(project, monkeypatch, setting, named):
    monkeypatch.chdir(project.folder)  # reportgen.toml is read from the current folder
    (project.folder / "reportgen.toml").write_text(setting + "\n")
    before = project.outputs()
    code, output = project.run("build", "--jobs", "1")
    assert code == 2, output
    assert "Traceback" not in output
    assert named in output and "reportgen.toml" in output, output
    assert project.outputs() == before


def test_missing_templates_folder_given_on_the_command_line_is_an_error(project):
    before = project.outputs()
    code, output = project.run(
        "build", "--input", str(project.input), "--output", str(project.output),
        "--templates", str(project.folder / "nowhere"),
    )  # fmt: skip
    assert code == 2 and "nowhere" in output and "does not exist" in output
    assert project.outputs() == before


def test_output_name_without_workbook_and_two_returns(project, monkeypatch):
    monkeypatch.chdir(project.folder)
    (project.folder / "reportgen.toml").write_text('output_name = "{period}/{document}"\n')
    write_service_workbook(project.input / "other.xlsx")
    before = project.outputs()
    code, output = project.build("--only", "performance-report")
    assert code == 1, output
    assert "other.xlsx" in output and "plan.xlsx" in output and "performance-report.docx" in output
    assert project.outputs() == before


def test_a_corrupt_manifest_is_ignored_and_rebuilt(project):
    (project.output / ".cache" / "builds.json").write_bytes(b"\x00\xff garbage")
    code, output = project.build("--only", "performance-report")
    assert code == 0, output
    assert json.loads((project.output / ".cache" / "builds.json").read_text())["version"] == 1


def test_the_summary_says_exactly_what_happened(project):
    papers = project.papers()
    code, output = project.build("--only", "performance-report")
    assert code == 0 and "Built 1 file: 1 re-used" in output, output
    code, output = project.build("--only", "performance-report", "--force")
    assert code == 0 and "Built 1 file: 1 unchanged" in output, output
    project.edit("Actions", G4=50)
    code, output = project.build("--only", "performance-report")
    assert code == 0 and "Built 1 file: 1 replaced" in output, output
    (project.output / Q2 / "plan-performance-report.docx").unlink()
    code, output = project.build("--only", "performance-report")
    assert code == 0 and "Built 1 file: 1 new" in output, output
    assert set(project.papers()) == set(papers)


def test_papers_are_readable_by_colleagues_when_the_umask_says_so(project):
    import os
    import stat

    old = os.umask(0o002)
    try:
        project.edit("Actions", G4=50)
        code, output = project.build("--only", "performance-report")
    finally:
        os.umask(old)
    assert code == 0, output
    mode = stat.S_IMODE((project.output / Q2 / "plan-performance-report.docx").stat().st_mode)
    assert mode == 0o664


def test_a_document_that_cannot_be_replaced_means_nothing_was_written(project, monkeypatch):
    from reportgen.write import transaction

    real = transaction.os.replace

    def locked(source, target):
        if str(target).endswith("plan-performance-report.docx"):
            raise PermissionError(13, "Permission denied", str(target))
        return real(source, target)

    project.edit("Actions", G4=50)
    before = project.outputs()
    monkeypatch.setattr(transaction.os, "replace", locked)
    code, output = project.build("--only", "performance-report")
    assert code == 2, output
    assert "plan-performance-report.docx could not be replaced" in output
    assert "Nothing was written" in output
    assert project.outputs() == before
    assert not (project.output / ".reportgen").exists()


def test_a_damaged_chart_in_the_cache_is_drawn_again(tmp_path, templates_dir):
    from measures_workbooks import write_measures_workbook

    from reportgen import BuildConfig, build

    write_measures_workbook(tmp_path / "input" / "plan.xlsx")
    config = BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        only=("performance-report",),
        jobs=1,
    )
    assert build(config).ok
    [first] = list((tmp_path / "output").rglob("*.docx"))
    good = first.read_bytes()
    charts = sorted((tmp_path / "output" / ".cache" / "charts").glob("*.chart"))
    assert charts
    for chart in charts:  # one bit flipped in the middle: its checksum line still there
        data = bytearray(chart.read_bytes())
        data[len(data) // 2] ^= 0x01
        chart.write_bytes(bytes(data))
    from reportgen.render import charts as chart_module

    chart_module._FOLDER_CACHES.clear()  # as a new run: only the cache on disk
    config.incremental = False
    report = build(config)
    assert report.ok
    assert first.read_bytes() == good  # the charts were drawn again, not taken damaged
