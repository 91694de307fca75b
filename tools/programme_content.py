"""The content of the example improvement programme: Lancashire's Continuous Improvement Plan
(seed 004), as staff would type it into the Programme and Introduction sheets.

Used by ``make_example_programme.py``. Text is the council's, as published.
"""

from __future__ import annotations

INTRODUCTION_TITLE = "Lancashire Children's Services Continuous Improvement Plan"

OVERVIEW = "\n".join(
    [
        (
            "In March 2016, the Council published a significant plan of work that responded to "
            "the recommendations made by Ofsted in the 2015 inspection report. Good progress has "
            "been made in delivering the original Improvement Plan and the new plan aims to build "
            "on this and sustain and embed longer term improvements. Still taking the necessary "
            "corrective action to ensure that practice is safe and children and young people are "
            "protected but also to move the service into a steady and sustainable state. A "
            "position where the whole system works effectively to:"
        ),
        (
            "1. Reduce the need for social work and care intervention, effective prevention is in "
            "place"
        ),
        (
            "2. Ensures social work and care intervention is effective and efficient – making the "
            "right plans for children, offering appropriate support and minimising drift and "
            "delay – purposeful practice."
        ),
        "3. Supporting long lasting and sustainable outcomes – permanence.",
        (
            "Whilst significant improvement has already taken place and this has been monitored "
            "and scrutinised by Ofsted, the Department for Education and the Improvement Board, a "
            "number of challenges still exist and they are specifically:"
        ),
        (
            "a) Too much work is coming into the system - our contact to referral rate is too "
            "low, there are too many cases open for three months or less and there are a number "
            "of cases that could be stepped down from statutory services. We need to embed the "
            "correct support approaches to ensure that we are supporting the right children, at "
            "the right time in the right way and this will be enhanced through a robust front "
            "door and effective early help offer. We also need to reduce the need for higher "
            "level services."
        ),
        (
            "b) We are not yet achieving delivery of basic good practice consistently enough. "
            "Ofsted found some inconsistent practice in our services to care leavers and audit "
            "findings, although improving, still find inadequate case work and a lack of "
            "sufficient focus on clear outcomes. The solution to this needs to be multi-faceted:"
        ),
        (
            "· The right strategic approach which is clear what we are trying to achieve and why. "
            "To date we have issued a range of guidance and clarification to support improvement "
            "but at times this has caused confusion and led to a focus on process. We now need to "
            "see the whole journey of the child. We need to move to a culture of outcome based "
            "social work."
        ),
        (
            "· A clear operating model which supports clear and consistent decision making with a "
            "common language that supports workers to develop outcome based plans and evidence "
            "impact of intervention to ensure effective focussed practice without drift and "
            "delay."
        ),
        (
            "· Ensuring effective management oversight and grip are in place at all levels, "
            "especially developing the role of front line managers and the ratio of managers to "
            "practice at all levels."
        ),
        (
            "· Ensuring staff have roles which are achievable and the right structure, support "
            "and skills to achieve them."
        ),
        (
            "· Ensuring data and governance robustly monitor progress and support improved "
            "practice – we move from performance monitoring to performance and improvement "
            "management."
        ),
        (
            "c) We are not providing an effective enough service to our children as corporate "
            "parents – children and young people tell us they have too many changes of worker and "
            "we don’t have the correct placements for them all the time. We do not move fast "
            "enough to find them a permanent and stable home and we do not always communicate "
            "with them effectively. To achieve this we need to develop our approach to permanence "
            "planning and corporate parenting and be more robust in doing this at an early stage:"
        ),
        (
            "· We need to work differently to provide a range of placements for them and the "
            "right support to prevent family and placement breakdown."
        ),
        (
            "· Crucially we need to support them to have a strong voice and to be true partners "
            "in the planning and delivery of their care."
        ),
        (
            "· We need to develop the correct workforce structures to support our staff to have "
            "the time and skills they need to focus on our young people."
        ),
        (
            "· We need the right partnership in place to ensure these children that need our care "
            "get the support they need."
        ),
        (
            "d) We have invested significantly in social care and social work and the support "
            "apparatus. We now need to move to a steady state where we are able to plan and use "
            "resources effectively and reduce the need for additional funding. This will require "
            "a number of things:"
        ),
        (
            "· Innovation within safe boundaries which supports effective and efficient practice "
            "for example new ways of working with some of our most complex teenagers."
        ),
        (
            "· The development of robust commissioning arrangements to drive down costs and "
            "improve value for money – to ensure every penny we spend has maximum value."
        ),
    ]
)

