"""The ``reportgen`` command: a thin layer over the library (see :mod:`reportgen`).

Each command parses its options, calls one library function, prints its report and chooses the
exit code (:mod:`reportgen.cli.common`); no business logic lives here.
"""

from __future__ import annotations

import click

from reportgen import __version__
from reportgen.cli.build import build, validate
from reportgen.cli.changes import changes
from reportgen.cli.check import check
from reportgen.cli.returns import returns
from reportgen.cli.serve import serve
from reportgen.cli.templates import init, templates


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Turn the quarter's Excel returns into the committee's Word papers."""


for command in (build, validate, changes, check, returns, templates, init, serve):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reportgen")


if __name__ == "__main__":
    main()
