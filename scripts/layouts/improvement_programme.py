"""Layout of templates/improvement-programme.docx (seed 004, a continuous improvement plan).

The introduction's sections, then per workstream a Programme Plan table: one row per activity
with its When? and Who?, Ref and "Outcome we are trying to achieve" carried down the outcome's
rows (the context marks the cells that carry on; the build merges or repeats them), and a
"Measures of success" row under each outcome: the label under the outcome, the measures under
the activities (no cell spans columns, which would trip screen readers). Tables have a header
row and Alt Text.
"""

from __future__ import annotations

from pathlib import Path

from layouts.docx_build import (
    BODY_FILL,
    describe,
    grid_table,
    header_row,
    new_document,
    page_footer,
    paragraph,
    row_flags,
    set_widths,
    shade,
    write_cell,
)

HEADINGS = ("Ref", "Outcome we are trying to achieve", "Activity", "When?", "Who?")
WIDTHS = (12, 38, 72, 26, 32)  # Who? wide enough for "Commissioning" unbroken
SECTIONS = (
    ("overview", "Overview and introduction"),
    ("governance", "Governance"),
    ("working_towards", "What are we working towards…"),
    ("evidence", "How we will evidence improvement"),
)


def _tag_row(table, index: int, tag: str) -> None:
    table.rows[index].cells[0].paragraphs[0].add_run(tag)


def _programme_table(doc) -> None:
    table = grid_table(doc, 9, len(HEADINGS))
    header_row(table, HEADINGS, WIDTHS)
    describe(table, "{{ stream.caption }}")
    _tag_row(table, 1, "{%tr for outcome in stream.outcomes %}")
    _tag_row(table, 2, "{%tr for activity in outcome.activities %}")
    cells = table.rows[3].cells
    write_cell(cells[0], "{{ activity.ref }}", bold=True)
    write_cell(cells[1], "{{p activity.outcome }}")
    write_cell(cells[2], "{{p activity.text }}")
    write_cell(cells[3], "{{ activity.when }}")
    write_cell(cells[4], "{{ activity.who }}")
    row_flags(table.rows[3])
    _tag_row(table, 4, "{%tr endfor %}")
    _tag_row(table, 5, "{%tr if outcome.has_measures %}")
    measures = table.rows[6].cells
    write_cell(measures[1], "Measures of success:", bold=True)
    write_cell(measures[2], "{{p outcome.measures }}")
    for cell in measures:
        shade(cell, BODY_FILL)
    row_flags(table.rows[6])
    _tag_row(table, 7, "{%tr endif %}")
    _tag_row(table, 8, "{%tr endfor %}")
    set_widths(table, WIDTHS)


def build(target: Path) -> None:
    doc = new_document(landscape=False, title="Improvement Programme")
    paragraph(doc, "{{ programme.heading }}", style="Title")
    for field, heading in SECTIONS:
        paragraph(doc, f"{{%p if intro.{field} %}}")
        paragraph(doc, heading, style="Heading 1")
        paragraph(doc, f"{{{{p intro.{field} }}}}")
        paragraph(doc, "{%p endif %}")
    title = paragraph(doc, "Programme Plan", style="Heading 1")
    title.paragraph_format.page_break_before = True
    paragraph(doc, "{%p for stream in workstreams %}")
    paragraph(doc, "{%p if stream.name %}")
    paragraph(doc, "{{ stream.name }}", style="Heading 2")
    paragraph(doc, "{%p endif %}")
    _programme_table(doc)
    paragraph(doc, "")
    paragraph(doc, "{%p endfor %}")
    page_footer(doc, "{{ programme.footer }}")
    doc.save(target)
