"""How text typed in a cell is read: bullet lines, lines, and names matched loosely.

These are rules of the returns contract, not of Excel or Word: a line that starts with a bullet
mark is a bullet item; headings, sheet names and codes match after lower-casing, collapsing runs
of white space and dropping trailing punctuation; a name that matches nothing is answered with
the nearest one ("did you mean …?").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

BULLET_MARKS = ("•", "-", "*", "·", "–", "○", "▪")
# Starts a table cell that carries on the cell above (see reportgen.documents.rich.continued);
# a private-use character the readers remove from anything staff type.
CELL_CONTINUES = "\ue000"


def split_lines(text: str | None) -> list[str]:
    """The non-empty lines of a cell."""
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def bullet_text(line: str) -> str | None:
    """The text of a bullet line ("• text", "- text", "* text", "· text"), or None."""
    stripped = line.lstrip()
    for mark in BULLET_MARKS:
        if stripped.startswith(mark) and not stripped.startswith("--"):
            rest = stripped[len(mark) :]
            if mark in "-–" and not rest.startswith((" ", "\t")):
                return None
            return rest.strip()
    return None


_NUMBERED = re.compile(r"^\s*(\(?(?:\d{1,2}|[a-zA-Z])[.)])\s+(\S.*)$")


def numbered_item(line: str) -> tuple[str, str] | None:
    """The label and text of a line typed as an item of a numbered list ("1. text",
    "2) text", "a) text", "(b) text", "C. text"), or None."""
    match = _NUMBERED.match(line)
    if match is None or (match[1].startswith("(") and not match[1].endswith(")")):
        return None
    return match[1], match[2].strip()


def normalise_heading(text: object) -> str:
    """Lower-case, spaces collapsed (and dropped around "/"), trailing punctuation dropped:
    "DUE  DATE:" → "due date", "Strategy / Plans" → "strategy/plans"."""
    folded = " ".join(str(text).replace("\n", " ").split()).lower()
    return re.sub(r" ?/ ?", "/", folded).rstrip(" :.*?!;,")


def nearest(text: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``text`` (for "did you mean …?"), or None."""
    options = {normalise_heading(c): c for c in choices}
    found = difflib.get_close_matches(normalise_heading(text), list(options), n=1, cutoff=0.6)
    return options[found[0]] if found else None
