"""The clerk's papers: build a period's papers with live progress, then look and download.

A build reads one input folder: the period's collected returns (``input/Q3-2022-23``, merged by
collect) or the workspace's own ``input/``. It is ``reportgen.build`` (all or nothing, atomic),
run as a background job whose progress lines the page polls, and writes each period's papers
into their own folder (``output/2022-23 Q3/``). Per folder the page lists each document with
its ``.docx`` and PDF (when LibreOffice made one), page thumbnails of the PDF (``pdftoppm``,
cached by the PDF's content) and the whole folder as one zip; the build's page shows each
document's status and warnings.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from reportgen.errors import ReportgenError
from reportgen.pipeline import BuildReport, build
from reportgen.render.pdf import find_soffice
from reportgen.returns.merge import merged_folder
from reportgen.rules.formats import plural
from reportgen.web import jobs
from reportgen.web.context import WebApp, job_started, web
from reportgen.web.security import check_csrf
from reportgen.web.workspace import file_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OWN = "input"  # the source that is the workspace's own input folder
ROOT_SHELF = "-"  # papers written straight into output/ (a plan without a period)
THUMBNAIL_DPI = 40
MAX_PAGES = 60
_thumbnail_lock = threading.Lock()


@dataclass(frozen=True)
class Source:
    """An input folder a build can read: a period's collected returns, or the workspace's own."""

    slug: str
    label: str
    input_dir: Path
    folder: str  # as the page shows it: input/Q3-2022-23/


def sources(app: WebApp) -> list[Source]:
    """The periods' collected returns (latest first), then the workspace's own input folder."""
    config = app.workspace.build_config()
    root = app.workspace.root
    found = []
    for period in app.workspace.periods():
        assert period.links is not None
        merged = merged_folder(app.workspace.input_dir_for(period.links), period.period)
        if merged.is_dir():
            shown = _shown(merged, root)
            label = f"{period.period.label}: the collected returns in {shown}"
            found.append(Source(period.slug, label, merged, shown))
    shown = _shown(config.input_dir, root)
    return [*found, Source(OWN, f"The returns in {shown}", config.input_dir, shown)]


def _shown(path: Path, root: Path) -> str:
    return f"{path.relative_to(root)}/" if path.is_relative_to(root) else f"{path}/"


def find_source(app: WebApp, slug: str | None) -> Source | None:
    found = sources(app)
    if not slug:
        return found[0]
    return next((s for s in found if s.slug == slug), None)


@dataclass(frozen=True)
class Paper:
    """A document in a folder of papers, and its PDF when there is one."""

    name: str
    size: int
    pdf: str | None


@dataclass(frozen=True)
class Shelf:
    """A folder of papers in the output folder: one period's (``2022-23 Q3``)."""

    slug: str
    path: Path
    papers: list[Paper]
    folder: str = ""  # as the page shows it: output/2022-23 Q3/

    @property
    def label(self) -> str:
        return "Without a period" if self.slug == ROOT_SHELF else self.slug


def papers_in(folder: Path) -> list[Paper]:
    found = []
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith(("~$", ".")) or path.is_symlink():
            continue
        pdf = path.with_suffix(".pdf")
        found.append(Paper(path.name, path.stat().st_size, pdf.name if pdf.is_file() else None))
    return found


def shelves(app: WebApp) -> list[Shelf]:
    """Every folder of papers in the output folder, latest period first."""
    output = app.workspace.build_config().output_dir
    if not output.is_dir():
        return []
    root = app.workspace.root
    found = [
        Shelf(folder.name, folder, papers_in(folder), _shown(folder, root))
        for folder in sorted(output.iterdir(), key=lambda f: f.name, reverse=True)
        if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith(".")
    ]
    found.append(Shelf(ROOT_SHELF, output, papers_in(output), _shown(output, root)))
    return [shelf for shelf in found if shelf.papers]


def find_shelf(app: WebApp, slug: str | None) -> Shelf | None:
    found = shelves(app)
    if not slug:
        return found[0] if found else None
    return next((s for s in found if s.slug == slug), None)


def can_make_pdfs() -> bool:
    try:
        find_soffice()
    except ReportgenError:
        return False
    return True


