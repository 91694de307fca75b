"""build(config) and validate(config): find the returns, read and check them, render every
document, write them all in one commit.

The CLI only calls them and prints their report. Nothing is written unless every workbook is free
of errors and every document rendered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.accessibility import CheckReport
from reportgen.config import BuildConfig
from reportgen.errors import Issue, IssueList, ReportgenError
from reportgen.layouts import kind_named
from reportgen.pipeline.inputs import WorkbookReport, read_workbook
from reportgen.pipeline.outputs import (
    ProgressCallback,
    check_made,
    document_files,
    fingerprints,
    is_inside,
    output_clashes,
    remove_stale_pdfs,
    stage_pdfs,
)
from reportgen.pipeline.workbooks import WorkbookBuild, build_workbooks
from reportgen.readers.discovery import discover
from reportgen.render.pdf import BackgroundConverter, find_soffice
from reportgen.rules.formats import plural
from reportgen.write.history import HistoryStore
from reportgen.write.incremental import MANIFEST_NAME, Entry, Manifest, issue_to_dict, workbook_key
from reportgen.write.output import StagedFile, WriteResult, WriteState
from reportgen.write.transaction import Transaction


@dataclass
class BuildReport:
    """The result of a build or a validation: per workbook, what was found and written."""

    workbooks: list[WorkbookReport] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    skipped_documents: list[tuple[Path, str, str]] = field(default_factory=list)  # file, doc, why
    failure: str | None = None
    written: list[WriteResult] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)  # an earlier run's commit, finished
    accessibility: CheckReport | None = None  # the check of every output the build made
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
            "written": [
                {"file": str(r.path), "state": r.state.value, "changed": r.changed}
                for r in self.written
            ],
        }


def _inputs(config: BuildConfig, report: BuildReport) -> list[Path]:
    """The workbooks to read; files passed over and a missing or empty folder go in ``report``."""
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
    claims: list[tuple[Path, str, Path]] = []
    for path in paths:
        if progress:
            progress(f"Reading {path.name}")
        workbook = read_workbook(path, config)
        if workbook.unfilled:
            report.skipped.append((path, workbook.unfilled))
            continue
        if workbook.kind is not None and workbook.model is not None:
            files = document_files(config, path, workbook.kind, workbook.model)
            claims += [(path, document, file) for document, file in files]
        report.workbooks.append(workbook)
    clashes = output_clashes(claims)
    for workbook in report.workbooks:
        workbook.issues.extend(clashes.get(workbook.path, ()))
    report.seconds = time.perf_counter() - started
    return report


def build(config: BuildConfig, progress: ProgressCallback | None = None) -> BuildReport:
    """Build every document for every workbook in the input folder.

    A whole build is one commit (see :mod:`reportgen.write.transaction`): documents are staged
    on disk as they are rendered and written together only when every workbook is free of
    errors and every document rendered; otherwise nothing is written and the previous outputs
    stay as they were. Workbooks whose return, templates and settings are unchanged since the
    last build re-use their outputs (see :mod:`reportgen.write.incremental`); the others are
    built in parallel worker processes.
    """
    started = time.perf_counter()
    report = BuildReport()
    paths = _inputs(config, report)
    if not paths:
        report.seconds = time.perf_counter() - started
        return report
    try:
        with Transaction(config.output_dir) as transaction:
            report.recovered = transaction.recovered
            _build(config, report, paths, transaction, progress)
    except ReportgenError as exc:
        report.failure = str(exc)
        report.written = []
    report.seconds = time.perf_counter() - started
    return report


def _build(
    config: BuildConfig,
    report: BuildReport,
    paths: list[Path],
    transaction: Transaction,
    progress: ProgressCallback | None,
) -> None:
    manifest = Manifest.load(config.build_cache)
    store = HistoryStore(config.history)
    templates_hash, settings = fingerprints(config)
    keys = {p: workbook_key(p.read_bytes(), templates_hash, settings) for p in paths}
    reused = {
        p: entry
        for p in paths
        if config.incremental
        and (entry := manifest.reusable(p.name, keys[p], config.output_dir, store))
    }
    if progress and reused:
        progress(
            f"{plural(len(reused), 'workbook')} unchanged since the last build: outputs re-used"
        )
    soffice = find_soffice(config.soffice) if config.pdf else None
    todo = [p for p in paths if p not in reused]
    pdfs = transaction.scratch("pdf") if soffice else None
    converter = BackgroundConverter(soffice, pdfs, config.pdf_timeout) if soffice and pdfs else None
    try:

        def convert_soon(item: WorkbookBuild) -> None:  # LibreOffice starts on them at once
            if converter and item.ok:
                converter.add([staged.staged for staged in item.staged])

        built = build_workbooks(todo, config, progress, transaction.folder, convert_soon)
        claims = [
            (p, "an earlier output", config.output_dir / n)
            for p, e in reused.items()
            for n in e.outputs
        ]
        claims += [(p, d, file) for p, item in built.items() for d, file in item.files]
        clashes = output_clashes(claims)
        for path in paths:
            if path in reused:
                entry = reused[path]
                workbook = WorkbookReport(path, kind_named(entry.kind), entry.restored_issues())
                skipped = entry.skipped_documents
            elif built[path].unfilled:
                report.skipped.append((path, built[path].unfilled or ""))
                continue
            else:
                item = built[path]
                workbook = WorkbookReport(path, kind_named(item.kind), IssueList(item.issues))
                workbook.failure = item.failure
                skipped = item.skipped_documents
            report.skipped_documents += [(path, doc, why) for doc, why in skipped]
            workbook.issues.extend(clashes.get(path, ()))
            report.workbooks.append(workbook)
        if report.ok:
            _write(config, report, built, reused, manifest, keys, transaction, progress, converter)
    finally:
        if converter is not None:
            converter.close()


def _write(
    config: BuildConfig,
    report: BuildReport,
    built: dict[Path, WorkbookBuild],
    reused: dict[Path, Entry],
    manifest: Manifest,
    keys: dict[Path, str],
    transaction: Transaction,
    progress: ProgressCallback | None,
    converter: BackgroundConverter | None,
) -> None:
    """Stage PDFs and the manifest, then commit every output at once."""
    owners: dict[Path, Path] = {}  # output → its workbook
    documents: list[StagedFile] = []
    for path, item in built.items():
        for staged in item.staged:
            documents.append(transaction.adopt(staged))
            owners[documents[-1].target] = path
    outputs = list(documents)
    if converter is not None and documents:
        for pdf, document in zip(
            stage_pdfs(transaction, documents, converter, progress), documents, strict=True
        ):
            outputs.append(pdf)
            owners[pdf.target] = owners[document.target]
    report.accessibility = check_made(built.values(), outputs[len(documents) :], transaction.root)
    removed: dict[Path, Path] = {}  # a PDF whose .docx changes without it → its workbook
    if converter is None:
        for document in remove_stale_pdfs(transaction, documents):
            removed[document.target.with_suffix(".pdf")] = owners[document.target]
    for path, item in built.items():
        manifest.entries[path.name] = Entry(
            key=keys[path],
            kind=item.kind or "",
            outputs={
                o.target.relative_to(transaction.root).as_posix(): o.sha256
                for o in outputs
                if owners[o.target] == path
            },
            issues=[issue_to_dict(i) for i in item.issues],
            skipped_documents=[list(pair) for pair in item.skipped_documents],
            plan=item.record.plan if item.record else "",
            period=item.record.period if item.record else "",
            history=item.history,
        )
    keep = {p.name for p in keys}
    manifest_path = config.build_cache / MANIFEST_NAME
    inside = is_inside(manifest_path, config.output_dir)
    if inside:
        transaction.stage(manifest_path, manifest.to_bytes(keep))
    results = {
        r.path: WriteResult(transaction.shown(r.path, config.output_dir), r.state)
        for r in transaction.commit()
    }
    if not inside:
        manifest.save(keep)
    store = HistoryStore(config.history)
    for record in (item.record for item in built.values() if item.record):
        store.save(record)
    by_path = {w.path: w for w in report.workbooks}
    for output in outputs:
        by_path[owners[output.target]].outputs.append(results[output.target])
    for pdf, owner in removed.items():
        if pdf in results:
            by_path[owner].outputs.append(results[pdf])
    for path, entry in reused.items():
        for name in entry.outputs:
            result = WriteResult(config.output_dir / name, WriteState.REUSED)
            by_path[path].outputs.append(result)
    report.written = [r for w in report.workbooks for r in w.outputs]
