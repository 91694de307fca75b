"""Reading the Measures sheet of a service workbook into :class:`Measure` models.

The fixed columns are found by heading (see ``MEASURE_FIELDS``); every other heading in the
heading row that reads as a reporting period (``Q1 2022/23``, ``2021/22``) is a period column.
A sheet may hold quarter columns and year columns side by side (quarterly and annual measures),
but one measure's values are all quarters or all years. A heading that looks like a period but
is not one (``Q5 2022/23``, ``2022/24``) is an error, as are two columns for one period, a row
with values under both quarters and years, text in a value cell, a polarity that is not
understood and two rows with one code. Every problem is collected against its cell.

Values are read in the measure's unit: ``41.8``, ``"41.8%"`` and ``0.418`` in a cell formatted
as % all give 41.8 for a % measure (``0.418`` in a plain cell too, with a warning, as for
progress); ``"1,234"`` and ``"£1,234"`` give 1234.
"""

from __future__ import annotations

import re

from reportgen.errors import IssueList, Location
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import Row, Table, read_sheet
from reportgen.readers.values import (
    BadValue,
    Parsed,
    clean_text,
    is_blank,
    parse_number,
    real_number,
)
from reportgen.readers.workbook import Cell, Sheet, Workbook, normalise_heading
from reportgen.rules.indicators import (
    Polarity,
    Target,
    is_percent_unit,
    parse_polarity,
    period_order,
)
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.measures import MEASURE_FIELDS, MEASURES_SHEET, Measure

# A heading that someone meant as a period: starts with Q/Quarter or is a pair of years.
_PERIOD_LIKE = re.compile(r"^\s*(q|qtr|quarter)\s*\d|^\s*(fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}", re.I)
_RANGE = re.compile(r"^\s*(?P<low>[^–\-]+?)\s*(?:–|-|to)\s*(?P<high>[^–\-]+?)\s*$", re.I)


def parse_measure_value(raw: object, number_format: str, percent: bool) -> Parsed[float | None]:
    """A value in a measure's unit. For a % measure: 41.8, "41.8%", or 0.418 in a %-cell all
    give 41.8; 0.418 in a cell not formatted as % also gives 41.8, with a warning. NaN,
    infinity and figures too large to be real are refused."""
    parsed = _measure_value(raw, number_format, percent)
    if parsed.value is not None:
        real_number(parsed.value, raw)
    return parsed


def _measure_value(raw: object, number_format: str, percent: bool) -> Parsed[float | None]:
    if is_blank(raw):
        return Parsed(None)
    if percent:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if "%" in (number_format or ""):
                return Parsed(round(float(raw) * 100, 6))
            if 0 < abs(raw) < 1:
                # as for progress (docs/returns.md): a fraction in a cell not formatted as %
                shown = f"{raw * 100:.6g}"
                return Parsed(
                    round(float(raw) * 100, 6),
                    f"{raw:g} was read as {shown}%; type {shown} or {shown}% to be sure",
                )
            return Parsed(round(float(raw), 6))
        text = str(raw).strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        try:
            number = parse_number(text).value if text else None
        except BadValue:
            number = None
        if number is None:
            raise BadValue("bad-number", f"'{raw}' is not a percentage; expected e.g. 41.8%")
        return Parsed(round(number, 6))
    if isinstance(raw, str) and raw.strip().endswith("%"):
        raise BadValue(
            "bad-number",
            f"'{raw}' is a percentage but the measure's unit is not %; give the "
            "unit as '%' or type the number alone",
        )
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Parsed(float(raw))  # parse_measure_value checks it is a real figure
    try:
        return parse_number(raw, number_format)
    except BadValue as exc:
        raise BadValue("bad-number", f"'{raw}' is not a number; expected e.g. 43 or 1,234") from exc


def period_columns(
    sheet: Sheet, table: Table, issues: IssueList
) -> list[tuple[int, ReportingPeriod]]:
    """The period columns of the heading row, in sheet order, with bad headings reported."""
    mapped = {_column_index(letter) for letter in table.columns.values()}
    row = table.heading_row or 1
    found: list[tuple[int, ReportingPeriod]] = []
    seen: dict[ReportingPeriod, str] = {}
    for col in range(1, sheet.width(row) + 1):
        value, _ = sheet.raw(row, col)
        if col in mapped or is_blank(value) or sheet.is_merged_child(row, col):
            continue
        heading = " ".join(str(value).split())
        location = sheet.location(row, col, heading)
        try:
            period = ReportingPeriod.parse(heading)
        except ValueError as exc:
            if _PERIOD_LIKE.match(heading):
                issues.error("bad-period-heading", str(exc), location, heading)
            continue
        if period in seen:
            issues.error(
                "duplicate-period",
                f"{period.label} has two columns ({seen[period]} and {location.cell}); keep one",
                location,
                heading,
            )
            continue
        seen[period] = location.cell or ""
        found.append((col, period))
    return found


