"""Two full quarters end to end, as a performance officer runs them from a workspace:
build Q2; issue, fill, collect Q3; build Q3. Every step is the command line the README gives."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import cli
from reportgen.returns.layout import COLUMNS, HEADING_ROW, INDICATOR_COLUMNS

Q2, Q3 = "2022-23 Q2", "2022-23 Q3"
RETURNS = Path("returns") / "Q3-2022-23"
JOYCE = "cfsw-service-plan-joyce-johnston-Q3-2022-23.xlsx"


def reportgen(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fill(name: str, actions: dict[str, dict[str, Any]], indicators: dict[str, Any]) -> None:
    """Fill an issued return as the lead officer would, and put it in received/."""
    book = load_workbook(RETURNS / "issued" / name)
    for sheet, columns, entries in (
        (book["Actions"], COLUMNS, actions),
        (book["Indicators"], INDICATOR_COLUMNS, {k: {"value": v} for k, v in indicators.items()}),
    ):
        rows = {sheet.cell(r, 1).value: r for r in range(HEADING_ROW + 1, sheet.max_row + 1)}
        names = [c.name for c in columns]
        for code, values in entries.items():
            for field, value in values.items():
                sheet.cell(rows[code], names.index(field) + 1).value = value
    (RETURNS / "received").mkdir(parents=True, exist_ok=True)
    book.save(RETURNS / "received" / name)


def text_of(path: Path, footers: bool = False) -> str:
    document = Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    feet = [p.text for s in document.sections for p in s.footer.paragraphs] if footers else []
    return "\n".join([p.text for p in document.paragraphs] + cells + feet)


def periods_in(text: str) -> set[str]:
    """The reporting periods a paper names ("Q3 2022/23", "Quarter to December")."""
    flat = " ".join(text.split())
    return set(re.findall(r"Q[1-4] 20\d\d/\d\d|Quarter to [A-Z][a-z]+", flat))


JOYCE_Q3 = {
    "STRAT1.1": {"progress": 60, "update": "Six new foster carers approved."},
    "STRAT1.2": {"progress": 100, "update": "PACE reporting is live."},
    "STRAT2.2": {
        "progress": 70,
        "due_date": dt.datetime(2022, 11, 30),
        "update": "Brought forward; the review slipped.",
    },
}
needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice and poppler-utils make and read the PDFs",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, request) -> Path:
    """The example workspace taken through two quarters (with PDFs when LibreOffice is here);
    then Joyce's Q3 return is corrected and collected again, and Q3 rebuilt without --pdf."""
    root = tmp_path_factory.mktemp("cycle")
    shutil.copytree(request.config.rootpath / "input", root / "input")
    pdf = ["--pdf"] if shutil.which("soffice") else []
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        reportgen("build", "--quiet", *pdf)
        reportgen("returns", "issue", "--period", "Q3 2022/23")
        fill(JOYCE, JOYCE_Q3, {"CPR03": 38, "CPR05": 36})
        reportgen("returns", "collect", str(RETURNS / "received"))
        reportgen("build", "--quiet", "--input", "input/Q3-2022-23", *pdf)
        corrected = {**JOYCE_Q3, "STRAT1.1": {**JOYCE_Q3["STRAT1.1"], "progress": 62}}
        fill(JOYCE, corrected, {"CPR03": 38, "CPR05": 36})
        reportgen("returns", "collect", str(RETURNS / "received"))
        root.joinpath("rebuilt.txt").write_text(
            reportgen("build", "--quiet", "--input", "input/Q3-2022-23")
        )
    return root


def test_both_periods_papers_live_side_by_side(workspace):
    for period in (Q2, Q3):
        papers = {p.name for p in (workspace / "output" / period).glob("*.docx")}
        assert {
            "cfsw-service-plan-performance-report.docx",
            "cfsw-service-plan-committee-pack.docx",
        } <= papers, period
    q2 = text_of(workspace / "output" / Q2 / "cfsw-service-plan-performance-report.docx")
    q3 = text_of(workspace / "output" / Q3 / "cfsw-service-plan-performance-report.docx")
    assert "Quarter to September" in q2 and "Quarter to December" in q3
    assert "Six new foster carers approved." in q3 and "Six new foster carers" not in q2
    history = sorted(p.name for p in (workspace / "history" / "cfsw-sp2023").iterdir())
    assert history == [f"{Q2}.json", f"{Q3}.json"]


