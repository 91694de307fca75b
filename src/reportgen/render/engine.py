"""Rendering Word documents: docxtpl, a sandboxed Jinja environment, and the context's pictures.

Templates render with autoescaping on (a cell holding ``&`` or ``<`` would otherwise silently
lose text) and undefined variables fatal. Templates are handed view objects, never raw rows.
Pictures in the context are data (:class:`~reportgen.documents.rich.Picture`); each is put
into the document where the template prints it, a chart as a native Word chart.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from reportgen.documents.rich import Picture, protect_data_xml
from reportgen.errors import TemplateError
from reportgen.kinds import DocumentKind
from reportgen.render.cell_merge import resolve_continued_cells
from reportgen.render.charts import add_chart, cached_chart, chart_run_xml
from reportgen.render.failures import TEMPLATE_FAILURES, mark_failure, render_failure
from reportgen.render.filters import FILTERS
from reportgen.render.inert import freeze
from reportgen.render.lists import number_typed_lists
from reportgen.render.places import part_label
from reportgen.render.sandbox import BoundedEnvironment, bounded, current_budget

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_COMPRESSED_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".xlsx")

# The template being rendered, for the pictures it prints (see _finalize).
_RENDERING: ContextVar[DocxTemplate | None] = ContextVar("rendering", default=None)


def _picture_xml(picture: Picture) -> str:
    """The run XML of ``picture`` added to the part being rendered, with its alt text: a
    native Word chart for a chart (see :mod:`reportgen.render.charts`), else the image."""
    tpl = _RENDERING.get()
    if tpl is None or (picture.image is None and picture.chart is None):
        raise TemplateError(f"the picture '{picture.alt}' cannot be printed here")
    part = tpl.current_rendering_part
    if picture.chart is not None:
        rid = add_chart(part, cached_chart(picture.chart))
        run = protect_data_xml(chart_run_xml(rid, picture.alt, picture.name, picture.width_mm))
    else:
        inline = part.new_pic_inline(io.BytesIO(picture.image), Mm(picture.width_mm), None)
        doc_pr = inline.docPr
        doc_pr.set("descr", picture.alt)
        doc_pr.set("title", picture.alt)
        doc_pr.set("name", picture.name)
        run = f"<w:r><w:drawing>{inline.xml}</w:drawing></w:r>"
    return f'</w:t></w:r>{run}<w:r><w:t xml:space="preserve">'


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` passes here: plain data is escaped and protected; pictures are put
    into the document; rich text, which renders its own escaped XML, passes through. What is
    printed counts against the rendering's budget."""
    if isinstance(value, Picture):
        printed: Any = Markup(_picture_xml(value))
    elif hasattr(value, "__html__") or not isinstance(value, str):
        printed = value
    else:
        printed = Markup(protect_data_xml(str(escape(value))))
    current_budget().emit(len(printed) if isinstance(printed, str) else 16)
    return printed


