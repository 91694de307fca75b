"""Rewriting a template's syntax tree before it is compiled, so that the sandbox can bound it.

Every ``for`` loop's iterable passes through the ``reportgen_loop`` filter, which knows the
loop's tag and how much text its body adds each turn; every ``~`` join becomes the
``reportgen_concat`` filter, which measures the result first. ``include``, ``extends``,
``import`` and switching autoescape are refused here, before anything runs. The filters
themselves live in :mod:`reportgen.render.sandbox`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError

LOOP_FILTER = "reportgen_loop"
CONCAT_FILTER = "reportgen_concat"

_FOR_TAG = re.compile(r"\{%[-+]?\s*for\s.*?[-+]?%\}", re.DOTALL)


def loop_label(tag: str) -> str:
    """A loop's tag as a clerk typed it, spaces tidied and Word's XML left out."""
    text = re.sub(r"<[^>]+>", "", tag)
    return " ".join(text.split())


def instrument(tree: nodes.Template, source: str, env: jinja2.Environment) -> None:
    """Refuse what a Word template may not do, and count every loop and ``~`` join."""
    for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        kind = type(node).__name__.lower().replace("fromimport", "import")
        raise _refused(
            f"'{kind}' is not allowed: a template is one Word file and cannot read another",
            node,
        )
    for node in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
        for keyword in node.options:
            if keyword.key == "autoescape":
                raise _refused(
                    "'autoescape' cannot be switched: workbook text would print as Word XML", node
                )
    loops = list(tree.find_all(nodes.For))
    tags = [loop_label(t) for t in _FOR_TAG.findall(source)]
    if len(tags) != len(loops):
        tags = [f"the loop on line {node.lineno}" for node in loops]
    for node, label in zip(loops, tags, strict=True):
        chars = sum(len(data.data) for data in _own_text(node.body))
        node.iter = nodes.Filter(
            node.iter,
            LOOP_FILTER,
            [nodes.Const(chars), nodes.Const(label)],
            [],
            None,
            None,
            lineno=node.lineno,
            environment=env,
        )
    for concat in list(tree.find_all(nodes.Concat)):
        _replace_concat(tree, concat, env)


def _refused(message: str, node: nodes.Node) -> SecurityError:
    error = SecurityError(message)
    error.lineno = node.lineno  # type: ignore[attr-defined]  # for naming the paragraph
    return error


def _own_text(body: list[nodes.Node]) -> Iterator[nodes.TemplateData]:
    """The literal text of a loop body, not counting loops inside it (they count their own)."""
    for node in body:
        if isinstance(node, nodes.TemplateData):
            yield node
        elif isinstance(node, nodes.For):
            continue
        else:
            yield from _own_text(list(node.iter_child_nodes()))


def _replace_concat(tree: nodes.Node, concat: nodes.Concat, env: jinja2.Environment) -> None:
    replacement = nodes.Filter(
        nodes.List(concat.nodes, lineno=concat.lineno, environment=env),
        CONCAT_FILTER,
        [],
        [],
        None,
        None,
        lineno=concat.lineno,
        environment=env,
    )
    for parent in tree.find_all(nodes.Node):
        for field in parent.fields:
            value = getattr(parent, field, None)
            if value is concat:
                setattr(parent, field, replacement)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if item is concat:
                        value[index] = replacement
    for field in tree.fields:
        value = getattr(tree, field, None)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is concat:
                    value[index] = replacement
