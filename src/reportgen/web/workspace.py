"""The workspace the web app serves: the same folder the command line works in.

``input/``, ``templates/``, ``output/`` (as ``reportgen.toml`` says), ``returns/<period>/``
(``issued/``, ``received/``, ``received/checked/``, ``links.json``, ``mail-merge.csv``) and
``archive/`` are where the command line keeps them, so both can work on one folder. The web
app's own state (its SQLite database, its session key, every file sent, templates waiting to be
used) is in the hidden ``.reportgen/`` folder, which builds and collects pass over.

No path taken from a request reaches the file system unchecked: periods are looked up among the
workspace's own, files among a folder's own listing (:func:`file_in`).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.config import CONFIG_NAME, BuildConfig, build_config, load_config
from reportgen.returns.layout import period_slug
from reportgen.returns.links import LINKS_FILE, PeriodLinks, load_links
from reportgen.rules.periods import ReportingPeriod

STATE_DIR = ".reportgen"
DEFAULT_MAX_UPLOAD_MB = 10.0
LOCAL_PROXIES = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class ServeSettings:
    """The ``[serve]`` part of ``reportgen.toml``: users, proxy header, limits, base address."""

    base_url: str | None = None
    user_header: str | None = None
    trusted_proxies: tuple[str, ...] = LOCAL_PROXIES
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    users: dict[str, str] = field(default_factory=dict)  # name -> argon2 hash

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@dataclass(frozen=True)
class Period:
    """A period the workspace has returns for: its label, folder name and links."""

    period: ReportingPeriod
    slug: str
    links: PeriodLinks | None


class Workspace:
    """The folders of one workspace, resolved to absolute paths."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.config_path = self.root / CONFIG_NAME
        self.state_dir = self.root / STATE_DIR
        self.returns_root = self.root / "returns"
        self.archive_root = self.root / "archive"
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._links: dict[Path, tuple[tuple[int, int], PeriodLinks | None]] = {}

    def build_config(self, **options: object) -> BuildConfig:
        """The build's settings from ``reportgen.toml``, folders made absolute in the workspace."""
        config = build_config(self.config_path, **options)  # type: ignore[arg-type]
        return dataclasses.replace(
            config,
            input_dir=self._absolute(config.input_dir),
            output_dir=self._absolute(config.output_dir),
            templates_dir=self._absolute(config.templates_dir),
        )

    def serve_settings(self) -> ServeSettings:
        values = load_config(self.config_path)
        return ServeSettings(
            base_url=values.get("serve.base_url"),
            user_header=values.get("serve.user_header"),
            trusted_proxies=values.get("serve.trusted_proxies", LOCAL_PROXIES),
            max_upload_mb=values.get("serve.max_upload_mb", DEFAULT_MAX_UPLOAD_MB),
            users=dict(values.get("serve.users", {})),
        )

    def _absolute(self, path: Path) -> Path:
        return path if path.is_absolute() else self.root / path

    # periods and their folders

    def period_dir(self, period: ReportingPeriod) -> Path:
        return self.returns_root / period_slug(period)

    def issued_dir(self, period: ReportingPeriod) -> Path:
        return self.period_dir(period) / "issued"

    def received_dir(self, period: ReportingPeriod) -> Path:
        return self.period_dir(period) / "received"

    def checked_dir(self, period: ReportingPeriod) -> Path:
        return self.received_dir(period) / "checked"

    def submissions_dir(self, period: ReportingPeriod) -> Path:
        """Every file sent on the web, kept as sent (the received folder keeps the latest)."""
        return self.state_dir / "submissions" / period_slug(period)

    def input_dir_for(self, links: PeriodLinks) -> Path:
        """The folder the period's returns were issued from (their service workbooks)."""
        return self._absolute(Path(links.input_dir))

    def periods(self) -> list[Period]:
        """The periods with returns issued in this workspace, latest first."""
        found: list[Period] = []
        if not self.returns_root.is_dir():
            return found
        for folder in self.returns_root.iterdir():
            if not folder.is_dir():
                continue
            links = self._load_links(folder)
            if links is not None and period_slug(links.period) == folder.name:
                found.append(Period(links.period, folder.name, links))
        return sorted(found, key=lambda p: p.period, reverse=True)

    def _load_links(self, folder: Path) -> PeriodLinks | None:
        """The folder's links, read again only when ``links.json`` changes."""
        try:
            stat = (folder / LINKS_FILE).stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = self._links.get(folder)
        if kept is None or kept[0] != stamp:
            kept = (stamp, load_links(folder))
            self._links[folder] = kept
        return kept[1]

    def period_named(self, slug: str | None) -> Period | None:
        """The period whose folder is ``slug`` (the latest when None); None when unknown."""
        periods = self.periods()
        if slug is None:
            return periods[0] if periods else None
        return next((p for p in periods if p.slug == slug), None)

    def session_key(self) -> str:
        """The key that signs session cookies, made once per workspace and kept private."""
        path = self.state_dir / "session.key"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


def file_in(folder: Path, name: str, suffixes: tuple[str, ...]) -> Path | None:
    """The file called ``name`` directly in ``folder``, found in the folder's own listing (so
    no separator, ``..`` or link in ``name`` can lead elsewhere), with one of ``suffixes``."""
    if not folder.is_dir() or Path(name).suffix.lower() not in suffixes:
        return None
    for path in folder.iterdir():
        if path.name == name and path.is_file() and not path.is_symlink():
            return path
    return None