GOVERNANCE = "\n".join(
    [
        (
            "The delivery of priorities and actions detailed in this Plan will embed improvements "
            "for vulnerable children and this will be underpinned by more detailed implementation "
            "plans for each of the following areas:"
        ),
        "1. Prevention and Demand Management",
        "2. Purposeful Practice",
        "3. Permanence and Corporate Parenting",
        "4. Workforce Strategy",
        "5. Children with Special educational Needs and Disabilities",
        "6. Youth Justice",
        (
            "A new governance structure will be implemented and will be responsible for ensuring "
            "effective delivery through monitoring and scrutinising progress and impact. The "
            "Improvement and Accountability Board will assume responsibility for the "
            "implementation of the Improvement Plan and will provide regular updates to the "
            "Improvement Board, Lancashire Safeguarding Children Board, LCC Management Team and "
            "the Corporate Parenting Board."
        ),
        (
            "The establishment of this governance structure has streamlined existing "
            "arrangements, reduced the number of meetings and provides a more effective, coherent "
            "and robust governance framework to oversee the delivery of significant change "
            "programmes across children's services."
        ),
    ]
)

WORKING_TOWARDS = "\n".join(
    [
        (
            "The original Improvement Plan is a response to the Ofsted inspection report and was "
            "been put together in such a way that the focus was framed around the 17 Ofsted "
            "recommendations. It was always recognised that in the medium term the Plan would "
            "need to evolve into a more sophisticated set of actions that will start to shape the "
            "cultural change to children's services that is required longer term. This new "
            "Improvement Plan will move development towards this new phase and will build on the "
            "strands identified below:"
        ),
        (
            "Children at the centre of all we do – we will understand what their lives are like, "
            "work with them to improve and have ambition for them."
        ),
        (
            "What good looks like – elected members, strategic leaders, managers and frontline "
            "practitioners will have a shared understanding of what good looks like and this will "
            "be informed by what children, young people and families are telling us but also the "
            "evidence that is available locally, regionally and nationally."
        ),
        (
            "Workforce - practitioners will have the confidence, knowledge and skills to provide "
            "effective and timely support to children, young people and families. Regular "
            "supervision will allow appropriate support and challenge and workloads will be "
            "manageable."
        ),
        (
            "Leadership – there will be strong, decisive and visible leadership that ensures "
            "there is clarity of expectations, direction and priorities. Leadership will be "
            "provided at many different levels but always with a consistency of message and "
            "approach. Leadership will embed a can do approach."
        ),
        (
            "Demand - families are able to access support as early as possible, to prevent "
            "problems getting worse and reducing the need for intensive and costly specialist "
            "services."
        ),
        (
            "Collaboration – the way we work with and support families will be coherent and "
            "effective. Integrated working will ensure that resources, expertise and skills from "
            "across a range of partners can achieve the best possible outcomes for vulnerable "
            "children and young people."
        ),
        (
            "Challenge and curiosity - decision making and approach will be driven at all levels "
            "by regular, accurate and up to date information and intelligence. There will be one "
            "version of this performance information, supplemented by strong intelligence and "
            "there will be a clear understanding of what it is telling us. We will continuously "
            "challenge practice at all levels to strive for improvement."
        ),
        (
            "Innovation and creativity – the environment and culture we work in will allow "
            "innovation and creativity to thrive at all levels. Whether that is developing new "
            "solutions alongside families or being creative about the way we design services and "
            "challenge strategic thinking."
        ),
    ]
)

