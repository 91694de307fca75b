"""The package's shape holds: its layers (import-linter's contracts), its lint, every folder of
code shipped, every module short enough to read, and nothing pointing outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "reportgen"
BIN = Path(sys.executable).parent
MAX_MODULE_LINES = 400


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    program = BIN / tool
    if not program.exists():
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(program), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_each_layer_imports_only_from_the_layers_below_it():
    result = _run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_code_is_lint_clean_and_formatted():
    folders = [f for f in ("src", "tests", "scripts", "benchmarks") if (ROOT / f).is_dir()]
    checked = _run("ruff", "check", *folders)
    assert checked.returncode == 0, checked.stdout
    formatted = _run("ruff", "format", "--check", *folders)
    assert formatted.returncode == 0, formatted.stdout


def test_every_folder_of_code_is_a_shipped_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        "reportgen" + "".join(f".{part}" for part in init.parent.relative_to(PACKAGE).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to pyproject.toml's packages: {sorted(on_disk - listed)}"
    layers = " ".join(config["tool"]["importlinter"]["contracts"][0]["layers"])
    top_level = {name.split(".")[1] for name in on_disk if name.count(".") == 1}
    missing = {name for name in top_level if not re.search(rf"\b{name}\b", layers)}
    assert not missing, f"add to the layers contract in pyproject.toml: {sorted(missing)}"


def test_no_module_is_longer_than_a_reader_can_follow():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these modules (over {MAX_MODULE_LINES} lines): {long}"


def test_nothing_points_at_the_teams_shared_folder():
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:
        pytest.skip("not a git checkout")
    text_files = [ROOT / name for name in listed if Path(name).suffix in {".py", ".md", ".toml"}]
    found = [
        str(path.relative_to(ROOT))
        for path in text_files
        if path.is_file() and "../" + "shared" in path.read_text(encoding="utf-8")
    ]
    assert not found, f"these point at the team's shared folder, which users do not have: {found}"
