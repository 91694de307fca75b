"""Parsers for the cell values staff type (docs/returns.md, "Cell values").

Each parser takes the raw value openpyxl gives (str, int, float, bool, datetime, None) and, where
it matters, the cell's number format. It returns a :class:`Parsed` value, possibly with a warning,
or raises :class:`BadValue` whose message says what was found and what was expected. Parsers know
nothing of workbooks or locations: the readers add those.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from reportgen.rules.formats import format_date
from reportgen.rules.text import CELL_CONTINUES

T = TypeVar("T")

UNFILLED_DROPDOWN = "choose an item."

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*(?P<m>{_MONTH_WORD})\.?[\s\-/.,]*(?P<y>\d{{4}}|\d{{2}})$",
    re.I,
)
_NUMERIC_DMY = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][\d:.]+)?$")
_MONTH_YEAR = re.compile(rf"^(?P<m>{_MONTH_WORD})\.?[\s\-/,]*(?P<y>\d{{4}}|\d{{2}})$", re.I)
_MONTH_YEAR_ANYWHERE = re.compile(rf"\b(?P<m>{_MONTH_WORD})\.?[\s\-/,]*(?P<y>\d{{4}})\b", re.I)
# characters Word cannot hold, and the mark reportgen uses for cells that carry on the one above
_XML_INVALID = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff{CELL_CONTINUES}]")

_DIGITS = re.compile(r"\d")
PLAUSIBLE_YEARS = range(1990, 2101)  # outside: a typing slip or a date cell gone wrong
LARGEST_FIGURE = 1e15  # Excel keeps 15 significant digits; no council figure comes near

_YES = {"yes", "y", "true", "x", "✓", "✔", "☑", "ticked", "1"}
_NO = {"no", "n", "false", "0", "☐", "n/a", "na", "-"}


class BadValue(ValueError):
    """Raised when a cell's value cannot be read as the kind its column expects.

    ``type`` is the issue slug (``bad-percent``); the message says what was found and expected.
    """

    def __init__(self, type_: str, message: str) -> None:
        super().__init__(message)
        self.type = type_
        self.message = message


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A parsed value and, when the value was accepted with a doubt, a warning for the user."""

    value: T
    warning: str | None = None


def is_blank(raw: object) -> bool:
    """True for an empty cell, white space, or an unfilled Word drop-down ("Choose an item.")."""
    if raw is None:
        return True
    if isinstance(raw, str):
        stripped = raw.strip()
        return not stripped or stripped.lower() == UNFILLED_DROPDOWN
    return False


def clean_text(raw: object) -> str | None:
    """Text as typed: trimmed, line breaks kept (as ``\\n``), characters Word cannot hold
    dropped, and blank or "Choose an item." as None."""
    if is_blank(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date() if raw.time() == dt.time() else raw
    if isinstance(raw, dt.date):
        return format_date(raw)
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    text = _XML_INVALID.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip() or None


def _number_from_text(text: str) -> float | None:
    cleaned = text.replace(",", "").replace("£", "").replace(" ", "").replace("\u00a0", "")
    if not _DIGITS.search(cleaned):
        return None  # "nan", "inf", "Infinity": Python reads them, no council figure is one
    try:
        return float(cleaned)
    except ValueError:
        return None


def real_number(value: float, raw: object) -> float:
    """``value`` when it is a figure a return can hold; BadValue for NaN, infinity and numbers
    too large to be real (past :data:`LARGEST_FIGURE`, beyond Excel's 15 digits)."""
    if not math.isfinite(value):
        raise BadValue(
            "bad-number", f"'{raw}' is not a number (it reads as {value}); type the figure"
        )
    if abs(value) > LARGEST_FIGURE:
        raise BadValue(
            "bad-number",
            f"'{raw}' is too large to be a figure in a return (over {LARGEST_FIGURE:,.0f}); "
            "check the cell",
        )
    return value


def parse_percent(raw: object, number_format: str = "General") -> Parsed[float | None]:
    """A progress percentage 0–100 from ``47``, ``"47%"``, ``"47 %"`` or ``0.47`` in a %-cell.

    A fraction such as 0.47 in a cell *not* formatted as % is taken as 47 % with a warning.
    """
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, bool | dt.date | dt.time):
        raise BadValue("bad-percent", f"'{raw}' is not a percentage; expected a number 0–100")
    warning = None
    if isinstance(raw, int | float):
        value = float(raw)
        if "%" in (number_format or ""):
            value *= 100
        elif 0 < value < 1:
            warning = (
                f"{raw:g} was read as {value * 100:g}%; type {value * 100:g} or "
                f"{value * 100:g}% to be sure"
            )
            value *= 100
    else:
        text = str(raw).strip()
        has_sign = text.endswith("%")
        number = _number_from_text(text.rstrip("%").strip())
        if number is None:
            raise BadValue(
                "bad-percent", f"'{raw}' is not a percentage; expected a number 0–100 such as 47%"
            )
        value = number
        if not has_sign and 0 < value < 1:
            warning = f"'{text}' was read as {value * 100:g}%; type {value * 100:g}% to be sure"
            value *= 100
    value = round(real_number(value, raw), 6)
    if value < 0:
        raise BadValue("bad-percent", f"'{_show(raw, number_format)}' is below 0%")
    if value > 100:
        raise BadValue("bad-percent", f"'{_show(raw, number_format)}' is over 100%")
    return Parsed(value, warning)


