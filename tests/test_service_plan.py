"""The service plan (seed 000) read back with python-docx: its parts, tables and values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from documents import build_ok, merge_states, scratch_config
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from fidelity import document_text
from openpyxl import load_workbook
from workbooks import PLAN, Q2_FOLDER, headings, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.cli import cli
from reportgen.documents.service_plan import STRATEGIC_PRIORITY_HEADING, part_of

SERVICE_PLAN = "plan-service-plan.docx"
HEADINGS = headings(
    "section",
    "outcome",
    "code",
    "title",
    "priority",
    "desired_outcome",
    "outcome_measures",
    "completion_target",
    "recovery_renewal",
    "lead",
    desired_outcome="Planned Outcome",
)
SAFE = "(L) Children and care leavers have safe, secure, stable and nurturing homes"
ROWS: list[list[Any]] = [
    ["Strategic", "Improved outcomes", "STRAT1", "Better futures", 1, "", "", "", "", "JJ"],
    [
        "",
        "",
        "STRAT1.1",
        "Kinship and foster care increases",
        1,
        SAFE,
        "Increase fostering households.\n• Increased % in kinship care.",
        "March 2023 with milestone annual improvements.",
        "Choose an item.",
        "Joyce Johnston",
    ],
    [
        "",
        "",
        "STRAT1.2",
        "Permanence sooner",
        1,
        SAFE,
        "Reduction in drift and delay.\nIncrease fostering households.",
        "March 2023 with milestone annual improvements.",
        "Yes",
        "Joyce Johnston",
    ],
    ["", "", "STRAT1.3", "Care leavers identified", 2, "Fewer enter justice", "", "", "", ""],
    ["Service Level", "Change programme", "SERV1", "Change programme", 2, "", "", "", "", ""],
    ["", "", "SERV1.1", "Business case", 1, "A road map", "Underway", "April 2021", "", "AD"],
]
FULL_PLAN = {
    **PLAN,
    "Teams": "A. Children and Families social work teams\nPlacement Services\n• Youth Justice",
    "Revenue Budget": 19276000,
    "FTE": 148.37,
    "Directorate": "Health and Social Care Moray",
}
IMPROVEMENTS = [
    ["Improvement", "Recovery & Renewal", "Evidence"],
    ["Our approach to commissioning", "x", "Contracts to review; costs & <places>"],
    ["Keeping children in Moray", "Choose an item.", "Independent Care Review"],
]


def write_plan(
    path: Path,
    rows: list[list[Any]] = ROWS,
    plan: dict[str, Any] | None = None,
    extra_sheets: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """A service workbook with the service plan's columns and any ``extra_sheets``."""
    write_service_workbook(path, rows=rows, headings=HEADINGS, plan=plan or FULL_PLAN)
    book = load_workbook(path)
    for name, sheet_rows in (extra_sheets or {}).items():
        sheet = book.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    book.save(path)
    return path


def build_plan(tmp_path: Path, templates_dir: Path, **kwargs: Any):
    write_plan(tmp_path / "input" / "plan.xlsx", **kwargs)
    config = BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        only=("service-plan",),
    )
    return build(config)


