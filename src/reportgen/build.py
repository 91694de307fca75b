"""The build: find the returns, read and check them, render every document, write them all.

``build(config)`` is the library's front door (the CLI only calls it and prints its report).
The data flows one way: read → validate → build context → render → write. Nothing is written
unless every workbook is free of errors and every document rendered.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from reportgen.charts import use_cache_folder
from reportgen.errors import InputError, IssueList, ReportgenError, WorkbookError
from reportgen.kinds import (
    DocumentKind,
    PackKind,
    Settings,
    WorkbookKind,
    recognise,
    unrecognised_message,
)
from reportgen.output import StagedFile, WriteResult, commit, repeatable_zip
from reportgen.pdf import DEFAULT_TIMEOUT as PDF_TIMEOUT
from reportgen.pdf import find_soffice, to_pdf_bytes
from reportgen.periods import ReportingPeriod
from reportgen.readers.workbook import WORKBOOK_SUFFIXES, open_workbook
from reportgen.render import load_template, make_environment, render, set_core_properties
from reportgen.status import DEFAULT_BEHIND_THRESHOLD
from reportgen.template_files import check_for_build, resolve_template

ProgressCallback = Callable[[str], None]


@dataclass
class BuildConfig:
    """Where to read and write, and the choices a build makes."""

    input_dir: Path = Path("input")
    output_dir: Path = Path("output")
    templates_dir: Path = Path("templates")
    period: ReportingPeriod | None = None
    only: tuple[str, ...] = ()
    behind_threshold: float = DEFAULT_BEHIND_THRESHOLD
    pdf: bool = False  # also convert every output to PDF with LibreOffice
    soffice: str | None = None  # LibreOffice program; else found on PATH
    pdf_timeout: float = PDF_TIMEOUT
    organisation: str | None = None  # when a return leaves Organisation blank
    output_name: str = "{workbook}-{document}"  # output file name, without .docx
    cache_dir: Path | None = None  # drawn charts are kept here; else output/.cache

    @property
    def chart_cache(self) -> Path:
        """Where drawn charts are cached between builds (keyed by content, never stale)."""
        return (self.cache_dir or self.output_dir / ".cache") / "charts"

    @property
    def settings(self) -> Settings:
        return Settings(
            period=self.period,
            behind_threshold=self.behind_threshold,
            organisation=self.organisation,
        )

    def documents(self, kind: WorkbookKind) -> tuple[DocumentKind, ...]:
        """The documents to build for a workbook of ``kind`` (all, or those in ``only``)."""
        if not self.only:
            return kind.documents
        return tuple(d for d in kind.documents if d.name in self.only)


@dataclass
class WorkbookReport:
    """What happened to one input file."""

    path: Path
    kind: WorkbookKind | None = None
    issues: IssueList = field(default_factory=IssueList)
    failure: str | None = None
    outputs: list[WriteResult] = field(default_factory=list)
    model: Any = None

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.issues.has_errors


@dataclass
class BuildReport:
    """The result of a build or a validation: per workbook, what was found and written."""

    workbooks: list[WorkbookReport] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    skipped_documents: list[tuple[Path, str, str]] = field(default_factory=list)  # file, doc, why
    failure: str | None = None
    written: list[WriteResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None and all(w.ok for w in self.workbooks)

    @property
    def error_count(self) -> int:
        return sum(len(w.issues.errors) + (1 if w.failure else 0) for w in self.workbooks)

    @property
    def warning_count(self) -> int:
        return sum(len(w.issues.warnings) for w in self.workbooks)


def discover(input_dir: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The workbooks in ``input_dir`` (sorted by name) and the files passed over, with why."""
    if not input_dir.is_dir():
        raise InputError(f"input folder {input_dir} not found; create it and put the returns in it")
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in sorted(input_dir.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.name.startswith("~$"):
            skipped.append(
                (path, "Excel's lock file: the workbook is open in Excel; save it before building")
            )
        elif path.suffix.lower() in WORKBOOK_SUFFIXES or path.suffix.lower() == ".xls":
            found.append(path)
        else:
            skipped.append((path, "not an Excel workbook (.xlsx or .xlsm)"))
    return found, skipped


def read_workbook(path: Path, config: BuildConfig) -> WorkbookReport:
    """Open one workbook, recognise its kind and check it; failures become ``failure``."""
    report = WorkbookReport(path)
    try:
        workbook = open_workbook(path)
    except WorkbookError as exc:
        report.failure = str(exc)
        return report
    report.kind = recognise(workbook)
    if report.kind is None:
        report.failure = unrecognised_message(workbook)
        return report
    report.model = report.kind.load(workbook, config.settings, report.issues)
    return report


def validate(config: BuildConfig, progress: ProgressCallback | None = None) -> BuildReport:
    """Read and check every workbook in the input folder; write nothing."""
    started = time.perf_counter()
    report = BuildReport()
    try:
        paths, report.skipped = discover(config.input_dir)
    except ReportgenError as exc:
        report.failure = str(exc)
        return report
    if not paths:
        report.failure = f"no Excel workbooks (.xlsx) found in {config.input_dir}"
    for path in paths:
        if progress:
            progress(f"Reading {path.name}")
        report.workbooks.append(read_workbook(path, config))
    report.seconds = time.perf_counter() - started
    return report


def output_path(config: BuildConfig, workbook: Path, kind: DocumentKind | PackKind) -> Path:
    name = config.output_name.format(workbook=workbook.stem, document=kind.suffix)
    return config.output_dir / f"{name}.docx"


def render_document(template_bytes: bytes, kind: DocumentKind, model: Any) -> bytes:
    """Render one document for one workbook's model into repeatable .docx bytes."""
    tpl = DocxTemplate(io.BytesIO(template_bytes))
    tpl.init_docx()
    context = kind.make_context(model, tpl)
    render(tpl, context, kind.template, make_environment())
    props = kind.properties(model)
    day = props.date or dt.date(2000, 1, 1)
    set_core_properties(
        tpl,
        title=props.title,
        subject=props.subject,
        author=props.author,
        keywords=props.keywords,
        when=dt.datetime(day.year, day.month, day.day),
    )
    buffer = io.BytesIO()
    tpl.save(buffer)
    return repeatable_zip(buffer.getvalue())


class TemplateCache:
    """Each template read and checked once per build, however many workbooks use it."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self._loaded: dict[str, bytes] = {}

    def get(self, name: str, kind: DocumentKind | None = None, model: Any = None) -> bytes:
        """The project's template ``name`` (else the built-in), checked against ``kind``'s
        context for ``model`` the first time: TemplateError lists every problem in it."""
        if name not in self._loaded:
            path = resolve_template(name, self.templates_dir)
            load_template(path)  # raises TemplateError when missing or not a .docx
            data = path.read_bytes()
            if kind is not None:
                check_for_build(data, name, kind, model)
            self._loaded[name] = data
        return self._loaded[name]


def stage_packs(
    config: BuildConfig, workbook: WorkbookReport, rendered: dict[str, bytes], report: BuildReport
) -> list[StagedFile]:
    """The packs of ``workbook``'s kind joined from its already-rendered documents; a pack
    whose parts were not all rendered is recorded as skipped."""
    assert workbook.kind is not None
    staged = []
    for pack in workbook.kind.packs:
        missing = [part for part in pack.parts if part not in rendered]
        if missing:
            reason = f"needs the {' and '.join(missing)}, which was not built"
            report.skipped_documents.append((workbook.path, pack.name, reason))
            continue
        data = pack.join([rendered[part] for part in pack.parts], workbook.model)
        staged.append(StagedFile(output_path(config, workbook.path, pack), data))
    return staged


def stage_pdfs(
    config: BuildConfig,
    staged: list[StagedFile],
    soffice: str,
    progress: ProgressCallback | None = None,
) -> list[StagedFile]:
    """A PDF beside every staged .docx, all converted in one LibreOffice run (in memory until
    the build commits, like the .docx files)."""
    if progress:
        progress(f"Converting {len(staged)} document(s) to PDF with LibreOffice")
    pdfs = to_pdf_bytes([(s.path.name, s.data) for s in staged], soffice, config.pdf_timeout)
    return [
        StagedFile(s.path.with_suffix(".pdf"), data) for s, data in zip(staged, pdfs, strict=True)
    ]


def build(config: BuildConfig, progress: ProgressCallback | None = None) -> BuildReport:
    """Build every document for every workbook in the input folder.

    All or nothing: when any workbook has errors or any document fails to render, nothing is
    written and the previous outputs stay as they were.
    """
    started = time.perf_counter()
    report = validate(config, progress)
    if report.failure or not report.ok:
        report.seconds = time.perf_counter() - started
        return report
    owners: list[WorkbookReport] = []
    try:
        soffice = find_soffice(config.soffice) if config.pdf else None
        templates = TemplateCache(config.templates_dir)
        staged: list[StagedFile] = []
        for number, workbook in enumerate(report.workbooks, start=1):
            assert workbook.kind is not None and workbook.model is not None
            counter = f"[{number}/{len(report.workbooks)}] " if len(report.workbooks) > 1 else ""
            rendered: dict[str, bytes] = {}
            for kind in config.documents(workbook.kind):
                reason = kind.skip_reason(workbook.model) if kind.skip_reason else None
                if reason:
                    report.skipped_documents.append((workbook.path, kind.name, reason))
                    continue
                if progress:
                    progress(f"{counter}Rendering {kind.name} for {workbook.path.name}")
                with use_cache_folder(config.chart_cache):
                    data = render_document(
                        templates.get(kind.template, kind, workbook.model), kind, workbook.model
                    )
                staged.append(StagedFile(output_path(config, workbook.path, kind), data))
                owners.append(workbook)
                rendered[kind.name] = data
            for item in stage_packs(config, workbook, rendered, report):
                staged.append(item)
                owners.append(workbook)
        if soffice is not None:
            owners += owners
            staged += stage_pdfs(config, staged, soffice, progress)
        report.written = commit(staged)
    except ReportgenError as exc:
        report.failure = str(exc)
    for owner, result in zip(owners, report.written, strict=False):
        owner.outputs.append(result)
    report.seconds = time.perf_counter() - started
    return report
