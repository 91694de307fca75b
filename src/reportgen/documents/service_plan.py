"""The service plan (seed 000): its context, built from a resolved service workbook.

The plan has numbered parts: 1 Service Definition (the teams as a lettered list), 2 Service
Resources, 3 the improvements identified, then one table of outcomes per part of the plan:
4 Strategic (followed by the numbered list of indicators), 5 Service Level and 6 New – Recovery &
Renewal. Which table an action goes in follows its Section; sections with other names get their
own parts after 6. Templates see only the view objects defined here.

How the tables read, as in the council's plan: one block of rows per outcome group, its outcome
on every row of the block (carried on from the row above: merged into one cell when the build
merges cells); within it one row per planned outcome, so actions that share a planned outcome
are listed together in one Action cell with their completion targets and leads gathered (each
once) and their outcome measures (each action's as typed, less those an action before it gave).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docxtpl import RichText, RichTextParagraph

from reportgen.documents.rich import BULLET_STYLE, continued, paragraphs
from reportgen.kinds import DocumentProperties
from reportgen.rules.formats import letter, number, pounds, uk_date
from reportgen.rules.text import bullet_text, split_lines
from reportgen.schema.service import Action, Improvement, ServicePlan

NONE_IN_PLAN = "None in this plan"
NO_IMPROVEMENTS_SHEET = "None returned: the workbook has no Improvements sheet."
NO_MEASURES_SHEET = "No indicators: the workbook has no Measures sheet."
NOT_GIVEN = "not given"
TICK = "✓"
PRIORITY_LEGEND = "Priority rating: 1 high to 3 low; 4 ongoing; 5 on hold"
# the priority column's heading: part 4's says what the ratings mean, as the council's does
STRATEGIC_PRIORITY_HEADING = "Priority Rating (1 high 3 low and 4 for ongoing, 5 for on hold?)"
PRIORITY_HEADING = "Priority rating"

STRATEGIC, SERVICE_LEVEL, RECOVERY_RENEWAL = "strategic", "service level", "recovery & renewal"
_LETTER_PREFIX = re.compile(r"^[A-Z][.)]\s+")


@dataclass
class PlanHeading:
    """What the plan is.

    title: the Plan Title; subtitle: organisation – directorate; heading: the title in capitals
    with its period, as part 1 shows it; footer: the page footer text
    """

    title: str
    subtitle: str
    heading: str
    footer: str


@dataclass
class Team:
    """A line of the service definition.

    letter: "A", "B" …; name: the team as typed, without any letter or bullet staff typed
    """

    letter: str
    name: str


@dataclass
class ServiceDefinition:
    """Part 1, Service Definition.

    teams: the lettered list, when the Teams field has several lines; text: the service
    definition as typed when the field is one line, else ""; listing: the teams lettered by
    Word (A., B. …), or the one line
    """

    teams: list[Team]
    text: str
    listing: RichTextParagraph = field(default_factory=RichTextParagraph)


@dataclass
class Resources:
    """Part 2, Service Resources.

    revenue_budget: "£19,276,000" or "not given"; fte: "148.37" or "not given"
    """

    revenue_budget: str
    fte: str


@dataclass
class ImprovementRow:
    """A row of part 3.

    improvement: paragraphs; recovery_renewal: "✓" or ""; evidence: paragraphs
    """

    improvement: RichTextParagraph
    recovery_renewal: str
    evidence: RichTextParagraph


@dataclass
class Improvements:
    """Part 3, what the service has identified for improvement.

    title: "What we have identified for improvement in 2020/21"; rows: the improvements in
    sheet order; none_text: the one-line row shown when there are no rows
    """

    title: str
    rows: list[ImprovementRow]
    none_text: str


@dataclass
class OutcomeRow:
    """A row of an outcomes table: one planned outcome and the actions that deliver it.

    outcome: the group's outcome, carrying on the row above after the first; action: the
    actions' titles, a bullet list when several; planned_outcome: paragraphs; recovery_renewal:
    "✓" when any action is ticked, else ""; outcome_measures: each action's measures (less
    those an action before it gave), a bullet list when several; completion_target: each target
    once, as typed;
    lead: each lead once; priority: "1", "1, 2" when the actions differ, or ""
    """

    outcome: str
    action: RichTextParagraph
    planned_outcome: RichTextParagraph
    recovery_renewal: str
    outcome_measures: RichTextParagraph
    completion_target: RichTextParagraph
    lead: RichTextParagraph
    priority: str


@dataclass
class OutcomeGroup:
    """An outcome group of an outcomes table.

    outcome: the strategic outcome or priority, lines joined by line breaks; rows: one per
    planned outcome
    """

    outcome: str
    rows: list[OutcomeRow] = field(default_factory=list)


@dataclass
class PlanPart:
    """An outcomes table (parts 4, 5, 6 and a part per section of another name).

    number: 4, 5, 6 …; title: the part's heading; groups: its outcome groups; none_text: the
    one-line row shown when there are no groups; priority_heading: the priority column's
    heading, "Priority rating"
    """

    number: int
    title: str
    groups: list[OutcomeGroup]
    none_text: str = NONE_IN_PLAN
    priority_heading: str = PRIORITY_HEADING


@dataclass
class Indicator:
    """A line of the numbered list of indicators.

    number: 1, 2 …; title: the indicator as the Measures sheet names it
    """

    number: int
    title: str


@dataclass
class Indicators:
    """The indicators the plan measures, from the workbook's Measures sheet.

    items: numbered from 1; none_text: the line shown when there are none (no Measures sheet,
    or no rows in it); listing: the items as a Word numbered list
    """

    items: list[Indicator]
    none_text: str
    listing: RichTextParagraph = field(default_factory=RichTextParagraph)


def part_of(section_name: str) -> str | None:
    """Which fixed part a section belongs in: strategic, service level, recovery & renewal, or
    None for a section of another name (it gets a part of its own)."""
    name = " ".join(section_name.lower().replace("&", " and ").split())
    if "recovery" in name or "renewal" in name:
        return RECOVERY_RENEWAL
    if name.startswith("strateg"):
        return STRATEGIC
    if name.startswith("service"):
        return SERVICE_LEVEL
    return None


def _unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if item and item.strip():
            seen.setdefault(" ".join(item.split()).casefold(), item.strip())
    return list(seen.values())


def listing(lines: list[str]) -> RichTextParagraph:
    """Lines as cell paragraphs: a bullet list when there are several, plain text for one."""
    result = RichTextParagraph()
    if not lines:
        result.add(RichText(""))
    for line in lines:
        result.add(RichText(line), parastyle=BULLET_STYLE if len(lines) > 1 else None)
    return result


def _lines(text: str | None) -> list[str]:
    """A cell's lines with any bullet marks staff typed taken off."""
    return [bullet_text(line) or line for line in split_lines(text)]


