"""The "Performance Indicators" part of a report: a table of indicators and their charts.

Templates see the view objects below. The rules (latest value, status, trends) are
:mod:`reportgen.rules.indicators`'; this module only words and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docxtpl import RichText, RichTextParagraph

from reportgen.documents.charts import alt_text, chart_spec
from reportgen.documents.rich import BULLET_STYLE, Picture, protect_data_xml
from reportgen.rules.indicators import MeasureStatus, Trend, period_order
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.text import bullet_text
from reportgen.schema.measures import Measure

TABLE_PERIODS = 4
CHART_WIDTH_MM = 80.0
CHARTS_PER_ROW = 3
TABLE_TEXT_PT = 8
# The colour of the square before a status; the word beside it carries the meaning in print.
# Dark enough to read against white (4.5:1 or more, WCAG AA), like text.
RAG_COLOURS = {"green": "2E7D32", "amber": "9C5700", "red": "C00000"}


@dataclass
class IndicatorRow:
    """One row of the indicators table.

    code: "CP03"; title: the indicator; unit: "%"; values: the last four periods' values as
    printed ("41.8%", "" for no data, in ``IndicatorsView.period_labels`` order); target: "40%"
    or ""; status: "Within tolerance"; rag: "amber" or ""; status_mark: rich text, a square
    in the RAG colour then the status in bold (``{{r r.status_mark }}``); short_trend /
    long_trend: "▲ improving", "" when there is none; commentary: paragraphs; lead;
    latest_period: "Q2 2022/23" or "".
    """

    code: str
    title: str
    unit: str
    values: list[str]
    target: str
    status: str
    rag: str
    status_mark: RichText
    short_trend: str
    long_trend: str
    commentary: RichTextParagraph
    lead: str
    latest_period: str


@dataclass
class IndicatorChart:
    """A chart of one indicator: ``caption`` ("CP03 Percentage …"), ``picture`` (with alt text
    that reads out every value and the target)."""

    code: str
    caption: str
    picture: Picture


@dataclass
class IndicatorsView:
    """The Performance Indicators section.

    number: the section number (4); table_number / charts_number: "4.1" / "4.2";
    period_labels: headings of the four period columns; rows; chart_rows: the charts, three to
    a row (the last row filled out with None); key: one line explaining statuses and arrows.
    """

    number: int
    table_number: str
    charts_number: str
    period_labels: list[str]
    rows: list[IndicatorRow] = field(default_factory=list)
    chart_rows: list[list[IndicatorChart | None]] = field(default_factory=list)
    key: str = ""


def table_paragraphs(text: str | None, size_pt: float = TABLE_TEXT_PT) -> RichTextParagraph:
    """Commentary as Word paragraphs in the table's small type: one per line, lines starting
    with a bullet mark as real bullets."""
    result = RichTextParagraph()
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()] or [""]
    for line in lines:
        bullet = bullet_text(line)
        run = RichText()
        run.add(bullet if bullet is not None else line, size=int(size_pt * 2))
        result.add(run, parastyle=BULLET_STYLE if bullet is not None else None)
    result.xml = protect_data_xml(result.xml)
    return result


def status_mark(status: MeasureStatus) -> RichText:
    """A square in the status's RAG colour (none for data only / no data), then its label."""
    text = RichText()
    if status.rag:
        text.add("■ ", color=RAG_COLOURS[status.rag], size=TABLE_TEXT_PT * 2)
    text.add(status.label, bold=True, size=TABLE_TEXT_PT * 2)
    return text


def trend_text(trend: Trend | None) -> str:
    """ "▲ improving" (the word is there for screen readers and black-and-white print)."""
    return trend.text if trend else ""


def table_periods(
    measures: Sequence[Measure], period: ReportingPeriod | None
) -> list[ReportingPeriod | None]:
    """The last four period columns up to the report's period (all measures share them),
    oldest first; None fills the first places when the sheet has fewer than four."""
    columns = sorted({p for m in measures for p in m.periods}, key=period_order)
    if period is not None:
        columns = [p for p in columns if p.end <= period.end]
    shown: list[ReportingPeriod | None] = list(columns[-TABLE_PERIODS:])
    return [None] * (TABLE_PERIODS - len(shown)) + shown


def indicator_row(measure: Measure, columns: Sequence[ReportingPeriod | None]) -> IndicatorRow:
    status = measure.status
    latest = measure.latest
    return IndicatorRow(
        code=measure.code,
        title=measure.title,
        unit=measure.unit or "",
        values=[measure.format(measure.value_at(p)) if p else "" for p in columns],
        target=measure.target_label,
        status=status.label,
        rag=status.rag,
        status_mark=status_mark(status),
        short_trend=trend_text(measure.short_trend),
        long_trend=trend_text(measure.long_trend),
        commentary=table_paragraphs(measure.commentary),
        lead=measure.lead or "",
        latest_period=latest.period.label if latest else "",
    )


def status_key() -> str:
    """The line under the table that says what the statuses and arrows mean."""
    statuses = "; ".join(f"{s.label} ({s.rag})" if s.rag else s.label for s in MeasureStatus)
    arrows = "; ".join(t.text for t in Trend)
    return (
        f"Status against target: {statuses}. Trend: {arrows}, as the indicator's polarity "
        "reads it; short trend against the previous period with data, long trend against the "
        "mean of the previous four."
    )


def indicators_view(
    measures: list[Measure] | None,
    number: int,
    period: ReportingPeriod | None,
) -> IndicatorsView | None:
    """The section for ``measures`` as they stood at ``period``; None when the workbook has no
    Measures sheet or the sheet has no indicators (the section is then left out)."""
    if not measures:
        return None
    as_at = [m.up_to(period) for m in measures] if period is not None else list(measures)
    columns = table_periods(as_at, period)
    view = IndicatorsView(
        number=number,
        table_number=f"{number}.1",
        charts_number=f"{number}.2",
        period_labels=[p.label if p else "" for p in columns],
        rows=[indicator_row(m, columns) for m in as_at],
        key=status_key(),
    )
    charted = [m for m in as_at if m.values]
    charts = []
    for measure in charted:
        spec = chart_spec(measure)
        picture = Picture(None, alt_text(spec), CHART_WIDTH_MM, f"{measure.code} chart", spec)
        charts.append(IndicatorChart(measure.code, f"{measure.code} {measure.title}", picture))
    padded: list[IndicatorChart | None] = list(charts)
    padded += [None] * (-len(charts) % CHARTS_PER_ROW)
    view.chart_rows = [
        padded[i : i + CHARTS_PER_ROW] for i in range(0, len(padded), CHARTS_PER_ROW)
    ]
    return view
