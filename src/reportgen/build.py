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

from reportgen.documents import performance_report
from reportgen.errors import InputError, IssueList, ReportgenError, WorkbookError
from reportgen.output import StagedFile, WriteResult, commit, repeatable_zip
from reportgen.periods import ReportingPeriod
from reportgen.readers.workbook import WORKBOOK_SUFFIXES, open_workbook
from reportgen.render import load_template, make_environment, render, set_core_properties
from reportgen.schema.service import ServicePlan
from reportgen.service_workbook import Settings, load_service_plan
from reportgen.status import DEFAULT_BEHIND_THRESHOLD

ProgressCallback = Callable[[str], None]


@dataclass(frozen=True)
class DocumentKind:
    """A document made from a service workbook: its template, output name and context."""

    name: str
    template: str
    suffix: str
    make_context: Callable[[ServicePlan, DocxTemplate], dict[str, Any]]
    title: Callable[[ServicePlan], str]


def _performance_title(plan: ServicePlan) -> str:
    info = performance_report.report_info(plan)
    return f"{info.period_heading} {info.title}"


SERVICE_DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="performance-report",
        template="performance-report.docx",
        suffix="performance-report",
        make_context=performance_report.build_context,
        title=_performance_title,
    ),
)


@dataclass
class BuildConfig:
    """Where to read and write, and the choices a build makes."""

    input_dir: Path = Path("input")
    output_dir: Path = Path("output")
    templates_dir: Path = Path("templates")
    period: ReportingPeriod | None = None
    only: tuple[str, ...] = ()
    behind_threshold: float = DEFAULT_BEHIND_THRESHOLD

    def documents(self) -> tuple[DocumentKind, ...]:
        if not self.only:
            return SERVICE_DOCUMENTS
        return tuple(d for d in SERVICE_DOCUMENTS if d.name in self.only)


@dataclass
class WorkbookReport:
    """What happened to one input file."""

    path: Path
    issues: IssueList = field(default_factory=IssueList)
    failure: str | None = None
    outputs: list[WriteResult] = field(default_factory=list)
    plan: ServicePlan | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.issues.has_errors


@dataclass
class BuildReport:
    """The result of a build or a validation: per workbook, what was found and written."""

    workbooks: list[WorkbookReport] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
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
    """Open and check one workbook; failures become the report's ``failure``."""
    report = WorkbookReport(path)
    try:
        workbook = open_workbook(path)
    except WorkbookError as exc:
        report.failure = str(exc)
        return report
    settings = Settings(period=config.period, behind_threshold=config.behind_threshold)
    result = load_service_plan(workbook, settings, report.issues)
    report.plan = result.plan
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


def output_path(config: BuildConfig, workbook: Path, kind: DocumentKind) -> Path:
    return config.output_dir / f"{workbook.stem}-{kind.suffix}.docx"


def render_document(template_bytes: bytes, kind: DocumentKind, plan: ServicePlan) -> bytes:
    """Render one document for one plan into .docx bytes."""
    tpl = DocxTemplate(io.BytesIO(template_bytes))
    tpl.init_docx()
    context = kind.make_context(plan, tpl)
    render(tpl, context, kind.template, make_environment())
    end = plan.period_end or dt.date(2000, 1, 1)
    set_core_properties(
        tpl,
        title=kind.title(plan),
        subject=plan.details.plan_title,
        author=plan.details.organisation or plan.details.service,
        keywords=[plan.details.service, plan.period.label if plan.period else ""],
        when=dt.datetime(end.year, end.month, end.day),
    )
    buffer = io.BytesIO()
    tpl.save(buffer)
    return repeatable_zip(buffer.getvalue())


def load_templates(config: BuildConfig) -> dict[str, bytes]:
    """Each template of the selected documents, read and checked once."""
    loaded = {}
    for kind in config.documents():
        path = config.templates_dir / kind.template
        load_template(path)  # raises TemplateError when missing or not a .docx
        loaded[kind.name] = path.read_bytes()
    return loaded


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
        templates = load_templates(config)
        staged: list[StagedFile] = []
        for workbook in report.workbooks:
            assert workbook.plan is not None
            for kind in config.documents():
                if progress:
                    progress(f"Rendering {kind.name} for {workbook.path.name}")
                data = render_document(templates[kind.name], kind, workbook.plan)
                staged.append(StagedFile(output_path(config, workbook.path, kind), data))
                owners.append(workbook)
        report.written = commit(staged)
    except ReportgenError as exc:
        report.failure = str(exc)
    for owner, result in zip(owners, report.written, strict=False):
        owner.outputs.append(result)
    report.seconds = time.perf_counter() - started
    return report
