"""The clerk's templates: check a changed template before it is used, and the field reference.

A template sent here is kept aside (``.reportgen/templates/<id>/<template name>``), checked
exactly as ``reportgen templates check`` checks it (every problem with where it is in the
document), and only put in the workspace's ``templates/`` folder when the clerk chooses to use
it and it has no problems. Templates render sandboxed in every build, whoever sent them.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import uuid
from pathlib import Path

from markdown_it import MarkdownIt
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from reportgen.authoring.check import TemplateReport
from reportgen.authoring.fields import reference
from reportgen.authoring.samples import document_kinds, find_document
from reportgen.authoring.shipped import builtin_samples_dir
from reportgen.authoring.templates import check_project, resolve_template
from reportgen.kinds import DocumentKind
from reportgen.rules.formats import plural
from reportgen.web.context import WebApp, web
from reportgen.web.papers import DOCX
from reportgen.web.security import check_csrf, not_office_reason, sniff

CANDIDATE = re.compile(r"^[0-9a-f]{32}$")
FIELD = "template_file"


def documents() -> list[DocumentKind]:
    return [document for _, document in document_kinds()]


def _document(name: object) -> DocumentKind | None:
    found = find_document(str(name)) if name else None
    return found[1] if found else None


def _candidates(app: WebApp) -> Path:
    return app.workspace.state_dir / "templates"


async def templates_page(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    config = app.workspace.build_config()
    rows = [
        (document, (config.templates_dir / document.template).is_file()) for document in documents()
    ]
    return app.render(
        request,
        "templates.html",
        nav="templates",
        title="Templates",
        user=who,
        rows=rows,
        report=None,
    )


def _check(app: WebApp, path: Path) -> TemplateReport:
    config = app.workspace.build_config()
    input_dir = config.input_dir if config.input_dir.is_dir() else builtin_samples_dir()
    return check_project([str(path)], config.templates_dir, input_dir)[0]


async def check_upload(request: Request) -> Response:
    """Check a template sent for a document; offer to use it when it has no problems."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form(max_files=1, max_fields=4)
    document = _document(form.get("document"))
    sent = form.get(FIELD)
    if document is None or not isinstance(sent, UploadFile) or not sent.filename:
        return app.error_page(
            request,
            400,
            "Choose a document and a file",
            "Choose which document the template is for and the Word file (.docx) to check.",
        )
    candidate = uuid.uuid4().hex
    folder = _candidates(app) / candidate
    folder.mkdir(parents=True)
    path = folder / document.template
    with path.open("wb") as handle:
        shutil.copyfileobj(sent.file, handle)
    await sent.close()
    if sniff(path) != "document":
        reason = not_office_reason(path, "document")
        shutil.rmtree(folder, ignore_errors=True)
        app.store.audit(who, "template refused", document.template, reason)
        return app.error_page(request, 415, "Not a Word document", reason[:1].upper() + reason[1:])
    report = await run_in_threadpool(_check, app, path)
    outcome = "no problems" if report.ok else plural(len(report.problems), "problem")
    app.store.audit(who, f"template checked: {outcome}", document.template, sent.filename[:200])
    return app.render(
        request,
        "templates.html",
        status=200 if report.ok else 422,
        fragment="fragments/template_report.html",
        nav="templates",
        title="Templates",
        user=who,
        rows=[],
        report=report,
        document=document,
        candidate=candidate,
    )


async def use_template(request: Request) -> Response:
    """Put a checked template in the workspace's templates/ folder."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    document = _document(form.get("document"))
    candidate = str(form.get("candidate", ""))
    path = _candidates(app) / candidate / document.template if document else None
    if document is None or not CANDIDATE.match(candidate) or path is None or not path.is_file():
        return app.error_page(
            request, 404, "Template not found", "Send the template to be checked again."
        )
    report = await run_in_threadpool(_check, app, path)
    if not report.ok:
        return app.error_page(
            request, 422, "The template has problems", "Fix them in Word, then check it again."
        )
    target_dir = app.workspace.build_config().templates_dir
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = target_dir / f".{document.template}.{candidate}.tmp"
    shutil.copyfile(path, staging)
    os.replace(staging, target_dir / document.template)
    shutil.rmtree(path.parent, ignore_errors=True)
    app.store.audit(who, "template put in use", document.template, f"checked as {candidate}")
    return app.render(
        request,
        "templates.html",
        nav="templates",
        title="Templates",
        user=who,
        rows=[(d, (target_dir / d.template).is_file()) for d in documents()],
        report=None,
        notice=f"The {document.name} now uses the template you sent; the next build uses it.",
    )


async def download_template(request: Request) -> Response:
    """The template a document uses now (the workspace's own, or the built-in)."""
    app = web(request)
    app.staff(request)
    document = _document(request.path_params["document"])
    if document is None:
        return app.error_page(request, 404, "Template not found", "No document has that name.")
    path = resolve_template(document.template, app.workspace.build_config().templates_dir)
    return FileResponse(path, media_type=DOCX, filename=document.template)


@functools.lru_cache(maxsize=1)
def reference_html() -> tuple[tuple[tuple[str, str], ...], str]:
    """The field reference (``reportgen templates fields``) as HTML, without its own title and
    with an anchor on each document's heading, and those headings for a list of contents.
    Raw HTML in the reference is shown as text."""
    text = reference().split("\n", 1)[1]  # the page has its own title
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    contents: list[tuple[str, str]] = []

    def anchor(match: re.Match[str]) -> str:
        slug = "fields-" + re.sub(r"[^a-z0-9]+", "-", match.group(1).lower()).strip("-")
        contents.append((slug, match.group(1)))
        return f'<h2 id="{slug}">{match.group(1)}</h2>'

    anchored = re.sub(r"<h2>([^<]*)</h2>", anchor, html)
    return tuple(contents), anchored


async def fields_page(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    contents, html = await run_in_threadpool(reference_html)
    return app.render(
        request,
        "fields.html",
        nav="fields",
        title="Template fields",
        user=who,
        contents=contents,
        reference=html,
    )


routes = [
    Route("/templates", templates_page, methods=["GET"]),
    Route("/templates/check", check_upload, methods=["POST"]),
    Route("/templates/use", use_template, methods=["POST"]),
    Route("/templates/{document}.docx", download_template, methods=["GET"]),
    Route("/fields", fields_page, methods=["GET"]),
]
