"""End to end in a real browser (Playwright, Debian's Chromium): a lead officer sends a return
with mistakes, sees each cell named, fixes it and sees it accepted; the performance officer
collects; the clerk builds the pack and opens the downloaded .docx; axe-core finds no serious
WCAG 2.2 AA violation on any page.

Set REPORTGEN_SCREENSHOTS=<folder> to keep a full-page screenshot of every page visited."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, LAUNCH_ARGS, axe_violations, serious, serving
from docx import Document
from web_support import (
    JOYCE,
    Q3,
    SLUG,
    complete,
    filled,
    links,
    make_workspace,
    settings_with_user,
)

from reportgen.returns.collect import CollectConfig, collect_returns
from reportgen.web.app import create_app

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)

MISTAKES = {
    "STRAT1.1": {"progress": "110%", "update": "Six new carers"},
    "STRAT1.2": {"progress": 60, "status": "Half way", "update": "Panel met"},
    "STRAT2.1": {"progress": "=40+5", "update": "Worked out"},
}
SHOTS = os.environ.get("REPORTGEN_SCREENSHOTS")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Any]]:
    workspace = make_workspace(tmp_path_factory.mktemp("browser") / "ws")
    app = create_app(workspace)
    with serving(app) as address:
        yield address, workspace, app


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        bypass_csp=True, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def look(page: Any, name: str) -> None:
    """Check the page with axe-core (no serious or critical violation) and keep a screenshot."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
    found = axe_violations(page)
    assert serious(found) == [], f"{name}: {found}"


def test_a_lead_officer_sees_each_cell_to_fix_then_is_accepted(page, site, tmp_path):
    address, workspace, _ = site
    joyce = links(workspace)[JOYCE]
    page.goto(f"{address}/r/{joyce.token}")
    assert page.title().startswith("Children and Families")
    look(page, "lead-before")

    wrong = tmp_path / joyce.file
    wrong.write_bytes(filled(workspace, joyce, complete(workspace, joyce) | MISTAKES))
    page.get_by_label("Your filled return (.xlsx)").set_input_files(str(wrong))
    page.get_by_role("button", name="Send and check").click()
    heading = page.get_by_role("heading", name=re.compile("Needs fixing: 3 errors"))
    heading.wait_for()
    cells = page.locator("table.problems td.cell-ref").all_inner_texts()
    assert cells[:3] == ["Actions!J5", "Actions!K6", "Actions!J10"]
    problems = page.locator("table.problems").inner_text()
    assert "'110%' is over 100%" in problems and "'Half way'" in problems
    assert page.evaluate("document.activeElement.hasAttribute('data-focus')")
    assert page.get_by_role("link", name="Download the checked copy").is_visible()
    look(page, "lead-needs-fixing")

    right = tmp_path / "fixed" / joyce.file
    right.parent.mkdir()
    right.write_bytes(filled(workspace, joyce, complete(workspace, joyce, progress=75)))
    page.get_by_label("Your filled return (.xlsx)").set_input_files(str(right))
    page.get_by_role("button", name="Send and check").click()
    page.get_by_role("heading", name=re.compile("Accepted")).wait_for()
    assert "There is nothing more to do" in page.locator("#outcome").inner_text()
    look(page, "lead-accepted")
    page.reload()
    assert page.locator("table").last.locator("tbody tr").count() == 2


