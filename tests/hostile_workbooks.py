"""Workbooks with hostile shapes, made by editing a good workbook's XML (what a program or a
damaged copy can produce, and Excel can open): used by the corpus and the reading benchmark."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from workbooks import write_service_workbook

ACTIONS_PART = "xl/worksheets/sheet2.xml"  # write_service_workbook's Plan is sheet1
PLAN_PART = "xl/worksheets/sheet1.xml"


def patch(path: Path, part: str, change: Callable[[bytes], bytes | Iterator[bytes]]) -> Path:
    """Rewrite ``part`` of the workbook at ``path`` with ``change`` (which may stream)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != part:
                target.writestr(item, data)
                continue
            changed = change(data)
            if isinstance(changed, bytes):
                target.writestr(item.filename, changed)
            else:
                with target.open(item.filename, "w", force_zip64=True) as stream:
                    for chunk in changed:
                        stream.write(chunk)
    return path


def before_sheet_data_end(extra: bytes | Callable[[], Iterator[bytes]]):
    """A change that adds ``extra`` rows at the end of the sheet's data."""

    def change(data: bytes) -> Iterator[bytes]:
        head, tail = data.split(b"</sheetData>", 1)
        yield head
        if isinstance(extra, bytes):
            yield extra
        else:
            yield from extra()
        yield b"</sheetData>" + tail

    return change


def with_dimension(data: bytes, ref: str) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data)


def good(folder: Path, name: str = "plan.xlsx") -> Path:
    return write_service_workbook(folder / name)


def far_corner_cell(folder: Path) -> Path:
    """One formatted, empty cell at XFD1048576, the sheet claiming every cell in between."""
    path = good(folder)
    return patch(
        path,
        ACTIONS_PART,
        lambda data: b"".join(
            before_sheet_data_end(b'<row r="1048576"><c r="XFD1048576" s="1"/></row>')(
                with_dimension(data, "A1:XFD1048576")
            )
        ),
    )


def formatted_rows(folder: Path, rows: int, columns: tuple[str, ...] = ("A", "XFD")) -> Path:
    """``rows`` rows below the data, each with formatted but empty cells in ``columns``."""

    def extra() -> Iterator[bytes]:
        for number in range(12, 12 + rows):
            cells = "".join(f'<c r="{c}{number}" s="1"/>' for c in columns)
            yield f'<row r="{number}">{cells}</row>'.encode()

    path = good(folder)
    return patch(path, ACTIONS_PART, before_sheet_data_end(extra))


def filled_rows(folder: Path, rows: int) -> Path:
    """``rows`` rows of numbers in an unmapped column far to the right (values, not formats)."""

    def extra() -> Iterator[bytes]:
        for number in range(12, 12 + rows):
            yield f'<row r="{number}"><c r="ZZ{number}"><v>{number}</v></c></row>'.encode()

    path = good(folder)
    return patch(path, ACTIONS_PART, before_sheet_data_end(extra))


def merged_everything(folder: Path) -> Path:
    path = good(folder)

    def change(data: bytes) -> bytes:
        merge = b'<mergeCells count="1"><mergeCell ref="A12:XFD1048576"/></mergeCells>'
        return data.replace(b"</sheetData>", b"</sheetData>" + merge, 1)

    return patch(path, ACTIONS_PART, change)


def cell_xml(folder: Path, cell: bytes, row: int = 4) -> Path:
    """A workbook whose Actions row ``row`` gets ``cell`` (raw XML) added at its end."""
    path = good(folder)

    def change(data: bytes) -> bytes:
        pattern = rf'(<row r="{row}"[^>]*>.*?)(</row>)'.encode()
        return re.sub(pattern, lambda m: m.group(1) + cell + m.group(2), data, count=1, flags=re.S)

    return patch(path, ACTIONS_PART, change)


def replace_in(folder: Path, part: str, old: bytes, new: bytes) -> Path:
    path = good(folder)
    return patch(path, part, lambda data: data.replace(old, new, 1))


def inflated(folder: Path, megabytes: int) -> Path:
    """A sheet that unzips to ``megabytes`` MB of empty formatted cells (a few hundred KB
    zipped): what a damaged or padded file looks like."""

    def extra() -> Iterator[bytes]:
        row = b'<row><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/></row>' * 1000
        for _ in range(megabytes * 1024 * 1024 // len(row) + 1):
            yield row

    path = good(folder)
    return patch(path, ACTIONS_PART, before_sheet_data_end(extra))
