"""The rules for performance indicators: latest value, status against target, and trends.

These are the rules the reports apply, written for the people who check them:

* **Latest value.** The latest period with data. An empty period cell is "no data", never zero,
  and is skipped (Q1 43, Q2 blank → the latest is Q1's 43).
* **Polarity** says which way is good: *Higher is better*, *Lower is better*, or *Within range*
  (a target band where being above or below is bad, e.g. a caseload of 15–20).
* **Status against target** (``MeasureStatus``), for the latest value:

  - *On target* (green): at or better than the target (``>=`` target when higher is better,
    ``<=`` when lower is better, inside the band, ends included, for a range).
  - *Within tolerance* (amber): short of the target by no more than the Tolerance, given in the
    measure's own unit (percentage points for a % measure). Without a Tolerance there is no
    amber: a value short of target is off target.
  - *Off target* (red): further from the target than the tolerance.
  - *Data only*: the measure has data but no target (or no polarity to read it by).
  - *No data*: no period has a value.

* **Short trend**: the latest value against the previous period with data.
* **Long trend**: the latest value against the mean of the (up to) four values with data before
  it; it needs at least two such values, otherwise it is the short trend again and is left out.
* A trend is *improving*, *no change* or *worsening* as the polarity reads it; for a range,
  moving closer to the band is improving (two values inside the band are no change). Values
  that print the same in the report (``41.8%`` and ``41.83%``) are *no change*, so an arrow
  never contradicts the figures beside it. Without a polarity there is no trend.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from reportgen.rules.periods import ReportingPeriod

LONG_TREND_SPAN = 4


class Polarity(enum.StrEnum):
    """Which way is good for a measure."""

    HIGHER = "Higher is better"
    LOWER = "Lower is better"
    RANGE = "Within range"


_POLARITY_WORDS: dict[str, Polarity] = {
    **dict.fromkeys(
        (
            "higher is better",
            "higher",
            "high",
            "up",
            "increase",
            "maximise",
            "maximize",
            "+",
            "bigger is better",
            "more is better",
            "aim to maximise",
            "aim high",
        ),
        Polarity.HIGHER,
    ),
    **dict.fromkeys(
        (
            "lower is better",
            "lower",
            "low",
            "down",
            "decrease",
            "minimise",
            "minimize",
            "-",
            "smaller is better",
            "less is better",
            "aim to minimise",
            "aim low",
        ),
        Polarity.LOWER,
    ),
    **dict.fromkeys(
        (
            "within range",
            "range",
            "band",
            "target band",
            "within band",
            "within target band",
            "in range",
            "on target is best",
            "close to target",
            "aim for target",
            "either way",
        ),
        Polarity.RANGE,
    ),
}


def parse_polarity(text: str) -> Polarity:
    """Read a Polarity cell ("Higher is better", "lower", "Within range" …).

    Raises ValueError with a message for the person filling the sheet otherwise."""
    key = " ".join(str(text).lower().replace("_", " ").split()).rstrip(".")
    if key in _POLARITY_WORDS:
        return _POLARITY_WORDS[key]
    raise ValueError(
        f"'{text}' is not a polarity; expected 'Higher is better', 'Lower is better' or "
        "'Within range' (a target band where above and below are both bad)"
    )


class MeasureStatus(enum.Enum):
    """A measure's latest value against its target. ``rag`` is the colour name."""

    ON_TARGET = ("On target", "green")
    WITHIN_TOLERANCE = ("Within tolerance", "amber")
    OFF_TARGET = ("Off target", "red")
    DATA_ONLY = ("Data only", "")
    NO_DATA = ("No data", "")

    def __init__(self, label: str, rag: str) -> None:
        self.label = label
        self.rag = rag

    @property
    def judged(self) -> bool:
        """True for the statuses that compare with a target (green, amber, red)."""
        return bool(self.rag)


class Trend(enum.Enum):
    """Which way a measure moved, as its polarity reads it; ``arrow`` is for tables."""

    IMPROVING = ("improving", "▲")
    NO_CHANGE = ("no change", "►")
    WORSENING = ("worsening", "▼")

    def __init__(self, label: str, arrow: str) -> None:
        self.label = label
        self.arrow = arrow

    @property
    def text(self) -> str:
        """The arrow with its word, readable by a screen reader: "▲ improving" (a no-break
        space keeps the two on one line)."""
        return f"{self.arrow}\u00a0{self.label}"


@dataclass(frozen=True, slots=True)
class Target:
    """A target value, or a band ``low``–``high`` for measures within a range."""

    low: float
    high: float | None = None

    @property
    def upper(self) -> float:
        return self.low if self.high is None else self.high


