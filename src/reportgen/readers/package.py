"""An Excel file's package, read within bounds: the parts a return needs and nothing more.

A workbook is a zip of XML parts. What reading one costs must follow what it holds, not what
its parts claim: a 20 KB file can declare a sheet a million rows tall, or unzip to gigabytes.
So every part is read as a stream that stops at :data:`LIMITS` (``part_bytes`` unzipped, and
``total_bytes`` over the parts read), XML with a DTD (which Excel never writes, and which entity
bombs need) is refused, and the shared strings are counted as they are read. The workbook's
sheets, their states, the date system, each style's number format and the document's saved-by
and saved-at properties come from here; the sheets' cells from :mod:`reportgen.readers.sheetxml`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS

from reportgen.errors import WorkbookError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
WORKSHEET_REL = "/worksheet"


@dataclass(frozen=True)
class ReadLimits:
    """How much of a package reportgen reads: bytes of one part and of all parts unzipped,
    shared strings, and cells holding a value (a council's return holds a few thousand)."""

    part_bytes: int = 32 * 1024 * 1024
    total_bytes: int = 96 * 1024 * 1024
    shared_strings: int = 200_000
    cells: int = 100_000
    merged_cells: int = 200_000


LIMITS = ReadLimits()

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# XML cannot hold these; Excel writes them as _xHHHH_ escapes.
_FORBIDDEN = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def decode_escapes(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes decoded: ``_x000D_`` is a carriage return, ``_x005F_`` an
    underscore; a vertical tab (``_x000B_``, a line break pasted from Word) is a line break;
    characters Word's XML cannot hold are dropped."""
    if "_x" not in text:
        return _FORBIDDEN.sub("", text)
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return _FORBIDDEN.sub("", decoded.replace("\x0b", "\n"))


class _Bounded:
    """A file-like stream that refuses to give more than ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int, what: str, package: Package) -> None:
        self.stream = stream
        self.limit = limit
        self.what = what
        self.package = package
        self.read_so_far = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size if size and size > 0 else 1024 * 1024)
        self.read_so_far += len(chunk)
        self.package.count(len(chunk), self.what)
        if self.read_so_far > self.limit:
            raise self.package.too_large(self.what, self.limit)
        return chunk


@dataclass
class SheetEntry:
    """A worksheet as the workbook lists it: its name, state and XML part."""

    name: str
    part: str
    hidden: bool


@dataclass
class Package:
    """An opened Excel file: its parts, read within :data:`LIMITS`."""

    path: Path
    archive: zipfile.ZipFile
    limits: ReadLimits = field(default_factory=lambda: LIMITS)
    unzipped: int = 0
    cells: int = 0  # cells holding a value, over the sheets read

    @property
    def name(self) -> str:
        return self.path.name

    def failure(self, message: str) -> WorkbookError:
        return WorkbookError(f"{self.name}: {message}")

    def too_large(self, what: str, limit: int) -> WorkbookError:
        return self.failure(
            f"{what} unzips to more than {limit // 1024 // 1024} MB, far more than a return "
            "holds; it may be damaged or padded with empty cells. Open it in Excel, delete the "
            "unused rows and columns (or copy the data into a new workbook) and save it again"
        )

    def count(self, size: int, what: str) -> None:
        self.unzipped += size
        if self.unzipped > self.limits.total_bytes:
            raise self.too_large("the workbook", self.limits.total_bytes)

    def has(self, part: str) -> bool:
        try:
            self.archive.getinfo(part)
        except KeyError:
            return False
        return True

    def open(self, part: str) -> _Bounded:
        """The part as a bounded stream; WorkbookError when it is missing or claims too much."""
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            raise self.failure(f"the part {part} is missing; the file is damaged") from None
        if info.file_size > self.limits.part_bytes:
            raise self.too_large(part, self.limits.part_bytes)
        return _Bounded(self.archive.open(info), self.limits.part_bytes, part, self)

    def elements(self, part: str, tags: tuple[str, ...]) -> Iterator[Any]:
        """The part's ``tags`` elements as they end, each cleared (and dropped from the tree)
        once the caller is done with it, so memory stays flat however long the part. XML with
        a DTD is refused; entities are never expanded."""
        events = etree.iterparse(
            self.open(part),
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        seen = 0
        try:
            for _event, element in events:
                if not seen and element.getroottree().docinfo.doctype:
                    raise self.failure(
                        f"{part} holds a DTD, which Excel never writes and reportgen refuses "
                        "for safety; open the file in Excel and save it again"
                    )
                seen += 1
                yield element
                element.clear(keep_tail=True)
                if seen % 256 == 0 and (parent := element.getparent()) is not None:
                    del parent[: parent.index(element)]  # the elements done with
        except etree.XMLSyntaxError as exc:
            raise self.failure(
                f"{part} is not well-formed XML ({exc.msg}); the file is damaged or was not "
                "written by Excel. Open it in Excel and save it again"
            ) from exc


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id → (type, target part)."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if not package.has(rels):
        return {}
    found = {}
    for rel in package.elements(rels, (f"{PKG_REL}Relationship",)):
        if rel.get("TargetMode") == "External":
            continue
        found[rel.get("Id", "")] = (rel.get("Type", ""), _target(part, rel.get("Target", "")))
    return found


@dataclass
class WorkbookParts:
    """What the workbook part says: its worksheets, date system, number formats, strings."""

    sheets: list[SheetEntry]
    date1904: bool
    formats: list[str]
    strings: list[str]
    saved_by: str | None = None
    saved_at: dt.datetime | None = None


def read_workbook_parts(package: Package) -> WorkbookParts:
    """The workbook's sheets, date system, styles, shared strings and properties."""
    main = "xl/workbook.xml"
    rels = relationships(package, main)
    sheets: list[SheetEntry] = []
    date1904 = False
    for element in package.elements(main, (f"{MAIN}sheet", f"{MAIN}workbookPr")):
        if element.tag == f"{MAIN}workbookPr":
            date1904 = element.get("date1904", "0").lower() in ("1", "true")
            continue
        kind, target = rels.get(element.get(f"{REL}id", ""), ("", ""))
        if kind.endswith(WORKSHEET_REL):
            hidden = element.get("state", "visible") != "visible"
            sheets.append(SheetEntry(element.get("name", ""), target, hidden))
    parts = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
    formats = _number_formats(package, parts.get("styles"))
    strings = _shared_strings(package, parts.get("sharedStrings"))
    saved_by, saved_at = _properties(package)
    return WorkbookParts(sheets, date1904, formats, strings, saved_by, saved_at)


def _number_formats(package: Package, part: str | None) -> list[str]:
    """Each cell style's number format, by style index."""
    if part is None or not package.has(part):
        return []
    custom: dict[int, str] = {}
    formats: list[str] = []
    for element in package.elements(part, (f"{MAIN}numFmt", f"{MAIN}xf")):
        if element.tag == f"{MAIN}numFmt":
            custom[_int(element.get("numFmtId"))] = element.get("formatCode", "General")
        elif element.getparent() is not None and element.getparent().tag == f"{MAIN}cellXfs":
            number = _int(element.get("numFmtId"))
            formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
        if len(formats) > package.limits.cells:
            raise package.failure("its styles part lists more cell styles than Excel allows")
    return formats


def _shared_strings(package: Package, part: str | None) -> list[str]:
    """The shared strings, escapes decoded, phonetic guides left out."""
    if part is None or not package.has(part):
        return []
    strings: list[str] = []
    plain, phonetic = f"{MAIN}t", f"{MAIN}rPh"
    for item in package.elements(part, (f"{MAIN}si",)):
        if len(item) == 1 and item[0].tag == plain:  # the usual case: one piece of text
            text = item[0].text or ""
        else:
            text = "".join(t.text or "" for t in item.iter(plain) if t.getparent().tag != phonetic)
        strings.append(decode_escapes(text))
        if len(strings) > package.limits.shared_strings:
            raise package.failure(
                f"it holds more than {package.limits.shared_strings:,} pieces of text, far more "
                "than a return; it may be damaged"
            )
    return strings


def _properties(package: Package) -> tuple[str | None, dt.datetime | None]:
    """Who saved the file last and when, as Excel records them (docProps/core.xml)."""
    part = "docProps/core.xml"
    if not package.has(part):
        return None, None
    saved_by, saved_at = None, None
    for element in package.elements(part, (f"{CP}lastModifiedBy", f"{DCTERMS}modified")):
        text = (element.text or "").strip()
        if element.tag == f"{CP}lastModifiedBy":
            saved_by = text or None
        elif text:
            try:
                saved_at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                saved_at = None
    return saved_by, saved_at


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def open_package(path: Path) -> Package:
    """The package at ``path``; WorkbookError when it is not a readable zip."""
    try:
        return Package(path, zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(
            f"{path.name}: this file could not be read as an Excel workbook ({exc}); open it in "
            "Excel and save it again as .xlsx"
        ) from exc