def _plain(lines: list[str]) -> RichTextParagraph:
    result = RichTextParagraph()
    for line in lines or [""]:
        result.add(RichText(line))
    return result


def _completion(action: Action) -> list[str]:
    if action.completion_target:
        return split_lines(action.completion_target)
    return [uk_date(action.due_date, "month")] if action.due_date else []


def _measures(actions: list[Action]) -> list[str]:
    """Each action's outcome measures as typed, less those an action before it gave."""
    result: list[str] = []
    for action in actions:
        given = set(result)
        result += [m for m in _lines(action.outcome_measures) if m not in given]
    return result


def outcome_row(actions: list[Action], outcome: str = "") -> OutcomeRow:
    """One table row for ``actions`` that share a planned outcome, in the group of ``outcome``
    (already marked when it carries on the row above)."""
    priorities = _unique(str(a.priority) for a in actions if a.priority is not None)
    measures = _measures(actions)
    return OutcomeRow(
        outcome=outcome,
        action=listing(_unique(a.title for a in actions)),
        planned_outcome=paragraphs(actions[0].desired_outcome),
        recovery_renewal=TICK if any(a.recovery_renewal for a in actions) else "",
        outcome_measures=listing(measures),
        completion_target=_plain(_unique(line for a in actions for line in _completion(a))),
        lead=_plain(_unique(a.lead for a in actions)),
        priority=", ".join(priorities),
    )


def group_outcome(group: Action) -> str:
    """The strategic outcome or priority: the group's title, then its outcome when that says
    something the title does not."""
    lines = [group.title]
    if (
        group.outcome
        and " ".join(group.outcome.split()).casefold()
        not in " ".join(group.title.split()).casefold()
    ):
        lines.append(group.outcome)
    return "\n".join(line for line in lines if line)


def outcome_group(group: Action) -> OutcomeGroup:
    """A group's rows: its actions (or the group itself when it has none), one row per planned
    outcome, in the order the outcomes first appear."""
    buckets: dict[str, list[Action]] = {}
    for action in group.children or [group]:
        outcome = action.desired_outcome
        key = " ".join(outcome.split()).casefold() if outcome else f"#{action.code}"
        buckets.setdefault(key, []).append(action)
    outcome = group_outcome(group)
    rows = [
        outcome_row(actions, continued(outcome) if index else outcome)
        for index, actions in enumerate(buckets.values())
    ]
    return OutcomeGroup(outcome=outcome, rows=rows)


