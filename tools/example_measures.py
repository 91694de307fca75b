"""The example workbook's Measures sheet: the service's performance indicators.

The Q2 2022/23 figures and the commentary are the council's own (seed 001: 43 children on the
Child Protection Register, one fewer than Q1; neglect 43% → 41.8%; domestic abuse 67.6% at the
end of 2021/22 → 34.9%; parental alcohol 25.6% and drug use 27.9% (43.2% in Q2 2021/22); care
experienced young people 11.8% → 9.9% of justice cases; kinship care 30% → 26% over four
quarters); siblings placed together 66%, down on previous quarters (SERV1.4's update). The
earlier quarters the seeds do not give are plausible figures consistent with
them (the register counts give the shares: 25 of 37 is 67.6%). Targets and tolerances are the
kind a council sets. Percentages are typed as fractions in %-formatted cells, as Excel users do.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from xlsx_style import style_heading_row

PERIODS = ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22", "Q1 2022/23", "Q2 2022/23"]
HEADINGS = [
    "Code",
    "Indicator",
    "Unit",
    "Polarity",
    "Target",
    "Tolerance",
    *PERIODS,
    "Commentary",
    "Lead",
]
WIDTHS = [10, 50, 16, 16, 9, 10, *[11] * len(PERIODS), 80, 18]
LEAD = "Joyce Johnston"
RATE = "Rate per 1,000 of 0-15 population"

# code, indicator, unit, polarity, target, tolerance, values by PERIODS, commentary
MEASURES: list[tuple] = [
    (
        "CPR01",
        "Number of children on the Child Protection Register",
        "Number",
        "Lower is better",
        None,
        None,
        [49, 46, 41, 37, 44, 43],
        "At the end of the quarter there were 43 children on the Child Protection Register "
        "(CPR). The number of children on the CPR has reduced by one from the previous quarter.",
    ),
    (
        "CPR02",
        "Number of children on the Child Protection Register (per 1,000 of 0-15 population)",
        RATE,
        "Lower is better",
        None,
        None,
        [3.18, 2.99, 2.66, 2.4, 2.86, 2.79],
        None,
    ),
    (
        "CPR03",
        "% of children on the Child Protection Register as a result of Neglect concerns",
        "%",
        "Lower is better",
        0.40,
        3,
        [0.388, 0.391, 0.415, 0.405, 0.43, 0.418],
        "At the end of the quarter 18 children out of 43 children on the Child Protection "
        "Register (CPR) were registered under the category of neglect. The number of children "
        "on the (CPR) has reduced by one from the previous quarter and as such the proportion "
        "has reduced slightly from 43% down to 41.8%, showing no significant change.",
    ),
    (
        "CPR04",
        "% of children on the Child Protection Register as a result of Parental Alcohol Misuse "
        "concerns",
        "%",
        "Lower is better",
        0.25,
        3,
        [0.245, 0.261, 0.244, 0.216, 0.227, 0.256],
        "At the end of the quarter 11/43 (25.6%) children on the Child Protection Register "
        "(CPR) due to concerns of parental alcohol use. Although the proportion of children "
        "registered for concerns of this nature has increased in the first two quarters of "
        "2022/23 there has been no significant change when compared with quarter 2 of 2021/22.",
    ),
    (
        "CPR05",
        "% of children on the Child Protection Register as a result of Parental Drug Misuse "
        "concerns",
        "%",
        "Lower is better",
        0.30,
        3,
        [0.408, 0.432, 0.39, 0.324, 0.25, 0.279],
        "At the end of the quarter 12/43 (27.9%) children were registered due to concerns of "
        "parental drug misuse. Although the proportion has shown a slight rise between Q1 and "
        "Q2 it remains significantly below the 43.2% recorded in the same period of 2021/22.",
    ),
    (
        "CPR06",
        "% of children on the Child Protection Register as a result of Domestic Abuse concerns",
        "%",
        "Lower is better",
        0.50,
        5,
        [0.571, 0.587, 0.634, 0.676, 0.386, 0.349],
        "At the end of the quarter 15/43 children were registered due to concerns of domestic "
        "abuse. Since the end of 2021/22 the proportion of children registered due to concerns "
        "of this nature have almost halved from 67.6% to 34.9%.",
    ),
    (
        "CJ01",
        "% of cases open to Justice Services that are care experienced young people",
        "%",
        "Lower is better",
        0.10,
        2,
        [0.126, 0.121, 0.115, 0.124, 0.118, 0.099],
        "Of the 424 cases open to Justice Services during quarter there were 27 Care "
        "Experienced Young People (CEYP) under 26 open to Justice Social Work at end of "
        "September and 15 CEYP open to Youth Justice (42/424, 9.9%). This is a slight "
        "reduction from the previous quarter proportion (11.8%).",
    ),
    (
        "LAC01",
        "% of looked after children in kinship care",
        "%",
        "Higher is better",
        0.30,
        2,
        [0.295, 0.302, 0.30, 0.284, 0.271, 0.26],
        "At the end of the quarter there were 39 children in Kinship Placements with 34 "
        "carers. The overall number of children in Kinship care has shown a reduction with the "
        "last 4 quarters with the proportion reducing from 30% to 26% over the period.",
    ),
    (
        "LAC02",
        "% of brothers and sisters remaining together within the same foster care placement",
        "%",
        "Higher is better",
        0.75,
        5,
        [0.72, 0.74, 0.71, 0.73, 0.70, 0.66],
        "66% of siblings were accommodated within the same Foster Care placement at the end "
        "of the quarter (18 siblings with 12 placed together). This is a decrease in relation "
        "to previous quarters as a result of increasing capacity issues within the foster care "
        "services and due to some young people moving to continuing care.",
    ),
    (
        "CPO01",
        "Number of children with child protection orders (per 1,000 of 0-15 population)",
        RATE,
        "Lower is better",
        None,
        None,
        [None] * len(PERIODS),
        None,
    ),
]


def write_measures(book: Workbook) -> None:
    """Add the Measures sheet: a title row, the headings, one row per indicator."""
    sheet = book.create_sheet("Measures")
    sheet.append(["Performance indicators: fill in the quarter's value and commentary"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADINGS)
    style_heading_row(sheet, 2)
    first_value = HEADINGS.index(PERIODS[0]) + 1
    for code, title, unit, polarity, target, tolerance, values, commentary in MEASURES:
        sheet.append([code, title, unit, polarity, target, tolerance, *values, commentary, LEAD])
        row = sheet.max_row
        number_format = "0.0%" if unit == "%" else ("0.00" if unit == RATE else "0")
        sheet.cell(row, 5).number_format = number_format
        for offset in range(len(PERIODS)):
            sheet.cell(row, first_value + offset).number_format = number_format
        for cell in sheet[row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = width
    sheet.freeze_panes = "C3"
