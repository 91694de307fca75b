"""The improvement programme (seed 004): workbooks built in code, documents read back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from documents import build_ok, issues_found, merge_states, scratch_config
from docx import Document
from fidelity import document_text
from openpyxl import Workbook

from reportgen import validate

HEADINGS = ["Workstream", "Ref", "Outcome", "Activity", "When?", "Who?", "Measures of Success"]
FRONT_DOOR = "Implement and embed the redesign of the social care front door"
ROWS = [
    [
        "Prevention and Demand Management",
        "2.3",
        FRONT_DOOR,
        "MASH governance arrangements in place",
        "April 2017",
        "Children's Services Programme Manager",
        "• Rate of referrals is less than 46 per 10,000\n• More than 30% of contacts converted",
    ],
    [None, None, None, "Monitor and report to SMT", "Quarterly", None, None],
    [None, None, None, "Use data to target teams", "Ongoing", "Head of Wellbeing", None],
    [None, None, None, "MASH review", dt.datetime(2017, 11, 1), None, None],
]
MERGES = ("A3:A6", "B3:B6", "C3:C6", "F3:F4", "G3:G6")


def write_programme(
    path: Path,
    rows=ROWS,
    merge: tuple[str, ...] = MERGES,
    introduction: dict[str, str] | None = None,
) -> Path:
    """A programme workbook: a title row, the headings, ``rows`` and the ``merge`` ranges."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Programme"
    sheet.append(["Continuous Improvement Plan"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    if introduction is not None:
        intro = book.create_sheet("Introduction")
        intro.append(["Field", "Value"])
        for field, value in introduction.items():
            intro.append([field, value])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _build(tmp_path: Path, templates_dir: Path, merged: bool = False, **workbook) -> Document:
    """Build the workbook; ``merged``: the council's look, cells that carry on merged."""
    write_programme(tmp_path / "input" / "cip.xlsx", **workbook)
    config = scratch_config(tmp_path, templates_dir)
    if merged:
        config.merge_cells = frozenset({"improvement-programme"})
    build_ok(config)
    return Document(tmp_path / "output" / "cip-improvement-programme.docx")


def _issues(tmp_path: Path, templates_dir: Path, **workbook) -> list[tuple[str, str, str]]:
    write_programme(tmp_path / "input" / "cip.xlsx", **workbook)
    return issues_found(scratch_config(tmp_path, templates_dir))


def test_activity_dates_come_out_as_typed(tmp_path, templates_dir):
    (table,) = _build(tmp_path, templates_dir).tables
    whens = [row.cells[3].text for row in table.rows[1:5]]
    assert whens == ["April 2017", "Quarterly", "Ongoing", "November 2017"]


def test_ref_outcome_and_who_repeat_on_every_row_by_default(tmp_path, templates_dir):
    (table,) = _build(tmp_path, templates_dir).tables
    assert table.rows[0].cells[0].text == "Ref"
    assert [r.cells[0].text for r in table.rows[1:5]] == ["2.3"] * 4
    assert [r.cells[1].text for r in table.rows[1:5]] == [FRONT_DOOR] * 4
    who = [r.cells[4].text for r in table.rows[1:5]]
    assert who == ["Children's Services Programme Manager"] * 2 + ["Head of Wellbeing"] * 2
    for column in range(5):
        assert merge_states(table, column) == [None] * 5
    assert not table._tbl.xpath(".//w:gridSpan")  # no cell spans columns either


def test_ref_outcome_and_who_are_merged_down_their_rows_when_set(tmp_path, templates_dir):
    (table,) = _build(tmp_path, templates_dir, merged=True).tables
    assert table.rows[0].cells[1].text == "Outcome we are trying to achieve"
    assert table.rows[1].cells[0].text == "2.3"
    assert table.rows[1].cells[1].text == FRONT_DOOR
    for column in (0, 1):
        assert merge_states(table, column)[:4] == ["restart", "continue", "continue", "continue"]
    assert merge_states(table, 4)[:4] == ["restart", "continue", "restart", "continue"]
    who = [table.rows[i].cells[4].text for i in (1, 3)]
    assert who == ["Children's Services Programme Manager", "Head of Wellbeing"]


def test_activities_and_measures_are_word_bullets(tmp_path, templates_dir):
    (table,) = _build(tmp_path, templates_dir).tables
    activity = table.rows[1].cells[2].paragraphs
    assert [(p.text, p.style.name) for p in activity] == [
        ("MASH governance arrangements in place", "List Bullet")
    ]
    label = table.rows[5].cells[1].paragraphs[0]
    assert label.text == "Measures of success:" and label.runs[0].bold
    measures = table.rows[5].cells[2].paragraphs
    assert [(p.text, p.style.name) for p in measures] == [
        ("Rate of referrals is less than 46 per 10,000", "List Bullet"),
        ("More than 30% of contacts converted", "List Bullet"),
    ]


def test_workstream_heading_and_introduction(tmp_path, templates_dir):
    introduction = {
        "Title": "Children's Services Continuous Improvement Plan",
        "Date": "September 2017",
        "Governance": "The delivery of priorities:\n1. Prevention and Demand Management",
    }
    document = _build(tmp_path, templates_dir, introduction=introduction)
    texts = [(p.text, p.style.name) for p in document.paragraphs if p.text]
    assert texts[:5] == [
        ("Children's Services Continuous Improvement Plan - September 2017", "Title"),
        ("Governance", "Heading 1"),
        ("The delivery of priorities:", "Normal"),
        ("Prevention and Demand Management", "List Number"),  # numbered by Word: "1."
        ("Programme Plan", "Heading 1"),
    ]
    assert ("Prevention and Demand Management", "Heading 2") in texts
    assert ("Overview and introduction", "Heading 1") not in texts


def test_measures_typed_one_per_row_are_listed_once_each(tmp_path, templates_dir):
    rows = [
        ["", "1.1", "Partners", "• Research models", "November 2017", "Lead", "Taskforce set up"],
        [None, None, None, "• Agree value", "January 2018", None, "New specification"],
        [None, None, None, "Plan to include:", None, None, "Taskforce set up"],
    ]
    (table,) = _build(tmp_path, templates_dir, rows=rows, merge=()).tables
    assert table.rows[4].cells[1].text == "Measures of success:"
    measures = [p.text for p in table.rows[4].cells[2].paragraphs]
    assert measures == ["Taskforce set up", "New specification"]
    assert table.rows[3].cells[2].paragraphs[0].style.name == "Normal"


def test_lists_typed_with_numbers_and_letters_are_word_lists(tmp_path, templates_dir):
    overview = "\n".join(
        [
            "A position where the whole system works to:",
            "1. Reduce the need for intervention",
            "2. Ensure intervention is effective",
            "a) Too much work is coming in.",
            "• A bullet under it",
            "b) We are not yet consistent.",
            "1. A new list starts again",
            "4. A number out of sequence stays as typed",
            "J. Smith said so.",
        ]
    )
    introduction = {"Title": "Plan", "Overview and introduction": overview}
    _build(tmp_path, templates_dir, introduction=introduction)
    path = tmp_path / "output" / "cip-improvement-programme.docx"
    found = document_text(path).split("\n")
    at = found.index("A position where the whole system works to:")
    assert found[at + 1 : at + 10] == [
        "1. Reduce the need for intervention",
        "2. Ensure intervention is effective",
        "a) Too much work is coming in.",
        "A bullet under it",
        "b) We are not yet consistent.",
        "1. A new list starts again",
        "4. A number out of sequence stays as typed",
        "J. Smith said so.",
        "Programme Plan",
    ]
    styles = {p.text: p.style.name for p in Document(path).paragraphs}
    assert styles["Reduce the need for intervention"] == "List Number"
    assert styles["We are not yet consistent."] == "List Number"
    assert styles["4. A number out of sequence stays as typed"] == "Normal"
    assert styles["J. Smith said so."] == "Normal"


def test_problems_are_reported_by_cell(tmp_path, templates_dir):
    rows = [
        [None, "1.1", "Partners", "Research", "soon", "Lead", "• Taskforce"],
        [None, None, "Performance", "Review reports", "May 2018", None, None],
        [None, "1.1", "Audit", "Roll out audit", None, "Head of Audit", "• Audited"],
        [None, "1.2", "Audit", "Plan to include:", None, None, None],
        [None, None, None, None, "June 2018", None, None],
    ]
    found = _issues(tmp_path, templates_dir, rows=rows, merge=())
    assert found == [
        ("Programme!E3", "unclear-when", "warning"),
        ("Programme!B4", "missing-ref", "error"),
        ("Programme!B5", "duplicate-ref", "error"),
        ("Programme!F6", "missing-who", "warning"),
        ("Programme!G6", "missing-measures", "warning"),
        ("Programme!E7", "when-without-activity", "warning"),
    ]


def test_unrecognised_workbook_names_every_kind(tmp_path, templates_dir):
    book = Workbook()
    book.active.title = "Sheet1"
    book.active.append(["Some", "data"])
    (tmp_path / "input").mkdir()
    book.save(tmp_path / "input" / "notes.xlsx")
    report = validate(scratch_config(tmp_path, templates_dir))
    assert report.workbooks[0].failure == (
        "notes.xlsx: reportgen does not recognise this workbook. It has 'Sheet1'; a service "
        "workbook needs 'Plan' and 'Actions'; a partnership plan workbook needs 'Partnership "
        "Plan'; an improvement programme workbook needs 'Programme'. Rename the sheets to match "
        "(case and spaces do not matter)."
    )


def test_each_kind_is_recognised_and_built_in_one_run(tmp_path, root, templates_dir):
    shutil.copytree(root / "input", tmp_path / "input")
    report = build_ok(scratch_config(tmp_path, templates_dir))
    kinds = {w.path.name: w.kind.name for w in report.workbooks}
    assert kinds["improvement-programme.xlsx"] == "programme"
    assert kinds["loip-partnership-plan.xlsx"] == "partnership"
    names = {p.name for p in (tmp_path / "output").iterdir()}
    assert {
        "improvement-programme-improvement-programme.docx",
        "loip-partnership-plan-partnership-plan.docx",
    } <= names


def test_the_shipped_example_reads_as_the_seed(tmp_path, root, templates_dir):
    (tmp_path / "input").mkdir()
    shutil.copy(root / "input" / "improvement-programme.xlsx", tmp_path / "input")
    report = build_ok(scratch_config(tmp_path, templates_dir))
    assert report.ok and not list(report.workbooks[0].issues)
    document = Document(tmp_path / "output" / "improvement-programme-improvement-programme.docx")
    refs = [r.cells[0].text for t in document.tables for r in t.rows[1:]]
    outcomes = [ref for ref in dict.fromkeys(refs) if ref]
    assert outcomes[:3] == ["1.1", "1.2", "1.3"] and outcomes[-1] == "4.6"
    assert len(outcomes) == 21
    whens = {r.cells[3].text for t in document.tables for r in t.rows[1:]}
    assert {"Ongoing", "Quarterly", "December 2017 and ongoing", "November 2017"} <= whens
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [
        "Prevention and Demand Management",
        "Purposeful Practice",
        "Permanence and Corporate Parenting",
    ]


def test_ref_typed_as_a_number_reads_as_typed(tmp_path, templates_dir):
    rows = [["", 2.1, "Thresholds agreed", "Secure agreement", "September 2017", "DCS", "• CoN"]]
    (table,) = _build(tmp_path, templates_dir, rows=rows, merge=()).tables
    assert table.rows[1].cells[0].text == "2.1"
