"""The field reference is generated from the view classes, and docs/template-fields.md is it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.authoring.context_types import field_meanings, type_name
from reportgen.authoring.fields import reference
from reportgen.cli import cli
from reportgen.documents.performance_report import ActionRow, GroupView
from reportgen.render.filters import FILTERS
from reportgen.rules.formats import in_words, letter, per, plural_word, roman

ROOT = Path(__file__).resolve().parent.parent


def test_docs_template_fields_matches_the_code():
    written = (ROOT / "docs" / "template-fields.md").read_text(encoding="utf-8")
    assert written == reference(), "run 'reportgen templates fields --write' and commit the result"


def test_reference_lists_loop_classes_with_how_they_are_reached_and_examples():
    text = reference(["performance-report"])
    assert "### GroupView\n\nReached as `sections[].groups[]`." in text
    assert '| `code` | text | "STRAT1.1" | "' in text
    assert "| `icon` | picture | the status family's picture | picture \"" in text
    assert "## Filters" not in text


def test_every_filter_is_documented():
    text = reference()
    for name in FILTERS:
        assert f"| `{name}` |" in text


def test_field_meanings_read_both_docstring_styles():
    assert field_meanings(ActionRow)["title"] == "the action title"
    assert field_meanings(GroupView)["overall_number"] == "2.1"
    assert type_name(list[ActionRow]) == "list of ActionRow"


def test_fields_command_prints_one_document():
    result = CliRunner().invoke(cli, ["templates", "fields", "performance-report"])
    assert result.exit_code == 0
    assert result.output.startswith("# Template fields")
    assert "## performance-report" in result.output and "## service-plan" not in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (per(12.5, "1,000 residents"), "12.5 per 1,000 residents"),
        (per(None, "FTE", blank="–"), "–"),
        (plural_word(1, "action"), "action"),
        (plural_word(3, "is", "are"), "are"),
        (letter(2, "lower"), "b"),
        (letter(28), "AB"),
        (roman(4), "iv"),
        (roman(1994, "upper"), "MCMXCIV"),
        (in_words(3), "three"),
        (in_words(1200), "1,200"),
    ],
)
def test_filters(text, expected):
    assert text == expected
