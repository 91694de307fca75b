"""The web app's records: every return sent, the audit trail, and the jobs run.

SQLite from the standard library, in the workspace's ``.reportgen/web.sqlite3``, in WAL mode so
pages read while an upload writes; each thread has its own connection. The files themselves stay
where the command line keeps them; this records who sent what, when, its SHA-256 and the outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS submission (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,          -- 'Q3-2022-23'
    link TEXT NOT NULL,            -- the return: '<service workbook>|<lead>'
    received TEXT NOT NULL,        -- UTC, ISO 8601
    file_name TEXT NOT NULL,       -- as the sender's computer named it
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    outcome TEXT NOT NULL,         -- 'accepted', 'needs-fixing' or 'refused'
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    issues TEXT NOT NULL,          -- JSON: every problem found, or the reason refused
    seconds REAL NOT NULL          -- from the last byte received to the answer
);
CREATE INDEX IF NOT EXISTS submission_by_return ON submission (period, link, id);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS job (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,            -- 'issue', 'collect', 'build'
    period TEXT NOT NULL,
    who TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    state TEXT NOT NULL,           -- 'running', 'done', 'problems', 'failed'
    lines TEXT NOT NULL,           -- JSON: the progress lines
    result TEXT                    -- JSON: what the job found and wrote
);
"""


def now() -> str:
    """The time now in UTC, to the second, as stored."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Submission:
    """One file sent for a return, and what came of it."""

    id: int
    period: str
    link: str
    received: str
    file_name: str
    sha256: str
    bytes: int
    outcome: str
    errors: int
    warnings: int
    issues: list[dict[str, Any]]
    seconds: float


@dataclass(frozen=True)
class Job:
    """A collect, build or issue run for a period, with its progress and result."""

    id: int
    kind: str
    period: str
    who: str
    started: str
    finished: str | None
    state: str
    lines: list[str]
    result: dict[str, Any] | None

    @property
    def running(self) -> bool:
        return self.state == "running"


class Store:
    """The database, one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._connection().executescript(SCHEMA)
        with self.connect() as db:  # a job running when the server stopped never finished
            db.execute(
                "UPDATE job SET state = 'failed', finished = ?, result = ? WHERE state = 'running'",
                (now(), json.dumps({"failure": "the server stopped while it was running"})),
            )

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA busy_timeout = 30000")
            self._local.db = db
        return db

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction: committed on success, rolled back on an error."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def audit(self, who: str, action: str, target: str = "", detail: str = "") -> None:
        """Add a line to the audit trail."""
        with self.connect() as db:
            db.execute(
                "INSERT INTO audit (at, who, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                (now(), who, action, target, detail),
            )

    def audit_trail(self, limit: int = 200) -> list[sqlite3.Row]:
        return (
            self._connection()
            .execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
            .fetchall()
        )

    # submissions

    def add_submission(self, record: dict[str, Any]) -> int:
        """Record a file sent (``record`` holds the columns, ``issues`` as a list)."""
        values = dict(record, issues=json.dumps(record["issues"], ensure_ascii=False))
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.connect() as db:
            cursor = db.execute(
                f"INSERT INTO submission ({columns}) VALUES ({marks})", tuple(values.values())
            )
            return int(cursor.lastrowid or 0)

    def submissions(self, period: str, link: str) -> list[Submission]:
        """Every file sent for one return, newest first."""
        rows = self._connection().execute(
            "SELECT * FROM submission WHERE period = ? AND link = ? ORDER BY id DESC",
            (period, link),
        )
        return [_submission(row) for row in rows]

    def latest_submissions(self, period: str) -> dict[str, Submission]:
        """Each return's latest file that was not refused, by link (without its problems)."""
        rows = self._connection().execute(
            "SELECT s.id, s.period, s.link, s.received, s.file_name, s.sha256, s.bytes, "
            "s.outcome, s.errors, s.warnings, '[]' AS issues, s.seconds FROM submission s "
            "JOIN (SELECT MAX(id) AS id FROM submission WHERE period = ? AND outcome != 'refused' "
            "GROUP BY link) latest ON s.id = latest.id",
            (period,),
        )
        return {row["link"]: _submission(row) for row in rows}

    # jobs

    def start_job(self, kind: str, period: str, who: str) -> int | None:
        """A new running job, or None when a job is already running (one at a time)."""
        with self.connect() as db:
            if db.execute("SELECT 1 FROM job WHERE state = 'running'").fetchone():
                return None
            cursor = db.execute(
                "INSERT INTO job (kind, period, who, started, state, lines) "
                "VALUES (?, ?, ?, ?, 'running', '[]')",
                (kind, period, who, now()),
            )
            return int(cursor.lastrowid or 0)

    def job_progress(self, job_id: int, line: str) -> None:
        with self.connect() as db:
            row = db.execute("SELECT lines FROM job WHERE id = ?", (job_id,)).fetchone()
            lines = [*json.loads(row["lines"]), line]
            db.execute("UPDATE job SET lines = ? WHERE id = ?", (json.dumps(lines), job_id))

    def finish_job(self, job_id: int, state: str, result: dict[str, Any]) -> None:
        with self.connect() as db:
            db.execute(
                "UPDATE job SET state = ?, finished = ?, result = ? WHERE id = ?",
                (state, now(), json.dumps(result, ensure_ascii=False), job_id),
            )

    def job(self, job_id: int) -> Job | None:
        row = self._connection().execute("SELECT * FROM job WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def last_job(self, kind: str, period: str | None = None) -> Job | None:
        """The latest job of ``kind`` (for ``period``, when given)."""
        query = "SELECT * FROM job WHERE kind = ? AND (? IS NULL OR period = ?) ORDER BY id DESC"
        row = self._connection().execute(f"{query} LIMIT 1", (kind, period, period)).fetchone()
        return _job(row) if row else None


def _submission(row: sqlite3.Row) -> Submission:
    data = dict(row)
    data["issues"] = json.loads(data["issues"])
    return Submission(**data)


def _job(row: sqlite3.Row) -> Job:
    data = dict(row)
    data["lines"] = json.loads(data["lines"])
    data["result"] = json.loads(data["result"]) if data["result"] else None
    return Job(**data)
