"""The pipeline: find the returns, read and check them, render every document, write them all.

``build(config)`` and ``validate(config)`` are the library's front door (``reportgen.build``); the
CLI only calls them and prints their report.
The data flows one way: read → validate → build context → render → write. Nothing is written
unless every workbook is free of errors and every document rendered.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.authoring.templates import TemplateCache, resolve_template
from reportgen.config import BuildConfig
from reportgen.errors import Issue, IssueList, ReportgenError, WorkbookError
from reportgen.kinds import WorkbookKind
from reportgen.layouts import recognise, unrecognised_message, workbook_kinds
from reportgen.readers.discovery import discover
from reportgen.readers.workbook import open_workbook
from reportgen.render import charts
from reportgen.render.charts import use_cache_folder
from reportgen.render.engine import render_document
from reportgen.render.pdf import find_soffice, to_pdf_bytes
from reportgen.write.incremental import Entry, Manifest, issue_to_dict, sha256, workbook_key
from reportgen.write.output import StagedFile, WriteResult, commit

ProgressCallback = Callable[[str], None]


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path.name,
            "kind": self.kind.name if self.kind else None,
            "failure": self.failure,
            "errors": len(self.issues.errors),
            "warnings": len(self.issues.warnings),
            "issues": [i.to_dict() for i in self.issues],
        }


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

    @property
    def issues(self) -> list[Issue]:
        """Every problem found, workbook by workbook, in the order found."""
        return [issue for w in self.workbooks for issue in w.issues]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what ``reportgen validate --json`` prints)."""
        return {
            "ok": self.ok,
            "failure": self.failure,
            "errors": self.error_count,
            "warnings": self.warning_count,
            "skipped": [{"file": p.name, "reason": r} for p, r in self.skipped],
            "workbooks": [w.to_dict() for w in self.workbooks],
            "skipped_documents": [
                {"file": p.name, "document": d, "reason": r} for p, d, r in self.skipped_documents
            ],
            "written": [{"file": str(r.path), "changed": r.changed} for r in self.written],
        }


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


def _inputs(config: BuildConfig, report: BuildReport) -> list[Path]:
    """The workbooks to read; the files passed over and a missing or empty input folder go
    into ``report``."""
    try:
        paths, report.skipped = discover(config.input_dir)
    except ReportgenError as exc:
        report.failure = str(exc)
        return []
    if not paths:
        report.failure = f"no Excel workbooks (.xlsx) found in {config.input_dir}"
    return paths


def validate(config: BuildConfig, progress: ProgressCallback | None = None) -> BuildReport:
    """Read and check every workbook in the input folder; write nothing."""
    started = time.perf_counter()
    report = BuildReport()
    paths = _inputs(config, report)
    for path in paths:
        if progress:
            progress(f"Reading {path.name}")
        report.workbooks.append(read_workbook(path, config))
    report.seconds = time.perf_counter() - started
    return report


def stage_packs(
    config: BuildConfig, path: Path, kind: WorkbookKind, model: Any, rendered: dict[str, bytes]
) -> tuple[list[StagedFile], list[tuple[str, str]]]:
    """The packs of ``kind`` joined from a workbook's already-rendered documents, and the packs
    skipped (with why) because a part was not rendered."""
    staged: list[StagedFile] = []
    skipped: list[tuple[str, str]] = []
    for pack in kind.packs:
        missing = [part for part in pack.parts if part not in rendered]
        if missing:
            skipped.append((pack.name, f"needs the {' and '.join(missing)}, which was not built"))
            continue
        data = pack.join([rendered[part] for part in pack.parts], model)
        target = config.output_file(path, pack.suffix, kind.period_of(model))
        staged.append(StagedFile(target, data))
    return staged, skipped


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


@dataclass
class WorkbookBuild:
    """What building one workbook produced (sent back from a worker process)."""

    path: Path
    kind: str | None
    issues: list[Issue]
    failure: str | None = None
    staged: list[StagedFile] = field(default_factory=list)
    skipped_documents: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failure is None and not any(i.is_error for i in self.issues)


