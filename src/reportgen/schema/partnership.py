"""The partnership plan workbook (LOIP delivery framework, seed 002): its sheets' fields and models.

A partnership plan is a table of rows under LOIP priorities. Each row is a key action, the LOIP
outcome it serves (the CPP focus as a heading, then the outcome's bullet points), the measures of
progress, a completion target (``2020-23``), the partnership strategies behind it, and the lead
officer. The optional **Plan** sheet gives the title, key principles and related strategies; the
optional **Summary** sheet the summary table (outcome, CPP focus, milestones).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reportgen.readers.workbook import FieldSpec
from reportgen.rules.text import bullet_text

PARTNERSHIP_SHEET = "Partnership Plan"
PLAN_SHEET = "Plan"
SUMMARY_SHEET = "Summary"
DEFAULT_TITLE = "Local Outcomes Improvement Plan (LOIP) Delivery Framework"

PLAN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("organisation", "Organisation", ("Organization", "Council")),
    FieldSpec(
        "partnership",
        "Partnership",
        ("Community Planning Partnership", "CPP", "Service", "Service Name"),
    ),
    FieldSpec("area", "Area", ("Local Authority Area", "Place")),
    FieldSpec("plan_title", "Plan Title", ("Title",)),
    FieldSpec("theme", "Theme", ("LOIP Theme", "Outcome Theme", "Priority Theme")),
    FieldSpec("plan_period", "Plan Period"),
    FieldSpec("key_principles", "Key Principles", ("Principles",)),
    FieldSpec("related_strategies", "Related Strategies", ("Related Strategy",)),
    FieldSpec("indicators", "PIs", ("Performance Indicators", "Indicators")),
)

ROW_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("priority", "LOIP Priority", ("Priority",), required=True, fill_down=True),
    FieldSpec(
        "key_actions",
        "Key Actions",
        ("Key Action", "Key Actions (CSP Improvement Aims)", "Actions"),
        required=True,
    ),
    FieldSpec(
        "outcome",
        "LOIP Outcome",
        ("LOIP Outcome (CPP Focus)", "CPP Focus", "Outcome"),
        required=True,
    ),
    FieldSpec(
        "progress_measures",
        "Progress Measures",
        ("LOIP Progress Measures", "Measures", "Milestones"),
    ),
    FieldSpec("completion_target", "Completion Target", ("Target", "Timescale")),
    FieldSpec(
        "strategy",
        "Partnership Strategy",
        (
            "Partnership Strategy/Plans supporting priority",
            "Partnership Strategy /Plans supporting priority",
            "Partnership Strategy/Plans",
            "Partnership Strategies",
            "Supporting Plans",
        ),
        fill_down=True,
    ),
    FieldSpec(
        "lead",
        "Lead Officer",
        (
            "Lead",
            "Lead Officer for updates / reporting",
            "Lead Officer for updates/reporting",
            "Lead officer for updates",
        ),
        fill_down=True,
    ),
)

SUMMARY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "outcome",
        "Outcome",
        ("Local Outcome", "Moray Outcome", "LOIP Priority", "Priority"),
        required=True,
        fill_down=True,
    ),
    FieldSpec(
        "focus",
        "CPP Focus",
        ("The end result we want is", "Focus", "LOIP Outcome", "End Result"),
        required=True,
    ),
    FieldSpec(
        "milestones",
        "Milestones",
        (
            "Milestones / LOIP Progress Measures",
            "LOIP Progress Measures",
            "Progress Measures",
            "We will know we are making progress when",
        ),
    ),
)


class Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


def split_heading(text: str | None) -> tuple[str | None, str | None]:
    """A LOIP outcome cell's CPP focus heading (its lines before the first bullet) and the rest:
    "Children live in safe and supportive families\\n• The voices …" → the heading and "• The
    voices …". A cell of bullets only has no heading."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    heading: list[str] = []
    for index, line in enumerate(lines):
        if bullet_text(line) is not None:
            rest = "\n".join(lines[index:])
            return (" ".join(heading) or None), rest
        heading.append(line.strip())
    return (" ".join(heading) or None), None


class PartnershipDetails(Model):
    """The Plan sheet of a partnership workbook (every field optional)."""

    organisation: str | None = None
    partnership: str | None = None
    area: str | None = None
    plan_title: str = DEFAULT_TITLE
    theme: str | None = None
    plan_period: str | None = None
    key_principles: list[str] = Field(default_factory=list)
    related_strategies: list[str] = Field(default_factory=list)
    indicators: str | None = None


class PlanRow(Model):
    """A row of the Partnership Plan sheet, grouping cells already filled down.

    ``focus`` is the LOIP outcome's CPP focus heading, ``outcome_points`` its bullet points.
    ``headings`` is the wording of the heading row right above the row (field name → heading as
    typed) when the sheet repeats its headings there to start a table of its own.
    """

    priority: str
    key_actions: str | None = None
    outcome: str | None = None
    progress_measures: str | None = None
    completion_target: str | None = None
    strategy: str | None = None
    lead: str | None = None
    row: int
    headings: dict[str, str] | None = None

    @property
    def focus(self) -> str | None:
        return split_heading(self.outcome)[0]

    @property
    def outcome_points(self) -> str | None:
        return split_heading(self.outcome)[1]


class SummaryRow(Model):
    """A row of the summary table: the local outcome, a CPP focus and its milestones."""

    outcome: str
    focus: str
    milestones: str | None = None


class PartnershipPlan(Model):
    """A whole partnership workbook, checked: its details, plan rows and summary rows.

    ``summary_given`` is False when there is no Summary sheet and the summary was drawn from the
    plan rows (each priority's CPP focuses with their outcome bullet points).
    """

    source: str
    details: PartnershipDetails
    rows: list[PlanRow]
    headings: dict[str, str] = Field(default_factory=dict)  # the sheet's first heading row
    summary: list[SummaryRow] = Field(default_factory=list)
    summary_given: bool = False
