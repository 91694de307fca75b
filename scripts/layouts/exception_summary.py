"""Layout of templates/exception-summary.docx: the exception report.

Landscape A4, like the quarterly report: the title, the plan and period and what the report
holds, then three numbered parts (overdue actions, actions behind schedule, indicators off
target), each a sentence that counts them and a table with the reason the return gave.
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
    write_cell,
)

ACTION_HEADINGS = (
    "Code",
    "Action",
    "Lead",
    "Due Date",
    "Progress",
    "Expected",
    "Status",
    "Reason (latest status update)",
)
ACTION_WIDTHS = (24, 53, 30, 24, 18, 18, 24, 76)
INDICATOR_HEADINGS = (
    "Code",
    "Indicator",
    "Latest Value",
    "Period",
    "Target",
    "Trend",
    "Reason (commentary)",
)
INDICATOR_WIDTHS = (24, 60, 22, 26, 20, 27, 88)


def _loop_table(doc, headings, widths, loop: str, fields: list[tuple[str, bool]]) -> None:
    """A table with a header row and one row per item of ``loop`` (``fields``: the cells'
    tags, each with whether it is centred), captioned with its part's heading."""
    table = grid_table(doc, 4, len(headings))
    header_row(table, headings, widths)
    part = loop.removesuffix(".rows")
    describe(table, f"{{{{ {part}.number }}}}. {{{{ {part}.heading }}}}")
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for r in {loop} %}}")
    for index, (cell, (tag, centred)) in enumerate(zip(table.rows[2].cells, fields, strict=True)):
        write_cell(cell, tag, bold=index == 0, size=9, align=CENTER if centred else None)
    row_flags(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(table, widths)


def _part(doc, name: str, table) -> None:
    paragraph(doc, f"{{{{ {name}.number }}}}. {{{{ {name}.heading }}}}", style="Heading 1")
    paragraph(doc, f"{{{{ {name}.summary }}}}")
    paragraph(doc, f"{{%p if {name}.rows %}}")
    table(doc, f"{name}.rows")
    paragraph(doc, "{%p endif %}")


def _actions(doc, loop: str) -> None:
    fields = [
        ("{{ r.code }}", False),
        ("{{ r.title }}", False),
        ("{{ r.lead }}", False),
        ("{{ r.due_date }}", True),
        ("{{ r.progress }}", True),
        ("{{ r.expected }}", True),
        ("{{ r.status }}", False),
        ("{{p r.reason }}", False),
    ]
    _loop_table(doc, ACTION_HEADINGS, ACTION_WIDTHS, loop, fields)


def _indicators(doc, loop: str) -> None:
    fields = [
        ("{{ r.code }}", False),
        ("{{ r.title }}", False),
        ("{{ r.value }}", True),
        ("{{ r.period }}", True),
        ("{{ r.target }}", True),
        ("{{ r.trend }}", False),
        ("{{p r.reason }}", False),
    ]
    _loop_table(doc, INDICATOR_HEADINGS, INDICATOR_WIDTHS, loop, fields)


def build(target: Path) -> None:
    doc = new_document(landscape=True, title="Exception report")
    paragraph(doc, "{{ report.title }}: {{ report.period }}", style="Title")
    paragraph(doc, "{{ report.subtitle }}", bold=True)
    paragraph(doc, "{{ report.intro }}")
    _part(doc, "overdue", _actions)
    _part(doc, "behind", _actions)
    _part(doc, "off_target", _indicators)
    page_footer(doc, "{{ report.footer }}")
    doc.save(target)