EVIDENCE = "\n".join(
    [
        (
            "There are a number of ways that will provide assurance that we are making a "
            "difference and improving the services that children and young people access:"
        ),
        (
            "Performance Information – part of this Plan is to refine and streamline the "
            "performance information that is used by managers and practitioners and produce a "
            "dashboard of key indicators and targets that will be reviewed weekly and will "
            "provide clear measure of progress."
        ),
        (
            "Line of sight – a clear framework that sets out the key data and intelligence that "
            "needs to be regularly collated, reviewed and responded to. The line of sight "
            "framework will ensure that leaders at all levels, from the Cabinet and Lead Member "
            "to the Director of Children's Service to Team Managers, have a timely understanding "
            "of performance progress and issues that informs decision making."
        ),
        (
            "Audit Framework – a new and robust audit framework has been developed as is being "
            "embedded across children's services. Information through the monthly audit cycle "
            "will provide clear evidence on whether the quality of practice is improving and how "
            "this is impacting on the experience of children and young people."
        ),
        (
            "Monitoring, accountability and scrutiny arrangements – the Improvement and "
            "Accountability Board will be the key vehicle for scrutiny and challenge. Other "
            "forums including the Improvement Board, Lancashire Safeguarding Children Board and "
            "the Corporate Parenting Board will also provide scrutiny and challenge."
        ),
        (
            "Purposeful Practice Board – a multi-agency group made up of frontline practitioners. "
            "This group will ensure that front line practitioners can provide scrutiny, challenge "
            "and feedback that ensures that the development of new practice, policies and "
            "procedures support more effective working with children and families."
        ),
        (
            "Peer challenge and review – a programme of peer challenge and review events agreed "
            "through regional collaborative arrangements will provide regular, external support "
            "and challenge."
        ),
        (
            "Stakeholder communication and engagement – a communication and engagement strategy "
            "will outline the development of improvement activity including newsletters, website, "
            "briefings and workshops. This will enable wider awareness and understanding of the "
            "progress made but also engagement with stakeholders so that they can inform and "
            "collaborate around future developments and activity."
        ),
        (
            "Ofsted Monitoring Inspections and Re-inspection – Ofsted will follow their framework "
            "of quarterly monitoring inspections and eventually full re-inspection. Ofsted will "
            "produce a formal report after each inspection event to outline their findings."
        ),
        (
            "Children and young people – we will engage with the existing young people's forums "
            "such as LINX, POWAR, Voice Over and through the Corporate Parenting Board to gauge "
            "the views of children and young people and use theses to inform service development. "
            "Practitioners will also speak to individual children and young people as part of the "
            "audit framework to establish how well we are supporting them and where we could "
            "improve this support"
        ),
        (
            "If satisfactory progress is not being made in delivering specific improvement "
            "activity a recovery plan will be produced detailing the interventions that will be "
            "made to quickly bring performance back within expected thresholds. The recovery plan "
            "will be agreed and monitored by the Improvement and Accountability Board."
        ),
    ]
)

INTRODUCTION = {
    "Title": INTRODUCTION_TITLE,
    "Organisation": "Lancashire County Council",
    "Date": "September 2017",
    "Overview and introduction": OVERVIEW,
    "Governance": GOVERNANCE,
    "What are we working towards": WORKING_TOWARDS,
    "How we will evidence improvement": EVIDENCE,
}

PREVENTION = "Prevention and Demand Management"
PRACTICE = "Purposeful Practice"
PERMANENCE = "Permanence and Corporate Parenting"
DCS = "Director of Children's Services"
AUDIT = "Head of Safeguarding, Inspection and Audit"
PARTICIPATION = "Strategic Lead for CYP Participation"

