"""Reading the Report sheet of a service workbook into :class:`CommitteeReportDetails`.

Rules (for the people who fill the sheet):

* **Committee** and **Meeting Date** are required when the sheet is there: the report cannot be
  addressed without them (errors).
* **Subject** left blank becomes "<Plan Title> Performance" (a warning says so).
* An **implication** left blank takes the council's standard wording, "There are no …
  implications arising from this report." (a warning says so, so the author can confirm it).
* **Reason for Report**, **Recommendation** and **Conclusion** left blank are warnings: the
  report would print an empty numbered section.

A workbook without a Report sheet has no committee report; that is not a problem in the return.
"""

from __future__ import annotations

from reportgen.errors import IssueList, Location
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

EXPECTED_SECTIONS = (
    ("reason", "Reason for Report"),
    ("recommendation", "Recommendation"),
    ("conclusion", "Conclusion"),
)


def _where(cells: FieldValues, name: str, sheet: Location) -> Location:
    cell = cells.get(name)
    return cell.location if cell is not None else sheet


def _implications(
    cells: FieldValues, read: CellReader, issues: IssueList, sheet: Location
) -> list[Implication]:
    result = []
    for spec in IMPLICATIONS:
        text = read.text(cells.get(spec.name))
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
    workbook: Workbook, issues: IssueList, plan_title: str | None = None
) -> CommitteeReportDetails | None:
    """The Report sheet, checked; None when the workbook has no Report sheet or it has errors.

    ``plan_title`` gives the subject when the sheet leaves it blank.
    """
    cells = read_field_sheet(workbook, REPORT_SHEET, REPORT_FIELDS, issues)
    if cells is None:
        return None
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
    implications = _implications(cells, read, issues, where)
    if not committee or meeting_date is None:
        return None
    return CommitteeReportDetails(
        committee=committee,
        meeting_date=meeting_date,
        subject=subject,
        by=read.text(cells.get("by")),
        author=read.text(cells.get("author")),
        reason=read.text(cells.get("reason")),
        recommendation=read.text(cells.get("recommendation")),
        background=read.text(cells.get("background")),
        conclusion=read.text(cells.get("conclusion")),
        background_papers=read.text(cells.get("background_papers")),
        ref=read.text(cells.get("ref")),
        implications=implications,
    )
