"""Layout of templates/performance-report.docx (seed 001, the quarterly performance report)."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt
from docx_build import (
    CENTER,
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

ACTION_HEADINGS = (
    "Action Code",
    "Action Title",
    "Priority",
    "Desired Outcome",
    "Due Date",
    "Latest Status Update",
    "Progress",
    "Status Icon",
)
ACTION_WIDTHS = (23, 40, 15, 40, 21, 88, 19, 21)


def _action_cells(row, var: str) -> None:
    """Fill a table row with the fields of action row ``var``."""
    cells = row.cells
    write_cell(cells[0], f"{{{{ {var}.code }}}}", bold=True)
    write_cell(cells[1], f"{{{{ {var}.title }}}}")
    write_cell(cells[2], f"{{{{ {var}.priority }}}}", align=CENTER)
    write_cell(cells[3], f"{{{{p {var}.desired_outcome }}}}")
    write_cell(cells[4], f"{{{{ {var}.due_date }}}}")
    write_cell(cells[5], f"{{{{p {var}.update }}}}")
    write_cell(cells[6], f"{{{{ {var}.progress }}}}", bold=True, align=CENTER)
    write_cell(cells[7], f"{{{{ {var}.icon }}}}", align=CENTER)
    status = cells[7].add_paragraph()
    status.alignment = CENTER
    run = status.add_run(f"{{{{ {var}.status }}}}")
    run.font.size = Pt(7)
    row_flags(row)


def _single_row_table(doc, var: str) -> None:
    table = grid_table(doc, 2, len(ACTION_HEADINGS))
    header_row(table, ACTION_HEADINGS, ACTION_WIDTHS)
    _action_cells(table.rows[1], var)


def _loop_table(doc, loop: str, var: str) -> None:
    table = grid_table(doc, 4, len(ACTION_HEADINGS))
    header_row(table, ACTION_HEADINGS, ACTION_WIDTHS)
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {var} in {loop} %}}")
    _action_cells(table.rows[2], var)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, ACTION_WIDTHS)


def _legend(doc) -> None:
    table = grid_table(doc, 4, 2)
    table.alignment = 0
    top = table.rows[0]
    merged = top.cells[0].merge(top.cells[1])
    write_cell(merged, "Action Status", bold=True, size=9, colour=None)
    shade(merged, "DEEAF6")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for entry in legend %}")
    write_cell(table.rows[2].cells[0], "{{ entry.icon }}", align=CENTER)
    write_cell(table.rows[2].cells[1], "{{ entry.label }}", size=9)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, (12, 70))


def build(target: Path) -> None:
    doc = new_document(landscape=True, title="Quarterly Performance Report")
    paragraph(
        doc,
        "{{ report.period_heading }} {{ report.title }} – Service Plan",
        style="Title",
    )
    _legend(doc)
    paragraph(doc, "1. {{ report.plan_heading }}", style="Heading 1")
    paragraph(doc, "1.1. Overall Plan Progress", style="Heading 2")
    _single_row_table(doc, "plan")
    paragraph(doc, "{%p for section in sections %}")
    paragraph(doc, "{{ section.number }}. {{ section.title|upper }}", style="Heading 1")
    paragraph(doc, "{%p for group in section.groups %}")
    paragraph(
        doc,
        "{{ group.overall_number }} {{ group.outcome }} – Overall Progress",
        style="Heading 2",
    )
    _single_row_table(doc, "group.row")
    paragraph(doc, "{%p if group.actions %}")
    paragraph(doc, "{{ group.actions_number }} {{ group.outcome }} – Actions", style="Heading 2")
    _loop_table(doc, "group.actions", "a")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")
    page_footer(doc, "{{ report.footer }}")
    doc.save(target)
