"""Table cells that continue the cell above: vertical merges decided by the data.

docxtpl's ``{% vm %}`` merges a cell over a whole ``{%tr for %}`` loop. Plans also need merges
the data decides, row by row: a LOIP outcome that covers rows 3–4 of a table while the key action
beside it changes on every row. A document's context hands such a cell
:data:`~reportgen.documents.rich.MERGED_ABOVE` (for ``{{ }}`` tags) or
:func:`~reportgen.documents.rich.merged_above` (for ``{{p }}`` tags) instead of its text; after
rendering, :func:`merge_marked_cells` turns every cell holding only that mark into a continuation
of the cell above (``w:vMerge``), so Word shows one cell over the run. Clerks' templates need
nothing special: the same tag prints the text or continues the cell.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.documents.rich import MERGED_ABOVE

# tcPr children that come before w:vMerge in the schema (Word rejects other orders).
_BEFORE_VMERGE = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge")


def _cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip()


def _grid_column(tc) -> int:
    column = 0
    for sibling in tc.itersiblings(preceding=True):
        if sibling.tag != qn("w:tc"):
            continue
        span = sibling.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        column += int(span.get(qn("w:val"))) if span is not None else 1
    return column


def _cell_at(tr, column: int):
    position = 0
    for tc in tr.iterchildren(qn("w:tc")):
        if position == column:
            return tc
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        position += int(span.get(qn("w:val"))) if span is not None else 1
        if position > column:
            return None
    return None


def _cell_above(tc):
    tr = tc.getparent()
    previous = tr.getprevious()
    while previous is not None and previous.tag != qn("w:tr"):
        previous = previous.getprevious()
    return None if previous is None else _cell_at(previous, _grid_column(tc))


def _set_vmerge(tc, value: str | None) -> None:
    """Give ``tc`` a ``w:vMerge`` (``restart``, or continue when ``value`` is None) in the place
    the schema wants it, unless it already has one."""
    tc_pr = tc.find(qn("w:tcPr"))
    if tc_pr is None:
        tc_pr = OxmlElement("w:tcPr")
        tc.insert(0, tc_pr)
    if tc_pr.find(qn("w:vMerge")) is not None:
        return
    vmerge = OxmlElement("w:vMerge")
    if value:
        vmerge.set(qn("w:val"), value)
    index = 0
    for position, child in enumerate(tc_pr):
        if child.tag in {qn(name) for name in _BEFORE_VMERGE}:
            index = position + 1
    tc_pr.insert(index, vmerge)


def _empty(tc) -> None:
    """Leave the cell one empty paragraph (a cell must end with one), keeping its style."""
    paragraphs = tc.findall(qn("w:p"))
    keep = paragraphs[0] if paragraphs else OxmlElement("w:p")
    for child in list(tc):
        if child.tag != qn("w:tcPr"):
            tc.remove(child)
    for child in list(keep):
        if child.tag != qn("w:pPr"):
            keep.remove(child)
    tc.append(keep)


def merge_marked_cells(document) -> int:
    """Merge every table cell holding only :data:`MERGED_ABOVE` into the cell above it; return
    how many were merged. A marked cell with no cell above is left empty."""
    merged = 0
    body = document.element.body
    for tc in list(body.iter(qn("w:tc"))):
        if _cell_text(tc) != MERGED_ABOVE:
            continue
        above = _cell_above(tc)
        _empty(tc)
        if above is None:
            continue
        _set_vmerge(above, "restart")
        own = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if own is not None:
            own.getparent().remove(own)
        _set_vmerge(tc, None)
        merged += 1
    return merged
