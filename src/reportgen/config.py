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

from reportgen.errors import Issue, Location, ReportgenError, Severity
from reportgen.kinds import DocumentKind, Settings, WorkbookKind
from reportgen.layouts import buildable_names, document_names
from reportgen.render.pdf import DEFAULT_TIMEOUT as PDF_TIMEOUT
from reportgen.rules.formats import plural
from reportgen.rules.output_names import (
    DEFAULT_OUTPUT_NAME,
    check_output_name,
    output_parts,
)
from reportgen.rules.periods import ReportingPeriod
from reportgen.rules.status import DEFAULT_BEHIND_THRESHOLD

CONFIG_NAME = "reportgen.toml"


class ConfigError(ReportgenError):
    """Raised when ``reportgen.toml`` cannot be read or has problems; the message lists every
    problem with its line, and ``issues`` holds them."""

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.issues = issues or []


def setting_problem(name: str, line: int | None, key: str, type_: str, message: str) -> Issue:
    """A problem in the settings file ``name``: at ``line``, with the setting ``key``."""
    place = f"line {line}" if line else None
    return Issue(Severity.ERROR, type_, message, Location(name, place=place, heading=key))


@dataclass
class BuildConfig:
    """Where to read and write, and the choices a build makes."""

    input_dir: Path = Path("input")
    output_dir: Path = Path("output")
    templates_dir: Path = Path("templates")
    period: ReportingPeriod | None = None
    only: tuple[str, ...] = ()
    behind_threshold: float = DEFAULT_BEHIND_THRESHOLD
    pdf: bool = False  # also convert every output to PDF with LibreOffice
    soffice: str | None = None  # LibreOffice program; else found on PATH
    pdf_timeout: float = PDF_TIMEOUT
    organisation: str | None = None  # when a return leaves Organisation blank
    output_name: str = DEFAULT_OUTPUT_NAME  # output file name, without .docx
    history_dir: Path | None = None  # each period's figures; else beside the output folder
    cache_dir: Path | None = None  # drawn charts are kept here; else output/.cache
    jobs: int | None = None  # worker processes for building workbooks; None: one per core
    incremental: bool = True  # re-use outputs of workbooks unchanged since the last build
    # documents whose cells that carry on the row above are merged, as the council's originals
    # are; none by default: merged cells trip screen readers (the accessible variant)
    merge_cells: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        try:
            check_output_name(self.output_name)
        except ValueError as exc:
            raise ConfigError(f"output name '{self.output_name}': {exc}") from exc

    def output_file(self, workbook: Path, suffix: str, period: ReportingPeriod | None) -> Path:
        """Where the document ``suffix`` of ``workbook`` for ``period`` is written: the output
        name filled in (``output/2022-23 Q3/cfsw-performance-report.docx``)."""
        parts = output_parts(self.output_name, period, workbook.stem, suffix)
        *folders, file = parts
        return self.output_dir.joinpath(*folders, f"{file}.docx")

    @property
    def history(self) -> Path:
        """Where each period's figures are kept (``history/`` beside the output folder unless
        given), so later periods can say what changed since."""
        return self.history_dir or self.output_dir.parent / "history"

    @property
    def chart_cache(self) -> Path:
        """Where drawn charts are cached between builds (keyed by content, never stale)."""
        return (self.cache_dir or self.output_dir / ".cache") / "charts"

    @property
    def build_cache(self) -> Path:
        """Where the manifest of the last build is kept (see :mod:`reportgen.write.incremental`)."""
        return self.cache_dir or self.output_dir / ".cache"

    @property
    def settings(self) -> Settings:
        return Settings(
            period=self.period,
            behind_threshold=self.behind_threshold,
            organisation=self.organisation,
        )

    def merges_cells(self, document: str) -> bool:
        """Whether ``document`` merges cells that carry on the row above (see ``merge_cells``)."""
        return document in self.merge_cells

    def documents(self, kind: WorkbookKind) -> tuple[DocumentKind, ...]:
        """The documents to render for a workbook of ``kind``: all but the optional ones, or
        those in ``only`` and the parts of the packs in ``only``."""
        if not self.only:
            return tuple(d for d in kind.documents if not d.optional)
        parts = {part for pack in kind.packs if pack.name in self.only for part in pack.parts}
        return tuple(d for d in kind.documents if d.name in self.only or d.name in parts)

    def writes(self, name: str) -> bool:
        """True when the document or pack ``name`` is written (all are, unless ``only``)."""
        return not self.only or name in self.only


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected text in quotes")
    return value.strip()


def _period(value: Any) -> ReportingPeriod:
    return ReportingPeriod.parse(_text(value))


