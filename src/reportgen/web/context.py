"""What every page handler shares: the workspace, the records, rendering, and who is asking.

``WebApp`` is kept on ``app.state.web``. Pages are server-rendered Jinja2 templates (autoescape
on, undefined names fatal) from ``reportgen/web/pages``; a request made by htmx gets only the
fragment it asked for (``fragment=``), any other the whole page, so every form also works
without JavaScript.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from reportgen import __version__
from reportgen.web.security import CSRF_FIELD, csrf_token, is_local
from reportgen.web.store import Store
from reportgen.web.submit import Submissions
from reportgen.web.workspace import ServeSettings, Workspace


class SignInRequired(Exception):
    """Raised by :meth:`WebApp.staff` when the page needs a signed-in user."""


@dataclass
class WebApp:
    """The app's state: where it works, what it keeps, and how it was started."""

    workspace: Workspace
    settings: ServeSettings
    host: str = "127.0.0.1"
    store: Store = field(init=False)
    submissions: Submissions = field(init=False)
    pages: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.store = Store(self.workspace.state_dir / "web.sqlite3")
        self.submissions = Submissions(self.workspace, self.store)
        folder = resources.files("reportgen.web") / "pages"
        self.pages = Environment(
            loader=FileSystemLoader(str(folder)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.pages.filters["when"] = when
        self.pages.globals.update(version=__version__, csrf_field=CSRF_FIELD)

    @property
    def sign_in_required(self) -> bool:
        """Listening beyond this computer: staff pages need a signed-in user."""
        return not is_local(self.host)

    def user(self, request: Request) -> str | None:
        """Who is asking: the proxy's user, the signed-in user, or (bound to 127.0.0.1 only)
        the person at this computer; None when nobody is signed in."""
        header = self.settings.user_header
        client = request.client.host if request.client else ""
        if header and client in self.settings.trusted_proxies:
            named = request.headers.get(header, "").strip()
            if named:
                return named[:100]
        signed_in = request.session.get("user")
        if signed_in and signed_in in self.settings.users:
            return str(signed_in)
        if not self.sign_in_required:
            return f"{_login_name()} (this computer)"
        return None

    def staff(self, request: Request) -> str:
        """The signed-in user of a staff page; SignInRequired when there is none."""
        who = self.user(request)
        if who is None:
            raise SignInRequired
        return who

    def render(
        self,
        request: Request,
        page: str,
        status: int = 200,
        fragment: str | None = None,
        **values: Any,
    ) -> HTMLResponse:
        """The page (or, for htmx, just ``fragment``) rendered with ``values``."""
        values.setdefault("user", self.user(request))
        values.setdefault("title", "")
        values.setdefault("nav", "")
        values.update(
            request=request,
            csrf=csrf_token(request),
            sign_in_required=self.sign_in_required,
            staff_page=values.get("staff_page", True),
        )
        name = fragment if fragment and request.headers.get("HX-Request") else page
        html = self.pages.get_template(name).render(**values)
        return HTMLResponse(html, status_code=status)

    def error_page(self, request: Request, status: int, title: str, message: str) -> Response:
        fragment = "fragments/notice.html"
        return self.render(
            request,
            "error.html",
            status=status,
            fragment=fragment,
            title=title,
            message=message,
            staff_page=not request.url.path.startswith("/r/"),
            kind="error",
        )


def web(request: Request) -> WebApp:
    """The app's state from a request."""
    return request.app.state.web  # type: ignore[no-any-return]


def redirect(url: str) -> RedirectResponse:
    """After a POST, see the result with a GET (303)."""
    return RedirectResponse(url, status_code=303)


def job_started(app: WebApp, request: Request, job_id: int | None) -> Response:
    """See the job just started (``job_id`` from :func:`reportgen.web.jobs.start`), or say
    that another is running."""
    if job_id is None:
        return app.error_page(
            request,
            409,
            "Another job is running",
            "Wait until the issue, collect, build or comparison that is running has finished, "
            "then try again.",
        )
    return redirect(f"/jobs/{job_id}")


def not_found(what: str = "This page") -> HTTPException:
    return HTTPException(404, f"{what} was not found.")


def when(value: str | None) -> str:
    """An ISO time as people read it: ``14 Jan 2023, 09:05 UTC``."""
    if not value:
        return ""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment:%-d %b %Y, %H:%M} UTC"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local user"
