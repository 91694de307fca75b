"""The committee pack: the committee report with the performance report appended as Appendix I,
each part keeping its own page set-up, footer and look."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from workbooks import Q2_FOLDER

from reportgen import BuildConfig, build
from reportgen.render.pack import append_document


def small_document(text: str, landscape: bool, body_size: int) -> bytes:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    doc.styles["Normal"].font.size = Pt(body_size)
    doc.add_paragraph(text)
    doc.sections[0].footer.paragraphs[0].text = f"{text} footer"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def joined():
    main = small_document("Covering report", landscape=False, body_size=12)
    appendix = small_document("Performance tables", landscape=True, body_size=9)
    return Document(io.BytesIO(append_document(main, appendix, "APPENDIX I")))


def test_parts_in_order_with_the_label(joined):
    texts = [p.text for p in joined.paragraphs if p.text]
    assert texts == ["Covering report", "APPENDIX I", "Performance tables"]
    label = next(p for p in joined.paragraphs if p.text == "APPENDIX I")
    assert label.style.name == "Heading 1"  # a built-in heading, for navigation and PDF tags


def test_each_part_keeps_its_orientation(joined):
    assert [s.orientation for s in joined.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert joined.sections[1].page_width > joined.sections[1].page_height


def test_each_part_keeps_its_footer(joined):
    assert [s.footer.paragraphs[0].text for s in joined.sections] == [
        "Covering report footer",
        "Performance tables footer",
    ]


def test_appendix_keeps_its_own_body_style(joined):
    main = next(p for p in joined.paragraphs if p.text == "Covering report")
    extra = next(p for p in joined.paragraphs if p.text == "Performance tables")
    assert main.style.font.size == Pt(12)
    assert extra.style.name == "Appendix Normal"
    assert extra.style.font.size == Pt(9)


def test_page_numbers_run_on_through_the_pack(joined):
    assert not joined.element.body.findall(".//" + qn("w:pgNumType"))


# --- the example's pack ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_output(tmp_path_factory, request):
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("pack")
    config = BuildConfig(input_dir=root / "input", output_dir=out, templates_dir=root / "templates")
    report = build(config)
    assert report.ok, report.failure
    return out


def test_example_pack_is_report_then_landscape_appendix(example_output):
    pack = Document(example_output / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx")
    assert [s.orientation for s in pack.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    texts = [p.text for p in pack.paragraphs if p.text.strip()]
    assert texts[0].startswith("REPORT TO: EDUCATION, COMMUNITIES AND ORGANISATIONAL")
    label = texts.index("APPENDIX I")
    assert texts.index("4.\tSUMMARY OF IMPLICATIONS") < label
    assert "Performance Report" in texts[label + 1]
    codes = {row.cells[0].text for table in pack.tables for row in table.rows}
    assert {"CFSW SP2023", "STRAT1.1", "SERV1.3"} <= codes


def test_example_pack_footers_count_the_whole_pack(example_output):
    pack = Document(example_output / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx")
    footers = [s.footer.paragraphs[0] for s in pack.sections]
    assert footers[0].text.startswith("Education, Communities and Organisational Development")
    assert "Performance Report" in footers[1].text
    for footer in footers:
        fields = [n.text.strip() for n in footer._p.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]


def test_example_pack_keeps_icons_with_alt_text(example_output):
    pack = Document(example_output / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx")
    pictures = pack.element.body.findall(".//" + qn("wp:docPr"))
    assert pictures
    assert all(p.get("descr") for p in pictures)


def test_example_pack_rebuilds_byte_identical(example_output, request):
    root = request.config.rootpath
    first = (example_output / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx").read_bytes()
    config = BuildConfig(
        input_dir=root / "input", output_dir=example_output, templates_dir=root / "templates"
    )
    report = build(config)
    pack = next(r for r in report.written if r.path.name.endswith("committee-pack.docx"))
    assert not pack.changed
    assert pack.path.read_bytes() == first


# --- the style passes (render/pack_styles.py): the same pack, without a style object per id ---


def _stock_and_fast_packs(example_output, monkeypatch) -> tuple[bytes, bytes]:
    """The example's committee pack joined by docxcompose's own Composer and python-docx's
    style setter, and as reportgen joins it."""
    from docxcompose.composer import Composer

    from reportgen.render import pack

    folder = example_output / Q2_FOLDER
    parts = [
        (folder / f"cfsw-service-plan-{name}.docx").read_bytes()
        for name in ("committee-report", "performance-report")
    ]

    def named_by_python_docx(body, style_id):
        named.append(style_id)
        for paragraph in body.iter(qn("w:p")):
            properties = paragraph.get_or_add_pPr()
            if properties.find(qn("w:pStyle")) is None:
                properties.style = style_id

    named: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(pack, "StyleIdComposer", Composer)
        patch.setattr(pack, "name_default_style", named_by_python_docx)
        stock = pack.append_document(*parts, "APPENDIX I")
    assert named == ["Normal"]  # the appendix's Normal differs from the report's: renamed
    return stock, pack.append_document(*parts, "APPENDIX I")


def test_pack_style_passes_join_byte_for_byte_as_docxcompose(example_output, monkeypatch):
    stock, fast = _stock_and_fast_packs(example_output, monkeypatch)
    assert stock == fast
    built = example_output / Q2_FOLDER / "cfsw-service-plan-committee-pack.docx"
    assert fast == built.read_bytes()


@pytest.mark.parametrize("preserve_styles", [False, True])
def test_style_id_composer_follows_docxcompose_when_it_renames_styles(
    example_output, preserve_styles
):
    import random

    from docxcompose.composer import Composer

    from reportgen.render.engine import repeatable_zip
    from reportgen.render.pack_styles import StyleIdComposer

    folder = example_output / Q2_FOLDER
    report = (folder / "cfsw-service-plan-committee-report.docx").read_bytes()
    appendix = (folder / "cfsw-service-plan-performance-report.docx").read_bytes()
    joined = []
    for composer_class in (Composer, StyleIdComposer):
        random.seed(17)  # docxcompose numbers restarted lists at random
        composer = composer_class(Document(io.BytesIO(report)), preserve_styles=preserve_styles)
        composer.append(Document(io.BytesIO(appendix)))
        buffer = io.BytesIO()
        composer.save(buffer)
        joined.append(repeatable_zip(buffer.getvalue()))
    assert joined[0] == joined[1]


def test_style_id_listing_is_python_docx_own(example_output):
    from reportgen.render.pack_styles import StyleIdComposer, _StyleIdDocument

    folder = example_output / Q2_FOLDER
    doc = Document(folder / "cfsw-service-plan-committee-report.docx")
    view = _StyleIdDocument(doc, StyleIdComposer(doc))
    assert [s.style_id for s in view.styles] == [s.style_id for s in doc.styles]
    assert view.styles.element is doc.styles.element


def test_name_default_style_places_it_as_python_docx_does():
    from docx.oxml import parse_xml
    from lxml import etree

    from reportgen.render.pack_styles import name_default_style

    xml = (
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:p/><w:p><w:pPr/></w:p><w:p><w:pPr><w:jc w:val="left"/><w:keepNext/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="X"/></w:pPr></w:p><w:p><w:pPr><w:rPr/></w:pPr><w:r/></w:p>'
        '<w:p><w:pPr><w:rPr/><w:jc w:val="left"/><w:ind/><w:jc w:val="right"/></w:pPr></w:p>'
        "<w:p><w:pPr><w:unknownExt/></w:pPr></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r/></w:p></w:tc></w:tr></w:tbl></w:body>"
    )
    by_python_docx, ours = parse_xml(xml), parse_xml(xml)
    for paragraph in by_python_docx.iter(qn("w:p")):
        properties = paragraph.get_or_add_pPr()
        if properties.find(qn("w:pStyle")) is None:
            properties.style = "Normal"
    name_default_style(ours, "Normal")
    assert etree.tostring(ours) == etree.tostring(by_python_docx)
    assert etree.tostring(ours).count(b'w:pStyle w:val="Normal"') == 7


def test_pstyle_successors_are_python_docx_own():
    from docx.oxml.text.parfmt import CT_PPr

    from reportgen.render.pack_styles import PSTYLE_SUCCESSORS

    child = CT_PPr._insert_pStyle.__closure__[0].cell_contents
    assert child._successors == PSTYLE_SUCCESSORS
