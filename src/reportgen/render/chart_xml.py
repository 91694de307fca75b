"""An indicator's line chart as Word's own chart: the chart part and its embedded workbook.

python-pptx writes both (its chart XML is what PowerPoint writes, and Word reads the same
DrawingML chart parts): ``ChartXmlWriter`` the ``c:chartSpace`` with the data cached in it, and
its workbook writer (XlsxWriter) the small workbook that Word's "Edit Data" opens; python-pptx's
chart object model then styles the lines, markers, labels and axes. Nothing here is
hand-written XML, except three attributes python-pptx has no property for (a data label's
number format, showing a label's series name and its separator).

How the chart reads without colour (the accessibility rules): the values are a solid black
line with round markers, the target a dashed grey line without markers (a band: two dashed
lines); there is no legend: the latest value is written beside its point and the target at the
left end of its line ("Target 40%"), each on the side clear of the line that reaches it and
of the target (:func:`label_sides`). The alternative text (:func:`~reportgen.documents.charts.
alt_text`) reads every value out, and the indicators table above the charts prints them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from functools import cache
from typing import Any

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.chart.xmlwriter import ChartXmlWriter, SeriesXmlRewriterFactory
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Pt

from reportgen.documents.charts import ChartSpec
from reportgen.rules.indicators import is_money_unit, is_percent_unit

FONT = "Arial"  # the templates' body font
BLACK, GREY, GRID = RGBColor(0, 0, 0), RGBColor(0x4D, 0x4D, 0x4D), RGBColor(0xBF, 0xBF, 0xBF)
FIXED_CREATED = dt.datetime(2000, 1, 1)  # the workbook's creation date: equal charts, equal bytes


class _RepeatableWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's workbook writer with a fixed creation date (XlsxWriter writes the clock
    time otherwise; its zip entries already have fixed times)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            workbook.set_properties({"created": FIXED_CREATED})
            yield workbook, worksheet


class _ChartData(CategoryChartData):
    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _RepeatableWorkbookWriter(self)


def _places(value: float, most: int) -> int:
    """How many decimal places :func:`format_value` prints ``value`` with (at most ``most``)."""
    text = f"{abs(value):.{most}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def value_format(value: float, unit: str | None) -> str:
    """The Excel number format that prints ``value`` as :func:`format_value` does:
    ``41.8%``, ``£1,234``, ``£12.50``, ``1,234.5``."""
    if is_percent_unit(unit):
        places = _places(value, 1)
        return "0" + ("." + "0" * places if places else "") + '"%"'
    if is_money_unit(unit):
        places = 0 if abs(value) >= 1000 else _places(value, 2)
        body = '"£"#,##0' + ("." + "0" * places if places else "")
        return f"{body};-{body}"
    places = _places(value, 2)
    return "#,##0" + ("." + "0" * places if places else "")


def axis_format(step: float, top: float, unit: str | None) -> str:
    """The y axis's number format: the places its step needs; thousands and millions shortened
    (``£19.3m``, ``12k``) so that the labels fit the small chart."""
    money = '"£"' if is_money_unit(unit) else ""
    for size, scale, suffix in ((1_000_000, ",,", "m"), (10_000, ",", "k")):
        if top >= size:
            places = _places(step / (size if size > 10_000 else 1000), 3)
            decimals = "." + "0" * places if places else ""
            return f'{money}0{decimals}{scale}"{suffix}"'
    places = _places(step, 3)
    decimals = "." + "0" * places if places else ""
    if is_percent_unit(unit):
        return f'0{decimals}"%"'
    return f"{money}#,##0{decimals}"


def y_range(spec: ChartSpec) -> tuple[float, float]:
    """The values and target with room above for labels; from 0 when that is near."""
    numbers = [v for v in spec.values if v is not None]
    numbers += [t for t in (spec.target_low, spec.target_high) if t is not None]
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    span = (high - low) or abs(high) or 1.0
    bottom = 0.0 if low >= 0 and low - span * 0.6 < 0 else low - span * 0.35
    return bottom, high + span * 0.35


def nice_axis(low: float, high: float, steps: int = 4) -> tuple[float, float, float]:
    """Axis minimum, maximum and step covering ``low``..``high`` in about ``steps`` steps of 1,
    2, 2.5 or 5 times a power of ten."""
    raw = (high - low) / steps or 1.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def label_sides(spec: ChartSpec) -> tuple[str | None, str | None]:
    """Where the latest value's label and the target's label go: "above" or "below".

    The value's label goes on the side away from the line that reaches its point (a rising
    line arrives from below: above), unless the target line is on that side within about a
    label's height, then on the other side. The target's label (at the left end of its line)
    goes on the side away from the first value."""
    points = [v for v in spec.values if v is not None]
    if not points:
        return None, None
    targets = [t for t in (spec.target_low, spec.target_high) if t is not None]
    numbers = points + targets
    span = (max(numbers) - min(numbers)) or abs(max(numbers)) or 1.0
    last = points[-1]
    side = "above" if len(points) == 1 or points[-2] <= last else "below"
    near = 0.25 * span

    def blocked(where: str) -> bool:
        if where == "above":
            return any(0 <= t - last <= near for t in targets)
        return any(0 <= last - t <= near for t in targets)

    if blocked(side):
        other = "below" if side == "above" else "above"
        side = other if not blocked(other) else side
    target_side = None
    if targets:
        target_side = "below" if points[0] > max(targets) else "above"
    return side, target_side


def _targets(spec: ChartSpec) -> list[tuple[str, float]]:
    if spec.target_low is None:
        return []
    if spec.target_high is not None and spec.target_high != spec.target_low:
        return [("Target from", spec.target_low), ("Target to", spec.target_high)]
    return [("Target", spec.target_low)]


def chart_data(spec: ChartSpec) -> CategoryChartData:
    """The chart's data as python-pptx holds it: the periods, the values (None: a gap) and a
    series per target line."""
    latest = next((v for v in reversed(spec.values) if v is not None), None)
    fmt = value_format(latest if latest is not None else 0.0, spec.unit)
    data = _ChartData(number_format=fmt)
    data.categories = spec.labels
    data.add_series("Value", spec.values, fmt)
    for name, value in _targets(spec):
        data.add_series(name, [value] * len(spec.labels), value_format(value, spec.unit))
    return data


def _label(series: Any, side: str, size: float, bold: bool, name: bool) -> None:
    """Label the first point of ``series`` with its value (and its series name) on ``side``;
    :func:`chart_parts` moves the value's label to the latest point."""
    label = series.points[0].data_label
    label.position = _POSITIONS[side]
    label.font.size = Pt(size)
    label.font.bold = bold
    label.font.name = FONT
    label.font.color.rgb = BLACK
    if name:  # "Target 40%": python-pptx has no property for a point label's series name
        element = label._get_or_add_dLbl()
        element.find(qn("c:showSerName")).set("val", "1")
        etree.SubElement(element, qn("c:separator")).text = " "


