"""Finding formula cells that have no saved value.

openpyxl reads a formula cell as the value Excel saved with it. A workbook written by a program
(not saved by Excel) has formulas but no saved values, so those cells would read as empty and a
report would silently lose numbers. This scans the sheets' XML (safely, with defusedxml) for
``<c>`` elements that hold an ``<f>`` but no ``<v>``, so the readers can say so.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from openpyxl.utils.cell import coordinate_to_tuple

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its XML part name inside the package."""
    with archive.open("xl/workbook.xml") as handle:
        workbook = ElementTree.parse(handle).getroot()
    with archive.open("xl/_rels/workbook.xml.rels") as handle:
        rels = ElementTree.parse(handle).getroot()
    targets = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(part)
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        rel_id = sheet.get(f"{_REL}id")
        if rel_id in targets:
            parts[sheet.get("name", "")] = targets[rel_id]
    return parts


def formulas_without_values(path: Path) -> dict[str, set[tuple[int, int]]]:
    """For each sheet title, the (row, column) of formula cells with no saved value.

    Returns an empty mapping when the package cannot be scanned (opening the workbook reports
    such files properly). Raises defusedxml's DefusedXmlException for XML with entity or DTD
    declarations, which Excel never writes.
    """
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for title, part in _sheet_parts(archive).items():
                if part not in names:
                    continue
                cells = _scan_sheet(archive, part)
                if cells:
                    found[title] = cells
    except DefusedXmlException:
        raise
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return {}
    return found


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    cells: set[tuple[int, int]] = set()
    with archive.open(part) as handle:
        for _event, element in ElementTree.iterparse(handle, events=("end",)):
            if element.tag != f"{_MAIN}c":
                continue
            formula = element.find(f"{_MAIN}f")
            if formula is not None:
                value = element.find(f"{_MAIN}v")
                # Excel saves an empty text result as t="str" with an empty <v>; any other
                # formula cell without a value was never calculated.
                empty = value is None or (
                    not (value.text or "").strip() and element.get("t") != "str"
                )
                if empty and element.get("r"):
                    cells.add(coordinate_to_tuple(element.get("r")))
            element.clear()
    return cells
