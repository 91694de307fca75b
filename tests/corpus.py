"""The frame of the bad-input corpus (test_corpus*.py): a project that built once, a hostile
change, a run of the command line, and what must hold afterwards.

Each case copies a project whose ``output/`` already holds a good build, breaks something (a
workbook, a template, a setting, a cache), runs a command, and checks the exit code, that the
output names the file (and the cell or place) at fault, that no traceback was shown, and that
the earlier outputs are byte-identical (when the run must not write).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from workbooks import write_service_workbook

from reportgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    """A reporting folder: input/, templates/ (the project's own overrides), output/."""

    folder: Path

    @property
    def input(self) -> Path:
        return self.folder / "input"

    @property
    def templates(self) -> Path:
        return self.folder / "templates"

    @property
    def output(self) -> Path:
        return self.folder / "output"

    @property
    def workbook(self) -> Path:
        """The project's service workbook."""
        return self.input / "plan.xlsx"

    def edit(self, sheet: str, **cells: object) -> None:
        """Set cells of the service workbook: ``edit("Actions", G4=110)``."""
        book = load_workbook(self.workbook)
        for ref, value in cells.items():
            book[sheet][ref] = value
        book.save(self.workbook)

    def outputs(self) -> dict[str, bytes]:
        """Every file of the output folder, hidden ones too (the manifest of the last build),
        but the chart cache, which a failed build may add drawings to."""
        if not self.output.is_dir():
            return {}
        return {
            p.relative_to(self.output).as_posix(): p.read_bytes()
            for p in sorted(self.output.rglob("*"))
            if p.is_file() and ".cache/charts" not in p.as_posix()
        }

    def papers(self) -> dict[str, bytes]:
        """The documents in the output folder."""
        return {
            k: v for k, v in self.outputs().items() if not k.startswith((".", "crash-reports/"))
        }

    def run(self, *args: str) -> tuple[int, str]:
        """Run ``reportgen`` in the project folder; the exit code and everything it printed."""
        result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"reportgen raised {result.exception!r}:\n{result.output}")
        return result.exit_code, result.output

    def build(self, *extra: str) -> tuple[int, str]:
        return self.run(
            "build",
            "--input",
            str(self.input),
            "--output",
            str(self.output),
            "--templates",
            str(self.templates),
            "--jobs",
            "1",
            *extra,
        )

    def validate(self, *extra: str) -> tuple[int, str]:
        return self.run("validate", "--input", str(self.input), *extra)


def make_pristine(folder: Path) -> Project:
    """A project with one service workbook and an empty templates folder, built once."""
    project = Project(folder)
    write_service_workbook(project.workbook)
    project.templates.mkdir(parents=True)
    code, output = project.build("--only", "performance-report")
    assert code == 0, output
    return project


def copy_project(pristine: Project, folder: Path) -> Project:
    shutil.copytree(pristine.folder, folder, symlinks=True)
    return Project(folder)


@dataclass(frozen=True)
class Case:
    """One hostile input: ``make`` breaks the project, ``command`` runs on it ("build",
    "validate", "check" for ``templates check``), ``code`` is the exit code expected, and
    ``named`` the strings the output must hold (the file, the cell or place, the problem).
    ``writes`` is True for runs that may change the outputs (a build that succeeds)."""

    id: str
    make: Callable[[Project], None]
    command: str
    code: int
    named: tuple[str, ...]
    writes: bool = False


def run_case(case: Case, project: Project) -> str:
    """Break the project, run the command, check the exit code, the names and the outputs."""
    case.make(project)
    before = project.outputs()
    if case.command == "build":
        code, output = project.build("--only", "performance-report")
    elif case.command == "validate":
        code, output = project.validate()
    elif case.command == "check":
        code, output = project.run(
            "templates", "check", "--templates", str(project.templates),
            "--input", str(project.input),
        )  # fmt: skip
    else:
        raise AssertionError(case.command)
    assert "Traceback" not in output, output
    assert code == case.code, output
    flat = " ".join(output.split())
    for name in case.named:
        assert name in flat, f"{name!r} not in:\n{output}"
    if not case.writes:
        assert project.outputs() == before, "earlier outputs changed"
    return output


__all__ = ["Case", "Project", "copy_project", "make_pristine", "run_case", "write_service_workbook"]
