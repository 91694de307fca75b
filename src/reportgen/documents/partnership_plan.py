"""The partnership plan (LOIP delivery framework, seed 002): its context, from a checked plan.

The plan's rows are shown in tables, a new table wherever the LOIP priority or lead officer
changes (as the council's document does). Within a table, a priority, key action, LOIP outcome,
partnership strategy or lead that carries on from the row above is marked so
(:func:`~reportgen.documents.rich.continued_paragraphs`): the build merges it into one cell, as
the council's document does, or repeats it on every row (the accessible variant), as set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from docxtpl import RichTextParagraph

from reportgen.documents.rich import continued_paragraphs, paragraphs
from reportgen.kinds import DocumentProperties
from reportgen.schema.partnership import PartnershipPlan, PlanRow, SummaryRow, split_heading

_COUNCIL = re.compile(r"\s*\b(city |county )?council\s*$", re.I)


@dataclass
class PlanInfo:
    """Headline facts of the plan.

    title: the Plan Title; theme: "Building a better future for our children & young people in
    Moray", may be ""; organisation: "Moray Council"; partnership: "Moray Community Planning
    Partnership"; period: "2020-23" or ""; outcome_heading: the summary's first heading, "Moray
    Outcome"; indicators: the PIs line, "As detailed below"; footer: the footer text.
    """

    title: str
    theme: str
    organisation: str
    partnership: str
    period: str
    outcome_heading: str
    indicators: str
    footer: str


@dataclass
class SummaryLine:
    """A row of the summary table.

    outcome: the local outcome (carrying on the row above when the rows share it); focus: the CPP
    focus, the end result wanted; milestones: how we will know we are making progress, bullets
    as Word bullets.
    """

    outcome: RichTextParagraph
    focus: str
    milestones: RichTextParagraph


@dataclass
class PlanLine:
    """A row of a plan table. Bullet lines are Word bullets; a cell that carries on from the row
    above is marked as carrying it on (merged into one cell, or repeated, as the build is set).

    priority: the LOIP priority; key_actions: the key actions; outcome: the LOIP outcome, its
    CPP focus in bold then its bullet points; progress_measures: the LOIP progress measures;
    completion_target: as typed, "2020-23"; strategy: the partnership strategies and plans;
    lead: the lead officer for updates and reporting.
    """

    priority: RichTextParagraph
    key_actions: RichTextParagraph
    outcome: RichTextParagraph
    progress_measures: RichTextParagraph
    completion_target: str
    strategy: RichTextParagraph
    lead: RichTextParagraph


@dataclass
class PlanHeadings:
    """A plan table's column headings, as the sheet's heading row above its rows words them
    ("Key Actions (CSP Improvement Aims)" in one table, "Key Actions" in the next).

    priority, key_actions, outcome, progress_measures, completion_target, strategy, lead.
    """

    priority: str = "LOIP Priority"
    key_actions: str = "Key Actions"
    outcome: str = "LOIP Outcome (CPP Focus)"
    progress_measures: str = "LOIP Progress Measures"
    completion_target: str = "Completion Target"
    strategy: str = "Partnership Strategy/Plans supporting priority"
    lead: str = "Lead Officer for updates / reporting"


@dataclass
class PlanTable:
    """One plan table: the rows under one priority and one lead officer, or under a heading row
    of their own in the sheet.

    priority: the LOIP priority as text; lead: the lead officer as text; headings: the column
    headings (:class:`PlanHeadings`); caption: what the table is, for screen readers
    ("Delivery plan 2 of 3: <priority>"); rows: the table's rows.
    """

    priority: str
    lead: str
    caption: str = ""
    headings: PlanHeadings = field(default_factory=PlanHeadings)
    rows: list[PlanLine] = field(default_factory=list)


def area_name(plan: PartnershipPlan) -> str:
    """The place the outcomes are for: the Plan's Area, or the organisation without "Council"
    ("Moray Council" → "Moray"), or ""."""
    details = plan.details
    if details.area:
        return details.area
    if details.organisation:
        return _COUNCIL.sub("", details.organisation).strip()
    return ""


def plan_info(plan: PartnershipPlan) -> PlanInfo:
    details = plan.details
    area = area_name(plan)
    period = details.plan_period or ""
    footer = " ".join(p for p in (details.plan_title, period) if p)
    return PlanInfo(
        title=details.plan_title,
        theme=details.theme or "",
        organisation=details.organisation or "",
        partnership=details.partnership or "",
        period=period,
        outcome_heading=f"{area} Outcome" if area else "Outcome",
        indicators=details.indicators or "",
        footer=footer,
    )


def outcome_paragraphs(outcome: str | None) -> RichTextParagraph:
    """A LOIP outcome: its CPP focus heading in bold, then its bullet points."""
    focus, points = split_heading(outcome)
    if not focus:
        return paragraphs(points)
    result = paragraphs(None, label=focus)
    if points:
        result.xml += paragraphs(points).xml
    return result


def _split_tables(rows: list[PlanRow]) -> list[list[PlanRow]]:
    """Runs of rows under one priority and one lead officer, a new run also where the sheet
    repeats its heading row."""
    runs: list[list[PlanRow]] = []
    for row in rows:
        first = runs[-1][0] if runs else None
        if (
            first is None
            or row.headings
            or (row.priority, row.lead) != (first.priority, first.lead)
        ):
            runs.append([])
        runs[-1].append(row)
    return runs


def _headings(typed: dict[str, str], base: PlanHeadings) -> PlanHeadings:
    """``base`` with the headings the sheet typed (blank ones left as they were)."""
    known = {name: text for name, text in typed.items() if hasattr(base, name) and text}
    return replace(base, **known)


def _cell(value: str | None, above: str | None, first: bool, show=paragraphs) -> RichTextParagraph:
    shown = show(value)
    return continued_paragraphs(shown) if not first and value == above else shown


def plan_tables(rows: list[PlanRow], headings: dict[str, str] | None = None) -> list[PlanTable]:
    """The plan rows in tables (a new one where the priority or lead changes, or the sheet
    repeats its headings), each headed as the sheet's heading row above it words it (the first,
    ``headings``, until another), each cell that carries on from the row above marked so. A
    blank key action or LOIP outcome carries on the one above: the row adds a progress measure
    to it."""
    tables = []
    wording = _headings(headings or {}, PlanHeadings())
    for run in _split_tables(rows):
        if run[0].headings:
            wording = _headings(run[0].headings, wording)
        table = PlanTable(priority=run[0].priority, lead=run[0].lead or "", headings=wording)
        tables.append(table)
        above: PlanRow | None = None
        for row in run:
            first = above is None
            shown = row.model_copy(
                update={
                    "key_actions": row.key_actions or (above.key_actions if above else None),
                    "outcome": row.outcome or (above.outcome if above else None),
                }
            )
            table.rows.append(
                PlanLine(
                    priority=_cell(shown.priority, above and above.priority, first),
                    key_actions=_cell(shown.key_actions, above and above.key_actions, first),
                    outcome=_cell(
                        shown.outcome, above and above.outcome, first, outcome_paragraphs
                    ),
                    progress_measures=paragraphs(row.progress_measures),
                    completion_target=row.completion_target or "",
                    strategy=_cell(shown.strategy, above and above.strategy, first),
                    lead=_cell(shown.lead, above and above.lead, first),
                )
            )
            above = shown
    for number, table in enumerate(tables, start=1):
        table.caption = f"Delivery plan {number} of {len(tables)}: {table.priority}"
    return tables


def summary_lines(summary: list[SummaryRow]) -> list[SummaryLine]:
    """The summary rows, the outcome carrying on over the rows that share it."""
    lines = []
    previous: str | None = None
    for row in summary:
        lines.append(
            SummaryLine(
                outcome=(
                    continued_paragraphs(paragraphs(row.outcome))
                    if row.outcome == previous
                    else paragraphs(row.outcome)
                ),
                focus=row.focus,
                milestones=paragraphs(row.milestones),
            )
        )
        previous = row.outcome
    return lines


def build_context(plan: PartnershipPlan) -> dict[str, Any]:
    """The context ``partnership-plan.docx`` renders: ``plan`` (:class:`PlanInfo`),
    ``principles`` and ``strategies`` (lists of text), ``summary`` (:class:`SummaryLine`) and
    ``tables`` (:class:`PlanTable`, each with its ``rows``)."""
    return {
        "plan": plan_info(plan),
        "principles": list(plan.details.key_principles),
        "strategies": list(plan.details.related_strategies),
        "summary": summary_lines(plan.summary),
        "tables": plan_tables(plan.rows, plan.headings),
    }


def properties(plan: PartnershipPlan) -> DocumentProperties:
    """Title, subject and author of the partnership plan."""
    info = plan_info(plan)
    return DocumentProperties(
        title=info.title,
        subject=info.theme or info.title,
        author=info.partnership or info.organisation,
        keywords=tuple(k for k in (info.partnership, info.period) if k),
    )
