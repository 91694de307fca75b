"""Issuing the quarter's returns: one Excel file per lead officer (or per service workbook).

Each return holds only its lead's rows (the plan row, groups and actions whose Lead Officer is
theirs; a row with no lead takes its group's, then the plan's), pre-filled with the plan
columns and last quarter's progress, status and update, with this quarter's columns open.
Completed and cancelled rows are closed: they are not issued again unless asked
(``include_closed``). Returns already issued for the period are never replaced unless asked
(``force``): they may have been sent, and an officer may be filling one in.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook as XlWorkbook
from openpyxl.utils import get_column_letter

from reportgen.errors import IssueList, Location, OutputError, ReportgenError, WorkbookError
from reportgen.kinds import Settings
from reportgen.layouts import recognise
from reportgen.loaders.service import load_service_plan
from reportgen.readers.discovery import discover
from reportgen.readers.workbook import Workbook, open_workbook
from reportgen.returns.allocation import (
    Allocation,
    IssueBy,
    allocate,
    is_closed,
    plan_rows,
)
from reportgen.returns.indicators import write_indicators_sheet
from reportgen.returns.layout import (
    COLUMNS,
    HEADING_ROW,
    PRIORITY_CHOICES,
    RETURN_SHEET,
    return_file_name,
    write_value,
)
from reportgen.returns.links import LinkBook
from reportgen.returns.seal import (
    SEAL_FIELD,
    WORKSPACE_DIR,
    IssuedRecord,
    find_workspace,
    register_issued,
    seal,
    workspace_key,
)
from reportgen.returns.sheets import (
    add_validations,
    fit_row_height,
    protect,
    style_body_cell,
    style_heading_row,
    write_details_sheet,
    write_instructions,
    write_title,
)
from reportgen.rules.formats import plural, plural_word
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.service import Action, ServicePlan
from reportgen.write.crash import unexpected_failure
from reportgen.write.output import WriteResult
from reportgen.write.transaction import name_key, write_files


@dataclass
class IssuedReturn:
    """One return written: where, for whom, from which workbook, and how many rows."""

    path: Path
    lead: str | None
    workbook: str
    rows: int
    indicators: int = 0
    changed: bool = True
    service: str = ""
    link: str | None = None  # the return's own web page (see :mod:`.links`)
    replaced: bool = False  # a return already issued for the period was replaced (``force``)


class ReturnsAlreadyIssued(OutputError):
    """Raised by ``issue_returns`` without ``force`` when returns it would write were issued
    already (and may have been sent); ``kept`` are those returns, left as they are."""

    def __init__(self, message: str, kept: list[Path]) -> None:
        super().__init__(message)
        self.kept = kept


@dataclass
class SourceReport:
    """What happened to one service workbook: problems found, or why it was passed over."""

    path: Path
    issues: IssueList = field(default_factory=IssueList)
    failure: str | None = None


@dataclass
class IssueReport:
    """The result of ``issue_returns``: the returns written and each workbook's problems."""

    period: ReportingPeriod
    issued: list[IssuedReturn] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    mail_merge: Path | None = None  # the links for a mail merge, when links were made
    closed: list[str] = field(default_factory=list)  # completed or cancelled rows not issued

    @property
    def ok(self) -> bool:
        return all(s.failure is None and not s.issues.has_errors for s in self.sources)


def is_service_workbook(workbook: Workbook) -> bool:
    """True when ``workbook`` is recognised as a service workbook (see :mod:`reportgen.kinds`)."""
    kind = recognise(workbook)
    return kind is not None and kind.name == "service"


def issued_row_values(action: Action, lead: str | None) -> dict[str, object]:
    """A row of the return as issued, by column name: the plan's values and last quarter's."""
    progress = action.progress
    return {
        "code": action.code,
        "title": action.title,
        "desired_outcome": action.desired_outcome,
        "lead": lead,
        "priority": PRIORITY_CHOICES[action.priority - 1] if action.priority else None,
        "due_date": action.due_date,
        "last_progress": round(progress) if progress is not None else None,
        "last_status": action.status.value,
        "last_update": action.update,
    }