def test_the_skip_link_and_focus_work_by_keyboard(page, site):
    address, workspace, _ = site
    joyce = links(workspace)[JOYCE]
    page.goto(f"{address}/r/{joyce.token}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    link = page.evaluate("document.activeElement.textContent")
    assert link == "Download your return (Excel)"
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert ring != "none" or shadow != "none"


def test_collect_build_and_download_the_pack(page, site, tmp_path):
    address, workspace, app = site
    submissions = app.state.web.submissions
    period = app.state.web.workspace.period_named(SLUG)
    for link in links(workspace).values():
        entries = complete(workspace, link, progress=80)
        if link.who == JOYCE:
            entries["STRAT1.1"]["update"] = "Eleven carers approved & <two> in assessment"
        data = filled(workspace, link, entries)
        assert submissions.receive(period, link, io.BytesIO(data), link.file).outcome == "accepted"

    page.goto(f"{address}/dashboard")
    assert page.locator(".counts li").nth(1).inner_text().startswith("5")
    look(page, "dashboard")
    page.get_by_role("button", name="Collect and merge what has come in").click()
    build_link = page.get_by_role("link", name="Build the papers from the merged returns")
    build_link.wait_for(timeout=120_000)
    assert "Merged into cfsw-service-plan.xlsx" in page.locator("#job").inner_text()
    look(page, "job-collect")
    build_link.click()
    assert page.get_by_label("Build from").input_value() == SLUG
    assert "No papers have been built yet" in page.locator("main").inner_text()
    look(page, "papers-before")
    pdf = shutil.which("soffice") is not None
    if pdf:
        page.get_by_label("Also make a PDF of each document").check()
    page.get_by_role("button", name="Build the papers").click()
    page.get_by_role("heading", name=re.compile("The papers are built")).wait_for(timeout=300_000)
    look(page, "job-build")
    page.get_by_role("link", name="See and download the papers").click()
    look(page, "papers")

    with page.expect_download() as download:
        page.get_by_role("link", name=".docx of cfsw-service-plan-committee-pack").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "cfsw-service-plan-committee-pack.docx"
    document = Document(str(path))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Eleven carers approved & <two> in assessment" in cells
    assert "Q3 2022/23" in cells
    assert "COMMITTEE" in paragraphs.upper() and "Appendix" in paragraphs

    if pdf:
        pages = "Look at the pages of cfsw-service-plan-committee-pack"
        page.get_by_role("link", name=pages).click()
        first = page.get_by_role("img", name=re.compile("Page 1 of"))
        first.wait_for()
        # the thumbnail is drawn when first asked for: wait for it to load (a loaded machine
        # takes seconds), then see that it is a page, not a broken image
        page.wait_for_function("(img) => img.complete", arg=first.element_handle(), timeout=60000)
        assert page.evaluate("(img) => img.naturalWidth > 100", first.element_handle())
        look(page, "pages")


def collected(app: Any, workspace: Path) -> None:
    """The quarter's returns sent and collected (as the test above does in the browser)."""
    if (workspace / "input" / SLUG).is_dir():
        return
    period = app.state.web.workspace.period_named(SLUG)
    for link in links(workspace).values():
        data = filled(workspace, link, complete(workspace, link, progress=80))
        app.state.web.submissions.receive(period, link, io.BytesIO(data), link.file)
    received = workspace / "returns" / SLUG / "received"
    config = CollectConfig(received, workspace / "input", Q3, archive_root=workspace / "archive",
                           workspace=workspace)  # fmt: skip
    assert collect_returns(config).ok


def test_the_clerk_reads_what_changed_since_the_last_report(page, site):
    address, workspace, app = site
    collected(app, workspace)
    page.goto(f"{address}/papers")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Changes").click()
    assert page.get_by_label("Compare").input_value() == SLUG
    look(page, "changes-before")
    page.get_by_role("button", name="Compare with the last report").click()
    page.get_by_role("heading", name="As the committee report says it").wait_for(timeout=120_000)
    progress = page.get_by_role("table", name=re.compile(r"^Progress: \d+ actions"))
    assert progress.get_by_role("rowheader", name="STRAT1.1").is_visible()
    assert progress.get_by_role("columnheader", name="Q2 2022/23").is_visible()
    assert "up 33 points" in progress.get_by_role("row", name=re.compile("^STRAT1.1")).inner_text()
    look(page, "job-changes")
    page.goto(f"{address}/changes")
    assert page.get_by_role("heading", name="Children and Families").first.is_visible()
    look(page, "changes")


def test_templates_fields_audit_and_refusals_pass_axe(page, site, root, tmp_path):
    address, workspace, _ = site
    page.goto(f"{address}/templates")
    look(page, "templates")
    document = Document(str(root / "templates" / "committee-report.docx"))
    document.add_paragraph("{{ report.no_such_field }}")
    broken = tmp_path / "committee-report.docx"
    document.save(str(broken))
    page.get_by_label("Document").select_option("committee-report")
    page.get_by_label("Template (.docx)").set_input_files(str(broken))
    page.get_by_role("button", name="Check the template").click()
    page.get_by_role("heading", name=re.compile("problem")).wait_for()
    assert "body paragraph" in page.locator("#template-report").inner_text()
    look(page, "templates-problems")

    page.goto(f"{address}/fields")
    assert page.get_by_role("heading", name="performance-report").is_visible()
    look(page, "fields")
    page.goto(f"{address}/audit")
    look(page, "audit")
    page.goto(f"{address}/r/{'x' * 43}")
    assert page.get_by_role("heading", name="This link is not a return's").is_visible()
    look(page, "bad-link")


def test_sign_in_by_keyboard_when_served_beyond_this_computer(browser, tmp_path):
    workspace = make_workspace(tmp_path / "ws", settings_with_user("Pat Clerk", "correct horse"))
    with serving(create_app(workspace, host="0.0.0.0")) as address:
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(f"{address}/papers")
        assert page.url.startswith(f"{address}/sign-in")
        look(page, "sign-in")
        page.get_by_label("Name").focus()
        page.keyboard.type("Pat Clerk")
        page.keyboard.press("Tab")
        page.keyboard.type("correct horse")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{address}/papers")
        assert page.get_by_text("Signed in as Pat Clerk").is_visible()
        context.close()