def _documents(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError('expected a list of document names, e.g. ["performance-report"]')
    known = buildable_names()
    for name in value:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ValueError(
                f"'{name}' is not a document reportgen makes ({', '.join(known)}){hint}"
            )
    return tuple(value)


def _merge_cells(value: Any) -> frozenset[str]:
    if isinstance(value, bool):
        return frozenset(document_names()) if value else frozenset()
    if not isinstance(value, list):
        raise ValueError('expected true, false or a list of documents, e.g. ["partnership-plan"]')
    return frozenset(_documents(value))


def _output_name(value: Any) -> str:
    return check_output_name(_text(value))


def _threshold(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number of percentage points, e.g. 20")
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is not between 0 and 100 percentage points")
    return float(value)


def _url(value: Any) -> str:
    text = _text(value)
    if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", text):
        raise ValueError("expected an address such as https://reportgen.example.gov.uk")
    return text.rstrip("/")


def _header(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[A-Za-z0-9-]+", text):
        raise ValueError("expected an HTTP header name such as X-Remote-User")
    return text


def _addresses(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError('expected a list of addresses, e.g. ["127.0.0.1"]')
    return tuple(value)


def _megabytes(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 200:
        raise ValueError("expected a size in megabytes from 0 to 200, e.g. 10")
    return float(value)


def _password_hash(value: Any) -> str:
    text = _text(value)
    if not text.startswith("$argon2"):
        raise ValueError(
            "expected an argon2 hash ('reportgen serve --hash-password' makes one), "
            "never the password itself"
        )
    return text


USERS_TABLE = "serve.users"  # [serve.users] name = "<argon2 hash>", one line per person

# key (dotted for tables) -> (parser, meaning shown by 'reportgen init')
KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "organisation": (_text, "used when a return's Plan sheet leaves Organisation blank"),
    "period": (
        _period,
        'the reporting period to build, e.g. "Q2 2022/23"; a return that names another is refused',
    ),
    "input": (_text, "folder holding the returns"),
    "output": (_text, "folder the documents are written to"),
    "templates": (_text, "folder of this project's own templates (override the built-ins)"),
    "history": (_text, "folder keeping each period's figures, to say what changed since"),
    "documents": (_documents, "which documents to build (all when not given)"),
    "output_name": (
        _output_name,
        "how outputs are named, from {period}, {workbook} and {document}; / makes a folder",
    ),
    "merge_cells": (
        _merge_cells,
        "documents whose cells that carry on the row above are merged into one, as in the "
        "council's originals (true for all); leave out for papers to publish: screen readers "
        "lose track of merged cells",
    ),
    "status.behind_threshold": (
        _threshold,
        "percentage points an action may trail the time elapsed before it is Check Progress",
    ),
    "serve.base_url": (_url, "where lead officers reach 'reportgen serve', for their links"),
    "serve.user_header": (_header, "the reverse proxy's header naming the signed-in user"),
    "serve.trusted_proxies": (_addresses, "addresses whose user header is believed"),
    "serve.max_upload_mb": (_megabytes, "the largest file 'reportgen serve' takes, in MB"),
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


def parse_config(text: str, name: str = CONFIG_NAME) -> tuple[dict[str, Any], list[Issue]]:
    """The settings in ``text`` (parsed values by dotted key) and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        return {}, [setting_problem(name, line, name, "bad-toml", f"is not valid TOML: {exc}")]
    lines = key_lines(text)
    values: dict[str, Any] = {}
    problems: list[Issue] = []
    for key, value in _flatten(data).items():
        if key.startswith(f"{USERS_TABLE}."):
            try:
                values.setdefault(USERS_TABLE, {})[key.split(".", 2)[2]] = _password_hash(value)
            except ValueError as exc:
                problems.append(setting_problem(name, lines.get(key), key, "bad-setting", f"{exc}"))
            continue
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = f"is not a setting reportgen knows ({', '.join(KEYS)}){hint}"
            problems.append(setting_problem(name, lines.get(key), key, "unknown-setting", message))
            continue
        try:
            values[key] = KEYS[key][0](value)
        except ValueError as exc:
            message = f"{value!r}: {exc}"
            problems.append(setting_problem(name, lines.get(key), key, "bad-setting", message))
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
        listing = "\n".join(
            f"  {path.name} {p.location.place or 'file'}: {p.location.heading}: {p.message}"
            for p in problems
        )
        raise ConfigError(f"{path} has {plural(len(problems), 'problem')}:\n{listing}", problems)
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

    templates = folder(templates_dir, "templates", "templates")
    if (templates_dir is not None or "templates" in values) and not templates.is_dir():
        given = "--templates" if templates_dir is not None else f"{path.name}'s templates setting"
        raise ConfigError(
            f"the templates folder {templates} (from {given}) does not exist; give the folder "
            "that holds your own templates, or leave the setting out to use the built-in ones"
        )
    return BuildConfig(
        input_dir=folder(input_dir, "input", "input"),
        output_dir=folder(output_dir, "output", "output"),
        templates_dir=templates,
        history_dir=options.pop("history_dir", None)
        or (base / values["history"] if "history" in values else None),
        period=period or values.get("period"),
        only=only or values.get("documents", ()),
        behind_threshold=values.get("status.behind_threshold", DEFAULT_BEHIND_THRESHOLD),
        organisation=values.get("organisation"),
        output_name=values.get("output_name", DEFAULT_OUTPUT_NAME),
        merge_cells=values.get("merge_cells", frozenset()),
        **options,
    )
