"""The generated documents convert to PDF with LibreOffice (skipped where it is not installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_example_converts_to_pdf(tmp_path, root):
    config = BuildConfig(
        input_dir=root / "input", output_dir=tmp_path / "out", templates_dir=root / "templates"
    )
    report = build(config)
    assert report.ok
    docx = tmp_path / "out" / Q2_FOLDER / "cfsw-service-plan-performance-report.docx"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "cfsw-service-plan-performance-report.pdf"
    assert pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Overall Plan Progress" in text and "STRAT1.1" in text