class ReportEnvironment(BoundedEnvironment):
    """The bounded sandbox (:mod:`reportgen.render.sandbox`), remembering compiled templates by
    their source: docxtpl compiles each part of a template on every render, and a build renders
    the same template for every workbook."""

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
    env.add_filters(FILTERS)
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

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
        """docxtpl's rendering of one part; a failure is marked with the part and the line of
        XML it happened on, so the template's paragraph can be named."""
        try:
            return super().render_xml_part(src_xml, part, context, jinja_env)
        except Exception as exc:
            mark_failure(exc, part_label(self, part), src_xml)
            raise

    def render_properties(self, context, jinja_env=None) -> None:  # type: ignore[override]
        try:
            super().render_properties(context, jinja_env)
        except Exception as exc:
            mark_failure(exc, "document properties", "")
            raise

    def map_tree(self, tree: Any) -> None:
        """Put the rendered body ``tree`` into the document: docxtpl's step, made linear.

        Why: docxtpl 0.20.2 parses the rendered body into a separate lxml document and swaps
        it in with ``root.replace(body, tree)``. lxml moves a subtree between documents in one
        pass that collects every namespace declaration it meets into a flat list and scans
        that list for every element and attribute; python-docx declares four namespaces on
        every inline picture (each status icon), so the move is O(pictures x elements): 22 s
        of a 10,000-action report. Here the document keeps its ``w:body`` and the rendered
        children move into it one by one (a table of more than ``ROW_SPLIT_FROM`` rows row
        by row, so one big table of icons stays linear too); lxml drops the same redundant
        declarations per node, so the XML written is byte-identical.

        Upstream: docxtpl merged the per-child move (PR #630, January 2026) and then a
        whole-body move with per-child fallback (PR #637, May 2026), neither released yet;
        the per-child move alone is slower than the stock swap for one big table. Drop this
        override once a docxtpl release has a map_tree that stays linear for the table of
        ``tests/test_render.py``'s one-big-table test at a few thousand rows (ten times the
        rows, about ten times the time), and that test still passes without it.
        """
        body = self.docx.element.body
        for child in list(body):
            body.remove(child)
        body.text = tree.text
        for name, value in tree.attrib.items():
            body.set(name, value)
        for child in list(tree):
            if child.tag == _TABLE and len(child) > ROW_SPLIT_FROM:
                _move_table(body, child)
            else:
                body.append(child)


_TABLE = qn("w:tbl")
_ROW = qn("w:tr")
# A top-level table with more children than this is moved into the body row by row.
ROW_SPLIT_FROM = 64


def _move_table(body: Any, table: Any) -> None:
    """Move a large table in slices: the table with its properties, grid and first row, then
    every later row on its own, so that no single move carries more than one row's pictures.
    A row moved into a table already in the document gets the same namespace clean-up as when
    it moves with its table (its ancestors declare the same namespaces)."""
    children = list(table)
    first_row = next((i for i, c in enumerate(children) if c.tag == _ROW), len(children))
    rest = children[first_row + 1 :]
    for child in rest:
        table.remove(child)
    body.append(table)
    for child in rest:
        table.append(child)


# --- rendering -----------------------------------------------------------------------------


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
    merge_cells: bool = False,
) -> DocxTemplate:
    """Render ``context`` (made inert first, see :mod:`reportgen.render.inert`) into
    ``template`` within the rendering limits; a failure becomes TemplateError naming the
    template, the paragraph and what went wrong. Table cells that carry on the cell above are
    merged into it when ``merge_cells``, else they repeat its value (see
    :mod:`reportgen.render.cell_merge`)."""
    env = env or make_environment()
    token = _RENDERING.set(template)
    try:
        with bounded():
            template.render(freeze(context), jinja_env=env, autoescape=True)
        resolve_continued_cells(template.docx, merge_cells)
        number_typed_lists(template.docx)
    except TEMPLATE_FAILURES as exc:
        raise render_failure(template, template_name, exc) from exc
    finally:
        _RENDERING.reset(token)
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


def repeatable_zip(data: bytes) -> bytes:
    """The same .docx with fixed entry times, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            # pictures are compressed already: deflating them again only costs time
            packed = info.filename.lower().endswith(_COMPRESSED_MEDIA)
            fixed.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return target_buffer.getvalue()


def render_document(
    template: bytes, kind: DocumentKind, model: Any, merge_cells: bool = False
) -> bytes:
    """Render one document of ``kind`` for one workbook's model into repeatable .docx bytes;
    ``merge_cells`` merges the cells that carry on the cell above (the council's own look)."""
    tpl = ReportTemplate(io.BytesIO(template))
    tpl.init_docx()
    context = kind.make_context(model)
    render(tpl, context, kind.template, shared_environment(), merge_cells)
    props = kind.properties(model)
    day = props.date or dt.date(2000, 1, 1)
    set_core_properties(
        tpl,
        title=props.title,
        subject=props.subject,
        author=props.author,
        keywords=props.keywords,
        when=dt.datetime(day.year, day.month, day.day),
    )
    buffer = io.BytesIO()
    tpl.save(buffer)
    return repeatable_zip(buffer.getvalue())
