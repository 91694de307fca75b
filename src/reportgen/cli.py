"""The ``reportgen`` command: parse options, call the library, print its report, exit.

Exit codes: 0 success (warnings allowed), 1 problems in the returns, 2 a failure that stopped
the run (missing folder, broken template, file that is not a workbook).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import click

from reportgen import __version__
from reportgen.build import BuildReport, WorkbookReport
from reportgen.build import build as run_build
from reportgen.build import validate as run_validate
from reportgen.config import build_config
from reportgen.errors import Issue, ReportgenError
from reportgen.kinds import document_names
from reportgen.pdf import DEFAULT_TIMEOUT as PDF_TIMEOUT
from reportgen.periods import ReportingPeriod

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILURE = 0, 1, 2


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        return ReportingPeriod.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _common(function):
    options = [
        click.option(
            "--input",
            "input_dir",
            type=click.Path(path_type=Path),
            default=None,
            help="Folder holding the returns (.xlsx) [default: reportgen.toml's, or input].",
        ),
        click.option(
            "--period",
            callback=_period,
            help="Reporting period such as 'Q2 2022/23' (overrides the Plan sheet).",
        ),
        click.option("--debug", is_flag=True, help="Show Python tracebacks for failures."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Turn the quarter's Excel returns into the committee's Word papers."""


def _echo_issue_table(issues: list[Issue]) -> None:
    if not issues:
        return
    where_width = min(max(len(str(i.location.ref or i.location.file)) for i in issues), 28)
    for issue in issues:
        where = issue.location.ref or issue.location.file
        heading = f"({issue.location.heading}) " if issue.location.heading else ""
        kind = "error  " if issue.is_error else "warning"
        colour = "red" if issue.is_error else "yellow"
        indent = " " * (where_width + 12)
        width = max(60, shutil.get_terminal_size((110, 24)).columns - 1)
        body = textwrap.fill(
            heading + issue.message, width=width, initial_indent=indent, subsequent_indent=indent
        ).lstrip()
        click.echo(f"  {click.style(kind, fg=colour)} {where:<{where_width}}  {body}")


def _echo_workbook(workbook: WorkbookReport) -> None:
    name = workbook.path.name
    if workbook.failure:
        click.echo(f"{click.style('✗', fg='red')} {workbook.failure}")
        return
    errors, warnings = len(workbook.issues.errors), len(workbook.issues.warnings)
    mark = click.style("✗", fg="red") if errors else click.style("✓", fg="green")
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    click.echo(f"{mark} {name}: {counts}")
    _echo_issue_table(workbook.issues.errors + workbook.issues.warnings)


def _echo_report(report: BuildReport, building: bool) -> None:
    for path, reason in report.skipped:
        click.echo(f"- skipped {path.name}: {reason}")
    for workbook in report.workbooks:
        _echo_workbook(workbook)
    for path, document, reason in report.skipped_documents:
        click.echo(f"- skipped {document} for {path.name}: {reason}")
    if report.failure:
        click.echo(click.style(f"Stopped: {report.failure}", fg="red"), err=True)
    if not building:
        return
    if report.ok and not report.failure:
        for result in report.written:
            state = "written" if result.changed else "unchanged"
            click.echo(f"  {state:<9} {result.path}")
        changed = sum(r.changed for r in report.written)
        click.echo(
            f"Built {len(report.written)} document(s), {changed} changed, in {report.seconds:.1f}s."
        )
    else:
        click.echo(
            click.style(
                "Nothing was written: fix the errors above and build again; "
                "earlier outputs are unchanged.",
                fg="red",
            ),
            err=True,
        )


def _exit_code(report: BuildReport) -> int:
    if report.failure:
        return EXIT_FAILURE
    if any(w.failure for w in report.workbooks):
        return EXIT_FAILURE
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _run(action, debug: bool):
    try:
        return action()
    except ReportgenError as exc:
        if debug:
            raise
        click.echo(click.style(f"Stopped: {exc}", fg="red"), err=True)
        sys.exit(EXIT_FAILURE)
    except KeyboardInterrupt:
        click.echo("Interrupted: nothing was written.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            raise
        click.echo(
            click.style(
                f"Stopped by an unexpected error: {exc!r}. Run again with --debug "
                "and send the output to the reportgen maintainers.",
                fg="red",
            ),
            err=True,
        )
        sys.exit(EXIT_FAILURE)


@cli.command()
@_common
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder the documents are written to [default: reportgen.toml's, or output].",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of the project's own templates; others are the built-ins "
    "[default: reportgen.toml's, or templates].",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(document_names()),
    help="Build only this document (repeatable).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF (LibreOffice).")
@click.option("--soffice", help="LibreOffice program for --pdf (default: found on PATH).")
@click.option(
    "--pdf-timeout",
    type=click.FloatRange(min=1),
    default=PDF_TIMEOUT,
    show_default=True,
    help="Seconds LibreOffice may take to convert the whole build.",
)
@click.option(
    "--force", is_flag=True, help="Rebuild every document, even for returns that have not changed."
)
@click.option(
    "--jobs", type=click.IntRange(min=1), help="Workbooks built at once (default: one per core)."
)
def build(
    input_dir: Path,
    period,
    debug: bool,
    output_dir: Path,
    templates_dir: Path,
    only: tuple[str, ...],
    quiet: bool,
    pdf: bool,
    soffice: str | None,
    pdf_timeout: float,
    force: bool,
    jobs: int | None,
) -> None:
    """Build the documents for every workbook in the input folder.

    Nothing is written unless every workbook is free of errors; each output is replaced
    atomically. Returns unchanged since the last build re-use their outputs (--force rebuilds).
    """
    config = _run(
        lambda: build_config(
            input_dir=input_dir,
            output_dir=output_dir,
            templates_dir=templates_dir,
            period=period,
            only=only,
            pdf=pdf,
            soffice=soffice,
            pdf_timeout=pdf_timeout,
            incremental=not force,
            jobs=jobs,
        ),
        debug,
    )
    progress = None if quiet else (lambda message: click.echo(f"… {message}"))
    report = _run(lambda: run_build(config, progress), debug)
    _echo_report(report, building=True)
    sys.exit(_exit_code(report))


@cli.command()
@_common
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(input_dir: Path, period, debug: bool, as_json: bool) -> None:
    """Check every workbook in the input folder without writing anything."""
    config = _run(lambda: build_config(input_dir=input_dir, period=period), debug)
    report = _run(lambda: run_validate(config), debug)
    if as_json:
        payload = {
            "ok": report.ok,
            "failure": report.failure,
            "skipped": [{"file": p.name, "reason": r} for p, r in report.skipped],
            "workbooks": [
                {
                    "file": w.path.name,
                    "failure": w.failure,
                    "errors": len(w.issues.errors),
                    "warnings": len(w.issues.warnings),
                    "issues": [i.to_dict() for i in w.issues],
                }
                for w in report.workbooks
            ],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _echo_report(report, building=False)
        summary = f"{report.error_count} error(s), {report.warning_count} warning(s)"
        click.echo(summary if report.ok else click.style(summary, fg="red"))
    sys.exit(_exit_code(report))


from reportgen.cli_returns import returns  # noqa: E402 (it imports this module's helpers)

cli.add_command(returns)
from reportgen.cli_templates import init, templates  # noqa: E402

cli.add_command(templates)
cli.add_command(init)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reportgen")


if __name__ == "__main__":
    main()
