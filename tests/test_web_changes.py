"""The clerk's "Changes since the last report" page over HTTP: nothing on record yet, then the
quarter's returns collected and compared with the last quarter, then returns with errors."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient
from web_support import JOYCE, SLUG, complete, csrf_of, filled, job_result, links, make_workspace

from reportgen.web.app import create_app


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace))


def post(client: TestClient, url: str, page: str, data: dict[str, str]):
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def compare(client: TestClient, source: str) -> tuple[dict, str]:
    """Compare ``source`` from the changes page; the finished job and its page."""
    started = post(client, "/changes", "/changes", {"source": source})
    assert started.status_code == 303, started.text
    job = job_result(client, started.headers["location"])
    return job, client.get(started.headers["location"]).text


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def table(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with ``caption`` (each cell's text)."""
    part = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    body = part.split("<tbody>", 1)[1]
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


JOYCES = {
    "STRAT1.1": {"progress": 100, "status": "Completed", "update": "All carers approved"},
    "STRAT1.2": {"progress": 90, "status": "In Progress", "update": "Panel met"},
    "STRAT1.5": {"progress": 66, "status": "Overdue", "update": "Waiting for the audit"},
    "STRAT2.2": {"progress": 70, "due_date": dt.datetime(2023, 6, 30), "update": "Later"},
}


def collect_q3(client: TestClient, workspace: Path) -> None:
    """Every lead sends their return on the web (Joyce's with JOYCES), then collect."""
    for link in links(workspace).values():
        entries = complete(workspace, link, progress=66)
        if link.who == JOYCE:
            entries = {code: entries[code] | JOYCES.get(code, {}) for code in entries}
        token = link.token
        page = client.get(f"/r/{token}")
        sent = client.post(
            f"/r/{token}/upload",
            data={"csrf_token": csrf_of(page.text)},
            files={"return_file": (link.file, filled(workspace, link, entries))},
        )
        assert "Accepted" in sent.text, text_of(sent.text)[:2000]
    started = post(client, "/dashboard/collect", "/dashboard", {"period": SLUG})
    assert job_result(client, started.headers["location"])["state"] == "done"


def test_the_changes_page_is_in_the_navigation_and_says_when_nothing_is_on_record(client):
    page = client.get("/dashboard").text
    assert '<a href="/changes">Changes</a>' in page
    page = client.get("/changes")
    assert page.status_code == 200
    assert '<a href="/changes" aria-current="page">Changes</a>' in page.text
    assert "have not been compared yet" in page.text
    job, shown = compare(client, "input")
    assert job["state"] == "done", job
    plan = job["result"]["plans"][0]
    assert plan["file"] == "cfsw-service-plan.xlsx" and plan["since"] is None
    assert "Nothing to compare Q2 2022/23 with yet" in shown
    assert "No earlier period of this plan is on record in the history folder" in shown
    again = client.get("/changes?source=input").text
    assert "Nothing to compare Q2 2022/23 with yet" in again and "Compared " in again
    assert client.get("/changes?source=nowhere").status_code == 404


def test_a_collected_quarter_is_compared_with_the_last_on_record(client, workspace):
    collect_q3(client, workspace)
    assert f'<option value="{SLUG}" selected>' in client.get("/changes").text
    job, shown = compare(client, SLUG)
    assert job["state"] == "done", job
    assert job["lines"][0] == f"Checking the returns in input/{SLUG}/"
    plan = job["result"]["plans"][0]
    assert (plan["since"], plan["period"]) == ("Q2 2022/23", "Q3 2022/23")
    assert "Q3 2022/23 compared with Q2 2022/23, the last period on record." in shown
    headers = re.findall(r'<th scope="col">([^<]*)</th>', shown.split("Actions completed")[1])
    assert headers[:5] == ["Action", "Title", "Q2 2022/23", "Q3 2022/23", "Change"]
    completed = table(shown, "Actions completed: 1 action")
    assert [row[0] for row in completed] == ["STRAT1.1"]
    assert completed[0][2:] == ["Check Progress, 47%", "Completed, 100%", "up 53 points"], completed
    overdue = table(shown, "Actions newly overdue: 1 action")
    assert overdue[0][0] == "STRAT1.5" and overdue[0][3].startswith("Overdue")
    caption = re.findall(r"Progress: \d+ actions", shown)[0]
    progress = {row[0]: row for row in table(shown, caption)}
    assert progress["STRAT1.2"][2:] == ["83%", "90%", "up 7 points"]
    moved = table(shown, "Due dates moved: 1 action")
    assert moved[0][0] == "STRAT2.2"
    assert moved[0][2:] == ["31-Mar-2023", "30-Jun-2023", "three months later"]
    paragraphs = text_of(shown.split("As the committee report says it", 1)[1].split("</ol>")[0])
    assert "Since the last report (Q2 2022/23), overall progress" in paragraphs
    assert "STRAT1.1" in paragraphs and "has been completed" in paragraphs


def test_returns_with_errors_are_named_and_not_compared(client, workspace):
    collect_q3(client, workspace)
    merged = workspace / "input" / SLUG / "cfsw-service-plan.xlsx"
    book = load_workbook(merged)
    book["Actions"]["I6"] = "110%"
    book.save(merged)
    job, shown = compare(client, SLUG)
    assert job["state"] == "problems", job
    assert job["result"]["plans"] == []
    assert [w["file"] for w in job["result"]["errors"]] == ["cfsw-service-plan.xlsx"]
    assert "1 workbook has errors, so it is not compared" in shown
    assert '<td class="cell-ref">Actions!I6 (Progress %)</td>' in shown
    assert "over 100%" in shown
