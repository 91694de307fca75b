from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.readers.values import (
    BadValue,
    clean_text,
    last_month_year,
    parse_date,
    parse_percent,
    parse_priority,
    parse_yes_no,
)
from reportgen.rules.text import bullet_text


@pytest.mark.parametrize(
    ("raw", "number_format", "expected"),
    [
        (47, "General", 47.0),
        ("47%", "General", 47.0),
        ("47 %", "General", 47.0),
        (0.47, "0%", 47.0),
        (1, "0%", 100.0),
        (100, "General", 100.0),
        (None, "General", None),
        ("Choose an item.", "General", None),
    ],
)
def test_percent_forms(raw, number_format, expected):
    value = parse_percent(raw, number_format).value
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


def test_fraction_outside_percent_cell_is_read_with_a_warning():
    parsed = parse_percent(0.47, "General")
    assert parsed.value == pytest.approx(47)
    assert "47%" in parsed.warning


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("110%", "over 100%"), (-5, "below 0%"), ("lots", "not a percentage"), (1.5, "0%")],
)
def test_bad_percent(raw, fragment):
    number_format = "0%" if raw == 1.5 else "General"
    with pytest.raises(BadValue) as caught:
        parse_percent(raw, number_format)
    assert caught.value.type == "bad-percent"
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    "raw",
    [
        dt.datetime(2023, 3, 31),
        dt.date(2023, 3, 31),
        "31-Mar-2023",
        "31-Mar- 2023",
        "31/03/2023",
        "31/3/23",
        "2023-03-31",
        "March 2023",
        "Mar 2023",
        "31 March 2023",
        45016,
    ],
)
def test_date_forms(raw):
    assert parse_date(raw).value == dt.date(2023, 3, 31)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31/02/2023", "February 2023 has 28 days"),
        ("13/13/2023", "no month 13"),
        ("soon", "not a date"),
    ],
)
def test_bad_dates(raw, fragment):
    with pytest.raises(BadValue) as caught:
        parse_date(raw)
    assert caught.value.type == "bad-date"
    assert fragment in caught.value.message


def test_completion_target_gives_last_month_year():
    assert last_month_year("March 2023 with milestone annual improvements.") == dt.date(2023, 3, 31)
    assert last_month_year("March 2021 March 2023") == dt.date(2023, 3, 31)
    assert last_month_year("Ongoing") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Yes", True),
        ("y", True),
        ("x", True),
        ("✓", True),
        (True, True),
        ("No", False),
        ("N", False),
        ("Choose an item.", None),
        (None, None),
    ],
)
def test_yes_no(raw, expected):
    assert parse_yes_no(raw).value is expected


def test_priority_range():
    assert parse_priority("1 - high").value == 1
    assert parse_priority(5.0).value == 5
    with pytest.raises(BadValue, match="priority rating"):
        parse_priority(7)


def test_clean_text_keeps_line_breaks_and_drops_control_characters():
    assert clean_text("  a\r\nb\x07c  ") == "a\nbc"
    assert clean_text("Choose an item.") is None


def test_bullet_lines():
    assert bullet_text("• item") == "item"
    assert bullet_text("- item") == "item"
    assert bullet_text("-5 degrees") is None
    assert bullet_text("plain") is None


@given(st.integers(min_value=0, max_value=100))
def test_any_whole_percent_round_trips_in_every_form(number):
    assert parse_percent(number).value == number
    assert parse_percent(f"{number}%").value == number
    assert parse_percent(f"{number} %").value == number
    assert parse_percent(number / 100, "0%").value == pytest.approx(number)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_date_round_trips_in_every_text_form(day):
    for text in (f"{day:%d-%b-%Y}", f"{day:%d/%m/%Y}", day.isoformat()):
        assert parse_date(text).value == day


@given(st.text())
def test_clean_text_never_raises_and_is_xml_safe(text):
    cleaned = clean_text(text)
    assert cleaned is None or all(ch in "\t\n" or ord(ch) >= 32 for ch in cleaned)
