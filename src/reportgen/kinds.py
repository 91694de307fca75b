"""The types of the layout registry: a kind of workbook, the documents made from it, and the
settings a build hands every loader.

Only types live here; the registry itself, which names every kind with its loader, documents and
template, is :mod:`reportgen.layouts`. Loaders and documents import these types, so they sit
below the registry that imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportgen.errors import IssueList
from reportgen.readers.workbook import FieldSpec, Workbook
from reportgen.rules.formats import roman
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import DEFAULT_BEHIND_THRESHOLD


@dataclass(frozen=True)
class Settings:
    """Choices a build makes that affect how workbooks are read and documents made."""

    period: ReportingPeriod | None = None
    behind_threshold: float = DEFAULT_BEHIND_THRESHOLD
    organisation: str | None = None  # when a return leaves Organisation blank


@dataclass(frozen=True)
class DocumentProperties:
    """Core properties of a generated document: from the data, never the clock."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    date: dt.date | None = None


@dataclass(frozen=True)
class DocumentKind:
    """A document made from one workbook: its template, output name suffix and context.

    ``make_context(model)`` returns the template's context (view objects only);
    ``properties(model)`` the document's title, subject, author and date.
    """

    name: str
    template: str
    suffix: str
    make_context: Callable[[Any], dict[str, Any]]
    properties: Callable[[Any], DocumentProperties]
    description: str = ""
    skip_reason: Callable[[Any], str | None] | None = None  # why a model has no such document
    optional: bool = False  # built only when asked for (``documents``, ``--only``)


@dataclass(frozen=True)
class Appendix:
    """A document a pack appends to its first part: its label ("Appendix I", from its place
    in the pack), its document name and its description ("quarterly performance report")."""

    label: str
    document: str
    description: str

    @property
    def names(self) -> set[str]:
        """What a clerk may call it in a reference: its description or its document name."""
        return {appendix_name(self.description), appendix_name(self.document)}


def appendix_name(text: str) -> str:
    """A document's name as references match it: lower case, hyphens as spaces, no "the"."""
    words = text.replace("-", " ").lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@dataclass(frozen=True)
class PackKind:
    """A document joined from documents already rendered for the same workbook: ``join``
    takes the rendered bytes of ``parts`` (in order) and the labels of the parts after the
    first ("APPENDIX I" …), and returns the .docx. A pack is built whenever all its parts are.
    The parts after the first are its appendices, numbered in order (:meth:`appendices`)."""

    name: str
    suffix: str
    parts: tuple[str, ...]
    join: Callable[[list[bytes], list[str]], bytes]
    description: str = ""

    def joined(self, parts: list[bytes]) -> bytes:
        """The pack, from the rendered bytes of its ``parts`` in order."""
        return self.join(parts, [a.label.upper() for a in self.appendices()])

    def appendices(self, descriptions: dict[str, str] | None = None) -> tuple[Appendix, ...]:
        """The parts after the first, each with its label from its place in the pack; their
        descriptions from ``descriptions`` (document name → description)."""
        descriptions = descriptions or {}
        return tuple(
            Appendix(f"Appendix {roman(number, 'upper')}", part, descriptions.get(part, part))
            for number, part in enumerate(self.parts[1:], start=1)
        )


Loader = Callable[[Workbook, Settings, IssueList], Any | None]


def no_period(model: Any) -> ReportingPeriod | None:
    """The reporting period of a model that has none (a plan rather than a quarter's report)."""
    return None


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of a blank return (``reportgen init``): its fields, as a ``Field`` | ``Value``
    sheet (``field_value``) or as a table with one heading per field."""

    name: str
    fields: tuple[FieldSpec, ...]
    field_value: bool = False


@dataclass(frozen=True)
class WorkbookKind:
    """A kind of return: recognised by its sheets, read by ``load`` into a model (None when
    there are errors, which ``load`` records), and made into ``documents``."""

    name: str
    description: str
    required_sheets: tuple[str, ...]
    load: Loader
    documents: tuple[DocumentKind, ...] = field(default_factory=tuple)
    packs: tuple[PackKind, ...] = field(default_factory=tuple)
    sheets: tuple[SheetSpec, ...] = field(default_factory=tuple)  # a blank return's sheets
    period_of: Callable[[Any], ReportingPeriod | None] = no_period  # the model's quarter

    def matches(self, workbook: Workbook) -> bool:
        return all(workbook.has_sheet(name) for name in self.required_sheets)
