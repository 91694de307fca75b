"""Reading bounds: what ``reportgen validate`` costs on hostile workbook shapes (run by hand).

Every shape is a workbook of at most about 1 MB on disk, built by editing a good workbook's
XML the way a program (or a damaged copy) can: a formatted cell in the last cell of the sheet,
formatted rows and far columns by the hundred thousand, a sheet full of numbers, a merge over
the whole sheet, text past Excel's limit, a sheet that unzips to a gigabyte, a million shared
strings. Each is validated by ``reportgen validate`` in a fresh process, which reports its wall
time and peak memory; the baselines, measured in the same run, are the example return shipped
in ``input/`` and a realistic return of 3,000 actions. The figures are printed with their
ratio to the example's.

The bound this checks (README, "Bounded reading"): a 1 MB workbook of any shape validates in
seconds and under 300 MB, and a shape it refuses is refused as quickly, naming the file.

Usage::

    python benchmarks/bench_reading.py
    python benchmarks/bench_reading.py --keep /tmp/shapes    # keep the workbooks
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = "xl/worksheets/sheet2.xml"
HEADINGS = ["Section", "Outcome", "Action Code", "Action Title", "Due Date", "Progress", "Status",
            "Latest Status Update"]  # fmt: skip
UPDATE = (
    "Q2 2022/23 - The working group met fortnightly and reviewed the placement data with "
    "partners; progress is recorded in the tracker and reported to the senior management team."
)


def service_workbook(path: Path, actions: int = 10) -> Path:
    """A small service workbook: a Plan sheet and ``actions`` actions in two groups."""
    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    for row in [
        ("Field", "Value"),
        ("Service", "Children's Services"),
        ("Plan Title", "Service Plan 2020-23"),
        ("Reporting Period", "Q2 2022/23"),
    ]:
        plan.append(row)  # fmt: skip
    sheet = book.create_sheet("Actions")
    sheet.append(HEADINGS)
    for group in (1, 2):
        sheet.append(["Strategic", "Outcome", f"STRAT{group}", "A group", None, None, None, ""])
        for number in range(1, actions // 2 + 1):
            sheet.append(["", "", f"STRAT{group}.{number}", f"Action {number}", None,
                          (number * 7) % 100, None, f"{UPDATE} ({group}.{number})"])  # fmt: skip
    book.save(path)
    return path


def patch(path: Path, change: Callable[[bytes], Iterator[bytes]]) -> Path:
    """Rewrite the Actions sheet's XML with ``change`` (streamed, deflated at level 9)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != ACTIONS:
                target.writestr(item, data)
                continue
            with target.open(item.filename, "w", force_zip64=True) as stream:
                for chunk in change(data):
                    stream.write(chunk)
    return path


def rows_added(rows: Callable[[], Iterator[bytes]], dimension: str | None = None, tail=b""):
    def change(data: bytes) -> Iterator[bytes]:
        if dimension:
            data = re.sub(
                rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), data
            )
        head, rest = data.split(b"</sheetData>", 1)
        yield head
        yield from rows()
        yield b"</sheetData>" + tail + rest

    return change


def batched(make: Callable[[int], str], count: int, start: int = 100) -> Iterator[bytes]:
    batch: list[str] = []
    for number in range(start, start + count):
        batch.append(make(number))
        if len(batch) == 2000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


