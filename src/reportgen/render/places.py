"""Where things are in a Word template, named as a clerk finds them.

A template's paragraphs are walked in document order (body paragraphs and tables, then each
header and footer) and each is named by where it is: ``body paragraph 4``, ``table 2 row 3 cell
1``, ``footer paragraph 1``. ``templates check`` reports problems at these places, and the
render engine names the place of a failure the same way (:func:`place_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml import parse_xml
from docxtpl import DocxTemplate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIELD = "\x00"  # stands for a field code in a paragraph's text


# The document properties docxtpl renders as templates too (see DocxTemplate.render_properties).
PROPERTIES = ("title", "subject", "author", "comments", "identifier", "language")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the template: where it is, its text as docxtpl sees it, and whether it
    sits in a table row and cell."""

    where: str
    text: str
    in_row: bool
    in_cell: bool

    @property
    def part(self) -> str:
        """The part of the template rendered on its own that holds the paragraph: ``body``,
        ``header``, ``footer2``, ``footnotes`` or ``document properties (title)``."""
        return part_of(self.where)


def part_of(where: str) -> str:
    """The part a place is in (see :attr:`Paragraph.part`)."""
    if where.startswith("document properties"):
        return where
    first = where.split(" ")[0]
    if first.startswith(("header", "footer", "footnote")):
        return "footnotes" if first.startswith("footnote") else first
    return "body"


def _text(p: Any) -> str:
    """The paragraph's text as docxtpl joins it; a field code (page number, date …) is
    ``FIELD``: docxtpl drops one inside a tag but one between two braces parts them."""
    parts = []
    for element in p.iter(f"{W}t", f"{W}instrText"):
        parts.append(element.text or "" if element.tag == f"{W}t" else FIELD)
    return "".join(parts)


def _walk(element: Any, where: str, in_row: bool, in_cell: bool) -> Iterator[Paragraph]:
    """Paragraphs below ``element`` in order, numbering body paragraphs and tables."""
    counts = {"p": 0, "tbl": 0}
    for child in element:
        tag = child.tag.removeprefix(W)
        if tag == "p":
            counts["p"] += 1
            yield Paragraph(f"{where}paragraph {counts['p']}", _text(child), in_row, in_cell)
        elif tag == "tbl":
            counts["tbl"] += 1
            prefix = "" if where == "body " else where
            yield from _walk_table(child, f"{prefix}table {counts['tbl']}")
        elif tag == "sdt":
            for content in child.iter(f"{W}sdtContent"):
                yield from _walk(content, where, in_row, in_cell)
                break


def _walk_table(table: Any, where: str) -> Iterator[Paragraph]:
    for r, row in enumerate(table.findall(f"{W}tr"), 1):
        for c, cell in enumerate(row.findall(f"{W}tc"), 1):
            inner = list(_walk(cell, "", True, True))
            for paragraph in inner:
                suffix = f" {paragraph.where}" if len(inner) > 1 else ""
                if paragraph.where.startswith("table"):
                    suffix = f" {paragraph.where}"
                yield Paragraph(f"{where} row {r} cell {c}{suffix}", paragraph.text, True, True)


def paragraphs(tpl: DocxTemplate) -> Iterator[Paragraph]:
    """Every paragraph of the body, then of each header and footer, with where it is."""
    for p in _walk(tpl.docx.element.body, "body ", False, False):
        yield p
    parts = [
        part
        for part in tpl.docx.part.package.parts
        if re.search(r"/word/(header|footer)\d*\.xml$", str(part.partname))
    ]
    for part in sorted(parts, key=lambda p: str(p.partname)):
        for p in _walk(part.element, f"{part_label(tpl, part)} ", False, False):
            yield p
    for part in tpl.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            yield from _footnotes(part)
    core = tpl.docx.core_properties
    for name in PROPERTIES:
        text = getattr(core, name, None) or ""
        if text:
            yield Paragraph(f"document properties ({name})", text, False, False)


def part_label(tpl: DocxTemplate, part: Any) -> str:
    """How a part is named in places: ``body``, ``header``/``footer`` (``header2`` when the
    template has several), ``footnotes``."""
    if part is tpl.docx.part:
        return "body"
    name = str(getattr(part, "partname", ""))
    found = re.search(r"/word/(header|footer)\d*\.xml$", name)
    if not found:
        return "footnotes" if getattr(part, "content_type", "") == _FOOTNOTES else "body"
    kind = found.group(1)
    same = [
        p
        for p in tpl.docx.part.package.parts
        if re.search(rf"/word/{kind}\d*\.xml$", str(p.partname))
    ]
    return kind if len(same) == 1 else name.rsplit("/", 1)[1][:-4]


def _footnotes(part: Any) -> Iterator[Paragraph]:
    blob = part.blob
    root = parse_xml(blob if isinstance(blob, bytes) else blob.encode("utf-8"))
    for number, note in enumerate(root.findall(f"{W}footnote"), 1):
        yield from _walk(note, f"footnote {number} ", False, False)


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_PREFIX = re.compile(r"^(\{[{%])-?\s*(tr|tc|p|r)\s")


def tag_key(tag: str) -> str:
    """A tag as docxtpl hands it to Jinja, for matching: its ``p``/``tr``/``tc``/``r`` prefix
    and spacing dropped (``{%p for x in y %}`` → ``{%for x in y%}``)."""
    tag = tag.replace(FIELD, "")
    found = _PREFIX.match(tag)
    if found:
        tag = found.group(1) + tag[found.end() :]
    return "".join(tag.split())


def place_of(tpl: DocxTemplate, part: str, text: str) -> str | None:
    """Where in the template the tags of ``text`` (a line of the XML docxtpl rendered, or a
    tag) are: the first paragraph of ``part`` holding one of them."""
    wanted = [tag_key(t) for t in _TAG.findall(re.sub(r"<[^>]+>", "", text))]
    if not wanted:
        return None
    found = [p for p in paragraphs(tpl) if p.part == part] or list(paragraphs(tpl))
    for key in reversed(wanted):  # the line's last tag is the one that ran last
        for paragraph in found:
            if key in {tag_key(t) for t in _TAG.findall(paragraph.text)}:
                return paragraph.where
    return None
