"""A toy layout, added the way README's "Adding a layout" says: a risk register.

Each module here is the file a real layout adds in the package (the module named in brackets):
``schema`` (``schema/<kind>.py``), ``loader`` (``loaders/<kind>.py``), ``document``
(``documents/<document>.py``), ``layout`` (``scripts/layouts/<document>.py``, which writes
``templates/<document>.docx``), and ``kind()`` below is its entry in ``layouts.py``.
"""

from __future__ import annotations

from reportgen.kinds import DocumentKind, SheetSpec, WorkbookKind
from toy_layout import document, loader, schema


def kind() -> WorkbookKind:
    """The registry entry (``layouts.py``): the sheets that make the kind, its loader, its
    document, and the sheets of a blank return."""
    return WorkbookKind(
        name="risks",
        description="risk register workbook",
        required_sheets=(schema.RISKS_SHEET,),
        load=loader.load_risk_register,
        documents=(
            DocumentKind(
                name="risk-register",
                template="risk-register.docx",
                suffix="risk-register",
                make_context=document.build_context,
                properties=document.properties,
                description="risk register",
            ),
        ),
        sheets=(SheetSpec(schema.RISKS_SHEET, schema.RISK_FIELDS),),
    )
