"""The kinds of workbook reportgen reads and the documents it makes from each.

Adding a layout is: a schema module (models and the sheets' fields), a loader that turns a
workbook into a model with every problem collected, a documents module that builds the template
context, a template, and one entry here. Readers, validation, rendering, writing and the CLI are
shared by every kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docxtpl import DocxTemplate

from reportgen.errors import IssueList
from reportgen.periods import ReportingPeriod
from reportgen.readers.workbook import FieldSpec, Workbook
from reportgen.status import DEFAULT_BEHIND_THRESHOLD


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

    ``make_context(model, tpl)`` returns the template's context (view objects only);
    ``properties(model)`` the document's title, subject, author and date.
    """

    name: str
    template: str
    suffix: str
    make_context: Callable[[Any, DocxTemplate], dict[str, Any]]
    properties: Callable[[Any], DocumentProperties]
    description: str = ""
    skip_reason: Callable[[Any], str | None] | None = None  # why a model has no such document


@dataclass(frozen=True)
class PackKind:
    """A document joined from documents already rendered for the same workbook: ``join``
    takes the rendered bytes of ``parts`` (in order) and the model, and returns the .docx.
    A pack is built whenever all its parts are."""

    name: str
    suffix: str
    parts: tuple[str, ...]
    join: Callable[[list[bytes], Any], bytes]
    description: str = ""


Loader = Callable[[Workbook, Settings, IssueList], Any | None]


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

    def matches(self, workbook: Workbook) -> bool:
        return all(workbook.has_sheet(name) for name in self.required_sheets)


def _service_kind() -> WorkbookKind:
    from reportgen import pack
    from reportgen.documents import committee_report, performance_report, service_plan
    from reportgen.schema import measures, report, service
    from reportgen.service_workbook import load_service_model

    return WorkbookKind(
        name="service",
        description="service workbook",
        required_sheets=("Plan", "Actions"),
        load=load_service_model,
        documents=(
            DocumentKind(
                name="performance-report",
                template="performance-report.docx",
                suffix="performance-report",
                make_context=performance_report.build_context,
                properties=performance_report.properties,
                description="quarterly performance report",
            ),
            DocumentKind(
                name="service-plan",
                template="service-plan.docx",
                suffix="service-plan",
                make_context=service_plan.build_context,
                properties=service_plan.properties,
                description="service plan",
            ),
            DocumentKind(
                name="committee-report",
                template="committee-report.docx",
                suffix="committee-report",
                make_context=committee_report.build_context,
                properties=committee_report.properties,
                description="covering committee report",
                skip_reason=committee_report.skip_reason,
            ),
        ),
        packs=(
            PackKind(
                name="committee-pack",
                suffix="committee-pack",
                parts=("committee-report", "performance-report"),
                join=pack.join_committee_pack,
                description="committee report with the performance report as Appendix I",
            ),
        ),
        sheets=(
            SheetSpec(service.PLAN_SHEET, service.PLAN_FIELDS, field_value=True),
            SheetSpec(service.ACTIONS_SHEET, service.ACTION_FIELDS),
            SheetSpec(service.IMPROVEMENTS_SHEET, service.IMPROVEMENT_FIELDS),
            SheetSpec(measures.MEASURES_SHEET, measures.MEASURE_FIELDS),
            SheetSpec(report.REPORT_SHEET, report.REPORT_FIELDS, field_value=True),
        ),
    )


def _partnership_kind() -> WorkbookKind:
    from reportgen.documents import partnership_plan
    from reportgen.partnership_workbook import load_partnership_model
    from reportgen.schema import partnership

    return WorkbookKind(
        name="partnership",
        description="partnership plan workbook",
        required_sheets=("Partnership Plan",),
        load=load_partnership_model,
        documents=(
            DocumentKind(
                name="partnership-plan",
                template="partnership-plan.docx",
                suffix="partnership-plan",
                make_context=partnership_plan.build_context,
                properties=partnership_plan.properties,
                description="partnership plan (LOIP delivery framework)",
            ),
        ),
        sheets=(
            SheetSpec(partnership.PLAN_SHEET, partnership.PLAN_FIELDS, field_value=True),
            SheetSpec(partnership.SUMMARY_SHEET, partnership.SUMMARY_FIELDS),
            SheetSpec(partnership.PARTNERSHIP_SHEET, partnership.ROW_FIELDS),
        ),
    )


def _programme_kind() -> WorkbookKind:
    from reportgen.documents import improvement_programme
    from reportgen.programme_workbook import load_programme_model
    from reportgen.schema import programme

    return WorkbookKind(
        name="programme",
        description="improvement programme workbook",
        required_sheets=("Programme",),
        load=load_programme_model,
        documents=(
            DocumentKind(
                name="improvement-programme",
                template="improvement-programme.docx",
                suffix="improvement-programme",
                make_context=improvement_programme.build_context,
                properties=improvement_programme.properties,
                description="improvement programme plan",
            ),
        ),
        sheets=(
            SheetSpec(
                programme.INTRODUCTION_SHEET, programme.INTRODUCTION_FIELDS, field_value=True
            ),
            SheetSpec(programme.PROGRAMME_SHEET, programme.ACTIVITY_FIELDS),
        ),
    )


def workbook_kinds() -> tuple[WorkbookKind, ...]:
    """Every kind, in the order they are tried when recognising a workbook."""
    return (_service_kind(), _partnership_kind(), _programme_kind())


def document_names() -> list[str]:
    """The names of every document reportgen can build (for ``--only``)."""
    return [d.name for kind in workbook_kinds() for d in kind.documents]


def recognise(workbook: Workbook) -> WorkbookKind | None:
    """The kind whose required sheets the workbook has, or None."""
    for kind in workbook_kinds():
        if kind.matches(workbook):
            return kind
    return None


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def unrecognised_message(workbook: Workbook) -> str:
    """Why a workbook was not recognised: the sheets it has and the sheets each kind needs."""
    if all(sheet.row_count == 0 for sheet in workbook.sheets):
        return (
            f"{workbook.name}: the workbook is empty (no sheet holds any data); it may have "
            "been saved before it was filled in"
        )
    found = ", ".join(f"'{s}'" for s in workbook.sheet_names) or "no sheets"
    needs = "; ".join(
        f"{_article(k.description)} {k.description} needs "
        f"{' and '.join(repr(s) for s in k.required_sheets)}"
        for k in workbook_kinds()
    )
    return (
        f"{workbook.name}: reportgen does not recognise this workbook. It has {found}; {needs}. "
        "Rename the sheets to match (case and spaces do not matter)."
    )
