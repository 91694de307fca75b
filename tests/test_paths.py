"""No workbook, template or setting makes reportgen touch a path outside its input, templates
and output folders and the history a build keeps of each period's figures: every file
reportgen opens, creates, moves or removes while it validates, checks templates and builds a
hostile project is inside them (or, for reading, is reportgen's own code and libraries).
Watched with Python's audit hooks, in a fresh process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from docx import Document
from hostile_workbooks import patch
from workbooks import write_service_workbook

ROOT = Path(__file__).resolve().parent.parent

WATCHER = r"""
import json, os, sys
events = []
WRITES = ("os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "os.mkdir",
          "os.link", "os.symlink", "os.truncate", "os.chmod", "os.chown", "os.utime",
          "shutil.copyfile", "shutil.rmtree", "tempfile.mkstemp", "tempfile.mkdtemp",
          "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn")
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        changes = os.O_WRONLY | os.O_RDWR | os.O_CREAT
        writing = (mode and any(m in mode for m in "wax+")) or (flags and flags & changes)
        events.append(("write" if writing else "read", event, [os.fsdecode(path)]))
    elif event in WRITES:
        paths = [os.fsdecode(a) for a in args if isinstance(a, (str, bytes, os.PathLike))]
        events.append(("write", event, paths))
sys.addaudithook(hook)
from reportgen.cli import main
project = sys.argv[1]
for command in json.loads(sys.argv[2]):
    sys.argv = ["reportgen", *command]
    try:
        main()
    except SystemExit:
        pass
sys.addaudithook(lambda *a: None)
print("@@" + json.dumps(events))
"""


def hostile_project(folder: Path) -> None:
    good = write_service_workbook(folder / "input" / "good.xlsx")
    # a sheet whose relationship points out of the package, and an external link
    outside = write_service_workbook(folder / "input" / "outside.xlsx")
    patch(
        outside,
        "xl/_rels/workbook.xml.rels",
        lambda data: data.replace(
            b'Target="/xl/worksheets/sheet2.xml"', b'Target="../../../../../etc/passwd"'
        ).replace(b'Target="worksheets/sheet2.xml"', b'Target="../../../../../etc/passwd"'),
    )
    linked = write_service_workbook(folder / "input" / "linked.xlsx")
    patch(
        linked,
        "xl/_rels/workbook.xml.rels",
        lambda data: data.replace(
            b"</Relationships>",
            b'<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/externalLink" Target="file:///etc/shadow" '
            b'TargetMode="External"/></Relationships>',
        ),
    )
    del good
    templates = folder / "templates"
    templates.mkdir()
    document = Document(str(ROOT / "templates" / "performance-report.docx"))
    document.add_paragraph('{% include "/etc/passwd" %}{{ report.__class__ }}')
    document.save(templates / "performance-report.docx")
    # a service plan template whose picture is linked to a file outside
    plan = ROOT / "templates" / "service-plan.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(plan) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="file:///etc/passwd" '
                    b'TargetMode="External"/></Relationships>',
                )
            target.writestr(item, data)
    (templates / "service-plan.docx").write_bytes(buffer.getvalue())


def watched(folder: Path, commands: list[list[str]]) -> list[tuple[str, str]]:
    """(read or write, "event path") for every path the commands touched, made absolute (they
    run in ``folder``)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", WATCHER, str(folder), json.dumps(commands)],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )
    marker = [line for line in result.stdout.splitlines() if line.startswith("@@")]
    assert marker, result.stdout + result.stderr
    found = []
    for kind, event, paths in json.loads(marker[-1][2:]):
        for path in paths:
            if "/" in path or os.sep in path:  # not the import system's own names
                found.append((kind, f"{event} {os.path.join(folder, path)}"))
    return found


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return os.path.realpath(path).startswith(folders)


def allowed_to_read(path: str) -> bool:
    """reportgen's own code, Python and its libraries, and what the system gives every
    program (devices, locales, fonts)."""
    full = os.path.realpath(path)
    own = [
        sys.prefix,
        sys.base_prefix,
        str(ROOT / "src"),
        str(ROOT / "templates"),
        str(ROOT / "input"),
    ]
    system = ("/usr/", "/proc/", "/dev/", "/sys/", "/etc/ld.so", "/etc/localtime", "/lib",
              "/etc/mime.types")  # fmt: skip
    return full.startswith(tuple(os.path.realpath(p) for p in own)) or full.startswith(system)


def test_nothing_outside_the_three_folders_is_touched(tmp_path):
    project = tmp_path / "project"
    hostile_project(project)
    folders = [project / "input", project / "templates", project / "output", project / "history"]
    commands = [
        ["validate", "--input", "input"],
        ["templates", "check", "--templates", "templates", "--input", "input"],
        ["build", "--input", "input", "--output", "output", "--templates", "templates"],
    ]
    events = watched(project, commands)
    # and a build that writes: the hostile templates and the broken workbook taken away, the
    # workbook linked to a file outside kept
    for template in (project / "templates").iterdir():
        template.unlink()
    (project / "input" / "outside.xlsx").unlink()
    events += watched(
        project,
        [["build", "--input", "input", "--output", "output", "--templates", "templates",
          "--jobs", "1"]],
    )  # fmt: skip
    assert (project / "output").is_dir() and list((project / "output").rglob("*.docx"))
    inside = tuple(str(f.resolve()) for f in folders)
    paths = [(kind, event.split(" ", 1)[1], event) for kind, event in events]
    assert any(k == "write" and _inside(p, inside) for k, p, _ in paths)  # the watch works
    writes = [e for kind, path, e in paths if kind == "write" and not _inside(path, inside)]
    assert writes == [], writes
    reads = [
        path
        for kind, path, _ in paths
        if kind == "read" and not _inside(path, inside) and not allowed_to_read(path)
    ]
    assert not [r for r in reads if "/etc/passwd" in r or "/etc/shadow" in r], reads
    assert reads == [], reads