def _show(raw: object, number_format: str) -> str:
    if isinstance(raw, int | float) and "%" in (number_format or ""):
        return f"{raw * 100:g}%"
    return str(raw)


def _make_date(year: int, month: int, day: int, raw: object) -> dt.date:
    if not 1 <= month <= 12:
        raise BadValue("bad-date", f"'{raw}' is not a date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise BadValue(
            "bad-date",
            f"'{raw}' is not a date: {calendar.month_name[month]} {year} has {last} days",
        )
    return dt.date(year, month, day)


def full_year(digits: str) -> int:
    """The year a two-digit year stands for, as Excel reads one: 00–29 are 2000–2029, 30–99
    are 1930–1999; a four-digit year is itself."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return 2000 + year if year < 30 else 1900 + year


def _dated(day: dt.date, raw: object, two_digits: bool = False) -> Parsed[dt.date | None]:
    """``day`` with a warning when its year was typed in two digits or is implausible."""
    if two_digits:
        return Parsed(
            day,
            f"'{raw}' gives the year in two digits, read as {day.year}; type the year in full "
            f"({format_date(day)}) to be sure",
        )
    if day.year not in PLAUSIBLE_YEARS:
        return Parsed(
            day,
            f"'{raw}' is read as {format_date(day)}, in {day.year}, far from any plan's years; "
            "check the date",
        )
    return Parsed(day)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(raw: object, number_format: str = "General") -> Parsed[dt.date | None]:
    """A date from an Excel date, ``31-Mar-2023``, ``31/03/2023`` (day first), ``2023-03-31``
    or ``March 2023`` (the month's last day). A year typed in two digits is read as Excel reads
    it (``31/03/99`` is 1999) with a warning saying so; a year far from any plan's is a warning."""
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, dt.datetime):
        return _dated(raw.date(), raw.date())
    if isinstance(raw, dt.date):
        return _dated(raw, raw)
    if isinstance(raw, bool):
        raise BadValue("bad-date", f"'{raw}' is not a date")
    if isinstance(raw, int | float):
        if 10000 <= raw <= 2958465:
            from openpyxl.utils.datetime import from_excel

            return _dated(from_excel(raw).date(), raw)
        raise BadValue("bad-date", f"'{raw}' is not a date; expected a date such as 31-Mar-2023")
    text = " ".join(str(raw).split()).strip().rstrip(".")
    for pattern in (_DAY_MONTH_YEAR, _NUMERIC_DMY, _ISO):
        match = pattern.match(text)
        if match:
            month = match["m"]
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            day = _make_date(full_year(match["y"]), month_number, int(match["d"]), raw)
            return _dated(day, raw, len(match["y"]) == 2)
    match = _MONTH_YEAR.match(text)
    if match:
        day = month_end(full_year(match["y"]), _MONTHS[match["m"].lower()])
        return _dated(day, raw, len(match["y"]) == 2)
    raise BadValue(
        "bad-date",
        f"'{raw}' is not a date; expected a date such as 31-Mar-2023, 31/03/2023 or March 2023",
    )


def last_month_year(text: str) -> dt.date | None:
    """The last day of the last month-year named in free text: "March 2021 March 2023" and
    "March 2023 with milestone annual improvements." both give 31 March 2023."""
    matches = list(_MONTH_YEAR_ANYWHERE.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    return month_end(int(last["y"]), _MONTHS[last["m"].lower()])


def parse_yes_no(raw: object) -> Parsed[bool | None]:
    """Yes, Y, True, x, ✓ / No, N, False; blank and "Choose an item." are None."""
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(raw)
    key = " ".join(str(raw).split()).lower().rstrip(".")
    if key in _YES:
        return Parsed(True)
    if key in _NO:
        return Parsed(False)
    raise BadValue("bad-yes-no", f"'{raw}' is not yes or no; expected Yes, No, x or blank")


def parse_priority(raw: object) -> Parsed[int | None]:
    """A priority rating 1–5 (1 high … 3 low, 4 ongoing, 5 on hold); "1 - high" is accepted."""
    if is_blank(raw):
        return Parsed(None)
    number: float | None
    if isinstance(raw, bool):
        number = None
    elif isinstance(raw, int | float):
        number = float(raw)
    else:
        match = re.match(r"^\s*(\d+(?:\.0+)?)\b", str(raw))
        number = float(match[1]) if match else None
    if number is None or not number.is_integer() or not 1 <= number <= 5:
        raise BadValue(
            "bad-priority",
            f"'{raw}' is not a priority rating; expected 1 (high) to 3 (low), 4 (ongoing) "
            "or 5 (on hold)",
        )
    return Parsed(int(number))


def parse_number(raw: object, number_format: str = "General") -> Parsed[float | None]:
    """A plain number: ``148.37``, ``"19,276,000"``, ``"£19,276,000"``."""
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, bool | dt.date | dt.time):
        raise BadValue("bad-number", f"'{raw}' is not a number")
    if isinstance(raw, int | float):
        return Parsed(real_number(float(raw), raw))
    number = _number_from_text(str(raw).strip())
    if number is None:
        raise BadValue("bad-number", f"'{raw}' is not a number")
    return Parsed(real_number(number, raw))
