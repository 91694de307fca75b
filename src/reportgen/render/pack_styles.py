"""The committee pack's style passes without a python-docx object per style.

Joining a big appendix spent most of its time making python-docx style objects, again and
again, only to read their ids:

* docxcompose (2.2.0, and its master as of June 2026) ``Composer.add_styles`` runs once per
  appended paragraph or table and lists the composed document's style ids with
  ``[s.style_id for s in self.doc.styles]`` once, then again after each style the element uses
  (``add_linked_styles`` likewise): a style object (and an enum look-up) for each of ~260
  styles each time, 350,000 of them for a 1,000-action pack, two thirds of its join.
  :class:`StyleIdComposer` runs docxcompose's own ``add_styles`` and ``add_linked_styles``
  unchanged, but while they run its ``doc`` is a view of the document whose ``styles`` lists
  the ``w:styleId`` of each ``w:style`` straight from the XML (None where absent, as
  python-docx gives); everything else is the real document.
* naming the default paragraph style on every appendix paragraph through python-docx
  (``get_or_add_pPr()`` and the ``CT_PPr.style`` setter, an XPath and a chain of ``find`` per
  paragraph): :func:`name_default_style` makes the same insertion with lxml, by python-docx's
  own rule.

Both give byte-identical packs (``tests/test_pack.py`` joins packs both ways). Drop
:class:`StyleIdComposer` when a docxcompose release lists style ids without style objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docxcompose.composer import Composer

_STYLE = qn("w:style")
_STYLE_ID = qn("w:styleId")
_PARAGRAPH = qn("w:p")
_PPR = qn("w:pPr")
_PSTYLE = qn("w:pStyle")
_VAL = qn("w:val")
# The elements python-docx places w:pStyle before, in its search order (CT_PPr's tag sequence
# after pStyle; tests/test_pack.py checks this copy against python-docx's own).
# fmt: off
PSTYLE_SUCCESSORS = (
    "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)
# fmt: on
_PSTYLE_RANK = {qn(tag): rank for rank, tag in enumerate(PSTYLE_SUCCESSORS)}


class _StyleId:
    """What ``add_styles`` reads of a style while listing ids: its ``style_id``."""

    __slots__ = ("style_id",)

    def __init__(self, style_id: str | None) -> None:
        self.style_id = style_id


class _StyleIds:
    """Stands in for python-docx's ``Styles`` inside docxcompose's style passes: iterating
    gives each ``w:style``'s id in document order; ``element`` is the real ``w:styles``, which
    they use to look styles up and append copies.

    The listing is kept while the number of children of ``w:styles`` is unchanged: within one
    insert docxcompose only ever appends styles (a copied style gets its new id before it is
    appended), so the same count means the same ids. The composer drops the listing at the
    start and end of every insert, so changes made between inserts are always seen."""

    __slots__ = ("_composer", "element")

    def __init__(self, element: Any, composer: StyleIdComposer) -> None:
        self.element = element
        self._composer = composer

    def __iter__(self) -> Iterator[_StyleId]:
        count = len(self.element)
        cached = self._composer._style_ids
        if cached is None or cached[0] != count:
            ids = tuple(_StyleId(s.get(_STYLE_ID)) for s in self.element.iterchildren(_STYLE))
            cached = self._composer._style_ids = (count, ids)
        return iter(cached[1])


class _StyleIdDocument:
    """The composed document as docxcompose's style passes see it: the real document, with a
    cheap ``styles``."""

    __slots__ = ("_composer", "_doc")

    def __init__(self, doc: Any, composer: StyleIdComposer) -> None:
        self._doc = doc
        self._composer = composer

    @property
    def styles(self) -> _StyleIds:
        return _StyleIds(self._doc.styles.element, self._composer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


class StyleIdComposer(Composer):
    """docxcompose's Composer whose style passes read style ids from the XML instead of making
    a python-docx style object per style per call: the same output, without the cost."""

    _style_ids: tuple[int, tuple[_StyleId, ...]] | None = None

    def insert(self, index: int, doc: Any, remove_property_fields: bool = True) -> Any:
        self._style_ids = None
        try:
            return super().insert(index, doc, remove_property_fields=remove_property_fields)
        finally:
            self._style_ids = None

    def _with_style_view(self, method: Any, doc: Any, element: Any) -> Any:
        real = self.doc
        if isinstance(real, _StyleIdDocument):  # add_linked_styles, called from add_styles
            return method(doc, element)
        self.doc = _StyleIdDocument(real, self)
        try:
            return method(doc, element)
        finally:
            self.doc = real

    def add_styles(self, doc: Any, element: Any) -> Any:
        return self._with_style_view(super().add_styles, doc, element)

    def add_linked_styles(self, doc: Any, element: Any) -> Any:
        return self._with_style_view(super().add_linked_styles, doc, element)


def name_default_style(body: Any, style_id: str) -> None:
    """Give every paragraph under ``body`` that names no style the style ``style_id``, placing
    the elements where python-docx's ``get_or_add_pPr()`` and ``CT_PPr.style = …`` would
    (``w:pPr`` first in ``w:p``; ``w:pStyle`` before the child of the earliest tag in
    :data:`PSTYLE_SUCCESSORS` present, else last), so the XML is the same."""
    for paragraph in body.iter(_PARAGRAPH):
        properties = paragraph.find(_PPR)
        if properties is None:
            properties = paragraph.makeelement(_PPR, {})
            paragraph.insert(0, properties)
        elif properties.find(_PSTYLE) is not None:
            continue
        style = properties.makeelement(_PSTYLE, {_VAL: style_id})
        successor, best = None, len(_PSTYLE_RANK)
        for child in properties:
            rank = _PSTYLE_RANK.get(child.tag, best)
            if rank < best:
                successor, best = child, rank
        if successor is not None:
            successor.addprevious(style)
        else:
            properties.append(style)
