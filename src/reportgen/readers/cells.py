"""Turning located cells into typed values, with every problem recorded against its cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from reportgen.errors import IssueList
from reportgen.readers.values import (
    BadValue,
    Parsed,
    clean_text,
    parse_date,
    parse_number,
    parse_percent,
    parse_priority,
    parse_yes_no,
)
from reportgen.readers.workbook import Cell
from reportgen.rules.status import Status, parse_status

T = TypeVar("T")


class CellReader:
    """Reads typed values out of cells; a value that cannot be read becomes an issue naming
    the cell, its heading and the value, and the reader returns None for it."""

    def __init__(self, issues: IssueList) -> None:
        self.issues = issues

    def _parse(self, cell: Cell | None, parse: Callable[[Cell], Parsed[T]]) -> T | None:
        if cell is None or cell.blank:
            return None
        try:
            parsed = parse(cell)
        except BadValue as exc:
            self.issues.error(exc.type, exc.message, cell.location, cell.value)
            return None
        if parsed.warning:
            self.issues.warning("doubtful-value", parsed.warning, cell.location, cell.value)
        return parsed.value

    def text(self, cell: Cell | None) -> str | None:
        return None if cell is None else clean_text(cell.value)

    def percent(self, cell: Cell | None) -> float | None:
        return self._parse(cell, lambda c: parse_percent(c.value, c.number_format))

    def date(self, cell: Cell | None) -> dt.date | None:
        return self._parse(cell, lambda c: parse_date(c.value, c.number_format))

    def number(self, cell: Cell | None) -> float | None:
        return self._parse(cell, lambda c: parse_number(c.value, c.number_format))

    def priority(self, cell: Cell | None) -> int | None:
        return self._parse(cell, lambda c: parse_priority(c.value))

    def yes_no(self, cell: Cell | None) -> bool | None:
        return self._parse(cell, lambda c: parse_yes_no(c.value))

    def status(self, cell: Cell | None) -> Status | None:
        def parse(c: Cell) -> Parsed[Status]:
            try:
                return Parsed(parse_status(str(c.value)))
            except ValueError as exc:
                raise BadValue("bad-status", str(exc)) from exc

        return self._parse(cell, parse)

    def with_parser(self, cell: Cell | None, slug: str, parse: Callable[[str], T]) -> T | None:
        """Read the cell's text with ``parse``; a ValueError it raises becomes a ``slug`` issue."""

        def wrapped(c: Cell) -> Parsed[T]:
            try:
                return Parsed(parse(clean_text(c.value) or ""))
            except ValueError as exc:
                raise BadValue(slug, str(exc)) from exc

        return self._parse(cell, wrapped)