# (workstream, ref, outcome, who, [(activity, when, who when it changes)], measures)
OUTCOMES = [
    (
        None,
        "1.1",
        "Young people are equal partners not merely consulted in service design and delivery",
        "Strategic Participation Lead for CYP",
        [
            (
                "Research independent participation models including youth led organisations, "
                "charities and social enterprises and include the role of the apprentices within "
                "this model.",
                "November 2017",
            ),
            (
                "Explore and agree the social value element of the Participation service "
                "specification",
                "January 2018",
            ),
            (
                "Commissioned participation service provider to include social value element",
                "October 2017",
            ),
            (
                "Set up a 'task force' including youth council, LINX and POWAR members and County "
                "Councillors to explore future models and options",
                "January 2018",
            ),
            ("Task force to make recommendations to Cabinet/ senior decision makers", "March 2018"),
        ],
        [
            "Taskforce of young people and elected members established and informs future model",
            "New participation specification in place which includes a young people's led arm's "
            "length body",
        ],
    ),
    (
        None,
        "1.2",
        "Performance management not monitoring. Effective line of sight and QA process at all "
        "levels",
        "Head of Business Intelligence",
        [
            (
                "Review and streamline the performance reports that are being provided.",
                "November 2017",
            ),
            (
                "Establish clear guidance on what managers should be extracting directly from LCS "
                "and be responsible for performance management at each level of the service",
                "December 2017",
            ),
            (
                "Work with the Principal Social Work to ensure a clear plan is in place to support "
                "managers to effectively manage performance",
                "December 2017",
            ),
            ("Implement plan and monitor progress", "January 2018"),
            (
                "Work with West Lancs to pilot a data dashboard which will provide the key "
                "information needed to understand demand/performance/capacity.",
                "October 2017",
            ),
            (
                "Review, evaluate and refine the West Lancs dashboard before county wide roll out",
                "November 2017",
            ),
            (
                "DCS and Lead Member line of sight process in place – following pilot this is "
                "produced for all levels of the organisation",
                "December 2017",
            ),
        ],
        [
            "Managers are regularly using LCS to extract performance information and inform "
            "priority setting",
            "Refreshed and streamlined performance dashboard in place",
            "Line of sight process established and embedded",
        ],
    ),
    (
        None,
        "1.3",
        "Frontline staff are fully engaged in improvement planning",
        "Principal Social Worker",
        [
            (
                "Facilitate nine staff workshops across the county to shape and inform the vision "
                "and underpinning principles for how we support children",
                "October 2017",
            ),
            (
                "Delivery termly staff briefings across the three localities",
                "December 2017 and ongoing",
            ),
            (
                "Refresh the children's services communication and engagement strategy and plan",
                "December 2017",
            ),
            (
                "Further develop the Purposeful Practice to ensure this is the key point for staff "
                "engagement",
                "November 2017",
            ),
        ],
        [
            "Effective feedback and communication process in place at all levels",
            "Rolling programme of termly staff workshops delivered",
        ],
    ),
    (
        None,
        "1.4",
        "Develop, agree and implement refreshed multi agency governance arrangements for "
        "prevention and demand management",
        "Chair of the LSCB",
        [
            (
                "Agree with the LSCB chair the scope of work to refresh the multi-agency "
                "governance arrangements.",
                "October 2017",
            ),
            (
                "Source and agree capacity to undertake a review of governance arrangements and "
                "produce proposals for a new model moving forward",
                "November 2017",
            ),
            (
                "Develop and consult on proposals for a more coherent and streamlined governance "
                "model for prevention and demand management",
                "January 2018",
            ),
            ("Agree a new model multi agency governance model", "March 2018"),
            ("Implement new governance model", "May 2018"),
        ],
        ["New multi-agency governance arrangements for children's services are implemented"],
    ),
    (
        None,
        "1.5",
        "Effective roll out and embedding of audit model across children's services",
        AUDIT,
        [
            ("Roll out of audit framework across all children's services", "October 2017"),
            (
                "Produce monthly and quarterly audit reports that identify the learning from audit "
                "and measure progress.",
                "October 2017",
            ),
            (
                "Ensure a consistent approach to benchmarking the quality of practice across "
                "children's services",
                "November 2017",
            ),
            (
                "Maintain audit tracker across all services and ensure audit actions are completed "
                "in a timely manner.",
                "November 2017",
            ),
            (
                "Provide reflective discussion with the social worker to support their "
                "understanding of audit findings and support professional development.",
                "November 2017",
            ),
        ],
        [
            "Audit model embedded across all parts of children's services",
            "Outstanding actions reduced to within business as usual thresholds",
            "80% of all cases audited are 'requires improvement' or better",
        ],
    ),
    (
        None,
        "1.6",
        "Alignment of LCC and LSCB audit activity",
        AUDIT,
        [
            (
                "There is far closer working between the LCC and the LSCB to ensure audit activity "
                "is aligned coherent and driving improved practice:",
                None,
            ),
            (
                "• Establish clear arrangements and introduce regular co-ordination meetings to:\n"
                "1. Identify common and independent audit themes\n"
                "2. Manage and co-ordinate audit resource and capacity\n"
                "3. Share information\n"
                "4. Share and review audit findings\n"
                "5. Align audit activity with external inspection, audit and review\n"
                "6. Develop a shared view of the services provided to children and young people.",
                "October 2017",
            ),
            ("Introduce a shared planning/schedule cycle to align audit activity", "November 2017"),
        ],
        [
            "Audit activity is aligned across LCC and the LSCB",
            "Evidence is collated that shows audit activity is improving practice",
            "Evidence that the learning from Serious Case Reviews can be evidenced through audit "
            "activity",
        ],
    ),
    (
        None,
        "1.7",
        "Implement a plan that delivers the outstanding recommendations from the Newton Europe "
        "Pathway review of children's services",
        "Head of Financial Management",
        [
            (
                "Introduce financial scenario-based modelling to define an appropriate budget "
                "envelope for staffing and placement costs.",
                "October 2017",
            ),
            (
                "Joint working with project managers across a number of work-streams in this plan "
                "to set financial targets and key performance measures that align with Newton's "
                "key findings",
                "December 2017",
            ),
            (
                "To regularly review and monitor agreed targets and performance measures and "
                "report progress to the Improvement and Accountability Board.",
                "Ongoing",
            ),
            (
                "Agreed placement budgets that take account of all known factors and strategies",
                "December 2017",
            ),
            (
                "Quarterly adjustment of the MTFS to reflect change in forecast/ assumptions",
                "Quarterly",
            ),
        ],
        [
            "Agreed savings targets and timescales for delivery",
            "Agreed caseload levels and workforce profile that establishes a budget envelope to "
            "deliver 'fit for purpose' Children's Services;",
            "Agreed placement budgets that take account of all known factors and strategies",
            "Monitoring and reporting to Programme Office leads the status of savings against "
            "targets;",
            "Quarterly adjustment of the MTFS to reflect change in forecast/assumptions",
            "There is sufficient resources to deliver and sustain a safe service",
        ],
    ),
    (
        None,
        "1.8",
        "Establish a clear understanding of the future demand in children's services and the "
        "staff and resources needed",
        DCS,
        [
            (
                "Using Newton diagnostic, Practice improvement Model and analysis of performance "
                "data trends propose and agree steady state targets and timeframes",
                "December 2017",
            ),
            (
                "Agreed appropriate caseload levels and workforce mix that establishes a budget "
                "envelope to deliver 'fit for purpose' Children's Services;",
                "December 2017",
            ),
        ],
        ["Short, medium and long term steady state targets set"],
    ),
    (
        PREVENTION,
        "2.1",
        "Agree and implement pan Lancashire Continuum of Need and thresholds",
        DCS,
        [
            (
                "Secure agreement across pan Lancashire local authorities and LSCBs for one "
                "continuum of need, threshold document and assessment model",
                "September 2017",
            ),
            (
                "Consult with identified partners and stakeholders to inform the approach",
                "October 2017",
            ),
            (
                "Produce and agree a pan Lancashire continuum of need, threshold document and "
                "assessment model",
                "December 2017",
            ),
            ("Produce associated guidance documentation", "December 2017"),
            (
                "Measures devised and monitored by LSCBs to measure impact and benefits of having "
                "an aligned practice approach",
                "December 2017",
            ),
            (
                "Plan implemented for briefing, roll out and training of staff across the three "
                "local authorities.",
                "December 2017",
            ),
            (
                "Implementation of new continuum of need, threshold document and assessment model",
                "February 2018",
            ),
        ],
        [
            "Pan Lancashire CoN and thresholds in place",
            "Reduce contacts that are No Further Action",
            "Rate of referrals is less than 46 per 10,000",
        ],
    ),
    (
        PREVENTION,
        "2.2",
        "Develop a pilot approach to working with clusters of schools to provide prevention and "
        "early help services",
        "Head of School Improvement",
        [
            ("Identify lead coordinator in School Improvement Service", "October 2017"),
            (
                "Identify and develop a group of schools in Districts 2 and 4 to support the "
                "development of prevention and early help services",
                "November 2017",
            ),
            ("Facilitate a sounding board of head teachers and governors", "January 2018"),
            ("Identify best practice and share with local clusters of schools", "May 2018"),
            (
                "County wide roll out of a model of prevention and early help across all schools",
                "September 2018",
            ),
        ],
        ["Prevention and early help model in place across schools"],
    ),
    (
        PREVENTION,
        "2.3",
        "Implement and embed the redesign of the social care front door",
        "Children's Services Programme Manager",
        [
            ("MASH governance arrangements (Operational/Strategic) in place", "September 2017"),
            ("Multi agency Service Delivery Plan developed produced and agreed", "September 2017"),
            ("Begin testing of key elements of the plan", "September 2017"),
            ("Multi-agency performance management framework implemented", "October 2017"),
            ("Review and revise Customer Access Services role within the MASH", "August 2017"),
            ("Revised Information Sharing Protocols agreed and in place", "September 2017"),
            ("Revised policy and procedures produced.", "October 2017"),
            ("Front door redesign fully implemented", "January 2018"),
            (
                "Using data and intelligence available identify and targets areas/teams and where "
                "demand is highest",
                "September 2017",
                "Head of Wellbeing, Prevention and Early Help",
            ),
            (
                "Use approaches developed through the Practice Improvement Model to strengthen "
                "the relationship, pathways for step up step down between early help and CSC",
                "October 2017",
            ),
            (
                "Monthly monitoring and reporting to Children's Services SMT on the effectiveness "
                "of CiN/Early Help pathways",
                "October 2017",
            ),
            (
                "MASH diagnostic/review will incorporate early help resources/pathways",
                "September 2017",
            ),
        ],
        [
            "Rate of referrals is less than 46 per 10,000",
            "More than 30% of contacts are converted to a referral",
            "Reduced number of referrals where the outcome is no further action",
            "Re-referrals rates are maintained in the good or outstanding thresholds",
            "Effective and timely step down of Child in Need cases to early help services",
        ],
    ),
    (
        PRACTICE,
        "3.1",
        "Pilot approach for taking court work out of the CIOC team",
        "Head of Social Care (East)",
        [
            (
                "Develop proposals to pilot an approach that moves care proceedings out of the "
                "Children in Our Care Team",
                "September 2017",
            ),
            ("Identify appropriate team/district to pilot this approach", "September 2017"),
            (
                "Consult and engage with staff on the development of this new approach",
                "September 2017",
            ),
            ("Implementation of the new approach", "October 2017"),
            (
                "Monitor and track the impact of changes and report into the Children's Services "
                "SMT",
                "Ongoing",
            ),
            (
                "Ongoing staff engagement including periodic use of survey monkey to gauge staff "
                "satisfaction",
                "Ongoing",
            ),
            ("Evaluate the impact of the pilot and produce recommendations", "February 2018"),
            ("Roll out of new CIOC model and recommendations", "March 2018"),
        ],
        [
            "Improved service to children looked after measured with current data and service "
            "user feedback.",
            "Less complaints from the court and IROs",
            "Less than 20% of audited CLA cases are inadequate",
            "Improved compliance and quality of work",
        ],
    ),
    (
        PRACTICE,
        "3.2",
        "Develop a revised CSE response, which includes wider links to missing and vulnerable "
        "young people and reduced number of CLA",
        "Tracey Poole-Nandy",
        [
            ("Analysis of effectiveness of CSE provision and identify risks", "September 2017"),
            (
                "Pilot approach in central locality prevent the duplication of work and workers "
                "in dealing with CSE",
                "October 2017",
            ),
            (
                "Increase the capacity within this specialist team to deliver the appropriate "
                "level of assessment, support and intervention by utilising additional support "
                "through non-social work qualified staff.",
                "October 2017",
            ),
            (
                "All risks assessments and holistic assessments completed by the allocated CSE "
                "worker",
                "November 2017",
            ),
            (
                "Improved preventative work with partner agencies such as schools, health, "
                "community safety, police, transport and licensed premises.",
                "October 2017 ongoing",
            ),
            (
                "Introduce a centralised missing from home response increasing compliance and "
                "build understanding to enable mapping to establish people and places of concern.",
                "November 2017",
            ),
            (
                "Creation of MFH panels to ensure a joined up response and improve the safety "
                "pans around each high risk missing child.",
                "December 2017",
            ),
            ("Evaluation of central pilot", "March 2018"),
            ("County wide roll out of pilot model", "May 2018"),
        ],
        [
            "CSE intelligence and data informs how resources are allocated and targeted",
            "Potential CSE victims are identified and offered appropriate support",
            "Improved and joined up response to high risk missing children",
            "Better able to identify and manage risk linked to CSE",
        ],
    ),
    (
        PRACTICE,
        "3.3",
        "Deliver the Practice Improvement Model county wide roll out plan",
        "Head of Children's Services Improvement",
        [
            ("Plan to include:", None),
            (
                "Improved ways of working with CiN to ensure robust management oversight and "
                "social work assessment including pod model",
                "October 2017",
            ),
            (
                "Review and redefine manager role at PM, TM, SM level and put in place a robust "
                "evidence based management development programme which support effective "
                "practice leadership",
                "October 2017",
            ),
            (
                "Ensure social work operating model is in place which delivers purposeful "
                "practice and in particular support to social workers to be able to articulate "
                "their reasons for involvement and the outcomes they are trying to achieve and "
                "delivers improved productivity and reduces delay, outputs declined, practice "
                "standards and consistency of application",
                "March 2018",
            ),
            ("Implement a consistent contact teams model and approach", "October 2017"),
        ],
        [
            "All complex CiN cases are held by social workers",
            "Social work model evident through assessments, plans, reviews and interventions",
            "Improved quality of work on cases and reduction in drift and delay",
            "80% of all CiN cases are audited as being 'requires improvement' or better",
        ],
    ),
    (
        PRACTICE,
        "3.4",
        "Develop and implement an effective workforce strategy",
        "Principal Social Worker",
        [
            (
                "Support effective social work practice that delivers outcomes for children:\n"
                "• Clarity around what good looks like\n"
                "• Stable and coherent workforce\n"
                "• Appropriate skills mix and understanding of development needs",
                None,
            ),
            ("Elements to include in the strategy:", None),
            (
                "Grow your own scheme to support longstanding and experienced family support "
                "workers to become social workers",
                "March 2018",
            ),
            (
                "A revised approach to the development and recruitment of ASYEs which recognises "
                "they are our workforce of the future and ensures strong guidance and mentoring "
                "that leads to retention",
                "January 2018",
            ),
            (
                "Development of a peripatetic team to reduce the need for agency staff",
                "February 2018",
            ),
            (
                "Development of retention strategies which are not necessarily linked to "
                "financial rewards but are linked to career pathways",
                "February 2018",
            ),
            (
                "Robust workforce data is in place – including salary benchmarks, exit interviews "
                "and measurement of compliance",
                "January 2018",
            ),
            ("Selling Lancashire as a brilliant place to work", "December 2017"),
            ("Effective leadership of practice", "March 2018"),
        ],
        [
            "Decreasing vacancies across children's social care",
            "Maintain average caseloads in the good or outstanding threshold on the performance "
            "dashboard",
            "Social workers with increasing levels of experience",
            "Managers ensure compliance and quality is improved",
        ],
    ),
    (
        PERMANENCE,
        "4.1",
        "Young people have access to advice and support when they need it and can shape their care",
        PARTICIPATION,
        [
            (
                "Pilot the use of Facebook by Leaving care service starting with Central",
                "September 2017",
            ),
            ("Roll out use of Facebook in East and North", "November 2017"),
            ("Produce Mind of My own (MoMo) implementation plan", "September 2017"),
            ("Launch MoMo", "September 2017"),
            ("Performance metrics agreed, monitored and reported", "September 2017"),
            (
                "Evaluation programme with children, young people and senior managers agreed and "
                "implemented",
                "January 2018",
            ),
            ("Evaluation report completed", "February 2018"),
            ("Agree a long term plan for the use of social media", "March 2018"),
            ("Implement social media plan", "April 2018"),
        ],
        [
            "Improved contact between young people and key staff",
            "Increasing numbers of children and young people using MoMo and Facebook",
            "Increase in numbers of children who are actively part of their review",
            "Positive feedback from children, young people and families",
        ],
    ),
    (
        PERMANENCE,
        "4.2",
        "Children in our care and those leaving have access to a clear local offer that meets "
        "their needs\nNeeds to have housing and employment offer\nNeeds WPEH offer",
        PARTICIPATION,
        [
            (
                "Engage CLA and care leavers in producing film about Corporate Parenting and "
                "delivering training to social workers / social care staff",
                "September 2017",
            ),
            (
                "Explore opportunities for LINX Young Inspectors to align their inspections to "
                "the 7 principles",
                "September 2017",
            ),
            (
                "Integrate Corporate Parenting principles into recruitment, induction and "
                "training of social care staff",
                "September 2017",
            ),
            (
                "Explore the incorporation of the principles of corporate parenting into all "
                "relevant commissioning frameworks and monitoring",
                "October 2017",
            ),
            (
                "Engage CLA and care leavers in the development of the advice and guidance offer "
                "to care leavers up to 25",
                "November 2017",
            ),
            (
                "Engage LINX/ CLA and Care leavers in the development of the local offer for care "
                "leavers",
                "November 2017",
            ),
            (
                "Pilot Care leavers Support and Engagement groups in East Lancashire",
                "September 2017",
            ),
            (
                "Pilot ASDAN cookery course with care leavers forum with view to rolling out "
                "across the county",
                "September 2017",
            ),
            (
                "Explore and engage children and young people in responding to the requirement "
                "that relationships education (primary) and sex and relationships education "
                "(secondary)",
                "December 2017",
            ),
        ],
        [
            "More than 45% of CLA are in EET",
            "Increase in numbers of CLA who we have been in contact with more than 90% of CLA in "
            "the last three months",
            "80% of CLA are in suitable accommodation",
        ],
    ),
    (
        PERMANENCE,
        "4.3",
        "Engage children and young people to inform the development of a new schools offer",
        "Head of School Improvement",
        [
            ("Engage with Lancashire Youth Council and share the new offer", "September 2017"),
            (
                "Present a summary of all priorities with all primary headteachers and senior "
                "leaders, through Autumn term headteacher forums",
                "December 2017",
            ),
            ("Write a summary of the priorities to add to Governor newsletter", "December 2017"),
            (
                "Brief all school advisers (primary, secondary and special) on the revised offer, "
                "so widening the knowledge base of the Improvement Service",
                "January 2018",
            ),
        ],
        ["Children and young play an active role and inform the new schools offer"],
    ),
    (
        PERMANENCE,
        "4.4",
        "Ensure placement sufficiency",
        "Head of Start Well Commissioning and Policy",
        [
            (
                "Evaluate the impact of the recent pilot of an Access to Resources Team (ART)",
                "September 2017",
            ),
            (
                "Produce and present an evidence based case for expansion of ART team in order "
                "to realise further improvements and savings",
                "September 2017",
            ),
            (
                "• Mobilise increased ART capacity and specifically:\n"
                "1. Take ownership of the 'business side' of children's social care by:\n"
                "2. Effective market management of the market\n"
                "3. Establish a more effective strategic overview of demand and sufficiency and "
                "strategy",
                "November 2017",
            ),
        ],
        ["Reduce emergency placements", "Reduce number of placement breakdowns"],
    ),
    (
        PERMANENCE,
        "4.5",
        "Develop and implement a delivery plan for the Residential Strategy and edge of care "
        "response",
        "Head of Youth Justice, Fostering and Adoption",
        [
            ("Strengthen outreach offer", "March 2018"),
            ("Pilot Adolescent Support Unit", "December 2017"),
            ("Increase Family Group Conference support", "March 2018"),
            ("Ensure consistent application of the Section 20 charging policy", "November 2017"),
            ("Develop a consistent approach to ensure health/ education contributions", "May 2018"),
            ("Improve placement finding", "November 2017"),
            ("Better scrutiny of placements", "November 2017"),
            ("Work with providers to develop bespoke complex placements", "June 2018"),
            ("Develop step down into fostering provision", "March 2018"),
            (
                "Creation of complex in-house beds to increase utilisation of mainstream homes",
                "July 2018",
            ),
            (
                "Consideration of collaborative block purchasing complex beds with other "
                "authorities",
                "September 2018",
            ),
            (
                "Creation of crisis unit to de-escalate/ prevent breakdown/ enable sourcing of "
                "best value placements",
                "July 2018",
            ),
        ],
        [
            "There are less than 64 CLA per 10,000 of the population",
            "Able to place more complex CYP",
            "Able to better manage emergencies and prevent placement breakdowns",
            "Less than 10% of CLA have more than three placement moves in a year",
            "Increased numbers of in-house Children's Homes placements to 54 by March 2019",
            "Reduction in the Number of 10-17 Year Olds Starting to be Looked After who are "
            "Accommodated Under Section 20 to 105 in March 2019",
        ],
    ),
    (
        PERMANENCE,
        "4.6",
        "Improve parallel planning",
        "Heads of Children's Social Care",
        [
            (
                "Improve the use of PLO and ensure all options are considered before court, "
                "especially kinship options",
                "March 2018",
            ),
        ],
        ["Less than 9% of CLA are placed with parents"],
    ),
]
