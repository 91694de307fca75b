"""What every ``reportgen`` command shares: exit codes, options, running a library call, and
printing problems.

Exit codes: 0 success (warnings allowed), 1 problems in the returns, 2 a failure that stopped
the run (missing folder, broken template, file that is not a workbook), 130 interrupted.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen.errors import Issue, ReportgenError
from reportgen.rules.periods import ReportingPeriod
from reportgen.write.crash import unexpected_failure

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130

T = TypeVar("T")
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def parse_period(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> ReportingPeriod | None:
    """Click callback: a ``--period`` such as ``Q3 2022/23`` as a ReportingPeriod."""
    if value is None:
        return None
    try:
        return ReportingPeriod.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def period_option(help_text: str, required: bool = False) -> Decorator:
    """``--period``: a reporting period such as ``Q2 2022/23``."""
    return click.option("--period", callback=parse_period, required=required, help=help_text)


def folder_option(name: str, dest: str, help_text: str) -> Decorator:
    """A folder option (``--input``, ``--output`` …) whose default comes from reportgen.toml."""
    return click.option(name, dest, type=click.Path(path_type=Path), default=None, help=help_text)


def debug_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--debug``: show Python tracebacks for failures."""
    return click.option("--debug", is_flag=True, help="Show Python tracebacks for failures.")(
        function
    )


def options(*decorators: Decorator) -> Decorator:
    """Several option decorators applied as one, in the order given."""

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


def input_option(help_text: str = "Folder holding the returns (.xlsx)") -> Decorator:
    """``--input``: the folder of returns."""
    default = "[default: reportgen.toml's, or input]"
    return folder_option("--input", "input_dir", f"{help_text} {default}.")


templates_option = folder_option(
    "--templates",
    "templates_dir",
    "Folder of the project's own templates; others are the built-ins "
    "[default: reportgen.toml's, or templates].",
)


def run(action: Callable[[], T], debug: bool, crash_dir: Path | None = None) -> T:
    """Call the library; a failure that stops the run is printed plainly and exits 2. An
    unexpected error (a bug) writes its traceback to a crash report in ``crash_dir`` (the
    output folder), says where it is and exits 2."""
    try:
        return action()
    except ReportgenError as exc:
        if debug:
            raise
        stop(str(exc))
    except KeyboardInterrupt:
        click.echo("Interrupted: nothing was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for the maintainers
        if debug:
            raise
        stop(f"Stopped by {unexpected_failure(crash_dir, 'running reportgen', exc)}.", prefix="")
    raise AssertionError("unreachable")


def stop(message: str, prefix: str = "Stopped: ") -> None:
    """Print a failure that stopped the run and exit 2."""
    click.echo(click.style(f"{prefix}{message}", fg="red"), err=True)
    sys.exit(EXIT_FAILURE)


def mark(ok: bool) -> str:
    """A green tick or a red cross."""
    return click.style("✓", fg="green") if ok else click.style("✗", fg="red")


def echo_issues(issues: Sequence[Issue]) -> None:
    """Problems as a table: severity, where (``Actions!F4``, ``body paragraph 8``), message."""
    if not issues:
        return
    where_width = min(max(len(i.location.ref or i.location.file) for i in issues), 28)
    width = max(60, shutil.get_terminal_size((110, 24)).columns - 1)
    indent = " " * (where_width + 12)
    for issue in issues:
        where = issue.location.ref or issue.location.file
        heading = f"({issue.location.heading}) " if issue.location.heading else ""
        kind = "error  " if issue.is_error else "warning"
        colour = "red" if issue.is_error else "yellow"
        body = textwrap.fill(
            heading + issue.message, width=width, initial_indent=indent, subsequent_indent=indent
        ).lstrip()
        click.echo(f"  {click.style(kind, fg=colour)} {where:<{where_width}}  {body}")
