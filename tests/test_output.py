"""Writing outputs: atomic, all-or-nothing, repeatable, and safe to interrupt."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from reportgen.errors import OutputError
from reportgen.render.engine import repeatable_zip
from reportgen.write import output
from reportgen.write.output import write_atomic
from reportgen.write.transaction import write_files


def test_write_atomic_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_interrupt_while_writing_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_commit_reports_which_files_changed(tmp_path):
    same = tmp_path / "same.docx"
    same.write_bytes(b"A")
    results = write_files(tmp_path, [(same, b"A"), (tmp_path / "new.docx", b"B")])
    assert [(r.path.name, r.changed) for r in results] == [("same.docx", False), ("new.docx", True)]


def test_a_file_that_cannot_be_replaced_is_a_clear_failure(tmp_path, monkeypatch):
    from reportgen.write import transaction

    def locked(*args):
        raise PermissionError(13, "Permission denied", str(args[-1]))

    monkeypatch.setattr(transaction.os, "replace", locked)
    with pytest.raises(OutputError, match="open in Word"):
        write_files(tmp_path, [(tmp_path / "report.docx", b"data")])
    assert list(tmp_path.iterdir()) == []


def test_repeatable_zip_fixes_entry_times():
    def made_at(when):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(zipfile.ZipInfo("word/document.xml", date_time=when), "<w/>")
        return buffer.getvalue()

    first = repeatable_zip(made_at((2022, 1, 1, 10, 0, 0)))
    second = repeatable_zip(made_at((2023, 6, 1, 12, 30, 0)))
    assert first == second
    assert zipfile.ZipFile(io.BytesIO(first)).read("word/document.xml") == b"<w/>"


def test_a_crash_half_way_through_rendering_writes_nothing(tmp_path, templates_dir, monkeypatch):
    from workbooks import write_service_workbook

    import reportgen
    from reportgen.pipeline import workbooks

    write_service_workbook(tmp_path / "input" / "a.xlsx")
    write_service_workbook(tmp_path / "input" / "b.xlsx")
    out = tmp_path / "output"
    out.mkdir()
    (out / "keep.docx").write_bytes(b"earlier output")
    calls = []
    real = workbooks.render_document

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("simulated crash")
        return real(*args, **kwargs)

    monkeypatch.setattr(workbooks, "render_document", crash_on_second)
    config = reportgen.BuildConfig(
        input_dir=tmp_path / "input",
        output_dir=out,
        templates_dir=templates_dir,
        only=("performance-report",),
        jobs=1,
    )
    with pytest.raises(RuntimeError):
        reportgen.build(config)
    assert sorted(os.listdir(out)) == ["keep.docx"]
    assert (out / "keep.docx").read_bytes() == b"earlier output"


def test_parallel_build_writes_what_one_process_writes(tmp_path, root, templates_dir):
    """With two jobs this process builds workbooks while a worker process builds others; the
    files are those one process makes, byte for byte."""
    import reportgen

    outputs = {}
    for jobs in (1, 2, 3):
        config = reportgen.BuildConfig(
            input_dir=root / "input",
            output_dir=tmp_path / f"out-{jobs}",
            templates_dir=templates_dir,
            jobs=jobs,
        )
        report = reportgen.build(config)
        assert report.ok, report.failure
        folder = tmp_path / f"out-{jobs}"
        outputs[jobs] = {
            p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.docx") if p.is_file()
        }
    assert len(outputs[1]) == 6
    assert outputs[2] == outputs[1] and outputs[3] == outputs[1]
