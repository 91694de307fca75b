"""Checking a Word document (.docx): its title and language, and its headings.

:func:`check_docx` runs every Word check; pictures, tables and contrast have their own modules.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from reportgen.accessibility.docx_contrast import check_contrast
from reportgen.accessibility.docx_pictures import check_colour_only_symbols, check_pictures
from reportgen.accessibility.docx_tables import check_tables
from reportgen.accessibility.ooxml import qn
from reportgen.accessibility.report import Findings
from reportgen.accessibility.wordml import (
    Paragraph,
    WordDocument,
    open_word_document,
    paragraph_text,
    quote,
    run_text,
    runs,
)
from reportgen.errors import Issue

PROPERTIES = "document properties"
WHOLE_DOCUMENT = "whole document"
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
PLACEHOLDER_TITLE = re.compile(r"^(document\d*|untitled|.*\.docx?)$", re.IGNORECASE)
# "1", "2.1", "3.1.2.", "(a)", "a)", "A.", "iv." followed by the heading's words
NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|\([a-z]\)|[a-z]\)|[A-Z]\.|[ivx]+\.)\s+\S")
HEADING_MAX_CHARS = 120
LARGE_HEADING_PT = 14.0
SET_LANGUAGE = (
    "In Word, select all the text (Ctrl+A), then Review > Language > Set Proofing Language, "
    "choose English (United Kingdom) and click Set As Default"
)


def check_docx(path: Path) -> list[Issue]:
    """Every accessibility check on the Word document at ``path``, in the order a clerk would
    fix them: properties, headings, pictures, tables, colour, contrast.

    Raises CheckError when the file cannot be opened as a Word document.
    """
    document = open_word_document(path)
    findings = Findings(document.name)
    check_properties(document, path, findings)
    check_headings(document, findings)
    check_pictures(document, findings)
    check_tables(document, findings)
    check_colour_only_symbols(document, findings)
    check_contrast(document, findings)
    return list(findings)


def check_properties(document: WordDocument, path: Path, findings: Findings) -> None:
    """The document has a title and says which language it is in."""
    core = document.package.core_properties
    title = (core.title or "").strip()
    if not title:
        findings.error(
            "no-title",
            PROPERTIES,
            "The document has no title in its properties. Screen readers and PDF viewers "
            "announce the title when the document opens, and without one they read out the "
            "file name. In Word: File > Info > Properties > Title, and type the paper's title.",
        )
    elif PLACEHOLDER_TITLE.match(title) or title.casefold() == path.stem.casefold():
        findings.warning(
            "title-is-file-name",
            PROPERTIES,
            f"The document's title is {quote(title)}, which looks like a file name rather than "
            "the paper's title. In Word: File > Info > Properties > Title.",
            title,
        )
    check_language(document, findings)


def check_language(document: WordDocument, findings: Findings) -> None:
    """The language is set (core properties and/or the default text language) and valid."""
    declared = (document.package.core_properties.language or "").strip()
    defaults = document.styles.default_run
    lang = None if defaults is None else defaults.find(qn("w:lang"))
    text_language = "" if lang is None else (lang.get(qn("w:val")) or "").strip()
    if not declared and not text_language:
        findings.error(
            "no-language",
            PROPERTIES,
            "The document does not say what language it is in, so screen readers may read it "
            f"with the wrong voice and pronunciation. {SET_LANGUAGE}.",
        )
        return
    for value, where in ((declared, "properties"), (text_language, "default text language")):
        if value and not LANGUAGE_TAG.match(value):
            findings.error(
                "bad-language",
                PROPERTIES,
                f"The document's {where} give the language as {quote(value)}, which is not a "
                f"language code such as 'en-GB'. {SET_LANGUAGE}.",
                value,
            )
    if declared and text_language and declared.casefold() != text_language.casefold():
        findings.warning(
            "language-mismatch",
            PROPERTIES,
            f"The document's properties say its language is {quote(declared)} but its text is "
            f"set to {quote(text_language)}; screen readers and the PDF may use either. "
            f"{SET_LANGUAGE}.",
            f"{declared} / {text_language}",
        )


def check_headings(document: WordDocument, findings: Findings) -> None:
    """Headings use heading styles, start at Heading 1 and skip no level."""
    styles = document.styles
    previous: tuple[int, str] | None = None  # level and text of the heading before
    headings = 0
    for paragraph in document.body_paragraphs:
        element = paragraph.element
        style = styles.paragraph_style(element)
        text = paragraph_text(element).strip()
        level = None if styles.is_title(style) else styles.heading_level(element)
        if level is None:
            if not styles.is_title(style):
                _check_heading_like(document, paragraph, text, findings)
            continue
        if not text:
            findings.warning(
                "heading-empty",
                paragraph.place,
                f"An empty paragraph has the heading style '{styles.name(style)}'; screen "
                "readers announce it as a blank heading. Delete it, or give it the Normal style.",
            )
            continue
        headings += 1
        allowed = 1 if previous is None else previous[0] + 1
        if level > allowed:
            findings.error("heading-skipped", paragraph.place, _skipped(level, text, previous))
        previous = (level, text)
    _check_has_headings(document, headings, findings)


def _skipped(level: int, text: str, previous: tuple[int, str] | None) -> str:
    wanted = 1 if previous is None else previous[0] + 1
    fix = (
        "Screen reader users move through a paper by its heading levels and will think part "
        f"of it is missing. In Word, give it the Heading {wanted} style (Home > Styles), or "
        "change the headings before it."
    )
    if previous is None:
        return (
            f"The first heading, {quote(text)}, is a level {level} heading; headings should start "
            f"at Heading 1. {fix}"
        )
    return (
        f"The heading {quote(text)} is a level {level} heading, but the heading before it, "
        f"{quote(previous[1])}, is level {previous[0]}, so a level is skipped. {fix}"
    )


def _check_has_headings(document: WordDocument, headings: int, findings: Findings) -> None:
    written = [p for p in document.body_paragraphs if paragraph_text(p.element).strip()]
    if headings == 0 and (len(written) > 15 or len(document.tables) > 1):
        findings.warning(
            "no-headings",
            WHOLE_DOCUMENT,
            "The document has no headings, so screen reader users cannot move through it by "
            "section and Word's Navigation Pane is empty. Give each section's title a heading "
            "style (Home > Styles > Heading 1, Heading 2 …).",
        )


def _check_heading_like(
    document: WordDocument, paragraph: Paragraph, text: str, findings: Findings
) -> None:
    """A paragraph formatted like a heading (numbered and bold, or large) in a style that is
    not a heading: sighted readers see a heading, screen readers and the PDF do not."""
    if not text or len(text) > HEADING_MAX_CHARS or text[-1] in ".;,":
        return
    styles = document.styles
    formats = [
        styles.run_format(paragraph.element, run)
        for run in runs(paragraph.element)
        if run_text(run).strip()
    ]
    formats = [f for f in formats if not f.hidden]
    if not formats:
        return
    bold = all(f.bold for f in formats)
    large = max(f.size_pt for f in formats) >= LARGE_HEADING_PT
    numbered = bool(NUMBERED.match(text)) or _numbered_list(document, paragraph.element)
    style = styles.name(styles.paragraph_style(paragraph.element))
    look = "numbered and bold" if bold else "numbered and in large text"
    if numbered and (bold or large):
        severity = findings.error
    elif large and len(text.split()) <= 12:
        severity, look = findings.warning, "in large text"
    else:
        return
    severity(
        "heading-not-styled",
        paragraph.place,
        f"{quote(text)} looks like a heading ({look}) but has the style '{style}', which is not "
        "a heading style, so screen readers, the Navigation Pane and the PDF's bookmarks do not "
        "treat it as one. In Word, click in it and choose the right level of Heading in "
        f"Home > Styles (or modify '{style}' to be based on a Heading style).",
        text,
    )


def _numbered_list(document: WordDocument, paragraph: etree._Element) -> bool:
    """Whether Word numbers the paragraph automatically (a numbered list, not bullets)."""
    numbering = document.styles.numbering_of(paragraph)
    if numbering is None:
        return False
    num_id = numbering.find(qn("w:numId"))
    level = numbering.find(qn("w:ilvl"))
    if num_id is None or num_id.get(qn("w:val")) in (None, "0"):
        return False
    fmt = _number_format(
        document, num_id.get(qn("w:val"), ""), "0" if level is None else level.get(qn("w:val"), "0")
    )
    return fmt not in (None, "bullet", "none")


def _number_format(document: WordDocument, num_id: str, level: str) -> str | None:
    try:
        numbering = document.package.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            abstract = num.find(qn("w:abstractNumId"))
            abstract_id = None if abstract is None else abstract.get(qn("w:val"))
            break
    else:
        return None
    for definition in numbering.findall(qn("w:abstractNum")):
        if definition.get(qn("w:abstractNumId")) == abstract_id:
            for lvl in definition.findall(qn("w:lvl")):
                if lvl.get(qn("w:ilvl")) == level:
                    fmt = lvl.find(qn("w:numFmt"))
                    return None if fmt is None else fmt.get(qn("w:val"))
    return None
