"""Performance indicators' line charts, as Word's own charts, cached by their content.

A chart is described by a :class:`~reportgen.documents.charts.ChartSpec` (what it shows,
nothing else). It goes into the document as a native Word chart (:mod:`reportgen.render.
chart_xml`: a DrawingML chart part, which python-pptx writes, and the workbook holding its
data): clerks can restyle it and edit its data in Word, it stays sharp at any zoom and in the
PDF, its labels are text, and it carries its data for whoever opens it. A chart costs a few
milliseconds, so there are no worker processes and no image library to load.

Every chart is cached under the hash of its spec and the chart style version
(:class:`ChartCache`), so a rebuild makes only the charts whose data changed, and a cached
chart can never be stale because any change gives a new key. The build points the cache at
``output/.cache/charts`` with :func:`use_cache_folder`; without a folder, charts are cached in
memory for the life of the process.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from xml.sax.saxutils import quoteattr

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part

from reportgen.documents.charts import ChartSpec
from reportgen.render.chart_xml import chart_parts

# Bump when the chart's look changes, so cached charts of the old style are not reused.
STYLE_VERSION = 4
HEIGHT_PER_WIDTH = 1.9 / 3.4
EMU_PER_MM = 36000
_MEMORY_LIMIT = 256  # charts met again within a build (a chart printed twice); the rest on disk
SUFFIX = ".chart"
_MAGIC = "reportgen-chart-1"
_NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


@dataclass(frozen=True, slots=True)
class NativeChart:
    """One chart as the document holds it: the chart part (``c:chartSpace``, data cached in
    it) and the embedded workbook its formulas point into (Word's "Edit Data")."""

    xml: bytes
    workbook: bytes


def chart_key(spec: ChartSpec) -> str:
    """The cache key of a chart: a hash of its spec, the chart style version and the version
    of python-pptx that writes it, so a cached chart is never stale."""
    content = json.dumps([asdict(spec), STYLE_VERSION, _pptx_version()], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


@cache
def _pptx_version() -> str:
    return version("python-pptx")


def make_chart(spec: ChartSpec) -> NativeChart:
    """The chart of ``spec`` (the same bytes every time for the same spec)."""
    xml, workbook = chart_parts(spec)
    return NativeChart(xml, workbook)


class ChartCache:
    """Charts by key: in memory, and in ``folder`` (one ``<key>.chart`` each) when given.

    A file holds the chart part and the workbook after a line with their SHA-256, so a file cut
    short or damaged on disk is never used: the chart is made again. Files are written
    atomically. ``drawn`` and ``reused`` count what this cache did (the benchmarks report them).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._memory: dict[str, NativeChart] = {}
        self.drawn = 0
        self.reused = 0

    def get(self, key: str) -> NativeChart | None:
        if key in self._memory:
            return self._memory[key]
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}{SUFFIX}").read_bytes()
        except OSError:
            return None
        chart = _unpacked(data)
        if chart is not None:
            self._remember(key, chart)
        return chart

    def put(self, key: str, chart: NativeChart) -> None:
        self._remember(key, chart)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(_packed(chart))
            os.replace(temp, self.folder / f"{key}{SUFFIX}")
        except OSError:
            pass  # a cache that cannot be written only costs making the chart again

    def _remember(self, key: str, chart: NativeChart) -> None:
        if len(self._memory) >= _MEMORY_LIMIT:
            self._memory.pop(next(iter(self._memory)))
        self._memory[key] = chart


def _packed(chart: NativeChart) -> bytes:
    """A cache file: ``<magic> <sha256 of the rest> <length of the chart part>``, then the
    chart part and the workbook."""
    body = chart.xml + chart.workbook
    digest = hashlib.sha256(body).hexdigest()
    return f"{_MAGIC} {digest} {len(chart.xml)}\n".encode() + body


def _unpacked(data: bytes) -> NativeChart | None:
    """The chart in a cache file, or None when the file is not whole and unchanged."""
    head, _, body = data.partition(b"\n")
    try:
        magic, digest, length = head.decode("ascii").split(" ")
        split = int(length)
    except (UnicodeDecodeError, ValueError):
        return None
    if magic != _MAGIC or hashlib.sha256(body).hexdigest() != digest:
        return None
    return NativeChart(body[:split], body[split:])


_PROCESS_CACHE = ChartCache()
_FOLDER_CACHES: dict[Path, ChartCache] = {}
_CACHE_FOLDER: ContextVar[Path | None] = ContextVar("chart_cache_folder", default=None)


@contextmanager
def use_cache_folder(folder: Path | None) -> Iterator[None]:
    """Within the block, :func:`current_cache` keeps charts in ``folder``."""
    token = _CACHE_FOLDER.set(folder)
    try:
        yield
    finally:
        _CACHE_FOLDER.reset(token)


def current_cache() -> ChartCache:
    """The cache for charts made now: the folder set by :func:`use_cache_folder`, or the
    process's memory cache."""
    folder = _CACHE_FOLDER.get()
    if folder is None:
        return _PROCESS_CACHE
    if folder not in _FOLDER_CACHES:
        _FOLDER_CACHES[folder] = ChartCache(folder)
    return _FOLDER_CACHES[folder]


def cached_chart(spec: ChartSpec, cache: ChartCache | None = None) -> NativeChart:
    """The chart of ``spec``: from ``cache`` (default :func:`current_cache`) when there, else
    made and put in it."""
    cache = cache if cache is not None else current_cache()
    key = chart_key(spec)
    found = cache.get(key)
    if found is not None:
        cache.reused += 1
        return found
    chart = make_chart(spec)
    cache.put(key, chart)
    cache.drawn += 1
    return chart


def draw_charts(specs: Sequence[ChartSpec], cache: ChartCache | None = None) -> list[NativeChart]:
    """The chart of every spec, in order (see :func:`cached_chart`)."""
    return [cached_chart(spec, cache) for spec in specs]


def add_chart(part: Part, chart: NativeChart) -> str:
    """Add ``chart`` and its workbook to ``part``'s package, related from ``part`` (the
    document part being rendered); returns the relationship id."""
    package = part.package
    chart_part = Part(
        package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, chart.xml, package
    )
    workbook = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        CT.SML_SHEET,
        chart.workbook,
        package,
    )
    if chart_part.relate_to(workbook, RT.PACKAGE) != "rId1":  # the id the chart part names
        raise AssertionError("a new chart part's first relationship is not rId1")
    return part.relate_to(chart_part, RT.CHART)


def chart_run_xml(rid: str, alt: str, name: str, width_mm: float) -> str:
    """The run showing chart relationship ``rid`` inline, ``width_mm`` wide, with ``alt`` as
    its alternative text (docxtpl numbers the drawing's id)."""
    cx = round(width_mm * EMU_PER_MM)
    cy = round(width_mm * HEIGHT_PER_WIDTH * EMU_PER_MM)
    a, c, r = (_NAMESPACES[n] for n in "acr")
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="1" name={quoteattr(name)} descr={quoteattr(alt)} title={quoteattr(alt)}/>'
        f'<wp:cNvGraphicFramePr/><a:graphic xmlns:a="{a}"><a:graphicData uri="{c}">'
        f'<c:chart xmlns:c="{c}" xmlns:r="{r}" r:id="{rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
