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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportgen.errors import Issue, IssueList, Location, Severity
from reportgen.write.output import write_atomic

MANIFEST_NAME = "builds.json"
MANIFEST_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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

    def outputs_intact(self, folder: Path) -> bool:
        """True when every output is still on disk exactly as written."""
        for name, digest in self.outputs.items():
            path = folder / name
            try:
                if sha256(path.read_bytes()) != digest:
                    return False
            except OSError:
                return False
        return bool(self.outputs)

    def restored_issues(self) -> IssueList:
        return IssueList([issue_from_dict(item) for item in self.issues])


@dataclass
class Manifest:
    """The manifest of a cache folder: entries by workbook file name."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``, or an empty one when missing, unreadable or old."""
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return cls(path)
            entries = {name: Entry(**entry) for name, entry in data["workbooks"].items()}
        except (OSError, ValueError, TypeError, KeyError):
            return cls(path)
        return cls(path, entries)

    def reusable(self, name: str, key: str, output_dir: Path) -> Entry | None:
        entry = self.entries.get(name)
        if entry is None or entry.key != key or not entry.outputs_intact(output_dir):
            return None
        return entry

    def save(self, keep: set[str]) -> None:
        """Write the manifest (only the entries of workbooks still in the input folder)."""
        workbooks = {
            name: entry.__dict__ for name, entry in sorted(self.entries.items()) if name in keep
        }
        text = json.dumps({"version": MANIFEST_VERSION, "workbooks": workbooks}, indent=1)
        # a manifest that cannot be written only costs a full build next time
        with contextlib.suppress(OSError):
            write_atomic(self.path, text.encode("utf-8"))
