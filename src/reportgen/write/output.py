"""Writing outputs: all-or-nothing, atomic, and byte-for-byte repeatable.

A build first renders every document in memory. Only when all of them succeeded are they written,
each to a temporary file in the output folder and then moved over the old one, so a reader never
sees half a file and a failed or interrupted build leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import OutputError


@dataclass(frozen=True, slots=True)
class StagedFile:
    """A rendered output waiting to be written."""

    path: Path
    data: bytes


@dataclass(frozen=True, slots=True)
class WriteResult:
    path: Path
    changed: bool


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def commit(staged: list[StagedFile]) -> list[WriteResult]:
    """Write every staged file atomically; say which changed. Raises OutputError when a file
    cannot be replaced (typically because it is open in Word)."""
    results = []
    for item in staged:
        old = item.path.read_bytes() if item.path.is_file() else None
        changed = old != item.data
        if changed:
            try:
                write_atomic(item.path, item.data)
            except PermissionError as exc:
                raise OutputError(
                    f"{item.path} could not be replaced: it may be open in Word; close it and "
                    "build again"
                ) from exc
            except OSError as exc:
                raise OutputError(f"{item.path} could not be written: {exc.strerror}") from exc
        results.append(WriteResult(item.path, changed))
    return results
