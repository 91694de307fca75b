"""The Report sheet: the committee report's details (``Field`` | ``Value``, see docs/returns.md).

A long value holds several paragraphs, one per line break; the committee report numbers them.
The eight implications are lettered (a) to (h) in the council's order, each under its standard
heading; one left blank takes the council's standard wording (a warning says so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from reportgen.readers.workbook import FieldSpec

REPORT_SHEET = "Report"


@dataclass(frozen=True, slots=True)
class ImplicationSpec:
    """One of the lettered implications: its field, its heading and the standard wording."""

    name: str
    heading: str
    aliases: tuple[str, ...]
    standard_wording: str


IMPLICATIONS: tuple[ImplicationSpec, ...] = (
    ImplicationSpec(
        "corporate_plan",
        "Corporate Plan and 10 Year Plan (Local Outcomes Improvement Plan (LOIP))",
        ("Corporate Plan and 10 Year Plan (LOIP)", "Corporate Plan", "LOIP"),
        "There are no Corporate Plan or 10 Year Plan implications arising from this report.",
    ),
    ImplicationSpec(
        "policy_legal",
        "Policy and Legal",
        ("Policy and Legal implications", "Policy & Legal", "Legal"),
        "There are no policy or legal implications arising from this report.",
    ),
    ImplicationSpec(
        "financial",
        "Financial implications",
        ("Financial", "Finance"),
        "There are no financial implications arising from this report.",
    ),
    ImplicationSpec(
        "risk",
        "Risk Implications",
        ("Risk",),
        "There are no risk implications arising from this report.",
    ),
    ImplicationSpec(
        "staffing",
        "Staffing Implications",
        ("Staffing",),
        "There are no staffing implications arising from this report.",
    ),
    ImplicationSpec(
        "property",
        "Property",
        ("Property implications",),
        "There are no property implications arising from this report.",
    ),
    ImplicationSpec(
        "equalities",
        "Equalities/Socio Economic Impact",
        ("Equalities", "Equalities / Socio Economic Impact", "Equalities and Socio Economic"),
        "There are no equalities or socio economic implications arising from this report.",
    ),
    ImplicationSpec(
        "consultations",
        "Consultations",
        ("Consultation",),
        "There are no consultation implications arising from this report.",
    ),
)

REPORT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("committee", "Committee", ("Report To", "Committee Name")),
    FieldSpec("meeting_date", "Meeting Date", ("Date of Meeting", "Committee Date", "Date")),
    FieldSpec("subject", "Subject", ("Title", "Report Title")),
    FieldSpec("by", "By", ("Report By", "From")),
    FieldSpec("author", "Author", ("Author of Report", "Report Author")),
    FieldSpec("reason", "Reason for Report", ("Reason", "Purpose", "Purpose of Report")),
    FieldSpec("recommendation", "Recommendation", ("Recommendations",)),
    FieldSpec("background", "Background"),
    FieldSpec("conclusion", "Conclusion", ("Conclusions",)),
    FieldSpec("background_papers", "Background Papers"),
    FieldSpec("ref", "Ref", ("Reference", "Ref.")),
    *(FieldSpec(i.name, i.heading, i.aliases) for i in IMPLICATIONS),
)


class Implication(BaseModel):
    """A lettered implication: ``text`` as typed, or the standard wording when ``standard``."""

    model_config = ConfigDict(extra="forbid")

    name: str
    heading: str
    text: str
    standard: bool = False


class CommitteeReportDetails(BaseModel):
    """The Report sheet, checked: who the report goes to, when, and its sections' text.

    The section texts keep the line breaks staff typed (one paragraph per line), references to
    appendices resolved ("APPENDIX I"); ``implications`` holds all eight, in the council's order
    (a) to (h); ``appendices`` the label of each document the committee pack appends to it, by
    document name ("performance-report" → "Appendix I").
    """

    model_config = ConfigDict(extra="forbid")

    committee: str
    meeting_date: dt.date
    subject: str
    by: str | None = None
    author: str | None = None
    reason: str | None = None
    recommendation: str | None = None
    background: str | None = None
    conclusion: str | None = None
    background_papers: str | None = None
    ref: str | None = None
    implications: list[Implication] = Field(default_factory=list)
    appendices: dict[str, str] = Field(default_factory=dict)
