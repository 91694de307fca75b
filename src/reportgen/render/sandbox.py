"""The Jinja environment templates render in: sandboxed, and bounded in time and size.

A Word template is a clerk's file, and the build must survive any of them. Jinja's sandbox
already keeps templates away from Python's internals (``x.__class__``) and, immutable, from
changing what they are given. On top of that, here:

* **No other files.** ``include``, ``extends``, ``import`` and ``from … import`` are refused (a
  template is one Word file), and so is switching autoescape off (workbook text would print as
  Word XML). ``safe`` and the filters that make markup are not offered.
* **Bounded.** Every ``for`` loop counts its turns, and the text its body adds each turn, against
  the document's :class:`RenderLimits`; every call, attribute, item and printed value ticks the
  clock. Operations that can make a huge value in one step (``'x' * n``, ``n ** m``, ``~``,
  ``"%9999999d" % n``, ``center(n)``, ``replace``, ``str.format`` widths, ``range``) are
  measured before they run. A breach raises :class:`RenderLimitError`, which names the loop.

The loops are counted by rewriting each template's syntax tree before it is compiled: the
iterable of every ``for`` passes through the ``reportgen_loop`` filter, which knows the loop's
tag and the size of its body's text.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from reportgen.render.rewrite import CONCAT_FILTER, LOOP_FILTER, instrument


@dataclass(frozen=True)
class RenderLimits:
    """How far one document's rendering may go: seconds of work, loop turns, characters of
    Word XML made, and the largest number a template may give as a size (a width, a count)."""

    seconds: float = 120.0
    iterations: int = 250_000
    output_chars: int = 64_000_000
    size_argument: int = 100_000


LIMITS = RenderLimits()

# Jinja's filters that build markup a template could abuse to print workbook text as Word XML,
# or whose output changes from run to run.
REFUSED_FILTERS = frozenset({"safe", "xmlattr", "urlize", "random", "pprint"})
REFUSED_GLOBALS = frozenset({"lipsum"})
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d{5,})|%[-+ #0]*\d*\.(\*|\d{5,})")
_BRACE_WIDTH = re.compile(r"\{[^{}]*:[^{}]*\d{5,}[^{}]*\}")
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class RenderLimitError(TemplateRuntimeError):
    """Raised when rendering a template goes over one of its :class:`RenderLimits`; ``loop``
    is the tag of the innermost loop running at the time (None outside loops)."""

    def __init__(self, message: str, loop: str | None = None) -> None:
        super().__init__(message)
        self.loop = loop


class Budget:
    """What one document's rendering has used so far."""

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.iterations = 0
        self.output = 0
        self.loops: list[str] = []
        self._ticks = 0

    def fail(self, message: str) -> RenderLimitError:
        return RenderLimitError(message, self.loops[-1] if self.loops else None)

    def tick(self) -> None:
        self._ticks += 1
        if self._ticks % 64 == 0 and time.monotonic() > self.deadline:
            raise self.fail(
                f"rendering went on for more than {self.limits.seconds:g} seconds; a loop may "
                "run far more often than the data needs"
            )

    def turn(self, body_chars: int) -> None:
        self.iterations += 1
        if self.iterations > self.limits.iterations:
            raise self.fail(
                f"the template's loops ran more than {self.limits.iterations:,} times in one "
                "document"
            )
        self.emit(body_chars)

    def emit(self, chars: int) -> None:
        self.output += chars
        if self.output > self.limits.output_chars:
            raise self.fail(
                f"the document grew past {self.limits.output_chars:,} characters of Word XML"
            )
        self.tick()

    def size(self, wanted: int, what: str) -> None:
        """Refuse to make a value of ``wanted`` characters or items (``what`` says how)."""
        if wanted > self.limits.output_chars:
            raise self.fail(f"{what} would make {wanted:,} characters, more than a document holds")


_BUDGET: ContextVar[Budget | None] = ContextVar("render_budget", default=None)


@contextmanager
def bounded(limits: RenderLimits | None = None) -> Iterator[Budget]:
    """Within the block, templates rendered in a :class:`BoundedEnvironment` count against one
    budget (the module's ``LIMITS`` unless given)."""
    budget = Budget(limits or LIMITS)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def current_budget() -> Budget:
    """The budget of the rendering under way (a fresh one outside :func:`bounded`)."""
    budget = _BUDGET.get()
    if budget is None:
        budget = Budget(LIMITS)
        _BUDGET.set(budget)
    return budget


# --- the filters the rewritten templates call --------------------------------------------


def _loop(iterable: Iterable[Any], body_chars: int = 0, label: str = "a loop") -> Iterator[Any]:
    budget = current_budget()
    if isinstance(iterable, str | bytes):
        budget.size(len(iterable), label)
    budget.loops.append(label)
    try:
        for item in iterable:
            budget.turn(body_chars)
            yield item
    finally:
        budget.loops.pop()


def _concat(values: list[Any]) -> Any:
    budget = current_budget()
    parts = [v if hasattr(v, "__html__") else str(v) for v in values]
    budget.size(sum(len(str(p)) for p in parts), "joining text with '~'")
    budget.tick()
    return markup_join(parts)


