"""``reportgen check FILE…`` and the one-line check every build prints: a paper with each defect
of issue 16 is named finding by finding, in print and in JSON; a clean build is said to be
clean; the exit code says whether a document fails the regulations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
from accessible_documents import (
    add_picture,
    add_table,
    clean_document,
    save,
    set_table_alt_text,
)
from click.testing import CliRunner
from docx.shared import RGBColor

from reportgen.cli import cli
from reportgen.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def paper_with_every_defect(folder: Path) -> Path:
    """A clerk's paper with the defects issue 16 names: a skipped heading level, a data table
    with no header row or caption, a layout table with a header row, merged cells, a status
    icon read twice, a picture with no alternative text, a status told by colour alone, and
    text too pale to read."""
    document = clean_document()
    document.add_paragraph("Details", style="Heading 4")  # after Heading 2: level 3 skipped
    add_table(document, [["Code", "Status"], ["STRAT1", "Overdue"]], header=False)
    document.add_paragraph("")
    layout = add_table(document, [["Logo", "Council"]], header=True)
    set_table_alt_text(layout, "Layout table: the letterhead")
    document.add_paragraph("")
    merged = add_table(document, [["Code", "Status"], ["STRAT1", "Overdue"], ["x", "y"]])
    set_table_alt_text(merged, "Actions")
    merged.rows[1].cells[0].merge(merged.rows[1].cells[1])
    twice = document.add_paragraph("Completed")
    add_picture(twice, alt="Completed")
    add_picture(document.add_paragraph(""), alt=None)
    dot = document.add_paragraph().add_run("●")
    dot.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    pale = document.add_paragraph().add_run("Progress is behind schedule.")
    pale.font.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    return save(document, folder, "clerk-paper.docx")


def untagged_pdf(folder: Path) -> Path:
    """A PDF made without accessibility: no tags, language, title or PDF/UA identification."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    path = folder / "scanned.pdf"
    pdf.save(path)
    return path


def test_check_names_each_defect_with_its_place(tmp_path):
    paper = paper_with_every_defect(tmp_path)
    code, output = run("check", str(paper))
    assert code == EXIT_PROBLEMS
    assert "clerk-paper.docx: " in output
    code, output = run("check", "--json", str(paper))
    findings = json.loads(output)["documents"][0]["issues"]
    found = {(f["type"], f["place"]) for f in findings}
    assert {
        ("heading-skipped", "paragraph 8"),
        ("table-no-header-row", "table 2"),
        ("table-no-caption", "table 2"),
        ("layout-table-header", "table 3"),
        ("table-merged-cells", "table 4"),
        ("picture-read-twice", "paragraph 11"),
        ("picture-no-alt-text", "paragraph 12"),
        ("colour-only", "paragraph 13"),
        ("low-contrast", "paragraph 14"),
    } == found, sorted(found)


def test_check_names_what_a_pdf_lacks(tmp_path):
    code, output = run("check", "--json", str(untagged_pdf(tmp_path)))
    assert code == EXIT_PROBLEMS
    types = {f["type"] for f in json.loads(output)["documents"][0]["issues"]}
    assert {
        "pdf-not-tagged",
        "pdf-no-language",
        "pdf-no-title",
        "pdf-title-not-shown",
        "pdf-not-pdfua",
    } <= types


def test_a_clean_paper_passes_and_folders_are_searched(tmp_path):
    folder = tmp_path / "papers" / "2022-23 Q2"
    folder.mkdir(parents=True)
    save(clean_document(), folder)
    (folder / "~$paper.docx").write_bytes(b"lock")
    code, output = run("check", str(tmp_path / "papers"))
    assert code == EXIT_OK, output
    assert output.splitlines()[-1] == "accessibility: 1 document checked, no problems"


def test_a_missing_file_stops_and_an_unreadable_one_is_reported(tmp_path):
    code, output = run("check", str(tmp_path / "nowhere.docx"))
    assert code == EXIT_FAILURE and "nowhere.docx" in output
    (tmp_path / "notes.docx").write_text("not a Word document")
    code, output = run("check", str(tmp_path / "notes.docx"))
    assert code == EXIT_PROBLEMS and "notes.docx" in output


def test_every_build_prints_the_check_of_what_it_made(tmp_path, root, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(root / "input", tmp_path / "input")
    args = ["build", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")]
    code, output = run(*args, "--templates", str(root / "templates"))
    assert code == EXIT_OK, output
    assert "accessibility: 6 documents checked, no problems" in output.splitlines()
    (tmp_path / "reportgen.toml").write_text('merge_cells = ["partnership-plan"]\n')
    code, output = run(*args, "--templates", str(root / "templates"), "--force")
    lines = [line for line in output.splitlines() if line.startswith("accessibility:")]
    assert lines and "4 problems in 1 document (0 errors, 4 warnings)" in lines[0], output
    assert "see them with: reportgen check" in lines[0]
