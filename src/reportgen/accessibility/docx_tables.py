"""Tables in a Word document: data tables have a marked header row and a caption, layout tables
have no header, merged cells are flagged, and no cell tells a status by its colour alone."""

from __future__ import annotations

from lxml import etree

from reportgen.accessibility.contrast import colour_name, is_neutral
from reportgen.accessibility.ooxml import qn
from reportgen.accessibility.report import Findings
from reportgen.accessibility.styles import on, shading
from reportgen.accessibility.wordml import (
    Cell,
    Table,
    WordDocument,
    cell_text,
    has_picture,
    paragraph_text,
    run_text,
    runs,
    sibling_block,
)

HEADER_HOW = (
    "In Word, select the first row, then Table Layout > Repeat Header Rows (or Table Properties "
    "> Row > 'Repeat as header row at the top of each page')"
)
HEADER_CELL_MAX_CHARS = 40


def check_tables(document: WordDocument, findings: Findings) -> None:
    """Run every table check on every table, nested ones included."""
    for table in document.tables:
        rows = table.rows
        if not rows:
            continue
        if _is_layout(table):
            _check_layout_table(document, table, findings)
        else:
            _check_data_table(document, table, findings)
        _check_merged_cells(table, findings)
        _check_colour_only_cells(table, findings)


def _is_layout(table: Table) -> bool:
    """A single-row table, or one whose Alt Text title or description says it is for layout."""
    if len(table.rows) == 1:
        return True
    return "layout" in _table_alt_text(table.element).casefold()


def _table_alt_text(table: etree._Element) -> str:
    """The table's Alt Text (Table Properties > Alt Text): title and description."""
    found = []
    for name in ("w:tblCaption", "w:tblDescription"):
        element = table.find(f"{qn('w:tblPr')}/{qn(name)}")
        if element is not None:
            found.append(element.get(qn("w:val")) or "")
    return " ".join(found).strip()


def _row_is_header(row: etree._Element) -> bool:
    return bool(on(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")))


def _check_data_table(document: WordDocument, table: Table, findings: Findings) -> None:
    if not _row_is_header(table.rows[0]):
        findings.error(
            "table-no-header-row",
            table.place,
            "This table's first row is not marked as a header row, so screen readers cannot "
            f"tell which heading each cell belongs to. {HEADER_HOW}. If the table is only "
            "for laying out the page, type 'Layout table' as its Alt Text title instead.",
        )
    if not _has_caption(document, table):
        findings.warning(
            "table-no-caption",
            table.place,
            "This table has no caption, so screen reader users hear it start without knowing "
            "what it is about. In Word, select the table and use References > Insert Caption, "
            "or give it a title in Table Properties > Alt Text.",
        )


def _has_caption(document: WordDocument, table: Table) -> bool:
    if _table_alt_text(table.element):
        return True
    return _is_caption(document, table.before, picture_side=-1) or _is_caption(
        document, table.after, picture_side=1
    )


def _is_caption(document: WordDocument, block: etree._Element | None, picture_side: int) -> bool:
    """Whether ``block`` is a Caption paragraph, and not the caption of a picture on its other
    side (a figure's caption right before a table is not the table's)."""
    if block is None or block.tag != qn("w:p") or not paragraph_text(block).strip():
        return False
    if not document.styles.is_caption(document.styles.paragraph_style(block)):
        return False
    beyond = sibling_block(block, picture_side)
    return beyond is None or not has_picture(beyond)


def _check_layout_table(document: WordDocument, table: Table, findings: Findings) -> None:
    first = table.rows[0]
    if _row_is_header(first):
        findings.error(
            "layout-table-header",
            table.place,
            "This table is laid out as a layout table (one row, or marked 'layout' in its Alt "
            "Text) but its first row is marked as a header row, so screen readers announce "
            "headings that are not there. If it holds data, give it its data rows and a "
            "caption; if it is for layout, untick Table Properties > Row > 'Repeat as header "
            "row at the top of each page'.",
        )
    elif len(table.rows) > 1 and _looks_like_header(document, table.element, first):
        findings.error(
            "layout-table-header",
            table.place,
            "This table is marked as a layout table in its Alt Text, but its first row looks "
            "like column headings (short bold text), so it is really a data table. Remove "
            "'layout' from its Alt Text and mark the first row as a header row: "
            f"{HEADER_HOW}.",
        )


def _looks_like_header(document: WordDocument, table: etree._Element, row: etree._Element) -> bool:
    """Every filled cell of the row holds short text in bold (and no picture: a bold caption
    over a chart is not a heading), and there are at least two."""
    filled = 0
    for cell in row.findall(qn("w:tc")):
        text = cell_text(cell)
        if not text:
            continue
        if len(text) > HEADER_CELL_MAX_CHARS or has_picture(cell):
            return False
        context = Cell(table, 0, cell)
        for paragraph in cell.iter(qn("w:p")):
            for run in runs(paragraph):
                bold = document.styles.run_format(paragraph, run, context).bold
                if run_text(run).strip() and not bold:
                    return False
        filled += 1
    return filled >= 2


def _check_merged_cells(table: Table, findings: Findings) -> None:
    merged = []  # one entry per merged block of cells, named by its first cell
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.findall(qn("w:tc")), start=1):
            tcpr = cell.find(qn("w:tcPr"))
            if tcpr is None:
                continue
            span = tcpr.find(qn("w:gridSpan"))
            down = tcpr.find(qn("w:vMerge"))
            if down is not None and down.get(qn("w:val"), "continue") == "restart":
                merged.append(f"row {r}, cell {c} is merged with the cells below it")
            elif span is not None and span.get(qn("w:val"), "1") not in ("0", "1"):
                merged.append(f"row {r}, cell {c} spans {span.get(qn('w:val'))} columns")
            elif tcpr.find(qn("w:hMerge")) is not None and down is None:
                merged.append(f"row {r}, cell {c} is merged with the cells beside it")
    if merged:
        others = len(merged) - 1
        more = f", and {others} more merged {'cell' if others == 1 else 'cells'}" if others else ""
        findings.warning(
            "table-merged-cells",
            table.place,
            f"This table has merged cells ({merged[0]}{more}). Screen readers often lose track "
            "of which heading a merged cell belongs to. Where you can, split them (Table Layout "
            "> Split Cells) and repeat the value, or turn the merged heading into a caption.",
            len(merged),
        )


def _check_colour_only_cells(table: Table, findings: Findings) -> None:
    """A coloured cell with nothing in it, in a row that holds words, is a status told by
    colour alone (a red/amber/green cell); a whole coloured row or an empty row is layout."""
    for r, row in enumerate(table.rows, start=1):
        cells = row.findall(qn("w:tc"))
        written_fills = {_own_fill(c) for c in cells if cell_text(c) or has_picture(c)}
        if not any(cell_text(c) for c in cells):
            continue
        for c, cell in enumerate(cells, start=1):
            fill = _own_fill(cell)
            if fill is None or is_neutral(fill) or fill in written_fills:
                continue
            if cell_text(cell) or has_picture(cell) or _continues_merge(cell):
                continue
            findings.error(
                "colour-only",
                f"{table.place}, row {r}, cell {c}",
                f"This cell is shaded {colour_name(fill)} but holds no words, so what the colour "
                "means (a status such as red, amber or green?) is lost on anyone who cannot see "
                "colour, and on screen readers. Type the status in the cell (for example "
                "'Overdue' or 'On track'); the shading can stay.",
                fill,
            )


def _own_fill(cell: etree._Element) -> str | None:
    return shading(cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}"))


def _continues_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"
