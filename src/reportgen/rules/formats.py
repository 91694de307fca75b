"""How the council writes dates, money, numbers and counts in its papers.

Dates are day-month-year (``31-Mar-2023``, ``18 November 2020``), money is pounds sterling
(``£19,276,000``), percentages are whole (``72%``), numbers below ten are words in prose. Documents
use these to word their contexts, and templates use the same functions as filters
(:mod:`reportgen.render.filters`), so a paper never formats one value two ways.
"""

from __future__ import annotations

import calendar
import datetime as dt


def format_date(day: dt.date) -> str:
    """``31-Mar-2023``, the style of the council's reports."""
    return f"{day.day:02d}-{calendar.month_abbr[day.month]}-{day.year}"


def uk_date(value: dt.date | None, style: str = "short") -> str:
    """``31-Mar-2023`` (short), ``18 November 2020`` (long) or ``March 2023`` (month)."""
    if value is None:
        return ""
    if style == "long":
        return f"{value.day} {value:%B %Y}"
    if style == "month":
        return f"{value:%B %Y}"
    return format_date(value)


def percent(value: float | None, blank: str = "") -> str:
    """``72%`` (rounded half up), or ``blank`` when there is no value."""
    if value is None:
        return blank
    return f"{int(value + 0.5)}%"


def pounds(value: float | None, blank: str = "") -> str:
    """``£19,276,000``; pence shown only when there are any."""
    if value is None:
        return blank
    if float(value).is_integer():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def number(value: float | None, places: int | None = None, blank: str = "") -> str:
    """``148.37``, ``1,234``; ``places`` fixes the decimals."""
    if value is None:
        return blank
    if places is not None:
        return f"{value:,.{places}f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 action``, ``3 actions``; ``plural_form`` for irregular words."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def plural_word(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreeing with ``count``: ``action``/``actions``, ``is``/``are``."""
    return singular if count == 1 else (plural_form or singular + "s")


def per(value: float | None, unit: str, places: int | None = None, blank: str = "") -> str:
    """A rate: ``{{ m.rate|per("1,000 residents") }}`` → ``12.5 per 1,000 residents``; the
    number is written as ``number`` writes it."""
    if value is None:
        return blank
    return f"{number(value, places)} per {unit}"


def letter(index: int, case: str = "upper") -> str:
    """``A`` for 1, ``B`` for 2 … ``AA`` for 27: lettered lists; ``letter("lower")`` → ``a``."""
    text = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text.lower() if case == "lower" else text


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(index: int, case: str = "lower") -> str:
    """``i``, ``ii``, ``iv`` … for sub-lists; ``roman("upper")`` → ``IV``."""
    text = ""
    for size, numeral in _ROMAN:
        count, index = divmod(index, size)
        text += numeral * count
    return text.upper() if case == "upper" else text


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(count: int) -> str:
    """``three`` for 3: numbers below ten in words, as committee papers write them; ``12``
    from ten on."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"


def ordinal(value: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``."""
    teens = 10 <= value % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"
