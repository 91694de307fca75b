"""Write the shipped Word templates into templates/ (run by hand when a layout changes).

Clerks edit the resulting .docx files in Word; this script exists so that the first version of
each layout is reproducible and reviewable. Each layout lives in its own ``layout_*.py`` module
with a ``build(target)`` function. Run: ``python tools/make_templates.py [NAME …]``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportgen.render.engine import repeatable_zip  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
BUILTIN = ROOT / "src" / "reportgen" / "templates"

# template file name -> layout module in tools/
LAYOUTS = {
    "performance-report.docx": "layout_performance_report",
    "service-plan.docx": "layout_service_plan",
    "committee-report.docx": "layout_committee_report",
    "partnership-plan.docx": "layout_partnership_plan",
    "improvement-programme.docx": "layout_improvement_programme",
}


def main(names: list[str]) -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for template, module in LAYOUTS.items():
        if names and template.removesuffix(".docx") not in names:
            continue
        target = TEMPLATES / template
        importlib.import_module(module).build(target)
        # fixed zip entry times: an unchanged layout gives an unchanged file
        target.write_bytes(repeatable_zip(target.read_bytes()))
        print(f"written {TEMPLATES / template}")
        # the same file ships inside the package as the built-in a project may override
        BUILTIN.mkdir(exist_ok=True)
        (BUILTIN / template).write_bytes(target.read_bytes())


if __name__ == "__main__":
    main(sys.argv[1:])