def built(tmp_path: Path, templates_dir: Path, **kwargs: Any) -> Document:
    report = build_plan(tmp_path, templates_dir, **kwargs)
    assert report.ok, (report.failure, [str(i) for w in report.workbooks for i in w.issues])
    return Document(tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN)


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def heading_texts(document: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def lines(path: Path) -> list[str]:
    """The document's paragraphs as a reader meets them, Word's list numbers included."""
    return document_text(path).split("\n")


def body(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text.strip()]


@pytest.fixture
def document(tmp_path, templates_dir):
    improvements = {"Improvements": IMPROVEMENTS}
    return built(tmp_path, templates_dir, extra_sheets=improvements)


def test_parts_are_numbered_headings_as_in_the_council_plan(document):
    assert heading_texts(document) == [
        ("Heading 1", "1. Service Definition"),
        ("Heading 1", "2. Service Resources"),
        ("Heading 1", "3. What we have identified for improvement in 2020/21"),
        ("Heading 1", "4. Strategic Outcomes or Priorities"),
        ("Heading 2", "Indicators"),
        ("Heading 1", "5. Service Level Outcomes or Priorities"),
        ("Heading 1", "6. New – Recovery & Renewal Outcomes"),
    ]
    priority = [table.rows[0].cells[-1].text for table in document.tables[1:]]
    assert priority == [STRATEGIC_PRIORITY_HEADING, "Priority rating", "Priority rating"]


def test_service_definition_letters_the_teams_and_resources_are_in_pounds(tmp_path, document):
    found = lines(tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN)
    at = found.index("1. Service Definition")
    assert found[at + 1 : at + 9] == [
        "CHILDREN AND FAMILIES & CRIMINAL JUSTICE SERVICE PLAN 2020-23",
        "A. Children and Families social work teams",
        "B. Placement Services",
        "C. Youth Justice",
        "2. Service Resources",
        "REVENUE BUDGET: £19,276,000",
        "FTE: 148.37",
        "3. What we have identified for improvement in 2020/21",
    ]
    teams = [p for p in document.paragraphs if "Placement Services" in p.text]
    assert teams[0].style.name == "List Number"  # a real list, lettered by Word


def test_improvements_show_tick_and_evidence_as_typed(document):
    assert texts(document.tables[0])[1:] == [
        ["Our approach to commissioning", "✓", "Contracts to review; costs & <places>"],
        ["Keeping children in Moray", "", "Independent Care Review"],
    ]
    assert texts(document.tables[0])[0][1] == "Recovery & Renewal (tick if app)"


def test_actions_sharing_a_planned_outcome_share_a_row(document):
    strategic = document.tables[1]
    header, first, second = texts(strategic)
    assert header == [
        "Strategic Outcome or Priority",
        "Action",
        "Planned Outcome",
        "Recovery & Renewal",
        "Outcome Measures",
        "Completion Target",
        "Lead",
        STRATEGIC_PRIORITY_HEADING,
    ]
    assert first == [
        "Better futures\nImproved outcomes",
        "Kinship and foster care increases\nPermanence sooner",
        SAFE,
        "✓",
        "Increase fostering households.\nIncreased % in kinship care.\n"
        "Reduction in drift and delay.",
        "March 2023 with milestone annual improvements.",
        "Joyce Johnston",
        "1",
    ]
    assert merge_states(strategic, 0) == [None, None]  # the outcome repeats on every row
    assert second == [
        "Better futures\nImproved outcomes",
        "Care leavers identified",
        "Fewer enter justice",
        "",
        "",
        "",
        "",
        "2",
    ]


def test_the_outcome_cell_is_merged_down_its_group_when_set(tmp_path, templates_dir):
    write_plan(tmp_path / "input" / "plan.xlsx")
    config = scratch_config(tmp_path, templates_dir)
    config.merge_cells = frozenset({"service-plan"})
    build_ok(config)
    strategic = Document(tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN).tables[1]
    assert merge_states(strategic, 0) == ["restart", "continue"]
    assert strategic.rows[2].cells[0].text == "Better futures\nImproved outcomes"


def test_an_action_keeps_its_own_measures_as_typed_even_twice(tmp_path, templates_dir):
    """The council's plan lists one measure twice in a row: an action's own list prints as
    typed; only measures an earlier action of the row gave are left out."""
    rows = [list(row) for row in ROWS]
    rows[2][6] = "Reduction in drift and delay.\nReduction in drift and delay."
    document = built(tmp_path, templates_dir, rows=rows)
    measures = [p.text for p in document.tables[1].rows[1].cells[4].paragraphs]
    assert measures == [
        "Increase fostering households.",
        "Increased % in kinship care.",
        "Reduction in drift and delay.",
        "Reduction in drift and delay.",
    ]


def test_several_outcome_measures_are_a_bulleted_list_and_one_is_plain(document):
    strategic, service = document.tables[1], document.tables[2]
    measures = strategic.rows[1].cells[4].paragraphs
    assert {p.style.name for p in measures} == {"List Bullet"}
    action = strategic.rows[1].cells[1].paragraphs
    assert [p.style.name for p in action] == ["List Bullet", "List Bullet"]
    single = service.rows[1].cells[4].paragraphs
    assert [(p.style.name, p.text) for p in single] == [("Normal", "Underway")]


def test_each_action_is_in_the_table_of_its_section(document):
    service, recovery = texts(document.tables[2]), texts(document.tables[3])
    assert service[0][0] == "Service Level Outcomes or Priorities"
    assert service[1] == [
        "Change programme",
        "Business case",
        "A road map",
        "",
        "Underway",
        "April 2021",
        "AD",
        "1",
    ]
    assert recovery[0][0] == "New – Recovery & Renewal Outcomes"
    assert recovery[1:] == [["None in this plan"] + [""] * 7]


def test_recovery_renewal_section_fills_part_six(tmp_path, templates_dir):
    rows = [
        *ROWS,
        ["Recovery and Renewal", "Recover services", "RR1", "Recover", 1, "", "", "", "", ""],
        ["", "", "RR1.1", "Reopen hubs", 1, "Hubs open", "", "", "Yes", "Lead"],
    ]
    document = built(tmp_path, templates_dir, rows=rows)
    recovery = texts(document.tables[3])
    assert recovery[1][:4] == ["Recover\nRecover services", "Reopen hubs", "Hubs open", "✓"]


def test_a_section_of_another_name_gets_a_part_of_its_own(tmp_path, templates_dir):
    rows = [*ROWS, ["Workforce", "Staff", "WF1", "Staff", 3, "", "", "", "", ""]]
    rows.append(["", "", "WF1.1", "Recruit", 3, "Posts filled", "", "March 2024", "", "HR"])
    document = built(tmp_path, templates_dir, rows=rows)
    assert heading_texts(document)[-1] == ("Heading 1", "7. Workforce")
    assert texts(document.tables[4])[1][:2] == ["Staff", "Recruit"]


def test_without_improvements_or_measures_sheets_the_parts_say_so(tmp_path, templates_dir):
    document = built(tmp_path, templates_dir)
    assert texts(document.tables[0])[1:] == [
        ["None returned: the workbook has no Improvements sheet.", "", ""]
    ]
    assert "No indicators: the workbook has no Measures sheet." in body(document)


def test_indicators_are_numbered_from_the_measures_sheet(tmp_path, templates_dir):
    measures = [
        ["Code", "Indicator", "Unit", "Polarity", "Target", "Q1 2022/23", "Q2 2022/23"],
        ["CP1", "Children on the child protection register", "number", "Lower", 40, 44, 43],
        ["LAC1", "Children Looked After (per 1,000 population)", "rate", "Lower", 10, 9.8, 9.5],
    ]
    built(tmp_path, templates_dir, extra_sheets={"Measures": measures})
    found = lines(tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN)
    at = found.index("1. Children on the child protection register")
    assert found[at + 1] == "2. Children Looked After (per 1,000 population)"


def test_a_malformed_workbook_is_reported_cell_by_cell(tmp_path, templates_dir):
    plan = {**FULL_PLAN, "Revenue Budget": "about 19 million", "FTE": "lots"}
    improvements = [
        ["Improvement", "Recovery & Renewal", "Evidence"],
        ["Commissioning", "maybe", "Contracts"],
        [None, None, "Evidence with no improvement"],
    ]
    report = build_plan(
        tmp_path, templates_dir, plan=plan, extra_sheets={"Improvements": improvements}
    )
    issues = [(i.location.ref, i.type) for w in report.workbooks for i in w.issues]
    assert issues == [
        ("Plan!B9", "bad-number"),
        ("Plan!B10", "bad-number"),
        ("Improvements!B2", "bad-yes-no"),
        ("Improvements!A3", "missing-improvement"),
    ]
    assert not (tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN).exists()


def test_landscape_pages_and_header_rows_repeat(document):
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    for table in document.tables:
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in document.tables]
    assert captions[:2] == [
        "3. What we have identified for improvement in 2020/21",
        "4. Strategic Outcomes or Priorities",
    ]
    assert document.core_properties.title == PLAN["Plan Title"]
    assert document.core_properties.created.date() == dt.date(2020, 4, 1)


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("Strategic", "strategic"),
        ("Strategic Priorities", "strategic"),
        ("Service Level", "service level"),
        ("Recovery & Renewal", "recovery & renewal"),
        ("New - Recovery and Renewal", "recovery & renewal"),
        ("Workforce", None),
    ],
)
def test_sections_map_to_parts(name, part):
    assert part_of(name) == part


