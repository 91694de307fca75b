"""Finding two outputs that would get one file, before anything is written.

An output's file comes from the ``output_name`` setting (``"{period}/{workbook}-{document}"``):
the workbook's file name without its extension is in it, so two returns ``x.xlsx`` and
``x.xlsm`` for one period, or a setting without ``{workbook}`` and several returns, would write
one file over another; a file system that ignores case (Windows, most shared drives) also takes
``Plan.xlsx`` and ``plan.xlsx`` for one. :func:`find_clashes` names every such set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen.write.transaction import name_key


@dataclass(frozen=True)
class OutputClash:
    """Outputs that would be written to one file: ``name``, and who would write it, each a
    (workbook, document) pair."""

    name: Path
    writers: tuple[tuple[Path, str], ...]

    def message(self) -> str:
        """The problem in words, for each workbook involved."""
        who = " and ".join(f"{w.name} ({d})" for w, d in self.writers)
        return (
            f"{who} would all be written to {self.name}, and one would be lost; rename the "
            "workbooks so their names differ, or put {workbook} in the output_name setting"
        )


def find_clashes(outputs: Iterable[tuple[Path, str, Path]]) -> list[OutputClash]:
    """Every output file claimed by more than one workbook; ``outputs`` are (workbook,
    document, file) triples. Files that differ only in case or Unicode form clash too."""
    claims: dict[str, list[tuple[Path, str, Path]]] = {}
    for workbook, document, name in outputs:
        claims.setdefault(name_key(name), []).append((workbook, document, name))
    clashes = []
    for found in claims.values():
        writers = list(dict.fromkeys((w, d) for w, d, _ in found))
        if len({w for w, _ in writers}) > 1:
            clashes.append(OutputClash(found[0][2], tuple(writers)))
    return clashes
