"""From a service workbook's rows to a resolved :class:`ServicePlan`, with every problem found.

Reading and checking the sheets lives here; the hierarchy, roll-up and status rules applied to
the rows live in :mod:`reportgen.rules.plan`. A row's due date is its Due Date, or else the last
month-year of its Completion Target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import IssueList, Location
from reportgen.kinds import Appendix, Settings
from reportgen.loaders.improvements import read_improvements
from reportgen.loaders.measures import read_measures
from reportgen.loaders.report import read_report_details
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import (
    Row,
    nearest,
    read_field_sheet,
    read_sheet,
)
from reportgen.readers.values import last_month_year
from reportgen.readers.workbook import Workbook
from reportgen.rules.periods import (
    PlanPeriod,
    ReportingPeriod,
    choose_period,
    split_leading_period,
)
from reportgen.rules.plan import (
    LoadedRow,
    build_hierarchy,
    code_key,
    group_sections,
    resolve_plan,
)
from reportgen.rules.status import (
    Schedule,
    Status,
)
from reportgen.rules.text import bullet_text, split_lines
from reportgen.schema.service import (
    ACTION_FIELDS,
    ACTIONS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    Action,
    PlanDetails,
    Section,
    ServicePlan,
)


@dataclass
class ServiceWorkbookResult:
    """A service workbook read and checked: the plan (None when errors block it) and issues."""

    path: Path
    plan: ServicePlan | None
    issues: IssueList = field(default_factory=IssueList)


def read_plan_details(
    workbook: Workbook, issues: IssueList, settings: Settings
) -> PlanDetails | None:
    """The Plan sheet. Service and Plan Title are required; the rest is optional."""
    cells = read_field_sheet(workbook, PLAN_SHEET, PLAN_FIELDS, issues)
    if cells is None:
        _missing_sheet(workbook, PLAN_SHEET, issues)
        return None
    read = CellReader(issues)
    period = read.with_parser(cells.get("reporting_period"), "bad-period", ReportingPeriod.parse)
    if period is not None and period.is_annual:
        issues.error(
            "bad-period",
            f"'{period.label}' is a whole year; the reporting period is a quarter such as "
            f"'Q2 {period.financial_year}'",
            cells.get("reporting_period").location,
            period.label,
        )
        period = None
    choice = choose_period(settings.period, period, read.date(cells.get("period_end")))
    if choice.problem and choice.at:
        cell = cells.get(choice.at)
        issues.error("period-mismatch", choice.problem, cell.location, cell.value)
    service = read.text(cells.get("service"))
    title = read.text(cells.get("plan_title"))
    if not service or not title:
        return None
    budget_cell = cells.get("revenue_budget")
    budget = read.number(budget_cell)
    if budget is not None and budget < 0:
        issues.error("bad-budget", f"'{budget_cell.value}' is below £0", budget_cell.location)
    fte_cell = cells.get("fte")
    fte = read.number(fte_cell)
    if fte is not None and fte < 0:
        issues.error(
            "bad-number", f"'{fte_cell.value}' is not a number of staff", fte_cell.location
        )
    return PlanDetails(
        organisation=read.text(cells.get("organisation")) or settings.organisation,
        service=service,
        plan_title=title,
        plan_code=read.text(cells.get("plan_code")),
        plan_period=read.with_parser(cells.get("plan_period"), "bad-period", PlanPeriod.parse),
        reporting_period=choice.period,
        period_end=choice.end,
        revenue_budget=budget,
        fte=fte,
        teams=split_lines(read.text(cells.get("teams"))),
        directorate=read.text(cells.get("directorate")),
    )


def _missing_sheet(workbook: Workbook, name: str, issues: IssueList) -> None:
    guess = nearest(name, workbook.sheet_names)
    hint = f"; did you mean '{guess}'? Rename it to '{name}'" if guess else ""
    found = ", ".join(f"'{s}'" for s in workbook.sheet_names) or "none"
    issues.error(
        "missing-sheet", f"no '{name}' sheet{hint}. Sheets found: {found}", workbook.where()
    )


def _read_action(row: Row, read: CellReader, issues: IssueList) -> LoadedRow | None:
    code = read.text(row["code"])
    title = read.text(row["title"])
    location = row["code"].location
    if not code:
        shown = f" '{title[:60]}'" if title else ""
        issues.error(
            "missing-code",
            f"the row{shown} has no Action Code; give every row a unique code such as STRAT1.2",
            location,
        )
        return None
    if not title:
        issues.error("missing-title", f"{code} has no Action Title", row["title"].location, None)
    update = read.text(row["update"])
    update_period = read.text(row["update_period"])
    if update:
        typed_period, update = strip_period_label(update)
        update_period = update_period or typed_period
    completion = read.text(row["completion_target"])
    due = read.date(row["due_date"])
    if due is None and completion:
        due = last_month_year(completion)
    action = Action(
        code=code,
        title=title or "",
        parent_code=read.text(row["parent"]),
        section=read.text(row["section"]),
        outcome=read.text(row["outcome"]),
        priority=read.priority(row["priority"]),
        desired_outcome=read.text(row["desired_outcome"]),
        outcome_measures=read.text(row["outcome_measures"]),
        recovery_renewal=read.yes_no(row["recovery_renewal"]),
        due_date=due,
        completion_target=completion,
        lead=read.text(row["lead"]),
        update=update,
        update_period=update_period,
        progress_given=read.percent(row["progress"]),
        status_given=read.status(row["status"]),
        row=row.number,
    )
    parent_cell = row["parent"]
    return LoadedRow(action, location, parent_cell.location if parent_cell else None)


def strip_period_label(update: str) -> tuple[str | None, str | None]:
    """Take a period label typed at the start of an update ("Q2 2022/23 - …", also inside a
    first bullet "• Q2 2022/23 - …") off the text, so the report can print it once, in bold."""
    first, _, rest = update.partition("\n")
    mark = ""
    body = first
    if bullet_text(first) is not None:
        stripped = first.lstrip()
        mark, body = stripped[0] + " ", bullet_text(first) or ""
    label, remainder = split_leading_period(body)
    if label is None:
        return None, update
    first = f"{mark}{remainder.strip()}" if remainder.strip() else ""
    text = "\n".join(part for part in (first, rest) if part).strip()
    return label, text or None


def read_actions(workbook: Workbook, issues: IssueList) -> list[LoadedRow] | None:
    """The Actions sheet's rows, each checked cell by cell; duplicate codes reported."""
    table = read_sheet(workbook, ACTIONS_SHEET, ACTION_FIELDS, issues)
    if table is None:
        _missing_sheet(workbook, ACTIONS_SHEET, issues)
        return None
    if not table.found:
        return None
    read = CellReader(issues)
    loaded: list[LoadedRow] = []
    seen: dict[str, Location] = {}
    for row in table.rows:
        item = _read_action(row, read, issues)
        if item is None:
            continue
        key = code_key(item.action.code)
        if key in seen:
            issues.error(
                "duplicate-code",
                f"{item.action.code} is used twice: also in {seen[key].ref}; every row needs "
                "its own code",
                item.location,
                item.action.code,
            )
            continue
        seen[key] = item.location
        loaded.append(item)
    if not loaded:
        issues.error(
            "no-actions",
            "the Actions sheet has no rows under its headings",
            Location(workbook.name, table.sheet),
        )
    return loaded


