"""``reportgen check FILE…``: the accessibility check of Word documents and PDFs, ours or anyone's
(a paper a clerk wrote by hand too). Parse options, call the library, print its report, choose
the exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.accessibility import CHECKERS, CheckReport, check_files
from reportgen.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    debug_option,
    echo_issues,
    mark,
    run,
)
from reportgen.rules.formats import plural


def papers_in(paths: tuple[Path, ...]) -> list[Path]:
    """Each file given, and the Word documents and PDFs in each folder given and its
    sub-folders (a build's period folders), Word's "~$" lock files and caches left out."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        found += sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in CHECKERS
            and not p.name.startswith("~$")
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return found


def echo_check(report: CheckReport) -> None:
    """Each document with its findings (where in it, and what to do), then the summary."""
    for path, issues in report.documents.items():
        errors = sum(1 for i in issues if i.is_error)
        counts = f"{plural(errors, 'error')}, {plural(len(issues) - errors, 'warning')}"
        click.echo(f"{mark(errors == 0)} {path}: {counts}")
        echo_issues([i for i in issues if i.is_error] + [i for i in issues if not i.is_error])
    line = report.summary()
    click.echo(line if report.ok else click.style(line, fg="red"))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@debug_option
def check(paths: tuple[Path, ...], as_json: bool, debug: bool) -> None:
    """Check Word documents (.docx) and PDFs against the public sector accessibility
    regulations: title, language, heading order, alternative text, table headers and captions,
    merged cells, colour-only status, contrast, and for PDFs tags, language, title and PDF/UA.
    A folder is checked with its sub-folders. Exits 1 when a document fails (warnings are
    advice)."""
    report = run(lambda: check_files(papers_in(paths)), debug)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        echo_check(report)
    sys.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)
