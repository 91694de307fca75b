"""Layout of templates/performance-report.docx (seed 001, the quarterly performance report).

Every table has a header row repeated on every page and Alt Text naming it (its heading); the
charts sit in a grid marked as a layout table. A status icon stands alone in its cell, as in the
council's report: its alternative text is the status (printing it too would read it twice), and
its shape, not only its colour, tells it from the others (the legend shows each).
"""

from __future__ import annotations

from pathlib import Path

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
    "Earlier Progress",
    "Progress",
    "Status Icon",
)
ACTION_WIDTHS = (20, 37, 15, 35, 20, 77, 23, 18, 22)


def _action_cells(row, var: str, split: bool = True) -> None:
    """Fill a table row with the fields of action row ``var``; ``split``: a long row runs on
    over the page, as the council's do (a group's or the plan's one row is kept whole)."""
    cells = row.cells
    write_cell(cells[0], f"{{{{ {var}.code }}}}", bold=True)
    write_cell(cells[1], f"{{{{ {var}.title }}}}")
    write_cell(cells[2], f"{{{{ {var}.priority }}}}", align=CENTER)
    write_cell(cells[3], f"{{{{p {var}.desired_outcome }}}}")
    write_cell(cells[4], f"{{{{ {var}.due_date }}}}")
    write_cell(cells[5], f"{{{{p {var}.update }}}}")
    write_cell(cells[6], f"{{{{p {var}.earlier }}}}")
    write_cell(cells[7], f"{{{{ {var}.progress }}}}", bold=True, align=CENTER)
    write_cell(cells[8], f"{{{{ {var}.icon }}}}", align=CENTER)
    row_flags(row, cant_split=not split)


def _single_row_table(doc, var: str, caption: str) -> None:
    table = grid_table(doc, 2, len(ACTION_HEADINGS))
    header_row(table, ACTION_HEADINGS, ACTION_WIDTHS)
    describe(table, caption)
    _action_cells(table.rows[1], var, split=False)


def _loop_table(doc, loop: str, var: str, caption: str) -> None:
    table = grid_table(doc, 4, len(ACTION_HEADINGS))
    header_row(table, ACTION_HEADINGS, ACTION_WIDTHS)
    describe(table, caption)
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {var} in {loop} %}}")
    _action_cells(table.rows[2], var)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, ACTION_WIDTHS)


def _legend(doc) -> None:
    table = grid_table(doc, 4, 2)
    table.alignment = 0
    top = table.rows[0]
    for cell, heading in zip(top.cells, ("Icon", "Action Status"), strict=True):
        write_cell(cell, heading, bold=True, size=9, colour=None)
        shade(cell, "DEEAF6")
    row_flags(top, header=True)  # a header row for screen readers (accessibility regulations)
    describe(table, "Status icons and the action statuses each stands for")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for entry in legend %}")
    write_cell(table.rows[2].cells[0], "{{ entry.icon }}", align=CENTER)
    write_cell(table.rows[2].cells[1], "{{ entry.label }}", size=9)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, (12, 70))


INDICATOR_HEADINGS = (
    "Code",
    "Indicator",
    "{{ indicators.period_labels[0] }}",
    "{{ indicators.period_labels[1] }}",
    "{{ indicators.period_labels[2] }}",
    "{{ indicators.period_labels[3] }}",
    "Target",
    "Status",
    "Short Trend",
    "Long Trend",
    "Commentary",
)
INDICATOR_WIDTHS = (16, 46, 16, 16, 16, 16, 15, 22, 23, 23, 58)
CHART_COLUMNS = 3
CHART_CELL_WIDTH = 89


def _indicator_table(doc) -> None:
    """The Performance Indicators table: one row per indicator."""
    table = grid_table(doc, 4, len(INDICATOR_HEADINGS))
    header_row(table, INDICATOR_HEADINGS, INDICATOR_WIDTHS)
    describe(table, "{{ indicators.table_number }} Performance Indicators – Status against Target")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in indicators.rows %}")
    cells = table.rows[2].cells
    write_cell(cells[0], "{{ r.code }}", bold=True, size=8)
    write_cell(cells[1], "{{ r.title }}", size=8)
    for index in range(4):
        write_cell(cells[2 + index], f"{{{{ r.values[{index}] }}}}", size=8, align=CENTER)
    write_cell(cells[6], "{{ r.target }}", size=8, align=CENTER)
    write_cell(cells[7], "{{r r.status_mark }}", size=8)
    write_cell(cells[8], "{{ r.short_trend }}", size=8)
    write_cell(cells[9], "{{ r.long_trend }}", size=8)
    write_cell(cells[10], "{{p r.commentary }}", size=8)
    row_flags(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, INDICATOR_WIDTHS)


def _chart_grid(doc) -> None:
    """The charts, three to a row, each under its indicator's code and title."""
    table = doc.add_table(rows=3, cols=CHART_COLUMNS)
    table.alignment = 1
    describe(table, "Layout table: the indicators' charts, three to a row")
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for crow in indicators.chart_rows %}")
    for index, cell in enumerate(table.rows[1].cells):
        chart = f"crow[{index}]"
        write_cell(cell, f"{{{{ {chart}.caption if {chart} else '' }}}}", bold=True, size=8)
        picture = cell.add_paragraph()
        picture.add_run(f"{{{{ {chart}.picture if {chart} else '' }}}}")
    row_flags(table.rows[1])
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, (CHART_CELL_WIDTH,) * CHART_COLUMNS)


def _indicators(doc) -> None:
    """The Performance Indicators section, after the actions; left out without indicators."""
    paragraph(doc, "{%p if indicators %}")
    paragraph(doc, "{{ indicators.number }}. PERFORMANCE INDICATORS", style="Heading 1")
    paragraph(
        doc,
        "{{ indicators.table_number }} Performance Indicators – Status against Target",
        style="Heading 2",
    )
    _indicator_table(doc)
    paragraph(doc, "{{ indicators.key }}", size=8)
    paragraph(
        doc, "{{ indicators.charts_number }} Performance Indicators – Charts", style="Heading 2"
    )
    _chart_grid(doc)
    paragraph(doc, "{%p endif %}")


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
    _single_row_table(doc, "plan", "1.1. Overall Plan Progress")
    paragraph(doc, "{%p for section in sections %}")
    paragraph(doc, "{{ section.number }}. {{ section.title|upper }}", style="Heading 1")
    paragraph(doc, "{%p for group in section.groups %}")
    paragraph(
        doc,
        "{{ group.overall_number }} {{ group.outcome }} – Overall Progress",
        style="Heading 2",
    )
    _single_row_table(
        doc, "group.row", "{{ group.overall_number }} {{ group.outcome }} – Overall Progress"
    )
    paragraph(doc, "{%p if group.actions %}")
    paragraph(doc, "{{ group.actions_number }} {{ group.outcome }} – Actions", style="Heading 2")
    _loop_table(
        doc, "group.actions", "a", "{{ group.actions_number }} {{ group.outcome }} – Actions"
    )
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")
    _indicators(doc)
    page_footer(doc, "{{ report.footer }}")
    doc.save(target)
