"""The improvement programme workbook (a continuous improvement plan, seed 004): fields and models.

A programme is a list of workstreams (Prevention and Demand Management, Purposeful Practice …),
each with numbered outcomes (``1.1``, ``2.3``), each outcome with its activities (what, When?,
Who?) and its measures of success. The optional **Introduction** sheet holds the narrative.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reportgen.readers.workbook import FieldSpec
from reportgen.rules.text import bullet_text

PROGRAMME_SHEET = "Programme"
INTRODUCTION_SHEET = "Introduction"
DEFAULT_TITLE = "Continuous Improvement Plan"

INTRODUCTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "Title", ("Plan Title", "Programme Title")),
    FieldSpec("organisation", "Organisation", ("Organization", "Council")),
    FieldSpec("date", "Date", ("Published", "Plan Date", "Version Date")),
    FieldSpec("overview", "Overview", ("Overview and Introduction", "Introduction", "Background")),
    FieldSpec("governance", "Governance"),
    FieldSpec(
        "working_towards",
        "Working Towards",
        ("What are we working towards", "What we are working towards", "Vision"),
    ),
    FieldSpec(
        "evidence",
        "Evidence",
        ("How we will evidence improvement", "Evidence of Improvement", "Evidencing Improvement"),
    ),
)

ACTIVITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "workstream", "Workstream", ("Work Stream", "Theme", "Programme Area"), fill_down=True
    ),
    FieldSpec("ref", "Ref", ("Reference", "No", "Number", "Outcome Ref"), fill_down=True),
    FieldSpec(
        "outcome",
        "Outcome",
        ("Outcome we are trying to achieve", "Outcomes"),
        required=True,
        fill_down=True,
    ),
    FieldSpec("activity", "Activity", ("Activities", "Action", "Actions"), required=True),
    FieldSpec("when", "When", ("Timescale", "Date", "By When", "Due")),
    FieldSpec("who", "Who", ("Lead", "Lead Officer", "Responsible"), fill_down=True),
    FieldSpec(
        "measures",
        "Measures of Success",
        ("Measures", "Measure of Success", "Success Measures"),
        fill_down=True,
    ),
)


class Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class Introduction(Model):
    """The Introduction sheet: title and the narrative sections, each text with line breaks."""

    title: str = DEFAULT_TITLE
    organisation: str | None = None
    date: str | None = None
    overview: str | None = None
    governance: str | None = None
    working_towards: str | None = None
    evidence: str | None = None


class Activity(Model):
    """One activity: the text as typed, its When? (free text as typed: "April 2017",
    "Ongoing", "Quarterly") and its Who? (a role)."""

    text: str
    when: str | None = None
    who: str | None = None
    row: int

    @property
    def introduction(self) -> bool:
        return introduces_list(self.text)


class Outcome(Model):
    """A numbered outcome (``1.1``) with its activities and measures of success (text whose
    lines are the measures)."""

    ref: str
    title: str
    activities: list[Activity] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)


class Workstream(Model):
    """A workstream and its outcomes in sheet order; ``name`` is None for rows before the
    first named workstream."""

    name: str | None = None
    outcomes: list[Outcome] = Field(default_factory=list)


class Programme(Model):
    """A whole improvement programme workbook, checked."""

    source: str
    introduction: Introduction
    workstreams: list[Workstream]

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for w in self.workstreams for o in w.outcomes]


def introduces_list(text: str) -> bool:
    """True for an activity that introduces the ones below it rather than being one ("Plan to
    include:"): its first line ends with a colon and is not typed as a bullet."""
    first = text.strip().split("\n", 1)[0].rstrip()
    return first.endswith(":") and bullet_text(first) is None
