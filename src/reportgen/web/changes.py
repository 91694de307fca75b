"""The clerk's "Changes since the last report": what changed in each service plan since the last
period of it on record, before the papers go to committee.

The page compares the returns in one input folder (a period's collected returns or the
workspace's own, as the papers page offers them) with the history each build and collect keeps.
It is ``reportgen.changes`` (which checks every workbook as ``validate`` does, and writes
nothing), run as a background job like a build. Per plan the result holds the numbered
paragraphs the committee report prints and, per kind of change, a table of the actions or
indicators with their values before and after, worded as in the changes document; a plan with
no earlier period on record says so, and workbooks with errors are named with each problem's
cell, as a build names them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reportgen.documents.changes import change_sections
from reportgen.pipeline import ChangesReport, PlanChangesResult, changes
from reportgen.rules.formats import plural
from reportgen.web import jobs
from reportgen.web.context import job_started, web
from reportgen.web.papers import build_result, find_source, sources
from reportgen.web.security import check_csrf


def plan_result(plan: PlanChangesResult, title: str) -> dict[str, Any]:
    """One plan's changes as the page shows them."""
    found = plan.changes
    return {
        "file": plan.path.name,
        "title": found.plan_title if found else title or plan.path.name,
        "period": plan.period,
        "since": found.since if found else None,
        "reason": plan.reason,
        "paragraphs": [{"text": s.text, "items": list(s.items)} for s in plan.statements],
        "sections": [dataclasses.asdict(s) for s in change_sections(found)] if found else [],
    }


def changes_result(report: ChangesReport, output_dir: Any) -> dict[str, Any]:
    """What a changes job tells the page: each plan's changes, and the workbooks' problems
    (as a build job tells them)."""
    checked = build_result(report.checked, output_dir)
    titles = {
        w.path: getattr(getattr(w.model, "details", None), "plan_title", None) or w.path.name
        for w in report.checked.workbooks
    }
    return {
        "ok": report.ok,
        "failure": report.checked.failure,
        "plans": [
            plan_result(plan, titles.get(plan.path, plan.path.name)) for plan in report.plans
        ],
        "errors": [w for w in checked["workbooks"] if w["failure"] or _errors(w)],
        "skipped_files": checked["skipped_files"],
    }


def _errors(workbook: dict[str, Any]) -> bool:
    return any(issue["severity"] == "error" for issue in workbook["issues"])


async def changes_page(request: Request) -> Response:
    """Choose the returns to compare; the last comparison of them, when there is one."""
    app = web(request)
    who = app.staff(request)
    source = find_source(app, request.query_params.get("source"))
    if source is None:
        return app.error_page(request, 404, "Returns not found", "There is no such folder.")
    return app.render(
        request,
        "changes.html",
        nav="changes",
        title="Changes since the last report",
        user=who,
        source=source,
        sources=sources(app),
        job=app.store.last_job("changes", source.slug),
    )


async def start_changes(request: Request) -> Response:
    """Compare the chosen returns with the last period on record, as a background job."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    source = find_source(app, str(form.get("source", "")) or None)
    if source is None:
        return app.error_page(request, 404, "Returns not found", "There is no such folder.")
    config = dataclasses.replace(app.workspace.build_config(), input_dir=source.input_dir)

    def work(progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        progress(f"Checking the returns in {source.folder}")
        report = changes(config, progress)
        compared = sum(1 for plan in report.plans if plan.changes is not None)
        progress(
            f"Compared {compared} of {plural(len(report.plans), 'service plan')} with the history"
        )
        return ("done" if report.ok else "problems"), changes_result(report, config.output_dir)

    return job_started(app, request, jobs.start(app.store, "changes", source.slug, who, work))


routes = [
    Route("/changes", changes_page, methods=["GET"]),
    Route("/changes", start_changes, methods=["POST"]),
]
