"""reportgen.toml: read, checked with line numbers, merged with the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.config import BuildConfig, ConfigError, build_config, key_lines, parse_config
from reportgen.layouts import document_names
from reportgen.rules.periods import ReportingPeriod

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
organisation = "Moray Council"
period = "Q3 2022/23"
input = "returns"
documents = ["performance-report"]
output_name = "{period} {document}-{workbook}"

[status]
behind_threshold = 15
"""


def problems(text: str) -> list[tuple[int | None, str]]:
    found = parse_config(text)[1]
    return [(int(p.location.place.split()[1]), p.location.heading) for p in found]


def test_good_file_gives_a_build_config(tmp_path):
    path = tmp_path / "reportgen.toml"
    path.write_text(GOOD)
    config = build_config(path)
    assert config.input_dir == tmp_path / "returns"
    assert config.output_dir == Path("output")
    assert config.period == ReportingPeriod.parse("Q3 2022/23")
    assert config.only == ("performance-report",)
    assert config.behind_threshold == 15.0
    assert config.settings.organisation == "Moray Council"
    assert config.output_name == "{period} {document}-{workbook}"


def test_command_line_options_win_over_the_file(tmp_path):
    path = tmp_path / "reportgen.toml"
    path.write_text(GOOD)
    period = ReportingPeriod.parse("Q1 2023/24")
    config = build_config(path, input_dir=Path("elsewhere"), period=period, only=("service-plan",))
    assert (config.input_dir, config.period, config.only) == (
        Path("elsewhere"),
        period,
        ("service-plan",),
    )


def test_no_file_gives_the_defaults(tmp_path):
    config = build_config(tmp_path / "reportgen.toml")
    assert (config.input_dir, config.templates_dir) == (Path("input"), Path("templates"))


def test_every_problem_is_reported_with_its_line():
    text = """\
organisation = "Moray Council"
perod = "Q2 2022/23"
documents = ["performance-reprot"]

[status]
behind_threshold = 120
output_name = "{workbook}-{quarter}"
"""
    assert problems(text) == [
        (2, "perod"),
        (3, "documents"),
        (6, "status.behind_threshold"),
        (7, "status.output_name"),
    ]
    found = {p.location.heading: p.message for p in parse_config(text)[1]}
    assert "did you mean 'period'" in found["perod"]
    assert "did you mean 'performance-report'" in found["documents"]
    assert "not between 0 and 100" in found["status.behind_threshold"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('period = "Q5 2022/23"\n', [(1, "period")]),
        ("\n\ninput = 3\n", [(3, "input")]),
        ('output_name = "{period}"\n', [(1, "output_name")]),
        ('output_name = "{workbook}-{document}"\n', [(1, "output_name")]),
        ('output_name = "{period}//{document}"\n', [(1, "output_name")]),
        ('output_name = "../{period}/{document}"\n', [(1, "output_name")]),
        ('[status]\n"behind_threshold" = "a lot"\n', [(2, "status.behind_threshold")]),
        ('organisation = "Moray\n', [(1, "reportgen.toml")]),
        ('\nmerge_cells = "yes"\n', [(2, "merge_cells")]),
        ('merge_cells = ["partnership-plans"]\n', [(1, "merge_cells")]),
    ],
)
def test_bad_values_are_reported_with_their_line(text, expected):
    assert problems(text) == expected


@pytest.mark.parametrize(
    ("text", "merged"),
    [
        ("", set()),
        ("merge_cells = false\n", set()),
        ('merge_cells = ["partnership-plan"]\n', {"partnership-plan"}),
        ("merge_cells = true\n", set(document_names())),
    ],
)
def test_merged_cells_are_off_unless_chosen_per_layout(tmp_path, text, merged):
    """Papers are the accessible variant unless the council chooses its merged look."""
    path = tmp_path / "reportgen.toml"
    path.write_text(text)
    config = build_config(path)
    assert {d for d in document_names() if config.merges_cells(d)} == merged


def test_key_lines_follow_tables():
    assert key_lines("a = 1\n[status]\n  behind_threshold = 2\n") == {
        "a": 1,
        "status": 2,
        "status.behind_threshold": 3,
    }


def test_load_error_lists_every_problem(tmp_path):
    path = tmp_path / "reportgen.toml"
    path.write_text('perod = "x"\ndocuments = "all"\n')
    with pytest.raises(ConfigError) as caught:
        build_config(path)
    assert "line 1: perod" in str(caught.value) and "line 2: documents" in str(caught.value)


def test_build_reads_reportgen_toml_in_the_current_folder(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "input", tmp_path / "returns")
    (tmp_path / "reportgen.toml").write_text(
        'input = "returns"\noutput = "papers"\ndocuments = ["performance-report"]\n'
        'output_name = "{period}/{document}"\n'
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--quiet"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "papers" / "2022-23 Q2").glob("*.docx")) == [
        "performance-report.docx"
    ]


def test_output_name_puts_each_period_apart():
    config = BuildConfig(output_dir=Path("out"))
    q3 = ReportingPeriod.parse("Q3 2022/23")
    assert config.output_file(Path("in/cfsw.v2.xlsx"), "performance-report", q3) == Path(
        "out/2022-23 Q3/cfsw.v2-performance-report.docx"
    )
    assert config.output_file(Path("loip.xlsx"), "partnership-plan", None) == Path(
        "out/loip-partnership-plan.docx"
    )
    flat = BuildConfig(output_name="{workbook} {period} {document}")
    assert flat.output_file(Path("loip.xlsx"), "plan", None) == Path("output/loip plan.docx")
    with pytest.raises(ConfigError, match="must use {period}"):
        BuildConfig(output_name="{workbook}-{document}")


def test_bad_reportgen_toml_stops_the_build_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "reportgen.toml").write_text('\n[status]\nbehind_threshold = "twenty"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "line 3: status.behind_threshold" in result.output
