"""Layout of templates/changes.docx: changes since the last report.

Portrait A4: the title, the plan, the two periods and the overall progress sentence, then one
numbered section per kind of change, each a table of the actions (or indicators) with their
values at the last report and now, or a sentence when nothing of the kind changed.
"""

from __future__ import annotations

from pathlib import Path

from layouts.docx_build import (
    describe,
    grid_table,
    header_row,
    new_document,
    page_footer,
    paragraph,
    row_flags,
    set_widths,
    write_cell,
)

HEADINGS = (
    "Code",
    "{{ s.item }}",
    "At the last report ({{ report.since }})",
    "Now ({{ report.period }})",
    "Change",
)
WIDTHS = (24, 50, 36, 36, 34)


def _changes_table(doc) -> None:
    table = grid_table(doc, 4, len(HEADINGS))
    header_row(table, HEADINGS, WIDTHS)
    describe(table, "{{ s.number }}. {{ s.heading }}: at the last report and now")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in s.rows %}")
    cells = table.rows[2].cells
    write_cell(cells[0], "{{ r.code }}", bold=True)
    write_cell(cells[1], "{{ r.title }}")
    write_cell(cells[2], "{{ r.before }}")
    write_cell(cells[3], "{{ r.after }}")
    write_cell(cells[4], "{{ r.change }}")
    row_flags(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, WIDTHS)


def build(target: Path) -> None:
    doc = new_document(landscape=False, title="Changes since the last report")
    paragraph(doc, "{{ report.title }}", style="Title")
    paragraph(doc, "{{ report.subtitle }}", bold=True)
    paragraph(doc, "{{ report.since }} to {{ report.period }}")
    paragraph(doc, "{{ report.summary }}")
    paragraph(doc, "{%p for s in sections %}")
    paragraph(doc, "{{ s.number }}. {{ s.heading }}", style="Heading 1")
    paragraph(doc, "{%p if s.rows %}")
    _changes_table(doc)
    paragraph(doc, "{%p else %}")
    paragraph(doc, "{{ s.none }}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    page_footer(doc, "{{ report.footer }}")
    doc.save(target)
