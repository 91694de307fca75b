"""Templates see data, never machinery: nothing in a context leads anywhere else, and whatever
a template's tags try, the build refuses it (before rendering when it can be seen, else while
rendering, within its limits) with the template and paragraph named."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import io
import time
from pathlib import Path

import pytest
from docx import Document

from reportgen.authoring.samples import document_kinds, sample_models
from reportgen.authoring.shipped import builtin_samples_dir
from reportgen.authoring.templates import check_project
from reportgen.documents.rich import Picture
from reportgen.errors import TemplateError
from reportgen.render import sandbox
from reportgen.render.engine import render_document
from reportgen.render.inert import Record, WordXml, freeze

ROOT = Path(__file__).resolve().parent.parent
MODELS = sample_models([builtin_samples_dir()])
KINDS = {doc.name: (kind, doc) for kind, doc in document_kinds()}
REPORT_KIND, REPORT = KINDS["performance-report"]
INERT = (str, int, float, bool, type(None), dt.date, decimal.Decimal, enum.Enum, WordXml, Picture)


def leaves(value):
    """Every value reachable from a frozen context, as a template could reach it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, tuple):
            stack.extend(item)
        elif isinstance(item, Record):
            stack.extend(object.__getattribute__(item, "_fields").values())
        else:
            yield item


@pytest.mark.parametrize("document", sorted(KINDS))
def test_nothing_reachable_from_a_context_is_anything_but_data(document):
    kind, doc = KINDS[document]
    if kind.name not in MODELS:
        pytest.skip(f"no sample of {kind.name}")
    frozen = freeze(doc.make_context(MODELS[kind.name]))
    assert isinstance(frozen, dict) and frozen
    found = {type(v) for v in leaves(frozen)}
    assert all(issubclass(t, INERT) for t in found), found
    for value in leaves(frozen):
        if isinstance(value, WordXml):
            assert not [a for a in dir(value) if not a.startswith("_")]


def test_a_context_holding_machinery_is_refused():
    @dataclasses.dataclass
    class Leaky:
        handle: object

    with pytest.raises(TypeError, match="not data"):
        freeze({"x": Leaky(open)})


def with_paragraph(text: str) -> tuple[bytes, str]:
    """The shipped performance report with one more paragraph holding ``text``; its bytes and
    where the paragraph is."""
    document = Document(str(ROOT / "templates" / REPORT.template))
    document.add_paragraph(text)
    count = len(document.element.body.findall("{*}p"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), f"body paragraph {count}"


def checked(tmp_path: Path, text: str):
    data, where = with_paragraph(text)
    path = tmp_path / REPORT.template
    path.write_bytes(data)
    [report] = check_project([str(path)], tmp_path, None)
    return report, where


def rendered(text: str) -> bytes:
    data, _ = with_paragraph(text)
    return render_document(data, REPORT, MODELS[REPORT_KIND.name])


# (tag, what templates check says, what a render says): the ways out of the sandbox
ESCAPES = [
    ("{{ report.__class__ }}", "reaches into Python", "unsafe"),
    ("{{ report.title.__class__.__mro__ }}", "reaches into Python", "unsafe"),
    ("{{ cycler.__init__.__globals__ }}", "reaches into Python", "unsafe"),
    ("{{ ''.__class__.__base__.__subclasses__() }}", "reaches into Python", "unsafe"),
    ("{{ report|attr('__class__') }}", "reaches into Python", "unsafe"),
    ("{{ report['_fields'] }}", "reaches into Python", "_fields"),
    ('{% include "/etc/passwd" %}', "cannot read another", "include"),
    ('{% import "x.docx" as x %}', "cannot read another", "import"),
    ('{% from "x.docx" import y %}', "cannot read another", "import"),
    ('{% extends "x.docx" %}', "cannot read another", "extends"),
    ("{% autoescape false %}{{ report.title }}{% endautoescape %}", "autoescape", "autoescape"),
    ("{{ report.title|safe }}", "'safe' filter is not offered", "safe"),
    ("{{ lipsum(5) }}", "not offered", "lipsum"),
]


@pytest.mark.parametrize(("tag", "checked_says", "render_says"), ESCAPES)
def test_a_way_out_of_the_sandbox_is_found_by_the_check_and_refused_by_a_render(
    tmp_path, tag, checked_says, render_says
):
    report, where = checked(tmp_path, tag)
    assert [(p.location.place, p.type) for p in report.problems if checked_says in p.message], (
        report.problems
    )
    assert any(p.location.place == where for p in report.problems)
    with pytest.raises(TemplateError) as caught:
        rendered(tag)
    assert REPORT.template in str(caught.value) and render_says in str(caught.value)


RUNAWAYS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(5000000) %}{% endfor %}",
    "{{ 'x' * 1000000000 }}",
    "{{ 2 ** 10000000 }}",
    "{{ 9 ** (9 ** 9) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
]


