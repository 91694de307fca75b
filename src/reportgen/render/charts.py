"""Small line charts of performance indicators: drawn once per content, in parallel.

A chart is described by a :class:`ChartSpec` (what it shows, nothing else); its PNG is drawn
with matplotlib's Agg backend (no display needed) and is readable when printed in black and
white: the values are a solid line with round markers, the target a dashed line (a band is two
dashed lines over a light fill), and the latest value is written beside its point.

Drawing is the slow part (tens of milliseconds a chart), so:

* every chart is cached under the hash of its spec, the drawing style version and the
  matplotlib version (:class:`ChartCache`): a rebuild re-draws only the indicators whose data
  changed, and a cached image can never be stale because any change gives a new key;
* the charts that are not cached are drawn in parallel in worker processes
  (:func:`draw_charts`); matplotlib is not thread-safe, processes are.

The build points the cache at ``output/.cache/charts`` with :func:`use_cache_folder`; without a
folder, charts are cached in memory for the life of the process.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from functools import cache
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

from reportgen.documents.charts import ChartSpec
from reportgen.rules.indicators import format_value

# Bump when the drawing below changes, so cached images of the old style are not reused.
STYLE_VERSION = 3
CHART_WIDTH_IN = 3.4
CHART_HEIGHT_IN = 1.9
CHART_DPI = 160
# Below this many charts to draw, worker processes cost more than they save.
PARALLEL_FROM = 8
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MEMORY_LIMIT = 2000


def _tick_label(label: str) -> str:
    """Quarter over year (``Q2`` above ``22/23``), so eight periods fit under a small chart."""
    return label.replace(" ", "\n", 1)


def chart_key(spec: ChartSpec) -> str:
    """The cache key of a chart: a hash of its spec, the drawing style version and the
    matplotlib version, so a cached image is never stale."""
    content = json.dumps(
        [asdict(spec), STYLE_VERSION, _matplotlib_version(), CHART_DPI], sort_keys=True
    )
    return hashlib.sha256(content.encode()).hexdigest()


@cache
def _matplotlib_version() -> str:
    return version("matplotlib")


def draw_chart(spec: ChartSpec) -> bytes:
    """Draw one chart as PNG bytes (the same bytes every time for the same spec)."""
    # Imported here: only drawing needs matplotlib, and the Agg canvas needs no display.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(CHART_WIDTH_IN, CHART_HEIGHT_IN), dpi=CHART_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = list(range(len(spec.labels)))
    ys = [math.nan if v is None else v for v in spec.values]
    axes.plot(xs, ys, color="black", linewidth=1.4, marker="o", markersize=3.5, label="Value")
    _draw_target(axes, spec)
    _annotate_latest(axes, spec, xs)
    axes.set_xticks(xs, [_tick_label(label) for label in spec.labels], fontsize=6)
    axes.set_xlim(-0.4, max(len(xs) - 0.6, 0.6))
    axes.tick_params(axis="y", labelsize=6)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: axis_label(v, spec.unit)))
    _y_limits(axes, spec)
    axes.grid(axis="y", color="0.85", linewidth=0.5, linestyle=":")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if spec.target_low is not None:
        axes.legend(fontsize=6, frameon=False, loc="best", handlelength=2.2)
    # Fixed margins, not tight_layout: measuring the text costs a second full draw.
    figure.subplots_adjust(left=0.15, right=0.97, top=0.95, bottom=0.17)
    return _grey_png(figure)


def _grey_png(figure) -> bytes:
    """The figure as an 8-bit greyscale PNG: the charts are black and grey only, and a quarter
    of the pixels of RGBA makes the file smaller and the encoding (a third of the time
    of a chart) faster. No metadata, so the same chart gives the same bytes."""
    from PIL import Image

    canvas = figure.canvas
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = BytesIO()
    image.convert("L").save(buffer, format="PNG", dpi=(CHART_DPI, CHART_DPI), compress_level=6)
    return buffer.getvalue()


def axis_label(value: float, unit: str | None) -> str:
    """A y-axis label: the value in its unit, large numbers shortened (``£19.3m``, ``12k``)
    so that the labels fit the chart's fixed margin."""
    size = abs(value)
    if size < 10_000:
        return format_value(value, unit)
    short = f"{value / 1_000_000:.3g}m" if size >= 1_000_000 else f"{value / 1_000:.3g}k"
    return f"£{short}" if unit and "£" in unit else short


def _draw_target(axes, spec: ChartSpec) -> None:
    if spec.target_low is None:
        return
    style = {"color": "0.3", "linewidth": 1.1, "linestyle": (0, (4, 2))}
    if spec.target_high is not None and spec.target_high != spec.target_low:
        axes.axhspan(spec.target_low, spec.target_high, color="0.92", zorder=0)
        axes.axhline(spec.target_low, label="Target range", **style)
        axes.axhline(spec.target_high, **style)
    else:
        axes.axhline(spec.target_low, label="Target", **style)


