"""Documents read back with python-docx: the layout of seed 001 and the data as typed."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import HEADINGS, Q2_FOLDER, ROWS, write_service_workbook

from reportgen import BuildConfig, build
from reportgen.readers.values import clean_text
from reportgen.rules.formats import letter, ordinal, percent, plural, pounds, uk_date


def _build(tmp_path: Path, templates_dir: Path, rows=ROWS, headings=HEADINGS) -> Document:
    write_service_workbook(tmp_path / "input" / "plan.xlsx", rows=rows, headings=headings)
    config = BuildConfig(
        input_dir=tmp_path / "input", output_dir=tmp_path / "output", templates_dir=templates_dir
    )
    report = build(config)
    assert report.ok, (report.failure, [str(i) for w in report.workbooks for i in w.issues])
    return Document(tmp_path / "output" / Q2_FOLDER / "plan-performance-report.docx")


def _row_texts(document: Document) -> dict[str, list[str]]:
    rows = {}
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            rows.setdefault(cells[0], cells)
    return rows


@pytest.fixture
def document(tmp_path, templates_dir):
    return _build(tmp_path, templates_dir)


def test_title_legend_and_numbered_headings(document):
    texts = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert texts[0] == (
        "Title",
        "2022-23 Quarter to September Children and Families & Criminal "
        "Justice Social Work Performance Report – Service Plan",
    )
    headings = [t for s, t in texts if s.startswith("Heading")]
    assert headings == [
        "1. CHILDREN AND FAMILIES & CRIMINAL JUSTICE SOCIAL WORK 2020/23",
        "1.1. Overall Plan Progress",
        "2. STRATEGIC ACTIONS",
        "2.1 Improved outcomes – Overall Progress",
        "2.2 Improved outcomes – Actions",
        "3. SERVICE LEVEL ACTIONS",
        "3.1 Transformational change – Overall Progress",
        "3.2 Transformational change – Actions",
    ]
    legend = document.tables[0]
    assert [r.cells[1].text for r in legend.rows] == [
        "Action Status",
        "Cancelled",
        "Overdue; Neglected",
        "Unassigned; Check Progress",
        "Not Started; In Progress; Assigned",
        "Completed",
    ]


def test_action_rows_carry_the_returned_and_derived_values(document):
    rows = _row_texts(document)
    assert rows["Action Code"][:9] == [
        "Action Code",
        "Action Title",
        "Priority",
        "Desired Outcome",
        "Due Date",
        "Latest Status Update",
        "Earlier Progress",
        "Progress",
        "Status Icon",
    ]
    strat1 = rows["STRAT1"]
    assert strat1[7] == "72%"
    assert rows["STRAT1.1"][4] == "31-Mar-2023"
    assert rows["STRAT1.1"][6:8] == ["–", "47%"]  # no earlier period on record
    statuses = {code: icon_alt(document, code) for code in ("STRAT1", "STRAT1.1", "SERV1.3")}
    assert statuses == {"STRAT1": "In Progress", "STRAT1.1": "Check Progress", "SERV1.3": "Overdue"}
    assert icon_alt(document, "STRAT1.4") == "Completed"
    assert rows["STRAT1.4"][8].strip() == ""  # the icon alone: its status is not read twice


def test_update_starts_with_bold_period_label(document):
    cell = next(
        r.cells[5] for t in document.tables for r in t.rows if r.cells[0].text == "CFSW SP2023"
    )
    first = cell.paragraphs[0]
    assert first.runs[0].text == "Q2 2022/23" and first.runs[0].bold
    assert first.text == "Q2 2022/23 – On the whole."


def icon_alt(document, code: str) -> str:
    """The alternative text of the status icon in the row of action ``code``."""
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text == code)
    (picture,) = row.cells[8]._tc.iter(qn("wp:docPr"))
    return picture.get("descr")


def test_status_icons_are_images_with_alternative_text(document):
    descriptions = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert "Check Progress" in descriptions
    assert "Overdue" in descriptions
    assert "Completed icon: green circle with a white tick" in descriptions  # the legend
    assert all(descriptions)


def test_landscape_a4_repeating_header_rows_and_page_numbers(document):
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297
    for table in document.tables[1:]:
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_bullet_lines_become_word_bullets(tmp_path, templates_dir):
    rows = [list(r) for r in ROWS]
    rows[2][8] = "Intro line\n• first point\n- second point"
    document = _build(tmp_path, templates_dir, rows=rows)
    cell = next(
        r.cells[5] for t in document.tables for r in t.rows if r.cells[0].text == "STRAT1.1"
    )
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [
        ("Normal", "Q2 2022/23 – Intro line"),
        ("List Bullet", "first point"),
        ("List Bullet", "second point"),
    ]


def test_cell_text_is_data_never_template_code(tmp_path, templates_dir):
    nasty = 'Fish & chips <b>bold</b> "quoted" {{ report.title }} {% for x in y %}\tend'
    rows = [list(r) for r in ROWS]
    rows[2][3] = nasty
    rows[2][8] = "Tom & Jerry < 5 > 3"
    document = _build(tmp_path, templates_dir, rows=rows)
    row = _row_texts(document)["STRAT1.1"]
    assert row[1] == nasty
    assert row[5] == "Q2 2022/23 – Tom & Jerry < 5 > 3"


def test_filters():
    assert uk_date(dt.date(2023, 3, 31)) == "31-Mar-2023"
    assert uk_date(dt.date(2020, 11, 18), "long") == "18 November 2020"
    assert uk_date(dt.date(2023, 3, 31), "month") == "March 2023"
    assert (percent(72.4), percent(72.5), percent(None)) == ("72%", "73%", "")
    assert pounds(19276000) == "£19,276,000"
    assert (plural(1, "action"), plural(3, "action")) == ("1 action", "3 actions")
    assert (letter(1), letter(10), letter(27)) == ("A", "J", "AA")
    assert (ordinal(1), ordinal(12), ordinal(23)) == ("1st", "12th", "23rd")


_XML_SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=60,
).filter(
    # a cell typed "=…" is a formula in Excel (tests/test_bad_inputs.py covers those)
    lambda t: t.strip() and t.strip().lower() != "choose an item." and not t.startswith("=")
)


@settings(
    max_examples=int(os.environ.get("REPORTGEN_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(_XML_SAFE_TEXT, st.sampled_from(["{_{ x }_}", "{_% if %_}", "a{_{b"])))
def test_any_cell_text_renders_as_typed_in_a_valid_document(tmp_path_factory, templates_dir, text):
    folder = tmp_path_factory.mktemp("prop")
    rows = [list(r) for r in ROWS]
    rows[2][3] = text
    document = _build(folder, templates_dir, rows=rows)
    assert _row_texts(document)["STRAT1.1"][1] == clean_text(text)


def test_the_report_lists_a_groups_actions_by_code_whatever_the_sheet_order(
    tmp_path, templates_dir
):
    """The sheet keeps the plan's order (the service plan follows it); the report, like the
    council's, lists STRAT1.2 before STRAT1.10."""
    group = next(i for i, row in enumerate(ROWS) if row[2] == "STRAT1")
    children = [row for row in ROWS if str(row[2]).startswith("STRAT1.")]
    tenth = ["", "", "STRAT1.10", "Tenth action", 1, dt.date(2023, 3, 31), 10, None, "Started"]
    rest = [row for row in ROWS if row not in children and row is not ROWS[group]]
    rows = [*ROWS[: group + 1], tenth, *reversed(children), *rest[group:]]
    document = _build(tmp_path, templates_dir, rows=rows)
    codes = [r.cells[0].text for t in document.tables for r in t.rows]
    strat1 = [c for c in codes if c.startswith("STRAT1.")]
    assert strat1 == sorted(strat1, key=lambda c: int(c.split(".")[1]))
    assert strat1[-1] == "STRAT1.10"


