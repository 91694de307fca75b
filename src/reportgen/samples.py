"""Sample contexts: each document's context built from a real return, for checking templates
and for the field reference's example values.

A sample comes from the first workbook of the right kind that loads without errors, looked for in
the project's ``input/`` and then in the example return shipped with reportgen.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from reportgen.errors import IssueList, ReportgenError
from reportgen.kinds import DocumentKind, Settings, WorkbookKind, recognise, workbook_kinds
from reportgen.readers.workbook import WORKBOOK_SUFFIXES, open_workbook


def builtin_samples_dir() -> Path:
    """The example returns shipped inside the package (``reportgen/samples``)."""
    return Path(str(resources.files("reportgen").joinpath("samples")))


def _workbooks(folders: Iterable[Path]) -> Iterable[Path]:
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith("~$"):
                    yield path


def sample_models(folders: Iterable[Path], settings: Settings | None = None) -> dict[str, Any]:
    """For each workbook kind, the model of the first workbook in ``folders`` that loads."""
    models: dict[str, Any] = {}
    for path in _workbooks(folders):
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


def sample_context(
    document: DocumentKind, model: Any, template: bytes | DocxTemplate
) -> dict[str, Any]:
    """The document's context built from ``model`` for ``template``."""
    if isinstance(template, bytes):
        template = DocxTemplate(io.BytesIO(template))
        template.init_docx()
    return document.make_context(model, template)
