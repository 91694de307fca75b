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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import InputError
from reportgen.readers.values import clean_text
from reportgen.returns.read import ReturnedFile
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
    return _read_register(path, period.label)


def _read_register(path: Path, label: str) -> dict[str, IssuedRecord]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [
            IssuedRecord(item["seal"], {k: str(v) for k, v in item["details"].items()})
            for item in data["returns"]
        ]
        return {record.seal: record for record in records}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(
            f"the record of the returns issued for {label} ({path}) cannot be read "
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
    details: Mapping[str, object],
    key: bytes | None,
    register: Mapping[str, IssuedRecord],
    cells: Mapping[str, str] | None = None,
    issued: Callable[[str], IssuedRecord | None] | None = None,
) -> IssuedRecord | str:
    """The workspace's record of the return whose Return Details are ``details``, or why it
    cannot be trusted (a sentence for the user naming the cells, from ``cells``: the details'
    cell references by field). ``issued`` (the record of any return the workspace issued, by
    seal) lets a changed detail be named beside the value it was issued with."""
    if key is None:
        return (
            "it cannot be checked against what was issued: this workspace has no returns key "
            f"({WORKSPACE_DIR}/{KEY_FILE}); collect in the folder the returns were issued from"
        )
    cells = cells or {}
    given = clean_text(details.get(SEAL_FIELD)) or ""
    if not given:
        where = f" ({cells[SEAL_FIELD]} is blank)" if SEAL_FIELD in cells else ""
        return (
            f"its Return Details carry no seal{where}, so it is not a return this workspace "
            "issued (or was issued by an older reportgen); issue the returns again and ask for "
            "them back"
        )
    if not hmac.compare_digest(given, seal(key, details)):
        original = register.get(given) or (issued(given) if issued else None)
        return (
            "its hidden Return Details sheet was changed after it was issued ("
            f"{_what_changed(details, original, cells)}), so it cannot be matched to its plan "
            "safely; ask for the return as it was issued, or issue it again"
        )
    record = register.get(given)
    if record is None:
        where = f" ({cells[SEAL_FIELD]})" if SEAL_FIELD in cells else ""
        return (
            f"its seal{where} is not in this workspace's record of the returns issued for its "
            "period; it was issued from another copy of the workspace, or the record was lost"
        )
    return record


def _what_changed(
    details: Mapping[str, object], original: IssuedRecord | None, cells: Mapping[str, str]
) -> str:
    """ "Return Details!B4 (Lead Officer) says 'Andy Doneghan', issued as 'Joyce Johnston'";
    the seal's cell when what was issued is not known."""
    seal_cell = f" in {cells[SEAL_FIELD]}" if SEAL_FIELD in cells else ""
    if original is None:
        return f"the seal{seal_cell} no longer matches its details"
    said = []
    for name in SEALED:
        now, then = clean_text(details.get(name)) or "", original.get(name)
        if now == then:
            continue
        where = f"{cells[name]} ({name})" if name in cells else name
        if "\n" in now + then or len(now + then) > 80:
            said.append(f"{where} differs from what was issued")
        else:
            said.append(f"{where} says '{now}', issued as '{then}'")
    if not said:
        return f"the seal{seal_cell} no longer matches its details"
    return "; ".join(said) + f"; the seal{seal_cell} no longer matches"


def issued_returns(workspace: Path) -> dict[str, IssuedRecord]:
    """Every return the workspace issued, whatever its period, by seal (a record that cannot
    be read is passed over: this only helps to name what was changed)."""
    found: dict[str, IssuedRecord] = {}
    folder = workspace / WORKSPACE_DIR / REGISTER_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        with contextlib.suppress(InputError):
            found.update(_read_register(path, path.stem))
    return found


def verify_returns(returns: Sequence[ReturnedFile], workspace: Path) -> None:
    """Each return's details checked against their seal and the workspace's record of what
    was issued; a return that fails is refused (its ``failure`` says why, naming the cells),
    and for the others the record, never the sheet, says which workbook, lead, period and codes
    the return is for. ``collect`` checks every return so, and the web app each one sent."""
    key = workspace_key(workspace)
    registers: dict[ReportingPeriod, dict[str, IssuedRecord]] = {}
    everything: dict[str, IssuedRecord] = {}

    def issued(given: str) -> IssuedRecord | None:
        if not everything:  # read only when a return's details were changed
            everything.update(issued_returns(workspace))
        return everything.get(given)

    for returned in returns:
        if returned.failure is not None or returned.period is None:
            continue
        if returned.period not in registers:
            registers[returned.period] = load_register(workspace, returned.period)
        record = verify(
            returned.details, key, registers[returned.period], returned.details_at, issued
        )
        if isinstance(record, str):
            returned.failure = f"{returned.name}: {record}"
            continue
        returned.sealed = True
        returned.workbook = record.get("Service Workbook")
        returned.service = record.get("Service") or None
        returned.lead = record.get("Lead Officer") or None
        returned.issued_by = record.get("Issued By") or "lead"
        returned.issued_codes = record.codes
        returned.issued_indicators = record.indicators