def test_q3_is_judged_at_31_december(workspace):
    report = text_of(workspace / "output" / Q3 / "cfsw-service-plan-committee-report.docx")
    assert "with 92% of the plan period elapsed" in report  # 83% at the end of September
    overdue = report.split("overdue:", 1)[1]
    assert "STRAT2.2" in overdue and "due 30-Nov-2022" in overdue


def test_changes_name_what_moved_with_before_and_after(workspace):
    changes = text_of(workspace / "output" / Q3 / "cfsw-service-plan-changes.docx")
    for expected in (
        "Q2 2022/23 to Q3 2022/23",
        "STRAT1.2\nTime taken",  # completed: a table row
        "In Progress, 83%\nCompleted, 100%",
        "STRAT1.1",
        "47%\n62%\nup 15 points",
        "STRAT2.2",
        "31-Mar-2023\n30-Nov-2022",
        "CPR03",
        "41.8% in Q2 2022/23, Within tolerance\n38% in Q3 2022/23, On target\nnow meets its",
        "CPR05",
        "27.9% in Q2 2022/23, On target\n36% in Q3 2022/23, Off target\nno longer meets its",
    ):
        assert expected in changes, expected
    pack = text_of(workspace / "output" / Q3 / "cfsw-service-plan-committee-report.docx")
    assert "Changes since the last report (Q2 2022/23)" in pack
    assert "STRAT1.1 Children and young people looked after" in pack
    assert "from 47% to 62% (up 15 points)" in pack


def test_the_terminal_says_the_same(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    output = " ".join(reportgen("changes", "--input", "input/Q3-2022-23").split())
    assert "Changes since the last report (Q2 2022/23)" in output
    assert "from 47% to 62% (up 15 points)" in output
    assert "CPR03" in output and "now meets its target of 40%" in output
    assert "CPR05" in output and "no longer meets its target of 30%" in output


def pdf_title(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return next(line.split(":", 1)[1].strip() for line in info.stdout.splitlines()
                if line.startswith("Title:"))  # fmt: skip


@needs_pdf_tools
def test_no_pdf_differs_from_the_docx_beside_it(workspace):
    pdfs = sorted((workspace / "output").rglob("*.pdf"))
    assert {p.parent.name for p in pdfs} == {Q2, Q3, "output"}  # plans without a period
    for pdf in pdfs:
        docx = pdf.with_suffix(".docx")
        assert docx.is_file(), pdf
        assert pdf_title(pdf) == Document(docx).core_properties.title, pdf
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert periods_in(text) == periods_in(text_of(docx, footers=True)), pdf
    q3 = workspace / "output" / Q3
    # the correction changed the Q3 report and papers: their Q3 PDFs went, and the build said so
    assert not (q3 / "cfsw-service-plan-performance-report.pdf").exists()
    assert (q3 / "cfsw-service-plan-service-plan.pdf").is_file()  # unchanged: its PDF stays
    assert (workspace / "output" / Q2 / "cfsw-service-plan-performance-report.pdf").is_file()
    said = (workspace / "rebuilt.txt").read_text()
    assert "removed" in said and "cfsw-service-plan-performance-report.pdf" in said


def test_the_quarterly_report_shows_each_actions_progress_on_record(workspace):
    def rows(period: str) -> dict[str, list[str]]:
        path = workspace / "output" / period / "cfsw-service-plan-performance-report.docx"
        found = {}
        for table in Document(path).tables:
            heading = [c.text for c in table.rows[0].cells]
            if "Earlier Progress" in heading:
                column = heading.index("Earlier Progress")
                for row in table.rows[1:]:
                    cells = [c.text for c in row.cells]
                    found[cells[0]] = cells[column : column + 2]
        return found

    assert rows(Q2)["STRAT1.1"] == ["–", "47%"]
    q3 = rows(Q3)
    assert q3["STRAT1.1"] == ["Q2 22/23: 47%", "62%"]
    assert q3["CFSW SP2023"] == ["Q2 22/23: 60%", "60%"]
