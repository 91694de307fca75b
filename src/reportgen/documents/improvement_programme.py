"""The improvement programme plan (seed 004): its context, from a checked programme.

The introduction's sections, then per workstream a Programme Plan table: one row per activity
with its When? and Who?, the outcome's Ref and title carried down its activity rows (and a
Who? that carries on from the activity above likewise), and a "Measures of success" row
listing the outcome's measures as bullets. The view marks a cell that carries on the one above
(:func:`~reportgen.documents.rich.continued`); the build merges it or repeats it, as set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docxtpl import RichTextParagraph

from reportgen.documents.rich import continued, continued_paragraphs, paragraphs
from reportgen.kinds import DocumentProperties
from reportgen.rules.text import bullet_text
from reportgen.schema.programme import Activity, Outcome, Programme


@dataclass
class ProgrammeInfo:
    """Headline facts of the programme.

    title: the Title as typed; heading: the title with the date, "Lancashire Children's
    Services Continuous Improvement Plan - September 2017"; organisation: as typed, may be "";
    date: as typed, "September 2017", may be ""; footer: the footer text.
    """

    title: str
    heading: str
    organisation: str
    date: str
    footer: str


@dataclass
class IntroductionView:
    """The introduction's narrative sections as paragraphs (bullet lines as Word bullets), each
    None when not given, so that ``{%p if intro.governance %}`` leaves out its heading too.

    overview: Overview and introduction; governance: Governance; working_towards: What are we
    working towards; evidence: How we will evidence improvement.
    """

    overview: RichTextParagraph | None
    governance: RichTextParagraph | None
    working_towards: RichTextParagraph | None
    evidence: RichTextParagraph | None


@dataclass
class ActivityLine:
    """A row of a Programme Plan table: one activity.

    ref: the outcome's Ref, "1.1", on every activity (carrying on the row above after the
    first); outcome: the outcome we are trying to achieve, likewise; text: the
    activity, a bullet unless it introduces a list ("Plan to include:"); when: as typed,
    "November 2017", "Ongoing" or "Quarterly"; who: the role leading it (carrying on the row
    above when it is the same).
    """

    ref: str
    outcome: RichTextParagraph
    text: RichTextParagraph
    when: str
    who: str


@dataclass
class OutcomeView:
    """An outcome of a workstream.

    ref: "1.1"; title: the outcome we are trying to achieve; activities: its table rows, at
    least one; measures: the measures of success as bullets; has_measures: False when it has
    none (the template leaves out its "Measures of success" row).
    """

    ref: str
    title: str
    activities: list[ActivityLine]
    measures: RichTextParagraph
    has_measures: bool


@dataclass
class WorkstreamView:
    """A workstream and its Programme Plan table.

    name: "Prevention and Demand Management", "" for outcomes before the first named
    workstream; outcomes: its outcomes in sheet order; caption: what its table is, for screen
    readers ("Programme Plan: Purposeful Practice").
    """

    name: str
    outcomes: list[OutcomeView] = field(default_factory=list)
    caption: str = "Programme Plan"


def activity_paragraphs(activity: Activity) -> RichTextParagraph:
    """The activity's text with its first line as a bullet, unless it was typed as one already
    or it introduces a list ("Plan to include:")."""
    text = activity.text
    first, _, rest = text.partition("\n")
    if not activity.introduction and bullet_text(first) is None:
        text = "\n".join(part for part in (f"• {first}", rest) if part)
    return paragraphs(text)


def activity_lines(outcome: Outcome) -> list[ActivityLine]:
    """The outcome's rows: at least one, so that an outcome with no activities still shows."""
    lines: list[ActivityLine] = []
    previous: str | None = None
    title = paragraphs(outcome.title)
    for index, activity in enumerate(outcome.activities):
        who = activity.who or ""
        lines.append(
            ActivityLine(
                ref=continued(outcome.ref) if index else outcome.ref,
                outcome=continued_paragraphs(title) if index else title,
                text=activity_paragraphs(activity),
                when=activity.when or "",
                who=continued(who) if index and who == previous else who,
            )
        )
        previous = who
    empty = ActivityLine(outcome.ref, paragraphs(outcome.title), paragraphs(None), "", "")
    return lines or [empty]


def outcome_view(outcome: Outcome) -> OutcomeView:
    return OutcomeView(
        ref=outcome.ref,
        title=outcome.title,
        activities=activity_lines(outcome),
        measures=paragraphs("\n".join(f"• {m}" for m in outcome.measures)),
        has_measures=bool(outcome.measures),
    )


def _narrative(text: str | None) -> RichTextParagraph | None:
    return paragraphs(text) if text else None


def programme_info(programme: Programme) -> ProgrammeInfo:
    intro = programme.introduction
    date = intro.date or ""
    heading = f"{intro.title} - {date}" if date and date not in intro.title else intro.title
    return ProgrammeInfo(
        title=intro.title,
        heading=heading,
        organisation=intro.organisation or "",
        date=intro.date or "",
        footer=heading,
    )


def build_context(programme: Programme) -> dict[str, Any]:
    """The context ``improvement-programme.docx`` renders: ``programme``
    (:class:`ProgrammeInfo`), ``intro`` (:class:`IntroductionView`) and ``workstreams``
    (:class:`WorkstreamView`)."""
    intro = programme.introduction
    return {
        "programme": programme_info(programme),
        "intro": IntroductionView(
            overview=_narrative(intro.overview),
            governance=_narrative(intro.governance),
            working_towards=_narrative(intro.working_towards),
            evidence=_narrative(intro.evidence),
        ),
        "workstreams": [
            WorkstreamView(
                name=w.name or "",
                outcomes=[outcome_view(o) for o in w.outcomes],
                caption=f"Programme Plan: {w.name}" if w.name else "Programme Plan",
            )
            for w in programme.workstreams
        ],
    }


def properties(programme: Programme) -> DocumentProperties:
    """Title and author of the programme plan."""
    info = programme_info(programme)
    return DocumentProperties(
        title=info.title,
        subject="Programme Plan",
        author=info.organisation,
        keywords=tuple(w.name for w in programme.workstreams if w.name),
    )
