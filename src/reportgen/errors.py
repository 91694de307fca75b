"""Problems in the data (values) and failures that stop a run (exceptions).

Problems found in a return are collected as :class:`Issue` values so that a lead officer can fix
the whole workbook in one pass. Failures that stop the run (a missing folder, a file that is not a
workbook, a broken template) are exceptions derived from :class:`ReportgenError`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field


class Severity(enum.StrEnum):
    """How serious an issue is: errors block the build, warnings are reported only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: the file, and within it a sheet and cell (``Actions!H7``) with the
    column heading, or another ``place`` a person can find (``body paragraph 8`` of a template,
    ``line 3`` of ``reportgen.toml``, ``page 2`` of a PDF)."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    heading: str | None = None
    place: str | None = None

    @property
    def ref(self) -> str:
        """The place as a person writes it: ``Actions!H7``, the sheet, or the other place."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.place or ""

    def __str__(self) -> str:
        where = self.ref
        if self.heading and self.cell:
            where += f" ({self.heading})"
        return where or self.file


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a return.

    ``type`` is a short slug such as ``bad-percent``; ``message`` is written for the person who
    fills the sheet and already says what was found and what was expected.
    """

    severity: Severity
    type: str
    message: str
    location: Location
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_dict(self) -> dict[str, str | None]:
        data = asdict(self.location)
        data.update(
            severity=self.severity.value,
            type=self.type,
            message=self.message,
            value=self.value,
            cell_ref=self.location.ref or None,
        )
        return data


@dataclass
class IssueList:
    """Every issue found in one run, in the order found."""

    items: list[Issue] = field(default_factory=list)

    def error(self, type_: str, message: str, location: Location, value: object = None) -> None:
        self.items.append(Issue(Severity.ERROR, type_, message, location, _show(value)))

    def warning(self, type_: str, message: str, location: Location, value: object = None) -> None:
        self.items.append(Issue(Severity.WARNING, type_, message, location, _show(value)))

    def extend(self, issues: Iterable[Issue]) -> None:
        self.items.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.items if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.items if not i.is_error]

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.items)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _show(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


class ReportgenError(Exception):
    """Base of every failure that stops a run; its message is written for the user."""


class InputError(ReportgenError):
    """Raised when an input folder or file cannot be found or read at all."""


class WorkbookError(ReportgenError):
    """Raised when a file cannot be opened as an Excel workbook (not a workbook, protected, …)."""


class TemplateError(ReportgenError):
    """Raised when a Word template is missing, broken, or fails while rendering."""


class OutputError(ReportgenError):
    """Raised when an output cannot be written (folder not writable, file open in Word, …)."""
