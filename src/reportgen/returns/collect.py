"""Collecting the quarter's returns: read, check, annotate, archive, merge.

``collect_returns(config)`` reads every return in a folder, checks each cell with the same
parsers as a service workbook, matches rows back to the plan by Action Code, reports who has not
returned and what conflicts, writes a ``-checked`` copy of every return with problems, archives
every return it read, and, for each service whose returns are free of errors, writes a new
service workbook with the quarter's values merged in (see :mod:`.merge`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import InputError, IssueList, Location, WorkbookError
from reportgen.history.records import record_of
from reportgen.kinds import Settings
from reportgen.loaders.service import load_service_plan
from reportgen.readers.discovery import discover
from reportgen.readers.workbook import open_workbook
from reportgen.returns.allocation import IssueBy
from reportgen.returns.annotate import checked_name, write_checked_copy
from reportgen.returns.archive import ArchivedReturn, archive_folder, archive_returns
from reportgen.returns.checks import check_against_plan, check_conflicts, missing_returns
from reportgen.returns.issue import is_service_workbook
from reportgen.returns.layout import lead_key
from reportgen.returns.merge import merged_folder, write_merged
from reportgen.returns.read import ReturnedFile, read_return
from reportgen.returns.seal import find_workspace, verify_returns
from reportgen.rules.formats import plural
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.service import ServicePlan
from reportgen.write.crash import unexpected_failure
from reportgen.write.history import HistoryStore
from reportgen.write.output import WriteResult


@dataclass
class CollectConfig:
    """Where the returns are, where the service workbooks are, and where results go."""

    returns_dir: Path
    input_dir: Path = Path("input")
    period: ReportingPeriod | None = None
    merged_dir: Path | None = None  # default: input/<period>, see merge.merged_folder
    archive_root: Path = Path("archive")
    checked_dir: Path | None = None  # default: <returns_dir>/checked
    workspace: Path | None = None  # where issued returns are recorded; default: input's
    history_dir: Path | None = None  # each period's figures; else history/ beside the archive
    settings: Settings = field(default_factory=Settings)  # reportgen.toml's, as a build reads


@dataclass
class ServiceCollection:
    """One service workbook's returns, who is missing, and the merged workbook written."""

    workbook: Path
    returns: list[ReturnedFile] = field(default_factory=list)
    issues: IssueList = field(default_factory=IssueList)
    missing: list[str] = field(default_factory=list)
    merged: WriteResult | None = None
    blocked: str | None = None


@dataclass
class CollectReport:
    """Everything ``collect_returns`` found and wrote."""

    period: ReportingPeriod | None = None
    returns: list[ReturnedFile] = field(default_factory=list)
    services: list[ServiceCollection] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    archived: list[ArchivedReturn] = field(default_factory=list)
    archive_dir: Path | None = None
    failure: str | None = None

    @property
    def ok(self) -> bool:
        """True when nothing failed and no return has an error (warnings allowed)."""
        return (
            self.failure is None
            and all(r.failure is None and not r.issues.has_errors for r in self.returns)
            and all(s.blocked is None or not s.returns for s in self.services)
        )


def _choose_period(config: CollectConfig, returns: list[ReturnedFile]) -> ReportingPeriod | None:
    if config.period is not None:
        return config.period
    periods = Counter(r.period for r in returns if r.period is not None and r.failure is None)
    return periods.most_common(1)[0][0] if periods else None


def _set_aside(returns: list[ReturnedFile], period: ReportingPeriod) -> None:
    """Returns for another period fail. Of two returns of one workbook's return for one lead,
    saved by the same person, the one saved last is the return and the earlier is superseded
    (a corrected copy sent again); saved by different people, both count (and may conflict)."""
    latest: dict[tuple[str, str, str], ReturnedFile] = {}
    for returned in returns:
        if returned.failure is not None:
            continue
        if returned.period != period:
            returned.failure = (
                f"{returned.name}: this return is for {returned.period}, not {period.label}"
            )
            continue
        key = (
            returned.workbook or "",
            lead_key(returned.lead or ""),
            lead_key(returned.saved_by or ""),
        )
        earlier = latest.get(key)
        if earlier is None:
            latest[key] = returned
            continue
        newer, older = sorted((earlier, returned), key=_saved_order, reverse=True)
        older.superseded_by = newer.path
        latest[key] = newer