def build_workbook(path: Path, config: BuildConfig, templates: TemplateCache) -> WorkbookBuild:
    """Read, check and (when free of errors) render every document of one workbook."""
    report = read_workbook(path, config)
    result = WorkbookBuild(
        path, report.kind.name if report.kind else None, list(report.issues), report.failure
    )
    if not result.ok or report.kind is None or report.model is None:
        return result
    rendered: dict[str, bytes] = {}
    for kind in config.documents(report.kind):
        reason = kind.skip_reason(report.model) if kind.skip_reason else None
        if reason:
            result.skipped_documents.append((kind.name, reason))
            continue
        with use_cache_folder(config.chart_cache):
            template = templates.get(kind.template, kind, report.model)
            data = render_document(template, kind, report.model)
        target = config.output_file(path, kind.suffix, report.kind.period_of(report.model))
        result.staged.append(StagedFile(target, data))
        rendered[kind.name] = data
    packs, skipped = stage_packs(config, path, report.kind, report.model, rendered)
    result.staged += packs
    result.skipped_documents += skipped
    return result


_WORKER_TEMPLATES: TemplateCache | None = None


def _start_worker(templates_dir: Path) -> None:
    """Each worker process loads and checks each template once, and draws its charts itself
    (the workers already keep every core busy)."""
    global _WORKER_TEMPLATES
    _WORKER_TEMPLATES = TemplateCache(templates_dir)
    charts.DEFAULT_WORKERS = 1


def _build_in_worker(path: Path, config: BuildConfig) -> WorkbookBuild:
    assert _WORKER_TEMPLATES is not None
    return build_workbook(path, config, _WORKER_TEMPLATES)


def build_workbooks(
    paths: list[Path], config: BuildConfig, progress: ProgressCallback | None = None
) -> dict[Path, WorkbookBuild]:
    """Build workbooks, in parallel worker processes when there are several and several cores."""
    jobs = min(config.jobs or os.cpu_count() or 1, len(paths))
    results: dict[Path, WorkbookBuild] = {}

    def note(number: int, built: WorkbookBuild) -> None:
        if progress:
            counter = f"[{number}/{len(paths)}] " if len(paths) > 1 else ""
            state = "built" if built.ok else "has problems"
            progress(f"{counter}{built.path.name} {state}")

    if jobs <= 1:
        templates = TemplateCache(config.templates_dir)
        for number, path in enumerate(paths, start=1):
            if progress:
                progress(f"Reading and rendering {path.name}")
            results[path] = build_workbook(path, config, templates)
            note(number, results[path])
        return results
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(config.templates_dir,)
    ) as pool:
        futures = {pool.submit(_build_in_worker, path, config): path for path in paths}
        for number, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            note(number, results[futures[future]])
    return results


def _fingerprints(config: BuildConfig) -> tuple[bytes, str]:
    """What every workbook's build depends on besides the workbook: templates and settings."""
    names = sorted({d.template for k in workbook_kinds() for d in k.documents})
    digest = hashlib.sha256()
    for name in names:
        path = resolve_template(name, config.templates_dir)
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    settings = repr(
        (
            config.period.label if config.period else None,
            config.behind_threshold,
            config.organisation,
            sorted(config.only),
            config.output_name,
            config.pdf,
        )
    )
    return digest.digest(), settings


def _kind_named(name: str | None) -> WorkbookKind | None:
    return next((k for k in workbook_kinds() if k.name == name), None)


