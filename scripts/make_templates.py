"""Write the shipped Word templates into templates/ (run by hand when a layout changes).

Clerks edit the resulting .docx files in Word; this script exists so that the first version of
each layout is reproducible and reviewable. Each layout is a module of ``scripts/layouts/`` named
after its template (``performance_report.py`` → ``templates/performance-report.docx``) with a
``build(target)`` function. Run: ``python scripts/make_templates.py [NAME …]`` (all when none).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from reportgen.render.engine import repeatable_zip

SCRIPTS = Path(__file__).resolve().parent
TEMPLATES = SCRIPTS.parent / "templates"


def layouts() -> dict[str, str]:
    """Template name (``performance-report``) → layout module (``layouts.performance_report``)."""
    return {
        path.stem.replace("_", "-"): f"layouts.{path.stem}"
        for path in sorted((SCRIPTS / "layouts").glob("*.py"))
        if path.stem not in ("__init__", "docx_build")
    }


def main(names: list[str]) -> None:
    sys.path.insert(0, str(SCRIPTS))
    known = layouts()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"no layout called {', '.join(unknown)}; layouts: {', '.join(known)}")
    for name, module in known.items():
        if names and name not in names:
            continue
        target = TEMPLATES / f"{name}.docx"
        importlib.import_module(module).build(target)
        # fixed zip entry times: an unchanged layout gives an unchanged file
        target.write_bytes(repeatable_zip(target.read_bytes()))
        print(f"written {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
