"""Numbered lists typed in cells ("1. …", "2. …", "a) …") made Word's own numbered lists.

A document's context marks the typed label of each such line (:func:`~reportgen.documents.rich.
paragraphs` puts it in a run of its own); after rendering, :func:`number_typed_lists` replaces
each label with Word numbering of the same look ("1.", "a)", "(i)" …), so screen readers announce
a list and its length. A list starts at an item labelled 1 (or a, A); an item continues the list
of the same look before it when its number is the next one, even with bullets or paragraphs
between (the council's lettered points a) … d) each have bullets under them). Any other label
(a lone "2.", an initial as in "J. Smith") stays as typed text.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.documents.rich import LIST_LABEL_STYLE

INDENT_TWIPS = 284  # 5 mm: the items sit in narrow table cells as often as on the page
_LABEL = re.compile(r"^(\()?(\d{1,2}|[a-z]|[A-Z])([.)])$")


def _look(label: str) -> tuple[str, str, int] | None:
    """A label's numbering format, Word's level text and number: "b)" → ("lowerLetter", "%1)",
    2); None when it is not a list label."""
    match = _LABEL.match(label.strip())
    if match is None:
        return None
    opening, value, closing = match.groups()
    if value.isdigit():
        fmt, number = "decimal", int(value)
    elif value.islower():
        fmt, number = "lowerLetter", ord(value) - ord("a") + 1
    else:
        fmt, number = "upperLetter", ord(value) - ord("A") + 1
    return fmt, f"{opening or ''}%1{closing}", number


class _Numbering:
    """The document's numbering part, to which new list definitions are added."""

    def __init__(self, document) -> None:
        self.element = document.part.numbering_part.element
        self.abstracts: dict[tuple[str, str], str] = {}
        self.next_abstract = 1 + max(
            (int(a.get(qn("w:abstractNumId"))) for a in self.element.iter(qn("w:abstractNum"))),
            default=0,
        )
        self.next_num = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.element.iter(qn("w:num"))), default=0
        )

    def _abstract(self, fmt: str, text: str) -> str:
        key = (fmt, text)
        if key not in self.abstracts:
            ident = str(self.next_abstract)
            self.next_abstract += 1
            abstract = OxmlElement("w:abstractNum")
            abstract.set(qn("w:abstractNumId"), ident)
            multi = OxmlElement("w:multiLevelType")
            multi.set(qn("w:val"), "singleLevel")
            abstract.append(multi)
            abstract.append(_level(fmt, text))
            first_num = self.element.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                self.element.append(abstract)
            self.abstracts[key] = ident
        return self.abstracts[key]

    def new_list(self, fmt: str, text: str, start: int) -> str:
        """A new list of this look starting at ``start``; returns its numId."""
        ident = str(self.next_num)
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), ident)
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), self._abstract(fmt, text))
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_at = OxmlElement("w:startOverride")
        start_at.set(qn("w:val"), str(start))
        override.append(start_at)
        num.append(override)
        self.element.append(num)
        return ident


def _level(fmt: str, text: str):
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        level.append(child)
    justify = OxmlElement("w:lvlJc")
    justify.set(qn("w:val"), "left")
    level.append(justify)
    properties = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), str(INDENT_TWIPS))
    indent.set(qn("w:hanging"), str(INDENT_TWIPS))
    properties.append(indent)
    level.append(properties)
    return level


def _labelled_paragraphs(document):
    """Each paragraph holding a marked list label, with the label's run, in document order."""
    for style in document.element.body.iter(qn("w:rStyle")):
        if style.get(qn("w:val")) != LIST_LABEL_STYLE:
            continue
        run = style.getparent().getparent()
        if run.tag == qn("w:r") and run.getparent().tag == qn("w:p"):
            yield run.getparent(), run


def _set_numbering(paragraph, num_id: str) -> None:
    properties = paragraph.get_or_add_pPr()
    existing = properties.find(qn("w:numPr"))
    if existing is not None:
        properties.remove(existing)
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), num_id)
    num_pr.append(level)
    num_pr.append(number)
    style = properties.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(num_pr)
    else:
        properties.insert(0, num_pr)


def _keep_as_text(paragraph, run) -> None:
    """Leave the typed label as ordinary text, and the paragraph an ordinary one."""
    style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    style.getparent().remove(style)
    properties = paragraph.find(qn("w:pPr"))
    para_style = properties.find(qn("w:pStyle")) if properties is not None else None
    if para_style is not None:
        properties.remove(para_style)


def number_typed_lists(document) -> int:
    """Turn every marked list label in the body into Word numbering; return how many items
    became list items."""
    numbering: _Numbering | None = None
    open_lists: dict[tuple[str, str], tuple[str, int]] = {}  # look → (numId, last number)
    made = 0
    for paragraph, run in list(_labelled_paragraphs(document)):
        label = "".join(t.text or "" for t in run.iter(qn("w:t")))
        look = _look(label)
        previous = open_lists.get(look[:2]) if look else None
        if look is None or (look[2] != 1 and (previous is None or previous[1] != look[2] - 1)):
            _keep_as_text(paragraph, run)
            continue
        if numbering is None:
            numbering = _Numbering(document)
        fmt, text, number = look
        if previous is not None and previous[1] == number - 1:
            num_id = previous[0]
        else:
            num_id = numbering.new_list(fmt, text, number)
        open_lists[(fmt, text)] = (num_id, number)
        _set_numbering(paragraph, num_id)
        paragraph.remove(run)
        made += 1
    return made
