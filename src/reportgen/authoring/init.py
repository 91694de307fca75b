"""``reportgen init DIR``: start a reporting folder for another service or council.

Like ``cookiecutter``, it writes a ready-to-use folder: ``reportgen.toml`` with every setting
explained, ``input/`` with a blank return per kind of workbook, and an empty ``templates/`` for
the templates clerks change (``reportgen templates copy`` puts a built-in there to edit; the
others stay built in). The returns' sheets and headings come from each kind's ``sheets`` (the
schema modules' FieldSpecs), so they cannot drift from what reportgen reads. A blank return
builds: a build passes it over and says what to fill in.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from reportgen.config import CONFIG_NAME, DEFAULT_OUTPUT_NAME, KEYS
from reportgen.errors import InputError
from reportgen.kinds import SheetSpec, WorkbookKind
from reportgen.layouts import buildable_names, workbook_kinds
from reportgen.rules.status import DEFAULT_BEHIND_THRESHOLD

HEADING_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", fgColor="DEEAF6")


def config_text(organisation: str | None = None) -> str:
    """The starting ``reportgen.toml``: each setting with what it means, optional ones
    commented out."""
    meaning = {key: text for key, (_, text) in KEYS.items()}
    documents = ", ".join(f'"{name}"' for name in buildable_names())
    organisation_line = (
        f'organisation = "{organisation}"' if organisation else '# organisation = "Moray Council"'
    )
    lines = [
        "# reportgen settings for this folder. Options given to 'reportgen build' win over these.",
        "",
        f"# {meaning['organisation']}",
        organisation_line,
        f"# {meaning['period']}",
        '# period = "Q2 2022/23"',
        "",
        f"# {meaning['input']}",
        'input = "input"',
        f"# {meaning['output']}",
        'output = "output"',
        f"# {meaning['templates']}",
        'templates = "templates"',
        f"# {meaning['history']}",
        'history = "history"',
        "",
        f"# {meaning['documents']}",
        f"# documents = [{documents}]",
        f"# {meaning['output_name']}",
        f'output_name = "{DEFAULT_OUTPUT_NAME}"',
        f"# {meaning['merge_cells']}",
        '# merge_cells = ["partnership-plan", "improvement-programme"]',
        "",
        "[status]",
        f"# {meaning['status.behind_threshold']}",
        f"behind_threshold = {DEFAULT_BEHIND_THRESHOLD:g}",
        "",
        "# 'reportgen serve', the web app over this folder (only needed beyond this computer)",
        "# [serve]",
        f"# {meaning['serve.base_url']}",
        '# base_url = "https://reportgen.example.gov.uk"',
        f"# {meaning['serve.user_header']}",
        '# user_header = "X-Remote-User"',
        f"# {meaning['serve.trusted_proxies']}",
        '# trusted_proxies = ["127.0.0.1"]',
        f"# {meaning['serve.max_upload_mb']}",
        "# max_upload_mb = 10",
        "# [serve.users]  # one line each, made by 'reportgen serve --hash-password'",
        '# "Pat Clerk" = "$argon2id$…"',
    ]
    return "\n".join(lines) + "\n"


def _write_sheet(book: Workbook, spec: SheetSpec) -> None:
    sheet = book.create_sheet(spec.name)
    if spec.field_value:
        rows = [("Field", "Value"), *((f.heading, None) for f in spec.fields)]
        for row in rows:
            sheet.append(row)
        for cell in sheet["A"]:
            cell.font = HEADING_FONT
        sheet["B1"].font = HEADING_FONT
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 60
        return
    sheet.append([f.heading for f in spec.fields])
    for cell in sheet[1]:
        cell.font = HEADING_FONT
        cell.fill = HEADING_FILL
        sheet.column_dimensions[cell.column_letter].width = max(12, len(cell.value) + 4)
    sheet.freeze_panes = "A2"


def blank_return(kind: WorkbookKind) -> Workbook:
    """A blank return of ``kind``: its sheets with their headings and nothing else."""
    book = Workbook()
    book.remove(book.active)
    for spec in kind.sheets:
        _write_sheet(book, spec)
    return book


def init_project(folder: Path, organisation: str | None = None, force: bool = False) -> list[Path]:
    """Write a new reporting folder; returns the files written. InputError when the folder
    already has files (unless ``force``: then existing files are left as they are)."""
    if folder.exists() and any(folder.iterdir()) and not force:
        raise InputError(
            f"{folder} already has files in it; choose an empty folder or use --force "
            "(files already there are kept)"
        )
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    write(folder / CONFIG_NAME, config_text(organisation).encode("utf-8"))
    (folder / "templates").mkdir(parents=True, exist_ok=True)  # the clerks' own, when copied
    for kind in workbook_kinds():
        if not kind.sheets:
            continue
        target = folder / "input" / f"blank-{kind.name}-return.xlsx"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            blank_return(kind).save(target)
            written.append(target)
    (folder / "output").mkdir(parents=True, exist_ok=True)
    return written
