"""How much of a seed's text a generated document reproduces.

A document reproduces a seed word when the word appears in the document as often as in the seed
(a multiset: a word the seed has three times counts three times). The document's words are read
as a reader meets them: body paragraphs and table cells in order, with the numbers and letters
Word draws for numbered lists ("1.", "a)"), which are not in the paragraphs' text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
WORD = re.compile(r"[a-z0-9£]+(?:['.,/][a-z0-9]+)*%?")
# "Choose an item." is an unfilled Word drop-down (a blank cell), not text of the document.
UNFILLED = re.compile(r"Choose an item\.")
_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, with typographic quotes and dashes made plain."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return WORD.findall(text.lower())


def seed_words(text: str) -> list[str]:
    """The words of a seed extraction, without its markup (HTML tags and entities, LaTeX,
    Markdown emphasis) and without unfilled drop-downs."""
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = UNFILLED.sub(" ", html.unescape(text))
    return words(text)


class _ListLabels:
    """The label Word draws before each numbered paragraph ("1.", "b)")."""

    def __init__(self, document) -> None:
        self.styles = {
            s.get(qn("w:styleId")): s for s in document.styles.element.iter(qn("w:style"))
        }
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iter(qn("w:abstractNum"))}
        for num in numbering.iter(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            overrides = {
                o.get(qn("w:ilvl")): o.find(qn("w:startOverride"))
                for o in num.iter(qn("w:lvlOverride"))
            }
            for lvl in definition.iter(qn("w:lvl")) if definition is not None else ():
                ilvl = lvl.get(qn("w:ilvl"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = overrides.get(ilvl)
                if start is None:
                    start = lvl.find(qn("w:start"))
                self.levels[(num_id, ilvl)] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )

    def _num_pr(self, p):
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else None
        while num_pr is None and style_id in self.styles:
            element = self.styles[style_id]
            num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            based = element.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return num_pr

    def label(self, p) -> str:
        num_pr = self._num_pr(p)
        if num_pr is None:
            return ""
        num = num_pr.find(qn("w:numId"))
        lvl = num_pr.find(qn("w:ilvl"))
        num_id = num.get(qn("w:val")) if num is not None else None
        ilvl = lvl.get(qn("w:val")) if lvl is not None else "0"
        level = self.levels.get((num_id, ilvl))
        if level is None or level[0] not in _FORMATS:
            return ""  # a bullet, or no numbering
        fmt, text, start = level
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return text.replace(f"%{int(ilvl) + 1}", _FORMATS[fmt](counters[ilvl])) + " "


def document_text(path: Path) -> str:
    """The text of a Word document's body as a reader meets it, list numbers included."""
    document = Document(path)
    labels = _ListLabels(document)
    lines: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                parts = [labels.label(child)]
                for node in child.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
                    parts.append(node.text or "" if node.tag == qn("w:t") else " ")
                lines.append("".join(parts))
            elif child.tag in (
                qn("w:tbl"),
                qn("w:tr"),
                qn("w:tc"),
                qn("w:sdt"),
                qn("w:sdtContent"),
            ):
                walk(child)

    walk(document.element.body)
    return "\n".join(lines)


@dataclass
class Fidelity:
    """How much of a seed a document reproduces: ``share`` of the seed's ``seed_count`` words,
    and the seed words the document lacks (``missing``, with how many times)."""

    seed_count: int
    reproduced: int
    missing: Counter

    @property
    def share(self) -> float:
        return self.reproduced / self.seed_count

    def describe(self, top: int = 40) -> str:
        shown = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in self.missing.most_common(top))
        return (
            f"{self.share:.1%} of the seed's {self.seed_count} words "
            f"({self.seed_count - self.reproduced} missing: {shown})"
        )


def fidelity(seed_text: str, document: Path) -> Fidelity:
    """How much of ``seed_text`` the Word document at ``document`` reproduces."""
    seed = Counter(seed_words(seed_text))
    found = Counter(words(document_text(document)))
    missing = seed - found
    total = sum(seed.values())
    return Fidelity(total, total - sum(missing.values()), missing)
