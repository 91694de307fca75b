"""Take the README's screenshot of ``reportgen serve``'s dashboard (run by hand, rarely).

Makes a workspace from the example service workbook, issues the Q3 2022/23 returns, sends three
of them as lead officers would (two right, one with mistakes), serves it on 127.0.0.1 and saves
the dashboard as seen by Debian's Chromium to ``docs/serve-dashboard.png``. Pass page paths to
save those pages too (``python scripts/screenshot_serve.py /papers /templates``, into the
current folder).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, LAUNCH_ARGS, serving  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from web_support import ANDY, JOYCE, SLUG, complete, filled, links, make_workspace  # noqa: E402

from reportgen.web.app import create_app  # noqa: E402

OUT = ROOT / "docs" / "serve-dashboard.png"


def main(pages: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = make_workspace(Path(folder) / "workspace")
        app = create_app(workspace)
        period = app.state.web.workspace.period_named(SLUG)
        everyone = links(workspace)
        for who, entries in (
            (JOYCE, complete(workspace, everyone[JOYCE], progress=70)),
            ("Social Work Services Manager", {"SERV1.2": {"progress": 40, "update": "Begun"}}),
            (ANDY, {"SERV1": {"progress": "120%"}, "SERV1.1": {"status": "Nearly"}}),
        ):
            link = everyone[who]
            data = filled(workspace, link, entries)
            app.state.web.submissions.receive(period, link, io.BytesIO(data), link.file)
        with serving(app) as address, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{address}/dashboard")
            page.screenshot(path=str(OUT), full_page=True)
            print(f"wrote {OUT}")
            for path in pages:
                page.goto(f"{address}{path}")
                target = Path(path.strip("/").replace("/", "-") or "home").with_suffix(".png")
                page.screenshot(path=str(target), full_page=True)
                print(f"wrote {target}")
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
