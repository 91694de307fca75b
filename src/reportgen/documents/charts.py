"""What a performance indicator's chart shows, as data: the render engine draws it.

A :class:`ChartSpec` holds the periods, values, unit, target and polarity of one chart and
nothing else; two equal specs draw identical images (so the drawn images can be cached by
content), and :func:`alt_text` reads the same data out for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.rules.indicators import format_value
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.measures import Measure

MAX_PERIODS = 8


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Everything a chart shows: its periods, values (None = no data), unit, target and
    polarity. Two equal specs draw identical images."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    unit: str | None = None
    target_low: float | None = None
    target_high: float | None = None
    polarity: str | None = None


def short_label(period: ReportingPeriod) -> str:
    """``Q2 22/23`` (or ``2021/22`` for a year): short enough for a chart's axis."""
    if period.quarter is None:
        return period.financial_year
    return f"Q{period.quarter} {period.year % 100:02d}/{(period.year + 1) % 100:02d}"


def chart_spec(measure: Measure, periods: Sequence[ReportingPeriod] | None = None) -> ChartSpec:
    """The chart of ``measure`` over ``periods`` (default: its period columns up to the latest
    with data), at most the last ``MAX_PERIODS``."""
    shown = list(periods) if periods is not None else list(measure.periods)
    latest = measure.latest
    if periods is None and latest is not None:
        # up to the latest value, and only periods of its kind (quarters, or years)
        kind = latest.period.is_annual
        shown = [p for p in shown if p.end <= latest.period.end and p.is_annual == kind]
    shown = shown[-MAX_PERIODS:]
    target = measure.target
    return ChartSpec(
        title=f"{measure.code} {measure.title}",
        labels=tuple(short_label(p) for p in shown),
        values=tuple(measure.value_at(p) for p in shown),
        unit=measure.unit,
        target_low=target.low if target else None,
        target_high=target.high if target else None,
        polarity=measure.polarity.value if measure.polarity else None,
    )


def alt_text(spec: ChartSpec) -> str:
    """What a screen reader says for the chart: every value, and the target."""
    points = ", ".join(
        f"{label} {format_value(v, spec.unit) if v is not None else 'no data'}"
        for label, v in zip(spec.labels, spec.values, strict=True)
    )
    text = f"Line chart of {spec.title}: {points or 'no data'}."
    if spec.target_low is not None:
        if spec.target_high is not None and spec.target_high != spec.target_low:
            band = f"{format_value(spec.target_low, spec.unit)} to "
            text += f" Target {band}{format_value(spec.target_high, spec.unit)}."
        else:
            text += f" Target {format_value(spec.target_low, spec.unit)}."
    if spec.polarity:
        text += f" {spec.polarity}."
    return text
