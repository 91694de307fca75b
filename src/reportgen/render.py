"""Rendering Word documents: docxtpl, a sandboxed Jinja environment, and clerks' filters.

Templates render with autoescaping on (a cell holding ``&`` or ``<`` would otherwise silently
lose text) and undefined variables fatal. Templates are handed view objects, never raw rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText, RichTextParagraph
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from reportgen.cell_merge import merge_marked_cells
from reportgen.errors import TemplateError
from reportgen.values import bullet_text, format_date

BULLET_STYLE = "ListBullet"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


# --- filters clerks use in templates -------------------------------------------------------


def uk_date(value: dt.date | None, style: str = "short") -> str:
    """``31-Mar-2023`` (short), ``18 November 2020`` (long) or ``March 2023`` (month)."""
    if value is None:
        return ""
    if style == "long":
        return f"{value.day} {value:%B %Y}"
    if style == "month":
        return f"{value:%B %Y}"
    return format_date(value)


def percent(value: float | None, blank: str = "") -> str:
    """``72%`` (rounded half up), or ``blank`` when there is no value."""
    if value is None:
        return blank
    return f"{int(value + 0.5)}%"


def pounds(value: float | None, blank: str = "") -> str:
    """``£19,276,000``; pence shown only when there are any."""
    if value is None:
        return blank
    if float(value).is_integer():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def number(value: float | None, places: int | None = None, blank: str = "") -> str:
    """``148.37``, ``1,234``; ``places`` fixes the decimals."""
    if value is None:
        return blank
    if places is not None:
        return f"{value:,.{places}f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 action``, ``3 actions``; ``plural_form`` for irregular words."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def plural_word(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreeing with ``count``: ``action``/``actions``, ``is``/``are``."""
    return singular if count == 1 else (plural_form or singular + "s")


def per(value: float | None, unit: str, places: int | None = None, blank: str = "") -> str:
    """A rate: ``{{ m.rate|per("1,000 residents") }}`` → ``12.5 per 1,000 residents``; the
    number is written as ``number`` writes it."""
    if value is None:
        return blank
    return f"{number(value, places)} per {unit}"


def letter(index: int, case: str = "upper") -> str:
    """``A`` for 1, ``B`` for 2 … ``AA`` for 27: lettered lists; ``letter("lower")`` → ``a``."""
    text = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text.lower() if case == "lower" else text


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(index: int, case: str = "lower") -> str:
    """``i``, ``ii``, ``iv`` … for sub-lists; ``roman("upper")`` → ``IV``."""
    text = ""
    for size, numeral in _ROMAN:
        count, index = divmod(index, size)
        text += numeral * count
    return text.upper() if case == "upper" else text


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(count: int) -> str:
    """``three`` for 3: numbers below ten in words, as committee papers write them; ``12``
    from ten on."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"


def ordinal(value: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``."""
    teens = 10 <= value % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


