"""Indicator charts: native Word charts made the same every time, readable without colour,
carrying their data, cached by content, and embedded in the report with alt text."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from measures_workbooks import MEASURE_ROWS, write_measures_workbook
from openpyxl import load_workbook
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml import parse_xml
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build
from reportgen.documents.charts import ChartSpec, alt_text, chart_spec
from reportgen.render.chart_xml import label_sides, nice_axis, value_format
from reportgen.render.charts import ChartCache, NativeChart, chart_key, draw_charts, make_chart
from reportgen.rules.indicators import Polarity, Target
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.measures import Measure

NEGLECT = ChartSpec(
    title="CPR03 % on the register for neglect",
    labels=("Q3 21/22", "Q4 21/22", "Q1 22/23", "Q2 22/23"),
    values=(41.5, None, 43.0, 41.8),
    unit="%",
    target_low=40.0,
    polarity="Lower is better",
)
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _specs(count: int) -> list[ChartSpec]:
    return [
        replace(NEGLECT, title=f"PI{n}", values=(n, n + 1.0, None, n / 2)) for n in range(count)
    ]


def _read_chart(chart: NativeChart):
    """The chart as python-pptx reads it back (its object model over the chart part)."""
    return Chart(parse_xml(chart.xml), None)


def test_a_chart_is_made_the_same_every_time():
    first = make_chart(NEGLECT)
    assert make_chart(NEGLECT) == first
    assert make_chart(replace(NEGLECT, values=(41.5, None, 43.0, 41.9))) != first


def test_the_chart_carries_its_data_and_reads_without_colour():
    chart = _read_chart(make_chart(NEGLECT))
    assert not chart.has_legend and not chart.has_title
    values, target = chart.plots[0].series
    assert tuple(chart.plots[0].categories) == NEGLECT.labels
    assert (values.name, values.values) == ("Value", NEGLECT.values)
    assert (target.name, target.values) == ("Target", (40.0,) * 4)
    # values: a solid line with round markers; the target: a dashed line without markers
    assert values.marker.style == XL_MARKER_STYLE.CIRCLE
    assert values.format.line.dash_style == MSO_LINE_DASH_STYLE.SOLID
    assert target.marker.style == XL_MARKER_STYLE.NONE
    assert target.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    # labelled directly: the latest value (41.8, reached falling from 43) under its point,
    # the target at the left end of its line, with its name ("Target 40%")
    [value_label] = values._element.dLbls.dLbl_lst
    assert (value_label.idx.val, value_label.dLblPos.val) == (3, XL_LABEL_POSITION.BELOW)
    [target_label] = target._element.dLbls.dLbl_lst
    assert target_label.idx.val == 0
    assert target_label.find(f"{C}showSerName").get("val") == "1"
    assert target_label.find(f"{C}showVal").get("val") == "1"
    axis = chart.value_axis
    assert axis.minimum_scale <= 40.0 and axis.maximum_scale >= 43.0


def test_the_embedded_workbook_holds_what_the_chart_formulas_point_at():
    chart = make_chart(NEGLECT)
    sheet = load_workbook(io.BytesIO(chart.workbook))["Sheet1"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows == [
        [None, "Value", "Target"],
        ["Q3 21/22", 41.5, 40],
        ["Q4 21/22", None, 40],
        ["Q1 22/23", 43, 40],
        ["Q2 22/23", 41.8, 40],
    ]
    formulas = [f.text for f in parse_xml(chart.xml).iter(f"{C}f")]
    assert "Sheet1!$B$2:$B$5" in formulas and "Sheet1!$C$2:$C$5" in formulas
    assert "Sheet1!$A$2:$A$5" in formulas and "Sheet1!$B$1" in formulas


def test_a_band_is_two_dashed_lines_each_labelled():
    band = replace(NEGLECT, unit="Number", target_low=15.0, target_high=20.0)
    low, high = list(_read_chart(make_chart(band)).plots[0].series)[1:]
    assert (low.name, high.name) == ("Target from", "Target to")
    assert low.values == (15.0,) * 4 and high.values == (20.0,) * 4
    sides = [s._element.dLbls.dLbl_lst[0].dLblPos.val for s in (low, high)]
    assert sides == [XL_LABEL_POSITION.BELOW, XL_LABEL_POSITION.ABOVE]


def test_a_chart_without_values_has_no_value_label():
    empty = replace(NEGLECT, values=(None, None, None, None))
    values = _read_chart(make_chart(empty)).plots[0].series[0]
    assert values._element.dLbls.dLbl_lst == []


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (41.8, "%", '0.0"%"'),
        (40.0, "%", '0"%"'),
        (1234.0, "£", '"£"#,##0;-"£"#,##0'),
        (12.5, "£", '"£"#,##0.0;-"£"#,##0.0'),  # £12.5, as format_value prints it
        (12.25, "£", '"£"#,##0.00;-"£"#,##0.00'),
        (3.25, "Rate per 1,000", "#,##0.00"),
        (1500.0, "Number", "#,##0"),
    ],
)
def test_labels_print_values_as_the_report_does(value, unit, expected):
    assert value_format(value, unit) == expected


def test_labels_stay_clear_of_the_line_and_the_target():
    rising = replace(NEGLECT, values=(10.0, 20.0, 30.0, 40.0), target_low=5.0)
    assert label_sides(rising) == ("above", "below")  # the target's under the first value
    falling = replace(NEGLECT, values=(40.0, 30.0, 20.0, 10.0), target_low=50.0)
    assert label_sides(falling) == ("below", "above")
    # falling to just above the target: below would sit on the target line, so above
    near = replace(NEGLECT, values=(40.0, 30.0, 20.0, 11.0), target_low=10.0)
    assert label_sides(near)[0] == "above"
    assert label_sides(replace(NEGLECT, values=(None,) * 4)) == (None, None)


def test_axis_steps_are_round_numbers():
    assert nice_axis(36.0, 45.0) == (35.0, 45.0, 2.5)
    low, high, step = nice_axis(0.0, 19_276_000.0)
    assert (low, step) == (0.0, 5_000_000.0) and high >= 19_276_000.0


def test_the_key_changes_with_anything_the_chart_shows():
    keys = {
        chart_key(NEGLECT),
        chart_key(replace(NEGLECT, values=(41.5, None, 43.0, 41.9))),
        chart_key(replace(NEGLECT, target_low=41.0)),
        chart_key(replace(NEGLECT, labels=("a", "b", "c", "d"))),
        chart_key(replace(NEGLECT, unit="Number")),
        chart_key(replace(NEGLECT, title="Other")),
    }
    assert len(keys) == 6
    assert chart_key(replace(NEGLECT)) == chart_key(NEGLECT)


def test_alt_text_reads_every_value_and_the_target():
    assert alt_text(NEGLECT) == (
        "Line chart of CPR03 % on the register for neglect: Q3 21/22 41.5%, Q4 21/22 no data, "
        "Q1 22/23 43%, Q2 22/23 41.8%. Target 40%. Lower is better."
    )
    band = replace(NEGLECT, unit="Number", target_low=15.0, target_high=20.0, polarity=None)
    assert alt_text(band).endswith("Target 15 to 20.")


def test_chart_spec_of_a_measure_stops_at_its_latest_value():
    periods = [ReportingPeriod(2022, q) for q in (1, 2, 3)]
    measure = Measure(
        code="CJ01",
        title="Care experienced",
        unit="%",
        polarity=Polarity.LOWER,
        target=Target(10.0),
        values={periods[0]: 11.8, periods[1]: 9.9},
        periods=periods,
    )
    spec = chart_spec(measure)
    assert (spec.labels, spec.values, spec.target_low) == (
        ("Q1 22/23", "Q2 22/23"),
        (11.8, 9.9),
        10,
    )


def test_cache_redraws_only_what_changed(tmp_path):
    specs = _specs(5)
    cold = ChartCache(tmp_path)
    images = draw_charts(specs, cold)
    assert (cold.drawn, cold.reused) == (5, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{chart_key(s)}.chart" for s in specs
    )
    warm = ChartCache(tmp_path)  # a new build: only the files are left
    assert draw_charts(specs, warm) == images
    assert (warm.drawn, warm.reused) == (0, 5)
    specs[2] = replace(specs[2], values=(9.0, 9.0, 9.0, 9.0))
    changed = ChartCache(tmp_path)
    again = draw_charts(specs, changed)
    assert (changed.drawn, changed.reused) == (1, 4)
    assert again[2] != images[2] and again[:2] == images[:2]


@pytest.mark.parametrize("damage", ["cut short", "one bit flipped", "not a chart"])
def test_a_damaged_cache_file_is_made_again(tmp_path, damage):
    spec = _specs(1)[0]
    draw_charts([spec], ChartCache(tmp_path))
    path = tmp_path / f"{chart_key(spec)}.chart"
    data = bytearray(path.read_bytes())
    if damage == "cut short":
        data = data[: len(data) - 100]
    elif damage == "one bit flipped":
        data[len(data) // 2] ^= 0x01
    else:
        data = bytearray(b"<?xml version='1.0'?>")
    path.write_bytes(bytes(data))
    cache = ChartCache(tmp_path)  # a new build: only the file is left
    [chart] = draw_charts([spec], cache)
    assert (cache.drawn, cache.reused) == (1, 0)
    assert chart == make_chart(spec)
    again = ChartCache(tmp_path)
    assert draw_charts([spec], again) == [chart] and again.reused == 1


def test_equal_charts_are_drawn_once():
    cache = ChartCache()
    images = draw_charts([NEGLECT, NEGLECT, NEGLECT], cache)
    assert cache.drawn == 1 and len(set(images)) == 1


def _pictures(document: Document) -> list[tuple[str, str]]:
    found = []
    for doc_pr in document.element.body.iter(qn("wp:docPr")):
        found.append((doc_pr.get("name"), doc_pr.get("descr")))
    return found


def test_report_embeds_one_chart_per_indicator_with_data(tmp_path, templates_dir):
    path = write_measures_workbook(tmp_path / "input" / "plan.xlsx")
    config = BuildConfig(
        input_dir=path.parent, output_dir=tmp_path / "output", templates_dir=templates_dir
    )
    assert build(config).ok
    document = Document(tmp_path / "output" / Q2_FOLDER / "plan-performance-report.docx")
    charts = [(name, alt) for name, alt in _pictures(document) if name.endswith(" chart")]
    with_data = [row[0] for row in MEASURE_ROWS if any(v is not None for v in row[6:10])]
    assert [name for name, _ in charts] == [f"{code} chart" for code in with_data]
    assert dict(charts)["CPR03 chart"].startswith(
        "Line chart of CPR03 % on the register for neglect: Q3 21/22 41.5%, Q4 21/22 40.5%"
    )
    chart_table = document.tables[-1]
    captions = [c.paragraphs[0].text for r in chart_table.rows for c in r.cells]
    assert captions == [
        "CPR01 Children on the Child Protection Register",
        "CPR03 % on the register for neglect",
        "CJ01 % of justice cases that are care experienced",
        "LAC02 % of siblings placed together",
        "",
        "",
    ]
    cached = sorted((tmp_path / "output" / ".cache" / "charts").glob("*.chart"))
    assert len(cached) == len(with_data)
    # each drawing shows a chart part, which holds its data and relates to its workbook
    shown = [c.get(qn("r:id")) for c in document.element.body.iter(f"{C}chart")]
    assert len(shown) == len(with_data)
    for rid in shown:
        part = document.part.related_parts[rid]
        assert part.content_type == CT.DML_CHART
        [workbook] = [r.target_part for r in part.rels.values() if r.reltype == RT.PACKAGE]
        assert load_workbook(io.BytesIO(workbook.blob))["Sheet1"]["B1"].value == "Value"


def test_rebuild_reuses_cached_charts_and_gives_identical_output(tmp_path, templates_dir):
    path = write_measures_workbook(tmp_path / "input" / "plan.xlsx")
    config = BuildConfig(
        input_dir=path.parent,
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        cache_dir=tmp_path / "cache",
    )
    assert build(config).ok
    output = tmp_path / "output" / Q2_FOLDER / "plan-performance-report.docx"
    first = output.read_bytes()
    cached = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache" / "charts").iterdir()}
    assert len(cached) == 4
    assert build(config).ok
    assert output.read_bytes() == first
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache" / "charts").iterdir()} == cached


def test_chart_of_an_annual_measure_leaves_out_quarter_columns():
    periods = [ReportingPeriod(2020), ReportingPeriod(2021, 4), ReportingPeriod(2021)]
    measure = Measure(
        code="Y1",
        title="Annual",
        unit="Number",
        values={ReportingPeriod(2020): 5.0, ReportingPeriod(2021): 4.0},
        periods=periods,
    )
    assert chart_spec(measure).labels == ("2020/21", "2021/22")