def plan_parts(plan: ServicePlan) -> tuple[dict[str, PlanPart], list[PlanPart]]:
    """The fixed parts (4 strategic, 5 service level, 6 recovery & renewal), always present,
    and a part (7, 8 …) for each section of another name."""
    fixed = {
        STRATEGIC: PlanPart(
            4, "Strategic Outcomes or Priorities", [], priority_heading=STRATEGIC_PRIORITY_HEADING
        ),
        SERVICE_LEVEL: PlanPart(5, "Service Level Outcomes or Priorities", []),
        RECOVERY_RENEWAL: PlanPart(6, "New – Recovery & Renewal Outcomes", []),
    }
    others: list[PlanPart] = []
    for section in plan.sections:
        groups = [outcome_group(g) for g in section.groups]
        key = part_of(section.name)
        if key is not None:
            fixed[key].groups.extend(groups)
        else:
            others.append(PlanPart(7 + len(others), section.name, groups))
    return fixed, others


def improvements_view(plan: ServicePlan) -> Improvements:
    """Part 3, titled with the plan's first year ("… in 2020/21")."""
    period = plan.details.plan_period
    year = f" in {period.first_year}/{(period.first_year + 1) % 100:02d}" if period else ""
    rows = [improvement_row(i) for i in plan.improvements or []]
    none_text = NO_IMPROVEMENTS_SHEET if plan.improvements is None else NONE_IN_PLAN
    return Improvements(f"What we have identified for improvement{year}", rows, none_text)


def improvement_row(item: Improvement) -> ImprovementRow:
    return ImprovementRow(
        improvement=paragraphs(item.improvement),
        recovery_renewal=TICK if item.recovery_renewal else "",
        evidence=paragraphs(item.evidence),
    )


def indicators_view(plan: ServicePlan) -> Indicators:
    """The numbered list of indicators, from the Measures sheet."""
    if plan.measures is None:
        return Indicators([], NO_MEASURES_SHEET)
    items = [Indicator(n, m.title) for n, m in enumerate(plan.measures, start=1)]
    listing = paragraphs("\n".join(f"{i.number}. {i.title}" for i in items))
    return Indicators(items, NONE_IN_PLAN, listing)


def service_definition(plan: ServicePlan) -> ServiceDefinition:
    """Part 1: several lines of Teams make a lettered list (letters staff typed are dropped);
    a single line is the service definition as typed."""
    lines = [_LETTER_PREFIX.sub("", line) for line in _lines("\n".join(plan.details.teams))]
    if len(lines) > 1:
        teams = [Team(letter(n), t) for n, t in enumerate(lines, 1)]
        listing = paragraphs("\n".join(f"{t.letter}. {t.name}" for t in teams))
        return ServiceDefinition(teams, "", listing)
    text = lines[0] if lines else ""
    return ServiceDefinition([], text, paragraphs(text))


def plan_heading(plan: ServicePlan) -> PlanHeading:
    details = plan.details
    heading = details.plan_title
    period = details.plan_period
    if period and period.hyphenated not in heading and period.label not in heading:
        heading = f"{heading} {period.hyphenated}"
    subtitle = " – ".join(_unique([details.organisation, details.directorate]))
    return PlanHeading(details.plan_title, subtitle, heading.upper(), details.plan_title)


def build_context(plan: ServicePlan) -> dict[str, Any]:
    """The context ``service-plan.docx`` renders: ``plan``, ``definition``, ``resources``,
    ``improvements``, ``strategic``, ``indicators``, ``service_level``, ``recovery``,
    ``other_parts`` and ``priority_legend``."""
    details = plan.details
    fixed, others = plan_parts(plan)
    return {
        "plan": plan_heading(plan),
        "definition": service_definition(plan),
        "resources": Resources(
            revenue_budget=pounds(details.revenue_budget, NOT_GIVEN),
            fte=number(details.fte, blank=NOT_GIVEN),
        ),
        "improvements": improvements_view(plan),
        "strategic": fixed[STRATEGIC],
        "indicators": indicators_view(plan),
        "service_level": fixed[SERVICE_LEVEL],
        "recovery": fixed[RECOVERY_RENEWAL],
        "other_parts": others,
        "priority_legend": PRIORITY_LEGEND,
    }


def properties(plan: ServicePlan) -> DocumentProperties:
    """Title, subject, author and date of the plan: dated from the plan period's start."""
    details = plan.details
    period = details.plan_period
    return DocumentProperties(
        title=details.plan_title,
        subject=f"{details.service} service plan",
        author=details.organisation or details.service,
        keywords=tuple(_unique([details.service, period.hyphenated if period else None])),
        date=period.start if period else plan.period_end,
    )
