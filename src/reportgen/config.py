"""``reportgen.toml``: a reporting folder's settings, checked with line numbers, merged with the
command line.

Like mkdocs' config, every problem in the file is collected and reported at once, each with its
line: an unknown key (with the nearest known one), a value of the wrong kind, a period that is not
a period, a document reportgen does not make. Options given on the command line win over the
file; the file wins over the defaults. Paths in the file are relative to the file's folder.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.build import BuildConfig
from reportgen.errors import ReportgenError
from reportgen.kinds import document_names
from reportgen.periods import ReportingPeriod
from reportgen.status import DEFAULT_BEHIND_THRESHOLD

CONFIG_NAME = "reportgen.toml"
OUTPUT_NAME_FIELDS = ("workbook", "document")
DEFAULT_OUTPUT_NAME = "{workbook}-{document}"


class ConfigError(ReportgenError):
    """Raised when ``reportgen.toml`` cannot be read or has problems; the message lists every
    problem with its line."""


@dataclass(frozen=True)
class ConfigProblem:
    """One problem in the file: the line it is on, the key, and what is wrong."""

    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}: {self.key}: {self.message}"


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected text in quotes")
    return value.strip()


def _period(value: Any) -> ReportingPeriod:
    return ReportingPeriod.parse(_text(value))


def _documents(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError('expected a list of document names, e.g. ["performance-report"]')
    known = document_names()
    for name in value:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ValueError(
                f"'{name}' is not a document reportgen makes ({', '.join(known)}){hint}"
            )
    return tuple(value)


def _output_name(value: Any) -> str:
    text = _text(value)
    for name in re.findall(r"\{([^}]*)\}", text):
        if name not in OUTPUT_NAME_FIELDS:
            allowed = ", ".join(f"{{{n}}}" for n in OUTPUT_NAME_FIELDS)
            raise ValueError(f"'{{{name}}}' is not known; an output name can use {allowed}")
    if re.search(r"[\\/:*?\"<>|]", text.replace("{", "").replace("}", "")):
        raise ValueError('a file name cannot contain \\ / : * ? " < > |')
    return text


def _threshold(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number of percentage points, e.g. 20")
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is not between 0 and 100 percentage points")
    return float(value)


# key (dotted for tables) -> (parser, meaning shown by 'reportgen init')
KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "organisation": (_text, "used when a return's Plan sheet leaves Organisation blank"),
    "period": (_period, 'the reporting period when a return does not say, e.g. "Q2 2022/23"'),
    "input": (_text, "folder holding the returns"),
    "output": (_text, "folder the documents are written to"),
    "templates": (_text, "folder of this project's own templates (override the built-ins)"),
    "documents": (_documents, "which documents to build (all when not given)"),
    "output_name": (_output_name, "how outputs are named, from {workbook} and {document}"),
    "status.behind_threshold": (
        _threshold,
        "percentage points an action may trail the time elapsed before it is Check Progress",
    ),
}


def key_lines(text: str) -> dict[str, int]:
    """The line each ``key =`` and ``[table]`` is on, by dotted key (tomllib does not say)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\[\]]+?)\s*\]", stripped)
        if header:
            table = header.group(1).replace('"', "").replace(" ", "")
            lines.setdefault(table, number)
            continue
        key = re.match(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""", stripped)
        if key:
            name = key.group(1).strip("\"'").replace(" ", "")
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


def parse_config(text: str, name: str = CONFIG_NAME) -> tuple[dict[str, Any], list[ConfigProblem]]:
    """The settings in ``text`` (parsed values by dotted key) and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        return {}, [ConfigProblem(line, name, f"is not valid TOML: {exc}")]
    lines = key_lines(text)
    values: dict[str, Any] = {}
    problems: list[ConfigProblem] = []
    for key, value in _flatten(data).items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                ConfigProblem(
                    lines.get(key),
                    key,
                    f"is not a setting reportgen knows ({', '.join(KEYS)}){hint}",
                )
            )
            continue
        try:
            values[key] = KEYS[key][0](value)
        except ValueError as exc:
            problems.append(ConfigProblem(lines.get(key), key, f"{value!r}: {exc}"))
    return values, problems


def load_config(path: Path) -> dict[str, Any]:
    """The settings in the file at ``path`` (empty when there is none); ConfigError lists every
    problem with its line."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} cannot be read ({exc})") from exc
    values, problems = parse_config(text, path.name)
    if problems:
        listing = "\n".join(f"  {path.name} {p}" for p in problems)
        raise ConfigError(f"{path} has {len(problems)} problem(s):\n{listing}")
    return values


def build_config(
    config_path: Path | None = None,
    *,
    input_dir: Path | None = None,
    output_dir: Path | None = None,
    templates_dir: Path | None = None,
    period: ReportingPeriod | None = None,
    only: tuple[str, ...] = (),
    **options: Any,
) -> BuildConfig:
    """The build's settings: each command-line option given (not None/empty) wins over
    ``reportgen.toml`` (``config_path``, by default in the current folder), which wins over the
    defaults. ``options`` are other BuildConfig fields, passed on as given."""
    path = config_path or Path(CONFIG_NAME)
    values = load_config(path)
    base = path.parent

    def folder(given: Path | None, key: str, default: str) -> Path:
        if given is not None:
            return given
        return base / values[key] if key in values else Path(default)

    return BuildConfig(
        input_dir=folder(input_dir, "input", "input"),
        output_dir=folder(output_dir, "output", "output"),
        templates_dir=folder(templates_dir, "templates", "templates"),
        period=period or values.get("period"),
        only=only or values.get("documents", ()),
        behind_threshold=values.get("status.behind_threshold", DEFAULT_BEHIND_THRESHOLD),
        organisation=values.get("organisation"),
        output_name=values.get("output_name", DEFAULT_OUTPUT_NAME),
        **options,
    )
