"""Council-scale benchmark of ``reportgen build`` against an analyst's plain script (run by hand).

Every figure is measured against a baseline run on the same machine in the same run, and the
load average is printed with it (the machine may be shared: read the ratios):

* **council scale**: 40 service workbooks of 60 actions with long updates, 500 indicators over 8
  quarters, and a Report sheet in each, so every document a council builds is built: the
  performance report, service plan, committee report and committee pack (160 documents).
  ``reportgen build`` (cold: no outputs, no chart cache) against the plain script
  (``plain_baseline.py``: openpyxl, plain docxtpl, pyplot charts, a plain docxcompose pack), runs
  interleaved, medians; wall and CPU (every process of the tree), goal <= 0.8 of the plain
  script;
* **memory**: the peak, over the build, of the memory of ALL its processes together (PSS
  summed over the process tree, ``memtrack.py``), goal <= 300 MB, at council scale and at 10x;
* **warm**: after editing one return, the rebuild (that workbook is read and rendered again,
  the others re-used); and a forced rebuild of everything with the chart cache warm;
* **10x the workbooks** (goal <= 10x the council-scale time) and **one workbook of 1,000 and
  10,000 actions** (goal <= 10x);
* **500 charts cold** in one process (goal <= 3 s);
* **--pdf**: ``build --pdf`` against the same build plus ONE LibreOffice batch converting the
  same documents (goal: no more than that).

Usage::

    python benchmarks/council_scale.py --runs 3                # everything (about 40 minutes here)
    python benchmarks/council_scale.py --parts council,charts  # some of it

The plain script draws its charts with matplotlib, which reportgen does not use; it is installed
once into ``benchmarks/.baseline-site`` (pip) and given to the baseline alone, so that it cannot
weigh on reportgen's imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parent.parent
QUARTERS = [
    "Q3 2020/21",
    "Q4 2020/21",
    "Q1 2021/22",
    "Q2 2021/22",
    "Q3 2021/22",
    "Q4 2021/22",
    "Q1 2022/23",
    "Q2 2022/23",
]
SENTENCE = (
    "The working group met fortnightly and reviewed the placement data with partners; progress "
    "against the milestone is recorded in the tracker and reported to the senior management team."
)


def _update(rng: random.Random) -> str:
    lines = [f"Q2 2022/23 - {SENTENCE}"]
    lines += [f"• {SENTENCE[: rng.randint(60, len(SENTENCE))]}" for _ in range(rng.randint(2, 5))]
    return "\n".join(lines)


def write_workbook(path: Path, index: int, actions: int, indicators: int, seed: int) -> None:
    rng = random.Random(seed * 1000 + index)
    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    plan.append(["Field", "Value"])
    for field, value in [
        ("Organisation", "Example Council"),
        ("Service", f"Service {index:03d}"),
        ("Plan Title", f"Service {index:03d} Plan 2020-23"),
        ("Plan Code", f"SP{index:03d}"),
        ("Plan Period", "2020-23"),
        ("Reporting Period", "Q2 2022/23"),
    ]:
        plan.append([field, value])
    sheet = book.create_sheet("Actions")
    sheet.append(
        [
            "Section",
            "Outcome",
            "Action Code",
            "Action Title",
            "Priority",
            "Desired Outcome",
            "Due Date",
            "Lead Officer",
            "Progress %",
            "Latest Status Update",
        ]
    )
    groups = max(1, actions // 6)
    made = 0
    for group in range(1, groups + 1):
        section = "Strategic" if group <= groups // 2 else "Service Level"
        prefix = "STRAT" if section == "Strategic" else "SERV"
        code = f"{prefix}{group}"
        sheet.append(
            [
                section,
                f"Outcome {group}",
                code,
                f"Outcome group {group}",
                1,
                "All actions completed by assigned dates",
                dt.date(2023, 3, 31),
                "Head of Service",
                None,
                _update(rng),
            ]
        )
        for number in range(1, 6):
            if made >= actions:
                break
            made += 1
            sheet.append(
                [
                    None,
                    None,
                    f"{code}.{number}",
                    f"Action {made} of service {index}",
                    rng.randint(1, 3),
                    "Children and families are supported",
                    dt.date(rng.choice([2022, 2023]), 3, 31),
                    "Service Manager",
                    rng.randint(0, 100) / 100,
                    _update(rng),
                ]
            )
            sheet.cell(sheet.max_row, 9).number_format = "0%"
    if indicators:
        measures = book.create_sheet("Measures")
        measures.append(
            ["Code", "Indicator", "Unit", "Polarity", "Target", *QUARTERS, "Commentary", "Lead"]
        )
        for number in range(1, indicators + 1):
            higher = rng.random() < 0.5
            base = rng.uniform(20, 80)
            values = [round(base + rng.uniform(-8, 8), 1) for _ in QUARTERS]
            measures.append(
                [
                    f"PI{index:03d}.{number}",
                    f"Indicator {number} of service {index}",
                    "%",
                    "Higher is better" if higher else "Lower is better",
                    round(base, 1),
                    *values,
                    "Figures from the quarterly return.",
                    "Performance Officer",
                ]
            )
    book.save(path)


def generate(folder: Path, workbooks: int, actions: int, indicators: int, seed: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    per_book = [
        indicators // workbooks + (1 if i < indicators % workbooks else 0) for i in range(workbooks)
    ]
    for index in range(workbooks):
        write_workbook(folder / f"service-{index:03d}.xlsx", index, actions, per_book[index], seed)


def add_report_sheets(folder: Path) -> None:
    """Give every workbook in ``folder`` the example's Report sheet (committee report, pack)."""
    example = load_workbook(ROOT / "input" / "cfsw-service-plan.xlsx")["Report"]
    rows = [list(row) for row in example.iter_rows(values_only=True)]
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path)
        sheet = book.create_sheet("Report")
        for row in rows:
            sheet.append(row)
        book.save(path)


