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


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the share of each seed the example documents reproduce (test_fidelity.py)."""
    shares = getattr(sys.modules.get("test_fidelity"), "SHARES", None)
    if shares:
        terminalreporter.section("fidelity to the seeds")
        for name, share in shares.items():
            terminalreporter.write_line(f"{share:6.1%}  {name}")
