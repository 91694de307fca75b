"""The risk register's Word template (a layout's ``scripts/layouts/<document>.py``)."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def build(target: Path) -> None:
    """Write the template: a title, then one table row per risk (docxtpl's ``{%tr %}``)."""
    doc = Document()
    doc.add_heading("Risk register", level=0)
    table = doc.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Risk", "Owner", "Score", "Rating"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in risks %}"
    for cell, tag in zip(
        table.rows[2].cells,
        ("{{ r.risk }}", "{{ r.owner }}", "{{ r.score }}", "{{ r.rating }}"),
        strict=True,
    ):
        cell.text = tag
    table.add_row().cells[0].text = "{%tr endfor %}"
    doc.save(target)
