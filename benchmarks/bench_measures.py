"""How long 500 performance indicators take to chart and render (run by hand; prints figures).

Writes one service workbook (the test plan's actions) with a Measures sheet of N indicators over
eight quarters, then times:

* charting cold: every chart made (a native Word chart and its workbook) into an empty cache
  folder, in this one process;
* charting warm: a new cache over the same folder, as the next build sees it (nothing made);
* charting after editing one indicator: one chart made, the rest reused;
* the whole build of the quarterly performance report: cold (empty chart cache), then warm: the
  same build again with ``incremental=False``, so every document is really rendered again and
  only the charts come from the cache (a plain second build would re-use the unchanged
  outputs and render nothing).

Usage::

    python benchmarks/bench_measures.py                 # 500 indicators
    python benchmarks/bench_measures.py --indicators 2000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from workbooks import write_service_workbook  # noqa: E402

from reportgen import BuildConfig, build  # noqa: E402
from reportgen.documents.charts import chart_spec  # noqa: E402
from reportgen.loaders.service import load_service_plan  # noqa: E402
from reportgen.readers.workbook import open_workbook  # noqa: E402
from reportgen.render.charts import ChartCache, draw_charts  # noqa: E402

QUARTERS = ["Q3 2020/21", "Q4 2020/21", "Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22",
            "Q1 2022/23", "Q2 2022/23"]  # fmt: skip
UNITS = ["%", "Number", "Rate per 1,000 of 0-15 population", "£"]
POLARITIES = ["Higher is better", "Lower is better", "Within range"]


def write_workbook(path: Path, indicators: int, seed: int = 7) -> Path:
    """The test service workbook plus a Measures sheet of ``indicators`` random indicators."""
    rng = random.Random(seed)
    write_service_workbook(path)
    book = load_workbook(path)
    sheet = book.create_sheet("Measures")
    sheet.append(["Code", "Indicator", "Unit", "Polarity", "Target", "Tolerance", *QUARTERS,
                  "Commentary", "Lead"])  # fmt: skip
    for n in range(indicators):
        unit, polarity = rng.choice(UNITS), rng.choice(POLARITIES)
        level = rng.uniform(5, 90) if unit == "%" else rng.uniform(10, 5000)
        values = [round(level * rng.uniform(0.8, 1.2), 1) for _ in QUARTERS]
        for gap in rng.sample(range(len(values) - 1), rng.randint(0, 2)):
            values[gap] = None  # no data
        target = round(level, 1)
        if polarity == "Within range":
            target = f"{round(level * 0.9, 1)}-{round(level * 1.1, 1)}"
        sheet.append([f"PI{n:04d}", f"Indicator number {n} of the service", unit, polarity,
                      target, round(level * 0.05, 1), *values,
                      "Commentary on the quarter's figure.", "Lead Officer"])  # fmt: skip
    book.save(path)
    return path


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, action, *args, **kwargs):
    """Run ``action``; print its wall time and the CPU time it used (worker processes too),
    which stays honest on a machine busy with other work."""
    started, cpu = time.perf_counter(), _cpu()
    result = action(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"  {label:<40} {seconds:7.2f} s wall {_cpu() - cpu:7.2f} s CPU")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = write_workbook(work / "input" / "plan.xlsx", args.indicators)
        plan = load_service_plan(open_workbook(path)).plan
        assert plan is not None and plan.measures is not None
        specs = [chart_spec(m) for m in plan.measures]
        load = os.getloadavg()[0]
        print(f"{len(specs)} indicators, {len(QUARTERS)} quarters, {os.cpu_count()} CPUs, "
              f"load average {load:.1f}")  # fmt: skip

        cold = ChartCache(work / "charts")
        charts, seconds = timed("chart, cold (one process)", draw_charts, specs, cold)
        warm = ChartCache(work / "charts")
        timed("chart, warm cache", draw_charts, specs, warm)
        edited = list(specs)
        edited[0] = replace(edited[0], values=tuple(reversed(edited[0].values)))
        again = ChartCache(work / "charts")
        timed("chart, one indicator edited", draw_charts, edited, again)
        size = sum(len(c.xml) + len(c.workbook) for c in charts) / len(charts) / 1024
        print(f"    made/reused: cold {cold.drawn}/{cold.reused}, warm {warm.drawn}/"
              f"{warm.reused}, edited {again.drawn}/{again.reused}; "
              f"{seconds / len(specs) * 1000:.1f} ms a chart; {size:.0f} KB a chart "
              "(chart part and workbook)")  # fmt: skip

        config = BuildConfig(
            input_dir=path.parent,
            output_dir=work / "output",
            templates_dir=ROOT / "templates",
            cache_dir=work / "build-cache",
        )
        report, _ = timed("build report, cold chart cache", build, config)
        assert report.ok, report.failure
        rerender = replace(config, incremental=False)  # render every document again
        report, _ = timed("build report, warm chart cache", build, rerender)
        assert report.ok and report.written, report.failure
        output = next((work / "output").rglob("plan-performance-report.docx"))
        print(f"    {output.name}: {output.stat().st_size / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
