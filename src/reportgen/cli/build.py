"""``reportgen build`` and ``reportgen validate``: parse options, call the library, print its
report, choose the exit code."""

from __future__ import annotations

import json
import shlex
import sys
from collections import Counter
from pathlib import Path

import click

from reportgen.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PROBLEMS,
    debug_option,
    echo_issues,
    folder_option,
    input_option,
    mark,
    options,
    period_option,
    run,
    templates_option,
)
from reportgen.config import build_config
from reportgen.layouts import buildable_names
from reportgen.pipeline import BuildReport, WorkbookReport
from reportgen.pipeline import build as run_build
from reportgen.pipeline import validate as run_validate
from reportgen.render.pdf import DEFAULT_TIMEOUT as PDF_TIMEOUT
from reportgen.rules.formats import plural
from reportgen.write.output import WriteResult, WriteState

period_override = period_option(
    "The reporting period to build, such as 'Q3 2022/23': statuses are judged at its end, and a "
    "workbook that reports another period is refused."
)


def echo_workbook(workbook: WorkbookReport) -> None:
    if workbook.failure:
        click.echo(f"{mark(False)} {workbook.failure}")
        return
    errors, warnings = len(workbook.issues.errors), len(workbook.issues.warnings)
    click.echo(
        f"{mark(not errors)} {workbook.path.name}: {plural(errors, 'error')}, "
        f"{plural(warnings, 'warning')}"
    )
    echo_issues(workbook.issues.errors + workbook.issues.warnings)


def echo_report(report: BuildReport, building: bool) -> None:
    for path, reason in report.skipped:
        click.echo(f"- skipped {path.name}: {reason}")
    for workbook in report.workbooks:
        echo_workbook(workbook)
    for path, document, reason in report.skipped_documents:
        click.echo(f"- skipped {document} for {path.name}: {reason}")
    if report.failure:
        click.echo(click.style(f"Stopped: {report.failure}", fg="red"), err=True)
    if not building:
        return
    for note in report.recovered:
        click.echo(f"- {note}")
    if report.ok and not report.failure:
        for result in report.written:
            click.echo(f"  {result.state.value:<9} {result.path}{_why(result)}")
        if not report.workbooks and report.skipped:
            click.echo("Nothing to build yet: fill in the returns passed over above.")
            return
        click.echo(f"{summary(report.written)} in {report.seconds:.1f}s.")
        echo_accessibility(report)
    else:
        click.echo(
            click.style(
                "Nothing was written: fix the errors above and build again; "
                "earlier outputs are unchanged.",
                fg="red",
            ),
            err=True,
        )


def echo_accessibility(report: BuildReport) -> None:
    """The accessibility check of what the build made, in one line (and where to see more)."""
    checked = report.accessibility
    if checked is None or not checked.documents:
        return
    line = checked.summary()
    if not checked.issues:
        click.echo(line)
        return
    folders = {str(path.parent) for path, issues in checked.documents.items() if issues}
    more = f"; see them with: reportgen check {' '.join(sorted(map(shlex.quote, folders)))}"
    click.echo(click.style(line + more, fg="yellow" if checked.ok else "red"))


def _why(result: WriteResult) -> str:
    if result.state is WriteState.REMOVED:
        return "  (made from an earlier version of its .docx; --pdf makes it again)"
    return ""


def summary(written: list[WriteResult]) -> str:
    """``Built 5 files: 2 new, 1 replaced, 2 unchanged`` — what the commit did, exactly."""
    states = Counter(r.state for r in written)
    parts = [f"{states[s]} {s.value}" for s in WriteState if states[s]]
    return f"Built {plural(len(written), 'file')}" + (f": {', '.join(parts)}" if parts else "")


def exit_code(report: BuildReport) -> int:
    if report.failure or any(w.failure for w in report.workbooks):
        return EXIT_FAILURE
    return EXIT_OK if report.ok else EXIT_PROBLEMS


@click.command()
@options(input_option(), period_override, debug_option)
@folder_option(
    "--output",
    "output_dir",
    "Folder the documents are written to [default: reportgen.toml's, or output].",
)
@templates_option
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(buildable_names()),
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
    input_dir: Path | None,
    period,
    debug: bool,
    output_dir: Path | None,
    templates_dir: Path | None,
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
    config = run(
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
    report = run(lambda: run_build(config, progress), debug, config.output_dir)
    echo_report(report, building=True)
    sys.exit(exit_code(report))


@click.command()
@options(input_option(), period_override, debug_option)
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(input_dir: Path | None, period, debug: bool, as_json: bool) -> None:
    """Check every workbook in the input folder without writing anything."""
    config = run(lambda: build_config(input_dir=input_dir, period=period), debug)
    report = run(lambda: run_validate(config), debug, config.output_dir)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        echo_report(report, building=False)
        summary = (
            f"{plural(report.error_count, 'error')}, {plural(report.warning_count, 'warning')}"
        )
        click.echo(summary if report.ok else click.style(summary, fg="red"))
    sys.exit(exit_code(report))
