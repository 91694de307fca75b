"""A build killed at any moment leaves the old set of outputs or the new one, never a mix, and no
stray files, once the next run has started (and finished or undone the commit it finds).

Two ways to kill: at each step that changes the file system (every file created, synced, moved,
linked or removed: the build's process kills itself with SIGKILL just before that step, so no
``finally`` runs), and at random moments from outside, as a user's Ctrl-C-and-close or a
machine shutting down would.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbooks import write_service_workbook

from reportgen import BuildConfig, build
from reportgen.write.transaction import Transaction

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS = ("replace", "rename", "link", "unlink", "rmdir", "mkdir", "fsync")


def outputs(folder: Path) -> dict[str, bytes]:
    """The outputs a user sees and the record of the build that made them (not the caches)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(".cache/charts")
    }


def stray(folder: Path) -> list[str]:
    return [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if ".reportgen" in p.parts or p.name.endswith(".tmp")
    ]


def config(project: Path) -> BuildConfig:
    return BuildConfig(
        input_dir=project / "input",
        output_dir=project / "output",
        templates_dir=ROOT / "templates",
        only=("performance-report", "service-plan"),
        jobs=1,
    )


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A project whose output/ holds the old set, and the new set a build would write."""
    base = tmp_path_factory.mktemp("kill")
    old = base / "old"
    write_service_workbook(old / "input" / "a.xlsx")
    write_service_workbook(old / "input" / "b.xlsx")
    assert build(config(old)).ok
    old_set = outputs(old / "output")
    new = base / "new"
    shutil.copytree(old, new)
    change(new)  # once: the changed returns are copied to every run, byte for byte
    assert build(config(new)).ok
    new_set = outputs(new / "output")
    assert old_set.keys() == new_set.keys() and old_set != new_set
    return old, old_set, new_set


def change(project: Path) -> None:
    """Edit both returns so that every output changes."""
    for name in ("a.xlsx", "b.xlsx"):
        path = project / "input" / name
        book = load_workbook(path)
        book["Actions"]["G4"] = 12
        book["Plan"]["B4"] = "A renamed plan"
        book.save(path)


def prepared(sets, folder: Path) -> Path:
    """A copy of the old project with the changed returns of the new one."""
    old = sets[0]
    shutil.copytree(old, folder)
    shutil.copytree(old.parent / "new" / "input", folder / "input", dirs_exist_ok=True)
    return folder


def _killed_at(project: Path, step: int, counter) -> None:
    """Run the build, SIGKILLing this process just before its ``step``-th change to the file
    system under the project (0: count the steps and finish)."""
    seen = 0
    for name in MUTATIONS:
        real = getattr(os, name)

        def wrapped(*args, _real=real, **kwargs):
            nonlocal seen
            path = str(args[0]) if args and not isinstance(args[0], int) else ""
            if isinstance(args[0], int) or str(project) in path:
                seen += 1
                counter.value = seen
                if seen == step:
                    os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)

        setattr(os, name, wrapped)
    build(config(project))


def recovered(project: Path) -> dict[str, bytes]:
    """What the output folder holds once the next run has opened it (and closed it)."""
    with Transaction(project / "output"):
        pass
    return outputs(project / "output")


def test_a_build_killed_at_every_step_leaves_the_old_or_the_new_set(sets, tmp_path):
    old, old_set, new_set = sets
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    dry = prepared(sets, tmp_path / "dry")
    process = context.Process(target=_killed_at, args=(dry, 0, counter))
    process.start()
    process.join()
    steps = counter.value
    assert process.exitcode == 0 and steps > 10
    found = {"old": 0, "new": 0}
    for step in range(1, steps + 1):
        project = prepared(sets, tmp_path / f"step-{step}")
        process = context.Process(target=_killed_at, args=(project, step, counter))
        process.start()
        process.join()
        assert process.exitcode == -signal.SIGKILL, f"step {step} was not reached"
        after = recovered(project)
        assert after in (old_set, new_set), f"killed at step {step}: a mix of old and new"
        assert stray(project / "output") == [], f"killed at step {step}: stray files"
        found["old" if after == old_set else "new"] += 1
    assert found["old"] and found["new"], found  # the kills landed before and after the commit


def test_a_build_killed_from_outside_at_random_moments(sets, tmp_path):
    old, old_set, new_set = sets
    rng = random.Random(13)
    code = (
        "import sys\nfrom pathlib import Path\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_kill import config\nfrom reportgen import build\n"
        "build(config(Path(sys.argv[1])))\n"
    )
    for attempt in range(6):
        project = prepared(sets, tmp_path / f"attempt-{attempt}")
        process = subprocess.Popen([sys.executable, "-c", code, str(project)], cwd=ROOT)
        time.sleep(rng.uniform(0.5, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = recovered(project)
        assert after in (old_set, new_set), f"attempt {attempt}: a mix of old and new"
        assert stray(project / "output") == []
