"""The committee report: the Report sheet read and checked, paragraphs numbered, and the
document read back from a real build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from workbooks import Q2_FOLDER, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.cli import cli
from reportgen.documents.committee_report import number_paragraphs
from reportgen.errors import IssueList
from reportgen.kinds import PackKind
from reportgen.loaders.report import read_report_details
from reportgen.readers.workbook import open_workbook
from reportgen.render.pack import join_pack
from reportgen.schema.report import IMPLICATIONS

REPORT: dict[str, object] = {
    "Committee": "Social Work Committee",
    "Meeting Date": dt.date(2020, 11, 18),
    "Subject": "Performance Framework",
    "By": "Interim Chief Officer",
    "Author": "A. Officer, Head of Service",
    "Reason for Report": "To provide assurance.\nThis report follows a decision of Council.",
    "Recommendation": "It is recommended that Committee note the framework.",
    "Background": "First point.\nPerformance management process\nReports go monthly.\nLast point.",
    "Conclusion": "Social work contributes.",
    **{spec.heading: f"Typed {spec.name}." for spec in IMPLICATIONS},
}


def write_with_report(path: Path, fields: dict[str, object] | None) -> Path:
    """A service workbook with a Report sheet holding ``fields`` (None: no Report sheet)."""
    write_service_workbook(path)
    if fields is None:
        return path
    book = load_workbook(path)
    sheet = book.create_sheet("Report")
    sheet.append(["Field", "Value"])
    for name, value in fields.items():
        sheet.append([name, value])
    book.save(path)
    return path


def built(tmp_path: Path, root: Path, fields: dict[str, object] | None):
    write_with_report(tmp_path / "input" / "service.xlsx", fields)
    config = BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=root / "templates",
    )
    return build(config), tmp_path / "output"


def read_details(tmp_path: Path, fields: dict[str, object]):
    path = write_with_report(tmp_path / "service.xlsx", fields)
    issues = IssueList()
    details = read_report_details(open_workbook(path), issues, "Service Plan 2020-23")
    return details, issues


# --- numbering ---------------------------------------------------------------------------


def test_each_line_is_a_numbered_paragraph():
    numbered = number_paragraphs(1, "To provide assurance.\n\nThis report follows.")
    assert [(p.number, p.text) for p in numbered] == [
        ("1.1", "To provide assurance."),
        ("1.2", "This report follows."),
    ]


def test_short_unpunctuated_line_is_a_subheading_over_the_next_line():
    numbered = number_paragraphs(3, REPORT["Background"], start=1)
    assert [(p.number, p.heading, p.text) for p in numbered] == [
        ("3.1", "", "First point."),
        ("3.2", "Performance management process", "Reports go monthly."),
        ("3.3", "", "Last point."),
    ]


def test_bullet_lines_belong_to_the_paragraph_above():
    numbered = number_paragraphs(5, "It covers:\n• safety\n- permanence\nNext.")
    assert [(p.number, p.text, p.bullets) for p in numbered] == [
        ("5.1", "It covers:", ["safety", "permanence"]),
        ("5.2", "Next.", []),
    ]


def test_last_short_line_is_a_paragraph_not_a_heading():
    numbered = number_paragraphs(2, "Note the report")
    assert [(p.number, p.heading, p.text) for p in numbered] == [("2.1", "", "Note the report")]


def test_blank_cell_gives_no_paragraphs():
    assert number_paragraphs(1, None) == []


# --- the Report sheet ----------------------------------------------------------------------


def test_missing_committee_and_meeting_date_are_errors(tmp_path):
    fields = {k: v for k, v in REPORT.items() if k not in ("Committee", "Meeting Date")}
    details, issues = read_details(tmp_path, fields)
    assert details is None
    assert [(i.location.ref, i.type) for i in issues.errors] == [
        ("Report", "missing-field"),
        ("Report", "missing-field"),
    ]
    assert "Committee" in issues.errors[0].message
    assert "Meeting Date" in issues.errors[1].message


def test_blank_meeting_date_names_its_cell(tmp_path):
    details, issues = read_details(tmp_path, {**REPORT, "Meeting Date": None})
    assert details is None
    assert [(i.location.ref, i.type) for i in issues.errors] == [("Report!B3", "missing-field")]


def test_bad_meeting_date_is_one_error(tmp_path):
    details, issues = read_details(tmp_path, {**REPORT, "Meeting Date": "next Tuesday"})
    assert details is None
    assert [i.location.ref for i in issues.errors] == ["Report!B3"]


def test_blank_implication_takes_standard_wording_with_a_warning(tmp_path):
    details, issues = read_details(tmp_path, {**REPORT, "Financial implications": None})
    financial = next(i for i in details.implications if i.name == "financial")
    assert financial.text == "There are no financial implications arising from this report."
    assert financial.standard
    assert [(i.location.ref, i.type) for i in issues.warnings] == [
        ("Report!B13", "standard-implication")
    ]


def test_blank_subject_takes_the_plan_title(tmp_path):
    details, issues = read_details(tmp_path, {**REPORT, "Subject": None})
    assert details.subject == "Service Plan 2020-23 Performance"
    assert [i.type for i in issues.warnings] == ["missing-subject"]


# --- appendices, referred to by name ---------------------------------------------------------

APPENDICES = PackKind("pack", "pack", ("report", "dashboard", "performance-report"), join_pack)


def appendices():
    return APPENDICES.appendices({"performance-report": "quarterly performance report"})


def test_appendices_are_numbered_by_their_place_in_the_pack():
    assert [(a.label, a.document) for a in appendices()] == [
        ("Appendix I", "dashboard"),
        ("Appendix II", "performance-report"),
    ]


def test_an_appendix_named_in_the_text_gets_its_number_from_the_pack(tmp_path):
    background = (
        "Monthly reports are analysed (see [APPENDIX: performance report]).\n"
        "The dashboard is [Appendix: the Dashboard]; the report is [appendix:Performance-Report]."
    )
    path = write_with_report(tmp_path / "service.xlsx", {**REPORT, "Background": background})
    issues = IssueList()
    details = read_report_details(open_workbook(path), issues, "Plan", appendices())
    assert details.background.split("\n") == [
        "Monthly reports are analysed (see APPENDIX II).",
        "The dashboard is Appendix I; the report is Appendix II.",
    ]
    assert details.appendices == {"dashboard": "Appendix I", "performance-report": "Appendix II"}
    assert list(issues) == []


def test_appendix_numbers_typed_and_unknown_names_are_warnings(tmp_path):
    fields = {
        **REPORT,
        "Background": "Monthly reports (see APPENDIX I).",
        "Conclusion": "See [APPENDIX: budget monitoring].",
    }
    path = write_with_report(tmp_path / "service.xlsx", fields)
    issues = IssueList()
    details = read_report_details(open_workbook(path), issues, "Plan", appendices())
    assert [(i.location.ref, i.type, i.value) for i in issues] == [
        ("Report!B9", "typed-appendix", "APPENDIX I"),
        ("Report!B10", "unknown-appendix", "[APPENDIX: budget monitoring]"),
    ]
    assert "Appendix II is the quarterly performance report" in issues.warnings[0].message
    assert details.conclusion == "See [APPENDIX: budget monitoring]."


def test_the_example_report_points_at_the_appendix_the_pack_makes(tmp_path, root):
    config = BuildConfig(
        input_dir=root / "input", output_dir=tmp_path, templates_dir=root / "templates"
    )
    report = build(config)
    assert report.ok and not report.issues
    pack = Document(tmp_path / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx")
    texts = [p.text for p in pack.paragraphs]
    label = texts.index("APPENDIX I")
    assert "Performance Report" in next(t for t in texts[label + 1 :] if t)
    referring = [t for t in texts[:label] if "APPENDIX I)" in t or "Appendix I." in t]
    assert len(referring) == 2  # the background's "(see APPENDIX I)" and the closing sentence
    assert not [t for t in texts if "[APPENDIX" in t]


# --- the document --------------------------------------------------------------------------


@pytest.fixture
def report_document(tmp_path, root):
    report, output = built(tmp_path, root, {**REPORT, "Property": None})
    assert report.ok, report.failure
    return Document(output / Q2_FOLDER / "service-committee-report.docx")


def styled(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def test_heading_block(report_document):
    texts = [p.text for p in report_document.paragraphs[:3]]
    assert texts == [
        "REPORT TO: SOCIAL WORK COMMITTEE ON 18 NOVEMBER 2020",
        "SUBJECT: PERFORMANCE FRAMEWORK",
        "BY: INTERIM CHIEF OFFICER",
    ]


def test_sections_are_numbered_real_headings(report_document):
    headings = [t for s, t in styled(report_document) if s == "Heading 1"]
    assert headings == [
        "1.\tREASON FOR REPORT",
        "2.\tRECOMMENDATION",
        "3.\tBACKGROUND",
        "4.\tSUMMARY OF IMPLICATIONS",
        "5.\tCONCLUSION",
    ]


def test_paragraphs_numbered_from_the_lines_typed(report_document):
    texts = [t for _, t in styled(report_document)]
    assert "1.1\tTo provide assurance." in texts
    assert "1.2\tThis report follows a decision of Council." in texts
    assert ("Heading 2", "3.2\tPerformance management process") in styled(report_document)
    assert "3.3\tLast point." in texts
    assert "5.1\tSocial work contributes." in texts


def test_recommendation_and_conclusion_are_bold(report_document):
    for number in ("2.1", "5.1"):
        paragraph = next(p for p in report_document.paragraphs if p.text.startswith(number))
        text_runs = [r for r in paragraph.runs if r.text.strip() and number not in r.text]
        assert text_runs and all(r.bold for r in text_runs)


def test_performance_section_follows_the_background(report_document):
    texts = [t for _, t in styled(report_document)]
    heading = texts.index("3.4\tPerformance in Q2 2022/23")
    assert texts[heading + 1].startswith("At the end of Q2 2022/23, overall progress on the")
    assert "3.5\tOne action is behind schedule:" in texts
    assert "STRAT1.1 Kinship and foster care increases (47% complete)" in texts
    assert "3.6\tOne action is overdue:" in texts
    assert "3.7\tNo performance indicators are reported with this return." in texts


def test_implications_lettered_with_standard_headings(report_document):
    """Real headings one level under "4. SUMMARY OF IMPLICATIONS": no level skipped."""
    styles = styled(report_document)
    summary = styles.index(("Heading 1", "4.\tSUMMARY OF IMPLICATIONS"))
    conclusion = styles.index(("Heading 1", "5.\tCONCLUSION"))
    headings = [t for s, t in styles[summary:conclusion] if s.startswith("Heading")]
    assert headings[1:] == [
        f"({chr(97 + i)})\t{spec.heading}" for i, spec in enumerate(IMPLICATIONS)
    ]
    assert {s for s, _ in styles[summary + 1 : conclusion] if s.startswith("Heading")} == {
        "Heading 2"
    }
    texts = [t for _, t in styled(report_document)]
    assert "Typed financial." in texts
    assert "There are no property implications arising from this report." in texts


def test_closing_lines(report_document):
    texts = [t for _, t in styled(report_document)]
    assert "Author of Report:\tA. Officer, Head of Service" in texts
    assert "Background Papers:" in texts


def test_document_properties(report_document):
    props = report_document.core_properties
    assert props.title == (
        "Report to Social Work Committee on 18 November 2020: Performance Framework"
    )
    assert props.language == "en-GB"


def test_workbook_without_report_sheet_skips_the_report(tmp_path, root):
    report, output = built(tmp_path, root, None)
    assert report.ok
    assert [(d, r.split(" (")[0]) for _, d, r in report.skipped_documents] == [
        ("committee-report", "the workbook's Report sheet is missing or blank"),
        (
            "changes",
            "no earlier period of this plan is on record in the history folder, so "
            "there is nothing to compare with yet",
        ),
        ("committee-pack", "needs the committee-report, which was not built"),
    ]
    assert (output / Q2_FOLDER / "service-performance-report.docx").is_file()
    assert not (output / Q2_FOLDER / "service-committee-report.docx").exists()


def test_report_errors_block_the_whole_build(tmp_path, root):
    report, output = built(tmp_path, root, {**REPORT, "Committee": None})
    assert not report.ok
    assert not output.exists()


def test_cli_says_what_it_skipped_and_why(tmp_path, root):
    write_with_report(tmp_path / "input" / "service.xlsx", None)
    args = ["build", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, [*args, "--templates", str(root / "templates")])
    assert result.exit_code == 0, result.output
    skipped = "- skipped committee-report for service.xlsx: the workbook's Report sheet is missing"
    assert skipped in result.output
    assert re.search(r"Built \d+ files: \d+ new in \d+\.\ds\.", result.output)


def test_cli_pdf_without_libreoffice_stops_before_writing(tmp_path, root):
    write_with_report(tmp_path / "input" / "service.xlsx", REPORT)
    args = ["build", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")]
    missing = str(tmp_path / "no-soffice")
    result = CliRunner().invoke(
        cli, [*args, "--templates", str(root / "templates"), "--pdf", "--soffice", missing]
    )
    assert result.exit_code == 2
    assert "LibreOffice was not found" in result.output
    assert not (tmp_path / "out").exists()
