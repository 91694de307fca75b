"""Adding a layout touches only the files README's "Adding a layout" names: a toy risk register
added that way (``tests/toy_layout/``) is recognised, checked cell by cell, rendered, checked as a
template and listed in the field reference, with no other change to reportgen."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook
from toy_layout import kind, layout

from reportgen import BuildConfig, build, validate
from reportgen.authoring.fields import reference
from reportgen.authoring.templates import check_project
from reportgen.layouts import document_names, register, unregister

ROWS = [
    ("Risk", "Owner", "Likelihood", "Impact"),
    ("Carers leave the service", "Head of Service", 3, 5),
    ("Case records are lost", None, 2, 2),
    ("Court delays", "Legal Services", 4, 4),
]


@pytest.fixture
def risks(tmp_path):
    toy = kind()
    register(toy)
    (tmp_path / "templates").mkdir()
    layout.build(tmp_path / "templates" / "risk-register.docx")
    (tmp_path / "input").mkdir()
    yield tmp_path
    unregister(toy)


def write_register(path: Path, rows=ROWS) -> Path:
    book = Workbook()
    book.active.title = "Risks"
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def config(folder: Path) -> BuildConfig:
    return BuildConfig(
        input_dir=folder / "input",
        output_dir=folder / "output",
        templates_dir=folder / "templates",
        jobs=1,
    )


def test_the_toy_layout_builds_its_document(risks):
    write_register(risks / "input" / "risks.xlsx")
    report = build(config(risks))
    assert report.ok, report.to_dict()
    document = Document(risks / "output" / "risks-risk-register.docx")
    assert document.core_properties.title == "Risk register"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["Risk", "Owner", "Score", "Rating"],
        ["Court delays", "Legal Services", "16", "High"],
        ["Carers leave the service", "Head of Service", "15", "High"],
        ["Case records are lost", "Head of Service", "4", "Low"],  # owner filled down
    ]


def test_the_toy_layout_is_checked_cell_by_cell(risks):
    bad = [*ROWS[:2], ("Court delays", "Legal Services", 9, "high")]
    write_register(risks / "input" / "risks.xlsx", bad)
    report = validate(config(risks))
    assert [(i.location.ref, i.type) for i in report.issues] == [
        ("Risks!C3", "bad-score"),
        ("Risks!D3", "bad-number"),
    ]
    assert not (risks / "output").exists()


def test_the_toy_template_is_checked_and_its_fields_listed(risks):
    write_register(risks / "input" / "risks.xlsx")
    [ok] = check_project(["risk-register"], risks / "templates", risks / "input")
    assert ok.ok and ok.fields_checked
    template = risks / "templates" / "risk-register.docx"
    document = Document(template)
    document.tables[0].rows[2].cells[2].paragraphs[0].runs[0].text = "{{ r.scroe }}"
    document.save(template)
    [broken] = check_project(["risk-register"], risks / "templates", risks / "input")
    assert [(p.location.place, p.type) for p in broken.problems] == [
        ("table 1 row 3 cell 3", "unknown-field")
    ]
    assert "did you mean 'score'" in broken.problems[0].message
    assert "risk-register" in document_names()
    listed = reference(["risk-register"], [risks / "input"])
    assert "| `score` | text | likelihood × impact" in listed
