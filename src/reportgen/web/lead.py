"""The lead officer's page: their return's own link, and nothing of anyone else's.

``/r/<token>`` shows what is asked (service, period, rows) and by when, the return to download,
a place to drop the filled file, the answer to each file sent (every problem with its cell, the
annotated copy, or "accepted"), and the files sent before. A token that is not a return's is
404, and said plainly, whatever it looks like.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from reportgen.returns.links import ReturnLink
from reportgen.web.context import WebApp, web
from reportgen.web.security import check_csrf
from reportgen.web.workspace import Period, file_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD = "return_file"


def find(app: WebApp, request: Request) -> tuple[Period, ReturnLink] | None:
    """The period and link of the token in the address, or None."""
    token = request.path_params["token"]
    if not 20 <= len(token) <= 100:
        return None
    for period in app.workspace.periods():
        link = period.links.by_token(token) if period.links else None
        if link is not None:
            return period, link
    return None


def unknown_link(app: WebApp, request: Request) -> Response:
    client = request.client.host if request.client else "unknown address"
    app.store.audit(f"unknown ({client})", "refused: unknown return link", request.url.path[:3])
    return app.error_page(
        request,
        404,
        "This link is not a return's",
        "The address does not match any return issued here. Check that the whole link from "
        "your e-mail or your return's Instructions sheet was copied, or ask the performance "
        "officer for your return's link.",
    )


def _page(
    app: WebApp,
    request: Request,
    period: Period,
    link: ReturnLink,
    status: int = 200,
    fragment: str | None = None,
    **values: object,
) -> Response:
    values.setdefault("outcome", None)
    values.setdefault("checked", app.submissions.checked_copy(period, link) is not None)
    return app.render(
        request,
        "lead.html",
        status=status,
        fragment=fragment,
        staff_page=False,
        title=f"{link.service}: {period.period.label} return",
        period=period,
        link=link,
        due=period.links.due if period.links else None,
        history=app.store.submissions(period.slug, link.key),
        **values,
    )


async def lead_page(request: Request) -> Response:
    app = web(request)
    found = find(app, request)
    if found is None:
        return unknown_link(app, request)
    return _page(app, request, *found)


async def upload(request: Request) -> Response:
    """Take a file for the return: the answer is the outcome (the fragment, for htmx)."""
    app = web(request)
    found = find(app, request)
    if found is None:
        return unknown_link(app, request)
    period, link = found
    await check_csrf(request)
    form = await request.form(max_files=1, max_fields=4)
    sent = form.get(FIELD)
    if not isinstance(sent, UploadFile) or not sent.filename:
        return _page(
            app,
            request,
            period,
            link,
            status=400,
            fragment="fragments/notice.html",
            kind="error",
            message="Choose your filled return (.xlsx) first, then send it.",
        )
    outcome = await run_in_threadpool(
        app.submissions.receive, period, link, sent.file, sent.filename
    )
    await sent.close()
    return _page(
        app,
        request,
        period,
        link,
        status=outcome.status,
        fragment="fragments/outcome.html",
        outcome=outcome,
        checked=outcome.checked,
        oob=True,  # htmx also swaps in where the return stands and the files sent
    )


async def download_return(request: Request) -> Response:
    """The return as issued."""
    app = web(request)
    found = find(app, request)
    if found is None:
        return unknown_link(app, request)
    period, link = found
    path = file_in(app.workspace.issued_dir(period.period), link.file, (".xlsx",))
    if path is None:
        return app.error_page(
            request, 404, "Return not found", "The issued file is no longer in the workspace."
        )
    return FileResponse(path, media_type=XLSX, filename=link.file)


async def download_checked(request: Request) -> Response:
    """The annotated copy of the latest file sent: the cells to fix marked, with notes."""
    app = web(request)
    found = find(app, request)
    if found is None:
        return unknown_link(app, request)
    period, link = found
    path = app.submissions.checked_copy(period, link)
    if path is None:
        return app.error_page(
            request, 404, "No checked copy", "The last file you sent had no problems to mark."
        )
    return FileResponse(path, media_type=XLSX, filename=path.name)


routes = [
    Route("/r/{token}", lead_page, methods=["GET"]),
    Route("/r/{token}/upload", upload, methods=["POST"]),
    Route("/r/{token}/return.xlsx", download_return, methods=["GET"]),
    Route("/r/{token}/checked.xlsx", download_checked, methods=["GET"]),
]