async def papers_page(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    source = find_source(app, request.query_params.get("source"))
    wanted = request.query_params.get("shelf")
    shelf = find_shelf(app, wanted)
    if source is None or (wanted and shelf is None):
        return app.error_page(request, 404, "Papers not found", "There are no such papers.")
    return app.render(
        request,
        "papers.html",
        nav="papers",
        title="Papers",
        user=who,
        source=source,
        sources=sources(app),
        shelf=shelf,
        shelves=shelves(app),
        job=app.store.last_job("build"),
        pdf_possible=can_make_pdfs(),
    )


def build_result(report: BuildReport, output_dir: Path) -> dict[str, Any]:
    """What a build job tells the page: per workbook, its problems and documents."""
    skipped: dict[str, list[dict[str, str]]] = {}
    for path, document, why in report.skipped_documents:
        skipped.setdefault(path.name, []).append({"document": document, "reason": why})
    output = report_output(report, output_dir)
    return {
        "ok": report.ok,
        "failure": report.failure,
        "seconds": round(report.seconds, 1),
        "shelf": output,
        "workbooks": [
            {
                "file": w.path.name,
                "kind": w.kind.description if w.kind else None,
                "failure": w.failure,
                "issues": [
                    {"severity": i.severity.value, "where": str(i.location), "message": i.message}
                    for i in w.issues
                ],
                "outputs": [{"file": o.path.name, "changed": o.changed} for o in w.outputs],
                "skipped": skipped.get(w.path.name, []),
            }
            for w in report.workbooks
        ],
        "skipped_files": [{"file": p.name, "reason": r} for p, r in report.skipped],
    }


def report_output(report: BuildReport, output_dir: Path) -> str | None:
    """The folder of papers the build wrote into (its shelf), when it wrote anything."""
    for written in report.written:
        folder = written.path.parent.relative_to(output_dir)
        return folder.parts[0] if folder.parts else ROOT_SHELF
    return None


async def start_build(request: Request) -> Response:
    """Build the papers from the chosen input folder, with PDFs when asked and possible."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    source = find_source(app, str(form.get("source", "")) or None)
    if source is None:
        return app.error_page(request, 404, "Returns not found", "There is no such folder.")
    config = dataclasses.replace(
        app.workspace.build_config(), input_dir=source.input_dir, pdf=form.get("pdf") == "yes"
    )
    output = config.output_dir

    def work(progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        progress(f"Building the papers from the returns in {source.folder}")
        report = build(config, progress)
        written = sum(1 for w in report.written if w.changed)
        where = report_output(report, output)
        folder = f"{output.name}/{where}/" if where and where != ROOT_SHELF else f"{output.name}/"
        progress(
            f"Done in {report.seconds:.1f} s: {plural(written, 'file')} written or changed "
            f"in {folder}"
        )
        return ("done" if report.ok else "problems"), build_result(report, output)

    return job_started(app, request, jobs.start(app.store, "build", source.slug, who, work))


def _paper_file(app: WebApp, request: Request, suffixes: tuple[str, ...]) -> Path | None:
    shelf = find_shelf(app, request.path_params["shelf"])
    if shelf is None:
        return None
    return file_in(shelf.path, request.path_params["name"], suffixes)


async def download(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    path = _paper_file(app, request, (".docx", ".pdf"))
    if path is None:
        return app.error_page(request, 404, "Paper not found", "Build the papers first.")
    app.store.audit(who, "downloaded paper", str(path.relative_to(app.workspace.root)))
    media = DOCX if path.suffix == ".docx" else "application/pdf"
    return FileResponse(path, media_type=media, filename=path.name)


async def download_zip(request: Request) -> Response:
    """Every document of the set (Word and PDF) in one zip."""
    app = web(request)
    who = app.staff(request)
    shelf = find_shelf(app, request.path_params["shelf"])
    if shelf is None:
        return app.error_page(request, 404, "Papers not found", "Build the papers first.")
    data = await run_in_threadpool(_zip, shelf.path)
    app.store.audit(who, "downloaded papers as zip", shelf.label)
    name = f"committee-papers-{shelf.slug.replace(' ', '-')}.zip"
    return Response(
        data,
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for paper in papers_in(folder):
            archive.write(folder / paper.name, paper.name)
            if paper.pdf:
                archive.write(folder / paper.pdf, paper.pdf)
    return buffer.getvalue()


def thumbnails(app: WebApp, pdf: Path) -> list[Path]:
    """PNG pictures of the PDF's pages, made once per PDF content (empty without pdftoppm)."""
    program = shutil.which("pdftoppm")
    if program is None:
        return []
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:32]
    folder = app.workspace.state_dir / "thumbnails" / digest
    with _thumbnail_lock:
        if not folder.is_dir():
            _draw(program, pdf, folder)
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _draw(program: str, pdf: Path, folder: Path) -> None:
    staging = folder.with_name(f"{folder.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    command = [program, "-png", "-r", str(THUMBNAIL_DPI), "-l", str(MAX_PAGES), str(pdf)]
    subprocess.run([*command, str(staging / "page")], check=False, capture_output=True, timeout=120)
    staging.rename(folder)


async def preview(request: Request) -> Response:
    """The document's pages as thumbnails, to look at before publishing."""
    app = web(request)
    who = app.staff(request)
    pdf = _paper_file(app, request, (".pdf",))
    if pdf is None:
        return app.error_page(
            request, 404, "No PDF to preview", "Build the papers with PDFs to see their pages."
        )
    pages = await run_in_threadpool(thumbnails, app, pdf)
    return app.render(
        request,
        "preview.html",
        nav="papers",
        title=f"Pages of {pdf.stem}",
        user=who,
        shelf=request.path_params["shelf"],
        pdf=pdf.name,
        pages=len(pages),
    )


async def thumbnail(request: Request) -> Response:
    app = web(request)
    app.staff(request)
    pdf = _paper_file(app, request, (".pdf",))
    number = request.path_params["page"]
    pages = await run_in_threadpool(thumbnails, app, pdf) if pdf else []
    if not 1 <= number <= len(pages):
        return app.error_page(request, 404, "Page not found", "That page is not in the PDF.")
    return FileResponse(pages[number - 1], media_type="image/png")


routes = [
    Route("/papers", papers_page, methods=["GET"]),
    Route("/papers/build", start_build, methods=["POST"]),
    Route("/papers/{shelf}/papers.zip", download_zip, methods=["GET"]),
    Route("/papers/{shelf}/file/{name}", download, methods=["GET"]),
    Route("/papers/{shelf}/pages/{name}", preview, methods=["GET"]),
    Route("/papers/{shelf}/pages/{name}/{page:int}.png", thumbnail, methods=["GET"]),
]
