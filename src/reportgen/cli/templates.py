"""``reportgen templates check|fields`` and ``reportgen init``: template authoring commands.

Thin like the rest of the CLI: parse options, call the library, print its report, exit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.authoring.check import TemplateReport
from reportgen.authoring.fields import reference
from reportgen.authoring.init import init_project
from reportgen.authoring.templates import check_project, copy_templates
from reportgen.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    debug_option,
    input_option,
    mark,
    options,
    run,
    templates_option,
)
from reportgen.config import build_config
from reportgen.layouts import document_names
from reportgen.rules.formats import plural

FIELDS_DOC = Path("docs") / "template-fields.md"


@click.group()
def templates() -> None:
    """Check the Word templates and list the fields they can use."""


def _echo_template(report: TemplateReport) -> None:
    where = f" ({report.path})" if report.path else ""
    found = plural(len(report.problems), "problem") if report.problems else "no problems"
    click.echo(f"{mark(report.ok)} {report.template}{where}: {found}")
    for problem in report.problems:
        click.echo(f"  {click.style(problem.location.place or '', bold=True)}: {problem.message}")
        if problem.value:
            click.echo(f"      {problem.value}")
    if not report.fields_checked:
        click.echo(
            "  (fields not checked: no return of this document's kind loads without errors in "
            "the input folder, and reportgen has no example of it)"
        )


@templates.command()
@click.argument("names", nargs=-1)
@options(templates_option, input_option("Folder of returns the fields are checked against"))
@debug_option
def check(
    names: tuple[str, ...], templates_dir: Path | None, input_dir: Path | None, debug: bool
) -> None:
    """Check templates (files, or document names; all when none given) and report every
    problem with where it is."""
    config = run(lambda: build_config(input_dir=input_dir, templates_dir=templates_dir), debug)
    reports = run(lambda: check_project(list(names), config.templates_dir, config.input_dir), debug)
    for report in reports:
        _echo_template(report)
    sys.exit(EXIT_OK if all(r.ok for r in reports) else EXIT_PROBLEMS)


@templates.command()
@click.argument("kind", required=False, type=click.Choice(document_names()))
@click.option("--write", is_flag=True, help=f"Write the whole reference to {FIELDS_DOC}.")
def fields(kind: str | None, write: bool) -> None:
    """List the fields a document's template can use (every document when none given)."""
    text = reference([kind] if kind else [])
    if write:
        FIELDS_DOC.parent.mkdir(parents=True, exist_ok=True)
        FIELDS_DOC.write_text(reference(), encoding="utf-8")
        click.echo(f"written {FIELDS_DOC}")
    else:
        click.echo(text, nl=False)


@templates.command()
@click.argument("names", nargs=-1)
@templates_option
@click.option("--force", is_flag=True, help="Replace a copy already in the templates folder.")
@debug_option
def copy(names: tuple[str, ...], templates_dir: Path | None, force: bool, debug: bool) -> None:
    """Copy built-in templates (document names; all when none given) into the project's
    templates folder to edit in Word; the others stay built in."""
    config = run(lambda: build_config(templates_dir=templates_dir), debug)
    written = run(lambda: copy_templates(list(names), config.templates_dir, force), debug)
    for path in written:
        click.echo(f"  written {path}")
    click.echo(
        f"Edit {plural(len(written), 'template')} in Word; 'reportgen templates check' checks "
        "them and 'reportgen build' uses them instead of the built-in ones."
    )


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--organisation", default=None, help="The council's name, for reportgen.toml.")
@click.option("--force", is_flag=True, help="Write into a folder that already has files.")
def init(folder: Path, organisation: str | None, force: bool) -> None:
    """Start a new reporting folder: reportgen.toml, blank returns in input/, and templates/
    for the templates you change."""
    written = run(lambda: init_project(folder, organisation=organisation, force=force), False)
    for path in written:
        click.echo(f"  written {path}")
    click.echo(
        f"Started {folder}. Fill in the blank returns in {folder / 'input'}: a service "
        "workbook's Plan sheet (Service, Plan Title, Reporting Period) and Actions sheet (a "
        "row per action); its Improvements, Measures and Report sheets are optional. Then run "
        f"'reportgen build' in {folder}; until a return is filled in, the build passes it "
        "over and says what it needs. The built-in templates are used; to change one, "
        "'reportgen templates copy performance-report' puts a copy in templates/ to edit."
    )
