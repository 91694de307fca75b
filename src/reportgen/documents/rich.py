"""The rich values a document's context may hold besides plain text: paragraphs, pictures and
the mark of a table cell that continues the one above.

They are data, not machinery: a :class:`Picture` is image bytes (or the chart to draw) with its
alternative text, and the render engine puts it into the document; :func:`paragraphs` is Word
paragraph XML built from cell text, escaped. Nothing here reaches a template object or a file.
"""

from __future__ import annotations

import re

from docxtpl import RichText, RichTextParagraph

from reportgen.documents.charts import ChartSpec
from reportgen.rules.text import bullet_text

BULLET_STYLE = "ListBullet"

# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in its output into "{{", "}}", "{%" and "%}" (a
# way for templates to print tags). Data must come out as typed, so in data the underscore of
# those pairs is written as the XML character reference, which Word reads as "_".
_DOCXTPL_ESCAPES = re.compile(r"(?<=[{%}])_(?=[{%}])")

# Private-use characters around a word: nothing staff type can produce this cell text.
MERGED_ABOVE = "\ue000merged-above\ue000"


def protect_data_xml(xml: str) -> str:
    """Escaped data XML with docxtpl's literal-tag sequences neutralised."""
    return _DOCXTPL_ESCAPES.sub("&#95;", xml)


def paragraphs(
    text: str | None, label: str | None = None, bullet_style: str = BULLET_STYLE
) -> RichTextParagraph:
    """Cell text as Word paragraphs: each line a paragraph, bullet lines ("• …", "- …") as real
    bullet paragraphs, and ``label`` (such as ``Q2 2022/23``) in bold at the start."""
    result = RichTextParagraph()
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if not lines:
        lines = [""]
    for index, line in enumerate(lines):
        bullet = bullet_text(line)
        run = RichText()
        if index == 0 and label:
            run.add(label, bold=True)
            run.add(" – " if (bullet if bullet is not None else line) else "")
        run.add(bullet if bullet is not None else line)
        result.add(run, parastyle=bullet_style if bullet is not None else None)
    result.xml = protect_data_xml(result.xml)
    return result


def merged_above() -> RichTextParagraph:
    """The mark for a ``{{p … }}`` cell that continues the cell above (``MERGED_ABOVE`` is
    the mark for a ``{{ }}`` cell); the render engine merges such cells after rendering."""
    result = RichTextParagraph()
    result.add(RichText(MERGED_ABOVE))
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