# --- ReportTemplate.map_tree: docxtpl's body swap, made linear, byte for byte the same -------


def _stock_and_linear(render_one) -> tuple[bytes, bytes]:
    """What ``render_one()`` makes with docxtpl's own map_tree, then with ReportTemplate's."""
    from docxtpl import DocxTemplate

    from reportgen.render.engine import ReportTemplate

    linear = ReportTemplate.map_tree
    ReportTemplate.map_tree = DocxTemplate.map_tree
    try:
        stock = render_one()
    finally:
        ReportTemplate.map_tree = linear
    return stock, render_one()


@pytest.mark.parametrize(
    "workbook", ["cfsw-service-plan", "loip-partnership-plan", "improvement-programme"]
)
def test_map_tree_renders_every_example_document_byte_for_byte_as_docxtpl(
    root, templates_dir, workbook
):
    from reportgen.authoring.templates import TemplateCache
    from reportgen.pipeline.inputs import read_workbook
    from reportgen.render.engine import render_document

    path = root / "input" / f"{workbook}.xlsx"
    config = BuildConfig(input_dir=path.parent, templates_dir=templates_dir)
    report = read_workbook(path, config)
    templates = TemplateCache(templates_dir)
    kinds = [
        k
        for k in config.documents(report.kind)
        if not (k.skip_reason and k.skip_reason(report.model))
    ]
    assert kinds
    for kind in kinds:
        made = functools.partial(render_document, templates.get(kind.template), kind, report.model)
        stock, linear = _stock_and_linear(made)
        assert stock == linear, kind.name


