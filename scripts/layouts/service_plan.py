"""Layout of templates/service-plan.docx (seed 000, the service plan).

Landscape A4. Each numbered part is a real Heading 1: parts 1 and 2 (Service Definition, the
teams as a lettered list; Service Resources) are paragraphs under theirs, parts 3 to 6 a table
each whose header row repeats on every page and whose Alt Text names it. An outcomes table holds
one block of rows per outcome group (the context marks the outcome cells that carry on the row
above: the build merges them or repeats them) and, when there are no groups, one row saying
"None in this plan". The column headings are the council's own wording.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm

from layouts.docx_build import (
    CENTER,
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

OUTCOME_HEADINGS = (
    "Action",
    "Planned Outcome",
    "Recovery & Renewal",
    "Outcome Measures",
    "Completion Target",
    "Lead",
)
OUTCOME_WIDTHS = (36, 42, 36, 19, 48, 28, 28, 30)
IMPROVEMENT_HEADINGS = (
    "Improvement",
    "Recovery & Renewal (tick if app)",
    "What evidence did we use to identify this improvement? Please add benchmark information "
    "wherever available and relevant to the improvement.",
)
IMPROVEMENT_WIDTHS = (85, 27, 155)


def _tag_row(row, tag: str) -> None:
    """A row holding only a docxtpl row tag (``{%tr … %}``); docxtpl removes the row."""
    row.cells[0].paragraphs[0].add_run(tag)


def _keep_with_next(row) -> None:
    """Keep a header row on the page of the row after it (a heading never ends a page)."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _none_row(table, row_index: int, text: str) -> None:
    """The row shown when a table has no rows: the text in its first cell, the others empty
    (a cell spanning the row would trip screen readers)."""
    row = table.rows[row_index]
    row.cells[0].paragraphs[0].add_run(text).italic = True
    row_flags(row)


def _service_parts(doc) -> None:
    """Parts 1 and 2: Service Definition (the teams lettered A., B. …) and Service Resources."""
    paragraph(doc, "1. Service Definition", style="Heading 1")
    paragraph(doc, "{{ plan.heading }}", bold=True)
    paragraph(doc, "{{p definition.listing }}")
    paragraph(doc, "2. Service Resources", style="Heading 1")
    budget = paragraph(doc, "REVENUE BUDGET: ", bold=True)
    budget.add_run("{{ resources.revenue_budget }}")
    fte = paragraph(doc, "FTE: ", bold=True)
    fte.add_run("{{ resources.fte }}")


def _improvements(doc) -> None:
    """Part 3: improvement | Recovery & Renewal tick | evidence."""
    paragraph(doc, "3. {{ improvements.title }}", style="Heading 1")
    table = grid_table(doc, 6, 3)
    header_row(table, IMPROVEMENT_HEADINGS, IMPROVEMENT_WIDTHS)
    describe(table, "3. {{ improvements.title }}")
    _keep_with_next(table.rows[0])
    _tag_row(table.rows[1], "{%tr for row in improvements.rows %}")
    cells = table.rows[2].cells
    write_cell(cells[0], "{{p row.improvement }}")
    write_cell(cells[1], "{{ row.recovery_renewal }}", bold=True, align=CENTER)
    write_cell(cells[2], "{{p row.evidence }}")
    row_flags(table.rows[2])
    _tag_row(table.rows[3], "{%tr else %}")
    _none_row(table, 4, "{{ improvements.none_text }}")
    _tag_row(table.rows[5], "{%tr endfor %}")
    set_widths(table, IMPROVEMENT_WIDTHS)


def _outcomes_table(doc, part: str, outcome_heading: str, caption: str) -> None:
    """An outcomes table for the part in context variable ``part``."""
    headings = (outcome_heading, *OUTCOME_HEADINGS, f"{{{{ {part}.priority_heading }}}}")
    table = grid_table(doc, 8, len(headings))
    header_row(table, headings, OUTCOME_WIDTHS)
    describe(table, caption)
    _keep_with_next(table.rows[0])
    _tag_row(table.rows[1], f"{{%tr for group in {part}.groups %}}")
    _tag_row(table.rows[2], "{%tr for row in group.rows %}")
    cells = table.rows[3].cells
    write_cell(cells[0], "{{ row.outcome }}")
    write_cell(cells[1], "{{p row.action }}")
    write_cell(cells[2], "{{p row.planned_outcome }}")
    write_cell(cells[3], "{{ row.recovery_renewal }}", bold=True, align=CENTER)
    write_cell(cells[4], "{{p row.outcome_measures }}")
    write_cell(cells[5], "{{p row.completion_target }}")
    write_cell(cells[6], "{{p row.lead }}")
    write_cell(cells[7], "{{ row.priority }}", align=CENTER)
    row_flags(table.rows[3], cant_split=False)  # a tall row runs on over the page, as the plan's
    _tag_row(table.rows[4], "{%tr endfor %}")
    _tag_row(table.rows[5], "{%tr else %}")
    _none_row(table, 6, f"{{{{ {part}.none_text }}}}")
    _tag_row(table.rows[7], "{%tr endfor %}")
    set_widths(table, OUTCOME_WIDTHS)


def _outcomes_part(doc, part: str, heading: str, outcome_heading: str) -> None:
    paragraph(doc, heading, style="Heading 1")
    _outcomes_table(doc, part, outcome_heading, heading)


def _indicators(doc) -> None:
    """The numbered list of indicators that follows the strategic outcomes."""
    paragraph(doc, "Indicators", style="Heading 2")
    paragraph(doc, "{%p if indicators.items %}")
    paragraph(doc, "{{p indicators.listing }}")
    paragraph(doc, "{%p else %}")
    para = paragraph(doc, "{{ indicators.none_text }}")
    para.runs[0].italic = True
    paragraph(doc, "{%p endif %}")


def _narrow_bullets(doc) -> None:
    """Bullets indented little: the lists sit in narrow table cells."""
    bullet = doc.styles["List Bullet"].paragraph_format
    bullet.left_indent = Mm(4)
    bullet.first_line_indent = Mm(-4)


def build(target: Path) -> None:
    doc = new_document(landscape=True, title="Service Plan")
    _narrow_bullets(doc)
    paragraph(doc, "{{ plan.title }}", style="Title")
    paragraph(doc, "{{ plan.subtitle }}", size=11)
    _service_parts(doc)
    _improvements(doc)
    _outcomes_part(
        doc, "strategic", "4. Strategic Outcomes or Priorities", "Strategic Outcome or Priority"
    )
    _indicators(doc)
    _outcomes_part(
        doc,
        "service_level",
        "5. Service Level Outcomes or Priorities",
        "Service Level Outcomes or Priorities",
    )
    _outcomes_part(
        doc, "recovery", "6. New – Recovery & Renewal Outcomes", "New – Recovery & Renewal Outcomes"
    )
    paragraph(doc, "{%p for part in other_parts %}")
    _outcomes_part(doc, "part", "{{ part.number }}. {{ part.title }}", "{{ part.title }}")
    paragraph(doc, "{%p endfor %}")
    page_footer(doc, "{{ plan.footer }}")
    doc.save(target)
