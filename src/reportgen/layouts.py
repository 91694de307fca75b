"""The registry of layouts: every kind of workbook reportgen reads and the documents it makes.

Adding a layout is: a schema module (``schema/<kind>.py``: the sheets' fields and models), a loader
(``loaders/<kind>.py``: a workbook into a model, every problem collected), a documents module
(``documents/<document>.py``: the template context), a template (``templates/<document>.docx``),
and one entry here. Readers, validation, rendering, writing and the CLI are shared by every kind.
"""

from __future__ import annotations

from functools import cache, partial
from types import ModuleType

from reportgen.documents import (
    changes,
    committee_report,
    exception_summary,
    improvement_programme,
    partnership_plan,
    performance_report,
    service_plan,
)
from reportgen.errors import IssueList
from reportgen.kinds import DocumentKind, PackKind, SheetSpec, WorkbookKind
from reportgen.loaders.partnership import load_partnership_model
from reportgen.loaders.programme import load_programme_model
from reportgen.loaders.service import load_service_model
from reportgen.readers.tables import read_field_sheet, read_sheet
from reportgen.readers.workbook import Workbook
from reportgen.render import pack
from reportgen.schema import measures, partnership, programme, report, service

COMMITTEE_PACK = PackKind(
    name="committee-pack",
    suffix="committee-pack",
    parts=("committee-report", "performance-report"),
    join=pack.join_pack,
    description="committee report with its appendices (the performance report)",
)


def document(
    name: str, module: ModuleType, description: str, skips: bool = False, optional: bool = False
) -> DocumentKind:
    """The document ``name`` made by the documents ``module`` (its ``build_context`` and
    ``properties``, and ``skip_reason`` when some workbooks have no such document) from the
    template ``templates/<name>.docx``, written as ``<workbook>-<name>.docx``; an ``optional``
    document is built only when asked for."""
    return DocumentKind(
        name=name,
        template=f"{name}.docx",
        suffix=name,
        make_context=module.build_context,
        properties=module.properties,
        description=description,
        skip_reason=module.skip_reason if skips else None,
        optional=optional,
    )


def _service_kind() -> WorkbookKind:
    # The committee report refers to its appendices by their places in the pack, never typed.
    descriptions = {"performance-report": "quarterly performance report"}
    appendices = COMMITTEE_PACK.appendices(descriptions)
    return WorkbookKind(
        name="service",
        description="service workbook",
        required_sheets=("Plan", "Actions"),
        load=partial(load_service_model, appendices=appendices),
        documents=(
            document("performance-report", performance_report, descriptions["performance-report"]),
            document("service-plan", service_plan, "service plan"),
            document("committee-report", committee_report, "covering committee report", skips=True),
            document("changes", changes, "changes since the last report", skips=True),
            document(
                "exception-summary",
                exception_summary,
                "exception report: overdue, behind schedule, off target",
                optional=True,
            ),
        ),
        packs=(COMMITTEE_PACK,),
        period_of=service.ServicePlan.period.fget,
        sheets=(
            SheetSpec(service.PLAN_SHEET, service.PLAN_FIELDS, field_value=True),
            SheetSpec(service.ACTIONS_SHEET, service.ACTION_FIELDS),
            SheetSpec(service.IMPROVEMENTS_SHEET, service.IMPROVEMENT_FIELDS),
            SheetSpec(measures.MEASURES_SHEET, measures.MEASURE_FIELDS),
            SheetSpec(report.REPORT_SHEET, report.REPORT_FIELDS, field_value=True),
        ),
    )


def _partnership_kind() -> WorkbookKind:
    return WorkbookKind(
        name="partnership",
        description="partnership plan workbook",
        required_sheets=("Partnership Plan",),
        load=load_partnership_model,
        documents=(
            document(
                "partnership-plan", partnership_plan, "partnership plan (LOIP delivery framework)"
            ),
        ),
        sheets=(
            SheetSpec(partnership.PLAN_SHEET, partnership.PLAN_FIELDS, field_value=True),
            SheetSpec(partnership.SUMMARY_SHEET, partnership.SUMMARY_FIELDS),
            SheetSpec(partnership.PARTNERSHIP_SHEET, partnership.ROW_FIELDS),
        ),
    )