def build(config: BuildConfig, progress: ProgressCallback | None = None) -> BuildReport:
    """Build every document for every workbook in the input folder.

    All or nothing: when any workbook has errors or any document fails to render, nothing is
    written and the previous outputs stay as they were. Workbooks whose return, templates and
    settings are unchanged since the last build re-use their outputs (see
    :mod:`reportgen.write.incremental`); the others are built in parallel worker processes.
    """
    started = time.perf_counter()
    report = BuildReport()
    paths = _inputs(config, report)
    if not paths:
        return report
    manifest = Manifest.load(config.build_cache)
    templates_hash, settings = _fingerprints(config)
    keys = {p: workbook_key(p.read_bytes(), templates_hash, settings) for p in paths}
    reused = {
        p: entry
        for p in paths
        if config.incremental and (entry := manifest.reusable(p.name, keys[p], config.output_dir))
    }
    if progress and reused:
        progress(f"{len(reused)} workbook(s) unchanged since the last build: outputs re-used")
    try:
        soffice = find_soffice(config.soffice) if config.pdf else None
        built = build_workbooks([p for p in paths if p not in reused], config, progress)
    except ReportgenError as exc:
        report.failure = str(exc)
        report.seconds = time.perf_counter() - started
        return report
    for path in paths:
        if path in reused:
            entry = reused[path]
            workbook = WorkbookReport(path, _kind_named(entry.kind), entry.restored_issues())
            report.skipped_documents += [(path, doc, why) for doc, why in entry.skipped_documents]
        else:
            item = built[path]
            workbook = WorkbookReport(path, _kind_named(item.kind), IssueList(item.issues))
            workbook.failure = item.failure
            report.skipped_documents += [(path, doc, why) for doc, why in item.skipped_documents]
        report.workbooks.append(workbook)
    if report.ok:
        report.failure = _shared_names(config, built, reused)
    if report.ok:
        _write(config, report, built, reused, manifest, keys, progress, soffice)
    report.seconds = time.perf_counter() - started
    return report


def _shared_names(
    config: BuildConfig, built: dict[Path, WorkbookBuild], reused: dict[Path, Entry]
) -> str | None:
    """Why the build cannot write: two documents given one file by the output name."""
    owners: dict[Path, Path] = {}
    files = [(s.path, path) for path, item in built.items() for s in item.staged]
    files += [(config.output_dir / name, path) for path, e in reused.items() for name in e.outputs]
    for target, workbook in files:
        if owners.setdefault(target, workbook) != workbook:
            return (
                f"{owners[target].name} and {workbook.name} would both be written to {target}; "
                "give the workbooks different names, or use {workbook} in the output name"
            )
    return None


def _write(
    config: BuildConfig,
    report: BuildReport,
    built: dict[Path, WorkbookBuild],
    reused: dict[Path, Entry],
    manifest: Manifest,
    keys: dict[Path, str],
    progress: ProgressCallback | None,
    soffice: str | None,
) -> None:
    """Stage PDFs, commit every output atomically, and record the build in the manifest."""
    staged = [s for item in built.values() for s in item.staged]
    owners = [path for path, item in built.items() for _ in item.staged]
    try:
        if soffice is not None and staged:
            staged += stage_pdfs(config, staged, soffice, progress)
            owners += owners
        results = commit(staged)
    except ReportgenError as exc:
        report.failure = str(exc)
        return
    by_path = {w.path: w for w in report.workbooks}
    written: dict[Path, dict[str, str]] = {path: {} for path in built}
    for owner, item, result in zip(owners, staged, results, strict=True):
        by_path[owner].outputs.append(result)
        written[owner][item.path.relative_to(config.output_dir).as_posix()] = sha256(item.data)
    for path, entry in reused.items():
        for name in entry.outputs:
            by_path[path].outputs.append(WriteResult(config.output_dir / name, changed=False))
    for path, item in built.items():
        manifest.entries[path.name] = Entry(
            key=keys[path],
            kind=item.kind or "",
            outputs=written[path],
            issues=[issue_to_dict(i) for i in item.issues],
            skipped_documents=[list(pair) for pair in item.skipped_documents],
        )
    report.written = [r for w in report.workbooks for r in w.outputs]
    manifest.save(keep={p.name for p in keys})