def _one_table_template() -> bytes:
    """One table with a row per item and a picture in every row: the case where moving the
    body's children one by one is not enough (the table is one child)."""
    import io

    doc = Document()
    doc.add_paragraph("Before {{ title }}")
    table = doc.add_table(rows=4, cols=3)
    table.rows[0].cells[0].text = "Code"
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    table.rows[2].cells[0].text = "{{ r.code }}"
    table.rows[2].cells[1].text = "{{ r.icon }}"
    table.rows[2].cells[2].text = "{{ r.text }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("After")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _render_one_table(template: bytes, rows: int) -> bytes:
    import io
    import zipfile

    from docxtpl import DocxTemplate

    from reportgen.documents.rich import Picture
    from reportgen.render.engine import ReportTemplate, render, shared_environment

    icon = next((ROOT_ICONS).glob("*.png")).read_bytes()
    tpl = ReportTemplate(io.BytesIO(template))
    tpl.init_docx()
    body = tpl.docx.element.body
    items = [{"code": f"A{i}", "icon": Picture(icon, f"icon {i}", 4), "text": f"t{i} & <x>"}
             for i in range(rows)]  # fmt: skip
    render(tpl, {"title": "T", "rows": items}, "one-table.docx", shared_environment())
    if ReportTemplate.map_tree is not DocxTemplate.map_tree:
        assert tpl.docx.element.body is body  # kept: python-docx views of the body stay valid
    assert [r.cells[0].text for r in tpl.docx.tables[0].rows[1:3]] == ["A0", "A1"]
    buffer = io.BytesIO()
    tpl.save(buffer)
    return zipfile.ZipFile(buffer).read("word/document.xml")


ROOT_ICONS = Path(__file__).resolve().parent.parent / "src" / "reportgen" / "icons"


def test_map_tree_moves_one_big_table_of_pictures_row_by_row_byte_for_byte():
    from reportgen.render.engine import ROW_SPLIT_FROM

    template = _one_table_template()
    rows = ROW_SPLIT_FROM * 3
    stock, linear = _stock_and_linear(lambda: _render_one_table(template, rows))
    assert stock == linear
    assert linear.count(b"<w:drawing>") == rows
