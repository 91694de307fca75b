"""Long work started from a page (issue, collect, build) runs in the background, one at a time.

A job runs the library call in a thread, writes each progress line to the database as it comes
(the page polls for them with htmx), then its result as plain data. A job that fails with a
:class:`~reportgen.errors.ReportgenError` says why; any other error is recorded plainly (the
traceback goes to the server's log, never to the page).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from reportgen.errors import ReportgenError
from reportgen.web.store import Store

log = logging.getLogger("reportgen.web")

Progress = Callable[[str], None]
Work = Callable[[Progress], tuple[str, dict[str, Any]]]  # -> (state, result)


def start(store: Store, kind: str, period: str, who: str, work: Work) -> int | None:
    """Start ``work`` as a job; its id, or None when another job is running."""
    job_id = store.start_job(kind, period, who)
    if job_id is None:
        return None
    store.audit(who, f"started {kind}", period, f"job {job_id}")
    thread = threading.Thread(
        target=_run, args=(store, job_id, kind, period, who, work), name=f"job-{job_id}"
    )
    thread.daemon = True
    thread.start()
    return job_id


def _run(store: Store, job_id: int, kind: str, period: str, who: str, work: Work) -> None:
    try:
        state, result = work(lambda line: store.job_progress(job_id, line))
    except ReportgenError as exc:
        state, result = "failed", {"failure": str(exc)}
    except Exception as exc:  # a bug: keep the server up, say so, log the traceback
        log.exception("job %s (%s) failed", job_id, kind)
        state, result = "failed", {"failure": f"Stopped by an unexpected error: {exc!r}"}
    store.finish_job(job_id, state, result)
    store.audit(who, f"finished {kind}: {state}", period, f"job {job_id}")
