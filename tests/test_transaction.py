"""A whole run is one commit: staged on disk, committed with a journal, recovered after a kill."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reportgen.errors import OutputError
from reportgen.write import transaction as txn_module
from reportgen.write.output import WriteState
from reportgen.write.transaction import META_DIR, Transaction, stage_bytes, write_files


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    root = tmp_path / "output"
    root.mkdir()
    (root / "a.docx").write_bytes(b"old a")
    (root / "b.docx").write_bytes(b"same b")
    return root


def test_commit_says_exactly_what_happened_and_leaves_nothing_else(earlier):
    results = write_files(earlier, [("a.docx", b"new a"), ("b.docx", b"same b"), ("c.docx", b"c")])
    assert [(r.path.name, r.state) for r in results] == [
        ("a.docx", WriteState.REPLACED),
        ("b.docx", WriteState.UNCHANGED),
        ("c.docx", WriteState.NEW),
    ]
    assert listing(earlier) == {"a.docx": b"new a", "b.docx": b"same b", "c.docx": b"c"}


def test_an_unchanged_file_is_not_touched(earlier):
    os.utime(earlier / "b.docx", (1_000_000, 1_000_000))
    write_files(earlier, [("b.docx", b"same b")])
    assert (earlier / "b.docx").stat().st_mtime == 1_000_000


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_permissions_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_files(tmp_path, [("new.docx", b"x"), ("sub/deeper.docx", b"y")])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.docx").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "sub" / "deeper.docx").stat().st_mode) == mode


def test_staged_files_wait_on_disk_not_in_memory(earlier):
    with Transaction(earlier) as transaction:
        staged = transaction.stage("a.docx", b"new a")
        assert staged.staged.read_bytes() == b"new a"
        assert staged.staged.parent == transaction.folder
        assert (earlier / "a.docx").read_bytes() == b"old a"  # nothing written before commit
    assert listing(earlier) == {"a.docx": b"old a", "b.docx": b"same b"}  # discarded


def test_a_worker_stages_into_the_folder_and_the_run_adopts_it(earlier):
    with Transaction(earlier) as transaction:
        record = stage_bytes(transaction.folder, earlier / "w.docx", b"from a worker")
        transaction.adopt(record)
        transaction.commit()
    assert (earlier / "w.docx").read_bytes() == b"from a worker"


def test_a_file_made_from_a_staged_one_joins_the_same_commit(earlier):
    with Transaction(earlier) as transaction:
        document = transaction.stage("a.docx", b"new a")
        pdf = transaction.scratch("pdf") / "made.pdf"
        pdf.write_bytes(b"%PDF of " + document.read_bytes())
        transaction.stage_file(document.target.with_suffix(".pdf"), pdf)
        transaction.commit()
    assert (earlier / "a.pdf").read_bytes() == b"%PDF of new a"
    assert not (earlier / META_DIR).exists()


def test_a_failure_half_way_puts_every_old_file_back(earlier, monkeypatch):
    real = os.replace
    moves: list[str] = []

    def fail_on_third(source, target):
        moves.append(str(target))
        if len(moves) == 3:
            raise PermissionError(13, "Permission denied", str(target))
        return real(source, target)

    before = listing(earlier)
    monkeypatch.setattr(txn_module.os, "replace", fail_on_third)
    files = [("a.docx", b"new a"), ("b.docx", b"new b"), ("c.docx", b"c"), ("d.docx", b"d")]
    with pytest.raises(OutputError, match="could not be replaced"):
        write_files(earlier, files)
    assert listing(earlier) == before


def test_a_commit_killed_half_way_is_finished_by_the_next_run(earlier, monkeypatch):
    real = os.replace
    moves: list[str] = []

    def killed_on_second(source, target):
        moves.append(str(target))
        if len(moves) == 2:
            raise SystemExit("killed")  # nothing after this runs in a killed process
        return real(source, target)

    monkeypatch.setattr(txn_module.os, "replace", killed_on_second)
    monkeypatch.setattr(txn_module, "undo", lambda *_args: False)
    with pytest.raises(SystemExit):
        write_files(earlier, [("a.docx", b"new a"), ("b.docx", b"new b"), ("c.docx", b"c")])
    assert (earlier / META_DIR / "journal.json").is_file()
    monkeypatch.setattr(txn_module.os, "replace", real)
    with Transaction(earlier) as transaction:
        assert transaction.recovered and "completed" in transaction.recovered[0]
    assert listing(earlier) == {"a.docx": b"new a", "b.docx": b"new b", "c.docx": b"c"}


def test_a_staging_folder_left_by_a_killed_run_is_removed(earlier):
    stale = earlier / META_DIR / "staging-dead"
    stale.mkdir(parents=True)
    (stale / "half.docx").write_bytes(b"half")
    with Transaction(earlier) as transaction:
        assert any("staging-dead" in note for note in transaction.recovered)
    assert listing(earlier) == {"a.docx": b"old a", "b.docx": b"same b"}


@pytest.mark.parametrize("name", ["../escape.docx", "/tmp/elsewhere.docx", ".reportgen/x.docx"])
def test_a_target_outside_the_folder_is_refused(earlier, name):
    with pytest.raises(OutputError):
        write_files(earlier, [(name, b"x")])
    assert not (earlier.parent / "escape.docx").exists()


def test_a_link_out_of_the_folder_is_refused(earlier, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (earlier / "linked").symlink_to(outside)
    with pytest.raises(OutputError, match="through a link"):
        write_files(earlier, [("linked/x.docx", b"x")])
    assert list(outside.iterdir()) == []


def test_an_output_that_is_a_link_is_replaced_not_written_through(earlier, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (earlier / "a.docx").unlink()
    (earlier / "a.docx").symlink_to(victim)
    write_files(earlier, [("a.docx", b"new a")])
    assert victim.read_bytes() == b"precious"
    assert not (earlier / "a.docx").is_symlink()


def test_two_outputs_with_one_name_are_refused_before_anything_is_written(earlier):
    with pytest.raises(OutputError, match="two outputs"):
        write_files(earlier, [("c.docx", b"1"), ("C.docx", b"2")])
    assert listing(earlier) == {"a.docx": b"old a", "b.docx": b"same b"}


def test_a_folder_in_the_way_is_a_clear_failure(earlier):
    (earlier / "c.docx").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_files(earlier, [("a.docx", b"new a"), ("c.docx", b"c")])
    assert (earlier / "a.docx").read_bytes() == b"old a"


def test_one_run_at_a_time(earlier):
    with Transaction(earlier), pytest.raises(OutputError, match="another reportgen run"):
        Transaction(earlier).__enter__()


def test_a_run_that_writes_nothing_leaves_no_folder(tmp_path):
    with Transaction(tmp_path / "never"):
        pass
    assert not (tmp_path / "never").exists()
