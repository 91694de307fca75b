"""The exception summary: overdue, behind schedule and off target, each with its reason."""

from __future__ import annotations

import shutil

from docx import Document
from openpyxl import load_workbook
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build


def test_exception_summary_lists_only_what_needs_attention_with_the_reason(tmp_path, root):
    shutil.copytree(root / "input", tmp_path / "input")
    book = load_workbook(tmp_path / "input" / "cfsw-service-plan.xlsx")
    measures = book["Measures"]
    cpr05 = next(row for row in measures.iter_rows() if row[0].value == "CPR05")
    cpr05[11].value = 0.36  # Q2 2022/23: 36% against a target of 30%, lower is better
    book.save(tmp_path / "input" / "cfsw-service-plan.xlsx")
    config = BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=root / "templates",
        history_dir=tmp_path / "history",
    )
    everything = build(config)
    assert everything.ok, everything.failure
    built = {r.path.name for r in everything.written}
    assert "cfsw-service-plan-exception-summary.docx" not in built  # only when asked
    config.only = ("exception-summary",)
    assert build(config).ok
    document = Document(
        tmp_path / "output" / Q2_FOLDER / "cfsw-service-plan-exception-summary.docx"
    )
    text = [p.text for p in document.paragraphs]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "1. Overdue actions",
        "2. Actions behind schedule",
        "3. Indicators off target",
    ]
    assert "One action is overdue." in text and "One indicator is off target." in text
    overdue, behind, indicators = (
        [[c.text for c in row.cells] for row in table.rows] for table in document.tables
    )
    assert [row[0] for row in overdue[1:]] == ["SERV1.3"]
    assert overdue[1][3:7] == ["31-Mar-2022", "66%", "100%", "Overdue"]
    assert overdue[1][7].startswith("One of the newly commissioned services")  # its update

    assert [row[0] for row in behind[1:]] == ["STRAT1.1", "STRAT2.3"]
    assert [row[0] for row in indicators[1:]] == ["CPR05"]
    assert indicators[1][2:5] == ["36%", "Q2 2022/23", "30%"]
    assert indicators[1][5].split() == ["▼", "worsening"]
    assert indicators[1][6].startswith("At the end of the quarter 12/43 (27.9%) children")
    assert document.core_properties.title == (
        "Exception report, Q2 2022/23: Children and Families & Criminal Justice Social Work"
    )
