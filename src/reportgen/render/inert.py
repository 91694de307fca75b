"""What a template is handed: data, and nothing that leads anywhere else.

A document's context is built from view classes (see :mod:`reportgen.documents`). Before a
template sees it, :func:`freeze` copies it into inert values: text, numbers, dates, yes/no,
tuples of those, :class:`Record` objects that offer a view's fields and nothing else,
:class:`WordXml` for paragraphs made from cell text (docxtpl's ``RichText`` holds the same XML
but also methods that change it), and pictures as data (:class:`~reportgen.documents.rich.Picture`,
which the render engine puts into the document). A value of any other kind is a bug in a
document module and stops the render, so nothing reachable from a context can lead to a
template object, a file, a module or Python's internals: everything a template can reach is in
this list, and the sandbox refuses every name that starts with ``_``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
from collections.abc import Mapping
from typing import Any

from docxtpl import Listing, RichText, RichTextParagraph
from markupsafe import Markup
from pydantic import BaseModel

from reportgen.documents.rich import Picture

PLAIN = (str, int, float, bool, type(None), dt.date, dt.time, decimal.Decimal, enum.Enum)


class WordXml:
    """Paragraphs (or runs) of Word XML made from data, already escaped: printed as they are
    by ``{{p … }}`` and ``{{r … }}`` tags; nothing else can be done with them."""

    __slots__ = ("_xml",)

    def __init__(self, xml: str) -> None:
        self._xml = xml

    def __html__(self) -> str:
        return self._xml

    def __str__(self) -> str:
        return self._xml

    def __repr__(self) -> str:
        return "<Word paragraphs>"


class Record:
    """A view's fields, read-only: ``record.title``, ``record["title"]``. It has no methods a
    template can call and does not say what class it came from."""

    __slots__ = ("_fields", "_name")

    def __init__(self, name: str, fields: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_fields", dict(fields))

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> Any:
        return object.__getattribute__(self, "_fields")[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a record is read-only")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._fields == other._fields

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<{object.__getattribute__(self, '_name')}>"


class NotData(TypeError):
    """Raised when a context holds something that is not data (a bug in a document module)."""


def freeze(value: Any, _seen: dict[int, Any] | None = None) -> Any:
    """``value`` (a context, or anything in one) as inert data; NotData for anything else."""
    seen = {} if _seen is None else _seen
    if isinstance(value, Markup):
        return str(value)  # markup made elsewhere is printed as text, escaped
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, RichTextParagraph | RichText | Listing):
        return WordXml(str(value.__html__() if hasattr(value, "__html__") else value))
    if isinstance(value, WordXml | Picture):
        return value
    key = id(value)
    if key in seen:
        return seen[key]
    if isinstance(value, list | tuple | set | frozenset):
        items = value if isinstance(value, list | tuple) else sorted(value, key=repr)
        result: Any = tuple(freeze(item, seen) for item in items)
    elif isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise NotData("a context mapping has keys that are not text")
        result = (
            {k: freeze(v, seen) for k, v in value.items()}
            if _seen is None
            else Record("fields", {k: freeze(v, seen) for k, v in value.items()})
        )
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: freeze(getattr(value, f.name), seen) for f in dataclasses.fields(value)}
        result = Record(type(value).__name__, fields)
    elif isinstance(value, BaseModel):
        names = type(value).model_fields
        result = Record(type(value).__name__, {n: freeze(getattr(value, n), seen) for n in names})
    else:
        raise NotData(f"a context holds a {type(value).__name__}, which is not data")
    seen[key] = result
    return result
