"""The bad-input corpus, workbooks: hostile shapes and cells beyond Excel's limits are read
within bounds and reported on their cell; a file that cannot be read is a failure naming it
(and its part); every other workbook is still checked; earlier outputs stay byte-identical."""

from __future__ import annotations

import pytest
from corpus import Case, Project, copy_project, make_pristine, run_case
from docx import Document
from hostile_workbooks import (
    ACTIONS_PART,
    cell_xml,
    far_corner_cell,
    formatted_rows,
    inflated,
    merged_everything,
    patch,
    replace_in,
)
from workbooks import write_service_workbook

Q2 = "2022-23 Q2"
G4 = b'<c r="G4" t="n"><v>47</v></c>'


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Project:
    return make_pristine(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Project:
    return copy_project(pristine, tmp_path / "project")


def _stored(value: bytes):
    return lambda p: replace_in(
        p.input, ACTIONS_PART, G4, b'<c r="G4" t="n"><v>' + value + b"</v></c>"
    )


def _cell(xml: bytes):
    return lambda p: cell_xml(p.input, xml)


def _prefix(xml: bytes):
    return lambda p: patch(p.input / "plan.xlsx", ACTIONS_PART, lambda data: xml + data)


def _truncate(p: Project) -> None:
    patch(p.input / "plan.xlsx", ACTIONS_PART, lambda data: data[: len(data) // 2])


LONG_TEXT = b'<c r="J4" t="inlineStr"><is><t>' + b"x" * 40_000 + b"</t></is></c>"
DTD = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'
WORKBOOK_CASES = [
    # shapes that cost nothing to read
    Case("far-corner-cell", lambda p: far_corner_cell(p.input), "validate", 0, ("plan.xlsx",)),
    Case("formatted-rows", lambda p: formatted_rows(p.input, 100_000), "validate", 0,
         ("plan.xlsx",)),
    Case("far-corner-build", lambda p: far_corner_cell(p.input), "build", 0, ("Built",), True),
    # cells beyond Excel's limits: problems with their cell
    Case("text-over-excel-limit", _cell(LONG_TEXT), "validate", 1, ("Actions!J4", "32,767")),
    Case("text-over-limit-build", _cell(LONG_TEXT), "build", 1, ("Actions!J4", "32,767")),
    Case("stored-nan", _stored(b"NaN"), "validate", 1, ("Actions!G4", "NaN")),
    Case("stored-infinity", _stored(b"INF"), "validate", 1, ("Actions!G4",)),
    Case("stored-overflow", _stored(b"1e999"), "build", 1, ("Actions!G4",)),
    Case("stored-not-a-number", _stored(b"abc"), "validate", 1, ("Actions!G4", "not a number")),
    Case("cell-beyond-the-sheet", _cell(b'<c r="XFE4"><v>1</v></c>'), "validate", 1,
         ("XFE4", "outside Excel")),
    Case("row-beyond-the-sheet", _cell(b'<c r="A2000000"><v>1</v></c>'), "validate", 1,
         ("A2000000",)),
    Case("missing-shared-text", _cell(b'<c r="J4" t="s"><v>99</v></c>'), "validate", 1,
         ("Actions!J4", "does not hold")),
    Case("merged-everything", lambda p: merged_everything(p.input), "build", 1,
         ("Actions", "merged cells")),
    # files that cannot be read: a failure naming the file and the part
    Case("dtd-in-a-sheet", _prefix(DTD), "validate", 2, ("plan.xlsx", ACTIONS_PART, "DTD")),
    Case("truncated-sheet-xml", _truncate, "build", 2, ("plan.xlsx", ACTIONS_PART, "damaged")),
    Case("inflated-sheet", lambda p: inflated(p.input, 200), "validate", 2,
         ("plan.xlsx", "unzips to more than")),
]  # fmt: skip


@pytest.mark.parametrize("case", WORKBOOK_CASES, ids=lambda c: c.id)
def test_workbook_cases(case, project):
    run_case(case, project)


def test_a_word_line_break_pasted_into_a_cell_prints_as_a_line_break(project):
    replace_in(project.input, ACTIONS_PART, b"<t>Behind</t>", b"<t>Line one_x000B_Line two</t>")
    code, output = project.build("--only", "performance-report")
    assert code == 0, output
    document = Document(project.output / Q2 / "plan-performance-report.docx")
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text == "STRAT1.1")
    text = row.cells[5].text
    assert "Line one" in text and "Line two" in text and "_x000B_" not in text


def test_every_bad_file_is_named_in_one_run_and_the_good_ones_are_checked(project):
    write_service_workbook(project.input / "second.xlsx")
    (project.input / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    patch(project.input / "second.xlsx", ACTIONS_PART, lambda data: data[:100])
    code, output = project.validate()
    assert code == 2, output
    assert "broken.xlsx" in output and "second.xlsx" in output and ACTIONS_PART in output
    assert "plan.xlsx: 0 errors" in output


def test_an_unreadable_file_is_named_and_the_others_still_checked(project, monkeypatch):
    from reportgen.readers import workbook

    real = workbook._open
    write_service_workbook(project.input / "other.xlsx")

    def denied(path):
        if path.name == "other.xlsx":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(workbook, "_open", denied)
    before = project.outputs()
    code, output = project.build("--only", "performance-report")
    assert code == 2, output
    assert "other.xlsx: the file cannot be read (permission denied)" in output
    assert "plan.xlsx" in output
    assert project.outputs() == before


def test_a_bug_met_reading_one_file_names_it_and_writes_a_crash_report(project, monkeypatch):
    from reportgen.pipeline import inputs

    real = inputs.recognise
    write_service_workbook(project.input / "other.xlsx")

    def buggy(workbook):
        if workbook.name == "other.xlsx":
            raise IndexError("list index out of range")
        return real(workbook)

    monkeypatch.setattr(inputs, "recognise", buggy)
    before = project.papers()
    code, output = project.build("--only", "performance-report")
    assert code == 2, output
    flat = " ".join(output.split())
    assert "an unexpected error while reading other.xlsx (IndexError" in flat
    assert "plan.xlsx" in output
    reports = list((project.output / "crash-reports").glob("*.txt"))
    assert len(reports) == 1 and "IndexError" in reports[0].read_text()
    assert str(reports[0].name) in flat
    assert project.papers() == before
