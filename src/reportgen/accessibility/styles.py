"""What Word's styles make of a paragraph or run: its heading level, whether it is a caption, and
the colour, size, weight and background its text is drawn with.

Formatting is layered as Word layers it: document defaults, then the table style (and its
first-row formatting), then the paragraph style and the styles it is based on, then the
character style, then the run's own formatting. Banded-row table styles are not modelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from reportgen.accessibility.contrast import HIGHLIGHT_COLOURS, WHITE, parse_colour, shading_colour
from reportgen.accessibility.ooxml import qn


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table: the table, the row's index (0 is the first row) and
    the cell element, which together decide its shading."""

    table: etree._Element
    row_index: int
    element: etree._Element


_HEADING_NAME = re.compile(r"^heading ([1-9])$")
_FIRST_ROW_LOOK = 0x0020
DEFAULT_SIZE_PT = 10.0  # Word's size when neither the styles nor the run give one


@dataclass(frozen=True)
class RunFormat:
    """How a run of text is drawn: ``colour`` None is Word's 'automatic' colour."""

    colour: str | None
    size_pt: float
    bold: bool
    hidden: bool
    font: str | None
    highlight: str | None
    shading: str | None


def on(element: etree._Element | None) -> bool | None:
    """A Word on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None if absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "off", "none")


def shading(element: etree._Element | None) -> str | None:
    """The colour a ``w:shd`` element paints, or None."""
    if element is None:
        return None
    return shading_colour(
        element.get(qn("w:val")), element.get(qn("w:color")), element.get(qn("w:fill"))
    )


class Styles:
    """The styles part of a document, with lookups by style id that follow ``basedOn``."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self.defaults: dict[str, str] = {}
        for style in root.findall(qn("w:style")):
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self.defaults[style.get(qn("w:type"), "")] = style.get(qn("w:styleId"), "")
        self.default_run = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        # Remembered answers: a long report asks the same questions of thousands of runs.
        self._chains: dict[str | None, list[etree._Element]] = {}
        self._run_formats: dict[etree._Element, RunFormat] = {}
        self._table_layer_cache: dict[
            tuple[etree._Element, bool, str], list[etree._Element | None]
        ] = {}
        self._cell_shadings: dict[etree._Element, str | None] = {}

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first."""
        if style_id not in self._chains:
            self._chains[style_id] = self._find_chain(style_id)
        return self._chains[style_id]

    def _find_chain(self, style_id: str | None) -> list[etree._Element]:
        found: list[etree._Element] = []
        while style_id and style_id in self.by_id and len(found) < 20:
            style = self.by_id[style_id]
            if style in found:
                break
            found.append(style)
            based_on = style.find(qn("w:basedOn"))
            style_id = None if based_on is None else based_on.get(qn("w:val"))
        return found

    def name(self, style_id: str | None) -> str:
        """The style's name as Word shows it (``Heading 1``), or its id if it has none."""
        style = self.by_id.get(style_id or "")
        if style is None:
            return style_id or "Normal"
        name = style.find(qn("w:name"))
        text = (style_id or "") if name is None else name.get(qn("w:val"), style_id or "")
        # Word stores built-in names in lower case ("heading 1") but shows them capitalised.
        return text[:1].upper() + text[1:]

    def paragraph_style(self, paragraph: etree._Element) -> str | None:
        """The id of a paragraph's style (the default paragraph style if it names none)."""
        found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if found is not None:
            return found.get(qn("w:val"))
        return self.defaults.get("paragraph")

    def _names(self, style_id: str | None) -> list[str]:
        names = []
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            if name is not None:
                names.append(name.get(qn("w:val"), "").strip().lower())
        return names

    def is_title(self, style_id: str | None) -> bool:
        """Whether the style is Title or based on it."""
        return "title" in self._names(style_id)

    def is_caption(self, style_id: str | None) -> bool:
        """Whether the style is Caption or based on it."""
        return "caption" in self._names(style_id)

    def heading_level(self, paragraph: etree._Element) -> int | None:
        """The paragraph's heading level (1–9) as screen readers and the navigation pane see
        it: from its own outline level, else its style's (inherited through ``basedOn``, so a
        custom style based on Heading 2 is a level 2 heading), else a built-in heading style's
        number. None for body text."""
        direct = paragraph.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if direct is not None:
            return _outline(direct)
        for style in self.chain(self.paragraph_style(paragraph)):
            level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if level is not None:
                return _outline(level)
            name = style.find(qn("w:name"))
            match = _HEADING_NAME.match("" if name is None else name.get(qn("w:val"), "").lower())
            if match:
                return int(match.group(1))
        return None

    def numbering_of(self, paragraph: etree._Element) -> etree._Element | None:
        """The paragraph's ``w:numPr`` (own or from its style), or None."""
        found = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if found is not None:
            return found
        for style in self.chain(self.paragraph_style(paragraph)):
            found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if found is not None:
                return found
        return None

    def paragraph_shading(self, paragraph: etree._Element) -> str | None:
        """The shading behind a paragraph (its own, else its style's)."""
        own = paragraph.find(f"{qn('w:pPr')}/{qn('w:shd')}")
        if own is not None:
            return shading(own)
        for style in self.chain(self.paragraph_style(paragraph)):
            found = style.find(f"{qn('w:pPr')}/{qn('w:shd')}")
            if found is not None:
                return shading(found)
        return None

    def run_format(
        self, paragraph: etree._Element, run: etree._Element, cell: Cell | None = None
    ) -> RunFormat:
        """How ``run`` is drawn, every layer of formatting applied."""
        if run not in self._run_formats:
            self._run_formats[run] = self._run_format(paragraph, run, cell)
        return self._run_formats[run]

    def _run_format(
        self, paragraph: etree._Element, run: etree._Element, cell: Cell | None
    ) -> RunFormat:
        layers: list[etree._Element | None] = [self.default_run]
        if cell is not None:
            layers.extend(self._table_layers(cell, "rPr"))
        layers.extend(_rpr(s) for s in reversed(self.chain(self.paragraph_style(paragraph))))
        run_style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if run_style is not None:
            layers.extend(_rpr(s) for s in reversed(self.chain(run_style.get(qn("w:val")))))
        layers.append(run.find(qn("w:rPr")))
        found: dict[str, etree._Element] = {}
        for layer in layers:
            if layer is not None:
                for child in layer:
                    found[child.tag] = child
        colour = found.get(qn("w:color"))
        highlight = found.get(qn("w:highlight"))
        fonts = found.get(qn("w:rFonts"))
        return RunFormat(
            colour=None if colour is None else parse_colour(colour.get(qn("w:val"))),
            size_pt=_half_points(found.get(qn("w:sz"))),
            bold=bool(on(found.get(qn("w:b")))),
            hidden=bool(on(found.get(qn("w:vanish")))),
            font=None if fonts is None else fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")),
            highlight=None
            if highlight is None
            else HIGHLIGHT_COLOURS.get(highlight.get(qn("w:val"), "")),
            shading=shading(found.get(qn("w:shd"))),
        )

    def cell_shading(self, cell: Cell) -> str | None:
        """The colour behind a table cell: its own shading, else its table style's (first-row
        formatting first), else the table's own shading."""
        if cell.element not in self._cell_shadings:
            self._cell_shadings[cell.element] = self._cell_shading(cell)
        return self._cell_shadings[cell.element]

    def _cell_shading(self, cell: Cell) -> str | None:
        own = cell.element.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        if own is not None:
            return shading(own)
        for tcpr in reversed(self._table_layers(cell, "tcPr")):
            if tcpr is not None and tcpr.find(qn("w:shd")) is not None:
                return shading(tcpr.find(qn("w:shd")))
        table_shading = cell.table.find(f"{qn('w:tblPr')}/{qn('w:shd')}")
        if table_shading is not None:
            return shading(table_shading)
        for style in self.chain(self._table_style(cell.table)):
            found = style.find(f"{qn('w:tblPr')}/{qn('w:shd')}")
            if found is not None:
                return shading(found)
        return None

    def background(
        self, paragraph: etree._Element, fmt: RunFormat, cell: Cell | None, page: str | None
    ) -> str:
        """The colour behind a run: highlight, run shading, paragraph shading, cell shading,
        page colour, else white paper."""
        return (
            fmt.highlight
            or fmt.shading
            or self.paragraph_shading(paragraph)
            or (self.cell_shading(cell) if cell is not None else None)
            or parse_colour(page)
            or WHITE
        )

    def _table_style(self, table: etree._Element) -> str | None:
        found = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        return self.defaults.get("table") if found is None else found.get(qn("w:val"))

    def _table_layers(self, cell: Cell, kind: str) -> list[etree._Element | None]:
        """The table style's ``rPr`` or ``tcPr`` layers for a cell, weakest first."""
        first_row = cell.row_index == 0
        key = (cell.table, first_row, kind)
        if key not in self._table_layer_cache:
            self._table_layer_cache[key] = self._find_table_layers(cell.table, first_row, kind)
        return self._table_layer_cache[key]

    def _find_table_layers(
        self, table: etree._Element, first_row: bool, kind: str
    ) -> list[etree._Element | None]:
        chain = list(reversed(self.chain(self._table_style(table))))
        layers = [s.find(qn(f"w:{kind}")) for s in chain]
        if first_row and first_row_look(table):
            for style in chain:
                for conditional in style.findall(qn("w:tblStylePr")):
                    if conditional.get(qn("w:type")) == "firstRow":
                        layers.append(conditional.find(qn(f"w:{kind}")))
        return layers


def first_row_look(table: etree._Element) -> bool:
    """Whether the table turns on its style's header-row formatting (Table Design > Header Row)."""
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    if look is None:
        return True  # Word's default look includes the header row
    explicit = look.get(qn("w:firstRow"))
    if explicit is not None:
        return explicit in ("1", "true", "on")
    try:
        return bool(int(look.get(qn("w:val"), "0"), 16) & _FIRST_ROW_LOOK)
    except ValueError:
        return False


def _outline(element: etree._Element) -> int | None:
    try:
        level = int(element.get(qn("w:val"), "9"))
    except ValueError:
        return None
    return level + 1 if 0 <= level <= 8 else None


def _rpr(style: etree._Element) -> etree._Element | None:
    return style.find(qn("w:rPr"))


def _half_points(size: etree._Element | None) -> float:
    if size is None:
        return DEFAULT_SIZE_PT
    try:
        return int(size.get(qn("w:val"), "")) / 2
    except ValueError:
        return DEFAULT_SIZE_PT
