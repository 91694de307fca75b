"""The web app: routes, middleware and the pages every role shares (sign-in, jobs, audit).

``create_app(workspace, host)`` returns the Starlette application ``reportgen serve`` runs with
uvicorn; tests drive it with Starlette's TestClient.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from reportgen.rules.periods import ReportingPeriod
from reportgen.web import authoring, changes, dashboard, issuing, lead, papers
from reportgen.web.context import SignInRequired, WebApp, redirect, web
from reportgen.web.security import (
    BodyLimit,
    SecurityHeaders,
    SignInGuard,
    UploadTooLarge,
    check_csrf,
    safe_next,
    verify_password,
)
from reportgen.web.workspace import Workspace

SESSION_COOKIE = "reportgen_session"
SESSION_AGE = 8 * 60 * 60  # a working day


async def home(request: Request) -> Response:
    web(request).staff(request)
    return redirect("/dashboard")


async def sign_in_page(request: Request) -> Response:
    app = web(request)
    return app.render(
        request,
        "sign_in.html",
        title="Sign in",
        staff_page=False,
        next=safe_next(request.query_params.get("next")),
        failed=False,
    )


async def sign_in(request: Request) -> Response:
    app = web(request)
    await check_csrf(request)
    form = await request.form()
    name = str(form.get("name", "")).strip()[:100]
    password = str(form.get("password", ""))[:1000]
    target = safe_next(str(form.get("next", "/")))
    address = request.client.host if request.client else "unknown"
    guard: SignInGuard = request.app.state.guard
    stored = app.settings.users.get(name)
    if not guard.blocked(address) and stored and verify_password(stored, password):
        guard.succeeded(address)
        request.session.clear()
        request.session["user"] = name
        app.store.audit(name, "signed in", "", address)
        return redirect(target)
    guard.failed(address)
    app.store.audit(name or "(no name)", "sign-in refused", "", address)
    return app.render(
        request,
        "sign_in.html",
        status=401,
        title="Sign in",
        staff_page=False,
        next=target,
        failed=True,
    )


async def sign_out(request: Request) -> Response:
    app = web(request)
    await check_csrf(request)
    who = app.user(request)
    request.session.clear()
    if who:
        app.store.audit(who, "signed out")
    return redirect("/sign-in")


async def job_page(request: Request) -> Response:
    """A job's progress and result; htmx polls the fragment until the job has finished."""
    app = web(request)
    who = app.staff(request)
    job = app.store.job(request.path_params["job"])
    if job is None:
        return app.error_page(request, 404, "Job not found", "There is no such job.")
    try:
        label = ReportingPeriod.parse(job.period.replace("-", " ", 1)).label
    except ValueError:  # a build of the workspace's own input folder
        label = "the workspace's own returns"
    return app.render(
        request,
        "job.html",
        fragment="fragments/job.html",
        nav={"build": "papers", "changes": "changes"}.get(job.kind, "dashboard"),
        title=f"{job.kind.capitalize()}: {label}",
        user=who,
        job=job,
    )


async def audit_page(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    return app.render(
        request,
        "audit.html",
        nav="audit",
        title="Audit trail",
        user=who,
        entries=app.store.audit_trail(),
    )


async def on_sign_in_required(request: Request, exc: Exception) -> Response:
    if request.method != "GET":
        return web(request).error_page(
            request, 401, "Sign in first", "Your session has ended: sign in and try again."
        )
    target = safe_next(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return RedirectResponse(f"/sign-in?next={target}", status_code=303)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {403: "Not allowed", 404: "Page not found", 405: "Not allowed"}
    return web(request).error_page(
        request, exc.status_code, titles.get(exc.status_code, "Something went wrong"), exc.detail
    )


async def on_too_large(request: Request, exc: Exception) -> Response:
    app = web(request)
    limit = app.settings.max_upload_mb
    return app.error_page(request, 413, "The file is too large", too_large_message(limit))


def too_large_message(limit: float) -> str:
    return (
        f"Files of up to {limit:g} MB can be sent. A return is usually well under 1 MB: save it "
        "again from Excel without pictures, or ask the performance officer."
    )


def create_app(root: Path, host: str = "127.0.0.1") -> Starlette:
    """The web app over the workspace at ``root``, as bound to ``host`` (sign-in is required
    unless ``host`` is this computer only)."""
    workspace = Workspace(root)
    state = WebApp(workspace, workspace.serve_settings(), host)
    static = resources.files("reportgen.web") / "static"
    routes = [
        Route("/", home, methods=["GET"]),
        Route("/sign-in", sign_in_page, methods=["GET"]),
        Route("/sign-in", sign_in, methods=["POST"]),
        Route("/sign-out", sign_out, methods=["POST"]),
        Route("/jobs/{job:int}", job_page, methods=["GET"]),
        Route("/audit", audit_page, methods=["GET"]),
        *lead.routes,
        *dashboard.routes,
        *issuing.routes,
        *papers.routes,
        *changes.routes,
        *authoring.routes,
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    too_large = (
        '<div class="notice notice--error" role="alert"><h2 class="notice__title">The file is '
        f"too large</h2><p>{too_large_message(state.settings.max_upload_mb)}</p></div>"
    )
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=state.settings.max_upload_bytes, message=too_large),
        Middleware(
            SessionMiddleware,
            secret_key=workspace.session_key(),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_AGE,
            same_site="lax",
            https_only=(state.settings.base_url or "").startswith("https://"),
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            SignInRequired: on_sign_in_required,
            HTTPException: on_http_error,
            UploadTooLarge: on_too_large,
        },
    )
    app.state.web = state
    app.state.guard = SignInGuard()
    return app
