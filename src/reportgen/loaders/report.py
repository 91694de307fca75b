"""Reading the Report sheet of a service workbook into :class:`CommitteeReportDetails`.

Rules (for the people who fill the sheet):

* **Committee** and **Meeting Date** are required when the sheet is there: the report cannot be
  addressed without them (errors).
* A **Meeting Date** before the end of the period reported is a warning: it is usually last
  quarter's, left in a workbook merged for the new quarter.
* **Subject** left blank becomes "<Plan Title> Performance" (a warning says so).
* An **implication** left blank takes the council's standard wording, "There are no …
  implications arising from this report." (a warning says so, so the author can confirm it).
* **Reason for Report**, **Recommendation** and **Conclusion** left blank are warnings: the
  report would print an empty numbered section.
* **Appendices** are referred to by name, never by number: ``(see [APPENDIX: performance
  report])`` prints as ``(see APPENDIX I)``, the number being the document's place in the
  committee pack. A name the pack does not have, and an appendix number typed by hand ("see
  Appendix II", which goes stale when the pack changes), are warnings.

A workbook without a Report sheet, or with one left blank, has no committee report; that is not a
problem in the return.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from reportgen.errors import IssueList, Location
from reportgen.kinds import Appendix, appendix_name
from reportgen.readers.cells import CellReader
from reportgen.readers.tables import FieldValues, read_field_sheet
from reportgen.readers.workbook import Workbook
from reportgen.schema.report import (
    IMPLICATIONS,
    REPORT_FIELDS,
    REPORT_SHEET,
    CommitteeReportDetails,
    Implication,
)

REFERENCE = re.compile(r"\[\s*(appendix)\s*:\s*([^\]]*?)\s*\]", re.IGNORECASE)
TYPED_NUMBER = re.compile(r"\bappendix\s+(?:[ivxlc]+|\d+)\b", re.IGNORECASE)
TEXT_FIELDS = ("reason", "recommendation", "background", "conclusion", "background_papers")

EXPECTED_SECTIONS = (
    ("reason", "Reason for Report"),
    ("recommendation", "Recommendation"),
    ("conclusion", "Conclusion"),
)


def _where(cells: FieldValues, name: str, sheet: Location) -> Location:
    cell = cells.get(name)
    return cell.location if cell is not None else sheet


def _example(appendices: Sequence[Appendix]) -> str:
    return f"[APPENDIX: {appendices[0].description}]" if appendices else "[APPENDIX: …]"


def resolve_appendices(
    text: str | None, appendices: Sequence[Appendix], issues: IssueList, where: Location
) -> str | None:
    """``text`` with each reference to an appendix by name ("[APPENDIX: performance report]")
    replaced by its label from the pack ("APPENDIX I", in the case typed); a name the pack does
    not have is left as typed, and a number typed by hand is kept, each with a warning."""
    if not text:
        return text
    by_name = {name: a for a in appendices for name in a.names}
    listing = "; ".join(f"{a.label} is the {a.description}" for a in appendices) or "none"
    for typed in TYPED_NUMBER.findall(REFERENCE.sub("", text)):
        issues.warning(
            "typed-appendix",
            f"'{typed}' is an appendix number typed by hand; the committee pack numbers its "
            f"appendices itself ({listing}), so name the appendix instead, as "
            f"{_example(appendices)}, and the number will follow the pack",
            where,
            typed,
        )

    def label(match: re.Match[str]) -> str:
        found = by_name.get(appendix_name(match[2]))
        if found is None:
            issues.warning(
                "unknown-appendix",
                f"'{match[0]}' names no appendix of the committee pack ({listing}); write, "
                f"for example, {_example(appendices)}",
                where,
                match[0],
            )
            return match[0]
        return found.label.upper() if match[1].isupper() else found.label

    return REFERENCE.sub(label, text)


def _implications(
    cells: FieldValues,
    read: CellReader,
    issues: IssueList,
    sheet: Location,
    appendices: Sequence[Appendix],
) -> list[Implication]:
    result = []
    for spec in IMPLICATIONS:
        text = read.text(cells.get(spec.name))
        text = resolve_appendices(text, appendices, issues, _where(cells, spec.name, sheet))
        if text:
            result.append(Implication(name=spec.name, heading=spec.heading, text=text))
            continue
        issues.warning(
            "standard-implication",
            f"'{spec.heading}' is blank, so the report will say \"{spec.standard_wording}\"; "
            "fill it in if there are implications",
            _where(cells, spec.name, sheet),
        )
        result.append(
            Implication(
                name=spec.name, heading=spec.heading, text=spec.standard_wording, standard=True
            )
        )
    return result


def read_report_details(
    workbook: Workbook,
    issues: IssueList,
    plan_title: str | None = None,
    appendices: Sequence[Appendix] = (),
    period_end: dt.date | None = None,
) -> CommitteeReportDetails | None:
    """The Report sheet, checked; None when the workbook has no Report sheet or it has errors.

    ``plan_title`` gives the subject when the sheet leaves it blank; ``appendices`` are the
    documents the committee pack appends, which the text refers to by name; a Meeting Date
    before ``period_end`` (last quarter's, left in a workbook merged for a new one) is a
    warning.
    """
    cells = read_field_sheet(workbook, REPORT_SHEET, REPORT_FIELDS, issues)
    if cells is None or all(cell.blank for cell in cells.values.values()):
        return None  # no Report sheet, or one left blank: no committee report
    where = Location(workbook.name, cells.sheet)
    read = CellReader(issues)
    committee = read.text(cells.get("committee"))
    if not committee:
        issues.error(
            "missing-field",
            "the 'Committee' field is missing or blank; give the committee the report goes to, "
            "such as 'Education, Communities and Organisational Development Committee'",
            _where(cells, "committee", where),
        )
    meeting_cell = cells.get("meeting_date")
    meeting_date = read.date(meeting_cell)
    if meeting_cell is None or meeting_cell.blank:
        issues.error(
            "missing-field",
            "the 'Meeting Date' field is missing or blank; give the date of the committee "
            "meeting, such as 18/11/2020",
            _where(cells, "meeting_date", where),
        )
    if meeting_date is not None and period_end is not None and meeting_date < period_end:
        issues.warning(
            "meeting-before-period-end",
            f"the meeting on {meeting_date:%d-%b-%Y} is before the end of the period it reports "
            f"({period_end:%d-%b-%Y}); give the date of the meeting this report goes to",
            _where(cells, "meeting_date", where),
            meeting_cell.value if meeting_cell else None,
        )
    subject = read.text(cells.get("subject"))
    if not subject:
        subject = f"{plan_title or workbook.path.stem} Performance"
        issues.warning(
            "missing-subject",
            f"the 'Subject' field is blank; the report's subject will be '{subject}'",
            _where(cells, "subject", where),
        )
    for name, heading in EXPECTED_SECTIONS:
        if not read.text(cells.get(name)):
            issues.warning(
                "empty-section",
                f"'{heading}' is blank; the committee report will have an empty "
                f"'{heading}' section",
                _where(cells, name, where),
            )
    implications = _implications(cells, read, issues, where, appendices)
    texts = {
        name: resolve_appendices(
            read.text(cells.get(name)), appendices, issues, _where(cells, name, where)
        )
        for name in TEXT_FIELDS
    }
    if not committee or meeting_date is None:
        return None
    return CommitteeReportDetails(
        committee=committee,
        meeting_date=meeting_date,
        subject=subject,
        by=read.text(cells.get("by")),
        author=read.text(cells.get("author")),
        **texts,
        ref=read.text(cells.get("ref")),
        implications=implications,
        appendices={a.document: a.label for a in appendices},
    )
