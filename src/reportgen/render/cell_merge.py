"""Table cells that carry on the cell above: merged, or repeated, as the layout is set.

docxtpl's ``{% vm %}`` merges a cell over a whole ``{%tr for %}`` loop. Plans also need merges
the data decides, row by row: a LOIP outcome that covers rows 3–4 of a table while the key action
beside it changes on every row. A document's context hands such a cell its value marked with
:func:`~reportgen.documents.rich.continued` (``{{ }}`` tags) or
:func:`~reportgen.documents.rich.continued_paragraphs` (``{{p }}`` tags); after rendering,
:func:`resolve_continued_cells` either merges every marked cell into the cell above
(``w:vMerge``: one cell over the run, as the council's own documents look) or keeps the value in
every row (the accessible variant: screen readers lose track of merged cells). Clerks' templates
need nothing special: the same tag prints the value either way.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.documents.rich import CONTINUES

# tcPr children that come before w:vMerge in the schema (Word rejects other orders).
_BEFORE_VMERGE = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge")


def _marked(tc) -> bool:
    first = next((t for t in tc.iter(qn("w:t")) if t.text), None)
    return first is not None and first.text.startswith(CONTINUES)


def _unmark(tc) -> None:
    for text in tc.iter(qn("w:t")):
        if text.text and CONTINUES in text.text:
            text.text = text.text.replace(CONTINUES, "")


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


def resolve_continued_cells(document, merge: bool) -> int:
    """Merge every table cell marked as carrying on the cell above into that cell when
    ``merge``, else just drop the marks so every row shows its value. Returns how many cells
    were merged. A marked cell with no cell above keeps its value."""
    merged = 0
    body = document.element.body
    for tc in list(body.iter(qn("w:tc"))):
        if not _marked(tc):
            continue
        above = _cell_above(tc) if merge else None
        if above is None:
            _unmark(tc)
            continue
        _empty(tc)
        _set_vmerge(above, "restart")
        own = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if own is not None:
            own.getparent().remove(own)
        _set_vmerge(tc, None)
        merged += 1
    return merged
