"""The covering committee report (seed 003): its context, from a plan with a Report sheet.

Sections and paragraphs are numbered from the paragraphs staff typed, one per line break in a
cell: Reason for Report 1.1, 1.2 …; Recommendation 2.1 …; Background 3.1 … followed by the
Performance paragraphs written from the returns (:mod:`reportgen.documents.narrative`) and,
when an earlier period is on record, the Changes since the last report
(:mod:`reportgen.documents.changes`); Conclusion 5.1 ….

How a cell's lines become paragraphs:

* every line is a numbered paragraph (3.1, 3.2 …);
* a line starting with a bullet mark ("•", "-", "*") is a bullet under the paragraph above;
* a short line (at most 80 characters) that ends without punctuation and is followed by another
  line is a numbered sub-heading ("3.7 Social Work Service performance management process"),
  and the line after it is that sub-heading's unnumbered text, as in the council's reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docxtpl import RichText, RichTextParagraph

from reportgen.documents.changes import change_statements, plan_changes
from reportgen.documents.narrative import performance_statements, period_label
from reportgen.documents.rich import paragraphs
from reportgen.kinds import DocumentProperties
from reportgen.rules.formats import uk_date
from reportgen.rules.text import bullet_text
from reportgen.schema.report import CommitteeReportDetails
from reportgen.schema.service import ServicePlan

SUBHEADING_MAX_CHARS = 80
IMPLICATION_STYLE = "ImplicationText"  # style ids in committee-report.docx
BULLET_STYLE = "ReportBullet"
CLOSING_STYLE = "ClosingText"  # kept on the page of the next paragraph
SENTENCE_END = (".", ":", ";", ",", "?", "!", ")", '"', "”")


@dataclass
class NumberedParagraph:
    """A numbered paragraph of the report.

    number: "3.7"; heading: a sub-heading printed as a numbered heading ("" when none);
    text: the paragraph (under the sub-heading, unnumbered, when there is one);
    bullets: bullet points that follow it.
    """

    number: str
    heading: str = ""
    text: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class ImplicationView:
    """A lettered implication: letter "(c)", heading "Financial implications", body paragraphs
    (the text typed, or the council's standard wording), standard: True for the latter."""

    letter: str
    heading: str
    body: RichTextParagraph
    standard: bool


@dataclass
class ReportHeader:
    """The report's heading lines and closing details.

    committee: "EDUCATION, COMMUNITIES … COMMITTEE"; meeting_date: "18 NOVEMBER 2020";
    subject and by in capitals as the council prints them; author: "Name, Title";
    background_papers and ref: paragraphs ("" when blank); title: the document title;
    footer: "Education, Communities and Organisational Development Committee, 18 November 2020".
    """

    committee: str
    meeting_date: str
    subject: str
    by: str
    author: str
    background_papers: RichTextParagraph
    ref: str
    title: str
    footer: str


def _is_subheading(line: str, following: str | None) -> bool:
    if following is None or bullet_text(following) is not None:
        return False
    return len(line) <= SUBHEADING_MAX_CHARS and not line.rstrip().endswith(SENTENCE_END)


def number_paragraphs(section: int, text: str | None, start: int = 1) -> list[NumberedParagraph]:
    """Number the paragraphs of a cell: ``section`` 3 gives 3.1, 3.2 … from ``start``."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    result: list[NumberedParagraph] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        bullet = bullet_text(line)
        if bullet is not None and result:
            result[-1].bullets.append(bullet)
            index += 1
            continue
        number = f"{section}.{start + len(result)}"
        following = lines[index + 1] if index + 1 < len(lines) else None
        if bullet is None and _is_subheading(line, following):
            result.append(NumberedParagraph(number, heading=line, text=following or ""))
            index += 2
            continue
        result.append(NumberedParagraph(number, text=bullet if bullet is not None else line))
        index += 1
    return result


def performance_paragraphs(plan: ServicePlan, section: int, start: int) -> list[NumberedParagraph]:
    """The Performance sub-section, numbered on from the Background paragraphs."""
    statements = performance_statements(plan)
    heading = NumberedParagraph(
        f"{section}.{start}",
        heading=f"Performance in {period_label(plan)}",
        text=statements[0].text,
        bullets=list(statements[0].items),
    )
    result = [heading]
    for statement in statements[1:]:
        number = f"{section}.{start + len(result)}"
        result.append(NumberedParagraph(number, text=statement.text, bullets=list(statement.items)))
    result += changes_paragraphs(plan, section, start + len(result))
    appendix = plan.report.appendices.get("performance-report") if plan.report else None
    attached = f"is attached as {appendix}" if appendix else "accompanies this report"
    closing = f"The quarterly performance report for {period_label(plan)} {attached}."
    result.append(NumberedParagraph(f"{section}.{start + len(result)}", text=closing))
    return result


def changes_paragraphs(plan: ServicePlan, section: int, start: int) -> list[NumberedParagraph]:
    """ "Changes since the last report", numbered on (none when no earlier period is on record):
    a sub-heading over the overall progress sentence, then a paragraph per kind of change."""
    changes = plan_changes(plan)
    if changes is None:
        return []
    first, *rest = change_statements(changes)
    result = [
        NumberedParagraph(
            f"{section}.{start}",
            heading=f"Changes since the last report ({changes.since})",
            text=first.text,
            bullets=list(first.items),
        )
    ]
    for statement in rest:
        number = f"{section}.{start + len(result)}"
        result.append(NumberedParagraph(number, text=statement.text, bullets=list(statement.items)))
    return result


def styled_paragraphs(text: str, style: str, bullet_style: str) -> RichTextParagraph:
    """Cell text as paragraphs of ``style``, bullet lines as paragraphs of ``bullet_style``."""
    result = RichTextParagraph()
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        bullet = bullet_text(line)
        run = RichText(bullet if bullet is not None else line)
        result.add(run, parastyle=bullet_style if bullet is not None else style)
    return result


def implication_views(details: CommitteeReportDetails) -> list[ImplicationView]:
    """The implications lettered (a) to (h), in the council's order."""
    return [
        ImplicationView(
            letter=f"({chr(ord('a') + index)})",
            heading=item.heading,
            body=styled_paragraphs(item.text, IMPLICATION_STYLE, BULLET_STYLE),
            standard=item.standard,
        )
        for index, item in enumerate(details.implications)
    ]


def document_title(details: CommitteeReportDetails) -> str:
    return (
        f"Report to {details.committee} on {uk_date(details.meeting_date, 'long')}: "
        f"{details.subject}"
    )


def report_header(details: CommitteeReportDetails) -> ReportHeader:
    return ReportHeader(
        committee=details.committee.upper(),
        meeting_date=uk_date(details.meeting_date, "long").upper(),
        subject=details.subject.upper(),
        by=(details.by or "").upper(),
        author=details.author or "",
        background_papers=paragraphs(details.background_papers, style=CLOSING_STYLE),
        ref=details.ref or "",
        title=document_title(details),
        footer=f"{details.committee}, {uk_date(details.meeting_date, 'long')}",
    )


def _details(plan: ServicePlan) -> CommitteeReportDetails:
    if plan.report is None:  # build.py skips the document first (see skip_reason)
        raise ValueError(f"{plan.source} has no Report sheet")
    return plan.report


def skip_reason(plan: ServicePlan) -> str | None:
    """Why this workbook has no committee report, or None when it has one."""
    if plan.report is None:
        return "the workbook's Report sheet is missing or blank (Committee, Meeting Date …)"
    return None


def build_context(plan: ServicePlan) -> dict[str, Any]:
    """The context ``committee-report.docx`` renders: ``report`` (the header), the numbered
    sections ``reason``, ``recommendation``, ``background`` (with the Performance paragraphs),
    ``conclusion``, and ``implications``."""
    details = _details(plan)
    background = number_paragraphs(3, details.background)
    background += performance_paragraphs(plan, 3, len(background) + 1)
    return {
        "report": report_header(details),
        "reason": number_paragraphs(1, details.reason),
        "recommendation": number_paragraphs(2, details.recommendation),
        "background": background,
        "implications": implication_views(details),
        "conclusion": number_paragraphs(5, details.conclusion),
    }


def properties(plan: ServicePlan) -> DocumentProperties:
    """Title, subject, author and date: the committee, the subject and the meeting date."""
    details = _details(plan)
    return DocumentProperties(
        title=document_title(details),
        subject=details.subject,
        author=plan.details.organisation or plan.details.service,
        keywords=(details.committee, plan.details.service),
        date=details.meeting_date,
    )
