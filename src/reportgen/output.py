"""Writing outputs: all-or-nothing, atomic, and byte-for-byte repeatable.

A build first renders every document in memory. Only when all of them succeeded are they written,
each to a temporary file in the output folder and then moved over the old one, so a reader never
sees half a file and a failed or interrupted build leaves the previous outputs untouched.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import OutputError

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_COMPRESSED_MEDIA = (".png", ".jpg", ".jpeg", ".gif")


def repeatable_zip(data: bytes) -> bytes:
    """The same .docx with fixed entry times, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            # pictures are compressed already: deflating them again only costs time
            packed = info.filename.lower().endswith(_COMPRESSED_MEDIA)
            fixed.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return target_buffer.getvalue()


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
