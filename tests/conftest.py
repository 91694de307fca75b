from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def templates_dir() -> Path:
    return ROOT / "templates"


# What a workspace's commands write beside input/ and templates/: the tests run them in their
# own folders, never in the repository (which is the example workspace a user builds in).
WORKSPACE_FOLDERS = ("output", "history", "archive", "returns", ".reportgen")


@pytest.fixture(scope="session", autouse=True)
def repository_left_as_found():
    before = {name for name in WORKSPACE_FOLDERS if (ROOT / name).exists()}
    yield
    made = sorted(name for name in WORKSPACE_FOLDERS if (ROOT / name).exists())
    made = [name for name in made if name not in before]
    assert not made, f"the tests wrote {', '.join(made)} into the repository at {ROOT}"


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the share of each seed the example documents reproduce (test_fidelity.py)."""
    shares = getattr(sys.modules.get("test_fidelity"), "SHARES", None)
    if shares:
        terminalreporter.section("fidelity to the seeds")
        for name, share in shares.items():
            terminalreporter.write_line(f"{share:6.1%}  {name}")
