"""Layout of templates/service-plan.docx (seed 000, the service plan).

Landscape A4. Parts 1 and 2 are a two-column table (label | content) as in the council's plan;
parts 3 to 6 each have a heading and a table whose header row repeats on every page. An outcomes
table holds one block of rows per outcome group (its outcome cell merged down the block with
docxtpl's ``{% vm %}``) and, when there are no groups, one merged "None in this plan" row.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm

from layouts.docx_build import (
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

OUTCOME_HEADINGS = (
    "Action",
    "Planned Outcome",
    "Recovery & Renewal",
    "Outcome Measures",
    "Completion Target",
    "Lead",
    "Priority Rating",
)
OUTCOME_WIDTHS = (38, 44, 38, 20, 53, 28, 30, 16)
IMPROVEMENT_HEADINGS = (
    "Improvement",
    "Recovery & Renewal (tick if applicable)",
    "What evidence did we use to identify this improvement? (benchmark information where "
    "available and relevant)",
)
IMPROVEMENT_WIDTHS = (85, 27, 155)
PART_WIDTHS = (52, 215)
LABEL_FILL = "DEEAF6"


def _tag_row(row, tag: str) -> None:
    """A row holding only a docxtpl row tag (``{%tr … %}``); docxtpl removes the row."""
    row.cells[0].paragraphs[0].add_run(tag)


def _keep_with_next(row) -> None:
    """Keep a header row on the page of the row after it (a heading never ends a page)."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _merged_row(table, row_index: int, text: str, italic: bool = False) -> None:
    row = table.rows[row_index]
    merged = row.cells[0].merge(row.cells[-1])
    run = merged.paragraphs[0].add_run(text)
    run.italic = italic
    row_flags(row)


def _service_parts(doc) -> None:
    """Parts 1 and 2: Service Definition (the teams lettered A., B. …) and Service Resources."""
    table = grid_table(doc, 2, 2)
    definition, resources = table.rows
    write_cell(definition.cells[0], "1. Service Definition:", bold=True)
    write_cell(resources.cells[0], "2. Service Resources:", bold=True)
    for label in (definition.cells[0], resources.cells[0]):
        shade(label, LABEL_FILL)
    cell = definition.cells[1]
    write_cell(cell, "{{ plan.heading }}", bold=True)
    paragraph(cell, "{%p for team in definition.teams %}")
    paragraph(cell, "{{ team.letter }}. {{ team.name }}")
    paragraph(cell, "{%p endfor %}")
    paragraph(cell, "{%p if definition.text %}")
    paragraph(cell, "{{ definition.text }}")
    paragraph(cell, "{%p endif %}")
    cell = resources.cells[1]
    write_cell(cell, "REVENUE BUDGET: ", bold=True)
    cell.paragraphs[0].add_run("{{ resources.revenue_budget }}")
    para = paragraph(cell, "FTE: ", bold=True)
    para.add_run("{{ resources.fte }}")
    set_widths(table, PART_WIDTHS)


def _improvements(doc) -> None:
    """Part 3: improvement | Recovery & Renewal tick | evidence."""
    paragraph(doc, "3. {{ improvements.title }}", style="Heading 1")
    table = grid_table(doc, 6, 3)
    header_row(table, IMPROVEMENT_HEADINGS, IMPROVEMENT_WIDTHS)
    _keep_with_next(table.rows[0])
    _tag_row(table.rows[1], "{%tr for row in improvements.rows %}")
    cells = table.rows[2].cells
    write_cell(cells[0], "{{p row.improvement }}")
    write_cell(cells[1], "{{ row.recovery_renewal }}", bold=True, align=CENTER)
    write_cell(cells[2], "{{p row.evidence }}")
    row_flags(table.rows[2])
    _tag_row(table.rows[3], "{%tr else %}")
    _merged_row(table, 4, "{{ improvements.none_text }}", italic=True)
    _tag_row(table.rows[5], "{%tr endfor %}")
    set_widths(table, IMPROVEMENT_WIDTHS)


def _outcomes_table(doc, part: str, outcome_heading: str) -> None:
    """An outcomes table for the part in context variable ``part``."""
    headings = (outcome_heading, *OUTCOME_HEADINGS)
    table = grid_table(doc, 8, len(headings))
    header_row(table, headings, OUTCOME_WIDTHS)
    _keep_with_next(table.rows[0])
    _tag_row(table.rows[1], f"{{%tr for group in {part}.groups %}}")
    _tag_row(table.rows[2], "{%tr for row in group.rows %}")
    cells = table.rows[3].cells
    write_cell(cells[0], "{{ group.outcome }}{% vm %}")
    write_cell(cells[1], "{{p row.action }}")
    write_cell(cells[2], "{{p row.planned_outcome }}")
    write_cell(cells[3], "{{ row.recovery_renewal }}", bold=True, align=CENTER)
    write_cell(cells[4], "{{p row.outcome_measures }}")
    write_cell(cells[5], "{{p row.completion_target }}")
    write_cell(cells[6], "{{p row.lead }}")
    write_cell(cells[7], "{{ row.priority }}", align=CENTER)
    row_flags(table.rows[3])
    _tag_row(table.rows[4], "{%tr endfor %}")
    _tag_row(table.rows[5], "{%tr else %}")
    _merged_row(table, 6, f"{{{{ {part}.none_text }}}}", italic=True)
    _tag_row(table.rows[7], "{%tr endfor %}")
    set_widths(table, OUTCOME_WIDTHS)


def _outcomes_part(doc, part: str, heading: str, outcome_heading: str) -> None:
    paragraph(doc, heading, style="Heading 1")
    legend = paragraph(doc, "{{ priority_legend }}", size=8)
    legend.runs[0].italic = True
    legend.paragraph_format.keep_with_next = True
    _outcomes_table(doc, part, outcome_heading)


def _indicators(doc) -> None:
    """The numbered list of indicators that follows the strategic outcomes."""
    paragraph(doc, "Indicators", style="Heading 2")
    paragraph(doc, "{%p for item in indicators.items %}")
    paragraph(doc, "{{ item.number }}. {{ item.title }}")
    paragraph(doc, "{%p else %}")
    para = paragraph(doc, "{{ indicators.none_text }}")
    para.runs[0].italic = True
    paragraph(doc, "{%p endfor %}")


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
