"""PDF conversion with LibreOffice: one run for the whole build, tagged PDFs, clear failures,
and no LibreOffice process left behind. Tests that need LibreOffice skip where it is missing;
the failure paths run everywhere with a stand-in program."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build
from reportgen.render import pdf
from reportgen.render.pdf import ConversionError, convert, find_soffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script")


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def is_running(pid: int) -> bool:
    """True while ``pid`` runs; a killed process that no one has reaped yet (a zombie, as
    in containers without an init) counts as ended."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.is_file() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


def lo_processes_with(marker: str) -> list[str]:
    """Command lines of running processes that mention ``marker`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in line and "pytest" not in line:
            found.append(line)
    return found


def test_missing_libreoffice_is_a_clear_failure_and_nothing_is_written(tmp_path, root):
    config = BuildConfig(
        input_dir=root / "input",
        output_dir=tmp_path / "out",
        templates_dir=root / "templates",
        pdf=True,
        soffice=str(tmp_path / "no-such-soffice"),
    )
    report = build(config)
    assert report.failure is not None
    assert "LibreOffice was not found" in report.failure
    assert "libreoffice-writer-nogui" in report.failure
    assert not (tmp_path / "out").exists()


def test_soffice_from_the_environment(tmp_path, monkeypatch):
    program = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv(pdf.SOFFICE_ENV, program)
    assert find_soffice() == program


@posix_only
def test_timeout_kills_libreoffice_and_its_children(tmp_path):
    child_pid = tmp_path / "child.pid"
    program = fake_soffice(tmp_path, f"sleep 60 &\necho $! > {child_pid}\nsleep 60")
    document = tmp_path / "a.docx"
    document.write_bytes(b"not really a document")
    started = time.monotonic()
    with pytest.raises(ConversionError, match="within 1 seconds"):
        convert([document], tmp_path / "out", program, timeout=1)
    assert time.monotonic() - started < 10
    pid = int(child_pid.read_text())
    time.sleep(0.2)
    assert not is_running(pid)


@posix_only
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_conversion_that_fails_while_building_writes_nothing(tmp_path, root, jobs):
    program = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 0")
    config = BuildConfig(
        input_dir=root / "input",
        output_dir=tmp_path / "out",
        templates_dir=root / "templates",
        pdf=True,
        soffice=program,
        jobs=jobs,
    )
    report = build(config)
    assert report.failure is not None and "made no PDF for" in report.failure
    assert not report.written
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_the_background_converter_refuses_documents_once_finished(tmp_path):
    converter = pdf.BackgroundConverter("soffice", tmp_path)
    assert converter.finish() == [] and converter.runs == 0
    with pytest.raises(ConversionError, match="already finished"):
        converter.add([tmp_path / "late.docx"])


def test_the_background_converter_converts_each_document_once(tmp_path, monkeypatch):
    """Documents handed in again, or asked for by finish() while their run is under way, are
    not converted a second time."""
    batches: list[list[str]] = []
    started, release = threading.Event(), threading.Event()

    def fake_convert(documents, out_dir, soffice, timeout):
        batches.append([d.name for d in documents])
        started.set()
        release.wait(10)
        return [out_dir / f"{d.stem}.pdf" for d in documents]

    monkeypatch.setattr(pdf, "convert", fake_convert)
    a, b, c = (tmp_path / f"{name}.docx" for name in "abc")
    converter = pdf.BackgroundConverter("soffice", tmp_path / "out")
    converter.add([a])
    assert started.wait(10)
    converter.add([a, b, b])  # a is being converted; b twice
    release.set()
    assert converter.finish([a, b, c]) == [tmp_path / "out" / f"{n}.pdf" for n in "abc"]
    assert sorted(name for batch in batches for name in batch) == ["a.docx", "b.docx", "c.docx"]
    assert batches[0] == ["a.docx"]


@posix_only
def test_conversion_that_makes_no_pdf_names_the_documents(tmp_path):
    program = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 0")
    document = tmp_path / "report.docx"
    document.write_bytes(b"x")
    with pytest.raises(ConversionError) as caught:
        convert([document], tmp_path / "out", program, timeout=30)
    assert "made no PDF for report.docx" in str(caught.value)
    assert "could not be loaded" in str(caught.value)


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory, request):
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("pdf")
    runs: list[list[str]] = []
    events: list[tuple[float, str]] = []
    original = pdf._run

    def counting(command, timeout):
        runs.append(command)
        events.append((time.monotonic(), "LibreOffice starts"))
        return original(command, timeout)

    pdf._run = counting
    try:
        report = build(
            BuildConfig(
                input_dir=root / "input",
                output_dir=out,
                templates_dir=root / "templates",
                pdf=True,
                jobs=2,
            ),
            progress=lambda message: events.append((time.monotonic(), message)),
        )
    finally:
        pdf._run = original
    assert report.ok, report.failure
    return out, report, runs, sorted(events)


@needs_soffice
def test_every_document_gets_a_pdf_as_its_workbook_is_built(pdf_build):
    out, report, runs, events = pdf_build
    documents = sorted(p.stem for p in out.rglob("*.docx"))
    assert "cfsw-service-plan-committee-pack" in documents
    assert sorted(p.stem for p in out.rglob("*.pdf")) == documents
    # LibreOffice converts the documents of the workbooks built so far, in one run each time
    # it is free: at most a run per workbook, the first while others are still being built
    assert 1 <= len(runs) <= 3
    converted = [arg for run in runs for arg in run if arg.endswith(".docx")]
    assert len(converted) == len(set(converted)) == len(documents)  # each one once
    assert all(any(a.startswith("-env:UserInstallation=file://") for a in r) for r in runs)
    said = [message for _, message in events]
    last_built = max(i for i, message in enumerate(said) if message.startswith("[3/3]"))
    assert said.index("LibreOffice starts") < last_built
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.rglob("*.pdf"))
    assert not list(out.rglob(".*.tmp"))


@needs_soffice
def test_pdfs_are_tagged(pdf_build):
    out, *_ = pdf_build
    for document in out.rglob("*.pdf"):
        data = document.read_bytes()
        assert b"/StructTreeRoot" in data, document.name
        assert b"/MarkInfo" in data, document.name


@needs_soffice
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")
def test_pack_pdf_is_portrait_then_landscape(pdf_build):
    out, *_ = pdf_build
    pack = out / Q2_FOLDER / "cfsw-service-plan-committee-pack.pdf"
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pack)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE)
    shapes = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
    first_landscape = shapes.index("landscape")
    assert first_landscape > 0
    assert set(shapes[:first_landscape]) == {"portrait"}
    assert set(shapes[first_landscape:]) == {"landscape"}


@needs_soffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list processes")
def test_no_libreoffice_left_running(pdf_build):
    assert lo_processes_with("reportgen-lo-") == []


def test_repeatable_pdf_fixes_clock_checksum_and_id_keeping_lengths():
    def made_at(stamp: bytes, ident: bytes) -> bytes:
        return (
            b"%PDF-1.6\n/CreationDate(D:" + stamp + b"Z')>>\ntrailer\n<</Size 3\n"
            b"/ID [ <" + ident + b">\n<" + ident + b"> ]\n/DocChecksum /" + ident + b"\n>>"
        )

    first = made_at(b"20261122101301", b"BF77ADED13D87DEC269B7634F709C1C8")
    second = made_at(b"20261123090000", b"0123456789ABCDEF0123456789ABCDEF")
    assert pdf.repeatable_pdf(first) == pdf.repeatable_pdf(second)
    assert len(pdf.repeatable_pdf(first)) == len(first)
    assert b"D:20000101000000" in pdf.repeatable_pdf(first)


@needs_soffice
def test_rebuilding_gives_the_same_pdfs(pdf_build, request):
    out, *_ = pdf_build
    root = request.config.rootpath
    config = BuildConfig(
        input_dir=root / "input", output_dir=out, templates_dir=root / "templates", pdf=True
    )
    report = build(config)
    changed = [r.path.name for r in report.written if r.changed]
    assert changed == []


def _figures(pdf_path: Path) -> list[str]:
    """The /Alt of every Figure in a tagged PDF's structure tree, in reading order."""
    import pikepdf

    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == pikepdf.Name.Figure:
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(pdf_path) as document:
        walk(document.Root.StructTreeRoot)
    return found