def workload(folder: Path, workbooks: int, actions: int, indicators: int) -> None:
    generate(folder, workbooks, actions, indicators)
    add_report_sheets(folder)


# --- measuring -------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from memtrack import Measured, run_measured  # noqa: E402

REPORTGEN = [str(Path(sys.executable).parent / "reportgen")]
BASELINE_SITE = HERE / ".baseline-site"


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def reportgen(folder: Path, out: Path, *extra: str, fresh: bool = True) -> Measured:
    """``reportgen build`` as a user runs it (its own process tree), cold unless not ``fresh``."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    command = [*REPORTGEN, "build", "--input", str(folder), "--output", str(out), "--quiet"]
    result = run_measured([*command, *extra])
    if result.returncode != 0:
        raise SystemExit(f"reportgen failed:\n{result.stdout}\n{result.stderr}")
    return result


def baseline(folder: Path, contexts: Path, out: Path) -> Measured:
    shutil.rmtree(out, ignore_errors=True)
    script = HERE / "plain_baseline.py"
    command = [sys.executable, str(script), str(folder), str(contexts), str(ROOT / "templates")]
    environment = {**os.environ, "PYTHONPATH": str(BASELINE_SITE)}
    result = run_measured([*command, str(out)], env=environment)
    if result.returncode != 0:
        raise SystemExit(f"the plain script failed:\n{result.stderr}")
    return result


def soffice_batch(documents: list[Path], out: Path) -> Measured:
    """ONE LibreOffice run converting ``documents`` to tagged PDF, as reportgen asks for it."""
    from reportgen.render.pdf import PDF_FILTER, find_soffice

    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as profile:
        command = [find_soffice(), f"-env:UserInstallation=file://{profile}", "--headless"]
        command += ["--convert-to", PDF_FILTER, "--outdir", str(out), *map(str, documents)]
        return run_measured(command)


def median(results: list[Measured], name: str) -> float:
    return statistics.median(getattr(r, name) for r in results)


def show(label: str, results: list[Measured]) -> None:
    print(
        f"  {label:<34} wall {median(results, 'wall'):7.1f} s  cpu {median(results, 'cpu'):7.1f} s"
        f"  memory {median(results, 'peak_pss_mb'):4.0f} MB (all processes, PSS)"
    )


def ensure_baseline_site() -> None:
    if not (BASELINE_SITE / "matplotlib").is_dir():
        print("installing matplotlib for the plain script into", BASELINE_SITE)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(BASELINE_SITE),
             "matplotlib>=3.7"],
            check=True,
        )  # fmt: skip


# --- the figures -----------------------------------------------------------------------------


def council(work: Path, runs: int, workbooks: int) -> tuple[Path, float, list[Measured]]:
    """Council scale: reportgen against the plain script, interleaved."""
    from plain_baseline import make_contexts

    folder, contexts = work / "council", work / "contexts"
    indicators = 500 * workbooks // 40
    workload(folder, workbooks, 60, indicators)
    make_contexts(folder, ROOT / "templates", contexts)
    print(f"council scale: {workbooks} workbooks x 60 actions, Report sheets, {indicators} "
          f"indicators ({load()})")  # fmt: skip
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(reportgen(folder, work / "out"))
        theirs.append(baseline(folder, contexts, work / "plain"))
    made = sorted((work / "out").rglob("*.docx"))
    plain = sorted((work / "plain").glob("*.docx"))
    print(f"  ({len(made)} documents by reportgen, {len(plain)} by the plain script; {load()})")
    show("reportgen build, cold", ours)
    show("plain script", theirs)
    wall = median(ours, "wall") / median(theirs, "wall")
    cpu = median(ours, "cpu") / median(theirs, "cpu")
    memory = median(ours, "peak_pss_mb")
    print(f"  reportgen / plain script: wall {wall:.2f}, cpu {cpu:.2f} (goal <= 0.8 each); "
          f"memory {memory:.0f} MB (goal <= 300 MB)")  # fmt: skip
    return folder, median(ours, "wall"), ours


def warm(folder: Path, work: Path, cold: float) -> None:
    out = work / "out"
    again = reportgen(folder, out, fresh=False)
    print(f"  the same build again (nothing changed, outputs re-used): {again.wall:6.1f} s")
    edit_one_return(folder)
    edited = reportgen(folder, out, fresh=False)
    print(f"  after editing one return (it is read and rendered again): {edited.wall:6.1f} s "
          f"= {edited.wall / cold:.2f} of cold")  # fmt: skip
    forced = reportgen(folder, out, "--force", fresh=False)
    print(f"  --force, every document rendered again, charts cached:  {forced.wall:6.1f} s "
          f"= {forced.wall / cold:.2f} of cold ({load()})")  # fmt: skip


def edit_one_return(folder: Path) -> None:
    path = sorted(folder.glob("*.xlsx"))[0]
    book = load_workbook(path)
    book["Actions"].cell(3, 9).value = 0.99
    book.save(path)


def ten_times(work: Path, council_wall: float) -> None:
    folder = work / "council-x10"
    workload(folder, 400, 60, 5000)
    print(f"10x the workbooks: 400 workbooks, 5,000 indicators ({load()})")
    result = reportgen(folder, work / "out-x10")
    show("reportgen build, cold", [result])
    print(f"  10x / council scale: {result.wall / council_wall:.1f}x the time (goal <= 10x); "
          f"memory {result.peak_pss_mb:.0f} MB (goal <= 300 MB)")  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work / "out-x10", ignore_errors=True)


def one_workbook(work: Path) -> None:
    walls = {}
    for actions in (1000, 10000):
        folder = work / f"one-{actions}"
        workload(folder, 1, actions, 12)
        result = reportgen(folder, work / f"out-{actions}")
        walls[actions] = result.wall
        show(f"one workbook of {actions:,} actions", [result])
    print(f"  10,000 / 1,000 actions: {walls[10000] / walls[1000]:.1f}x the time (goal <= 10x; "
          f"{load()})")  # fmt: skip


def charts(folder: Path) -> None:
    """500 charts made cold, in this one process, into an empty cache folder; and, for scale,
    the plain script's pyplot chart of each, in the same run."""
    from reportgen.config import BuildConfig
    from reportgen.documents.charts import chart_spec
    from reportgen.pipeline.inputs import read_workbook
    from reportgen.render.charts import ChartCache, draw_charts

    config = BuildConfig(input_dir=folder)
    specs = []
    for path in sorted(folder.glob("*.xlsx")):
        model = read_workbook(path, config).model
        specs += [chart_spec(m) for m in model.measures or () if m.values]
    draw_charts(specs[:1], ChartCache())  # the first chart pays for python-pptx's set-up
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        draw_charts(specs, ChartCache(Path(cache)))
        seconds = time.perf_counter() - started
    print(f"{len(specs)} charts cold, one process: {seconds:.2f} s, "
          f"{seconds / len(specs) * 1000:.1f} ms a chart (goal <= 3 s; {load()})")  # fmt: skip
    sys.path.insert(0, str(BASELINE_SITE))
    from plain_baseline import plain_chart

    sample = specs[:50]
    plain_chart(sample[0].labels, sample[0].values, sample[0].target_low)
    started = time.perf_counter()
    for spec in sample:
        plain_chart(spec.labels, spec.values, spec.target_low)
    pyplot = (time.perf_counter() - started) / len(sample)
    print(f"  the plain script's pyplot chart, same run: {pyplot * 1000:.1f} ms a chart "
          f"(reportgen's chart {seconds / len(specs) / pyplot:.2f} of it)")  # fmt: skip


