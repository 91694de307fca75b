"""``reportgen returns issue|collect``: the quarterly returns round trip (see README).

Thin like the rest of :mod:`reportgen.cli`: parse options, call :mod:`reportgen.returns`, print
the report, choose the exit code (0 done, 1 problems in the returns, 2 a failure that stopped the
run).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import click

from reportgen.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PROBLEMS,
    debug_option,
    echo_issues,
    input_option,
    mark,
    period_option,
    run,
)
from reportgen.config import CONFIG_NAME, build_config, load_config
from reportgen.returns.collect import CollectConfig, CollectReport, collect_returns
from reportgen.returns.issue import IssueReport, issue_returns
from reportgen.returns.layout import period_slug
from reportgen.returns.links import LinkBook, links_folder
from reportgen.rules.formats import plural


@click.group()
def returns() -> None:
    """Issue the quarter's returns to lead officers and collect them back."""


def _echo_issue_report(report: IssueReport) -> None:
    for path, reason in report.skipped:
        click.echo(f"- skipped {path.name}: {reason}")
    for source in report.sources:
        if source.failure:
            click.echo(f"{mark(False)} {source.failure}")
            continue
        click.echo(f"{mark(not source.issues.has_errors)} {source.path.name}")
        # the workbook's own warnings are the build's business; show those about the period
        notes = [i for i in source.issues.warnings if i.type.startswith("period")]
        echo_issues(source.issues.errors + notes)
    if not report.ok:
        click.echo(click.style("Nothing was issued: fix the errors above first.", fg="red"))
        return
    for issued in report.issued:
        who = issued.lead or "the whole service"
        counts = plural(issued.rows, "action")
        if issued.indicators:
            counts += ", " + plural(issued.indicators, "indicator")
        click.echo(f"  issued    {issued.path}  ({who}: {counts})")
    if report.closed:
        click.echo(
            f"  not issued {plural(len(report.closed), 'completed or cancelled row')} "
            f"({', '.join(report.closed)}); --include-closed issues them"
        )
    click.echo(f"Issued {plural(len(report.issued), 'return')} for {report.period.label}.")
    if report.mail_merge:
        click.echo(f"Each return's own web page is listed for a mail merge in {report.mail_merge}.")
        if report.issued and not (report.issued[0].link or "").startswith("http"):
            click.echo(
                "  (The links are paths only: give --base-url, the address lead officers reach "
                "'reportgen serve' at, to print whole links on the returns.)"
            )


@returns.command("issue")
@period_option("The quarter, e.g. 'Q3 2022/23'.", required=True)
@input_option("Folder holding the service workbooks")
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder the returns are written to  [default: returns/<period>/issued].",
)
@click.option(
    "--by",
    type=click.Choice(["lead", "service"]),
    default="lead",
    show_default=True,
    help="One return per lead officer, or one per service workbook.",
)
@click.option(
    "--due",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    default=None,
    help="The date the returns are due back (2023-01-20 or 20/01/2023), printed on each.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Where lead officers reach 'reportgen serve' (https://reportgen.example.gov.uk): "
    "each return's own link is printed on it and listed in mail-merge.csv "
    "[default: reportgen.toml's serve.base_url].",
)
@click.option(
    "--include-closed",
    is_flag=True,
    help="Issue completed and cancelled actions too (they are left out unless asked).",
)
@click.option(
    "--force", is_flag=True, help="Replace returns already issued for the period (perhaps sent)."
)
@debug_option
def issue_command(
    period,
    input_dir: Path | None,
    output_dir: Path | None,
    by: str,
    due: dt.datetime | None,
    base_url: str | None,
    include_closed: bool,
    force: bool,
    debug: bool,
) -> None:
    """Write this quarter's return for each lead officer from every service workbook."""
    source = run(lambda: build_config(input_dir=input_dir).input_dir, debug)
    target = output_dir or Path("returns") / period_slug(period) / "issued"
    if base_url is None:
        base_url = run(lambda: load_config(Path(CONFIG_NAME)), debug).get("serve.base_url")
    links = LinkBook(links_folder(target), base_url)
    day = due.date() if due else None
    report = run(
        lambda: issue_returns(
            source,
            target,
            period,
            by,  # type: ignore[arg-type]
            links,
            day,
            include_closed=include_closed,
            force=force,
        ),
        debug,
    )
    _echo_issue_report(report)
    sys.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _echo_collect_report(report: CollectReport) -> None:
    for path, reason in report.skipped:
        click.echo(f"- skipped {path.name}: {reason}")
    for returned in report.returns:
        if returned.failure:
            click.echo(f"{mark(False)} {returned.failure}")
            continue
        if returned.superseded_by is not None:
            click.echo(f"- {returned.name}: replaced by the later {returned.superseded_by.name}")
            continue
        errors, warnings = len(returned.issues.errors), len(returned.issues.warnings)
        click.echo(
            f"{mark(not errors)} {returned.name} ({returned.who}): {plural(errors, 'error')}, "
            f"{plural(warnings, 'warning')}"
        )
        echo_issues(returned.issues.errors + returned.issues.warnings)
        if returned.checked:
            click.echo(f"    checked copy to send back: {returned.checked}")
    for service in report.services:
        click.echo(f"{service.workbook.name}:")
        echo_issues(service.issues.errors + service.issues.warnings)
        if service.merged:
            click.echo(f"  merged    {service.merged.path}")
        elif service.blocked:
            click.echo(click.style(f"  not merged: {service.blocked}", fg="red"))
    if report.archive_dir:
        added = sum(a.added for a in report.archived)
        click.echo(f"Archived {plural(added, 'new return')} in {report.archive_dir}.")
    if report.failure:
        click.echo(click.style(f"Stopped: {report.failure}", fg="red"), err=True)


@returns.command("collect")
@click.argument("returns_dir", type=click.Path(path_type=Path))
@period_option("The quarter (default: the returns' own).")
@input_option("Folder holding the service workbooks the returns were issued from")
@click.option(
    "--merged",
    "merged_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the merged workbooks  [default: <input>/<period>, e.g. input/Q3-2022-23].",
)
@click.option(
    "--archive",
    "archive_root",
    type=click.Path(path_type=Path),
    default="archive",
    show_default=True,
    help="Archive folder; returns are kept in <archive>/<period>.",
)
@debug_option
def collect_command(
    returns_dir: Path,
    period,
    input_dir: Path | None,
    merged_dir: Path | None,
    archive_root: Path,
    debug: bool,
) -> None:
    """Read, check, archive and merge the returns in RETURNS_DIR."""
    settings = run(lambda: build_config(input_dir=input_dir), debug)
    config = CollectConfig(
        returns_dir=returns_dir,
        input_dir=settings.input_dir,
        period=period,
        merged_dir=merged_dir,
        archive_root=archive_root,
        history_dir=settings.history,
        settings=replace(settings.settings, period=None),  # the returns' period is their own
    )
    report = run(lambda: collect_returns(config), debug)
    _echo_collect_report(report)
    if report.failure:
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)