@needs_soffice
def test_charts_in_the_pdf_are_text_with_their_alt_text(pdf_build):
    out, report, *_ = pdf_build
    for name in ("performance-report", "committee-pack"):
        pdf_path = out / Q2_FOLDER / f"cfsw-service-plan-{name}.pdf"
        charts = pdf.chart_descriptions(pdf_path.with_suffix(".docx"))
        assert len(charts) == 6 and charts[0].startswith("Line chart of CPR01")
        figures = _figures(pdf_path)
        assert all(figures), name  # LibreOffice drops a chart's; the build puts them back
        assert figures[-6:] == charts
    assert not report.accessibility.issues
    if shutil.which("pdftotext"):
        pack = out / Q2_FOLDER / "cfsw-service-plan-committee-pack.pdf"
        text = subprocess.run(
            ["pdftotext", str(pack), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Target 40%" in text and "41.8%" in text and "Q2 22/23" in text


def test_chart_alt_text_is_left_alone_when_the_figures_do_not_match(tmp_path):
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page()
    document.Root.StructTreeRoot = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot,
            K=pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.Figure)]),
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    one_figure = buffer.getvalue()
    assert pdf.add_chart_alt_text(one_figure, ["a", "b"]) == one_figure
    path = tmp_path / "fixed.pdf"
    path.write_bytes(pdf.add_chart_alt_text(one_figure, ["A chart of CP03"]))
    assert _figures(path) == ["A chart of CP03"]
