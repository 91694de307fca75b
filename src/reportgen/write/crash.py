"""When reportgen itself fails: the traceback goes to a crash report, the user gets a sentence.

A bug met while reading one return must not hide the others, nor show a traceback to someone
who fills spreadsheets. The run names what it was reading, writes the traceback (with the
versions that matter) to ``<folder>/crash-reports/<time>-<what>.txt`` and says where it is, so
it can be sent to the maintainers.
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import traceback
from importlib import metadata
from pathlib import Path

from reportgen.write.output import write_atomic

CRASH_FOLDER = "crash-reports"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def write_crash_report(folder: Path, what: str, exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback, met while ``what`` (``reading plan.xlsx``), into
    ``folder/crash-reports``; the report's path, or None when it could not be written."""
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", what).strip("-")[:60] or "run"
    path = folder / CRASH_FOLDER / f"{stamp}-{slug}.txt"
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("reportgen", "openpyxl", "docxtpl", "Jinja2")
    )
    text = (
        f"reportgen stopped by an unexpected error while {what}\n"
        f"Python {platform.python_version()} on {platform.platform()}; {versions}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError:
        return None
    return path


def unexpected_failure(folder: Path | None, what: str, exc: BaseException) -> str:
    """The sentence for an unexpected error met while ``what``: what happened, and where the
    crash report is (written into ``folder``, when given and writable)."""
    report = write_crash_report(folder, what, exc) if folder is not None else None
    where = (
        f"the details are in {report}; please send that file to the reportgen maintainers"
        if report
        else "run again with --debug and send the output to the reportgen maintainers"
    )
    return f"an unexpected error while {what} ({type(exc).__name__}: {exc}); {where}"
