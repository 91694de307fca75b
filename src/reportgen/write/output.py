"""Files as reportgen writes them: created with the user's umask, synced, replaced atomically.

The building blocks of :mod:`reportgen.write.transaction` (which commits a whole build at once)
and of the small files written on their own (a cache manifest, a crash report). Every file is
created with mode ``0o666`` less the process's umask, as ``open()`` creates files, so colleagues
on a shared drive can read the papers whenever their folder lets them.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import OutputError

FILE_MODE = 0o666  # less the umask, as open() does
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class StagedFile:
    """An output written to the staging folder, waiting for the commit.

    ``target`` is where it goes, ``staged`` where it waits; ``sha256`` and ``size`` describe
    its bytes, so nothing needs to hold them in memory until the commit."""

    target: Path
    staged: Path
    sha256: str
    size: int

    @property
    def path(self) -> Path:
        """Where the file goes (the same as ``target``)."""
        return self.target

    def read_bytes(self) -> bytes:
        """The staged bytes (a pack joins documents already staged, one workbook at a time)."""
        return self.staged.read_bytes()


class WriteState(enum.StrEnum):
    """What the commit did to one output."""

    NEW = "new"  # there was no file of that name
    REPLACED = "replaced"  # an older, different file was replaced
    UNCHANGED = "unchanged"  # the file on disk already held these bytes: not touched
    REUSED = "re-used"  # the workbook had not changed: its earlier output stands, not rebuilt
    REMOVED = "removed"  # an output no longer true to what was built (a PDF of an older .docx)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """One output of a run and what happened to it."""

    path: Path
    state: WriteState

    @property
    def changed(self) -> bool:
        """True when the file on disk is new or was replaced by this run."""
        return self.state in (WriteState.NEW, WriteState.REPLACED)


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def create_file(path: Path, data: bytes) -> None:
    """Create ``path`` (which must not exist) holding ``data``, synced to disk, with the umask's
    permissions. A partly written file is removed when writing fails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def create_unique(folder: Path, name: str, data: bytes) -> Path:
    """A new file in ``folder`` holding ``data``, named ``<random>-<name>``; its path."""
    while True:
        path = folder / f"{secrets.token_hex(4)}-{name}"
        try:
            create_file(path, data)
        except FileExistsError:
            continue
        return path


def sync_folder(folder: Path) -> None:
    """Make the folder's entries (files created, renamed or removed) durable, where the system
    allows it (not on Windows)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a new file in the same folder, then replace: a reader
    sees the old file or the new one, never half of one. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = create_unique(path.parent, f".{path.name}.tmp", data)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(path.parent)


def replace_failure(path: Path, exc: OSError) -> OutputError:
    """The failure to report when ``path`` could not be written or replaced."""
    if isinstance(exc, PermissionError):
        return OutputError(
            f"{path} could not be replaced: it may be open in Word, or the folder is read-only; "
            "close it (or fix the folder's permissions) and build again"
        )
    return OutputError(f"{path} could not be written: {exc.strerror or exc}")
