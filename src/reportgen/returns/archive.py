"""Keeping every collected return, unchanged, in an archive folder named by period.

The archive (``archive/Q3-2022-23/``) holds a byte-for-byte copy of each return collected and a
``manifest.csv`` (file, lead, service workbook, received time, collected time, SHA-256, size),
so a committee paper can always be traced to the returns it was built from. Collecting the same
file again adds nothing; a changed file of the same name is kept beside the earlier one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.returns.layout import inert, period_slug, uninert
from reportgen.returns.read import ReturnedFile
from reportgen.rules.periods import ReportingPeriod
from reportgen.write.transaction import Transaction

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = (
    "file",
    "archived_as",
    "lead",
    "service_workbook",
    "received",
    "collected",
    "sha256",
    "bytes",
)


@dataclass(frozen=True)
class ArchivedReturn:
    """One return in the archive: where it is kept and whether this run added it."""

    path: Path
    sha256: str
    added: bool


def archive_folder(root: Path, period: ReportingPeriod) -> Path:
    """``archive/Q3-2022-23``."""
    return root / period_slug(period)


def _read_manifest(path: Path) -> list[dict[str, str]]:
    """The manifest's rows as written (text made inert for spreadsheets turned back)."""
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: uninert(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def _free_name(taken: set[str], name: str) -> str:
    """``name``, or ``name (2)`` … when a file of that name is kept already."""
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _manifest_bytes(entries: list[dict[str, str]]) -> bytes:
    """The manifest as CSV, every field inert: a spreadsheet never takes one for a formula."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS)
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in entry.items()} for entry in entries)
    return buffer.getvalue().encode("utf-8")


def archive_returns(
    returns: Sequence[ReturnedFile], folder: Path, collected: dt.datetime
) -> list[ArchivedReturn]:
    """Copy each return into ``folder`` unless the same bytes are already there, and add it to
    the manifest, as one commit (see :mod:`reportgen.write.transaction`). Raises OutputError
    when the folder cannot be written."""
    manifest_path = folder / MANIFEST
    try:
        with Transaction(folder) as transaction:
            entries = _read_manifest(manifest_path)
            kept = {e["sha256"]: folder / e["archived_as"] for e in entries}
            taken = {p.name.casefold() for p in folder.iterdir()}
            archived: list[ArchivedReturn] = []
            for returned in returns:
                if not returned.sha256:
                    continue  # the file could not be read, so there is nothing to keep
                if returned.sha256 in kept:
                    archived.append(ArchivedReturn(kept[returned.sha256], returned.sha256, False))
                    continue
                data = returned.path.read_bytes()
                name = _free_name(taken, returned.name)
                transaction.stage(name, data)
                kept[returned.sha256] = folder / name
                entries.append(
                    {
                        "file": returned.name,
                        "archived_as": name,
                        "lead": returned.lead or "",
                        "service_workbook": returned.workbook or "",
                        "received": returned.received.isoformat() if returned.received else "",
                        "collected": collected.isoformat(),
                        "sha256": returned.sha256,
                        "bytes": str(len(data)),
                    }
                )
                archived.append(ArchivedReturn(folder / name, returned.sha256, True))
            transaction.stage(MANIFEST, _manifest_bytes(entries))
            transaction.commit()
    except OSError as exc:
        raise OutputError(f"the archive {folder} could not be written: {exc}") from exc
    return archived
