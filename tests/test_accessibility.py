"""Every document the example build makes meets the accessibility basics the public sector
accessibility regulations ask of published papers: a title and language (en-GB), real heading
styles for numbered headings, table header rows marked as headers, alternative text on every
image. The documents are whatever the registry builds, so new documents are checked too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen import BuildConfig, build
from reportgen.layouts import workbook_kinds

NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|\([a-z]\))\s")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, request) -> list[Path]:
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("accessible")
    report = build(
        BuildConfig(input_dir=root / "input", output_dir=out, templates_dir=root / "templates")
    )
    assert report.ok, report.failure
    return sorted(out.rglob("*.docx"))


def outline_level(style) -> str | None:
    """The outline level a paragraph style gives (its own or inherited), or None."""
    while style is not None:
        level = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            return level.get(qn("w:val"))
        style = style.base_style
    return None


def looks_like_numbered_heading(paragraph) -> bool:
    text = paragraph.text.strip()
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(is_bold(r) for r in runs)
    return bool(NUMBERED.match(text)) and len(text) < 120 and not text.endswith(".") and bold


def test_every_registered_document_was_built(outputs):
    built = {p.stem.removeprefix("cfsw-service-plan-") for p in outputs}
    service = next(k for k in workbook_kinds() if k.name == "service")
    expected = {d.suffix for d in service.documents} | {p.suffix for p in service.packs}
    assert expected <= built


def test_title_and_language(outputs):
    for path in outputs:
        document = Document(path)
        assert document.core_properties.title.strip(), path.name
        assert document.core_properties.language == "en-GB", path.name
        defaults = document.styles.element.find(qn("w:docDefaults"))
        lang = defaults.find(f".//{qn('w:rPr')}/{qn('w:lang')}")
        assert lang is not None and lang.get(qn("w:val")) == "en-GB", path.name


def test_numbered_headings_use_heading_styles(outputs):
    for path in outputs:
        document = Document(path)
        headings = [p for p in document.paragraphs if outline_level(p.style) is not None]
        assert headings, f"{path.name} has no headings"
        plain = [p.text for p in document.paragraphs if looks_like_numbered_heading(p)]
        plain = [t for t in plain if t not in {h.text for h in headings}]
        assert plain == [], f"{path.name}: numbered headings without a heading style: {plain}"


def is_bold(run) -> bool:
    return bool(run.bold or (run.bold is None and run.style.font.bold))


def looks_like_header_row(table) -> bool:
    """A first row of headings: the table has rows below it and every filled cell of the first
    row is bold text, with no pictures. Tables that only lay things out (a label beside its
    text, a grid of captioned charts) have no such row and are read as layout tables."""
    if len(table.rows) < 2 or table.rows[0]._tr.find(f".//{qn('w:drawing')}") is not None:
        return False
    cells = [c for c in table.rows[0].cells if c.text.strip()]
    runs = [r for c in cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(is_bold(r) for r in runs)


def test_table_header_rows_are_marked(outputs):
    for path in outputs:
        document = Document(path)
        for index, table in enumerate(document.tables):
            if not looks_like_header_row(table):
                continue
            marked = table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
            assert marked is not None, f"{path.name}: table {index + 1}'s header row is not marked"


def test_data_tables_were_checked(outputs):
    document = Document(next(p for p in outputs if p.name.endswith("performance-report.docx")))
    assert sum(looks_like_header_row(t) for t in document.tables) >= 5


def test_every_image_has_alternative_text(outputs):
    for path in outputs:
        document = Document(path)
        parts = [document.element.body] + [
            s.footer._element for s in document.sections if s.footer._has_definition
        ]
        for part in parts:
            for picture in part.iter(qn("wp:docPr")):
                assert (picture.get("descr") or "").strip(), (
                    f"{path.name}: image '{picture.get('name')}' has no alternative text"
                )
