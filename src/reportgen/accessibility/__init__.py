"""Accessibility checks for committee papers: ``reportgen check FILE…``.

Checks any Word document (.docx) or PDF, ours or written by hand, against what the public
sector accessibility regulations ask of published documents (WCAG 2.2 AA as applied to
documents): a title and language, real headings in order, alternative text on pictures, tables
with header rows and captions, nothing told by colour alone, and enough contrast. Every finding
is a :class:`reportgen.errors.Issue` placed in the document (``paragraph 12``, ``table 3``,
``page 2``, ``document properties``), an error when it fails the regulations, a warning when it
is advice.

    report = check_files([Path("committee-report.docx"), Path("committee-report.pdf")])
    print(report.summary())
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportgen.accessibility.docx_checks import check_docx
from reportgen.accessibility.pdf_checks import check_pdf
from reportgen.accessibility.report import CheckError, CheckReport, Findings
from reportgen.errors import InputError, Issue

CHECKERS = {".docx": check_docx, ".pdf": check_pdf}

__all__ = ["CheckError", "CheckReport", "check_file", "check_files", "documents_in"]


def check_file(path: Path) -> list[Issue]:
    """The accessibility issues of one Word document or PDF, in the order found.

    Raises CheckError when the file is of another kind or cannot be opened, and InputError
    when it does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} was not found")
    checker = CHECKERS.get(path.suffix.lower())
    if checker is None:
        raise CheckError(
            f"{path.name} is not a Word document (.docx) or a PDF, so it cannot be checked; "
            "save it from Word as a Word Document (.docx) or a PDF and check that copy"
        )
    return checker(path)


def documents_in(paths: Iterable[Path]) -> list[Path]:
    """The files to check: each path given, and the .docx and .pdf files in each folder given
    (not Word's '~$' lock files). Raises InputError naming every path that does not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in CHECKERS and not p.name.startswith("~$")
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(str(path))
    if missing:
        raise InputError(f"not found: {', '.join(missing)}")
    return found


def check_files(paths: Iterable[Path]) -> CheckReport:
    """Check every document in ``paths`` (files, or folders of .docx and .pdf files).

    A file that cannot be opened is reported as an ``unreadable`` error in the report, so the
    other documents are still checked. Raises InputError if a path does not exist.
    """
    report = CheckReport()
    for path in documents_in(paths):
        try:
            report.documents[path] = check_file(path)
        except CheckError as exc:
            findings = Findings(path.name)
            findings.error("unreadable", None, str(exc))
            report.documents[path] = list(findings)
    return report
