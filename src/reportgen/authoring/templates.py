"""Where templates come from and checking them as a project uses them.

A project's own ``templates/`` folder overrides a built-in template of the same name; the
built-ins ship inside the package (``reportgen/templates``), so a project only keeps the templates
its clerks changed. ``check_project`` checks a project's templates against sample contexts;
``check_for_build`` checks one against the context it is about to render.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from reportgen.authoring.check import TemplateReport, check_loaded
from reportgen.authoring.samples import document_kinds, find_document, sample_models
from reportgen.authoring.shipped import builtin_samples_dir, builtin_templates_dir
from reportgen.errors import InputError, TemplateError
from reportgen.kinds import DocumentKind
from reportgen.render.engine import load_template, make_environment


def resolve_template(name: str, templates_dir: Path | None) -> Path:
    """The project's own template when it has one, else the built-in of the same name."""
    if templates_dir is not None and (templates_dir / name).is_file():
        return templates_dir / name
    builtin = builtin_templates_dir() / name
    if builtin.is_file():
        return builtin
    return (templates_dir or builtin_templates_dir()) / name


def check_template(
    path: Path, context: dict[str, object] | None = None, env: SandboxedEnvironment | None = None
) -> TemplateReport:
    """Open and check the template at ``path`` (TemplateError when it cannot be opened)."""
    tpl = load_template(path)
    return check_loaded(tpl, path.name, env or make_environment(), context)


def check_for_build(data: bytes, name: str, document: DocumentKind, model: object) -> None:
    """Check a template against the context of the workbook it is about to render; raise
    TemplateError carrying the whole report when it has problems."""
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    context = document.make_context(model)
    report = check_loaded(tpl, name, make_environment(), context)
    if not report.ok:
        raise TemplateError(
            f"{report}\nFix the template in Word (run 'reportgen templates check' to see this "
            "again)"
        )


def template_names(templates_dir: Path | None) -> list[str]:
    """Every template a project uses: its own .docx files and the built-ins it does not
    override, by file name."""
    names = {p.name for p in builtin_templates_dir().glob("*.docx")}
    if templates_dir is not None and templates_dir.is_dir():
        names |= {p.name for p in templates_dir.glob("*.docx") if not p.name.startswith("~$")}
    return sorted(names)


def check_project(
    names: list[str], templates_dir: Path | None, input_dir: Path | None
) -> list[TemplateReport]:
    """Check templates (file paths, file names or document names; all when empty), each against
    a context built from a sample return in ``input_dir`` or the one shipped with reportgen."""
    folders = [d for d in (input_dir, builtin_samples_dir()) if d is not None]
    models = sample_models(folders)
    reports = []
    for name in names or template_names(templates_dir):
        given = Path(name)
        found = find_document(given.name if given.suffix else name)
        if given.suffix and given.exists():
            path = given
        else:
            path = resolve_template(found[1].template if found else name, templates_dir)
        try:
            tpl = load_template(path)
        except TemplateError as exc:
            report = TemplateReport(path.name, path=path)
            report.problem("file", "not-a-template", str(exc))
            reports.append(report)
            continue
        context = None
        if found and found[0].name in models:
            try:
                context = found[1].make_context(models[found[0].name])
            except Exception:  # the sample lacks what this document needs: check tags only
                context = None
        report = check_loaded(tpl, path.name, make_environment(), context)
        report.path = path
        reports.append(report)
    return reports


def copy_templates(names: list[str], templates_dir: Path, force: bool = False) -> list[Path]:
    """Copy built-in templates (by document or file name; all when none given) into the
    project's ``templates_dir`` for clerks to edit; returns the files written. A copy already
    there is a clerk's work: InputError unless ``force``."""
    chosen = []
    for name in names or [p.name for p in sorted(builtin_templates_dir().glob("*.docx"))]:
        found = find_document(name)
        source = builtin_templates_dir() / (found[1].template if found else name)
        if not source.is_file():
            known = ", ".join(d.name for _, d in document_kinds())
            raise InputError(f"'{name}' is not a built-in template; the documents are: {known}")
        chosen.append(source)
    targets = [templates_dir / source.name for source in chosen]
    kept = [t for t in targets if t.exists()]
    if kept and not force:
        raise InputError(
            f"{', '.join(str(t) for t in kept)} already there (perhaps edited); use --force "
            "to replace it with the built-in"
        )
    templates_dir.mkdir(parents=True, exist_ok=True)
    for source, target in zip(chosen, targets, strict=True):
        target.write_bytes(source.read_bytes())
    return targets


class TemplateCache:
    """Each template read and checked once per build, however many workbooks use it."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self._loaded: dict[str, bytes] = {}

    def get(self, name: str, kind: DocumentKind | None = None, model: Any = None) -> bytes:
        """The project's template ``name`` (else the built-in), checked against ``kind``'s
        context for ``model`` the first time: TemplateError lists every problem in it."""
        if name not in self._loaded:
            path = resolve_template(name, self.templates_dir)
            load_template(path)  # raises TemplateError when missing or not a .docx
            data = path.read_bytes()
            if kind is not None:
                check_for_build(data, name, kind, model)
            self._loaded[name] = data
        return self._loaded[name]
