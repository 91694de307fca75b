"""Check the names a template uses against what its context provides.

Walks the parsed Jinja template with a scope of typed names: the context's top-level names, loop
variables typed from the list they loop over (``{% for a in group.actions %}`` → ``a`` is an
``ActionRow``), and ``set``/``with`` names. A name, field or filter that is not provided is a
problem that says what is provided and the nearest name.
"""

from __future__ import annotations

import difflib
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from reportgen.authoring.context_types import (
    ANY,
    attributes,
    context_types,
    element_type,
    is_view,
    strip_optional,
    type_name,
    view_fields,
)
from reportgen.authoring.sandbox_check import is_internal

JINJA_GLOBALS = {"loop", "range", "dict", "cycler", "joiner", "namespace", "super"}
_SAME_TYPE_FILTERS = {"sort", "reverse", "list", "unique", "batch", "reject", "select"}
_ELEMENT_FILTERS = {"first", "last", "random", "min", "max"}


def _nearest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _listing(options: list[str]) -> str:
    return ", ".join(options) if options else "nothing"


class NameChecker:
    """One walk over a parsed template; ``problems`` holds (line, type slug, message) for each
    name the template uses that its context does not provide."""

    def __init__(self, types: dict[str, Any], env: SandboxedEnvironment) -> None:
        self.env = env
        self.scopes: list[dict[str, Any]] = [types]
        self.problems: list[tuple[int, str, str]] = []

    # -- scope --------------------------------------------------------------------------
    def lookup(self, name: str) -> Any | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def visible(self) -> list[str]:
        names: dict[str, None] = {}
        for scope in self.scopes:
            names.update(dict.fromkeys(scope))
        return list(names)

    def report(self, node: nodes.Node, kind: str, message: str) -> None:
        self.problems.append((node.lineno, kind, message))

    # -- statements ---------------------------------------------------------------------
    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            self.visit_for(node)
        elif isinstance(node, nodes.Assign):
            kind = self.expr(node.node)
            self.bind(node.target, kind)
        elif isinstance(node, nodes.With):
            values = [self.expr(v) for v in node.values]
            self.scopes.append({})
            for target, kind in zip(node.targets, values, strict=False):
                self.bind(target, kind)
            self.visit_all(node.body)
            self.scopes.pop()
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            self.scopes.append({a.name: ANY for a in getattr(node, "args", [])})
            self.scopes[-1].update({"caller": ANY, "varargs": ANY, "kwargs": ANY})
            self.visit_all(node.body)
            self.scopes.pop()
        elif isinstance(node, nodes.Expr | nodes.Output | nodes.If | nodes.Template):
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child)
                else:
                    self.visit(child)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child)
                else:
                    self.visit(child)

    def visit_all(self, body: list[nodes.Node]) -> None:
        for node in body:
            self.visit(node)

    def visit_for(self, node: nodes.For) -> None:
        over = self.expr(node.iter)
        self.scopes.append({"loop": ANY})
        self.bind(node.target, element_type(over))
        if node.test is not None:
            self.expr(node.test)
        self.visit_all(node.body)
        self.scopes.pop()
        self.visit_all(node.else_)

    def bind(self, target: nodes.Node, kind: Any) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY)

    # -- expressions --------------------------------------------------------------------
    def expr(self, node: nodes.Node) -> Any:
        if isinstance(node, nodes.Name):
            return self.name(node)
        if isinstance(node, nodes.Getattr):
            return self.getattr(node)
        if isinstance(node, nodes.Filter):
            return self.filter(node)
        if isinstance(node, nodes.Test) and node.name not in self.env.tests:
            self.report(node, "unknown-test", f"'is {node.name}' is not a Jinja test")
        if isinstance(node, nodes.Getitem):
            kind = self.expr(node.node)
            self.expr(node.arg)
            return element_type(kind) if isinstance(node.arg, nodes.Const) else ANY
        for child in node.iter_child_nodes():
            self.expr(child)
        return ANY

    def name(self, node: nodes.Name) -> Any:
        if node.ctx != "load":
            return ANY
        kind = self.lookup(node.name)
        if kind is not None:
            return kind
        if node.name not in JINJA_GLOBALS and node.name not in self.env.globals:
            names = self.visible()
            self.report(
                node,
                "unknown-field",
                f"'{node.name}' is not provided here; the template can use "
                f"{_listing([n for n in names if n != 'loop'])}{_nearest(node.name, names)}",
            )
        return ANY

    def getattr(self, node: nodes.Getattr) -> Any:
        owner = strip_optional(self.expr(node.node))
        if not is_view(owner) or is_internal(node.attr):  # the sandbox check says why
            return ANY
        known = attributes(owner)
        if node.attr in known:
            return known[node.attr]
        fields = list(view_fields(owner)) or list(known)
        self.report(
            node,
            "unknown-field",
            f"'{_dotted(node)}': {type_name(owner)} has no field '{node.attr}'; it has "
            f"{_listing(fields)}{_nearest(node.attr, fields)}",
        )
        return ANY

    def filter(self, node: nodes.Filter) -> Any:
        kind = self.expr(node.node) if node.node is not None else ANY
        for arg in [*node.args, *(k.value for k in node.kwargs)]:
            self.expr(arg)
        if node.name not in self.env.filters:
            names = sorted(self.env.filters)
            self.report(
                node,
                "unknown-filter",
                f"there is no filter '{node.name}'{_nearest(node.name, names)} "
                "(run 'reportgen templates fields' to list the filters)",
            )
            return ANY
        if node.name in _SAME_TYPE_FILTERS:
            return kind
        if node.name in _ELEMENT_FILTERS:
            return element_type(kind)
        return ANY


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Name):
        return node.name
    return "…"


def check_names(
    parsed: nodes.Template, context: dict[str, object], env: SandboxedEnvironment
) -> list[tuple[int, str, str]]:
    """Every name, field and filter ``parsed`` uses that ``context`` does not provide, each
    with the line of the tag it is in."""
    checker = NameChecker(context_types(context), env)
    checker.visit(parsed)
    return checker.problems
