"""How fast ``reportgen serve`` answers (run by hand; prints figures).

The app runs on uvicorn on 127.0.0.1 in this process and is asked over HTTP (httpx), as a
browser asks it. Each figure comes with a baseline measured in the same run, on the same machine:

* **upload to feedback** for a typical return (the example service's largest: 10 actions and 10
  indicators, filled in with three mistakes): from sending the file to the whole answer (every
  problem with its cell, the annotated copy written, the file kept and logged). Goal: under 1 s.
  Baseline: the library alone checking the same file and writing its annotated copy
  (``check_return`` + ``write_checked_copy``, what ``collect`` does per return).
* **the dashboard** of a period with 40 services × 10 lead officers (400 returns; 300 sent, a
  third needing fixes, 20 more dropped in the received folder). Goal: under 200 ms.
  Baselines: the smallest page the same server renders (sign-in), and gathering the
  dashboard's data alone (no HTML).

Usage::

    python benchmarks/bench_web.py               # 20 runs of each
    python benchmarks/bench_web.py --runs 50 --services 80
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import serving  # noqa: E402
from web_support import JOYCE, SLUG, complete, csrf_of, filled, links, make_workspace  # noqa: E402

from reportgen.returns.annotate import write_checked_copy  # noqa: E402
from reportgen.returns.feedback import PlanCache, check_return  # noqa: E402
from reportgen.returns.links import new_token  # noqa: E402
from reportgen.web.app import create_app  # noqa: E402
from reportgen.web.dashboard import period_status  # noqa: E402
from reportgen.web.store import Store  # noqa: E402

MISTAKES = {
    "STRAT1.1": {"progress": "110%"},
    "STRAT1.2": {"status": "Half way"},
    "STRAT2.1": {"progress": "=40+5"},
}


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def report(name: str, times: list[float], goal: float | None = None) -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    verdict = ""
    if goal is not None:
        verdict = f"  goal < {goal * 1000:.0f} ms: {'met' if p95 < goal else 'NOT MET'}"
    print(
        f"  {name:<52} median {median * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"first {times[0] * 1000:7.1f} ms{verdict}"
    )
    return median


def bench_upload(folder: Path, runs: int) -> None:
    workspace = make_workspace(folder / "upload")
    joyce = links(workspace)[JOYCE]
    data = filled(workspace, joyce, complete(workspace, joyce) | MISTAKES)
    print(f"Upload to feedback: {joyce.file} ({len(data) // 1024} KB, 10 actions, 10 indicators)")

    library_file = folder / joyce.file
    library_file.write_bytes(data)
    plans = PlanCache()

    def library() -> None:
        returned = check_return(library_file, workspace / "input", plans)
        assert len(returned.issues.errors) == 3, [str(i) for i in returned.issues.errors]
        write_checked_copy(library_file, returned.issues.items, folder / "checked")

    with serving(create_app(workspace)) as address, httpx.Client(base_url=address) as http:
        csrf = csrf_of(http.get(f"/r/{joyce.token}").text)

        def upload() -> None:
            answer = http.post(
                f"/r/{joyce.token}/upload",
                data={"csrf_token": csrf},
                files={"return_file": (joyce.file, io.BytesIO(data))},
                headers={"HX-Request": "true"},
            )
            assert answer.status_code == 200 and "Needs fixing: 3 errors" in answer.text

        web = report("web: send the file, get every problem back", timed(upload, runs), 1.0)
    base = report("baseline: the library checks it, writes the copy", timed(library, runs))
    print(f"  web ÷ baseline: {web / base:.2f}")


def dashboard_workspace(root: Path, services: int, leads: int, seed: int = 5) -> Path:
    """A workspace whose Q3 links name ``services`` × ``leads`` returns, with submissions."""
    rng = random.Random(seed)
    folder = root / "returns" / SLUG
    (folder / "received").mkdir(parents=True)
    (root / "input").mkdir()
    entries = []
    for s in range(services):
        workbook = f"service-{s + 1:02d}-plan.xlsx"
        for lead in range(leads):
            name = f"Lead Officer {s + 1}.{lead + 1}"
            entries.append(
                {
                    "token": new_token(),
                    "workbook": workbook,
                    "service": f"Service {s + 1:02d}: Children's Services Division",
                    "lead": name,
                    "file": f"service-{s + 1:02d}-plan-lead-officer-{s + 1}-{lead + 1}-{SLUG}.xlsx",
                    "actions": rng.randint(2, 12),
                    "indicators": rng.randint(0, 6),
                }
            )
    links_file = {"period": "Q3 2022/23", "input": "input", "due": "2023-01-20", "links": entries}
    (folder / "links.json").write_text(json.dumps(links_file))
    (root / ".reportgen").mkdir()
    store = Store(root / ".reportgen" / "web.sqlite3")
    shuffled = rng.sample(entries, len(entries))
    for index, entry in enumerate(shuffled[: round(len(entries) * 0.75)]):
        outcome = "needs-fixing" if index % 3 == 0 else "accepted"
        for _ in range(rng.randint(1, 3)):
            store.add_submission(
                {
                    "period": SLUG,
                    "link": f"{entry['workbook']}|{entry['lead'].casefold()}",
                    "received": f"2023-01-1{rng.randint(0, 9)}T09:{index % 60:02d}:00+00:00",
                    "file_name": entry["file"],
                    "sha256": "0" * 64,
                    "bytes": 40_000,
                    "outcome": outcome,
                    "errors": 2 if outcome == "needs-fixing" else 0,
                    "warnings": rng.randint(0, 4),
                    "issues": [],
                    "seconds": 0.3,
                }
            )
    for entry in shuffled[round(len(entries) * 0.75) :][:20]:
        (folder / "received" / entry["file"]).write_bytes(b"")
    return root


def bench_dashboard(folder: Path, runs: int, services: int, leads: int) -> None:
    workspace = dashboard_workspace(folder / "dashboard", services, leads)
    print(f"Dashboard: {services} services × {leads} lead officers ({services * leads} returns)")
    app = create_app(workspace)
    state = app.state.web
    with serving(app) as address, httpx.Client(base_url=address) as http:

        def dashboard() -> None:
            answer = http.get("/dashboard")
            assert answer.status_code == 200
            assert answer.text.count('<th scope="row">') == services * leads

        def smallest() -> None:
            assert http.get("/sign-in").status_code == 200

        web = report("web: the whole dashboard page", timed(dashboard, runs), 0.2)
        floor = report("baseline: the smallest page (sign-in)", timed(smallest, runs))

    def data() -> None:
        period = state.workspace.period_named(SLUG)
        assert len(period_status(state, period, "http://127.0.0.1").services) == services

    gathered = report("baseline: the dashboard's data alone, no HTML", timed(data, runs))
    print(f"  page ÷ smallest page: {web / floor:.1f}; page ÷ data alone: {web / gathered:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--services", type=int, default=40)
    parser.add_argument("--leads", type=int, default=10)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_upload(Path(folder), options.runs)
        print()
        bench_dashboard(Path(folder), options.runs, options.services, options.leads)


if __name__ == "__main__":
    main()