def _plan_row_code(
    rows: list[LoadedRow], details: PlanDetails, file: str, issues: IssueList
) -> str | None:
    """The code of the plan row when the Plan sheet gives no Plan Code: the first row of the
    Actions sheet, when nothing marks it as a group (no Section or Outcome, no Parent Code, no
    dot in its code, no rows under it) while the rows after it are grouped. Said as a warning,
    since a guess: without it the plan row would print as a group of its own."""
    if len(rows) < 2:
        return None
    first = rows[0].action
    key = code_key(first.code)
    children = any(
        code_key(r.action.code).startswith(key + ".")
        or (r.action.parent_code and code_key(r.action.parent_code) == key)
        for r in rows[1:]
    )
    grouped = any(r.action.section or r.action.outcome for r in rows[1:])
    if first.section or first.outcome or first.parent_code or "." in key or children:
        return None
    if not grouped:
        return None
    issues.warning(
        "plan-row-guessed",
        f"the Plan sheet gives no Plan Code, so the first row of the Actions sheet, "
        f"{first.code} ('{first.title[:60]}', {rows[0].location.ref}), is taken as the plan "
        f"row; give {first.code} as the Plan Code to be sure",
        Location(file, PLAN_SHEET),
        first.code,
    )
    return first.code


def stale_updates(plan: ServicePlan, issues: IssueList, locations: dict[str, Location]) -> None:
    """Warn about open actions whose latest update is from an earlier period than the report's."""
    period = plan.period
    if period is None:
        return
    for action in [*plan.groups, *plan.actions]:
        if action.status in (Status.COMPLETED, Status.CANCELLED) or not action.update_period:
            continue
        try:
            given = ReportingPeriod.parse(action.update_period)
        except ValueError:
            continue
        if given < period:
            issues.warning(
                "stale-update",
                f"{action.code}'s latest update is for {given.label}, not {period.label}",
                locations.get(code_key(action.code), Location(plan.source)),
                action.update_period,
            )


