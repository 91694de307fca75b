"""What an accessibility check found: the issues of each document, a one-line summary for a
build, and a plain dictionary for ``--json``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Issue, IssueList, Location, ReportgenError


class CheckError(ReportgenError):
    """Raised when a file cannot be checked: not a Word document or PDF, damaged, or
    password-protected."""


class Findings:
    """The issues found in one document, each placed in it (``paragraph 12``, ``table 3``)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues = IssueList()

    def error(self, type_: str, place: str | None, message: str, value: object = None) -> None:
        """Record a failure of the accessibility regulations at ``place``."""
        self.issues.error(type_, message, Location(file=self.file, place=place), value)

    def warning(self, type_: str, place: str | None, message: str, value: object = None) -> None:
        """Record advice: something that makes the document harder to use, at ``place``."""
        self.issues.warning(type_, message, Location(file=self.file, place=place), value)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)


@dataclass
class CheckReport:
    """The result of checking some documents: each document's issues, in the order checked."""

    documents: dict[Path, list[Issue]] = field(default_factory=dict)

    @property
    def issues(self) -> list[Issue]:
        """Every issue, document by document."""
        return [issue for issues in self.documents.values() for issue in issues]

    @property
    def errors(self) -> list[Issue]:
        """The issues that fail the accessibility regulations."""
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        """The issues that are advice."""
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        """True when no document fails the regulations (warnings allowed)."""
        return not self.errors

    def summary(self) -> str:
        """One line for a build: ``accessibility: 6 documents checked, no problems`` or
        ``accessibility: 6 documents checked, 3 problems in 2 documents (1 error, 2 warnings)``."""
        checked = f"accessibility: {_count(len(self.documents), 'document')} checked"
        problems = self.issues
        if not problems:
            return f"{checked}, no problems"
        with_problems = sum(1 for issues in self.documents.values() if issues)
        errors = len(self.errors)
        breakdown = f"{_count(errors, 'error')}, {_count(len(problems) - errors, 'warning')}"
        return (
            f"{checked}, {_count(len(problems), 'problem')} in "
            f"{_count(with_problems, 'document')} ({breakdown})"
        )

    def to_dict(self) -> dict[str, object]:
        """The report as plain data for ``--json``."""
        return {
            "summary": self.summary(),
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "documents": [
                {
                    "file": path.name,
                    "path": str(path),
                    "errors": sum(1 for i in issues if i.is_error),
                    "warnings": sum(1 for i in issues if not i.is_error),
                    "issues": [i.to_dict() for i in issues],
                }
                for path, issues in self.documents.items()
            ],
        }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