_POSITIONS = {"above": XL_LABEL_POSITION.ABOVE, "below": XL_LABEL_POSITION.BELOW}


def _style_line(series: Any, width: float, colour: RGBColor, dashed: bool, markers: bool) -> None:
    series.smooth = False
    line = series.format.line
    line.width = Pt(width)
    line.color.rgb = colour
    line.dash_style = MSO_LINE_DASH_STYLE.DASH if dashed else MSO_LINE_DASH_STYLE.SOLID
    marker = series.marker
    marker.style = XL_MARKER_STYLE.CIRCLE if markers else XL_MARKER_STYLE.NONE
    if markers:
        marker.size = 5
        marker.format.fill.solid()
        marker.format.fill.fore_color.rgb = colour
        marker.format.line.fill.background()


@cache
def _styled_chart(lines: int) -> Any:
    """A chart of ``lines`` series (the values, then the target lines) with every style that
    is the same for all charts, made once per process with python-pptx's object model; each
    chart is a copy of it with its own data (:func:`chart_parts`)."""
    data = _ChartData(number_format="General")
    data.categories = ("1", "2")
    for number in range(lines):
        data.add_series(f"Series {number}", (1.0, 2.0))
    space = parse_xml(ChartXmlWriter(XL_CHART_TYPE.LINE_MARKERS, data).xml.encode("utf-8"))
    chart = Chart(space, None)
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(6)
    chart.font.name = FONT
    series = list(chart.plots[0].series)
    _style_line(series[0], 1.4, BLACK, dashed=False, markers=True)
    _label(series[0], "above", 6.5, bold=True, name=False)
    for line in series[1:]:
        _style_line(line, 1.1, GREY, dashed=True, markers=False)
        _label(line, "above", 6, bold=False, name=True)
    values = chart.value_axis
    values.has_major_gridlines = True
    grid = values.major_gridlines.format.line
    grid.width, grid.dash_style = Pt(0.5), MSO_LINE_DASH_STYLE.ROUND_DOT
    grid.color.rgb = GRID
    values.tick_labels.number_format_is_linked = False
    chart.category_axis.tick_label_position = TICK_LABELS.LOW  # under the plot, always
    for axis in (values, chart.category_axis):
        axis.format.line.color.rgb = BLACK
        axis.format.line.width = Pt(0.75)
        axis.tick_labels.font.size = Pt(6)
    space.get_or_add_externalData().rId = _WORKBOOK_ID
    return space


_WORKBOOK_ID = "rId1"  # the chart part's relationship to its workbook: its first and only


def chart_parts(spec: ChartSpec) -> tuple[bytes, bytes]:
    """The chart part (``c:chartSpace``) of ``spec``, with its data cached in it and formulas
    pointing into the embedded workbook (the part's relationship ``rId1``), and that workbook
    (Sheet1: periods, values, target), which Word's "Edit Data" opens."""
    targets = _targets(spec)
    space = deepcopy(_styled_chart(1 + len(targets)))
    data = chart_data(spec)
    # what python-pptx's Chart.replace_data does, the workbook kept for the caller
    SeriesXmlRewriterFactory(XL_CHART_TYPE.LINE_MARKERS, data).replace_series_data(space)
    chart = Chart(space, None)
    value_side, target_side = label_sides(spec)
    series = list(chart.plots[0].series)
    latest = max((i for i, v in enumerate(spec.values) if v is not None), default=None)
    label = series[0]._element.dLbls.dLbl_lst[0]
    if latest is None:
        series[0]._element.dLbls.remove(label)
    else:
        label.idx.val = latest
        label.dLblPos.val = _POSITIONS[value_side or "above"]
    for index, line in enumerate(series[1:]):
        side = target_side or "above"
        if len(targets) == 2:  # a band: its lower line labelled under, its upper line over
            side = "below" if index == 0 else "above"
        line._element.dLbls.dLbl_lst[0].dLblPos.val = _POSITIONS[side]
    low, high, step = nice_axis(*y_range(spec))
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale, values.major_unit = low, high, step
    values.tick_labels.number_format = axis_format(step, max(abs(low), abs(high)), spec.unit)
    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml, data.xlsx_blob