def read_value(
    cell: Cell | None, percent: bool, issues: IssueList, raw: object = None
) -> float | None:
    """A cell's value in the measure's unit, or None (blank, or unreadable with an error).

    ``raw`` reads that text instead of the cell's value (one end of a target range)."""
    if cell is None or cell.blank:
        return None
    value, number_format = (cell.value, cell.number_format) if raw is None else (raw, "General")
    try:
        parsed = parse_measure_value(value, number_format, percent)
    except BadValue as exc:
        issues.error(exc.type, exc.message, cell.location, cell.value)
        return None
    if parsed.warning:
        issues.warning("doubtful-value", parsed.warning, cell.location, cell.value)
    return parsed.value


def _column_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char.upper()) - 64
    return index


def _read_target(
    cell: Cell | None, percent: bool, polarity: Polarity | None, issues: IssueList
) -> Target | None:
    if cell is None or cell.blank:
        return None
    text = clean_text(cell.value) or ""
    match = _RANGE.match(text) if isinstance(cell.value, str) else None
    if match and not text.lstrip().startswith("-"):
        low = read_value(cell, percent, issues, match["low"])
        high = read_value(cell, percent, issues, match["high"])
        if low is None or high is None:
            return None
        if polarity is not Polarity.RANGE:
            issues.error(
                "bad-target",
                f"'{text}' is a range, but the polarity is not 'Within range'; give one target "
                "value or set Polarity to 'Within range'",
                cell.location,
                text,
            )
            return None
        return Target(min(low, high), max(low, high))
    value = read_value(cell, percent, issues)
    return None if value is None else Target(value)


def _read_measure(
    row: Row, columns: list[tuple[int, ReportingPeriod]], sheet: Sheet, issues: IssueList
) -> Measure | None:
    read = CellReader(issues)
    code = read.text(row["code"])
    title = read.text(row["title"])
    if not code:
        shown = f" '{title[:60]}'" if title else ""
        issues.error(
            "missing-code",
            f"the indicator{shown} has no Code; give every row a unique code",
            row["code"].location,
        )
        return None
    if not title:
        issues.error("missing-title", f"{code} has no Indicator title", row["title"].location)
    unit = read.text(row["unit"])
    percent = is_percent_unit(unit)
    polarity = read.with_parser(row["polarity"], "bad-polarity", parse_polarity)
    target = _read_target(row["target"], percent, polarity, issues)
    if target is not None and polarity is None and _blank(row["polarity"]):
        issues.error(
            "missing-polarity",
            f"{code} has a target but no Polarity; say 'Higher is better', 'Lower is better' or "
            "'Within range' so the status can be judged",
            row["polarity"].location if row["polarity"] else row["code"].location,
        )

    values: dict[ReportingPeriod, float] = {}
    kinds: dict[bool, Cell] = {}
    for col, period in columns:
        raw, number_format = sheet.raw(row.number, col)
        cell = Cell(raw, number_format, sheet.location(row.number, col, period.label))
        value = read_value(cell, percent, issues)
        if value is not None:
            values[period] = value
            kinds.setdefault(period.is_annual, cell)
    if len(kinds) > 1:
        issues.error(
            "mixed-periods",
            f"{code} has values under both quarters ({kinds[False].location.ref}) and whole "
            f"years ({kinds[True].location.ref}); a measure is reported quarterly or yearly, "
            "so clear one or the other",
            kinds[True].location,
            kinds[True].value,
        )
    return Measure(
        code=code,
        title=title or code,
        unit=unit,
        polarity=polarity,
        target=target,
        tolerance=read_value(row["tolerance"], percent, issues),
        baseline=read_value(row["baseline"], percent, issues),
        values=dict(sorted(values.items(), key=lambda item: period_order(item[0]))),
        periods=sorted((p for _, p in columns), key=period_order),
        commentary=read.text(row["commentary"]),
        lead=read.text(row["lead"]),
        row=row.number,
    )


def _blank(cell: Cell | None) -> bool:
    return cell is None or cell.blank


def read_measures(workbook: Workbook, issues: IssueList) -> list[Measure] | None:
    """The Measures sheet's indicators in sheet order, or None when the workbook has no
    Measures sheet. Problems are added to ``issues``; rows with no code are left out."""
    sheet = workbook.sheet(MEASURES_SHEET)
    table = read_sheet(workbook, MEASURES_SHEET, MEASURE_FIELDS, issues)
    if sheet is None or table is None:
        return None
    if not table.found:
        return []
    columns = period_columns(sheet, table, issues)
    if not table.rows:
        return []  # a Measures sheet left blank: no indicators this period
    if not columns:
        issues.error(
            "missing-periods",
            "the Measures sheet has no period columns; head one column per period, such as "
            "'Q1 2022/23' or '2021/22'",
            Location(sheet.file_name, sheet.title),
        )
    measures: list[Measure] = []
    first_row: dict[str, Location] = {}
    for row in table.rows:
        measure = _read_measure(row, columns, sheet, issues)
        if measure is None:
            continue
        key = normalise_heading(measure.code).replace(" ", "")
        location = row["code"].location
        if key in first_row:
            issues.error(
                "duplicate-code",
                f"{measure.code} is given twice; the first is in {first_row[key].ref}. Give "
                "each indicator its own code",
                location,
                measure.code,
            )
            continue
        first_row[key] = location
        measures.append(measure)
    return measures
