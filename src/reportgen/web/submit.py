"""A lead officer sends their return: keep it, check it, answer at once.

Each file sent is streamed to the workspace's ``.reportgen/incoming/`` (hashed as it arrives),
taken only when its content is a workbook, then checked as ``collect`` checks it
(:func:`reportgen.returns.feedback.check_return`): refused when its sealed Return Details were
changed or never issued here, or it is another officer's return, else checked cell by cell.
A return that is not refused becomes the return in ``returns/<period>/received/`` (replaced
atomically, so ``collect`` always reads a whole file), its annotated copy is written beside in
``checked/``, the file as sent is kept in ``.reportgen/submissions/<period>/``, and the
submission log says who sent what, when, its SHA-256 and the outcome. Sends of one return are
taken one at a time; sends of different returns run side by side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportgen.errors import Issue
from reportgen.returns.annotate import checked_name, write_checked_copy
from reportgen.returns.feedback import PlanCache, belongs_to, check_return
from reportgen.returns.links import ReturnLink
from reportgen.web.security import not_office_reason, sniff
from reportgen.web.store import Store
from reportgen.web.workspace import Period, Workspace

CHUNK = 1024 * 1024


@dataclass
class Outcome:
    """What a lead officer is told about the file they sent."""

    outcome: str  # 'accepted', 'needs-fixing' or 'refused'
    status: int  # the HTTP status to answer with
    issues: list[Issue] = field(default_factory=list)
    reason: str | None = None  # why refused
    checked: bool = False  # an annotated copy can be downloaded
    seconds: float = 0.0
    received: str = ""
    sha256: str = ""

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


class Submissions:
    """Receiving returns for one workspace."""

    def __init__(self, workspace: Workspace, store: Store) -> None:
        self.workspace = workspace
        self.store = store
        self.plans = PlanCache()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def receive(
        self, period: Period, link: ReturnLink, stream: BinaryIO, file_name: str
    ) -> Outcome:
        """Take the file in ``stream`` as ``link``'s return for ``period`` and check it."""
        incoming = self.workspace.state_dir / "incoming" / uuid.uuid4().hex
        incoming.mkdir(parents=True)
        try:
            path = incoming / link.file
            digest, size = _save(stream, path)
            started = time.perf_counter()
            with self._lock(f"{period.slug}|{link.key}"):
                outcome = self._check(period, link, path)
                outcome.sha256 = digest
                outcome.received = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
                if outcome.outcome != "refused":
                    self._keep(period, link, path, outcome)
                outcome.seconds = time.perf_counter() - started
                self._record(period, link, file_name, size, outcome)
            return outcome
        finally:
            shutil.rmtree(incoming, ignore_errors=True)

    def _check(self, period: Period, link: ReturnLink, path: Path) -> Outcome:
        if sniff(path) != "workbook":
            return Outcome("refused", 415, reason=not_office_reason(path, "workbook"))
        assert period.links is not None
        input_dir = self.workspace.input_dir_for(period.links)
        root = self.workspace.root
        returned = check_return(path, input_dir, self.plans, link, period.period, root)
        if returned.failure is not None:
            # 403 only for a genuine return of someone else's; a forged one is 422 (unusable)
            others = returned.sealed and belongs_to(returned, link, period.period)
            status = 403 if others else 422
            return Outcome("refused", status, reason=_plain(returned.failure, path.name))
        issues = sorted(returned.issues, key=reading_order)
        verdict = "needs-fixing" if any(i.is_error for i in issues) else "accepted"
        return Outcome(verdict, 200, issues=issues)

    def _keep(self, period: Period, link: ReturnLink, path: Path, outcome: Outcome) -> None:
        """The file becomes the return in ``received/``; its checked copy is made or cleared;
        the file as sent is kept."""
        kept = self.workspace.submissions_dir(period.period)
        kept.mkdir(parents=True, exist_ok=True)
        stamp = outcome.received.replace(":", "").replace("+0000", "Z")
        shutil.copyfile(path, kept / f"{stamp}-{outcome.sha256[:12]}-{link.file}")
        received = self.workspace.received_dir(period.period)
        received.mkdir(parents=True, exist_ok=True)
        target = received / link.file
        staging = received / f".{link.file}.{uuid.uuid4().hex}.tmp"
        shutil.copyfile(path, staging)
        os.replace(staging, target)
        checked = self.workspace.checked_dir(period.period)
        if outcome.issues:
            write_checked_copy(target, outcome.issues, checked)
            outcome.checked = True
        else:
            (checked / checked_name(target)).unlink(missing_ok=True)

    def _record(
        self, period: Period, link: ReturnLink, file_name: str, size: int, outcome: Outcome
    ) -> None:
        issues: list[dict[str, Any]] = [i.to_dict() for i in outcome.issues]
        if outcome.reason:
            issues = [{"severity": "error", "type": "refused", "message": outcome.reason}]
        self.store.add_submission(
            {
                "period": period.slug,
                "link": link.key,
                "received": outcome.received,
                "file_name": file_name[:200],
                "sha256": outcome.sha256,
                "bytes": size,
                "outcome": outcome.outcome,
                "errors": len(outcome.errors) + (1 if outcome.reason else 0),
                "warnings": len(outcome.warnings),
                "issues": issues,
                "seconds": round(outcome.seconds, 3),
            }
        )
        self.store.audit(
            f"lead officer link: {link.who}",
            f"sent return: {outcome.outcome}",
            f"{period.period.label}: {link.file}",
            f"{file_name[:200]}, {size} bytes, SHA-256 {outcome.sha256}",
        )

    def checked_copy(self, period: Period, link: ReturnLink) -> Path | None:
        """The annotated copy of the return's latest file, when it had problems."""
        path = self.workspace.checked_dir(period.period) / checked_name(Path(link.file))
        return path if path.is_file() else None


def reading_order(issue: Issue) -> tuple[bool, str, int, int, str]:
    """Errors first, then by sheet, row and column, as a person works through the file."""
    cell = issue.location.cell or ""
    letters = cell.rstrip("0123456789")
    row = int(cell[len(letters) :]) if cell[len(letters) :].isdigit() else 0
    column = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(letters.upper())))
    return (not issue.is_error, issue.location.sheet or "", row, column, issue.message)


def _save(stream: BinaryIO, path: Path) -> tuple[str, int]:
    """Copy ``stream`` to ``path``; its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as handle:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            handle.write(chunk)
    return digest.hexdigest(), size


def _plain(failure: str, name: str) -> str:
    """A failure without the temporary file's name in front ("x.xlsx: …")."""
    text = failure.removeprefix(f"{name}: ")
    return text[:1].upper() + text[1:]
