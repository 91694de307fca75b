"""The analyst's plain script: the baseline ``council_scale.py`` times in the same run.

What an analyst would write without reportgen, for the same papers from the same returns:

1. read every workbook with openpyxl in read-only mode, each sheet's rows into dicts keyed by
   heading (timed: the real read);
2. the template contexts as plain dicts and namespaces, loaded from ``CONTEXTS/<stem>.pkl``
   (made beforehand, untimed, by :func:`make_contexts` from reportgen's own views turned into
   dicts, lists, text and docxtpl RichText: the analyst's own grouping and wording code is not
   timed, so the baseline is if anything too fast and ratios against it are conservative);
3. one chart per indicator the usual pyplot way (``plt.subplots``, ``savefig`` PNG, ``close``);
4. the same .docx templates rendered by plain ``DocxTemplate`` (its default Jinja environment,
   autoescape on), status icons and charts as ``InlineImage``;
5. the committee pack joined by a plain docxcompose ``Composer``; every file saved.

The timed script imports no reportgen (it checks). matplotlib is needed by this script only
(reportgen does not use it); ``council_scale.py`` installs it into a folder of its own.

    python plain_baseline.py INPUT CONTEXTS TEMPLATES OUTPUT
"""

from __future__ import annotations

import dataclasses
import enum
import io
import pickle
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

IMAGE, CHART = "__image__", "__chart__"


# --- made beforehand (not timed): reportgen's contexts as plain data ------------------------


def to_plain(value: Any) -> Any:
    """View objects -> namespaces (fields and public properties), pictures -> image or chart
    markers, enums -> their text; docxtpl RichText stays (an analyst uses it too)."""
    from pydantic import BaseModel

    from reportgen.documents.rich import Picture

    if isinstance(value, Picture):
        if value.chart is not None:
            spec = value.chart
            return {CHART: (spec.labels, spec.values, spec.target_low), "width_mm": value.width_mm}
        return {IMAGE: value.image, "width_mm": value.width_mm}
    if isinstance(value, enum.Enum):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return SimpleNamespace(**_with_properties(value, fields))
    if isinstance(value, BaseModel):
        fields = {name: to_plain(getattr(value, name)) for name in type(value).model_fields}
        return SimpleNamespace(**_with_properties(value, fields))
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


def _with_properties(value: Any, fields: dict[str, Any]) -> dict[str, Any]:
    for name in dir(type(value)):
        if not name.startswith("_") and isinstance(getattr(type(value), name, None), property):
            fields[name] = to_plain(getattr(value, name))
    return fields


def make_contexts(input_dir: Path, templates: Path, out: Path) -> None:
    """For each workbook, {template file: plain context} pickled into ``out``."""
    from reportgen.config import BuildConfig
    from reportgen.pipeline.inputs import read_workbook

    out.mkdir(parents=True, exist_ok=True)
    config = BuildConfig(input_dir=input_dir, templates_dir=templates)
    for path in sorted(input_dir.glob("*.xlsx")):
        report = read_workbook(path, config)
        assert report.ok, [str(i) for i in report.issues.errors]
        contexts = {}
        for kind in config.documents(report.kind):
            if kind.skip_reason and kind.skip_reason(report.model):
                continue
            contexts[kind.template] = to_plain(kind.make_context(report.model))
        (out / f"{path.stem}.pkl").write_bytes(pickle.dumps(contexts))


# --- the timed script ------------------------------------------------------------------------


def read_rows(path: Path) -> dict[str, list[dict]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheets = {}
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        sheets[sheet.title] = [dict(zip(header, row, strict=False)) for row in rows]
    book.close()
    return sheets


def plain_chart(labels, values, target) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3.4, 1.9), dpi=160)
    ax.plot(
        range(len(values)),
        [float("nan") if v is None else v for v in values],
        marker="o",
        color="black",
    )
    if target is not None:
        ax.axhline(target, linestyle="--", color="grey")
    ax.set_xticks(range(len(labels)), labels, fontsize=6)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def with_images(value: Any, tpl) -> Any:
    from docx.shared import Mm
    from docxtpl import InlineImage

    if isinstance(value, dict):
        if CHART in value:
            png = plain_chart(*value[CHART])
            return InlineImage(tpl, io.BytesIO(png), width=Mm(value["width_mm"]))
        if IMAGE in value:
            return InlineImage(tpl, io.BytesIO(value[IMAGE]), width=Mm(value["width_mm"]))
        return {k: with_images(v, tpl) for k, v in value.items()}
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{k: with_images(v, tpl) for k, v in vars(value).items()})
    if isinstance(value, list):
        return [with_images(v, tpl) for v in value]
    return value


def main(input_dir: Path, contexts_dir: Path, templates: Path, out: Path) -> None:
    from docx import Document
    from docxcompose.composer import Composer
    from docxtpl import DocxTemplate

    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(input_dir.glob("*.xlsx")):
        read_rows(path)  # the analyst's read; the contexts below stand for what it builds
        contexts = pickle.loads((contexts_dir / f"{path.stem}.pkl").read_bytes())
        documents = {}
        for template, context in contexts.items():
            tpl = DocxTemplate(templates / template)
            tpl.render(with_images(context, tpl), autoescape=True)
            buffer = io.BytesIO()
            tpl.save(buffer)
            documents[template] = buffer.getvalue()
            (out / f"{path.stem}-{template}").write_bytes(documents[template])
        if "committee-report.docx" in documents:
            base = Document(io.BytesIO(documents["committee-report.docx"]))
            composer = Composer(base)
            composer.append(Document(io.BytesIO(documents["performance-report.docx"])))
            composer.save(str(out / f"{path.stem}-committee-pack.docx"))
    assert not any(m.startswith("reportgen") for m in sys.modules), "the baseline used reportgen"


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:5]))
