"""Word documents and PDFs built in code for the accessibility checker's tests.

:func:`clean_document` is a small paper that passes every check; each test adds one defect to it
and expects exactly the finding for that defect. Its places, for reference:

- paragraph 1 Title, paragraph 2 Heading 1 '1. Introduction', paragraph 3 body text,
  paragraph 4 Heading 2 '1.1 Progress', paragraph 5 the caption of table 1,
- table 1: a header row ('Status', 'Actions') and two data rows,
- paragraph 6 a chart picture with alternative text, paragraph 7 its caption.

Anything a test appends is paragraph 8 onwards, or table 2.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def png_bytes() -> bytes:
    """A 1×1 green PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\xb0\x50")
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def clean_document() -> WordDocument:
    """A paper with no accessibility problems (see the module docstring for its places)."""
    document = Document()
    document.core_properties.title = "Quarterly performance report"
    document.core_properties.language = "en-GB"
    set_text_language(document, "en-GB")
    # python-docx's template keeps Word 2010's pale blue for Heading 2-4 and Caption (4:1 on
    # white): a real finding, so the clean paper darkens them as our templates should.
    for name in ("Heading 2", "Heading 3", "Heading 4", "Caption"):
        document.styles[name].font.color.rgb = DARK_BLUE
    document.add_paragraph("Quarterly performance report", style="Title")
    document.add_heading("1. Introduction", 1)
    document.add_paragraph("This report sets out progress with the service plan.")
    document.add_heading("1.1 Progress", 2)
    document.add_paragraph("Table 1: Actions by status", style="Caption")
    add_table(document, [["Status", "Actions"], ["Completed", "4"], ["Overdue", "2"]])
    add_picture(document.add_paragraph(), alt="Bar chart: 4 actions completed and 2 overdue")
    document.add_paragraph("Figure 1: Progress of actions", style="Caption")
    return document


def save(document: WordDocument, folder: Path, name: str = "paper.docx") -> Path:
    path = folder / name
    document.save(str(path))
    return path


def set_text_language(document: WordDocument, language: str | None) -> None:
    """Set (or with None remove) the default text language in the styles' document defaults."""
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = rpr.find(qn("w:lang"))
    if language is None:
        if lang is not None:
            rpr.remove(lang)
        return
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def add_table(document: WordDocument, rows: list[list[str]], header: bool = True) -> Table:
    """A table of ``rows`` of text, the first row marked as a repeating header row."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if header:
        mark_header(table.rows[0])
    return table


def mark_header(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def set_table_alt_text(table: Table, title: str) -> None:
    """Table Properties > Alt Text > Title."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), title)
    table._tbl.tblPr.append(caption)


def shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def add_picture(paragraph: Paragraph, alt: str | None = None, decorative: bool = False) -> None:
    """A picture in ``paragraph`` with ``alt`` as its alternative text (none if None)."""
    paragraph.add_run().add_picture(io.BytesIO(png_bytes()), width=Pt(72))
    doc_pr = paragraph._p.findall(f".//{qn('wp:docPr')}")[-1]
    if alt is not None:
        doc_pr.set("descr", alt)
    if decorative:
        ext_list = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", DECORATIVE_EXT)
        mark = ext.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"})
        ext.append(mark)
        ext_list.append(ext)
        doc_pr.append(ext_list)


def paragraph_style(document: WordDocument, name: str, base: str, bold: bool = False) -> None:
    """A custom paragraph style ``name`` based on ``base``."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    if bold:
        style.font.bold = True


def tagged_pdf(
    path: Path,
    *,
    tagged: bool = True,
    language: str | None = "en-GB",
    title: str | None = "Quarterly performance report",
    show_title: bool = True,
    pdfua: bool = True,
    figure_alt: str | None = "Bar chart of progress",
) -> Path:
    """A one-page PDF built with pikepdf, with exactly the accessibility features asked for.
    Its structure tree holds a heading and a figure on page 1."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    if tagged:
        figure = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Pg=page)
        if figure_alt is not None:
            figure.Alt = figure_alt
        heading = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.H1, Pg=page)
        document = pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            S=pikepdf.Name.Document,
            K=pikepdf.Array([pdf.make_indirect(heading), pdf.make_indirect(figure)]),
        )
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pdf.make_indirect(document))
        )
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    if language:
        pdf.Root.Lang = language
    if title:
        pdf.docinfo.Title = title
    if show_title:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if title:
            meta["dc:title"] = title
        if pdfua:
            meta["pdfuaid:part"] = "1"
    pdf.save(path)
    return path
