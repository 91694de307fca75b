"""reportgen: turn a council's quarterly Excel returns into its committee papers.

The library's front door, for scripts and tests as for the command line::

    import reportgen

    report = reportgen.build(reportgen.BuildConfig(input_dir=Path("input")))
    for issue in report.issues:
        print(issue)            # Actions!F4 (Progress): '110%' is over 100%
    report.to_dict()            # what ``reportgen validate --json`` prints

``validate(config)`` checks every return and writes nothing. ``changes(config)`` says, for each
service plan, what changed since the last period on record (``report.plans[0].changes``, before
and after; ``report.to_dict()`` is what ``reportgen changes --json`` prints). Problems in the
returns are :class:`Issue` values; failures that stop a run raise a :class:`ReportgenError`.
"""

from reportgen.config import BuildConfig, build_config
from reportgen.errors import Issue, Location, ReportgenError, Severity
from reportgen.pipeline import BuildReport, ChangesReport, WorkbookReport, build, changes, validate

__version__ = "0.1.0"

__all__ = [
    "BuildConfig",
    "BuildReport",
    "ChangesReport",
    "Issue",
    "Location",
    "ReportgenError",
    "Severity",
    "WorkbookReport",
    "build",
    "build_config",
    "changes",
    "validate",
]
