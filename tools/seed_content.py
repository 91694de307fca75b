"""The real content of the council's Q2 2022/23 return (from shared/seeds/001 and 000), used to
write the example workbook in input/ and the test workbooks. Text is as the council wrote it."""

from __future__ import annotations

import datetime as dt

PLAN = {
    "Organisation": "Moray Council",
    "Service": "Children and Families & Criminal Justice Social Work",
    "Plan Title": "Children and Families & Criminal Justice Service Plan 2020-23",
    "Plan Code": "CFSW SP2023",
    "Plan Period": "2020-23",
    "Reporting Period": "Q2 2022/23",
    "Period End": dt.date(2022, 9, 30),
    "Revenue Budget": 19276000,
    "FTE": 148.37,
    "Teams": "\n".join(
        [
            "Children and Families social work teams (East, West, Access)",
            "Placement Services",
            "Youth Justice",
            "Criminal Justice",
            "Community Justice",
            "Out of Hours team",
            "Reviewing team",
            "Associated business support",
            "Cala (managed on behalf of children's service by adult services)",
            "Commissioned services",
        ]
    ),
    "Directorate": "Health and Social Care Moray",
}

L_CP = (
    "(L) Building a better future for our children & young people. (CP) Our People: "
    "Opportunity for people to be the best they can be"
)
SAFE = (
    "(L) Children live in safe and supportive families\n"
    "(CP) Improved outcomes for our most vulnerable young people and families."
)
MAR23 = dt.date(2023, 3, 31)