def return_details(
    plan: ServicePlan,
    allocation: Allocation,
    period: ReportingPeriod,
    by: IssueBy,
    file: str,
    include_closed: bool = False,
) -> dict[str, str]:
    """What the hidden Return Details sheet records: the workbook, lead, period and codes."""
    last = plan.period
    return {
        "Service Workbook": plan.source,
        "Service": plan.details.service,
        "Lead Officer": allocation.lead or "",
        "Period": period.label,
        "Last Period": last.label if last else "",
        "Issued By": by,
        "Closed Issued": "yes" if include_closed else "no",
        "Issued Codes": "\n".join(a.code for a in allocation.rows),
        "Issued Indicators": "\n".join(m.code for m in allocation.measures),
        "Return File": file,
    }


def build_return(
    plan: ServicePlan,
    allocation: Allocation,
    period: ReportingPeriod,
    by: IssueBy,
    link: str | None = None,
    due: dt.date | None = None,
    details: dict[str, str] | None = None,
) -> bytes:
    """The return for one allocation as .xlsx bytes; ``link`` and ``due`` are printed on its
    Instructions sheet, ``details`` (sealed, see :mod:`.seal`) on its hidden Return Details."""
    last = plan.period
    leads = {id(action): lead for action, lead in plan_rows(plan)}
    book = XlWorkbook()
    sheet = book.active
    sheet.title = RETURN_SHEET
    write_title(sheet, plan.details.service, period, allocation.lead)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(HEADING_ROW, index, column.title(period, last))
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    style_heading_row(sheet)
    for offset, action in enumerate(allocation.rows, start=1):
        row = HEADING_ROW + offset
        values = issued_row_values(action, leads.get(id(action)))
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row, index)
            write_value(cell, values.get(column.name))
            style_body_cell(cell, column)
        fit_row_height(sheet, row, values)
    last_row = HEADING_ROW + len(allocation.rows)
    add_validations(sheet, last_row)
    sheet.freeze_panes = sheet.cell(HEADING_ROW + 1, 3)
    protect(sheet)
    if plan.measures is not None and allocation.measures:
        write_indicators_sheet(book, plan, allocation.measures, period, allocation.lead)
    write_instructions(
        book,
        plan,
        period,
        allocation.lead,
        len(allocation.rows) + len(allocation.measures),
        link=link,
        due=due,
    )
    write_details_sheet(book, details or return_details(plan, allocation, period, by, ""))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check_period(plan: ServicePlan, period: ReportingPeriod, source: SourceReport) -> bool:
    last = plan.period
    if last is not None and last >= period:
        source.issues.error(
            "period-not-after",
            f"the workbook already reports {last.label}; returns can only be issued for a later "
            f"quarter than that, not {period.label}",
            Location(source.path.name, "Plan"),
            period.label,
        )
        return False
    if last is not None and last != period.previous:
        source.issues.warning(
            "period-gap",
            f"the workbook reports {last.label}, not {period.previous.label}: the returns show "
            f"{last.label}'s values as last quarter's",
            Location(source.path.name, "Plan"),
            last.label,
        )
    return True


