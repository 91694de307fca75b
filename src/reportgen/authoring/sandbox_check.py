"""What the build's sandbox would refuse in a template, found before a build.

The render engine refuses, while rendering, a template that reaches for another file or for
Python's internals, and stops one that runs away (:mod:`reportgen.render.sandbox`). These are
found here in the parsed tags so that ``templates check`` (and the check a build makes before
rendering) names them with their place, instead of a build failing on them later:

* ``include``, ``extends``, ``import`` and ``from … import``: a template is one Word file;
* switching autoescape off, and the ``safe`` filter (and the others that make markup): workbook
  text would print as Word XML;
* names that start with ``_`` and Python's internal attributes (``__class__``, ``mro``,
  ``func_globals`` …): a template uses only its document's fields;
* loops over ``range()`` whose turns, with the loops around them, pass the build's limit;
  repeating text (``'x' * 100000000``) or raising to a power past it; a macro that calls itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import nodes
from jinja2 import sandbox as jinja_sandbox

from reportgen.render import sandbox
from reportgen.render.sandbox import REFUSED_FILTERS, REFUSED_GLOBALS

Problem = tuple[int, str, str]  # (tag line, type slug, message)
_INTERNAL = (
    set(jinja_sandbox.UNSAFE_FUNCTION_ATTRIBUTES)
    | set(jinja_sandbox.UNSAFE_METHOD_ATTRIBUTES)
    | {"mro", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_code", "ag_frame"}
)


def is_internal(name: str) -> bool:
    """True for a name that leads into Python rather than the document's data."""
    return name.startswith("_") or name in _INTERNAL


def check_sandbox(parsed: nodes.Template) -> list[Problem]:
    """Everything in ``parsed`` (one tag a line) that the build would refuse or stop."""
    problems: list[Problem] = []
    problems += _other_files(parsed)
    problems += _escaping(parsed)
    problems += _internals(parsed)
    problems += _runaways(parsed)
    return problems


def _other_files(parsed: nodes.Template) -> Iterator[Problem]:
    kinds = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)
    for node in parsed.find_all(kinds):
        word = {"FromImport": "from … import"}.get(type(node).__name__, type(node).__name__)
        yield (
            node.lineno,
            "not-allowed",
            f"'{word.lower()}' is not allowed: a template is one Word file and cannot read "
            "another; copy what you need into this template",
        )


def _escaping(parsed: nodes.Template) -> Iterator[Problem]:
    for node in parsed.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
        if any(keyword.key == "autoescape" for keyword in node.options):
            yield (
                node.lineno,
                "not-allowed",
                "autoescape cannot be switched off: workbook text would print as Word XML "
                "(a '<' or '&' in a cell would break the document)",
            )
    for node in parsed.find_all(nodes.Filter):
        if node.name in REFUSED_FILTERS:
            yield (
                node.lineno,
                "not-allowed",
                f"the '{node.name}' filter is not offered: it would print text as Word XML or "
                "change the document from one build to the next",
            )
    for node in parsed.find_all(nodes.Name):
        if node.ctx == "load" and node.name in REFUSED_GLOBALS:
            yield (node.lineno, "not-allowed", f"'{node.name}' is not offered to templates")


def _internals(parsed: nodes.Template) -> Iterator[Problem]:
    for node in parsed.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
            arg = node.args[0]
            name = arg.value if isinstance(arg, nodes.Const) else None
        elif isinstance(node, nodes.Name) and node.ctx == "load" and node.name.startswith("_"):
            name = node.name
        if isinstance(name, str) and is_internal(name):
            yield (
                node.lineno,
                "sandbox",
                f"'{name}' reaches into Python, not the document's data; a template can use "
                "only the fields its document provides (run 'reportgen templates fields')",
            )


def _runaways(parsed: nodes.Template) -> Iterator[Problem]:
    limits = sandbox.LIMITS
    yield from _loops(parsed, 1, limits.iterations)
    for node in parsed.find_all(nodes.Mul):
        for seq, times in ((node.left, node.right), (node.right, node.left)):
            count = times.value if isinstance(times, nodes.Const) else None
            if isinstance(seq, nodes.Const) and isinstance(seq.value, str):
                length = len(seq.value)
            elif isinstance(seq, nodes.List):
                length = len(seq.items)
            else:
                continue
            whole = isinstance(count, int) and not isinstance(count, bool)
            if whole and length * count > limits.output_chars:
                message = "this repeats text into more than a document holds"
                yield (node.lineno, "runaway", message)
    for node in parsed.find_all(nodes.Pow):
        power = node.right.value if isinstance(node.right, nodes.Const) else None
        if isinstance(node.right, nodes.Pow) or (
            isinstance(power, int | float) and abs(power) > 1000
        ):
            message = "this raises a number to a power too large to print"
            yield (node.lineno, "runaway", message)
    for macro in parsed.find_all(nodes.Macro):
        for call in macro.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == macro.name:
                yield (
                    call.lineno,
                    "runaway",
                    f"the macro '{macro.name}' calls itself, which can go on without end",
                )


def _turns(loop: nodes.For) -> int | None:
    """How often ``loop`` turns when it is over ``range()`` of constants (else unknown)."""
    call = loop.iter
    if not (isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name)):
        return None
    if call.node.name != "range" or call.kwargs or call.dyn_args or call.dyn_kwargs:
        return None
    if not all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in call.args):
        return None
    try:
        return len(range(*[a.value for a in call.args]))
    except (TypeError, ValueError, OverflowError):
        return None


def _loops(node: nodes.Node, around: int, limit: int) -> Iterator[Problem]:
    """Loops that, with the loops around them, would turn more than ``limit`` times."""
    for child in node.iter_child_nodes():
        if not isinstance(child, nodes.For):
            yield from _loops(child, around, limit)
            continue
        turns = _turns(child)
        total = around * (turns or 1)
        if turns is not None and total > limit:
            inside = f" ({around:,} times over, inside the loops around it)" if around > 1 else ""
            yield (
                child.lineno,
                "runaway",
                f"this loop would turn {turns:,} times{inside}: {total:,} in all, more than "
                f"the {limit:,} a document may take; loop over the document's fields instead",
            )
            continue
        yield from _loops(child, min(total, limit + 1) if turns else around, limit)
