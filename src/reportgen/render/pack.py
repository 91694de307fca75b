"""Joining rendered documents into one: the committee report with its appendices.

The join keeps each part's page set-up: the report's last section is closed where it ends (its
portrait size, margins and footer stay with it) and the appendix follows in a section of its own
with its own orientation (landscape for the performance report), margins and footer. Page
numbers run on through the whole pack, so "Page N of M" counts the pack's pages everywhere.

The appendix keeps its look: where one of its styles differs from the report's style of the same
id (Normal, a table style …), the appendix gets its own copy ("Appendix Normal"), so its tables
keep their size. Headings (Title, Heading 1 …) are never copied: screen readers, navigation panes
and PDF tags know the built-in heading styles, so the appendix's headings keep them and carry
their own look (size, colour, spacing, indents) as direct formatting instead.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docxcompose.composer import Composer
from lxml import etree

from reportgen.errors import TemplateError
from reportgen.render.engine import repeatable_zip
from reportgen.render.pack_styles import StyleIdComposer, name_default_style

STYLE_PREFIX = "Appendix"
HEADING_STYLES = ("Title", *(f"Heading{n}" for n in range(1, 10)))
# the children of w:pPr and w:rPr in schema order (Word rejects other orders)
# fmt: off
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
# fmt: on
# fmt: off
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
# fmt: on
# what a property the report's heading style sets, and the appendix's does not, is reset to
NEUTRAL_PPR = {"ind": {"left": "0", "right": "0", "firstLine": "0"}, "jc": {"val": "left"}}
NEUTRAL_RPR = {"color": {"val": "auto"}, "caps": {"val": "0"}, "i": {"val": "0"}, "b": {"val": "0"}}
STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:basedOn", "w:next", "w:link")
IGNORED_IN_COMPARISON = ("w:rsid", "w:name")


def _close_last_section(doc: DocxDocument) -> None:
    """Move the body's section properties into a new last paragraph: the document's content
    so far becomes a section of its own that ends there."""
    body = doc.element.body
    sect_pr = body.sectPr
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(deepcopy(sect_pr))
    paragraph.append(properties)
    sect_pr.addprevious(paragraph)


def _insert_label(doc: DocxDocument, label: str) -> None:
    """Put ``label`` ("APPENDIX I") as a heading at the start of ``doc``."""
    first = doc.element.body[0]
    paragraph = doc.add_paragraph(label, style="Heading 1")
    first.addprevious(paragraph._p)


def _style_key(style: Any) -> bytes:
    copy = deepcopy(style)
    for tag in IGNORED_IN_COMPARISON:
        for node in copy.findall(qn(tag)):
            copy.remove(node)
    return etree.tostring(copy, method="c14n")


def _differing_styles(base: DocxDocument, appendix: DocxDocument) -> dict[str, str]:
    """The appendix's style ids whose formatting differs from the same id in ``base`` (or whose
    base style does), each with the id it is renamed to."""
    ours = {s.get(qn("w:styleId")): s for s in base.styles.element.findall(qn("w:style"))}
    theirs = {s.get(qn("w:styleId")): s for s in appendix.styles.element.findall(qn("w:style"))}
    renamed = {
        sid: f"{STYLE_PREFIX}{sid}"
        for sid, style in theirs.items()
        if sid in ours and sid not in HEADING_STYLES and _style_key(style) != _style_key(ours[sid])
    }
    changed = True
    while changed:  # a style based on a renamed style looks different too
        changed = False
        for sid, style in theirs.items():
            based = style.find(qn("w:basedOn"))
            if sid in HEADING_STYLES:
                continue
            if sid not in renamed and based is not None and based.get(qn("w:val")) in renamed:
                renamed[sid] = f"{STYLE_PREFIX}{sid}"
                changed = True
    return renamed


def _rename_references(element: Any, renamed: dict[str, str]) -> None:
    for tag in STYLE_REFERENCES:
        for node in element.iter(qn(tag)):
            value = node.get(qn("w:val"))
            if value in renamed:
                node.set(qn("w:val"), renamed[value])


def _isolate_styles(base: DocxDocument, appendix: DocxDocument) -> dict[str, str]:
    """Give the appendix's styles that clash with the report's their own ids, so the appendix
    keeps its look after the join. Paragraphs that relied on the default paragraph style name
    it explicitly. Returns the renaming (old id → new id)."""
    renamed = _differing_styles(base, appendix)
    if not renamed:
        return renamed
    default = appendix.styles.element.default_for(WD_STYLE_TYPE.PARAGRAPH)
    default_id = default.get(qn("w:styleId")) if default is not None else None
    if default_id in renamed:
        name_default_style(appendix.element.body, default_id)
    for style in appendix.styles.element.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if sid in renamed:
            style.set(qn("w:styleId"), renamed[sid])
            style.attrib.pop(qn("w:default"), None)
            name = style.find(qn("w:name"))
            if name is not None:
                shown = BabelFish.internal2ui(name.get(qn("w:val")))
                name.set(qn("w:val"), f"{STYLE_PREFIX} {shown}")
        _rename_references(style, renamed)
    _rename_references(appendix.element.body, renamed)
    return renamed


def _resolved(styles: dict[str, Any], sid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The paragraph and run properties style ``sid`` gives, its base styles' included: each
    property element by its tag name, the style's own winning over its bases'."""
    chain = []
    while sid in styles and sid not in chain:
        chain.append(sid)
        based = styles[sid].find(qn("w:basedOn"))
        sid = based.get(qn("w:val")) if based is not None else None
    paragraph: dict[str, Any] = {}
    run: dict[str, Any] = {}
    for style_id in reversed(chain):
        style = styles[style_id]
        for source, target in (
            (style.find(qn("w:pPr")), paragraph),
            (style.find(qn("w:rPr")), run),
        ):
            for child in source if source is not None else ():
                target[etree.QName(child).localname] = child
    for name in ("rPr", "numPr", "outlineLvl", "pStyle", "sectPr", "pPrChange"):
        paragraph.pop(name, None)
    return paragraph, run


