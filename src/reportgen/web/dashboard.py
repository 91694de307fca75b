"""The performance officer's period dashboard: who has sent what, who to chase, and the actions
that issue the returns and collect them.

Per service and lead officer: expected, received, needs fixing or missing, when each came in
(on the web, or dropped in ``returns/<period>/received/`` and read by the last collect), and a
chase list to copy into an e-mail. "Collect and merge" runs the same library call as
``reportgen returns collect``, as a background job; issuing is in :mod:`.issuing`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from reportgen.errors import ReportgenError
from reportgen.readers.discovery import discover
from reportgen.returns.collect import CollectConfig, CollectReport, collect_returns
from reportgen.returns.layout import lead_key
from reportgen.returns.links import MAIL_MERGE_FILE, ReturnLink, link_url
from reportgen.rules.formats import plural
from reportgen.rules.periods import period_containing
from reportgen.web import jobs
from reportgen.web.context import WebApp, job_started, web, when
from reportgen.web.security import check_csrf
from reportgen.web.store import Submission
from reportgen.web.workspace import Period, file_in

State = Literal["accepted", "needs-fixing", "received", "missing"]
STATE_LABELS = {
    "accepted": "Accepted",
    "needs-fixing": "Needs fixing",
    "received": "Received, not yet checked",
    "missing": "Missing",
}
STATE_ICONS = {"accepted": "✓", "needs-fixing": "✗", "received": "!", "missing": "–"}


@dataclass
class ReturnStatus:
    """Where one lead officer's return stands."""

    link: ReturnLink
    url: str
    state: State
    received: str | None = None
    errors: int = 0
    warnings: int = 0
    via: str = ""  # 'web' or 'folder'

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def icon(self) -> str:
        return STATE_ICONS[self.state]

    @property
    def came_in(self) -> str:
        """When it came in, as people read it, and how."""
        if self.received:
            return when(self.received) + (" (from the folder)" if self.via == "folder" else "")
        return "In the folder" if self.state == "received" else "—"


@dataclass
class ServiceStatus:
    """One service workbook's returns, and how many are in each state."""

    service: str
    workbook: str
    returns: list[ReturnStatus] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def received(self) -> int:
        return len(self.returns) - self.counts["missing"]


@dataclass
class PeriodStatus:
    """Every return of a period, by service, with the totals."""

    services: list[ServiceStatus]
    expected: int = 0
    received: int = 0
    fixing: int = 0
    missing: int = 0

    def __post_init__(self) -> None:
        for service in self.services:
            service.counts = Counter(r.state for r in service.returns)
            self.expected += len(service.returns)
            self.received += service.received
            self.fixing += service.counts["needs-fixing"]
            self.missing += service.counts["missing"]


def _from_collect(app: WebApp, period: Period) -> dict[str, dict[str, Any]]:
    """What the last collect found for each returned file, by (workbook|lead) key."""
    job = app.store.last_job("collect", period.slug)
    if job is None or not job.result:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for item in job.result.get("returns", []):
        key = f"{item.get('workbook')}|{lead_key(item.get('lead') or '')}"
        found[key] = dict(item, checked_at=job.finished)
    return found


def _status(
    link: ReturnLink,
    url: str,
    submission: Submission | None,
    collected: dict[str, Any] | None,
    in_folder: bool,
) -> ReturnStatus:
    if submission is not None:
        state: State = "accepted" if submission.outcome == "accepted" else "needs-fixing"
        return ReturnStatus(
            link, url, state, submission.received, submission.errors, submission.warnings, "web"
        )
    if collected is not None and in_folder:
        errors = int(collected.get("errors", 0)) + (1 if collected.get("failure") else 0)
        state = "needs-fixing" if errors else "accepted"
        return ReturnStatus(
            link,
            url,
            state,
            collected.get("received"),
            errors,
            collected.get("warnings", 0),
            "folder",
        )
    if in_folder:
        return ReturnStatus(link, url, "received", via="folder")
    return ReturnStatus(link, url, "missing")


def period_status(app: WebApp, period: Period, base_url: str) -> PeriodStatus:
    """Every return of ``period``, by service, in the order issued."""
    assert period.links is not None
    latest = app.store.latest_submissions(period.slug)
    collected = _from_collect(app, period)
    received_dir = app.workspace.received_dir(period.period)
    in_folder = {p.name for p in received_dir.iterdir()} if received_dir.is_dir() else set()
    services: dict[str, ServiceStatus] = {}
    for link in period.links.links:
        service = services.setdefault(link.workbook, ServiceStatus(link.service, link.workbook))
        service.returns.append(
            _status(
                link,
                link_url(base_url, link.token),
                latest.get(link.key),
                collected.get(link.key),
                link.file in in_folder,
            )
        )
    return PeriodStatus(list(services.values()))


