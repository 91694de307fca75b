"""The field reference: what each document's template can use, generated from the code.

Names, types and meanings come from the view classes of ``reportgen/documents`` (their type hints
and docstrings); example values from the document's context built from a sample return. The
filters come from ``render.FILTERS`` and their docstrings. ``docs/template-fields.md`` is this
module's output, and a test regenerates it, so the reference cannot drift from the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen.authoring.context_types import (
    ANY,
    class_summary,
    context_types,
    document_fields,
    element_type,
    is_view,
    strip_optional,
    type_name,
    views_in,
)
from reportgen.authoring.samples import document_kinds, sample_models
from reportgen.authoring.shipped import builtin_samples_dir
from reportgen.kinds import DocumentKind, WorkbookKind
from reportgen.render.engine import FILTERS

EXAMPLE_WIDTH = 60


def example(value: object) -> str:
    """A value as the reference shows it: quoted text cut to length, a picture's alt text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = " ".join(value.split())
        cut = text if len(text) <= EXAMPLE_WIDTH else text[: EXAMPLE_WIDTH - 1] + "…"
        return f'"{cut}"'
    if isinstance(value, list | tuple):
        return f"{len(value)} item{'s' * (len(value) != 1)}"
    if hasattr(value, "alt"):
        return f'picture "{value.alt}"'
    if type(value).__name__ == "RichTextParagraph":
        return "(paragraphs)"
    if is_view(type(value)):
        return ""
    return str(value)


def _first(value: object) -> object:
    return value[0] if isinstance(value, list | tuple) and value else None


def _examples(context: dict[str, object] | None) -> dict[type, object]:
    """The first instance of each view class found in the context, breadth first."""
    found: dict[type, object] = {}
    queue = list((context or {}).values())
    while queue:
        value = queue.pop(0)
        if isinstance(value, list | tuple):
            queue.extend(value[:3])
        elif is_view(type(value)) and type(value) not in found:
            found[type(value)] = value
            queue.extend(getattr(value, name) for name in document_fields_names(type(value)))
    return found


def document_fields_names(cls: type) -> list[str]:
    return [f.name for f in document_fields(cls)]


def _paths(types: dict[str, Any]) -> dict[type, str]:
    """How a template reaches each view class: ``sections[].groups[].row``."""
    reached: dict[type, str] = {}
    queue = [(name, tp) for name, tp in types.items()]
    while queue:
        path, tp = queue.pop(0)
        tp = strip_optional(tp)
        if element_type(tp) is not ANY:
            queue.append((f"{path}[]", element_type(tp)))
            continue
        if is_view(tp) and tp not in reached:
            reached[tp] = path
            queue.extend((f"{path}.{f.name}", f.type) for f in document_fields(tp))
    return reached


def _row(*cells: str) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def document_reference(
    workbook: WorkbookKind, document: DocumentKind, context: dict[str, object] | None
) -> list[str]:
    """The reference for one document as Markdown lines."""
    lines = [f"## {document.name}", ""]
    about = f"{document.description.capitalize()}: " if document.description else ""
    lines += [f"{about}template `{document.template}`, made from a {workbook.description}.", ""]
    if context is None:
        return [*lines, "No sample return of this kind is available to list its fields.", ""]
    types = context_types(context)
    examples = _examples(context)
    lines += ["| Name | Type | Meaning | Example |", "| --- | --- | --- | --- |"]
    for name, tp in types.items():
        view = element_type(tp) if element_type(tp) is not ANY else tp
        meaning = class_summary(view) if is_view(view) else ""
        lines.append(_row(f"`{name}`", type_name(tp), meaning, example(context[name])))
    lines.append("")
    paths = _paths(types)
    for cls in [v for tp in types.values() for v in views_in(tp)]:
        if cls not in paths:
            continue
        paths_shown = paths.pop(cls)
        lines += [f"### {cls.__name__}", "", f"Reached as `{paths_shown}`. {class_summary(cls)}"]
        lines += ["", "| Field | Type | Meaning | Example |", "| --- | --- | --- | --- |"]
        sample = examples.get(cls)
        for doc in document_fields(cls):
            value = getattr(sample, doc.name, None) if sample is not None else None
            lines.append(_row(f"`{doc.name}`", type_name(doc.type), doc.meaning, example(value)))
        lines.append("")
    return lines


def filters_reference() -> list[str]:
    """Every filter templates can use, with its arguments and what it does."""
    lines = ["## Filters", "", "Use as `{{ value|filter }}` or `{{ value|filter(argument) }}`.", ""]
    lines += ["| Filter | Arguments | What it does |", "| --- | --- | --- |"]
    for name, function in FILTERS.items():
        params = list(inspect.signature(function).parameters)[1:]
        doc = " ".join((function.__doc__ or "").split())
        lines.append(_row(f"`{name}`", ", ".join(params), doc))
    return [*lines, ""]


def sample_contexts(folders: Iterable[Path]) -> dict[str, dict[str, object]]:
    """Each document's context built from the first sample return of its kind."""
    models = sample_models(folders)
    contexts: dict[str, dict[str, object]] = {}
    for workbook, document in document_kinds():
        if workbook.name in models:
            try:
                contexts[document.name] = document.make_context(models[workbook.name])
            except Exception:  # the sample lacks what this document needs: no examples for it
                continue
    return contexts


def reference(names: Iterable[str] = (), folders: Iterable[Path] | None = None) -> str:
    """The field reference in Markdown: the given documents (all when empty), then the filters.

    Examples come from the sample returns in ``folders`` (the one shipped with reportgen when
    not given)."""
    wanted = set(names)
    contexts = sample_contexts(folders if folders is not None else [builtin_samples_dir()])
    lines = [
        "# Template fields",
        "",
        "What each document's Word template can use. Generated from the code by "
        "`reportgen templates fields --write`; do not edit by hand. Examples come from the "
        "example return shipped with reportgen.",
        "",
        "In a template, `{{ name.field }}` prints a field, `{%p for x in list %}` … "
        "`{%p endfor %}` repeats paragraphs and `{%tr for x in list %}` … `{%tr endfor %}` "
        "repeats table rows; fields of type *paragraphs* are printed with `{{p name.field }}`.",
        "",
    ]
    for workbook, document in document_kinds():
        if not wanted or document.name in wanted:
            lines += document_reference(workbook, document, contexts.get(document.name))
    if not wanted:
        lines += filters_reference()
    return "\n".join(lines).rstrip() + "\n"
