"""Reporting periods on the UK financial year (1 April to 31 March).

``Q1 2022/23`` is April–June 2022, ``Q2`` July–September, ``Q3`` October–December and ``Q4``
January–March 2023. An annual period is written ``2022/23``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = [calendar.month_name[m] for m in range(13)]

_YEAR = r"(?P<y1>\d{4}|\d{2})\s*(?:[/\-–]\s*(?P<y2>\d{4}|\d{2}))?"
_QUARTER_FIRST = re.compile(
    r"^\s*(?:Q|Qtr|Quarter)\s*(?P<q>[1-4])\s*[,\-–]?\s*(?:FY\s*)?" + _YEAR + r"\s*$", re.I
)
_YEAR_FIRST = re.compile(
    r"^\s*(?:FY\s*)?" + _YEAR + r"\s*[,\-–]?\s*(?:Q|Qtr|Quarter)\s*(?P<q>[1-4])\s*$", re.I
)
_ANNUAL = re.compile(r"^\s*(?:FY\s*)?(?P<y1>\d{4})\s*[/\-–]\s*(?P<y2>\d{4}|\d{2})\s*$")
LEADING_PERIOD = re.compile(r"^\s*(?P<label>Q[1-4]\s+\d{2,4}\s*/\s*\d{2,4})\s*(?:[-–—:]\s*)?", re.I)


def _full_year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def _check_second_year(first: int, second: str | None) -> bool:
    if second is None:
        return True
    following = int(second)
    return following in (first + 1, (first + 1) % 100)


@dataclass(frozen=True, order=True, slots=True)
class ReportingPeriod:
    """A financial quarter (``quarter`` 1–4) or a whole financial year (``quarter`` None).

    ``year`` is the calendar year in which the financial year starts: Q2 2022/23 has year 2022.
    """

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> ReportingPeriod:
        """Read ``Q2 2022/23`` (also ``Q2 2022-23``, ``Quarter 2 2022/23``, ``2022/23 Q2``) or
        an annual ``2022/23``. Raises ValueError with a plain-English message otherwise."""
        cleaned = " ".join(str(text).split())
        for pattern in (_QUARTER_FIRST, _YEAR_FIRST):
            match = pattern.match(cleaned)
            if match:
                year = _full_year(match["y1"])
                if not _check_second_year(year, match["y2"]):
                    break
                return cls(year, int(match["q"]))
        match = _ANNUAL.match(cleaned)
        if match:
            year = int(match["y1"])
            if _check_second_year(year, match["y2"]):
                return cls(year, None)
        raise ValueError(
            f"'{text}' is not a reporting period; expected a quarter such as 'Q2 2022/23' "
            "or a financial year such as '2022/23'"
        )

    @property
    def is_annual(self) -> bool:
        return self.quarter is None

    @property
    def financial_year(self) -> str:
        """``2022/23``."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        """``Q2 2022/23`` or ``2022/23``."""
        if self.quarter is None:
            return self.financial_year
        return f"Q{self.quarter} {self.financial_year}"

    @property
    def folder(self) -> str:
        """``2022-23 Q3`` (``2022-23`` for a year): the period as a folder name, which sorts
        in time order."""
        year = f"{self.year}-{(self.year + 1) % 100:02d}"
        return year if self.quarter is None else f"{year} Q{self.quarter}"

    @property
    def start(self) -> dt.date:
        if self.quarter is None:
            return dt.date(self.year, 4, 1)
        month = 4 + 3 * (self.quarter - 1)
        year = self.year + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period: 30 September 2022 for Q2 2022/23."""
        if self.quarter is None:
            return dt.date(self.year + 1, 3, 31)
        start = self.start
        month = start.month + 2
        year = start.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def end_month_name(self) -> str:
        """``September`` for Q2: reports are titled "Quarter to September"."""
        return MONTH_NAMES[self.end.month]

    @property
    def previous(self) -> ReportingPeriod:
        if self.quarter is None:
            return ReportingPeriod(self.year - 1)
        if self.quarter == 1:
            return ReportingPeriod(self.year - 1, 4)
        return ReportingPeriod(self.year, self.quarter - 1)

    @property
    def next(self) -> ReportingPeriod:
        if self.quarter is None:
            return ReportingPeriod(self.year + 1)
        if self.quarter == 4:
            return ReportingPeriod(self.year + 1, 1)
        return ReportingPeriod(self.year, self.quarter + 1)

    def __str__(self) -> str:
        return self.label


