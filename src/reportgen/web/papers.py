"""The clerk's papers: build a period's papers with live progress, then look and download.

A set of papers is built from one input folder into one output folder: the workspace's
``input/`` into ``output/``, and each period's merged returns (``input/Q3-2022-23``) into
``output/Q3-2022-23``. The build is ``reportgen.build`` (all or nothing, atomic), run as a
background job whose progress lines the page polls. Per document the page shows its status and
warnings, the ``.docx`` and its PDF (when LibreOffice made one), page thumbnails of the PDF
(``pdftoppm``, cached by the PDF's content) and the whole set as one zip.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
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
from reportgen.web import jobs
from reportgen.web.context import WebApp, web
from reportgen.web.dashboard import _started
from reportgen.web.security import check_csrf
from reportgen.web.workspace import file_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CURRENT = "current"
THUMBNAIL_DPI = 40
MAX_PAGES = 60


@dataclass(frozen=True)
class PaperSet:
    """Papers built from one input folder into one output folder."""

    slug: str
    label: str
    input_dir: Path
    output_dir: Path
    folder: str  # the input folder as the page shows it: input/Q3-2022-23/


def paper_sets(app: WebApp) -> list[PaperSet]:
    """The periods' merged returns (latest first), then the workspace's own input folder."""
    config = app.workspace.build_config()
    root = app.workspace.root
    sets = []
    for period in app.workspace.periods():
        assert period.links is not None
        merged = merged_folder(app.workspace.input_dir_for(period.links), period.period)
        if merged.is_dir():
            shown = _shown(merged, root)
            label = f"{period.period.label}: the collected returns in {shown}"
            output = config.output_dir / period.slug
            sets.append(PaperSet(period.slug, label, merged, output, shown))
    shown = _shown(config.input_dir, root)
    own = f"The returns in {shown}"
    return [*sets, PaperSet(CURRENT, own, config.input_dir, config.output_dir, shown)]


def _shown(path: Path, root: Path) -> str:
    return f"{path.relative_to(root)}/" if path.is_relative_to(root) else str(path)


def find_set(app: WebApp, slug: str | None) -> PaperSet | None:
    sets = paper_sets(app)
    if slug is None:
        return sets[0]
    return next((s for s in sets if s.slug == slug), None)


@dataclass(frozen=True)
class Paper:
    """A document in the output folder, and its PDF when there is one."""

    name: str
    size: int
    pdf: str | None


def papers_in(folder: Path) -> list[Paper]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith(("~$", ".")):
            continue
        pdf = path.with_suffix(".pdf")
        found.append(Paper(path.name, path.stat().st_size, pdf.name if pdf.is_file() else None))
    return found


def can_make_pdfs() -> bool:
    try:
        find_soffice()
    except ReportgenError:
        return False
    return True


async def papers_page(request: Request) -> Response:
    app = web(request)
    who = app.staff(request)
    chosen = find_set(app, request.query_params.get("set"))
    if chosen is None:
        return app.error_page(request, 404, "Papers not found", "There is no such set of papers.")
    return app.render(
        request,
        "papers.html",
        nav="papers",
        title="Papers",
        user=who,
        chosen=chosen,
        sets=paper_sets(app),
        papers=papers_in(chosen.output_dir),
        job=app.store.last_job("build", chosen.slug),
        pdf_possible=can_make_pdfs(),
    )


def build_result(report: BuildReport) -> dict[str, Any]:
    """What a build job tells the page: per workbook, its problems and documents."""
    skipped: dict[str, list[dict[str, str]]] = {}
    for path, document, why in report.skipped_documents:
        skipped.setdefault(path.name, []).append({"document": document, "reason": why})
    return {
        "ok": report.ok,
        "failure": report.failure,
        "seconds": round(report.seconds, 1),
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


async def start_build(request: Request) -> Response:
    """Build the chosen set's papers, with PDFs when asked and possible."""
    app = web(request)
    who = app.staff(request)
    await check_csrf(request)
    form = await request.form()
    chosen = find_set(app, str(form.get("set", "")))
    if chosen is None:
        return app.error_page(request, 404, "Papers not found", "There is no such set of papers.")
    pdf = form.get("pdf") == "yes"
    config = dataclasses.replace(
        app.workspace.build_config(),
        input_dir=chosen.input_dir,
        output_dir=chosen.output_dir,
        pdf=pdf,
    )

    def work(progress: jobs.Progress) -> tuple[str, dict[str, Any]]:
        progress(f"Building the papers from the returns in {chosen.folder}")
        report = build(config, progress)
        written = sum(1 for w in report.written if w.changed)
        progress(f"Done in {report.seconds:.1f} s: {written} file(s) written or changed")
        return ("done" if report.ok else "problems"), build_result(report)

    return _started(app, request, jobs.start(app.store, "build", chosen.slug, who, work))


def _paper_file(app: WebApp, request: Request, suffixes: tuple[str, ...]) -> Path | None:
    chosen = find_set(app, request.path_params["set"])
    if chosen is None:
        return None
    return file_in(chosen.output_dir, request.path_params["name"], suffixes)


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
    chosen = find_set(app, request.path_params["set"])
    if chosen is None or not papers_in(chosen.output_dir):
        return app.error_page(request, 404, "Papers not found", "Build the papers first.")
    data = await run_in_threadpool(_zip, chosen.output_dir)
    app.store.audit(who, "downloaded papers as zip", chosen.slug)
    name = f"committee-papers-{chosen.slug}.zip"
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
    if not folder.is_dir():
        staging = folder.with_name(f"{digest}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        subprocess.run(
            [
                program,
                "-png",
                "-r",
                str(THUMBNAIL_DPI),
                "-l",
                str(MAX_PAGES),
                str(pdf),
                str(staging / "page"),
            ],
            check=False,
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pages


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
        set_slug=request.path_params["set"],
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
    Route("/papers/{set}/papers.zip", download_zip, methods=["GET"]),
    Route("/papers/{set}/file/{name}", download, methods=["GET"]),
    Route("/papers/{set}/pages/{name}", preview, methods=["GET"]),
    Route("/papers/{set}/pages/{name}/{page:int}.png", thumbnail, methods=["GET"]),
]
