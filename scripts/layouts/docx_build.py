"""python-docx helpers for writing the shipped Word templates (used by make_templates.py).

The templates are ordinary .docx files that clerks open and edit in Word; these helpers only save
us from drawing them by hand: page setup, styles, tables with repeating header rows, fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Arial"
HEADER_FILL = "1F3864"
HEADER_TEXT = RGBColor(0xFF, 0xFF, 0xFF)
BODY_FILL = "DEEAF6"


def new_document(landscape: bool = True, title: str = "") -> Document:
    """A4 document, Arial throughout, en-GB, heading styles tuned to the council's papers."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin = section.bottom_margin = Mm(15)
    section.header_distance = section.footer_distance = Mm(8)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    _set_language(normal, "en-GB")
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(3)
    for name, size, colour in (
        ("Title", 18, "1F3864"),
        ("Heading 1", 13, "1F3864"),
        ("Heading 2", 11, "1F3864"),
        ("Heading 3", 10, "1F3864"),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(colour)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        srpr = style.element.get_or_add_rPr()
        sfonts = srpr.find(qn("w:rFonts"))
        if sfonts is None:
            sfonts = OxmlElement("w:rFonts")
            srpr.insert(0, sfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            sfonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            sfonts.attrib.pop(qn(theme), None)
    title_style = styles["Title"]
    pbdr = title_style.element.get_or_add_pPr().find(qn("w:pBdr"))
    if pbdr is not None:
        pbdr.getparent().remove(pbdr)
    bullet = styles["List Bullet"]
    bullet.font.name = FONT
    bullet.paragraph_format.space_after = Pt(2)
    doc.core_properties.title = title
    doc.core_properties.language = "en-GB"
    doc.core_properties.author = "reportgen"
    _document_language(doc, "en-GB")
    return doc


def _set_language(style, lang: str) -> None:
    rpr = style.element.get_or_add_rPr()
    node = rpr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        rpr.append(node)
    node.set(qn("w:val"), lang)
    node.set(qn("w:eastAsia"), lang)


def _document_language(doc: Document, lang: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    node = rpr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        rpr.append(node)
    node.set(qn("w:val"), lang)


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    node = OxmlElement("w:shd")
    node.set(qn("w:val"), "clear")
    node.set(qn("w:color"), "auto")
    node.set(qn("w:fill"), fill)
    tc_pr.append(node)


def row_flags(row, header: bool = False, cant_split: bool = True) -> None:
    """Mark a row as a repeating header row and/or one that should not split across pages."""
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def set_widths(table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _table_property(table, layout)


# w:tblPr's children in the order the schema gives them (Word rejects other orders)
_TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def _table_property(table, element) -> None:
    """Put ``element`` into the table's properties in its schema place, replacing its like."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(element.tag):
        tbl_pr.remove(old)
    rank = {qn(tag): n for n, tag in enumerate(_TBL_PR_ORDER)}
    mine = rank[element.tag]
    for child in tbl_pr:
        if rank.get(child.tag, -1) > mine:
            child.addprevious(element)
            return
    tbl_pr.append(element)


def describe(table, title: str, description: str = "") -> None:
    """The table's Alt Text (Table Properties > Alt Text): a title screen readers announce as
    the table starts (its caption), and a longer description. Template tags may be used."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), title)
    _table_property(table, caption)
    if description:
        node = OxmlElement("w:tblDescription")
        node.set(qn("w:val"), description)
        _table_property(table, node)


def write_cell(
    cell,
    text: str,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align=None,
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align


def header_row(table, headings: Sequence[str], widths_mm: Sequence[float]) -> None:
    """Fill row 0 with headings: bold white on dark blue, repeated on every page."""
    row = table.rows[0]
    for cell, heading in zip(row.cells, headings, strict=False):
        write_cell(cell, heading, bold=True, size=9, colour=HEADER_TEXT)
        shade(cell, HEADER_FILL)
    row_flags(row, header=True)
    set_widths(table, widths_mm)


def grid_table(doc, rows: int, cols: int):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return table


def paragraph(
    doc_or_cell,
    text: str = "",
    style: str | None = None,
    bold: bool = False,
    size: float | None = None,
    align=None,
):
    para = doc_or_cell.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        para.alignment = align
    return para


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""

    def run_with(child) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_footer(doc, left_text: str) -> None:
    """Footer: ``left_text`` then "Page N of M" at the right margin."""
    section = doc.sections[0]
    style = doc.styles["Footer"]
    style.font.size = Pt(8)
    tabs = style.paragraph_format.tab_stops
    for stop in list(tabs):
        tabs._pPr.tabs.remove(stop._tab)
    width = section.page_width - section.left_margin - section.right_margin
    tabs.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)
    para = section.footer.paragraphs[0]
    para.style = style
    para.add_run(left_text)
    para.add_run("\tPage ")
    add_field(para, "PAGE")
    para.add_run(" of ")
    add_field(para, "NUMPAGES")


CENTER = WD_ALIGN_PARAGRAPH.CENTER
