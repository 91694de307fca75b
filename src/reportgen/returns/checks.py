"""Checking returns against their service workbook and against each other.

* A code that is not in the workbook is an error (codes are locked: a changed code would move
  an update to the wrong action). A code given twice in one return is an error.
* A locked column changed anyway (a title, last quarter's values) is a warning: the change is
  ignored, the plan's value stands.
* A row issued but missing from the return is a warning: its values stay as last quarter's.
* An open action with nothing entered this quarter is a warning: last quarter's progress is kept.
* A status that contradicts the progress or the due date is a warning, as the build would give it.
* The same code returned by two people with different values is an error on both returns.
* A lead officer whose return has not come back is a warning for the service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportgen.errors import IssueList, Location
from reportgen.readers.tables import nearest
from reportgen.readers.values import clean_text
from reportgen.readers.workbook import Cell
from reportgen.returns.allocation import IssueBy, allocate, plan_rows
from reportgen.returns.indicators import (
    ReturnedIndicator,
    issued_values,
    locked_changes,
    measure_rows,
    no_value_warning,
)
from reportgen.returns.issue import issued_row_values
from reportgen.returns.layout import (
    INDICATORS_SHEET,
    LOCKED,
    RETURN_SHEET,
    lead_key,
    return_file_name,
)
from reportgen.returns.read import ReturnedFile, ReturnedRow
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.plan import code_key
from reportgen.rules.status import Status, contradiction, overdue_contradiction
from reportgen.schema.service import Action, ServicePlan


def _same(issued: object, cell: Cell) -> bool:
    found = cell.value
    if isinstance(issued, int) and isinstance(found, int | float):
        return round(found) == issued
    left, right = clean_text(issued), clean_text(found)
    fold = lambda text: " ".join(text.split()).casefold() if text else None  # noqa: E731
    return fold(left) == fold(right)


def check_against_plan(returned: ReturnedFile, plan: ServicePlan) -> None:
    """Codes, duplicates, locked columns, missing rows and empty entries of one return."""
    known = {code_key(a.code): (a, lead) for a, lead in plan_rows(plan)}
    seen: dict[str, ReturnedRow] = {}
    issued = {code_key(c) for c in returned.issued_codes}
    for position, row in enumerate(returned.rows):
        where = row.cells["code"].location
        if row.key not in known or (issued and row.key not in issued):
            _unknown_code(returned, row, position, returned.issued_codes, list(known))
            continue
        if row.key in seen:
            returned.issues.error(
                "duplicate-code",
                f"{row.code} is given twice: also in row {seen[row.key].row}; keep one row",
                where,
                row.code,
            )
            row.has_errors = True
            continue
        seen[row.key] = row
        action, lead = known[row.key]
        _check_locked(returned, row, issued_row_values(action, lead))
        if row.priority == action.priority:
            row.priority = None  # as issued: not a change
        if row.due_date == action.due_date:
            row.due_date = None
        _check_as_built(returned, row, action)
        if not row.entered and action.status not in (Status.COMPLETED, Status.CANCELLED):
            cell = row.cells.get("update") or row.cells["code"]
            period = returned.period.label if returned.period else "this quarter"
            returned.issues.warning(
                "no-update",
                f"{row.code} has no progress, status or update for {period}; last quarter's "
                "progress is kept and the report shows last quarter's update",
                cell.location,
            )
    _missing_rows(returned, returned.issued_codes, seen, RETURN_SHEET)
    _check_indicators(returned, plan)


def _check_as_built(returned: ReturnedFile, row: ReturnedRow, action: Action) -> None:
    """Warn, on the return's own cells, of what the build would warn once the row is merged:
    a status that contradicts the progress (Completed at 40%) or the due date (In Progress
    but due before the period end), so the officer fixes it on the checked copy."""
    if row.status is None or returned.period is None:
        return
    progress = row.progress if row.progress is not None else action.progress_given
    due = row.due_date or action.due_date
    problem = contradiction(row.status, progress) or overdue_contradiction(
        row.status, progress, due, returned.period.end
    )
    if problem:
        cell = row.cells.get("status") or row.cells["code"]
        returned.issues.warning(
            "status-contradiction",
            f"{row.code}: {problem}; the report would show the status as given",
            cell.location,
            row.status.value,
        )


def _missing_rows(
    returned: ReturnedFile, issued: Sequence[str], seen: Mapping[str, object], sheet: str
) -> None:
    missing = [c for c in issued if code_key(c) not in seen]
    if missing:
        returned.issues.warning(
            "missing-rows",
            f"{', '.join(missing)} {'was' if len(missing) == 1 else 'were'} issued but "
            "not returned (rows deleted?); last quarter's values are kept",
            Location(returned.name, sheet),
        )


def _check_indicators(returned: ReturnedFile, plan: ServicePlan) -> None:
    """Codes, duplicates, locked columns, missing rows and empty values of the Indicators."""
    known = {code_key(m.code): (m, lead) for m, lead in measure_rows(plan)}
    issued = {code_key(c) for c in returned.issued_indicators}
    seen: dict[str, ReturnedIndicator] = {}
    for position, row in enumerate(returned.indicators):
        if row.key not in known or row.key not in issued:
            _unknown_code(returned, row, position, returned.issued_indicators, list(known))
            continue
        if row.key in seen:
            returned.issues.error(
                "duplicate-code",
                f"{row.code} is given twice: also in row {seen[row.key].row}; keep one row",
                row.cells["code"].location,
                row.code,
            )
            row.has_errors = True
            continue
        seen[row.key] = row
        measure, lead = known[row.key]
        for name, cell in locked_changes(row, issued_values(measure, lead, plan.period)):
            _locked_warning(returned, cell, name, issued_values(measure, lead, plan.period)[name])
        if row.value is None and not row.has_errors:
            no_value_warning(row, returned.period, returned.issues)
    _missing_rows(returned, returned.issued_indicators, seen, INDICATORS_SHEET)


def _unknown_code(
    returned: ReturnedFile,
    row: ReturnedRow | ReturnedIndicator,
    position: int,
    issued: Sequence[str],
    codes: Sequence[str],
) -> None:
    if position < len(issued) and code_key(issued[position]) != row.key:
        hint = f"; this row was issued as {issued[position]}, and codes cannot be changed"
    else:
        guess = nearest(row.code, issued or codes)
        hint = f"; did you mean {guess}?" if guess else ""
    if row.key in {code_key(c) for c in codes}:
        problem = f"{row.code} is not one of the codes in this return{hint}"
    else:
        problem = f"{row.code} is not a code in {returned.workbook}{hint}"
    returned.issues.error("unknown-code", problem, row.cells["code"].location, row.code)
    row.has_errors = True


def _check_locked(returned: ReturnedFile, row: ReturnedRow, issued: dict[str, object]) -> None:
    for name in LOCKED:
        cell = row.cells.get(name)
        if cell is not None and not _same(issued[name], cell):
            _locked_warning(returned, cell, name, issued[name])


def _locked_warning(returned: ReturnedFile, cell: Cell, name: str, issued: object) -> None:
    shown = clean_text(issued) or "blank"
    if len(shown) > 80:
        shown = shown[:77] + "…"
    heading = (cell.location.heading or name).split(" (")[0]
    returned.issues.warning(
        "locked-changed",
        f"{heading} is locked and was changed; it was issued as '{shown}'. The change is "
        "ignored: ask the performance officer to change the plan",
        cell.location,
        cell.value,
    )


def _show(value: object) -> str:
    if value is None:
        return "blank"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def check_conflicts(returns: Sequence[ReturnedFile]) -> None:
    """The same code in two returns with different values: an error on each, naming the other.
    A value one return leaves blank is not a conflict."""
    for rows_of in (lambda r: r.rows, lambda r: r.indicators):
        by_code: dict[str, list[tuple[ReturnedFile, ReturnedRow | ReturnedIndicator]]] = {}
        for returned in returns:
            for row in rows_of(returned):
                if not row.has_errors and row.entered:
                    by_code.setdefault(row.key, []).append((returned, row))
        for entries in by_code.values():
            for index, (returned, row) in enumerate(entries):
                for other, other_row in entries[:index] + entries[index + 1 :]:
                    _conflict(returned, row, other, other_row)


def _conflict(
    returned: ReturnedFile,
    row: ReturnedRow | ReturnedIndicator,
    other: ReturnedFile,
    other_row: ReturnedRow | ReturnedIndicator,
) -> None:
    mine_all, theirs_all = row.values(), other_row.values()
    for name, mine in mine_all.items():
        theirs = theirs_all[name]
        if mine == theirs or mine is None or theirs is None:
            continue
        cell = row.cells.get(name) or row.cells["code"]
        heading = (cell.location.heading or name).split(" (")[0]
        where = other_row.cells.get(name, other_row.cells["code"]).location.ref
        returned.issues.error(
            "conflicting-return",
            f"{row.code} is also returned by {other.who} in {other.name} ({where}) with "
            f"{heading} {_show(theirs)}, not {_show(mine)}; agree one value and return it once",
            cell.location,
            cell.value,
        )
        row.has_errors = True


def missing_returns(
    plan: ServicePlan,
    stem: str,
    period: ReportingPeriod,
    returns: Sequence[ReturnedFile],
    by: IssueBy,
    issues: IssueList,
) -> list[str]:
    """The lead officers (or the service) whose return has not come back; each a warning."""
    returned = {lead_key(r.lead) if r.lead else "" for r in returns}
    closed = any(r.closed_issued for r in returns)
    missing: list[str] = []
    for allocation in allocate(plan, by, include_closed=closed):
        key = lead_key(allocation.lead) if allocation.lead else ""
        if key in returned:
            continue
        who = allocation.lead or "the whole service"
        name = return_file_name(stem, period, allocation.lead)
        missing.append(who)
        issues.warning(
            "missing-return",
            f"no return from {who} ({name}, {len(allocation.rows)} rows); their rows keep "
            "last quarter's values",
            Location(name),
            who,
        )
    return missing