def test_build_writes_the_plan_beside_the_report_and_only_selects_it(tmp_path, root):
    write_plan(tmp_path / "input" / "plan.xlsx")
    args = ["build", "--input", str(tmp_path / "input"), "--templates", str(root / "templates")]
    runner = CliRunner()
    result = runner.invoke(cli, [*args, "--output", str(tmp_path / "all")])
    assert result.exit_code == 0, result.output
    assert {SERVICE_PLAN, "plan-performance-report.docx"} <= {
        p.name for p in (tmp_path / "all" / Q2_FOLDER).iterdir()
    }
    only = [*args, "--output", str(tmp_path / "one"), "--only", "service-plan"]
    result = runner.invoke(cli, only)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "one" / Q2_FOLDER).iterdir()] == [SERVICE_PLAN]


def test_the_shipped_example_reads_as_the_seed(tmp_path, root):
    config = BuildConfig(
        input_dir=root / "input",
        output_dir=tmp_path,
        templates_dir=root / "templates",
        only=("service-plan",),
    )
    assert build(config).ok
    path = tmp_path / Q2_FOLDER / "cfsw-service-plan-service-plan.docx"
    document = Document(path)
    found = lines(path)
    teams = found[found.index("1. Service Definition") + 2 : found.index("2. Service Resources")]
    assert teams[0] == "A. Children and Families social work teams (East, West, Access)"
    assert teams[-1] == "J. Commissioned services"
    assert len(texts(document.tables[0])) == 4  # header and the three improvements
    strategic = texts(document.tables[1])
    assert len(strategic) == 5  # header and a row per planned outcome, in the plan's order
    assert [row[1].split("\n")[0] for row in strategic[1:]] == [
        "Children and young people looked after in kinship and foster care and care at home "
        "increases",
        "Improve the identification and monitoring of care leavers and care experienced young "
        "people in the youth and criminal justice systems",
        "Children and young people feel secure and supported in their relationships",
        "Intervene at the earliest opportunity to minimise the impact of neglect on children "
        "and young people",
    ]
    assert [row[7] for row in strategic[1:]] == ["1", "1", "", ""]  # as the plan rates them
    assert strategic[1][5] == "March 2023 with milestone annual improvements."
    assert strategic[1][4].count("\n") == 4  # five outcome measures
    assert strategic[2][5] == "March 2021\nMarch 2023"
    assert strategic[4][4].count("\n") == 6  # seven, one of them twice as in the plan
    assert len(texts(document.tables[2])) == 5
    indicators = found[found.index("Indicators") + 1 : found.index("Indicators") + 10]
    assert indicators[6:] == [
        "7. Number of children with child protection orders (per 1,000 of 0-15 population)",
        "8. Number of children Looked After (per 1,000 population)",
        "9. Number of children referred to Children's Reporter - non offence (per 1,000 0-17 "
        "population)",
    ]
    assert found[found.index("Indicators") + 10] == "5. Service Level Outcomes or Priorities"


def test_a_one_line_service_definition_is_shown_as_typed(tmp_path, templates_dir):
    plan = {**FULL_PLAN, "Teams": "All social work services for children and justice."}
    built(tmp_path, templates_dir, plan=plan)
    found = lines(tmp_path / "output" / Q2_FOLDER / SERVICE_PLAN)
    at = found.index("1. Service Definition")
    assert found[at + 2 : at + 4] == [
        "All social work services for children and justice.",
        "2. Service Resources",
    ]
