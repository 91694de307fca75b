"""What a build writes: the file of every output, the files two workbooks would share (found
before anything is written), the packs joined from staged documents, the PDFs converted
from them into the same commit (see :mod:`reportgen.write.transaction`) or removed in it when
their .docx changes without them, and the accessibility check of everything it made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from reportgen.accessibility import CheckError, CheckReport, check_file
from reportgen.authoring.templates import resolve_template
from reportgen.config import BuildConfig
from reportgen.errors import Issue, IssueList, Location
from reportgen.kinds import WorkbookKind
from reportgen.layouts import workbook_kinds
from reportgen.render.pdf import BackgroundConverter, repeatable_pdf
from reportgen.rules.formats import plural
from reportgen.write.journal import state_of
from reportgen.write.names import find_clashes
from reportgen.write.output import StagedFile, WriteState
from reportgen.write.transaction import Transaction, stage_bytes

ProgressCallback = Callable[[str], None]


def document_files(
    config: BuildConfig, workbook: Path, kind: WorkbookKind, model: Any
) -> list[tuple[str, Path]]:
    """Every file a build may write for ``workbook`` (read as ``kind`` into ``model``): each of
    its documents and packs as .docx (and .pdf with ``--pdf``), by document name."""
    period = kind.period_of(model)
    names = [d.name for d in config.documents(kind)] + [p.name for p in kind.packs]
    names = [name for name in names if config.writes(name)]
    suffixes = {d.name: d.suffix for d in (*kind.documents, *kind.packs)}
    files = []
    for name in names:
        docx = config.output_file(workbook, suffixes[name], period)
        files.append((name, docx))
        if config.pdf:
            files.append((name, docx.with_suffix(".pdf")))
    return files


def output_clashes(claims: Iterable[tuple[Path, str, Path]]) -> dict[Path, IssueList]:
    """For each workbook, an error per output file it would share with another workbook;
    ``claims`` are (workbook, document, file). Names that differ only in case clash too, as
    Windows and shared drives see them."""
    found: dict[Path, IssueList] = {}
    for clash in find_clashes(claims):
        message = clash.message()
        for workbook, _document in clash.writers:
            issues = found.setdefault(workbook, IssueList())
            if all(i.message != message for i in issues):
                issues.error("output-name-clash", message, Location(workbook.name), str(clash.name))
    return found


def stage_packs(
    config: BuildConfig,
    path: Path,
    kind: WorkbookKind,
    model: Any,
    rendered: dict[str, StagedFile],
    staging: Path,
) -> tuple[list[StagedFile], list[tuple[str, str]]]:
    """The packs of ``kind`` joined from a workbook's documents already staged, and the packs
    skipped (with why) because a part was not rendered."""
    staged: list[StagedFile] = []
    skipped: list[tuple[str, str]] = []
    for pack in kind.packs:
        if not config.writes(pack.name):
            continue
        missing = [part for part in pack.parts if part not in rendered]
        if missing:
            skipped.append((pack.name, f"needs the {' and '.join(missing)}, which was not built"))
            continue
        data = pack.joined([rendered[part].read_bytes() for part in pack.parts])
        target = config.output_file(path, pack.suffix, kind.period_of(model))
        staged.append(stage_bytes(staging, target, data))
    return staged, skipped


def stage_pdfs(
    transaction: Transaction,
    documents: list[StagedFile],
    converter: BackgroundConverter,
    progress: ProgressCallback | None = None,
) -> list[StagedFile]:
    """A PDF beside every staged .docx: ``converter`` has converted most of them from the
    staged files while the build went on (those not handed to it yet are converted now), and
    each is staged in turn as it is read back."""
    if progress:
        progress(f"Finishing the PDFs of {plural(len(documents), 'document')} with LibreOffice")
    pdfs = converter.finish([d.staged for d in documents])
    staged = []
    for document, pdf in zip(documents, pdfs, strict=True):
        data = repeatable_pdf(pdf.read_bytes())
        pdf.unlink()
        staged.append(transaction.stage(document.target.with_suffix(".pdf"), data))
    return staged


def remove_stale_pdfs(transaction: Transaction, documents: list[StagedFile]) -> list[StagedFile]:
    """Have the commit remove the PDF beside each document it changes (a build without
    ``--pdf``): a PDF stays only beside the exact .docx it was made from. Returns the documents
    whose PDF goes."""
    stale = []
    for document in documents:
        pdf = document.target.with_suffix(".pdf")
        if pdf.is_file() and state_of(document) is not WriteState.UNCHANGED:
            transaction.remove(pdf)
            stale.append(document)
    return stale


def fingerprints(config: BuildConfig) -> tuple[bytes, str]:
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
            sorted(config.merge_cells),
        )
    )
    return digest.digest(), settings


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` lies inside ``folder``."""
    full, base = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([full, base]) == base and full != base


def check_staged(outputs: Iterable[StagedFile], root: Path) -> dict[Path, list[Issue]]:
    """The accessibility check (:mod:`reportgen.accessibility`) of staged documents and PDFs,
    by output; each finding names the output as it will be written under ``root``
    (``2022-23 Q2/cfsw-service-plan-service-plan.docx``). Workers check what they render."""
    found: dict[Path, list[Issue]] = {}
    for output in outputs:
        shown = Path(os.path.relpath(output.target, root)).as_posix()
        try:
            issues = check_file(output.staged)
        except CheckError as exc:
            unreadable = IssueList()
            unreadable.error("unreadable", str(exc), Location(shown))
            issues = list(unreadable)
        found[output.target] = [
            dataclasses.replace(i, location=dataclasses.replace(i.location, file=shown))
            for i in issues
        ]
    return found


class Checked(Protocol):
    """A workbook's build, with the findings on the documents it made (by output)."""

    checked: dict[Path, list[Issue]]


def check_made(builds: Iterable[Checked], pdfs: list[StagedFile], root: Path) -> CheckReport:
    """The check of everything a build made: its documents as the workers checked them, and
    its PDFs, checked now."""
    report = CheckReport()
    for build in builds:
        report.documents.update(build.checked)
    report.documents.update(check_staged(pdfs, root))
    return report
