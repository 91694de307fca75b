"""The rich values a document's context may hold besides plain text: paragraphs, pictures and
table cells that carry on the cell above.

They are data, not machinery: a :class:`Picture` is image bytes (or the chart to draw) with its
alternative text, and the render engine puts it into the document; :func:`paragraphs` is Word
paragraph XML built from cell text, escaped. Nothing here reaches a template object or a file.
"""

from __future__ import annotations

import re

from docxtpl import RichText, RichTextParagraph

from reportgen.documents.charts import ChartSpec
from reportgen.rules.text import CELL_CONTINUES, bullet_text, numbered_item

BULLET_STYLE = "ListBullet"
NUMBER_STYLE = "ListNumber"
# The run holding a list item's typed label ("1.", "a)"), which the render engine turns into
# Word's numbering; not a style of any template, so if left it prints as plain text.
LIST_LABEL_STYLE = "ReportgenListLabel"

# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in its output into "{{", "}}", "{%" and "%}" (a
# way for templates to print tags). Data must come out as typed, so in data the underscore of
# those pairs is written as the XML character reference, which Word reads as "_".
_DOCXTPL_ESCAPES = re.compile(r"(?<=[{%}])_(?=[{%}])")

CONTINUES = CELL_CONTINUES  # starts a cell that carries on the one above (readers remove it)


def protect_data_xml(xml: str) -> str:
    """Escaped data XML with docxtpl's literal-tag sequences neutralised."""
    return _DOCXTPL_ESCAPES.sub("&#95;", xml)


def paragraphs(
    text: str | None,
    label: str | None = None,
    bullet_style: str = BULLET_STYLE,
    style: str | None = None,
) -> RichTextParagraph:
    """Cell text as Word paragraphs: each line a paragraph, bullet lines ("• …", "- …") as real
    bullet paragraphs, lines typed as a numbered list ("1. …", "a) …") as items of a real
    numbered list (see :mod:`reportgen.render.lists`), and ``label`` (such as ``Q2 2022/23``)
    in bold at the start. Other lines take paragraph ``style`` (a style id), if given."""
    result = RichTextParagraph()
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if not lines:
        lines = [""]
    for index, line in enumerate(lines):
        bullet = bullet_text(line)
        numbered = numbered_item(line) if bullet is None and not (index == 0 and label) else None
        run = RichText()
        para_style = bullet_style if bullet is not None else style
        if index == 0 and label:
            run.add(label, bold=True)
            run.add(" – " if (bullet if bullet is not None else line) else "")
        if numbered is not None:
            run.add(f"{numbered[0]} ", style=LIST_LABEL_STYLE)
            run.add(numbered[1])
            para_style = NUMBER_STYLE
        else:
            run.add(bullet if bullet is not None else line)
        result.add(run, parastyle=para_style)
    result.xml = protect_data_xml(result.xml)
    return result


def continued(text: str) -> str:
    """``text`` for a ``{{ }}`` table cell that carries on the cell above (the same value).

    The render engine merges such a cell into the one above when the layout merges cells
    (the council's own look), and otherwise leaves the value repeated (the accessible variant:
    screen readers lose track of merged cells)."""
    return CONTINUES + text


def continued_paragraphs(value: RichTextParagraph) -> RichTextParagraph:
    """``value`` (from :func:`paragraphs`) for a ``{{p }}`` cell that carries on the cell above;
    see :func:`continued`."""
    result = RichTextParagraph()
    result.xml = re.sub(r"(<w:t(?: [^>]*)?>)", lambda m: m.group(1) + CONTINUES, value.xml, count=1)
    if result.xml == value.xml:  # no text at all
        result.add(RichText(CONTINUES))
    return result


class Picture:
    """An inline picture: PNG bytes (or the chart to draw, for the render engine to draw with
    every other chart of the document), its width, and its alternative text, which screen
    readers read (``alt``) and which the field reference shows."""

    __slots__ = ("alt", "chart", "image", "name", "width_mm")

    def __init__(
        self,
        image: bytes | None,
        alt: str,
        width_mm: float,
        name: str = "icon",
        chart: ChartSpec | None = None,
    ) -> None:
        self.image = image
        self.alt = alt
        self.width_mm = width_mm
        self.name = name
        self.chart = chart
