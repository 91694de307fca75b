"""History: each period's figures kept, compared with the last period on record, and worded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document
from workbooks import PLAN, Q2_FOLDER, ROWS, write_service_workbook

from reportgen import BuildConfig, build, changes
from reportgen.documents.changes import change_statements
from reportgen.history.changes import compare
from reportgen.pipeline import workbooks as build_module
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import Status
from reportgen.schema.history import ActionRecord, MeasureRecord, PeriodRecord
from reportgen.write.history import HistoryStore

Q2, Q3 = ReportingPeriod.parse("Q2 2022/23"), ReportingPeriod.parse("Q3 2022/23")
MAR23 = dt.date(2023, 3, 31)


def action(code: str, progress: float | None, status: Status, due=MAR23) -> ActionRecord:
    return ActionRecord(code=code, title=f"Action {code}", progress=progress, status=status,
                        due_date=due)  # fmt: skip


def measure(code: str, value: float, status: str) -> MeasureRecord:
    return MeasureRecord(
        code=code, title=f"Indicator {code}", unit="%", target="30%", value=value,
        value_period="Q3 2022/23" if status == "On target" else "Q2 2022/23", status=status,
    )  # fmt: skip


def record(period: ReportingPeriod, actions, measures=(), progress=50.0) -> PeriodRecord:
    return PeriodRecord(
        plan="plan",
        plan_title="Service Plan",
        service="Social Work",
        source="plan.xlsx",
        period=period.label,
        period_end=period.end,
        progress=progress,
        actions=list(actions),
        measures=list(measures),
    )


BEFORE = record(
    Q2,
    [
        action("A1", 80, Status.IN_PROGRESS),
        action("A2", 40, Status.IN_PROGRESS, dt.date(2022, 12, 31)),
        action("A3", 50, Status.IN_PROGRESS),
        action("A4", 10, Status.CHECK_PROGRESS),
        action("A5", 20, Status.IN_PROGRESS),
        action("A6", 20, Status.NOT_STARTED),
    ],
    [measure("M1", 26, "Off target"), measure("M2", 10, "On target")],
    progress=40,
)
AFTER = record(
    Q3,
    [
        action("A1", 100, Status.COMPLETED),
        action("A2", 40, Status.OVERDUE, dt.date(2022, 11, 30)),
        action("A3", 50, Status.CANCELLED),
        action("A4", 30, Status.IN_PROGRESS),
        action("A6", 20, Status.NOT_STARTED),
        action("A7", 0, Status.NOT_STARTED),
    ],
    [measure("M1", 31, "On target"), measure("M2", 10, "On target")],
    progress=55,
)


def codes(found) -> list[str]:
    return [change.code for change in found]


def test_compare_files_each_change_under_its_kind():
    found = compare(BEFORE, AFTER)
    assert (found.since, found.period) == ("Q2 2022/23", "Q3 2022/23")
    assert codes(found.completed) == ["A1"]
    assert codes(found.newly_overdue) == ["A2"]
    assert codes(found.cancelled) == ["A3"]
    assert codes(found.status_changed) == ["A4"]
    assert codes(found.progress_moved) == ["A1", "A4"]
    assert codes(found.due_dates_moved) == ["A2"]
    assert codes(found.new) == ["A7"] and codes(found.withdrawn) == ["A5"]
    assert [(c.code, c.crossed) for c in found.indicators] == [("M1", True)]
    data = found.to_dict()
    assert data["completed"][0]["before"] == {"status": "In Progress", "progress": 80.0,
                                              "due_date": "2023-03-31"}  # fmt: skip
    assert data["indicators"][0]["after"]["value"] == 31
    assert json.dumps(data)  # plain data


def test_statements_say_before_and_after_for_one_and_many():
    statements = change_statements(compare(BEFORE, AFTER))
    texts = [s.text for s in statements]
    assert texts[0] == (
        "Since the last report (Q2 2022/23), overall progress on the Service Plan has moved from "
        "40% to 55% (up 15 points)."
    )
    assert "One action has been completed:" in texts
    assert "One action has become overdue:" in texts
    assert "One other action changed status:" in texts
    assert "Progress changed on two actions:" in texts
    assert "One action is no longer in the plan:" in texts
    items = [item for s in statements for item in s.items]
    assert "A1 Action A1: from In Progress, 80% to Completed, 100% (up 20 points)" in items
    assert "A2 Action A2: from 31-Dec-2022 to 30-Nov-2022 (one month earlier)" in items
    assert "A7 Action A7: Not Started, 0%" in items
    assert "A5 Action A5: was In Progress, 20%" in items
    assert (
        "M1 Indicator M1: from 26% in Q2 2022/23, Off target to 31% in Q3 2022/23, On target "
        "(now meets its target of 30%)"
    ) in items


def test_nothing_changed_is_said_once():
    statements = change_statements(
        compare(BEFORE, BEFORE.model_copy(update={"period": "Q3 2022/23"}))
    )
    assert [s.text for s in statements][1:] == [
        "No action or indicator changed status, progress or due date since Q2 2022/23."
    ]
    assert "is unchanged at 40%" in statements[0].text


def test_the_store_keeps_records_by_plan_and_period_and_reads_earlier_ones(tmp_path):
    store = HistoryStore(tmp_path / "history")
    later = AFTER.model_copy(update={"period": "Q4 2022/23"})
    for item in (later, BEFORE, AFTER):
        store.save(item)
    assert store.path("plan", Q3) == tmp_path / "history" / "plan" / "2022-23 Q3.json"
    found = store.before("plan", ReportingPeriod.parse("Q4 2022/23"))
    assert [r.period for r in found.records] == ["Q2 2022/23", "Q3 2022/23"]
    assert found.problems == []
    (tmp_path / "history" / "plan" / "2022-23 Q1.json").write_text("{not json")
    again = store.before("plan", Q3)
    assert [r.period for r in again.records] == ["Q2 2022/23"]
    assert [(p.type, p.location.file) for p in again.problems] == [
        ("bad-history", "2022-23 Q1.json")
    ]


def _project(tmp_path: Path, templates_dir: Path) -> BuildConfig:
    write_service_workbook(tmp_path / "input" / "plan.xlsx")
    return BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=tmp_path / "output",
        templates_dir=templates_dir,
        history_dir=tmp_path / "history",
        jobs=1,
    )


def test_a_build_keeps_its_period_and_the_next_compares_with_it(tmp_path, templates_dir):
    config = _project(tmp_path, templates_dir)
    first = build(config)
    assert first.ok, first.failure
    assert ("plan.xlsx", "changes", "no earlier period") in [
        (p.name, d, r[:17]) for p, d, r in first.skipped_documents
    ]
    kept = json.loads((tmp_path / "history" / "cfsw-sp2023" / "2022-23 Q2.json").read_text())
    assert kept["period"] == "Q2 2022/23" and kept["source"] == "plan.xlsx"
    assert {a["code"]: a["progress"] for a in kept["actions"]}["STRAT1"] == pytest.approx(72.4)
    rows = [list(r) for r in ROWS]
    rows[2][6] = 60  # STRAT1.1 47% → 60%
    write_service_workbook(
        tmp_path / "input" / "plan.xlsx", rows=rows, plan={**PLAN, "Reporting Period": "Q3 2022/23"}
    )
    second = build(config)
    assert second.ok, second.failure
    document = Document(tmp_path / "output" / "2022-23 Q3" / "plan-changes.docx")
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["STRAT1.1", "Kinship and foster care increases", "47%", "60%", "up 13 points"] in rows
    found = changes(config)
    assert [p.changes.since for p in found.plans] == ["Q2 2022/23"]
    assert found.to_dict()["plans"][0]["changes"]["progress_moved"][0]["code"] == "STRAT1.1"


def test_a_changed_earlier_record_rebuilds_what_compares_with_it(
    tmp_path, templates_dir, monkeypatch
):
    config = _project(tmp_path, templates_dir)
    build(config)
    write_service_workbook(
        tmp_path / "input" / "plan.xlsx", plan={**PLAN, "Reporting Period": "Q3 2022/23"}
    )
    built: list[str] = []
    real = build_module.build_workbook

    def counting(path, *args):
        built.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(build_module, "build_workbook", counting)
    build(config)
    build(config)
    assert built == ["plan.xlsx"]  # the second Q3 build re-used the first
    q2 = tmp_path / "history" / "cfsw-sp2023" / "2022-23 Q2.json"
    q2.write_text(q2.read_text().replace('"progress": 47.0', '"progress": 40.0'))
    build(config)
    assert built == ["plan.xlsx", "plan.xlsx"]
    assert (tmp_path / "output" / Q2_FOLDER / "plan-performance-report.docx").is_file()
