"""A Word document opened for checking: its paragraphs and tables in reading order, each with
the place a clerk can find it by, and the styles that decide how they look and what they are.

Places are counted the way a person reads the document: ``paragraph 12`` is the twelfth
paragraph of the body outside tables (empty ones included), ``table 3`` the third table,
``table 3, row 2, cell 4`` a cell in it, ``page header`` / ``page footer`` the running heads.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportgen.accessibility.ooxml import qn
from reportgen.accessibility.report import CheckError
from reportgen.accessibility.styles import Cell, Styles

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_TEXTBOX = qn("w:txbxContent")
_DELETED = qn("w:del")


@dataclass(frozen=True)
class Paragraph:
    """A ``w:p`` with its place, and its cell when it is in a table."""

    element: etree._Element
    place: str
    cell: Cell | None = None


@dataclass(frozen=True)
class Table:
    """A ``w:tbl`` with its place and the blocks right before and after it, empty paragraphs
    passed over (a caption may be before or after the table)."""

    element: etree._Element
    place: str
    before: etree._Element | None = None
    after: etree._Element | None = None

    @property
    def rows(self) -> list[etree._Element]:
        return self.element.findall(_TR)


@dataclass
class WordDocument:
    """A ``.docx`` opened for checking (python-docx's package, read as lxml trees)."""

    name: str
    package: docx.document.Document
    styles: Styles
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def body_paragraphs(self) -> list[Paragraph]:
        """The paragraphs of the body outside tables, headers and footers, in order."""
        return [p for p in self.paragraphs if p.place.startswith("paragraph ")]

    @property
    def page_colour(self) -> str | None:
        """The page colour (Design > Page Color), if one is set."""
        background = self.package.element.find(qn("w:background"))
        return None if background is None else background.get(qn("w:color"))


def open_word_document(path: Path) -> WordDocument:
    """Open ``path`` as a Word document and lay out its paragraphs and tables with their places.

    Raises CheckError when the file is not a Word document or is damaged.
    """
    again = (
        "If it opens in Word, save it again there as a Word Document (.docx) and check the new copy"
    )
    try:
        package = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise CheckError(
            f"{path.name} is not a Word document: it is damaged, or another kind of file named "
            f".docx. {again}"
        ) from exc
    except (KeyError, ValueError) as exc:
        raise CheckError(
            f"{path.name} could not be read as a Word document ({exc}). {again}"
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise CheckError(
            f"{path.name} is damaged (its XML does not parse: {exc}). {again}"
        ) from exc
    document = WordDocument(path.name, package, Styles(package.styles.element))
    _lay_out_body(document, package.element.body)
    for kind, place in ((RT.HEADER, "page header"), (RT.FOOTER, "page footer")):
        parts = sorted(
            (rel.target_part for rel in package.part.rels.values() if rel.reltype == kind),
            key=lambda part: (len(str(part.partname)), str(part.partname)),  # header2 < header10
        )
        for n, part in enumerate(parts, start=1):
            where = place if len(parts) == 1 else f"{place} {n}"
            _lay_out_part(document, part.element, where)
    return document


def blocks(container: etree._Element) -> list[etree._Element]:
    """The paragraphs and tables directly in ``container`` (a body or a cell), in order, looking
    through content controls."""
    found = []
    for child in container:
        if child.tag in (_P, _TBL):
            found.append(child)
        elif child.tag in _CONTAINERS:
            found.extend(blocks(child))
    return found


def _lay_out_body(document: WordDocument, body: etree._Element) -> None:
    items = blocks(body)
    paragraph_count = table_count = 0
    for i, block in enumerate(items):
        if block.tag == _P:
            paragraph_count += 1
            document.paragraphs.append(Paragraph(block, f"paragraph {paragraph_count}"))
        else:
            table_count += 1
            before = _neighbour(reversed(items[:i]))
            after = _neighbour(items[i + 1 :])
            _lay_out_table(document, block, f"table {table_count}", before, after)


def _neighbour(items: Iterable[etree._Element]) -> etree._Element | None:
    """The first block that is a table or a paragraph with something in it."""
    for block in items:
        if block.tag == _TBL or paragraph_text(block).strip() or has_picture(block):
            return block
    return None


def _lay_out_part(document: WordDocument, root: etree._Element, place: str) -> None:
    tables = 0
    for block in blocks(root):
        if block.tag == _P:
            document.paragraphs.append(Paragraph(block, place))
        else:
            tables += 1
            _lay_out_table(document, block, f"{place}, table {tables}", None, None)


def _lay_out_table(
    document: WordDocument,
    table: etree._Element,
    place: str,
    before: etree._Element | None,
    after: etree._Element | None,
) -> None:
    document.tables.append(Table(table, place, before, after))
    for r, row in enumerate(table.findall(_TR)):
        for c, cell in enumerate(row.findall(_TC), start=1):
            cell_place = f"{place}, row {r + 1}, cell {c}"
            nested = 0
            for block in blocks(cell):
                if block.tag == _P:
                    document.paragraphs.append(Paragraph(block, cell_place, Cell(table, r, cell)))
                else:
                    nested += 1
                    _lay_out_table(
                        document, block, f"{cell_place}, nested table {nested}", None, None
                    )


def runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph that show (in links and content controls too), leaving out
    deleted text and the insides of text boxes."""
    for run in paragraph.iter(qn("w:r")):
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag in (_TEXTBOX, _DELETED):
                break
            parent = parent.getparent()
        else:
            yield run


def run_text(run: etree._Element) -> str:
    """The characters a run shows: text, tabs and breaks as spaces, symbols as their glyph."""
    parts = []
    for child in run:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
            parts.append(" ")
        elif child.tag == qn("w:sym"):
            parts.append(_symbol(child))
    return "".join(parts)


def _symbol(sym: etree._Element) -> str:
    try:
        return chr(int(sym.get(qn("w:char"), ""), 16))
    except ValueError:
        return ""


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph."""
    return "".join(run_text(r) for r in runs(paragraph))


def cell_text(cell: etree._Element) -> str:
    """The visible text of a table cell, its paragraphs joined by spaces."""
    return " ".join(paragraph_text(p) for p in cell.iter(_P)).strip()


def sibling_block(element: etree._Element, step: int) -> etree._Element | None:
    """The paragraph or table right after (``step`` 1) or before (-1) ``element`` in its
    container, passing over bookmarks and other marks between blocks."""
    sibling = element.getnext() if step > 0 else element.getprevious()
    while sibling is not None and sibling.tag not in (_P, _TBL):
        sibling = sibling.getnext() if step > 0 else sibling.getprevious()
    return sibling


def has_picture(element: etree._Element) -> bool:
    """Whether a paragraph or cell holds a picture, chart or drawing."""
    return next(element.iter(qn("w:drawing"), qn("w:pict"), qn("w:object")), None) is not None


def quote(text: str, limit: int = 60) -> str:
    """``text`` shortened for a message, in single quotes: 'Strategic actions'."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"