def shapes() -> dict[str, Callable[[Path], Path]]:
    """Each hostile shape: a function making it in a folder."""
    return {
        "far corner cell (the issue's 20 KB file)": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: iter([b'<row r="1048576"><c r="XFD1048576" s="1"/></row>']), "A1:XFD1048576"
            ),
        ),
        "far column in 100,000 rows": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: batched(lambda n: f'<row r="{n}"><c r="XFD{n}" s="1"/></row>', 100_000),
                "A1:XFD100100",
            ),
        ),
        "formatted empty rows (1 MB)": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: batched(
                    lambda n: (
                        f'<row r="{n}">'
                        + "".join(f'<c r="{c}{n}" s="1"/>' for c in "ABCDEFGH")
                        + "</row>"
                    ),
                    45_000,
                )
            ),
        ),
        "numbers in every row (1 MB)": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: batched(
                    lambda n: f'<row r="{n}"><c r="ZZ{n}"><v>{n * 7919 % 100003}</v></c></row>',
                    115_000,
                )
            ),
        ),
        "merge over the whole sheet": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: iter([b""]),
                tail=b'<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>',
            ),
        ),
        "text past Excel's limit (20 cells x 40,000)": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: batched(
                    lambda n: (
                        f'<row r="{n}"><c r="J{n}" t="inlineStr"><is><t>'
                        + "word " * 8000
                        + "</t></is></c></row>"
                    ),
                    20,
                )
            ),
        ),
        "unzips to 1 GB (zip bomb)": lambda f: patch(
            service_workbook(f / "w.xlsx"),
            rows_added(
                lambda: (b"<row>" + b'<c s="1"/>' * 2000 + b"</row>" for _ in range(25_000))
            ),
        ),
        "a million tiny shared strings": lambda f: _shared_strings(service_workbook(f / "w.xlsx")),
    }


def _shared_strings(path: Path) -> Path:
    """A shared strings part of 990,000 one-letter strings, the sheet using the last one."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    count = 990_000
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + b"<si><t>a</t></si>" * count + b"</sst>")  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            if item.filename == ACTIONS:
                data = data.replace(
                    b"</sheetData>",
                    f'<row r="90"><c r="J90" t="s"><v>{count - 1}</v></c></row>'
                    "</sheetData>".encode(),
                )
            target.writestr(item, data)
        target.writestr("xl/sharedStrings.xml", sst)
    return path


def validate(folder: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak memory (MB), exit code and last line of ``reportgen validate`` in a
    fresh process."""
    code = (
        "import resource, sys\n"
        "from reportgen.cli import main\n"
        "sys.argv = ['reportgen', 'validate', '--input', sys.argv[1]]\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "    print(f'@@ {peak:.1f} {exit.code}')\n"
    )
    import time

    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - start
    lines = result.stdout.splitlines()
    marker = [line for line in lines if line.startswith("@@")]
    if not marker:
        raise SystemExit(f"reportgen failed:\n{result.stdout}\n{result.stderr}")
    _, peak, exit_code = marker[-1].split()
    said = " ".join(" ".join(lines[:-1]).split())
    return wall, float(peak), int(exit_code), said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the workbooks in this folder")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="reportgen-shapes-"))
    baselines = {
        "example return (input/cfsw-service-plan.xlsx)": lambda f: shutil.copy(
            ROOT / "input" / "cfsw-service-plan.xlsx", f / "w.xlsx"
        ),
        "realistic return, 3,000 actions (100 KB)": lambda f: service_workbook(f / "w.xlsx", 3000),
    }
    rows = []
    for name, make in {**baselines, **shapes()}.items():
        folder = work / re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        folder.mkdir(parents=True, exist_ok=True)
        make(folder)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1024
        wall, peak, code, said = validate(folder)
        rows.append((name, size, wall, peak, code, said))
    base_wall, base_peak = rows[0][2], rows[0][3]
    print(f"{'shape':<46} {'size':>8} {'time':>7} {'×':>5} {'peak':>8} {'×':>5}  exit")
    for name, size, wall, peak, code, _said in rows:
        print(
            f"{name:<46} {size:>6.0f}KB {wall:>6.2f}s {wall / base_wall:>5.1f} {peak:>6.0f}MB "
            f"{peak / base_peak:>5.1f}  {code}"
        )
    print()
    for name, *_, code, said in rows:
        if code:
            print(f"{name}: {said[:220]}")
    worst_wall = max(r[2] for r in rows)
    worst_peak = max(r[3] for r in rows)
    print(f"\nworst: {worst_wall:.2f} s, {worst_peak:.0f} MB (bound: seconds, 300 MB)")
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