def chase_list(status: PeriodStatus, period: Period) -> str:
    """The lines to paste into a reminder: who, for which service, what is needed, their link."""
    lines = []
    for service in status.services:
        for item in service.returns:
            if item.state == "missing":
                need = "not yet sent"
            elif item.state == "needs-fixing":
                need = f"{plural(item.errors, 'problem')} to fix"
            else:
                continue
            lines.append(f"{item.link.who} ({service.service}): {need}. {item.url}")
    if not lines:
        return ""
    due = f", due {period.links.due:%-d %B %Y}" if period.links and period.links.due else ""
    return f"{period.period.label} returns{due}:\n" + "\n".join(lines)


def base_url(app: WebApp, request: Request) -> str:
    """The address lead officers reach: from the settings, else this request's."""
    return app.settings.base_url or str(request.base_url).rstrip("/")


async def dashboard(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    periods = app.workspace.periods()
    wanted = request.query_params.get("period")
    period = next((p for p in periods if p.slug == wanted), None) if wanted else None
    period = period or (None if wanted else (periods[0] if periods else None))
    if wanted and period is None:
        return app.error_page(request, 404, "Period not found", "No returns were issued for it.")
    overview = period_status(app, period, base_url(app, request)) if period else None
    return app.render(
        request,
        "dashboard.html",
        nav="dashboard",
        title=f"{period.period.label} returns" if period else "Returns",
        user=who,
        period=period,
        periods=periods,
        overview=overview,
        chase=chase_list(overview, period) if period and overview else "",
        collect_job=app.store.last_job("collect", period.slug) if period else None,
        issue_job=app.store.last_job("issue", period.slug) if period else None,
        next_period=_next_period(app, periods),
    )


def _next_period(app: WebApp, periods: list[Period]) -> str:
    """The period to offer for issuing: the one after the latest issued, else after the latest
    the input folder's service workbooks report, else the current quarter."""
    if periods:
        return periods[0].period.next.label
    input_dir = app.workspace.build_config().input_dir
    reported = [
        loaded.plan.period
        for path in (discover(input_dir)[0] if input_dir.is_dir() else [])
        if (loaded := app.submissions.plans.get(path)).plan is not None and loaded.plan.period
    ]
    latest = max(reported) if reported else period_containing(dt.date.today()).previous
    return latest.next.label


def collect_report(report: CollectReport) -> dict[str, Any]:
    """What a collect job tells the page (and the dashboard, for returns sent by e-mail)."""
    return {
        "ok": report.ok,
        "failure": report.failure,
        "returns": [
            {
                "file": r.name,
                "workbook": r.workbook,
                "lead": r.lead,
                "failure": r.failure,
                "errors": len(r.issues.errors),
                "warnings": len(r.issues.warnings),
                "received": r.received.isoformat() if r.received else None,
                "superseded": r.superseded_by is not None,
            }
            for r in report.returns
        ],
        "services": [
            {
                "workbook": s.workbook.name,
                "merged": str(s.merged.path.name) if s.merged else None,
                "blocked": s.blocked,
                "missing": s.missing,
                "problems": [
                    str(i)
                    for i in s.issues
                    if i.type != "missing-return"  # listed as missing
                ],
            }
            for s in report.services
        ],
        "archived": sum(a.added for a in report.archived),
    }


async def collect(request: Request) -> Response:
    """Collect, check, archive and merge what has come in for the period."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    period = app.workspace.period_named(str(form.get("period", "")))
    if period is None or period.links is None:
        return app.error_page(request, 404, "Period not found", "No returns were issued for it.")
    received = app.workspace.received_dir(period.period)
    input_dir = app.workspace.input_dir_for(period.links)
    links = period.links

    def work(progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        if not received.is_dir():
            raise ReportgenError("no returns have come back yet")
        progress(f"Collecting {links.period.label} returns from {received.name}/")
        config = CollectConfig(
            returns_dir=received,
            input_dir=input_dir,
            period=links.period,
            archive_root=app.workspace.archive_root,
            workspace=app.workspace.root,  # whose seals the returns carry, as the web checks
        )
        report = collect_returns(config)
        merged = sum(1 for s in report.services if s.merged)
        progress(
            f"Checked {plural(len(report.returns), 'return')}; merged {plural(merged, 'service')}"
        )
        return ("done" if report.ok else "problems"), collect_report(report)

    return job_started(app, request, jobs.start(app.store, "collect", period.slug, who, work))


async def mail_merge(request: Request) -> Response:
    """The period's links for a mail merge, as ``returns issue`` wrote them."""
    app = web(request)
    who = app.staff(request)
    period = app.workspace.period_named(request.path_params["period"])
    path = (
        file_in(app.workspace.period_dir(period.period), MAIL_MERGE_FILE, (".csv",))
        if period
        else None
    )
    if period is None or path is None:
        return app.error_page(request, 404, "No links", "No returns were issued for that period.")
    app.store.audit(who, "downloaded the mail-merge links", period.period.label)
    return FileResponse(path, media_type="text/csv", filename=f"links-{period.slug}.csv")


routes = [
    Route("/dashboard", dashboard, methods=["GET"]),
    Route("/dashboard/{period}/mail-merge.csv", mail_merge, methods=["GET"]),
    Route("/dashboard/collect", collect, methods=["POST"]),
]
