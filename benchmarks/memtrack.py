"""Memory of a whole process tree over time, from /proc (Linux; no psutil needed).

A sampling thread walks the tree under a root pid (``/proc/<pid>/task/<tid>/children``,
recursively: worker pools, the chart pool, LibreOffice's oosplash and soffice.bin) every
``interval`` seconds and sums, over every live process of the tree:

* RSS - resident pages, shared pages counted once per process (overstates a forked pool);
* PSS - proportional set size: each shared page divided among the processes sharing it, so
  the sum over a tree is the tree's real share of RAM (what "peak memory of ALL processes
  together" means);
* USS - private pages (Private_Clean + Private_Dirty): what ending that process would free.

All three come from ``/proc/<pid>/smaps_rollup`` (kernel >= 4.14; one read per process, the
kernel sums the mappings), falling back to ``/proc/<pid>/status`` VmRSS when unreadable.
The peaks of the sums are kept, plus a timeline when asked for.

psutil is not needed on Linux: ``psutil.Process.memory_full_info()`` reads the full
``smaps`` (slower) for the same numbers; it would only matter for running the benchmark on
macOS/Windows, where there is no PSS.

Sampling can miss a spike shorter than ``interval``; ``run_measured`` also reports
``ru_maxrss`` of the children (the largest single process ever, from the kernel, never missed)
as a cross-check.

    from memtrack import run_measured
    result = run_measured(["reportgen", "build", ...])
    print(result.wall, result.cpu, result.peak_pss_mb, result.peak_rss_mb, result.max_single_rss_mb)
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_pids(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                text = Path(f"/proc/{pid}/task/{tid}/children").read_text()
            except OSError:
                continue
            stack.extend(int(child) for child in text.split())
    return found


def process_memory_kb(pid: int) -> tuple[int, int, int] | None:
    """(RSS, PSS, USS) of one process in kB, or None when it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except (OSError, ValueError):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                return rss, rss, rss
        return None  # a zombie has no memory
    values: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":"):
            values[parts[0][:-1]] = int(parts[1])
    rss = values.get("Rss", 0)
    pss = values.get("Pss", rss)
    uss = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return rss, pss, uss


@dataclass
class Sample:
    t: float
    processes: int
    rss_kb: int
    pss_kb: int
    uss_kb: int


@dataclass
class TreeMemory:
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    peak_uss_kb: int = 0
    peak_processes: int = 0
    samples: list[Sample] = field(default_factory=list)

    @property
    def peak_pss_mb(self) -> float:
        return self.peak_pss_kb / 1024

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_kb / 1024

    @property
    def peak_uss_mb(self) -> float:
        return self.peak_uss_kb / 1024


class TreeSampler(threading.Thread):
    """Samples the tree under ``root`` until ``stop()``; results in ``memory``."""

    def __init__(self, root: int, interval: float = 0.05, timeline: bool = False) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.timeline = root, interval, timeline
        self.memory = TreeMemory()
        self._stop_event = threading.Event()
        self._start = time.perf_counter()

    def sample(self) -> Sample:
        rss = pss = uss = count = 0
        for pid in tree_pids(self.root):
            got = process_memory_kb(pid)
            if got is None:
                continue
            count += 1
            rss, pss, uss = rss + got[0], pss + got[1], uss + got[2]
        s = Sample(time.perf_counter() - self._start, count, rss, pss, uss)
        m = self.memory
        m.peak_rss_kb = max(m.peak_rss_kb, rss)
        m.peak_pss_kb = max(m.peak_pss_kb, pss)
        m.peak_uss_kb = max(m.peak_uss_kb, uss)
        m.peak_processes = max(m.peak_processes, count)
        if self.timeline:
            m.samples.append(s)
        return s

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> TreeMemory:
        self._stop_event.set()
        self.join()
        return self.memory


@dataclass
class Measured:
    """A command's wall time, CPU time (user+sys of it and every descendant it waited for),
    exit code, output, the peaks of its tree's summed memory, and the kernel's largest
    single-process RSS among the children (``ru_maxrss``, a cross-check)."""

    wall: float
    cpu: float
    returncode: int
    stdout: str
    stderr: str
    memory: TreeMemory
    max_single_rss_mb: float

    @property
    def peak_pss_mb(self) -> float:
        return self.memory.peak_pss_mb

    @property
    def peak_rss_mb(self) -> float:
        return self.memory.peak_rss_mb


def run_measured(
    command: list[str], interval: float = 0.05, timeline: bool = False, **popen
) -> Measured:
    """Run ``command`` to its end, sampling the memory of its whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen
    )
    sampler = TreeSampler(process.pid, interval, timeline)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    memory = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, process.returncode, stdout, stderr, memory, after.ru_maxrss / 1024)


if __name__ == "__main__":
    import sys

    result = run_measured(sys.argv[1:], timeline=True)
    print(f"wall {result.wall:.2f}s cpu {result.cpu:.2f}s exit {result.returncode}")
    print(
        f"peak of sums: PSS {result.peak_pss_mb:.0f} MB, RSS {result.peak_rss_mb:.0f} MB, "
        f"USS {result.memory.peak_uss_mb:.0f} MB over up to {result.memory.peak_processes} "
        f"processes; largest single process (ru_maxrss) {result.max_single_rss_mb:.0f} MB"
    )
