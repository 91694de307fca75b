"""Sample contexts: each document's context built from a real return, for checking templates
and for the field reference's example values.

A sample comes from the first workbook of the right kind that loads without errors, looked for in
the project's ``input/`` and then in the example return shipped with reportgen.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen.errors import IssueList, ReportgenError
from reportgen.kinds import DocumentKind, Settings, WorkbookKind
from reportgen.layouts import recognise, workbook_kinds
from reportgen.readers.discovery import workbooks_in
from reportgen.readers.workbook import open_workbook


def sample_models(folders: Iterable[Path], settings: Settings | None = None) -> dict[str, Any]:
    """For each workbook kind, the model of the first workbook in ``folders`` that loads."""
    models: dict[str, Any] = {}
    for path in workbooks_in(folders):
        try:
            workbook = open_workbook(path)
        except ReportgenError:
            continue
        kind = recognise(workbook)
        if kind is None or kind.name in models:
            continue
        model = kind.load(workbook, settings or Settings(), IssueList())
        if model is not None:
            models[kind.name] = model
            if len(models) == len(workbook_kinds()):
                break
    return models


def document_kinds() -> list[tuple[WorkbookKind, DocumentKind]]:
    """Every document reportgen makes, with the kind of workbook it is made from."""
    return [(kind, doc) for kind in workbook_kinds() for doc in kind.documents]


def find_document(name: str) -> tuple[WorkbookKind, DocumentKind] | None:
    """The document called ``name`` (``performance-report``), or the one whose template is
    ``name`` (``performance-report.docx``)."""
    for kind, doc in document_kinds():
        if name in (doc.name, doc.template, doc.template.removesuffix(".docx")):
            return kind, doc
    return None


def sample_context(document: DocumentKind, model: Any) -> dict[str, Any]:
    """The document's context built from ``model``."""
    return document.make_context(model)
