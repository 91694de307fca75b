"""Every document the example build makes is accessible by construction (the public sector
accessibility regulations: WCAG 2.2 AA as applied to documents): the accessibility check finds
nothing in the Word documents or, when LibreOffice is installed, in the tagged PDF/UA copies;
and, more strictly than the check asks, every heading uses a built-in heading style with no
level skipped, and every table has a repeating header row and Alt Text. The documents are
whatever the registry builds, so new layouts are checked too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from fidelity import document_text

from reportgen import BuildConfig, build
from reportgen.accessibility import check_files
from reportgen.layouts import buildable_names, document_names, workbook_kinds

BUILT_IN_HEADINGS = {"Title", *(f"Heading {n}" for n in range(1, 10))}


def earlier_quarter(history: Path) -> None:
    """Put a Q1 2022/23 record of the example plan on record, ten points behind Q2 on every
    action, so the build has changes to report (the example is Q2's only return)."""
    q2 = json.loads((history / "cfsw-sp2023" / "2022-23 Q2.json").read_text())
    q1 = {**q2, "period": "Q1 2022/23", "period_end": "2022-06-30"}
    q1["actions"] = [
        {**a, "progress": max(0, a["progress"] - 10) if a["progress"] else a["progress"]}
        for a in q2["actions"]
    ]
    (history / "cfsw-sp2023" / "2022-23 Q1.json").write_text(json.dumps(q1))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, request) -> Path:
    """The example build with every document (the changes against an earlier quarter on
    record, and the exception report), with PDFs when LibreOffice is installed."""
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("accessible")
    config = BuildConfig(
        input_dir=root / "input",
        output_dir=out / "output",
        templates_dir=root / "templates",
        pdf=shutil.which("soffice") is not None,
    )
    assert build(config).ok
    earlier_quarter(out / "history")
    config.only = tuple(buildable_names())
    report = build(config)
    assert report.ok, report.failure
    return out / "output"


def papers(folder: Path) -> list[Path]:
    """Every .docx and .pdf a build wrote, in its period's folder or not."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".pdf"))


def test_every_registered_document_was_built(outputs):
    built = {p.stem.removeprefix("cfsw-service-plan-") for p in outputs.rglob("*.docx")}
    service = next(k for k in workbook_kinds() if k.name == "service")
    expected = {d.suffix for d in service.documents} | {p.suffix for p in service.packs}
    assert expected <= built


def test_the_accessibility_check_finds_nothing(outputs):
    report = check_files(papers(outputs))
    assert len(report.documents) >= 6
    assert [str(issue) for issue in report.issues] == []


def test_pdfs_are_tagged_pdf_ua_showing_their_title(outputs):
    pdfs = sorted(outputs.rglob("*.pdf"))
    if not pdfs:
        pytest.skip("LibreOffice is not installed")
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert pdf.Root.MarkInfo.Marked, path.name
            assert pdf.Root.ViewerPreferences.DisplayDocTitle, path.name
            with pdf.open_metadata() as meta:
                assert meta.get("pdfuaid:part") == "1", path.name
                assert meta.get("dc:title"), path.name


def test_no_word_is_broken_across_lines_in_a_narrow_column(outputs):
    """Every word of each PDF is a word of its Word document: a column too narrow for a word
    ("Commissionin" / "g") shows up as a word that is not in the document. pdftotext joins a
    line ending in a hyphen to the next, so hyphenated words count joined too."""
    pdfs = sorted(outputs.rglob("*.pdf"))
    if not pdfs or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    for pdf in pdfs:
        docx = pdf.with_suffix(".docx")
        footers = " ".join(p.text for s in Document(docx).sections for p in s.footer.paragraphs)
        text = f"{document_text(docx)} {footers}"
        known = set(re.findall(r"[A-Za-z]+", text))
        known |= {w.replace("-", "") for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text)}
        shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        broken = {w for w in re.findall(r"[A-Za-z]{3,}", shown.stdout) if w not in known}
        assert broken == set(), f"{pdf.name}: words broken across lines: {sorted(broken)}"


def headings(document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph with an outline level, in order."""
    found = []
    for paragraph in document.paragraphs:
        style = paragraph.style
        while style is not None:
            if style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None:
                found.append((paragraph.style.name, paragraph.text))
                break
            style = style.base_style
    return found


def test_headings_are_built_in_and_skip_no_level(outputs):
    for path in outputs.rglob("*.docx"):
        document = Document(path)
        found = headings(document)
        assert found, path.name
        assert {style for style, _ in found} <= BUILT_IN_HEADINGS, path.name
        levels = [int(style.split()[-1]) for style, _ in found if style != "Title"]
        assert levels[0] == 1, path.name
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert skips == [], f"{path.name}: a heading level is skipped"


def test_every_table_has_a_header_row_and_alt_text_and_no_merged_cells(outputs):
    for path in outputs.rglob("*.docx"):
        for index, table in enumerate(Document(path).tables, start=1):
            where = f"{path.name} table {index}"
            caption = table._tbl.tblPr.find(qn("w:tblCaption"))
            assert caption is not None and caption.get(qn("w:val")).strip(), where
            layout = "layout" in caption.get(qn("w:val")).lower()
            header = table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
            assert (header is None) == (layout or len(table.rows) == 1), where
            assert not table._tbl.xpath(".//w:vMerge | .//w:gridSpan"), where


def test_the_council_look_merges_cells_and_the_check_says_only_that(tmp_path, root):
    """With merged cells chosen (the council's originals' look), the check's only findings
    are merged-cell warnings: the papers are otherwise as accessible."""
    config = BuildConfig(
        input_dir=root / "input",
        output_dir=tmp_path,
        templates_dir=root / "templates",
        merge_cells=frozenset(document_names()),
    )
    assert build(config).ok
    report = check_files(papers(tmp_path))
    assert report.issues and report.ok
    assert {issue.type for issue in report.issues} == {"table-merged-cells"}
    assert {issue.location.file for issue in report.issues} == {
        "cfsw-service-plan-service-plan.docx",
        "loip-partnership-plan-partnership-plan.docx",
        "improvement-programme-improvement-programme.docx",
    }
