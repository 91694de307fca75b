"""``reportgen templates check``: each shipped template, broken the ways Word and clerks break
them, reports each problem and where it is."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from reportgen.authoring.check import paragraphs
from reportgen.authoring.samples import document_kinds, sample_models
from reportgen.authoring.shipped import builtin_samples_dir
from reportgen.authoring.templates import (
    builtin_templates_dir,
    check_project,
    check_template,
    resolve_template,
)
from reportgen.cli import cli
from reportgen.render.engine import load_template, render

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SIMPLE_TAG = re.compile(r"^\{\{ ([a-z_]+)\.([a-z_]+) \}\}$")

SHIPPED = sorted(
    {doc.template for _, doc in document_kinds() if (ROOT / "templates" / doc.template).is_file()}
)
MODELS = sample_models([builtin_samples_dir()])


def _has_sample(template: str) -> bool:
    return any(doc.template == template and kind.name in MODELS for kind, doc in document_kinds())


def check(path: Path):
    """The report of ``templates check`` for one template file (fields checked when there is a
    sample of its kind)."""
    [report] = check_project([str(path)], path.parent, None)
    return report


def broken(tmp_path: Path, template: str, change: Callable[[Document], str | None]) -> Path:
    """A copy of a shipped template after ``change`` (which returns the changed paragraph's new
    text, or None when the template has nothing to break that way)."""
    doc = Document(str(ROOT / "templates" / template))
    changed = change(doc)
    if changed is None:
        pytest.skip(f"{template} has nothing to break this way")
    target = tmp_path / template
    doc.save(str(target))
    return target


def where_is(path: Path, text: str) -> str:
    """Where ``templates check`` says the paragraph holding ``text`` is."""
    tpl = load_template(path)
    return next(p.where for p in paragraphs(tpl) if text in p.text)


def _paragraphs(doc: Document) -> list[DocxParagraph]:
    return [DocxParagraph(p, None) for p in doc.element.body.iter(f"{W}p")]


def _first(doc: Document, test: Callable[[str], bool]) -> DocxParagraph | None:
    return next((p for p in _paragraphs(doc) if test(p.text)), None)


def problems(report) -> list[tuple[str, str]]:
    return [(p.location.place, p.type) for p in report.problems]


@pytest.mark.parametrize("template", SHIPPED)
def test_shipped_template_is_clean(template):
    report = check(ROOT / "templates" / template)
    assert report.ok, str(report)
    assert report.fields_checked == _has_sample(template)


@pytest.mark.parametrize("template", SHIPPED)
def test_tag_split_across_runs_with_different_formatting_still_checks_and_renders(
    tmp_path, template
):
    def split(doc):
        for p in _paragraphs(doc):
            for run in p.runs:
                found = re.search(r"\{\{ [a-z_]+\.[a-z_.]+ \}\}", run.text)
                if not found:
                    continue
                cut = (found.start() + 1, found.start() + 6)  # "{" | "{ xyz" | "… }}"
                pieces = [run.text[: cut[0]], run.text[cut[0] : cut[1]], run.text[cut[1] :]]
                run.text, previous = pieces[0], run._r
                for index, piece in enumerate(pieces[1:]):
                    element = copy.deepcopy(run._r)
                    previous.addnext(element)
                    previous = element
                    new = Run(element, p)
                    new.text = piece
                    new.bold = index == 0
                    new.italic = index == 1
                    new.font.color.rgb = RGBColor(0xC0, 0, 0) if index else None
                return found.group(0)
        return None

    path = broken(tmp_path, template, split)
    assert check(path).ok
    kind, document = next((k, d) for k, d in document_kinds() if d.template == template)
    if kind.name in MODELS:
        tpl = load_template(path)
        render(tpl, document.make_context(MODELS[kind.name]), template)
        text = "".join(t.text or "" for t in tpl.docx.element.body.iter(f"{W}t"))
        assert "{{" not in text and "}}" not in text


@pytest.mark.parametrize("template", SHIPPED)
def test_deleted_endfor_names_the_unclosed_for(tmp_path, template):
    def delete_endfor(doc):
        ends = [p for p in _paragraphs(doc) if re.search(r"\{%\w* endfor %\}", p.text)]
        if not ends:
            return None
        ends[-1].text = ""
        return ""

    path = broken(tmp_path, template, delete_endfor)
    report = check(path)
    unclosed = [p for p in report.problems if p.type == "unclosed-block"]
    assert unclosed, str(report)
    assert all(re.search(r"\{%\w* for ", p.value) for p in unclosed)
    assert all(where_is(path, p.value) == p.location.place for p in unclosed)


@pytest.mark.parametrize("template", [t for t in SHIPPED if _has_sample(t)])
def test_misspelt_field_is_named_with_the_nearest(tmp_path, template):
    found = {}

    def misspell(doc):
        p = _first(doc, lambda t: bool(SIMPLE_TAG.match(t)) and len(t) > 12)
        if p is None:
            return None
        name, attr = SIMPLE_TAG.match(p.text).groups()
        wrong = attr[:-2] + attr[-1] + attr[-2]
        found.update(attr=attr, text=f"{{{{ {name}.{wrong} }}}}")
        p.text = found["text"]
        return found["text"]

    path = broken(tmp_path, template, misspell)
    report = check(path)
    assert problems(report) == [(where_is(path, found["text"]), "unknown-field")]
    assert f"did you mean '{found['attr']}'" in report.problems[0].message


@pytest.mark.parametrize("template", SHIPPED)
def test_tr_tag_in_a_paragraph_is_named(tmp_path, template):
    def to_tr(doc):
        body_paragraphs = [DocxParagraph(p, None) for p in doc.element.body.findall(f"{W}p")]
        p = next((p for p in body_paragraphs if p.text.startswith("{%p ")), None)
        if p is None:
            return None
        p.text = "{%tr " + p.text[4:]
        return p.text

    path = broken(tmp_path, template, to_tr)
    report = check(path)
    [problem] = [p for p in report.problems if p.type == "tr-outside-row"]
    assert problem.location.place.startswith("body paragraph")
    assert problem.value.startswith("{%tr ")


@pytest.mark.parametrize("template", SHIPPED)
def test_spaced_braces_and_paragraph_split_tags_are_named(tmp_path, template):
    def spoil(doc):
        tags = [p for p in _paragraphs(doc) if SIMPLE_TAG.match(p.text)]
        if len(tags) < 2:
            return None
        tags[0].text = "{ {" + tags[0].text[2:]
        text = tags[1].text
        tail = copy.deepcopy(tags[1]._p)  # Word splits: the tag's end goes to a new paragraph
        tags[1]._p.addnext(tail)
        tags[1].text = text[:5]
        DocxParagraph(tail, None).text = text[5:]
        return text

    path = broken(tmp_path, template, spoil)
    report = check(path)
    kinds = [p.type for p in report.problems]
    assert "broken-tag" in kinds and kinds.count("split-tag") == 2, str(report)


def test_unknown_filter_and_syntax_error_are_named(tmp_path):
    def spoil(doc):
        tags = [p for p in _paragraphs(doc) if SIMPLE_TAG.match(p.text)]
        tags[0].text = tags[0].text[:-3] + "|uk_dat }}"
        tags[1].text = tags[1].text[:-3] + " | }}"
        return tags[0].text

    path = broken(tmp_path, "performance-report.docx", spoil)
    report = check(path)
    [(unknown, _), (syntax, _)] = [(p, 0) for p in report.problems]
    assert unknown.type == "unknown-filter" and "did you mean 'uk_date'" in unknown.message
    assert syntax.type == "syntax"


def test_check_command_exits_non_zero_and_lists_every_problem(tmp_path):
    def spoil(doc):
        tags = [p for p in _paragraphs(doc) if SIMPLE_TAG.match(p.text)]
        tags[0].text = "{{ report.titel }}"
        tags[1].text = "{{ plan.cde }}"
        return ""

    path = broken(tmp_path, "performance-report.docx", spoil)
    result = CliRunner().invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 1
    assert "2 problems" in result.output
    assert "did you mean 'title'" in result.output and "did you mean 'code'" in result.output


def test_build_refuses_a_broken_template_with_the_report(tmp_path):
    shutil.copytree(ROOT / "input", tmp_path / "input")

    def spoil(doc):
        p = _first(doc, lambda t: t == "{{ a.title }}")
        p.text = "{{ a.titel }}"
        return p.text

    (tmp_path / "templates").mkdir()
    path = broken(tmp_path / "templates", "performance-report.docx", spoil)
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--input",
            str(tmp_path / "input"),
            "--output",
            str(tmp_path / "out"),
            "--templates",
            str(path.parent),
            "--only",
            "performance-report",
        ],
    )
    assert result.exit_code == 2
    assert f"{where_is(path, '{{ a.titel }}')}: 'a.titel'" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("out/*.docx"))


def test_check_template_without_context_checks_tags_only():
    report = check_template(ROOT / "templates" / "performance-report.docx")
    assert report.ok and not report.fields_checked


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_template_resaved_by_libreoffice_still_checks_and_builds(tmp_path):
    resaved = tmp_path / "templates"
    resaved.mkdir()
    sources = [str(ROOT / "templates" / t) for t in SHIPPED]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(resaved),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for report in check_project([], resaved, None):
        if report.path.parent == resaved:
            assert report.ok, str(report)
    shutil.copytree(ROOT / "input", tmp_path / "input")
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--input",
            str(tmp_path / "input"),
            "--output",
            str(tmp_path / "out"),
            "--templates",
            str(resaved),
            "--only",
            "performance-report",
        ],
    )
    assert result.exit_code == 0, result.output
    text = " ".join(p.text for p in Document(next((tmp_path / "out").rglob("*.docx"))).paragraphs)
    assert "Overall Progress" in text


def test_project_template_overrides_the_builtin_and_others_fall_back(tmp_path):
    (tmp_path / "templates").mkdir()
    own = tmp_path / "templates" / "performance-report.docx"
    doc = Document(str(ROOT / "templates" / "performance-report.docx"))
    doc.add_paragraph("Prepared by the clerk's own template")
    doc.save(str(own))
    assert resolve_template("performance-report.docx", tmp_path / "templates") == own
    assert resolve_template("service-plan.docx", tmp_path / "templates") == (
        builtin_templates_dir() / "service-plan.docx"
    )
    shutil.copytree(ROOT / "input", tmp_path / "input")
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--input",
            str(tmp_path / "input"),
            "--output",
            str(tmp_path / "out"),
            "--templates",
            str(tmp_path / "templates"),
            "--only",
            "performance-report",
        ],
    )
    assert result.exit_code == 0, result.output
    built = Document(next((tmp_path / "out").rglob("*performance-report.docx")))
    assert built.paragraphs[-1].text == "Prepared by the clerk's own template"


def test_brace_parted_from_its_partner_by_a_field_is_named(tmp_path):
    def part_with_field(doc):
        p = _first(doc, lambda t: t == "{{ report.footer }}") or _first(
            doc, lambda t: bool(SIMPLE_TAG.match(t))
        )
        text = p.text
        p.text = "{"
        for kind in ("begin", "end"):
            run = p.add_run()
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
            if kind == "begin":
                code = OxmlElement("w:instrText")
                code.text = " PAGE "
                p.add_run()._r.append(code)
        p.add_run(text[1:])
        return text

    path = broken(tmp_path, "performance-report.docx", part_with_field)
    report = check(path)
    assert [p.type for p in report.problems] == ["split-tag"]
    assert "[field]" in report.problems[0].value


def test_every_problem_is_reported_at_once(tmp_path):
    def spoil(doc):
        for p in _paragraphs(doc):
            if p.text == "{{ a.title }}":
                p.text = "{{ a.titel }}"
            elif p.text == "{{ a.due_date }}":
                p.text = "{{ a.due_date|uk_dat }}"
            elif p.text == "{{ a.progress }}":
                p.text = "{ { a.progress }}"
        [p for p in _paragraphs(doc) if p.text == "{%p endfor %}"][-1].text = ""
        return ""

    path = broken(tmp_path, "performance-report.docx", spoil)
    report = check(path)
    assert problems(report) == [
        (where_is(path, "{%p for section in sections %}"), "unclosed-block"),
        (where_is(path, "{{ a.titel }}"), "unknown-field"),
        (where_is(path, "{{ a.due_date|uk_dat }}"), "unknown-filter"),
        (where_is(path, "{ { a.progress }}"), "broken-tag"),
    ]


def test_a_file_that_is_not_a_template_is_reported_and_the_rest_still_checked(tmp_path):
    (tmp_path / "notes.docx").write_text("not a Word file")
    shutil.copy(ROOT / "templates" / "performance-report.docx", tmp_path)
    result = CliRunner().invoke(cli, ["templates", "check", "--templates", str(tmp_path)])
    assert result.exit_code == 1
    assert "notes.docx" in result.output and "not a Word .docx file" in result.output
    assert "performance-report.docx" in result.output and "Traceback" not in result.output
