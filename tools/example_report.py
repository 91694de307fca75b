"""The example workbook's Report sheet: the committee report's details, from shared/seeds/003.

Text is as the council wrote it, one paragraph per line (Alt+Enter in Excel). The meeting date
is moved to November 2022 so that it follows the example's Q2 2022/23 return; the reference to a
second appendix (a dashboard the pack does not include) is left out. Financial implications are
left blank on purpose: the report fills in the council's standard wording and warns.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment
from xlsx_style import style_heading_row

REASON = "\n".join(
    [
        "To provide assurance to the Committee that there is a framework that enables "
        "performance to be scrutinised that can be further developed as required.",
        "This report is submitted to the Education, Communities and Organisational Development "
        "Committee following a decision of Moray Council on 17 June 2020 to agree a simplified "
        "committee structure as a result of the COVID-19 pandemic. In the case of this committee "
        "the combining of the delegated responsibilities of Children and Young People Services, "
        "Governance, Strategy and Performance, (para 9 of the minute refers).",
    ]
)

RECOMMENDATION = (
    "It is recommended that Committee consider and note the frameworks around social work "
    "performance and examples of how it is being used to improve outcomes for children and "
    "families."
)

BACKGROUND = "\n".join(
    [
        "Children and Families and Justice Social Work as a service and a function contribute to "
        "the overall partnership working, performance and delivery of services to families in "
        "Moray, and broader Children's Services agenda.",
        "As such elements of performance have been presented to the previous Children and Young "
        "People's Committee, reported monthly, as part of the composite report across Schools; "
        "Curriculum and Development; Lifelong Learning, Sport, Leisure and Culture.",
        "Additionally there are regular performance management reports to the Moray Child "
        "Protection Committee, for scrutiny and assurance, particularly focusing on the National "
        "Child Protection data set. Since the first Lockdown in March 2020, weekly data on child "
        "protection and vulnerable children has been submitted to the Scottish Government which "
        "has led to an enhanced and more detailed knowledge of children protection activity. "
        "This is reviewed weekly by the Head of Service and Chief Social Work Officer, and "
        "fortnightly along with the Chief Executive. Two three monthly summary reports have been "
        "presented to the Public Protection Chief Officers Group during 2020.",
        "The Quality Assurance and Planning Team produce a Standards Quality Report across "
        "Children's Services. Multi-agency Children's Services quality assurance planned "
        "activity involves scrutiny and audit of social work files, particularly around the "
        "Child's Planning Process.",
        "Furthermore there is an Annual Looked After Children's report produced (which will come "
        "to committee in February 2021), and a data set to support Corporate Parenting is in the "
        "process of being developed.",
        "There is an expectation that the three year Children's Services Plans are reported on "
        "annually, and the final annual report on the Children's Services Plan 2017/20 has now "
        "been prepared, and presented to the GIRFEC Leadership Group (GLG) and will be "
        "considered at the Community Planning Board. The current Children's Services plan "
        "2020/23, was formally signed off at the Emergency Cabinet meeting on 3 June 2020 (para "
        "7 of the minute refers) has an implementation plan; progress and performance against "
        "this will be monitored through the GLG.",
        "Social Work Service performance management process",
        "Within the service, performance is reported on and scrutinised and analysed to "
        "understand workload, trends, and impact and outcomes of social work interventions, and "
        "to review capacity and demand. Monthly reports are presented to and analysed at the "
        "monthly senior management team meeting (see APPENDIX I). Further work is underway with "
        "the Research and Information Officer to produce a Dashboard to support performance "
        "management in a more visual and accessible way, to incorporate benchmarking with other "
        "comparator authorities. The service aims to have a curiosity around what the "
        "performance data indicates so that become part of the organisational culture. An "
        "example of where the service has used data to inform practice is in the Permanence and "
        "Care Excellence work, used to monitor decision making and plans for children who may "
        "not be able to live with their own family permanently. Bench marking against "
        "comparator authorities has been used to identify opportunities for improvements in the "
        "service model and delivery to improve outcomes for our most vulnerable children and "
        "their families, and underpin the Social Work Improvement and Modernisation Plan.",
        "The Council, along with others, is a statutory community justice partner under the "
        "Community Justice (Scotland) Act 2016. The Moray Community Justice Partnership was set "
        "up in 2017 and accountability for planning and performance resides at this level. The "
        "Moray Community Justice Outcome improvement plan 2019-2022 is in place and a "
        "performance report, detailing progress made is submitted to Community Justice Scotland "
        "on an annual basis. Through the Moray Partnership the Criminal Justice Social Work "
        "(CJSW) Team plan and report against the National Strategy for Community Justice and the "
        "outcomes in the national Outcomes, Performance and improvement Framework.",
        "As a Responsible Authority we also fulfil our statutory duties by jointly preparing and "
        "publishing a Multi-Agency Public Protection Arrangements (MAPPA) annual report. "
        "Sections 11(1) and (2) of the Management of Offenders (Scotland) Act 2005 require the "
        "responsible authorities under the MAPPA to keep the arrangements established under "
        "review for the purpose of monitoring the effectiveness of those arrangements and making "
        "any changes that appear necessary or expedient. Our annual report is submitted to the "
        "Strategic Oversight Group (Grampian) for onward submission to Scottish Ministers.",
        "The annual Aggregate return to Scottish Government pulls information from care first "
        "and reports on volume of workload and an indication of trends and so on. These figures "
        "are published on an annual basis and can be used for the purpose of benchmarking with "
        "other areas. This information includes how many CJSW reports were produced in the "
        "period and the court disposals for these reports. Also the number of home detention "
        "curfew reports, number of individuals open on prison licence, open for voluntary "
        "assistance, diversion and bail supervision, court support and so on. In short the "
        "workload of the team other than Community Payback Orders (CPO's). There is also an "
        "annual CPO return which is sent to Scottish Government and it specifically focuses on "
        "volume of work in relation to community payback orders. This also gives team "
        "performance in terms of breach rates, time to complete orders, successful completion "
        "etc. The above two reports help to identify trends in team performance and allow the "
        "team to make adjustments to practice. For example, if breach rates are high we look at "
        "why this might be and see how we can change practice.",
        "At a practitioner level, professional social work supervision has a key role in "
        "performance and assurance. The importance of supervision is identified in a number of "
        "inquiry reports and in professional training and development. It contributes to safe "
        "and consistent standards of practice; forms part of an organisation's system of quality "
        "assurance and provides support and challenge for individual workers, making sure they "
        "are not working in isolation but have access to advice and guidance from a manager or "
        "experienced colleagues.",
        "This is significant for new or recently qualified employees but the opportunity to test "
        "out ideas, review decisions and reflect on practice is valuable for all staff, "
        "regardless of their role and level of experience.",
        "Following significant investment in workforce development for supervision in 2018/19, "
        "the professional supervision policy has been updated and tested out for effectiveness. "
        "It will come to this committee for formal approval in February 2021. File reading and "
        "audits form part of this process.",
        "Performance reporting and assurance",
        "To increase the visibility of the Service's operational performance, the monthly "
        "performance reports used within the service will be further scrutinised at the Senior "
        "Management Team meetings of Health and Social Care Moray until the Delegation of Social "
        "Work to the Integration Joint Board is finalised. Reports will then also be taken to "
        "the Audit, Performance and Risk Committee and to the Education, Communities and "
        "Organisational Development Committees too.",
        "The Moray Performance Management Framework will be used to focus on Service Improvement "
        "priorities and reported to both Council and IJB too, until delegation is complete.",
    ]
)

CONCLUSION = "\n".join(
    [
        "Social work contributes to the overall performance of services for children and "
        "families. Additionally there is an established framework for monitoring and managing "
        "performance within the service.",
        "Social work performance will be shared with the IJB during this period of transition "
        "of council social work services being delegated.",
    ]
)

IMPLICATIONS = {
    "Corporate Plan and 10 Year Plan (LOIP)": "\n".join(
        [
            "Corporate Development Plan 2020.",
            "Work with families as partners to give their children the kind of lives they want "
            "them to lead so that children grow up to be strong and resilient.",
            "Improve the life chances and outcomes for care experienced children and young people.",
            "Service Plan 2020 we will focus on Our social work approach to how we work with "
            "people; Our approach to commissioning; Keeping children who can't stay with their "
            "families in Moray.",
        ]
    ),
    "Policy and Legal": "\n".join(
        [
            "Duties to children in need and looked after children in the Children (Scotland) "
            "Act 1995 and:",
            "to provide after care, corporate parenting etc. in the Children and Young People "
            "Scotland Act 2014:",
            "and section 27 (1) (a) Social Work (Scotland) Act 1968. The Criminal Procedure "
            "(Scotland) Act 1995",
        ]
    ),
    "Financial implications": None,
    "Risk Implications": "Having performance embedded as a core business activity ensures a "
    "better understanding of trends and offers a framework for understanding capacity and "
    "demand, to determine service priorities and improvements, thus offering a mitigation "
    "against risk.",
    "Staffing Implications": "There are no staffing implications associated with this report.",
    "Property": "There are no property implications associated with this report.",
    "Equalities/Socio Economic Impact": "There are none associated with this report.",
    "Consultations": "Chief Executive, Moray Council; Chief Social Work Officer; Head of Service, "
    "Children & Families & Criminal Justice Services; Senior Human Resources Adviser; Principal "
    "Accountant, Morag Smith, Senior Solicitor, Social Work Service Managers, Chief Officer, HSCM "
    "and the Equal Opportunities Officer have been consulted in the preparation of this report "
    "and are in agreement with the content relating to their areas of responsibility.",
}

REPORT = {
    "Committee": "Education, Communities and Organisational Development Committee",
    "Meeting Date": dt.date(2022, 11, 16),
    "Subject": "Children and Families and Justice Social Work Services Performance Framework",
    "By": "Interim Chief Officer, Health and Social Care",
    "Author": "Joyce Johnston, Interim head of Children and Families and Justice Social Work",
    "Reason for Report": REASON,
    "Recommendation": RECOMMENDATION,
    "Background": BACKGROUND,
    **IMPLICATIONS,
    "Conclusion": CONCLUSION,
    "Background Papers": None,
    "Ref": None,
}


def write_report(book: Workbook) -> None:
    """Add the Report sheet (Field | Value) to the example workbook."""
    sheet = book.create_sheet("Report")
    sheet.append(["Field", "Value"])
    style_heading_row(sheet, 1)
    for field, value in REPORT.items():
        sheet.append([field, value])
        row = sheet.max_row
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(value, dt.date):
            sheet.cell(row, 2).number_format = "dd/mm/yyyy"
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 110