def _saved_order(returned: ReturnedFile) -> tuple[dt.datetime, str]:
    """When a copy was saved, by Excel's own record (the file's date changes when it is copied
    or mailed), for ordering two copies of one return."""
    when = returned.saved_at or returned.received or dt.datetime.min.replace(tzinfo=dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when, returned.name


def _service_plans(
    config: CollectConfig, period: ReportingPeriod, report: CollectReport, crash_dir: Path
) -> dict[str, tuple[Path, ServicePlan | None, IssueList]]:
    """The service workbooks in the input folder that can take ``period``'s returns, by name.
    Each plan's figures for the period it reports are kept in the history."""
    paths, _ = discover(config.input_dir)
    plans: dict[str, tuple[Path, ServicePlan | None, IssueList]] = {}
    for path in paths:
        issues = IssueList()
        try:
            workbook = open_workbook(path)
            if not is_service_workbook(workbook):
                continue
            result = load_service_plan(workbook, config.settings, issues)
            issues.extend(workbook.problems)
        except WorkbookError as exc:
            report.skipped.append((path, str(exc)))
            continue
        except Exception as exc:  # a bug: name the workbook, keep the traceback, go on
            failure = unexpected_failure(crash_dir, f"reading {path.name}", exc)
            report.skipped.append((path, failure))
            continue
        if workbook.problems:
            result.plan = None
        if result.plan is not None and result.plan.period and result.plan.period >= period:
            continue  # already reports this period (or later): not waiting for returns
        _keep(result.plan, config)
        plans[path.name] = (path, result.plan, issues)
    return plans


def _refuse_other_services(collection: ServiceCollection, plan: ServicePlan) -> None:
    """A return issued for another service (a workbook of the same name for another service)
    is refused, never merged."""
    service = lead_key(plan.details.service)
    for returned in list(collection.returns):
        if returned.service is not None and lead_key(returned.service) != service:
            returned.failure = (
                f"{returned.name}: this return is for {returned.service}, but "
                f"{collection.workbook.name} is {plan.details.service}'s plan; it is not merged"
            )
            collection.returns.remove(returned)


def _keep(plan: ServicePlan | None, config: CollectConfig) -> None:
    """Keep a plan's figures for its period in the history (as a build does)."""
    record = record_of(plan) if plan is not None else None
    if record is not None:
        HistoryStore(config.history_dir or config.archive_root.parent / "history").save(record)


def _keep_merged(merged: Path, config: CollectConfig) -> None:
    """Keep the merged workbook's figures for the new period, read as a build reads them."""
    result = load_service_plan(open_workbook(merged), config.settings, IssueList())
    _keep(result.plan, config)


def _collect_service(
    collection: ServiceCollection,
    plan: ServicePlan | None,
    period: ReportingPeriod,
    config: CollectConfig,
) -> None:
    if plan is None:
        collection.blocked = (
            f"{collection.workbook.name} has errors of its own; run 'reportgen validate' on it"
        )
        return
    _refuse_other_services(collection, plan)
    for returned in collection.returns:
        check_against_plan(returned, plan)
    check_conflicts(collection.returns)
    by: IssueBy = "service" if any(r.issued_by == "service" for r in collection.returns) else "lead"
    collection.missing = missing_returns(
        plan, collection.workbook.stem, period, collection.returns, by, collection.issues
    )
    if not collection.returns:
        collection.blocked = "no returns have come back yet"
        return
    errors = sum(len(r.issues.errors) for r in collection.returns)
    if errors:
        collection.blocked = (
            f"{plural(errors, 'error')} in the returns: send the checked copies back, then "
            "collect again"
        )
        return
    rows = {row.key: row for r in collection.returns for row in r.rows if not row.has_errors}
    indicators = {
        row.key: row for r in collection.returns for row in r.indicators if not row.has_errors
    }
    merged_dir = config.merged_dir or merged_folder(config.input_dir, period)
    collection.merged = write_merged(collection.workbook, rows, period, merged_dir, indicators)
    _keep_merged(collection.merged.path, config)


def _write_checked(returned: ReturnedFile, folder: Path) -> None:
    if any(i.type == "merged-too-far" for i in returned.issues):
        return  # a copy would have to expand the merge cell by cell: the problems say what to do
    if returned.issues.items:
        returned.checked = write_checked_copy(returned.path, returned.issues.items, folder).path
        return
    stale = folder / checked_name(returned.path)
    if stale.is_file():
        stale.unlink()  # an earlier checked copy of a return that is now clean


def collect_returns(config: CollectConfig, now: dt.datetime | None = None) -> CollectReport:
    """Collect, check, annotate, archive and merge the returns in ``config.returns_dir``."""
    report = CollectReport()
    paths, report.skipped = discover(config.returns_dir)
    crash_dir = config.checked_dir or config.returns_dir / "checked"
    report.returns = [read_return(path, crash_dir) for path in paths]
    if not report.returns:
        report.failure = f"no returns (.xlsx) found in {config.returns_dir}"
        return report
    verify_returns(report.returns, config.workspace or find_workspace(config.input_dir))
    period = _choose_period(config, report.returns)
    if period is None:
        report.failure = "none of the returns could be read, so the period is not known"
        return report
    report.period = period
    _set_aside(report.returns, period)
    active = [r for r in report.returns if r.failure is None and r.superseded_by is None]
    if not config.input_dir.is_dir():
        raise InputError(f"input folder {config.input_dir} not found")
    plans = _service_plans(config, period, report, crash_dir)
    for name, (path, plan, issues) in plans.items():
        collection = ServiceCollection(path, issues=IssueList(list(issues.errors)))
        collection.returns = [r for r in active if r.workbook == name]
        report.services.append(collection)
        _collect_service(collection, plan, period, config)
    for returned in active:
        if returned.workbook not in plans:
            returned.issues.error(
                "unknown-workbook",
                f"this return belongs to {returned.workbook}, which is not in "
                f"{config.input_dir} waiting for {period.label} returns",
                Location(returned.name),
                returned.workbook,
            )
    checked = config.checked_dir or config.returns_dir / "checked"
    for returned in active:
        _write_checked(returned, checked)
    report.archive_dir = archive_folder(config.archive_root, period)
    when = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    report.archived = archive_returns(report.returns, report.archive_dir, when)
    return report
