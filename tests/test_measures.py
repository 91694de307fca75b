"""Performance indicators: the rules (status, trends), the Measures sheet, the report section."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from measures_workbooks import MEASURE_HEADINGS, write_measures_workbook
from workbooks import PLAN, Q2_FOLDER, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.errors import IssueList
from reportgen.loaders.service import load_service_plan
from reportgen.readers.workbook import open_workbook
from reportgen.rules.indicators import (
    MeasureStatus,
    Polarity,
    Reading,
    Target,
    Trend,
    format_value,
    long_trend,
    measure_status,
    parse_polarity,
    short_trend,
)
from reportgen.rules.periods import ReportingPeriod

ON, AMBER, RED = MeasureStatus.ON_TARGET, MeasureStatus.WITHIN_TOLERANCE, MeasureStatus.OFF_TARGET
UP, SAME, DOWN = Trend.IMPROVING, Trend.NO_CHANGE, Trend.WORSENING
HIGHER, LOWER, RANGE = Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE
Q = [ReportingPeriod(2021, 1), ReportingPeriod(2021, 2), ReportingPeriod(2021, 3),
     ReportingPeriod(2021, 4), ReportingPeriod(2022, 1), ReportingPeriod(2022, 2)]  # fmt: skip


def readings(*values: float) -> list[Reading]:
    return [Reading(period, value) for period, value in zip(Q, values, strict=False)]


# --- status against target -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        (50.0, HIGHER, ON),  # exactly on target
        (50.1, HIGHER, ON),
        (47.0, HIGHER, AMBER),  # short by exactly the tolerance
        (46.9, HIGHER, RED),
        (50.0, LOWER, ON),
        (49.0, LOWER, ON),
        (53.0, LOWER, AMBER),
        (53.1, LOWER, RED),
    ],
)
def test_status_boundaries_for_higher_and_lower(value, polarity, expected):
    assert measure_status(value, Target(50.0), 3.0, polarity) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(15.0, ON), (20.0, ON), (17.5, ON), (13.0, AMBER), (22.0, AMBER), (12.9, RED), (22.1, RED)],
)
def test_status_boundaries_for_a_target_band(value, expected):
    assert measure_status(value, Target(15.0, 20.0), 2.0, RANGE) is expected


def test_without_tolerance_short_of_target_is_off_target():
    assert measure_status(49.99, Target(50.0), None, HIGHER) is RED
    assert measure_status(50.0, Target(50.0), None, HIGHER) is ON


def test_no_target_no_polarity_and_no_data():
    assert measure_status(43.0, None, None, LOWER) is MeasureStatus.DATA_ONLY
    assert measure_status(43.0, Target(40.0), 3.0, None) is MeasureStatus.DATA_ONLY
    assert measure_status(None, Target(40.0), 3.0, LOWER) is MeasureStatus.NO_DATA


def test_floating_point_noise_does_not_miss_the_target():
    # 0.418 in a %-cell is 41.800000000000004 before rounding
    assert measure_status(0.418 * 100, Target(41.8), None, LOWER) is ON


# --- trends -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        ((44, 43), LOWER, UP),  # the register: one fewer is better
        ((44, 43), HIGHER, DOWN),
        ((43, 44), LOWER, DOWN),
        ((43, 44), HIGHER, UP),
        ((41.8, 41.83), LOWER, SAME),  # both print as 41.8
        ((43, 43), HIGHER, SAME),
    ],
)
def test_short_trend_reads_the_polarity(values, polarity, expected):
    assert short_trend(readings(*values), polarity, unit="%") is expected


def test_long_trend_is_against_the_mean_of_the_previous_four():
    series = readings(10, 41.5, 40.5, 43, 41.8)  # mean of 41.5, 40.5, 43, 41.8 … not 10
    assert long_trend(series, LOWER) is DOWN  # mean of the four before is 41.75 → 41.8
    assert short_trend(series, LOWER) is UP
    assert long_trend(readings(30, 40, 50, 60, 20), LOWER) is UP


def test_long_trend_needs_two_earlier_values():
    assert long_trend(readings(44, 43), LOWER) is None
    assert long_trend(readings(45, 44, 43), LOWER) is UP
    assert short_trend(readings(43), LOWER) is None


def test_trend_for_a_band_is_distance_from_the_band():
    band = Target(15.0, 20.0)
    assert short_trend(readings(25, 21), RANGE, band) is UP
    assert short_trend(readings(12, 10), RANGE, band) is DOWN
    assert short_trend(readings(16, 19), RANGE, band) is SAME  # both inside
    assert short_trend(readings(16, 19), RANGE, None) is None
    assert short_trend(readings(16, 19), None, None) is None


def test_polarity_words_and_a_bad_polarity():
    assert parse_polarity("Higher is better") is HIGHER
    assert parse_polarity(" LOWER ") is LOWER
    assert parse_polarity("Within range") is RANGE
    with pytest.raises(ValueError, match="'sideways' is not a polarity"):
        parse_polarity("sideways")


def test_values_print_in_their_unit():
    assert format_value(41.8, "%") == "41.8%"
    assert format_value(66.0, "Percentage") == "66%"
    assert format_value(43.0, "Number") == "43"
    assert format_value(2.786, "Rate per 1,000 of 0-15 population") == "2.79"
    assert format_value(19276000, "£") == "£19,276,000"
    assert format_value(None, "%") == ""


# --- the Measures sheet -----------------------------------------------------------------------


def _load(path: Path):
    issues = IssueList()
    result = load_service_plan(open_workbook(path), issues=issues)
    return result.plan, [(i.location.ref, i.type) for i in issues]


def test_measures_are_read_with_status_and_trends(tmp_path):
    plan, issues = _load(write_measures_workbook(tmp_path / "plan.xlsx"))
    assert issues == []
    by_code = {m.code: m for m in plan.measures}
    cpr = by_code["CPR01"]
    assert cpr.latest == Reading(ReportingPeriod(2022, 2), 43.0)
    assert (cpr.status, cpr.short_trend) == (MeasureStatus.DATA_ONLY, UP)
    neglect = by_code["CPR03"]
    assert (neglect.status, neglect.short_trend, neglect.long_trend) == (AMBER, UP, DOWN)
    assert (neglect.target_label, neglect.format(neglect.latest.value)) == ("40%", "41.8%")
    assert by_code["CJ01"].status is ON
    assert by_code["LAC02"].status is RED
    assert by_code["CPO01"].status is MeasureStatus.NO_DATA and by_code["CPO01"].latest is None


def test_percent_typed_four_ways_and_thousands_separators(tmp_path):
    rows = [
        ["P1", "Typed", "%", "Lower", 40, None, 41.8, "41.8%", 0.418, " 41.8 % ", None, None],
        ["N1", "Count", "Number", "Higher", "1,000", None, "1,234", 987, None, None, None, None],
    ]
    path = write_measures_workbook(tmp_path / "plan.xlsx", rows, formats={"I3": "0.0%"})
    plan, issues = _load(path)
    assert issues == []
    typed, count = plan.measures
    assert list(typed.values.values()) == [41.8, 41.8, 41.8, 41.8]

    assert count.values == {ReportingPeriod(2021, 3): 1234.0, ReportingPeriod(2021, 4): 987.0}
    assert count.target == Target(1000.0)


def test_a_fraction_in_a_plain_cell_is_read_as_a_percentage_with_a_warning(tmp_path):
    rows = [["P1", "Fraction", "%", "Lower", 40, None, 0.418, 43, None, None, None, None]]
    plan, issues = _load(write_measures_workbook(tmp_path / "plan.xlsx", rows))
    assert issues == [("Measures!G3", "doubtful-value")]
    assert list(plan.measures[0].values.values()) == [41.8, 43.0]


def test_missing_periods_are_no_data_and_the_latest_is_the_last_with_data(tmp_path):
    rows = [["G1", "Gaps", "Number", "Lower", None, None, 41, None, 44, None, None, None]]
    plan, _ = _load(write_measures_workbook(tmp_path / "plan.xlsx", rows))
    [gaps] = plan.measures
    assert gaps.latest == Reading(ReportingPeriod(2022, 1), 44.0)
    assert gaps.previous == Reading(ReportingPeriod(2021, 3), 41.0)
    assert gaps.value_at(ReportingPeriod(2021, 4)) is None
    assert gaps.short_trend is DOWN


def test_every_problem_is_reported_against_its_cell(tmp_path):
    headings = [*MEASURE_HEADINGS[:9], "Q5 2022/23", "Commentary", "Lead"]
    rows = [
        ["A1", "Text in numbers", "Number", "Lower", None, None, 1, "n/a", 3, 4, None, None],
        ["A2", "Polarity not understood", "%", "sideways", 50, None, 1, 2, 3, 4, None, None],
        ["A1", "Same code twice", "Number", "Lower", None, None, 1, 2, 3, 4, None, None],
        ["A3", "Range, one way", "Number", "Higher", "15-20", None, 1, 2, 3, 4, None, None],
        ["A4", "Target without polarity", "Number", None, 20, None, 1, 2, 3, 4, None, None],
        ["A5", "Percent in a count", "Number", "Higher", None, None, "12%", 2, 3, 4, None, None],
    ]  # fmt: skip
    _, issues = _load(write_measures_workbook(tmp_path / "plan.xlsx", rows, headings))
    assert issues == [
        ("Measures!J2", "bad-period-heading"),
        ("Measures!H3", "bad-number"),
        ("Measures!D4", "bad-polarity"),
        ("Measures!A5", "duplicate-code"),
        ("Measures!E6", "bad-target"),
        ("Measures!D7", "missing-polarity"),
        ("Measures!G8", "bad-number"),
    ]


def test_quarterly_and_annual_measures_share_a_sheet(tmp_path):
    headings = ["Code", "Indicator", "Q4 2021/22", "2021/22", "Q1 2022/23", "Q1 22/23", "2022/23"]
    rows = [["Q1", "Quarterly", 1, None, 2], ["Y1", "Annual", None, 5, None, None, 4],
            ["M1", "Both", 1, 5, None]]  # fmt: skip
    plan, issues = _load(write_measures_workbook(tmp_path / "plan.xlsx", rows, headings))
    assert issues == [("Measures!F2", "duplicate-period"), ("Measures!D5", "mixed-periods")]
    rows = rows[:2]
    plan, _ = _load(write_measures_workbook(tmp_path / "plan.xlsx", rows, headings[:5]))
    quarterly, annual = plan.measures
    assert quarterly.latest == Reading(ReportingPeriod(2022, 1), 2.0)
    assert annual.latest == Reading(ReportingPeriod(2021), 5.0)
    assert [p.label for p in annual.periods] == ["2021/22", "Q4 2021/22", "Q1 2022/23"]


def test_a_workbook_without_a_measures_sheet_has_no_measures(tmp_path):
    plan, issues = _load(write_service_workbook(tmp_path / "plan.xlsx"))
    assert plan.measures is None and issues == []


def test_up_to_leaves_out_later_periods(tmp_path):
    plan, _ = _load(write_measures_workbook(tmp_path / "plan.xlsx"))
    neglect = plan.measures[1].up_to(ReportingPeriod(2022, 1))
    assert neglect.latest == Reading(ReportingPeriod(2022, 1), 43.0)
    assert neglect.status is AMBER and neglect.short_trend is DOWN
    assert ReportingPeriod(2022, 2) not in neglect.periods


# --- the report -------------------------------------------------------------------------------


def _report(tmp_path: Path, templates_dir: Path, path: Path) -> Document:
    config = BuildConfig(
        input_dir=path.parent, output_dir=tmp_path / "output", templates_dir=templates_dir
    )
    report = build(config)
    assert report.ok, (report.failure, [str(i) for w in report.workbooks for i in w.issues])
    return Document(tmp_path / "output" / Q2_FOLDER / f"{path.stem}-performance-report.docx")


def _headings(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_report_has_the_indicators_section_after_the_actions(tmp_path, templates_dir):
    path = write_measures_workbook(tmp_path / "input" / "plan.xlsx")
    document = _report(tmp_path, templates_dir, path)
    assert _headings(document)[-3:] == [
        "4. PERFORMANCE INDICATORS",
        "4.1 Performance Indicators – Status against Target",
        "4.2 Performance Indicators – Charts",
    ]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:7] == ["Code", "Indicator", "Q3 2021/22", "Q4 2021/22", "Q1 2022/23",
                           "Q2 2022/23", "Target"]  # fmt: skip
    neglect = next(r for r in rows if r[0] == "CPR03")
    assert neglect[2:] == ["41.5%", "40.5%", "43%", "41.8%", "40%", "■ Within tolerance",
                           "▲\u00a0improving", "▼\u00a0worsening",
                           "Reduced slightly from 43% down to 41.8%."]  # fmt: skip
    register = next(r for r in rows if r[0] == "CPR01")
    assert register[6:9] == ["", "Data only", "▲\u00a0improving"]
    orders = next(r for r in rows if r[0] == "CPO01")
    assert orders[2:10] == ["", "", "", "", "", "No data", "", ""]


def test_report_without_measures_has_no_indicators_section(tmp_path, templates_dir):
    path = write_service_workbook(tmp_path / "input" / "plan.xlsx")
    document = _report(tmp_path, templates_dir, path)
    assert not any("PERFORMANCE INDICATORS" in h for h in _headings(document))
    assert not any(t.rows[0].cells[0].text == "Code" for t in document.tables)


def test_report_for_an_earlier_period_ignores_later_values(tmp_path, templates_dir):
    q1 = {**PLAN, "Reporting Period": "Q1 2022/23"}
    path = write_measures_workbook(tmp_path / "input" / "plan.xlsx", plan=q1)
    config = BuildConfig(
        input_dir=path.parent,
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        period=ReportingPeriod(2022, 1),
    )
    assert build(config).ok
    document = Document(tmp_path / "output" / "2022-23 Q1" / "plan-performance-report.docx")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    header = [c.text for c in table.rows[0].cells]
    assert header[2:6] == ["", "Q3 2021/22", "Q4 2021/22", "Q1 2022/23"]
    neglect = next([c.text for c in r.cells] for r in table.rows if r.cells[0].text == "CPR03")
    assert neglect[5:8] == ["43%", "40%", "■ Within tolerance"]


def test_commentary_prints_as_typed_with_bullets(tmp_path, templates_dir):
    commentary = "Data & <analysis> {{ x }}\n• first point\n• second point"
    rows = [["A1", "Typed", "Number", "Lower", 5, None, 1, 2, 3, 4, commentary, None]]
    path = write_measures_workbook(tmp_path / "input" / "plan.xlsx", rows)
    document = _report(tmp_path, templates_dir, path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    cell = table.rows[1].cells[10]
    assert [p.text for p in cell.paragraphs] == [
        "Data & <analysis> {{ x }}",
        "first point",
        "second point",
    ]
    assert [p.style.name for p in cell.paragraphs][1:] == ["List Bullet", "List Bullet"]
