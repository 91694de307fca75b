"""A template that fails while rendering, told in words that name the template and paragraph.

docxtpl hands Jinja each part of the template (the body, each header and footer, footnotes,
the document properties) as one text with one Word paragraph a line. When rendering fails,
:func:`mark_failure` notes on the exception the part and the line of XML it failed on (Jinja
reports template lines in its tracebacks); :func:`render_failure` then finds the paragraph that
holds that line's tags (see :mod:`reportgen.render.places`) and says what went wrong there.
"""

from __future__ import annotations

import re

import jinja2
from docxtpl import DocxTemplate
from lxml import etree

from reportgen.errors import TemplateError
from reportgen.render.places import place_of
from reportgen.render.sandbox import RenderLimitError

# Failures that come from what a template's tags do (or from the XML they made); anything else
# is a bug in reportgen and is left to surface as one.
TEMPLATE_FAILURES: tuple[type[BaseException], ...] = (
    jinja2.TemplateError,
    RecursionError,
    MemoryError,
    ArithmeticError,
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    etree.LxmlError,
)


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja was on: its own ``lineno``, else the last frame of the
    template in the traceback."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def mark_failure(exc: BaseException, part: str, source: str) -> None:
    """Note on ``exc`` the part being rendered and the XML line it failed on (once)."""
    if getattr(exc, "reportgen_part", None) is not None:
        return
    exc.reportgen_part = part  # type: ignore[attr-defined]
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", source).splitlines()
    line = _template_line(exc)
    exc.reportgen_line = lines[line - 1] if line and 0 < line <= len(lines) else ""  # type: ignore[attr-defined]


def _place(template: DocxTemplate, exc: BaseException) -> str:
    part = getattr(exc, "reportgen_part", None) or "body"
    loop = exc.loop if isinstance(exc, RenderLimitError) else None
    found = place_of(template, part, loop) if loop else None
    if found is None:
        found = place_of(template, part, getattr(exc, "reportgen_line", "") or "")
    if found is None and part == "document properties":
        found = part
    return found or f"the {part}"


def _what(exc: BaseException) -> str:
    if isinstance(exc, RenderLimitError):
        loop = f" in the loop '{exc.loop}'" if exc.loop else ""
        return f"{exc}{loop}; the build stopped it"
    if isinstance(exc, jinja2.UndefinedError):
        return (
            f"{exc.message}; the field is misspelt or not provided (run 'reportgen templates "
            "fields' to list the fields)"
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        said = str(exc).rstrip(".")
        return f"{said}; a template can use only the fields and filters of its document"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.message} (a tag may be split or unclosed)"
    if isinstance(exc, RecursionError):
        return "the tags call themselves over and over (a macro or loop that never ends)"
    if isinstance(exc, MemoryError):
        return "the tags made a value too large to hold in memory"
    if isinstance(exc, etree.LxmlError):
        return f"the tags made XML that Word cannot read ({exc})"
    return f"a tag failed: {type(exc).__name__}: {exc}"


def render_failure(template: DocxTemplate, name: str, exc: BaseException) -> TemplateError:
    """The failure to report for ``exc``, raised while rendering the template ``name``."""
    return TemplateError(f"template {name}, {_place(template, exc)}: {_what(exc)}")