def _annotate_latest(axes, spec: ChartSpec, xs: list[int]) -> None:
    for x, value in zip(reversed(xs), reversed(spec.values), strict=True):
        if value is not None:
            text = format_value(value, spec.unit)
            axes.annotate(
                text if len(text) <= 8 else axis_label(value, spec.unit),
                (x, value),
                xytext=(3, 5),
                textcoords="offset points",
                ha="right",
                fontsize=6.5,
                fontweight="bold",
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            )
            return


def _y_limits(axes, spec: ChartSpec) -> None:
    numbers = [v for v in spec.values if v is not None]
    numbers += [t for t in (spec.target_low, spec.target_high) if t is not None]
    if not numbers:
        axes.set_ylim(0, 1)
        return
    low, high = min(numbers), max(numbers)
    span = (high - low) or abs(high) or 1.0
    bottom = 0.0 if low >= 0 and low - span * 0.6 < 0 else low - span * 0.3
    axes.set_ylim(bottom, high + span * 0.35)


class ChartCache:
    """Chart images by key: in memory, and in ``folder`` (one ``<key>.png`` each) when given.

    Files are written atomically, and a file that is not a whole PNG is ignored and redrawn.
    ``drawn`` and ``reused`` count what this cache did (the benchmark reports them)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._memory: dict[str, bytes] = {}
        self.drawn = 0
        self.reused = 0

    def get(self, key: str) -> bytes | None:
        if key in self._memory:
            return self._memory[key]
        if self.folder is None:
            return None
        path = self.folder / f"{key}.png"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not _whole_png(data):
            return None  # damaged (a cut-short write, a disk error): drawn again
        self._remember(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        self._remember(key, data)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temp, self.folder / f"{key}.png")
        except OSError:
            pass  # a cache that cannot be written only costs a redraw next time

    def _remember(self, key: str, data: bytes) -> None:
        if len(self._memory) >= _MEMORY_LIMIT:
            self._memory.pop(next(iter(self._memory)))
        self._memory[key] = data


def _whole_png(data: bytes) -> bool:
    """True when ``data`` is a PNG whose every chunk is whole and passes its checksum."""
    if not data.startswith(_PNG_SIGNATURE):
        return False
    at, end = len(_PNG_SIGNATURE), len(data)
    while at + 12 <= end:
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        stop = at + 12 + length
        if stop > end:
            return False
        crc = int.from_bytes(data[stop - 4 : stop], "big")
        if zlib.crc32(data[at + 4 : stop - 4]) != crc:
            return False
        if kind == b"IEND":
            return stop == end
        at = stop
    return False


# Processes that draw charts when a caller does not say; None: one per core. A build that
# already runs a worker process per core sets 1 in each worker.
DEFAULT_WORKERS: int | None = None

_PROCESS_CACHE = ChartCache()
_FOLDER_CACHES: dict[Path, ChartCache] = {}
_CACHE_FOLDER: ContextVar[Path | None] = ContextVar("chart_cache_folder", default=None)


@contextmanager
def use_cache_folder(folder: Path | None) -> Iterator[None]:
    """Within the block, :func:`current_cache` keeps chart images in ``folder``."""
    token = _CACHE_FOLDER.set(folder)
    try:
        yield
    finally:
        _CACHE_FOLDER.reset(token)


def current_cache() -> ChartCache:
    """The cache for charts drawn now: the folder set by :func:`use_cache_folder`, or the
    process's memory cache."""
    folder = _CACHE_FOLDER.get()
    if folder is None:
        return _PROCESS_CACHE
    if folder not in _FOLDER_CACHES:
        _FOLDER_CACHES[folder] = ChartCache(folder)
    return _FOLDER_CACHES[folder]


def draw_charts(
    specs: Sequence[ChartSpec], cache: ChartCache | None = None, workers: int | None = None
) -> list[bytes]:
    """The PNG of every spec, in order: from ``cache`` when there, else drawn (in parallel
    worker processes when there are many) and put in the cache."""
    cache = cache if cache is not None else current_cache()
    images: dict[str, bytes] = {}
    missing: dict[str, ChartSpec] = {}
    for spec in specs:
        key = chart_key(spec)
        if key in images or key in missing:
            continue
        found = cache.get(key)
        if found is None:
            missing[key] = spec
        else:
            images[key] = found
            cache.reused += 1
    for key, data in zip(missing, _draw_all(list(missing.values()), workers), strict=True):
        cache.put(key, data)
        cache.drawn += 1
        images[key] = data
    return [images[chart_key(spec)] for spec in specs]


def _draw_all(specs: list[ChartSpec], workers: int | None) -> list[bytes]:
    count = workers if workers is not None else (DEFAULT_WORKERS or os.cpu_count() or 1)
    if len(specs) < PARALLEL_FROM or count <= 1:
        return [draw_chart(spec) for spec in specs]
    count = min(count, len(specs) // 4 or 1)
    chunk = max(1, len(specs) // (count * 4))
    # Import matplotlib here once, so that forked workers inherit it instead of each paying.
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    try:
        with ProcessPoolExecutor(max_workers=count) as pool:
            return list(pool.map(draw_chart, specs, chunksize=chunk))
    except (OSError, RuntimeError):
        # No processes to be had (a sandbox, a frozen app): draw here instead.
        return [draw_chart(spec) for spec in specs]