# Section, Outcome, Code, Title, Priority, Desired Outcome, Due, Lead, Progress, Status, Update
ACTIONS = [
    (
        "",
        "",
        "CFSW SP2023",
        "Children and Families & Criminal Justice Service Plan 2020-23",
        None,
        "",
        None,
        "Head of Children and Families and Criminal Justice Services",
        0.60,
        "",
        "• Q2 2022/23 - The plan is slightly behind schedule with six months remaining.\n"
        "• Strategic Actions - one Action has completed as scheduled, three Actions are at "
        "anticipated stage and four Actions are behind schedule.\n"
        "• Service Level Actions - Two Actions have completed as scheduled, one Action is at "
        "anticipated stage. One Action (SERV1.3) has failed to complete by agreed timescale, it is "
        "anticipated that this action will complete in late 2022/23.",
    ),
    (
        "Strategic",
        "Improved outcomes for looked after and cared experienced young people",
        "STRAT1",
        L_CP,
        1,
        "All Actions completed by assigned dates",
        None,
        "Joyce Johnston",
        None,
        "",
        "Q2 2022/23 - Of the five Actions in this element of the plan one has completed, three are "
        "at the expected stage and one (STRAT1.1) remains behind at this stage of the plan. Progress "
        "has been made within this Action, not sufficiently however to meet all agreed milestone "
        "targets.",
    ),
    (
        "",
        "",
        "STRAT1.1",
        "Children and young people looked after in kinship and foster care and care at home "
        "increases",
        1,
        "(L) Children and care leavers have safe, secure, stable and nurturing homes",
        MAR23,
        "Joyce Johnston",
        0.47,
        "",
        "Q2 2022/23 – Named lead workers have been identified to develop the placement services web "
        "pages. The fostering landing page is live and can now be accessed via a web browser. The "
        "current activity in relation to increasing foster carers has had limited success. A "
        "recruitment working group with a focus on fostering and supported lodgings is well "
        "established and continues to meet on a fortnightly basis.\n"
        "• In Q2 there have been 7 substantive foster care enquiries but there have been no approvals "
        "of new foster carers.\n"
        "• In Q2 there were 5 supported lodgings providers and a total of 5 full-time placements. No "
        "new assessments or approvals for supported lodgings carers were carried out during the "
        "quarter.\n"
        "• There is a growing number of referral to access services, with an increase in complexity "
        "of situations that families experience.",
    ),
    (
        "",
        "",
        "STRAT1.2",
        "Time taken and number of placements a young person experiences before achieving "
        "permanence reduces.",
        1,
        "(L) Children and care leavers have safe, secure, stable and nurturing homes",
        MAR23,
        "Joyce Johnston",
        0.83,
        "",
        "Q2 2022/23 - The PACE (Permanence and Care Excellence) process has made significant "
        "progress within quarter 2. The working Group established a baseline process via an updated "
        "permanence process map. The formal reporting and analysis of PACE data will commence in "
        "October 2022. Alongside this, a Permanence Tracking Meeting is being established via a "
        "working group.",
    ),
    (
        "",
        "",
        "STRAT1.3",
        "Children and young people feel secure and supported in their relationships",
        1,
        "(L) Looked after children and care leavers are enabled to maintain positive relationships "
        "with their family, friends, and other trusted adults.",
        MAR23,
        "Joyce Johnston",
        0.66,
        "",
        "Q2 2022/23 - At the end of the quarter there were 39 children in Kinship Placements with 34 "
        "carers. All children were placed within the Looked After Child (LAC) framework. There were 2 "
        "new Kinship carer approvals.\n"
        "• The overall number of children in Kinship care has shown a reduction with the last 4 "
        "quarters with the proportion reducing from 30% to 26% over the period.\n"
        "• At quarters end 38 children subject to Residence Orders (not LAC) with 33 carers.",
    ),
    (
        "",
        "",
        "STRAT1.4",
        "Improve the identification and monitoring of care leavers and care experienced young "
        "people in the youth and criminal justice systems",
        1,
        "(L) The number of looked after children and care leavers who enter the youth and criminal "
        "justice systems is reduced",
        dt.date(2021, 3, 31),
        "Joyce Johnston",
        1.0,
        "",
        "A monthly report is generated by Business Intelligence which identifies all care "
        "experienced young people open to youth justice and criminal justice. This has been in "
        "place since February 2021.",
    ),
    (
        "",
        "",
        "STRAT1.5",
        "Reduce any over representation of care leavers and care experienced young people in the "
        "youth and criminal justice systems",
        None,
        "(L) The number of looked after children and care leavers who enter the youth and criminal "
        "justice systems is reduced",
        MAR23,
        "Joyce Johnston",
        0.66,
        "",
        "• Q2 2022/23 - Of the 424 cases open to Justice Services during quarter there were 27 Care "
        "Experienced Young People (CEYP) under 26 open to Justice Social Work at end of September and "
        "15 CEYP open to Youth Justice (42/424, 9.9%). This is a slight reduction from the previous "
        "quarter proportion (11.8%).\n"
        "• The identification process continues to work well and those that come into youth and "
        "adult justice services are referred to a support worker for any additional support needs.\n"
        "• The outcome star tool has now been introduced within justice services.",
    ),
    (
        "",
        "Children and young people are safe and free from harm",
        "STRAT2",
        L_CP,
        1,
        SAFE,
        MAR23,
        "Joyce Johnston",
        0.38,
        "",
        "Q2 2022/23 - Two of the three Actions are significantly behind schedule and unlikely, due to "
        "the method of measurement, to complete by March 2023. One Action (STRAT 2.2) has made "
        "progress and by end June 2022 has caught up with the target for end March 2022 by meeting "
        "the target milestone.",
    ),
    (
        "",
        "",
        "STRAT2.1",
        "Intervene at the earliest opportunity to minimise the impact of neglect on children and "
        "young people",
        1,
        SAFE,
        None,
        "Joyce Johnston",
        None,
        "",
        "Q2 2022/23 - At the end of the quarter 18 children out of 43 children on the Child "
        "Protection Register (CPR) were registered under the category of neglect. The number of "
        "children on the (CPR) has reduced by one from the previous quarter and as such the "
        "proportion has reduced slightly from 43% down to 41.8%, showing no significant change.",
    ),
    (
        "",
        "",
        "STRAT2.2",
        "Intervene at the earliest opportunity to minimise the impact of parental substance use on "
        "family wellbeing",
        1,
        SAFE,
        MAR23,
        "Joyce Johnston",
        0.66,
        "",
        "Q2 2022/23 Alcohol - At the end of the quarter 11/43 (25.6%) children on the Child "
        "Protection Register (CPR) due to concerns of parental alcohol use.\n"
        "• Drug use - At the end of the quarter 12/43 (27.9%) children were registered due to "
        "concerns of parental drug misuse.\n"
        "• Links between Children and Families Social Work and Moray Alcohol & Drug Partnership "
        "(MADP) in early development.",
    ),
    (
        "",
        "",
        "STRAT2.3",
        "Intervene at the earliest opportunity to minimise the impact of domestic abuse on "
        "children, young people and parents",
        1,
        SAFE,
        MAR23,
        "Joyce Johnston",
        0.33,
        "",
        "• Q2 2022/23 - At the end of the quarter 15/43 children were registered due to concerns of "
        "domestic abuse. Since the end of 2021/22 the proportion of children registered due to "
        "concerns of this nature have almost halved from 67.6% to 34.9%.\n"
        "• Safe and Together: Moray's Violence Against Women and Girls Partnership Safe & Together "
        "Implementation Plan has been developed.\n"
        "• A Safe and Together overview session will be held on the 1 February 2023 with a target "
        "group of 100 people from all agencies.",
    ),
    (
        "Service Level",
        "Instigate transformational change programme",
        "SERV1",
        "Instigate transformational change programme",
        2,
        "All actions are completed by assigned dates",
        MAR23,
        "Andy Doneghan",
        None,
        "",
        "Q2 2022/23 - Two of the four Service Actions have completed and one remains on target to "
        "complete by the agreed date. One Action (SERV1.3) remains outstanding. This action is in "
        "the final stages of procurement, a process elongated by COVID restrictions.",
    ),
    (
        "",
        "",
        "SERV1.1",
        "Complete Intermediate business case and get authorisation to progress with programme",
        None,
        "The whole system has a clear road map to understand the change required to support "
        "children and families the way they want to be supported",
        dt.date(2021, 3, 31),
        "Andy Doneghan",
        1.0,
        "",
        "Q1 2021/22 - The 'Transformational Change Programme' has been approved and has commenced.",
    ),
    (
        "",
        "",
        "SERV1.2",
        "Initiate the three work streams within the transformational change programme - Our "
        "Practice model Changes",
        2,
        "Our practice model changes",
        None,
        "Social Work Services Manager",
        1.0,
        "",
        "Q4 2021/22 - Quarter 4 saw the approval of the transformation reinvestment spend at ECSL "
        "committee and progress to recruit to posts and commissioned services. The 'Outcome Star' "
        "training was rolled out during quarter 4.",
    ),
    (
        "",
        "",
        "SERV1.3",
        "Initiate the three work streams within the transformational change programme - Our "
        "commissioning model changes",
        2,
        "Our commissioning model changes",
        dt.date(2022, 3, 31),
        "Commissioning and corporate parenting service manager",
        0.66,
        "",
        "• Q2 2022/23 - One of the newly commissioned services agreed at committee in Q4 2021/22 "
        "still remains within the Procurement and Commissioning process, for which the service has "
        "no control. The Functional Family Therapy contract has been agreed and will start recruiting "
        "staff in January 2023.\n"
        "• A new Service Manager is now in post which is a critical role in commissioning, quality "
        "assurances systems and policy development.",
    ),
    (
        "",
        "",
        "SERV1.4",
        "Initiate the three work streams within the transformational change programme - Our "
        "children return to Moray",
        2,
        "Our children return to Moray",
        MAR23,
        "Social work services manager",
        0.66,
        "",
        "• Q2 2022/23 - The 'NSPCC reunification model' assessment has continued to be implemented "
        "during the quarter.\n"
        "• 66% of siblings were accommodated within the same Foster Care placement at the end of the "
        "quarter (18 siblings with 12 placed together).",
    ),
]

