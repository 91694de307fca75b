"""Keeping each period's validated figures in the workspace: ``history/<plan>/<period>.json``.

A build writes the record of every service plan it builds (once its outputs are committed), and
``returns collect`` writes the records of the workbook the returns were issued from and of the
merged workbook, so the history fills whichever way a quarter's returns came in. A record is
replaced when its period is built again. Records are read back to compare a period with the last
one on record and to show each action's progress over time; one that cannot be read is passed
over with a warning that names it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.errors import Issue, Location, OutputError, Severity
from reportgen.history.records import plan_key, record_of
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.history import RECORD_VERSION, PeriodRecord
from reportgen.schema.service import ServicePlan
from reportgen.write.output import write_atomic

DEFAULT_FOLDER = Path("history")


@dataclass
class History:
    """The records of one plan before a period, oldest first, and the files passed over."""

    records: list[PeriodRecord] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)
    digest: str = ""  # of the records' bytes: changes when any earlier record does


class HistoryStore:
    """The history folder of a workspace."""

    def __init__(self, folder: Path = DEFAULT_FOLDER) -> None:
        self.folder = folder

    def path(self, plan: str, period: ReportingPeriod) -> Path:
        """``history/cfsw-sp2023/2022-23 Q3.json``."""
        return self.folder / plan / f"{period.folder}.json"

    def save(self, record: PeriodRecord) -> Path:
        """Write ``record`` (atomically); OutputError when the folder cannot be written."""
        path = self.path(record.plan, record.reporting_period)
        try:
            write_atomic(path, record.model_dump_json(indent=1).encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"{path} could not be written: {exc.strerror}") from exc
        return path

    def before(self, plan: str, period: ReportingPeriod) -> History:
        """The plan's records for periods before ``period``, oldest first."""
        history = History()
        digest = hashlib.sha256()
        found: list[tuple[ReportingPeriod, PeriodRecord]] = []
        for path in sorted((self.folder / plan).glob("*.json")):
            data = path.read_bytes() if path.is_file() else b""
            record = _read(path, data, history.problems)
            if record is None:
                continue
            when = record.reporting_period
            if when < period:
                found.append((when, record))
                digest.update(path.name.encode() + data)
        history.records = [record for _, record in sorted(found, key=lambda pair: pair[0])]
        history.digest = digest.hexdigest()
        return history

    def records(self, plan: str) -> list[PeriodRecord]:
        """Every readable record of the plan, oldest first."""
        far = ReportingPeriod(9999, 4)
        return self.before(plan, far).records


def _read(path: Path, data: bytes, problems: list[Issue]) -> PeriodRecord | None:
    try:
        raw: Any = json.loads(data)
        record = PeriodRecord.model_validate(raw)
        record.reporting_period  # noqa: B018 - a record whose period does not parse is unusable
    except (ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0]
        problems.append(_problem(path, f"cannot be read ({reason}); it is left out"))
        return None
    if record.version > RECORD_VERSION:
        problems.append(_problem(path, "was written by a newer reportgen; it is left out"))
        return None
    return record


def _problem(path: Path, text: str) -> Issue:
    return Issue(
        Severity.WARNING,
        "bad-history",
        f"the history record {path} {text}, so changes since that period are not shown",
        Location(path.name, place=str(path.parent)),
    )


def with_history(model: Any, store: HistoryStore) -> tuple[PeriodRecord | None, History]:
    """For a service plan: its record for this period, and its earlier records (set on the
    model's ``history`` for its documents). Other models have neither."""
    if not isinstance(model, ServicePlan):
        return None, History()
    record = record_of(model)
    if record is None or model.period is None:
        return None, History()
    history = store.before(plan_key(model), model.period)
    model.history = history.records
    return record, history
