"""Indicator charts: drawn the same every time, cached by content, drawn in parallel, and
embedded in the report with alt text."""

from __future__ import annotations

from dataclasses import replace

from docx import Document
from docx.oxml.ns import qn
from measures_workbooks import MEASURE_ROWS, write_measures_workbook
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build
from reportgen.documents.charts import ChartSpec, alt_text, chart_spec
from reportgen.render.charts import ChartCache, chart_key, draw_chart, draw_charts
from reportgen.rules.indicators import Polarity, Target
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.measures import Measure

PNG = b"\x89PNG\r\n\x1a\n"
NEGLECT = ChartSpec(
    title="CPR03 % on the register for neglect",
    labels=("Q3 21/22", "Q4 21/22", "Q1 22/23", "Q2 22/23"),
    values=(41.5, None, 43.0, 41.8),
    unit="%",
    target_low=40.0,
    polarity="Lower is better",
)


def _specs(count: int) -> list[ChartSpec]:
    return [
        replace(NEGLECT, title=f"PI{n}", values=(n, n + 1.0, None, n / 2)) for n in range(count)
    ]


def test_a_chart_is_a_png_drawn_the_same_every_time():
    first = draw_chart(NEGLECT)
    assert first.startswith(PNG)
    assert draw_chart(NEGLECT) == first
    assert draw_chart(replace(NEGLECT, values=(41.5, None, 43.0, 41.9))) != first


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
        f"{chart_key(s)}.png" for s in specs
    )
    warm = ChartCache(tmp_path)  # a new build: only the files are left
    assert draw_charts(specs, warm) == images
    assert (warm.drawn, warm.reused) == (0, 5)
    specs[2] = replace(specs[2], values=(9.0, 9.0, 9.0, 9.0))
    changed = ChartCache(tmp_path)
    again = draw_charts(specs, changed)
    assert (changed.drawn, changed.reused) == (1, 4)
    assert again[2] != images[2] and again[:2] == images[:2]


def test_a_damaged_cache_file_is_redrawn(tmp_path):
    spec = _specs(1)[0]
    (tmp_path / f"{chart_key(spec)}.png").write_bytes(PNG + b"half a file")
    cache = ChartCache(tmp_path)
    [image] = draw_charts([spec], cache)
    assert cache.drawn == 1 and image == draw_chart(spec)
    assert (tmp_path / f"{chart_key(spec)}.png").read_bytes() == image


def test_parallel_drawing_gives_the_same_images_in_order():
    specs = _specs(12)
    parallel = draw_charts(specs, ChartCache(), workers=2)
    assert parallel == [draw_chart(s) for s in specs]


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
    cached = sorted((tmp_path / "output" / ".cache" / "charts").glob("*.png"))
    assert len(cached) == len(with_data)


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