# The service plan's own columns of the Actions sheet (seed 000), by action code: Outcome
# Measures (one per line), Completion Target (as typed) and Recovery & Renewal (left as the
# unfilled Word drop-down, as staff leave it).
MILESTONES = "March 2023 with milestone annual improvements."
UNFILLED = "Choose an item."
SERVICE_PLAN_COLUMNS: dict[str, tuple[str, str, str]] = {
    "STRAT1.1": (
        "Increase the number and range of fostering households.\n"
        "Increased % of children in foster, kinship and care at home.\n"
        "% of brother and sisters remaining together within the same Foster Care placement.",
        MILESTONES,
        UNFILLED,
    ),
    "STRAT1.2": (
        "Reduction in drift and delay as measured by PACE data.\n"
        "Reduction in the number of children moving placement within the reporting year.",
        MILESTONES,
        UNFILLED,
    ),
    "STRAT1.3": (
        "Baseline data to be collected to measure improvement.\n"
        "% of Looked After Children report they feel more able to maintain positive relationships "
        "with family, friends and other trusted adults.",
        "March 2021\nMarch 2023",
        UNFILLED,
    ),
    "STRAT1.4": ("Process in place which is consistently adhered to.", "March 2021", UNFILLED),
    "STRAT1.5": (
        "Reduce the % of care experienced young people in the youth and criminal justice systems.",
        "March 2023",
        UNFILLED,
    ),
    "STRAT2.1": (
        "% of young people who report feeling safe as a result of an intervention in the reporting "
        "year.\n"
        "Number of children on child protection register.\n"
        "Number of children on the Child Protection Register (per 1,000 of 0-15 population).\n"
        "Reduction in the % of children on the Child Protection Register as a result of Neglect "
        "concerns.",
        MILESTONES,
        UNFILLED,
    ),
    "STRAT2.2": (
        "Reduction in the % of children on the Child Protection Register as a result of Parental "
        "Substance Misuse concerns.",
        MILESTONES,
        UNFILLED,
    ),
    "STRAT2.3": (
        "Reduction in the % of children on the Child Protection Register as a result of Domestic "
        "Abuse concerns.",
        MILESTONES,
        UNFILLED,
    ),
    "SERV1.1": ("Change programme is underway", "April 2021", UNFILLED),
    "SERV1.2": (
        "Families report feeling supported in how they look after their children",
        "March 2022",
        UNFILLED,
    ),
    "SERV1.3": (
        "Contracts with commissioned services are explicit in what is expected of them to meet "
        "individual outcomes for the child or family they are commissioned to support",
        "March 2023",
        UNFILLED,
    ),
    "SERV1.4": (
        "Children return to live in Moray from where they currently live",
        "March 2022",
        UNFILLED,
    ),
}

# The Improvements sheet (seed 000, part 3): improvement, Recovery & Renewal tick, evidence.
IMPROVEMENTS: list[tuple[str, str | None, str]] = [
    (
        "Our social work approach to how we work with people",
        None,
        "LGBF on our numbers of children who are not living with their own families or in a "
        "family setting; learning from complaints; Effective and regular monitoring of available "
        "data to influence service delivery.",
    ),
    (
        "Our approach to commissioning",
        None,
        "Contracts requiring to be reviewed; financial imperative to release savings identified "
        "through budget setting; refresh contracts that have been in place to ensure they are "
        "meeting the outcomes for children and their families; costs of placements; having to "
        "source places for children to stay in away from Moray; our Out of Area budget remaining "
        "at £6.5M, funding a very small number of people often in places far from home.",
    ),
    (
        "Keeping children who can't stay with their families in Moray",
        None,
        "Independent Care Review findings and associated actions. Above two boxes of evidence are "
        "equally relevant here too.",
    ),
]
