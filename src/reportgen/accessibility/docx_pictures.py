"""Pictures and symbols in a Word document: alternative text on every picture, not read twice,
and no coloured symbol that carries meaning by its colour alone (WCAG 1.1.1 and 1.4.1)."""

from __future__ import annotations

import re

from lxml import etree

from reportgen.accessibility.contrast import colour_name, is_neutral
from reportgen.accessibility.ooxml import qn
from reportgen.accessibility.report import Findings
from reportgen.accessibility.wordml import (
    Paragraph,
    WordDocument,
    cell_text,
    paragraph_text,
    quote,
    run_text,
    runs,
    sibling_block,
)

VML = "urn:schemas-microsoft-com:vml"
FILE_NAME = re.compile(
    r"(\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|heic)$)"
    r"|^(picture|image|img|graphic|chart|screenshot|screen shot|dsc|photo|figure)[ _-]?\d+$",
    re.IGNORECASE,
)
AUTOMATIC = "automatically generated"
CAPTION_LABEL = re.compile(r"^(figure|chart|image|picture|graph|map|diagram)\s*\d*\s*[:.–-]?\s*")
# Shapes typed as text to show a status by their colour (RAG dots and squares).
STATUS_SHAPES = set("■□▪▫▬▲△▴▶►▼▽▾◀◆◇◈○◉◎●◐◑◒◓◔◕◖◗◼◻◾◽★☆⬛⬜⬤⭐⚫⚪🔴🟠🟡🟢🔵🟣🟤🟥🟧🟨🟩🟦🟪🟫")
SYMBOL_FONTS = {"wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol"}
ALT_TEXT_HOW = (
    "In Word, right-click the picture, choose View Alt Text (or Edit Alt Text) and describe "
    "what it shows, or tick 'Mark as decorative' if it adds nothing"
)


def check_pictures(document: WordDocument, findings: Findings) -> None:
    """Every picture, chart and drawing has alternative text that says what it shows."""
    for paragraph in document.paragraphs:
        for doc_pr in paragraph.element.iter(qn("wp:docPr")):
            if _is_decorative(doc_pr) or _is_text_box(doc_pr):
                continue
            alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
            _check_alt_text(document, paragraph, alt, doc_pr.get("name") or "picture", findings)
        for shape in paragraph.element.iter(f"{{{VML}}}shape"):
            if shape.find(f"{{{VML}}}imagedata") is not None:
                alt = (shape.get("alt") or "").strip()
                _check_alt_text(document, paragraph, alt, shape.get("id") or "picture", findings)


def _check_alt_text(
    document: WordDocument, paragraph: Paragraph, alt: str, name: str, findings: Findings
) -> None:
    picture = quote(name)
    if not alt:
        findings.error(
            "picture-no-alt-text",
            paragraph.place,
            f"The picture {picture} has no alternative text, so screen reader users are told "
            f"only that there is a picture. {ALT_TEXT_HOW}.",
        )
    elif FILE_NAME.search(alt):
        findings.error(
            "picture-alt-text-is-file-name",
            paragraph.place,
            f"The picture {picture} has the alternative text {quote(alt)}, which is a file or "
            f"default name, not a description. {ALT_TEXT_HOW}.",
            alt,
        )
    elif AUTOMATIC in alt.casefold():
        findings.warning(
            "picture-alt-text-automatic",
            paragraph.place,
            f"The picture {picture} has alternative text written by Word automatically "
            f"({quote(alt)}); check that it says what the picture means for this paper. "
            f"{ALT_TEXT_HOW}.",
            alt,
        )
    elif _read_twice(document, paragraph, alt):
        findings.warning(
            "picture-read-twice",
            paragraph.place,
            f"The picture {picture} has the alternative text {quote(alt)}, which repeats the "
            "text next to it, so screen readers read the same words twice. In Word, tick "
            "'Mark as decorative' in the picture's Alt Text, or write alternative text that says "
            "what the picture shows beyond its caption.",
            alt,
        )


def _is_decorative(doc_pr: etree._Element) -> bool:
    """Word's 'Mark as decorative' (an ``adec:decorative`` extension on the picture)."""
    for element in doc_pr.iter():
        if etree.QName(element).localname == "decorative":
            return element.get("val", "0").lower() in ("1", "true")
    return False


def _is_text_box(doc_pr: etree._Element) -> bool:
    """A text box's words are read as text; it needs no alternative text."""
    drawing = doc_pr.getparent()
    return drawing is not None and next(drawing.iter(qn("w:txbxContent")), None) is not None


def _normalise(text: str) -> str:
    text = CAPTION_LABEL.sub("", " ".join(text.casefold().split()))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _read_twice(document: WordDocument, paragraph: Paragraph, alt: str) -> bool:
    """Whether ``alt`` repeats the paragraph's own text or the caption right before or after."""
    wanted = _normalise(alt)
    if not wanted:
        return False
    nearby = [paragraph_text(paragraph.element)]
    for sibling in (sibling_block(paragraph.element, -1), sibling_block(paragraph.element, 1)):
        if sibling is not None and sibling.tag == qn("w:p"):
            style = document.styles.paragraph_style(sibling)
            if document.styles.is_caption(style):
                nearby.append(paragraph_text(sibling))
    for text in map(_normalise, nearby):
        if text and (text == wanted or (len(wanted.split()) >= 3 and wanted in text)):
            return True
    return False


def check_colour_only_symbols(document: WordDocument, findings: Findings) -> None:
    """A coloured dot or square (■ ●, or a Wingdings symbol) with no words beside it in its
    paragraph or cell tells its meaning by colour alone (WCAG 1.4.1)."""
    reported: set[str] = set()
    for paragraph in document.paragraphs:
        if paragraph.place in reported:
            continue
        for run in runs(paragraph.element):
            symbol = run_text(run).strip()
            if not symbol:
                continue
            fmt = document.styles.run_format(paragraph.element, run, paragraph.cell)
            symbol_font = (fmt.font or "").strip().lower() in SYMBOL_FONTS
            if not (symbol_font or set(symbol) <= STATUS_SHAPES):
                continue
            if fmt.colour is None or is_neutral(fmt.colour):
                continue
            if _has_words(paragraph, symbol):
                continue
            reported.add(paragraph.place)
            findings.error(
                "colour-only",
                paragraph.place,
                f"A {colour_name(fmt.colour)} symbol ({quote(symbol)}) stands on its own, so "
                "its meaning is given by its colour alone and is lost on anyone who cannot see "
                "colour, and on screen readers. Add words that say the same (for example "
                "'On track', 'Overdue') next to it.",
                symbol,
            )
            break


def _has_words(paragraph: Paragraph, symbol: str) -> bool:
    if paragraph.cell is not None:
        text = cell_text(paragraph.cell.element)
    else:
        text = paragraph_text(paragraph.element)
    rest = "".join(ch for ch in text.replace(symbol, "", 1) if ch not in STATUS_SHAPES)
    return any(ch.isalpha() for ch in rest)