def _programme_kind() -> WorkbookKind:
    return WorkbookKind(
        name="programme",
        description="improvement programme workbook",
        required_sheets=("Programme",),
        load=load_programme_model,
        documents=(
            document("improvement-programme", improvement_programme, "improvement programme plan"),
        ),
        sheets=(
            SheetSpec(
                programme.INTRODUCTION_SHEET, programme.INTRODUCTION_FIELDS, field_value=True
            ),
            SheetSpec(programme.PROGRAMME_SHEET, programme.ACTIVITY_FIELDS),
        ),
    )


@cache
def _builtin_kinds() -> tuple[WorkbookKind, ...]:
    return (_service_kind(), _partnership_kind(), _programme_kind())


_REGISTERED: list[WorkbookKind] = []


def register(kind: WorkbookKind) -> None:
    """Add a kind of workbook from outside reportgen (a council's own layout), tried after the
    built-in kinds; its templates are found in the project's templates folder."""
    if any(k.name == kind.name for k in workbook_kinds()):
        raise ValueError(f"a kind of workbook called '{kind.name}' is already registered")
    _REGISTERED.append(kind)


def unregister(kind: WorkbookKind) -> None:
    """Remove a kind added with :func:`register`."""
    _REGISTERED.remove(kind)


def workbook_kinds() -> tuple[WorkbookKind, ...]:
    """Every kind, in the order they are tried when recognising a workbook."""
    return (*_builtin_kinds(), *_REGISTERED)


def kind_named(name: str | None) -> WorkbookKind | None:
    """The kind called ``name`` (as a build's manifest records it), or None."""
    return next((k for k in workbook_kinds() if k.name == name), None)


def document_names() -> list[str]:
    """The names of every document reportgen renders from a template."""
    return [d.name for kind in workbook_kinds() for d in kind.documents]


def buildable_names() -> list[str]:
    """Every document and pack a build can be asked for (``--only``, ``documents``)."""
    return [*document_names(), *(p.name for kind in workbook_kinds() for p in kind.packs)]


def recognise(workbook: Workbook) -> WorkbookKind | None:
    """The kind whose required sheets the workbook has, or None."""
    for kind in workbook_kinds():
        if kind.matches(workbook):
            return kind
    return None


def _sheet_is_blank(workbook: Workbook, spec: SheetSpec) -> bool:
    """True when the workbook's sheet ``spec`` is missing or holds nothing but its headings."""
    scratch = IssueList()
    if spec.field_value:
        cells = read_field_sheet(workbook, spec.name, spec.fields, scratch)
        return cells is None or all(cell.blank for cell in cells.values.values())
    table = read_sheet(workbook, spec.name, spec.fields, scratch)
    return table is None or not table.rows


def _words(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _what_to_fill(kind: WorkbookKind) -> str:
    parts = []
    for spec in kind.sheets:
        if spec.name not in kind.required_sheets:
            continue
        needed = _words([f.heading for f in spec.fields if f.required])
        if spec.field_value:
            parts.append(f"the {spec.name} sheet's {needed}")
        else:
            parts.append(f"the {spec.name} sheet, a row each with its {needed}")
    text = _words(parts)
    optional = [s.name for s in kind.sheets if s.name not in kind.required_sheets]
    if optional:
        sheets = "sheet is" if len(optional) == 1 else "sheets are"
        text += f" (the {_words(optional)} {sheets} optional)"
    return text


def unfilled_message(workbook: Workbook, kind: WorkbookKind) -> str | None:
    """Why a recognised workbook is passed over: every sheet holds only its headings (a blank
    return, as ``reportgen init`` writes), with what to fill in. None when anything is filled."""
    if not kind.sheets or not all(_sheet_is_blank(workbook, s) for s in kind.sheets):
        return None
    return f"not filled in yet (a blank {kind.description}): fill in {_what_to_fill(kind)}"


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