FILTERS: dict[str, Callable[..., str]] = {
    "uk_date": uk_date,
    "percent": percent,
    "pounds": pounds,
    "number": number,
    "plural": plural,
    "plural_word": plural_word,
    "per": per,
    "letter": letter,
    "roman": roman,
    "ordinal": ordinal,
    "in_words": in_words,
}


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in its output into "{{", "}}", "{%" and "%}" (a
# way for templates to print tags). Data must come out as typed, so in data the underscore of
# those pairs is written as the XML character reference, which Word reads as "_".
_DOCXTPL_ESCAPES = re.compile(r"(?<=[{%}])_(?=[{%}])")


def protect_data_xml(xml: str) -> str:
    """Escaped data XML with docxtpl's literal-tag sequences neutralised."""
    return _DOCXTPL_ESCAPES.sub("&#95;", xml)


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` passes here: plain data is escaped and protected; objects that
    render their own XML (rich text, pictures) pass through."""
    if hasattr(value, "__html__") or not isinstance(value, str):
        return value
    return Markup(protect_data_xml(str(escape(value))))


class ReportEnvironment(SandboxedEnvironment):
    """The sandboxed environment, remembering compiled templates by their source: docxtpl
    compiles each part of a template on every render, and a build renders the same template
    for every workbook."""

    COMPILED_LIMIT = 64

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = super().from_string(source)
            if len(self._compiled) >= self.COMPILED_LIMIT:
                self._compiled.pop(next(iter(self._compiled)))
            self._compiled[source] = compiled
        return compiled


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in: sandboxed, autoescaped, strict."""
    env = ReportEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


_SHARED: ReportEnvironment | None = None


def shared_environment() -> SandboxedEnvironment:
    """One environment per process for building documents, so compiled templates are re-used
    across workbooks. Nothing may change it after creation."""
    global _SHARED
    if _SHARED is None:
        _SHARED = make_environment()  # type: ignore[assignment]
    return _SHARED


class ReportTemplate(DocxTemplate):
    """docxtpl's template, remembering the cleaned-up XML of each part: cleaning it (joining
    runs split by Word inside tags) is the same work for every workbook."""

    _patched: dict[str, str] = {}
    PATCHED_LIMIT = 64

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            if len(self._patched) >= self.PATCHED_LIMIT:
                self._patched.pop(next(iter(self._patched)))
            self._patched[src_xml] = patched
        return patched


# --- rich content --------------------------------------------------------------------------


def paragraphs(
    text: str | None, label: str | None = None, bullet_style: str = BULLET_STYLE
) -> RichTextParagraph:
    """Cell text as Word paragraphs: each line a paragraph, bullet lines ("• …", "- …") as real
    bullet paragraphs, and ``label`` (such as ``Q2 2022/23``) in bold at the start."""
    result = RichTextParagraph()
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if not lines:
        lines = [""]
    for index, line in enumerate(lines):
        bullet = bullet_text(line)
        run = RichText()
        if index == 0 and label:
            run.add(label, bold=True)
            run.add(" – " if (bullet if bullet is not None else line) else "")
        run.add(bullet if bullet is not None else line)
        result.add(run, parastyle=bullet_style if bullet is not None else None)
    result.xml = protect_data_xml(result.xml)
    return result


class Picture(InlineImage):
    """An inline image with alternative text (screen readers read ``alt``)."""

    def __init__(
        self, tpl: DocxTemplate, image: bytes, alt: str, width_mm: float, name: str = "icon"
    ) -> None:
        super().__init__(tpl, io.BytesIO(image), width=Mm(width_mm))
        self.image = image
        self.alt = alt
        self.name = name

    def _insert_image(self) -> str:
        self.image_descriptor = io.BytesIO(self.image)
        inline = self.tpl.current_rendering_part.new_pic_inline(
            self.image_descriptor, self.width, self.height
        )
        doc_pr = inline.docPr
        doc_pr.set("descr", self.alt)
        doc_pr.set("title", self.alt)
        doc_pr.set("name", self.name)
        return (
            f"</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r>"
            '<w:t xml:space="preserve">'
        )


# --- rendering -----------------------------------------------------------------------------

_NAMED_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')")


def load_template(path: Path) -> DocxTemplate:
    """Open a Word template; raise TemplateError when it is missing, too large or not a .docx."""
    if not path.is_file():
        raise TemplateError(f"template {path} not found")
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"template {path.name} is over {MAX_TEMPLATE_BYTES // 1024 // 1024} MB; "
            "remove large images from it"
        )
    try:
        template = DocxTemplate(path)
        template.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise TemplateError(f"template {path.name} is not a Word .docx file ({exc})") from exc
    return template


def render(
    template: DocxTemplate,
    context: dict[str, Any],
    template_name: str,
    env: SandboxedEnvironment | None = None,
) -> DocxTemplate:
    """Render ``context`` into ``template``; Jinja failures become TemplateError naming the
    template and the variable."""
    env = env or make_environment()
    try:
        template.render(context, jinja_env=env, autoescape=True)
        merge_marked_cells(template.docx)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"template {template_name}: {exc.message}; the field is misspelt or not provided "
            "(run 'reportgen templates fields' to list the fields)"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template {template_name}: {exc.message} (a tag may be split or unclosed)"
        ) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {template_name}: {exc}") from exc
    return template


def set_core_properties(
    template: DocxTemplate,
    title: str,
    subject: str = "",
    author: str = "",
    keywords: Iterable[str] = (),
    when: dt.datetime | None = None,
    language: str = "en-GB",
) -> None:
    """Title, subject, author, language and fixed dates (from the data, never the clock)."""
    props = template.docx.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = ", ".join(keywords)
    props.language = language
    props.revision = 1
    stamp = when or dt.datetime(2000, 1, 1)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