@dataclass(frozen=True, slots=True)
class Reading:
    """A period with data and its value."""

    period: ReportingPeriod
    value: float


def period_order(period: ReportingPeriod) -> tuple[dt.date, dt.date]:
    """Sort key for periods of both kinds: by end date (a year sorts with its Q4)."""
    return (period.end, period.start)


def latest_reading(readings: Sequence[Reading]) -> Reading | None:
    """The latest period with data (``readings`` oldest first, only periods with data)."""
    return readings[-1] if readings else None


def previous_reading(readings: Sequence[Reading]) -> Reading | None:
    """The period with data before the latest."""
    return readings[-2] if len(readings) >= 2 else None


def _shortfall(value: float, target: Target, polarity: Polarity) -> float:
    """How far ``value`` is on the bad side of ``target`` (0 when on target)."""
    if polarity is Polarity.HIGHER:
        gap = target.low - value
    elif polarity is Polarity.LOWER:
        gap = value - target.low
    else:
        gap = max(target.low - value, value - target.upper)
    return max(round(gap, 9), 0.0)


def measure_status(
    value: float | None,
    target: Target | None,
    tolerance: float | None,
    polarity: Polarity | None,
) -> MeasureStatus:
    """The status of ``value`` against ``target`` (see the module notes for the rules)."""
    if value is None:
        return MeasureStatus.NO_DATA
    if target is None or polarity is None:
        return MeasureStatus.DATA_ONLY
    gap = _shortfall(value, target, polarity)
    if gap == 0:
        return MeasureStatus.ON_TARGET
    if tolerance is not None and gap <= round(abs(tolerance), 9):
        return MeasureStatus.WITHIN_TOLERANCE
    return MeasureStatus.OFF_TARGET


def compare(
    latest: float,
    reference: float,
    polarity: Polarity | None,
    target: Target | None = None,
    unit: str | None = None,
) -> Trend | None:
    """Whether moving from ``reference`` to ``latest`` is improving, no change or worsening."""
    if polarity is None or (polarity is Polarity.RANGE and target is None):
        return None
    if format_value(latest, unit) == format_value(reference, unit):
        return Trend.NO_CHANGE
    if polarity is Polarity.RANGE:
        assert target is not None
        before = _shortfall(reference, target, polarity)
        after = _shortfall(latest, target, polarity)
        if before == after:
            return Trend.NO_CHANGE
        return Trend.IMPROVING if after < before else Trend.WORSENING
    went_up = latest > reference
    return Trend.IMPROVING if went_up == (polarity is Polarity.HIGHER) else Trend.WORSENING


def short_trend(
    readings: Sequence[Reading],
    polarity: Polarity | None,
    target: Target | None = None,
    unit: str | None = None,
) -> Trend | None:
    """The latest value against the previous period with data; None without two values."""
    if len(readings) < 2:
        return None
    return compare(readings[-1].value, readings[-2].value, polarity, target, unit)


def long_trend(
    readings: Sequence[Reading],
    polarity: Polarity | None,
    target: Target | None = None,
    unit: str | None = None,
) -> Trend | None:
    """The latest value against the mean of the up to four values with data before it; None
    with fewer than two earlier values (that would only repeat the short trend)."""
    earlier = [r.value for r in readings[-1 - LONG_TREND_SPAN : -1]]
    if len(earlier) < 2:
        return None
    return compare(readings[-1].value, fmean(earlier), polarity, target, unit)


def is_percent_unit(unit: str | None) -> bool:
    """True for "%", "Percentage", "% of children" and the like."""
    if not unit:
        return False
    text = unit.strip().lower()
    return "%" in text or bool(re.match(r"^(percent|percentage|per cent)\b", text))


def is_money_unit(unit: str | None) -> bool:
    """True for "£", "£000", "Pounds" and the like."""
    return bool(unit) and ("£" in unit or unit.strip().lower() in ("pounds", "gbp", "money"))


def _trimmed(value: float, places: int) -> str:
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float | None, unit: str | None) -> str:
    """A value as the reports print it: ``41.8%``, ``43``, ``3.25``, ``£1,234``; "" for None.

    Percentages and rates keep up to one and two decimal places; counts print whole."""
    if value is None:
        return ""
    if is_percent_unit(unit):
        return f"{_trimmed(value, 1)}%"
    if is_money_unit(unit):
        places = 0 if abs(value) >= 1000 else 2
        text = _trimmed(abs(value), places)
        return f"-£{text}" if value < 0 else f"£{text}"
    return _trimmed(value, 2)
