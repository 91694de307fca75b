"""Property tests: workbook XML and template text mutated at random never give a traceback, a
hang or a failure that does not name its file (and, for templates, its place).

Each example runs under an alarm: a read or render that has not finished in 30 seconds fails
the test as a hang. The examples are few (the runs are kept short with ``max_examples``) and
have no deadline, since the machine's speed varies."""

from __future__ import annotations

import io
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import write_service_workbook

from reportgen import BuildConfig, validate
from reportgen.authoring.samples import document_kinds, sample_models
from reportgen.authoring.shipped import builtin_samples_dir
from reportgen.authoring.templates import check_project
from reportgen.errors import TemplateError
from reportgen.render import sandbox
from reportgen.render.engine import render_document

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def no_hang(seconds: int = 30) -> Iterator[None]:
    def hung(*_args: object) -> None:
        raise AssertionError(f"no answer within {seconds} seconds: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- workbooks -----------------------------------------------------------------------------

_path = write_service_workbook(Path("/tmp") / "reportgen-fuzz-seed" / "plan.xlsx")
GOOD_BYTES = _path.read_bytes()
PARTS = ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
         "xl/styles.xml", "xl/_rels/workbook.xml.rels", "docProps/core.xml"]  # fmt: skip
TOKENS = [
    b'<c r="XFD1048576" s="1"/>', b'<c r="A0"><v>1</v></c>', b'<c r="B2" t="s"><v>7</v></c>',
    b"<v>NaN</v>", b"<v>1e999</v>", b"<v>-</v>", b'<c t="inlineStr"><is><t>_x000B_</t></is></c>',
    b'<mergeCell ref="A1:XFD1048576"/>', b'<mergeCell ref="ZZ"/>', b'<row r="99999999">',
    b"</row>", b"</sheetData>", b"<!DOCTYPE x>", b"&amp;", b"&bogus;", b"\x00", b"\xff\xfe",
    b'<f>SUM(A1)</f>', b'<row hidden="1">', b's="999"', b't="d"', b"<v>2023-13-45</v>",
    b'<sheet name="Actions" sheetId="9" r:id="rId9"/>', b'state="veryHidden"',
    b'<c r="J4" t="inlineStr"><is><t>' + b"x" * 33_000 + b"</t></is></c>",
]  # fmt: skip


def mutated(part: str, data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``data`` with each edit (where, how much to cut, what to put in) applied."""
    for where, cut, insert in edits:
        at = where % (len(data) + 1)
        data = data[:at] + insert + data[at + cut :]
    return data


def rebuilt(part: str, edits: list[tuple[int, int, bytes]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(GOOD_BYTES))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = mutated(part, data, edits)
            target.writestr(item, data)
    return out.getvalue()


edit = st.tuples(
    st.integers(min_value=0, max_value=50_000),
    st.integers(min_value=0, max_value=40),
    st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12)),
)


@FUZZ
@given(part=st.sampled_from(PARTS), edits=st.lists(edit, min_size=1, max_size=4))
def test_a_mutated_workbook_is_read_or_refused_naming_it(tmp_path_factory, part, edits):
    folder = tmp_path_factory.mktemp("fuzz") / "input"
    folder.mkdir()
    (folder / "plan.xlsx").write_bytes(rebuilt(part, edits))
    with no_hang():
        report = validate(BuildConfig(input_dir=folder, output_dir=folder.parent / "output"))
    assert report.failure is None or "plan.xlsx" in report.failure
    [workbook] = report.workbooks
    if workbook.failure:
        assert "plan.xlsx" in workbook.failure
        assert "unexpected error" not in workbook.failure, workbook.failure
    for issue in workbook.issues:
        assert issue.location.file == "plan.xlsx" and issue.message


# --- templates -----------------------------------------------------------------------------

MODELS = sample_models([builtin_samples_dir()])
KINDS = {doc.name: (kind, doc) for kind, doc in document_kinds()}
KIND, REPORT = KINDS["performance-report"]
NAMES = [
    "report",
    "report.title",
    "sections",
    "legend",
    "plan",
    "indicators",
    "s",
    "g",
    "report.__class__",
    "cycler",
    "range(3)",
    "range(99999)",
    "lipsum",
    "x",
    "loop.index",
]
OPS = ["~", "+", "*", "**", "%", "//", "and", "or", "==", "in"]
FILTERS = [
    "length",
    "upper",
    "join(',')",
    "center(99999)",
    "replace('', 'ab')",
    "safe",
    "attr('__class__')",
    "list",
    "first",
    "uk_date",
    "percent",
    "indent(50)",
    "sum",
]
LITERALS = ["1", "2.5", "99", "99999", "'x'", "'%099999d'", "[1, 2]", "none", "'{:>99999}'"]


@st.composite
def expressions(draw, depth: int = 2) -> str:
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from(NAMES + LITERALS))
    left, right = draw(expressions(depth - 1)), draw(expressions(depth - 1))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return f"({left} {draw(st.sampled_from(OPS))} {right})"
    if kind == 1:
        return f"{left}|{draw(st.sampled_from(FILTERS))}"
    return f"{left}.{draw(st.sampled_from(['title', 'groups', 'format', 'center', 'x']))}"


BROKEN = ['{% include "a" %}', "{% autoescape false %}", "{{", "%}",
          "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"]  # fmt: skip
INNER = ["{{ s }}", "{{ loop.index }}", "", "{% for t in s %}{% endfor %}"]


@st.composite
def tags(draw) -> str:
    expr = draw(expressions())
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return "{{ " + expr + " }}"
    if kind == 1:
        inner = draw(
            st.sampled_from(["{{ s }}", "{{ loop.index }}", "", "{% for t in s %}{% endfor %}"])
        )
        return "{% for s in " + expr + " %}" + inner + "{% endfor %}"
    if kind == 2:
        return "{% if " + expr + " %}x{% endif %}"
    if kind == 3:
        return "{% set y = " + expr + " %}{{ y }}"
    if kind == 4:
        return draw(st.sampled_from(BROKEN))
    return draw(st.text(alphabet="{}%#~|()'\" _abc", max_size=20))


def with_paragraphs(texts: list[str]) -> bytes:
    document = Document(str(ROOT / "templates" / REPORT.template))
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(
        sandbox,
        "LIMITS",
        sandbox.RenderLimits(seconds=10, iterations=20_000, output_chars=4_000_000),
    )


@FUZZ
@given(texts=st.lists(tags(), min_size=1, max_size=3))
def test_a_mutated_template_is_checked_and_rendered_or_refused_naming_its_place(
    tmp_path_factory, small_limits, texts
):
    data = with_paragraphs(texts)
    folder = tmp_path_factory.mktemp("template")
    path = folder / REPORT.template
    path.write_bytes(data)
    with no_hang():
        [report] = check_project([str(path)], folder, None)
    for problem in report.problems:
        assert problem.location.file == REPORT.template and problem.location.place
    with no_hang():
        try:
            render_document(data, REPORT, MODELS[KIND.name])
        except TemplateError as exc:
            message = str(exc)
            assert message.startswith(f"template {REPORT.template}, "), message
            assert "paragraph" in message or "the body" in message or "table" in message, message
