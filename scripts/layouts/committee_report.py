"""Layout of templates/committee-report.docx (seed 003, the covering committee report).

Portrait A4, Arial 12, black: "REPORT TO: … ON …", "SUBJECT: …", "BY: …", then numbered
sections (real Heading 1), numbered paragraphs with a hanging number (1.1, 1.2 …), numbered
sub-headings (real Heading 2), the implications lettered (a) to (h) (real Heading 2 too, under
"4. Summary of Implications", set in from the margin and not bold as in the council's reports),
and the closing Author of Report, Background Papers and Ref lines, kept on the page of the
conclusion. The numbers come from the context.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from layouts.docx_build import new_document, page_footer, paragraph

BLACK = RGBColor(0, 0, 0)
NUMBER_INDENT = Mm(15)
LETTER_INDENT = Mm(25)


def _format(style, left=None, hanging=None, tab=None, before=0, after=8, justify=False) -> None:
    fmt = style.paragraph_format
    if left is not None:
        fmt.left_indent = left
    if hanging is not None:
        fmt.first_line_indent = -hanging
    if tab is not None:
        fmt.tab_stops.add_tab_stop(tab)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if justify:
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _styles(doc) -> None:
    styles = doc.styles
    styles["Normal"].font.size = Pt(12)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[name]
        style.font.size = Pt(12)
        style.font.bold = True
        style.font.color.rgb = BLACK
    _format(styles["Title"], after=12)
    _format(styles["Heading 1"], NUMBER_INDENT, NUMBER_INDENT, NUMBER_INDENT, before=12, after=8)
    _format(styles["Heading 2"], NUMBER_INDENT, NUMBER_INDENT, NUMBER_INDENT, before=4, after=6)
    numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = styles["Normal"]
    _format(numbered, NUMBER_INDENT, NUMBER_INDENT, NUMBER_INDENT, justify=True)
    text = styles.add_style("Report Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    _format(text, NUMBER_INDENT, justify=True)
    implication = styles.add_style("Implication Text", WD_STYLE_TYPE.PARAGRAPH)
    implication.base_style = styles["Normal"]
    _format(implication, LETTER_INDENT, justify=True)
    bullet = styles.add_style("Report Bullet", WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = styles["List Bullet"]
    _format(bullet, Mm(22), Mm(6), after=4)
    closing = styles.add_style("Closing Text", WD_STYLE_TYPE.PARAGRAPH)
    closing.base_style = styles["Normal"]
    _format(closing, after=6)
    closing.paragraph_format.keep_with_next = True


def _implication_heading(doc):
    """An implication's lettered heading: a real Heading 2 (it sits under Heading 1, "4.
    Summary of Implications"), set in and not bold as the council prints it."""
    heading = doc.add_paragraph(style="Heading 2")
    fmt = heading.paragraph_format
    fmt.left_indent = LETTER_INDENT
    fmt.first_line_indent = -Mm(10)
    fmt.tab_stops.add_tab_stop(LETTER_INDENT)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(6)
    heading.add_run("{{ i.letter }}\t{{ i.heading }}").bold = False


def _tagged(doc, tag: str) -> None:
    paragraph(doc, tag)


def _numbered(doc, items: str, bold: bool = False, keep: bool = False) -> None:
    """A loop over NumberedParagraph views: sub-headings as Heading 2, others numbered;
    ``keep``: every paragraph kept on the page of the next (the conclusion stays with the
    author block that follows it)."""
    _tagged(doc, f"{{%p for p in {items} %}}")
    _tagged(doc, "{%p if p.heading %}")
    doc.add_paragraph("{{ p.number }}\t{{ p.heading }}", style="Heading 2")
    _tagged(doc, "{%p if p.text %}")
    body = doc.add_paragraph(style="Report Text")
    body.add_run("{{ p.text }}").bold = bold
    _tagged(doc, "{%p endif %}")
    _tagged(doc, "{%p else %}")
    numbered = doc.add_paragraph(style="Numbered Paragraph")
    numbered.add_run("{{ p.number }}\t")
    numbered.add_run("{{ p.text }}").bold = bold
    _tagged(doc, "{%p endif %}")
    _tagged(doc, "{%p for b in p.bullets %}")
    bullet = doc.add_paragraph(style="Report Bullet")
    bullet.add_run("{{ b }}").bold = bold
    _tagged(doc, "{%p endfor %}")
    _tagged(doc, "{%p endfor %}")
    if keep:
        for para in (body, numbered, bullet):
            para.paragraph_format.keep_with_next = True


def _closing(doc) -> None:
    """Author of Report, Background Papers and Ref, each kept on the page of the next."""
    author = doc.add_paragraph(style="Closing Text")
    author.paragraph_format.space_before = Pt(18)
    author.add_run("Author of Report:\t").bold = True
    author.add_run("{{ report.author }}")
    author.paragraph_format.tab_stops.add_tab_stop(Mm(45))
    papers = doc.add_paragraph(style="Closing Text")
    papers.add_run("Background Papers:").bold = True
    paragraph(doc, "{{p report.background_papers }}")
    ref = doc.add_paragraph()
    ref.add_run("Ref:\t").bold = True
    ref.add_run("{{ report.ref }}")
    ref.paragraph_format.tab_stops.add_tab_stop(Mm(45))


def build(target: Path) -> None:
    doc = new_document(landscape=False, title="Report to Committee")
    section = doc.sections[0]
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)
    _styles(doc)
    doc.add_paragraph("REPORT TO: {{ report.committee }} ON {{ report.meeting_date }}", "Title")
    subject = doc.add_paragraph()
    subject.add_run("SUBJECT: {{ report.subject }}").bold = True
    subject.paragraph_format.space_after = Pt(12)
    _tagged(doc, "{%p if report.by %}")
    by = doc.add_paragraph("BY: {{ report.by }}")
    by.paragraph_format.space_after = Pt(12)
    _tagged(doc, "{%p endif %}")
    doc.add_paragraph("1.\tREASON FOR REPORT", style="Heading 1")
    _numbered(doc, "reason")
    doc.add_paragraph("2.\tRECOMMENDATION", style="Heading 1")
    _numbered(doc, "recommendation", bold=True)
    doc.add_paragraph("3.\tBACKGROUND", style="Heading 1")
    _numbered(doc, "background")
    doc.add_paragraph("4.\tSUMMARY OF IMPLICATIONS", style="Heading 1")
    _tagged(doc, "{%p for i in implications %}")
    _implication_heading(doc)
    paragraph(doc, "{{p i.body }}")
    _tagged(doc, "{%p endfor %}")
    doc.add_paragraph("5.\tCONCLUSION", style="Heading 1")
    _numbered(doc, "conclusion", bold=True, keep=True)
    _closing(doc)
    page_footer(doc, "{{ report.footer }}")
    doc.save(target)
