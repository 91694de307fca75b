"""Rebuilding only what changed.

After a successful build, a small manifest in the output folder's cache records, for each
workbook, a key made of everything its documents depend on (the workbook's bytes, the templates,
the build's settings and reportgen's own code) and a checksum of each output written. A later
build that finds the same key and the same outputs on disk re-uses them without reading or
rendering the workbook again, and reports its warnings from the manifest. Anything else (a
changed return, template, option or version; an output edited or deleted) rebuilds that
workbook. Keys are content hashes, so the cache is never stale; deleting it only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportgen.errors import Issue, IssueList, Location, Severity
from reportgen.rules.periods import ReportingPeriod
from reportgen.write.history import HistoryStore
from reportgen.write.output import file_sha256, sha256, write_atomic

MANIFEST_NAME = "builds.json"
MANIFEST_VERSION = 1


@cache
def code_fingerprint() -> str:
    """A hash of reportgen's own code and packaged files: a new version rebuilds everything."""
    digest = hashlib.sha256()
    root = resources.files("reportgen")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".png", ".docx"}:
            digest.update(str(path.relative_to(Path(str(root)))).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def workbook_key(workbook: bytes, templates: bytes, settings: str) -> str:
    """The key of one workbook's build: its bytes, the templates' hash and the settings."""
    digest = hashlib.sha256()
    for part in (code_fingerprint().encode(), templates, settings.encode(), workbook):
        digest.update(sha256(part).encode())
    return digest.hexdigest()


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    return {
        "severity": issue.severity.value,
        "type": issue.type,
        "message": issue.message,
        "value": issue.value,
        "file": issue.location.file,
        "sheet": issue.location.sheet,
        "cell": issue.location.cell,
        "heading": issue.location.heading,
        "place": issue.location.place,
    }


def issue_from_dict(data: dict[str, Any]) -> Issue:
    """An issue read back from the manifest; ValueError (or TypeError, KeyError) when damaged."""
    texts = [data.get(k) for k in ("file", "sheet", "cell", "heading", "place", "value")]
    if not all(t is None or isinstance(t, str) for t in texts):
        raise ValueError("damaged issue")
    if not all(isinstance(data[k], str) for k in ("file", "type", "message")):
        raise ValueError("damaged issue")
    location = Location(
        data["file"], data.get("sheet"), data.get("cell"), data.get("heading"), data.get("place")
    )
    return Issue(
        Severity(data["severity"]), data["type"], data["message"], location, data.get("value")
    )


@dataclass
class Entry:
    """What one workbook's last successful build wrote."""

    key: str
    kind: str
    outputs: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    issues: list[dict[str, Any]] = field(default_factory=list)
    skipped_documents: list[list[str]] = field(default_factory=list)  # [document, reason]
    plan: str = ""  # a service plan's key in the history folder ("" for other workbooks)
    period: str = ""  # its period, "Q3 2022/23"
    history: str = ""  # the digest of the plan's earlier records the documents were made from

    def outputs_intact(self, folder: Path) -> bool:
        """True when every output is still on disk exactly as written."""
        for name, digest in self.outputs.items():
            path = folder / name
            try:
                if file_sha256(path) != digest:
                    return False
            except OSError:
                return False
        return bool(self.outputs)

    def history_intact(self, store: HistoryStore) -> bool:
        """True when the plan's record is still kept and its earlier records are unchanged
        (what changed since, and the progress history, are still as the outputs show)."""
        if not self.plan:
            return True
        period = ReportingPeriod.parse(self.period)
        if not store.path(self.plan, period).is_file():
            return False
        return store.before(self.plan, period).digest == self.history

    def restored_issues(self) -> IssueList:
        return IssueList([issue_from_dict(item) for item in self.issues])


@dataclass
class Manifest:
    """The manifest of a cache folder: entries by workbook file name."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``, or an empty one when missing, unreadable, old or damaged
        in any way (a damaged manifest only costs a full build)."""
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
                return cls(path)
            entries = {name: _entry(entry) for name, entry in data["workbooks"].items()}
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
            return cls(path)
        return cls(path, entries)

    def reusable(self, name: str, key: str, output_dir: Path, store: HistoryStore) -> Entry | None:
        entry = self.entries.get(name)
        if entry is None or entry.key != key or not entry.outputs_intact(output_dir):
            return None
        return entry if entry.history_intact(store) else None

    def to_bytes(self, keep: set[str]) -> bytes:
        """The manifest as written (only the entries of workbooks still in the input folder)."""
        workbooks = {
            name: entry.__dict__ for name, entry in sorted(self.entries.items()) if name in keep
        }
        text = json.dumps({"version": MANIFEST_VERSION, "workbooks": workbooks}, indent=1)
        return text.encode("utf-8")

    def save(self, keep: set[str]) -> None:
        """Write the manifest on its own (a build commits it with its outputs instead)."""
        # a manifest that cannot be written only costs a full build next time
        with contextlib.suppress(OSError):
            write_atomic(self.path, self.to_bytes(keep))


def _entry(data: Any) -> Entry:
    """An entry read back, every field checked: ValueError for anything but what we write."""
    entry = Entry(**data)
    texts = (entry.key, entry.kind, entry.plan, entry.period, entry.history)
    outputs_ok = isinstance(entry.outputs, dict) and all(
        isinstance(k, str) and isinstance(v, str) and _plain_relative(k)
        for k, v in entry.outputs.items()
    )
    skipped_ok = isinstance(entry.skipped_documents, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in entry.skipped_documents
    )
    if not (all(isinstance(t, str) for t in texts) and outputs_ok and skipped_ok):
        raise ValueError("damaged manifest entry")
    if not isinstance(entry.issues, list):
        raise ValueError("damaged manifest entry")
    if entry.plan and not (re.fullmatch(r"[a-z0-9-]+", entry.plan) and entry.period):
        raise ValueError("damaged manifest entry")
    if entry.plan:
        ReportingPeriod.parse(entry.period)  # raises ValueError for a damaged period
    for issue in entry.issues:
        issue_from_dict(issue)  # raises for a damaged issue
    return entry


def _plain_relative(name: str) -> bool:
    """True for a path such as ``2022-23 Q3/x.docx``: relative, inside the output folder."""
    parts = name.split("/")
    return (
        not name.startswith("/")
        and "\\" not in name
        and ":" not in name
        and all(part not in ("", ".", "..") for part in parts)
    )
