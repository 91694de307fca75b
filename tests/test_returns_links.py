"""Each issued return's own link: made by ``returns issue``, kept when issued again, listed for a
mail merge; and checking one return as it arrives (``returns.feedback``)."""

from __future__ import annotations

import csv
import io
import shutil

from click.testing import CliRunner
from openpyxl import load_workbook
from web_support import ANDY, JOYCE, Q3, ROOT, SLUG, complete, filled, links, make_workspace

from reportgen.cli import cli
from reportgen.returns.feedback import PlanCache, check_return
from reportgen.returns.links import LINKS_FILE, MAIL_MERGE_FILE, inert, load_links


def test_issue_links_every_return_and_issuing_again_keeps_them(tmp_path, monkeypatch):
    (tmp_path / "input").mkdir()
    shutil.copy(ROOT / "input" / "cfsw-service-plan.xlsx", tmp_path / "input")
    monkeypatch.chdir(tmp_path)
    command = ["returns", "issue", "--period", "Q3 2022/23", "--due", "20/01/2023"]
    base = ["--base-url", "https://reportgen.example.gov.uk"]
    first = CliRunner().invoke(cli, command + base)
    assert first.exit_code == 0, first.output
    assert f"returns/{SLUG}/{MAIL_MERGE_FILE}" in first.output
    kept = load_links(tmp_path / "returns" / SLUG)
    assert kept is not None and kept.period == Q3 and str(kept.due) == "2023-01-20"
    assert len(kept.links) == 5 and len({link.token for link in kept.links}) == 5
    assert all(len(link.token) >= 40 for link in kept.links)
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "returns" / SLUG / MAIL_MERGE_FILE).read_text("utf-8-sig"))
        )
    )
    joyce = next(link for link in kept.links if link.lead == JOYCE)
    assert {
        "Lead Officer": JOYCE,
        "Link": f"https://reportgen.example.gov.uk/r/{joyce.token}",
    }.items() <= next(r for r in rows if r["Lead Officer"] == JOYCE).items()
    assert (joyce.actions, joyce.indicators) == (9, 9)  # STRAT1.4, completed, is not issued

    again = CliRunner().invoke(cli, [*command, "--force"])
    assert again.exit_code == 0, again.output
    assert "links are paths only" in again.output
    reissued = load_links(tmp_path / "returns" / SLUG)
    assert reissued is not None
    assert {link.key: link.token for link in reissued.links} == {
        link.key: link.token for link in kept.links
    }


def test_links_are_private_to_the_workspace_not_the_returns(tmp_path):
    root = make_workspace(tmp_path / "ws")
    folder = root / "returns" / SLUG
    assert (folder / LINKS_FILE).is_file() and not (folder / "issued" / LINKS_FILE).exists()
    andy = links(root)[ANDY]
    book = load_workbook(folder / "issued" / andy.file)
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row)
    assert andy.token in text
    assert all(other.token not in text for other in links(root).values() if other != andy)


def test_mail_merge_cells_are_never_formulas():
    assert inert('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert inert("+44 1343") == "'+44 1343"
    assert inert("@team") == "'@team"
    assert inert("Joyce Johnston") == "Joyce Johnston"


def test_check_return_refuses_another_officers_and_checks_its_own(tmp_path):
    root = make_workspace(tmp_path / "ws")
    joyce, andy = links(root)[JOYCE], links(root)[ANDY]
    sent = tmp_path / joyce.file
    sent.write_bytes(filled(root, andy, complete(root, andy)))
    cache = PlanCache()
    refused = check_return(sent, root / "input", cache, joyce, Q3)
    assert refused.failure is not None
    assert (
        "return of Andy Doneghan" in refused.failure and "not Joyce Johnston's" in refused.failure
    )

    sent.write_bytes(filled(root, joyce, {"STRAT1.1": {"progress": 101}}))
    checked = check_return(sent, root / "input", cache, joyce, Q3)
    assert checked.failure is None
    errors = [(i.location.ref, i.type) for i in checked.issues.errors]
    assert errors == [("Actions!J5", "bad-percent")]
    warnings = {i.type for i in checked.issues.warnings}
    assert "no-update" in warnings  # the rows left blank, as collect says