@pytest.mark.parametrize("tag", RUNAWAYS)
def test_a_runaway_the_check_can_see_is_reported_at_its_paragraph(tmp_path, tag):
    report, where = checked(tmp_path, tag)
    assert any(p.type == "runaway" and p.location.place == where for p in report.problems), (
        report.problems
    )


DYNAMIC = [
    # none of these can be seen before rendering: the data or the template's own arithmetic
    # decides how far they go
    "{% for i in range(99999) %}{% for j in range(99999) %}{{ i }}{% endfor %}{% endfor %}",
    "{% set n = 99999 %}{% for i in range(n) %}{% for j in range(n) %}{% endfor %}{% endfor %}",
    "{% set ns = namespace(s='xy') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='xy') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ report.title.center(999999999) }}",
    "{{ report.title|center(999999999) }}",
    "{{ report.title|replace('', report.title * 30000) }}",
    "{% set s = (report.title ~ '\\n') * 9999 %}{{ s|indent(9999) }}",
    "{% set n = 10 %}{{ 'x' * n ** 9 }}",
    "{{ (report.title ~ report.title) * 99999999 }}",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
]


@pytest.mark.parametrize("tag", DYNAMIC)
def test_a_runaway_while_rendering_stops_quickly_naming_template_and_paragraph(tag):
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        rendered(tag)
    assert time.perf_counter() - started < 30
    _, where = with_paragraph(tag)
    message = str(caught.value)
    assert REPORT.template in message
    assert where in message or "body" in message, message


def test_rendering_is_bounded_in_time(monkeypatch):
    monkeypatch.setattr(sandbox, "LIMITS", sandbox.RenderLimits(seconds=1.0))
    tag = (
        "{% for i in range(900) %}{% for j in range(900) %}{{ report.title|length }}"
        "{% endfor %}{% endfor %}"
    )
    started = time.perf_counter()
    with pytest.raises(TemplateError, match="more than 1 seconds") as caught:
        rendered(tag)
    assert time.perf_counter() - started < 15
    assert "for j in range(900)" in str(caught.value)


def test_rendering_is_bounded_in_size(monkeypatch):
    monkeypatch.setattr(sandbox, "LIMITS", sandbox.RenderLimits(output_chars=200_000))
    tag = "{% for i in range(50000) %}{{ report.title }}{% endfor %}"
    with pytest.raises(TemplateError, match="characters of Word XML") as caught:
        rendered(tag)
    _, where = with_paragraph(tag)
    assert where in str(caught.value)


def test_loops_over_the_data_are_fine():
    tag = "{% for s in sections %}{% for g in s.groups %}{{ g.row.code }} {% endfor %}{% endfor %}"
    document = Document(io.BytesIO(rendered(tag)))
    assert "STRAT1 " in document.paragraphs[-1].text


def test_a_template_cannot_change_what_it_is_given():
    tag = "{{ sections.append(1) }}{{ report.__setattr__('title', 'x') }}"
    with pytest.raises(TemplateError):
        rendered(tag)


def test_the_document_properties_are_checked_too(tmp_path):
    document = Document(str(ROOT / "templates" / REPORT.template))
    document.core_properties.subject = "{{ report.__class__ }}"
    path = tmp_path / REPORT.template
    document.save(path)
    [report] = check_project([str(path)], tmp_path, None)
    assert [(p.location.place, p.type) for p in report.problems] == [
        ("document properties (subject)", "sandbox")
    ]


@pytest.mark.parametrize("tag", ["{{ (1 * 1) }}", "{{ 'ab' * 3 }}", "{{ 2 ** 10 }}"])
def test_harmless_arithmetic_is_not_a_problem(tmp_path, tag):
    report, _ = checked(tmp_path, tag)
    assert report.problems == []
    rendered(tag)
