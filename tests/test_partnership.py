"""The partnership plan (LOIP, seed 002): workbooks built in code, documents read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from documents import build_ok, issues_found, merge_states, scratch_config
from docx import Document
from docx.oxml.ns import qn
from openpyxl import Workbook

from reportgen.documents.rich import continued
from reportgen.render.cell_merge import resolve_continued_cells

HEADINGS = [
    "LOIP Priority",
    "Key Actions",
    "LOIP Outcome (CPP Focus)",
    "LOIP Progress Measures",
    "Completion Target",
    "Partnership Strategy/Plans supporting priority",
    "Lead Officer for updates / reporting",
]
PRIORITY = "Children and young people live in communities where their voice is heard"
FOCUS = "Children live in safe and supportive families"
ROWS = [
    [
        PRIORITY,
        "• Increase number of children that feel listened to",
        f"{FOCUS}\n• The voices of children are central to support planning",
        "Children in need of care and protection\n• Access to advocacy support",
        "2020-23",
        "Childs Services Plan 2020-23",
        "Simon Boker – Ingram\nSupported by Public Protection Lead Officer",
    ],
    [
        None,
        "• Increase number of care experienced young people supported to adulthood",
        f"{FOCUS}\n• Outcomes for care experienced young people are improving",
        "• Attainment gap\n• Accommodation",
        "2022-26",
        None,
        None,
    ],
    [None, None, None, "Children in care\n• Number of placements", "2022-26", None, None],
]


def write_partnership(
    path: Path,
    rows=ROWS,
    merge: tuple[str, ...] = ("A3:A5", "F3:F5", "G3:G5"),
    summary: list[list] | None = None,
    plan: dict[str, str] | None = None,
) -> Path:
    """A partnership workbook: a title row, the headings, ``rows`` and the ``merge`` ranges."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Partnership Plan"
    sheet.append(["LOIP delivery framework"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    if summary is not None:
        extra = book.create_sheet("Summary")
        extra.append(["Outcome", "CPP Focus", "Milestones"])
        for row in summary:
            extra.append(row)
    if plan is not None:
        details = book.create_sheet("Plan")
        details.append(["Field", "Value"])
        for field, value in plan.items():
            details.append([field, value])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _build(tmp_path: Path, templates_dir: Path, merged: bool = True, **workbook) -> Document:
    """Build the workbook; ``merged``: the council's look, cells that carry on merged."""
    write_partnership(tmp_path / "input" / "loip.xlsx", **workbook)
    config = scratch_config(tmp_path, templates_dir)
    if merged:
        config.merge_cells = frozenset({"partnership-plan"})
    build_ok(config)
    return Document(tmp_path / "output" / "loip-partnership-plan.docx")


def _issues(tmp_path: Path, templates_dir: Path, **workbook) -> list[tuple[str, str, str]]:
    write_partnership(tmp_path / "input" / "loip.xlsx", **workbook)
    return issues_found(scratch_config(tmp_path, templates_dir))


def plan_tables(document: Document):
    return [t for t in document.tables if t.rows[0].cells[0].text == "LOIP Priority"]


def test_merged_priority_strategy_and_lead_are_one_cell(tmp_path, templates_dir):
    (table,) = plan_tables(_build(tmp_path, templates_dir))
    assert len(table.rows) == 4
    for column in (0, 5, 6):
        assert merge_states(table, column) == ["restart", "continue", "continue"]
    assert table.rows[1].cells[0].text == PRIORITY
    lead = [p.text for p in table.rows[1].cells[6].paragraphs]
    assert lead == ["Simon Boker – Ingram", "Supported by Public Protection Lead Officer"]


def test_by_default_every_row_repeats_what_it_carries_on(tmp_path, templates_dir):
    """The accessible variant: no merged cells, each row reads on its own."""
    (table,) = plan_tables(_build(tmp_path, templates_dir, merged=False))
    for column in range(7):
        assert merge_states(table, column) == [None, None, None]
    assert [r.cells[0].text for r in table.rows[1:]] == [PRIORITY] * 3
    assert [r.cells[1].text for r in table.rows[1:]][1:] == [
        "Increase number of care experienced young people supported to adulthood"
    ] * 2
    lead = [[p.text for p in r.cells[6].paragraphs] for r in table.rows[1:]]
    assert lead == [["Simon Boker – Ingram", "Supported by Public Protection Lead Officer"]] * 3
    assert "\ue000" not in "".join(c.text for r in table.rows for c in r.cells)


def test_a_heading_row_repeated_in_the_sheet_starts_a_table_in_its_words(tmp_path, templates_dir):
    second = ["LOIP Priority", "Key Actions (CSP Improvement Aims)", "LOIP Outcome"]
    second += ["LOIP Progress Measures", "Completion Target", "Partnership Strategy /Plans"]
    second += ["Lead officer for updates/reporting"]
    rows = [*ROWS, second, [PRIORITY, "• Act", f"{FOCUS}\n• point", "", "2021-26", "P", "L"]]
    document = _build(tmp_path, templates_dir, rows=rows)
    tables = plan_tables(document)
    assert [len(t.rows) - 1 for t in tables] == [3, 1]
    assert [c.text for c in tables[0].rows[0].cells] == HEADINGS
    assert [c.text for c in tables[1].rows[0].cells] == second
    assert tables[1].rows[1].cells[1].text == "Act"


def test_blank_key_action_and_outcome_continue_the_row_above(tmp_path, templates_dir):
    (table,) = plan_tables(_build(tmp_path, templates_dir))
    assert merge_states(table, 1) == [None, "restart", "continue"]
    assert merge_states(table, 2) == [None, "restart", "continue"]
    assert merge_states(table, 3) == [None, None, None]
    assert [r.cells[4].text for r in table.rows[1:]] == ["2020-23", "2022-26", "2022-26"]


def test_outcome_heading_is_bold_and_bullets_are_word_bullets(tmp_path, templates_dir):
    (table,) = plan_tables(_build(tmp_path, templates_dir))
    heading, bullet = table.rows[1].cells[2].paragraphs
    assert heading.text == FOCUS and all(r.bold for r in heading.runs if r.text)
    assert bullet.text == "The voices of children are central to support planning"
    assert bullet.style.name == "List Bullet"
    measures = table.rows[1].cells[3].paragraphs
    assert [(p.text, p.style.name) for p in measures] == [
        ("Children in need of care and protection", "Normal"),
        ("Access to advocacy support", "List Bullet"),
    ]


def test_a_new_lead_starts_a_new_table(tmp_path, templates_dir):
    rows = [
        *ROWS,
        [
            None,
            "• Poverty action",
            "Poverty mitigated\n• Pathway",
            "",
            "2021-26",
            "Child Poverty Action Plan",
            "Co-Chairs of Fairer Moray Forum",
        ],
    ]
    tables = plan_tables(_build(tmp_path, templates_dir, rows=rows))
    assert [len(t.rows) - 1 for t in tables] == [3, 1]
    assert tables[1].rows[1].cells[0].text == PRIORITY
    assert tables[1].rows[1].cells[6].text == "Co-Chairs of Fairer Moray Forum"


def test_summary_is_drawn_from_the_plan_without_a_summary_sheet(tmp_path, templates_dir):
    document = _build(tmp_path, templates_dir)
    summary = document.tables[0]
    assert summary.rows[0].cells[1].text.startswith("CPP Focus")
    assert [c.text for c in summary.rows[1].cells][:2] == [PRIORITY, FOCUS]
    points = [p.text for p in summary.rows[1].cells[2].paragraphs]
    assert points == [
        "The voices of children are central to support planning",
        "Outcomes for care experienced young people are improving",
    ]


def test_summary_sheet_and_plan_details_are_shown(tmp_path, templates_dir):
    summary = [
        ["Voice heard", "Wellbeing improved", "• Survey increases by 10%"],
        [None, "Poverty mitigated", "• Pathway in place"],
    ]
    plan = {
        "Organisation": "Moray Council",
        "Theme": "Building a better future",
        "Key Principles": "SMART actions\nActions address inequality",
        "Related Strategies": "Corporate Parenting Strategy\nChild Poverty Action Plan",
        "PIs": "As detailed below",
    }
    document = _build(tmp_path, templates_dir, summary=summary, plan=plan)
    principles, table = document.tables[0], document.tables[1]
    assert [p.text for p in principles.rows[0].cells[0].paragraphs] == [
        "Key Principles",
        "SMART actions",
        "Actions address inequality",
    ]
    assert table.rows[0].cells[0].text == "Moray Outcome\nBuilding a better future"
    assert merge_states(table, 0)[:2] == ["restart", "continue"]
    labels = {r.cells[0].text: r.cells[1].text for r in table.rows[3:]}
    assert labels == {
        "Related strategies": "Corporate Parenting Strategy\nChild Poverty Action Plan",
        "PIs": "As detailed below",
    }


def test_problems_are_reported_by_cell(tmp_path, templates_dir):
    rows = [
        [None, "• An action", "Focus\n• point", "", "2020-23", "Plan", "Lead"],
        [PRIORITY, None, None, "• A measure", "2023-20", "Plan", None],
        [None, None, None, "", "soon", None, None],
    ]
    found = _issues(tmp_path, templates_dir, rows=rows, merge=(), summary=[[None, "Focus", ""]])
    assert found == [
        ("Partnership Plan!A3", "missing-priority", "error"),
        ("Partnership Plan!E4", "bad-target", "error"),
        ("Partnership Plan!B4", "missing-key-actions", "error"),
        ("Partnership Plan!C4", "missing-outcome", "error"),
        ("Partnership Plan!G4", "missing-lead", "warning"),
        ("Partnership Plan!B5", "empty-row", "warning"),
        ("Partnership Plan!E5", "unclear-target", "warning"),
        ("Summary!A2", "missing-outcome", "error"),
    ]


def test_lead_carried_into_another_priority_is_a_warning(tmp_path, templates_dir):
    rows = [ROWS[0], ["Another priority", "• Act", "Focus\n• point", "", "2020-23", None, None]]
    found = _issues(tmp_path, templates_dir, rows=rows, merge=())
    assert found == [("Partnership Plan!G4", "missing-lead", "warning")]


def test_the_shipped_example_reads_as_the_seed(tmp_path, root, templates_dir):
    (tmp_path / "input").mkdir()
    shutil.copy(root / "input" / "loip-partnership-plan.xlsx", tmp_path / "input")
    config = scratch_config(tmp_path, templates_dir)
    config.merge_cells = frozenset({"partnership-plan"})
    report = build_ok(config)
    assert report.ok and not list(report.workbooks[0].issues)
    document = Document(tmp_path / "output" / "loip-partnership-plan-partnership-plan.docx")
    tables = plan_tables(document)
    assert [len(t.rows) - 1 for t in tables] == [4, 9, 3]
    assert [merge_states(t, 6).count("continue") for t in tables] == [3, 8, 2]
    key_actions = [t.rows[0].cells[1].text for t in tables]
    assert key_actions == [
        "Key Actions (CSP Improvement Aims as unlikely to change)",
        "Key Actions",
        "Key Actions (CSP Improvement Aims)",
    ]
    assert tables[2].rows[0].cells[6].text == "Lead officer for updates/reporting"
    assert tables[1].rows[1].cells[6].paragraphs[0].text == "Simon Boker – Ingram"
    assert document.paragraphs[0].text == (
        "Local Outcomes Improvement Plan (LOIP) Delivery Framework"
    )


@pytest.mark.parametrize("merge", [False, True])
def test_a_cell_carrying_on_is_merged_or_repeated_and_never_shows_its_mark(merge):
    document = Document()
    table = document.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = continued("Top")  # nothing above it: keeps its value
    table.rows[1].cells[0].text = continued("Top")
    table.rows[2].cells[0].text = continued("Top")
    assert resolve_continued_cells(document, merge) == (2 if merge else 0)
    first = table._tbl.tr_lst[0].tc_lst[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    assert (first is not None) == merge
    assert merge_states(table, 0) == (["continue"] * 2 if merge else [None] * 2)
    texts = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in table._tbl.iter(qn("w:tc"))]
    assert texts == (["Top", "", ""] if merge else ["Top"] * 3)


def test_text_with_ampersands_and_angle_brackets_prints_as_typed(tmp_path, templates_dir):
    rows = [
        [
            PRIORITY,
            "• Health & <wellbeing> {{ x }}",
            f"{FOCUS}\n• A & B",
            "",
            "2020-23",
            "Plan",
            "Lead",
        ]
    ]
    (table,) = plan_tables(_build(tmp_path, templates_dir, rows=rows, merge=()))
    assert table.rows[1].cells[1].text == "Health & <wellbeing> {{ x }}"
    assert table.rows[1].cells[2].paragraphs[1].text == "A & B"
