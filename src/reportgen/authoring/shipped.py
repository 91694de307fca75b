"""Where the files shipped with reportgen are: the built-in templates and the example returns.

Each exists once, in the repository (``templates/``, ``input/``); building the package copies them
into it (pyproject.toml's package-dir), and an editable install reads the repository's own.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_folder(name: str, checkout_folder: str) -> Path:
    """A folder of files shipped with reportgen: ``reportgen/<name>`` in an installed package
    (pyproject.toml's package-dir copies the repository's ``<checkout_folder>/`` there when the
    package is built), else, in an editable install, the repository folder itself, the one copy."""
    packaged = Path(str(resources.files("reportgen"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / checkout_folder


def builtin_templates_dir() -> Path:
    """The built-in templates: the repository's ``templates/`` folder, as shipped."""
    return shipped_folder("templates", "templates")


def builtin_samples_dir() -> Path:
    """The example returns: the repository's ``input/`` folder, as shipped."""
    return shipped_folder("samples", "input")
