"""What changed since the last report, for every service plan in the input folder.

``changes(config)`` reads and checks the returns as ``validate`` does, then compares each service
plan with the last period of it on record in the history folder (see
:mod:`reportgen.write.history`). The report holds the facts (``PlanChanges``, before and after)
and the numbered paragraphs the committee report prints; ``reportgen changes`` prints them and
``to_dict()`` gives them as plain data (``reportgen changes --json``, the web app).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.config import BuildConfig
from reportgen.documents.changes import NO_HISTORY, change_statements, plan_changes
from reportgen.documents.narrative import Statement
from reportgen.history.changes import PlanChanges
from reportgen.pipeline.outputs import ProgressCallback
from reportgen.pipeline.run import BuildReport, validate
from reportgen.write.history import HistoryStore, with_history


@dataclass
class PlanChangesResult:
    """One service workbook's changes since the last period on record (``changes`` None, with
    ``reason``, when there is none to compare with)."""

    path: Path
    period: str
    changes: PlanChanges | None = None
    reason: str | None = None
    statements: list[Statement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path.name,
            "period": self.period,
            "since": self.changes.since if self.changes else None,
            "reason": self.reason,
            "changes": self.changes.to_dict() if self.changes else None,
            "paragraphs": [{"text": s.text, "items": list(s.items)} for s in self.statements],
        }


@dataclass
class ChangesReport:
    """The returns as checked (``checked``, as ``validate`` reports them) and each service
    plan's changes."""

    checked: BuildReport
    plans: list[PlanChangesResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.checked.ok

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "failure": self.checked.failure,
            "plans": [plan.to_dict() for plan in self.plans],
            "checked": self.checked.to_dict(),
        }


def changes(config: BuildConfig, progress: ProgressCallback | None = None) -> ChangesReport:
    """Check every workbook in the input folder and say, for each service plan free of errors,
    what changed since the last period of it on record; write nothing."""
    report = ChangesReport(validate(config, progress))
    store = HistoryStore(config.history)
    for workbook in report.checked.workbooks:
        record, history = with_history(workbook.model, store)
        if record is None or not workbook.ok:
            continue
        workbook.issues.extend(history.problems)
        found = plan_changes(workbook.model)
        result = PlanChangesResult(workbook.path, record.period, found)
        if found is None:
            result.reason = NO_HISTORY
        else:
            result.statements = change_statements(found)
        report.plans.append(result)
    return report
