"""A whole build is one commit: every output staged on disk, then committed with a journal.

Writing papers one by one leaves a mix of new and old when the run dies half-way, and a file
that cannot be replaced after others were. So a run that writes into a folder (the *root*):

1. opens a :class:`Transaction`, which locks the root against other runs, finishes or undoes a
   commit that an earlier run left half-done (see *recovery*), and clears what a killed run
   left in its staging folder;
2. stages each output as soon as it is made: the bytes go to a file in the hidden staging
   folder ``<root>/.reportgen/staging-<id>/`` and only its path and hash are kept, so memory
   holds about one document at a time. Worker processes stage into the same folder
   (:func:`stage_bytes`) and hand back :class:`StagedFile` records; a later step can stage
   files made from staged ones (a PDF converted from a staged .docx:
   :meth:`Transaction.stage_file`);
3. commits: outputs whose bytes equal the file already there are left alone; for the others a
   journal naming every move is written and synced, then each file is moved into place (the
   old one kept as a hard link, or renamed, in the staging folder until the end), then the
   journal is removed. A failure half-way moves every old file back: nothing was written.

*Recovery*: a run killed after the journal was written leaves it behind; the next transaction
on that root completes the commit from the journal (every staged file is complete and synced
before the journal exists), or, when a file cannot be moved, puts every old file back. Either
way the folder holds the old set or the new set of outputs, never a mix, and no stray files.

Every output name is checked before anything is written: a target outside the root (or reached
through a link out of it), two outputs with one name (also when they differ only in case, as
Windows and shared drives see them), and a target that is a folder are refused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen.errors import OutputError
from reportgen.write.journal import (
    JOURNAL,
    JOURNAL_VERSION,
    META_DIR,
    STAGING_PREFIX,
    acquire,
    apply,
    inside,
    preflight,
    recover,
    remove_if_empty,
    remove_tree,
    state_of,
    undo,
    write_journal,
)
from reportgen.write.output import (
    StagedFile,
    WriteResult,
    WriteState,
    create_file,
    create_unique,
    file_sha256,
    replace_failure,
    sha256,
    sync_folder,
)


def name_key(path: Path | str) -> str:
    """How a file system that ignores case sees a name: two outputs with one key collide."""
    return unicodedata.normalize("NFC", str(path)).casefold()


def stage_bytes(folder: Path, target: Path, data: bytes) -> StagedFile:
    """Write ``data`` for ``target`` into the staging ``folder`` (of a transaction, possibly
    opened in another process) and describe it; the caller drops the bytes."""
    staged = create_unique(folder, target.name, data)
    return StagedFile(target, staged, sha256(data), len(data))


class Transaction:
    """The outputs of one run into ``root``, staged on disk and committed together.

    Use as a context manager; leaving the block without :meth:`commit` discards everything
    staged. Raises OutputError when another run holds the root, or when the root cannot be
    written."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.folder = self.root / META_DIR / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
        self.recovered: list[str] = []
        self._staged: dict[str, StagedFile] = {}
        self._removals: dict[str, Path] = {}
        self._lock: int | None = None
        self._open = False
        self._made_root = False

    # -- opening and closing ----------------------------------------------------------------
    def __enter__(self) -> Transaction:
        try:
            self._made_root = not self.root.exists()
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock = acquire(self.root)
            self.recovered = recover(self.root)
            self.folder.mkdir(parents=True)
        except OSError as exc:
            self._release()
            raise OutputError(f"the output folder {self.root} cannot be written: {exc}") from exc
        self._open = True
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            if self._open:
                self.discard()
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None

    def discard(self) -> None:
        """Forget everything staged: nothing is written."""
        self._staged.clear()
        self._removals.clear()
        remove_tree(self.folder)
        remove_if_empty(self.root / META_DIR)
        if self._made_root:
            remove_if_empty(self.root)  # a run that wrote nothing leaves no empty folder
        self._open = False

    # -- staging ----------------------------------------------------------------------------
    @property
    def staged(self) -> list[StagedFile]:
        """Everything staged so far, in order."""
        return list(self._staged.values())

    def target(self, path: Path | str) -> Path:
        """``path`` as an absolute target: a path inside the root (absolute, or relative to
        the current folder), else a name relative to the root. OutputError when it is not a
        file name inside the root."""
        given = Path(path)
        full = Path(os.path.normpath(os.path.abspath(given)))
        if not given.is_absolute() and not inside(self.root, full):
            full = Path(os.path.normpath(self.root / given))
        try:
            relative = full.relative_to(self.root)
        except ValueError:
            raise OutputError(f"{path} is outside the output folder {self.root}") from None
        if not relative.parts or relative.parts[0] == META_DIR:
            raise OutputError(f"{path} is not a file name inside the output folder {self.root}")
        real_root = os.path.realpath(self.root)
        real_parent = os.path.realpath(full.parent)
        if os.path.commonpath([real_root, real_parent]) != real_root:
            raise OutputError(f"{path} leads out of the output folder {self.root} through a link")
        return full

    def stage(self, target: Path | str, data: bytes) -> StagedFile:
        """Stage ``data`` to be written to ``target``."""
        full = self.target(target)
        self._check_new(full)
        return self.adopt(self._stage_checked(full, data))

    def stage_file(self, target: Path | str, source: Path) -> StagedFile:
        """Stage a file already made inside this transaction's folder (a PDF converted from a
        staged document, say): it is moved, not copied."""
        full = self.target(target)
        self._check_new(full)
        if not inside(self.folder, source):
            raise OutputError(f"{source} is not in the staging folder {self.folder}")
        staged = self.folder / f"{secrets.token_hex(4)}-{full.name}"
        os.replace(source, staged)
        return self.adopt(StagedFile(full, staged, file_sha256(staged), staged.stat().st_size))

    def adopt(self, staged: StagedFile) -> StagedFile:
        """Take over a file staged with :func:`stage_bytes` (by a worker process)."""
        full = self.target(staged.target)
        if not inside(self.folder, staged.staged):
            raise OutputError(f"{staged.staged} is not in the staging folder {self.folder}")
        self._check_new(full)
        record = StagedFile(full, staged.staged, staged.sha256, staged.size)
        self._staged[name_key(full)] = record
        return record

    def remove(self, target: Path | str) -> None:
        """Have the commit remove ``target`` (when there) with the outputs, all or nothing: an
        output that would no longer be true to what was built, such as the PDF of an older
        .docx."""
        full = self.target(target)
        if name_key(full) in self._staged:
            raise OutputError(f"{full.name} is both written and removed; nothing was written")
        self._removals[name_key(full)] = full

    def scratch(self, name: str) -> Path:
        """A folder inside the staging folder for a step's working files (removed with it)."""
        folder = self.folder / "scratch" / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _check_new(self, full: Path) -> None:
        earlier = self._staged.get(name_key(full))
        if earlier is not None:
            raise OutputError(
                f"two outputs would be written to {full.name} ({earlier.target} and {full}); "
                "nothing was written"
            )

    def _stage_checked(self, full: Path, data: bytes) -> StagedFile:
        try:
            return stage_bytes(self.folder, full, data)
        except OSError as exc:
            raise replace_failure(full, exc) from exc

    # -- committing -------------------------------------------------------------------------
    def commit(self) -> list[WriteResult]:
        """Write every staged output, all or nothing; say what happened to each. Raises
        OutputError (and writes nothing) when any of them cannot be written."""
        if not self._open:
            raise OutputError("the transaction is not open")
        results: list[WriteResult] = []
        entries: list[dict[str, Any]] = []
        for number, item in enumerate(self._staged.values()):
            state = state_of(item)
            results.append(WriteResult(item.target, state))
            if state is WriteState.UNCHANGED:
                continue
            backup = self.folder / f"old-{number}" if state is WriteState.REPLACED else None
            entries.append(
                {
                    "target": self._relative(item.target),
                    "staged": self._relative(item.staged),
                    "backup": self._relative(backup) if backup else None,
                }
            )
        removals: list[dict[str, Any]] = []  # committed first, so undone last
        for number, target in enumerate(self._removals.values()):
            if not (target.exists() or target.is_symlink()) or target.is_dir():
                continue
            results.append(WriteResult(target, WriteState.REMOVED))
            backup = self._relative(self.folder / f"removed-{number}")
            removals.append({"target": self._relative(target), "staged": None, "backup": backup})
        entries = removals + entries
        preflight(self.root, entries)
        if entries:
            journal = {"version": JOURNAL_VERSION, "entries": entries}
            try:
                write_journal(self.root, journal)
            except OSError as exc:
                raise replace_failure(self.root / META_DIR / JOURNAL, exc) from exc
            try:
                apply(self.root, entries)
            except BaseException as exc:
                self._abandon(entries)
                if isinstance(exc, OSError):
                    failed = Path(exc.filename) if exc.filename else self.root
                    raise replace_failure(failed, exc) from exc
                raise
            (self.root / META_DIR / JOURNAL).unlink()
            sync_folder(self.root / META_DIR)
        self.discard()
        return results

    def _abandon(self, entries: list[dict[str, Any]]) -> None:
        """After a failure half-way through the commit: put the old files back. When that
        fails too, the journal and staging folder stay for the next run to finish the commit."""
        if undo(self.root, entries):
            (self.root / META_DIR / JOURNAL).unlink(missing_ok=True)
            return
        self._staged.clear()
        self._open = False  # keep the staging folder: the journal needs it

    def _relative(self, path: Path) -> str:
        return Path(path).relative_to(self.root).as_posix()

    def shown(self, path: Path, root_as: Path) -> Path:
        """``path`` inside the root, as a path under ``root_as`` (the root as the user named
        it), for messages."""
        return root_as / Path(path).relative_to(self.root)


def write_files(root: Path, files: Iterable[tuple[Path | str, bytes]]) -> list[WriteResult]:
    """Stage and commit ``files`` (target, bytes) into ``root`` as one transaction."""
    with Transaction(root) as transaction:
        for target, data in files:
            transaction.stage(target, data)
        return transaction.commit()


__all__ = [
    "StagedFile",
    "Transaction",
    "WriteResult",
    "WriteState",
    "create_file",
    "name_key",
    "recover",
    "stage_bytes",
    "write_files",
]
