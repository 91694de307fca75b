"""A corpus of bad inputs, built in code: none gives a traceback, each says what is wrong and
how to fix it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook, load_workbook
from workbooks import HEADINGS, Q2_FOLDER, ROWS, write_service_workbook

from reportgen.cli import cli


def validate(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", "--input", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _good(folder: Path, name: str = "plan.xlsx", **kwargs) -> Path:
    return write_service_workbook(folder / name, **kwargs)


def _csv(path: Path) -> None:
    path.write_text("Action Code,Action Title\nSTRAT1,Thing\n")


def _word(path: Path) -> None:
    Document().save(path)


def _truncated(path: Path) -> None:
    _good(path.parent, path.name)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _old_xls(path: Path) -> None:  # also what a password-protected .xlsx looks like
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


def _empty(path: Path) -> None:
    Workbook().save(path)


def _entity_bomb(path: Path) -> None:
    _good(path.parent, path.name)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                data = bomb + data
            target.writestr(item, data)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("csv-renamed.xlsx", _csv, "not an Excel workbook"),
        ("word-renamed.xlsx", _word, "Word document renamed .xlsx"),
        ("truncated.xlsx", _truncated, "did not finish saving"),
        ("old.xls", _old_xls, "save it as .xlsx"),
        ("empty.xlsx", _empty, "the workbook is empty"),
        ("entities.xlsx", _entity_bomb, "refuses for safety"),
    ],
)
def test_files_that_cannot_be_read(tmp_path, name, make, message):
    make(tmp_path / name)
    code, output = validate(tmp_path)
    assert code == 2
    assert name in output and message in output


def test_lock_file_beside_an_open_workbook(tmp_path):
    _good(tmp_path)
    (tmp_path / "~$plan.xlsx").write_bytes(b"\0" * 165)
    code, output = validate(tmp_path)
    assert code == 0
    assert "skipped ~$plan.xlsx" in output and "open in Excel" in output


def test_unrecognised_workbook_names_its_sheets_and_what_is_needed(tmp_path):
    book = Workbook()
    book.active.title = "Budget"
    book.active["A1"] = "Spend"
    book.save(tmp_path / "budget.xlsx")
    code, output = validate(tmp_path)
    assert code == 2
    assert "'Budget'" in output and "'Plan' and 'Actions'" in output


def test_ten_thousand_blank_formatted_rows(tmp_path):
    path = _good(tmp_path)
    book = load_workbook(path)
    sheet = book["Actions"]
    for row in range(sheet.max_row + 1, sheet.max_row + 10_001):
        sheet.cell(row, 3).number_format = "0%"
        sheet.cell(row, 9).value = "   "
    book.save(path)
    code, output = validate(tmp_path)
    assert code == 0, output


def test_formulas_without_saved_values(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][6] = "=40+7"
    _good(tmp_path, rows=rows)
    code, output = validate(tmp_path)
    assert code == 1
    assert "Actions!G4" in output and "no calculated value" in output


def test_long_text_emoji_and_non_latin_come_out_as_typed(tmp_path, templates_dir):
    rows = [list(r) for r in ROWS]
    long_update = "Progress continues. " * 1500  # 30,000 characters
    rows[2][3] = "Наш план 🚀 — 計画 — خطة"
    rows[2][8] = long_update
    _good(tmp_path / "input", rows=rows)
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--input",
            str(tmp_path / "input"),
            "--output",
            str(tmp_path / "out"),
            "--templates",
            str(templates_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    document = Document(tmp_path / "out" / Q2_FOLDER / "plan-performance-report.docx")
    cells = {r.cells[0].text: r.cells for t in document.tables for r in t.rows}
    assert cells["STRAT1.1"][1].text == "Наш план 🚀 — 計画 — خطة"
    assert cells["STRAT1.1"][5].text == "Q2 2022/23 – " + long_update.strip()


def test_heading_row_typed_twice(tmp_path):
    _good(tmp_path, rows=[list(HEADINGS), *ROWS])
    code, output = validate(tmp_path)
    assert code == 0, output
    assert "repeats the headings" in output


def test_hidden_rows_and_sheets_are_read_with_a_warning(tmp_path):
    path = _good(tmp_path)
    book = load_workbook(path)
    book["Actions"].row_dimensions[4].hidden = True
    book["Plan"].sheet_state = "hidden"
    book.save(path)
    code, output = validate(tmp_path)
    assert code == 0, output
    assert "rows 4 are hidden" in output
    assert "'Plan' sheet is hidden" in output


def test_workbook_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    from reportgen.readers import workbook

    monkeypatch.setattr(workbook, "MAX_WORKBOOK_BYTES", 1000)
    _good(tmp_path)
    code, output = validate(tmp_path)
    assert code == 2 and "over the" in output and "limit" in output
