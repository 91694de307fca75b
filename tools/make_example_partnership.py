"""Write input/loip-partnership-plan.xlsx from Moray's LOIP delivery framework (seed 002).

Run by hand: ``python tools/make_example_partnership.py``. Laid out as staff lay it out: a title
row above the headings, the LOIP Priority cell merged down all its rows, Key Actions, LOIP
Outcome, Partnership Strategy and Lead Officer cells merged where one covers several rows, bullet
lines typed with •, and the summary table on its own sheet.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from xlsx_style import WRAP, merge_down, save_example, style_heading_row

ROOT = Path(__file__).resolve().parent.parent

PRIORITY = (
    "Children and young people live in communities where their voice is heard and they are "
    "built up to be all they can be."
)
WELLBEING = "The emotional and mental wellbeing of children and young people is improved"
FAMILIES = "Children live in safe and supportive families"
POVERTY = "The impact of poverty on children, young people and families is mitigated"

PLAN = {
    "Organisation": "Moray Council",
    "Partnership": "Moray Community Planning Partnership",
    "Plan Title": "Local Outcomes Improvement Plan (LOIP) Delivery Framework",
    "Theme": "Building a better future for our children & young people in Moray",
    "Key Principles": (
        "SMART actions delivered as a partnership\nActions address inequality\n"
        "Outcome indicators measure progress\nActions relate to and deliver intended outcomes"
    ),
    "Related Strategies": (
        "National Improvement Framework (NIF)\nMoray Children's Services Plan 2020-2023\n"
        "Corporate Parenting Strategy\nChild Poverty Action Plan\n"
        "Child Protection Committee Business Improvement Plan\n"
        "Moray Drug and Alcohol Action Plan\nMoray Violence Against Women Action Plan"
    ),
    "PIs": "As detailed below",
}

SUMMARY = [
    (
        WELLBEING,
        "• Investment in early intervention wellbeing supports for children, young people and "
        "families in Moray is no less than £1/2m per annum\n"
        "• The number of children and young people who self-report good emotional and mental "
        "wellbeing via the mental health and wellbeing survey increases by 10% (baseline : "
        "Realigning Children's Services data)\n"
        "• The mental wellbeing of looked after, care experienced children and young people and "
        "teenage girls is in line with their peers\n"
        "• Parents/Carers report increased confidence and skill within a 12 month period of "
        "accessing community based family wellbeing",
    ),
    (
        POVERTY,
        "• Prevention and early intervention pathway of financial supports to mitigate the "
        "effects of poverty is widely available and accessible to families, communities and "
        "professionals\n"
        "• Local solutions to mitigate the impact of poverty are co-designed with children, "
        "families and communities\n"
        "• Communities and frontline professionals have a common understanding of the impact of "
        "poverty on children and families and are knowledgeable and skilled to address minimise "
        "impact",
    ),
    (
        FAMILIES,
        "• The voices of children and young people in need of care and protection are central to "
        "support planning and decision making\n"
        "• Outcomes for care experienced children are improving\n"
        "• Children in need of care and protection have safe, secure, stable and nurturing homes\n"
        "• Families are meaningfully involved in identifying their needs and planning support\n"
        "• Parents and carers are supported with respect and enabled to be the best parents they "
        "can be\n"
        "• Perpetrators of domestic abuse are held to account and supported to change their "
        "behaviour\n"
        "• Parents and carers trust professionals and have stable and supportive relationships "
        "with them",
    ),
]

TIER2_REPORTS = (
    "• Mental health and wellbeing survey undertaken every 2 years\n"
    "• Tier 2 mental wellbeing commissioned services annual reports (includes evidence of "
    "improved outcomes)"
)

# Each block: (key actions, LOIP outcome, progress measures, completion target) rows, None where
# the staff member merged the cell into the one above; then the strategy and the lead officer.
BLOCKS = [
    (
        [
            (
                "• Investment in early intervention wellbeing supports for children, young "
                "people and families in Moray is no less than £1/2m per annum\n"
                "• The number of children and young people who self-report good emotional and "
                "mental wellbeing via the mental health and wellbeing survey increases by 10% "
                "(baseline : Realigning Children's Services data)\n"
                "• The mental wellbeing of looked after, care experienced children and young "
                "people and teenage girls is in line with their peers\n"
                "• Parents/Carers report increased confidence and skill within a 12 month "
                "period of accessing community based family wellbeing",
                f"{WELLBEING}\n• Investment in early intervention wellbeing supports for "
                "children, young people and families in Moray is no less than £1/2m per annum",
                "• Investment in tier 2 mental wellbeing provision for children and families "
                "across Moray\n• Partnership funding accessed for improved mental wellbeing "
                "supports (Requirements identified via the revised locality planning model)",
                "2020-2022",
            ),
            (
                None,
                f"{WELLBEING}\n• The number of children and young people who self-report good "
                "emotional and mental wellbeing increases by 10%.",
                TIER2_REPORTS,
                "2021-2026",
            ),
            (
                None,
                f"{WELLBEING}\n• The mental wellbeing of looked after, care experienced children "
                "and young people and teenage girls is in line with their peers",
                TIER2_REPORTS,
                "2021-26",
            ),
            (
                None,
                f"{WELLBEING}\n• Parents/Carers report increased confidence and skill to "
                "identify and address as early as possible their concerns about their child's "
                "mental wellbeing accessing community based family wellbeing",
                "• Increase in supports co-designed with parents and Carers captured through "
                "locality planning model\n• Tier 2 mental wellbeing commissioned services annual "
                "reports (includes evidence support provided to parents)",
                "2021-26",
            ),
        ],
        "Children's Services Plan 2020-23",
        "Simon Boker Ingram, Chair of GIRFEC Leadership Group\n"
        "Supported Chair of Wellbeing Partnership Group",
    ),
    (
        [
            (
                "• Increase number of children in need of care and protection that feel "
                "listened to by others involved in their care and support",
                f"{FAMILIES}\n• The voices of children and young people in need of care and "
                "protection are central to support planning and decision making",
                "Children in need of care and protection\n• Access to advocacy support\n"
                "• Views expressed meetings\n• Reporting feel listened to",
                "2020-23",
            ),
            (
                "• Increase number of care experienced children and young people who are "
                "supported through transition to adulthood",
                f"{FAMILIES}\n• Outcomes for care experienced young people are improving (not "
                "including wellbeing)",
                "Care experienced young people\n• Attainment gap\n"
                "• Post school destinations Adulthood\n• Accommodation\n"
                "• Throughcare/continued care",
                "2022-26",
            ),
            (
                "• Increase number of children and young people who feel settled, loved and "
                "cared for at home or in their placement",
                f"{FAMILIES}\n• Children in need of care and protection have safe, secure, "
                "stable and nurturing homes",
                "Children in need of care and protection\nRepeat missing children :\n"
                "• From home\n• From residential care\n• % feeling safe at home",
                "2020-23",
            ),
            (
                None,
                None,
                "Children in care\nAchieving permanence:\n• Number of placements\n"
                "• Time taken\n• % cared for in the community",
                "2022-26",
            ),
            (
                "• Increase then provision of services so families can readily access the "
                "support they need",
                f"{FAMILIES}\n• Parents and carers are supported with respect and enabled to be "
                "the best parents they can be\n• Families facing adversity are supported to stay "
                "together\n• Perpetrators of domestic abuse are held to account and supported to "
                "change their behaviour",
                "Parents engaging in care profile\n"
                "• % positive progress against care profile domains\n"
                "• % reported parental stress",
                "2022-23",
            ),
            (
                "• Increase the capacity for parents to meet the needs of their children",
                None,
                "Children in need of care and protection\n• % improved circumstances at home",
                "2022-26",
            ),
            (
                "• Increase levels of trust and supportive relationships between parents and "
                "professionals",
                None,
                "Parent/carers views\nWorker relationship:\n"
                "• % trust, supportive and empowering\nWorker communication\n"
                "• %open and honest",
                "2022-26",
            ),
            (
                "• Develop holistic family support models to support families in recovery",
                None,
                "Parents in recovery\n• % positive progress against outcomes",
                "2022-26",
            ),
            (
                "• Increase capacity of services to support non offending domestic abuse survivor",
                None,
                "Women affected by domestic abuse\n• % reporting safer\n• % more empowered",
                "2020-23",
            ),
        ],
        "Childs Services Plan 2020-23\nCPC Business Improvement Plan\n"
        "Corporate Parenting Strategic Plan",
        "Simon Boker – Ingram\nSupported by Public Protection Lead Officer\n"
        "Chair of Corporate Parenting Strategic Group",
    ),
    (
        [
            (
                "• The voices of children, young people and families experiencing poverty are "
                "heard and acted upon\n• A coordinated approach to mitigating the impact of "
                "child poverty is adopted across the children's services partnership",
                f"{POVERTY}\n• Prevention and early intervention pathway of financial supports "
                "to mitigate the effects of poverty is widely available and accessible to "
                "families, communities and professionals",
                "• Prevention and early intervention pathway of supports is in place\n"
                "• Number of parents requiring support accessing the pathway\n"
                "• Evidence of impact of the supports provided through process of dip sampling",
                "2021-2026",
            ),
            (
                None,
                f"{POVERTY}\n• Local solutions to mitigate the impact of poverty are co-designed "
                "with children, families and communities",
                "• Number, nature and impact of solutions captured through revised locality "
                "planning process and the Poverty Action Group",
                "2021-26",
            ),
            (
                None,
                f"{POVERTY}\n• Communities and frontline professionals have a common "
                "understanding of the impact of poverty on children and families and are "
                "knowledgeable and skilled to address minimise impact",
                "• A training and development plan for staff to better understand and identify "
                "where children are being impact by the effects of poverty is developed\n"
                "• Numbers engaging with training and evaluation of impact",
                "2021-26",
            ),
        ],
        "Children's Services Plan 2020-23\nChild Poverty Action Plan",
        "Simon Boker-Ingram, Chair of GIRFEC Leadership Group\n"
        "Supported by Co-Chairs of Fairer Moray Forum",
    ),
]

HEADINGS = [
    "LOIP Priority",
    "Key Actions",
    "LOIP Outcome (CPP Focus)",
    "LOIP Progress Measures",
    "Completion Target",
    "Partnership Strategy/Plans supporting priority",
    "Lead Officer for updates / reporting",
]
WIDTHS = [30, 50, 55, 45, 12, 30, 30]


def write_plan(book: Workbook) -> None:
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Field", "Value"])
    style_heading_row(sheet, 1)
    for field, value in PLAN.items():
        sheet.append([field, value])
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 80


def write_summary(book: Workbook) -> None:
    sheet = book.create_sheet("Summary")
    sheet.append(["Moray Outcome", "CPP Focus", "Milestones / LOIP Progress Measures"])
    style_heading_row(sheet, 1)
    for focus, milestones in SUMMARY:
        sheet.append([PRIORITY if sheet.max_row == 1 else None, focus, milestones])
    merge_down(sheet, 1, 2, sheet.max_row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    for letter, width in zip("ABC", (40, 40, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def _write_block(sheet, rows, strategy: str, lead: str) -> None:
    first = sheet.max_row + 1
    runs: dict[int, int] = {2: first, 3: first}  # column -> row its current merged cell starts
    for offset, (key_actions, outcome, measures, target) in enumerate(rows):
        current = first + offset
        sheet.append(
            [None, key_actions, outcome, measures, target]
            + ([strategy, lead] if offset == 0 else [None, None])
        )
        for column, value in ((2, key_actions), (3, outcome)):
            if value is not None and current > first:
                merge_down(sheet, column, runs[column], current - 1)
                runs[column] = current
    last = sheet.max_row
    for column in (2, 3):
        merge_down(sheet, column, runs[column], last)
    for column in (6, 7):
        merge_down(sheet, column, first, last)


def write_partnership_plan(book: Workbook) -> None:
    sheet = book.create_sheet("Partnership Plan")
    sheet.append(["Moray LOIP delivery framework: children and young people"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADINGS)
    style_heading_row(sheet, 2)
    first = sheet.max_row + 1
    for rows, strategy, lead in BLOCKS:
        _write_block(sheet, rows, strategy, lead)
    sheet.cell(first, 1, PRIORITY)
    merge_down(sheet, 1, first, sheet.max_row)
    for row in sheet.iter_rows(min_row=first):
        for cell in row:
            cell.alignment = WRAP
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = width
    sheet.freeze_panes = "B3"


def main() -> Path:
    book = Workbook()
    write_plan(book)
    write_summary(book)
    write_partnership_plan(book)
    return save_example(book, "loip-partnership-plan.xlsx")


if __name__ == "__main__":
    print(f"example written to {main()}")
