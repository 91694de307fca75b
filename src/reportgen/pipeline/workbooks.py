"""Building workbooks: each read, checked and rendered, its documents staged as they are made.

This process builds workbooks one after another while ``jobs - 1`` worker processes (forked
before any build) take the others; each frees a workbook's memory after it, so memory stays at
about one workbook a process.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.authoring.templates import TemplateCache
from reportgen.config import BuildConfig
from reportgen.errors import Issue
from reportgen.pipeline.inputs import read_workbook
from reportgen.pipeline.outputs import ProgressCallback, check_staged, document_files, stage_packs
from reportgen.render.charts import use_cache_folder
from reportgen.render.engine import render_document
from reportgen.schema.history import PeriodRecord
from reportgen.write.history import HistoryStore, with_history
from reportgen.write.output import StagedFile
from reportgen.write.transaction import stage_bytes


@dataclass
class WorkbookBuild:
    """What building one workbook produced (sent back from a worker process): its documents
    are staged on disk, so only their paths and hashes travel."""

    path: Path
    kind: str | None
    issues: list[Issue]
    failure: str | None = None
    staged: list[StagedFile] = field(default_factory=list)
    skipped_documents: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, Path]] = field(default_factory=list)  # every file it may write
    checked: dict[Path, list[Issue]] = field(default_factory=dict)  # accessibility findings
    unfilled: str | None = None  # why a blank return is passed over
    record: PeriodRecord | None = None  # a service plan's figures, for the history
    history: str = ""  # the digest of the earlier records its documents were made from

    @property
    def ok(self) -> bool:
        return self.failure is None and not any(i.is_error for i in self.issues)


def build_workbook(
    path: Path, config: BuildConfig, templates: TemplateCache, staging: Path | None = None
) -> WorkbookBuild:
    """Read, check and (when free of errors, and given a ``staging`` folder) render every
    document of one workbook, staging each one as soon as it is rendered."""
    report = read_workbook(path, config)
    result = WorkbookBuild(
        path, report.kind.name if report.kind else None, list(report.issues), report.failure
    )
    result.unfilled = report.unfilled
    if report.kind is not None and report.model is not None:
        result.files = document_files(config, path, report.kind, report.model)
    if not result.ok or report.kind is None or report.model is None or staging is None:
        return result
    result.record, history = with_history(report.model, HistoryStore(config.history))
    result.issues += history.problems
    result.history = history.digest
    period = report.kind.period_of(report.model)
    rendered: dict[str, StagedFile] = {}
    for kind in config.documents(report.kind):
        reason = kind.skip_reason(report.model) if kind.skip_reason else None
        if reason:
            result.skipped_documents.append((kind.name, reason))
            continue
        with use_cache_folder(config.chart_cache):
            template = templates.get(kind.template, kind, report.model)
            data = render_document(template, kind, report.model, config.merges_cells(kind.name))
        target = config.output_file(path, kind.suffix, period)
        rendered[kind.name] = stage_bytes(staging, target, data)
        if config.writes(kind.name):  # a pack's part asked for alone is rendered, not written
            result.staged.append(rendered[kind.name])
        del data
    packs, skipped = stage_packs(config, path, report.kind, report.model, rendered, staging)
    result.staged += packs
    result.skipped_documents += skipped
    result.checked = check_staged(result.staged, config.output_dir)
    return result


_WORKER_TEMPLATES: TemplateCache | None = None


def _start_worker(templates_dir: Path) -> None:
    """Each worker process loads and checks each template once."""
    global _WORKER_TEMPLATES
    _WORKER_TEMPLATES = TemplateCache(templates_dir)


def _build_in_worker(path: Path, config: BuildConfig, staging: Path | None) -> WorkbookBuild:
    assert _WORKER_TEMPLATES is not None
    try:
        return build_workbook(path, config, _WORKER_TEMPLATES, staging)
    finally:
        release_memory()


def release_memory() -> None:
    """Free what a workbook's build left: objects in reference cycles (python-docx's, 10-15 MB
    a workbook, piled up between the collector's rare full passes), then glibc's freed heap."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL(None).malloc_trim(0)


def build_workbooks(
    paths: list[Path],
    config: BuildConfig,
    progress: ProgressCallback | None = None,
    staging: Path | None = None,
    on_built: Callable[[WorkbookBuild], None] | None = None,
) -> dict[Path, WorkbookBuild]:
    """Build workbooks: this process one after another, and ``jobs - 1`` worker processes
    (forked before any is built) the others. Documents are rendered (and staged) only given a
    ``staging`` folder; ``on_built`` is told of each workbook as soon as it is built."""
    jobs = min(config.jobs or os.cpu_count() or 1, len(paths))
    results: dict[Path, WorkbookBuild] = {}
    templates = TemplateCache(config.templates_dir)

    def done(path: Path, built: WorkbookBuild) -> None:
        results[path] = built
        if on_built:
            on_built(built)
        if progress:
            counter = f"[{len(results)}/{len(paths)}] " if len(paths) > 1 else ""
            state = "built" if built.ok else "has problems"
            progress(f"{counter}{built.path.name} {state}")

    def build_here(path: Path) -> None:
        if progress and jobs <= 1:
            progress(f"Reading and rendering {path.name}")
        built = build_workbook(path, config, templates, staging)
        release_memory()
        done(path, built)

    waiting = deque(paths)
    if jobs <= 1:
        while waiting:
            build_here(waiting.popleft())
        return results
    with ProcessPoolExecutor(
        max_workers=jobs - 1, initializer=_start_worker, initargs=(config.templates_dir,)
    ) as pool:
        running: dict[Future[WorkbookBuild], Path] = {}
        while waiting or running:
            while waiting and len(running) < jobs - 1:
                path = waiting.popleft()
                running[pool.submit(_build_in_worker, path, config, staging)] = path
            if waiting:
                build_here(waiting.popleft())
            finished = [f for f in running if f.done()] if waiting else []
            if not waiting:
                finished = list(wait(running, return_when=FIRST_COMPLETED).done)
            for future in finished:
                done(running.pop(future), future.result())
    return results
