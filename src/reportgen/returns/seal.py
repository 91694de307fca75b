"""Returns that cannot be forged: what was issued is recorded in the workspace, and sealed.

A return's hidden Return Details sheet says which service workbook, lead officer, period and
codes it was issued for; collect matches it back by them. A sheet anyone can unhide is no proof,
so when a return is issued:

* its details are **sealed**: a keyed hash (HMAC-SHA256) of them, under a key kept in the
  workspace (``.reportgen/returns.key``, made on first use, readable by its owner only), is
  written into the details as ``Seal``;
* they are **recorded** outside the return, in the workspace (``.reportgen/issued/<period>.json``),
  by seal.

Collect recomputes the seal from the details the return holds. Details edited after issue
(another officer's codes, another period, another workbook) no longer match their seal, and a
return whose seal the workspace never issued is not one of its returns; both are refused, and
what collect uses for a sealed return is the workspace's record, never the sheet.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import InputError
from reportgen.readers.values import clean_text
from reportgen.rules.periods import ReportingPeriod
from reportgen.write.output import write_atomic

WORKSPACE_DIR = ".reportgen"
KEY_FILE = "returns.key"
REGISTER_DIR = "issued"
SEAL_FIELD = "Seal"
# The details the seal covers, in the order they are hashed.
SEALED = (
    "Service Workbook",
    "Service",
    "Lead Officer",
    "Period",
    "Last Period",
    "Issued By",
    "Issued Codes",
    "Issued Indicators",
    "Return File",
)


def _canonical(details: Mapping[str, object]) -> bytes:
    """The details as the seal covers them: each value as a cell gives it back."""
    fields = {name: clean_text(details.get(name)) or "" for name in SEALED}
    return json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")


def seal(key: bytes, details: Mapping[str, object]) -> str:
    """The seal of ``details`` under ``key`` (hex)."""
    return hmac.new(key, _canonical(details), hashlib.sha256).hexdigest()


def workspace_key(workspace: Path, create: bool = False) -> bytes | None:
    """The workspace's key for sealing returns (made, owner-readable only, when ``create``);
    None when it has none."""
    path = workspace / WORKSPACE_DIR / KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        if not create or path.exists():
            return None
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.hex())
    return workspace_key(workspace)


def find_workspace(input_dir: Path) -> Path:
    """The workspace a folder of service workbooks belongs to: the nearest folder above it
    holding reportgen's own folder or ``reportgen.toml`` (so ``input/Q3-2022-23`` finds the
    same workspace as ``input``), else the folder above it."""
    start = Path(os.path.abspath(input_dir))
    for folder in list(start.parents)[:4]:
        if (folder / WORKSPACE_DIR / KEY_FILE).is_file() or (folder / "reportgen.toml").is_file():
            return folder
    return start.parent


def _register_path(workspace: Path, period: ReportingPeriod) -> Path:
    slug = period.label.replace(" ", "-").replace("/", "-")
    return workspace / WORKSPACE_DIR / REGISTER_DIR / f"{slug}.json"


@dataclass(frozen=True)
class IssuedRecord:
    """One return as the workspace recorded it when it was issued."""

    seal: str
    details: dict[str, str]

    def get(self, name: str) -> str:
        return self.details.get(name, "")

    @property
    def codes(self) -> list[str]:
        return [c for c in self.get("Issued Codes").split("\n") if c.strip()]

    @property
    def indicators(self) -> list[str]:
        return [c for c in self.get("Issued Indicators").split("\n") if c.strip()]


def load_register(workspace: Path, period: ReportingPeriod) -> dict[str, IssuedRecord]:
    """The returns issued for ``period`` in ``workspace``, by seal (empty when none)."""
    path = _register_path(workspace, period)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [
            IssuedRecord(item["seal"], {k: str(v) for k, v in item["details"].items()})
            for item in data["returns"]
        ]
        return {record.seal: record for record in records}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(
            f"the record of the returns issued for {period.label} ({path}) cannot be read "
            f"({exc}); issue the returns again to write it anew"
        ) from exc


def register_issued(workspace: Path, period: ReportingPeriod, records: list[IssuedRecord]) -> Path:
    """Add ``records`` to the workspace's record of ``period``'s returns (earlier issues of
    the period stay valid); the record's path."""
    path = _register_path(workspace, period)
    try:
        kept = load_register(workspace, period)
    except InputError:
        kept = {}
    kept.update({r.seal: r for r in records})
    data = {
        "period": period.label,
        "returns": [{"seal": r.seal, "details": r.details} for r in kept.values()],
    }
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
    return path


def verify(
    details: Mapping[str, object], key: bytes | None, register: Mapping[str, IssuedRecord]
) -> IssuedRecord | str:
    """The workspace's record of the return whose Return Details are ``details``, or why it
    cannot be trusted (a sentence for the user)."""
    if key is None:
        return (
            "it cannot be checked against what was issued: this workspace has no returns key "
            f"({WORKSPACE_DIR}/{KEY_FILE}); collect in the folder the returns were issued from"
        )
    given = clean_text(details.get(SEAL_FIELD)) or ""
    if not given:
        return (
            "its Return Details carry no seal, so it is not a return this workspace issued (or "
            "was issued by an older reportgen); issue the returns again and ask for them back"
        )
    if not hmac.compare_digest(given, seal(key, details)):
        return (
            "its hidden Return Details sheet was changed after it was issued (the seal no longer "
            "matches), so it cannot be matched to its plan safely; ask for the return as it was "
            "issued, or issue it again"
        )
    record = register.get(given)
    if record is None:
        return (
            "its seal is not in this workspace's record of the returns issued for its period; "
            "it was issued from another copy of the workspace, or the record was lost"
        )
    return record
