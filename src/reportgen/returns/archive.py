"""Keeping every collected return, unchanged, in an archive folder named by period.

The archive (``archive/Q3-2022-23/``) holds a byte-for-byte copy of each return collected and a
``manifest.csv`` (file, lead, service workbook, received time, collected time, SHA-256, size),
so a committee paper can always be traced to the returns it was built from. Collecting the same
file again adds nothing; a changed file of the same name is kept beside the earlier one.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.returns.layout import period_slug
from reportgen.returns.read import ReturnedFile
from reportgen.rules.periods import ReportingPeriod

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
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return target


def archive_returns(
    returns: Sequence[ReturnedFile], folder: Path, collected: dt.datetime
) -> list[ArchivedReturn]:
    """Copy each return into ``folder`` unless the same bytes are already there, and add it to
    the manifest. Raises OutputError when the folder cannot be written."""
    manifest_path = folder / MANIFEST
    try:
        folder.mkdir(parents=True, exist_ok=True)
        entries = _read_manifest(manifest_path)
        kept = {e["sha256"]: folder / e["archived_as"] for e in entries}
        archived: list[ArchivedReturn] = []
        for returned in returns:
            if not returned.sha256:
                continue  # the file could not be read, so there is nothing to keep
            if returned.sha256 in kept:
                archived.append(ArchivedReturn(kept[returned.sha256], returned.sha256, False))
                continue
            target = _free_name(folder, returned.name)
            shutil.copy2(returned.path, target)
            kept[returned.sha256] = target
            entries.append(
                {
                    "file": returned.name,
                    "archived_as": target.name,
                    "lead": returned.lead or "",
                    "service_workbook": returned.workbook or "",
                    "received": returned.received.isoformat() if returned.received else "",
                    "collected": collected.isoformat(),
                    "sha256": returned.sha256,
                    "bytes": str(returned.path.stat().st_size),
                }
            )
            archived.append(ArchivedReturn(target, returned.sha256, True))
        staging = manifest_path.with_suffix(".tmp")
        with staging.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
            writer.writeheader()
            writer.writerows(entries)
        staging.replace(manifest_path)
    except OSError as exc:
        raise OutputError(f"the archive {folder} could not be written: {exc}") from exc
    return archived
