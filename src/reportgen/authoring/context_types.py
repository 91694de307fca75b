"""What a template's context provides, derived from the view classes so it cannot drift.

A document's context is a dict of view objects (dataclasses or pydantic models). Their fields'
type hints say what each name holds, recursively: ``sections`` is a list of ``SectionView``, whose
``groups`` are ``GroupView``s, whose ``actions`` are ``ActionRow``s. The template checker uses this
to know what ``{% for a in group.actions %}`` makes ``a``; the field reference uses it to list
every field with its meaning.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import re
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

ANY: Any = typing.Any  # a value whose fields are not checked (loop, a filter's result …)


def is_view(tp: object) -> bool:
    """True for a class whose fields a template may use: a dataclass or a pydantic model."""
    return isinstance(tp, type) and (dataclasses.is_dataclass(tp) or issubclass(tp, BaseModel))


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # an unresolvable forward reference: fall back to the raw annotations
        return dict(getattr(cls, "__annotations__", {}))


def view_fields(cls: type) -> dict[str, Any]:
    """The fields of a view class in declaration order, each with its type hint."""
    hints = _hints(cls)
    if dataclasses.is_dataclass(cls):
        return {f.name: hints.get(f.name, ANY) for f in dataclasses.fields(cls)}
    if issubclass(cls, BaseModel):
        return {name: hints.get(name, ANY) for name in cls.model_fields}
    return {}


def attributes(cls: type) -> dict[str, Any]:
    """Everything a template may read on an instance: fields, then public properties."""
    found = view_fields(cls)
    for name in dir(cls):
        if name.startswith("_") or name in found:
            continue
        member = getattr(cls, name, None)
        if isinstance(member, property):
            returns = typing.get_type_hints(member.fget).get("return", ANY) if member.fget else ANY
            found[name] = returns
        elif callable(member):
            found[name] = ANY
    return found


def strip_optional(tp: Any) -> Any:
    """``X | None`` → ``X``."""
    args = typing.get_args(tp)
    if args and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


_SEQUENCES = (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Iterable)


def element_type(tp: Any) -> Any:
    """What a ``for`` loop over a value of type ``tp`` gives: ``list[ActionRow]`` → ActionRow."""
    tp = strip_optional(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in _SEQUENCES and args:
        return args[0]
    if origin in (dict, collections.abc.Mapping) and args:
        return args[0]
    return ANY


def value_type(value: object) -> Any:
    """The type of a runtime context value, with a list's element type from its items."""
    if value is None:
        return ANY
    if isinstance(value, list | tuple):
        kinds = {type(item) for item in value}
        if len(kinds) == 1:
            return list[kinds.pop()]
        return list[ANY]
    return type(value)


def context_types(context: dict[str, object]) -> dict[str, Any]:
    """The type of every top-level name of a context."""
    return {name: value_type(value) for name, value in context.items()}


def type_name(tp: Any) -> str:
    """A type as a clerk reads it: ``text``, ``list of ActionRow``, ``yes/no``."""
    tp = strip_optional(tp)
    if tp is ANY:
        return "any"
    origin = typing.get_origin(tp)
    if origin in _SEQUENCES:
        return f"list of {type_name(element_type(tp))}"
    names = {str: "text", int: "whole number", float: "number", bool: "yes/no"}
    if tp in names:
        return names[tp]
    if isinstance(tp, type):
        if tp.__name__ == "RichTextParagraph":
            return "paragraphs (use {{p … }})"
        if tp.__name__ in ("Picture", "InlineImage"):
            return "picture"
        if tp.__name__ == "date":
            return "date"
        return tp.__name__
    return str(tp).replace("typing.", "")


@dataclass(frozen=True)
class FieldDoc:
    """One field of a view class: its name, type and meaning (from the class docstring)."""

    name: str
    type: Any
    meaning: str


_COLON_ENTRY = re.compile(r"(?:^|(?<=[;.])\s+|\s+)(?:``)?([a-z_][a-z0-9_]*)(?:``)?:\s+")
_QUOTED_NAME = re.compile(r"``([a-z_][a-z0-9_]*)``")


def field_meanings(cls: type) -> dict[str, str]:
    """Meanings of fields written in a class docstring, either as ``name: meaning;`` entries
    (``code: "STRAT1.1"; title: the action title``) or as a quoted name with its meaning beside
    it (````title`` (the Plan Title)``, ````row`` is the group row``)."""
    doc = " ".join((cls.__doc__ or "").split())
    names = set(view_fields(cls))
    found: dict[str, str] = {}
    entries = [m for m in _COLON_ENTRY.finditer(doc) if m.group(1) in names]
    for index, match in enumerate(entries):
        end = entries[index + 1].start() if index + 1 < len(entries) else len(doc)
        found[match.group(1)] = doc[match.end() : end].strip(" ;.")
    for match in _QUOTED_NAME.finditer(doc):
        name = match.group(1)
        if name not in names or name in found:
            continue
        rest = doc[match.end() :]
        if rest.startswith(" ("):
            found[name] = rest[2 : rest.find(")")] if ")" in rest else rest[2:]
        else:
            found[name] = re.split(r"[,;.]|``| and ``", rest, maxsplit=1)[0].strip()
    return {name: meaning for name, meaning in found.items() if meaning}


def class_summary(cls: type) -> str:
    """The class docstring up to its first ``name: meaning`` entry."""
    doc = " ".join((cls.__doc__ or "").split())
    names = set(view_fields(cls))
    first = next((m for m in _COLON_ENTRY.finditer(doc) if m.group(1) in names), None)
    return (doc[: first.start()] if first else doc).strip()


def document_fields(cls: type) -> list[FieldDoc]:
    """Every field of a view class with its type and meaning."""
    meanings = field_meanings(cls)
    return [FieldDoc(n, t, meanings.get(n, "")) for n, t in view_fields(cls).items()]


def views_in(tp: Any) -> list[type]:
    """The view classes a type refers to, directly or through lists, fields first-seen order."""
    seen: list[type] = []

    def visit(t: Any) -> None:
        t = strip_optional(t)
        if typing.get_origin(t) in _SEQUENCES:
            visit(element_type(t))
            return
        if is_view(t) and t not in seen:
            seen.append(t)
            for field_type in view_fields(t).values():
                visit(field_type)

    visit(tp)
    return seen
