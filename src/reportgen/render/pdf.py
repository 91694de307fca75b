"""Converting the built Word documents to tagged PDF with LibreOffice, headless.

One LibreOffice run converts every document of a build (its start-up, several seconds, is paid
once). The run has a private profile (``-env:UserInstallation``) so it neither collides with a
LibreOffice the user has open nor leaves a lock behind, runs in its own process group, and is
killed with all its children when it overruns the timeout. PDFs are tagged PDF/UA, the
accessible PDF standard the public sector accessibility regulations point to: tagged for screen
readers (``UseTaggedPDF``), identified as PDF/UA (``PDFUACompliance``, which also makes
LibreOffice tag pictures with their alternative text and leave decorative ones out), and showing
the document's title rather than its file name in the reader's title bar
(``DisplayPDFDocumentTitle``).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pikepdf

from reportgen.errors import ReportgenError

DEFAULT_TIMEOUT = 300.0
SOFFICE_ENV = "REPORTGEN_SOFFICE"
PDF_OPTIONS = {
    "UseTaggedPDF": "true",
    "PDFUACompliance": "true",
    "DisplayPDFDocumentTitle": "true",
    "ExportBookmarks": "true",
}
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {name: {"type": "boolean", "value": value} for name, value in PDF_OPTIONS.items()},
    separators=(",", ":"),
)
KNOWN_LOCATIONS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; Windows and "
    f"macOS: libreoffice.org), or give its path with --soffice or the {SOFFICE_ENV} variable"
)


class ConversionError(ReportgenError):
    """Raised when LibreOffice is missing, fails, overruns its timeout or makes no PDF."""


def find_soffice(configured: str | Path | None = None) -> str:
    """The LibreOffice program: ``configured``, else $REPORTGEN_SOFFICE, else ``soffice`` or
    ``libreoffice`` on PATH, else the usual install folders. Raises ConversionError."""
    chosen = configured or os.environ.get(SOFFICE_ENV)
    if chosen:
        found = shutil.which(str(chosen))
        if found is None:
            raise ConversionError(f"LibreOffice was not found at {chosen}; {INSTALL_HINT}")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in KNOWN_LOCATIONS:
        if Path(path).is_file():
            return path
    raise ConversionError(f"LibreOffice is needed for --pdf but was not found; {INSTALL_HINT}")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and every process it started (oosplash, soffice.bin)."""
    if sys.platform == "win32":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        options["start_new_session"] = True
    process = subprocess.Popen(  # noqa: S603 - the command is ours, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **options,  # type: ignore[arg-type]
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        process.communicate()
        raise ConversionError(
            f"LibreOffice did not finish converting to PDF within {timeout:g} seconds and was "
            "stopped; build again, or raise the timeout with --pdf-timeout"
        ) from exc
    finally:
        _kill_group(process)  # stragglers of a finished run, if any
    return process.returncode, output.decode("utf-8", "replace").strip()


def convert(
    documents: Sequence[Path], out_dir: Path, soffice: str, timeout: float = DEFAULT_TIMEOUT
) -> list[Path]:
    """Convert ``documents`` (.docx) to tagged PDFs in ``out_dir`` with ONE LibreOffice run.

    Returns the PDFs in the order given. Raises ConversionError naming the documents that
    made no PDF, with LibreOffice's own message.
    """
    if not documents:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *(str(d) for d in documents),
        ]
        try:
            code, output = _run(command, timeout)
        except OSError as exc:
            raise ConversionError(f"LibreOffice ({soffice}) could not be started: {exc}") from exc
    pdfs = [out_dir / f"{d.stem}.pdf" for d in documents]
    missing = [d.name for d, pdf in zip(documents, pdfs, strict=True) if not pdf.is_file()]
    if missing:
        said = f"; LibreOffice said: {output[-500:]}" if output else ""
        raise ConversionError(
            f"LibreOffice (exit code {code}) made no PDF for {', '.join(missing)}{said}"
        )
    for document, pdf in zip(documents, pdfs, strict=True):
        descriptions = chart_descriptions(document)
        if descriptions:
            pdf.write_bytes(add_chart_alt_text(pdf.read_bytes(), descriptions))
    return pdfs


# A chart's drawing: its wp:docPr (with the alternative text) and, in the same inline, the
# graphic data of a DrawingML chart.
_CHART_DOC_PR = re.compile(
    rb'<wp:docPr\b[^>]*?\bdescr="([^"]*)"[^>]*>(?:(?!</wp:inline>).)*?'
    rb'graphicData uri="http://schemas\.openxmlformats\.org/drawingml/2006/chart"',
    re.S,
)


def chart_descriptions(document: Path) -> list[str]:
    """The alternative text of each native chart in the .docx ``document``, in document
    order (none when it is not a readable .docx)."""
    try:
        with zipfile.ZipFile(document) as package:
            xml = package.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    return [html.unescape(m.group(1).decode("utf-8")) for m in _CHART_DOC_PR.finditer(xml)]


