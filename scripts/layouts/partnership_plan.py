"""Layout of templates/partnership-plan.docx (seed 002, the LOIP delivery framework).

The theme as the Heading 1 under the title, key principles in a box (a one-cell layout table),
the summary table (outcome, CPP focus, milestones) with the related strategies and PIs under
it, then one plan table per priority and lead officer (or per heading row of the sheet), headed
in the sheet's own words. Cells that carry on the row above hold ordinary ``{{p … }}`` tags: the
context marks them and the build merges or repeats them. Every data table has a header row and
Alt Text; no cell spans columns.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt

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

PLAN_HEADINGS = tuple(
    f"{{{{ table.headings.{name} }}}}"
    for name in (
        "priority",
        "key_actions",
        "outcome",
        "progress_measures",
        "completion_target",
        "strategy",
        "lead",
    )
)
PLAN_WIDTHS = (32, 45, 52, 48, 23, 32, 35)
SUMMARY_WIDTHS = (60, 80, 127)


def _principles(doc) -> None:
    paragraph(doc, "{%p if principles %}")
    table = grid_table(doc, 1, 1)
    box = table.rows[0].cells[0]
    write_cell(box, "Key Principles", bold=True, size=11)
    describe(table, "Layout table: the key principles")
    for text in ("{%p for principle in principles %}", "{{ principle }}", "{%p endfor %}"):
        paragraph(box, text)
    shade(box, BODY_FILL)
    set_widths(table, (120,))
    table.alignment = 0
    paragraph(doc, "")
    paragraph(doc, "{%p endif %}")


def _two_line_heading(cell, first: str, second: str) -> None:
    write_cell(cell, first, bold=True, size=9)
    para = cell.add_paragraph()
    run = para.add_run(second)
    run.bold = True
    run.font.size = Pt(9)
    shade(cell, BODY_FILL)


def _labelled_row(row, label: str, body: list[str]) -> None:
    """A label and its text in the first two columns; the third left empty (as in the
    council's table: a cell spanning it would trip screen readers)."""
    write_cell(row.cells[0], label, bold=True)
    first, *rest = body
    write_cell(row.cells[1], first)
    for text in rest:
        paragraph(row.cells[1], text)


def _summary(doc) -> None:
    paragraph(doc, "{%p if summary %}")
    table = grid_table(doc, 10, 3)
    head = table.rows[0]
    _two_line_heading(head.cells[0], "{{ plan.outcome_heading }}", "{{ plan.theme }}")
    _two_line_heading(head.cells[1], "CPP Focus", "The end result we want is:")
    _two_line_heading(
        head.cells[2],
        "(Milestones / LOIP Progress Measures)",
        "We will know we are making progress when:",
    )
    row_flags(head, header=True)
    describe(table, "Summary: outcomes, the end results wanted and the milestones")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for line in summary %}")
    body = table.rows[2].cells
    write_cell(body[0], "{{p line.outcome }}")
    write_cell(body[1], "{{ line.focus }}", bold=True)
    write_cell(body[2], "{{p line.milestones }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    table.rows[4].cells[0].paragraphs[0].add_run("{%tr if strategies %}")
    _labelled_row(
        table.rows[5],
        "Related strategies",
        ["{%p for strategy in strategies %}", "{{ strategy }}", "{%p endfor %}"],
    )
    table.rows[6].cells[0].paragraphs[0].add_run("{%tr endif %}")
    table.rows[7].cells[0].paragraphs[0].add_run("{%tr if plan.indicators %}")
    _labelled_row(table.rows[8], "PIs", ["{{ plan.indicators }}"])
    table.rows[9].cells[0].paragraphs[0].add_run("{%tr endif %}")
    set_widths(table, SUMMARY_WIDTHS)
    paragraph(doc, "")
    paragraph(doc, "{%p endif %}")


def _plan_tables(doc) -> None:
    paragraph(doc, "{%p for table in tables %}")
    table = grid_table(doc, 4, len(PLAN_HEADINGS))
    header_row(table, PLAN_HEADINGS, PLAN_WIDTHS)
    describe(table, "{{ table.caption }}")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in table.rows %}")
    cells = table.rows[2].cells
    for cell, tag in zip(
        cells,
        (
            "{{p row.priority }}",
            "{{p row.key_actions }}",
            "{{p row.outcome }}",
            "{{p row.progress_measures }}",
            "{{ row.completion_target }}",
            "{{p row.strategy }}",
            "{{p row.lead }}",
        ),
        strict=True,
    ):
        write_cell(cell, tag)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, PLAN_WIDTHS)
    paragraph(doc, "")
    paragraph(doc, "{%p endfor %}")


def build(target: Path) -> None:
    doc = new_document(landscape=True, title="Partnership Plan")
    paragraph(doc, "{{ plan.title }}", style="Title")
    paragraph(doc, "{%p if plan.theme %}")
    paragraph(doc, "{{ plan.theme }}", style="Heading 1")
    paragraph(doc, "{%p endif %}")
    _principles(doc)
    _summary(doc)
    _plan_tables(doc)
    page_footer(doc, "{{ plan.footer }}")
    doc.save(target)
