"""The performance officer's and the clerk's pages over HTTP: the dashboard, issue, collect,
build and download, templates, the field reference, the audit trail, sign-in and path safety."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from starlette.routing import Route
from starlette.testclient import TestClient
from web_support import (
    ANDY,
    JOYCE,
    SLUG,
    codes,
    complete,
    csrf_of,
    filled,
    job_result,
    links,
    make_workspace,
    settings_with_user,
)

from reportgen.web.app import create_app

HEAD = "Head of Children and Families and Criminal Justice Services"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace))


def send(client: TestClient, token: str, data: bytes):
    page = client.get(f"/r/{token}")
    return client.post(
        f"/r/{token}/upload",
        data={"csrf_token": csrf_of(page.text)},
        files={"return_file": ("return.xlsx", data)},
    )


def post(client: TestClient, url: str, page: str, data: dict[str, str], **kwargs):
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False, **kwargs)


def status_cells(html: str, lead: str) -> str:
    row = html.split(f'<th scope="row">{lead}</th>', 1)[1].split("</tr>", 1)[0]
    return row


def test_dashboard_counts_and_chases_per_lead(client, workspace):
    everyone = links(workspace)
    joyce, andy = everyone[JOYCE], everyone[ANDY]
    send(client, joyce.token, filled(workspace, joyce, complete(workspace, joyce)))
    send(client, andy.token, filled(workspace, andy, {"SERV1": {"progress": 140}}))
    page = client.get("/dashboard")
    assert page.status_code == 200
    html = page.text
    assert "Q3 2022/23 returns" in html and "Due Friday 20 January 2023" in html
    assert "2 of 5 returns received" in html
    assert "Accepted" in status_cells(html, JOYCE)
    assert "Needs fixing" in status_cells(html, ANDY)
    assert "Missing" in status_cells(html, HEAD)
    chase = html.split('id="chase"', 1)[1].split("</textarea>", 1)[0]
    service = "Children and Families &amp; Criminal Justice Social Work"
    assert f"{ANDY} ({service}): 1 problem to fix. http://testserver/r/{andy.token}" in chase
    assert f"{HEAD} (" in chase and everyone[HEAD].token in chase
    assert JOYCE not in chase


def test_issue_from_the_dashboard_makes_returns_links_and_a_mail_merge(tmp_path):
    root = tmp_path / "fresh"
    (root / "input").mkdir(parents=True)
    import shutil

    shutil.copy(Path(__file__).parent.parent / "input" / "cfsw-service-plan.xlsx", root / "input")
    client = TestClient(create_app(root))
    page = client.get("/dashboard")
    assert "No returns have been issued" in page.text
    assert 'name="period" value="Q3 2022/23"' in page.text  # after the workbook's Q2
    started = post(
        client,
        "/dashboard/issue",
        "/dashboard",
        {"period": "Q3 2022/23", "due": "2023-01-20", "by": "lead"},
    )
    assert started.status_code == 303
    job = job_result(client, started.headers["location"])
    assert job["state"] == "done", job
    assert len(job["result"]["issued"]) == 5
    shown = client.get(started.headers["location"]).text
    assert "5 returns issued for Q3 2022/23" in shown
    assert "<h1>Issue: Q3 2022/23</h1>" in shown
    merge = client.get(f"/dashboard/{SLUG}/mail-merge.csv")
    assert merge.status_code == 200
    rows = list(csv.DictReader(io.StringIO(merge.content.decode("utf-8-sig"))))
    assert [r["Lead Officer"] for r in rows][1] == JOYCE
    assert all(r["Link"].startswith("http://testserver/r/") for r in rows)
    assert rows[1]["Due"] == "20/01/2023"
    issued = root / "returns" / SLUG / "issued" / rows[1]["Return File"]
    instructions = load_workbook(issued)["Instructions"]
    cells = {row[0].value: row[1] for row in instructions.iter_rows(min_row=3, max_row=12)}
    assert cells["Your return's page"].value == rows[1]["Link"]
    assert cells["Your return's page"].hyperlink.target == rows[1]["Link"]
    assert cells["Send it back by"].value == "Friday 20 January 2023"
    assert client.get(rows[1]["Link"].removeprefix("http://testserver")).status_code == 200


def issue_again(client: TestClient, **options: str) -> tuple[dict, str]:
    """Issue Q3 again from the dashboard with ``options`` ticked; the job and its page."""
    form = {"period": "Q3 2022/23", "due": "2023-01-20", "by": "lead"}
    started = post(client, "/dashboard/issue", "/dashboard", form | options)
    assert started.status_code == 303
    return job_result(client, started.headers["location"]), client.get(
        started.headers["location"]
    ).text


def test_issuing_again_keeps_returns_unless_asked_and_can_include_closed_actions(client, workspace):
    page = client.get("/dashboard").text
    assert '<label for="force">Replace returns already issued</label>' in page
    assert '<label for="include-closed">Include completed and cancelled actions</label>' in page
    assert 'aria-describedby="force-warning"' in page and "<strong>Warning:</strong>" in page
    issued = workspace / "returns" / SLUG / "issued"
    before = {p.name: p.read_bytes() for p in issued.iterdir()}
    tokens = sorted(link.token for link in links(workspace).values())
    joyce = links(workspace)[JOYCE]
    codes_before = codes(workspace, joyce)

    job, shown = issue_again(client)
    assert job["state"] == "problems", job
    assert job["result"]["kept"] == sorted(before) and len(before) == 5
    assert "Nothing was issued: 5 returns for Q3 2022/23 were issued already" in shown
    assert "<caption>Returns kept because they were issued already</caption>" in shown
    assert all(f"<td>{name}</td>" in shown for name in before)
    assert {p.name: p.read_bytes() for p in issued.iterdir()} == before

    job, shown = issue_again(client, force="yes")
    assert job["state"] == "done", job
    assert [i["replaced"] for i in job["result"]["issued"]] == [True] * 5
    closed = job["result"]["closed"]
    assert closed and not set(closed) & set(codes_before)
    assert f"not issued: {', '.join(closed)}" in shown
    assert shown.count("</span>Yes</strong>") == 5
    assert codes(workspace, joyce) == codes_before

    job, shown = issue_again(client, force="yes", include_closed="yes")
    assert job["state"] == "done", job
    assert job["result"]["closed"] == []
    assert set(codes(workspace, joyce)) - set(codes_before) <= set(closed)
    assert len(codes(workspace, joyce)) > len(codes_before)
    assert sorted(link.token for link in links(workspace).values()) == tokens  # links kept
    assert job["lines"][0] == (
        "Issuing Q3 2022/23 returns from input/ (completed and cancelled actions included, "
        "replacing returns already issued)"
    )


def test_collect_then_build_then_download_the_papers(client, workspace):
    for link in links(workspace).values():
        entries = complete(workspace, link, progress=65)
        if link.who == JOYCE:
            entries["STRAT1.1"]["update"] = "Eleven carers approved & <two> in assessment"
        assert send(client, link.token, filled(workspace, link, entries)).status_code == 200
    started = post(client, "/dashboard/collect", "/dashboard", {"period": SLUG})
    assert started.status_code == 303
    collected = job_result(client, started.headers["location"])
    assert collected["state"] == "done", collected
    assert collected["result"]["services"][0]["merged"] == "cfsw-service-plan.xlsx"
    assert (workspace / "input" / SLUG / "cfsw-service-plan.xlsx").is_file()
    assert "Merged" in client.get(started.headers["location"]).text

    papers = client.get("/papers")
    assert f'<option value="{SLUG}" selected>' in papers.text
    assert "No papers have been built yet" in papers.text
    started = post(client, "/papers/build", "/papers", {"source": SLUG})
    built = job_result(client, started.headers["location"], wait=300)
    assert built["state"] == "done", built
    assert built["result"]["shelf"] == "2022-23 Q3"
    assert built["lines"][-1].endswith("written or changed in output/2022-23 Q3/")
    shown = client.get(started.headers["location"]).text
    assert 'href="/papers?shelf=2022-23%20Q3"' in shown
    listing = client.get("/papers?shelf=2022-23 Q3").text
    assert "cfsw-service-plan-performance-report" in listing
    report = client.get("/papers/2022-23 Q3/file/cfsw-service-plan-performance-report.docx")
    assert report.status_code == 200
    document = Document(io.BytesIO(report.content))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Eleven carers approved & <two> in assessment" in text
    assert "Q3 2022/23" in text
    bundle = client.get("/papers/2022-23%20Q3/papers.zip")
    assert bundle.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert "cfsw-service-plan-performance-report.docx" in names
    assert "cfsw-service-plan-committee-pack.docx" in names
    trail = client.get("/audit").text
    assert "sent return: accepted" in trail and "finished build: done" in trail


def test_only_one_job_at_a_time(client, workspace):
    store = client.app.state.web.store
    running = store.start_job("build", "input", "someone")
    refused = post(client, "/papers/build", "/papers", {"source": "input"})
    assert refused.status_code == 409
    assert "Another job is running" in refused.text
    store.finish_job(running, "done", {})


def test_template_check_names_places_and_a_clean_one_can_be_used(client, workspace, root):
    good = (root / "templates" / "performance-report.docx").read_bytes()
    document = Document(io.BytesIO(good))
    document.add_paragraph("{{ plan.no_such_field }} and {% if %}")
    broken = io.BytesIO()
    document.save(broken)
    checked = post(
        client,
        "/templates/check",
        "/templates",
        {"document": "performance-report"},
        files={"template_file": ("mine.docx", broken.getvalue())},
    )
    assert checked.status_code == 422
    assert "problem" in checked.text and "body paragraph" in checked.text
    assert not (workspace / "templates" / "performance-report.docx").exists()

    clean = post(
        client,
        "/templates/check",
        "/templates",
        {"document": "performance-report"},
        files={"template_file": ("mine.docx", good)},
    )
    assert clean.status_code == 200 and "No problems" in clean.text
    candidate = clean.text.split('name="candidate" value="', 1)[1].split('"', 1)[0]
    used = post(
        client,
        "/templates/use",
        "/templates",
        {"document": "performance-report", "candidate": candidate},
    )
    assert used.status_code == 200 and "now uses the template you sent" in used.text
    assert (workspace / "templates" / "performance-report.docx").read_bytes() == good
    again = post(
        client,
        "/templates/use",
        "/templates",
        {"document": "performance-report", "candidate": "../" + candidate},
    )
    assert again.status_code == 404


def test_a_template_that_is_not_a_word_document_is_refused(client, workspace):
    joyce = links(workspace)[JOYCE]
    answer = post(
        client,
        "/templates/check",
        "/templates",
        {"document": "performance-report"},
        files={"template_file": ("report.docx", filled(workspace, joyce, {}))},
    )
    assert answer.status_code == 415
    assert "not a Word document (.docx)" in answer.text


def test_field_reference_and_template_download(client):
    page = client.get("/fields")
    assert page.status_code == 200
    assert '<h2 id="fields-performance-report">performance-report</h2>' in page.text
    assert '<a href="#fields-performance-report">' in page.text and "<table>" in page.text
    assert page.text.count("<h1>") == 1
    assert "uk_date" in page.text
    download = client.get("/templates/committee-report.docx")
    assert download.status_code == 200 and download.content.startswith(b"PK")
    assert client.get("/templates/nothing.docx").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/papers/2022-23 Q3/file/..%2F..%2Freportgen.toml",
        "/papers/2022-23 Q3/file/..%2F..%2Finput%2Fcfsw-service-plan.xlsx",
        "/papers/2022-23 Q3/file/%2Fetc%2Fpasswd",
        "/papers/2022-23 Q3/file/report.docx.xlsx",
        "/papers/..%2F..%2Fetc/file/passwd.docx",
        "/papers/..%2F/file/x.docx",
        "/papers/.cache/file/builds.json",
        "/papers/2022-23 Q3/pages/..%2F..%2Fx.pdf",
        "/papers/2022-23 Q3/pages/report.pdf/1.png",
        "/papers/2022-23 Q3/pages/report.pdf/99.png",
        "/dashboard/..%2F..%2F/mail-merge.csv",
        "/templates/..%2F..%2Freportgen.docx",
        "/jobs/999",
    ],
)
def test_no_path_from_a_request_leaves_its_folder(client, workspace, url):
    shelf = workspace / "output" / "2022-23 Q3"
    shelf.mkdir(parents=True)
    (shelf / "report.docx").write_bytes(b"PK report")
    (shelf / "report.docx.xlsx").write_bytes(b"PK not a paper")
    (workspace / "output" / ".cache").mkdir()
    (workspace / "output" / ".cache" / "builds.json").write_text("{}")
    (workspace / "reportgen.toml").touch()
    assert client.get("/papers/2022-23 Q3/file/report.docx").content == b"PK report"
    answer = client.get(url)
    assert answer.status_code == 404
    assert "PK" not in answer.text[:2]


def test_a_link_in_the_output_folder_is_not_followed(client, workspace):
    shelf = workspace / "output" / "2022-23 Q3"
    shelf.mkdir(parents=True)
    secret = workspace.parent / "secret.docx"
    secret.write_bytes(b"PK secret")
    (shelf / "leak.docx").symlink_to(secret)
    (shelf / "paper.docx").write_bytes(b"PK paper")
    (workspace / "output" / "elsewhere").symlink_to(workspace.parent)
    assert client.get("/papers/2022-23 Q3/file/paper.docx").status_code == 200
    assert client.get("/papers/2022-23 Q3/file/leak.docx").status_code == 404
    assert client.get("/papers/elsewhere/file/secret.docx").status_code == 404


def test_every_post_is_refused_without_its_csrf_token(client, workspace):
    joyce = links(workspace)[JOYCE]
    posts = [
        r.path.replace("{token}", joyce.token)
        for r in client.app.routes
        if isinstance(r, Route) and "POST" in (r.methods or ())
    ]
    assert len(posts) >= 8
    client.get("/dashboard")
    for path in posts:
        answer = client.post(path, data={"period": SLUG, "source": "input"})
        assert answer.status_code == 403, path


def test_security_headers_on_every_page(client, workspace):
    page = client.get("/dashboard")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_staff_pages_need_sign_in_when_not_bound_to_this_computer(workspace):
    (workspace / "reportgen.toml").write_text(settings_with_user("Pat Clerk", "correct horse"))
    client = TestClient(create_app(workspace, host="0.0.0.0"))
    for page in ("/dashboard", "/papers", "/templates", "/fields", "/audit", "/"):
        answer = client.get(page, follow_redirects=False)
        assert answer.status_code == 303, page
        assert answer.headers["location"].startswith("/sign-in?next=")
    refused = post(client, "/dashboard/collect", "/sign-in", {"period": SLUG})
    assert refused.status_code == 401
    joyce = links(workspace)[JOYCE]
    assert client.get(f"/r/{joyce.token}").status_code == 200  # the link is the key

    wrong = post(client, "/sign-in", "/sign-in", {"name": "Pat Clerk", "password": "nope"})
    assert wrong.status_code == 401 and "did not match" in wrong.text
    signed = post(
        client,
        "/sign-in",
        "/sign-in?next=/papers",
        {"name": "Pat Clerk", "password": "correct horse", "next": "//evil.example/"},
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/"
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200 and "Signed in as Pat Clerk" in dashboard.text
    out = post(client, "/sign-out", "/dashboard", {})
    assert out.status_code == 303
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    trail = client.app.state.web.store.audit_trail()
    assert [e["action"] for e in trail][:3] == ["signed out", "signed in", "sign-in refused"]


def test_sign_in_pauses_after_five_failures(workspace):
    (workspace / "reportgen.toml").write_text(settings_with_user("Pat Clerk", "correct horse"))
    client = TestClient(create_app(workspace, host="0.0.0.0"))
    for _ in range(5):
        post(client, "/sign-in", "/sign-in", {"name": "Pat Clerk", "password": "guess"})
    right = post(client, "/sign-in", "/sign-in", {"name": "Pat Clerk", "password": "correct horse"})
    assert right.status_code == 401


def test_the_proxy_user_header_is_believed_only_from_the_proxy(workspace):
    settings = '[serve]\nuser_header = "X-Remote-User"\ntrusted_proxies = ["testclient"]\n'
    (workspace / "reportgen.toml").write_text(settings)
    client = TestClient(create_app(workspace, host="0.0.0.0"))
    page = client.get("/dashboard", headers={"X-Remote-User": "pat.clerk@council.gov.uk"})
    assert page.status_code == 200 and "Signed in as pat.clerk@council.gov.uk" in page.text
    (workspace / "reportgen.toml").write_text(
        '[serve]\nuser_header = "X-Remote-User"\ntrusted_proxies = ["10.0.0.5"]\n'
    )
    elsewhere = TestClient(create_app(workspace, host="0.0.0.0"))
    answer = elsewhere.get(
        "/dashboard", headers={"X-Remote-User": "pat.clerk@council.gov.uk"}, follow_redirects=False
    )
    assert answer.status_code == 303