def load_service_plan(
    workbook: Workbook,
    settings: Settings | None = None,
    issues: IssueList | None = None,
    appendices: Sequence[Appendix] = (),
) -> ServiceWorkbookResult:
    """Read, check and resolve a service workbook. Every problem is collected; the plan is None
    when any of them is an error. ``appendices``: the documents the committee pack appends to
    the committee report (which its text refers to by name)."""
    settings = settings or Settings()
    issues = issues if issues is not None else IssueList()
    details = read_plan_details(workbook, issues, settings)
    rows = read_actions(workbook, issues)
    improvements = read_improvements(workbook, issues)
    measures = read_measures(workbook, issues)
    report = read_report_details(
        workbook,
        issues,
        details.plan_title if details else None,
        appendices,
        details.period_end if details else None,
    )
    if details is None or rows is None:
        return ServiceWorkbookResult(workbook.path, None, issues)
    period_end = details.period_end
    if details.reporting_period is None:
        issues.error(
            "missing-period",
            "the Plan sheet gives no Reporting Period (such as Q2 2022/23) or Period End; the "
            "report needs one (or pass --period)",
            Location(workbook.name, PLAN_SHEET),
        )
        return ServiceWorkbookResult(workbook.path, None, issues)
    if period_end is None:  # the Plan sheet disagrees with the build's period (reported)
        return ServiceWorkbookResult(workbook.path, None, issues)
    plan_code = details.plan_code or _plan_row_code(rows, details, workbook.name, issues)
    plan_row, groups = build_hierarchy(rows, plan_code, issues)
    plan_action = plan_row or Action(
        code=details.plan_code or "", title=details.plan_title, level="plan"
    )
    if plan_action.due_date is None and details.plan_period is not None:
        plan_action.due_date = details.plan_period.end
    locations = {code_key(r.action.code): r.location for r in rows}
    schedule = Schedule(
        period_end=period_end,
        plan_start=details.plan_period.start if details.plan_period else None,
        behind_threshold=settings.behind_threshold,
    )
    resolve_plan(plan_action, groups, schedule, locations, issues)
    plan = ServicePlan(
        source=workbook.name,
        details=details,
        plan=plan_action,
        sections=[Section(name=name, groups=members) for name, members in group_sections(groups)],
    )
    plan.improvements = improvements
    plan.measures = measures
    plan.report = report
    stale_updates(plan, issues, locations)
    if issues.has_errors:
        return ServiceWorkbookResult(workbook.path, None, issues)
    return ServiceWorkbookResult(workbook.path, plan, issues)


def load_service_model(
    workbook: Workbook, settings: Settings, issues: IssueList, appendices: Sequence[Appendix] = ()
) -> ServicePlan | None:
    """The loader registered for service workbooks (see :mod:`reportgen.layouts`, which gives
    it the committee pack's ``appendices``)."""
    return load_service_plan(workbook, settings, issues, appendices).plan
