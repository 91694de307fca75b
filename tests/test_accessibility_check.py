"""The accessibility checker (reportgen.accessibility): each defect built into a clean paper is
found, named by its place; the clean paper yields nothing. PDFs are built with pikepdf, and with
LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from accessible_documents import (
    add_picture,
    add_table,
    clean_document,
    paragraph_style,
    save,
    set_table_alt_text,
    set_text_language,
    shade,
    tagged_pdf,
)
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from reportgen.accessibility import CheckReport, check_file, check_files
from reportgen.accessibility.contrast import (
    auto_text_colour,
    colour_name,
    contrast_ratio,
    describe_ratio,
    required_ratio,
    shading_colour,
)
from reportgen.errors import InputError, Severity

PROPS = "document properties"


def found(path: Path) -> list[tuple[str | None, str]]:
    """The checker's findings on ``path`` as (place, type) pairs, in order."""
    return [(issue.location.place, issue.type) for issue in check_file(path)]


@pytest.fixture
def paper():
    return clean_document()


def check(document, tmp_path: Path) -> list[tuple[str | None, str]]:
    return found(save(document, tmp_path))


# --- the clean paper ----------------------------------------------------------------------------


def test_clean_document_has_no_findings(paper, tmp_path):
    assert check(paper, tmp_path) == []


# --- document properties ------------------------------------------------------------------------


def test_missing_title(paper, tmp_path):
    paper.core_properties.title = ""
    assert check(paper, tmp_path) == [(PROPS, "no-title")]


def test_title_that_is_a_file_name_is_a_warning(paper, tmp_path):
    paper.core_properties.title = "Document1"
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.severity) for i in issues] == [
        (PROPS, "title-is-file-name", Severity.WARNING)
    ]


def test_missing_language_everywhere(paper, tmp_path):
    paper.core_properties.language = ""
    set_text_language(paper, None)
    assert check(paper, tmp_path) == [(PROPS, "no-language")]


@pytest.mark.parametrize("where", ["properties", "styles"])
def test_language_in_one_place_is_enough(paper, tmp_path, where):
    if where == "properties":
        set_text_language(paper, None)
    else:
        paper.core_properties.language = ""
    assert check(paper, tmp_path) == []


def test_language_that_is_not_a_code(paper, tmp_path):
    paper.core_properties.language = "English"
    set_text_language(paper, None)
    assert check(paper, tmp_path) == [(PROPS, "bad-language")]


def test_languages_that_disagree(paper, tmp_path):
    set_text_language(paper, "en-US")
    assert check(paper, tmp_path) == [(PROPS, "language-mismatch")]


# --- headings -----------------------------------------------------------------------------------


def test_skipped_heading_level(paper, tmp_path):
    paper.add_heading("1.1.1.1 Detail", 4)  # after Heading 2: level 3 is missing
    assert check(paper, tmp_path) == [("paragraph 8", "heading-skipped")]


def test_first_heading_not_level_one(tmp_path):
    paper = clean_document()
    body = paper.element.body
    body.remove(paper.paragraphs[1]._p)  # the Heading 1; the Heading 2 comes first now
    assert check(paper, tmp_path) == [("paragraph 3", "heading-skipped")]


def test_going_back_up_levels_is_fine(paper, tmp_path):
    paper.add_heading("1.1.1 Detail", 3)
    paper.add_heading("2. Resources", 1)
    paper.add_heading("2.1 Budget", 2)
    assert check(paper, tmp_path) == []


def test_custom_style_based_on_a_heading_is_a_heading(paper, tmp_path):
    paragraph_style(paper, "Report Section", "Heading 1")
    paragraph_style(paper, "Report Subsection", "Heading 2")
    paper.add_paragraph("2. Resources", style="Report Section")
    paper.add_paragraph("2.1 Budget", style="Report Subsection")
    paper.add_paragraph("2.1.1 Revenue", style="Report Subsection").style.font.bold = True
    assert check(paper, tmp_path) == []


def test_custom_style_level_is_inherited_so_skips_are_found(paper, tmp_path):
    paragraph_style(paper, "Report Minor", "Heading 4")
    paper.add_paragraph("1.1.1.1 Detail", style="Report Minor")
    assert check(paper, tmp_path) == [("paragraph 8", "heading-skipped")]


