"""Checking one return as it arrives, for the lead officer who sent it.

``check_return`` makes the checks ``collect`` makes on each return (every cell with the same
parsers, codes, duplicates, locked cells, rows deleted or left blank, formulas) against the
return's own service workbook, so an officer learns what to fix when they send it, not when the
performance officer next collects. Only what needs the other returns (two people returning one
code differently, who is still missing) waits for ``collect``.

``PlanCache`` keeps each service workbook's plan while its file is unchanged: reading the plan
costs more than reading a return.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import IssueList, Location, WorkbookError
from reportgen.kinds import Settings
from reportgen.loaders.service import load_service_plan
from reportgen.readers.workbook import open_workbook
from reportgen.returns.checks import check_against_plan
from reportgen.returns.issue import is_service_workbook
from reportgen.returns.layout import lead_key
from reportgen.returns.links import ReturnLink
from reportgen.returns.read import ReturnedFile, read_return
from reportgen.returns.seal import find_workspace, verify_returns
from reportgen.rules.periods import ReportingPeriod
from reportgen.schema.service import ServicePlan


@dataclass(frozen=True)
class LoadedPlan:
    """A service workbook's plan (None when the workbook has errors of its own)."""

    plan: ServicePlan | None
    problem: str | None = None


class PlanCache:
    """Service workbooks' plans, each read again only when its file changes."""

    def __init__(self) -> None:
        self._plans: dict[Path, tuple[tuple[int, int], LoadedPlan]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path) -> LoadedPlan:
        """The plan in the service workbook at ``path``."""
        try:
            stat = path.stat()
        except OSError:
            return LoadedPlan(None, f"the service workbook {path.name} is not in the input folder")
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            kept = self._plans.get(path)
            if kept is not None and kept[0] == stamp:
                return kept[1]
        loaded = _load(path)
        with self._lock:
            self._plans[path] = (stamp, loaded)
        return loaded


def _load(path: Path) -> LoadedPlan:
    try:
        workbook = open_workbook(path)
    except WorkbookError as exc:
        return LoadedPlan(None, str(exc))
    if not is_service_workbook(workbook):
        return LoadedPlan(None, f"{path.name} is not a service workbook")
    result = load_service_plan(workbook, Settings(), IssueList())
    if result.plan is None:
        return LoadedPlan(None, f"{path.name} has errors of its own; ask the performance officer")
    return LoadedPlan(result.plan)


def belongs_to(returned: ReturnedFile, link: ReturnLink, period: ReportingPeriod) -> str | None:
    """Why ``returned`` is not the return ``link`` was issued for (None when it is)."""
    same_lead = lead_key(returned.lead or "") == lead_key(link.lead or "")
    if returned.workbook == link.workbook and same_lead and returned.period == period:
        return None
    whose = returned.lead or "a whole service"
    when = returned.period.label if returned.period else "another period"
    return (
        f"this file is the {when} return of {whose} for {returned.service or returned.workbook}, "
        f"not {link.who}'s {period.label} return for {link.service}: send the file that was "
        "issued to you"
    )


def check_return(
    path: Path,
    input_dir: Path,
    plans: PlanCache | None = None,
    link: ReturnLink | None = None,
    period: ReportingPeriod | None = None,
    workspace: Path | None = None,
) -> ReturnedFile:
    """Read the return at ``path`` and check it against its service workbook in ``input_dir``.

    As ``collect`` does, a return whose Return Details do not match their seal, or that the
    ``workspace`` (by default the one ``input_dir`` belongs to) never issued, is refused (see
    :func:`reportgen.returns.seal.verify_returns`), and what the workspace recorded at issue,
    never the sheet, says whose return it is. With ``link`` and ``period``, a file that is
    another officer's return (or another period's) is refused: its ``failure`` says whose it
    is, and nothing in it is checked further.
    """
    returned = read_return(path)
    if returned.failure is not None:
        return returned
    verify_returns([returned], workspace or find_workspace(input_dir))
    if returned.failure is not None:
        return returned
    if link is not None and period is not None:
        refusal = belongs_to(returned, link, period)
        if refusal:
            returned.failure = refusal
            return returned
    name = returned.workbook or ""
    if Path(name).name != name or not name:
        returned.failure = f"{returned.name}: its Return Details name no service workbook"
        return returned
    loaded = (plans or PlanCache()).get(input_dir / name)
    if loaded.plan is None:
        returned.issues.error(
            "unknown-workbook", loaded.problem or "", Location(returned.name), returned.workbook
        )
        return returned
    if loaded.plan.period is not None and returned.period and loaded.plan.period >= returned.period:
        returned.issues.error(
            "period-already-reported",
            f"{name} already reports {loaded.plan.period.label}; this return is for "
            f"{returned.period.label}",
            Location(returned.name),
        )
        return returned
    check_against_plan(returned, loaded.plan)
    return returned