def _neutral(name: str, values: dict[str, str]) -> Any:
    element = OxmlElement(f"w:{name}")
    for attribute, value in values.items():
        element.set(qn(f"w:{attribute}"), value)
    return element


def _add_direct(properties: Any, wanted: dict[str, Any], order: Sequence[str]) -> None:
    """Give ``properties`` (a w:pPr or w:rPr) each element of ``wanted`` it has not got, in
    schema order."""
    rank = {name: n for n, name in enumerate(order)}
    present = {etree.QName(c).localname for c in properties}
    for name, element in wanted.items():
        if name in present or name not in rank:
            continue
        later = next(
            (c for c in properties if rank.get(etree.QName(c).localname, len(rank)) > rank[name]),
            None,
        )
        if later is None:
            properties.append(deepcopy(element))
        else:
            later.addprevious(deepcopy(element))


def _keep_heading_looks(base: DocxDocument, appendix: DocxDocument) -> None:
    """The appendix's headings keep the built-in heading styles (the report's, after the join)
    and carry the look their own styles gave them as direct formatting."""
    ours = {s.get(qn("w:styleId")): s for s in base.styles.element.findall(qn("w:style"))}
    theirs = {s.get(qn("w:styleId")): s for s in appendix.styles.element.findall(qn("w:style"))}
    looks = {}
    for sid in HEADING_STYLES:
        if sid in ours and sid in theirs and _style_key(ours[sid]) != _style_key(theirs[sid]):
            own_p, own_r = _resolved(theirs, sid)
            report_p, report_r = _resolved(ours, sid)
            for name, values in NEUTRAL_PPR.items():
                if name in report_p and name not in own_p:
                    own_p[name] = _neutral(name, values)
            for name, values in NEUTRAL_RPR.items():
                if name in report_r and name not in own_r:
                    own_r[name] = _neutral(name, values)
            looks[sid] = (own_p, own_r)
    if not looks:
        return
    for paragraph in appendix.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        look = looks.get(style.get(qn("w:val"))) if style is not None else None
        if look is None:
            continue
        _add_direct(paragraph.get_or_add_pPr(), look[0], PPR_ORDER)
        for run in paragraph.iter(qn("w:r")):
            _add_direct(run.get_or_add_rPr(), look[1], RPR_ORDER)


def _copy_missing_styles(base: DocxDocument, appendix: DocxDocument, ids: set[str]) -> None:
    """Styles the join did not bring over (used only by footers, or only as a base style)."""
    present = {s.get(qn("w:styleId")) for s in base.styles.element.findall(qn("w:style"))}
    for style in appendix.styles.element.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if sid in ids and sid not in present:
            base.styles.element.append(deepcopy(style))


def _carry_footers(
    composer: Composer, appendix: DocxDocument, sect_pr: Any, renamed: dict[str, str]
) -> None:
    """Give ``sect_pr`` (copied from the appendix) the appendix's footers, copied into the
    composed document, and drop its headers' and footers' foreign relationship ids."""
    for ref in sect_pr.findall(qn("w:headerReference")) + sect_pr.findall(qn("w:footerReference")):
        part = appendix.part.related_parts[ref.get(qn("r:id"))]
        sect_pr.remove(ref)
        if ref.tag != qn("w:footerReference"):
            continue
        footer = etree.fromstring(part.blob)
        _rename_references(footer, renamed)
        new_part = composer.footer_part(etree.tostring(footer, xml_declaration=True))
        new_id = composer.doc.part.relate_to(new_part, RT.FOOTER)  # the id footer_part made
        copy = OxmlElement("w:footerReference")
        copy.set(qn("w:type"), ref.get(qn("w:type")) or "default")
        copy.set(qn("r:id"), new_id)
        sect_pr.insert(0, copy)


def append_document(main: bytes, appendix: bytes, label: str) -> bytes:
    """``main`` followed by ``appendix`` headed ``label``, each in its own section(s).

    Raises TemplateError when either part is not a Word document.
    """
    try:
        base = Document(io.BytesIO(main))
        extra = Document(io.BytesIO(appendix))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise TemplateError(f"the documents for {label} could not be joined: {exc}") from exc
    appendix_sect_pr = deepcopy(extra.element.body.sectPr)
    _close_last_section(base)
    _insert_label(extra, label)
    _keep_heading_looks(base, extra)
    renamed = _isolate_styles(base, extra)
    composer = StyleIdComposer(base)
    # docxcompose gives restarted lists a random id; seed it from the content (and restore the
    # caller's random state) so the same parts always join into the same bytes.
    state = random.getstate()
    random.seed(zlib.crc32(main) ^ zlib.crc32(appendix))
    try:
        composer.append(extra)
    finally:
        random.setstate(state)
    _copy_missing_styles(base, extra, set(renamed.values()))
    _carry_footers(composer, extra, appendix_sect_pr, renamed)
    body = base.element.body
    body.replace(body.sectPr, appendix_sect_pr)
    buffer = io.BytesIO()
    base.save(buffer)
    return repeatable_zip(buffer.getvalue())


def join_pack(parts: list[bytes], labels: list[str]) -> bytes:
    """The first part followed by each of the others as an appendix headed by its label
    ("APPENDIX I", from the part's place in the pack)."""
    joined, *appendices = parts
    for appendix, label in zip(appendices, labels, strict=True):
        joined = append_document(joined, appendix, label)
    return joined
