"""The performance officer issues a quarter's returns from the dashboard.

"Issue the returns" runs the same library call as ``reportgen returns issue``, as a background
job, with its two options as the form's checkboxes: "Include completed and cancelled actions"
(``--include-closed``) and "Replace returns already issued" (``--force``). Without the latter,
issuing a quarter whose returns are already there writes nothing and the job lists the returns
kept as they are (they may have been sent, and an officer may be filling one in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reportgen.returns.issue import IssueReport, ReturnsAlreadyIssued, issue_returns
from reportgen.returns.layout import period_slug
from reportgen.returns.links import LinkBook
from reportgen.rules.formats import plural, plural_word
from reportgen.rules.periods import ReportingPeriod
from reportgen.web import jobs
from reportgen.web.context import job_started, web
from reportgen.web.dashboard import base_url
from reportgen.web.security import check_csrf


def issue_report(report: IssueReport) -> dict[str, Any]:
    """What an issue job tells the page."""
    return {
        "ok": report.ok,
        "period": report.period.label,
        "issued": [
            {
                "file": i.path.name,
                "lead": i.lead,
                "service": i.service,
                "rows": i.rows,
                "indicators": i.indicators,
                "replaced": i.replaced,
            }
            for i in report.issued
        ],
        "closed": report.closed,
        "problems": [
            {
                "file": s.path.name,
                "failure": s.failure,
                "errors": [
                    {"where": str(e.location), "message": e.message} for e in s.issues.errors
                ],
            }
            for s in report.sources
            if s.failure or s.issues.has_errors
        ],
        "skipped": [{"file": p.name, "reason": r} for p, r in report.skipped],
    }


def kept_report(period: ReportingPeriod, refused: ReturnsAlreadyIssued) -> dict[str, Any]:
    """What an issue job tells the page when returns already issued stopped it."""
    return {"ok": False, "period": period.label, "kept": sorted(p.name for p in refused.kept)}


async def issue(request: Request) -> Response:
    """Issue the period's returns (one per lead officer), with their links."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    try:
        period = ReportingPeriod.parse(str(form.get("period", "")))
        due_text = str(form.get("due") or "")
        due = dt.date.fromisoformat(due_text) if due_text else None
    except ValueError as exc:
        return app.error_page(request, 400, "Check the period and date", str(exc))
    by = "service" if form.get("by") == "service" else "lead"
    include_closed = form.get("include_closed") == "yes"
    force = form.get("force") == "yes"
    config = app.workspace.build_config()
    issued_dir = app.workspace.issued_dir(period)
    links = LinkBook(issued_dir.parent, base_url(app, request))

    def work(progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        asked = [
            *(["completed and cancelled actions included"] if include_closed else []),
            *(["replacing returns already issued"] if force else []),
        ]
        also = f" ({', '.join(asked)})" if asked else ""
        progress(f"Issuing {period.label} returns from {config.input_dir.name}/{also}")
        try:
            report = issue_returns(
                config.input_dir,
                issued_dir,
                period,
                by,  # type: ignore[arg-type]
                links,
                due,
                workspace=app.workspace.root,
                include_closed=include_closed,
                force=force,
            )
        except ReturnsAlreadyIssued as refused:
            kept = len(refused.kept)
            progress(
                f"Nothing issued: {plural(kept, 'return')} {plural_word(kept, 'was', 'were')} "
                "issued already"
            )
            return "problems", kept_report(period, refused)
        replaced = sum(1 for i in report.issued if i.replaced)
        progress(f"Issued {plural(len(report.issued), 'return')}, {replaced} of them replacing one")
        return ("done" if report.ok else "problems"), issue_report(report)

    return job_started(app, request, jobs.start(app.store, "issue", period_slug(period), who, work))


routes = [Route("/dashboard/issue", issue, methods=["POST"])]