def outline_level(element, level: int) -> None:
    """Paragraph > Outline level (0 is Level 1) on a style's or a paragraph's pPr."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    element.get_or_add_pPr().append(outline)


def test_outline_level_of_a_style_or_paragraph_makes_a_heading(paper, tmp_path):
    paragraph_style(paper, "Council Heading", "Normal", bold=True)
    outline_level(paper.styles["Council Heading"].element, 2)
    paragraph_style(paper, "Council Heading Blue", "Council Heading")
    paper.add_paragraph("1.1.1 Detail", style="Council Heading Blue")  # level 3, inherited
    deeper = paper.add_paragraph("1.1.1.1.1 Deeper", style="Council Heading Blue")
    outline_level(deeper._p, 4)  # level 5 after level 3
    assert check(paper, tmp_path) == [("paragraph 9", "heading-skipped")]


def test_numbered_bold_paragraph_in_a_custom_style_is_not_a_heading(paper, tmp_path):
    paragraph_style(paper, "Section Head", "Normal", bold=True)
    paper.add_paragraph("2. Background", style="Section Head")
    paper.add_paragraph("(a) Financial implications").runs[0].bold = True
    paper.add_paragraph("2.1 It is recommended that the Committee notes the report.").runs[
        0
    ].bold = True  # a bold sentence, not a heading
    assert check(paper, tmp_path) == [
        ("paragraph 8", "heading-not-styled"),
        ("paragraph 9", "heading-not-styled"),
    ]


def test_large_unnumbered_text_is_a_heading_warning(paper, tmp_path):
    paper.add_paragraph().add_run("Appendix").font.size = Pt(16)
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.severity) for i in issues] == [
        ("paragraph 8", "heading-not-styled", Severity.WARNING)
    ]


def test_empty_heading(paper, tmp_path):
    paper.add_heading("", 2)
    assert check(paper, tmp_path) == [("paragraph 8", "heading-empty")]


def test_long_paper_without_headings(tmp_path):
    paper = clean_document()
    for heading in (paper.paragraphs[1], paper.paragraphs[3]):
        heading.style = paper.styles["Normal"]
        heading.text = heading.text + " of the report."  # no longer heading-like either
    assert check(paper, tmp_path) == []  # short: headings are not needed
    for n in range(15):
        paper.add_paragraph(f"Paragraph {n} of the background to this report.")
    assert check(paper, tmp_path) == [("whole document", "no-headings")]


# --- pictures -----------------------------------------------------------------------------------


def test_picture_without_alt_text(paper, tmp_path):
    add_picture(paper.add_paragraph())
    assert check(paper, tmp_path) == [("paragraph 8", "picture-no-alt-text")]


def test_picture_with_empty_alt_text(paper, tmp_path):
    add_picture(paper.add_paragraph(), alt="   ")
    assert check(paper, tmp_path) == [("paragraph 8", "picture-no-alt-text")]


@pytest.mark.parametrize("alt", ["chart-q2.png", "IMG_2041.JPG", "Picture 3"])
def test_picture_whose_alt_text_is_a_file_name(paper, tmp_path, alt):
    add_picture(paper.add_paragraph(), alt=alt)
    assert check(paper, tmp_path) == [("paragraph 8", "picture-alt-text-is-file-name")]


def test_automatic_alt_text_is_a_warning(paper, tmp_path):
    alt = "A picture containing chart\n\nDescription automatically generated"
    add_picture(paper.add_paragraph(), alt=alt)
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.severity) for i in issues] == [
        ("paragraph 8", "picture-alt-text-automatic", Severity.WARNING)
    ]


def test_decorative_picture_needs_no_alt_text(paper, tmp_path):
    add_picture(paper.add_paragraph(), decorative=True)
    assert check(paper, tmp_path) == []


def test_alt_text_repeating_the_same_paragraph_is_read_twice(paper, tmp_path):
    paragraph = paper.add_paragraph("Moray Council logo ")
    add_picture(paragraph, alt="Moray Council logo")
    assert check(paper, tmp_path) == [("paragraph 8", "picture-read-twice")]


def test_alt_text_repeating_the_caption_after_is_read_twice(paper, tmp_path):
    add_picture(paper.add_paragraph(), alt="Progress of actions by quarter")
    paper.add_paragraph("Figure 2: Progress of actions by quarter", style="Caption")
    assert check(paper, tmp_path) == [("paragraph 8", "picture-read-twice")]


def test_picture_in_a_table_cell_and_in_the_page_header(paper, tmp_path):
    table = add_table(paper, [["Status", "Icon"], ["Overdue", ""]])
    set_table_alt_text(table, "Status icons")
    add_picture(table.cell(1, 1).paragraphs[0])
    add_picture(paper.sections[0].header.paragraphs[0])
    assert check(paper, tmp_path) == [
        ("table 2, row 2, cell 2", "picture-no-alt-text"),
        ("page header", "picture-no-alt-text"),
    ]


# --- tables -------------------------------------------------------------------------------------


def test_data_table_without_header_row_or_caption(paper, tmp_path):
    add_table(paper, [["Code", "Title"], ["STRAT1", "Early help"]], header=False)
    assert check(paper, tmp_path) == [
        ("table 2", "table-no-header-row"),
        ("table 2", "table-no-caption"),
    ]


def test_caption_after_the_table_or_in_its_alt_text(paper, tmp_path):
    add_table(paper, [["Code", "Title"], ["STRAT1", "Early help"]])
    paper.add_paragraph("")  # an empty paragraph between a table and its caption is passed over
    paper.add_paragraph("Table 2: Strategic actions", style="Caption")
    third = add_table(paper, [["Code", "Title"], ["SERV1", "Fostering"]])
    set_table_alt_text(third, "Service actions")
    assert check(paper, tmp_path) == []


def test_single_row_layout_table_needs_no_header(paper, tmp_path):
    add_table(paper, [["REPORT TO: CHILDREN AND FAMILIES COMMITTEE", "18 NOVEMBER 2020"]], False)
    assert check(paper, tmp_path) == []


def test_layout_table_with_a_header_row(paper, tmp_path):
    add_table(paper, [["REPORT TO:", "COMMITTEE"]], header=True)
    assert check(paper, tmp_path) == [("table 2", "layout-table-header")]


def test_table_marked_layout_with_header_like_first_row(paper, tmp_path):
    table = add_table(paper, [["Code", "Title"], ["STRAT1", "Early help"]], header=False)
    set_table_alt_text(table, "Layout table")
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    assert check(paper, tmp_path) == [("table 2", "layout-table-header")]


def test_layout_table_of_captioned_pictures_is_not_a_data_table(paper, tmp_path, root):
    table = add_table(paper, [["CP01 Children", "CP02 Rate"], ["", ""]], header=False)
    set_table_alt_text(table, "Layout table: the indicators' charts")
    icon = root / "src" / "reportgen" / "icons" / "completed.png"
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
        run = cell.add_paragraph().add_run()
        run.add_picture(str(icon))
        run.element.find(".//" + qn("wp:docPr")).set("descr", "Line chart of the indicator")
    assert check(paper, tmp_path) == []


def test_table_marked_layout_with_plain_first_row(paper, tmp_path):
    table = add_table(paper, [["Signed", "Date"], ["J Smith", "1 May"]], header=False)
    set_table_alt_text(table, "Layout table")
    assert check(paper, tmp_path) == []


@pytest.mark.parametrize("direction", ["across", "down"])
def test_merged_cells_are_a_warning(paper, tmp_path, direction):
    rows = [["Outcome", "Action"], ["Safe", "A"], ["", "B"]]
    table = add_table(paper, rows)
    set_table_alt_text(table, "Actions by outcome")
    if direction == "across":
        table.cell(1, 0).merge(table.cell(1, 1))
    else:
        table.cell(1, 0).merge(table.cell(2, 0))
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.severity) for i in issues] == [
        ("table 2", "table-merged-cells", Severity.WARNING)
    ]


# --- colour alone -------------------------------------------------------------------------------


def status_table(paper, status: str):
    table = add_table(paper, [["Action", "Status"], ["STRAT1.1", status]])
    set_table_alt_text(table, "Action status")
    return table


def test_coloured_symbol_on_its_own(paper, tmp_path):
    table = status_table(paper, "")
    table.cell(1, 1).paragraphs[0].add_run("●").font.color.rgb = RGBColor(0xC0, 0, 0)
    assert check(paper, tmp_path) == [("table 2, row 2, cell 2", "colour-only")]


def test_coloured_symbol_with_words_is_fine(paper, tmp_path):
    table = status_table(paper, "")
    cell = table.cell(1, 1).paragraphs[0]
    cell.add_run("●").font.color.rgb = RGBColor(0xC0, 0, 0)
    cell.add_run(" Overdue")
    assert check(paper, tmp_path) == []


def test_coloured_wingdings_symbol_on_its_own(paper, tmp_path):
    run = paper.add_paragraph().add_run("l")  # a filled circle in Wingdings
    run.font.name = "Wingdings"
    run.font.color.rgb = RGBColor(0x00, 0x70, 0x30)
    assert check(paper, tmp_path) == [("paragraph 8", "colour-only")]


def test_black_symbol_is_not_a_colour_signal(paper, tmp_path):
    status_table(paper, "■")
    assert check(paper, tmp_path) == []


def test_shaded_empty_cell_as_status(paper, tmp_path):
    table = status_table(paper, "")
    shade(table.cell(1, 1), "FF0000")
    assert check(paper, tmp_path) == [("table 2, row 2, cell 2", "colour-only")]


def test_shaded_row_and_shaded_cell_with_words_are_fine(paper, tmp_path):
    table = status_table(paper, "Overdue")
    shade(table.cell(1, 1), "FFC7CE")
    table = add_table(paper, [["Group", ""], ["STRAT1", "Safe"]])
    set_table_alt_text(table, "Groups")
    for cell in table.rows[0].cells:
        shade(cell, "DEEAF6")  # a tinted header row with one empty cell
    assert check(paper, tmp_path) == []


# --- contrast -----------------------------------------------------------------------------------


GREY = RGBColor(0x94, 0x94, 0x94)  # 3.0:1 on white


def grey_text(paper, size: float, bold: bool = False):
    run = paper.add_paragraph().add_run("These grey words are hard to read.")
    run.font.color.rgb = GREY
    run.font.size = Pt(size)
    run.font.bold = bold


def test_low_contrast_text(paper, tmp_path):
    grey_text(paper, 12)  # #949494 on white is 3.0:1, below 4.5:1
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.value) for i in issues] == [
        ("paragraph 8", "low-contrast", "3:1")
    ]


@pytest.mark.parametrize(("size", "bold"), [(18, False), (14, True)])
def test_large_text_needs_only_three_to_one(paper, tmp_path, size, bold):
    grey_text(paper, size, bold)
    assert check(paper, tmp_path) == []


def test_fourteen_point_text_that_is_not_bold_is_not_large(paper, tmp_path):
    grey_text(paper, 14)
    assert check(paper, tmp_path) == [("paragraph 8", "low-contrast")]


def test_automatic_text_on_dark_shading_is_white(paper, tmp_path):
    table = status_table(paper, "Overdue")
    shade(table.cell(1, 1), "1F3864")
    assert check(paper, tmp_path) == []


def test_black_text_on_dark_shading(paper, tmp_path):
    table = status_table(paper, "")
    shade(table.cell(1, 1), "1F3864")
    table.cell(1, 1).paragraphs[0].add_run("Overdue").font.color.rgb = RGBColor(0, 0, 0)
    assert check(paper, tmp_path) == [("table 2, row 2, cell 2", "low-contrast")]


def test_white_text_on_a_highlighter(paper, tmp_path):
    run = paper.add_paragraph().add_run("Urgent")
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    assert check(paper, tmp_path) == [("paragraph 8", "low-contrast")]


def test_text_on_paragraph_shading(paper, tmp_path):
    paragraph = paper.add_paragraph("Key message")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "767676")
    paragraph._p.get_or_add_pPr().append(shd)
    assert check(paper, tmp_path) == []  # automatic text turns white: 4.5:1
    paragraph.runs[0].font.color.rgb = RGBColor(0x30, 0x30, 0x30)
    assert check(paper, tmp_path) == [("paragraph 8", "low-contrast")]


def test_one_finding_per_colour_pair_naming_the_other_places(paper, tmp_path):
    grey_text(paper, 12)
    paper.add_paragraph("Plain words")
    grey_text(paper, 11)
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type) for i in issues] == [("paragraph 8", "low-contrast")]
    assert "also used in paragraph 10" in issues[0].message


def test_pale_status_symbol_beside_words_is_a_warning(paper, tmp_path):
    table = status_table(paper, "")
    cell = table.cell(1, 1).paragraphs[0]
    cell.add_run("■").font.color.rgb = RGBColor(0xFF, 0xC0, 0x00)  # 1.6:1 on white
    cell.add_run(" Within tolerance")
    issues = check_file(save(paper, tmp_path))
    assert [(i.location.place, i.type, i.severity) for i in issues] == [
        ("table 2, row 2, cell 2", "low-contrast-symbol", Severity.WARNING)
    ]


def test_hidden_text_is_not_checked(paper, tmp_path):
    run = paper.add_paragraph().add_run("Note to self")
    run.font.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    run.font.hidden = True
    assert check(paper, tmp_path) == []


# --- the contrast formula -----------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1)
    assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_ratio_thresholds_and_rounding():
    assert required_ratio(12, False) == 4.5
    assert required_ratio(18, False) == required_ratio(14, True) == 3.0
    assert required_ratio(14, False) == 4.5
    assert describe_ratio(4.4999) == "4.4:1"  # never rounded up to a pass


def test_automatic_colour_and_shading_patterns():
    assert auto_text_colour("1F3864") == "FFFFFF"
    assert auto_text_colour("FFFF00") == "000000"
    assert shading_colour("clear", "auto", "FF0000") == "FF0000"
    assert shading_colour("clear", "auto", "auto") is None
    assert shading_colour("solid", "00B050", "FFFFFF") == "00B050"
    assert shading_colour("pct50", "000000", "FFFFFF") == "808080"


def test_colour_names():
    assert colour_name("C00000") == "red (#C00000)"
    assert colour_name("800000") == "dark red (#800000)"
    assert colour_name("C6EFCE") == "light green (#C6EFCE)"
    assert colour_name("FFC000") == "orange (#FFC000)"
    assert colour_name("767676") == "grey (#767676)"


# --- reports and files --------------------------------------------------------------------------


def test_report_of_several_documents(tmp_path):
    clean = save(clean_document(), tmp_path, "clean.docx")
    untitled = clean_document()
    untitled.core_properties.title = ""
    add_picture(untitled.add_paragraph())
    save(untitled, tmp_path, "untitled.docx")
    (tmp_path / "~$untitled.docx").write_bytes(b"Word's lock file")
    (tmp_path / "notes.txt").write_text("not a paper")
    report = check_files([tmp_path])
    assert [p.name for p in report.documents] == ["clean.docx", "untitled.docx"]
    assert report.documents[clean] == []
    assert not report.ok
    assert report.summary() == (
        "accessibility: 2 documents checked, 2 problems in 1 document (2 errors, 0 warnings)"
    )
    data = report.to_dict()
    assert data["errors"] == 2 and data["ok"] is False
    issue = data["documents"][1]["issues"][1]
    assert (issue["file"], issue["place"], issue["type"], issue["severity"]) == (
        "untitled.docx",
        "paragraph 8",
        "picture-no-alt-text",
        "error",
    )


def test_summary_with_no_problems(tmp_path):
    report = check_files([save(clean_document(), tmp_path)])
    assert report.ok
    assert report.summary() == "accessibility: 1 document checked, no problems"
    assert CheckReport().summary() == "accessibility: 0 documents checked, no problems"


def test_unreadable_and_unsupported_files_are_reported_and_others_still_checked(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_text("this is not a zip file")
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    clean = save(clean_document(), tmp_path, "clean.docx")
    report = check_files([broken, old, clean])
    assert [(p.name, [i.type for i in issues]) for p, issues in report.documents.items()] == [
        ("broken.docx", ["unreadable"]),
        ("old.doc", ["unreadable"]),
        ("clean.docx", []),
    ]
    assert "Word Document (.docx)" in report.documents[old][0].message


def test_missing_files_stop_the_check_naming_all_of_them(tmp_path):
    with pytest.raises(InputError, match="a.docx, .*b.pdf"):
        check_files([tmp_path / "a.docx", tmp_path / "b.pdf"])


# --- PDFs built with pikepdf --------------------------------------------------------------------


def test_clean_pdf_has_no_findings(tmp_path):
    assert found(tagged_pdf(tmp_path / "clean.pdf")) == []


@pytest.mark.parametrize(
    ("defect", "expected"),
    [
        ({"tagged": False}, [("document structure", "pdf-not-tagged")]),
        ({"language": None}, [(PROPS, "pdf-no-language")]),
        ({"language": "English"}, [(PROPS, "pdf-bad-language")]),
        ({"title": None}, [(PROPS, "pdf-no-title")]),
        ({"show_title": False}, [(PROPS, "pdf-title-not-shown")]),
        ({"pdfua": False}, [(PROPS, "pdf-not-pdfua")]),
        ({"figure_alt": None}, [("page 1", "pdf-figure-no-alt")]),
        ({"figure_alt": "chart.png"}, [("page 1", "pdf-figure-alt-is-file-name")]),
    ],
)
def test_pdf_defects(tmp_path, defect, expected):
    assert found(tagged_pdf(tmp_path / "paper.pdf", **defect)) == expected


def test_pdf_that_locks_out_screen_readers(tmp_path):
    path = tagged_pdf(tmp_path / "paper.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        no_access = pikepdf.Permissions(accessibility=False, extract=False)
        # 128-bit RC4 (R3), as older Acrobat wrote it: qpdf ignores the bit from R4 on
        lock = pikepdf.Encryption(
            owner="clerk", user="", R=3, aes=False, metadata=False, allow=no_access
        )
        pdf.save(path, encryption=lock)
    assert found(path) == [(PROPS, "pdf-blocks-screen-readers")]


def test_pdf_with_an_opening_password_is_unreadable(tmp_path):
    path = tagged_pdf(tmp_path / "paper.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="clerk", user="secret"))
    report = check_files([path])
    assert [i.type for i in report.issues] == ["unreadable"]
    assert "password" in report.issues[0].message


def test_damaged_pdf_is_unreadable(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\nnot really")
    report = check_files([damaged])
    assert [i.type for i in report.issues] == ["unreadable"]


# --- PDFs made by LibreOffice -------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed, so no PDFs can be exported"
)
TAGGED_PDFUA = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
UNTAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"false"}}'


def export_pdfs(documents: list[Path], out: Path, pdf_filter: str) -> list[Path]:
    profile = out / "profile"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            pdf_filter,
            "--outdir",
            str(out),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(out)},
    )
    return [out / f"{d.stem}.pdf" for d in documents]


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("libreoffice")
    good = save(clean_document(), folder, "good.docx")
    untitled = clean_document()
    untitled.core_properties.title = ""
    add_picture(untitled.add_paragraph())
    bad = save(untitled, folder, "bad.docx")
    tagged = export_pdfs([good, bad], folder / "tagged", TAGGED_PDFUA)
    untagged = export_pdfs([good], folder / "untagged", UNTAGGED)
    return {"good": tagged[0], "bad": tagged[1], "untagged": untagged[0]}


@needs_libreoffice
def test_libreoffice_pdfua_export_of_a_clean_paper_passes(libreoffice_pdfs):
    assert found(libreoffice_pdfs["good"]) == []


@needs_libreoffice
def test_libreoffice_export_without_title_or_alt_text(libreoffice_pdfs):
    assert found(libreoffice_pdfs["bad"]) == [
        (PROPS, "pdf-no-title"),
        (PROPS, "pdf-title-not-shown"),
        ("page 1", "pdf-figure-no-alt"),
    ]


@needs_libreoffice
def test_libreoffice_untagged_export(libreoffice_pdfs):
    assert found(libreoffice_pdfs["untagged"]) == [
        ("document structure", "pdf-not-tagged"),
        (PROPS, "pdf-not-pdfua"),
    ]
