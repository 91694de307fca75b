"""The pipeline: read → validate → build context → render → write, run for a folder of returns.

``build(config)`` and ``validate(config)`` (:mod:`.run`) are the library's front door
(``reportgen.build``); ``changes(config)`` (:mod:`.changes`) says what changed since the last
period on record. :mod:`.inputs` reads one workbook (opened, recognised, checked, or passed over
blank); :mod:`.workbooks` builds workbooks, in this process and in worker processes;
:mod:`.outputs` is what a build writes (file names and clashes, packs, PDFs, the accessibility
check of what was made).
"""

from reportgen.pipeline.changes import ChangesReport, PlanChangesResult, changes
from reportgen.pipeline.inputs import WorkbookReport
from reportgen.pipeline.outputs import ProgressCallback
from reportgen.pipeline.run import BuildReport, build, validate

__all__ = [
    "BuildReport",
    "ChangesReport",
    "PlanChangesResult",
    "ProgressCallback",
    "WorkbookReport",
    "build",
    "changes",
    "validate",
]