def _bounded_range(*args: int) -> Iterator[int]:
    budget = current_budget()
    numbers = safe_range(*args)
    budget.size(len(numbers), "range()")
    return iter(numbers)


def _guard_sizes(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a number given as a size that is larger than a document needs."""
    limit = current_budget().limits.size_argument
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
            raise current_budget().fail(
                f"{name} was given {value:,}; sizes and counts above {limit:,} are refused"
            )


def _estimate(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How large the result of filter ``name`` could be (0 when it is no larger than its
    input, which is already bounded)."""
    text = str(value) if isinstance(value, str) else None
    if name == "replace" and text is not None and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = len(text) + 1 if not old else text.count(old)
        return len(text) + count * len(new)
    if name == "indent" and text is not None:
        width = args[0] if args else kwargs.get("width", 4)
        width = len(width) if isinstance(width, str) else int(width or 0)
        return len(text) + (text.count("\n") + 1) * width
    if name == "format" and text is not None and _FORMAT_WIDTH.search(text):
        return current_budget().limits.output_chars + 1
    if name == "join" and not isinstance(value, str):
        return sum(len(str(v)) for v in value) + len(str(args[0] if args else "")) * len(value)
    return 0


def _wrap_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    pass_arg = getattr(function, "jinja_pass_arg", None)

    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        budget = current_budget()
        budget.tick()
        own = args[1:] if pass_arg is not None else args  # past the context / environment
        value, rest = (own[0], own[1:]) if own else (None, ())
        _guard_sizes(f"the '{name}' filter", rest, kwargs)
        if (wanted := _estimate(name, value, rest, kwargs)) > 0:
            budget.size(wanted, f"the '{name}' filter")
        return function(*args, **kwargs)

    return wrapped


# --- the environment ---------------------------------------------------------------------


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every loop, call and risky operation counted against the
    rendering's budget, and no way to reach another file. Autoescape is always on."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        options["autoescape"] = True
        super().__init__(**options)
        for name in REFUSED_FILTERS:
            self.filters.pop(name, None)
        for name in REFUSED_GLOBALS:
            self.globals.pop(name, None)
        self.globals["range"] = _bounded_range
        self.filters = {name: _wrap_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = _loop
        self.filters[CONCAT_FILTER] = _concat

    def add_filters(self, filters: dict[str, Callable[..., Any]]) -> None:
        """Offer ``filters`` to templates, each counted and its size arguments checked."""
        self.filters.update({name: _wrap_filter(name, f) for name, f in filters.items()})

    # -- compile: refuse other files, count the loops ---------------------------------------
    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[override]
        if isinstance(source, str):
            tree = self._parse(source, name, filename)
            instrument(tree, source, self)
            source = tree
        return super().compile(source, name, filename, raw, defer_init)

    # -- every step ticks ---------------------------------------------------------------------
    def getattr(self, obj: Any, attribute: str) -> Any:
        current_budget().tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        current_budget().tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = current_budget()
        budget.tick()
        target = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(target, "__self__", None)
        name = getattr(target, "__name__", "a function")
        if name not in ("_bounded_range",):
            _guard_sizes(f"'{name}'", args, kwargs)
        if isinstance(owner, str):
            _guard_string_method(budget, owner, name, args)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = current_budget()
        budget.tick()
        _guard_binop(budget, operator, left, right)
        return super().call_binop(context, operator, left, right)


def _guard_string_method(budget: Budget, owner: str, name: str, args: tuple[Any, ...]) -> None:
    if name in ("format", "format_map") and _BRACE_WIDTH.search(owner):
        raise budget.fail("a format width over 9,999 characters is refused")
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = len(owner) + 1 if not old else owner.count(old)
        budget.size(len(owner) + count * len(new), "replace()")
    if name == "join" and args and not isinstance(args[0], str):
        items = list(args[0]) if not isinstance(args[0], list | tuple) else args[0]
        budget.size(sum(len(str(i)) for i in items) + len(owner) * len(items), "join()")
    if name in _SIZED_METHODS:
        numbers = [a for a in args if isinstance(a, int)]
        budget.size(max([len(owner), *numbers]), f"{name}()")


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _guard_binop(budget: Budget, operator: str, left: Any, right: Any) -> None:
    numbers = (int, float)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            size = _length(seq)
            if size is not None and isinstance(times, int):
                budget.size(size * max(times, 0), "repeating with '*'")
    elif operator == "**":
        if isinstance(left, numbers) and isinstance(right, numbers):
            bits = abs(left).bit_length() * right if isinstance(left, int) else 0
            if abs(right) > 1000 or (isinstance(right, int) and bits > 100_000):
                raise budget.fail(f"'{left} ** {right}' makes a number too large to print")
    elif operator == "%":
        if isinstance(left, str) and _FORMAT_WIDTH.search(left):
            raise budget.fail("a '%' format with a width over 9,999 characters is refused")
    elif operator == "+":
        sizes = (_length(left), _length(right))
        if None not in sizes:
            budget.size(sizes[0] + sizes[1], "joining with '+'")  # type: ignore[operator]
