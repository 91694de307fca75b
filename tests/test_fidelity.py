"""The example papers are the councils' real papers: each document the example build makes
reproduces its seed's words (the text of the council's own document, ``tests/data/seeds``).

What a document cannot reproduce comes from the data, not from reportgen: the seeds are
extractions that lost words at page breaks, and the service plan and the performance report
were written two years apart (the report renames some actions). The shares are printed at the
end of the test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fidelity import SEEDS, fidelity

from reportgen import BuildConfig, build

# document suffix → (seed, the share of its words the document must reproduce)
EXPECTED = {
    "cfsw-service-plan-service-plan": ("service-plan.txt", 0.98),
    "cfsw-service-plan-performance-report": ("performance-report.txt", 0.95),
    "loip-partnership-plan-partnership-plan": ("partnership-plan.txt", 0.98),
    "cfsw-service-plan-committee-report": ("committee-report.txt", 0.98),
    "improvement-programme-improvement-programme": ("improvement-programme.txt", 0.98),
}
SHARES: dict[str, float] = {}


@pytest.fixture(scope="module")
def example(tmp_path_factory, request) -> Path:
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("fidelity")
    report = build(
        BuildConfig(input_dir=root / "input", output_dir=out, templates_dir=root / "templates")
    )
    assert report.ok, report.failure
    return out


def written(folder: Path, name: str) -> Path:
    """The document ``name`` the build wrote, in its period's folder or not."""
    (path,) = folder.rglob(f"{name}.docx")
    return path


@pytest.mark.parametrize("name", EXPECTED)
def test_each_example_document_reproduces_its_seed(example, name):
    seed, expected = EXPECTED[name]
    found = fidelity((SEEDS / seed).read_text(encoding="utf-8"), written(example, name))
    SHARES[name] = found.share
    assert found.share >= expected, f"{name}: {found.describe()}"


def test_a_document_missing_text_falls_short(example, tmp_path):
    """The measure can fail: the committee report measured against the improvement programme's
    seed reproduces little of it."""
    found = fidelity(
        (SEEDS / "improvement-programme.txt").read_text(encoding="utf-8"),
        written(example, "cfsw-service-plan-committee-report"),
    )
    assert found.share < 0.5
    assert found.missing["ofsted"] >= 5
