"""The journal of a commit, and recovering from a run killed half-way through one.

A commit (see :mod:`reportgen.write.transaction`) writes a journal naming, for each output, the
staged file, the target and where the old file is kept; then moves each staged file into place;
then removes the journal. The moves are safe to repeat, so a run killed at any instant leaves a
journal the next run can finish (:func:`recover`), or undo when a file cannot be moved.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from reportgen.errors import OutputError
from reportgen.rules.formats import plural
from reportgen.write.output import (
    StagedFile,
    WriteState,
    create_unique,
    file_sha256,
    sync_folder,
)

META_DIR = ".reportgen"
JOURNAL = "journal.json"
JOURNAL_VERSION = 1
STAGING_PREFIX = "staging-"

try:  # POSIX: one run at a time per output folder
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def state_of(item: StagedFile) -> WriteState:
    target = item.target
    if target.is_symlink():
        return WriteState.REPLACED  # the link is replaced by the file, never written through
    if target.is_dir():
        raise OutputError(f"{target} is a folder; an output of that name cannot be written")
    if not target.exists():
        return WriteState.NEW
    try:
        same = target.stat().st_size == item.size and file_sha256(target) == item.sha256
    except OSError:
        same = False
    return WriteState.UNCHANGED if same else WriteState.REPLACED


def preflight(root: Path, entries: list[dict[str, Any]]) -> None:
    """Refuse, before anything moves, a target whose folder cannot be written."""
    for entry in entries:
        target = root / entry["target"]
        folder = target.parent
        while not folder.exists() and folder != root:
            folder = folder.parent
        if not folder.is_dir():
            raise OutputError(f"{folder} is not a folder, so {target.name} cannot be written")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(
                f"{target} cannot be written: the folder {folder} is read-only; nothing was written"
            )


def write_journal(root: Path, journal: dict[str, Any]) -> None:
    meta = root / META_DIR
    data = json.dumps(journal, indent=1).encode("utf-8")
    temp = create_unique(meta, f"{JOURNAL}.tmp", data)
    try:
        os.replace(temp, meta / JOURNAL)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(meta)


def apply(root: Path, entries: list[dict[str, Any]]) -> None:
    """Move every staged file into place, keeping the old file; safe to run again."""
    folders: set[Path] = set()
    for entry in entries:
        if entry["staged"] is None:  # a removal: keep the old file, then take it away
            _remove(root / entry["target"], root / entry["backup"])
            continue
        target, staged = root / entry["target"], root / entry["staged"]
        if not staged.exists():
            continue  # moved already
        if entry["backup"]:
            backup = root / entry["backup"]
            if not backup.exists() and (target.exists() or target.is_symlink()):
                try:
                    os.link(target, backup, follow_symlinks=False)
                except (OSError, NotImplementedError):  # no hard links here: move it aside
                    os.replace(target, backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        folders.add(target.parent)
    for folder in folders:
        sync_folder(folder)


def _remove(target: Path, backup: Path) -> None:
    if not backup.exists() and (target.exists() or target.is_symlink()):
        try:
            os.link(target, backup, follow_symlinks=False)
        except (OSError, NotImplementedError):  # no hard links here: move it aside
            os.replace(target, backup)
    target.unlink(missing_ok=True)
    sync_folder(target.parent)


def undo(root: Path, entries: list[dict[str, Any]]) -> bool:
    """Put every old file back and remove every new one; False when something could not be
    undone (the journal is then kept, for the next run to finish)."""
    complete = True
    for entry in reversed(entries):
        target = root / entry["target"]
        staged = root / entry["staged"] if entry["staged"] is not None else None
        try:
            if entry["backup"]:
                backup = root / entry["backup"]
                if same_file(backup, target):
                    backup.unlink()  # the old file is still in place (kept as a hard link)
                elif backup.exists() or backup.is_symlink():
                    os.replace(backup, target)
            elif staged is not None and not staged.exists() and target.exists():
                target.unlink()  # a new file this commit put there
        except OSError:
            complete = False
    return complete


def recover(root: Path) -> list[str]:
    """Finish (or, failing that, undo) a commit an earlier run left half-done in ``root``, and
    remove what killed runs left in their staging folders. Returns what was done, in words.
    Call only while holding the root (a :class:`Transaction` does)."""
    meta = root / META_DIR
    if not meta.is_dir():
        return []
    done: list[str] = []
    journal_path = meta / JOURNAL
    if journal_path.exists():
        entries = read_journal(root, journal_path)
        if entries is not None:
            try:
                apply(root, entries)
                done.append(
                    f"completed an earlier build's commit of {plural(len(entries), 'file')}"
                )
            except OSError:
                if not undo(root, entries):
                    raise
                done.append(
                    f"undid an earlier build's half-done commit of {plural(len(entries), 'file')}"
                )
        journal_path.unlink()
        sync_folder(meta)
    for leftover in meta.iterdir():
        if leftover.name.startswith(STAGING_PREFIX) or leftover.name.endswith(".tmp"):
            remove_tree(leftover)
            done.append(f"removed {leftover.name}, left by an interrupted run")
    remove_if_empty(meta)
    return done


def read_journal(root: Path, path: Path) -> list[dict[str, Any]] | None:
    """The journal's entries, each path checked to lie inside ``root``; None when unreadable
    (it is written whole and then renamed, so that means it was damaged by hand)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"] if data.get("version") == JOURNAL_VERSION else None
        if not isinstance(entries, list):
            return None
        for entry in entries:
            for key in ("target", "staged", "backup"):
                value = entry[key]
                if value is None and key == "backup":
                    continue
                if value is None and key == "staged" and entry["backup"]:
                    continue  # a removal
                if not isinstance(value, str) or not inside(root, root / value):
                    return None
        return entries
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def inside(folder: Path, path: Path) -> bool:
    full = os.path.normpath(os.path.abspath(path))
    base = os.path.normpath(os.path.abspath(folder))
    return full != base and os.path.commonpath([base, full]) == base


def same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def acquire(root: Path) -> int | None:
    if fcntl is None:  # pragma: no cover - Windows: no lock
        return None
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(
            f"another reportgen run is writing to {root}; wait for it to finish and run again"
        ) from None
    except OSError:  # a file system without locks (some network drives): go on without
        return fd
    return fd


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
