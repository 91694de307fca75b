"""Reading one return: open it, tell its kind, check it, and say what went wrong if anything.

Every return is read on its own: a file that cannot be opened or parsed is a failure naming the
file (and the part, where known), and an error in reportgen itself met while reading one is a
failure naming the file, with the traceback in a crash report; the other returns are still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.config import BuildConfig
from reportgen.errors import IssueList, WorkbookError
from reportgen.kinds import WorkbookKind
from reportgen.layouts import recognise, unfilled_message, unrecognised_message
from reportgen.readers.workbook import open_workbook
from reportgen.write.crash import unexpected_failure
from reportgen.write.output import WriteResult


@dataclass
class WorkbookReport:
    """What happened to one input file."""

    path: Path
    kind: WorkbookKind | None = None
    issues: IssueList = field(default_factory=IssueList)
    failure: str | None = None
    outputs: list[WriteResult] = field(default_factory=list)
    model: Any = None
    unfilled: str | None = None  # why a blank return is passed over (nothing filled in yet)

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


def read_workbook(path: Path, config: BuildConfig) -> WorkbookReport:
    """Open one workbook, recognise its kind and check it; failures become ``failure``, and a
    blank return (every sheet only headings) is not checked but says what to fill in."""
    report = WorkbookReport(path)
    workbook = None
    try:
        workbook = open_workbook(path)
        report.kind = recognise(workbook)
        if report.kind is None:
            report.failure = unrecognised_message(workbook)
            return report
        report.unfilled = unfilled_message(workbook, report.kind)
        if report.unfilled is None:
            report.model = report.kind.load(workbook, config.settings, report.issues)
    except WorkbookError as exc:
        report.failure = str(exc)
        report.model = None
    except Exception as exc:  # a bug: name the file, keep the traceback, read the others
        report.failure = unexpected_failure(config.output_dir, f"reading {path.name}", exc)
        report.model = None
    finally:
        if workbook is not None:
            report.issues.extend(workbook.problems)
    if report.model is not None and report.issues.has_errors:
        report.model = None
    return report
