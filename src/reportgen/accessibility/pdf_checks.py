"""Checking a PDF: tagged for screen readers, its language and title set and shown, identified
as PDF/UA, and alternative text on every figure in its structure tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from reportgen.accessibility.report import CheckError, Findings
from reportgen.accessibility.wordml import quote
from reportgen.errors import Issue

PROPERTIES = "document properties"
STRUCTURE = "document structure"
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
FILE_NAME = re.compile(r"\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.IGNORECASE)
MAX_DEPTH = 200
EXPORT_HOW = (
    "Make the PDF again from the Word document: in Word, File > Save As > PDF > Options and tick "
    "'Document structure tags for accessibility'; in LibreOffice, File > Export as PDF and tick "
    "'Universal Accessibility (PDF/UA)'"
)


def check_pdf(path: Path) -> list[Issue]:
    """Every accessibility check on the PDF at ``path``.

    Raises CheckError when the file is not a PDF, is damaged, or needs a password to open.
    """
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as exc:
        raise CheckError(
            f"{path.name} needs a password to open, so it cannot be checked (nor read by a "
            "screen reader); publish a copy without an opening password"
        ) from exc
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise CheckError(f"{path.name} could not be opened as a PDF: {exc}") from exc
    with pdf:
        findings = Findings(path.name)
        _check_permissions(pdf, findings)
        tagged = _check_tagged(pdf, findings)
        _check_language(pdf, findings)
        _check_title(pdf, findings)
        if tagged:
            _check_figures(pdf, findings)
        return list(findings)


def _check_permissions(pdf: pikepdf.Pdf, findings: Findings) -> None:
    if pdf.is_encrypted and not pdf.allow.accessibility:
        findings.error(
            "pdf-blocks-screen-readers",
            PROPERTIES,
            "The PDF's security settings stop screen readers from reading its text. Make the "
            "PDF again without restrictions (or allow 'content copying for accessibility').",
        )


def _check_tagged(pdf: pikepdf.Pdf, findings: Findings) -> bool:
    """Tagged: marked as such and with a structure tree. Returns whether it is."""
    mark_info = pdf.Root.get("/MarkInfo")
    marked = isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked", False))
    if marked and "/StructTreeRoot" in pdf.Root:
        return True
    findings.error(
        "pdf-not-tagged",
        STRUCTURE,
        "The PDF is not tagged: it has no structure for screen readers, so they cannot tell "
        "headings, tables, lists and pictures apart, or read in the right order. "
        f"{EXPORT_HOW}.",
    )
    return False


def _check_language(pdf: pikepdf.Pdf, findings: Findings) -> None:
    language = str(pdf.Root.get("/Lang", "")).strip()
    if not language:
        findings.error(
            "pdf-no-language",
            PROPERTIES,
            "The PDF does not say what language it is in, so screen readers may read it with "
            "the wrong voice and pronunciation. Set the language in the Word document (Review > "
            f"Language > Set Proofing Language > English (United Kingdom)), then: {EXPORT_HOW}.",
        )
    elif not LANGUAGE_TAG.match(language):
        findings.error(
            "pdf-bad-language",
            PROPERTIES,
            f"The PDF gives its language as {quote(language)}, which is not a language code "
            "such as 'en-GB'. Set the language in the Word document and make the PDF again.",
            language,
        )


def _check_title(pdf: pikepdf.Pdf, findings: Findings) -> None:
    """A title in the document information or XMP metadata, shown in the viewer's title bar;
    and the PDF/UA identifier in the XMP metadata."""
    info_title = str(pdf.docinfo.get("/Title", "")).strip() if "/Info" in pdf.trailer else ""
    metadata = _metadata(pdf)
    title = info_title or metadata.get("dc:title", "").strip()
    if not title:
        findings.error(
            "pdf-no-title",
            PROPERTIES,
            "The PDF has no title, so PDF viewers and screen readers show its file name instead. "
            f"Give the Word document a title (File > Info > Properties > Title), then: "
            f"{EXPORT_HOW}.",
        )
    preferences = pdf.Root.get("/ViewerPreferences")
    shows_title = isinstance(preferences, pikepdf.Dictionary) and bool(
        preferences.get("/DisplayDocTitle", False)
    )
    if not shows_title:
        findings.error(
            "pdf-title-not-shown",
            PROPERTIES,
            "The PDF is not set to show its title in the viewer's title bar (DisplayDocTitle), "
            "so the file name is shown and read out instead. In LibreOffice's PDF export, tick "
            "User Interface > 'Display document title' (PDF/UA export turns it on); in Word, "
            "saving as PDF with 'Document structure tags for accessibility' does it.",
        )
    if not metadata.get("pdfuaid:part"):
        findings.warning(
            "pdf-not-pdfua",
            PROPERTIES,
            "The PDF does not identify itself as PDF/UA (the accessible PDF standard), so "
            "checking tools and some assistive technology cannot rely on it. In LibreOffice, "
            "File > Export as PDF and tick 'Universal Accessibility (PDF/UA)'.",
        )


def _metadata(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The XMP metadata fields we read (``dc:title``, ``pdfuaid:part``), as text."""
    try:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            return {key: str(meta.get(key) or "") for key in ("dc:title", "pdfuaid:part")}
    except Exception:  # damaged XMP is as good as none for these checks
        return {}


def _check_figures(pdf: pikepdf.Pdf, findings: Findings) -> None:
    """Every Figure in the structure tree has alternative text (``/Alt``) that describes it."""
    tree = pdf.Root.StructTreeRoot
    role_map = tree.get("/RoleMap")
    pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    for element in _elements(tree.get("/K"), set()):
        role = str(element.get("/S", ""))
        if isinstance(role_map, pikepdf.Dictionary) and role in role_map:
            role = str(role_map[role])
        if role != "/Figure":
            continue
        alt = str(element.get("/Alt", "") or element.get("/ActualText", "")).strip()
        place = _page_of(element, pages)
        if not alt:
            findings.error(
                "pdf-figure-no-alt",
                place,
                "A picture in the PDF has no alternative text, so screen reader users are told "
                "only that there is a picture. Add alternative text to the picture in the Word "
                "document (right-click > View Alt Text) and make the PDF again.",
            )
        elif FILE_NAME.search(alt):
            findings.error(
                "pdf-figure-alt-is-file-name",
                place,
                f"A picture in the PDF has the alternative text {quote(alt)}, which is a file "
                "name, not a description. Describe the picture in the Word document's Alt Text "
                "and make the PDF again.",
                alt,
            )


def _elements(
    kids: object, seen: set[tuple[int, int]], depth: int = 0
) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under ``kids`` (a dictionary, an array of them, or content ids),
    each once however the tree is (mis)built."""
    if depth > MAX_DEPTH:
        return
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            yield from _elements(kid, seen, depth + 1)
    elif isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
        if kids.is_indirect:
            if kids.objgen in seen:
                return
            seen.add(kids.objgen)
        yield kids
        yield from _elements(kids.get("/K"), seen, depth + 1)


def _page_of(element: pikepdf.Dictionary, pages: dict[tuple[int, int], int]) -> str:
    """``page N`` of a structure element, from its own ``/Pg`` or its marked content's."""
    candidates = [element]
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array):
        candidates.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
    elif isinstance(kids, pikepdf.Dictionary):
        candidates.append(kids)
    for candidate in candidates:
        page = candidate.get("/Pg")
        if isinstance(page, pikepdf.Dictionary) and page.objgen in pages:
            return f"page {pages[page.objgen]}"
    return STRUCTURE