def issue_returns(
    input_dir: Path,
    output_dir: Path,
    period: ReportingPeriod,
    by: IssueBy = "lead",
    links: LinkBook | None = None,
    due: dt.date | None = None,
    workspace: Path | None = None,
    include_closed: bool = False,
    force: bool = False,
) -> IssueReport:
    """Write the returns for ``period`` from every service workbook in ``input_dir`` into
    ``output_dir``, completed and cancelled rows only when ``include_closed``. All or nothing:
    when any workbook has errors, or two returns would get one file name, nothing is written;
    when a return is already there (issued before, perhaps sent), ReturnsAlreadyIssued names
    them (and nothing is written) unless ``force``. Each return's details are sealed and
    recorded in the ``workspace`` (by default the one ``input_dir`` belongs to, see
    :mod:`.seal`).

    With ``links``, each return gets its own web link (printed on its Instructions sheet, with
    the ``due`` date) and the period's links and mail-merge file are written with the returns."""
    if period.is_annual:
        raise ReportgenError(f"returns are issued for a quarter such as 'Q3 {period.label}'")
    workspace = workspace or find_workspace(input_dir)
    key = workspace_key(workspace, create=True)
    report = IssueReport(period)
    paths, report.skipped = discover(input_dir)
    staged: list[tuple[str, bytes, IssuedReturn]] = []
    records: list[IssuedRecord] = []
    for path in paths:
        source = SourceReport(path)
        report.sources.append(source)
        plan = _read_source(path, source, report, workspace)
        if plan is None or not _check_period(plan, period, source):
            continue
        if not include_closed:
            report.closed += [a.code for a, _ in plan_rows(plan) if is_closed(a)]
        for allocation in allocate(plan, by, include_closed):
            name = return_file_name(path.stem, period, allocation.lead)
            service = plan.details.service
            link = None
            if links is not None:
                link = links.link_for(
                    path.name,
                    service,
                    allocation.lead,
                    name,
                    len(allocation.rows),
                    len(allocation.measures),
                )
            details = return_details(plan, allocation, period, by, name, include_closed)
            if key is not None:
                details[SEAL_FIELD] = seal(key, details)
                records.append(IssuedRecord(details[SEAL_FIELD], dict(details)))
            data = build_return(plan, allocation, period, by, link, due, details)
            issued = IssuedReturn(
                output_dir / name,
                allocation.lead,
                path.name,
                len(allocation.rows),
                len(allocation.measures),
                service=service,
                link=link,
            )
            staged.append((name, data, issued))
    _refuse_shared_names(staged, report)
    sent = [output_dir / name for name, _, _ in staged if (output_dir / name).exists()]
    if report.ok and sent and not force:
        raise ReturnsAlreadyIssued(
            f"{plural(len(sent), 'return')} for {period.label} "
            f"{plural_word(len(sent), 'was', 'were')} issued already and may have been sent: "
            f"{', '.join(p.name for p in sent)} in {output_dir}. Nothing was issued; "
            "issue again with --force to replace them (an officer filling in the old one "
            "would then be filling in a return that is no longer the one collected against)",
            sent,
        )
    if report.ok and staged:
        if records:
            register_issued(workspace, period, records)  # before the returns: never unrecorded
        extra = links.staged(period, input_dir, due) if links else []
        root = links.folder if links else output_dir  # one commit: the returns and their links
        files = [(output_dir / n, d) for n, d, _ in staged] + extra
        written: list[WriteResult] = write_files(root, files)
        for (_, _, issued), result in zip(staged, written, strict=False):
            issued.changed = result.changed
            issued.replaced = issued.path in sent
            report.issued.append(issued)
        if links:
            report.mail_merge = extra[-1][0]
    return report


def _read_source(
    path: Path, source: SourceReport, report: IssueReport, workspace: Path
) -> ServicePlan | None:
    """One service workbook read and checked; None (with why in ``source``) when returns
    cannot be issued from it."""
    try:
        workbook = open_workbook(path)
        if not is_service_workbook(workbook):
            report.sources.remove(source)
            report.skipped.append(
                (path, "not a service workbook (returns are issued for service workbooks only)")
            )
            return None
        result = load_service_plan(workbook, Settings(), source.issues)
        source.issues.extend(workbook.problems)
    except WorkbookError as exc:
        source.failure = str(exc)
        return None
    except Exception as exc:  # a bug: name the workbook, keep the traceback, read the others
        crashes = workspace / WORKSPACE_DIR
        source.failure = unexpected_failure(crashes, f"reading {path.name}", exc)
        return None
    return None if workbook.problems else result.plan


def _refuse_shared_names(
    staged: list[tuple[str, bytes, IssuedReturn]], report: IssueReport
) -> None:
    """Two returns that would get one file name (two spellings of a lead's name, ``x.xlsx`` and
    ``x.xlsm``): an error on each workbook involved, so that none is lost."""
    by_name: dict[str, list[IssuedReturn]] = {}
    for name, _, issued in staged:
        by_name.setdefault(name_key(name), []).append(issued)
    sources = {s.path.name: s for s in report.sources}
    for name, clashing in by_name.items():
        if len(clashing) < 2:
            continue
        who = " and ".join(f"'{i.lead or 'the whole service'}' ({i.workbook})" for i in clashing)
        for workbook in dict.fromkeys(i.workbook for i in clashing):
            sources[workbook].issues.error(
                "return-name-clash",
                f"{who} would both be issued {clashing[0].path.name}, and one return would be "
                "lost; if they are one person, write the name the same way in every row, if "
                "two, make the names differ",
                Location(workbook, "Actions"),
                name,
            )
