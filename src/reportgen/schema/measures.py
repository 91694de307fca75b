"""The Measures sheet: performance indicators (PIs), one row each, one column per period.

The contract (docs/returns.md): Code | Indicator | Unit | Polarity | Target | one column per period
headed ``Q1 2022/23`` … (or ``2021/22`` for annual measures) | Commentary | Lead, and optionally
Tolerance (the amber band) and Baseline. An empty period cell means "no data", never zero.

A :class:`Measure` holds what the return gave; its status against target and its trends are
derived by the rules in :mod:`reportgen.rules.indicators` and offered here as properties, so every
document reads them the same way::

    for measure in plan.measures or []:
        measure.latest        # Reading(period=Q2 2022/23, value=43.0) or None
        measure.status        # MeasureStatus.ON_TARGET … (.label "On target", .rag "green")
        measure.short_trend   # Trend.IMPROVING … or None (.label "improving", .arrow "▲")
        measure.long_trend    # against the mean of the previous four values with data
        measure.format(43.0)  # "43" / "41.8%" / "£1,234" as the unit reads
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reportgen.readers.workbook import FieldSpec
from reportgen.rules.indicators import (
    MeasureStatus,
    Polarity,
    Reading,
    Target,
    Trend,
    format_value,
    is_percent_unit,
    latest_reading,
    long_trend,
    measure_status,
    period_order,
    previous_reading,
    short_trend,
)
from reportgen.rules.periods import ReportingPeriod

MEASURES_SHEET = "Measures"

# The fixed columns. Period columns are found by their headings (see measures_workbook.py).
MEASURE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "Code", ("PI Code", "Measure Code", "Indicator Code"), required=True),
    FieldSpec(
        "title",
        "Indicator",
        ("Measure", "PI", "Title", "Indicator Title", "Measure Title", "Performance Indicator"),
        required=True,
    ),
    FieldSpec("unit", "Unit", ("Units", "Unit of Measure")),
    FieldSpec("polarity", "Polarity", ("Direction", "Good Performance Is", "Better Is")),
    FieldSpec("target", "Target", ("Target Value",)),
    FieldSpec("tolerance", "Tolerance", ("Amber Tolerance", "Amber Band", "Amber")),
    FieldSpec("baseline", "Baseline", ("Baseline Value",)),
    FieldSpec("commentary", "Commentary", ("Comment", "Comments", "Latest Note", "Note")),
    FieldSpec("lead", "Lead", ("Lead Officer", "Responsible Officer", "Owner")),
)


class Measure(BaseModel):
    """A performance indicator as the Measures sheet gave it.

    ``polarity`` is None when the sheet leaves it blank (then there is no status or trend).
    ``values`` holds only the periods with data, in period order; ``periods`` every period
    column of the sheet (so a table can show "no data" gaps). ``target`` is None when the sheet
    gives none (status "Data only"). ``tolerance`` is in the measure's own unit (percentage
    points for a % measure). ``row`` is the sheet row, for messages.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")

    code: str
    title: str
    unit: str | None = None
    polarity: Polarity | None = None
    target: Target | None = None
    tolerance: float | None = None
    baseline: float | None = None
    values: dict[ReportingPeriod, float] = Field(default_factory=dict)
    periods: list[ReportingPeriod] = Field(default_factory=list)
    commentary: str | None = None
    lead: str | None = None
    row: int | None = None

    @property
    def is_percent(self) -> bool:
        """True when the unit is a percentage (values are 0–100, shown as ``41.8%``)."""
        return is_percent_unit(self.unit)

    @property
    def readings(self) -> list[Reading]:
        """The periods with data and their values, oldest first."""
        ordered = sorted(self.values.items(), key=lambda item: period_order(item[0]))
        return [Reading(p, v) for p, v in ordered]

    @property
    def latest(self) -> Reading | None:
        """The latest period with data, or None when the measure has no data at all."""
        return latest_reading(self.readings)

    @property
    def previous(self) -> Reading | None:
        """The period with data before the latest one."""
        return previous_reading(self.readings)

    @property
    def status(self) -> MeasureStatus:
        """The latest value against target, as the polarity reads it."""
        latest = self.latest
        return measure_status(
            latest.value if latest else None, self.target, self.tolerance, self.polarity
        )

    @property
    def short_trend(self) -> Trend | None:
        """The latest value against the previous period with data (None without two values)."""
        return short_trend(self.readings, self.polarity, self.target, self.unit)

    @property
    def long_trend(self) -> Trend | None:
        """The latest value against the mean of the previous four values with data."""
        return long_trend(self.readings, self.polarity, self.target, self.unit)

    def up_to(self, period: ReportingPeriod) -> Measure:
        """The measure as it stood at the end of ``period``: later values are left out, so a
        report for Q2 judges status and trend on data to Q2 even when Q3 is already filled."""
        return self.model_copy(
            update={
                "values": {p: v for p, v in self.values.items() if p.end <= period.end},
                "periods": [p for p in self.periods if p.end <= period.end],
            }
        )

    def value_at(self, period: ReportingPeriod) -> float | None:
        """The value for ``period``, or None for no data."""
        return self.values.get(period)

    def format(self, value: float | None) -> str:
        """A value as the report prints it in this measure's unit ("" for no data)."""
        return format_value(value, self.unit)

    @property
    def target_label(self) -> str:
        """The target as printed: ``40%``, ``40–50%``, or "" when there is none."""
        if self.target is None:
            return ""
        if self.target.high is None or self.target.high == self.target.low:
            return self.format(self.target.low)
        return f"{self.format(self.target.low)}–{self.format(self.target.high)}"
