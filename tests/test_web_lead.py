"""The lead officer's page over HTTP (Starlette's TestClient): what they see, what they send,
every refusal, and 20 uploads at once."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import shutil
import zipfile
from html import unescape
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient
from web_support import (
    ANDY,
    JOYCE,
    Q3,
    SLUG,
    codes,
    complete,
    csrf_of,
    filled,
    links,
    make_workspace,
)

from reportgen.returns.annotate import ERROR_FILL
from reportgen.returns.collect import CollectConfig, collect_returns
from reportgen.returns.layout import DETAILS_SHEET
from reportgen.web.app import create_app


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace))


def send(client: TestClient, token: str, data: bytes, name: str = "return.xlsx", **headers):
    page = client.get(f"/r/{token}")
    return client.post(
        f"/r/{token}/upload",
        data={"csrf_token": csrf_of(page.text)},
        files={"return_file": (name, data)},
        headers=headers,
    )


MISTAKES = {
    "STRAT1.1": {"progress": "110%", "update": "Six new carers"},
    "STRAT1.2": {"progress": 60, "status": "Half way", "update": "Panel met"},
    "STRAT2.1": {"progress": "=40+5", "update": "Worked out"},
}


def problem_rows(html: str) -> list[tuple[str, str]]:
    """(cell, kind) of each row of the problems table."""
    table = html.split('class="problems"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<td class="cell-ref">([^<]*)</td>.*?tag--(error|warning)', table, re.S)
    return rows


def test_page_says_what_is_asked_and_by_when_and_nothing_of_others(client, workspace):
    joyce, andy = links(workspace)[JOYCE], links(workspace)[ANDY]
    page = client.get(f"/r/{joyce.token}")
    assert page.status_code == 200
    text = page.text
    assert "Your Q3 2022/23 return" in text and "Joyce Johnston" in text
    assert "your 9 actions and 9 indicators" in text  # STRAT1.4, completed, is not issued
    assert "Friday 20 January 2023" in text
    assert "Children and Families &amp; Criminal Justice Social Work" in text
    assert "Not sent yet" in text
    assert ANDY not in text and andy.token not in text and "SERV1" not in text
    issued = workspace / "returns" / SLUG / "issued" / joyce.file
    download = client.get(f"/r/{joyce.token}/return.xlsx")
    assert download.status_code == 200 and download.content == issued.read_bytes()
    assert download.headers["referrer-policy"] == "no-referrer"


def test_a_return_with_mistakes_names_each_cell_then_fixed_is_accepted(client, workspace):
    joyce = links(workspace)[JOYCE]
    entries = complete(workspace, joyce) | MISTAKES
    answer = send(client, joyce.token, filled(workspace, joyce, entries))
    assert answer.status_code == 200
    assert "Needs fixing: 3 errors" in answer.text
    assert problem_rows(answer.text) == [
        ("Actions!J5", "error"),
        ("Actions!K6", "error"),
        ("Actions!J10", "error"),
    ]
    assert "&#39;110%&#39; is over 100%" in answer.text
    assert "&#39;Half way&#39;" in answer.text and "formula" in answer.text
    received = workspace / "returns" / SLUG / "received" / joyce.file
    checked = client.get(f"/r/{joyce.token}/checked.xlsx")
    assert checked.status_code == 200
    book = load_workbook(io.BytesIO(checked.content))
    assert book.sheetnames[0] == "Problems"
    assert book["Actions"]["J5"].fill.fgColor.rgb.endswith(ERROR_FILL.fgColor.rgb[-6:])
    assert book["Actions"]["J5"].comment is not None
    first = received.read_bytes()

    fixed = filled(workspace, joyce, complete(workspace, joyce, progress=70))
    again = send(client, joyce.token, fixed)
    assert again.status_code == 200
    assert "Accepted" in again.text and "There is nothing more to do" in again.text
    assert received.read_bytes() == fixed != first
    assert client.get(f"/r/{joyce.token}/checked.xlsx").status_code == 404
    history = client.get(f"/r/{joyce.token}").text
    assert history.count("tag--accepted") == 2  # where it stands, and the latest row
    assert "tag--needs-fixing" in history
    sent = client.app.state.web.store.submissions(SLUG, joyce.key)
    assert [s.outcome for s in sent] == ["accepted", "needs-fixing"]
    assert sent[0].sha256 == hashlib.sha256(fixed).hexdigest() and sent[0].bytes == len(fixed)


def test_htmx_gets_the_answer_alone(client, workspace):
    joyce = links(workspace)[JOYCE]
    answer = send(client, joyce.token, filled(workspace, joyce, MISTAKES), **{"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<div class="notice notice--error"')
    assert "<html" not in answer.text
    assert '<dd id="standing" hx-swap-oob="true">' in answer.text  # where it stands, updated
    assert '<div id="history" hx-swap-oob="true">' in answer.text
    assert problem_rows(answer.text)[:3] == [
        ("Actions!J5", "error"),
        ("Actions!K6", "error"),
        ("Actions!J10", "error"),
    ]


def test_bad_token_is_404_and_recorded_without_the_token(client, workspace):
    bogus = "x" * 43
    assert client.get(f"/r/{bogus}").status_code == 404
    assert "not a return" in client.get(f"/r/{bogus}").text
    assert client.get("/r/short").status_code == 404
    assert client.get(f"/r/{bogus}/return.xlsx").status_code == 404
    joyce = links(workspace)[JOYCE]
    page = client.get(f"/r/{joyce.token}")
    upload = client.post(
        f"/r/{bogus}/upload",
        data={"csrf_token": csrf_of(page.text)},
        files={"return_file": ("r.xlsx", filled(workspace, joyce, {}))},
    )
    assert upload.status_code == 404
    trail = client.app.state.web.store.audit_trail()
    assert any(e["action"] == "refused: unknown return link" for e in trail)
    assert not any(bogus in " ".join(map(str, tuple(e))) for e in trail)
    assert not (workspace / "returns" / SLUG / "received").exists()


def test_another_officers_return_is_refused_and_changes_nothing(client, workspace):
    joyce, andy = links(workspace)[JOYCE], links(workspace)[ANDY]
    andys = filled(workspace, andy, complete(workspace, andy))
    answer = send(client, joyce.token, andys)
    assert answer.status_code == 403
    assert "not Joyce Johnston&#39;s Q3 2022/23 return" in answer.text
    assert "return of Andy Doneghan" in answer.text
    received = workspace / "returns" / SLUG / "received"
    assert not received.exists() or not any(received.iterdir())
    assert [s.outcome for s in client.app.state.web.store.submissions(SLUG, joyce.key)] == [
        "refused"
    ]
    assert client.app.state.web.store.submissions(SLUG, andy.key) == []


def with_detail(data: bytes, name: str, value: object) -> bytes:
    """The return ``data`` with its hidden Return Details field ``name`` set to ``value``."""
    book = load_workbook(io.BytesIO(data))
    sheet = book[DETAILS_SHEET]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == name)
    row[1].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def collect_says(workspace: Path, link, data: bytes, tmp_path: Path) -> str:
    """What ``collect`` says of the file ``data`` returned as ``link``'s (its failure, without
    the file name in front)."""
    folder = tmp_path / "collect-back"
    folder.mkdir()
    (folder / link.file).write_bytes(data)
    config = CollectConfig(
        folder, workspace / "input", Q3, merged_dir=tmp_path / "merged",
        archive_root=tmp_path / "archive", workspace=workspace,
    )  # fmt: skip
    found = next(r for r in collect_returns(config).returns if r.name == link.file)
    assert found.failure is not None
    return found.failure.removeprefix(f"{link.file}: ")


def refusal(html: str) -> str:
    notice = html.split("This file was not taken</h2>", 1)[1].split("</p>", 1)[0]
    return unescape(notice.removeprefix("\n  <p>"))


def test_a_return_whose_details_were_edited_is_refused_as_collect_refuses_it(
    client, workspace, tmp_path
):
    joyce, andy = links(workspace)[JOYCE], links(workspace)[ANDY]
    andys_codes = "\n".join(["STRAT1.1", *codes(workspace, andy)])
    good = filled(workspace, joyce, complete(workspace, joyce))
    for name, value, cell in [
        ("Lead Officer", ANDY, f"Return Details!B4 (Lead Officer) says '{ANDY}', issued as "
                               f"'{JOYCE}'"),
        ("Issued Codes", andys_codes, "Return Details!B9 (Issued Codes) differs from what was "
                                      "issued"),
        ("Seal", "0" * 64, "the seal in Return Details!B12 no longer matches its details"),
    ]:  # fmt: skip
        forged = with_detail(good, name, value)
        answer = send(client, joyce.token, forged)
        assert answer.status_code == 422, name
        said = refusal(answer.text)
        assert said.startswith("Its hidden Return Details sheet was changed after it was issued")
        assert cell in said, said
        assert "Accepted" not in answer.text
        assert said[:1].lower() + said[1:] == collect_says(workspace, joyce, forged, tmp_path)
        shutil.rmtree(tmp_path / "collect-back")
    received = workspace / "returns" / SLUG / "received"
    assert not received.exists() or not any(received.iterdir())
    outcomes = [s.outcome for s in client.app.state.web.store.submissions(SLUG, joyce.key)]
    assert outcomes == ["refused"] * 3
    assert send(client, joyce.token, good).status_code == 200  # the return as issued is taken


def test_an_unsealed_return_is_refused_naming_the_seal_cell(client, workspace, tmp_path):
    joyce = links(workspace)[JOYCE]
    unsealed = with_detail(filled(workspace, joyce, complete(workspace, joyce)), "Seal", None)
    answer = send(client, joyce.token, unsealed)
    assert answer.status_code == 422
    said = refusal(answer.text)
    assert said.startswith("Its Return Details carry no seal (Return Details!B12 is blank)")
    assert said[:1].lower() + said[1:] == collect_says(workspace, joyce, unsealed, tmp_path)
    assert not (workspace / "returns" / SLUG / "received" / joyce.file).exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"Progress,Status\n50,In Progress\n", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old-style Office file"),
        ("docx", "not an Excel workbook"),
        ("zip", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name(
    client, workspace, root, content, said
):
    if content == "docx":
        content = (root / "templates" / "performance-report.docx").read_bytes()
    elif content == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("notes.txt", "hello")
        content = buffer.getvalue()
    joyce = links(workspace)[JOYCE]
    answer = send(client, joyce.token, content, name=joyce.file)
    assert answer.status_code == 415
    assert said in answer.text and "Nothing was kept" in answer.text
    assert not (workspace / "returns" / SLUG / "received" / joyce.file).exists()


def test_too_large_is_refused_by_its_length_and_while_it_streams(workspace):
    (workspace / "reportgen.toml").write_text("[serve]\nmax_upload_mb = 0.05\n")
    client = TestClient(create_app(workspace))
    joyce = links(workspace)[JOYCE]
    big = b"PK\x03\x04" + b"\0" * 80_000
    answer = send(client, joyce.token, big)
    assert answer.status_code == 413
    assert "up to 0.05 MB" in answer.text

    page = client.get(f"/r/{joyce.token}")
    boundary = "reportgenboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{csrf_of(page.text)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="return_file"; filename="big.xlsx"\r\n\r\n'
    ).encode() + big

    def chunks():
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    streamed = client.post(
        f"/r/{joyce.token}/upload",
        content=chunks(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert streamed.status_code == 413
    assert "too large" in streamed.text
    assert not (workspace / "returns" / SLUG / "received").exists()


def test_a_form_without_its_csrf_token_is_refused(client, workspace):
    joyce = links(workspace)[JOYCE]
    data = filled(workspace, joyce, complete(workspace, joyce))
    client.get(f"/r/{joyce.token}")
    missing = client.post(f"/r/{joyce.token}/upload", files={"return_file": ("r.xlsx", data)})
    assert missing.status_code == 403
    assert "did not come from this site" in missing.text
    wrong = client.post(
        f"/r/{joyce.token}/upload",
        data={"csrf_token": "forged"},
        files={"return_file": ("r.xlsx", data)},
    )
    assert wrong.status_code == 403
    assert client.app.state.web.store.submissions(SLUG, joyce.key) == []


def test_no_file_chosen_says_so(client, workspace):
    joyce = links(workspace)[JOYCE]
    page = client.get(f"/r/{joyce.token}")
    answer = client.post(f"/r/{joyce.token}/upload", data={"csrf_token": csrf_of(page.text)})
    assert answer.status_code == 400
    assert "Choose your filled return" in answer.text


def test_twenty_uploads_at_once_lose_none(workspace):
    """Five officers send four versions each, all at once: every file is logged and kept, and
    each return in received/ is the one the log says came last."""
    app = create_app(workspace)
    everyone = list(links(workspace).values())
    versions = {
        link.key: [filled(workspace, link, complete(workspace, link, p)) for p in (20, 40, 60, 80)]
        for link in everyone
    }

    async def officer(link, data: bytes) -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            page = await http.get(f"/r/{link.token}")
            answer = await http.post(
                f"/r/{link.token}/upload",
                data={"csrf_token": csrf_of(page.text)},
                files={"return_file": (link.file, data)},
            )
            return answer.status_code

    async def everyone_at_once() -> list[int]:
        sends = [officer(link, data) for link in everyone for data in versions[link.key]]
        return await asyncio.gather(*sends)

    statuses = asyncio.run(everyone_at_once())
    assert statuses == [200] * 20
    store = app.state.web.store
    kept = workspace / ".reportgen" / "submissions" / SLUG
    assert len(list(kept.iterdir())) == 20
    for link in everyone:
        sent = store.submissions(SLUG, link.key)
        assert len(sent) == 4
        digests = {hashlib.sha256(v).hexdigest() for v in versions[link.key]}
        assert {s.sha256 for s in sent} == digests
        received = workspace / "returns" / SLUG / "received" / link.file
        assert hashlib.sha256(received.read_bytes()).hexdigest() == sent[0].sha256