def period_containing(day: dt.date) -> ReportingPeriod:
    """The financial quarter that contains ``day``."""
    year = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    return ReportingPeriod(year, quarter)


def split_leading_period(text: str) -> tuple[str | None, str]:
    """Split a period label typed at the start of an update: ``"Q2 2022/23 - The plan…"``
    gives ``("Q2 2022/23", "The plan…")``. The label comes back normalised when it parses."""
    match = LEADING_PERIOD.match(text)
    if not match:
        return None, text
    raw = match["label"]
    try:
        label = ReportingPeriod.parse(raw).label
    except ValueError:
        label = " ".join(raw.split())
    return label, text[match.end() :]


@dataclass(frozen=True, slots=True)
class PlanPeriod:
    """A plan's span of financial years, such as ``2020-23``: 1 April 2020 to 31 March 2023."""

    first_year: int
    last_year: int

    @classmethod
    def parse(cls, text: str) -> PlanPeriod:
        cleaned = " ".join(str(text).split())
        match = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{4}|\d{2})", cleaned)
        if not match:
            raise ValueError(
                f"'{text}' is not a plan period; expected first and last years such as '2020-23'"
            )
        first = int(match[1])
        last = _full_year(match[2]) if len(match[2]) == 2 else int(match[2])
        if len(match[2]) == 2:
            last = (first // 100) * 100 + int(match[2])
            if last < first:
                last += 100
        if last <= first or last - first > 20:
            raise ValueError(f"'{text}' is not a plan period: the years run backwards or too long")
        return cls(first, last)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last_year, 3, 31)

    @property
    def label(self) -> str:
        """``2020/23``, as the report headings write it."""
        return f"{self.first_year}/{self.last_year % 100:02d}"

    @property
    def hyphenated(self) -> str:
        """``2020-23``."""
        return f"{self.first_year}-{self.last_year % 100:02d}"


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    """The period a workbook is reported for and the date its actions are judged at, or why
    the workbook and the build disagree (``problem``, naming which of the two is at fault)."""

    period: ReportingPeriod | None
    end: dt.date | None
    problem: str | None = None
    at: str | None = None  # "reporting_period" or "period_end": the field the problem is in


def choose_period(
    build: ReportingPeriod | None, given: ReportingPeriod | None, given_end: dt.date | None
) -> PeriodChoice:
    """The one rule for a workbook's reporting period.

    ``build`` is the period the build was asked for (``--period`` or reportgen.toml's
    ``period``); ``given`` and ``given_end`` are the Plan sheet's Reporting Period and Period End.

    * The period is ``build`` when given, else the Plan sheet's Reporting Period, else the
      quarter that contains its Period End.
    * The period end, at which elapsed time, Overdue and Behind are judged, is the Plan sheet's
      Period End when it gives one, else the period's last day.
    * A Plan sheet that names another period than ``build``, or a Period End outside the period,
      is a problem: the workbook holds another quarter's figures, so the build refuses it rather
      than print one quarter's name over another's data.
    """
    period = build or given or (period_containing(given_end) if given_end else None)
    if period is None:
        return PeriodChoice(None, None)
    if build is not None and given is not None and given != build:
        return PeriodChoice(
            period,
            None,
            f"the Plan sheet reports {given.label}, but the build is for {build.label} "
            "(--period, or reportgen.toml's period); a workbook holds one quarter's figures, so "
            f"build {build.label} from the workbook collected for it, or change the Reporting "
            "Period here if this workbook is that quarter's",
            "reporting_period",
        )
    if given_end is not None and not period.start <= given_end <= period.end:
        return PeriodChoice(
            period,
            None,
            f"the Period End {given_end:%d-%b-%Y} is not in {period.label} "
            f"({period.start:%d-%b-%Y} to {period.end:%d-%b-%Y}); give the quarter's last "
            f"day, {period.end:%d-%b-%Y}, or leave Period End blank",
            "period_end",
        )
    return PeriodChoice(period, given_end or period.end)
