"""Finding the returns in a folder: every Excel workbook, and why other files are passed over."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from reportgen.errors import InputError
from reportgen.readers.workbook import WORKBOOK_SUFFIXES


def discover(input_dir: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The workbooks in ``input_dir`` (sorted by name) and the files passed over, with why."""
    if not input_dir.is_dir():
        raise InputError(f"input folder {input_dir} not found; create it and put the returns in it")
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in sorted(input_dir.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.name.startswith("~$"):
            skipped.append(
                (path, "Excel's lock file: the workbook is open in Excel; save it before building")
            )
        elif path.suffix.lower() in WORKBOOK_SUFFIXES or path.suffix.lower() == ".xls":
            found.append(path)
        else:
            skipped.append((path, "not an Excel workbook (.xlsx or .xlsm)"))
    return found, skipped


def workbooks_in(folders: Iterable[Path]) -> Iterator[Path]:
    """The workbooks in each of ``folders`` that exists, by name, Excel's lock files left out."""
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith("~$"):
                    yield path
