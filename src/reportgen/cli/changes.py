"""``reportgen changes``: what changed since the last report, in the terminal."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import click

from reportgen.cli.build import echo_report, exit_code, period_override
from reportgen.cli.common import debug_option, input_option, options, run
from reportgen.config import build_config
from reportgen.pipeline import ChangesReport, PlanChangesResult
from reportgen.pipeline import changes as run_changes


def echo_plan(plan: PlanChangesResult) -> None:
    click.echo(click.style(f"{plan.path.name} ({plan.period})", bold=True))
    if plan.changes is None:
        click.echo(f"  Nothing to compare with: {plan.reason}.")
        return
    click.echo(f"  Changes since the last report ({plan.changes.since})")
    for number, statement in enumerate(plan.statements, start=1):
        click.echo(textwrap.fill(statement.text, 100, initial_indent=f"  {number}. ",
                                 subsequent_indent="     "))  # fmt: skip
        for item in statement.items:
            click.echo(textwrap.fill(item, 100, initial_indent="     • ",
                                     subsequent_indent="       "))  # fmt: skip


def echo_changes(report: ChangesReport) -> None:
    problems = [w for w in report.checked.workbooks if w.issues.errors or w.failure]
    if problems or report.checked.failure:
        echo_report(report.checked, building=False)
    for plan in report.plans:
        echo_plan(plan)
    if not report.plans and report.ok:
        click.echo("No service workbook in the input folder to compare.")


@click.command()
@options(input_option(), period_override, debug_option)
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def changes(input_dir: Path | None, period, debug: bool, as_json: bool) -> None:
    """Say what changed since the last report, for every service workbook in the input folder:
    statuses, progress, due dates, new and withdrawn actions, and indicators against target,
    each before and after. The earlier period is the last one on record in the history folder,
    which each build keeps."""
    config = run(lambda: build_config(input_dir=input_dir, period=period), debug)
    report = run(lambda: run_changes(config), debug)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        echo_changes(report)
    sys.exit(exit_code(report.checked))
