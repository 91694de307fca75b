"""A workspace for the web tests: the example service workbook, Q3 2022/23 returns issued with
links, and helpers that fill a return as a lead officer would (openpyxl for Excel)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from reportgen.returns.issue import issue_returns
from reportgen.returns.layout import COLUMNS, HEADING_ROW, INDICATOR_COLUMNS, INDICATORS_SHEET
from reportgen.returns.links import LinkBook, ReturnLink, load_links
from reportgen.rules.periods import ReportingPeriod

ROOT = Path(__file__).resolve().parent.parent
Q3 = ReportingPeriod.parse("Q3 2022/23")
SLUG = "Q3-2022-23"
DUE = dt.date(2023, 1, 20)
JOYCE = "Joyce Johnston"
ANDY = "Andy Doneghan"


def make_workspace(root: Path, settings: str = "") -> Path:
    """``root`` as a workspace: input/ with the example service workbook, returns issued."""
    (root / "input").mkdir(parents=True)
    shutil.copy(ROOT / "input" / "cfsw-service-plan.xlsx", root / "input")
    if settings:
        (root / "reportgen.toml").write_text(settings)
    issued = root / "returns" / SLUG / "issued"
    report = issue_returns(
        root / "input", issued, Q3, "lead", LinkBook(issued.parent, "http://testserver"), DUE
    )
    assert report.ok, report.sources
    return root


def links(root: Path) -> dict[str, ReturnLink]:
    """The issued links by lead officer."""
    kept = load_links(root / "returns" / SLUG)
    assert kept is not None
    return {link.who: link for link in kept.links}


def column(name: str) -> int:
    return [c.name for c in COLUMNS].index(name) + 1


def filled(
    root: Path, link: ReturnLink, entries: dict[str, dict[str, Any]], indicators: bool = True
) -> bytes:
    """The issued return of ``link`` with ``entries`` typed in, by action code and column, and
    (with ``indicators``) a value and commentary for each of its indicators."""
    book = load_workbook(root / "returns" / SLUG / "issued" / link.file)
    sheet = book["Actions"]
    rows = {sheet.cell(r, 1).value: r for r in range(HEADING_ROW + 1, sheet.max_row + 1)}
    for code, values in entries.items():
        for name, value in values.items():
            sheet.cell(rows[code], column(name)).value = value
    if indicators and INDICATORS_SHEET in book.sheetnames:
        names = [c.name for c in INDICATOR_COLUMNS]
        measures = book[INDICATORS_SHEET]
        for row in range(HEADING_ROW + 1, measures.max_row + 1):
            if measures.cell(row, 1).value:
                measures.cell(row, names.index("value") + 1).value = 40 + row
                measures.cell(row, names.index("commentary") + 1).value = "As expected"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def codes(root: Path, link: ReturnLink) -> list[str]:
    book = load_workbook(root / "returns" / SLUG / "issued" / link.file, read_only=True)
    sheet = book["Actions"]
    found = [row[0] for row in sheet.iter_rows(min_row=HEADING_ROW + 1, values_only=True)]
    book.close()
    return [code for code in found if code]


def complete(root: Path, link: ReturnLink, progress: int = 50) -> dict[str, dict[str, Any]]:
    """Entries that fill every row of ``link``'s return well."""
    return {
        code: {"progress": progress, "status": "In Progress", "update": f"{code}: work goes on"}
        for code in codes(root, link)
    }


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def job_result(client: Any, location: str, wait: float = 120) -> dict[str, Any]:
    """Follow a job page until the job has finished; its row from the database."""
    import time

    job_id = int(location.rsplit("/", 1)[1])
    store = client.app.state.web.store
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        job = store.job(job_id)
        if job is not None and not job.running:
            return {"state": job.state, "result": job.result, "lines": job.lines, "id": job_id}
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {wait} s")


def settings_with_user(name: str, password: str, extra: str = "") -> str:
    from reportgen.web.security import hash_password

    return f'[serve]\n{extra}\n[serve.users]\n"{name}" = "{hash_password(password)}"\n'


def dump(data: Any) -> str:
    return json.dumps(data, indent=1, default=str)
