"""The bad-input corpus, templates: a hostile template in the project's templates/ folder is
reported by ``templates check`` and refused by ``build`` (exit 2), naming the template and the
paragraph, with the earlier outputs byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import Case, Project, copy_project, make_pristine, run_case
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "performance-report.docx"


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Project:
    return make_pristine(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Project:
    return copy_project(pristine, tmp_path / "project")


def _template_with(text: str):
    def make(project: Project) -> None:
        document = Document(str(ROOT / "templates" / TEMPLATE))
        document.add_paragraph(text)
        document.save(project.templates / TEMPLATE)

    return make


def _where() -> str:
    document = Document(str(ROOT / "templates" / TEMPLATE))
    return f"body paragraph {len(document.element.body.findall('{*}p')) + 1}"


HOSTILE = {
    "reads-python-internals": "{{ report.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__base__.__subclasses__() }}",
    "globals-of-a-function": "{{ cycler.__init__.__globals__ }}",
    "attr-filter": "{{ report|attr('__class__') }}",
    "include-a-file": '{% include "/etc/passwd" %}',
    "import-a-file": '{% import "other.docx" as other %}',
    "extends": '{% extends "other.docx" %}',
    "autoescape-off": "{% autoescape false %}{{ report.title }}{% endautoescape %}",
    "safe-filter": "{{ report.title|safe }}",
    "nested-range-loops": "{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "huge-range": "{% for i in range(50000000) %}{% endfor %}",
    "repeat-bomb": "{{ 'x' * 1000000000 }}",
    "power-bomb": "{{ 2 ** 100000000 }}",
    "self-calling-macro": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
}

CASES = [
    Case(f"check-{name}", _template_with(tag), "check", 1, (TEMPLATE, _where()))
    for name, tag in HOSTILE.items()
] + [
    Case(f"build-{name}", _template_with(tag), "build", 2, (TEMPLATE, _where()))
    for name, tag in HOSTILE.items()
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_template_cases(case, project):
    run_case(case, project)


def test_a_runaway_only_the_data_reveals_is_stopped_while_rendering(project, monkeypatch):
    from reportgen.render import sandbox

    monkeypatch.setattr(sandbox, "LIMITS", sandbox.RenderLimits(iterations=2_000))
    tag = "{% for s in sections %}{% for i in range(5000) %}{{ s.title }}{% endfor %}{% endfor %}"
    case = Case("data-runaway", _template_with(tag), "build", 2, (TEMPLATE, _where(), "2,000"))
    run_case(case, project)