def pdf(folder: Path, work: Path) -> None:
    """``build --pdf`` against the same build without PDFs plus ONE LibreOffice batch
    converting its documents, one after the other."""
    build = reportgen(folder, work / "out-docx")
    documents = sorted((work / "out-docx").rglob("*.docx"))
    with_pdf = reportgen(folder, work / "out-pdf", "--pdf", "--pdf-timeout", "7200")
    batch = soffice_batch(documents, work / "pdf")
    total = build.wall + batch.wall
    print(f"--pdf ({len(documents)} documents; {load()}):")
    print(f"  build --pdf {with_pdf.wall:.1f} s; build {build.wall:.1f} s + one LibreOffice batch "
          f"{batch.wall:.1f} s = {total:.1f} s; ratio {with_pdf.wall / total:.2f} (goal <= 1); "
          f"memory with --pdf {with_pdf.peak_pss_mb:.0f} MB")  # fmt: skip


PARTS = ("council", "charts", "pdf", "one", "x10")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="council-scale runs (medians)")
    parser.add_argument("--parts", default=",".join(PARTS), help="of " + ", ".join(PARTS))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--workbooks", type=int, default=40, help="fewer for a trial run")
    options = parser.parse_args()
    parts = options.parts.split(",")
    ensure_baseline_site()
    work = options.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    print(f"{os.cpu_count()} CPUs, {load()}; python {sys.version.split()[0]}; in {work}")
    try:
        folder, cold = work / "council", None
        if "council" in parts:
            folder, cold, _ = council(work, options.runs, options.workbooks)
            warm(folder, work, cold)
        elif not folder.is_dir():
            workload(folder, options.workbooks, 60, 500 * options.workbooks // 40)
        if "charts" in parts:
            charts(folder)
        if "pdf" in parts:
            pdf(folder, work)
        if "one" in parts:
            one_workbook(work)
        if "x10" in parts:
            if cold is None:  # the council-scale build, now, for the ratio
                cold = reportgen(folder, work / "out").wall
                print(f"council scale, reportgen build, cold: {cold:.1f} s ({load()})")
            ten_times(work, cold)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