def _figures_without_alt(node: Any, found: list[Any]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(reversed(list(item)))
        elif isinstance(item, pikepdf.Dictionary):
            if item.get("/S") == pikepdf.Name.Figure and "/Alt" not in item:
                found.append(item)
            kids = item.get("/K")
            if kids is not None:
                stack.append(kids)


def add_chart_alt_text(pdf: bytes, descriptions: list[str]) -> bytes:
    """``pdf`` with its charts' alternative text: LibreOffice (7.4 at least) drops the
    description of a chart when it reads a .docx, so its tagged PDF has a Figure with no /Alt
    for every chart (pictures keep theirs). The Figures without /Alt, in reading order, get
    ``descriptions`` (the document's charts' alt text, in document order); when their numbers
    differ nothing is changed, so a description never lands on the wrong figure."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        figures: list[Any] = []
        _figures_without_alt(root, figures)
        if len(figures) != len(descriptions):
            return pdf
        for figure, text in zip(figures, descriptions, strict=True):
            figure.Alt = pikepdf.String(text)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
FIXED_PDF_DATE = b"20000101000000"


def _with_groups(match: re.Match[bytes], value: bytes) -> bytes:
    """``match``'s text with each group overwritten by as much of ``value`` as fits."""
    text, offset = match.group(0), match.start(0)
    for index in range(1, (match.lastindex or 0) + 1):
        start, end = match.start(index) - offset, match.end(index) - offset
        text = text[:start] + value[: end - start].ljust(end - start, b"0") + text[end:]
    return text


def repeatable_pdf(data: bytes) -> bytes:
    """The same PDF with LibreOffice's clock time, checksum and random file id replaced by
    values of the same length (so the cross-reference offsets stay right) that depend only on
    the content: equal documents give equal bytes, and a rebuild says truly which changed."""
    data = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + FIXED_PDF_DATE, data)
    content = _PDF_CHECKSUM.sub(b"", _PDF_ID.sub(b"", data))
    digest = hashlib.md5(content, usedforsecurity=False).hexdigest().upper().encode()
    data = _PDF_CHECKSUM.sub(lambda m: _with_groups(m, digest), data)
    return _PDF_ID.sub(lambda m: _with_groups(m, digest), data)


def to_pdf_bytes(
    documents: Sequence[tuple[str, bytes]], soffice: str, timeout: float = DEFAULT_TIMEOUT
) -> list[bytes]:
    """PDFs for in-memory .docx ``documents`` (file name, bytes), converted in one run in a
    scratch folder, so nothing is written next to the outputs until the build commits."""
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as scratch:
        folder = Path(scratch)
        sources = []
        for index, (name, data) in enumerate(documents):
            source = folder / "in" / f"{index:03d}-{Path(name).stem}.docx"
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(data)
            sources.append(source)
        pdfs = convert(sources, folder / "out", soffice, timeout)
        return [repeatable_pdf(pdf.read_bytes()) for pdf in pdfs]


class BackgroundConverter:
    """Converts documents to PDF while the build goes on: documents handed in with :meth:`add`
    are converted in a thread, all those waiting in one LibreOffice run, then those handed in
    meanwhile in the next, so a build with PDFs takes about its rendering plus one run for the
    last documents. LibreOffice may spend ``timeout`` seconds in all."""

    def __init__(self, soffice: str, out_dir: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.soffice, self.out_dir, self.timeout = soffice, out_dir, timeout
        self.runs = 0
        self._waiting: list[Path] = []
        self._converting: set[Path] = set()  # the run under way
        self._done: dict[Path, Path] = {}
        self._spent = 0.0
        self._closed = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, documents: Sequence[Path]) -> None:
        """Convert ``documents`` (.docx, with names unique among all handed in) soon; one
        already handed in is converted once."""
        with self._changed:
            if self._closed:
                raise ConversionError("the PDF conversion was already finished")
            known = self._converting | self._done.keys() | set(self._waiting)
            self._waiting.extend(d for d in dict.fromkeys(documents) if d not in known)
            self._changed.notify()
        if self._thread is None:  # started on first use, after any worker processes forked
            self._thread = threading.Thread(target=self._convert, name="pdf", daemon=True)
            self._thread.start()

    def _convert(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._closed:
                    self._changed.wait()
                batch, self._waiting = self._waiting, []
                self._converting = set(batch)
            if not batch:
                return
            if self._spent >= self.timeout:
                self._error = ConversionError(
                    f"LibreOffice did not finish converting to PDF within {self.timeout:g} "
                    "seconds; build again, or raise the timeout with --pdf-timeout"
                )
                return
            started = time.monotonic()
            try:
                pdfs = convert(batch, self.out_dir, self.soffice, self.timeout - self._spent)
            except BaseException as exc:  # handed to the build by finish()
                self._error = exc
                return
            finally:
                self._spent += time.monotonic() - started
                self.runs += 1
            with self._changed:
                self._done.update(zip(batch, pdfs, strict=True))
                self._converting = set()

    def finish(self, documents: Sequence[Path] = ()) -> list[Path]:
        """Convert ``documents`` too, wait for every conversion, and return the PDF of each of
        ``documents``, in order. Raises ConversionError (as :func:`convert` does)."""
        if documents:
            self.add(documents)
        self.close()
        if self._error is not None:
            raise self._error
        return [self._done[d] for d in documents]

    def close(self) -> None:
        """Take no more documents and wait for the conversion under way."""
        with self._changed:
            self._closed = True
            self._changed.notify()
        if self._thread is not None:
            self._thread.join()
